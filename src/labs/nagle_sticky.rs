//! Lab 1: Nagle-driven sticky packets (粘包).
//!
//! TCP is a byte stream: it carries bytes, not messages. Two things make
//! separate `send` calls arrive glued together:
//!
//! - The receiver is behind. Everything that arrived sits in one receive
//!   queue, and recv(n) hands out up to n bytes of it, whichever sends they
//!   came from.
//! - The sender merges. Nagle's algorithm (RFC 896, tcp(7)) lets at most one
//!   small unacknowledged segment be in flight; later small writes wait in
//!   the send queue and leave together when the ACK comes back. If the
//!   receiver delays that ACK (about 40 ms on Linux), they wait that long.
//!
//! Nagle has no timer: the course's "sends within about 200 ms are merged"
//! is wrong. A send that follows the ACK of the one before leaves at once,
//! however soon after it comes.
//!
//! TCP_NODELAY (tcp(7)) switches Nagle off, so each write leaves at once as
//! its own segment, but a receiver that is behind still reads them as one
//! run of bytes. Only framing (a length before each message) restores the
//! boundaries, and the last part of this lab shows it.
//!
//! Note on fresh connections: during the first exchanges Linux ACKs every
//! segment at once (quick-ACK mode), so Nagle never has to hold anything. The
//! lab therefore does one request/response exchange first; after it the
//! receiver delays its ACKs, as it would on any connection in use.
//!
//! The capture of `lo` shows where the gluing happens. For the late reader
//! every send was a segment of its own: the receive queue glued them. With
//! Nagle, b"hello" leaves alone and the other 13 bytes leave in one segment
//! once the server's delayed ACK of b"hello" arrives. Each connection's
//! count of data segments on the wire must also be what its TCP_INFO says.

use std::thread;
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpInfo, TcpPair, bytes_literal, tcp_info};
use crate::report::CheckResult;
use crate::wire::{ConversationSegment, Packets, Side, TcpConversation, Wire};

pub const LAB: Lab = Lab {
    number: 1,
    slug: "nagle-sticky",
    title: "Nagle-driven sticky packets",
    shows: "separate sends arrive glued together (粘包); TCP_NODELAY does not fix it, framing does",
    summary: "Four sends (b\"hello\", b\"world\", b\"musibii\", b\"1\") do not arrive as four messages.\n\
              A late reader gets them glued; with Nagle on, the kernel itself holds 13 bytes back\n\
              for one delayed ACK. TCP_NODELAY stops the holding, not the gluing: only framing does.",
    typical_run: "0.1 s",
    sheet: include_str!("../../labs/01-nagle-sticky/README.md"),
    sheet_zh_cn: include_str!("../../labs/01-nagle-sticky/README.zh-CN.md"),
    experiment: run,
};

/// The course's four messages.
pub(crate) const MESSAGES: [&[u8]; 4] = [b"hello", b"world", b"musibii", b"1"];
/// Their total length: 5 + 5 + 7 + 1.
pub(crate) const TOTAL_BYTES: usize = 18;

/// Anything at or above this between the reader's two recvs means the bytes
/// waited for a delayed ACK (Linux's minimum delayed-ACK timeout is 40 ms,
/// TCP_DELACK_MIN); without holding, they would be microseconds apart.
const DELAYED_ACK_FLOOR: Duration = Duration::from_millis(20);

/// The warm-up exchange's request and reply (see [`warm_up`]).
const WARM_UP_REQUEST: &[u8] = b"ping";
const WARM_UP_REPLY: &[u8] = b"pong";

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let wire = &options.wire;
    let late_reader = course_late_reader(wire)?;
    let hello_feng = hello_feng(wire)?;
    let nagle_on = nagle_on_after_exchange(wire)?;
    let no_timer = nagle_has_no_timer()?;
    let nodelay = nodelay_after_exchange(wire)?;
    let framing = framing_restores_boundaries(wire)?;
    let mut checks = Vec::new();
    let mut connections = Vec::new();
    for part in [late_reader, hello_feng, nagle_on] {
        checks.extend(part.checks);
        connections.push(part.counted);
    }
    checks.extend(no_timer);
    for part in [nodelay, framing] {
        checks.extend(part.checks);
        connections.push(part.counted);
    }
    checks.extend(wire_agrees_with_tcp_info(&connections));
    Ok(checks)
}

