//! Lab 6: framing, the fixes for sticky packets, side by side.
//!
//! TCP keeps the bytes in order and loses none, but it does not keep the
//! boundaries between sends (labs 1 and 2). A protocol must put them back.
//! The course offers three ways, and this lab runs all of them, plus no
//! framing at all, on the same traffic: `MESSAGES` messages whose sizes
//! (0 bytes to 96 KiB) and contents come from a seeded generator, read with
//! `recv` sizes from another seeded generator, so every run sends and reads
//! exactly the same way.
//!
//! 1. No framing: the receiver takes each recv as one message.
//! 2. The course's "low" version: the length as text, the receiver answers
//!    b"recv_ready", then the data. Correct, but a second round trip.
//! 3. A 4-byte big-endian length, then the body ([`crate::frame`]).
//! 4. The course's header dictionary: the 4-byte length of a JSON header,
//!    the JSON header with the body's size, then the body.
//!
//! Then the costs and bugs around them: the course's advice to send the
//! three parts of (4) with three `send` calls (Nagle and delayed ACK stall
//! each message, as in lab 5), Python's `struct` 'i' header (signed,
//! native byte order, at most 2**31-1), and a receiver that caps the length
//! before it allocates. Last, the course's own receive loops as students
//! copy them, each beside its fix: the length as text without waiting for
//! b"recv_ready", `recv(1024)` for the 4-byte length, one unlooped
//! `recv(header_len)`, and a loop that counts the buffer instead of the
//! chunk.

use std::collections::VecDeque;
use std::io;
use std::net::Shutdown;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use socket2::Socket;

use crate::expect::{self, Measurement, TimeSummary};
use crate::frame::{self, Decoder, DictDecoder, FrameError};
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, bytes_literal, tcp_info};
use crate::report::CheckResult;
use crate::stats;

pub const LAB: Lab = Lab {
    number: 6,
    slug: "framing",
    title: "Framing: the fixes for sticky packets",
    shows: "no framing vs recv_ready vs a 4-byte length vs a JSON header on the same traffic; header bugs",
    summary: "300 seeded messages (0 B to 96 KiB) read with seeded random recv sizes: without framing\n\
              the boundaries are lost; length-as-text + recv_ready, a 4-byte length and the header\n\
              dictionary recover every message. Also: round trips, the three-send stall, header bugs,\n\
              and the course's own receive loops beside their fixes.",
    typical_run: "0.3 s",
    sheet: include_str!("../../labs/06-framing/README.md"),
    sheet_zh_cn: include_str!("../../labs/06-framing/README.zh-CN.md"),
    experiment: run,
};

// ---------------------------------------------------------------------------
// The traffic: seeded, so every run is the same.
// ---------------------------------------------------------------------------

/// Messages per protocol: a few hundred, about 3.3 MB in all.
const MESSAGES: usize = 300;

/// The seeds of the message generator and of the recv-size generator. Any
/// fixed values would do; the expected values below were worked out for
/// these (see the unit test at the end).
const MESSAGE_SEED: u64 = 0x50C4_1AB0_0000_0006;
const RECV_SEED: u64 = 0x0000_0006_50C4_1AB0;

/// Message sizes: 1 in 20 empty, 2 in 20 large (64-96 KiB, more than one
/// loopback segment), 4 in 20 medium, the rest small.
const LARGE_MIN: usize = 64 * 1024;
const LARGE_MAX: usize = 96 * 1024;
const MEDIUM_MAX: usize = 16 * 1024;
const SMALL_MAX: usize = 1024;

/// Recv sizes: 1 in 4 is tiny (cuts headers in the middle), the rest up to
/// 16 KiB (so a large message takes several recvs).
const TINY_RECV_MAX: usize = 8;
const RECV_MAX: usize = 16 * 1024;

/// Facts about the seeded traffic, worked out from the two generators
/// alone (no socket) and guarded by the unit test
/// `traffic_constants_match_the_generators`: its total size in bytes;
const TOTAL_BYTES: usize = 3_342_994;
/// how many recvs a reader that always gets its full recv size (until the
/// last bytes) makes for the whole stream, and how many of those recvs
/// happen to equal the message with the same index (the naive receiver's
/// "messages").
const NAIVE_RECVS: usize = 556;
const NAIVE_INTACT: usize = 0;

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, well-mixed
/// pseudo-random generator. Add a constant to the state, then scramble it
/// with shifts and multiplications; the same seed always gives the same
/// sequence. Not for secrets: for repeatable test traffic.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`. The modulo favours small numbers by less
    /// than one part in 10^13 for these ranges: irrelevant here.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }
}

/// The messages every protocol sends: sizes and bytes from [`MESSAGE_SEED`].
fn traffic() -> Vec<Vec<u8>> {
    let mut rng = SplitMix64::new(MESSAGE_SEED);
    (0..MESSAGES)
        .map(|_| {
            let size = match rng.between(1, 20) {
                1 => 0,
                2 | 3 => rng.between(LARGE_MIN, LARGE_MAX),
                4..=7 => rng.between(SMALL_MAX + 1, MEDIUM_MAX),
                _ => rng.between(1, SMALL_MAX),
            };
            let mut message = Vec::with_capacity(size + 8);
            while message.len() < size {
                message.extend_from_slice(&rng.next_u64().to_le_bytes());
            }
            message.truncate(size);
            message
        })
        .collect()
}

/// The recv sizes every receiver uses, in order, from [`RECV_SEED`].
struct RecvSizes(SplitMix64);

impl RecvSizes {
    fn new() -> RecvSizes {
        RecvSizes(SplitMix64::new(RECV_SEED))
    }

    fn next_size(&mut self) -> usize {
        if self.0.between(1, 4) == 1 {
            self.0.between(1, TINY_RECV_MAX)
        } else {
            self.0.between(1, RECV_MAX)
        }
    }
}

// ---------------------------------------------------------------------------
// The protocols' constants.
// ---------------------------------------------------------------------------

