//! sock_diag(7): ask the kernel for ONE TCP connection by its addresses.
//!
//! A connection whose file descriptor is closed (TIME_WAIT, LAST_ACK) can no
//! longer be asked through TCP_INFO. The kernel still has it in its socket
//! tables, and two windows show them: the text file /proc/net/tcp, and the
//! netlink socket-diagnostics interface that `ss` uses. socklab uses the
//! second, for a reason worth knowing: /proc/net/tcp is produced one page per
//! read(2), and when other sockets open or close between two pages a row can
//! be skipped, so "not in the file" does not prove "gone". A sock_diag query
//! for an exact address pair is one lookup in the kernel's hash table: the
//! answer is the connection's state, or ENOENT when there is none.
//!
//! The request is a netlink message (netlink(7)) of type
//! SOCK_DIAG_BY_FAMILY carrying a `struct inet_diag_req_v2`; the reply is a
//! `struct inet_diag_msg`, or an error message. Both are built and read here
//! byte by byte, in the layout of linux/inet_diag.h, so no unsafe code is
//! needed. No privileges are needed either.

use std::io;
use std::net::{SocketAddr, SocketAddrV4};

use socket2::{Domain, Protocol, Socket, Type};

use super::{IO_TIMEOUT, TcpState, Unavailable};

/// linux/sock_diag.h: the message type of a socket-diagnostics request.
const SOCK_DIAG_BY_FAMILY: u16 = 20;
/// linux/netlink.h: "this is a request"; without NLM_F_DUMP it asks for one
/// exact socket instead of a dump of all of them.
const NLM_F_REQUEST: u16 = 1;
/// linux/netlink.h: the type of an error (or acknowledgement) reply.
const NLMSG_ERROR: u16 = 2;
/// linux/inet_diag.h: skip the cookie check, match by addresses only.
const INET_DIAG_NOCOOKIE: u32 = u32::MAX;
/// Every TCP state, as a bit mask (1 << state).
const ALL_STATES: u32 = u32::MAX;

/// Sizes from linux/netlink.h and linux/inet_diag.h.
const NLMSG_HEADER_LEN: usize = 16;
const INET_DIAG_SOCKID_LEN: usize = 48;
const INET_DIAG_REQ_V2_LEN: usize = 8 + INET_DIAG_SOCKID_LEN;

/// The state of the IPv4 TCP connection from `local` to `remote` as the
/// kernel holds it now, or `None` when it holds none.
pub fn connection_state(local: SocketAddr, remote: SocketAddr) -> io::Result<Option<TcpState>> {
    Ok(connection(local, remote)?.map(|found| found.state))
}

/// One connection as sock_diag reports it: its state and its
/// retransmission timer (what `ss -o` shows as `timer:(on,992ms,0)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diagnosis {
    pub state: TcpState,
    /// `idiag_timer`: which timer runs ([`timer_name`]): 1 a retransmission
    /// timer (for a connection in SYN_RECV, the SYN-ACK's), 3 TIME_WAIT's,
    /// 0 none.
    pub timer: u8,
    /// `idiag_retrans`: for SYN_RECV, how many times the SYN-ACK was sent
    /// again.
    pub retransmits: u8,
    /// `idiag_expires`: milliseconds until the timer fires.
    pub expires_ms: u32,
}

/// The name `ss -o` gives an `idiag_timer` value (inet_diag's timer codes:
/// 1 retransmission, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe).
pub fn timer_name(timer: u8) -> &'static str {
    match timer {
        0 => "off",
        1 => "on",
        2 => "keepalive",
        3 => "timewait",
        4 => "persist",
        _ => "unknown",
    }
}