/// One part of the lab: its checks, and its connection as the kernel
/// counted it.
struct Part {
    checks: Vec<CheckResult>,
    counted: Counted,
}

/// One connection at the end of its part of the lab: the segments the
/// client's kernel counted, and the capture as it was at that moment.
struct Counted {
    connection: TcpConversation,
    /// The client's TCP_INFO.
    kernel: TcpInfo,
    /// The capture taken just after: every segment the kernel had
    /// counted is in it (a packet is captured as soon as it is sent).
    wire: Result<Packets, net::Unavailable>,
}

impl Counted {
    /// Reads the client's TCP_INFO, then the wire.
    fn now(pair: &TcpPair, wire: &Wire) -> Result<Counted, LabError> {
        let connection = TcpConversation {
            client: net::local_addr(&pair.client).step("reading the client's address")?,
            server: net::local_addr(&pair.server).step("reading the server's address")?,
        };
        let kernel = tcp_info(&pair.client).step("reading the client's TCP_INFO")?;
        Ok(Counted {
            connection,
            kernel,
            wire: wire.packets(),
        })
    }

    /// The client's data segments carrying new bytes, and its
    /// retransmissions, counted in that capture ("no capture" if none).
    fn on_wire(&self) -> (String, String) {
        match &self.wire {
            Ok(packets) => {
                let (new, retransmitted) = self
                    .connection
                    .new_and_retransmitted(&packets.packets, Side::Client);
                (new.len().to_string(), retransmitted.len().to_string())
            }
            Err(_) => ("no capture".to_string(), "no capture".to_string()),
        }
    }
}

/// The client's data segments on the wire after its first `skipped`
/// bytes (the warm-up), retransmissions left out.
fn client_data_after<'a>(
    connection: &TcpConversation,
    packets: &'a Packets,
    skipped: usize,
) -> Vec<ConversationSegment<'a>> {
    let (new, _) = connection.new_and_retransmitted(&packets.packets, Side::Client);
    new.into_iter()
        .filter(|segment| segment.relative_sequence as usize > skipped)
        .collect()
}

/// "5, 13 bytes": the payload sizes of those segments.
fn sizes_after(connection: &TcpConversation, packets: &Packets, skipped: usize) -> String {
    let sizes: Vec<usize> = client_data_after(connection, packets, skipped)
        .iter()
        .map(|segment| segment.segment.payload.length)
        .collect();
    format!("{} bytes", list(&sizes))
}

