//! Lab 22: Delay: what a round trip costs, and the window that bounds a
//! connection.
//!
//! On loopback a round trip takes microseconds, so everything that waits
//! for one looks free. On socklab's impaired link
//! ([`crate::sandbox::ImpairedLink`]) every frame waits 50 ms in each
//! direction, a round trip (RTT) of 100 ms, about the distance from Europe
//! to the US east coast and back. Then:
//!
//! - **A round trip costs 100 ms.** `connect` returns one RTT after the
//!   SYN leaves (SYN, SYN-ACK); a request answered by the server costs one
//!   RTT; TCP_INFO's `tcpi_rtt` (tcp(7)) shows the kernel measured it.
//! - **Write-write-read stalls.** A request written in two pieces (a
//!   header, then a body) with Nagle on (RFC 896): the body may not leave
//!   while the header is unacknowledged, and the server delays that ACK
//!   (delayed ACK, at least 40 ms on Linux) because it hopes to send it
//!   with a reply, which it will not write before it has the body. The
//!   body leaves one RTT plus the delayed ACK after the header (the server
//!   sets TCP_QUICKACK 0, tcp(7), so that it delays its ACKs even on a busy
//!   machine, where it might answer the first request too late for Linux
//!   to switch to delayed ACKs by itself); the answer
//!   comes two RTTs plus the delayed ACK after the first write, against
//!   one RTT for the same request in one write.
//! - **The sticky-packet client glues more.** Lab 1's four messages,
//!   written 5 ms apart: `b"hello"` leaves at once, and every later write
//!   waits in the send queue for `hello`'s ACK, a round trip away. All
//!   three leave together, 13 bytes in one segment. On loopback, 5 ms
//!   apart, each would have left alone: the longer the RTT, the more
//!   Nagle glues.
//! - **The window bounds throughput.** TCP never has more unacknowledged
//!   bytes in flight than the receiver's window, so one connection carries
//!   at most one window per round trip: throughput ≤ window / RTT, however
//!   fast the link. The receiver sets a small `SO_RCVBUF` (socket(7); the
//!   kernel doubles the value for its bookkeeping and reads it back
//!   doubled), its SYN-ACK announces a small window, and the measured
//!   throughput stays under the window the capture shows, per round trip.
//!   The "long fat network" needs window scaling (RFC 7323) and big buffers
//!   for the same reason.
//!
//! The throughput connection runs at the same time as the other one, on
//! the same link, so the lab costs well under a second.

use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant};

use socket2::Socket;

use super::lossy_link::{self, NoLink, Observed};
use super::nagle_sticky::MESSAGES;
use crate::expect::{self, count, count_limit};
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, Unavailable, tcp_info};
use crate::report::CheckResult;
use crate::sandbox::{ImpairedLink, Impairments};
use crate::wire::{ConversationSegment, Packets, Side};

pub const LAB: Lab = Lab {
    number: 22,
    slug: "delay-and-window",
    title: "Delay and the window: what a round trip costs",
    shows: "on a 100 ms round trip: connect and each request cost an RTT, Nagle glues every write of one RTT, throughput ≤ window / RTT",
    summary: "On a link with 50 ms each way: connect() and a request each cost one 100 ms round trip,\n\
              write-write-read costs one more plus the delayed ACK, lab 1's writes 5 ms apart leave as 5 + 13 bytes,\n\
              and with a small SO_RCVBUF one connection carries at most one window per round trip.",
    typical_run: "about 0.8 s",
    sheet: include_str!("../../labs/22-delay-and-window/README.md"),
    sheet_zh_cn: include_str!("../../labs/22-delay-and-window/README.zh-CN.md"),
    experiment: run,
};

/// The link's delay each way.
const DELAY_EACH_WAY: Duration = Duration::from_millis(50);

/// One round trip on the link.
const ROUND_TRIP: Duration = Duration::from_millis(100);

