//! Lab 4: SO_REUSEADDR and TIME_WAIT.
//!
//! The side that closes a TCP connection first (the *active closer*) does not
//! forget it at once: after the last FIN/ACK exchange its end stays in
//! TIME_WAIT for 2*MSL, 60 s on Linux (tcp(7)). TIME_WAIT exists for two
//! reasons. The active closer sent the very last segment, the ACK of the
//! peer's FIN; if that ACK is lost the peer sends its FIN again, and only a
//! socket that still remembers the connection can answer it with an ACK
//! instead of an RST. And segments of the old connection may still be
//! wandering in the network: while the 4-tuple is held, a new connection
//! with the same addresses and ports cannot be opened and take such late
//! duplicates for its own data.
//!
//! A TIME_WAIT end still occupies its local port. When the server closed
//! first, that port is the server's well-known port, and restarting the
//! server fails in bind(2) with EADDRINUSE ("Address already in use"): the
//! course's pitfall C.1. SO_REUSEADDR (socket(7)) is the fix, with a Linux
//! twist: the kernel lets a new socket share a port with a TIME_WAIT end only
//! if BOTH have SO_REUSEADDR set, the new socket and the one the TIME_WAIT
//! end came from (an accepted socket inherits the option from its listener).
//! Setting it only on the new socket, which is enough on the BSDs, fails on
//! Linux. And when the client closed first, TIME_WAIT sits on the client's
//! port: the server's port is free and rebinding needs no option at all.
//!
//! The lab runs the whole matrix: SO_REUSEADDR on the old listener (orig) ×
//! on the new socket (new) × who closed first, and shows bind's result as an
//! errno name. It watches the TIME_WAIT ends through sock_diag(7), the
//! kernel interface `ss` uses and an unprivileged window on sockets no
//! process owns any more. It never waits the 60 s out.
//!
//! The capture shows the same story segment by segment: every connection
//! opens with SYN, SYN-ACK, ACK; the active closer's FIN is the first on
//! the wire, the passive closer's FIN follows, and the last segment is the
//! active closer's ACK of it, the one TIME_WAIT is kept for. Whether the
//! passive closer's ACK of the first FIN travels alone or rides on its own
//! FIN is timing: Linux delays that ACK (about 40 ms) in case an answer
//! follows, and a program that closes at once sends FIN and ACK together,
//! three segments instead of four. The checks compare only what never
//! varies.
//!
//! The sysctls the course suggests do not change any of this: tcp_tw_reuse
//! only lets *outgoing* connections (connect) reuse a TIME_WAIT 4-tuple, and
//! tcp_tw_recycle was removed in Linux 4.12 because it broke clients behind
//! NAT (tcp(7)).
//!
//! Last, what the address given to bind means: the course's `bind(('',
//! port))` is not "this host only" but INADDR_ANY, every address
//! (`bind_addresses`).

use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

use socket2::{Domain, Protocol, Socket, Type};

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpState, Unavailable};
use crate::report::CheckResult;
use crate::wire::packet::flags_in_order;
use crate::wire::{Packets, Side, TcpConversation, Wire};

pub const LAB: Lab = Lab {
    number: 4,
    slug: "reuseaddr-timewait",
    title: "SO_REUSEADDR and TIME_WAIT",
    shows: "the active closer keeps TIME_WAIT; rebinding over it needs SO_REUSEADDR on both sockets",
    summary: "The side that closes first keeps the connection in TIME_WAIT for 60 s, on its own port.\n\
              Server closed first: rebinding its port fails with EADDRINUSE unless the old listener\n\
              AND the new socket set SO_REUSEADDR. Client closed first: the server's port is free.\n\
              And bind('') is every address (127.0.0.2 gets in), not this host only.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/04-reuseaddr-timewait/README.md"),
    sheet_zh_cn: include_str!("../../labs/04-reuseaddr-timewait/README.zh-CN.md"),
    experiment: run,
};

/// The side that calls close() first: the active closer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closer {
    Server,
    Client,
}

impl Closer {
    /// The closer's end of the connection: the server is the accepted
    /// socket, the client the one that connected.
    fn side(self) -> Side {
        match self {
            Closer::Server => Side::Server,
            Closer::Client => Side::Client,
        }
    }

    fn name(self) -> &'static str {
        self.side().name()
    }
}

/// SO_REUSEADDR on the old listener (orig) and on the new socket (new): all
/// four combinations, in the order the table shows them.
const COMBINATIONS: [(bool, bool); 4] =
    [(false, false), (false, true), (true, false), (true, true)];

