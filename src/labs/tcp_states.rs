//! Lab 13: the TCP state machine, read from the kernel.
//!
//! Every TCP socket is in one state of RFC 793's state machine, and Linux
//! tells you which: TCP_INFO's `tcpi_state` for a socket you hold a file
//! descriptor for (tcp(7)), and sock_diag(7) (what `ss` uses) for every
//! socket, including those no descriptor reaches any more. This lab walks one connection
//! from LISTEN to TIME_WAIT and reads each state as it happens.
//!
//! Most states last microseconds on loopback: a FIN is answered before
//! close() has returned. To *see* FIN_WAIT1 and LAST_ACK, the lab holds them
//! without privileges, with the receive window: a FIN takes a sequence
//! number after the last data byte, so it can only be sent once all the
//! data before it has been sent. The lab lets the peer's receive buffer
//! fill (the peer does not read), so the window is zero and data stays
//! queued; shutdown() or close() then changes the state at once (Linux sets
//! FIN_WAIT1 / LAST_ACK when the FIN is queued), but the FIN itself waits
//! behind the data until the peer reads. SYN_SENT is held the same way
//! lab 12 holds it: a connect to a listener whose accept queue is full gets
//! no answer for a second.
//!
//! One more thing the kernel does that diagrams do not show: when the active
//! closer reaches TIME_WAIT, Linux moves the connection into a small
//! separate "timewait socket" and the socket you still hold becomes CLOSE.
//! TIME_WAIT is visible through sock_diag (or `ss`, or /proc/net/tcp) only.
//! sock_diag also reports its timer (`ss -o` shows `timer:(timewait,59sec,0)`):
//! on Linux it is always 60 s (`TCP_TIMEWAIT_LEN` in the kernel source), not
//! the 2 × MSL of the RFCs' diagrams, and no sysctl changes it. The lab reads
//! the timer as soon as the connection enters TIME_WAIT, so nobody waits the
//! minute out.
//!
//! The capture shows what each state waits for. The held SYN_SENT client
//! sent one SYN and got nothing back. FIN_WAIT1 and LAST_ACK begin before
//! their FIN is on the wire: after 50 ms of either, the closer has sent no
//! FIN at all, because a FIN goes out only behind the data queued before
//! it, and then on the last data segment itself (`FP.`). Each FIN is
//! answered by an ACK, and the last segment of all is the client's ACK of
//! the server's FIN: the client sent the first FIN, and the client is the
//! end left in TIME_WAIT.
//!
//! Not shown here: SYN_RECV (the server's half-open state lasts one round
//! trip and lives in the listener's SYN queue, with no descriptor; lab 12
//! holds one and reads its SYN-ACK timer), CLOSING (both
//! sides close at the same moment) and FIN_WAIT1 → TIME_WAIT directly.

use std::io;
use std::net::{Shutdown, SocketAddr};
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpState, Unavailable, bytes_literal};
use crate::report::CheckResult;
use crate::wire::packet::flags_in_order;
use crate::wire::{ConversationSegment, Packets, Side, TcpConversation, Wire};

pub const LAB: Lab = Lab {
    number: 13,
    slug: "tcp-states",
    title: "TCP states",
    shows: "one connection walked from LISTEN to TIME_WAIT, each state read from the kernel",
    summary: "A listener, a handshake, a half-close and a close, with each TCP state read from the\n\
              kernel (TCP_INFO, sock_diag). FIN_WAIT1, LAST_ACK and SYN_SENT last microseconds on\n\
              loopback, so the lab holds them: a FIN waits behind data the peer has no room for.",
    typical_run: "0.2 s",
    sheet: include_str!("../../labs/13-tcp-states/README.md"),
    sheet_zh_cn: include_str!("../../labs/13-tcp-states/README.zh-CN.md"),
    experiment: run,
};

/// listen(0): the accept queue holds backlog + 1 = 1 connection (lab 12),
/// so a second connect finds it full.
const BACKLOG: i32 = 0;

/// SO_RCVBUF and SO_SNDBUF asked for on both ends (socket(7); the kernel
/// doubles them and turns off their automatic growth). Small buffers fill
/// after a few kilobytes.
const BUFFER_SIZE: usize = 4096;

