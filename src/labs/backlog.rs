//! Lab 12: the listen(2) backlog.
//!
//! `listen(backlog)` does not limit how many clients a server can have. It
//! sizes the *accept queue*: connections whose three-way handshake is done
//! and that wait for the program to call accept(2). The kernel completes
//! handshakes on its own, without the program, until that queue is full.
//!
//! On Linux the queue counts as full when it holds MORE than `backlog`
//! connections (the kernel's sk_acceptq_is_full: `waiting > backlog`), so
//! `backlog + 1` connections fit: listen(2) → 3, listen(5) → 6. A SYN that
//! arrives while the queue is full is dropped without a word (tcp(7);
//! counted in ListenOverflows/ListenDrops of /proc/net/netstat). The client
//! is not refused: it sits in SYN_SENT and sends its SYN again after the
//! initial retransmission timeout, one second, then 3 s, 7 s... until
//! net.ipv4.tcp_syn_retries gives up (about two minutes). A refusal
//! (ECONNREFUSED) only comes when nothing listens on the port at all.
//!
//! The lab never waits that second out. Each connect is started without
//! blocking (a non-blocking connect returns EINPROGRESS, connect(2)) and
//! the client's TCP state is read from TCP_INFO (tcp(7)) for a short
//! window. Loopback answers a SYN in microseconds, so a client still in
//! SYN_SENT after the window got no answer: its SYN was dropped. The
//! listener's own queue is read through TCP_INFO too: on a LISTEN socket it
//! reports the connections waiting and the backlog in force.
//!
//! The server's half retries too. A handshake whose last ACK arrives while
//! the queue is full stays in SYN_RECV, and the server sends its SYN-ACK
//! again after 1 s, then 2 s later, 4 s, 8 s, 16 s (the initial timeout,
//! doubled each time, net.ipv4.tcp_synack_retries times): the course's
//! "5 s, 3 s, 1 s" has the direction and the numbers wrong. The lab reads
//! the kernel's timer for it (sock_diag) instead of waiting for it.
//!
//! The capture shows the silence itself. A completed connect is the usual
//! SYN, SYN-ACK, ACK. A dropped one is a lone SYN: the listener answers
//! neither SYN-ACK nor RST, and within the lab's 100 ms the client has not
//! sent its SYN again either (that retransmission comes after one second,
//! RFC 6298's initial retransmission timeout, and the lab does not wait
//! for it). The refused connect, for contrast, is a SYN answered by an RST.
//!
//! Two sysctls bound this: net.core.somaxconn caps any backlog (4096 on
//! recent kernels, far above the lab's 2 and 5), and net.ipv4.tcp_syncookies
//! only changes what happens when the queue of *half-open* connections
//! overflows (a SYN flood); a full accept queue drops SYNs either way.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpState};
use crate::report::CheckResult;
use crate::wire::packet::flags_in_order;
use crate::wire::{TcpConversation, Wire};

pub const LAB: Lab = Lab {
    number: 12,
    slug: "backlog",
    title: "The listen backlog",
    shows: "with nobody accepting, listen(2) lets 3 connects complete; later SYNs are dropped, not refused",
    summary: "A listener nobody accepts on completes handshakes until its queue holds backlog+1 (listen(5):\n\
              6). Later SYNs get no answer, no ECONNREFUSED: SYN_SENT. One accept makes room for one more.\n\
              A handshake ending while the queue is full: its SYN-ACK comes again after 1 s, then 2 s.",
    typical_run: "1.3 s",
    sheet: include_str!("../../labs/12-backlog/README.md"),
    sheet_zh_cn: include_str!("../../labs/12-backlog/README.zh-CN.md"),
    experiment: run,
};

/// The backlog of the main experiment.
const SMALL_BACKLOG: i32 = 2;
/// Linux lets backlog + 1 connections wait in the accept queue: 2 + 1.
const SMALL_FITS: usize = 3;
/// The course's `listen(5)`.
const COURSE_BACKLOG: i32 = 5;
/// backlog + 1 again: 5 + 1. The course's claim "5 means 6 clients".
const COURSE_FITS: usize = 6;
/// Connects started after the queue is full, in the main experiment.
const OVERFLOW_CLIENTS: usize = 2;

