//! Lab 20: TCP is reliable: a lost segment is sent again.
//!
//! "TCP is reliable" means: every byte the sender wrote reaches the
//! receiving application once and in order, or the connection fails. On
//! loopback nothing is ever lost, so the repair never shows. This lab runs
//! on socklab's impaired link ([`ImpairedLink`]): 20 ms each way (a round
//! trip of 40 ms, like a link across a country), and the relay in the
//! middle drops exactly one packet, chosen in advance.
//!
//! **A lost data segment.** The client sends 20 000 bytes, 14 segments of
//! at most 1448 bytes; the relay drops the third segment's first
//! transmission. The segments after it still arrive, and the receiver
//! answers each with a *duplicate ACK*: the same acknowledgment number
//! (the first missing byte), plus SACK blocks (RFC 2018) that say which
//! later bytes did arrive. Linux's loss detection, RACK (RFC 8985), then
//! marks the hole lost as soon as enough later segments are known to have
//! arrived, and retransmits it: a *fast retransmit*, one round trip after
//! the loss, instead of waiting out the retransmission timeout (RTO, at
//! least 200 ms on Linux). The lab names what the wire showed: duplicate
//! ACKs before the copy make it a fast retransmit; with none, a copy at
//! least the RTO after the original is a timeout, an earlier one a tail
//! loss probe. Meanwhile the receiving application waits: the kernel holds
//! the segments after the hole in its out-of-order queue
//! (`tcpi_rcv_ooopack` counts them) and `recv` returns nothing past the
//! hole until the retransmission fills it.
//!
//! **Times on a busy machine.** Every time the lab checks is a lower
//! bound that the link itself guarantees: the copy cannot leave before a
//! duplicate ACK has come back, one round trip, and the lost bytes cannot
//! reach the application before the copy has crossed. The wait is timed
//! from the capture (when the dropped segment would have arrived: its
//! departure plus the delay) to the recv that returned its bytes, so a
//! receiving thread that runs late only makes it longer. An upper bound
//! ("faster than the RTO") would fail whenever the machine stalls a
//! thread for a few hundred milliseconds, which a loaded machine does.
//! Then the application has every byte,
//! in order: the SHA-256 of what it read equals that of what was sent, and
//! `tcpi_total_retrans` (tcp(7), TCP_INFO) counts the one retransmission.
//!
//! **A lost SYN.** A second client connects while the relay drops its SYN.
//! Nothing answers, so its kernel sends the SYN again when the initial
//! retransmission timeout expires: 1 second (RFC 6298, TCP_TIMEOUT_INIT).
//! `connect` still succeeds, about a second late. The two parts run at the
//! same time on the same link, so the lab costs one second, not two.

use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use socket2::Socket;

use super::lossy_link::{self, NoLink, Observed};
use crate::expect::{count, count_limit};
use crate::hex;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, Unavailable, tcp_info};
use crate::report::CheckResult;
use crate::sandbox::{Fault, ImpairedLink, Impairments, Selector, Way};
use crate::wire::{ConversationSegment, Packets, Side};

pub const LAB: Lab = Lab {
    number: 20,
    slug: "retransmission",
    title: "Retransmission: TCP repairs a lost segment",
    shows: "TCP is reliable: a dropped segment is sent again after duplicate ACKs, a dropped SYN after 1 s",
    summary: "On a link with 20 ms each way, the relay drops the 3rd data segment once: duplicate ACKs,\n\
              a fast retransmit one round trip later, every byte delivered in order (same SHA-256).\n\
              Drop the SYN instead: connect() still succeeds, after the 1-second SYN retransmission.",
    typical_run: "about 1.2 s",
    sheet: include_str!("../../labs/20-retransmission/README.md"),
    sheet_zh_cn: include_str!("../../labs/20-retransmission/README.zh-CN.md"),
    experiment: run,
};

