//! Lab 7: close and reset.
//!
//! A TCP connection can end two ways, and a program sees them differently:
//!
//! - Orderly close: the peer calls close() with nothing left unread. Its
//!   kernel sends FIN, our end moves to CLOSE_WAIT, and from then on every
//!   recv returns 0 bytes at once: end of file, on every call, forever
//!   (recv(2): "the return value will be 0 when the peer has performed an
//!   orderly shutdown"). A server loop that does not check for b"" never
//!   blocks again and spins at full speed. Writing to that peer is still
//!   allowed (our half of the connection is open), but the peer no longer
//!   has a socket: its kernel answers the data with RST. The first send
//!   therefore succeeds, and the one after the RST fails with EPIPE.
//! - Abortive close: the peer closes while bytes it never read are still in
//!   its receive queue, or with SO_LINGER set to 0 (socket(7)). Its kernel
//!   sends RST instead of FIN (RFC 2525 §2.17, RFC 793 "ABORT"): our end
//!   goes straight to CLOSE, recv fails with ECONNRESET, and a send after
//!   that fails with EPIPE.
//!
//! EPIPE comes with a signal: by default the kernel also sends SIGPIPE,
//! which kills the process (send(2)). Rust programs, like Python ones,
//! ignore SIGPIPE, and socklab also passes MSG_NOSIGNAL on every send that
//! may hit a closed peer, so the error is reported, not fatal.
//!
//! And a zero-length write: TCP send(b"") copies no bytes, so no segment is
//! sent and the peer has nothing to read (its recv waits; here, until a
//! short timeout). UDP sendto(b"") sends a real, empty datagram.
//!
//! The lab never sleeps to let a FIN or an RST "arrive": it waits until the
//! kernel reports the TCP state that segment produces (TCP_INFO).
//!
//! The capture shows the segments themselves: the orderly close is a FIN
//! from the client; the reply to the departed client draws a bare RST from
//! its kernel, captured before the send that fails with EPIPE is even made;
//! the close with unread data and the SO_LINGER 0 close are an RST from the
//! server, with no FIN; and the zero-length send puts nothing on the wire.
//! Each connection is found by its two addresses; a segment a socket sends
//! is in the capture once the call that sent it returns, and one the peer's
//! kernel sends back is in it once this end's TCP state has changed.

use std::io::{self, Read};
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpPair, TcpState, bytes_literal, tcp_info};
use crate::report::CheckResult;
use crate::wire::{ConversationSegment, Packets, Side, Wire};

pub const LAB: Lab = Lab {
    number: 7,
    slug: "close-and-reset",
    title: "Close and reset",
    shows: "recv returns b\"\" forever after a close; unread data or SO_LINGER 0 sends RST: ECONNRESET, EPIPE",
    summary: "After the peer's orderly close, recv returns b\"\" at once on every call: a loop that\n\
              does not check for it spins. A close with unread data, or with SO_LINGER 0, sends RST:\n\
              recv fails with ECONNRESET, send with EPIPE. TCP send(b\"\") sends nothing; UDP's does.",
    typical_run: "≈ 0.15 s",
    sheet: include_str!("../../labs/07-close-and-reset/README.md"),
    sheet_zh_cn: include_str!("../../labs/07-close-and-reset/README.zh-CN.md"),
    experiment: run,
};

/// The course's server reads with `conn.recv(1024)`.
const SERVER_RECV: usize = 1024;

/// How long the spinning loop runs, in CPU time of the thread running it
/// (not wall time: on a busy machine the thread waits for a core, and that
/// wait would eat into a wall-clock window).
const SPIN_WINDOW: Duration = Duration::from_millis(20);