/// How long a client may wait for the answer to its SYN. Loopback answers
/// in microseconds; a dropped SYN is sent again only after one second (the
/// initial retransmission timeout), so a client still in SYN_SENT after
/// 100 ms got no answer at all. Short, to keep the lab fast.
const ANSWER_WINDOW: Duration = Duration::from_millis(100);

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let wire = &options.wire;
    let (listener, address) =
        net::tcp_listener_with_backlog(SMALL_BACKLOG).step("listening with backlog 2")?;
    let mut checks = Vec::new();
    let queue = net::accept_queue(&listener).step("reading the accept queue")?;
    checks.push(expect::exact(
        "backlog-in-force",
        "listen(2): backlog the kernel applies",
        SMALL_BACKLOG as u32,
        queue.backlog,
    ));

    let (mut waiting, states) = connect_one_by_one(&listener, address, SMALL_FITS)?;
    let queue = net::accept_queue(&listener).step("reading the accept queue")?;
    let first_clients = client_addresses(&waiting)?;
    checks.push(expect::exact(
        "first-connects",
        "first 3 connects, nobody accepting",
        state_list(&[TcpState::Established; SMALL_FITS]),
        state_list(&states),
    ));
    checks.push(expect::exact(
        "first-waiting",
        "  connections waiting in the accept queue",
        SMALL_FITS as u32,
        queue.waiting,
    ));
    // Each connection is in the accept queue: its handshake's last ACK has
    // arrived.
    checks.push(segments_check(
        "wire-first-handshakes",
        "  on the wire: each one's segments, both ways",
        "client S, server S., client .",
        wire,
        address,
        &first_clients,
    ));
    checks.extend(overflow(address, wire)?);
    checks.extend(refused_for_contrast(wire)?);

    // The program finally calls accept() once: one connection leaves the
    // queue, and exactly one new connect fits in its place.
    let accepted = net::tcp_accept(&listener).step("accepting one connection")?;
    waiting.remove(0);
    let queue = net::accept_queue(&listener).step("reading the accept queue")?;
    checks.push(expect::exact(
        "after-accept-waiting",
        "after one accept(): connections still waiting",
        (SMALL_FITS - 1) as u32,
        queue.waiting,
    ));
    checks.extend(one_more_fits(&listener, address, wire)?);
    drop(accepted);
    drop(waiting);
    drop(listener);

    checks.extend(course_listen_5(wire)?);
    checks.extend(synack_retries()?);
    Ok(checks)
}

/// The local addresses of `clients`, to find their segments on the wire.
fn client_addresses(clients: &[Socket]) -> Result<Vec<SocketAddr>, LabError> {
    clients
        .iter()
        .map(net::local_addr)
        .collect::<Result<_, _>>()
        .step("reading a client's address")
}

/// A check that each client's connection to `server` shows `expected` on
/// the wire (`client S` for a SYN nobody answered). The cell shows the
/// segments once when every client's agree, each client's when not.
fn segments_check(
    id: &str,
    name: &str,
    expected: &str,
    wire: &Wire,
    server: SocketAddr,
    clients: &[SocketAddr],
) -> CheckResult {
    expect::on_wire(id, name, expected.to_string(), &wire.packets(), |packets| {
        let seen: Vec<String> = clients
            .iter()
            .map(|&client| {
                let connection = TcpConversation { client, server };
                flags_in_order(&connection.segments(&packets.packets))
            })
            .collect();
        match seen.as_slice() {
            [first, rest @ ..] if rest.iter().all(|other| other == first) => first.clone(),
            _ => seen.join(" | "),
        }
    })
}