/// The IPv4 TCP connection from `local` to `remote` as the kernel holds it
/// now (its state and timer), or `None` when it holds none. A connection
/// still in SYN_RECV has no socket of its own yet, only the listener's
/// request for it; sock_diag finds that too.
pub fn connection(local: SocketAddr, remote: SocketAddr) -> io::Result<Option<Diagnosis>> {
    let (SocketAddr::V4(local), SocketAddr::V4(remote)) = (local, remote) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "connection_state handles IPv4 addresses only",
        ));
    };
    let netlink = Socket::new(
        Domain::from(libc::AF_NETLINK),
        Type::DGRAM,
        Some(Protocol::from(libc::NETLINK_SOCK_DIAG)),
    )?;
    netlink.set_read_timeout(Some(IO_TIMEOUT))?;
    // Unaddressed netlink messages go to the kernel (netlink(7)).
    netlink.send(&request(local, remote))?;
    let mut reply = vec![0u8; 8192];
    let mut reader: &Socket = &netlink;
    let length = io::Read::read(&mut reader, &mut reply)?;
    parse_reply(&reply[..length], local, remote)
}

/// [`Unavailable`] when this machine does not answer sock_diag queries (some
/// containers forbid netlink sockets); labs then skip the checks that need it.
pub fn availability() -> Result<(), Unavailable> {
    let loopback: SocketAddr = (std::net::Ipv4Addr::LOCALHOST, 0).into();
    connection_state(loopback, loopback)
        .map(drop)
        .map_err(|error| Unavailable {
            what: "sock_diag (netlink)",
            why: error.to_string(),
        })
}

/// Waits until neither end of a closed connection is still closing: each
/// is in TIME_WAIT or gone. Returns the state of the `a` end (local `a`,
/// remote `b`) and of the `b` end, `None` meaning gone.
///
/// Ends are found by their exact address pair, never by a port alone:
/// TIME_WAIT entries of earlier connections live for 60 s and must not be
/// mistaken for this one's.
pub fn wait_until_closed(
    a: SocketAddr,
    b: SocketAddr,
) -> io::Result<(Option<TcpState>, Option<TcpState>)> {
    let mut ends = (None, None);
    let settled = |end: Option<TcpState>| matches!(end, None | Some(TcpState::TimeWait));
    super::wait_until("both ends to be in TIME_WAIT or gone", || {
        ends = (connection_state(a, b)?, connection_state(b, a)?);
        Ok(settled(ends.0) && settled(ends.1))
    })?;
    Ok(ends)
}

/// A netlink header followed by an inet_diag_req_v2 for one exact socket.
fn request(local: SocketAddrV4, remote: SocketAddrV4) -> Vec<u8> {
    let total = NLMSG_HEADER_LEN + INET_DIAG_REQ_V2_LEN;
    let mut message = Vec::with_capacity(total);
    // struct nlmsghdr: length, type, flags, sequence number, port id; in
    // the machine's own byte order.
    message.extend_from_slice(&(total as u32).to_ne_bytes());
    message.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    message.extend_from_slice(&NLM_F_REQUEST.to_ne_bytes());
    message.extend_from_slice(&1u32.to_ne_bytes());
    message.extend_from_slice(&0u32.to_ne_bytes());
    // struct inet_diag_req_v2: family, protocol, extensions, padding, the
    // states to match, then the socket id.
    message.push(libc::AF_INET as u8);
    message.push(libc::IPPROTO_TCP as u8);
    message.push(0);
    message.push(0);
    message.extend_from_slice(&ALL_STATES.to_ne_bytes());
    message.extend_from_slice(&socket_id(local, remote));
    message
}

/// struct inet_diag_sockid: ports and addresses in network byte order
/// ("source" is the local end), interface, cookie.
fn socket_id(local: SocketAddrV4, remote: SocketAddrV4) -> Vec<u8> {
    let mut id = Vec::with_capacity(INET_DIAG_SOCKID_LEN);
    id.extend_from_slice(&local.port().to_be_bytes());
    id.extend_from_slice(&remote.port().to_be_bytes());
    // Each address field holds 16 bytes (room for IPv6); IPv4 uses the first 4.
    for address in [local.ip(), remote.ip()] {
        id.extend_from_slice(&address.octets());
        id.extend_from_slice(&[0; 12]);
    }
    id.extend_from_slice(&0u32.to_ne_bytes());
    id.extend_from_slice(&INET_DIAG_NOCOOKIE.to_ne_bytes());
    id.extend_from_slice(&INET_DIAG_NOCOOKIE.to_ne_bytes());
    id
}