/// The fewest empty reads the spinning loop must make in [`SPIN_WINDOW`].
/// One iteration is a recv that returns 0, a send of 0 bytes and a look at
/// the CPU clock, all answered at once by the kernel (under a microsecond).
/// Measured on 2 cores (Linux 6.18, release build, other builds running,
/// load average ~6), 200 runs each: 17 038 to 31 511 empty reads; with
/// `stress-ng --cpu 2` on top, 16 922 to 31 402. The load hardly matters
/// because the window counts CPU time. A loop that blocked would make one
/// read and wait for data that never comes: 1000 tells the two apart with
/// a margin of more than 15x.
const SPIN_FLOOR: u64 = 1000;

/// The receive timeout for the zero-length send: its expiry is the lesson
/// (the course's two programs would both wait forever), so it is short.
/// On Linux an expired SO_RCVTIMEO fails recv with EAGAIN (socket(7)).
const EMPTY_SEND_TIMEOUT: Duration = Duration::from_millis(100);

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let wire = &options.wire;
    let mut checks = orderly_close(wire)?;
    checks.extend(close_with_unread_data(wire)?);
    checks.extend(close_with_linger_zero(wire)?);
    checks.extend(tcp_empty_send(wire)?);
    checks.extend(udp_empty_datagram(wire)?);
    Ok(checks)
}

/// The two ends of one lab connection, by which its segments are found in
/// the capture.
struct Ends {
    client: SocketAddr,
    server: SocketAddr,
}

impl Ends {
    fn of(pair: &TcpPair) -> Result<Ends, LabError> {
        Ok(Ends {
            client: net::local_addr(&pair.client).step("reading the client's address")?,
            server: net::local_addr(&pair.server).step("reading the server's address")?,
        })
    }

    /// This connection's segments in `packets`, in capture order.
    fn segments<'a>(&self, packets: &'a Packets) -> Vec<ConversationSegment<'a>> {
        packets
            .tcp(self.client, self.server)
            .segments(&packets.packets)
    }

    /// The segments that ended this connection (FIN or RST), described.
    fn endings(&self, packets: &Packets) -> String {
        described(
            self.segments(packets)
                .iter()
                .filter(|s| s.segment.flags.fin || s.segment.flags.rst),
        )
    }

    /// The segments that followed `from`'s first data segment, described:
    /// the other end's answer to it.
    fn answer_to_first_data(&self, packets: &Packets, from: Side) -> String {
        let segments = self.segments(packets);
        let first_data = segments
            .iter()
            .position(|s| s.from == from && s.segment.payload.length > 0);
        match first_data {
            Some(index) => described(segments[index + 1..].iter()),
            None => "no data segment".to_string(),
        }
    }

    /// The payloads of `from`'s data segments, `b"result"`, or "none".
    fn data_payloads(&self, packets: &Packets, from: Side) -> String {
        let payloads: Vec<String> = self
            .segments(packets)
            .iter()
            .filter(|s| s.from == from && s.segment.payload.length > 0)
            .map(|s| s.segment.payload.quoted())
            .collect();
        if payloads.is_empty() {
            "none".to_string()
        } else {
            payloads.join(", ")
        }
    }

    /// `from`'s data segments as TCP_INFO counts them: new ones
    /// (`tcpi_data_segs_out - tcpi_total_retrans`) and retransmissions. A
    /// segment that starts below the highest sequence number sent so far
    /// repeats bytes already sent.
    fn data_segments(&self, packets: &Packets, from: Side) -> (u32, u32) {
        let (mut new, mut retransmitted, mut sent_up_to) = (0, 0, 0);
        for s in self.segments(packets) {
            let length = s.segment.payload.length as u32;
            if s.from != from || length == 0 {
                continue;
            }
            if s.relative_sequence < sent_up_to {
                retransmitted += 1;
            } else {
                new += 1;
            }
            sent_up_to = sent_up_to.max(s.relative_sequence + length);
        }
        (new, retransmitted)
    }

    /// "RST, then EPIPE" when `before_send`, the capture taken just before
    /// a send, already held `from`'s RST and the send failed with EPIPE:
    /// the order the lesson claims.
    fn reset_then(&self, before_send: &Packets, from: Side, send: &io::Result<usize>) -> String {
        let reset = self
            .segments(before_send)
            .iter()
            .any(|s| s.from == from && s.segment.flags.rst);
        let reset = if reset { "RST" } else { "no RST yet" };
        format!("{reset}, then {}", net::outcome(send))
    }
}