/// Linux's smallest delayed-ACK timeout is 40 ms (TCP_DELACK_MIN); the
/// checks allow 10 ms for the timer's granularity.
const DELAYED_ACK_AT_LEAST: Duration = Duration::from_millis(30);

/// The pause between the sticky-packet client's writes: far more than a
/// loopback round trip, and far less than this link's, so that the last
/// write still comes before hello's ACK when a busy machine stalls the
/// writer for a while (at 20 ms apart, one run in a hundred under load
/// split the three).
const WRITE_SPACING: Duration = Duration::from_millis(5);

/// The write-write-read request: a header, then a body.
const HEADER: &[u8] = b"GET ";
const BODY: &[u8] = b"/index";
const ANSWER: &[u8] = b"OK";

/// The throughput receiver's SO_RCVBUF; the kernel doubles it (socket(7)).
const SMALL_RECEIVE_BUFFER: usize = 8192;

/// The bytes of the throughput transfer: a few windows.
const TRANSFER: usize = 20_000;

/// The throughput, as a share of window / RTT, stays under this: the
/// bound, with 5 % for the clock.
const BOUND_PERCENT: u64 = 105;

struct Seen {
    client: SocketAddr,
    server: SocketAddr,
    connect_time: Duration,
    request_time: Duration,
    rtt: Duration,
    split_request_time: Duration,
    sticky_segments: u32,
    throughput: Throughput,
    wire: Result<Packets, Unavailable>,
}

/// The window-bound connection.
struct Throughput {
    client: SocketAddr,
    server: SocketAddr,
    receive_buffer: usize,
    elapsed: Duration,
}

impl Observed for Seen {
    fn wire(&self) -> &Result<Packets, Unavailable> {
        &self.wire
    }
}

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A link with 50 ms each way: connect, one request, a request written in two pieces, lab 1's four writes 5 ms apart; at the same time a transfer to a receiver with a small SO_RCVBUF.",
        "every exchange costs a multiple of 100 ms; 5 + 13 bytes on the wire; throughput under window / RTT.",
    );
    let seen = match lossy_link::make(options, Impairments::none().delayed(DELAY_EACH_WAY)) {
        Err(reason) => Err(reason),
        Ok((link, capture)) => Ok(across(&link, options, capture)?),
    };
    Ok(checks(&seen))
}

