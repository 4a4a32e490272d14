//! A small route-netlink client: the five requests the sandbox needs.
//!
//! `ip link set lo up`, `ip link add ... type veth peer ...`, `ip address
//! add`, `ip link show` and `ip link del` are, underneath, messages on an
//! `AF_NETLINK` socket of protocol `NETLINK_ROUTE` (rtnetlink(7)): a
//! request with `NLM_F_ACK` makes the kernel answer (`ip link show` with
//! the link first) with an `NLMSG_ERROR` message whose error code is 0 on
//! success or `-errno` on failure (netlink(7)). This module builds those
//! messages with `netlink-packet-route`, sends them with `netlink-sys`, and
//! waits at most [`REPLY_TIMEOUT`] for each answer.
//!
//! A netlink socket talks to the network namespace it was *created* in, so a
//! request about the peer namespace is sent from a socket opened by a thread
//! that lives there.

use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::time::Duration;

use netlink_packet_core::{
    NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, NetlinkBuffer, NetlinkHeader,
    NetlinkMessage, NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, LinkAttribute, LinkFlags, LinkInfo, LinkMessage, State,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};

/// How long to wait for the kernel's acknowledgement of one request.
/// The kernel answers in microseconds; the bound only keeps a wedged
/// request from hanging the lab.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(2);

/// Room for one acknowledgement (an error message echoes the request's
/// header, so it stays small).
const REPLY_BUFFER_BYTES: usize = 16 * 1024;

/// An rtnetlink socket in the calling thread's network namespace.
pub struct RouteSocket {
    socket: Socket,
    next_sequence: u32,
}

/// The veth pair to create: its two names, their MTU and the namespace the
/// peer end goes to.
pub struct VethRequest<'a> {
    /// Name of the end that stays in the calling thread's namespace.
    pub name: &'a str,
    /// Name of the end created in `peer_namespace`.
    pub peer_name: &'a str,
    /// MTU of both ends.
    pub mtu: u32,
    /// A `/proc/.../ns/net` file descriptor of the namespace for the peer end.
    pub peer_namespace: BorrowedFd<'a>,
}

impl RouteSocket {
    /// Opens and binds an rtnetlink socket, with [`REPLY_TIMEOUT`] on reads.
    pub fn open() -> io::Result<RouteSocket> {
        let mut socket = Socket::new(NETLINK_ROUTE)?;
        socket.bind_auto()?;
        // Messages to port 0 go to the kernel.
        socket.connect(&SocketAddr::new(0, 0))?;
        socket2::SockRef::from(&socket).set_read_timeout(Some(REPLY_TIMEOUT))?;
        Ok(RouteSocket {
            socket,
            next_sequence: 1,
        })
    }

    /// `ip link set <index> up`: RTM_NEWLINK with `IFF_UP` in both the flags
    /// and the change mask (only the masked flags change).
    pub fn set_link_up(&mut self, index: u32) -> io::Result<()> {
        let mut link = LinkMessage::default();
        link.header.index = index;
        link.header.flags = LinkFlags::Up;
        link.header.change_mask = LinkFlags::Up;
        self.request(
            RouteNetlinkMessage::NewLink(link),
            0,
            &format!("bringing interface {index} up"),
        )
    }

