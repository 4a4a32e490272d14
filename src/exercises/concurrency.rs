//! Lab 14's exercise: a server that serves a second client while the
//! first is still there.
//!
//! An iterative server (accept, serve until the client leaves, accept
//! again) keeps every other client waiting: the kernel completes their
//! connections and queues them in the listen backlog (listen(2)), so
//! their connect succeeds, and then nothing answers. socklab connects a
//! first client that stays silent, then a second one, and sees whether
//! the second is answered.

use super::{Exercise, NotRun, Plays, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::concurrency::LAB;
use crate::net::bytes_literal;
use crate::report::CheckResult;

pub const THREADED_SERVER: Exercise = Exercise {
    id: "14.1",
    lab: &LAB,
    folder: "14.1-threaded-server",
    title: "a server that answers a second client while the first is still there",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/14.1-threaded-server/task.md"),
    task_zh_cn: include_str!("../../exercises/14.1-threaded-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/14.1-threaded-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/14.1-threaded-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_threaded_server,
};

fn grade_threaded_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let first = session.connect()?;
    let second = session.connect()?;
    session.send(&second, b"hello")?;
    let (answer, _) = session.read_exactly(&second, 5)?;
    // Now the first one speaks: it must be served too.
    session.send(&first, b"first")?;
    let (first_answer, _) = session.read_exactly(&first, 5)?;
    Ok(vec![
        exact(
            "second-client-served",
            "answer to the second client, the first still connected",
            bytes_literal(b"HELLO"),
            bytes_literal(&answer),
        ),
        exact(
            "first-client-served",
            "answer to the first client, afterwards",
            bytes_literal(b"FIRST"),
            bytes_literal(&first_answer),
        ),
    ])
}