/// The link's delay each way: a round trip of 40 ms.
const DELAY_EACH_WAY: Duration = Duration::from_millis(20);

/// One round trip on the link: every repair takes at least this long.
const ROUND_TRIP: Duration = Duration::from_millis(40);

/// The bytes the client sends: 14 segments of at most 1448 bytes.
const TRANSFER: usize = 20_000;

/// Which new data segment the relay drops (counted from 1).
const DROPPED_SEGMENT: u32 = 3;

/// Linux's smallest retransmission timeout (TCP_RTO_MIN, 200 ms): a repair
/// faster than this was not a timeout.
const RTO_MIN: Duration = Duration::from_millis(200);

/// The initial retransmission timeout that a SYN waits (RFC 6298: 1 s),
/// less a margin for the kernel's timer granularity.
const SYN_RETRY_AT_LEAST: Duration = Duration::from_millis(900);

/// How long the SYN-dropped client's connect may take: the 1 s SYN
/// retransmission, and room for a second one (2 s later) should that be
/// lost too, which the wire checks would then show.
const SYN_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// What the run observed.
struct Seen {
    /// The data connection's ends.
    client: SocketAddr,
    server: SocketAddr,
    /// The SYN-dropped connection's client end.
    syn_client: SocketAddr,
    /// tcpi_snd_mss of the data connection's client.
    mss: usize,
    received: usize,
    received_digest: String,
    total_retrans: u32,
    /// When the receiving application's recv returned the dropped bytes.
    lost_bytes_read_at: Option<Duration>,
    /// The receiver's tcpi_rcv_ooopack.
    out_of_order: u32,
    /// How long the SYN-dropped connect took, and its tcpi_total_retrans.
    connect_time: Duration,
    syn_retrans: u32,
    wire: Result<Packets, Unavailable>,
}

impl Observed for Seen {
    fn wire(&self) -> &Result<Packets, Unavailable> {
        &self.wire
    }
}

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The relay drops the 3rd data segment of a 20 000-byte transfer once, and (on another connection, at the same time) a SYN.",
        "duplicate ACKs, then the segment sent again one round trip later; the same SHA-256; connect() about 1 s late.",
    );
    let impairments = Impairments::none()
        .delayed(DELAY_EACH_WAY)
        .with(Way::ClientToServer, Fault::Drop(Selector::Syn))
        .with(
            Way::ClientToServer,
            Fault::Drop(Selector::TcpData(DROPPED_SEGMENT)),
        );
    let seen = match lossy_link::make(options, impairments) {
        Err(reason) => Err(reason),
        Ok((link, capture)) => Ok(across(&link, options, capture)?),
    };
    Ok(checks(&seen))
}

/// The pattern the client sends: position modulo 251 (a prime, so that no
/// segment repeats another).
fn payload() -> Vec<u8> {
    (0..TRANSFER).map(|index| (index % 251) as u8).collect()
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..8])
}

