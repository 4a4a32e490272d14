//! Lab 2's exercises: recv(n) returns at most n bytes, and often fewer.
//!
//! A reply that arrives in pieces is the test of a reader. socklab sends
//! its replies in pieces on purpose, and between two pieces waits until
//! the student's program has read everything sent so far (its receive
//! queue is empty, sock_diag(7)): the program's next recv then sees only
//! the first piece, every time, however fast the machine.

use socket2::Socket;

use super::course::{Got, ending_word, framed, numbered_lines, read_framed};
use super::{Exercise, NotRun, Plays, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::partial_recv::LAB;
use crate::net::bytes_literal;
use crate::report::CheckResult;

/// The commands the client of exercise 2.1 sends, and the size of the
/// output socklab answers each with. socklab runs nothing: the outputs
/// are made up, lines that say which reply they belong to.
const COMMANDS: [(&[u8], usize); 3] = [(b"dir", 3000), (b"ipconfig", 5000), (b"tasklist", 10)];

/// The first piece of reply 1, length prefix included: less than 1024,
/// so the course's `len(data) < 1024` loop takes it for the whole reply.
const FIRST_PIECE: usize = 1000;

pub const COMMAND_CLIENT: Exercise = Exercise {
    id: "2.1",
    lab: &LAB,
    folder: "02.1-command-client",
    title: "a remote-command client that never shows one reply's tail in the next",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/02.1-command-client/task.md"),
    task_zh_cn: include_str!("../../exercises/02.1-command-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/02.1-command-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/02.1-command-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_command_client,
};

pub const EXACT_SERVER: Exercise = Exercise {
    id: "2.2",
    lab: &LAB,
    folder: "02.2-exact-server",
    title: "a server that reads all of a message it was told the length of",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/02.2-exact-server/task.md"),
    task_zh_cn: include_str!("../../exercises/02.2-exact-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/02.2-exact-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/02.2-exact-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_exact_server,
};

fn grade_command_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let mut checks = Vec::new();
    let mut echoes = Vec::new();
    for (index, (command, size)) in COMMANDS.iter().enumerate() {
        let number = index + 1;
        // Exactly the command's length: what the program sends next must
        // not be read as part of it (socklab has no framing for commands
        // either, since the course's client sends them bare).
        let (bytes, ended) = session.read_exactly(&socket, command.len())?;
        let arrived = match &ended {
            None => bytes_literal(&bytes),
            Some(heard) => format!("{}, then {}", bytes_literal(&bytes), ending_word(heard)),
        };
        checks.push(exact(
            &format!("command-{number}"),
            &format!("command {number}"),
            bytes_literal(command),
            arrived,
        ));
        if ended.is_some() {
            break;
        }
        let output = numbered_lines(&format!("reply {number}"), *size);
        let reply = framed(&output);
        if number == 1 {
            session.send(&socket, &reply[..FIRST_PIECE])?;
            session.wait_until_read(&socket)?;
            session.send(&socket, &reply[FIRST_PIECE..])?;
        } else {
            session.send(&socket, &reply)?;
        }
        let echo = read_framed(session, &socket)?;
        checks.push(exact(
            &format!("reply-{number}"),
            &format!("output {number} sent back ({size} bytes)"),
            Got::Message(output).shown(),
            echo.shown(),
        ));
        echoes.push(echo);
    }
    let carried = echoes
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(index, echo)| match echo {
            Got::Message(bytes) => contains(bytes, format!("reply {index} line").as_bytes()),
            _ => false,
        })
        .count();
    checks.push(exact(
        "tail-in-next",
        "outputs that began with the tail of the one before",
        0usize,
        carried,
    ));
    Ok(checks)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The body of exercise 2.2, and its pieces.
const BODY_LEN: usize = 100_000;
const PIECES: usize = 10;

fn grade_exact_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket: Socket = session.connect()?;
    let body = numbered_lines("body", BODY_LEN);
    let mut message = framed(&body);
    // The length and the first piece together, then the others.
    let first = 4 + BODY_LEN / PIECES;
    let rest = message.split_off(first);
    session.send(&socket, &message)?;
    for piece in rest.chunks(BODY_LEN / PIECES) {
        // A server that closed (having read all it meant to) gets no more.
        if !session.wait_until_read(&socket)? || !session.send(&socket, piece)? {
            break;
        }
    }
    let (answer, _) = session.read_exactly(&socket, 4)?;
    let answered = match <[u8; 4]>::try_from(answer.as_slice()) {
        Ok(bytes) => i32::from_le_bytes(bytes).to_string(),
        Err(_) => format!("no answer ({} bytes)", answer.len()),
    };
    Ok(vec![exact(
        "bytes-read",
        "body bytes your server says it read",
        BODY_LEN.to_string(),
        answered,
    )])
}
