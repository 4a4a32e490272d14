//! Packet sizes: the path MTU options of ip(7). socket2 has getters for
//! neither, so this file holds small unsafe getsockopt/setsockopt calls like
//! the one in `tcp_info.rs`.
//!
//! | value                | where it comes from                                 |
//! |----------------------|-----------------------------------------------------|
//! | `IP_MTU`             | the path MTU of a connected socket (ip(7))          |
//! | `IP_MTU_DISCOVER`    | `IP_PMTUDISC_DO` sets Don't Fragment on every packet|
//! |                      | and makes a send larger than the MTU fail (ip(7))   |

use std::io;
use std::os::fd::AsRawFd;

use socket2::Socket;

/// `getsockopt(IPPROTO_IP, IP_MTU)`: the MTU of the route a CONNECTED socket
/// uses (ip(7)); ENOTCONN on an unconnected one.
pub fn path_mtu(socket: &Socket) -> io::Result<u32> {
    let mut mtu: libc::c_int = 0;
    let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: the pointer and length describe `mtu`, a live c_int.
    super::check(unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_IP,
            libc::IP_MTU,
            (&mut mtu as *mut libc::c_int).cast(),
            &mut length,
        )
    })?;
    Ok(mtu as u32)
}

/// `setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)` (ip(7)): every
/// packet carries Don't Fragment, so the kernel never fragments a datagram
/// and a send larger than the path MTU fails with EMSGSIZE.
pub fn set_dont_fragment(socket: &Socket) -> io::Result<()> {
    let value: libc::c_int = libc::IP_PMTUDISC_DO;
    // SAFETY: the pointer and length describe `value`, a live c_int.
    super::check(unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_IP,
            libc::IP_MTU_DISCOVER,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    })?;
    Ok(())
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
