//! `socklab serve` and `socklab connect` against the course's Python
//! (tests/interop/*.py), in both directions, and hostile clients against
//! `socklab serve`.
//!
//! Every test bounds every wait ([`WAIT`]) and kills the processes it
//! started when it ends, passed or failed ([`Running`]'s Drop).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// The longest any step of a test may take: far more than loopback needs,
/// so that only a real hang trips it, even on a loaded CI machine.
const WAIT: Duration = Duration::from_secs(20);

/// A child process whose output is read line by line, killed on drop.
struct Running {
    name: String,
    child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        // Already gone after `finish`; killed here on every other path.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lines from `source`, sent to a channel by a thread, so that reading them
/// can time out.
fn lines_of(source: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(source).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn start(program: &str, args: &[&str]) -> Running {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {program}: {error}"));
    let stdout = lines_of(child.stdout.take().expect("piped stdout"));
    let stderr = lines_of(child.stderr.take().expect("piped stderr"));
    Running {
        name: format!("{program} {}", args.join(" ")),
        child,
        stdout,
        stderr,
    }
}

fn socklab(args: &[&str]) -> Running {
    start(env!("CARGO_BIN_EXE_socklab"), args)
}

/// The course's Python script `tests/interop/<script>`, run by python3.
fn python(script: &str, args: &[&str]) -> Running {
    let found = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(
        found.is_ok_and(|status| status.success()),
        "python3 is needed for the interop tests and was not found: install Python 3 (apt-get install python3)"
    );
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "interop", script]
        .iter()
        .collect();
    let path = path.to_string_lossy().into_owned();
    let mut all = vec![path.as_str()];
    all.extend_from_slice(args);
    start("python3", &all)
}

/// What a finished process printed, and how it exited.
struct Finished {
    code: Option<i32>,
    stdout: Vec<String>,
    stderr: Vec<String>,
}

impl Running {
    /// The next line on stdout, within [`WAIT`].
    fn line(&self) -> String {
        self.stdout
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line from `{}` within {WAIT:?}", self.name))
    }

    /// The address in the first line, `listening on 127.0.0.1:PORT (tcp)`.
    fn listening_address(&self) -> String {
        let first = self.line();
        let address = first
            .strip_prefix("listening on ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("`{}` began with {first:?}", self.name));
        address
            .parse::<SocketAddr>()
            .unwrap_or_else(|_| panic!("no address in {first:?}"));
        address.to_string()
    }

    /// Waits (at most [`WAIT`]) for the process to exit, and collects the
    /// rest of its output.
    fn finish(mut self) -> Finished {
        let deadline = Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "`{}` still running after {WAIT:?}",
                self.name
            );
            thread::sleep(Duration::from_millis(10));
        };
        // The pipes close with the process: the reader threads end.
        let drain = |lines: &Receiver<String>| -> Vec<String> {
            let mut all = Vec::new();
            while let Ok(line) = lines.recv_timeout(WAIT) {
                all.push(line);
            }
            all
        };
        Finished {
            code: status.code(),
            stdout: drain(&self.stdout),
            stderr: drain(&self.stderr),
        }
    }
}