/// What the receiver sends to ask for the next message (the course's
/// command; every framed protocol here is request/response, as its remote
/// shell is).
const REQUEST: &[u8] = b"next";

/// The course's acknowledgement in the "low" version.
const RECV_READY: &[u8] = b"recv_ready";

/// The course's client reads the length text with one `recv(1024)`.
const LENGTH_TEXT_RECV: usize = 1024;

/// Round trips per message: request → length text, b"recv_ready" → data
/// for the low version; request → framed reply for the other two.
const RECV_READY_ROUND_TRIPS: u32 = 2;
const FRAMED_ROUND_TRIPS: u32 = 1;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let messages = traffic();
    let mut checks = naive(&messages)?;
    for protocol in Protocol::ALL {
        checks.extend(framed(protocol, &messages)?);
    }
    checks.extend(recv_ready_empty_stalls()?);
    checks.extend(separate_sends_vs_one_write()?);
    checks.extend(header_bugs()?);
    checks.extend(course_receive_bugs()?);
    Ok(checks)
}

fn sent_vs_received_intact(messages: &[Vec<u8>], received: &[Vec<u8>]) -> usize {
    received
        .iter()
        .zip(messages)
        .filter(|(got, sent)| got == sent)
        .count()
}

fn join_thread<T>(handle: thread::ScopedJoinHandle<'_, T>, what: &str) -> Result<T, LabError> {
    handle
        .join()
        .map_err(|_| io::Error::other("thread panicked"))
        .step(what)
}

// ---------------------------------------------------------------------------
// 1. No framing.
// ---------------------------------------------------------------------------

/// The sender writes every message with its own `send`; the receiver calls
/// recv with the seeded sizes and takes each result as one message.
///
/// What one recv returns normally depends on timing (how much had arrived).
/// To make every run identical, the receiver reads with MSG_WAITALL
/// (recv(2)): each recv(n) waits until it can return exactly n bytes (or
/// all that is left), as a reader that is late enough would get. The chunks
/// then depend only on the seeds.
///
/// Why not wait until FIONREAD shows n bytes, as the other labs do? Here
/// that can wait forever: the receive buffer is charged for whole packets
/// (their `truesize`, socket(7) SO_RCVBUF), and a 64 KiB packet of which
/// only a few bytes are still unread is charged in full. Measured: the
/// 128 KiB buffer counted as full with 5 KB unread, the window closed, and
/// no more bytes came until the reader read.
fn naive(messages: &[Vec<u8>]) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "300 messages of seeded random sizes sent back to back, read with random recv sizes and no framing.",
        "how many messages come out intact: none.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let chunks = thread::scope(|scope| {
        let sender = scope.spawn(|| -> io::Result<()> {
            for message in messages {
                // send(b"") sends nothing at all (lab 2's course bug C.2).
                net::send_all(&pair.client, message)?;
            }
            pair.client.shutdown(Shutdown::Write)
        });
        let chunks = read_naively(&pair.server);
        join_thread(sender, "joining the naive sender")?.step("sending without framing")?;
        chunks.step("reading without framing")
    })?;
    let delivered: usize = chunks.iter().map(Vec::len).sum();
    Ok(vec![
        expect::exact(
            "naive-intact",
            "no framing: messages recovered intact",
            format!("{NAIVE_INTACT} of {MESSAGES}"),
            format!(
                "{} of {MESSAGES}",
                sent_vs_received_intact(messages, &chunks)
            ),
        ),
        expect::exact(
            "naive-recvs",
            "  recvs the receiver took as messages",
            NAIVE_RECVS,
            chunks.len(),
        ),
        expect::exact(
            "naive-bytes",
            "  bytes delivered (none lost, boundaries gone)",
            TOTAL_BYTES,
            delivered,
        ),
    ])
}

fn read_naively(server: &Socket) -> io::Result<Vec<Vec<u8>>> {
    let mut sizes = RecvSizes::new();
    let mut chunks = Vec::new();
    let mut received = 0;
    while received < TOTAL_BYTES {
        let size = sizes.next_size();
        // MSG_WAITALL (recv(2)): block until all `size` bytes are there,
        // or the stream ends. SO_RCVTIMEO still bounds the wait; a timeout
        // shows as a short chunk, caught below.
        let (_, chunk, _) = net::recv_flagged(server, size, libc::MSG_WAITALL)?;
        if chunk.len() < size.min(TOTAL_BYTES - received) {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("recv({size}, MSG_WAITALL) returned {} bytes", chunk.len()),
            ));
        }
        received += chunk.len();
        chunks.push(chunk);
    }
    Ok(chunks)
}

// ---------------------------------------------------------------------------
// 2-4. The framed protocols, request/response.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Protocol {
    /// Length as text, wait for b"recv_ready", then the data.
    RecvReady,
    /// A 4-byte big-endian length, then the body.
    Header,
    /// 4-byte length of a JSON header, the header, then the body.
    Dict,
}

impl Protocol {
    const ALL: [Protocol; 3] = [Protocol::RecvReady, Protocol::Header, Protocol::Dict];

    fn id(self) -> &'static str {
        match self {
            Protocol::RecvReady => "recv-ready",
            Protocol::Header => "header",
            Protocol::Dict => "dict",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Protocol::RecvReady => "length as text + recv_ready",
            Protocol::Header => "4-byte big-endian length",
            Protocol::Dict => "header dictionary (JSON)",
        }
    }

    fn round_trips(self) -> u32 {
        match self {
            Protocol::RecvReady => RECV_READY_ROUND_TRIPS,
            Protocol::Header | Protocol::Dict => FRAMED_ROUND_TRIPS,
        }
    }
}

/// The JSON header's fields besides `size`, as the course's file transfer
/// would send a file name.
fn dict_fields(index: usize) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert(
        "name".to_string(),
        Value::from(format!("message-{index}.bin")),
    );
    fields
}

fn invalid(error: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error)
}