/// Segments as the table shows them, `client [F.] ack 1, client [R]`: who
/// sent each one, its flags in tcpdump's notation, and its acknowledgment
/// number relative to the other side's ISN when the ACK flag is set.
fn described<'a>(segments: impl Iterator<Item = &'a ConversationSegment<'a>>) -> String {
    let shown: Vec<String> = segments
        .map(|s| {
            let from = match s.from {
                Side::Client => "client",
                Side::Server => "server",
            };
            let flags = s.segment.flags.tcpdump();
            match s.relative_acknowledgment {
                Some(ack) => format!("{from} [{flags}] ack {ack}"),
                None => format!("{from} [{flags}]"),
            }
        })
        .collect();
    if shown.is_empty() {
        "none".to_string()
    } else {
        shown.join(", ")
    }
}

/// Now, on the clock of the capture's timestamps (CLOCK_REALTIME, as time
/// since the Unix epoch).
fn wall_clock() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// send with MSG_NOSIGNAL (send(2)): a write to a closed peer returns EPIPE
/// instead of also raising SIGPIPE.
fn send_nosignal(socket: &Socket, data: &[u8]) -> io::Result<usize> {
    socket.send_with_flags(data, libc::MSG_NOSIGNAL)
}

/// Waits until `socket`'s TCP state (TCP_INFO) is `awaited`, for at most
/// [`net::IO_TIMEOUT`], and returns the state it ends in. If the segment
/// that causes the change never comes, the state is returned as it is, and
/// the check that shows it mismatches.
fn settled_state(socket: &Socket, awaited: TcpState) -> Result<TcpState, LabError> {
    let mut last = tcp_info(socket).step("reading TCP_INFO")?.state;
    let waited = net::wait_until(&format!("TCP state {awaited}"), || {
        last = tcp_info(socket)?.state;
        Ok(last == awaited)
    });
    match waited {
        Err(error) if error.kind() != io::ErrorKind::TimedOut => {
            Err(error).step("waiting for a TCP state change")
        }
        _ => Ok(last),
    }
}

