//! Lab 15's exercises: the course's HMAC challenge-response, both ends.
//!
//! The server sends 32 random bytes; the client proves it knows the key
//! by answering HMAC(key, challenge); a right answer goes on to the
//! upper-case echo loop, a wrong one is closed without a word. The key is
//! the lab's, b"peace and love". The course's `hmac.new(key, msg)` was
//! HMAC-MD5 (16 bytes) on the Pythons it was written for; the lab uses
//! HMAC-SHA256 (32 bytes): a client and server that disagree on the hash
//! disagree on the answer's length, and nothing on the wire says so.

use std::net::Shutdown;

use socket2::Socket;

use super::course::ending_word;
use super::session::Step;
use super::{Exercise, Heard, NotRun, Plays, STEP, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::hex;
use crate::labs::hmac_auth::{CHALLENGE_LEN, Digest, LAB, SECRET_KEY};
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;

/// What a client sends once it is in, and what comes back.
const PROBE: &[u8] = b"hello";
const ECHO: &[u8] = b"HELLO";

pub const SHA256_CLIENT: Exercise = Exercise {
    id: "15.1",
    lab: &LAB,
    folder: "15.1-hmac-sha256-client",
    title: "an HMAC-SHA256 client that answers the server's challenge",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/15.1-hmac-sha256-client/task.md"),
    task_zh_cn: include_str!("../../exercises/15.1-hmac-sha256-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/15.1-hmac-sha256-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/15.1-hmac-sha256-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_sha256_client,
};

pub const MD5_CLIENT: Exercise = Exercise {
    id: "15.2",
    lab: &LAB,
    folder: "15.2-hmac-md5-client",
    title: "the course's HMAC-MD5 client, a real HMAC",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/15.2-hmac-md5-client/task.md"),
    task_zh_cn: include_str!("../../exercises/15.2-hmac-md5-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/15.2-hmac-md5-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/15.2-hmac-md5-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_md5_client,
};

pub const SERVER: Exercise = Exercise {
    id: "15.3",
    lab: &LAB,
    folder: "15.3-hmac-server",
    title: "an HMAC-SHA256 server that lets in only who knows the key",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/15.3-hmac-server/task.md"),
    task_zh_cn: include_str!("../../exercises/15.3-hmac-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/15.3-hmac-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/15.3-hmac-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_server,
};

fn random_challenge() -> Result<Vec<u8>, NotRun> {
    let mut challenge = vec![0u8; CHALLENGE_LEN];
    net::os_random_bytes(&mut challenge).step("get random bytes (getrandom)")?;
    Ok(challenge)
}

fn grade_client(session: &mut Session, digest: Digest) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let challenge = random_challenge()?;
    session.send(&socket, &challenge)?;
    let length = digest.output_len();
    let (answer, _) = session.read_exactly(&socket, length)?;
    let right = digest.answer(SECRET_KEY, &challenge);
    let accepted = answer == right;
    let mut probe = String::from("not asked: the answer was wrong");
    if accepted {
        let (said, _) = session.read_exactly(&socket, PROBE.len())?;
        probe = bytes_literal(&said);
        if said == PROBE {
            session.send(&socket, ECHO)?;
        }
    }
    Ok(vec![
        exact(
            "answer-length",
            &format!("bytes of your answer ({})", digest.name()),
            length,
            answer.len(),
        ),
        exact(
            "hmac",
            &format!("your answer, {}(key, challenge)", digest.name()),
            hex::encode(&right),
            hex::encode(&answer),
        ),
        exact(
            "hello",
            "once in, your client said",
            bytes_literal(PROBE),
            probe,
        ),
    ])
}

fn grade_sha256_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    grade_client(session, Digest::Sha256)
}

fn grade_md5_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    grade_client(session, Digest::Md5)
}

/// One client of the student's server: reads its challenge, answers it
/// (rightly or not), says hello, and reports the challenge and what came
/// back.
fn visit(session: &mut Session, right: bool) -> Result<(Vec<u8>, String), NotRun> {
    let socket: Socket = session.connect()?;
    let (challenge, _) = session.read_exactly(&socket, CHALLENGE_LEN)?;
    let answer = if right {
        Digest::Sha256.answer(SECRET_KEY, &challenge)
    } else {
        vec![0u8; Digest::Sha256.output_len()]
    };
    session.send(&socket, &answer)?;
    session.send(&socket, PROBE)?;
    let heard = session.hear(&socket, 1024, STEP)?;
    let outcome = match heard {
        Heard::Bytes(bytes) => bytes_literal(&bytes),
        other => ending_word(&other),
    };
    let _ = socket.shutdown(Shutdown::Both);
    Ok((challenge, outcome))
}

fn grade_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let (first, right) = visit(session, true)?;
    let (_, wrong) = visit(session, false)?;
    let (third, _) = visit(session, true)?;
    Ok(vec![
        exact(
            "challenge-length",
            "bytes of your challenge",
            CHALLENGE_LEN,
            first.len(),
        ),
        exact(
            "right-answer-accepted",
            "after the right answer and b\"hello\"",
            bytes_literal(ECHO),
            right,
        ),
        exact(
            "wrong-answer-refused",
            "after a wrong answer and b\"hello\"",
            "closed".to_string(),
            // A close with socklab's b"hello" unread is a reset: refused too.
            if wrong == ending_word(&Heard::Reset) {
                "closed".to_string()
            } else {
                wrong
            },
        ),
        exact(
            "fresh-challenge",
            "a new challenge for each client",
            true,
            first != third,
        ),
    ])
}