/// What bind(2) on the old server port returns on Linux while a TIME_WAIT end
/// of the old connection still exists, as this lab measures it on loopback
/// (SO_REUSEADDR in socket(7); the rule that both sockets need it is Linux's,
/// the BSDs only look at the new socket):
///
/// | who closed first | orig | new | rebind     |
/// |------------------|------|-----|------------|
/// | server           | no   | no  | EADDRINUSE |
/// | server           | no   | yes | EADDRINUSE |
/// | server           | yes  | no  | EADDRINUSE |
/// | server           | yes  | yes | OK         |
/// | client           | any  | any | OK         |
///
/// In words: a TIME_WAIT end on the port blocks the bind unless it and the
/// new socket both carry SO_REUSEADDR.
fn expected_rebind(closer: Closer, orig: bool, new: bool) -> &'static str {
    if closer == Closer::Server && !(orig && new) {
        "EADDRINUSE"
    } else {
        "OK"
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A server lives and dies eight times: SO_REUSEADDR on or off on the old and the new socket, the server or the client closing first; then the server restarts on the same port.",
        "where TIME_WAIT lands, whose FIN came first, and which restarts get EADDRINUSE.",
    );
    // TIME_WAIT ends have no file descriptor, so TCP_INFO cannot see them;
    // the kernel's socket-diagnostics interface can. Some containers forbid
    // it: then the state checks are skipped and the rebind checks still run.
    let diag = net::sock_diag_availability();
    let server_first = closing_first(Closer::Server, &diag, &options.wire)?;
    let client_first = closing_first(Closer::Client, &diag, &options.wire)?;
    let connections: Vec<TcpConversation> = server_first
        .connections
        .iter()
        .chain(&client_first.connections)
        .copied()
        .collect();
    // Every accept returned, so every handshake's last ACK has arrived.
    let mut checks = vec![expect::on_wire(
        "wire-handshakes",
        "on the wire: each of the 8 handshakes",
        "client S, server S., client .".to_string(),
        &options.wire.packets(),
        |packets| {
            agreed(
                connections
                    .iter()
                    .map(|&connection| handshake(connection, packets)),
            )
        },
    )];
    checks.extend(server_first.checks);
    checks.extend(client_first.checks);
    checks.extend(bind_addresses()?);
    Ok(checks)
}

/// The checks of one closer's four runs, and the connections they opened.
struct Group {
    checks: Vec<CheckResult>,
    connections: Vec<TcpConversation>,
}

/// Runs the four orig/new combinations with `closer` closing first. Returns
/// where TIME_WAIT ended up (one check per end of the connection, over all
/// four runs), what the wire showed of the closes, then one rebind check
/// per combination.
fn closing_first(
    closer: Closer,
    diag: &Result<(), Unavailable>,
    wire: &Wire,
) -> Result<Group, LabError> {
    let mut runs = Vec::new();
    let mut rebinds = Vec::new();
    for (orig, new) in COMBINATIONS {
        let observed = scenario(closer, orig, new, diag.is_ok())?;
        rebinds.push(expect::exact(
            &format!(
                "rebind-orig-{}-new-{}-{}-first",
                yes_no(orig),
                yes_no(new),
                closer.name()
            ),
            &format!(
                "orig={} new={}, {} closed first → rebind",
                yes_no(orig),
                yes_no(new),
                closer.name()
            ),
            expected_rebind(closer, orig, new).to_string(),
            observed.rebind.clone(),
        ));
        runs.push(observed);
    }

    // Only the active closer's end lingers in TIME_WAIT; the passive closer
    // went through LAST_ACK and is gone once the final ACK arrived.
    let (server_expected, client_expected) = match closer {
        Closer::Server => (Some(TcpState::TimeWait), None),
        Closer::Client => (None, Some(TcpState::TimeWait)),
    };
    let first = closer.name();
    let server_ends: Vec<_> = runs
        .iter()
        .filter_map(|run| run.ends)
        .map(|ends| ends.server)
        .collect();
    let client_ends: Vec<_> = runs
        .iter()
        .filter_map(|run| run.ends)
        .map(|ends| ends.client)
        .collect();
    let mut checks = vec![
        end_state_check(
            &format!("state-server-port-{first}-first"),
            &format!("{first} closed first → state left on the server's port"),
            server_expected,
            &server_ends,
            diag,
        ),
        end_state_check(
            &format!("state-client-port-{first}-first"),
            "  state left on the client's port",
            client_expected,
            &client_ends,
            diag,
        ),
    ];
    checks.extend(close_on_wire(closer, &runs, diag, &wire.packets()));
    checks.extend(rebinds);
    Ok(Group {
        checks,
        connections: runs.iter().map(|run| run.connection).collect(),
    })
}