/// Starts `count` connects to a listener nobody accepts on, one at a time,
/// each given the answer window. After each completed handshake the lab
/// waits until the listener's queue shows it, so the next SYN finds the
/// queue exactly as the kernel left it. Returns the clients and the state
/// each one reached.
fn connect_one_by_one(
    listener: &Socket,
    address: SocketAddr,
    count: usize,
) -> Result<(Vec<Socket>, Vec<TcpState>), LabError> {
    narration::step(
        "Clients connect to a listener with backlog 2 that never calls accept().",
        "how many handshakes complete: backlog + 1.",
    );
    let mut clients = Vec::new();
    let mut states = Vec::new();
    let mut completed = 0;
    for _ in 0..count {
        let client = net::connect_nonblocking(address).step("starting a connect")?;
        let state =
            net::wait_for_handshakes(&[&client], ANSWER_WINDOW).step("watching the handshake")?[0];
        if state == TcpState::Established {
            completed += 1;
            net::wait_for_accept_queue(listener, completed)
                .step("waiting for the connection to reach the accept queue")?;
        }
        states.push(state);
        clients.push(client);
    }
    Ok((clients, states))
}

/// With the queue full, two more connects at once. Neither gets an answer
/// within the window, and neither is refused: their SYNs were dropped.
fn overflow(address: SocketAddr, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Two more clients connect.",
        "SYN_SENT: their SYNs are dropped, not refused.",
    );
    let clients = (0..OVERFLOW_CLIENTS)
        .map(|_| net::connect_nonblocking(address))
        .collect::<Result<Vec<_>, _>>()
        .step("starting connects to the full queue")?;
    let addresses = client_addresses(&clients)?;
    let refs: Vec<&Socket> = clients.iter().collect();
    let states = net::wait_for_handshakes(&refs, ANSWER_WINDOW).step("watching the handshakes")?;
    let errors = clients
        .iter()
        .map(connect_error)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(vec![
        expect::exact(
            "overflow-states",
            "next 2 connects, after 100 ms",
            state_list(&[TcpState::SynSent; OVERFLOW_CLIENTS]),
            state_list(&states),
        ),
        expect::exact(
            "overflow-not-refused",
            "  their connect error (SO_ERROR)",
            "none, none".to_string(),
            errors.join(", "),
        ),
        // Asked after the window: whatever the listener sent in it would
        // be in the capture.
        segments_check(
            "wire-overflow-silent",
            "  on the wire: each one's segments, both ways",
            "client S",
            wire,
            address,
            &addresses,
        ),
    ])
}

/// After one accept() there is room for one: the next connect completes at
/// once, and the one after it gets no answer again.
fn one_more_fits(
    listener: &Socket,
    address: SocketAddr,
    wire: &Wire,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "After one accept(), one more client connects.",
        "exactly one more fits.",
    );
    let fits = net::connect_nonblocking(address).step("starting a connect after accept")?;
    let fits_state =
        net::wait_for_handshakes(&[&fits], ANSWER_WINDOW).step("watching the handshake")?[0];
    if fits_state == TcpState::Established {
        net::wait_for_accept_queue(listener, SMALL_FITS as u32)
            .step("waiting for the connection to reach the accept queue")?;
    }
    let next = net::connect_nonblocking(address).step("starting one more connect")?;
    let next_address = client_addresses(std::slice::from_ref(&next))?;
    let next_state =
        net::wait_for_handshakes(&[&next], ANSWER_WINDOW).step("watching the handshake")?[0];
    Ok(vec![
        expect::exact(
            "after-accept-one-fits",
            "  the next connect",
            TcpState::Established.to_string(),
            fits_state.to_string(),
        ),
        expect::exact(
            "after-accept-then-full",
            "  and the one after it, after 100 ms",
            TcpState::SynSent.to_string(),
            next_state.to_string(),
        ),
        segments_check(
            "wire-after-accept-silent",
            "  on the wire: its segments, both ways",
            "client S",
            wire,
            address,
            &next_address,
        ),
    ])
}