fn across(
    link: &ImpairedLink,
    options: &RunOptions,
    capture: Result<(), Unavailable>,
) -> Result<Seen, LabError> {
    let addresses = link.addresses();
    let listener = link
        .server()
        .run(|| lossy_link::listener_on(addresses.server))
        .and_then(|bound| bound)
        .step("listening in the server's namespace")?;
    let server_address = net::local_addr(&listener).step("reading the listener's address")?;

    // The SYN-dropped client goes first: the first SYN is the one dropped.
    let syn_client =
        lossy_link::client_on(addresses.client).step("creating the SYN-dropped client")?;
    let syn_client_address = net::local_addr(&syn_client).step("reading its address")?;
    let syn_connect = thread::Builder::new()
        .name("socklab-syn-client".to_owned())
        .spawn(move || {
            let started = Instant::now();
            let connected = syn_client.connect_timeout(&server_address.into(), SYN_CONNECT_TIMEOUT);
            connected.map(|()| (syn_client, started.elapsed()))
        })
        .step("starting the SYN-dropped client")?;
    net::wait_until("the relay to drop the first SYN", || {
        Ok(link
            .faults_applied()
            .contains(&(Way::ClientToServer, Fault::Drop(Selector::Syn))))
    })
    .step("waiting for the dropped SYN")?;

    let client = lossy_link::client_on(addresses.client).step("creating the client")?;
    client
        .connect_timeout(&server_address.into(), net::IO_TIMEOUT)
        .step("connecting the client")?;
    let client_address = net::local_addr(&client).step("reading the client's address")?;
    let server = lossy_link::accept_from(&listener, client_address).step("accepting the client")?;
    let mss = tcp_info(&client)
        .step("reading the client's TCP_INFO")?
        .snd_mss as usize;

    let receiver = thread::Builder::new()
        .name("socklab-receiver".to_owned())
        .spawn(move || receive_all(&server))
        .step("starting the receiver")?;
    let data = payload();
    net::send_all(&client, &data).step("sending 20 000 bytes")?;
    let (received, returns, out_of_order) = receiver
        .join()
        .map_err(|_| std::io::Error::other("the receiver panicked"))
        .and_then(|received| received)
        .step("receiving 20 000 bytes")?;
    let hole = mss * (DROPPED_SEGMENT as usize - 1);
    net::wait_until("the transfer to be acknowledged", || {
        Ok(tcp_info(&client)?.unacked == 0)
    })
    .step("waiting for the last ACK")?;
    let total_retrans = tcp_info(&client)
        .step("reading the client's TCP_INFO again")?
        .total_retrans;

    let (syn_client, connect_time) = syn_connect
        .join()
        .map_err(|_| std::io::Error::other("the SYN-dropped client panicked"))
        .and_then(|connected| connected)
        .step("connecting the SYN-dropped client")?;
    let _syn_server = lossy_link::accept_from(&listener, syn_client_address)
        .step("accepting the SYN-dropped client")?;
    let syn_retrans = tcp_info(&syn_client)
        .step("reading the SYN-dropped client's TCP_INFO")?
        .total_retrans;

    Ok(Seen {
        client: client_address,
        server: server_address,
        syn_client: syn_client_address,
        mss,
        received: received.len(),
        received_digest: digest(&received),
        total_retrans,
        lost_bytes_read_at: delivered_at(&returns, hole),
        out_of_order,
        connect_time,
        syn_retrans,
        wire: capture.and_then(|()| options.wire.packets()),
    })
}

/// For each recv: when it returned (wall-clock time since the Unix epoch,
/// the clock of capture timestamps), and how many bytes the application
/// had read by then.
type RecvReturns = Vec<(Duration, usize)>;

/// Reads until [`TRANSFER`] bytes have come; returns them, the recvs'
/// return times and the receiver's tcpi_rcv_ooopack.
fn receive_all(server: &Socket) -> std::io::Result<(Vec<u8>, RecvReturns, u32)> {
    let mut received = Vec::with_capacity(TRANSFER);
    let mut returns = vec![(since_epoch(), 0)];
    while received.len() < TRANSFER {
        let bytes = net::recv_once(server, TRANSFER)?;
        if bytes.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the client closed early",
            ));
        }
        received.extend_from_slice(&bytes);
        returns.push((since_epoch(), received.len()));
    }
    Ok((received, returns, tcp_info(server)?.rcv_ooopack))
}

/// When the recv that delivered the byte after `hole` bytes (the first
/// byte of the dropped segment) returned.
fn delivered_at(returns: &[(Duration, usize)], hole: usize) -> Option<Duration> {
    returns
        .iter()
        .find(|(_, read)| *read > hole)
        .map(|(at, _)| *at)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// The client's data segments of the data connection: new, retransmitted.
fn client_segments<'a>(
    seen: &Seen,
    packets: &'a Packets,
) -> (Vec<ConversationSegment<'a>>, Vec<ConversationSegment<'a>>) {
    packets
        .tcp(seen.client, seen.server)
        .new_and_retransmitted(&packets.packets, Side::Client)
}