/// The server: for every request, the next message in the protocol's
/// format. Ends after the last message, or early if the client hangs up.
fn serve(protocol: Protocol, server: &Socket, messages: &[Vec<u8>]) -> io::Result<()> {
    for (index, message) in messages.iter().enumerate() {
        match net::recv_exactly(server, REQUEST.len()) {
            Ok(request) if request == REQUEST => {}
            Ok(other) => {
                return Err(invalid(io::Error::other(format!(
                    "unexpected request {}",
                    bytes_literal(&other)
                ))));
            }
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(error) => return Err(error),
        }
        match protocol {
            Protocol::RecvReady => {
                net::send_all(server, message.len().to_string().as_bytes())?;
                let ready = net::recv_exactly(server, RECV_READY.len())?;
                if ready != RECV_READY {
                    return Err(invalid(io::Error::other("no b\"recv_ready\"")));
                }
                net::send_all(server, message)?;
            }
            // One write per message: header and body together.
            Protocol::Header => net::send_all(server, &frame::encode(message).map_err(invalid)?)?,
            Protocol::Dict => net::send_all(
                server,
                &frame::encode_dict(&dict_fields(index), message).map_err(invalid)?,
            )?,
        }
    }
    Ok(())
}

/// Why a client stopped before the last message.
enum Failure {
    /// The socket failed (a timeout, a reset): the lab cannot finish.
    Io(io::Error),
    /// The bytes broke the protocol: a result to show, not an error.
    Protocol(String),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Io(error)
    }
}

impl From<FrameError> for Failure {
    fn from(error: FrameError) -> Failure {
        Failure::Protocol(error.to_string())
    }
}

/// The client's decoder, for the two protocols that use [`crate::frame`].
enum FramedReader {
    Header(Decoder),
    Dict(DictDecoder),
}

impl FramedReader {
    fn decode(&mut self, input: &mut &[u8]) -> Result<Option<Vec<u8>>, FrameError> {
        match self {
            FramedReader::Header(decoder) => decoder.decode(input),
            FramedReader::Dict(decoder) => Ok(decoder.decode(input)?.map(|message| message.body)),
        }
    }

    fn finish(&self) -> Result<(), FrameError> {
        match self {
            FramedReader::Header(decoder) => decoder.finish(),
            FramedReader::Dict(decoder) => decoder.finish(),
        }
    }
}

/// What the client of a framed protocol got.
struct Fetched {
    bodies: Vec<Vec<u8>>,
    /// Why it stopped early, if it did.
    stopped: Option<String>,
    /// Data segments the client sent: one per request and one per
    /// b"recv_ready", since each waits for the server's answer.
    segments: u32,
}

fn framed(protocol: Protocol, messages: &[Vec<u8>]) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same traffic with one of the course's framing protocols.",
        "all 300 intact, and the round trips each protocol needs.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    // TCP_NODELAY (tcp(7)) on the client. Without it, the course's "low"
    // version stalls after every EMPTY message: the client sends
    // b"recv_ready", reads nothing (the data is 0 bytes), and sends the next
    // request at once: two small writes with no reply between them, so
    // Nagle holds the second until the server's delayed ACK (~40 ms).
    // Measured: one 43-48 ms stall per empty message, 0.6 s per run. The
    // three-sends rows below measure that stall on purpose; here it would
    // only slow the lab down. Every client write is still one segment.
    pair.client
        .set_tcp_nodelay(true)
        .step("setting TCP_NODELAY")?;
    let fetched = thread::scope(|scope| {
        let server = scope.spawn(|| serve(protocol, &pair.server, messages));
        let before = tcp_info(&pair.client).step("reading TCP_INFO before the messages")?;
        let mut bodies = Vec::new();
        let outcome = fetch_all(protocol, &pair.client, &mut bodies);
        let after = tcp_info(&pair.client).step("reading TCP_INFO after the messages")?;
        // Hang up, so a server still waiting for a request ends at once.
        pair.client
            .shutdown(Shutdown::Both)
            .step("closing the client")?;
        let served = join_thread(server, "joining the server")?;
        let stopped = match outcome {
            Ok(()) => None,
            Err(Failure::Protocol(why)) => Some(why),
            Err(Failure::Io(error)) => return Err(error).step("receiving framed messages"),
        };
        if stopped.is_none() {
            served.step("serving framed messages")?;
        }
        Ok::<_, LabError>(Fetched {
            bodies,
            stopped,
            segments: after.new_data_segments() - before.new_data_segments(),
        })
    })?;

    let intact = sent_vs_received_intact(messages, &fetched.bodies);
    let mut observed = format!("{intact} of {MESSAGES}");
    if fetched.bodies.len() != MESSAGES {
        observed.push_str(&format!(" ({} received)", fetched.bodies.len()));
    }
    if let Some(why) = fetched.stopped {
        observed.push_str(&format!("; {why}"));
    }
    Ok(vec![
        expect::exact(
            &format!("{}-intact", protocol.id()),
            &format!("{}: messages intact", protocol.label()),
            format!("{MESSAGES} of {MESSAGES}"),
            observed,
        ),
        expect::exact(
            &format!("{}-round-trips", protocol.id()),
            "  round trips per message (client segments)",
            format!("{:.2}", f64::from(protocol.round_trips())),
            format!("{:.2}", f64::from(fetched.segments) / MESSAGES as f64),
        ),
    ])
}

/// The stall experiment's messages: a warm-up (the server's first reply
/// ends the new connection's quick-ACK mode), then two empty messages, each
/// followed by another.
const STALL_MESSAGES: [&[u8]; 5] = [b"warm-up", b"", b"a", b"", b"b"];

/// A stalled fetch waits for the server's delayed ACK, 40 ms at least on
/// Linux; the floor leaves room for a coarse clock.
const STALL_AT_LEAST: Duration = Duration::from_millis(30);
const STALL_NAME: &str = "  what each of those fetches took";