/// Bytes per send while filling the peer's window.
const CHUNK: usize = 4096;

/// How long a held state must last to count as held. On loopback the peer
/// answers a SYN or a FIN in microseconds; one that has not moved on after
/// 50 ms is waiting for something that will not come (a retransmission
/// after 1 s at the earliest). Short, to keep the lab fast.
const HOLD_WINDOW: Duration = Duration::from_millis(50);

/// What the half-closed server still says to the client.
const LAST_WORDS: &[u8] = b"still talking";

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A listener, and a connection to it, with one more client while the queue is full.",
        "LISTEN, ESTABLISHED on both ends, SYN_SENT for the extra client.",
    );
    // Ends whose descriptor is closed can only be asked through sock_diag. Some
    // containers hide it: then those checks are skipped.
    let diag = net::sock_diag_availability();
    let mut checks = Vec::new();

    // The phone is switched on (listen) and one call gets through.
    let listener = net::tcp_socket().step("creating the listener")?;
    // Accepted sockets inherit the listener's buffer sizes.
    set_small_buffers(&listener)?;
    listener
        .bind(&net::loopback_any_port().into())
        .step("binding the listener")?;
    listener.listen(BACKLOG).step("listening")?;
    let server_addr = net::local_addr(&listener).step("reading the listener's address")?;
    checks.push(state_check(
        "listen",
        "listener after listen()",
        TcpState::Listen,
        &listener,
    )?);

    let client = client_socket()?;
    client
        .connect(&server_addr.into())
        .step("connecting the client")?;
    net::wait_for_accept_queue(&listener, 1).step("waiting for the accept queue")?;

    // A second caller while the queue is full: its SYN is dropped.
    let caller = net::connect_nonblocking(server_addr).step("starting the second connect")?;
    let caller_addr = net::local_addr(&caller).step("reading the second client's address")?;
    let caller_state =
        net::wait_for_handshakes(&[&caller], HOLD_WINDOW).step("watching the handshake")?[0];
    checks.push(expect::exact(
        "syn-sent",
        "2nd client, queue full, after 50 ms",
        TcpState::SynSent.to_string(),
        caller_state.to_string(),
    ));
    // The listener dropped the SYN without a word: no SYN-ACK, no RST.
    let unanswered = TcpConversation {
        client: caller_addr,
        server: server_addr,
    };
    checks.push(expect::on_wire(
        "wire-syn-sent",
        "  on the wire: its segments, both ways",
        "client S".to_string(),
        &options.wire.packets(),
        |packets| flags_in_order(&unanswered.segments(&packets.packets)),
    ));
    drop(caller);

    let server = net::tcp_accept(&listener).step("accepting the client")?;
    drop(listener);
    let client_addr = net::local_addr(&client).step("reading the client's address")?;
    let ends = Ends {
        wire: &options.wire,
        connection: TcpConversation {
            client: client_addr,
            server: server_addr,
        },
    };
    checks.push(state_check(
        "established-client",
        "client after connect()",
        TcpState::Established,
        &client,
    )?);
    checks.push(state_check(
        "established-server",
        "server after accept()",
        TcpState::Established,
        &server,
    )?);
    // accept() returned: the handshake's last ACK has arrived.
    checks.push(expect::on_wire(
        "wire-handshake",
        "  on the wire: the handshake",
        "client S, server S., client .".to_string(),
        &options.wire.packets(),
        |packets| {
            let segments = ends.segments(packets);
            flags_in_order(&segments[..segments.len().min(3)])
        },
    ));

    checks.extend(half_close(&client, &server, &ends)?);
    checks.extend(close(client, server, &ends, &diag)?);
    Ok(checks)
}

/// The lab's connection, by its two addresses, and the wire it crosses.
struct Ends<'a> {
    wire: &'a Wire,
    connection: TcpConversation,
}

impl Ends<'_> {
    fn segments<'p>(&self, packets: &'p Packets) -> Vec<ConversationSegment<'p>> {
        self.connection.segments(&packets.packets)
    }

    /// A check that `from` has sent no FIN yet, whatever its state says.
    fn no_fin_yet(&self, id: &str, from: Side) -> CheckResult {
        expect::on_wire(
            id,
            &format!("  on the wire: FINs the {} sent so far", from.name()),
            0,
            &self.wire.packets(),
            |packets| {
                self.segments(packets)
                    .iter()
                    .filter(|segment| segment.from == from && segment.segment.flags.fin)
                    .count()
            },
        )
    }
}