/// The retransmitted segments' relative sequence numbers.
fn retransmitted(seen: &Seen, packets: &Packets) -> String {
    let (_, again) = client_segments(seen, packets);
    if again.is_empty() {
        return "none".to_owned();
    }
    again
        .iter()
        .map(|segment| format!("seq {}", segment.relative_sequence))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first transmission of the dropped segment and its retransmission.
fn lost_and_repaired<'a>(
    seen: &Seen,
    packets: &'a Packets,
) -> Option<(ConversationSegment<'a>, ConversationSegment<'a>)> {
    let (new, again) = client_segments(seen, packets);
    let sequence = 1 + (seen.mss * (DROPPED_SEGMENT as usize - 1)) as u32;
    let first = *new.iter().find(|s| s.relative_sequence == sequence)?;
    let repair = *again.iter().find(|s| s.relative_sequence == sequence)?;
    Some((first, repair))
}

/// The server's duplicate ACKs (acknowledging the hole) that reached the
/// client before the retransmission left.
fn duplicate_acks(seen: &Seen, packets: &Packets) -> Option<u64> {
    let (first, repair) = lost_and_repaired(seen, packets)?;
    let connection = packets.tcp(seen.client, seen.server);
    let count = connection
        .segments(&packets.packets)
        .iter()
        .filter(|s| s.from == Side::Server && s.index > first.index && s.index < repair.index)
        .filter(|s| s.segment.payload.length == 0 && !s.segment.flags.syn)
        .filter(|s| s.relative_acknowledgment == Some(first.relative_sequence))
        .count();
    Some(count as u64)
}

/// Which repair the wire shows: a retransmission that duplicate ACKs came
/// before is a fast retransmit; with none, one at least the smallest RTO
/// after the original is a timeout, an earlier one a tail loss probe.
fn repair_kind(seen: &Seen, packets: &Packets) -> String {
    let (Some((first, repair)), Some(duplicates)) = (
        lost_and_repaired(seen, packets),
        duplicate_acks(seen, packets),
    ) else {
        return "no retransmission on the wire".to_owned();
    };
    let waited = repair
        .packet
        .timestamp
        .saturating_sub(first.packet.timestamp);
    if duplicates > 0 {
        FAST_RETRANSMIT.to_owned()
    } else if waited >= RTO_MIN {
        "retransmission timeout (RTO), no duplicate ACK".to_owned()
    } else {
        "tail loss probe, no duplicate ACK".to_owned()
    }
}

/// How long after the dropped segment would have reached the receiver
/// (its departure on the capture, plus the delay) the application read its
/// bytes. A receiving thread that runs late only makes it longer; the
/// repair makes it at least one round trip.
fn lost_bytes_waited(seen: &Seen, packets: &Packets) -> Option<Duration> {
    let (first, _) = lost_and_repaired(seen, packets)?;
    let would_have_arrived = first.packet.timestamp + DELAY_EACH_WAY;
    Some(seen.lost_bytes_read_at?.saturating_sub(would_have_arrived))
}

const FAST_RETRANSMIT: &str = "fast retransmit, after duplicate ACKs (SACK)";

/// The SYNs the SYN-dropped client sent, as the capture saw them leave.
fn syns<'a>(seen: &Seen, packets: &'a Packets) -> Vec<ConversationSegment<'a>> {
    packets
        .tcp(seen.syn_client, seen.server)
        .segments(&packets.packets)
        .into_iter()
        .filter(|s| s.from == Side::Client && s.segment.flags.syn)
        .collect()
}

