//! Lab 8's exercise: send() may take fewer bytes than it was given.
//!
//! On a socket with a timeout (Python's `settimeout`, which makes the
//! socket non-blocking underneath) or a non-blocking one, send() copies
//! what fits in the send buffer and returns that count (send(2)). The rest
//! is the caller's to send again: that loop is what `sendall` does. socklab
//! makes the buffers fill: it reads nothing until the student's program
//! blocks (asleep in the kernel, its send buffer and socklab's receive
//! window full) or closes, so the first send() returns short, every time.

use super::{Exercise, Heard, NotRun, Plays, STEP, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::short_writes::LAB;
use crate::report::CheckResult;

/// 16 MiB: `bytes(range(256)) * 65536`. More than one non-blocking send
/// can take on any default Linux: the send buffer grows to at most
/// net.ipv4.tcp_wmem's maximum (4 MiB) and socklab's receive window to
/// tcp_rmem's (6 MiB), tcp(7).
const TOTAL: usize = 16 * 1024 * 1024;

pub const SEND_LOOP: Exercise = Exercise {
    id: "8.1",
    lab: &LAB,
    folder: "08.1-send-loop",
    title: "a sender that delivers every byte with send() alone",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/08.1-send-loop/task.md"),
    task_zh_cn: include_str!("../../exercises/08.1-send-loop/task.zh-CN.md"),
    hint: include_str!("../../exercises/08.1-send-loop/hint.md"),
    hint_zh_cn: include_str!("../../exercises/08.1-send-loop/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_send_loop,
};

fn pattern() -> Vec<u8> {
    (0..TOTAL).map(|at| (at % 256) as u8).collect()
}

fn grade_send_loop(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let blocked = session.wait_until_student_blocks(&socket)?;
    let expected = pattern();
    let mut received = 0usize;
    // The first byte that is not the pattern's, if any.
    let mut first_wrong = None;
    let ending = loop {
        match session.hear(&socket, 256 * 1024, STEP)? {
            Heard::Bytes(bytes) => {
                let end = received + bytes.len();
                if first_wrong.is_none() && expected.get(received..end) != Some(&bytes[..]) {
                    first_wrong = Some(received);
                }
                received = end;
            }
            other => break other,
        }
    };
    Ok(vec![
        exact(
            "buffers-filled",
            "your client blocked or closed before socklab read",
            true,
            blocked,
        ),
        exact(
            "bytes-received",
            "bytes socklab received before your client closed",
            TOTAL,
            received,
        ),
        exact(
            "in-order",
            "the bytes received, compared with data",
            "the same".to_string(),
            match first_wrong {
                None => "the same".to_string(),
                Some(at) => format!("different from byte {at} on"),
            },
        ),
        exact(
            "closed",
            "how your client ended",
            "closed".to_string(),
            super::course::ending_word(&ending),
        ),
    ])
}
