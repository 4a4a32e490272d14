//! Packet sizes: the path MTU options of ip(7). socket2 has getters for
//! neither; rustix's `sockopt` module wraps both getsockopt/setsockopt calls
//! as safe functions.
//!
//! | value                | where it comes from                                 |
//! |----------------------|-----------------------------------------------------|
//! | `IP_MTU`             | the path MTU of a connected socket (ip(7))          |
//! | `IP_MTU_DISCOVER`    | `IP_PMTUDISC_DO` sets Don't Fragment on every packet|
//! |                      | and makes a send larger than the MTU fail (ip(7))   |

use std::io;

use rustix::net::sockopt::{self, Ipv4PathMtuDiscovery};
use socket2::Socket;

/// `getsockopt(IPPROTO_IP, IP_MTU)`: the MTU of the route a CONNECTED socket
/// uses (ip(7)); ENOTCONN on an unconnected one.
pub fn path_mtu(socket: &Socket) -> io::Result<u32> {
    Ok(sockopt::ip_mtu(socket)?)
}

/// `setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)` (ip(7)): every
/// packet carries Don't Fragment, so the kernel never fragments a datagram
/// and a send larger than the path MTU fails with EMSGSIZE.
pub fn set_dont_fragment(socket: &Socket) -> io::Result<()> {
    Ok(sockopt::set_ip_mtu_discover(
        socket,
        Ipv4PathMtuDiscovery::DO,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::udp_socket;

    #[test]
    fn ip_mtu_needs_a_connected_socket() -> io::Result<()> {
        let (socket, address) = udp_socket()?;
        assert!(path_mtu(&socket).is_err());
        socket.connect(&address.into())?;
        assert!(path_mtu(&socket)? > 0);
        set_dont_fragment(&socket)
    }
}
