//! Lab 5: the write-write-read stall, and its fixes.
//!
//! A client that sends a request as two small writes and then waits for the
//! reply meets two well-meant mechanisms at once:
//!
//! - Nagle's algorithm on the client (tcp(7), RFC 896): the second small
//!   write may not leave while the first is unacknowledged.
//! - Delayed ACK on the server (RFC 1122 §4.2.3.2): the server does not ACK
//!   the first write right away, hoping to piggyback the ACK on its reply.
//!   But it cannot reply before it has the whole request.
//!
//! Each waits for the other until the delayed-ACK timer fires (40 ms minimum
//! on Linux). The lab times round trips four ways: Nagle on (the stall),
//! TCP_NODELAY (tcp(7): send small writes at once), one combined write with
//! Nagle on (the application-level fix), and TCP_CORK (tcp(7): hold writes
//! until uncorked, then send them as one segment).
//!
//! Times are round trips (RTT): from the first write to the reply's last
//! byte. The checks compare them with thresholds, never exact values.
//!
//! The capture of `lo` shows the same from outside: how many segments each
//! timed request became, and, with Nagle, the server's delayed ACK itself,
//! a segment with no data about 40 ms after the request's first half.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::thread;
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect::{self, Measurement, TimeSummary};
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, tcp_info};
use crate::progress;
use crate::report::CheckResult;
use crate::stats;
use crate::wire::{ConversationSegment, Packets, Side, TcpConversation};

pub const LAB: Lab = Lab {
    number: 5,
    slug: "nodelay-latency",
    title: "TCP_NODELAY and the write-write-read stall",
    shows: "two small writes then a read cost ~40 ms per request with Nagle on, µs without",
    summary: "A request sent as two small writes meets Nagle (client) and delayed ACK (server):\n\
              each round trip stalls ~40 ms. TCP_NODELAY, one combined write, or TCP_CORK\n\
              bring it back to microseconds. Times are RTT (request out, reply in).",
    typical_run: "1 s",
    sheet: include_str!("../../labs/05-nodelay-latency/README.md"),
    sheet_zh_cn: include_str!("../../labs/05-nodelay-latency/README.zh-CN.md"),
    experiment: run,
};

/// Round trips per variant when `--rounds` is not given: enough for a
/// stable median, few enough that the Nagle variant (~40 ms each) keeps the
/// lab near one second.
pub const DEFAULT_ROUNDS: u32 = 20;

/// The lab's exchange: an 8-byte request (two 4-byte writes in the
/// two-write variants), a 2-byte reply.
const LAB_MESSAGES: MessageSizes = MessageSizes {
    request: 8,
    reply: 2,
};

/// How many bytes each request and each reply carries. The lab uses
/// [`LAB_MESSAGES`]; `socklab bench` uses sockperf ping-pong's shape (the
/// same size both ways) to compare the lab's round trip with sockperf's.
#[derive(Clone, Copy)]
pub(crate) struct MessageSizes {
    pub(crate) request: usize,
    pub(crate) reply: usize,
}

/// Nagle's stall waits for a delayed ACK: Linux's minimum is 40 ms
/// (TCP_DELACK_MIN). 30 ms leaves room for timer granularity.
const STALL_FLOOR: Duration = Duration::from_millis(30);
/// Without the stall a loopback round trip takes tens of microseconds (the
/// table shows it). The check only has to tell "no stall" from a 40 ms
/// stall, and must hold when both cores are busy, where each round trip
/// also waits for two thread wake-ups: measured under `stress-ng --cpu 4`
/// on 2 cores, a fast variant's p50 reached 8 ms once in 50 runs.
const FAST_CEILING: Duration = Duration::from_millis(15);
/// A delayed ACK leaves at least 40 ms (TCP_DELACK_MIN) after the segment
/// it acknowledges; an ACK sent at once would come microseconds after it.
const DELAYED_ACK_FLOOR: Duration = Duration::from_millis(20);

/// How the client sends each request.
#[derive(Clone, Copy)]
pub(crate) enum Variant {
    /// Two 4-byte writes, Nagle on (the default socket).
    NagleTwoWrites,
    /// Two 4-byte writes with TCP_NODELAY.
    NoDelayTwoWrites,
    /// One 8-byte write, Nagle on.
    NagleOneWrite,
    /// TCP_CORK on, two 4-byte writes, TCP_CORK off.
    CorkTwoWrites,
    /// TCP_NODELAY on both ends, one write each way: sockperf ping-pong's
    /// exchange. Not one of the lab's rows: `socklab bench` times it beside
    /// sockperf.
    NoDelayOneWrite,
}