/// The client says goodbye first (shutdown(SHUT_WR), the active closer),
/// with data the server has no room for still queued ahead of its FIN.
fn half_close(client: &Socket, server: &Socket, ends: &Ends) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The client shuts down its sending side; the server reads EOF and keeps talking.",
        "FIN_WAIT1, FIN_WAIT2 on the client, CLOSE_WAIT on the server.",
    );
    fill_peer_window(client, server).step("filling the server's receive window")?;
    client
        .shutdown(Shutdown::Write)
        .step("shutting down the client's sending side")?;
    let fin_wait1 = held(client, TcpState::FinWait1).step("watching FIN_WAIT1")?;
    let fin_not_sent = ends.no_fin_yet("wire-fin-wait-1", Side::Client);

    // The server reads everything: the data, then EOF (the FIN). Its ACK
    // of the FIN moves the client on.
    read_to_eof(server).step("reading the client's data and FIN")?;
    net::wait_until("the client to leave FIN_WAIT1", || {
        Ok(net::tcp_info(client)?.state != TcpState::FinWait1)
    })
    .step("waiting for the ACK of the client's FIN")?;

    // Half-closed: the server can still talk, the client still listen.
    net::send_all(server, LAST_WORDS).step("sending from the half-closed server")?;
    let heard = net::recv_once(client, 64).step("receiving on the half-closed client")?;

    Ok(vec![
        expect::exact(
            "fin-wait-1",
            "client after shutdown(SHUT_WR), 50 ms on",
            TcpState::FinWait1.to_string(),
            fin_wait1.to_string(),
        ),
        fin_not_sent,
        state_check(
            "fin-wait-2",
            "client once the server read EOF",
            TcpState::FinWait2,
            client,
        )?,
        state_check(
            "close-wait",
            "  server after reading EOF",
            TcpState::CloseWait,
            server,
        )?,
        expect::exact(
            "half-close-talk",
            "  server sends in CLOSE_WAIT, client gets",
            bytes_literal(LAST_WORDS),
            bytes_literal(&heard),
        ),
    ])
}

/// The server hangs up (close(), the passive closer) with data the client
/// has no room for ahead of its FIN: LAST_ACK, held. Then the client reads,
/// the FIN arrives, the client ACKs it and lands in TIME_WAIT.
fn close(
    client: Socket,
    server: Socket,
    ends: &Ends,
    diag: &Result<(), Unavailable>,
) -> Result<Vec<CheckResult>, LabError> {
    let TcpConversation {
        client: client_addr,
        server: server_addr,
    } = ends.connection;
    narration::step(
        "The server closes too.",
        "LAST_ACK on the server, TIME_WAIT on the client.",
    );
    fill_peer_window(&server, &client).step("filling the client's receive window")?;
    drop(server);
    // The server's descriptor is gone: only sock_diag still shows its end.
    let last_ack = match diag {
        Ok(()) => Ok(
            held_without_descriptor(server_addr, client_addr, TcpState::LastAck)
                .step("watching LAST_ACK through sock_diag")?,
        ),
        Err(reason) => Err(reason.clone()),
    };
    let fin_not_sent = ends.no_fin_yet("wire-last-ack", Side::Server);

    read_to_eof(&client).step("reading the server's data and FIN")?;
    let closed = match diag {
        Ok(()) => Ok(net::wait_until_closed(server_addr, client_addr)
            .step("waiting for the close to finish")?),
        Err(reason) => Err(reason.clone()),
    };
    let time_wait_timer = match closed {
        Ok((_, Some(TcpState::TimeWait))) => {
            Some(net::connection(client_addr, server_addr).step("reading TIME_WAIT's timer")?)
        }
        _ => None,
    };
    let client_fd_state = net::tcp_info(&client)
        .step("reading TCP_INFO on the client")?
        .state;
    drop(client);

    let mut checks = vec![
        diag_check(
            "last-ack",
            "server after close(), 50 ms on",
            Some(TcpState::LastAck),
            &last_ack,
        ),
        fin_not_sent,
        diag_check(
            "time-wait",
            "client once it read EOF",
            Some(TcpState::TimeWait),
            &closed.as_ref().map(|ends| ends.1).map_err(Clone::clone),
        ),
        diag_check(
            "server-gone",
            "  server's end, after the last ACK",
            None,
            &closed.as_ref().map(|ends| ends.0).map_err(Clone::clone),
        ),
    ];
    checks.push(time_wait_timer_check(time_wait_timer.flatten(), diag));
    checks.extend(close_on_wire(ends, &closed));
    checks.push(expect::exact(
        "client-fd-close",
        "  TCP_INFO on the client's own fd",
        TcpState::Close.to_string(),
        client_fd_state.to_string(),
    ));
    Ok(checks)
}

