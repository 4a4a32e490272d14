//! The frame codec: message boundaries on top of a byte stream.
//!
//! TCP delivers bytes, not messages (labs 1 and 2): a `recv` may return half
//! a message, or the end of one and the start of the next. Framing puts the
//! boundaries back. The sender writes, in front of every message (the
//! *body*), a fixed-size *header* that says how long the body is; the
//! receiver reads the header, then exactly that many bytes, and knows the
//! message is complete. This module does the two halves of that job and
//! nothing else:
//!
//! - [`encode`] (and [`header`]) turn a body into a frame: a 4-byte
//!   big-endian unsigned length, then the body. [`write_frame`] writes the
//!   same bytes without building the frame first.
//! - [`Decoder`] is fed whatever byte chunks the socket happened to return,
//!   in any sizes, and hands back complete bodies, in order.
//!
//! It never touches a socket (like `frame.rs` in the mini-redis tutorial):
//! the caller does the `recv` and passes the bytes in, and [`write_frame`]
//! writes to any `Write` (a socket, a `Vec`, the tests' short writer). That
//! makes the codec testable without a network, and its tests below feed it
//! every way of cutting a stream that a property test can think of.
//!
//! A receiver must not trust a header: it is just 4 bytes from the other
//! end. So the decoder has a maximum frame length ([`MAX_FRAME_LEN`] unless
//! [`Decoder::with_max`] says otherwise) and checks the declared length
//! against it *before* it allocates anything: a hostile `0xFFFFFFFF` header
//! is an error ([`FrameError::TooLong`]), not a 4 GiB allocation. Even a
//! length under the cap is only a claim, so memory is allocated as the body
//! really arrives, never more than the header declared.
//!
//! The course's second fix, the header dictionary (a JSON header with the
//! body's size and anything else, e.g. a file name), is the same idea one
//! level up: [`encode_dict`] and [`DictDecoder`]. The JSON header travels as
//! one frame; the body follows it, raw, and its size comes from the JSON.
//!
//! The course book walks through this file line by line; the `ANCHOR`
//! comments mark the parts it includes.

use std::fmt;
use std::io::{self, IoSlice, Write};

use serde_json::{Map, Value};

/// Bytes in a frame header: a `u32`, as the course's `struct.pack('i', n)`
/// (but unsigned and big-endian, see [`header`]).
pub const HEADER_LEN: usize = 4;

/// The longest body a [`Decoder::new`] accepts: 16 MiB. Large enough for
/// any message in the labs; small enough that one hostile header cannot make
/// a receiver reserve gigabytes. A protocol picks its own cap with
/// [`Decoder::with_max`].
pub const MAX_FRAME_LEN: usize = 16 * 1024 * 1024;

/// The longest JSON header a [`DictDecoder`] accepts: 64 KiB. A header holds
/// a size, a name, a digest: a few hundred bytes at most.
pub const MAX_DICT_HEADER_LEN: usize = 64 * 1024;

/// The most a decoder allocates for a body before any of it has arrived:
/// 64 KiB. Bodies up to this size get exactly one allocation; a larger body
/// grows its buffer (doubling) as its bytes come in, so a header that lies
/// about the size costs at most this much memory.
const FIRST_ALLOCATION: usize = 64 * 1024;

/// Everything that can go wrong while framing. Each is a property of the
/// byte stream, not of the socket: after one of them the stream can no
/// longer be trusted, and the receiver should close the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// A length is larger than allowed: a header declared more than the
    /// decoder's maximum, or a body is too long for a 4-byte header.
    TooLong { declared: u64, max: u64 },
    /// The stream ended inside a frame: `received` of the `expected` bytes
    /// of its `part` ("header", "JSON header" or "body") had arrived. This
    /// is the course's bug G.4: a receive loop that treats this as a
    /// complete (short) message.
    Truncated {
        part: &'static str,
        received: usize,
        expected: usize,
    },
    /// A header dictionary that is not a JSON object with a `size`.
    BadDictHeader(String),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::TooLong { declared, max } => {
                write!(f, "declared {declared} bytes > max {max}")
            }
            FrameError::Truncated {
                part,
                received,
                expected,
            } => write!(f, "EOF after {received} of {expected} {part} bytes"),
            FrameError::BadDictHeader(why) => write!(f, "bad header dictionary: {why}"),
        }
    }
}