impl Variant {
    const ALL: [Variant; 4] = [
        Variant::NagleTwoWrites,
        Variant::NoDelayTwoWrites,
        Variant::NagleOneWrite,
        Variant::CorkTwoWrites,
    ];

    fn id(self) -> &'static str {
        match self {
            Variant::NagleTwoWrites => "nagle",
            Variant::NoDelayTwoWrites => "nodelay",
            Variant::NagleOneWrite => "combined",
            Variant::CorkTwoWrites => "cork",
            Variant::NoDelayOneWrite => "nodelay-one-write",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Variant::NagleTwoWrites => "Nagle on, write+write+read",
            Variant::NoDelayTwoWrites => "TCP_NODELAY, write+write+read",
            Variant::NagleOneWrite => "Nagle on, one combined write+read",
            Variant::CorkTwoWrites => "TCP_CORK, write+write+uncork+read",
            Variant::NoDelayOneWrite => "TCP_NODELAY both ends, one write+read",
        }
    }

    /// Data segments each request should take: Nagle and TCP_NODELAY send
    /// each write as its own segment (Nagle just later); one write, or
    /// corked writes, go out as one.
    fn segments_per_request(self) -> u32 {
        match self {
            Variant::NagleTwoWrites | Variant::NoDelayTwoWrites => 2,
            Variant::NagleOneWrite | Variant::CorkTwoWrites | Variant::NoDelayOneWrite => 1,
        }
    }

    /// TCP_NODELAY on the client, the end whose small writes Nagle holds.
    fn client_nodelay(self) -> bool {
        matches!(self, Variant::NoDelayTwoWrites | Variant::NoDelayOneWrite)
    }

    /// TCP_NODELAY on the server too, as sockperf sets it on both ends.
    /// The lab leaves the server alone: its one reply per request never
    /// meets Nagle, since the next request acknowledges the previous reply.
    fn server_nodelay(self) -> bool {
        matches!(self, Variant::NoDelayOneWrite)
    }

    /// Sends one request the way this variant does: the two-write variants
    /// write its halves separately.
    fn send_request(self, client: &Socket, request: &[u8]) -> std::io::Result<()> {
        let (first, second) = request.split_at(request.len() / 2);
        match self {
            Variant::NagleTwoWrites | Variant::NoDelayTwoWrites => {
                net::send_all(client, first)?;
                net::send_all(client, second)
            }
            Variant::NagleOneWrite | Variant::NoDelayOneWrite => net::send_all(client, request),
            Variant::CorkTwoWrites => {
                client.set_tcp_cork(true)?;
                net::send_all(client, first)?;
                net::send_all(client, second)?;
                // Removing the cork sends what it held at once (tcp(7)).
                client.set_tcp_cork(false)
            }
        }
    }
}

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let rounds = options.rounds.unwrap_or(DEFAULT_ROUNDS);
    let _bar = progress::start(
        u64::from(rounds) * Variant::ALL.len() as u64,
        "lab 5: round trips",
    );
    let mut checks = Vec::new();
    for variant in Variant::ALL {
        narration::step(
            &format!("{}: {rounds} timed round trips.", variant.label()),
            "the RTT row: milliseconds if every request waits for a delayed ACK, microseconds if not.",
        );
        let measured = measure(variant, LAB_MESSAGES, rounds)?;
        checks.push(rtt_check(variant, &measured.rtts));
        checks.push(expect::exact(
            &format!("{}-segments", variant.id()),
            "  data segments per request",
            format!("{:.2}", f64::from(variant.segments_per_request())),
            format!("{:.2}", f64::from(measured.segments) / f64::from(rounds)),
        ));
        // Every request and every ACK of it has crossed: the client has
        // read the last reply, and the server has seen the client close.
        let packets = options.wire.packets();
        checks.push(expect::on_wire(
            &format!("wire-{}-segments", variant.id()),
            "  on the wire: data segments in each timed request",
            in_each_request(variant.segments_per_request(), rounds as usize),
            &packets,
            |packets| {
                let counts: Vec<usize> = timed_requests(&measured, packets)
                    .iter()
                    .map(|request| request.data.len())
                    .collect();
                tally(&counts)
            },
        ));
        if let Variant::NagleTwoWrites = variant {
            checks.extend(delayed_ack_on_wire(&measured, &packets));
        }
    }
    Ok(checks)
}