/// Ports change every run: `127.0.0.1:43517` → `127.0.0.1:PORT`.
fn mask_ports(line: &str) -> String {
    const HOST: &str = "127.0.0.1:";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(HOST) {
        out.push_str(&rest[..at + HOST.len()]);
        rest = rest[at + HOST.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push_str("PORT");
    }
    out.push_str(rest);
    out
}

fn masked(lines: &[String]) -> Vec<String> {
    lines.iter().map(|line| mask_ports(line)).collect()
}

/// `socklab serve LAB --once` against the course's Python client: returns
/// the server's lines after the first (ports masked) and the client's.
fn serve_against_python(
    lab: &str,
    script: &str,
    client_args: &[&str],
) -> (Vec<String>, Vec<String>) {
    let server = socklab(&["serve", lab, "--once"]);
    let address = server.listening_address();
    let port = address.rsplit(':').next().expect("a port").to_string();
    let mut args = vec![port.as_str()];
    args.extend_from_slice(client_args);
    let client = python(script, &args).finish();
    assert_eq!(client.code, Some(0), "client: {:?}", client.stderr);
    let served = server.finish();
    assert_eq!(served.code, Some(0), "server: {:?}", served.stderr);
    (masked(&served.stdout), client.stdout)
}

/// The course's Python server against `socklab connect LAB`: returns
/// socklab's lines (ports masked) and the server's after its first.
fn connect_against_python(lab: &str, script: &str) -> (Vec<String>, Vec<String>) {
    let server = python(script, &[]);
    let address = server.listening_address();
    let client = socklab(&["connect", lab, &address]).finish();
    assert_eq!(client.code, Some(0), "socklab connect: {:?}", client.stderr);
    let served = server.finish();
    assert_eq!(served.code, Some(0), "python server: {:?}", served.stderr);
    // The first line says what the client role does.
    let (role, rest) = client.stdout.split_first().expect("output");
    assert!(role.starts_with(&format!("lab {lab} (")), "{role}");
    (masked(rest), served.stdout)
}

fn lines(expected: &[&str]) -> Vec<String> {
    expected.iter().map(ToString::to_string).collect()
}

/// What `socklab serve` logs about the client 127.0.0.1:PORT: every line
/// of its conversation starts with `client ADDR: `.
const CLIENT: &str = "client 127.0.0.1:PORT: ";

fn client_lines(expected: &[&str]) -> Vec<String> {
    expected
        .iter()
        .map(|line| format!("{CLIENT}{line}"))
        .collect()
}

/// The server's lines: its first (what the lab's server does), then the
/// client's.
fn served_lines(first: &str, client: &[&str]) -> Vec<String> {
    let mut all = lines(&[first]);
    all.extend(client_lines(client));
    all
}

// ---------------------------------------------------------------------------
// Lab 1: four sends, a late reader.
// ---------------------------------------------------------------------------

#[test]
fn serve_1_glues_the_course_clients_sends() {
    let (server, client) = serve_against_python("1", "lab01_client.py", &[]);
    assert_eq!(client, lines(&["sent 4 messages, closed"]));
    assert_eq!(
        server,
        served_lines(
            "lab 1 (nagle-sticky): a late reader: waits until the client closes, then recv(5), recv(5), recv(10), recv(5)",
            &[
                "connected",
                "late reader: waiting until the client closes (at most 2 s) before the first recv",
                "queued: 18 bytes (FIONREAD; the course's client sends 18), client closed: yes",
                "recv(5) #1: 5 bytes b\"hello\"",
                "recv(5) #2: 5 bytes b\"world\"",
                "recv(10) #3: 8 bytes b\"musibii1\"",
                "recv(5) #4: 0 bytes b\"\" (EOF: the peer closed)",
                "done",
            ]
        )
    );
}

#[test]
fn connect_1_sends_what_the_course_server_expects() {
    let (client, server) = connect_against_python("1", "lab01_server.py");
    assert_eq!(
        client,
        lines(&[
            "connected to 127.0.0.1:PORT (tcp)",
            "send #1: 5 bytes b\"hello\"",
            "send #2: 5 bytes b\"world\"",
            "send #3: 7 bytes b\"musibii\"",
            "send #4: 1 bytes b\"1\"",
            "shutdown(SHUT_WR): sent FIN",
            "done",
        ])
    );
    assert_eq!(
        server,
        lines(&[
            "recv(5): b'hello'",
            "recv(5): b'world'",
            "recv(10): b'musibii1'",
            "recv(5): b''",
        ])
    );
}

// ---------------------------------------------------------------------------
// Lab 2: the remote shell and its leftovers.
// ---------------------------------------------------------------------------

#[test]
fn serve_2_answers_the_course_shell_client() {
    let (server, client) = serve_against_python("2", "lab02_client.py", &[]);
    assert_eq!(
        server[..6],
        served_lines(
            "lab 2 (partial-recv): a pretend shell (runs nothing): recv(1024) a command, send its output",
            &[
                "connected",
                "recv(1024) #1: 9 bytes b\"seq 1 500\"",
                "send #1: 1892 bytes b\"1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\n\"…b\"499\\n500\\n\"",
                "recv(1024) #2: 7 bytes b\"echo hi\"",
                "send #2: 3 bytes b\"hi\\n\"",
            ]
        )
    );
    assert_eq!(client.len(), 2, "{client:?}");
    assert_eq!(client[0], r"1024 b'1\n2\n3\n4\n' b'282\n283\n'");
    // The course's client reads once, right after sending: the 868 bytes
    // left of the first reply are always there, and b"hi\n" too if the
    // server was quicker than the client's next recv. Either way the reply
    // to `echo hi` starts with the end of `seq 1 500`.
    let clean_close = client_lines(&[
        "recv(1024) #3: 0 bytes b\"\" (EOF: the peer closed)",
        "done",
    ]);
    match client[1].as_str() {
        r"871 b'284\n285\n' b'\n500\nhi\n'" => assert_eq!(server[6..], clean_close),
        // b"hi\n" came after the recv: if it is still unread when the
        // client closes, close(2) sends RST instead of FIN (lab 7), and the
        // server's recv fails.
        r"868 b'284\n285\n' b'499\n500\n'" => assert!(
            server[6..] == clean_close
                || server[6..] == ["client 127.0.0.1:PORT: recv(1024) #3: ECONNRESET: closing"],
            "{server:?}"
        ),
        _ => panic!("{client:?}"),
    }
}

#[test]
fn connect_2_reads_leftovers_from_the_course_server() {
    let (client, server) = connect_against_python("2", "lab02_server.py");
    assert_eq!(
        client,
        lines(&[
            "connected to 127.0.0.1:PORT (tcp)",
            "send #1: 9 bytes b\"seq 1 500\"",
            "recv(1024) #1: 1024 bytes b\"1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\n\"…b\"282\\n283\\n\"",
            "send #2: 7 bytes b\"echo hi\"",
            "recv(1024) #2: 871 bytes b\"284\\n285\\n286\\n287\\n\"…b\"\\n500\\nhi\\n\"",
            "shutdown(SHUT_WR): sent FIN",
            "done",
        ])
    );
    assert_eq!(
        server,
        lines(&[
            "command: b'seq 1 500' reply: 1892 bytes",
            "command: b'echo hi' reply: 3 bytes",
        ])
    );
}

// ---------------------------------------------------------------------------
// Lab 3: UDP truncation.
// ---------------------------------------------------------------------------

#[test]
fn serve_3_cuts_the_course_clients_datagrams() {
    let (server, client) = serve_against_python("3", "lab03_client.py", &[]);
    assert_eq!(client, lines(&["sent 3 datagrams"]));
    assert_eq!(
        server,
        served_lines(
            "lab 3 (udp-truncation): recvfrom(8), recvfrom(3), recvfrom(1), showing each datagram's real size (MSG_TRUNC)",
            &[
                "recvfrom(8) #1: 8 bytes b\"12345678\" (datagram was 10 bytes: 2 discarded, MSG_TRUNC)",
                "recvfrom(3) #2: 3 bytes b\"123\" (datagram was 5 bytes: 2 discarded, MSG_TRUNC)",
                "recvfrom(1) #3: 1 bytes b\"1\" (datagram was 3 bytes: 2 discarded, MSG_TRUNC)",
                "done",
            ]
        )
    );
}

#[test]
fn connect_3_sends_the_course_datagrams() {
    let (client, server) = connect_against_python("3", "lab03_server.py");
    assert_eq!(
        client,
        lines(&[
            "sending to 127.0.0.1:PORT (udp)",
            "sendto 127.0.0.1:PORT: 10 bytes b\"1234567890\"",
            "sendto 127.0.0.1:PORT: 5 bytes b\"12345\"",
            "sendto 127.0.0.1:PORT: 3 bytes b\"123\"",
            "done",
        ])
    );
    assert_eq!(
        server,
        lines(&[
            "recvfrom(8): b'12345678'",
            "recvfrom(3): b'123'",
            "recvfrom(1): b'1'"
        ])
    );
}

// ---------------------------------------------------------------------------
// Lab 6: the header dictionary, struct 'i' + JSON + body.
// ---------------------------------------------------------------------------

/// What `socklab serve 6` prints for the three messages both clients send.
const SERVE_6_MESSAGES: [&str; 10] = [
    "message #1: length prefix b\"&\\x00\\x00\\x00\" = 38 (struct 'i', little-endian)",
    "message #1: header {\"filename\": \"a.txt\", \"total_size\": 5}",
    "message #1: body 5 bytes b\"hello\"",
    "message #2: length prefix b\"*\\x00\\x00\\x00\" = 42 (struct 'i', little-endian)",
    "message #2: header {\"filename\": \"empty.txt\", \"total_size\": 0}",
    "message #2: body 0 bytes b\"\"",
    "message #3: length prefix b\"0\\x00\\x00\\x00\" = 48 (struct 'i', little-endian)",
    "message #3: header {\"filename\": \"digits.txt\", \"total_size\": 100000}",
    "message #3: body 100000 bytes b\"0123456789012345\"…b\"23456789\"",
    "client closed after 3 messages",
];

#[test]
fn serve_6_reads_the_course_header_dictionary() {
    let (server, client) = serve_against_python("6", "lab06_client.py", &[]);
    assert_eq!(client, lines(&["sent 3 messages"]));
    let mut expected = served_lines(
        "lab 6 (framing): reads header-dictionary messages: struct 'i' length (little-endian), JSON header, total_size bytes of body",
        &["connected"],
    );
    expected.extend(client_lines(&SERVE_6_MESSAGES));
    expected.push(format!("{CLIENT}done"));
    assert_eq!(server, expected);
}

#[test]
fn connect_6_writes_the_course_header_dictionary_byte_for_byte() {
    let (client, server) = connect_against_python("6", "lab06_server.py");
    assert_eq!(
        client,
        lines(&[
            "connected to 127.0.0.1:PORT (tcp)",
            "send #1: 4 bytes b\"&\\x00\\x00\\x00\"",
            "send #2: 38 bytes b\"{\\\"filename\\\": \\\"a.\"…b\"ize\\\": 5}\"",
            "send #3: 5 bytes b\"hello\"",
            "send #4: 4 bytes b\"*\\x00\\x00\\x00\"",
            "send #5: 42 bytes b\"{\\\"filename\\\": \\\"em\"…b\"ize\\\": 0}\"",
            "send #6: 0 bytes b\"\"",
            "send #7: 4 bytes b\"0\\x00\\x00\\x00\"",
            "send #8: 48 bytes b\"{\\\"filename\\\": \\\"di\"…b\" 100000}\"",
            "send #9: 100000 bytes b\"0123456789012345\"…b\"23456789\"",
            "shutdown(SHUT_WR): sent FIN",
            "done",
        ])
    );
    // The Python server prints the raw bytes it read: the same the Python
    // client sends (json.dumps, struct.pack('i')).
    assert_eq!(
        server,
        lines(&[
            r"message 1: prefix b'&\x00\x00\x00' = 38",
            r#"message 1: header b'{"filename": "a.txt", "total_size": 5}'"#,
            "message 1: body 5 bytes b'hello' b'hello'",
            r"message 2: prefix b'*\x00\x00\x00' = 42",
            r#"message 2: header b'{"filename": "empty.txt", "total_size": 0}'"#,
            "message 2: body 0 bytes b'' b''",
            r"message 3: prefix b'0\x00\x00\x00' = 48",
            r#"message 3: header b'{"filename": "digits.txt", "total_size": 100000}'"#,
            "message 3: body 100000 bytes b'0123456789012345' b'23456789'",
        ])
    );
}

// ---------------------------------------------------------------------------
// Lab 11: the UDP time server.
// ---------------------------------------------------------------------------

/// `2026-11-22 02:31:55`: the shape of the default format's output.
fn is_default_time(text: &str) -> bool {
    let shape = "dddd-dd-dd dd:dd:dd";
    text.len() == shape.len()
        && text.chars().zip(shape.chars()).all(|(c, s)| match s {
            'd' => c.is_ascii_digit(),
            other => c == other,
        })
}

#[test]
fn serve_11_tells_the_course_client_the_time() {
    let (server, client) = serve_against_python("11", "lab11_client.py", &[]);
    assert_eq!(client.len(), 1, "{client:?}");
    assert!(is_default_time(&client[0]), "{client:?}");
    assert_eq!(
        server,
        served_lines(
            "lab 11 (udp-datagrams): a time server: a strftime format in (empty = %Y-%m-%d %X), the UTC time out",
            &[
                "recvfrom(257) #1: 0 bytes b\"\"",
                &format!("sendto 127.0.0.1:PORT: 19 bytes b\"{}\"", client[0]),
                "done",
            ]
        )
    );
}

#[test]
fn serve_11_answers_a_bad_format_with_an_error() {
    let (server, client) = serve_against_python("11", "lab11_client.py", &["%Q"]);
    assert_eq!(client, lines(&["error: unknown %Q"]));
    assert_eq!(
        server[2],
        format!("{CLIENT}sendto 127.0.0.1:PORT: 17 bytes b\"error: unknown %Q\"")
    );
}

#[test]
fn connect_11_asks_the_course_server_for_the_time() {
    let (client, server) = connect_against_python("11", "lab11_server.py");
    assert_eq!(client.len(), 4, "{client:?}");
    assert_eq!(
        client[..2],
        lines(&[
            "sending to 127.0.0.1:PORT (udp)",
            "sendto 127.0.0.1:PORT: 0 bytes b\"\""
        ])
    );
    let time = client[2]
        .strip_prefix("recvfrom(1024) #1 from 127.0.0.1:PORT: 19 bytes b\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{client:?}"));
    assert!(is_default_time(time), "{client:?}");
    assert_eq!(client[3], "done");
    assert_eq!(server, vec![format!("request: b'' reply: b'{time}'")]);
}

