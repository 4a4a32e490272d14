//! `socklab serve` under fire, and socklab stopped half-way: each test is
//! one defect that must not come back.
//!
//! - a class of hostile clients cannot keep a good one waiting;
//! - the cap on clients, the message deadline, the accept backlog;
//! - a UDP port in use, one UDP exchange per sender;
//! - SIGINT/SIGTERM leave no folder, socket file or child behind;
//! - a closed or full stdout is an exit status, not a panic.
//!
//! Every wait is bounded ([`WAIT`]), every process started is killed on
//! drop, and all traffic goes to 127.0.0.1.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// The longest any step may take: far more than loopback needs.
const WAIT: Duration = Duration::from_secs(20);

/// A socklab process whose stdout is read line by line, killed on drop.
struct Socklab {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Socklab {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn socklab(args: &[&str]) -> Socklab {
    let mut child = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("socklab starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    Socklab { child, lines }
}

impl Socklab {
    fn line(&self) -> String {
        self.lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line from socklab within {WAIT:?}"))
    }

    /// The address of `listening on ADDR (tcp|udp)`, after which the line
    /// saying what the server does is skipped too.
    fn address(&self) -> SocketAddr {
        let first = self.line();
        let address = first
            .strip_prefix("listening on ")
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|address| address.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        self.line();
        address
    }

    /// The next line that contains `text`, within [`WAIT`].
    fn until(&self, text: &str) -> String {
        loop {
            let line = self.line();
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Waits (at most [`WAIT`]) for the exit status.
    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "socklab still running");
            thread::sleep(Duration::from_millis(5));
        }
    }
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&address, WAIT).expect("connecting");
    stream.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    stream.set_write_timeout(Some(WAIT)).expect("SO_SNDTIMEO");
    stream
}

// ---------------------------------------------------------------------------
// Concurrency, the cap, the deadlines, the backlog.
// ---------------------------------------------------------------------------

/// The measure: with 100 hostile clients connected (silent ones,
/// ones that sent a byte and went quiet, half-closed ones), a good client
/// is answered within 1 s. One at a time, the server made it wait 184 s
/// for 18 silent clients.
#[test]
fn a_good_client_is_served_at_once_while_100_hostile_clients_are_connected() {
    let server = socklab(&["serve", "2", "--idle-timeout", "60"]);
    let address = server.address();
    let mut hostile = Vec::new();
    for n in 0..100 {
        let stream = connect(address);
        match n % 3 {
            0 => {}
            1 => (&stream).write_all(b"e").expect("one byte"),
            _ => stream.shutdown(Shutdown::Read).expect("half-close"),
        }
        hostile.push(stream);
    }
    // Every one of them has its thread before the good client comes.
    for _ in 0..100 {
        server.until(": connected");
    }
    let started = Instant::now();
    let mut good = connect(address);
    good.write_all(b"echo hi").expect("a command");
    let mut reply = [0u8; 3];
    good.read_exact(&mut reply).expect("the reply");
    let waited = started.elapsed();
    assert_eq!(&reply, b"hi\n");
    assert!(
        waited < Duration::from_secs(1),
        "good client waited {waited:?}"
    );
    eprintln!("good client served in {waited:?} with 100 hostile clients connected");
}

/// Past [`MAX_CLIENTS`](socklab::roles::MAX_CLIENTS), a client is reset at
/// once and the log says why.
#[test]
fn clients_past_the_cap_are_refused_with_a_log_line() {
    let server = socklab(&["serve", "2", "--idle-timeout", "60"]);
    let address = server.address();
    let cap = socklab::roles::MAX_CLIENTS;
    let held: Vec<TcpStream> = (0..cap).map(|_| connect(address)).collect();
    for _ in 0..cap {
        server.until(": connected");
    }
    // The reset can come so soon that connect itself reports it (the
    // handshake completed, then the RST arrived before connect_timeout's
    // poll returned); otherwise the first read does.
    let refused = TcpStream::connect_timeout(&address, WAIT);
    let line = server.until("refused");
    assert!(
        line.ends_with(&format!(
            "refused: already serving {cap} clients, the most at once: reset"
        )),
        "{line}"
    );
    let read = refused.and_then(|mut stream| {
        stream.set_read_timeout(Some(WAIT))?;
        stream.read(&mut [0u8; 1])
    });
    assert!(
        matches!(&read, Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset),
        "{read:?}"
    );
    drop(held);
}

/// A client that sends a byte just before every idle timeout is dropped
/// once its message has taken 2 × the idle timeout.
#[test]
fn a_trickling_client_meets_the_message_limit() {
    let server = socklab(&["serve", "6", "--idle-timeout", "1"]);
    let address = server.address();
    let stream = connect(address);
    (&stream)
        .write_all(&38i32.to_le_bytes())
        .expect("a length prefix");
    let started = Instant::now();
    // One header byte every 0.4 s: never idle for 1 s, never done.
    let trickle = thread::spawn(move || {
        for _ in 0..20 {
            if (&stream).write_all(b"x").is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(400));
        }
    });
    let line = server.until(": closing");
    let took = started.elapsed();
    assert!(
        line.ends_with("message still incomplete after 2 s (2 × the idle timeout): closing"),
        "{line}"
    );
    assert!(took < Duration::from_secs(4), "dropped after {took:?}");
    trickle.join().expect("the trickler");
}

