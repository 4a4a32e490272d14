//! What labs 20 to 22 share: the impaired link of one run
//! ([`ImpairedLink`]), or the reason there is none, and checks that are
//! skipped with that reason.
//!
//! The link exists only inside socklab's private network: on the host
//! network (`--host-network`, `SOCKLAB_NO_NAMESPACE=1`) socklab must not add
//! interfaces to the host, and where the kernel refuses a namespace or a
//! veth pair there is nothing to make it from. Either way every check of
//! these labs is skipped with the reason, never failed: the lesson needs
//! the link.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use socket2::{Domain, Protocol, Socket, Type};

use crate::expect::{self, Limit, Measurement, Observable};
use crate::lab::{Network, RunOptions};
use crate::net::{self, Unavailable};
use crate::report::CheckResult;
use crate::sandbox::{ImpairedLink, Impairments};
use crate::wire::Packets;

/// Why a run has no impaired link.
#[derive(Debug, thiserror::Error)]
pub enum NoLink {
    /// On the host network the lab must not add interfaces to the host.
    #[error("no impaired link on the host network ({0})")]
    HostNetwork(String),
    /// The kernel would not make the namespaces, the pairs or the relay.
    #[error("no impaired link here: {0}")]
    NotMade(io::Error),
}

/// A link with `impairments`, captured on the client's end (in `wire`),
/// or why there is none. The second value says whether the capture of the
/// link started: without it, checks of the link's packets are skipped.
pub fn make(
    options: &RunOptions,
    impairments: Impairments,
) -> Result<(ImpairedLink, Result<(), Unavailable>), NoLink> {
    match &options.network {
        Network::Host { reason } => Err(NoLink::HostNetwork(reason.clone())),
        Network::Private => {
            let link = ImpairedLink::create(impairments).map_err(NoLink::NotMade)?;
            let interface = link.addresses().client_interface;
            let capture = options
                .wire
                .add_interface(interface)
                .map_err(|error| Unavailable {
                    what: "the wire",
                    why: format!("capturing on {interface}: {error}"),
                });
            Ok((link, capture))
        }
    }
}

/// What an experiment on the link observed, with the capture it holds.
pub trait Observed {
    /// The packets captured during the experiment, or why there are none.
    fn wire(&self) -> &Result<Packets, Unavailable>;
}

/// An exact check of `seen`, skipped with the reason when there was no link.
pub fn exact<O, T: Observable>(
    seen: &Result<O, NoLink>,
    id: &str,
    name: &str,
    expected: T,
    observe: impl FnOnce(&O) -> T,
) -> CheckResult {
    match seen {
        Ok(seen) => expect::exact(id, name, expected, observe(seen)),
        Err(reason) => expect::skipped(id, name, expected, &reason.to_string()),
    }
}

/// A threshold check (at least `minimum`), skipped when there was no link.
pub fn at_least<O>(
    seen: &Result<O, NoLink>,
    id: &str,
    name: &str,
    minimum: impl Into<Limit>,
    observe: impl FnOnce(&O) -> Measurement,
) -> CheckResult {
    let minimum = minimum.into();
    match seen {
        Ok(seen) => expect::at_least(id, name, minimum, observe(seen)),
        Err(reason) => expect::skip(
            expect::at_least(id, name, minimum, std::time::Duration::ZERO),
            &reason.to_string(),
        ),
    }
}

/// An exact check of the link's packets, skipped when there was no link
/// or no complete capture of it.
pub fn on_wire<O: Observed, T: Observable>(
    seen: &Result<O, NoLink>,
    id: &str,
    name: &str,
    expected: T,
    observe: impl FnOnce(&O, &Packets) -> T,
) -> CheckResult {
    match seen {
        Ok(seen) => expect::on_wire(id, name, expected, seen.wire(), |packets| {
            observe(seen, packets)
        }),
        Err(reason) => expect::skipped(id, name, expected, &reason.to_string()),
    }
}

/// A threshold check of the link's packets (at least `minimum`), skipped
/// as [`on_wire`] is.
pub fn on_wire_at_least<O: Observed>(
    seen: &Result<O, NoLink>,
    id: &str,
    name: &str,
    minimum: impl Into<Limit>,
    observe: impl FnOnce(&O, &Packets) -> Option<Measurement>,
) -> CheckResult {
    let minimum = minimum.into();
    match seen {
        Ok(seen) => expect::on_wire_at_least(id, name, minimum, seen.wire(), |packets| {
            observe(seen, packets)
        }),
        Err(reason) => expect::skip(
            expect::at_least(id, name, minimum, std::time::Duration::ZERO),
            &reason.to_string(),
        ),
    }
}

/// A threshold check of the link's packets (below `limit`), skipped as
/// [`on_wire`] is; a mismatch when `observe` finds nothing to measure.
pub fn on_wire_below<O: Observed>(
    seen: &Result<O, NoLink>,
    id: &str,
    name: &str,
    limit: impl Into<Limit>,
    observe: impl FnOnce(&O, &Packets) -> Option<Measurement>,
) -> CheckResult {
    let limit = limit.into();
    let unmeasured = || expect::below(id, name, limit, std::time::Duration::ZERO);
    let packets = match seen {
        Err(reason) => return expect::skip(unmeasured(), &reason.to_string()),
        Ok(seen) => match seen.wire() {
            Err(unavailable) => return expect::skip(unmeasured(), &unavailable.why),
            Ok(packets) => (seen, packets),
        },
    };
    if let Some(reason) = packets.1.incomplete() {
        return expect::skip(unmeasured(), &reason);
    }
    match observe(packets.0, packets.1) {
        Some(measured) => expect::below(id, name, limit, measured),
        None => CheckResult {
            observed: "not on the wire".to_string(),
            observed_value: Some(crate::report::Value::Text("not on the wire".to_string())),
            verdict: crate::report::Verdict::Mismatch,
            ..unmeasured()
        },
    }
}

/// A TCP listener on `address` (and a port the kernel picks), in the
/// calling thread's namespace: run it in the server's.
pub fn listener_on(address: Ipv4Addr) -> io::Result<Socket> {
    let listener = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    net::set_timeouts(&listener, net::IO_TIMEOUT)?;
    listener.bind(&SocketAddr::from((address, 0)).into())?;
    listener.listen(4)?;
    Ok(listener)
}

/// Accepts the connection from `client`, setting aside any other queued
/// before it (a lab with two connections cannot know which comes first).
pub fn accept_from(listener: &Socket, client: SocketAddr) -> io::Result<Socket> {
    loop {
        let accepted = net::tcp_accept(listener)?;
        if accepted.peer_addr()?.as_socket() == Some(client) {
            return Ok(accepted);
        }
    }
}

/// A TCP client socket bound to `address`, the client's end of the link.
pub fn client_on(address: Ipv4Addr) -> io::Result<Socket> {
    let client = net::tcp_socket()?;
    client.bind(&SocketAddr::from((address, 0)).into())?;
    Ok(client)
}

/// A UDP socket bound to `address` in the calling thread's namespace.
pub fn udp_socket_on(address: Ipv4Addr) -> io::Result<(Socket, SocketAddr)> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))?;
    net::set_timeouts(&socket, net::IO_TIMEOUT)?;
    socket.bind(&SocketAddr::from((address, 0)).into())?;
    let bound = net::local_addr(&socket)?;
    Ok((socket, bound))
}