/// recv_ready with Nagle on, which the course's client has: after an empty
/// message the client's b"recv_ready" gets no data back, so its next
/// request is a second small write while the first is unacknowledged, and
/// Nagle holds it until the server's delayed ACK. One stall per empty
/// message that another follows; the fetch of that next message pays it.
/// TCP_INFO's `tcpi_notsent_bytes` right after each request's send says
/// whether Nagle held it (as in lab 1); the clock says what that cost.
fn recv_ready_empty_stalls() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "recv_ready with Nagle on: a warm-up, then b\"\", b\"a\", b\"\", b\"b\".",
        "the request right after each empty message is held for a delayed ACK.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let messages: Vec<Vec<u8>> = STALL_MESSAGES.iter().map(|m| m.to_vec()).collect();
    let fetches = thread::scope(|scope| {
        let server = scope.spawn(|| serve(Protocol::RecvReady, &pair.server, &messages));
        let mut sizes = RecvSizes::new();
        let mut fetches = Vec::new();
        for _ in &messages {
            let started = Instant::now();
            net::send_all(&pair.client, REQUEST).step("sending a request")?;
            let held = tcp_info(&pair.client)
                .step("reading TCP_INFO after the request")?
                .notsent_bytes
                > 0;
            match fetch_with_recv_ready(&pair.client, &mut sizes) {
                Ok(_) => fetches.push((held, started.elapsed())),
                Err(Failure::Io(error)) => return Err(error).step("fetching with recv_ready"),
                Err(Failure::Protocol(why)) => {
                    return Err(io::Error::other(why)).step("fetching with recv_ready");
                }
            }
        }
        pair.client
            .shutdown(Shutdown::Both)
            .step("closing the client")?;
        join_thread(server, "joining the server")?.step("serving with recv_ready")?;
        Ok::<_, LabError>(fetches)
    })?;
    let held: Vec<String> = STALL_MESSAGES
        .iter()
        .zip(&fetches)
        .filter(|(_, (held, _))| *held)
        .map(|(message, _)| bytes_literal(message))
        .collect();
    let stalls: Vec<Duration> = fetches
        .iter()
        .filter(|(held, _)| *held)
        .map(|(_, time)| *time)
        .collect();
    Ok(vec![
        expect::exact(
            "recv-ready-empty-held",
            "recv_ready, Nagle on, b\"\" b\"a\" b\"\" b\"b\": requests Nagle held",
            "b\"a\", b\"b\"".to_string(),
            if held.is_empty() {
                "none".to_string()
            } else {
                held.join(", ")
            },
        ),
        if stalls.is_empty() {
            expect::skipped(
                "recv-ready-empty-stall",
                STALL_NAME,
                format!("p50 ≥ {}", expect::duration(STALL_AT_LEAST)),
                "Nagle held no request",
            )
        } else {
            expect::at_least(
                "recv-ready-empty-stall",
                STALL_NAME,
                STALL_AT_LEAST,
                Measurement::Times(TimeSummary::of(&stalls)),
            )
        },
    ])
}

/// The client: asks for every message in turn and reads it the protocol's
/// way, with the seeded recv sizes. Bodies go to `bodies` as they come, so
/// a failure still shows how far it got.
fn fetch_all(
    protocol: Protocol,
    client: &Socket,
    bodies: &mut Vec<Vec<u8>>,
) -> Result<(), Failure> {
    let mut sizes = RecvSizes::new();
    let mut reader = match protocol {
        Protocol::RecvReady => None,
        Protocol::Header => Some(FramedReader::Header(Decoder::new())),
        Protocol::Dict => Some(FramedReader::Dict(DictDecoder::new())),
    };
    let mut pending = VecDeque::new();
    for _ in 0..MESSAGES {
        net::send_all(client, REQUEST)?;
        let body = match &mut reader {
            None => fetch_with_recv_ready(client, &mut sizes)?,
            Some(reader) => next_body(client, &mut sizes, reader, &mut pending)?,
        };
        bodies.push(body);
    }
    Ok(())
}

