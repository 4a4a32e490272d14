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
//! - The body's size is a field of the header. The course's sticky-packet
//!   fix calls it `total_size`; its other programs say `data_size`,
//!   `filesize` or `file_size`, and this server takes any one of them and
//!   shows the other fields it got (such as a file name). The client sends
//!   `total_size`, written the way Python's `json.dumps` writes it
//!   (`", "` and `": "` between items), so its bytes are the Python
//!   client's bytes.
//!
//! The course's server sends nothing back, so the client's only sign that
//! the server took the messages in is how it hangs up: after its last
//! message the client closes its sending side and waits. A server that read
//! everything reads b"" next and closes: the client sees EOF (exit status
//! 0). One that stopped reading early closes with bytes unread, which makes
//! the kernel send RST (ECONNRESET, lab 7); one that answers is not the
//! course's server; one that neither closes nor answers gave no sign at
//! all. Those three end with exit status 1.
//!
//! The server trusts none of it. A negative length, a header over
//! [`MAX_DICT_HEADER_LEN`] or a size over [`MAX_FRAME_LEN`] is refused
//! before anything is allocated for it; a header that is not UTF-8, not
//! JSON, or has no size field ends the connection with a log line that
//! says which; and EOF inside a message is reported as the cut it is, not
//! taken as a short message (the course's bug G.4). A stream may only end
//! between messages.

use serde_json::Value;

use crate::frame::{MAX_DICT_HEADER_LEN, MAX_FRAME_LEN};
use crate::labs::framing::LAB;
use crate::net::bytes_literal;
use crate::python::{json_object, json_string, pack_i};
use crate::roles::options::SizeField;
use crate::roles::{
    Conn, Connect, Ending, Heard, RoleError, RoleOptions, Roles, Serve, cut_short, log,
    log_length_prefix, show,
};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "the course's header dictionary: `struct.pack('i', len(header))` (little-endian), a JSON header with `total_size`, `data_size`, `filesize` or `file_size`, the body; logs the other fields",
    client: "three messages in that format (`total_size`), then waits for the server to close",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[],
    connect_flags: &[],
    settings: None,
};

/// Bytes in the course's length prefix, `struct.calcsize('i')`.
pub(super) const PREFIX_LEN: usize = 4;

/// The size field the client sends: the course's sticky-packet fix's.
const SIZE_FIELD: SizeField = SizeField::TotalSize;

/// The client's recv while it waits for the server to close.
const CLOSE_RECV: usize = 1024;

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
fn header_json(name: &str, size: usize) -> Vec<u8> {
    json_object(&[
        ("filename", json_string(name)),
        (SIZE_FIELD.key(), size.to_string()),
    ])
    .into_bytes()
}

fn connect(conn: &mut Conn, _: &RoleOptions) -> Result<Ending, RoleError> {
    let sent = messages().into_iter().try_for_each(|(name, body)| {
        let header = header_json(name, body.len());
        conn.send(&pack_i(header.len()).map_err(|error| RoleError(error.to_string()))?)?;
        conn.send(&header)?;
        conn.send(&body)
    });
    // A reset may come while sending, at the FIN, or while waiting for
    // the server's close: whenever the server closed with bytes unread.
    sent.and_then(|()| conn.close_sending())
        .and_then(|()| wait_for_close(conn))
        .or_else(reset_while_sending)
}

/// A call that failed because the server had reset the connection: it
/// closed before it read everything (Linux answers unread data with RST,
/// tcp(7)), a sign it did not take the messages. Which call sees the RST
/// (a send, the shutdown, the recv after it) depends on timing, so each of
/// them ends the same way.
pub(super) fn reset_while_sending(error: RoleError) -> Result<Ending, RoleError> {
    if error.is_reset() {
        Ok(Ending::NotUnderstood(tr!(
            "role6-closed-before-reading",
            "{error}: the server closed before it had read everything",
            error = error.0
        )))
    } else {
        Err(error)
    }
}