/// The course's experiment: the four sends, the sender closes, and only
/// then, with all 18 bytes queued, the receiver does recv(5), recv(5),
/// recv(10), recv(5).
fn course_late_reader(wire: &Wire) -> Result<Part, LabError> {
    narration::step(
        "The client sends b\"hello\", b\"world\", b\"musibii\", b\"1\" and closes; only then does the server read with recv(5), recv(5), recv(10), recv(5).",
        "which bytes each recv returns: the third one gets two messages.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    for message in MESSAGES {
        net::send_all(&pair.client, message).step("sending the four messages")?;
    }
    pair.client
        .shutdown(std::net::Shutdown::Write)
        .step("closing the sending side")?;
    net::wait_for_queued(&pair.server, TOTAL_BYTES).step("waiting for all 18 bytes")?;

    let reads: [(usize, &[u8]); 4] = [(5, b"hello"), (5, b"world"), (10, b"musibii1"), (5, b"")];
    let mut checks = Vec::new();
    for (index, (size, expected)) in reads.into_iter().enumerate() {
        let received = net::recv_once(&pair.server, size).step("reading the queued bytes")?;
        checks.push(expect::exact(
            &format!("late-reader-recv-{}", index + 1),
            &format!("late reader: recv({size}) #{}", index + 1),
            bytes_literal(expected),
            bytes_literal(&received),
        ));
    }
    let counted = Counted::now(&pair, wire)?;
    // A fresh connection ACKs every segment at once (quick-ACK mode), so
    // Nagle never held a byte: each send crossed as its own segment, and
    // the gluing the third recv shows happened in the receive queue.
    checks.push(expect::on_wire(
        "wire-late-reader-segments",
        "  on the wire: what each data segment carried",
        "b\"hello\" | b\"world\" | b\"musibii\" | b\"1\"".to_string(),
        &counted.wire,
        |packets| {
            client_data_after(&counted.connection, packets, 0)
                .iter()
                .map(|segment| segment.segment.payload.quoted())
                .collect::<Vec<_>>()
                .join(" | ")
        },
    ));
    // Quick-ACK, seen: the server answered each data segment with an ACK
    // of its own before the next one arrived. Linux starts a connection's
    // receiving side in quick-ACK mode at its first data segment (up to 16
    // quick ACKs) and leaves it once the receiver itself sends data, the
    // "ping-pong" the warm-up of the other parts provokes.
    checks.push(expect::on_wire(
        "wire-late-reader-quick-acks",
        "  on the wire: the server's answer to each (quick-ACK mode)",
        "ack 6 | ack 11 | ack 18 | ack 19".to_string(),
        &counted.wire,
        |packets| quick_acks(&counted.connection, packets),
    ));
    Ok(Part { checks, counted })
}

/// For each of the client's data segments, the server's next segment
/// before the client's next data: `ack N` for a pure ACK (no data, no
/// flags but ACK), `none` when the server stayed silent.
fn quick_acks(connection: &TcpConversation, packets: &Packets) -> String {
    let segments = connection.segments(&packets.packets);
    let mut answers = Vec::new();
    for (at, segment) in segments.iter().enumerate() {
        if segment.from != Side::Client || segment.segment.payload.length == 0 {
            continue;
        }
        let answer = segments[at + 1..]
            .iter()
            .take_while(|next| next.from == Side::Server || next.segment.payload.length == 0)
            .find(|next| next.from == Side::Server);
        answers.push(match answer {
            Some(ack)
                if ack.segment.payload.length == 0
                    && !ack.segment.flags.syn
                    && !ack.segment.flags.fin =>
            {
                format!("ack {}", ack.relative_acknowledgment.unwrap_or_default())
            }
            Some(_) | None => "none".to_string(),
        });
    }
    answers.join(" | ")
}

/// The course's first example: b"hello" and b"feng" sent, one recv(10).
fn hello_feng(wire: &Wire) -> Result<Part, LabError> {
    narration::step(
        "The course's first example: b\"hello\" then b\"feng\", read late with one recv(10).",
        "one recv, two sends.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    net::send_all(&pair.client, b"hello").step("sending b\"hello\"")?;
    net::send_all(&pair.client, b"feng").step("sending b\"feng\"")?;
    net::wait_for_queued(&pair.server, 9).step("waiting for 9 bytes")?;
    let received = net::recv_once(&pair.server, 10).step("reading with recv(10)")?;
    Ok(Part {
        checks: vec![expect::exact(
            "hello-feng",
            "late reader: recv(10) after b\"hello\", b\"feng\"",
            bytes_literal(b"hellofeng"),
            bytes_literal(&received),
        )],
        counted: Counted::now(&pair, wire)?,
    })
}

