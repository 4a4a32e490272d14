//! Lab 6's roles: the course's header dictionary, exactly as the course
//! writes it.
//!
//! Each message is three parts, sent with three `send` calls:
//!
//! ```python
//! header_bytes = json.dumps(header).encode('utf-8')
//! s.send(struct.pack('i', len(header_bytes)))   # 4 bytes: the header's length
//! s.send(header_bytes)                          # the JSON header
//! s.send(body)                                  # total_size bytes
//! ```
//!
//! Two details decide whether another program can talk to it:
//!
//! - `struct.pack('i', n)` is a signed 32-bit integer in the machine's own
//!   byte order, which is little-endian on x86 and ARM: so the length is
//!   read here as a little-endian `i32`. This is the course's format, not
//!   the one `crate::frame` (and lab 6's own codec) uses, which is the
//!   portable choice: unsigned and big-endian, `struct.pack('!I', n)`.
//! - The body's size is the header's `total_size` field, the name the
//!   course's sticky-packet fix uses (`{"total_size": ...}`); other fields,
//!   such as a file name, travel along. The JSON is written the way Python's
//!   `json.dumps` writes it (`", "` and `": "` between items), so this
//!   client's bytes are the Python client's bytes.
//!
//! The server trusts none of it. A negative length, a header over
//! [`MAX_DICT_HEADER_LEN`] or a `total_size` over [`MAX_FRAME_LEN`] is
//! refused before anything is allocated for it; a header that is not UTF-8,
//! not JSON, or has no `total_size` ends the connection with a log line that
//! says which; and EOF inside a message is reported as the cut it is, not
//! taken as a short message (the course's bug G.4). A stream may only end
//! between messages.

use serde_json::Value;

use crate::frame::{MAX_DICT_HEADER_LEN, MAX_FRAME_LEN};
use crate::labs::framing::LAB;
use crate::net::bytes_literal;
use crate::roles::{Conn, Connect, RoleError, Roles, Serve, log, show};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "reads header-dictionary messages: struct 'i' length (little-endian), JSON header, total_size bytes of body",
    client: "sends three messages (5, 0 and 100000 bytes) in the course's header-dictionary format",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
};

/// Bytes in the course's length prefix, `struct.calcsize('i')`.
pub(super) const PREFIX_LEN: usize = 4;

/// The header field that holds the body's size.
const SIZE_FIELD: &str = "total_size";

/// How much of a header the log shows.
const HEADER_SHOWN: usize = 160;