// ---------------------------------------------------------------------------
// The command line around the roles.
// ---------------------------------------------------------------------------

#[test]
fn a_lab_without_roles_is_a_one_line_error() {
    let finished = socklab(&["serve", "4"]).finish();
    assert_eq!(finished.code, Some(2));
    assert_eq!(finished.stdout, Vec::<String>::new());
    assert_eq!(
        finished.stderr,
        lines(&[
            "error: lab 4 (reuseaddr-timewait) has no serve/connect roles; labs with roles: \
             1 (nagle-sticky), 2 (partial-recv), 3 (udp-truncation), 6 (framing), 11 (udp-datagrams), \
             15 (hmac-auth), 17 (remote-command)"
        ])
    );
    let connect = socklab(&["connect", "4", "127.0.0.1:9"]).finish();
    assert_eq!(connect.code, Some(2));
    assert_eq!(connect.stderr, finished.stderr);
}

#[test]
fn a_refused_connect_exits_2_with_the_errno() {
    // A port that was free a moment ago: bind, note it, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let finished = socklab(&["connect", "1", &format!("127.0.0.1:{port}")]).finish();
    assert_eq!(finished.code, Some(2));
    assert_eq!(
        masked(&finished.stderr),
        lines(&[
            "error: connecting to 127.0.0.1:PORT: ECONNREFUSED: nothing listens on 127.0.0.1:PORT; \
             start the server first (`socklab serve` prints its address)"
        ])
    );
}

