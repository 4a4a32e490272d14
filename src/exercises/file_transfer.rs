//! Lab 16's exercises: the course's `put`, from both ends.
//!
//! `struct.pack('i', len(header))`, the JSON header
//! `{"cmd": "put", "filename": ..., "filesize": ...}`, then the file's
//! bytes. The file is text, and not only ASCII (the course is Chinese):
//! its size in bytes is not its length in characters, which is the
//! mistake of a client that reads the file as text and measures the
//! string. Both exercises judge by the file's SHA-256.

use std::fs;
use std::net::Shutdown;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::course::{ending_word, header_message, read_header_message};
use super::session::Step;
use super::{Exercise, NotRun, Plays, Session};
use crate::expect::exact;
use crate::hex;
use crate::labs::file_transfer::LAB;
use crate::python::json_string;
use crate::report::CheckResult;

/// The file both exercises move, in `SOCKLAB_DIR`.
const FILE_NAME: &str = "upload.txt";

/// The pieces socklab cuts the upload into in exercise 16.2.
const PIECES: usize = 4;

/// About 60 KB of text, two thirds of it in Chinese: 3 bytes a character
/// in UTF-8.
fn contents() -> Vec<u8> {
    (1..=1500)
        .map(|line| format!("第{line:04}行: 粘包 sticky packets\n"))
        .collect::<String>()
        .into_bytes()
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes))
}

pub const PUT_CLIENT: Exercise = Exercise {
    id: "16.1",
    lab: &LAB,
    folder: "16.1-put-client",
    title: "a put client whose file arrives with a matching digest",
    plays: Plays::TcpServer,
    task: include_str!("../../exercises/16.1-put-client/task.md"),
    task_zh_cn: include_str!("../../exercises/16.1-put-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/16.1-put-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/16.1-put-client/hint.zh-CN.md"),
    prepare: prepare_upload,
    grade: grade_put_client,
};

pub const PUT_SERVER: Exercise = Exercise {
    id: "16.2",
    lab: &LAB,
    folder: "16.2-put-server",
    title: "a put server that stores every byte of the upload",
    plays: Plays::TcpClient,
    task: include_str!("../../exercises/16.2-put-server/task.md"),
    task_zh_cn: include_str!("../../exercises/16.2-put-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/16.2-put-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/16.2-put-server/hint.zh-CN.md"),
    prepare: super::nothing_to_prepare,
    grade: grade_put_server,
};

fn prepare_upload(session: &Session) -> Result<(), NotRun> {
    fs::write(session.folder.join(FILE_NAME), contents()).step("write the file to upload")
}

fn grade_put_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.accept()?;
    let file = contents();
    let message = read_header_message(session, &socket)?;
    let (_, ending) = session.read_to_end(&socket, 1024 * 1024)?;
    let (fields, body) = match message {
        Ok(message) => (message.fields, message.body),
        Err(got) => {
            let what = got.shown();
            return Ok(vec![
                exact("cmd", "the header's cmd", "put".to_string(), what.clone()),
                exact(
                    "filesize",
                    "the header's filesize",
                    file.len().to_string(),
                    what,
                ),
            ]);
        }
    };
    let text = |name: &str| match fields.get(name) {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => "missing".to_string(),
    };
    Ok(vec![
        exact("cmd", "the header's cmd", "put".to_string(), text("cmd")),
        exact(
            "filename",
            "the header's filename",
            FILE_NAME.to_string(),
            text("filename"),
        ),
        exact(
            "filesize",
            "the header's filesize (bytes)",
            file.len().to_string(),
            text("filesize"),
        ),
        exact(
            "digest",
            "SHA-256 of the filesize bytes after the header",
            sha256(&file),
            sha256(&body),
        ),
        exact(
            "closed",
            "after the file, your client",
            "closed".to_string(),
            ending_word(&ending),
        ),
    ])
}

fn grade_put_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.connect()?;
    let file = contents();
    let header = [
        ("cmd", json_string("put")),
        ("filename", json_string(FILE_NAME)),
    ];
    let message = header_message(&header, "filesize", &file);
    let body_start = message.len() - file.len();
    let piece = file.len().div_ceil(PIECES);
    let mut cuts: Vec<usize> = (0..PIECES).map(|n| body_start + n * piece).collect();
    cuts.insert(0, 0);
    cuts.push(message.len());
    for window in cuts.windows(2) {
        if !session.send(&socket, &message[window[0]..window[1]])? {
            break;
        }
        if window[1] < message.len() && !session.wait_until_read(&socket)? {
            break;
        }
    }
    socket.shutdown(Shutdown::Write).step("shutdown(SHUT_WR)")?;
    let (_, ending) = session.read_to_end(&socket, 64 * 1024)?;
    let saved = fs::read(session.folder.join(FILE_NAME)).ok();
    let size = saved
        .as_ref()
        .map_or_else(|| "no file".to_string(), |bytes| bytes.len().to_string());
    let digest = saved
        .as_deref()
        .map_or_else(|| "no file".to_string(), sha256);
    Ok(vec![
        exact(
            "closed",
            "after socklab's upload and FIN, your server",
            "closed".to_string(),
            ending_word(&ending),
        ),
        exact(
            "saved-size",
            &format!("bytes in SOCKLAB_DIR/{FILE_NAME}"),
            file.len().to_string(),
            size,
        ),
        exact(
            "saved-digest",
            "SHA-256 of the saved file",
            sha256(&file),
            digest,
        ),
    ])
}