    /// `ip link add <name> mtu <mtu> type veth peer name <peer_name> mtu
    /// <mtu> netns <peer_namespace>`: the peer end is created directly in its
    /// namespace (`IFLA_NET_NS_FD` inside `VETH_INFO_PEER`).
    pub fn add_veth(&mut self, veth: &VethRequest<'_>) -> io::Result<()> {
        let mut peer = LinkMessage::default();
        peer.attributes = vec![
            LinkAttribute::IfName(veth.peer_name.to_owned()),
            LinkAttribute::Mtu(veth.mtu),
            LinkAttribute::NetNsFd(veth.peer_namespace.as_raw_fd()),
        ];
        let mut link = LinkMessage::default();
        link.attributes = vec![
            LinkAttribute::IfName(veth.name.to_owned()),
            LinkAttribute::Mtu(veth.mtu),
            LinkAttribute::LinkInfo(vec![
                LinkInfo::Kind(InfoKind::Veth),
                LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer))),
            ]),
        ];
        self.request(
            RouteNetlinkMessage::NewLink(link),
            NLM_F_CREATE | NLM_F_EXCL,
            &format!("creating veth pair {} / {}", veth.name, veth.peer_name),
        )
    }

    /// `ip address add <address>/<prefix_len> dev <index>`.
    pub fn add_ipv4_address(
        &mut self,
        index: u32,
        address: Ipv4Addr,
        prefix_len: u8,
    ) -> io::Result<()> {
        let mut message = AddressMessage::default();
        message.header.family = AddressFamily::Inet;
        message.header.prefix_len = prefix_len;
        message.header.index = index;
        message.attributes = vec![
            AddressAttribute::Local(IpAddr::V4(address)),
            AddressAttribute::Address(IpAddr::V4(address)),
        ];
        self.request(
            RouteNetlinkMessage::NewAddress(message),
            NLM_F_CREATE | NLM_F_EXCL,
            &format!("adding {address}/{prefix_len} to interface {index}"),
        )
    }

    /// Whether interface `index` carries packets yet (`ip link show`:
    /// "state UP" and a qdisc other than `noop`). Bringing a link up only
    /// asks for it: the kernel's link watch, a moment later, sets the
    /// operational state and gives the interface its transmit queue
    /// (dev_activate). Until then the `noop` qdisc drops every packet,
    /// and the first SYN or ARP request would wait a second to be resent.
    pub fn carries_packets(&mut self, index: u32) -> io::Result<bool> {
        let mut link = LinkMessage::default();
        link.header.index = index;
        let answers = self.exchange(
            RouteNetlinkMessage::GetLink(link),
            0,
            &format!("reading the state of interface {index}"),
        )?;
        Ok(answers.iter().any(|answer| match answer {
            RouteNetlinkMessage::NewLink(link) => {
                let up = link
                    .attributes
                    .iter()
                    .any(|attribute| matches!(attribute, LinkAttribute::OperState(State::Up)));
                let queued = link.attributes.iter().any(
                    |attribute| matches!(attribute, LinkAttribute::Qdisc(qdisc) if qdisc != "noop"),
                );
                up && queued
            }
            _ => false,
        }))
    }

    /// `ip link del <index>`: deleting one end of a veth pair deletes both.
    pub fn delete_link(&mut self, index: u32) -> io::Result<()> {
        let mut link = LinkMessage::default();
        link.header.index = index;
        self.request(
            RouteNetlinkMessage::DelLink(link),
            0,
            &format!("deleting interface {index}"),
        )
    }

    /// Sends one request with `NLM_F_REQUEST | NLM_F_ACK | extra_flags` and
    /// waits for the acknowledgement carrying the same sequence number.
    fn request(
        &mut self,
        message: RouteNetlinkMessage,
        extra_flags: u16,
        what: &str,
    ) -> io::Result<()> {
        self.exchange(message, extra_flags, what).map(drop)
    }

    /// [`Self::request`], returning the messages the kernel answered with
    /// before its acknowledgement (the link of a `GetLink`).
    fn exchange(
        &mut self,
        message: RouteNetlinkMessage,
        extra_flags: u16,
        what: &str,
    ) -> io::Result<Vec<RouteNetlinkMessage>> {
        let sequence = self.next_sequence;
        self.next_sequence = self.next_sequence.wrapping_add(1);

        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | NLM_F_ACK | extra_flags;
        header.sequence_number = sequence;
        let mut request = NetlinkMessage::new(header, NetlinkPayload::InnerMessage(message));
        request.finalize();
        let mut bytes = vec![0; request.buffer_len()];
        request.serialize(&mut bytes);
        self.socket
            .send(&bytes, 0)
            .map_err(|error| with_context(error, what))?;

        let mut reply = vec![0u8; REPLY_BUFFER_BYTES];
        let mut answers = Vec::new();
        loop {
            let length = match self.socket.recv(&mut &mut reply[..], 0) {
                Ok(length) => length,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("{what}: no netlink answer within {REPLY_TIMEOUT:?}"),
                    ));
                }
                Err(error) => return Err(with_context(error, what)),
            };
            let datagram = &reply[..length.min(reply.len())];
            if let Some(outcome) = find_acknowledgement(datagram, sequence, &mut answers) {
                return outcome
                    .map(|()| answers)
                    .map_err(|error| with_context(error, what));
            }
        }
    }
}