#[test]
fn listening_beyond_loopback_warns_in_one_line() {
    let server = socklab(&["serve", "1", "--listen", "0.0.0.0:0"]);
    let address = server.listening_address();
    assert!(address.starts_with("0.0.0.0:"), "{address}");
    let warning = server
        .stderr
        .recv_timeout(WAIT)
        .expect("a warning on stderr");
    assert_eq!(
        warning,
        format!(
            "warning: listening on {address}, not loopback: anyone who can reach this machine can connect"
        )
    );
}

// ---------------------------------------------------------------------------
// Hostile clients: the server logs them, drops them and serves the next.
// ---------------------------------------------------------------------------

/// Connects, writes `bytes`, and closes (or, with `linger`, keeps the
/// connection open and silent until the server gives up on it).
fn hostile(address: &str, bytes: &[u8], linger: bool) {
    let mut stream = TcpStream::connect(address).expect("connecting to socklab serve");
    stream.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    stream.write_all(bytes).expect("writing");
    if linger {
        // The server closes first: read returns 0 (or ECONNRESET).
        let _ = stream.read(&mut [0u8; 16]);
    }
}

/// The next line that is not the `connected` line of a new client.
fn next_verdict(server: &Running) -> String {
    loop {
        let line = mask_ports(&server.line());
        if line != "client 127.0.0.1:PORT: connected" {
            return line;
        }
    }
}

/// The line that ends a client's session (`client ADDR: ...: closing` or
/// `client ADDR: done`), skipping what the server logged before it.
fn client_outcome(server: &Running) -> String {
    loop {
        let line = next_verdict(server);
        if line.ends_with(": closing") || line == format!("{CLIENT}done") {
            return line;
        }
    }
}