/// One request/response: after it, the server delays its ACKs (it expects
/// to piggyback them on its next reply), which is what makes Nagle visible.
fn warm_up(pair: &TcpPair) -> Result<(), LabError> {
    net::send_all(&pair.client, WARM_UP_REQUEST).step("sending the warm-up request")?;
    net::recv_exactly(&pair.server, WARM_UP_REQUEST.len()).step("reading the warm-up request")?;
    net::send_all(&pair.server, WARM_UP_REPLY).step("sending the warm-up reply")?;
    net::recv_exactly(&pair.client, WARM_UP_REPLY.len()).step("reading the warm-up reply")?;
    Ok(())
}

/// What the kernel reported after each of the four writes.
struct WriteTrace {
    /// tcpi_notsent_bytes after each write: bytes held in the send queue.
    notsent: Vec<u32>,
    /// tcpi_unacked after each write: segments in flight.
    unacked: Vec<u32>,
    /// TCP_INFO just before the first write, to count segments from.
    before: net::TcpInfo,
}

impl WriteTrace {
    /// New data segments the four writes had produced when the client's
    /// TCP_INFO read `now`. Read it once every byte has been delivered, or
    /// held bytes are not counted yet.
    fn segments_since(&self, now: &TcpInfo) -> u32 {
        now.new_data_segments() - self.before.new_data_segments()
    }
}

/// Sends the four messages, reading TCP_INFO right after each write, while
/// the bytes are still where the kernel put them.
fn write_messages_traced(client: &Socket) -> Result<WriteTrace, LabError> {
    let mut trace = WriteTrace {
        notsent: Vec::new(),
        unacked: Vec::new(),
        before: tcp_info(client).step("reading TCP_INFO before the writes")?,
    };
    for message in MESSAGES {
        net::send_all(client, message).step("sending a message")?;
        let info = tcp_info(client).step("reading TCP_INFO after a write")?;
        trace.notsent.push(info.notsent_bytes);
        trace.unacked.push(info.unacked);
    }
    Ok(trace)
}

/// What a reader already blocked in recv(1024) got, call by call.
struct ReaderLog {
    chunks: Vec<Vec<u8>>,
    /// Time between the first and the second recv returning.
    gap: Option<Duration>,
}

/// Reads with recv(1024) until all 18 bytes have come, timing each return.
fn read_until_all(server: &Socket) -> std::io::Result<ReaderLog> {
    let mut chunks = Vec::new();
    let mut returned_at = Vec::new();
    let mut total = 0;
    while total < TOTAL_BYTES {
        let chunk = net::recv_once(server, 1024)?;
        returned_at.push(Instant::now());
        if chunk.is_empty() {
            break;
        }
        total += chunk.len();
        chunks.push(chunk);
    }
    let gap = match returned_at.as_slice() {
        [first, second, ..] => Some(*second - *first),
        _ => None,
    };
    Ok(ReaderLog { chunks, gap })
}