/// Looks through one datagram of netlink messages for the acknowledgement of
/// request `sequence`: `Some(Ok)` for an ACK, `Some(Err)` for a NACK, `None`
/// when the datagram holds no acknowledgement of that request. The other
/// answers to it are added to `answers`.
fn find_acknowledgement(
    mut datagram: &[u8],
    sequence: u32,
    answers: &mut Vec<RouteNetlinkMessage>,
) -> Option<io::Result<()>> {
    while !datagram.is_empty() {
        let length = match NetlinkBuffer::new_checked(datagram) {
            Ok(buffer) => buffer.length() as usize,
            Err(error) => return Some(Err(invalid_reply(error))),
        };
        let (one, rest) = datagram.split_at(length.min(datagram.len()));
        datagram = rest;
        let message = match NetlinkMessage::<RouteNetlinkMessage>::deserialize(one) {
            Ok(message) => message,
            Err(error) => return Some(Err(invalid_reply(error))),
        };
        if message.header.sequence_number != sequence {
            continue;
        }
        match message.payload {
            NetlinkPayload::Error(error) => {
                return Some(match error.code {
                    None => Ok(()),
                    Some(_) => Err(error.to_io()),
                });
            }
            NetlinkPayload::InnerMessage(answer) => answers.push(answer),
            _ => {}
        }
    }
    None
}

fn invalid_reply(error: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("unreadable netlink reply: {error}"),
    )
}

fn with_context(error: io::Error, what: &str) -> io::Error {
    io::Error::new(error.kind(), format!("{what}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::ErrorMessage;
    use std::num::NonZeroI32;

    fn answer(sequence: u32, code: Option<NonZeroI32>) -> Vec<u8> {
        let mut header = NetlinkHeader::default();
        header.sequence_number = sequence;
        let mut error = ErrorMessage::default();
        error.code = code;
        let mut message: NetlinkMessage<RouteNetlinkMessage> =
            NetlinkMessage::new(header, NetlinkPayload::Error(error));
        message.finalize();
        let mut bytes = vec![0; message.buffer_len()];
        message.serialize(&mut bytes);
        bytes
    }

    #[test]
    fn an_ack_with_the_request_sequence_is_success() {
        assert!(matches!(
            find_acknowledgement(&answer(7, None), 7, &mut Vec::new()),
            Some(Ok(()))
        ));
    }

    #[test]
    fn a_nack_carries_the_errno() {
        let nack = answer(3, NonZeroI32::new(-libc::EEXIST));
        let outcome = find_acknowledgement(&nack, 3, &mut Vec::new());
        let error = outcome
            .and_then(Result::err)
            .map(|error| error.raw_os_error());
        assert_eq!(error, Some(Some(libc::EEXIST)));
    }

    #[test]
    fn answers_to_other_requests_are_skipped() {
        let mut datagram = answer(1, NonZeroI32::new(-libc::EPERM));
        datagram.extend(answer(2, None));
        assert!(matches!(
            find_acknowledgement(&datagram, 2, &mut Vec::new()),
            Some(Ok(()))
        ));
        assert!(find_acknowledgement(&answer(1, None), 9, &mut Vec::new()).is_none());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(
            find_acknowledgement(&[1, 2, 3], 1, &mut Vec::new()),
            Some(Err(error)) if error.kind() == io::ErrorKind::InvalidData
        ));
    }
}