/// The course's "low" version, client side:
/// `length = int(client.recv(1024).decode()); client.send(b"recv_ready")`,
/// then recv until `length` bytes have come.
fn fetch_with_recv_ready(client: &Socket, sizes: &mut RecvSizes) -> Result<Vec<u8>, Failure> {
    let text = net::recv_once(client, LENGTH_TEXT_RECV)?;
    let length: usize = std::str::from_utf8(&text)
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| Failure::Protocol(format!("length text {}", bytes_literal(&text))))?;
    net::send_all(client, RECV_READY)?;
    let mut body = Vec::new();
    while body.len() < length {
        let chunk = net::recv_once(client, sizes.next_size().min(length - body.len()))?;
        if chunk.is_empty() {
            return Err(Failure::Protocol(format!(
                "EOF after {} of {length} bytes",
                body.len()
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads with the seeded recv sizes, feeding every chunk to the decoder,
/// until it has a complete body. A chunk may complete more than one body:
/// the extra ones wait in `pending`.
fn next_body(
    client: &Socket,
    sizes: &mut RecvSizes,
    reader: &mut FramedReader,
    pending: &mut VecDeque<Vec<u8>>,
) -> Result<Vec<u8>, Failure> {
    loop {
        if let Some(body) = pending.pop_front() {
            return Ok(body);
        }
        let chunk = net::recv_once(client, sizes.next_size())?;
        if chunk.is_empty() {
            reader.finish()?;
            return Err(Failure::Protocol("EOF between messages".to_string()));
        }
        let mut input = &chunk[..];
        while let Some(body) = reader.decode(&mut input)? {
            pending.push_back(body);
        }
    }
}

// ---------------------------------------------------------------------------
// The course's three sends vs one write.
// ---------------------------------------------------------------------------

/// Timed messages per variant (after one warm-up message). Five stalls of
/// ~40 ms keep the lab near a third of a second.
const TIMED_MESSAGES: usize = 5;

/// The body of the timed header-dictionary messages, and the receiver's
/// reply to each complete message.
const SMALL_BODY: &[u8] = b"hello, framing";
const REPLY: &[u8] = b"ok";

/// The receiver of the timed messages reads with recv(4096), like the
/// course's `conn.recv(1024)` but roomier.
const REPLY_SERVER_RECV: usize = 4096;

/// A stalled message waits for a delayed ACK: Linux's minimum is 40 ms
/// (TCP_DELACK_MIN); 30 ms leaves room for timer granularity (as lab 5).
const STALL_FLOOR: Duration = Duration::from_millis(30);
/// Without the stall a message takes tens of microseconds; 15 ms only has
/// to tell "no stall" from a 40 ms stall and still hold with both cores
/// busy (lab 5 measured a fast p50 of up to 8 ms under stress-ng).
const FAST_CEILING: Duration = Duration::from_millis(15);

#[derive(Clone, Copy)]
enum Sending {
    /// The course's advice: `send(struct.pack('i', len(header)))`,
    /// `send(header)`, `send(body)`.
    ThreeSends,
    /// The same bytes built in one buffer and written once.
    OneWrite,
}

impl Sending {
    const ALL: [Sending; 2] = [Sending::ThreeSends, Sending::OneWrite];

    fn id(self) -> &'static str {
        match self {
            Sending::ThreeSends => "three-sends",
            Sending::OneWrite => "one-write",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sending::ThreeSends => "header dict as 3 sends, Nagle on: per message",
            Sending::OneWrite => "header dict as 1 write, Nagle on: per message",
        }
    }

    /// Data segments per message: the first small send leaves at once,
    /// Nagle holds the other two until the delayed ACK and they leave
    /// together; one write is one segment.
    fn segments(self) -> u32 {
        match self {
            Sending::ThreeSends => 2,
            Sending::OneWrite => 1,
        }
    }

    fn send(self, client: &Socket) -> io::Result<()> {
        let fields = dict_fields(0);
        match self {
            Sending::ThreeSends => {
                let json = frame::dict_json(&fields, SMALL_BODY.len());
                let length = frame::header(json.len()).map_err(invalid)?;
                net::send_all(client, &length)?;
                net::send_all(client, &json)?;
                net::send_all(client, SMALL_BODY)
            }
            Sending::OneWrite => net::send_all(
                client,
                &frame::encode_dict(&fields, SMALL_BODY).map_err(invalid)?,
            ),
        }
    }
}

fn separate_sends_vs_one_write() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The header dictionary sent as three small sends, then as one write, with Nagle on.",
        "~40 ms per message for three sends, microseconds for one write.",
    );
    let mut checks = Vec::new();
    for sending in Sending::ALL {
        let timed = measure_sending(sending)?;
        let times: Vec<Duration> = timed.iter().map(|message| message.time).collect();
        let segments: Vec<u32> = timed.iter().map(|message| message.segments).collect();
        let id = format!("{}-time", sending.id());
        let times = Measurement::Times(TimeSummary::of(&times));
        checks.push(match sending {
            Sending::ThreeSends => expect::at_least(&id, sending.label(), STALL_FLOOR, times),
            Sending::OneWrite => expect::below(&id, sending.label(), FAST_CEILING, times),
        });
        checks.push(expect::exact(
            &format!("{}-segments", sending.id()),
            "  data segments per message (median)",
            sending.segments(),
            stats::median(&segments),
        ));
    }
    Ok(checks)
}

/// One timed message: how long until the reply came, and how many data
/// segments the client sent for it.
struct TimedMessage {
    time: Duration,
    segments: u32,
}

/// One warm-up message (a fresh connection ACKs at once; after one
/// exchange the receiver delays its ACKs), then [`TIMED_MESSAGES`] timed
/// ones: send a message, wait for the receiver's reply.
fn measure_sending(sending: Sending) -> Result<Vec<TimedMessage>, LabError> {
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    thread::scope(|scope| {
        let server = scope.spawn(|| reply_to_messages(&pair.server));
        let measured = time_messages(sending, &pair.client);
        // Closing our side ends the receiver's loop with EOF.
        pair.client
            .shutdown(Shutdown::Write)
            .step("closing the sender")?;
        join_thread(server, "joining the receiver")?.step("receiving timed messages")?;
        measured
    })
}

/// The segments are counted per message and the table shows the median:
/// with both cores busy, the sender is now and then descheduled between
/// its second and third send for longer than the delayed ACK, and that
/// message takes 3 segments (measured: 1 message in about 200).
fn time_messages(sending: Sending, client: &Socket) -> Result<Vec<TimedMessage>, LabError> {
    one_message(sending, client)?;
    let mut timed = Vec::with_capacity(TIMED_MESSAGES);
    for _ in 0..TIMED_MESSAGES {
        let before = tcp_info(client).step("reading TCP_INFO before a message")?;
        let time = one_message(sending, client)?;
        // The reply proves the receiver has the whole message, so every
        // segment of it has been sent by now.
        let after = tcp_info(client).step("reading TCP_INFO after a message")?;
        timed.push(TimedMessage {
            time,
            segments: after.new_data_segments() - before.new_data_segments(),
        });
    }
    Ok(timed)
}

fn one_message(sending: Sending, client: &Socket) -> Result<Duration, LabError> {
    let started = Instant::now();
    sending
        .send(client)
        .step("sending a header-dictionary message")?;
    net::recv_exactly(client, REPLY.len()).step("reading the receiver's reply")?;
    Ok(started.elapsed())
}

/// The receiver: decodes header-dictionary messages from whatever its
/// recvs return and replies to each complete one, until EOF.
fn reply_to_messages(server: &Socket) -> io::Result<()> {
    let mut decoder = DictDecoder::new();
    loop {
        let chunk = net::recv_once(server, REPLY_SERVER_RECV)?;
        if chunk.is_empty() {
            return decoder.finish().map_err(invalid);
        }
        let mut input = &chunk[..];
        while decoder.decode(&mut input).map_err(invalid)?.is_some() {
            net::send_all(server, REPLY)?;
        }
    }
}

// ---------------------------------------------------------------------------
// Header bugs: struct 'i', a hostile length, EOF inside a frame.
// ---------------------------------------------------------------------------

/// Python's `struct.pack('i', n)` uses the machine's byte order: on x86 and
/// ARM that is little-endian, i.e. `struct.pack('<i', n)`. It is a signed
/// 32-bit integer: -2**31 to 2**31-1.
fn struct_pack_i_little_endian(n: i32) -> [u8; 4] {
    n.to_le_bytes()
}

/// A length of 2**31 bytes (2 GiB): one more than 'i' can hold, so the
/// course's sender cannot pack it, and a header that carries it (as an
/// unsigned big-endian u32) reads as negative with 'i'.
const TWO_GIB: usize = 1 << 31;

/// The body the truncated frame announces, and how much of it is sent
/// before the sender closes.
const TRUNCATED_BODY: usize = 100;
const TRUNCATED_SENT: usize = 10;

fn header_bugs() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "What the course's struct 'i' header does when it is negative, huge or read in the wrong byte order.",
        "the capped decoder refusing before it allocates.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;

    // -1 (e.g. a length computed as "end - start" the wrong way round),
    // packed as the course does, read by a receiver that expects a
    // big-endian u32: the hostile 0xFFFFFFFF header.
    let minus_one = transfer(&pair, &struct_pack_i_little_endian(-1))?;
    let mut hostile = Decoder::new();
    let hostile_outcome = decode_outcome(hostile.decode(&mut &minus_one[..]));

    // 100 packed little-endian, read big-endian.
    let hundred = transfer(&pair, &struct_pack_i_little_endian(100))?;
    let mut swapped = Decoder::new();
    let swapped_outcome = decode_outcome(swapped.decode(&mut &hundred[..]));

    // 2**31 as a big-endian unsigned header, read with '>i' (signed).
    let two_gib_header = frame::header(TWO_GIB)
        .map_err(invalid)
        .step("encoding a 2 GiB length")?;
    let two_gib = transfer(&pair, &two_gib_header)?;

    Ok(vec![
        expect::exact(
            "struct-i-minus-one",
            "length -1 packed '<i', read as big-endian u32",
            "b\"\\xff\\xff\\xff\\xff\" = 4294967295".to_string(),
            as_u32_be(&minus_one),
        ),
        expect::exact(
            "hostile-header-decoder",
            "  capped decoder (max 16 MiB) on that header",
            "error: declared 4294967295 bytes > max 16777216".to_string(),
            hostile_outcome,
        ),
        expect::exact(
            "hostile-header-capacity",
            "  memory it reserved for the body",
            "0 bytes".to_string(),
            format!("{} bytes", hostile.capacity()),
        ),
        expect::exact(
            "struct-i-byte-order",
            "length 100 packed '<i', read as big-endian u32",
            "b\"d\\x00\\x00\\x00\" = 1677721600".to_string(),
            as_u32_be(&hundred),
        ),
        expect::exact(
            "byte-order-decoder",
            "  capped decoder on that header",
            "error: declared 1677721600 bytes > max 16777216".to_string(),
            swapped_outcome,
        ),
        expect::exact(
            "struct-i-range",
            "length 2**31 as big-endian u32, read with '>i'",
            "b\"\\x80\\x00\\x00\\x00\" = -2147483648".to_string(),
            as_i32_be(&two_gib),
        ),
        eof_inside_a_frame()?,
    ])
}

/// Sends `bytes` from client to server and reads them back once all have
/// arrived: the header a receiver really gets.
fn transfer(pair: &net::TcpPair, bytes: &[u8]) -> Result<Vec<u8>, LabError> {
    net::send_all(&pair.client, bytes).step("sending a header")?;
    net::wait_for_queued(&pair.server, bytes.len()).step("waiting for the header")?;
    net::recv_exactly(&pair.server, bytes.len()).step("reading the header")
}

fn four_bytes(bytes: &[u8]) -> Option<[u8; 4]> {
    bytes.try_into().ok()
}

/// The course's receiver, fixed to network byte order:
/// `struct.unpack('>I', header)[0]`.
fn as_u32_be(bytes: &[u8]) -> String {
    match four_bytes(bytes) {
        Some(header) => format!("{} = {}", bytes_literal(bytes), u32::from_be_bytes(header)),
        None => format!("{} (not 4 bytes)", bytes_literal(bytes)),
    }
}

/// The same with a signed 'i': `struct.unpack('>i', header)[0]`.
fn as_i32_be(bytes: &[u8]) -> String {
    match four_bytes(bytes) {
        Some(header) => format!("{} = {}", bytes_literal(bytes), i32::from_be_bytes(header)),
        None => format!("{} (not 4 bytes)", bytes_literal(bytes)),
    }
}

fn decode_outcome(result: Result<Option<Vec<u8>>, FrameError>) -> String {
    match result {
        Ok(Some(body)) => format!("a {}-byte body", body.len()),
        Ok(None) => "waiting for the body".to_string(),
        Err(error) => format!("error: {error}"),
    }
}

/// The course's bug G.4: the sender announces 100 bytes, sends 10 and
/// closes. A receive loop that stops at EOF would return a 10-byte
/// "message"; the decoder reports the frame as cut short.
fn eof_inside_a_frame() -> Result<CheckResult, LabError> {
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let mut frame = frame::encode(&[b'x'; TRUNCATED_BODY])
        .map_err(invalid)
        .step("encoding a frame")?;
    frame.truncate(frame::HEADER_LEN + TRUNCATED_SENT);
    net::send_all(&pair.client, &frame).step("sending part of a frame")?;
    pair.client
        .shutdown(Shutdown::Write)
        .step("closing the sender")?;
    let mut decoder = Decoder::new();
    let mut sizes = RecvSizes::new();
    let outcome = loop {
        let chunk = net::recv_once(&pair.server, sizes.next_size()).step("reading the frame")?;
        if chunk.is_empty() {
            break match decoder.finish() {
                Ok(()) => "ended cleanly".to_string(),
                Err(error) => format!("error: {error}"),
            };
        }
        match decoder.decode(&mut &chunk[..]) {
            Ok(None) => {}
            other => break decode_outcome(other),
        }
    };
    Ok(expect::exact(
        "eof-inside-frame",
        "EOF after 10 of 100 body bytes (bug G.4)",
        "error: EOF after 10 of 100 body bytes".to_string(),
        outcome,
    ))
}

// ---------------------------------------------------------------------------
// The course's receive loops, as students copy them, beside the fix.
// ---------------------------------------------------------------------------

/// The course's header-dictionary message for these checks: the JSON
/// header `{"filename": "a.txt", "total_size": 5}` (38 bytes) and its
/// body, with `struct.pack('i', 38)` before them.
const COURSE_HEADER: &[u8] = br#"{"filename": "a.txt", "total_size": 5}"#;
const COURSE_BODY: &[u8] = b"hello";

/// How much of the header the sender has written when the course's
/// unlooped `recv(header_len)` runs: the rest is still on its way.
const HEADER_FIRST_PART: usize = 10;

/// The body the course's miscounting loop reads, and its recv size.
const COUNTED_BODY: usize = 5000;
const COURSE_RECV: usize = 1024;

/// What the course's loop `recv_size += len(res)` reads of
/// [`COUNTED_BODY`] bytes, all queued, with recv(1024): after the recvs
/// res holds 1024, 2048, 3072 bytes and recv_size is 1024, 3072, 6144, so
/// it stops after 3072.
const MISCOUNTED_READ: usize = 3072;

fn course_message() -> Vec<u8> {
    let mut message = struct_pack_i_little_endian(COURSE_HEADER.len() as i32).to_vec();
    message.extend_from_slice(COURSE_HEADER);
    message.extend_from_slice(COURSE_BODY);
    message
}

/// Python's `int()` of bytes: ASCII whitespace around an optional sign and
/// decimal digits, or ValueError.
fn python_int(bytes: &[u8]) -> String {
    std::str::from_utf8(bytes)
        .ok()
        .map(str::trim)
        .filter(|text| {
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
        .and_then(|text| text.parse::<i64>().ok())
        .map_or("ValueError".to_string(), |n| n.to_string())
}

/// Python's `json.loads` of bytes, as the course's readers use it: the
/// body size the header declares, or the exception.
fn json_total_size(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(header) => match header.get("total_size").and_then(Value::as_u64) {
            Some(size) => format!("total_size {size}"),
            None => "KeyError".to_string(),
        },
        Err(_) => "JSONDecodeError".to_string(),
    }
}

fn course_receive_bugs() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's receive loops as students copy them, each beside its fix.",
        "the glued length text, the greedy recv(1024), the short unlooped recv and the miscount.",
    );
    let mut checks = length_text_without_recv_ready()?;
    checks.extend(greedy_length_recv()?);
    checks.extend(unlooped_header_recv()?);
    checks.extend(cumulative_count()?);
    Ok(checks)
}