fn list<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn chunk_list(chunks: &[Vec<u8>]) -> String {
    chunks
        .iter()
        .map(|c| bytes_literal(c))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Nagle on, connection warmed up, reader already waiting in recv.
fn nagle_on_after_exchange(wire: &Wire) -> Result<Part, LabError> {
    narration::step(
        "A warmed-up connection with Nagle on; the server is already waiting in recv when the four writes happen.",
        "bytes held back after each write (0, 5, 12, 13) and the ~40 ms gap before the rest arrives.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    warm_up(&pair)?;
    let (tid_sender, tid_receiver) = std::sync::mpsc::channel();
    let server = &pair.server;
    let (trace, log) = thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let _ = tid_sender.send(net::current_thread_id());
            read_until_all(server)
        });
        let tid = tid_receiver
            .recv_timeout(net::IO_TIMEOUT)
            .map_err(|_| std::io::Error::other("reader thread did not start"))
            .step("starting the reader thread")?;
        net::wait_until_thread_sleeps(tid).step("waiting for the reader to block in recv")?;
        let trace = write_messages_traced(&pair.client)?;
        let log = reader
            .join()
            .map_err(|_| std::io::Error::other("reader thread panicked"))
            .step("joining the reader")?
            .step("reading as the messages arrive")?;
        Ok::<_, LabError>((trace, log))
    })?;
    // Both data segments have left, and the ACK that released the second
    // came before it: the capture holds all three.
    let counted = Counted::now(&pair, wire)?;
    let segments = trace.segments_since(&counted.kernel);

    let gap_check = match log.gap {
        Some(gap) => expect::at_least(
            "nagle-reader-gap",
            "  time between those two recvs (one delayed ACK)",
            DELAYED_ACK_FLOOR,
            gap,
        ),
        None => expect::exact(
            "nagle-reader-gap",
            "  time between those two recvs (one delayed ACK)",
            "two recvs".to_string(),
            "one recv".to_string(),
        ),
    };
    let checks = vec![
        expect::exact(
            "nagle-notsent",
            "Nagle on: bytes held back after each write",
            "0, 5, 12, 13".to_string(),
            list(&trace.notsent),
        ),
        expect::exact(
            "nagle-unacked",
            "  segments in flight after each write",
            "1, 1, 1, 1".to_string(),
            list(&trace.unacked),
        ),
        expect::exact(
            "nagle-segments",
            "  data segments for the four writes",
            2,
            segments,
        ),
        expect::on_wire(
            "wire-nagle-segments",
            "  on the wire: data segments after the warm-up",
            "5, 13 bytes".to_string(),
            &counted.wire,
            |packets| sizes_after(&counted.connection, packets, WARM_UP_REQUEST.len()),
        ),
        // What let the 13 bytes go: the server's ACK of b"hello" (relative
        // byte 10 is the next one it expects: b"ping" took 1-4, b"hello"
        // 5-9), alone, with no data to carry it.
        expect::on_wire(
            "wire-nagle-ack-between",
            "  on the wire: the server's segments between those two",
            "[.] ack 10 len 0".to_string(),
            &counted.wire,
            |packets| server_segments_between(&counted.connection, packets),
        ),
        expect::on_wire_at_least(
            "wire-nagle-gap",
            "  on the wire: time from the first to the second",
            DELAYED_ACK_FLOOR,
            &counted.wire,
            |packets| match after_warm_up(&counted.connection, packets).as_slice() {
                [first, second, ..] => Some(second.packet.timestamp - first.packet.timestamp),
                _ => None,
            },
        ),
        expect::exact(
            "nagle-reader",
            "  a reader waiting in recv(1024) gets",
            "b\"hello\" + b\"worldmusibii1\"".to_string(),
            chunk_list(&log.chunks),
        ),
        gap_check,
    ];
    Ok(Part { checks, counted })
}

/// The client's data segments after the warm-up.
fn after_warm_up<'a>(
    connection: &TcpConversation,
    packets: &'a Packets,
) -> Vec<ConversationSegment<'a>> {
    client_data_after(connection, packets, WARM_UP_REQUEST.len())
}

/// What the server sent between the client's first two data segments
/// after the warm-up: "[.] ack 10 len 0", or "none".
fn server_segments_between(connection: &TcpConversation, packets: &Packets) -> String {
    let data = after_warm_up(connection, packets);
    let [first, second, ..] = data.as_slice() else {
        return format!("{} data segments", data.len());
    };
    let between: Vec<String> = connection
        .segments(&packets.packets)
        .iter()
        .filter(|segment| segment.from == Side::Server)
        .filter(|segment| (first.index..second.index).contains(&segment.index))
        .map(brief)
        .collect();
    if between.is_empty() {
        "none".to_string()
    } else {
        between.join(", ")
    }
}

/// `[.] ack 10 len 0`: a segment's flags, acknowledgment and length, as
/// `socklab run 1 --wire` prints them.
fn brief(segment: &ConversationSegment) -> String {
    let mut line = format!("[{}]", segment.segment.flags.tcpdump());
    if let Some(acknowledgment) = segment.relative_acknowledgment {
        line.push_str(&format!(" ack {acknowledgment}"));
    }
    line.push_str(&format!(" len {}", segment.segment.payload.length));
    line
}