/// The course's client quits: it closes its socket with nothing unread.
/// The server's recv returns b""; the course's loop spins on it; a loop that
/// checks for b"" stops; the server's replies draw an RST, then EPIPE.
fn orderly_close(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The client closes; the server keeps reading.",
        "recv returns b\"\" at once, every time: a loop that does not check spins.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let ends = Ends::of(&pair)?;
    drop(pair.client);
    // The client's FIN moves the server's end to CLOSE_WAIT.
    let server = pair.server;
    let state = settled_state(&server, TcpState::CloseWait)?;
    let at_close_wait = wire.packets();
    let first = net::recv_once(&server, SERVER_RECV).step("server recv after the client quit")?;

    let spin = course_echo_loop(&server)?;
    let stopped_after = checked_echo_loop(&server)?;

    // Replying to the departed client: the data reaches the client's kernel,
    // which has no socket left to give it to and answers with RST.
    let reply_1 = send_nosignal(&server, b"result");
    let after_rst = settled_state(&server, TcpState::Close)?;
    let before_reply_2 = wire.packets();
    let reply_2 = send_nosignal(&server, b"result");
    let server_info = tcp_info(&server).step("reading the server's TCP_INFO")?;
    let at_end = wire.packets();

    let spin_check = match spin.error {
        None => expect::at_least(
            "course-loop-spins",
            "  course loop (no `if not data: break`), 20 ms CPU",
            expect::count_limit(SPIN_FLOOR, "empty reads"),
            expect::count(spin.empty_reads, "empty reads"),
        ),
        Some(error) => expect::exact(
            "course-loop-spins",
            "  course loop (no `if not data: break`), 20 ms CPU",
            format!("≥ {SPIN_FLOOR} empty reads"),
            format!("stopped by {error} after {} reads", spin.empty_reads),
        ),
    };
    Ok(vec![
        expect::exact(
            "orderly-state",
            "client closed: server's TCP state",
            TcpState::CloseWait.to_string(),
            state.to_string(),
        ),
        // close() with nothing unread sends FIN: no RST, nothing lost.
        expect::on_wire(
            "wire-orderly-fin",
            "  on the wire: the client's close",
            "client [F.] ack 1".to_string(),
            &at_close_wait,
            |packets| ends.endings(packets),
        ),
        expect::exact(
            "orderly-recv",
            "  server recv(1024)",
            bytes_literal(b""),
            bytes_literal(&first),
        ),
        spin_check,
        expect::exact(
            "checked-loop-stops",
            "  loop with `if not data: break`: empty reads",
            1,
            stopped_after,
        ),
        expect::succeeds(
            "orderly-send-1",
            "server send to the closed client #1",
            &reply_1,
        ),
        expect::exact(
            "orderly-send-1-rst",
            "  the client's RST: server's TCP state",
            TcpState::Close.to_string(),
            after_rst.to_string(),
        ),
        // Nothing will ever read the data: the client's kernel aborts what
        // is left of the connection and answers as a closed port does,
        // with a bare RST numbered from the segment's ACK (RFC 9293
        // §3.10.7.1), so without the ACK flag.
        expect::on_wire(
            "wire-orderly-rst",
            "  on the wire: what answered b\"result\"",
            "client [R]".to_string(),
            &before_reply_2,
            |packets| ends.answer_to_first_data(packets, Side::Server),
        ),
        expect::errno("orderly-send-2", "  send #2", libc::EPIPE, &reply_2),
        expect::on_wire(
            "wire-orderly-epipe-order",
            "  on the wire: the RST came before send #2",
            "RST, then EPIPE".to_string(),
            &before_reply_2,
            |packets| ends.reset_then(packets, Side::Client, &reply_2),
        ),
        // Thousands of send(b"") calls in the spinning loop, one real
        // send, one refused: a single data segment.
        expect::on_wire(
            "wire-orderly-server-data",
            "  on the wire: the server's data, all its sends",
            bytes_literal(b"result"),
            &at_end,
            |packets| ends.data_payloads(packets, Side::Server),
        ),
        expect::on_wire(
            "wire-orderly-tcp-info",
            "  TCP_INFO vs capture: new, retransmitted segments",
            format!(
                "{}, {}",
                server_info.new_data_segments(),
                server_info.total_retrans
            ),
            &at_end,
            |packets| {
                let (new, retransmitted) = ends.data_segments(packets, Side::Server);
                format!("{new}, {retransmitted}")
            },
        ),
    ])
}

/// How the course's echo loop ended.
struct Spin {
    empty_reads: u64,
    /// The errno name if a recv or send failed, ending the loop early.
    error: Option<String>,
}

/// The course's server loop, without the EOF check:
/// `while True: data = conn.recv(1024); conn.send(data.upper())`.
/// After the client's FIN, recv returns b"" at once and send(b"") sends
/// nothing and fails with nothing, so the loop never blocks and never ends.
/// Here it ends after [`SPIN_WINDOW`] of this thread's CPU time.
fn course_echo_loop(server: &Socket) -> Result<Spin, LabError> {
    let mut buffer = [0u8; SERVER_RECV];
    let mut reader: &Socket = server;
    let start = net::thread_cpu_time().step("reading the thread's CPU time")?;
    let mut spin = Spin {
        empty_reads: 0,
        error: None,
    };
    while net::thread_cpu_time().step("reading the thread's CPU time")? - start < SPIN_WINDOW {
        let result = reader
            .read(&mut buffer)
            .and_then(|received| send_nosignal(server, &buffer[..received].to_ascii_uppercase()));
        match result {
            Ok(_) => spin.empty_reads += 1,
            Err(_) => {
                spin.error = Some(net::outcome(&result));
                break;
            }
        }
    }
    Ok(spin)
}