/// The "low" version with the b"recv_ready" step left out: the sender
/// writes the length as text and the data right after it.
fn length_text_without_recv_ready() -> Result<Vec<CheckResult>, LabError> {
    let data = b"hi\n";
    let length = data.len().to_string();
    let glued = {
        let pair = net::tcp_pair().step("connecting a loopback pair")?;
        net::send_all(&pair.client, length.as_bytes()).step("sending the length as text")?;
        net::send_all(&pair.client, data).step("sending the data")?;
        net::wait_for_queued(&pair.server, length.len() + data.len())
            .step("waiting for both sends")?;
        net::recv_once(&pair.server, LENGTH_TEXT_RECV).step("reading the length")?
    };
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    net::send_all(&pair.client, length.as_bytes()).step("sending the length as text")?;
    net::wait_for_queued(&pair.server, length.len()).step("waiting for the length")?;
    let alone = net::recv_once(&pair.server, LENGTH_TEXT_RECV).step("reading the length")?;
    net::send_all(&pair.server, RECV_READY).step("answering b\"recv_ready\"")?;
    net::recv_exactly(&pair.client, RECV_READY.len()).step("waiting for b\"recv_ready\"")?;
    net::send_all(&pair.client, data).step("sending the data")?;
    let body = net::recv_exactly(&pair.server, data.len()).step("reading the data")?;
    Ok(vec![
        expect::exact(
            "no-recv-ready-glued",
            "length as text, no recv_ready: recv(1024) gets",
            bytes_literal(b"3hi\n"),
            bytes_literal(&glued),
        ),
        expect::exact(
            "no-recv-ready-int",
            "  int() of it",
            "ValueError".to_string(),
            python_int(&glued),
        ),
        expect::exact(
            "recv-ready-length",
            "  with recv_ready: recv(1024), int(), the data",
            format!("b\"3\", 3, {}", bytes_literal(data)),
            format!(
                "{}, {}, {}",
                bytes_literal(&alone),
                python_int(&alone),
                bytes_literal(&body)
            ),
        ),
    ])
}