/// What the wire showed of the four closes. Asked once every close has
/// finished: sock_diag showed the passive closer's end gone, so the active
/// closer's last ACK has arrived. Without sock_diag nothing says it has,
/// and these checks are skipped.
fn close_on_wire(
    closer: Closer,
    runs: &[Observed],
    diag: &Result<(), Unavailable>,
    wire: &Result<Packets, Unavailable>,
) -> Vec<CheckResult> {
    let first = closer.name();
    let other = closer.side().other().name();
    // The active closer's FIN is the first; its end is the one left in
    // TIME_WAIT.
    let time_wait = (
        format!("wire-first-fin-{first}-first"),
        "  on the wire: first FIN from; TIME_WAIT on",
        format!("{first}; {first}"),
    );
    // The FINs in order, then the last segment: the active closer's ACK of
    // the passive closer's FIN. (A pure ACK of the first FIN may come
    // between the FINs, or ride on the second: timing, not checked.)
    let close = (
        format!("wire-close-{first}-first"),
        "  on the wire: the FINs, then the last segment",
        format!("{first} F., {other} F., then {first} ."),
    );
    if let Err(reason) = diag {
        return [time_wait, close]
            .into_iter()
            .map(|(id, name, expected)| expect::skipped(&id, name, expected, &reason.to_string()))
            .collect();
    }
    vec![
        expect::on_wire(&time_wait.0, time_wait.1, time_wait.2, wire, |packets| {
            agreed(runs.iter().map(|run| {
                format!(
                    "{}; {}",
                    first_fin_from(run.connection, packets),
                    run.ends.map_or("unknown", time_wait_end)
                )
            }))
        }),
        expect::on_wire(&close.0, close.1, close.2, wire, |packets| {
            agreed(
                runs.iter()
                    .map(|run| fins_then_last(run.connection, packets)),
            )
        }),
    ]
}

/// The flags of a connection's first three segments: its handshake.
fn handshake(connection: TcpConversation, packets: &Packets) -> String {
    let segments = connection.segments(&packets.packets);
    flags_in_order(&segments[..segments.len().min(3)])
}

/// Which end sent the connection's first FIN: the active closer.
fn first_fin_from(connection: TcpConversation, packets: &Packets) -> &'static str {
    connection
        .segments(&packets.packets)
        .iter()
        .find(|segment| segment.segment.flags.fin)
        .map_or("nobody", |segment| segment.from.name())
}

/// The end sock_diag showed in TIME_WAIT.
fn time_wait_end(ends: Ends) -> &'static str {
    let in_time_wait = |state: Option<TcpState>| state == Some(TcpState::TimeWait);
    match (in_time_wait(ends.server), in_time_wait(ends.client)) {
        (true, false) => "server",
        (false, true) => "client",
        (true, true) => "both",
        (false, false) => "neither",
    }
}

/// The connection's FIN segments, then its last segment:
/// `server F., client F., then server .`.
fn fins_then_last(connection: TcpConversation, packets: &Packets) -> String {
    let segments = connection.segments(&packets.packets);
    let fins: Vec<_> = segments
        .iter()
        .filter(|segment| segment.segment.flags.fin)
        .copied()
        .collect();
    let last = segments.last().map_or("nothing".to_string(), |last| {
        flags_in_order(std::slice::from_ref(last))
    });
    format!("{}, then {last}", flags_in_order(&fins))
}

/// What one scenario observed.
struct Observed {
    /// bind(2) on the old server port: "OK" or the errno name.
    rebind: String,
    /// The final state of each end, from sock_diag (None if unavailable).
    ends: Option<Ends>,
    /// The connection, by its two addresses, to find it on the wire.
    connection: TcpConversation,
}

/// The final state of both ends of the closed connection; `None` means the
/// end is gone.
#[derive(Debug, Clone, Copy)]
struct Ends {
    /// local = the server's port, remote = the client's port.
    server: Option<TcpState>,
    /// local = the client's port, remote = the server's port.
    client: Option<TcpState>,
}

