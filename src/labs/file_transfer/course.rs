//! The course's `put` server as students copy it, three of its habits
//! shown happening, each beside the fix.
//!
//! - `while file_size > 0: data = conn.recv(1500); f.write(data);
//!   file_size -= 1500` counts every recv as full. The course's client
//!   sends the file line by line, so a receiver that keeps up gets a line
//!   per recv: the count reaches 0 long before the file has come, and the
//!   rest of the file is read as the next header.
//! - `getattr(self, header["cmd"])(header)` calls whichever method of the
//!   server the client names, not only the commands. Python would find
//!   every method of the class; here the course's server is a table of
//!   its methods, and one of them empties the upload folder (the course's
//!   servers tidy their folder like that at start).
//! - `os.path.normpath(os.path.join(folder, filename))` is used as if it
//!   kept the path inside the folder. It only tidies the path: "../x"
//!   becomes the folder's parent. The lab writes into a folder of its own
//!   with an `uploads` folder inside, so the escape lands next to
//!   `uploads`, still inside the lab's folder.
//!
//! The last of the course's habits, `time.sleep` between chunks "to avoid
//! sticky packets", is measured in the lab itself: the stored file is the
//! same with and without it.

use std::fs;
use std::io;
use std::path::Path;

use serde_json::Value;

use crate::expect;
use crate::lab::{LabError, Step};
use crate::lab_folder::LabFolder;
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;

use super::{LAB, is_plain_file_name};

/// The course's recv size, and what it subtracts per recv.
const COURSE_RECV: usize = 1500;

/// Lines of the text file the course's client sends one `send` each.
const LINES: usize = 40;

fn line(n: usize) -> String {
    format!("line {n:02} of the course notes\n")
}

/// Every line of the file, in order.
fn text_file() -> Vec<String> {
    (1..=LINES).map(line).collect()
}

pub(super) fn checks() -> Result<Vec<CheckResult>, LabError> {
    let mut checks = count_by_recv_size()?;
    checks.extend(getattr_dispatch()?);
    checks.extend(normpath_join()?);
    Ok(checks)
}

/// The receive loop with `file_size -= 1500` (or `-= len(data)`): the
/// sender writes line by line and each recv finds one line waiting.
/// Returns the bytes written, and what is left in the stream after the
/// sender has sent everything.
fn receive_counting(fixed: bool) -> Result<(usize, Vec<u8>), LabError> {
    let lines = text_file();
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let mut file_size = lines.iter().map(String::len).sum::<usize>() as i64;
    let mut written = 0;
    let mut unsent = lines.iter();
    while file_size > 0 {
        // The client's next `send(line)`, arrived before the next recv.
        let Some(next) = unsent.next() else { break };
        net::send_all(&pair.client, next.as_bytes()).step("sending a line")?;
        net::wait_for_queued(&pair.server, next.len()).step("waiting for the line")?;
        let data = net::recv_once(&pair.server, COURSE_RECV).step("recv(1500)")?;
        written += data.len();
        file_size -= if fixed { data.len() } else { COURSE_RECV } as i64;
    }
    let rest: Vec<u8> = unsent.flat_map(|line| line.bytes()).collect();
    net::send_all(&pair.client, &rest).step("sending the rest of the file")?;
    let left = if rest.is_empty() {
        Vec::new()
    } else {
        net::wait_for_queued(&pair.server, rest.len()).step("waiting for the rest")?;
        net::recv_exactly(&pair.server, rest.len()).step("reading what is left")?
    };
    Ok((written, left))
}

fn count_by_recv_size() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's receive loop subtracts 1500 per recv while the client sends the file line by line.",
        "one line written of 40, the rest read as the next header.",
    );
    let total: usize = text_file().iter().map(String::len).sum();
    let (written, left) = receive_counting(false)?;
    let next_header = match left.get(..4) {
        Some(first) => format!(
            "{} = {}",
            bytes_literal(first),
            i32::from_le_bytes([first[0], first[1], first[2], first[3]])
        ),
        None => "nothing left".to_string(),
    };
    let (fixed, fixed_left) = receive_counting(true)?;
    let first = line(1);
    Ok(vec![
        expect::exact(
            "minus-1500-written",
            "file_size -= 1500, lines sent one by one: written",
            format!("{} of {total} bytes", first.len()),
            format!("{written} of {total} bytes"),
        ),
        expect::exact(
            "minus-1500-next-header",
            "  the next recv(4), as struct 'i' header length",
            format!(
                "{} = {}",
                bytes_literal(&line(2).as_bytes()[..4]),
                i32::from_le_bytes(*b"line")
            ),
            next_header,
        ),
        expect::exact(
            "minus-len-written",
            "  file_size -= len(data): written, left over",
            format!("{total} of {total} bytes, 0"),
            format!("{fixed} of {total} bytes, {}", fixed_left.len()),
        ),
    ])
}

/// The course's server, as the table of its methods that getattr
/// searches. Each takes the header it was dispatched with.
type Method = fn(&Path, &Value) -> io::Result<String>;
const METHODS: [(&str, Method); 2] = [("put", put), ("clear_folder", clear_folder)];

/// The commands a client may ask for: the fix.
const COMMANDS: [&str; 1] = ["put"];

/// `put` (the body is not needed for the dispatch: it stores an empty
/// file under the header's name, if that name is plain).
fn put(folder: &Path, header: &Value) -> io::Result<String> {
    let name = header["filename"].as_str().unwrap_or_default();
    if !is_plain_file_name(name) {
        return Ok("rejected: unsafe name".to_string());
    }
    fs::write(folder.join(name), b"")?;
    Ok("stored".to_string())
}