/// Connections that arrive while the server is not accepting wait in the
/// accept queue (listen(2)'s backlog). With the old backlog of 16, the
/// 18th SYN was dropped and its client waited 1 s for the retry. The
/// server is stopped (SIGSTOP), so only the kernel's queue takes them.
#[test]
fn a_burst_of_connections_fits_the_backlog() {
    let server = socklab(&["serve", "2", "--idle-timeout", "60"]);
    let address = server.address();
    let pid = rustix::process::Pid::from_raw(server.child.id() as i32).expect("a pid");
    rustix::process::kill_process(pid, rustix::process::Signal::STOP).expect("SIGSTOP");
    let burst: Result<Vec<TcpStream>, _> = (0..200)
        .map(|_| TcpStream::connect_timeout(&address, Duration::from_millis(500)))
        .collect();
    rustix::process::kill_process(pid, rustix::process::Signal::CONT).expect("SIGCONT");
    let burst = burst.expect("every connect of the burst completes within 0.5 s");
    assert_eq!(burst.len(), 200);
}

/// Out of file descriptors (here RLIMIT_NOFILE 16), accept(2) fails with
/// EMFILE while connections stay queued: the server must neither spin on
/// it nor stop, and must take the next client once one leaves.
#[test]
fn out_of_descriptors_the_server_waits_for_a_client_to_leave() {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .args(["serve", "2", "--idle-timeout", "60"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let limit = rustix::process::Rlimit {
        current: Some(16),
        maximum: Some(16),
    };
    // SAFETY: setrlimit(2) is one system call on a value copied into the
    // closure: async-signal-safe, no allocation, no lock.
    unsafe {
        command.pre_exec(move || {
            rustix::process::setrlimit(rustix::process::Resource::Nofile, limit)
                .map_err(std::io::Error::from)
        });
    }
    let mut child = command.spawn().expect("socklab starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let server = Socklab { child, lines };
    let address = server.address();
    let mut held: Vec<TcpStream> = (0..20).map(|_| connect(address)).collect();
    server.until("accept: EMFILE");
    // The first client leaves: its descriptor frees a queued client's.
    held.remove(0);
    let started = Instant::now();
    let line = server.until(": connected");
    assert!(line.starts_with("client 127.0.0.1:"), "{line}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // Waiting, not spinning: the queued clients still find no descriptor,
    // and the log says so once, not in a loop.
    let deadline = Instant::now() + Duration::from_millis(1500);
    let mut emfile = 0;
    while let Ok(line) = server
        .lines
        .recv_timeout(deadline.saturating_duration_since(Instant::now()))
    {
        emfile += usize::from(line.contains("EMFILE"));
    }
    assert!(emfile <= 1, "{emfile} EMFILE lines in 1.5 s");
}

// ---------------------------------------------------------------------------
// UDP.
// ---------------------------------------------------------------------------

#[test]
fn a_udp_port_in_use_is_an_error() {
    for lab in ["3", "11"] {
        let first = socklab(&["serve", lab]);
        let address = first.address().to_string();
        let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
            .args(["serve", lab, "--listen", &address])
            .output()
            .expect("socklab runs");
        assert_eq!(output.status.code(), Some(2), "lab {lab}");
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            error.trim_end(),
            format!(
                "error: cannot listen on {address}: EADDRINUSE: another program has that port; pick another, or port 0 for a free one"
            )
        );
    }
}

/// A stray datagram from another address used to become the first of the
/// next client's three and keep the server busy for the idle timeout.
#[test]
fn lab_3_keeps_one_exchange_per_sender() {
    let server = socklab(&["serve", "3", "--idle-timeout", "5"]);
    let address = server.address();
    let stray = UdpSocket::bind("127.0.0.1:0").expect("a UDP socket");
    stray.send_to(b"", address).expect("sendto");
    let stray_prefix = format!("client {}: ", stray.local_addr().unwrap());
    assert_eq!(
        server.line(),
        format!("{stray_prefix}recvfrom(8) #1: 0 bytes b\"\"")
    );
    let client = UdpSocket::bind("127.0.0.1:0").expect("a UDP socket");
    let started = Instant::now();
    for datagram in [&b"1234567890"[..], b"12345", b"123"] {
        client.send_to(datagram, address).expect("sendto");
    }
    let prefix = format!("client {}: ", client.local_addr().unwrap());
    for expected in [
        "recvfrom(8) #1: 8 bytes b\"12345678\" (datagram was 10 bytes: 2 discarded, MSG_TRUNC)",
        "recvfrom(3) #2: 3 bytes b\"123\" (datagram was 5 bytes: 2 discarded, MSG_TRUNC)",
        "recvfrom(1) #3: 1 byte b\"1\" (datagram was 3 bytes: 2 discarded, MSG_TRUNC)",
        "done",
    ] {
        assert_eq!(server.line(), format!("{prefix}{expected}"));
    }
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn connect_to_a_closed_udp_port_exits_2() {
    let port = UdpSocket::bind("127.0.0.1:0")
        .and_then(|socket| socket.local_addr())
        .expect("a free port")
        .port();
    for lab in ["3", "11"] {
        let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
            .args(["connect", lab, &format!("127.0.0.1:{port}")])
            .output()
            .expect("socklab runs");
        assert_eq!(output.status.code(), Some(2), "lab {lab}");
        let error = String::from_utf8_lossy(&output.stderr);
        assert!(
            error.contains("ECONNREFUSED: nothing listens on"),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}

// ---------------------------------------------------------------------------
// Signals: nothing left behind.
// ---------------------------------------------------------------------------

/// What a socklab process `pid` left: its temp folders (`socklab-N-PID-*`)
/// and processes still running in them (their working directory is one).
fn leftovers(pid: u32) -> Vec<String> {
    let mine = |name: &str| {
        name.strip_prefix("socklab-")
            .and_then(|rest| rest.split('-').nth(1))
            .is_some_and(|owner| owner == pid.to_string())
    };
    let mut left: Vec<String> = fs::read_dir(std::env::temp_dir())
        .expect("the temp dir")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| mine(name))
        .collect();
    for entry in fs::read_dir("/proc").expect("/proc").filter_map(Result::ok) {
        if let Ok(cwd) = fs::read_link(entry.path().join("cwd")) {
            let cwd = cwd.to_string_lossy().into_owned();
            if cwd.split('/').any(mine) {
                left.push(format!("process {:?} in {cwd}", entry.file_name()));
            }
        }
    }
    left
}

fn signal(process: &Socklab, signal: rustix::process::Signal) {
    let pid = rustix::process::Pid::from_raw(process.child.id() as i32).expect("a pid");
    rustix::process::kill_process(pid, signal).expect("kill");
}

/// Waits (at most [`WAIT`]) until socklab `pid` has a temp folder.
fn wait_for_folder(pid: u32) {
    let deadline = Instant::now() + WAIT;
    while leftovers(pid).is_empty() {
        assert!(Instant::now() < deadline, "no temp folder appeared");
        thread::yield_now();
    }
}

#[test]
fn sigint_and_sigterm_during_run_leave_nothing_behind() {
    use rustix::process::Signal;
    for (lab, sent, code) in [
        ("16", Signal::INT, 130),
        ("17", Signal::INT, 130),
        ("19", Signal::INT, 130),
        ("17", Signal::TERM, 143),
        ("19", Signal::TERM, 143),
    ] {
        let mut run = socklab(&["run", lab, "--repeat", "10000"]);
        let pid = run.child.id();
        wait_for_folder(pid);
        signal(&run, sent);
        assert_eq!(run.exit_code(), Some(code), "lab {lab}");
        assert_eq!(leftovers(pid), Vec::<String>::new(), "lab {lab}");
    }
}

#[test]
fn sigint_on_serve_17_with_a_client_connected_leaves_nothing_behind() {
    let mut server = socklab(&["serve", "17"]);
    let pid = server.child.id();
    let address = server.address();
    let mut client = connect(address);
    server.until("commands run in a new temp folder");
    client.write_all(b"ls").expect("a command");
    let mut prefix = [0u8; 4];
    client.read_exact(&mut prefix).expect("a reply");
    assert_eq!(leftovers(pid).len(), 1, "the client's folder");
    signal(&server, rustix::process::Signal::INT);
    assert_eq!(server.exit_code(), Some(130));
    assert_eq!(leftovers(pid), Vec::<String>::new());
}

// ---------------------------------------------------------------------------
// A closed or full stdout.
// ---------------------------------------------------------------------------

const PRINTING: [&[&str]; 7] = [
    &["list"],
    &["explain", "1"],
    &["doctor"],
    &["completions", "bash"],
    &["run", "3"],
    &["--help"],
    &["serve", "1"],
];

#[test]
fn a_full_stdout_is_one_line_and_exit_2() {
    for args in PRINTING {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
            .args(args)
            .stdout(full)
            .output()
            .expect("socklab runs");
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {error}");
        assert_eq!(
            error.trim_end(),
            "error: cannot write to stdout: ENOSPC: the disk is full; free some space or send the output elsewhere",
            "{args:?}"
        );
    }
}

#[test]
fn a_closed_stdout_is_a_quiet_exit_0() {
    for args in PRINTING {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        // Nobody will read: every write fails with EPIPE.
        drop(reader);
        let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
            .args(args)
            .stdout(writer)
            .output()
            .expect("socklab runs");
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {error}");
        assert_eq!(error, "", "{args:?}");
    }
}