/// TIME_WAIT's timer, read through sock_diag right after the connection
/// entered TIME_WAIT: the seconds left, rounded up, so a reading taken up
/// to a second late still shows the full 60 s.
fn time_wait_timer_check(
    time_wait: Option<net::Diagnosis>,
    diag: &Result<(), Unavailable>,
) -> CheckResult {
    const ID: &str = "time-wait-timer";
    const NAME: &str = "  its TIME_WAIT timer as it starts (sock_diag)";
    let expected = "timewait, 60 s".to_string();
    match (time_wait, diag) {
        (_, Err(reason)) => expect::skipped(ID, NAME, expected, &reason.to_string()),
        (None, Ok(())) => expect::exact(ID, NAME, expected, "no TIME_WAIT entry".to_string()),
        (Some(entry), Ok(())) => expect::exact(
            ID,
            NAME,
            expected,
            format!(
                "{}, {} s",
                net::timer_name(entry.timer),
                entry.expires_ms.div_ceil(1000)
            ),
        ),
    }
}

/// What the wire showed of the close, asked once sock_diag showed the
/// server's end gone (so the client's last ACK has arrived); skipped, like
/// the state checks, without sock_diag. The client's FIN came first, and
/// the client's end is the one in TIME_WAIT. Each FIN is the last data
/// segment (`FP.`: it waited behind the data) and is answered by a pure
/// ACK; the client's ACK of the server's FIN is the last segment of all.
fn close_on_wire(
    ends: &Ends,
    closed: &Result<(Option<TcpState>, Option<TcpState>), Unavailable>,
) -> Vec<CheckResult> {
    let time_wait = (
        "wire-time-wait",
        "  on the wire: first FIN from; TIME_WAIT on",
        "client; client".to_string(),
    );
    let close = (
        "wire-close",
        "  on the wire: each FIN, then its ACK",
        "client FP., server ., server FP., client .".to_string(),
    );
    let (server_end, client_end) = match closed {
        Ok(states) => *states,
        Err(reason) => {
            return [time_wait, close]
                .into_iter()
                .map(|(id, name, expected)| {
                    expect::skipped(id, name, expected, &reason.to_string())
                })
                .collect();
        }
    };
    let in_time_wait = match (server_end, client_end) {
        (_, Some(TcpState::TimeWait)) => "client",
        (Some(TcpState::TimeWait), _) => "server",
        _ => "neither",
    };
    let packets = ends.wire.packets();
    vec![
        expect::on_wire(time_wait.0, time_wait.1, time_wait.2, &packets, |packets| {
            let first_fin = ends
                .segments(packets)
                .into_iter()
                .find(|segment| segment.segment.flags.fin)
                .map_or("nobody", |segment| segment.from.name());
            format!("{first_fin}; {in_time_wait}")
        }),
        expect::on_wire(close.0, close.1, close.2, &packets, |packets| {
            flags_in_order(&fins_and_their_acks(&ends.segments(packets)))
        }),
    ]
}

/// Each FIN, and the first segment from the other end that acknowledges
/// it (its sequence number + 1), in capture order.
fn fins_and_their_acks<'p>(segments: &[ConversationSegment<'p>]) -> Vec<ConversationSegment<'p>> {
    let mut picked = Vec::new();
    for (index, fin) in segments.iter().enumerate() {
        if !fin.segment.flags.fin {
            continue;
        }
        picked.push(index);
        // The FIN takes the sequence number after its data.
        let acknowledged = fin
            .relative_sequence
            .wrapping_add(u32::try_from(fin.segment.payload.length).unwrap_or(u32::MAX))
            .wrapping_add(1);
        if let Some(offset) = segments[index..].iter().position(|answer| {
            answer.from == fin.from.other() && answer.relative_acknowledgment == Some(acknowledged)
        }) {
            picked.push(index + offset);
        }
    }
    picked.sort_unstable();
    picked.dedup();
    picked.into_iter().map(|index| segments[index]).collect()
}