/// The server's own tidying: removes every file in its folder.
fn clear_folder(folder: &Path, _: &Value) -> io::Result<String> {
    for entry in fs::read_dir(folder)? {
        fs::remove_file(entry?.path())?;
    }
    Ok("folder cleared".to_string())
}

/// Reads one header (4-byte big-endian length, JSON) from a real socket
/// and dispatches its `cmd`: among all the methods (`getattr`) or among
/// the commands only.
fn dispatch(folder: &Path, any_method: bool) -> Result<String, LabError> {
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let json = br#"{"cmd": "clear_folder"}"#;
    let mut message = (json.len() as u32).to_be_bytes().to_vec();
    message.extend_from_slice(json);
    net::send_all(&pair.client, &message).step("sending the header")?;
    let length = net::recv_exactly(&pair.server, 4).step("reading the length")?;
    let length = u32::from_be_bytes([length[0], length[1], length[2], length[3]]);
    let header = net::recv_exactly(&pair.server, length as usize).step("reading the header")?;
    let header: Value = serde_json::from_slice(&header)
        .map_err(io::Error::other)
        .step("parsing the header")?;
    let command = header["cmd"].as_str().unwrap_or_default();
    let known = any_method || COMMANDS.contains(&command);
    let method = METHODS
        .iter()
        .find(|(name, _)| known && *name == command)
        .map(|(_, method)| *method);
    match method {
        Some(method) => method(folder, &header).step("running the method"),
        None => Ok(format!("unknown command {command}")),
    }
}

/// The folder's files, "a, b" or "none".
fn listing(folder: &Path) -> Result<String, LabError> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .step("listing the folder")?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    })
}

fn getattr_dispatch() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A client sends {\"cmd\": \"clear_folder\"}: a method of the course's server, not a command.",
        "getattr calls it and the stored files are gone; a table of commands refuses it.",
    );
    let mut outcomes = Vec::new();
    for any_method in [true, false] {
        let folder = LabFolder::create(LAB.number).step("creating the upload folder")?;
        fs::write(folder.path.join("data.bin"), b"abc").step("storing a file")?;
        let reply = dispatch(&folder.path, any_method)?;
        outcomes.push(format!("{reply}; files: {}", listing(&folder.path)?));
    }
    Ok(vec![
        expect::exact(
            "getattr-dispatch",
            "cmd \"clear_folder\" via getattr(self, cmd)",
            "folder cleared; files: none".to_string(),
            outcomes[0].clone(),
        ),
        expect::exact(
            "table-dispatch",
            "  via a table of commands (put only)",
            "unknown command clear_folder; files: data.bin".to_string(),
            outcomes[1].clone(),
        ),
    ])
}

/// Python's `os.path.join(a, b)` (posixpath): `b` alone when it is
/// absolute, else the two with one `/` between.
fn python_join(a: &str, b: &str) -> String {
    if b.starts_with('/') {
        b.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{a}{b}")
    } else {
        format!("{a}/{b}")
    }
}

/// Python's `os.path.normpath(path)` (posixpath): drops empty and `.`
/// parts and lets `..` remove the part before it, on the text alone.
fn python_normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let slashes = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else {
        usize::from(path.starts_with('/'))
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if slashes == 0 && (parts.is_empty() || parts.last() == Some(&"..")) => {
                parts.push(part);
            }
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let joined = format!("{}{}", "/".repeat(slashes), parts.join("/"));
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

fn normpath_join() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's receiver writes to normpath(join(uploads, \"../escaped.txt\")).",
        "a file outside the upload folder.",
    );
    const NAME: &str = "../escaped.txt";
    let lab = LabFolder::create(LAB.number).step("creating the lab's folder")?;
    let uploads = lab.path.join("uploads");
    fs::create_dir(&uploads).step("creating the upload folder")?;
    let uploads_text = uploads.to_string_lossy().into_owned();
    let target = python_normpath(&python_join(&uploads_text, NAME));
    fs::write(&target, b"hi").step("writing where the course writes")?;
    let lab_text = lab.path.to_string_lossy().into_owned();
    let shown = match target.strip_prefix(&uploads_text) {
        Some(inside) => format!("uploads{inside}"),
        None => target
            .strip_prefix(&format!("{lab_text}/"))
            .map_or(target.clone(), |rest| format!("{rest}, outside uploads/")),
    };
    Ok(vec![
        expect::exact(
            "normpath-join",
            "normpath(join(uploads, \"../escaped.txt\"))",
            "escaped.txt, outside uploads/".to_string(),
            shown,
        ),
        expect::exact(
            "normpath-join-written",
            "  the lab folder after the course's write",
            "escaped.txt, uploads".to_string(),
            listing(&lab.path)?,
        ),
        expect::exact(
            "normpath-join-uploads",
            "  the upload folder",
            "none".to_string(),
            listing(&uploads)?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_and_normpath_are_pythons() {
        // os.path.normpath(os.path.join(a, b)) in Python 3.
        for (a, b, python) in [
            ("/srv/up", "a.txt", "/srv/up/a.txt"),
            ("/srv/up", "../x", "/srv/x"),
            ("/srv/up", "../../../../etc/passwd", "/etc/passwd"),
            ("/srv/up", "/etc/passwd", "/etc/passwd"),
            ("/srv/up/", "./a//b", "/srv/up/a/b"),
            ("up", "../../x", "../x"),
            ("", "", "."),
            ("//srv", "x", "//srv/x"),
        ] {
            assert_eq!(python_normpath(&python_join(a, b)), python, "{a} {b}");
        }
    }
}