/// One server life: listen with SO_REUSEADDR = `orig`, serve one client,
/// close with `closer` first, then try to bind the same port again with a
/// new socket whose SO_REUSEADDR = `new` (what a restarted server does).
fn scenario(
    closer: Closer,
    orig: bool,
    new: bool,
    diag_available: bool,
) -> Result<Observed, LabError> {
    let (listener, server_addr) = net::tcp_listener(orig).step("binding the original listener")?;
    let client = net::tcp_connect(server_addr).step("connecting the client")?;
    let server = net::tcp_accept(&listener).step("accepting the client")?;
    let client_addr = net::local_addr(&client).step("reading the client's address")?;

    // The four-way close. Dropping a socket is close(2): the active closer
    // sends its FIN. The passive closer's recv then returns 0 bytes (EOF),
    // and it closes too, sending its own FIN.
    let (active, passive) = match closer {
        Closer::Server => (server, client),
        Closer::Client => (client, server),
    };
    drop(active);
    net::recv_once(&passive, 1).step("reading the EOF the active closer's FIN causes")?;
    drop(passive);
    // The server process is gone: its listener is closed too.
    drop(listener);

    // Before rebinding, wait until the kernel has finished the close: the
    // passive closer's LAST_ACK end still holds its port until the last ACK
    // arrives. Without sock_diag the lab can only rely on the EOF read
    // above; on loopback the final ACK is processed before close() returns
    // in practice, but nothing guarantees it.
    let ends = if diag_available {
        let (server, client) = net::wait_until_closed(server_addr, client_addr)
            .step("waiting for the close to finish")?;
        Some(Ends { server, client })
    } else {
        None
    };

    let rebind = rebind(server_addr, new)?;
    Ok(Observed {
        rebind,
        ends,
        connection: TcpConversation {
            client: client_addr,
            server: server_addr,
        },
    })
}

/// A new socket, SO_REUSEADDR = `reuse`, bound to the old server address:
/// "OK" or the errno name. The socket is closed again right away.
fn rebind(address: SocketAddr, reuse: bool) -> Result<String, LabError> {
    let socket = net::tcp_socket().step("creating the new server socket")?;
    socket
        .set_reuse_address(reuse)
        .step("setting SO_REUSEADDR on the new socket")?;
    Ok(net::outcome(&socket.bind(&address.into())))
}

fn state_name(state: Option<TcpState>) -> String {
    state.map_or_else(|| "none".to_string(), |state| state.to_string())
}

/// One check over the final states one end reached in the four runs: the
/// observed cell shows that state when the runs agree, and every run's
/// state, in order, when they do not.
fn end_state_check(
    id: &str,
    name: &str,
    expected: Option<TcpState>,
    seen: &[Option<TcpState>],
    diag: &Result<(), Unavailable>,
) -> CheckResult {
    if let Err(reason) = diag {
        return expect::skipped(id, name, state_name(expected), &reason.to_string());
    }
    let observed = agreed(seen.iter().map(|&state| state_name(state)));
    expect::exact(id, name, state_name(expected), observed)
}

// ---------------------------------------------------------------------------
// What bind's address means.
// ---------------------------------------------------------------------------

/// An address of the second loopback host: all of 127.0.0.0/8 is this
/// machine on Linux.
const OTHER_LOOPBACK: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// A documentation address (RFC 5737) that only the default route leads
/// to: connecting a UDP socket to it sends nothing and makes the kernel
/// choose the source address it would use, this host's own address.
const OUTSIDE: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(198, 51, 100, 1), 9));

/// This host's address on its default route, if it has one that is not
/// loopback.
fn host_address() -> Option<Ipv4Addr> {
    // Unbound: the connect picks the source address.
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).ok()?;
    socket.connect(&OUTSIDE.into()).ok()?;
    match net::local_addr(&socket).ok()? {
        SocketAddr::V4(address) if !address.ip().is_loopback() => Some(*address.ip()),
        _ => None,
    }
}

/// connect(2) to `ip`:`port`, with the lab timeout: OK or the errno.
fn connect_to(ip: Ipv4Addr, port: u16) -> Result<io::Result<()>, LabError> {
    let client = net::tcp_socket().step("creating a client")?;
    Ok(client.connect_timeout(
        &SocketAddr::V4(SocketAddrV4::new(ip, port)).into(),
        net::IO_TIMEOUT,
    ))
}

