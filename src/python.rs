//! Bytes as the course's Python writes them, so that socklab's side of an
//! exchange is what a Python peer expects to read.
//!
//! - `struct.pack('i', n)`: a signed 32-bit integer in the machine's own
//!   byte order, little-endian on x86 and ARM ([`pack_i`]).
//! - `json.dumps(value)`: `", "` between items, `": "` after keys, and
//!   every character outside printable ASCII as `\uXXXX`, since
//!   `ensure_ascii` is on by default ([`json_string`]).

/// A length that `struct.pack('i', ...)` cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{length} bytes do not fit struct 'i' (at most 2**31-1)")]
pub struct TooLongForI {
    pub length: usize,
}

/// `struct.pack('i', length)` on a little-endian machine. A length over
/// 2**31-1 does not fit, as Python's `struct.error` says too.
pub fn pack_i(length: usize) -> Result<[u8; 4], TooLongForI> {
    let fits = i32::try_from(length).map_err(|_| TooLongForI { length })?;
    Ok(fits.to_le_bytes())
}

/// A JSON string as Python's `json.dumps` writes it (ensure_ascii):
/// printable ASCII as it is, `"` and `\` escaped, the usual short escapes,
/// and every other character as `\uXXXX` (UTF-16, so a surrogate pair
/// above U+FFFF).
pub fn json_string(text: &str) -> String {
    let mut json = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            '\u{8}' => json.push_str("\\b"),
            '\u{c}' => json.push_str("\\f"),
            ' '..='~' => json.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    json.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    json.push('"');
    json
}

/// `json.dumps` of a dictionary whose values are already JSON text, in
/// the order given: `{"cmd": "put", "filesize": 5}`.
pub fn json_object(items: &[(&str, String)]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(key, value)| format!("{}: {value}", json_string(key)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_python_ensure_ascii_does() {
        // json.dumps('a"\\\n\x1b\x7fé😀') in Python 3.
        assert_eq!(
            json_string("a\"\\\n\u{1b}\u{7f}é😀"),
            r#""a\"\\\n\u001b\u007f\u00e9\ud83d\ude00""#
        );
    }

    #[test]
    fn objects_are_written_as_json_dumps_writes_them() {
        // json.dumps({"cmd": "put", "filename": "a.txt", "filesize": 5})
        assert_eq!(
            json_object(&[
                ("cmd", json_string("put")),
                ("filename", json_string("a.txt")),
                ("filesize", 5.to_string()),
            ]),
            r#"{"cmd": "put", "filename": "a.txt", "filesize": 5}"#
        );
    }

    #[test]
    fn struct_i_is_little_endian_and_signed() {
        assert_eq!(pack_i(38).unwrap(), *b"&\x00\x00\x00");
        assert!(pack_i(1 << 31).is_err());
    }
}
