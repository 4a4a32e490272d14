//! Lab 6's exercises: the course's header dictionary, from both ends.
//!
//! `struct.pack('i', len(header))`, a JSON header whose `total_size` is
//! the body's length, then the body. Three messages test a reader: one
//! with an empty body (`total_size` 0: a reader that waits for "some"
//! bytes waits forever), one cut into pieces down to the 4-byte length
//! (each piece sent only once the last one was read, so a recv sees one
//! piece at a time), and one the sender abandons mid-body (EOF: recv
//! returns b"" for ever after, and a loop that does not look at it spins).

use socket2::Socket;

use super::course::{
    Got, HeaderMessage, ending_word, header_message, numbered_lines, read_header_message,
};
use super::{Exercise, Heard, NotRun, Plays, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::framing::LAB;
use crate::python::json_string;
use crate::report::CheckResult;

/// The cut message's body, and the size of its pieces.
const CUT_BODY: usize = 20_000;
const PIECE: usize = 4_000;

/// The abandoned message: its header promises this many bytes; socklab
/// sends [`ABANDONED_SENT`] and closes.
const ABANDONED_SIZE: usize = 5_000;
const ABANDONED_SENT: usize = 1_000;

pub const HEADER_CLIENT: Exercise = Exercise {
    id: "6.1",
    lab: &LAB,
    folder: "06.1-header-client",
    title: "a header-dictionary client that survives total_size 0, a cut body and EOF",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/06.1-header-client/task.md"),
    task_zh_cn: include_str!("../../exercises/06.1-header-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/06.1-header-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/06.1-header-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_header_client,
};

pub const HEADER_SERVER: Exercise = Exercise {
    id: "6.2",
    lab: &LAB,
    folder: "06.2-header-server",
    title: "a header-dictionary server that survives total_size 0, a cut body and EOF",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/06.2-header-server/task.md"),
    task_zh_cn: include_str!("../../exercises/06.2-header-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/06.2-header-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/06.2-header-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_header_server,
};

/// socklab's side, whichever end it plays: the three messages, each
/// answer read, and what the student's program did at the EOF.
fn converse(session: &mut Session, socket: &Socket) -> Result<Vec<CheckResult>, NotRun> {
    let mut checks = Vec::new();
    let (empty, cut) = (Vec::new(), numbered_lines("long", CUT_BODY));
    let empty_header = [("file_name", json_string("empty.txt"))];
    let cut_header = [("file_name", json_string("long.txt"))];
    // 1: total_size 0, in one piece.
    session.send(socket, &header_message(&empty_header, "total_size", &empty))?;
    let answer = read_header_message(session, socket)?;
    checks.push(exact(
        "empty-body",
        "answer to the total_size 0 message",
        Got::Message(empty).shown(),
        shown(&answer),
    ));
    // 2: cut everywhere, the length itself in two.
    let message = header_message(&cut_header, "total_size", &cut);
    let header_end = message.len() - cut.len();
    let mut cuts = vec![0, 2, 4, header_end];
    cuts.extend((1..CUT_BODY / PIECE).map(|n| header_end + n * PIECE));
    cuts.push(message.len());
    for piece in cuts.windows(2) {
        if !session.send(socket, &message[piece[0]..piece[1]])? {
            break;
        }
        if piece[1] < message.len() && !session.wait_until_read(socket)? {
            break;
        }
    }
    let answer = read_header_message(session, socket)?;
    checks.push(exact(
        "cut-body",
        "answer to the 20000-byte message sent in pieces",
        Got::Message(cut).shown(),
        shown(&answer),
    ));
    // 3: abandoned mid-body.
    let abandoned = header_message(
        &[("file_name", json_string("abandoned.txt"))],
        "total_size",
        &numbered_lines("abandoned", ABANDONED_SIZE),
    );
    let sent = abandoned.len() - ABANDONED_SIZE + ABANDONED_SENT;
    session.send(socket, &abandoned[..sent])?;
    socket
        .shutdown(std::net::Shutdown::Write)
        .map_err(|source| NotRun::Socket {
            step: "shutdown(SHUT_WR)",
            source,
        })?;
    let (after, ending) = session.read_to_end(socket, 64 * 1024)?;
    let did = match (after.len(), &ending) {
        (0, Heard::Closed) => "closed, sent nothing".to_string(),
        (0, other) => format!("sent nothing, {}", ending_word(other)),
        (bytes, other) => format!("sent {bytes} bytes, then {}", ending_word(other)),
    };
    checks.push(exact(
        "eof-mid-message",
        "after socklab closed mid-message, your program",
        "closed, sent nothing".to_string(),
        did,
    ));
    Ok(checks)
}

fn shown(answer: &Result<HeaderMessage, Got>) -> String {
    match answer {
        Ok(message) => Got::Message(message.body.clone()).shown(),
        Err(got) => got.shown(),
    }
}

fn grade_header_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    converse(session, &socket)
}

fn grade_header_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.connect()?;
    converse(session, &socket)
}