impl std::error::Error for FrameError {}

// ANCHOR: encode
/// The 4-byte header for a body of `body_len` bytes: the length as an
/// unsigned 32-bit integer in network byte order (big-endian), the portable
/// choice (RFC 1700; Python's `struct.pack('!I', n)`). A body of 4 GiB or
/// more cannot be described in 4 bytes, and is an error.
pub fn header(body_len: usize) -> Result<[u8; HEADER_LEN], FrameError> {
    // u32::try_from is the range check that struct.pack('i') does for 'i'
    // (which stops at 2**31 - 1): a length that does not fit is refused,
    // never silently wrapped around.
    let length = u32::try_from(body_len).map_err(|_| FrameError::TooLong {
        declared: body_len as u64,
        max: u64::from(u32::MAX),
    })?;
    // to_be_bytes writes the most significant byte first, whatever the CPU.
    Ok(length.to_be_bytes())
}

/// One frame, ready for ONE write: the header, then the body, in a single
/// buffer. Writing them with one `send` matters: two small writes in a row
/// meet Nagle and delayed ACK (lab 5 and lab 6 measure the ~40 ms stall).
pub fn encode(body: &[u8]) -> Result<Vec<u8>, FrameError> {
    let header = header(body.len())?;
    // One allocation of the exact final size, then two copies.
    let mut frame = Vec::with_capacity(HEADER_LEN + body.len());
    frame.extend_from_slice(&header);
    frame.extend_from_slice(body);
    Ok(frame)
}
// ANCHOR_END: encode