/// The course says `bind(('', port))` means "this host only". The empty
/// address is INADDR_ANY, 0.0.0.0: every address of the machine,
/// loopback and network interfaces alike (ip(7)). Binding 0.0.0.0 puts a
/// port on the network, so the lab fences the socket to the loopback
/// device first with SO_BINDTODEVICE (socket(7); no privilege needed since
/// Linux 5.7). Fenced, it still takes any loopback address (127.0.0.2 as
/// well as 127.0.0.1), which a socket bound to 127.0.0.1 refuses; what it
/// no longer takes is the network card's traffic, including this host's
/// own connections to its network address (the kernel counts those as
/// arriving on the card), so that row is measured for 127.0.0.1 only:
/// refused there too.
fn bind_addresses() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A listener bound to '' (0.0.0.0) and one bound to 127.0.0.1, each connected to via several of this host's addresses.",
        "'' accepts on every address; 127.0.0.1 only on itself.",
    );
    let host = host_address();
    let no_host = "no network address besides loopback here";
    let any = net::tcp_socket().step("creating the listener for ''")?;
    let fenced = any.bind_device(Some(b"lo"));
    let mut checks = Vec::new();
    let any_rows: [(&str, &str, Ipv4Addr); 2] = [
        (
            "bind-any-loopback",
            "bind(('', 0)), fenced to lo, connect via 127.0.0.1",
            Ipv4Addr::LOCALHOST,
        ),
        ("bind-any-loopback-2", "  via 127.0.0.2", OTHER_LOOPBACK),
    ];
    match fenced {
        Ok(()) => {
            any.bind(&SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)).into())
                .step("binding ''")?;
            any.listen(4).step("listening on ''")?;
            let port = net::local_addr(&any).step("reading the port")?.port();
            for (id, name, ip) in any_rows {
                checks.push(expect::succeeds(id, name, &connect_to(ip, port)?));
            }
        }
        Err(error) => {
            let reason = format!(
                "SO_BINDTODEVICE: {} (Linux before 5.7 needs CAP_NET_RAW; unfenced, 0.0.0.0 would be open to the network)",
                net::error_name(&error)
            );
            checks.extend(
                any_rows
                    .iter()
                    .map(|(id, name, _)| expect::skipped(id, name, "OK", &reason)),
            );
        }
    }
    let (local, address) = net::tcp_listener(false).step("listening on 127.0.0.1")?;
    let refused = net::errno_name(libc::ECONNREFUSED);
    checks.push(expect::errno(
        "bind-loopback-other",
        "bind(('127.0.0.1', 0)), connect via 127.0.0.2",
        libc::ECONNREFUSED,
        &connect_to(OTHER_LOOPBACK, address.port())?,
    ));
    checks.push(match host {
        Some(ip) => expect::errno(
            "bind-loopback-host",
            "  via this host's network address",
            libc::ECONNREFUSED,
            &connect_to(ip, address.port())?,
        ),
        None => expect::skipped(
            "bind-loopback-host",
            "  via this host's network address",
            refused,
            no_host,
        ),
    });
    drop(local);
    Ok(checks)
}

/// One cell for what several runs saw: the value when they all agree,
/// every run's value in order when they do not.
fn agreed(seen: impl Iterator<Item = String>) -> String {
    let seen: Vec<String> = seen.collect();
    match seen.as_slice() {
        [first, rest @ ..] if rest.iter().all(|value| value == first) => first.clone(),
        _ => seen.join(" | "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    #[test]
    fn agreeing_runs_show_one_state_and_disagreeing_runs_show_each() {
        let tw = Some(TcpState::TimeWait);
        let agree = end_state_check("s", "s", tw, &[tw, tw, tw, tw], &Ok(()));
        assert_eq!(agree.observed, "TIME_WAIT");
        assert_eq!(agree.verdict, Verdict::Pass);
        let differ = end_state_check("s", "s", tw, &[tw, None, tw, tw], &Ok(()));
        assert_eq!(differ.observed, "TIME_WAIT | none | TIME_WAIT | TIME_WAIT");
        assert_eq!(differ.verdict, Verdict::Mismatch);
    }

    #[test]
    fn no_sock_diag_skips_the_state_checks() {
        let reason = Unavailable {
            what: "sock_diag (netlink)",
            why: "permission denied".to_string(),
        };
        let check = end_state_check("s", "s", None, &[], &Err(reason));
        assert_eq!(check.verdict, Verdict::Skipped);
        assert_eq!(check.expected, "none");
        assert_eq!(
            check.reason.as_deref(),
            Some("sock_diag (netlink) unavailable: permission denied")
        );
    }
}
