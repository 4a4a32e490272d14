//! Lab 7's exercises: how a conversation ends.
//!
//! recv returns b"" once the other end has closed its sending side, and
//! from then on returns b"" at once, every time: a loop that does not
//! look for it spins. close() with bytes still unread makes the kernel
//! answer with RST instead of FIN (tcp(7)): the other end sees
//! ECONNRESET, not the end of the data. shutdown(SHUT_WR) closes only the
//! sending side, so a client can say "that was all" and still read the
//! answer.

use std::net::Shutdown;

use super::course::{ending_word, framed, numbered_lines};
use super::session::Step;
use super::{Exercise, Heard, NotRun, Plays, STEP, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::close_and_reset::LAB;
use crate::net::bytes_literal;
use crate::report::CheckResult;

pub const NOTICES_EOF: Exercise = Exercise {
    id: "7.1",
    lab: &LAB,
    folder: "07.1-notices-eof",
    title: "a server that notices its client left (b\"\") instead of spinning",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/07.1-notices-eof/task.md"),
    task_zh_cn: include_str!("../../exercises/07.1-notices-eof/task.zh-CN.md"),
    hint: include_str!("../../exercises/07.1-notices-eof/hint.md"),
    hint_zh_cn: include_str!("../../exercises/07.1-notices-eof/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_notices_eof,
};

pub const HALF_CLOSE_CLIENT: Exercise = Exercise {
    id: "7.2",
    lab: &LAB,
    folder: "07.2-half-close-client",
    title: "a client that says it is done with shutdown and reads the whole answer",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/07.2-half-close-client/task.md"),
    task_zh_cn: include_str!("../../exercises/07.2-half-close-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/07.2-half-close-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/07.2-half-close-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_half_close_client,
};

/// What socklab sends the echo server, and expects back.
const PROBE: &[u8] = b"hello";

fn grade_notices_eof(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.connect()?;
    session.send(&socket, PROBE)?;
    let (echo, _) = session.read_exactly(&socket, PROBE.len())?;
    socket.shutdown(Shutdown::Write).step("shutdown(SHUT_WR)")?;
    let (after, ending) = session.read_to_end(&socket, 64 * 1024)?;
    let did = match (after.len(), &ending) {
        (0, heard) => ending_word(heard),
        (bytes, heard) => format!("sent {bytes} bytes more, then {}", ending_word(heard)),
    };
    drop(socket);
    // A second client: a server still spinning on the first one never
    // gets back to accept (the connection waits in the backlog).
    let second = session.connect()?;
    session.send(&second, PROBE)?;
    let (second_echo, _) = session.read_exactly(&second, PROBE.len())?;
    Ok(vec![
        exact(
            "echo",
            "answer to b\"hello\"",
            bytes_literal(b"HELLO"),
            bytes_literal(&echo),
        ),
        exact(
            "closed-after-eof",
            "after socklab's shutdown, your server",
            "closed".to_string(),
            did,
        ),
        exact(
            "second-client",
            "answer to a second client",
            bytes_literal(b"HELLO"),
            bytes_literal(&second_echo),
        ),
    ])
}

/// The request of exercise 7.2, and the size of the answer.
const REQUEST: &[u8] = b"count the bytes";
const ANSWER_LEN: usize = 3000;

fn grade_half_close_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let (request, ended) = session.read_exactly(&socket, REQUEST.len())?;
    // The FIN after the request: the next recv returns b"".
    let after = match ended {
        Some(heard) => heard,
        None => session.hear(&socket, 1024, STEP)?,
    };
    let fin = match &after {
        Heard::Closed => "FIN (b\"\")".to_string(),
        Heard::Bytes(more) => format!("more bytes: {}", bytes_literal(more)),
        other => ending_word(other),
    };
    session.send(&socket, &framed(&numbered_lines("answer", ANSWER_LEN)))?;
    let ending = session.wait_until_gone(&socket)?;
    Ok(vec![
        exact(
            "request",
            "your request",
            bytes_literal(REQUEST),
            bytes_literal(&request),
        ),
        exact(
            "fin-after-request",
            "after the request",
            "FIN (b\"\")".to_string(),
            fin,
        ),
        exact(
            "read-whole-answer",
            "your client, having read the answer",
            "closed".to_string(),
            ending_word(&ending),
        ),
    ])
}
