//! The course's length framing, as the graders read and write it:
//! `struct.pack('i', len(body)) + body`, the length a signed 32-bit
//! integer in the machine's byte order (little-endian on x86 and ARM,
//! [`crate::python::pack_i`]).

use crate::net::bytes_literal;
use crate::python::pack_i;

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