#[test]
fn serve_6_survives_hostile_clients_and_serves_the_next() {
    let server = socklab(&["serve", "6", "--idle-timeout", "1"]);
    let address = server.listening_address();
    server.line(); // what the server does
    let prefix = |length: i32| length.to_le_bytes().to_vec();
    let with_header = |header: &[u8]| {
        let mut bytes = prefix(header.len() as i32);
        bytes.extend_from_slice(header);
        bytes
    };
    let cases: Vec<(&str, Vec<u8>, bool, &str)> = vec![
        (
            "garbage (an HTTP request)",
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
            false,
            "client 127.0.0.1:PORT: length prefix b\"GET \" declares a 542393671-byte header > max 65536: closing",
        ),
        (
            "0xFFFFFFFF: -1 as struct 'i'",
            vec![0xff; 4],
            false,
            "client 127.0.0.1:PORT: length prefix b\"\\xff\\xff\\xff\\xff\" = -1: negative: closing",
        ),
        (
            "0x7FFFFFFF: the largest struct 'i'",
            prefix(i32::MAX),
            true,
            "client 127.0.0.1:PORT: length prefix b\"\\xff\\xff\\xff\\x7f\" declares a 2147483647-byte header > max 65536: closing",
        ),
        (
            "a client that says nothing",
            Vec::new(),
            true,
            "client 127.0.0.1:PORT: reading length prefix (0 of 4 bytes in): nothing for 1 s (idle timeout): closing",
        ),
        (
            "a client that goes quiet inside the header",
            {
                let mut bytes = prefix(38);
                bytes.extend_from_slice(br#"{"total_"#);
                bytes
            },
            true,
            "client 127.0.0.1:PORT: reading JSON header (8 of 38 bytes in): nothing for 1 s (idle timeout): closing",
        ),
        (
            "a client that vanishes inside the header",
            {
                let mut bytes = prefix(38);
                bytes.extend_from_slice(br#"{"filename""#);
                bytes
            },
            false,
            "client 127.0.0.1:PORT: EOF after 11 of 38 JSON header bytes (the peer vanished mid-message): closing",
        ),
        (
            "a client that vanishes inside the body",
            {
                let mut bytes = with_header(br#"{"total_size": 100}"#);
                bytes.extend_from_slice(b"only ten b");
                bytes
            },
            false,
            "client 127.0.0.1:PORT: EOF after 10 of 100 body bytes (the peer vanished mid-message): closing",
        ),
        (
            "a header that is not UTF-8",
            with_header(b"\xff\xfe{}"),
            false,
            "client 127.0.0.1:PORT: header is not UTF-8 (valid up to byte 0): b\"\\xff\\xfe{}\": closing",
        ),
        (
            "a header that is not JSON",
            with_header(b"{total_size: 5}"),
            false,
            "client 127.0.0.1:PORT: header is not JSON (key must be a string at line 1 column 2): {total_size: 5}: closing",
        ),
        (
            "a header without total_size",
            with_header(br#"{"size": 5}"#),
            false,
            "client 127.0.0.1:PORT: header has no \"total_size\": {\"size\": 5}: closing",
        ),
        (
            "a total_size of 4 GiB",
            with_header(br#"{"total_size": 4294967296}"#),
            false,
            "client 127.0.0.1:PORT: header declares 4294967296 bytes > max 16777216: closing",
        ),
    ];
    for (what, bytes, linger, expected) in cases {
        hostile(&address, &bytes, linger);
        assert_eq!(client_outcome(&server), expected, "{what}");
    }
    // After all that, the course's client is served as if nothing happened.
    let port = address.rsplit(':').next().expect("a port");
    let client = python("lab06_client.py", &[port]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    for expected in client_lines(&SERVE_6_MESSAGES) {
        assert_eq!(next_verdict(&server), expected);
    }
    assert_eq!(next_verdict(&server), "client 127.0.0.1:PORT: done");
}

#[test]
fn serve_2_drops_a_silent_client_and_serves_the_next() {
    let server = socklab(&["serve", "2", "--idle-timeout", "1"]);
    let address = server.listening_address();
    server.line();
    hostile(&address, b"", true);
    assert_eq!(
        next_verdict(&server),
        "client 127.0.0.1:PORT: recv(1024) #1: nothing for 1 s (idle timeout): closing"
    );
    let port = address.rsplit(':').next().expect("a port");
    let client = python("lab02_client.py", &[port]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    assert_eq!(
        next_verdict(&server),
        format!("{CLIENT}recv(1024) #1: 9 bytes b\"seq 1 500\"")
    );
}

#[test]
fn serve_11_answers_hostile_datagrams_and_stays_up() {
    let server = socklab(&["serve", "11"]);
    let address = server.listening_address();
    server.line();
    let client = UdpSocket::bind("127.0.0.1:0").expect("a UDP socket");
    client.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    for (request, reply) in [
        (&b"\xff\xfe"[..], &b"error: not UTF-8"[..]),
        (&[b'%'; 2000], b"error: over 256 bytes"),
        (b"%Y%", b"error: lone % at the end"),
    ] {
        client.send_to(request, &address).expect("sendto");
        let mut buffer = [0u8; 1024];
        let (length, _) = client.recv_from(&mut buffer).expect("a reply");
        assert_eq!(&buffer[..length], reply);
    }
}

// ---------------------------------------------------------------------------
// Lab 15: the HMAC challenge-response.
// ---------------------------------------------------------------------------

/// A log line of 32 random bytes (`send #1: 32 bytes b"..."…b"..."`) with
/// the bytes masked: `send #1: 32 bytes RANDOM`. Other lines stay as
/// they are.
fn mask_random(line: &str) -> String {
    const RANDOM: &str = ": 32 bytes b\"";
    let call = line.strip_prefix(CLIENT).unwrap_or(line);
    match line.find(RANDOM) {
        Some(at) if call.starts_with("send #") || call.starts_with("recv(") => {
            format!("{}: 32 bytes RANDOM", &line[..at])
        }
        _ => line.to_string(),
    }
}

/// The hex after `prefix` in `line`: 64 lower-case hex digits.
fn hex_after<'a>(line: &'a str, prefix: &str) -> &'a str {
    let hex = line
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    let hex = hex.split(' ').next().unwrap_or_default();
    assert!(
        hex.len() == 64 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "{line:?}"
    );
    hex
}

/// What `socklab serve 15` prints for one client, after `connected`, with
/// the challenge and the HMAC in hex.
fn serve_15_session(challenge: &str, expected: &str, verdict: &[&str]) -> Vec<String> {
    let mut session = client_lines(&[
        &format!("challenge: 32 random bytes (getrandom(2)), hex {challenge}"),
        "send #1: 32 bytes RANDOM",
        "recv(32) #1: 32 bytes RANDOM",
        &format!("expected HMAC-SHA256(key, challenge), hex {expected}"),
    ]);
    session.extend(client_lines(verdict));
    session
}

const SERVE_15_LINE: &str = "lab 15 (hmac-auth): sends 32 random bytes, reads a 32-byte HMAC-SHA256(key, challenge), replies b\"welcome\" or b\"rejected\"; key b\"peace and love\"";

#[test]
fn serve_15_welcomes_the_course_client() {
    let (server, client) = serve_against_python("15", "lab15_client.py", &[]);
    assert_eq!(client.len(), 3, "{client:?}");
    let challenge = hex_after(&client[0], "challenge: ");
    let answer = hex_after(&client[1], "answer: ");
    assert_eq!(client[2], "verdict: b'welcome'");
    // The server's challenge is the one the Python client read, and the
    // HMAC it expects is the one Python's hmac module computed.
    let mut expected = served_lines(SERVE_15_LINE, &["connected"]);
    expected.extend(serve_15_session(
        challenge,
        answer,
        &[
            "answer matches (constant-time compare): accepted",
            "send #2: 7 bytes b\"welcome\"",
            "done",
        ],
    ));
    let server: Vec<String> = server.iter().map(|line| mask_random(line)).collect();
    assert_eq!(server, expected);
}

#[test]
fn serve_15_rejects_the_wrong_key() {
    let (server, client) = serve_against_python("15", "lab15_client.py", &["peace and hate"]);
    assert_eq!(client.len(), 3, "{client:?}");
    let challenge = hex_after(&client[0], "challenge: ");
    let wrong = hex_after(&client[1], "answer: ");
    assert_eq!(client[2], "verdict: b'rejected'");
    let server: Vec<String> = server.iter().map(|line| mask_random(line)).collect();
    let right = hex_after(
        &server[5],
        &format!("{CLIENT}expected HMAC-SHA256(key, challenge), hex "),
    );
    assert_ne!(right, wrong);
    let mut expected = served_lines(SERVE_15_LINE, &["connected"]);
    expected.extend(serve_15_session(
        challenge,
        right,
        &[
            "send #2: 8 bytes b\"rejected\"",
            "answer is not HMAC-SHA256(key, challenge): rejected: closing",
        ],
    ));
    assert_eq!(server, expected);
}

#[test]
fn connect_15_answers_the_course_server() {
    let (client, server) = connect_against_python("15", "lab15_server.py");
    assert_eq!(server.len(), 2, "{server:?}");
    hex_after(&server[0], "challenge: ");
    let answer = hex_after(&server[1], "answer: ");
    assert_eq!(server[1], format!("answer: {answer} accepted"));
    let client: Vec<String> = client.iter().map(|line| mask_random(line)).collect();
    assert_eq!(
        client,
        vec![
            "connected to 127.0.0.1:PORT (tcp)".to_string(),
            "recv(32) #1: 32 bytes RANDOM".to_string(),
            // What Python's server received is what socklab computed.
            format!("answer: HMAC-SHA256(key, challenge), hex {answer}"),
            "send #1: 32 bytes RANDOM".to_string(),
            "recv(1024) #2: 7 bytes b\"welcome\"".to_string(),
            "recv(1024) #3: 0 bytes b\"\" (EOF: the peer closed)".to_string(),
            "verdict: b\"welcome\": accepted".to_string(),
            "done".to_string(),
        ]
    );
}

#[test]
fn connect_15_exits_2_when_the_server_rejects_it() {
    let server = python("lab15_server.py", &["another key"]);
    let address = server.listening_address();
    let client = socklab(&["connect", "15", &address]).finish();
    assert_eq!(client.code, Some(2), "{:?}", client.stdout);
    assert_eq!(
        client.stderr,
        lines(&["error: verdict: b\"rejected\": not welcomed"])
    );
    let served = server.finish();
    assert_eq!(served.code, Some(0), "{:?}", served.stderr);
    assert!(
        served.stdout[1].ends_with(" rejected"),
        "{:?}",
        served.stdout
    );
}

/// A client of `socklab serve 15` that reads the challenge, sends
/// `answer`, and closes (or, with `linger`, waits until the server closes).
fn hostile_15(address: &str, answer: &[u8], linger: bool) {
    let mut stream = TcpStream::connect(address).expect("connecting to socklab serve");
    stream.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    let mut challenge = [0u8; 32];
    stream.read_exact(&mut challenge).expect("the challenge");
    stream.write_all(answer).expect("writing");
    if linger {
        let _ = stream.read(&mut [0u8; 16]);
    }
}

#[test]
fn serve_15_survives_hostile_clients_and_serves_the_next() {
    let server = socklab(&["serve", "15", "--idle-timeout", "1"]);
    let address = server.listening_address();
    server.line(); // what the server does
    for (what, answer, linger, expected) in [
        (
            "a client that reads the challenge and says nothing",
            &b""[..],
            true,
            "client 127.0.0.1:PORT: recv(32) #1: nothing for 1 s (idle timeout): closing",
        ),
        (
            "5 bytes, then EOF",
            b"hello",
            false,
            "client 127.0.0.1:PORT: EOF after 5 of 32 answer bytes (the peer vanished mid-message): closing",
        ),
        (
            "5 bytes, then silence",
            b"hello",
            true,
            "client 127.0.0.1:PORT: recv(27) #2: nothing for 1 s (idle timeout): closing",
        ),
        (
            "40 bytes of garbage",
            &[0xffu8; 40],
            true,
            "client 127.0.0.1:PORT: answer is not HMAC-SHA256(key, challenge): rejected: closing",
        ),
    ] {
        hostile_15(&address, answer, linger);
        assert_eq!(client_outcome(&server), expected, "{what}");
    }
    // The course's client, with the wrong key and then the right one.
    let port = address.rsplit(':').next().expect("a port");
    let mut challenges = Vec::new();
    for (key, verdict, outcome) in [
        (
            "peace and hate",
            "verdict: b'rejected'",
            "client 127.0.0.1:PORT: answer is not HMAC-SHA256(key, challenge): rejected: closing",
        ),
        (
            "peace and love",
            "verdict: b'welcome'",
            "client 127.0.0.1:PORT: done",
        ),
    ] {
        let client = python("lab15_client.py", &[port, key]).finish();
        assert_eq!(client.code, Some(0), "{:?}", client.stderr);
        assert_eq!(client.stdout[2], verdict);
        challenges.push(hex_after(&client.stdout[0], "challenge: ").to_string());
        assert_eq!(client_outcome(&server), outcome, "key {key}");
    }
    assert_ne!(challenges[0], challenges[1], "a challenge came twice");
}

// ---------------------------------------------------------------------------
// Lab 17: remote commands, no shell, header-dictionary replies.
// ---------------------------------------------------------------------------

/// The commands both clients send, the headers of the replies (both
/// servers write them alike, json.dumps-style) and the bodies.
const COMMANDS_17: [(&str, &str, &str); 5] = [
    (
        "echo hi",
        r#"{"total_size": 3, "stdout_len": 3, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
        r"b'hi\n'",
    ),
    (
        "seq 1 5",
        r#"{"total_size": 10, "stdout_len": 10, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
        r"b'1\n2\n3\n4\n5\n'",
    ),
    (
        "ls",
        r#"{"total_size": 19, "stdout_len": 19, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
        r"b'notes.txt\ntodo.txt\n'",
    ),
    (
        "false",
        r#"{"total_size": 0, "stdout_len": 0, "stderr_len": 0, "exit_status": 1, "signal": null}"#,
        "b''",
    ),
    (
        "rm -rf /",
        r#"{"total_size": 36, "error": "refused: rm is not on the allowlist"}"#,
        r"b'refused: rm is not on the allowlist\n'",
    ),
];

/// What `socklab connect 17` prints against a server that speaks the
/// protocol: the same lines for the Python server and for `socklab serve`.
const CONNECT_17: [&str; 22] = [
    "connected to 127.0.0.1:PORT (tcp)",
    "send #1: 7 bytes b\"echo hi\"",
    "reply #1: length prefix b\"U\\x00\\x00\\x00\" = 85 (struct 'i', little-endian)",
    r#"reply #1: header {"total_size": 3, "stdout_len": 3, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "reply #1: body 3 bytes b\"hi\\n\"",
    "send #2: 7 bytes b\"seq 1 5\"",
    "reply #2: length prefix b\"W\\x00\\x00\\x00\" = 87 (struct 'i', little-endian)",
    r#"reply #2: header {"total_size": 10, "stdout_len": 10, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "reply #2: body 10 bytes b\"1\\n2\\n3\\n4\\n5\\n\"",
    "send #3: 2 bytes b\"ls\"",
    "reply #3: length prefix b\"W\\x00\\x00\\x00\" = 87 (struct 'i', little-endian)",
    r#"reply #3: header {"total_size": 19, "stdout_len": 19, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "reply #3: body 19 bytes b\"notes.txt\\ntodo.txt\\n\"",
    "send #4: 5 bytes b\"false\"",
    "reply #4: length prefix b\"U\\x00\\x00\\x00\" = 85 (struct 'i', little-endian)",
    r#"reply #4: header {"total_size": 0, "stdout_len": 0, "stderr_len": 0, "exit_status": 1, "signal": null}"#,
    "reply #4: body 0 bytes b\"\"",
    "send #5: 8 bytes b\"rm -rf /\"",
    "reply #5: length prefix b\"B\\x00\\x00\\x00\" = 66 (struct 'i', little-endian)",
    r#"reply #5: header {"total_size": 36, "error": "refused: rm is not on the allowlist"}"#,
    "reply #5: body 36 bytes b\"refused: rm is n\"…b\"lowlist\\n\"",
    "shutdown(SHUT_WR): sent FIN",
];

/// What `socklab serve 17` prints for the five commands, after
/// `connected`.
const SERVE_17_SESSION: [&str; 17] = [
    "commands run in a new temp folder holding notes.txt and todo.txt, removed when the client leaves",
    "recv(1024) #1: 7 bytes b\"echo hi\"",
    r#"reply #1: header {"total_size": 3, "stdout_len": 3, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "send #1: 92 bytes b\"U\\x00\\x00\\x00{\\\"total_size\"…b\"null}hi\\n\"",
    "recv(1024) #2: 7 bytes b\"seq 1 5\"",
    r#"reply #2: header {"total_size": 10, "stdout_len": 10, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "send #2: 101 bytes b\"W\\x00\\x00\\x00{\\\"total_size\"…b\"2\\n3\\n4\\n5\\n\"",
    "recv(1024) #3: 2 bytes b\"ls\"",
    r#"reply #3: header {"total_size": 19, "stdout_len": 19, "stderr_len": 0, "exit_status": 0, "signal": null}"#,
    "send #3: 110 bytes b\"W\\x00\\x00\\x00{\\\"total_size\"…b\"odo.txt\\n\"",
    "recv(1024) #4: 5 bytes b\"false\"",
    r#"reply #4: header {"total_size": 0, "stdout_len": 0, "stderr_len": 0, "exit_status": 1, "signal": null}"#,
    "send #4: 89 bytes b\"U\\x00\\x00\\x00{\\\"total_size\"…b\"\\\": null}\"",
    "recv(1024) #5: 8 bytes b\"rm -rf /\"",
    r#"reply #5: header {"total_size": 36, "error": "refused: rm is not on the allowlist"}"#,
    "send #5: 106 bytes b\"B\\x00\\x00\\x00{\\\"total_size\"…b\"lowlist\\n\"",
    "recv(1024) #6: 0 bytes b\"\" (EOF: the peer closed)",
];

/// The temp folders of the socklab process `pid` (`socklab-17-PID-N`)
/// that still exist.
fn folders_of(pid: u32) -> Vec<String> {
    let prefix = format!("socklab-17-{pid}-");
    std::fs::read_dir(std::env::temp_dir())
        .expect("reading the temp dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&prefix))
        .collect()
}

#[test]
fn serve_17_runs_the_course_clients_commands() {
    let server = socklab(&["serve", "17", "--once"]);
    let pid = server.child.id();
    let address = server.listening_address();
    let port = address.rsplit(':').next().expect("a port");
    let client = python("lab17_client.py", &[port]).finish();
    assert_eq!(client.code, Some(0), "client: {:?}", client.stderr);
    let served = server.finish();
    assert_eq!(served.code, Some(0), "server: {:?}", served.stderr);
    let expected_client: Vec<String> = COMMANDS_17
        .iter()
        .flat_map(|(command, header, body)| {
            [
                format!("command: {command}"),
                format!("header: {header}"),
                format!("body: {body}"),
            ]
        })
        .collect();
    assert_eq!(client.stdout, expected_client);
    let mut expected = served_lines(
        "lab 17 (remote-command): runs allowlisted programs, no shell: recv(1024) a command, reply struct 'i' length + JSON header (total_size, stdout_len, stderr_len, exit_status, signal) + stdout + stderr",
        &["connected"],
    );
    expected.extend(client_lines(&SERVE_17_SESSION));
    expected.extend(client_lines(&["client closed after 5 commands", "done"]));
    assert_eq!(masked(&served.stdout), expected);
    assert_eq!(folders_of(pid), Vec::<String>::new(), "temp folder left");
}

#[test]
fn connect_17_sends_commands_to_the_course_server() {
    let (client, server) = connect_against_python("17", "lab17_server.py");
    let mut expected = lines(&CONNECT_17);
    expected.push("done".to_string());
    assert_eq!(client, expected);
    let expected_server: Vec<String> = COMMANDS_17
        .iter()
        .map(|(command, header, _)| format!("command: b'{command}' header: {header}"))
        .collect();
    assert_eq!(server, expected_server);
}

#[test]
fn connect_17_reads_socklab_serve_exactly_as_the_course_server() {
    let server = socklab(&["serve", "17", "--once"]);
    let address = server.listening_address();
    let client = socklab(&["connect", "17", &address]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    let mut expected = lines(&CONNECT_17);
    expected.push("done".to_string());
    assert_eq!(masked(&client.stdout[1..]), expected);
    assert_eq!(server.finish().code, Some(0));
}

/// One reply of `socklab serve 17`: the JSON header and the body.
fn read_reply_17(stream: &mut TcpStream) -> (serde_json::Value, Vec<u8>) {
    let mut prefix = [0u8; 4];
    stream.read_exact(&mut prefix).expect("the length prefix");
    let mut header = vec![0u8; i32::from_le_bytes(prefix) as usize];
    stream.read_exact(&mut header).expect("the header");
    let header: serde_json::Value = serde_json::from_slice(&header).expect("JSON");
    let mut body = vec![0u8; header["total_size"].as_u64().expect("total_size") as usize];
    stream.read_exact(&mut body).expect("the body");
    (header, body)
}

#[test]
fn serve_17_refuses_and_survives_hostile_clients() {
    let server = socklab(&["serve", "17", "--idle-timeout", "1"]);
    let pid = server.child.id();
    let address = server.listening_address();
    server.line(); // what the server does

    // Refusals are replies: the connection goes on after each.
    let mut stream = TcpStream::connect(&address).expect("connecting");
    stream.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    for (command, error, body) in [
        (
            &b"rm -rf /"[..],
            Some("refused: rm is not on the allowlist"),
            &b"refused: rm is not on the allowlist\n"[..],
        ),
        (
            b"sh -c 'echo hi'",
            Some("refused: sh is not on the allowlist"),
            b"refused: sh is not on the allowlist\n",
        ),
        (
            b"\xff\xfe garbage",
            Some("refused: not UTF-8 text"),
            b"refused: not UTF-8 text\n",
        ),
        (
            b"ls /etc",
            Some("refused: ls lists the lab folder only"),
            b"refused: ls lists the lab folder only\n",
        ),
        // No shell: echo gets `hi;`, `rm` and `*` as its arguments.
        (b"echo hi; rm *", None, b"hi; rm *\n"),
        (b"ls", None, b"notes.txt\ntodo.txt\n"),
    ] {
        stream.write_all(command).expect("a command");
        let (header, reply) = read_reply_17(&mut stream);
        assert_eq!(header["error"].as_str(), error, "{header}");
        assert_eq!(reply, body, "{header}");
    }
    drop(stream);
    assert_eq!(
        client_outcome(&server),
        "client 127.0.0.1:PORT: done",
        "a client with refused commands"
    );

    // 5000 bytes: over the course's recv(1024), refused, connection closed.
    hostile(&address, &[b'a'; 5000], true);
    assert_eq!(
        client_outcome(&server),
        "client 127.0.0.1:PORT: command over 1024 bytes: its tail would be read as the next command: closing",
        "an oversized command"
    );

    hostile(&address, b"", true);
    assert_eq!(
        client_outcome(&server),
        "client 127.0.0.1:PORT: recv(1024) #1: nothing for 1 s (idle timeout): closing",
        "a client that says nothing"
    );

    // A client that asks for 1 MiB of output and vanishes (RST: SO_LINGER
    // 0) before the reply: the reply's send, or the next recv, meets the
    // reset.
    let stream = TcpStream::connect(&address).expect("connecting");
    (&stream).write_all(b"seq 1 1000000").expect("a command");
    socket2::SockRef::from(&stream)
        .set_linger(Some(Duration::ZERO))
        .expect("SO_LINGER");
    drop(stream);
    let vanished = client_outcome(&server);
    assert!(
        vanished.starts_with("client 127.0.0.1:PORT: send #1: ")
            || vanished.starts_with("client 127.0.0.1:PORT: recv(1024) #2: "),
        "{vanished}"
    );
    assert!(
        vanished.ends_with(": ECONNRESET: closing") || vanished.ends_with(": EPIPE: closing"),
        "{vanished}"
    );

    // After all that, the course's client is served as if nothing happened.
    let port = address.rsplit(':').next().expect("a port");
    let client = python("lab17_client.py", &[port]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    assert_eq!(
        client.stdout.len(),
        3 * COMMANDS_17.len(),
        "{:?}",
        client.stdout
    );
    assert_eq!(client_outcome(&server), "client 127.0.0.1:PORT: done");
    // Every client's temp folder is gone once it has left.
    assert_eq!(folders_of(pid), Vec::<String>::new(), "temp folders left");
}
