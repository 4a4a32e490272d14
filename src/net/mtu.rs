//! Segment and packet sizes: the MSS side of TCP_INFO (tcp(7)) and the path
//! MTU options of ip(7). socket2 has getters for none of them, so this file
//! holds small unsafe getsockopt/setsockopt calls like the ones in
//! `tcp_info.rs`.
//!
//! | value                | where it comes from                                 |
//! |----------------------|-----------------------------------------------------|
//! | `tcpi_advmss`        | the MSS this end advertised to its peer, minus the  |
//! |                      | TCP options every segment carries (timestamps)      |
//! | `tcpi_data_segs_in`  | data-carrying segments received                     |
//! | `IP_MTU`             | the path MTU of a connected socket (ip(7))          |
//! | `IP_MTU_DISCOVER`    | `IP_PMTUDISC_DO` sets Don't Fragment on every packet|
//! |                      | and makes a send larger than the MTU fail (ip(7))   |

use std::io;
use std::os::fd::AsRawFd;

use socket2::Socket;

/// The receive-side and MSS fields of TCP_INFO that [`super::TcpInfo`] does
/// not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpSegmentInfo {
    /// `tcpi_advmss`: the MSS this end announced in its SYN (or SYN-ACK),
    /// less the bytes of options every segment carries.
    pub advmss: u32,
    /// `tcpi_data_segs_in`: data segments received. The kernel counts a
    /// GSO/GRO buffer as the number of segments it stands for.
    pub data_segs_in: u32,
}

/// Reads [`TcpSegmentInfo`] for a TCP socket (TCP_INFO, tcp(7)).
pub fn tcp_segment_info(socket: &Socket) -> io::Result<TcpSegmentInfo> {
    // SAFETY: tcp_info is a plain C struct of integers; all-zero is valid.
    let mut raw: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut length = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: the pointer and length describe `raw`, which outlives the
    // call; the kernel writes at most `length` bytes into it.
    let rc = unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut raw as *mut libc::tcp_info).cast(),
            &mut length,
        )
    };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(TcpSegmentInfo {
        advmss: raw.tcpi_advmss,
        data_segs_in: raw.tcpi_data_segs_in,
    })
}

/// `getsockopt(IPPROTO_IP, IP_MTU)`: the MTU of the route a CONNECTED socket
/// uses (ip(7)); ENOTCONN on an unconnected one.
pub fn path_mtu(socket: &Socket) -> io::Result<u32> {
    let mut mtu: libc::c_int = 0;
    let mut length = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: the pointer and length describe `mtu`, a live c_int.
    let rc = unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_IP,
            libc::IP_MTU,
            (&mut mtu as *mut libc::c_int).cast(),
            &mut length,
        )
    };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(mtu as u32)
}

/// `setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO)` (ip(7)): every
/// packet carries Don't Fragment, so the kernel never fragments a datagram
/// and a send larger than the path MTU fails with EMSGSIZE.
pub fn set_dont_fragment(socket: &Socket) -> io::Result<()> {
    let value: libc::c_int = libc::IP_PMTUDISC_DO;
    // SAFETY: the pointer and length describe `value`, a live c_int.
    let rc = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_IP,
            libc::IP_MTU_DISCOVER,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{send_all, tcp_pair, udp_socket, wait_for_queued};

    #[test]
    fn received_segments_are_counted() -> io::Result<()> {
        let pair = tcp_pair()?;
        send_all(&pair.client, b"hello")?;
        wait_for_queued(&pair.server, 5)?;
        let info = tcp_segment_info(&pair.server)?;
        assert_eq!(info.data_segs_in, 1);
        assert!(info.advmss > 0);
        Ok(())
    }

    #[test]
    fn ip_mtu_needs_a_connected_socket() -> io::Result<()> {
        let (socket, address) = udp_socket()?;
        assert!(path_mtu(&socket).is_err());
        socket.connect(&address.into())?;
        assert!(path_mtu(&socket)? > 0);
        set_dont_fragment(&socket)
    }
}