/// The course's "Nagle merges the sends made within about 200 ms" is a
/// timer Nagle does not have (200 ms is TCP_CORK's ceiling, lab 5). Nagle
/// holds a small segment only while an earlier one is unacknowledged, and
/// lets it go the moment the ACK arrives. On a fresh connection the
/// receiver ACKs at once (quick-ACK mode), so a second send that follows
/// the ACK, microseconds after the first send, is not held at all.
const FOLKLORE_WINDOW: Duration = Duration::from_millis(200);

fn nagle_has_no_timer() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Nagle on: b\"hello\", then b\"world\" as soon as the first is acknowledged, well within 200 ms.",
        "nothing held and two segments: Nagle waits for an ACK, not for a time.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    let before = tcp_info(&pair.client).step("reading TCP_INFO before the sends")?;
    let started = Instant::now();
    net::send_all(&pair.client, MESSAGES[0]).step("sending b\"hello\"")?;
    net::wait_until("the first send to be acknowledged", || {
        Ok(tcp_info(&pair.client)?.unacked == 0)
    })
    .step("waiting for the ACK")?;
    net::send_all(&pair.client, MESSAGES[1]).step("sending b\"world\"")?;
    let held = tcp_info(&pair.client)
        .step("reading TCP_INFO after the second send")?
        .notsent_bytes;
    let between = started.elapsed();
    let both = MESSAGES[0].len() + MESSAGES[1].len();
    net::wait_for_queued(&pair.server, both).step("waiting for both sends")?;
    let after = tcp_info(&pair.client).step("reading TCP_INFO after delivery")?;
    Ok(vec![
        expect::exact(
            "nagle-after-ack-held",
            "Nagle on, 2nd send once the 1st is ACKed: held",
            0,
            held,
        ),
        expect::exact(
            "nagle-after-ack-segments",
            "  data segments for the two sends",
            2,
            after.new_data_segments() - before.new_data_segments(),
        ),
        expect::below(
            "nagle-after-ack-time",
            "  time between the sends (the folklore's 200 ms)",
            FOLKLORE_WINDOW,
            between,
        ),
    ])
}

