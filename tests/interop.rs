//! `socklab serve` and `socklab connect` against Python peers written the
//! way the course writes its programs (tests/interop/*.py), every variant
//! in both directions, and hostile clients against `socklab serve`.
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
    start_in(program, args, &[])
}

/// [`start`] with more environment variables (`TZ`, for the time server).
fn start_in(program: &str, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
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

/// The Python peer `tests/interop/<script>`, run by python3.
fn python(script: &str, args: &[&str]) -> Running {
    python_in(script, args, &[])
}

/// [`python`] with more environment variables.
fn python_in(script: &str, args: &[&str], env: &[(&str, &str)]) -> Running {
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
    start_in("python3", &all, env)
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

/// `socklab serve SERVE --once` (SERVE: the lab and its flags) against the
/// Python client `script PORT CLIENT_ARGS`: returns the server's lines
/// after the first (ports masked) and the client's. Both must exit 0.
fn serve_against_python(
    serve: &[&str],
    script: &str,
    client_args: &[&str],
) -> (Vec<String>, Vec<String>) {
    let (served, client) = serve_against_python_exits(serve, script, client_args);
    assert_eq!(client.code, Some(0), "client: {:?}", client.stderr);
    assert_eq!(served.code, Some(0), "server: {:?}", served.stderr);
    (masked(&served.stdout), client.stdout)
}

/// The same, returning both processes as they finished, whatever their
/// exit status.
fn serve_against_python_exits(
    serve: &[&str],
    script: &str,
    client_args: &[&str],
) -> (Finished, Finished) {
    let mut args = vec!["serve"];
    args.extend_from_slice(serve);
    args.push("--once");
    let server = socklab(&args);
    let address = server.listening_address();
    let port = address.rsplit(':').next().expect("a port").to_string();
    let mut args = vec![port.as_str()];
    args.extend_from_slice(client_args);
    let client = python(script, &args).finish();
    (server.finish(), client)
}

/// The Python server `script SERVER_ARGS` against `socklab connect
/// CONNECT` (the lab, then its flags): returns socklab's lines (ports
/// masked) and the server's after its first. Both must exit 0.
fn connect_against_python(
    connect: &[&str],
    script: &str,
    server_args: &[&str],
) -> (Vec<String>, Vec<String>) {
    let (client, served) = connect_against_python_exits(connect, script, server_args);
    assert_eq!(client.code, Some(0), "socklab connect: {:?}", client.stderr);
    assert_eq!(served.code, Some(0), "python server: {:?}", served.stderr);
    (client.stdout, served.stdout)
}

/// The same, whatever the exit status: socklab's output after its role
/// line, with ports masked, and the server's.
fn connect_against_python_exits(
    connect: &[&str],
    script: &str,
    server_args: &[&str],
) -> (Finished, Finished) {
    let server = python(script, server_args);
    let address = server.listening_address();
    let mut args = vec!["connect", connect[0], &address];
    args.extend_from_slice(&connect[1..]);
    let mut client = socklab(&args).finish();
    let served = server.finish();
    // The first line says what the client role does.
    let role = client.stdout.remove(0);
    assert!(role.starts_with(&format!("lab {} (", connect[0])), "{role}");
    client.stdout = masked(&client.stdout);
    client.stderr = masked(&client.stderr);
    (client, served)
}

/// The line `socklab serve N` starts with: the lab and what its server
/// role does, as the registry of roles describes it.
fn role_line(number: u8) -> String {
    let roles = socklab::roles::ROLES
        .iter()
        .find(|roles| roles.lab.number == number)
        .expect("the lab has roles");
    format!("lab {number} ({}): {}", roles.lab.slug, roles.server)
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
    let (server, client) = serve_against_python(&["1"], "lab01_client.py", &[]);
    assert_eq!(client, lines(&["sent 4 messages, closed"]));
    assert_eq!(
        server,
        served_lines(
            role_line(1).as_str(),
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
    let (client, server) = connect_against_python(&["1"], "lab01_server.py", &[]);
    assert_eq!(
        client,
        lines(&[
            "connected to 127.0.0.1:PORT (tcp)",
            "send #1: 5 bytes b\"hello\"",
            "send #2: 5 bytes b\"world\"",
            "send #3: 7 bytes b\"musibii\"",
            "send #4: 1 byte b\"1\"",
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
    let (server, client) = serve_against_python(&["2"], "lab02_client.py", &[]);
    assert_eq!(
        server[..6],
        served_lines(
            role_line(2).as_str(),
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
    let (client, server) = connect_against_python(&["2"], "lab02_server.py", &[]);
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
    let (server, client) = serve_against_python(&["3"], "lab03_client.py", &[]);
    assert_eq!(client, lines(&["sent 3 datagrams"]));
    assert_eq!(
        server,
        served_lines(
            role_line(3).as_str(),
            &[
                "recvfrom(8) #1: 8 bytes b\"12345678\" (datagram was 10 bytes: 2 discarded, MSG_TRUNC)",
                "recvfrom(3) #2: 3 bytes b\"123\" (datagram was 5 bytes: 2 discarded, MSG_TRUNC)",
                "recvfrom(1) #3: 1 byte b\"1\" (datagram was 3 bytes: 2 discarded, MSG_TRUNC)",
                "done",
            ]
        )
    );
}

#[test]
fn connect_3_sends_the_course_datagrams() {
    let (client, server) = connect_against_python(&["3"], "lab03_server.py", &[]);
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

/// What `socklab serve 6` prints for the three messages the Python client
/// sends, when it names the size `field`.
fn serve_6_messages(field: &str) -> Vec<String> {
    let mut expected = Vec::new();
    for (number, name, size, body) in [
        (1, "a.txt", 5, "5 bytes b\"hello\""),
        (2, "empty.txt", 0, "0 bytes b\"\""),
        (
            3,
            "digits.txt",
            100000,
            "100000 bytes b\"0123456789012345\"…b\"23456789\"",
        ),
    ] {
        let header = format!("{{\"filename\": \"{name}\", \"{field}\": {size}}}");
        // The header's length as its first byte shows, printable here.
        let prefix = char::from(u8::try_from(header.len()).expect("a short header"));
        expected.extend([
            format!(
                "message #{number}: length prefix b\"{prefix}\\x00\\x00\\x00\" = {} (struct 'i', little-endian)",
                header.len()
            ),
            format!("message #{number}: header {header}"),
            format!("message #{number}: size in \"{field}\": {size}; other fields: filename=\"{name}\""),
            format!("message #{number}: body {body}"),
        ]);
    }
    expected.push("client closed after 3 messages".to_string());
    // Each line is the client's, and says so.
    let expected: Vec<String> = expected
        .iter()
        .map(|line| format!("{CLIENT}{line}"))
        .collect();
    expected
}

#[test]
fn serve_6_reads_every_size_field_of_the_course() {
    for field in ["total_size", "data_size", "filesize", "file_size"] {
        let (server, client) = serve_against_python(&["6"], "lab06_client.py", &[field]);
        assert_eq!(client, lines(&["sent 3 messages"]));
        let mut expected = lines(&[role_line(6).as_str(), "client 127.0.0.1:PORT: connected"]);
        expected.extend(serve_6_messages(field));
        expected.push("client 127.0.0.1:PORT: done".to_string());
        assert_eq!(server, expected, "{field}");
    }
}

#[test]
fn connect_6_writes_the_course_header_dictionary_byte_for_byte() {
    let (client, server) = connect_against_python(&["6"], "lab06_server.py", &[]);
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
            "recv(1024) #1: 0 bytes b\"\" (EOF: the peer closed)",
            "the server read everything and closed",
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

#[test]
fn connect_6_exits_1_when_the_server_shows_no_sign_of_understanding() {
    for (mode, why) in [
        ("echo", "not understood: the server answered "),
        ("early", "not understood: "),
        (
            "mute",
            "not understood: the server neither closed nor answered: no sign that it read the messages",
        ),
    ] {
        let (client, _) = connect_against_python_exits(&["6"], "other_server.py", &[mode]);
        assert_eq!(client.code, Some(1), "{mode}: {:?}", client.stdout);
        assert_eq!(client.stderr.len(), 1, "{mode}: {:?}", client.stderr);
        assert!(
            client.stderr[0].starts_with(why),
            "{mode}: {:?}",
            client.stderr
        );
        assert!(!client.stdout.contains(&"done".to_string()), "{mode}");
    }
}

// ---------------------------------------------------------------------------
// Lab 11: the UDP time server.
// ---------------------------------------------------------------------------

/// A time zone given as a POSIX TZ string, which Python (glibc) and jiff
/// both read without a time zone database: China Standard Time, UTC+8.
const TZ: (&str, &str) = ("TZ", "CST-8");

/// Formats that use every directive the course's time server may be sent.
const TIME_FORMATS: [&str; 8] = [
    "",
    "%A %d %B %Y",
    "%c",
    "%p %I:%M, day %j",
    "%a %b %e %H:%M:%S %Y %Z %z",
    "%x %X %D %F %R %T %r",
    "%U %W %V %G %g %u %w %y %C %h %k %l %P",
    "%-d %_m %5Y %^a",
];

/// `socklab serve 11` (with `serve_args`) and the Python client asking
/// `format`: the reply must be what Python's own time.strftime gave just
/// before or just after.
fn ask_the_time(serve_args: &[&str], format: &str, utc: bool) {
    let mut args = vec!["serve", "11", "--once"];
    args.extend_from_slice(serve_args);
    let server = start_in(env!("CARGO_BIN_EXE_socklab"), &args, &[TZ]);
    let address = server.listening_address();
    let port = address.rsplit(':').next().expect("a port");
    let mut client_args = vec![port, format];
    if utc {
        client_args.push("--utc");
    }
    let client = python_in("lab11_client.py", &client_args, &[TZ]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    let [reply, before, after] = &client.stdout[..] else {
        panic!("{:?}", client.stdout);
    };
    assert!(
        reply == before || reply == after,
        "{format:?}: {reply} vs {before}/{after}"
    );
    assert_eq!(server.finish().code, Some(0));
}

#[test]
fn serve_11_tells_the_course_client_the_local_time_in_any_format() {
    for format in TIME_FORMATS {
        ask_the_time(&[], format, false);
    }
}

#[test]
fn serve_11_utc_tells_the_time_in_utc() {
    // %Z aside: Python's time.gmtime() names the zone GMT, jiff UTC.
    for format in TIME_FORMATS.iter().filter(|f| !f.contains("%Z")) {
        ask_the_time(&["--utc"], format, true);
    }
}

#[test]
fn serve_11_answers_a_bad_format_with_an_error() {
    let (server, client) = serve_against_python(&["11"], "lab11_client.py", &["%Q"]);
    assert_eq!(client[0], "'error: unknown %Q'");
    assert_eq!(
        server[3],
        format!("{CLIENT}sendto 127.0.0.1:PORT: 17 bytes b\"error: unknown %Q\"")
    );
}

#[test]
fn connect_11_asks_the_course_server_for_the_time() {
    let server = python_in("lab11_server.py", &[], &[TZ]);
    let address = server.listening_address();
    let client = socklab(&["connect", "11", &address]).finish();
    assert_eq!(client.code, Some(0), "{:?}", client.stderr);
    let client = masked(&client.stdout[1..]);
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
    assert_eq!(client[3], "done");
    let served = server.finish();
    assert_eq!(
        served.stdout,
        vec![format!("request: b'' reply: b'{time}'")]
    );
}

// ---------------------------------------------------------------------------
// The command line around the roles.
// ---------------------------------------------------------------------------

#[test]
fn a_lab_without_roles_is_a_one_line_error() {
    // The labs with roles, as the registry of roles lists them: the error
    // must name exactly these, whatever labs gain roles later.
    let with_roles: Vec<String> = socklab::roles::ROLES
        .iter()
        .map(|roles| format!("{} ({})", roles.lab.number, roles.lab.slug))
        .collect();
    let without = socklab::registry::LABS
        .iter()
        .find(|lab| {
            socklab::roles::ROLES
                .iter()
                .all(|r| r.lab.number != lab.number)
        })
        .expect("a lab without roles");
    let number = without.number.to_string();
    let finished = socklab(&["serve", &number]).finish();
    assert_eq!(finished.code, Some(2));
    assert_eq!(finished.stdout, Vec::<String>::new());
    assert_eq!(
        finished.stderr,
        vec![format!(
            "error: lab {number} ({}) has no serve/connect roles; labs with roles: {}",
            without.slug,
            with_roles.join(", ")
        )]
    );
    let connect = socklab(&["connect", &number, "127.0.0.1:9"]).finish();
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
            "client 127.0.0.1:PORT: header has no \"total_size\" or \"data_size\" or \"filesize\" or \"file_size\": {\"size\": 5}: closing",
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
    for expected in serve_6_messages("total_size") {
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

/// The hex after `prefix` in `line`: `digits` lower-case hex digits.
fn hex_after<'a>(line: &'a str, prefix: &str, digits: usize) -> &'a str {
    let hex = line
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    let hex = hex.split(' ').next().unwrap_or_default();
    assert!(
        hex.len() == digits && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')),
        "{line:?}"
    );
    hex
}

/// A server line without the client it is about: `client ADDR: recv...`
/// → `recv...`.
fn unprefixed(line: &str) -> &str {
    line.strip_prefix(CLIENT).unwrap_or(line)
}

/// The server line that starts with `prefix` (after its client prefix).
fn line_starting<'a>(lines: &'a [String], prefix: &str) -> &'a str {
    lines
        .iter()
        .map(|line| unprefixed(line))
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in {lines:?}"))
}

#[test]
fn serve_15_lets_the_course_client_into_the_echo_loop() {
    for (serve, client_args, digest, settings) in [
        (
            &["15"][..],
            &["peace and love", "sha256"][..],
            "HMAC-SHA256",
            "key b\"peace and love\", HMAC-SHA256: 32-byte answers (--key TEXT and --digest md5|sha256 to speak another)",
        ),
        (
            &["15", "--digest", "md5", "--key", "SOCKET KEY"][..],
            &["SOCKET KEY", "md5"][..],
            "HMAC-MD5",
            "key b\"SOCKET KEY\", HMAC-MD5: 16-byte answers (--key TEXT and --digest md5|sha256 to speak another)",
        ),
    ] {
        let (server, client) = serve_against_python(serve, "lab15_client.py", client_args);
        let digits = if digest == "HMAC-MD5" { 32 } else { 64 };
        let challenge = hex_after(&client[0], "challenge: ", 64);
        let answer = hex_after(&client[1], "answer: ", digits);
        assert_eq!(client[2], "reply: b'HELLO'", "{digest}");
        assert_eq!(server[1], settings);
        // The challenge Python read is the server's, and the HMAC the
        // server expected is the one Python's hmac module computed.
        hex_after(
            line_starting(
                &server,
                &format!("challenge: 32 random bytes (getrandom(2)), hex {challenge}"),
            ),
            "challenge: 32 random bytes (getrandom(2)), hex ",
            64,
        );
        assert_eq!(
            line_starting(&server, "expected "),
            format!("expected {digest}(key, challenge), hex {answer}")
        );
        let tail: Vec<&str> = server[server.len() - 5..]
            .iter()
            .map(|line| unprefixed(line))
            .collect();
        assert_eq!(
            tail,
            [
                "answer matches (constant-time compare): accepted; each message comes back upper-cased",
                "recv(1024) #2: 5 bytes b\"hello\"",
                "send #2: 5 bytes b\"HELLO\"",
                "recv(1024) #3: 0 bytes b\"\" (EOF: the peer closed)",
                "done",
            ][..],
            "{digest}"
        );
    }
}

#[test]
fn serve_15_closes_on_the_course_client_with_the_wrong_key() {
    let (server, client) = serve_against_python(&["15"], "lab15_client.py", &["peace and hate"]);
    assert_eq!(client[2], "reply: b''", "no verdict, only the close");
    assert_eq!(
        server.last().map(String::as_str),
        Some("client 127.0.0.1:PORT: answer is not HMAC-SHA256(key, challenge): rejected: closing")
    );
    assert!(
        !server.iter().any(|line| line.starts_with("send #2")),
        "{server:?}"
    );
}

#[test]
fn serve_15_names_the_digest_a_client_of_the_other_one_speaks() {
    for (serve, digest, outcome) in [
        (
            &["15", "--idle-timeout", "1"][..],
            "md5",
            "client 127.0.0.1:PORT: recv(16) #2: nothing for 1 s (idle timeout) after 16 of 32 answer bytes; 16 bytes: the size of HMAC-MD5; try --digest md5: closing",
        ),
        (
            &["15", "--digest", "md5"][..],
            "sha256",
            "client 127.0.0.1:PORT: answer is not HMAC-MD5(key, challenge): rejected; 32 bytes: the size of HMAC-SHA256; try --digest sha256: closing",
        ),
    ] {
        let (server, client) = serve_against_python(
            serve,
            "lab15_client.py",
            &["peace and love", digest, "wait"],
        );
        assert_eq!(client[2], "reply: b''", "{digest}");
        assert_eq!(server.last().map(String::as_str), Some(outcome));
    }
}

#[test]
fn connect_15_is_let_in_by_the_course_servers() {
    for (connect, server_args, digest) in [
        (
            &["15"][..],
            &["peace and love", "sha256", "compare"][..],
            "HMAC-SHA256",
        ),
        (
            &["15", "--digest", "md5", "--key", "SOCKET KEY"][..],
            &["SOCKET KEY", "md5", "ne"][..],
            "HMAC-MD5",
        ),
    ] {
        let (client, server) = connect_against_python(connect, "lab15_server.py", server_args);
        let digits = if digest == "HMAC-MD5" { 32 } else { 64 };
        let answer = hex_after(&server[1], "answer: ", digits);
        assert_eq!(server[1], format!("answer: {answer} accepted"));
        // What Python's server received is what socklab computed.
        assert!(
            client.contains(&format!("answer: {digest}(key, challenge), hex {answer}")),
            "{client:?}"
        );
        assert_eq!(
            client[client.len() - 4..],
            lines(&[
                "recv(1024) #2: 5 bytes b\"HELLO\"",
                "accepted: 5 bytes b\"hello\" came back as 5 bytes b\"HELLO\"",
                "shutdown(SHUT_WR): sent FIN",
                "done",
            ])
        );
    }
}

#[test]
fn connect_15_reports_what_a_course_server_did_with_exit_1_or_2() {
    for (variant, code, why) in [
        ("compare", 1, "not understood: rejected: the server"),
        (
            "fail-text",
            1,
            "not understood: not accepted: the server answered 17 bytes b\"verification fail\" instead of the echo 5 bytes b\"HELLO\"",
        ),
        (
            "mute",
            2,
            "error: no verdict: the server neither echoed 5 bytes b\"hello\" nor closed",
        ),
    ] {
        let (client, server) = connect_against_python_exits(
            &["15"],
            "lab15_server.py",
            &["another key", "sha256", variant],
        );
        assert_eq!(client.code, Some(code), "{variant}: {:?}", client.stdout);
        assert_eq!(client.stderr.len(), 1, "{variant}: {:?}", client.stderr);
        assert!(
            client.stderr[0].starts_with(why),
            "{variant}: {:?}",
            client.stderr
        );
        assert!(
            server.stdout[1].ends_with(" rejected"),
            "{:?}",
            server.stdout
        );
    }
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
    server.line(); // its key and digest
    for (what, answer, linger, expected) in [
        (
            "a client that reads the challenge and says nothing",
            &b""[..],
            true,
            "client 127.0.0.1:PORT: recv(32) #1: nothing for 1 s (idle timeout) after 0 of 32 answer bytes: closing",
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
            "client 127.0.0.1:PORT: recv(27) #2: nothing for 1 s (idle timeout) after 5 of 32 answer bytes: closing",
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
    for (key, reply, outcome) in [
        (
            "peace and hate",
            "reply: b''",
            "client 127.0.0.1:PORT: answer is not HMAC-SHA256(key, challenge): rejected: closing",
        ),
        (
            "peace and love",
            "reply: b'HELLO'",
            "client 127.0.0.1:PORT: done",
        ),
    ] {
        let client = python("lab15_client.py", &[port, key]).finish();
        assert_eq!(client.code, Some(0), "{:?}", client.stderr);
        assert_eq!(client.stdout[2], reply);
        challenges.push(hex_after(&client.stdout[0], "challenge: ", 64).to_string());
        assert_eq!(client_outcome(&server), outcome, "key {key}");
    }
    assert_ne!(challenges[0], challenges[1], "a challenge came twice");
}

// ---------------------------------------------------------------------------
// Lab 16: the course's put.
// ---------------------------------------------------------------------------

/// A file of the test's own in the temp dir, removed when dropped.
struct TestFile {
    path: PathBuf,
}

impl TestFile {
    /// `name` holding every byte value, in lines, 3 times over: binary,
    /// with line ends for the course's line-by-line sends.
    fn binary(name: &str) -> TestFile {
        let folder =
            std::env::temp_dir().join(format!("socklab-interop-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a temp folder");
        let path = folder.join(name);
        let bytes: Vec<u8> = (0..3).flat_map(|_| 0..=255u8).collect();
        std::fs::write(&path, bytes).expect("writing the test file");
        TestFile { path }
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("reading the test file")
    }

    fn arg(&self) -> &str {
        self.path.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for TestFile {
    fn drop(&mut self) {
        if let Some(folder) = self.path.parent() {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The temp folders of the socklab process `pid` for lab `lab`
/// (`socklab-LAB-PID-N`) that still exist.
fn folders_of(lab: u8, pid: u32) -> Vec<String> {
    let prefix = format!("socklab-{lab}-{pid}-");
    std::fs::read_dir(std::env::temp_dir())
        .expect("reading the temp dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&prefix))
        .collect()
}

#[test]
fn serve_16_stores_what_the_course_put_client_sends() {
    let file = TestFile::binary("data.bin");
    let bytes = file.bytes();
    for field in ["filesize", "file_size"] {
        let server = socklab(&["serve", "16", "--once"]);
        let pid = server.child.id();
        let address = server.listening_address();
        let port = address.rsplit(':').next().expect("a port");
        let client = python("lab16_client.py", &[port, file.arg(), field]).finish();
        assert_eq!(client.code, Some(0), "{:?}", client.stderr);
        assert_eq!(
            client.stdout,
            vec![format!(
                "sent data.bin {} {}",
                bytes.len(),
                sha256_hex(&bytes)
            )]
        );
        let served = server.finish();
        assert_eq!(served.code, Some(0), "{:?}", served.stderr);
        let served = masked(&served.stdout);
        assert_eq!(
            served,
            lines(&[
                role_line(16).as_str(),
                "uploads go to a new folder (mode 0700) for each client, removed when it leaves",
                "client 127.0.0.1:PORT: connected",
                &format!(
                    "{CLIENT}upload #1: length prefix b\"{}\\x00\\x00\\x00\" = {} (struct 'i', little-endian)",
                    if field == "filesize" { "7" } else { "8" },
                    if field == "filesize" { 55 } else { 56 }
                ),
                &format!(
                    "{CLIENT}upload #1: header {{\"cmd\": \"put\", \"filename\": \"data.bin\", \"{field}\": 768}}"
                ),
                &format!(
                    "{CLIENT}upload #1: stored data.bin, 768 bytes, SHA-256 {}, MD5 {}",
                    sha256_hex(&bytes),
                    md5_hex(&bytes)
                ),
                &format!("{CLIENT}client closed after 1 uploads"),
                "client 127.0.0.1:PORT: done",
            ]),
            "{field}"
        );
        assert_eq!(
            folders_of(16, pid),
            Vec::<String>::new(),
            "upload folder left"
        );
    }
}

#[test]
fn connect_16_uploads_to_the_course_put_server() {
    let file = TestFile::binary("photo.jpg");
    let bytes = file.bytes();
    for connect in [&["16"][..], &["16", "--size-field", "file_size"][..]] {
        let mut args = connect.to_vec();
        args.push(file.arg());
        let (client, server) = connect_against_python_exits(&args, "lab16_server.py", &[]);
        assert_eq!(client.code, Some(0), "{:?}", client.stderr);
        assert_eq!(server.code, Some(0), "{:?}", server.stderr);
        assert_eq!(
            server.stdout,
            [format!("stored photo.jpg 768 {}", sha256_hex(&bytes))]
        );
        let tail = &client.stdout[client.stdout.len() - 5..];
        assert_eq!(
            tail,
            lines(&[
                &format!("sent photo.jpg: 768 bytes, SHA-256 {}", sha256_hex(&bytes)),
                "shutdown(SHUT_WR): sent FIN",
                "recv(1024) #1: 0 bytes b\"\" (EOF: the peer closed)",
                "the server read everything and closed",
                "done",
            ])
        );
        assert_eq!(client.stdout.last().map(String::as_str), Some("done"));
    }
}

#[test]
fn connect_16_exits_1_against_a_server_that_answers() {
    let file = TestFile::binary("notes.txt");
    let (client, _) =
        connect_against_python_exits(&["16", file.arg()], "other_server.py", &["echo"]);
    assert_eq!(client.code, Some(1), "{:?}", client.stdout);
    assert!(
        client.stderr[0].starts_with("not understood: the server answered"),
        "{:?}",
        client.stderr
    );
}

#[test]
fn serve_16_refuses_unsafe_names_and_unknown_commands() {
    let server = socklab(&["serve", "16", "--idle-timeout", "1"]);
    let pid = server.child.id();
    let address = server.listening_address();
    server.line(); // what the server does
    server.line(); // where uploads go
    let put = |header: &str, body: &[u8]| {
        let mut bytes = (header.len() as i32).to_le_bytes().to_vec();
        bytes.extend_from_slice(header.as_bytes());
        bytes.extend_from_slice(body);
        bytes
    };
    for (what, bytes, expected) in [
        (
            "a name that climbs out",
            put(
                r#"{"cmd": "put", "filename": "../escaped.txt", "filesize": 2}"#,
                b"hi",
            ),
            "client 127.0.0.1:PORT: refused \"filename\": \"../escaped.txt\": not a plain file name (normpath(join(folder, name))) would have taken it out of the folder or onto a hidden file: closing",
        ),
        (
            "an absolute name",
            put(
                r#"{"cmd": "put", "filename": "/tmp/escaped.txt", "filesize": 2}"#,
                b"hi",
            ),
            "client 127.0.0.1:PORT: refused \"filename\": \"/tmp/escaped.txt\": not a plain file name (normpath(join(folder, name))) would have taken it out of the folder or onto a hidden file: closing",
        ),
        (
            "a method name as the command",
            put(
                r#"{"cmd": "__init__", "filename": "a", "filesize": 0}"#,
                b"",
            ),
            "client 127.0.0.1:PORT: \"cmd\": \"__init__\" is not a command here (the table holds put), and the course's getattr(self, cmd) would have called any method of that name: closing",
        ),
        (
            "a file cut short",
            put(
                r#"{"cmd": "put", "filename": "a.bin", "file_size": 10}"#,
                b"12345",
            ),
            "client 127.0.0.1:PORT: EOF after 5 of 10 file bytes (the peer vanished mid-message): closing",
        ),
    ] {
        hostile(&address, &bytes, false);
        assert_eq!(client_outcome(&server), expected, "{what}");
    }
    assert!(!std::env::temp_dir().join("escaped.txt").exists());
    assert_eq!(
        folders_of(16, pid),
        Vec::<String>::new(),
        "upload folders left"
    );
}

// ---------------------------------------------------------------------------
// Lab 17: remote commands, no shell, three reply shapes.
// ---------------------------------------------------------------------------

/// What ls writes to stderr for the missing file (LC_ALL=C).
const LS_MISSING: &str = "ls: cannot access 'no-such-file': No such file or directory\n";

/// The course's client against `socklab serve 17` in each reply shape.
#[test]
fn serve_17_answers_the_course_client_in_each_shape() {
    for (serve, shape) in [
        (&["17"][..], "total_size"),
        (&["17", "--size-field", "data_size"][..], "data_size"),
        (&["17", "--reply", "length-prefix"][..], "length-prefix"),
    ] {
        let server = {
            let mut args = vec!["serve"];
            args.extend_from_slice(serve);
            args.push("--once");
            socklab(&args)
        };
        let pid = server.child.id();
        let address = server.listening_address();
        let port = address.rsplit(':').next().expect("a port");
        let client = python("lab17_client.py", &[port, shape]).finish();
        assert_eq!(client.code, Some(0), "{shape}: {:?}", client.stderr);
        assert_eq!(client.stdout.len(), 4, "{shape}: {:?}", client.stdout);
        assert_eq!(client.stdout[0], r"command: echo hi size: 3 body: b'hi\n'");
        assert!(
            client.stdout[1].starts_with(r"command: seq 1 500 size: 1892 body: b'1\n2\n3\n"),
            "{shape}: {}",
            client.stdout[1]
        );
        assert!(client.stdout[1].ends_with(r"499\n500\n'"), "{shape}");
        assert_eq!(
            client.stdout[2],
            format!(
                "command: ls no-such-file size: {} body: b\"{}\"",
                LS_MISSING.len(),
                LS_MISSING.replace('\n', "\\n")
            )
        );
        assert_eq!(client.stdout[3], "command: false size: 0 body: b''");
        let served = server.finish();
        assert_eq!(served.code, Some(0), "{shape}: {:?}", served.stderr);
        assert_eq!(
            folders_of(17, pid),
            Vec::<String>::new(),
            "temp folder left"
        );
    }
}

/// The lines `socklab connect 17` prints about the shape of reply #1
/// (`echo hi`), for each shape.
fn reply_1_shape(shape: &str, extra: &str) -> String {
    match shape {
        "length-prefix" => {
            "reply #1: no JSON header: the 3 bytes are the output (--reply length-prefix)"
                .to_string()
        }
        field => {
            format!("reply #1: header dictionary, size in \"{field}\": {{\"{field}\": 3{extra}}}")
        }
    }
}

#[test]
fn connect_17_reads_the_course_servers_in_each_shape() {
    for shape in ["total_size", "data_size", "length-prefix"] {
        let (client, server) = connect_against_python(&["17"], "lab17_server.py", &[shape]);
        assert!(
            client.contains(&reply_1_shape(shape, ", \"header_name\": \"reply\"")),
            "{shape}: {client:?}"
        );
        assert_eq!(client.last().map(String::as_str), Some("done"));
        // Only the harmless commands reached the shell-running server.
        assert_eq!(
            server,
            vec![
                "command: b'echo hi' body: 3 bytes".to_string(),
                "command: b'seq 1 500' body: 1892 bytes".to_string(),
                format!(
                    "command: b'ls no-such-file' body: {} bytes",
                    LS_MISSING.len()
                ),
                "command: b'false' body: 0 bytes".to_string(),
            ],
            "{shape}"
        );
    }
}

#[test]
fn connect_17_reads_socklab_serve_in_each_shape() {
    for (serve, shape, extra) in [
        (
            &["17"][..],
            "total_size",
            ", \"stdout_len\": 3, \"stderr_len\": 0, \"exit_status\": 0, \"signal\": null",
        ),
        (
            &["17", "--size-field", "data_size"][..],
            "data_size",
            ", \"stdout_len\": 3, \"stderr_len\": 0, \"exit_status\": 0, \"signal\": null",
        ),
        (&["17", "--reply", "length-prefix"][..], "length-prefix", ""),
    ] {
        let mut args = vec!["serve"];
        args.extend_from_slice(serve);
        args.push("--once");
        let server = socklab(&args);
        let address = server.listening_address();
        let client = socklab(&["connect", "17", &address]).finish();
        assert_eq!(client.code, Some(0), "{shape}: {:?}", client.stderr);
        let client = masked(&client.stdout);
        assert!(
            client.contains(&reply_1_shape(shape, extra)),
            "{shape}: {client:?}"
        );
        assert!(
            client.contains(&format!(
                "reply #3: {} 60 bytes b\"ls: cannot acces\"…b\"rectory\\n\"",
                if shape == "length-prefix" {
                    "output"
                } else {
                    "body"
                }
            )),
            "{shape}: {client:?}"
        );
        assert_eq!(server.finish().code, Some(0));
    }
}

#[test]
fn connect_17_exits_1_against_a_server_of_another_protocol() {
    let (client, _) = connect_against_python_exits(&["17"], "other_server.py", &["echo"]);
    assert_eq!(client.code, Some(1), "{:?}", client.stdout);
    assert_eq!(
        client.stderr,
        lines(&[
            "not understood: reply #1 starts with b\"ECHO\", which is no struct 'i' length up to 16777216: not one of the course's reply shapes"
        ])
    );
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
    server.line(); // its reply shape

    // Refusals are replies: the connection goes on after each. Nothing
    // here would do harm even in a shell.
    let mut stream = TcpStream::connect(&address).expect("connecting");
    stream.set_read_timeout(Some(WAIT)).expect("SO_RCVTIMEO");
    for (command, error, body) in [
        (
            &b"cat notes.txt"[..],
            Some("refused: cat is not on the allowlist"),
            &b"refused: cat is not on the allowlist\n"[..],
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
        // No shell: echo gets `hi;` and `ls` as its arguments.
        (b"echo hi; ls", None, b"hi; ls\n"),
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
    assert_eq!(client.stdout.len(), 4, "{:?}", client.stdout);
    assert_eq!(client_outcome(&server), "client 127.0.0.1:PORT: done");
    // Every client's temp folder is gone once it has left.
    assert_eq!(
        folders_of(17, pid),
        Vec::<String>::new(),
        "temp folders left"
    );
}

#[test]
fn connect_16_names_the_fix_for_a_missing_or_unreadable_file() {
    let missing = socklab(&["connect", "16", "127.0.0.1:9"]).finish();
    assert_eq!(missing.code, Some(2));
    assert_eq!(
        missing.stderr,
        lines(&["error: lab 16 (file-transfer) uploads a file: socklab connect 16 ADDR:PORT FILE"])
    );
    let unreadable = socklab(&["connect", "16", "127.0.0.1:9", "/nonexistent/a.txt"]).finish();
    assert_eq!(unreadable.code, Some(2));
    assert_eq!(
        unreadable.stderr,
        lines(&[
            "error: cannot read /nonexistent/a.txt: No such file or directory (os error 2); give the path of a file to upload"
        ])
    );
    let wrong_flag = socklab(&["serve", "6", "--digest", "md5"]).finish();
    assert_eq!(wrong_flag.code, Some(2));
    assert_eq!(
        wrong_flag.stderr,
        lines(&["error: `socklab serve 6` takes no --digest; it is for lab 15 (hmac-auth)"])
    );
}