fn across(
    link: &ImpairedLink,
    options: &RunOptions,
    capture: Result<(), Unavailable>,
) -> Result<Seen, LabError> {
    let addresses = link.addresses();
    let (listener, bulk_listener) = link
        .server()
        .run(|| -> std::io::Result<(Socket, Socket)> {
            let listener = lossy_link::listener_on(addresses.server)?;
            // Set before listen's connections exist: accepted sockets
            // inherit it, and the SYN-ACK announces the window it allows.
            let bulk = lossy_link::listener_on(addresses.server)?;
            bulk.set_recv_buffer_size(SMALL_RECEIVE_BUFFER)?;
            Ok((listener, bulk))
        })
        .and_then(|made| made)
        .step("listening in the server's namespace")?;
    let server = net::local_addr(&listener).step("reading the listener's address")?;
    let bulk_server =
        net::local_addr(&bulk_listener).step("reading the bulk listener's address")?;

    let bulk = thread::Builder::new()
        .name("socklab-bulk-client".to_owned())
        .spawn(move || window_bound(&bulk_listener, bulk_server, addresses.client))
        .step("starting the throughput connection")?;

    let client = lossy_link::client_on(addresses.client).step("creating the client")?;
    let started = Instant::now();
    client
        .connect_timeout(&server.into(), net::IO_TIMEOUT)
        .step("connecting")?;
    let connect_time = started.elapsed();
    let client_address = net::local_addr(&client).step("reading the client's address")?;
    // The server accepts on its own thread: accept returns only when the
    // client's ACK has crossed the link, half a round trip after connect.
    let echo = thread::Builder::new()
        .name("socklab-delay-server".to_owned())
        .spawn(move || serve(&listener, client_address))
        .step("starting the server")?;

    let started = Instant::now();
    net::send_all(&client, b"ping").step("sending the request")?;
    net::recv_exactly(&client, ANSWER.len()).step("receiving the answer")?;
    let request_time = started.elapsed();
    let rtt = tcp_info(&client).step("reading TCP_INFO")?.rtt;

    let started = Instant::now();
    net::send_all(&client, HEADER).step("sending the header")?;
    net::send_all(&client, BODY).step("sending the body")?;
    net::recv_exactly(&client, ANSWER.len()).step("receiving the answer")?;
    let split_request_time = started.elapsed();

    let before = tcp_info(&client).step("reading TCP_INFO")?;
    for (index, message) in MESSAGES.iter().enumerate() {
        if index > 0 {
            thread::sleep(WRITE_SPACING);
        }
        net::send_all(&client, message).step("sending lab 1's messages")?;
    }
    // Once nothing is left unsent (tcpi_notsent_bytes 0), every segment
    // the writes made has left, and the capture holds it (the kernel hands
    // packet sockets their copy as the frame leaves): no need to wait for
    // the last ACK.
    net::wait_until("lab 1's messages to leave", || {
        Ok(tcp_info(&client)?.notsent_bytes == 0)
    })
    .step("waiting for lab 1's messages to leave")?;
    let after = tcp_info(&client).step("reading TCP_INFO again")?;
    let _server = echo
        .join()
        .map_err(|_| std::io::Error::other("the server panicked"))
        .and_then(|served| served)
        .step("serving")?;
    let throughput = bulk
        .join()
        .map_err(|_| std::io::Error::other("the throughput connection panicked"))
        .and_then(|measured| measured)
        .step("the throughput connection")?;

    Ok(Seen {
        client: client_address,
        server,
        connect_time,
        request_time,
        rtt,
        split_request_time,
        sticky_segments: after.new_data_segments() - before.new_data_segments(),
        throughput,
        wire: capture.and_then(|()| options.wire.packets()),
    })
}

/// The server: accepts `client`, answers the ping, answers the two-piece
/// request once it has both pieces, and returns its socket. Lab 1's
/// messages it leaves unread (its kernel acknowledges them all the same);
/// the socket stays open until the lab is done, since closing it with
/// bytes unread would reset the connection (lab 7).
fn serve(listener: &Socket, client: SocketAddr) -> std::io::Result<Socket> {
    let server = lossy_link::accept_from(listener, client)?;
    net::recv_exactly(&server, 4)?;
    // A server that answers requests is in what Linux calls pingpong
    // mode: it delays its ACKs, hoping to carry them on its next answer.
    // Linux enters it when the answer follows the request within the
    // delayed-ACK timeout; on a busy machine the answer may come later,
    // so the server asks for it outright: TCP_QUICKACK 0 (tcp(7)).
    server.set_tcp_quickack(false)?;
    net::send_all(&server, ANSWER)?;
    net::recv_exactly(&server, HEADER.len() + BODY.len())?;
    net::send_all(&server, ANSWER)?;
    Ok(server)
}

