//! The course's length framing, as the graders read and write it:
//! `struct.pack('i', len(body)) + body`, the length a signed 32-bit
//! integer in the machine's byte order (little-endian on x86 and ARM,
//! [`crate::python::pack_i`]).

use serde_json::{Map, Value};
use socket2::Socket;

use super::{Heard, NotRun, STEP, Session};
use crate::net::bytes_literal;
use crate::python::{json_object, pack_i};

/// `struct.pack('i', len(body)) + body`.
pub fn framed(body: &[u8]) -> Vec<u8> {
    let mut bytes = pack_i(body.len())
        .expect("the graders' messages are small")
        .to_vec();
    bytes.extend_from_slice(body);
    bytes
}

/// A stream of framed messages, read back.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unframed {
    pub messages: Vec<Vec<u8>>,
    /// What was left that is not a whole message, in words ("" if none).
    pub rest: String,
}

/// Splits `stream` into its framed messages.
pub fn unframe(stream: &[u8]) -> Unframed {
    let mut unframed = Unframed::default();
    let mut at = 0;
    while at < stream.len() {
        let Some(prefix) = stream.get(at..at + 4) else {
            unframed.rest = format!("{} bytes, too few for a length", stream.len() - at);
            break;
        };
        let length = i32::from_le_bytes(prefix.try_into().expect("4 bytes"));
        let left = stream.len() - at - 4;
        match usize::try_from(length) {
            Ok(length) if length <= left => {
                unframed
                    .messages
                    .push(stream[at + 4..at + 4 + length].to_vec());
                at += 4 + length;
            }
            _ => {
                unframed.rest = format!(
                    "a length of {length} ({}) with {left} bytes after it",
                    bytes_literal(prefix)
                );
                break;
            }
        }
    }
    unframed
}