/// `struct.unpack('i', conn.recv(1024))`: the recv takes the header and
/// the body along with the 4 bytes of length.
fn greedy_length_recv() -> Result<Vec<CheckResult>, LabError> {
    let message = course_message();
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    net::send_all(&pair.client, &message).step("sending a header-dictionary message")?;
    net::wait_for_queued(&pair.server, message.len()).step("waiting for the message")?;
    let greedy = net::recv_once(&pair.server, COURSE_RECV).step("recv(1024) for the length")?;
    let unpacked = match four_bytes(&greedy) {
        Some(length) => i32::from_le_bytes(length).to_string(),
        None => "struct.error".to_string(),
    };
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    net::send_all(&pair.client, &message).step("sending a header-dictionary message")?;
    let exact = net::recv_exactly(&pair.server, frame::HEADER_LEN).step("reading 4 bytes")?;
    let length = four_bytes(&exact).map_or(-1, i32::from_le_bytes);
    Ok(vec![
        expect::exact(
            "greedy-length-recv",
            "recv(1024) for the 4-byte length takes",
            format!("{} bytes: length, header, body", message.len()),
            format!("{} bytes: length, header, body", greedy.len()),
        ),
        expect::exact(
            "greedy-length-unpack",
            "  struct.unpack('i', them)",
            "struct.error".to_string(),
            unpacked,
        ),
        expect::exact(
            "exact-length-recv",
            "  reading exactly 4 bytes: the length",
            COURSE_HEADER.len() as i32,
            length,
        ),
    ])
}