/// Reads the kernel's answer: an inet_diag_msg (state, timer,
/// retransmits, the socket id, the timer's expiry), or an error message
/// whose ENOENT means "no such connection".
fn parse_reply(
    reply: &[u8],
    local: SocketAddrV4,
    remote: SocketAddrV4,
) -> io::Result<Option<Diagnosis>> {
    let malformed = || io::Error::new(io::ErrorKind::InvalidData, "malformed sock_diag reply");
    let header = reply.get(..NLMSG_HEADER_LEN).ok_or_else(malformed)?;
    let message_type = u16::from_ne_bytes([header[4], header[5]]);
    let body = &reply[NLMSG_HEADER_LEN..];
    if message_type == NLMSG_ERROR {
        let code = i32::from_ne_bytes(body.get(..4).ok_or_else(malformed)?.try_into().unwrap());
        return match -code {
            0 | libc::ENOENT => Ok(None),
            errno => Err(io::Error::from_raw_os_error(errno)),
        };
    }
    if message_type != SOCK_DIAG_BY_FAMILY {
        return Err(malformed());
    }
    // struct inet_diag_msg: family, state, timer, retransmits, socket id,
    // then expires (ms), in the machine's own byte order.
    let (state, timer, retransmits) = match body.get(1..4) {
        Some(&[state, timer, retransmits]) => (state, timer, retransmits),
        _ => return Err(malformed()),
    };
    let id = body
        .get(4..4 + INET_DIAG_SOCKID_LEN)
        .ok_or_else(malformed)?;
    let expires = body
        .get(4 + INET_DIAG_SOCKID_LEN..8 + INET_DIAG_SOCKID_LEN)
        .ok_or_else(malformed)?;
    // With no connection for the exact pair, the kernel's lookup falls back
    // to a LISTEN socket on the local port; that is not what was asked for.
    let expected = socket_id(local, remote);
    if id[..36] != expected[..36] {
        return Ok(None);
    }
    Ok(Some(Diagnosis {
        state: TcpState::from_kernel(state),
        timer,
        retransmits,
        expires_ms: u32::from_ne_bytes([expires[0], expires[1], expires[2], expires[3]]),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{local_addr, recv_once, tcp_pair};

    #[test]
    fn finds_both_ends_of_a_connection_and_nothing_else() -> io::Result<()> {
        let pair = tcp_pair()?;
        let client = local_addr(&pair.client)?;
        let server = local_addr(&pair.server)?;
        assert_eq!(
            connection_state(client, server)?,
            Some(TcpState::Established)
        );
        assert_eq!(
            connection_state(server, client)?,
            Some(TcpState::Established)
        );
        let nowhere: SocketAddr = "127.0.0.1:1".parse().unwrap();
        assert_eq!(connection_state(client, nowhere)?, None);
        Ok(())
    }

    #[test]
    fn sees_time_wait_after_the_descriptor_is_gone() -> io::Result<()> {
        let pair = tcp_pair()?;
        let client = local_addr(&pair.client)?;
        let server = local_addr(&pair.server)?;
        drop(pair.server);
        assert!(recv_once(&pair.client, 1)?.is_empty());
        drop(pair.client);
        assert_eq!(
            wait_until_closed(server, client)?,
            (Some(TcpState::TimeWait), None)
        );
        Ok(())
    }

    #[test]
    fn this_machine_answers() {
        assert_eq!(availability(), Ok(()));
    }

    #[test]
    fn refuses_ipv6() {
        let v6: SocketAddr = "[::1]:1".parse().unwrap();
        let v4: SocketAddr = "127.0.0.1:1".parse().unwrap();
        assert!(connection_state(v6, v4).is_err());
    }
}