fn checks(seen: &Result<Seen, NoLink>) -> Vec<CheckResult> {
    use lossy_link::{at_least, exact, on_wire, on_wire_at_least};
    let expected_digest = digest(&payload());
    vec![
        exact(
            seen,
            "bytes-received",
            "20 000 bytes sent, 3rd segment dropped once: bytes the receiver read",
            TRANSFER,
            |seen| seen.received,
        ),
        exact(
            seen,
            "digest",
            "  SHA-256 of what it read (first 8 bytes)",
            expected_digest,
            |seen| seen.received_digest.clone(),
        ),
        exact(
            seen,
            "total-retrans",
            "  client tcpi_total_retrans",
            1,
            |seen| seen.total_retrans,
        ),
        on_wire(
            seen,
            "wire-retransmitted",
            "  on the wire: the client's retransmissions (seq = 1 + 2 × MSS)",
            "seq 2897".to_owned(),
            retransmitted,
        ),
        on_wire_at_least(
            seen,
            "wire-duplicate-acks",
            "  on the wire: duplicate ACKs before it",
            count_limit(1, "ACKs"),
            |seen, packets| duplicate_acks(seen, packets).map(|n| count(n, "ACKs")),
        ),
        on_wire(
            seen,
            "wire-repair",
            "  on the wire: how Linux repaired the loss",
            FAST_RETRANSMIT.to_owned(),
            repair_kind,
        ),
        on_wire_at_least(
            seen,
            "wire-repair-time",
            "  on the wire: from the lost segment to its copy (one round trip)",
            ROUND_TRIP,
            |seen, packets| {
                lost_and_repaired(seen, packets).map(|(first, repair)| {
                    repair
                        .packet
                        .timestamp
                        .saturating_sub(first.packet.timestamp)
                        .into()
                })
            },
        ),
        at_least(
            seen,
            "out-of-order",
            "  segments the receiver held behind the hole (tcpi_rcv_ooopack)",
            count_limit(1, "segments"),
            |seen| count(u64::from(seen.out_of_order), "segments"),
        ),
        on_wire_at_least(
            seen,
            "lost-bytes-wait",
            "  the receiving recv got the lost bytes, after they would have arrived",
            ROUND_TRIP,
            |seen, packets| lost_bytes_waited(seen, packets).map(Into::into),
        ),
        at_least(
            seen,
            "syn-connect-time",
            "SYN dropped once: connect() returns after",
            SYN_RETRY_AT_LEAST,
            |seen| seen.connect_time.into(),
        ),
        exact(
            seen,
            "syn-total-retrans",
            "  its tcpi_total_retrans (the SYN sent again)",
            1,
            |seen| seen.syn_retrans,
        ),
        on_wire(
            seen,
            "wire-syns",
            "  on the wire: SYNs the client sent",
            2,
            |seen, packets| syns(seen, packets).len(),
        ),
        on_wire_at_least(
            seen,
            "wire-syn-gap",
            "  on the wire: from the first SYN to the second",
            SYN_RETRY_AT_LEAST,
            |seen, packets| {
                let syns = syns(seen, packets);
                let [first, second, ..] = syns.as_slice() else {
                    return None;
                };
                Some(
                    second
                        .packet
                        .timestamp
                        .saturating_sub(first.packet.timestamp)
                        .into(),
                )
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    #[test]
    fn without_a_link_every_check_is_skipped_with_the_reason() {
        let checks = checks(&Err(NoLink::HostNetwork("host network".to_owned())));
        assert!(!checks.is_empty());
        for check in &checks {
            assert_eq!(check.verdict, Verdict::Skipped, "{}", check.id);
            assert_eq!(
                check.reason.as_deref(),
                Some("no impaired link on the host network (host network)")
            );
        }
    }

    #[test]
    fn the_lost_bytes_are_delivered_by_the_first_recv_past_the_hole() {
        let at = Duration::from_millis;
        let returns = [(at(0), 0), (at(20), 2896), (at(61), 20_000)];
        assert_eq!(delivered_at(&returns, 2896), Some(at(61)));
        assert_eq!(delivered_at(&returns[..2], 2896), None);
    }
}