/// After the client's last byte and its FIN: what the server does tells
/// whether it read the messages (see the module docs).
pub(super) fn wait_for_close(conn: &mut Conn) -> Result<Ending, RoleError> {
    Ok(match conn.hear(CLOSE_RECV)? {
        Heard::Closed => {
            log(i18n::text("the server read everything and closed"));
            Ending::Done
        }
        Heard::Bytes(bytes) => Ending::NotUnderstood(tr!(
            "role6-server-answered",
            "the server answered {bytes}, and the course's server only reads (is it another lab's server?)",
            bytes = show(&bytes)
        )),
        Heard::Reset => Ending::NotUnderstood(
            i18n::text(
                "the server reset the connection: it closed with bytes unread, so it stopped reading before the end",
            )
            .into_owned(),
        ),
        Heard::Silence => Ending::NotUnderstood(
            i18n::text("the server neither closed nor answered: no sign that it read the messages")
                .into_owned(),
        ),
    })
}

fn serve(conn: &mut Conn, _: &RoleOptions) -> Result<(), RoleError> {
    for number in 1.. {
        // The only place the stream may end: before a message's first byte.
        let Some(prefix) = conn.recv_exactly(PREFIX_LEN, "length prefix")? else {
            log(tr!(
                "role6-client-closed",
                "client closed after {count} messages",
                count = number - 1
            ));
            return Ok(());
        };
        let header_len = header_length(&prefix)?;
        log_length_prefix("message", number, &prefix, header_len);
        let header = exactly(conn, header_len, "JSON header")?;
        let parsed = parse_header(&header, &SizeField::ALL)?;
        log(tr!(
            "role6-header",
            "message #{number}: header {header}",
            number = number,
            header = shorten(&parsed.text)
        ));
        log(tr!(
            "role6-size",
            "message #{number}: size in \"{field}\": {size}; other fields: {others}",
            number = number,
            field = parsed.field.key(),
            size = parsed.size,
            others = parsed.others()
        ));
        let body = exactly(conn, parsed.size, "body")?;
        log(tr!(
            "role6-body",
            "message #{number}: body {body}",
            number = number,
            body = show(&body)
        ));
    }
    Ok(())
}

/// `struct.unpack('<i', prefix)[0]`, checked: negative lengths and headers
/// over the cap are refused before anything is allocated for them.
pub(super) fn header_length(prefix: &[u8]) -> Result<usize, RoleError> {
    let bytes: [u8; PREFIX_LEN] = prefix
        .try_into()
        .map_err(|_| RoleError(i18n::text("length prefix is not 4 bytes").into_owned()))?;
    let declared = i32::from_le_bytes(bytes);
    let shown = bytes_literal(prefix);
    match usize::try_from(declared) {
        Err(_) => Err(RoleError(tr!(
            "role6-negative-length",
            "length prefix {shown} = {declared}: negative",
            shown = shown,
            declared = declared
        ))),
        Ok(length) if length > MAX_DICT_HEADER_LEN => Err(RoleError(tr!(
            "role6-header-too-long",
            "length prefix {shown} declares a {length}-byte header > max {max}",
            shown = shown,
            length = length,
            max = MAX_DICT_HEADER_LEN
        ))),
        Ok(length) => Ok(length),
    }
}

/// Exactly `length` bytes of a message that has started: EOF before the
/// first of them is a cut too.
pub(super) fn exactly(conn: &mut Conn, length: usize, what: &str) -> Result<Vec<u8>, RoleError> {
    conn.recv_exactly(length, what)?
        .ok_or_else(|| cut_short(0, length, what))
}

/// A header dictionary, read: its text, the size field it used and the
/// size, and the whole object (for the other fields).
#[derive(Debug)]
pub(super) struct Header {
    pub(super) text: String,
    pub(super) field: SizeField,
    pub(super) size: usize,
    pub(super) object: serde_json::Map<String, Value>,
}

impl Header {
    /// The fields besides the size, `name=value` each, or "none".
    pub(super) fn others(&self) -> String {
        let others: Vec<String> = self
            .object
            .iter()
            .filter(|(key, _)| key.as_str() != self.field.key())
            .map(|(key, value)| format!("{key}={}", shorten(&value.to_string())))
            .collect();
        if others.is_empty() {
            i18n::text("none").into_owned()
        } else {
            others.join(", ")
        }
    }
}