/// `json.loads(conn.recv(header_len))`: one recv returns what has
/// arrived, which may be less than the header.
fn unlooped_header_recv() -> Result<Vec<CheckResult>, LabError> {
    let message = course_message();
    let split = frame::HEADER_LEN + HEADER_FIRST_PART;
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    net::send_all(&pair.client, &message[..split]).step("sending part of the header")?;
    net::wait_for_queued(&pair.server, split).step("waiting for part of the header")?;
    net::recv_exactly(&pair.server, frame::HEADER_LEN).step("reading the length")?;
    let unlooped =
        net::recv_once(&pair.server, COURSE_HEADER.len()).step("recv(header_len) once")?;
    // The rest of the header comes now; the fixed reader goes on reading.
    net::send_all(&pair.client, &message[split..]).step("sending the rest")?;
    let rest = net::recv_exactly(&pair.server, COURSE_HEADER.len() - unlooped.len())
        .step("reading the rest of the header")?;
    let looped = [unlooped.clone(), rest].concat();
    Ok(vec![
        expect::exact(
            "unlooped-header-recv",
            "unlooped recv(38) of a header still arriving",
            format!("{HEADER_FIRST_PART} of 38 bytes"),
            format!("{} of 38 bytes", unlooped.len()),
        ),
        expect::exact(
            "unlooped-header-json",
            "  json.loads(them)",
            "JSONDecodeError".to_string(),
            json_total_size(&unlooped),
        ),
        expect::exact(
            "looped-header-json",
            "  recv in a loop until 38, then json.loads",
            "total_size 5".to_string(),
            json_total_size(&looped),
        ),
    ])
}

/// The course's receive loop that adds the buffer's length instead of the
/// chunk's, against the loop that adds the chunk's.
fn cumulative_count() -> Result<Vec<CheckResult>, LabError> {
    let body = vec![b'x'; COUNTED_BODY];
    let read_with = |cumulative: bool| -> Result<(usize, usize), LabError> {
        let pair = net::tcp_pair().step("connecting a loopback pair")?;
        net::send_all(&pair.client, &body).step("sending the body")?;
        net::wait_for_queued(&pair.server, body.len()).step("waiting for the body")?;
        let mut res = Vec::new();
        let mut recv_size = 0;
        while recv_size < COUNTED_BODY {
            let data = net::recv_once(&pair.server, COURSE_RECV).step("recv(1024)")?;
            if data.is_empty() {
                break;
            }
            res.extend_from_slice(&data);
            recv_size += if cumulative { res.len() } else { data.len() };
        }
        let left = net::queued_bytes(&pair.server).step("asking FIONREAD")?;
        Ok((res.len(), left))
    };
    let (miscounted, left) = read_with(true)?;
    let (counted, _) = read_with(false)?;
    Ok(vec![
        expect::exact(
            "cumulative-count-read",
            "recv_size += len(res), 5000-byte body: read",
            format!("{MISCOUNTED_READ} of {COUNTED_BODY} bytes"),
            format!("{miscounted} of {COUNTED_BODY} bytes"),
        ),
        expect::exact(
            "cumulative-count-left",
            "  left in the stream, read as the next message",
            COUNTED_BODY - MISCOUNTED_READ,
            left,
        ),
        expect::exact(
            "chunk-count-read",
            "  recv_size += len(data): read",
            format!("{COUNTED_BODY} of {COUNTED_BODY} bytes"),
            format!("{counted} of {COUNTED_BODY} bytes"),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many messages of the seeded traffic are empty, and how many
    /// are 64 KiB or more: the traffic must include both.
    const EMPTY_MESSAGES: usize = 14;
    const LARGE_MESSAGES: usize = 34;

    /// Works out the traffic constants from the generators alone, the way
    /// one would by hand with a notebook: no socket involved.
    #[test]
    fn traffic_constants_match_the_generators() {
        let messages = traffic();
        let total: usize = messages.iter().map(Vec::len).sum();
        let empty = messages.iter().filter(|m| m.is_empty()).count();
        let large = messages.iter().filter(|m| m.len() >= LARGE_MIN).count();
        let stream = messages.concat();
        let mut sizes = RecvSizes::new();
        let mut chunks = Vec::new();
        let mut offset = 0;
        while offset < stream.len() {
            let take = sizes.next_size().min(stream.len() - offset);
            chunks.push(&stream[offset..offset + take]);
            offset += take;
        }
        let intact = chunks
            .iter()
            .zip(&messages)
            .filter(|(chunk, message)| **chunk == &message[..])
            .count();
        assert_eq!(
            (total, empty, large, chunks.len(), intact),
            (
                TOTAL_BYTES,
                EMPTY_MESSAGES,
                LARGE_MESSAGES,
                NAIVE_RECVS,
                NAIVE_INTACT
            )
        );
        assert!(empty > 0 && large > 0, "the traffic must include both");
    }

    #[test]
    fn python_int_and_json_loads_fail_where_python_does() {
        assert_eq!(python_int(b"3"), "3");
        assert_eq!(python_int(b" 3\n"), "3");
        assert_eq!(python_int(b"3hi\n"), "ValueError");
        assert_eq!(python_int(b""), "ValueError");
        assert_eq!(json_total_size(COURSE_HEADER), "total_size 5");
        assert_eq!(json_total_size(&COURSE_HEADER[..10]), "JSONDecodeError");
        assert_eq!(json_total_size(b"{}"), "KeyError");
    }

    #[test]
    fn the_miscounting_loop_stops_where_worked_out() {
        let (mut res, mut recv_size) = (0, 0);
        while recv_size < COUNTED_BODY {
            res += COURSE_RECV.min(COUNTED_BODY - res);
            recv_size += res;
        }
        assert_eq!(res, MISCOUNTED_READ);
    }

    #[test]
    fn splitmix64_matches_its_reference_output() {
        // The first outputs for seed 0, as published with the algorithm.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