pub(crate) struct Measured {
    pub(crate) rtts: Vec<Duration>,
    /// New data segments the client sent during the timed rounds.
    segments: u32,
    /// The connection, to find its packets on the wire.
    connection: TcpConversation,
    /// The size of a request: the timed rounds' requests follow the
    /// warm-up's in the client's byte stream.
    request_size: usize,
}

/// One timed request as the capture shows it.
struct RequestOnWire<'a> {
    /// The client's data segments carrying its bytes (retransmissions left
    /// out).
    data: Vec<ConversationSegment<'a>>,
    /// The server's first segment after the request's first one.
    answer: Option<ConversationSegment<'a>>,
}

/// The timed requests on the wire, in order. Request `n` (the warm-up is
/// 0) is bytes `1 + n × size` onward of the client's stream (relative
/// sequence numbers start at 1), so each data segment belongs to the
/// request its first byte is in.
fn timed_requests<'a>(measured: &Measured, packets: &'a Packets) -> Vec<RequestOnWire<'a>> {
    let mut requests: Vec<RequestOnWire> = (0..measured.rtts.len())
        .map(|_| RequestOnWire {
            data: Vec::new(),
            answer: None,
        })
        .collect();
    let (new_data, _) = measured
        .connection
        .new_and_retransmitted(&packets.packets, Side::Client);
    for segment in &new_data {
        let request = (segment.relative_sequence as usize - 1) / measured.request_size;
        if let Some(timed) = request.checked_sub(1).and_then(|n| requests.get_mut(n)) {
            timed.data.push(*segment);
        }
    }
    let server_segments: Vec<ConversationSegment> = measured
        .connection
        .segments(&packets.packets)
        .into_iter()
        .filter(|segment| segment.from == Side::Server)
        .collect();
    for request in &mut requests {
        if let Some(first) = request.data.first() {
            request.answer = server_segments
                .iter()
                .find(|segment| segment.index > first.index)
                .copied();
        }
    }
    requests
}

/// "2 in each of 20 requests": what every timed request should show.
fn in_each_request(value: impl Display, rounds: usize) -> String {
    format!("{value} in each of {rounds} requests")
}