/// A client socket with small buffers, set before connect so the window
/// is small from the handshake on.
fn client_socket() -> Result<Socket, LabError> {
    let client = net::tcp_socket().step("creating a client socket")?;
    set_small_buffers(&client)?;
    Ok(client)
}

fn set_small_buffers(socket: &Socket) -> Result<(), LabError> {
    socket
        .set_recv_buffer_size(BUFFER_SIZE)
        .step("setting SO_RCVBUF")?;
    socket
        .set_send_buffer_size(BUFFER_SIZE)
        .step("setting SO_SNDBUF")
}

/// One check: the state TCP_INFO reports for a socket we hold.
fn state_check(
    id: &str,
    name: &str,
    expected: TcpState,
    socket: &Socket,
) -> Result<CheckResult, LabError> {
    let observed = net::tcp_info(socket).step("reading TCP_INFO")?.state;
    Ok(expect::exact(
        id,
        name,
        expected.to_string(),
        observed.to_string(),
    ))
}

/// Sends without blocking until more has been written than `receiver`
/// can ever hold without reading (its SO_RCVBUF: queued payload never
/// exceeds it). From then on data stays unsent until the receiver reads,
/// and anything queued after it, a FIN, waits too.
fn fill_peer_window(sender: &Socket, receiver: &Socket) -> io::Result<()> {
    let room = receiver.recv_buffer_size()?;
    let chunk = [b'x'; CHUNK];
    let mut written = 0;
    sender.set_nonblocking(true)?;
    let filled = net::wait_until("more written than the peer can hold", || {
        loop {
            match sender.send(&chunk) {
                Ok(sent) => written += sent,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => break,
                Err(error) => return Err(error),
            }
        }
        Ok(written > room)
    });
    sender.set_nonblocking(false)?;
    filled
}

/// Reads until recv returns 0 bytes: the peer's FIN.
fn read_to_eof(socket: &Socket) -> io::Result<()> {
    while !net::recv_once(socket, 64 * 1024)?.is_empty() {}
    Ok(())
}

/// Watches a socket in `state` for [`HOLD_WINDOW`] and returns the state it
/// is in at the end (or the first other state it moved to).
fn held(socket: &Socket, state: TcpState) -> io::Result<TcpState> {
    watch(state, || Ok(Some(net::tcp_info(socket)?.state))).map(|seen| seen.unwrap_or(state))
}

/// Like [`held`], for an end only sock_diag shows (matched by its exact
/// address pair); `None` once the end is gone.
fn held_without_descriptor(
    local: SocketAddr,
    remote: SocketAddr,
    state: TcpState,
) -> io::Result<Option<TcpState>> {
    watch(state, || net::connection_state(local, remote))
}

/// Reads a state until it is no longer `state` or [`HOLD_WINDOW`] has
/// passed; returns the last reading.
fn watch(
    state: TcpState,
    mut read: impl FnMut() -> io::Result<Option<TcpState>>,
) -> io::Result<Option<TcpState>> {
    let deadline = Instant::now() + HOLD_WINDOW;
    loop {
        let seen = read()?;
        if seen != Some(state) || Instant::now() >= deadline {
            return Ok(seen);
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn state_name(state: Option<TcpState>) -> String {
    state.map_or_else(|| "none".to_string(), |state| state.to_string())
}

/// A check on a state read through sock_diag, skipped when this machine
/// does not answer sock_diag queries.
fn diag_check(
    id: &str,
    name: &str,
    expected: Option<TcpState>,
    seen: &Result<Option<TcpState>, Unavailable>,
) -> CheckResult {
    match seen {
        Ok(state) => expect::exact(id, name, state_name(expected), state_name(*state)),
        Err(reason) => expect::skipped(id, name, state_name(expected), &reason.to_string()),
    }
}