/// The same loop with the check the course forgot:
/// `while True: data = conn.recv(1024); if not data: break; conn.send(data.upper())`.
/// Returns how many recvs returned b"" before it stopped.
fn checked_echo_loop(server: &Socket) -> Result<u64, LabError> {
    let mut empty_reads = 0;
    loop {
        let data = net::recv_once(server, SERVER_RECV).step("the checked loop's recv")?;
        if data.is_empty() {
            empty_reads += 1;
            break;
        }
        send_nosignal(server, &data.to_ascii_uppercase()).step("the checked loop's send")?;
    }
    Ok(empty_reads)
}

/// The server closes while the client's request is still unread in its
/// receive queue: its kernel sends RST, not FIN (RFC 2525 §2.17).
fn close_with_unread_data(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The server closes while data it never read is waiting.",
        "RST instead of FIN: ECONNRESET, then EPIPE.",
    );
    const REQUEST: &[u8] = b"dir";
    let pair = net::tcp_pair().step("connecting client and server")?;
    let ends = Ends::of(&pair)?;
    net::send_all(&pair.client, REQUEST).step("client sending b\"dir\"")?;
    net::wait_for_queued(&pair.server, REQUEST.len()).step("waiting for b\"dir\" to arrive")?;
    let unread = net::queued_bytes(&pair.server).step("asking FIONREAD")?;
    drop(pair.server);
    let state = settled_state(&pair.client, TcpState::Close)?;
    let after_close = wire.packets();
    let received = net::recv_once(&pair.client, SERVER_RECV);
    let before_send = wire.packets();
    let sent = send_nosignal(&pair.client, REQUEST);
    Ok(vec![
        expect::exact(
            "unread-state",
            "server closed with b\"dir\" unread: client's state",
            TcpState::Close.to_string(),
            state.to_string(),
        ),
        expect::exact(
            "unread-queued",
            "  bytes unread at the server's close (FIONREAD)",
            REQUEST.len(),
            unread,
        ),
        // The RST acknowledges the 3 bytes: they arrived, and the close
        // threw them away unread.
        expect::on_wire(
            "wire-unread-rst",
            "  on the wire: the server's close",
            "server [R.] ack 4".to_string(),
            &after_close,
            |packets| ends.endings(packets),
        ),
        expect::errno(
            "unread-recv",
            "  client recv(1024)",
            libc::ECONNRESET,
            &received,
        ),
        expect::errno(
            "unread-send",
            "  client send after that",
            libc::EPIPE,
            &sent,
        ),
        expect::on_wire(
            "wire-unread-epipe-order",
            "  on the wire: the RST came before that send",
            "RST, then EPIPE".to_string(),
            &before_send,
            |packets| ends.reset_then(packets, Side::Server, &sent),
        ),
    ])
}

/// SO_LINGER with a zero timeout (socket(7)): close() discards anything
/// queued and sends RST at once, even with nothing unread.
fn close_with_linger_zero(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The server closes with SO_LINGER set to 0.",
        "the same RST, on purpose.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let ends = Ends::of(&pair)?;
    pair.server
        .set_linger(Some(Duration::ZERO))
        .step("setting SO_LINGER to 0")?;
    drop(pair.server);
    let state = settled_state(&pair.client, TcpState::Close)?;
    let after_close = wire.packets();
    let received = net::recv_once(&pair.client, SERVER_RECV);
    Ok(vec![
        expect::exact(
            "linger-zero-state",
            "server closed with SO_LINGER 0: client's state",
            TcpState::Close.to_string(),
            state.to_string(),
        ),
        expect::on_wire(
            "wire-linger-zero-rst",
            "  on the wire: the server's close",
            "server [R.] ack 1".to_string(),
            &after_close,
            |packets| ends.endings(packets),
        ),
        expect::errno(
            "linger-zero-recv",
            "  client recv(1024)",
            libc::ECONNRESET,
            &received,
        ),
    ])
}

