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

use std::thread;
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, tcp_info};
use crate::report::CheckResult;

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
    experiment: run,
};

/// Round trips per variant when `--rounds` is not given: enough for a
/// stable median, few enough that the Nagle variant (~40 ms each) keeps the
/// lab near one second.
pub const DEFAULT_ROUNDS: u32 = 20;

/// The request is two halves of this many bytes; the reply is 2 bytes.
const HALF_REQUEST: usize = 4;
const REQUEST: usize = 2 * HALF_REQUEST;
const REPLY: &[u8] = b"ok";

/// Nagle's stall waits for a delayed ACK: Linux's minimum is 40 ms
/// (TCP_DELACK_MIN). 30 ms leaves room for timer granularity.
const STALL_FLOOR: Duration = Duration::from_millis(30);
/// Without the stall a loopback round trip takes tens of microseconds (the
/// table shows it). The check only has to tell "no stall" from a 40 ms
/// stall, and must hold when both cores are busy, where each round trip
/// also waits for two thread wake-ups: measured under `stress-ng --cpu 4`
/// on 2 cores, a fast variant's p50 reached 8 ms once in 50 runs.
const FAST_CEILING: Duration = Duration::from_millis(15);

/// How the client sends each 8-byte request.
#[derive(Clone, Copy)]
enum Variant {
    /// Two 4-byte writes, Nagle on (the default socket).
    NagleTwoWrites,
    /// Two 4-byte writes with TCP_NODELAY.
    NoDelayTwoWrites,
    /// One 8-byte write, Nagle on.
    NagleOneWrite,
    /// TCP_CORK on, two 4-byte writes, TCP_CORK off.
    CorkTwoWrites,
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
        }
    }

    fn label(self) -> &'static str {
        match self {
            Variant::NagleTwoWrites => "Nagle on, write+write+read",
            Variant::NoDelayTwoWrites => "TCP_NODELAY, write+write+read",
            Variant::NagleOneWrite => "Nagle on, one combined write+read",
            Variant::CorkTwoWrites => "TCP_CORK, write+write+uncork+read",
        }
    }

    /// Data segments each request should take: Nagle and TCP_NODELAY send
    /// each write as its own segment (Nagle just later); one write, or
    /// corked writes, go out as one.
    fn segments_per_request(self) -> u32 {
        match self {
            Variant::NagleTwoWrites | Variant::NoDelayTwoWrites => 2,
            Variant::NagleOneWrite | Variant::CorkTwoWrites => 1,
        }
    }

    fn expected_rtt(self) -> String {
        match self {
            Variant::NagleTwoWrites => format!("p50 ≥ {}", expect::duration(STALL_FLOOR)),
            _ => format!("p50 < {}", expect::duration(FAST_CEILING)),
        }
    }

    fn rtt_passes(self, p50: Duration) -> bool {
        match self {
            Variant::NagleTwoWrites => p50 >= STALL_FLOOR,
            _ => p50 < FAST_CEILING,
        }
    }

    /// Sends one request the way this variant does.
    fn send_request(self, client: &Socket) -> std::io::Result<()> {
        let request = [b'x'; REQUEST];
        let (first, second) = request.split_at(HALF_REQUEST);
        match self {
            Variant::NagleTwoWrites | Variant::NoDelayTwoWrites => {
                net::send_all(client, first)?;
                net::send_all(client, second)
            }
            Variant::NagleOneWrite => net::send_all(client, &request),
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
    let mut checks = Vec::new();
    for variant in Variant::ALL {
        let measured = measure(variant, rounds)?;
        checks.push(rtt_check(variant, &measured.rtts));
        checks.push(expect::exact(
            &format!("{}-segments", variant.id()),
            "  data segments per request",
            format!("{:.2}", f64::from(variant.segments_per_request())),
            format!("{:.2}", f64::from(measured.segments) / f64::from(rounds)),
        ));
    }
    Ok(checks)
}

struct Measured {
    rtts: Vec<Duration>,
    /// New data segments the client sent during the timed rounds.
    segments: u32,
}

/// Runs one warm-up round and then `rounds` timed round trips against an
/// echo-style server thread that answers every 8-byte request with 2 bytes.
fn measure(variant: Variant, rounds: u32) -> Result<Measured, LabError> {
    narration::step(
        "One way of sending the request, timed over many round trips (four variants in turn).",
        "RTT in milliseconds for Nagle with two writes, microseconds for the fixes.",
    );
    let pair = net::tcp_pair().step("connecting a loopback pair")?;
    if matches!(variant, Variant::NoDelayTwoWrites) {
        pair.client
            .set_tcp_nodelay(true)
            .step("setting TCP_NODELAY")?;
    }
    thread::scope(|scope| {
        let server = scope.spawn(|| serve_requests(&pair.server));
        let measured = time_rounds(variant, &pair.client, rounds);
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

fn time_rounds(variant: Variant, client: &Socket, rounds: u32) -> Result<Measured, LabError> {
    // The warm-up round leaves the quick-ACK mode of a fresh connection
    // behind, so every timed round sees the steady state.
    round_trip(variant, client)?;
    let before = tcp_info(client).step("reading TCP_INFO before the rounds")?;
    let mut rtts = Vec::with_capacity(rounds as usize);
    for _ in 0..rounds {
        rtts.push(round_trip(variant, client)?);
    }
    let after = tcp_info(client).step("reading TCP_INFO after the rounds")?;
    Ok(Measured {
        rtts,
        segments: after.new_data_segments() - before.new_data_segments(),
    })
}

fn round_trip(variant: Variant, client: &Socket) -> Result<Duration, LabError> {
    let started = Instant::now();
    variant.send_request(client).step("sending a request")?;
    net::recv_exactly(client, REPLY.len()).step("reading the reply")?;
    Ok(started.elapsed())
}

/// The server: read a whole request, answer it, until the client closes.
fn serve_requests(server: &Socket) -> std::io::Result<()> {
    loop {
        match net::recv_exactly(server, REQUEST) {
            Ok(_) => net::send_all(server, REPLY)?,
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(error) => return Err(error),
        }
    }
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], percent: u32) -> Duration {
    let rank = (sorted.len() * percent as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn rtt_check(variant: Variant, rtts: &[Duration]) -> CheckResult {
    let mut sorted = rtts.to_vec();
    sorted.sort();
    let p50 = percentile(&sorted, 50);
    let detail = format!(
        "p50 {} · p90 {} · p99 {} · max {}",
        expect::duration(p50),
        expect::duration(percentile(&sorted, 90)),
        expect::duration(percentile(&sorted, 99)),
        expect::duration(sorted[sorted.len() - 1]),
    );
    expect::threshold(
        &format!("{}-rtt", variant.id()),
        &format!("{}: RTT", variant.label()),
        variant.expected_rtt(),
        detail,
        variant.rtt_passes(p50),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=20).map(Duration::from_millis).collect();
        assert_eq!(percentile(&samples, 50), Duration::from_millis(10));
        assert_eq!(percentile(&samples, 90), Duration::from_millis(18));
        assert_eq!(percentile(&samples, 99), Duration::from_millis(20));
        assert_eq!(percentile(&samples[..1], 50), Duration::from_millis(1));
    }
}