/// The course's claim: listen(5) lets 6 clients in. Seven connects, one at
/// a time; the lab counts how many complete.
fn course_listen_5(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's listen(5), with seven clients.",
        "six complete, the seventh waits.",
    );
    let (listener, address) =
        net::tcp_listener_with_backlog(COURSE_BACKLOG).step("listening with backlog 5")?;
    // Seven connects: as many as the course says fit, and one more.
    let (clients, states) = connect_one_by_one(&listener, address, COURSE_FITS + 1)?;
    let seventh_state = states[COURSE_FITS];
    let seventh_address = client_addresses(&clients[COURSE_FITS..])?;
    let completed = states
        .iter()
        .filter(|&&state| state == TcpState::Established)
        .count();
    let queue = net::accept_queue(&listener).step("reading the accept queue")?;
    Ok(vec![
        expect::exact(
            "listen-5-completed",
            "listen(5): connects completed, of 7",
            COURSE_FITS,
            completed,
        ),
        expect::exact(
            "listen-5-waiting",
            "  connections waiting in the accept queue",
            COURSE_FITS as u32,
            queue.waiting,
        ),
        expect::exact(
            "listen-5-seventh",
            "  the 7th connect, after 100 ms",
            TcpState::SynSent.to_string(),
            seventh_state.to_string(),
        ),
        segments_check(
            "wire-listen-5-seventh-silent",
            "  on the wire: its segments, both ways",
            "client S",
            wire,
            address,
            &seventh_address,
        ),
    ])
}

/// listen(0): the accept queue holds backlog + 1 = 1 connection.
const SYNACK_BACKLOG: i32 = 0;

/// Whole seconds until a timer fires, rounded up: the timer read right
/// after it was set shows a little less than its full length.
fn whole_seconds(ms: u32) -> String {
    format!("{} s", ms.div_ceil(1000))
}

/// The server's SYN-ACK retransmissions, which the course times as 5 s,
/// then 3 s, then 1 s. A handshake whose last ACK arrives while the accept
/// queue is full is not completed: Linux drops that ACK (unless
/// net.ipv4.tcp_abort_on_overflow is set), keeps the connection in
/// SYN_RECV and sends its SYN-ACK again on a timer that starts at 1 s and
/// doubles (1, 2, 4, 8, 16 s, until net.ipv4.tcp_synack_retries).
///
/// To make the last ACK late without privileges, the client turns
/// TCP_QUICKACK off before connecting (tcp(7)): it then delays the ACK of
/// the SYN-ACK (up to 200 ms, hoping to send data with it), and in that
/// time a second client fills the queue. The lab reads the server's
/// request for the first client with sock_diag (what `ss -o` shows as
/// `timer:(on,992ms,0)`), waits until the kernel has sent the SYN-ACK
/// again, and reads the timer once more: about one second of waiting.
fn synack_retries() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A handshake whose last ACK comes while the queue is full: the server keeps it in SYN_RECV and resends its SYN-ACK.",
        "the SYN-ACK timer: 1 s, then 2 s after the first resend (the course: 5 s, 3 s, 1 s).",
    );
    let (_listener, address) =
        net::tcp_listener_with_backlog(SYNACK_BACKLOG).step("listening with backlog 0")?;
    let late = net::tcp_socket().step("creating the late client")?;
    late.set_tcp_quickack(false)
        .step("turning TCP_QUICKACK off")?;
    late.set_nonblocking(true)
        .step("making the connect non-blocking")?;
    match late.connect(&address.into()) {
        Err(error) if error.raw_os_error() == Some(libc::EINPROGRESS) => {}
        other => other.step("starting the late client's connect")?,
    }
    // The SYN-ACK arrived: the client is ESTABLISHED, its ACK still held.
    net::wait_until("the late client's handshake", || {
        Ok(net::tcp_info(&late)?.state == TcpState::Established)
    })
    .step("waiting for the SYN-ACK")?;
    let late_address = net::local_addr(&late).step("reading the late client's address")?;
    // The second client fills the queue before the late ACK comes.
    let filler = net::connect_nonblocking(address).step("connecting the second client")?;
    net::wait_for_handshakes(&[&filler], ANSWER_WINDOW).step("watching its handshake")?;
    let request = || -> Result<net::Diagnosis, LabError> {
        net::connection(address, late_address)
            .step("asking sock_diag for the late client's request")?
            .ok_or_else(|| io::Error::other("no request for the late client"))
            .step("finding the late client's request")
    };
    let first = request()?;
    net::wait_until("the SYN-ACK to be sent again", || {
        Ok(net::connection(address, late_address)?.is_some_and(|found| found.retransmits >= 1))
    })
    .step("waiting for the first SYN-ACK retransmission")?;
    let second = request()?;
    drop(filler);
    Ok(vec![
        expect::exact(
            "synack-state",
            "last ACK while the queue is full: server's end",
            TcpState::SynRecv.to_string(),
            first.state.to_string(),
        ),
        expect::exact(
            "synack-first-timer",
            "  SYN-ACK timer (sock_diag); the course: 5 s",
            "1 s".to_string(),
            whole_seconds(first.expires_ms),
        ),
        expect::exact(
            "synack-second-timer",
            "  after 1 resend, the next in; the course: 3 s",
            "1 resend, 2 s".to_string(),
            format!(
                "{} resend, {}",
                second.retransmits,
                whole_seconds(second.expires_ms)
            ),
        ),
    ])
}