/// Sends [`TRANSFER`] bytes to a receiver whose SO_RCVBUF is small and
/// times it, from the first write to the last ACK.
fn window_bound(
    listener: &Socket,
    server: SocketAddr,
    client_address: std::net::Ipv4Addr,
) -> std::io::Result<Throughput> {
    let client = lossy_link::client_on(client_address)?;
    client.connect_timeout(&server.into(), net::IO_TIMEOUT)?;
    let client_address = net::local_addr(&client)?;
    let receiver = lossy_link::accept_from(listener, client_address)?;
    let receive_buffer = receiver.recv_buffer_size()?;
    let reader = thread::Builder::new()
        .name("socklab-bulk-receiver".to_owned())
        .spawn(move || -> std::io::Result<()> {
            let mut left = TRANSFER;
            while left > 0 {
                let bytes = net::recv_once(&receiver, TRANSFER)?;
                if bytes.is_empty() {
                    break;
                }
                left = left.saturating_sub(bytes.len());
            }
            Ok(())
        })?;
    let started = Instant::now();
    net::send_all(&client, &vec![b'w'; TRANSFER])?;
    net::wait_until("the transfer to be acknowledged", || {
        Ok(tcp_info(&client)?.unacked == 0)
    })?;
    let elapsed = started.elapsed();
    reader
        .join()
        .map_err(|_| std::io::Error::other("the bulk receiver panicked"))??;
    Ok(Throughput {
        client: client_address,
        server,
        receive_buffer,
        elapsed,
    })
}

/// The client's data segments of the main connection, new ones only.
fn client_data<'a>(seen: &Seen, packets: &'a Packets) -> Vec<ConversationSegment<'a>> {
    packets
        .tcp(seen.client, seen.server)
        .new_and_retransmitted(&packets.packets, Side::Client)
        .0
}

/// How long after the SYN left its SYN-ACK arrived, at the client's end.
fn handshake_round_trip(seen: &Seen, packets: &Packets) -> Option<Duration> {
    let segments = packets
        .tcp(seen.client, seen.server)
        .segments(&packets.packets);
    let syn = segments
        .iter()
        .find(|s| s.from == Side::Client && s.segment.flags.syn)?;
    let syn_ack = segments
        .iter()
        .find(|s| s.from == Side::Server && s.segment.flags.syn)?;
    Some(
        syn_ack
            .packet
            .timestamp
            .saturating_sub(syn.packet.timestamp),
    )
}

/// How long the body waited after the header, on the wire.
fn body_wait(seen: &Seen, packets: &Packets) -> Option<Duration> {
    let data = client_data(seen, packets);
    let header = data
        .iter()
        .position(|s| s.segment.payload.preview == HEADER)?;
    let body = data.get(header + 1)?;
    Some(
        body.packet
            .timestamp
            .saturating_sub(data[header].packet.timestamp),
    )
}

/// The sizes of the segments that carried lab 1's messages (after the
/// ping and the two-piece request).
fn sticky_sizes(seen: &Seen, packets: &Packets) -> String {
    let data = client_data(seen, packets);
    let sizes: Vec<String> = data
        .iter()
        .skip_while(|s| s.segment.payload.preview != MESSAGES[0])
        .map(|s| s.segment.payload.length.to_string())
        .collect();
    sizes.join(", ")
}

/// The largest window the throughput receiver announced, in bytes (its
/// window field, scaled by the shift its SYN-ACK announced, RFC 7323).
fn largest_window(throughput: &Throughput, packets: &Packets) -> Option<u64> {
    let segments = packets
        .tcp(throughput.client, throughput.server)
        .segments(&packets.packets);
    let shift = segments
        .iter()
        .find(|s| s.from == Side::Server && s.segment.flags.syn)?
        .segment
        .options
        .window_scale
        .unwrap_or(0);
    segments
        .iter()
        .filter(|s| s.from == Side::Server && !s.segment.flags.syn)
        .map(|s| u64::from(s.segment.window) << shift)
        .max()
}

/// The most bytes the throughput client had in flight (sent, not yet
/// acknowledged, as the capture of its end saw them): never more than the
/// window, and the whole window when the window is what limits it.
fn largest_in_flight(throughput: &Throughput, packets: &Packets) -> u64 {
    let mut acknowledged = 0;
    let mut most = 0;
    for segment in packets
        .tcp(throughput.client, throughput.server)
        .segments(&packets.packets)
    {
        match segment.from {
            Side::Server => {
                acknowledged = acknowledged.max(segment.relative_acknowledgment.unwrap_or(0));
            }
            Side::Client if segment.segment.payload.length > 0 => {
                let end = segment.relative_sequence + segment.segment.payload.length as u32;
                most = most.max(end.saturating_sub(acknowledged.max(1)));
            }
            Side::Client => {}
        }
    }
    u64::from(most)
}