/// TCP_NODELAY, connection warmed up, reader behind.
fn nodelay_after_exchange(wire: &Wire) -> Result<Part, LabError> {
    narration::step(
        "The same writes with TCP_NODELAY; the reader is late.",
        "nothing is held any more, yet the late reader still gets all 18 bytes in one recv.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    // TCP_NODELAY (tcp(7)): send every write at once, even small ones.
    pair.client
        .set_tcp_nodelay(true)
        .step("setting TCP_NODELAY")?;
    warm_up(&pair)?;
    let trace = write_messages_traced(&pair.client)?;
    net::wait_for_queued(&pair.server, TOTAL_BYTES).step("waiting for all 18 bytes")?;
    let received = net::recv_once(&pair.server, 1024).step("reading with recv(1024)")?;
    let counted = Counted::now(&pair, wire)?;
    let segments = trace.segments_since(&counted.kernel);
    let checks = vec![
        expect::exact(
            "nodelay-notsent",
            "TCP_NODELAY: bytes held back after each write",
            "0, 0, 0, 0".to_string(),
            list(&trace.notsent),
        ),
        expect::exact(
            "nodelay-unacked",
            "  segments in flight after each write",
            "1, 2, 3, 4".to_string(),
            list(&trace.unacked),
        ),
        expect::exact(
            "nodelay-segments",
            "  data segments for the four writes",
            4,
            segments,
        ),
        expect::on_wire(
            "wire-nodelay-segments",
            "  on the wire: data segments after the warm-up",
            "5, 5, 7, 1 bytes".to_string(),
            &counted.wire,
            |packets| sizes_after(&counted.connection, packets, WARM_UP_REQUEST.len()),
        ),
        expect::exact(
            "nodelay-late-reader",
            "  a late reader's recv(1024) still gets",
            bytes_literal(b"helloworldmusibii1"),
            bytes_literal(&received),
        ),
    ];
    Ok(Part { checks, counted })
}

/// The fix: a 4-byte big-endian length before each message. The reader is
/// just as late as before, and gets the four messages back.
fn framing_restores_boundaries(wire: &Wire) -> Result<Part, LabError> {
    narration::step(
        "The fix: a 4-byte length before each message, read by an equally late reader.",
        "the four messages come back exactly.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    pair.client
        .set_tcp_nodelay(true)
        .step("setting TCP_NODELAY")?;
    let mut framed_total = 0;
    for message in MESSAGES {
        let mut frame = (message.len() as u32).to_be_bytes().to_vec();
        frame.extend_from_slice(message);
        framed_total += frame.len();
        net::send_all(&pair.client, &frame).step("sending a framed message")?;
    }
    net::wait_for_queued(&pair.server, framed_total).step("waiting for every frame")?;
    let mut recovered = Vec::new();
    for _ in MESSAGES {
        let header = net::recv_exactly(&pair.server, 4).step("reading a length header")?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        recovered.push(net::recv_exactly(&pair.server, length as usize).step("reading a body")?);
    }
    let counted = Counted::now(&pair, wire)?;
    let expected: Vec<Vec<u8>> = MESSAGES.iter().map(|m| m.to_vec()).collect();
    let checks = vec![
        expect::exact(
            "framing-restores-boundaries",
            "conclusion: a late reader with length framing gets",
            chunk_list(&expected).replace(" + ", " | "),
            chunk_list(&recovered).replace(" + ", " | "),
        ),
        // Each frame (header and body) is one write, and TCP_NODELAY sends
        // each write at once: one segment per frame, 4 + 5, 4 + 5, 4 + 7,
        // 4 + 1 bytes. The boundaries the reader restored were never on the
        // wire as such; the lengths inside the bytes are what it reads.
        expect::on_wire(
            "wire-framing-segments",
            "  on the wire: data segments",
            "9, 9, 11, 5 bytes".to_string(),
            &counted.wire,
            |packets| sizes_after(&counted.connection, packets, 0),
        ),
    ];
    Ok(Part { checks, counted })
}

/// The cross-check: for each connection of the lab, in order, the data
/// segments and retransmissions the capture shows the client sending must
/// be what its TCP_INFO counted (`tcpi_data_segs_out - tcpi_total_retrans`
/// and `tcpi_total_retrans`). Each connection is compared with the capture
/// taken when its TCP_INFO was read. The last of those captures decides
/// whether the rows can conclude: it holds every frame the earlier ones
/// held, so if it lost none, neither did they.
fn wire_agrees_with_tcp_info(connections: &[Counted]) -> Vec<CheckResult> {
    let Some(last) = connections.last() else {
        return Vec::new();
    };
    let kernel_segments: Vec<u32> = connections
        .iter()
        .map(|counted| counted.kernel.new_data_segments())
        .collect();
    let kernel_retransmissions: Vec<u32> = connections
        .iter()
        .map(|counted| counted.kernel.total_retrans)
        .collect();
    let (wire_segments, wire_retransmissions): (Vec<String>, Vec<String>) =
        connections.iter().map(Counted::on_wire).unzip();
    vec![
        expect::on_wire(
            "wire-data-segments-tcp-info",
            "each connection's data segments: TCP_INFO vs wire",
            list(&kernel_segments),
            &last.wire,
            |_| list(&wire_segments),
        ),
        expect::on_wire(
            "wire-retransmissions-tcp-info",
            "  and its retransmissions: TCP_INFO vs wire",
            list(&kernel_retransmissions),
            &last.wire,
            |_| list(&wire_retransmissions),
        ),
    ]
}