/// Messages as one table cell: `b"hello", b"sticky"`.
pub fn listed(messages: &[impl AsRef<[u8]>]) -> String {
    if messages.is_empty() {
        return "none".to_string();
    }
    messages
        .iter()
        .map(|m| bytes_literal(m.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`listed`], and what was left over, if anything.
pub fn listed_with_rest(unframed: &Unframed) -> String {
    let listed = listed(&unframed.messages);
    if unframed.rest.is_empty() {
        listed
    } else {
        format!("{listed}; then {}", unframed.rest)
    }
}

/// The most a grader accepts as the length of a reply: more than any
/// exercise sends, so a wrong length is refused before any allocation.
pub const MOST_ACCEPTED: usize = 1024 * 1024;

/// One message read from the student's program, or how its stream ended
/// instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Got {
    Message(Vec<u8>),
    /// The stream ended (closed, reset or fell silent) before a message
    /// began.
    Ended(Heard),
    /// Something that is not a whole message: what, in words.
    Broken(String),
}

impl Got {
    /// The table cell: the message, or what came instead.
    pub fn shown(&self) -> String {
        match self {
            Got::Message(bytes) => format!("{} bytes {}", bytes.len(), bytes_literal(bytes)),
            Got::Ended(heard) => format!("no message: {}", ending_word(heard)),
            Got::Broken(what) => what.clone(),
        }
    }
}

/// How a conversation ended, in a few words for the table.
pub fn ending_word(heard: &Heard) -> String {
    match heard {
        Heard::Closed => "closed".to_string(),
        Heard::Reset => "reset (RST)".to_string(),
        Heard::Silence => format!("still open after {} s", STEP.as_secs()),
        Heard::Bytes(_) => "more bytes".to_string(),
    }
}

/// Reads exactly `length` bytes as part of a message; `Err` says what cut it.
fn part(
    session: &Session,
    socket: &Socket,
    length: usize,
    what: &str,
) -> Result<Result<Vec<u8>, Got>, NotRun> {
    let (bytes, ended) = session.read_exactly(socket, length)?;
    Ok(match ended {
        None => Ok(bytes),
        Some(heard) if bytes.is_empty() && what == "length" => Err(Got::Ended(heard)),
        Some(heard) => Err(Got::Broken(format!(
            "{} of {length} {what} bytes, then {}",
            bytes.len(),
            ending_word(&heard)
        ))),
    })
}

/// The 4-byte `struct.pack('i', n)` length, read and checked.
fn length(session: &Session, socket: &Socket) -> Result<Result<usize, Got>, NotRun> {
    let prefix = match part(session, socket, 4, "length")? {
        Ok(prefix) => prefix,
        Err(got) => return Ok(Err(got)),
    };
    let value = i32::from_le_bytes(prefix.as_slice().try_into().expect("4 bytes"));
    Ok(match usize::try_from(value) {
        Ok(length) if length <= MOST_ACCEPTED => Ok(length),
        _ => Err(Got::Broken(format!(
            "a length of {value} ({}): not a struct.pack('i', len(...)) socklab expects",
            bytes_literal(&prefix)
        ))),
    })
}

/// One `struct.pack('i', len(body)) + body` message.
pub fn read_framed(session: &Session, socket: &Socket) -> Result<Got, NotRun> {
    let length = match length(session, socket)? {
        Ok(length) => length,
        Err(got) => return Ok(got),
    };
    Ok(match part(session, socket, length, "body")? {
        Ok(body) => Got::Message(body),
        Err(got) => got,
    })
}

/// The course's header dictionary: `struct.pack('i', len(header))`, a
/// JSON header whose `size_field` (`total_size`, or the `data_size`,
/// `filesize`, `file_size` of other programs) is the body's length, then
/// the body.
pub fn header_message(header: &[(&str, String)], size_field: &str, body: &[u8]) -> Vec<u8> {
    let mut fields = header.to_vec();
    fields.push((size_field, body.len().to_string()));
    let json = json_object(&fields);
    let mut bytes = framed(json.as_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// The size fields the course's programs use, any of which a grader takes.
const SIZE_FIELDS: [&str; 4] = ["total_size", "data_size", "filesize", "file_size"];

/// A header-dictionary message as read: the header's fields and the body.
pub struct HeaderMessage {
    pub fields: Map<String, Value>,
    pub body: Vec<u8>,
}

/// One header-dictionary message, or what came instead.
pub fn read_header_message(
    session: &Session,
    socket: &Socket,
) -> Result<Result<HeaderMessage, Got>, NotRun> {
    let header = match read_framed(session, socket)? {
        Got::Message(header) => header,
        other => return Ok(Err(other)),
    };
    let fields = match serde_json::from_slice::<Value>(&header) {
        Ok(Value::Object(fields)) => fields,
        _ => {
            return Ok(Err(Got::Broken(format!(
                "a header that is not a JSON dictionary: {}",
                bytes_literal(&header)
            ))));
        }
    };
    let Some(size) = SIZE_FIELDS
        .iter()
        .find_map(|name| fields.get(*name).and_then(Value::as_u64))
    else {
        return Ok(Err(Got::Broken(format!(
            "a header without total_size: {}",
            bytes_literal(&header)
        ))));
    };
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size > MOST_ACCEPTED {
        return Ok(Err(Got::Broken(format!(
            "a total_size of {size}: too large"
        ))));
    }
    Ok(match part(session, socket, size, "body")? {
        Ok(body) => Ok(HeaderMessage { fields, body }),
        Err(got) => Err(got),
    })
}

/// A body of `length` bytes that shows where it was cut: lines
/// `reply 1 line 0001\n`, `reply 1 line 0002\n`... (`name` is "reply 1").
pub fn numbered_lines(name: &str, length: usize) -> Vec<u8> {
    let mut body = Vec::with_capacity(length + 32);
    let mut line = 1;
    while body.len() < length {
        body.extend_from_slice(format!("{name} line {line:04}\n").as_bytes());
        line += 1;
    }
    body.truncate(length);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_round_trips_and_names_what_is_left() {
        let mut stream = framed(b"hello");
        stream.extend(framed(b""));
        stream.extend(b"hell");
        let unframed = unframe(&stream);
        assert_eq!(unframed.messages, [b"hello".to_vec(), Vec::new()]);
        assert!(
            unframed.rest.contains("with 0 bytes after it"),
            "{}",
            unframed.rest
        );
        assert_eq!(listed(&unframed.messages), "b\"hello\", b\"\"");
    }
}