/// What a refusal looks like, for contrast: a connect to a port where a
/// socket is bound but nobody listens draws an RST, and connect fails with
/// ECONNREFUSED at once. The bound socket keeps the port from being reused
/// by anyone else while the lab tries it. On the wire: a SYN, and the RST
/// that answers it.
fn refused_for_contrast(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    let bound = net::tcp_socket().step("creating the non-listening socket")?;
    bound
        .bind(&net::loopback_any_port().into())
        .step("binding the non-listening socket")?;
    let address = net::local_addr(&bound).step("reading its address")?;
    let client = net::connect_nonblocking(address).step("connecting to it")?;
    let client_address = client_addresses(std::slice::from_ref(&client))?;
    let state =
        net::wait_for_handshakes(&[&client], ANSWER_WINDOW).step("watching the handshake")?[0];
    let error = connect_error(&client)?;
    // The client is CLOSE: it has received the RST, so the RST is in the
    // capture.
    Ok(vec![
        expect::exact(
            "refused-contrast",
            "for contrast: connect where nobody listens",
            "CLOSE, ECONNREFUSED".to_string(),
            format!("{state}, {error}"),
        ),
        segments_check(
            "wire-refused-contrast",
            "  on the wire: its segments, both ways",
            "client S, server R.",
            wire,
            address,
            &client_address,
        ),
    ])
}

/// SO_ERROR (socket(7)) of a connecting socket: "none" while the connect
/// is pending or done, the errno name (ECONNREFUSED...) if it failed.
fn connect_error(client: &Socket) -> Result<String, LabError> {
    Ok(match client.take_error().step("reading SO_ERROR")? {
        None => "none".to_string(),
        Some(error) => net::outcome::<()>(&Err(error)),
    })
}

/// "ESTABLISHED ×3, SYN_SENT ×2": runs of equal states, in order.
fn state_list(states: &[TcpState]) -> String {
    let mut runs: Vec<(TcpState, usize)> = Vec::new();
    for &state in states {
        match runs.last_mut() {
            Some((last, count)) if *last == state => *count += 1,
            _ => runs.push((state, 1)),
        }
    }
    runs.iter()
        .map(|(state, count)| format!("{state} ×{count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_lists_count_runs_in_order() {
        use TcpState::{Established, SynSent};
        assert_eq!(
            state_list(&[Established, Established, SynSent]),
            "ESTABLISHED ×2, SYN_SENT ×1"
        );
        assert_eq!(
            state_list(&[Established, SynSent, Established]),
            "ESTABLISHED ×1, SYN_SENT ×1, ESTABLISHED ×1"
        );
        assert_eq!(state_list(&[]), "");
    }
}