/// The client's messages: a file name and a body each. The empty body is a
/// message too (its header says 0); the large one takes many recvs.
fn messages() -> [(&'static str, Vec<u8>); 3] {
    /// 100000 bytes: more than one 64 KiB loopback segment.
    const LARGE: usize = 100_000;
    [
        ("a.txt", b"hello".to_vec()),
        ("empty.txt", Vec::new()),
        (
            "digits.txt",
            b"0123456789".iter().copied().cycle().take(LARGE).collect(),
        ),
    ]
}

/// `json.dumps({"filename": name, "total_size": size})`, byte for byte.
/// serde_json escapes a string the way Python does for printable ASCII,
/// which is all the names above contain.
fn header_json(name: &str, size: usize) -> Vec<u8> {
    let name = Value::from(name).to_string();
    format!("{{\"filename\": {name}, \"{SIZE_FIELD}\": {size}}}").into_bytes()
}

fn connect(conn: &mut Conn) -> Result<(), RoleError> {
    for (name, body) in messages() {
        let header = header_json(name, body.len());
        // struct.pack('i', n) on a little-endian machine. The header is a
        // few dozen bytes, so the conversion cannot fail.
        let length = i32::try_from(header.len())
            .map_err(|_| RoleError("header too long for struct 'i'".to_string()))?;
        conn.send(&length.to_le_bytes())?;
        conn.send(&header)?;
        conn.send(&body)?;
    }
    conn.close_sending()
}

fn serve(conn: &mut Conn) -> Result<(), RoleError> {
    for number in 1.. {
        // The only place the stream may end: before a message's first byte.
        let Some(prefix) = conn.recv_exactly(PREFIX_LEN, "length prefix")? else {
            log(format!("client closed after {} messages", number - 1));
            return Ok(());
        };
        let header_len = header_length(&prefix)?;
        log(format!(
            "message #{number}: length prefix {} = {header_len} (struct 'i', little-endian)",
            bytes_literal(&prefix)
        ));
        let header = exactly(conn, header_len, "JSON header")?;
        let (text, size) = parse_header(&header)?;
        log(format!("message #{number}: header {}", shorten(&text)));
        let body = exactly(conn, size, "body")?;
        log(format!("message #{number}: body {}", show(&body)));
    }
    Ok(())
}

/// `struct.unpack('<i', prefix)[0]`, checked: negative lengths and headers
/// over the cap are refused before anything is allocated for them.
pub(super) fn header_length(prefix: &[u8]) -> Result<usize, RoleError> {
    let bytes: [u8; PREFIX_LEN] = prefix
        .try_into()
        .map_err(|_| RoleError("length prefix is not 4 bytes".to_string()))?;
    let declared = i32::from_le_bytes(bytes);
    let shown = bytes_literal(prefix);
    match usize::try_from(declared) {
        Err(_) => Err(RoleError(format!(
            "length prefix {shown} = {declared}: negative"
        ))),
        Ok(length) if length > MAX_DICT_HEADER_LEN => Err(RoleError(format!(
            "length prefix {shown} declares a {length}-byte header > max {MAX_DICT_HEADER_LEN}"
        ))),
        Ok(length) => Ok(length),
    }
}

/// Exactly `length` bytes of a message that has started: EOF before the
/// first of them is a cut too.
pub(super) fn exactly(conn: &mut Conn, length: usize, what: &str) -> Result<Vec<u8>, RoleError> {
    conn.recv_exactly(length, what)?.ok_or_else(|| {
        RoleError(format!(
            "EOF after 0 of {length} {what} bytes (the peer vanished mid-message)"
        ))
    })
}

/// `json.loads(header_bytes.decode('utf-8'))[SIZE_FIELD]`, checked: the
/// header's text and the body size it declares.
pub(super) fn parse_header(header: &[u8]) -> Result<(String, usize), RoleError> {
    let text = std::str::from_utf8(header).map_err(|error| {
        RoleError(format!(
            "header is not UTF-8 (valid up to byte {}): {}",
            error.valid_up_to(),
            bytes_literal(header)
        ))
    })?;
    let value: Value = serde_json::from_str(text)
        .map_err(|error| RoleError(format!("header is not JSON ({error}): {}", shorten(text))))?;
    let size = value
        .get(SIZE_FIELD)
        .ok_or_else(|| RoleError(format!("header has no \"{SIZE_FIELD}\": {}", shorten(text))))?;
    let size = size
        .as_u64()
        .ok_or_else(|| RoleError(format!("\"{SIZE_FIELD}\" is not a size: {size}")))?;
    if size > MAX_FRAME_LEN as u64 {
        return Err(RoleError(format!(
            "header declares {size} bytes > max {MAX_FRAME_LEN}"
        )));
    }
    // At most 16 MiB: fits any usize.
    Ok((text.to_string(), size as usize))
}

/// Header text for the log: control characters escaped (a header must not
/// move the student's cursor), and at most [`HEADER_SHOWN`] characters.
pub(super) fn shorten(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(HEADER_SHOWN)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if text.chars().count() > HEADER_SHOWN {
        shown.push_str(&format!("… ({} bytes)", text.len()));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_json_is_what_python_json_dumps_writes() {
        // json.dumps({"filename": "a.txt", "total_size": 5}) in Python 3.
        assert_eq!(
            header_json("a.txt", 5),
            br#"{"filename": "a.txt", "total_size": 5}"#
        );
    }

    #[test]
    fn lengths_are_struct_i_little_endian_and_capped() {
        assert_eq!(header_length(b"&\x00\x00\x00"), Ok(38));
        assert_eq!(
            header_length(b"\xff\xff\xff\xff").unwrap_err().0,
            "length prefix b\"\\xff\\xff\\xff\\xff\" = -1: negative"
        );
        assert_eq!(
            header_length(b"\xff\xff\xff\x7f").unwrap_err().0,
            "length prefix b\"\\xff\\xff\\xff\\x7f\" declares a 2147483647-byte header > max 65536"
        );
    }

    #[test]
    fn headers_are_checked_before_the_body_is_read() {
        assert_eq!(
            parse_header(br#"{"total_size": 3}"#),
            Ok((r#"{"total_size": 3}"#.to_string(), 3))
        );
        for (header, error) in [
            (
                &b"\xff{}"[..],
                "header is not UTF-8 (valid up to byte 0): b\"\\xff{}\"",
            ),
            (
                b"{not json",
                "header is not JSON (key must be a string at line 1 column 2): {not json",
            ),
            (
                br#"{"size": 3}"#,
                r#"header has no "total_size": {"size": 3}"#,
            ),
            (
                br#"{"total_size": -3}"#,
                r#""total_size" is not a size: -3"#,
            ),
            (
                br#"{"total_size": 16777217}"#,
                "header declares 16777217 bytes > max 16777216",
            ),
        ] {
            assert_eq!(parse_header(header).unwrap_err().0, error);
        }
    }

    #[test]
    fn long_or_unprintable_headers_are_shortened() {
        assert_eq!(shorten("{\n}"), "{\\n}");
        let long = "x".repeat(200);
        assert_eq!(
            shorten(&long),
            format!("{}… (200 bytes)", "x".repeat(HEADER_SHOWN))
        );
    }
}