/// The course's pitfall C.2: the user presses Enter and the client sends
/// b"". TCP sends no segment for it: the server has nothing to read.
fn tcp_empty_send(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A TCP send(b\"\").",
        "0 bytes sent, no segment, and a receiver that times out.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let ends = Ends::of(&pair)?;
    pair.server
        .set_read_timeout(Some(EMPTY_SEND_TIMEOUT))
        .step("setting the server's short SO_RCVTIMEO")?;
    let before = tcp_info(&pair.client).step("reading TCP_INFO before send(b\"\")")?;
    let began = wall_clock();
    let sent = send_nosignal(&pair.client, b"").step("client send(b\"\")")?;
    let received = net::recv_once(&pair.server, SERVER_RECV);
    let timed_out = wall_clock();
    let queued = net::queued_bytes(&pair.server).step("asking FIONREAD")?;
    let after = tcp_info(&pair.client).step("reading TCP_INFO after send(b\"\")")?;
    Ok(vec![
        expect::exact("tcp-empty-sent", "TCP send(b\"\") return value", 0, sent),
        expect::exact(
            "tcp-empty-segments",
            "  data segments it sent (TCP_INFO)",
            0,
            after.new_data_segments() - before.new_data_segments(),
        ),
        // Not even an empty segment: the handshake ended before, and no
        // segment of this connection, either way, falls in the window.
        expect::on_wire(
            "wire-tcp-empty",
            "  on the wire until the timeout: segments",
            0,
            &wire.packets(),
            |packets| {
                ends.segments(packets)
                    .iter()
                    .filter(|s| (began..=timed_out).contains(&s.packet.timestamp))
                    .count()
            },
        ),
        expect::errno(
            "tcp-empty-recv",
            "  server recv(1024), 100 ms timeout",
            libc::EAGAIN,
            &received,
        ),
        expect::exact(
            "tcp-empty-queued",
            "  bytes queued at the server (FIONREAD)",
            0,
            queued,
        ),
    ])
}

/// UDP has no stream: sendto(b"") is a datagram of its own, and recv
/// returns it as 0 bytes (lab 3 shows more).
fn udp_empty_datagram(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A UDP sendto(b\"\").",
        "an empty datagram that does arrive.",
    );
    let (receiver, receiver_addr) = net::udp_socket().step("binding the UDP receiver")?;
    let (sender, sender_addr) = net::udp_socket().step("binding the UDP sender")?;
    let sent = sender
        .send_to(b"", &receiver_addr.into())
        .step("sendto(b\"\")")?;
    let received = net::recv_once(&receiver, SERVER_RECV).step("receiving the empty datagram")?;
    Ok(vec![
        expect::exact("udp-empty-sent", "UDP sendto(b\"\") return value", 0, sent),
        // A UDP header alone: its length field counts its own 8 bytes.
        expect::on_wire(
            "wire-udp-empty",
            "  on the wire: UDP length of each datagram",
            "8".to_string(),
            &wire.packets(),
            |packets| {
                let lengths: Vec<String> = packets
                    .udp(sender_addr, receiver_addr)
                    .iter()
                    .map(|datagram| datagram.length.to_string())
                    .collect();
                lengths.join(", ")
            },
        ),
        expect::exact(
            "udp-empty-recv",
            "  receiver recv(1024)",
            "0 bytes (a datagram)".to_string(),
            format!("{} bytes (a datagram)", received.len()),
        ),
    ])
}