/// What the requests showed: "2 in each of 20 requests" when they agree,
/// else how many showed each value, "2 in 19 requests, 3 in 1 request".
fn tally<T: Display + Ord + Clone>(values: &[T]) -> String {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for value in values {
        *counts.entry(value.clone()).or_default() += 1;
    }
    match counts.len() {
        0 => "no requests".to_string(),
        1 => in_each_request(&values[0], values.len()),
        _ => counts
            .iter()
            .map(|(value, count)| {
                let noun = if *count == 1 { "request" } else { "requests" };
                format!("{value} in {count} {noun}")
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The stall itself on the wire: the server's answer to the first half of
/// each request is an ACK without data (it has no reply to carry it yet),
/// and it leaves a delayed-ACK timeout after that half.
fn delayed_ack_on_wire(
    measured: &Measured,
    packets: &Result<Packets, net::Unavailable>,
) -> Vec<CheckResult> {
    vec![
        expect::on_wire(
            "wire-nagle-ack",
            "  on the wire: the server's answer to a first half",
            in_each_request("a pure ACK of it", measured.rtts.len()),
            packets,
            |packets| {
                let answers: Vec<String> = timed_requests(measured, packets)
                    .iter()
                    .map(answer_of)
                    .collect();
                tally(&answers)
            },
        ),
        // The median, as for the RTT: on a busy machine a reply the server
        // thread sends late takes the server out of its interactive
        // ("ping-pong") mode, and it ACKs the next request's first half at
        // once; that request does not stall.
        expect::on_wire_at_least(
            "wire-nagle-ack-delay",
            "  on the wire: median wait from a first half to it",
            DELAYED_ACK_FLOOR,
            packets,
            |packets| {
                let waits: Vec<Duration> = timed_requests(measured, packets)
                    .iter()
                    .filter_map(|request| {
                        let first = request.data.first()?;
                        let answer = request.answer?;
                        Some(answer.packet.timestamp - first.packet.timestamp)
                    })
                    .collect();
                (!waits.is_empty()).then(|| stats::median(&waits))
            },
        ),
    ]
}

/// How the server answered a request's first segment: "a pure ACK of it"
/// (an ACK of exactly its bytes, with no data), or what it sent instead.
fn answer_of(request: &RequestOnWire) -> String {
    let (Some(first), Some(answer)) = (request.data.first(), request.answer) else {
        return "no answer".to_string();
    };
    let length = answer.segment.payload.length;
    let end = first.relative_sequence + first.segment.payload.length as u32;
    if answer.relative_acknowledgment == Some(end) && length == 0 {
        "a pure ACK of it".to_string()
    } else {
        format!(
            "[{}] ack {} len {length}",
            answer.segment.flags.tcpdump(),
            answer.relative_acknowledgment.unwrap_or(0)
        )
    }
}

/// Runs one warm-up round and then `rounds` timed round trips against an
/// echo-style server thread that answers every request with a reply, both
/// of the given sizes. `socklab bench` calls this too, so its numbers are
/// the lab's own measurement.
pub(crate) fn measure(
    variant: Variant,
    sizes: MessageSizes,
    rounds: u32,
) -> Result<Measured, LabError> {
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    if variant.client_nodelay() {
        pair.client
            .set_tcp_nodelay(true)
            .step("setting TCP_NODELAY")?;
    }
    if variant.server_nodelay() {
        pair.server
            .set_tcp_nodelay(true)
            .step("setting TCP_NODELAY on the server")?;
    }
    let connection = TcpConversation {
        client: net::local_addr(&pair.client).step("reading the client's address")?,
        server: net::local_addr(&pair.server).step("reading the server's address")?,
    };
    thread::scope(|scope| {
        let server = scope.spawn(|| serve_requests(&pair.server, sizes));
        let measured =
            time_rounds(variant, sizes, &pair.client, rounds).map(|(rtts, segments)| Measured {
                rtts,
                segments,
                connection,
                request_size: sizes.request,
            });
        // Closing our side ends the server's loop with EOF.
        pair.client
            .shutdown(std::net::Shutdown::Write)
            .step("closing the client side")?;
        server
            .join()
            .map_err(|_| std::io::Error::other("server thread panicked"))
            .step("joining the server")?
            .step("serving requests")?;
        measured
    })
}

/// The round trips' times, and the new data segments the client sent
/// during them. The request and the reply buffer live outside the loop, so
/// a round trip times two system calls and the wait between them, not the
/// allocator.
fn time_rounds(
    variant: Variant,
    sizes: MessageSizes,
    client: &Socket,
    rounds: u32,
) -> Result<(Vec<Duration>, u32), LabError> {
    let request = vec![b'x'; sizes.request];
    let mut reply = vec![0; sizes.reply];
    // The warm-up round leaves the quick-ACK mode of a fresh connection
    // behind, so every timed round sees the steady state.
    round_trip(variant, client, &request, &mut reply)?;
    let before = tcp_info(client).step("reading TCP_INFO before the rounds")?;
    let mut rtts = Vec::with_capacity(rounds as usize);
    for _ in 0..rounds {
        rtts.push(round_trip(variant, client, &request, &mut reply)?);
        progress::tick();
    }
    let after = tcp_info(client).step("reading TCP_INFO after the rounds")?;
    Ok((rtts, after.new_data_segments() - before.new_data_segments()))
}

fn round_trip(
    variant: Variant,
    client: &Socket,
    request: &[u8],
    reply: &mut [u8],
) -> Result<Duration, LabError> {
    let started = Instant::now();
    variant
        .send_request(client, request)
        .step("sending a request")?;
    net::recv_exactly_into(client, reply).step("reading the reply")?;
    Ok(started.elapsed())
}

/// The server: read a whole request, answer it, until the client closes.
fn serve_requests(server: &Socket, sizes: MessageSizes) -> std::io::Result<()> {
    let mut request = vec![0; sizes.request];
    let reply = vec![b'k'; sizes.reply];
    loop {
        match net::recv_exactly_into(server, &mut request) {
            Ok(()) => net::send_all(server, &reply)?,
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(error) => return Err(error),
        }
    }
}

fn rtt_check(variant: Variant, rtts: &[Duration]) -> CheckResult {
    let id = format!("{}-rtt", variant.id());
    let name = format!("{}: RTT", variant.label());
    let rtts = Measurement::Times(TimeSummary::with_tail(rtts));
    match variant {
        // Nagle's stall: the median round trip waits for a delayed ACK.
        Variant::NagleTwoWrites => expect::at_least(&id, &name, STALL_FLOOR, rtts),
        _ => expect::below(&id, &name, FAST_CEILING, rtts),
    }
}
