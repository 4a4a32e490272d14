//! Lab 1's exercises: sticky packets, fixed with length framing.
//!
//! TCP carries a stream of bytes, not messages: four sends can reach a
//! reader that comes late as one recv. A `struct.pack('i', len(msg))`
//! before each message lets the reader cut the stream back into them.
//! socklab reads late on purpose: it waits until the client has closed
//! (POLLRDHUP) before its first recv, so everything the client sent is
//! queued together, as it is for the course's slow server.

use super::course::{ending_word, framed, listed, listed_with_rest, unframe};
use super::session::Step;
use super::{Exercise, NotRun, Plays, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::nagle_sticky::LAB;
use crate::net;
use crate::report::CheckResult;

/// The four messages of both exercises, as the course's client sends them.
const MESSAGES: [&[u8]; 4] = [b"hello", b"world", b"musibii", b"1"];

/// The most socklab keeps of what a program sends in these exercises.
const CAP: usize = 64 * 1024;

pub const FRAMED_CLIENT: Exercise = Exercise {
    id: "1.1",
    lab: &LAB,
    folder: "01.1-framed-client",
    title: "a client whose four messages a late reader gets as four",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/01.1-framed-client/task.md"),
    task_zh_cn: include_str!("../../exercises/01.1-framed-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/01.1-framed-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/01.1-framed-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_framed_client,
};

pub const FRAMED_SERVER: Exercise = Exercise {
    id: "1.2",
    lab: &LAB,
    folder: "01.2-framed-server",
    title: "a server that reads four framed messages back as four",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/01.2-framed-server/task.md"),
    task_zh_cn: include_str!("../../exercises/01.2-framed-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/01.2-framed-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/01.2-framed-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_framed_server,
};

fn grade_framed_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let closed = session.wait_until_closed(&socket);
    let queued = net::queued_bytes(&socket).step("FIONREAD")?;
    let (stream, _) = session.read_to_end(&socket, CAP)?;
    let unframed = unframe(&stream);
    Ok(vec![
        exact("closed", "your client closed after sending", true, closed),
        exact(
            "late-reader-queue",
            "bytes waiting for the late reader's first recv",
            stream.len(),
            queued,
        ),
        exact(
            "messages",
            "messages cut back out of the stream by their lengths",
            listed(&MESSAGES),
            listed_with_rest(&unframed),
        ),
    ])
}

fn grade_framed_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.connect()?;
    let stream: Vec<u8> = MESSAGES.iter().flat_map(|m| framed(m)).collect();
    // One send: the four messages reach the server stuck together.
    session.send(&socket, &stream)?;
    let read_all = session.wait_until_read(&socket)?;
    socket
        .shutdown(std::net::Shutdown::Write)
        .step("shutdown(SHUT_WR)")?;
    let (replies, ending) = session.read_to_end(&socket, CAP)?;
    let unframed = unframe(&replies);
    Ok(vec![
        exact(
            "read-everything",
            "your server read all four messages",
            true,
            read_all,
        ),
        exact(
            "replies",
            "replies, cut by their lengths",
            listed(&MESSAGES),
            listed_with_rest(&unframed),
        ),
        exact(
            "closed-after-eof",
            "your server closed after socklab's b\"\"",
            "closed".to_string(),
            ending_word(&ending),
        ),
    ])
}