/// One frame, written to `writer` without being built first: the header
/// and the body go out together in one vectored write (writev(2); sendmsg(2)
/// on a socket), so the body is never copied in user space. Same bytes as
/// writing [`encode`]'s buffer, one copy fewer: for large bodies that copy
/// is most of the codec's cost (`socklab bench` measures it).
pub fn write_frame(writer: &mut impl Write, body: &[u8]) -> io::Result<()> {
    let header =
        header(body.len()).map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))?;
    let mut parts = [IoSlice::new(&header), IoSlice::new(body)];
    let mut unwritten = &mut parts[..];
    while !unwritten.is_empty() {
        match writer.write_vectored(unwritten) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            // A write may take only part of the frame (lab 8's short
            // writes): skip what it took, and write the rest.
            Ok(written) => IoSlice::advance_slices(&mut unwritten, written),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

// ANCHOR: body
/// A body that is arriving: how long it will be, and the bytes so far.
#[derive(Debug)]
struct Body {
    declared: usize,
    bytes: Vec<u8>,
}

impl Body {
    /// Starts a body of `declared` bytes. The caller has already checked
    /// `declared` against its maximum; even so, only [`FIRST_ALLOCATION`]
    /// bytes are reserved up front, because nothing has arrived yet.
    fn new(declared: usize) -> Body {
        Body {
            declared,
            bytes: Vec::with_capacity(declared.min(FIRST_ALLOCATION)),
        }
    }

    /// Moves the bytes this body still misses from the front of `input`
    /// into the body, and advances `input` past them (the rest belongs to
    /// the next frame). Returns true when the body is complete.
    fn fill(&mut self, input: &mut &[u8]) -> bool {
        // Take no more than the body still misses, and no more than we have.
        let missing = self.declared - self.bytes.len();
        let (now, rest) = input.split_at(missing.min(input.len()));
        let needed = self.bytes.len() + now.len();
        if needed > self.bytes.capacity() {
            // Grow by doubling (so a large body costs few reallocations),
            // but never past the declared size: capacity stays ≤ declared.
            let target = needed
                .max(self.bytes.capacity().saturating_mul(2))
                .min(self.declared);
            self.bytes.reserve_exact(target - self.bytes.len());
        }
        // One memcpy for the whole chunk: no per-byte work.
        self.bytes.extend_from_slice(now);
        *input = rest;
        self.bytes.len() == self.declared
    }
}
// ANCHOR_END: body

// ANCHOR: state
/// Where a [`Decoder`] is in the stream.
#[derive(Debug)]
enum State {
    /// Reading a header: `filled` of its 4 bytes have arrived. A header can
    /// be cut by a recv too, so its bytes are collected here first.
    Header {
        bytes: [u8; HEADER_LEN],
        filled: usize,
    },
    /// Reading the body the last header announced.
    Body(Body),
    /// A header broke the rules: every later call returns this error again,
    /// because the next byte's meaning (header or body?) is unknown.
    Failed(FrameError),
}

impl State {
    fn new_header() -> State {
        State::Header {
            bytes: [0; HEADER_LEN],
            filled: 0,
        }
    }
}
// ANCHOR_END: state

/// An incremental decoder for length-prefixed frames: feed it bytes as they
/// arrive, in any chunk sizes, and it returns each complete body.
///
/// It holds at most one header and one body, so its memory never exceeds
/// the maximum frame length plus [`HEADER_LEN`] bytes, whatever it is fed.
#[derive(Debug)]
pub struct Decoder {
    max: usize,
    state: State,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder that accepts bodies up to [`MAX_FRAME_LEN`] bytes.
    pub fn new() -> Decoder {
        Decoder::with_max(MAX_FRAME_LEN)
    }

    /// A decoder that accepts bodies up to `max` bytes.
    pub fn with_max(max: usize) -> Decoder {
        Decoder {
            max,
            state: State::new_header(),
        }
    }

    /// Takes bytes from the front of `input` and returns the next complete
    /// body, if `input` completes one. `input` is advanced past the bytes
    /// used; call again while it is not empty, since one chunk may hold
    /// several frames:
    ///
    /// ```
    /// # use socklab::frame::{Decoder, encode};
    /// let mut chunk = encode(b"hello").unwrap();
    /// chunk.extend(encode(b"feng").unwrap());
    /// let mut decoder = Decoder::new();
    /// let mut input = &chunk[..];
    /// let mut bodies = Vec::new();
    /// while let Some(body) = decoder.decode(&mut input).unwrap() {
    ///     bodies.push(body);
    /// }
    /// assert_eq!(bodies, [b"hello".to_vec(), b"feng".to_vec()]);
    /// ```
    ///
    /// `Ok(None)` means `input` is used up and the frame is not complete
    /// yet: recv more and call again. The body is returned as the buffer it
    /// was collected in, without another copy.
    // ANCHOR: decode
    pub fn decode(&mut self, input: &mut &[u8]) -> Result<Option<Vec<u8>>, FrameError> {
        loop {
            match &mut self.state {
                State::Failed(error) => return Err(error.clone()),
                State::Header { bytes, filled } => {
                    // Copy what is missing of the header (at most 4 bytes).
                    let take = (HEADER_LEN - *filled).min(input.len());
                    bytes[*filled..*filled + take].copy_from_slice(&input[..take]);
                    *filled += take;
                    *input = &input[take..];
                    if *filled < HEADER_LEN {
                        return Ok(None);
                    }
                    let declared = u32::from_be_bytes(*bytes);
                    // The check that matters: compare the claim with the cap
                    // BEFORE any memory is reserved for it. (As u64, so the
                    // comparison is right whatever the size of usize.)
                    if u64::from(declared) > self.max as u64 {
                        let error = FrameError::TooLong {
                            declared: u64::from(declared),
                            max: self.max as u64,
                        };
                        self.state = State::Failed(error.clone());
                        return Err(error);
                    }
                    // A header of 0 is fine: the body below completes at
                    // once, with nothing taken from `input`.
                    self.state = State::Body(Body::new(declared as usize));
                }
                State::Body(body) => {
                    if !body.fill(input) {
                        return Ok(None);
                    }
                    // Hand the finished buffer out (mem::take leaves an
                    // empty Vec behind, which allocates nothing) and start
                    // over with the next header.
                    let frame = std::mem::take(&mut body.bytes);
                    self.state = State::new_header();
                    return Ok(Some(frame));
                }
            }
        }
    }
    // ANCHOR_END: decode

    // ANCHOR: finish
    /// Call at end of file (recv returned no bytes). A stream may only end
    /// between frames: EOF inside a header or a body is an error, not a
    /// short message.
    pub fn finish(&self) -> Result<(), FrameError> {
        match &self.state {
            State::Header { filled: 0, .. } => Ok(()),
            State::Header { filled, .. } => Err(FrameError::Truncated {
                part: "header",
                received: *filled,
                expected: HEADER_LEN,
            }),
            State::Body(body) => Err(FrameError::Truncated {
                part: "body",
                received: body.bytes.len(),
                expected: body.declared,
            }),
            State::Failed(error) => Err(error.clone()),
        }
    }
    // ANCHOR_END: finish

    /// Bytes of the stream the decoder holds right now (a partial header or
    /// a partial body). Never more than the maximum plus [`HEADER_LEN`].
    pub fn buffered(&self) -> usize {
        match &self.state {
            State::Header { filled, .. } => *filled,
            State::Body(body) => body.bytes.len(),
            State::Failed(_) => 0,
        }
    }

    /// Bytes of memory reserved for the body being read (0 between frames,
    /// and after an error): never more than the maximum.
    pub fn capacity(&self) -> usize {
        match &self.state {
            State::Body(body) => body.bytes.capacity(),
            State::Header { .. } | State::Failed(_) => 0,
        }
    }
}

/// The header dictionary for a body of `body_len` bytes: `fields` (a file
/// name, a digest, ...) plus `"size": body_len`, as JSON bytes. `size` is
/// set here, from the body, so it cannot disagree with it.
pub fn dict_json(fields: &Map<String, Value>, body_len: usize) -> Vec<u8> {
    let mut dict = fields.clone();
    dict.insert("size".to_string(), Value::from(body_len as u64));
    // Serialising a map of JSON values cannot fail (every key is a string).
    Value::Object(dict).to_string().into_bytes()
}

/// One header-dictionary message in ONE buffer: the JSON header's length
/// (4 bytes, as [`header`]), the JSON header, then the body. The course
/// sends these three parts with three `send` calls; see lab 6 for what that
/// costs.
pub fn encode_dict(fields: &Map<String, Value>, body: &[u8]) -> Result<Vec<u8>, FrameError> {
    let json = dict_json(fields, body.len());
    let mut message = encode(&json)?;
    message.extend_from_slice(body);
    Ok(message)
}

/// One message of the header-dictionary protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct DictMessage {
    /// The JSON header, `size` included.
    pub header: Map<String, Value>,
    pub body: Vec<u8>,
}