/// `json.loads(header_bytes.decode('utf-8'))`, checked: a JSON object with
/// exactly one of the size fields in `fields`, a size no larger than
/// [`MAX_FRAME_LEN`].
pub(super) fn parse_header(header: &[u8], fields: &[SizeField]) -> Result<Header, RoleError> {
    let text = std::str::from_utf8(header).map_err(|error| {
        RoleError(tr!(
            "role6-header-not-utf8",
            "header is not UTF-8 (valid up to byte {valid}): {header}",
            valid = error.valid_up_to(),
            header = bytes_literal(header)
        ))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|error| {
        RoleError(tr!(
            "role6-header-not-json",
            "header is not JSON ({error}): {header}",
            error = error,
            header = shorten(text)
        ))
    })?;
    let Value::Object(object) = value else {
        return Err(RoleError(tr!(
            "role6-header-not-object",
            "header is not a JSON object: {header}",
            header = shorten(text)
        )));
    };
    let found: Vec<SizeField> = fields
        .iter()
        .copied()
        .filter(|field| object.contains_key(field.key()))
        .collect();
    let names: Vec<String> = fields
        .iter()
        .map(|field| format!("\"{}\"", field.key()))
        .collect();
    let field = match found[..] {
        [field] => field,
        [] => {
            return Err(RoleError(tr!(
                "role6-header-no-size",
                "header has no {names}: {header}",
                names = names
                    .into_iter()
                    .reduce(|a, b| tr!("role-either", "{a} or {b}", a = a, b = b))
                    .unwrap_or_default(),
                header = shorten(text)
            )));
        }
        _ => {
            return Err(RoleError(tr!(
                "role6-header-two-sizes",
                "header has more than one size field ({names}): which one is the body's?",
                names = names.join(", ")
            )));
        }
    };
    let size = &object[field.key()];
    let size = size.as_u64().ok_or_else(|| {
        RoleError(tr!(
            "role6-not-a-size",
            "\"{field}\" is not a size: {size}",
            field = field.key(),
            size = size
        ))
    })?;
    if size > MAX_FRAME_LEN as u64 {
        return Err(RoleError(tr!(
            "role6-body-too-long",
            "header declares {size} bytes > max {max}",
            size = size,
            max = MAX_FRAME_LEN
        )));
    }
    Ok(Header {
        text: text.to_string(),
        field,
        // At most 16 MiB: fits any usize.
        size: size as usize,
        object,
    })
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
        shown.push_str(&tr!(
            "role6-shortened",
            "… ({count} bytes)",
            count = text.len()
        ));
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
    fn any_of_the_course_size_fields_is_a_size() {
        for (header, field) in [
            (&br#"{"total_size": 3}"#[..], SizeField::TotalSize),
            (br#"{"data_size": 3, "x": 1}"#, SizeField::DataSize),
            (br#"{"cmd": "put", "filesize": 3}"#, SizeField::Filesize),
            (br#"{"file_size": 3}"#, SizeField::FileSize),
        ] {
            let parsed = parse_header(header, &SizeField::ALL).unwrap();
            assert_eq!((parsed.field, parsed.size), (field, 3));
        }
        let parsed = parse_header(br#"{"cmd": "put", "filesize": 3}"#, &SizeField::ALL).unwrap();
        assert_eq!(parsed.others(), r#"cmd="put""#);
    }

    #[test]
    fn headers_are_checked_before_the_body_is_read() {
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
                r#"header has no "total_size" or "data_size" or "filesize" or "file_size": {"size": 3}"#,
            ),
            (b"[3]", "header is not a JSON object: [3]"),
            (
                br#"{"total_size": 3, "data_size": 3}"#,
                r#"header has more than one size field ("total_size", "data_size", "filesize", "file_size"): which one is the body's?"#,
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
            assert_eq!(parse_header(header, &SizeField::ALL).unwrap_err().0, error);
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