/// The measured throughput as a share (percent) of window / RTT.
fn share_of_bound(seen: &Seen, packets: &Packets) -> Option<u64> {
    let window = largest_window(&seen.throughput, packets)?;
    let measured = TRANSFER as f64 / seen.throughput.elapsed.as_secs_f64();
    let bound = window as f64 / ROUND_TRIP.as_secs_f64();
    Some((measured / bound * 100.0).round() as u64)
}

fn checks(seen: &Result<Seen, NoLink>) -> Vec<CheckResult> {
    use lossy_link::{at_least, exact, on_wire, on_wire_at_least, on_wire_below};
    let round_trip_plus_delayed_ack = ROUND_TRIP + DELAYED_ACK_AT_LEAST;
    vec![
        at_least(
            seen,
            "connect-time",
            "50 ms each way: connect() returns after (SYN, SYN-ACK)",
            ROUND_TRIP,
            |seen| seen.connect_time.into(),
        ),
        on_wire_at_least(
            seen,
            "wire-handshake",
            "  on the wire: from the SYN to the SYN-ACK",
            ROUND_TRIP,
            |seen, packets| handshake_round_trip(seen, packets).map(Into::into),
        ),
        at_least(
            seen,
            "request-time",
            "one request and its answer",
            ROUND_TRIP,
            |seen| seen.request_time.into(),
        ),
        at_least(
            seen,
            "tcpi-rtt",
            "  the client's tcpi_rtt",
            ROUND_TRIP,
            |seen| seen.rtt.into(),
        ),
        at_least(
            seen,
            "split-request-time",
            "header, then body, then read (Nagle on): the answer comes after",
            ROUND_TRIP * 2 + DELAYED_ACK_AT_LEAST,
            |seen| seen.split_request_time.into(),
        ),
        on_wire_at_least(
            seen,
            "wire-body-wait",
            "  on the wire: the body leaves after the header (RTT + delayed ACK)",
            round_trip_plus_delayed_ack,
            |seen, packets| body_wait(seen, packets).map(Into::into),
        ),
        exact(
            seen,
            "sticky-segments",
            "lab 1's four writes, 5 ms apart, Nagle on: data segments out",
            2,
            |seen| seen.sticky_segments,
        ),
        on_wire(
            seen,
            "wire-sticky",
            "  on the wire: their sizes (hello alone, then 5 + 7 + 1)",
            "5, 13".to_owned(),
            sticky_sizes,
        ),
        exact(
            seen,
            "small-rcvbuf",
            "SO_RCVBUF 8192 on the receiver: reads back",
            2 * SMALL_RECEIVE_BUFFER,
            |seen| seen.throughput.receive_buffer,
        ),
        on_wire_below(
            seen,
            "wire-throughput-bound",
            "  20 000 bytes: throughput, as % of largest window on the wire / RTT",
            count_limit(BOUND_PERCENT, "%"),
            |seen, packets| share_of_bound(seen, packets).map(|share| count(share, "%")),
        ),
        match seen {
            Ok(observed) => expect::on_wire(
                "wire-in-flight",
                "  on the wire: most bytes in flight = the largest window",
                observed
                    .wire
                    .as_ref()
                    .ok()
                    .and_then(|packets| largest_window(&observed.throughput, packets))
                    .unwrap_or_default(),
                &observed.wire,
                |packets| largest_in_flight(&observed.throughput, packets),
            ),
            Err(reason) => expect::skipped(
                "wire-in-flight",
                "  on the wire: most bytes in flight = the largest window",
                "the largest window",
                &reason.to_string(),
            ),
        },
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
        }
    }
}