/// An incremental decoder for the header-dictionary protocol. The JSON
/// header is one length-prefixed frame (read by an inner [`Decoder`] capped
/// at `max_header`); its `size` is then checked against `max_body` before
/// the body, which has no header of its own, is collected.
#[derive(Debug)]
pub struct DictDecoder {
    header: Decoder,
    max_body: usize,
    /// The header of the message being read, and its body so far.
    body: Option<(Map<String, Value>, Body)>,
    failed: Option<FrameError>,
}

impl Default for DictDecoder {
    fn default() -> DictDecoder {
        DictDecoder::new()
    }
}

impl DictDecoder {
    /// Headers up to [`MAX_DICT_HEADER_LEN`], bodies up to [`MAX_FRAME_LEN`].
    pub fn new() -> DictDecoder {
        DictDecoder::with_max(MAX_DICT_HEADER_LEN, MAX_FRAME_LEN)
    }

    pub fn with_max(max_header: usize, max_body: usize) -> DictDecoder {
        DictDecoder {
            header: Decoder::with_max(max_header),
            max_body,
            body: None,
            failed: None,
        }
    }

    /// Like [`Decoder::decode`]: takes bytes from the front of `input` and
    /// returns the next complete message, if `input` completes one.
    pub fn decode(&mut self, input: &mut &[u8]) -> Result<Option<DictMessage>, FrameError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = self.decode_inner(input);
        if let Err(error) = &result {
            self.failed = Some(error.clone());
            self.body = None;
        }
        result
    }

    fn decode_inner(&mut self, input: &mut &[u8]) -> Result<Option<DictMessage>, FrameError> {
        loop {
            if let Some((_, body)) = &mut self.body {
                if !body.fill(input) {
                    return Ok(None);
                }
                return Ok(self.body.take().map(|(header, body)| DictMessage {
                    header,
                    body: body.bytes,
                }));
            }
            let Some(json) = self.header.decode(input)? else {
                return Ok(None);
            };
            let header: Map<String, Value> = serde_json::from_slice(&json)
                .map_err(|error| FrameError::BadDictHeader(error.to_string()))?;
            let size = header
                .get("size")
                .and_then(Value::as_u64)
                .ok_or_else(|| FrameError::BadDictHeader("no \"size\": N in it".to_string()))?;
            // The same rule as for a 4-byte header: check, then allocate.
            if size > self.max_body as u64 {
                return Err(FrameError::TooLong {
                    declared: size,
                    max: self.max_body as u64,
                });
            }
            self.body = Some((header, Body::new(size as usize)));
        }
    }

    /// Call at end of file: an error unless the stream ended between
    /// messages.
    pub fn finish(&self) -> Result<(), FrameError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        match &self.body {
            Some((_, body)) => Err(FrameError::Truncated {
                part: "body",
                received: body.bytes.len(),
                expected: body.declared,
            }),
            None => self.header.finish().map_err(|error| match error {
                FrameError::Truncated {
                    part: "body",
                    received,
                    expected,
                } => FrameError::Truncated {
                    part: "JSON header",
                    received,
                    expected,
                },
                other => other,
            }),
        }
    }

    /// Bytes of memory reserved for the header or body being read.
    pub fn capacity(&self) -> usize {
        match &self.body {
            Some((_, body)) => body.bytes.capacity(),
            None => self.header.capacity(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Property-test cases per property. Each case is one random stream and
    /// one random way of cutting it, checked in well under a millisecond.
    const CASES: u32 = 4096;

    /// A small cap for the hostile-input properties, so random headers
    /// often land on both sides of it.
    const SMALL_MAX: usize = 300;

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: CASES,
            // No regression files in the source tree; a failure prints its
            // shrunk input, which belongs in a unit test below.
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    /// Cuts `stream` into chunks at the given offsets (taken modulo the
    /// length, sorted), as recv calls of arbitrary sizes would.
    fn cut<'a>(stream: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
        let mut points: Vec<usize> = cuts.iter().map(|c| c % (stream.len() + 1)).collect();
        points.push(0);
        points.push(stream.len());
        points.sort_unstable();
        points.windows(2).map(|w| &stream[w[0]..w[1]]).collect()
    }

    /// A writer that takes at most `most_per_write` bytes per call, from
    /// the front of the slices it is given, as a socket with a full send
    /// buffer does (lab 8).
    struct ShortWriter {
        written: Vec<u8>,
        most_per_write: usize,
    }

    impl Write for ShortWriter {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            self.write_vectored(&[IoSlice::new(data)])
        }

        fn write_vectored(&mut self, parts: &[IoSlice<'_>]) -> io::Result<usize> {
            let before = self.written.len();
            for part in parts {
                let room = self.most_per_write - (self.written.len() - before);
                self.written
                    .extend_from_slice(&part[..part.len().min(room)]);
            }
            Ok(self.written.len() - before)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Feeds chunks to a decoder and collects every body, stopping at the
    /// first error.
    fn decode_chunks(decoder: &mut Decoder, chunks: &[&[u8]]) -> Result<Vec<Vec<u8>>, FrameError> {
        let mut bodies = Vec::new();
        for chunk in chunks {
            let mut input = *chunk;
            while let Some(body) = decoder.decode(&mut input)? {
                bodies.push(body);
            }
            assert!(input.is_empty(), "Ok(None) must mean the chunk was used up");
        }
        Ok(bodies)
    }

    proptest! {
        #![proptest_config(config())]

        /// (1) Any sequence of frames, encoded and cut anywhere, decodes
        /// back exactly, and the stream then ends cleanly.
        #[test]
        fn frames_survive_any_cutting(
            bodies in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..600), 0..12),
            cuts in prop::collection::vec(any::<usize>(), 0..40),
        ) {
            let stream: Vec<u8> = bodies.iter().flat_map(|b| encode(b).unwrap()).collect();
            let mut decoder = Decoder::new();
            let decoded = decode_chunks(&mut decoder, &cut(&stream, &cuts)).unwrap();
            prop_assert_eq!(&decoded, &bodies);
            prop_assert_eq!(decoder.finish(), Ok(()));
            prop_assert_eq!(decoder.buffered(), 0);
        }

        /// (1) write_frame puts exactly encode's bytes on the stream, even
        /// through a writer that takes only a few bytes per call.
        #[test]
        fn write_frame_writes_what_encode_builds(
            body in prop::collection::vec(any::<u8>(), 0..600),
            most_per_write in 1..700usize,
        ) {
            let mut writer = ShortWriter { written: Vec::new(), most_per_write };
            write_frame(&mut writer, &body).unwrap();
            prop_assert_eq!(writer.written, encode(&body).unwrap());
        }

        /// (1) The same for header-dictionary messages.
        #[test]
        fn dict_messages_survive_any_cutting(
            bodies in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..600), 0..8),
            cuts in prop::collection::vec(any::<usize>(), 0..40),
        ) {
            let mut stream = Vec::new();
            for (index, body) in bodies.iter().enumerate() {
                let mut fields = Map::new();
                fields.insert("name".to_string(), Value::from(format!("m{index}")));
                stream.extend(encode_dict(&fields, body).unwrap());
            }
            let mut decoder = DictDecoder::new();
            let mut decoded = Vec::new();
            for chunk in cut(&stream, &cuts) {
                let mut input = chunk;
                while let Some(message) = decoder.decode(&mut input).unwrap() {
                    prop_assert_eq!(message.header["size"].as_u64(), Some(message.body.len() as u64));
                    decoded.push(message.body);
                }
            }
            prop_assert_eq!(&decoded, &bodies);
            prop_assert_eq!(decoder.finish(), Ok(()));
        }

        /// (2) Arbitrary bytes in arbitrary chunks (built from pieces, so
        /// that frames under the cap, headers over it and garbage all
        /// occur): no panic, and the decoder never holds or reserves more than its cap allows. Once
        /// it has failed, it keeps failing the same way.
        #[test]
        fn garbage_never_panics_or_overallocates(
            pieces in prop::collection::vec(prop_oneof![
                // Headers on both sides of the cap, any header at all, and
                // raw bytes (bodies, or garbage where a header should be).
                (0..2 * SMALL_MAX as u32).prop_map(|n| n.to_be_bytes().to_vec()),
                any::<u32>().prop_map(|n| n.to_be_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..200),
            ], 0..30),
            cuts in prop::collection::vec(any::<usize>(), 0..40),
            max in 0..SMALL_MAX,
        ) {
            let stream = pieces.concat();
            let mut decoder = Decoder::with_max(max);
            let mut first_error = None;
            for chunk in cut(&stream, &cuts) {
                let mut input = chunk;
                loop {
                    match decoder.decode(&mut input) {
                        Ok(Some(body)) => prop_assert!(body.len() <= max),
                        Ok(None) => break,
                        Err(error) => {
                            if let Some(first) = &first_error {
                                prop_assert_eq!(first, &error);
                            }
                            first_error = Some(error);
                            break;
                        }
                    }
                    prop_assert!(decoder.capacity() <= max);
                    prop_assert!(decoder.buffered() <= max + HEADER_LEN);
                }
                prop_assert!(decoder.capacity() <= max);
                prop_assert!(decoder.buffered() <= max + HEADER_LEN);
            }
            let _ = decoder.finish();
        }

        /// (2) The same for the header-dictionary decoder, with JSON-ish
        /// garbage so that some headers parse.
        #[test]
        fn dict_garbage_never_panics_or_overallocates(
            pieces in prop::collection::vec(prop_oneof![
                any::<u32>().prop_map(|n| n.to_be_bytes().to_vec()),
                (0u32..40).prop_map(|n| n.to_be_bytes().to_vec()),
                (any::<u64>(), 0u64..400).prop_map(|(a, b)| format!("{{\"size\":{}}}", a % 2 * b).into_bytes()),
                prop::collection::vec(any::<u8>(), 0..50),
            ], 0..30),
            cuts in prop::collection::vec(any::<usize>(), 0..40),
            max_header in 0..SMALL_MAX,
            max_body in 0..SMALL_MAX,
        ) {
            let stream = pieces.concat();
            let mut decoder = DictDecoder::with_max(max_header, max_body);
            for chunk in cut(&stream, &cuts) {
                let mut input = chunk;
                while let Ok(Some(message)) = decoder.decode(&mut input) {
                    prop_assert!(message.body.len() <= max_body);
                }
                prop_assert!(decoder.capacity() <= max_header.max(max_body));
            }
            let _ = decoder.finish();
        }
    }

    #[test]
    fn hostile_header_is_an_error_not_an_allocation() {
        let mut decoder = Decoder::new();
        let mut input: &[u8] = b"\xff\xff\xff\xffmore";
        let error = decoder.decode(&mut input).unwrap_err();
        assert_eq!(
            error.to_string(),
            "declared 4294967295 bytes > max 16777216"
        );
        assert_eq!(decoder.capacity(), 0);
        // The bytes after the bad header are left alone, and the decoder
        // stays failed.
        assert_eq!(input, b"more");
        assert_eq!(decoder.decode(&mut input), Err(error));
    }

    #[test]
    fn a_large_claim_reserves_only_what_arrives() {
        let mut decoder = Decoder::new();
        let mut input: &[u8] = &header(MAX_FRAME_LEN).unwrap();
        assert_eq!(decoder.decode(&mut input), Ok(None));
        assert_eq!(decoder.capacity(), FIRST_ALLOCATION);
        let chunk = vec![7u8; FIRST_ALLOCATION + 1];
        assert_eq!(decoder.decode(&mut &chunk[..]), Ok(None));
        assert_eq!(decoder.capacity(), 2 * FIRST_ALLOCATION);
    }

    #[test]
    fn eof_inside_a_frame_is_an_error() {
        let mut decoder = Decoder::new();
        assert_eq!(decoder.decode(&mut &b"\x00\x00"[..]), Ok(None));
        assert_eq!(
            decoder.finish().unwrap_err().to_string(),
            "EOF after 2 of 4 header bytes"
        );
        let mut decoder = Decoder::new();
        assert_eq!(decoder.decode(&mut &b"\x00\x00\x00\x64abc"[..]), Ok(None));
        assert_eq!(
            decoder.finish().unwrap_err().to_string(),
            "EOF after 3 of 100 body bytes"
        );
    }

    #[test]
    fn empty_bodies_are_frames_too() {
        assert_eq!(encode(b"").unwrap(), b"\x00\x00\x00\x00");
        let mut decoder = Decoder::new();
        let mut input: &[u8] = b"\x00\x00\x00\x00\x00\x00\x00\x00";
        assert_eq!(decoder.decode(&mut input), Ok(Some(Vec::new())));
        assert_eq!(decoder.decode(&mut input), Ok(Some(Vec::new())));
        assert_eq!(decoder.decode(&mut input), Ok(None));
    }

    #[test]
    fn lengths_that_do_not_fit_in_four_bytes_are_refused() {
        assert_eq!(header(0x0102_0304).unwrap(), [1, 2, 3, 4]);
        assert_eq!(
            header(u32::MAX as usize + 1),
            Err(FrameError::TooLong {
                declared: 1 << 32,
                max: u64::from(u32::MAX)
            })
        );
    }

    #[test]
    fn dict_headers_are_checked() {
        let mut fields = Map::new();
        fields.insert("name".to_string(), Value::from("a.txt"));
        assert_eq!(dict_json(&fields, 5), br#"{"name":"a.txt","size":5}"#);

        let mut no_size = DictDecoder::new();
        let message = encode(br#"{"name":"a.txt"}"#).unwrap();
        assert!(matches!(
            no_size.decode(&mut &message[..]),
            Err(FrameError::BadDictHeader(_))
        ));

        let mut capped = DictDecoder::with_max(100, 10);
        let message = encode_dict(&fields, &[0; 11]).unwrap();
        assert_eq!(
            capped.decode(&mut &message[..]).unwrap_err().to_string(),
            "declared 11 bytes > max 10"
        );

        let mut cut_short = DictDecoder::new();
        let message = encode_dict(&fields, b"hello").unwrap();
        assert_eq!(cut_short.decode(&mut &message[..10]), Ok(None));
        assert_eq!(
            cut_short.finish().unwrap_err().to_string(),
            "EOF after 6 of 25 JSON header bytes"
        );
    }
}
