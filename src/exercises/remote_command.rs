//! Lab 17's exercises: the course's framed remote shell, both ends.
//!
//! Each reply is a header dictionary: `struct.pack('i', len(header))`,
//! the JSON `{"total_size": n}`, then n bytes of output. Three outputs
//! test a reader: an empty one (a command that prints nothing), a long one
//! that arrives in pieces, and one in Chinese, whose size in bytes is not
//! its length in characters.
//!
//! socklab never runs a command. As the server (17.1) it answers with
//! made-up outputs; as the client (17.2) it sends three fixed, harmless
//! commands to the student's server and works out what they print itself.

use super::course::{Got, header_message, numbered_lines, read_framed, read_header_message};
use super::{Exercise, NotRun, Plays, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::remote_command::LAB;
use crate::net::bytes_literal;
use crate::report::CheckResult;

/// The long output's size, and the pieces it is sent in.
const LONG: usize = 40_000;
const PIECE: usize = 10_000;

pub const SHELL_CLIENT: Exercise = Exercise {
    id: "17.1",
    lab: &LAB,
    folder: "17.1-shell-client",
    title: "a client for the framed remote shell",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/17.1-shell-client/task.md"),
    task_zh_cn: include_str!("../../exercises/17.1-shell-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/17.1-shell-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/17.1-shell-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_shell_client,
};

pub const SHELL_SERVER: Exercise = Exercise {
    id: "17.2",
    lab: &LAB,
    folder: "17.2-shell-server",
    title: "a framed remote shell whose total_size counts bytes",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/17.2-shell-server/task.md"),
    task_zh_cn: include_str!("../../exercises/17.2-shell-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/17.2-shell-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/17.2-shell-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_shell_server,
};

/// 17.1's commands and socklab's made-up output for each.
fn outputs() -> [(&'static [u8], Vec<u8>); 3] {
    [
        (b"cls", Vec::new()),
        (b"ipconfig", numbered_lines("ipconfig", LONG)),
        (
            b"tasklist",
            "映像名称   PID\n粘包.exe   1234\n".repeat(4).into_bytes(),
        ),
    ]
}

fn grade_shell_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let mut checks = Vec::new();
    for (index, (command, output)) in outputs().into_iter().enumerate() {
        let number = index + 1;
        let (got, ended) = session.read_exactly(&socket, command.len())?;
        if ended.is_some() || got != command {
            checks.push(exact(
                &format!("command-{number}"),
                &format!("command {number}"),
                bytes_literal(command),
                bytes_literal(&got),
            ));
            break;
        }
        let reply = header_message(&[], "total_size", &output);
        let body_start = reply.len() - output.len();
        let mut cuts = vec![0, body_start];
        cuts.extend((1..output.len().div_ceil(PIECE)).map(|n| body_start + n * PIECE));
        cuts.push(reply.len());
        cuts.dedup();
        for window in cuts.windows(2) {
            if !session.send(&socket, &reply[window[0]..window[1]])? {
                break;
            }
            if window[1] < reply.len() && !session.wait_until_read(&socket)? {
                break;
            }
        }
        let echo = read_framed(session, &socket)?;
        checks.push(exact(
            &format!("output-{number}"),
            &format!("output {number} ({} bytes), sent back", output.len()),
            Got::Message(output).shown(),
            echo.shown(),
        ));
    }
    Ok(checks)
}

/// 17.2's commands, and what each prints, worked out here.
fn commands() -> [(&'static str, &'static str, &'static str, Vec<u8>); 3] {
    let seq: String = (1..=20_000).map(|n| format!("{n}\n")).collect();
    [
        (
            "size-in-bytes",
            "answer to `echo 粘包` (7 bytes, 3 characters)",
            "echo 粘包",
            "粘包\n".as_bytes().to_vec(),
        ),
        (
            "empty-output",
            "answer to `true` (no output)",
            "true",
            Vec::new(),
        ),
        (
            "long-output",
            "answer to `seq 1 20000`",
            "seq 1 20000",
            seq.into_bytes(),
        ),
    ]
}

fn grade_shell_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.connect()?;
    let mut checks = Vec::new();
    for (id, name, command, output) in commands() {
        if !session.send(&socket, command.as_bytes())? {
            break;
        }
        let answer = read_header_message(session, &socket)?;
        checks.push(exact(
            id,
            name,
            Got::Message(output).shown(),
            match answer {
                Ok(message) => Got::Message(message.body).shown(),
                Err(got) => got.shown(),
            },
        ));
    }
    Ok(checks)
}
