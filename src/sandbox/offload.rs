//! Turning TCP segmentation offload off on an interface: what
//! `ethtool -K <interface> tso off` does (ethtool(8)).
//!
//! Why: with TSO on, TCP hands the interface one "super-segment" of up to
//! 64 KiB and lets the network card cut it into MSS-sized segments. A veth
//! pair passes super-segments to its peer uncut (nothing needs cutting on a
//! virtual wire), so a capture would show one 7240-byte segment where an
//! Ethernet wire carries five of 1448 bytes. With TSO off, the kernel cuts
//! them itself (generic segmentation offload, in software) *before* the
//! frames reach the packet socket: the capture then shows the segments a
//! real wire would carry.
//!
//! The request is the legacy `ETHTOOL_STSO` command, sent with the
//! `SIOCETHTOOL` ioctl on any socket of the interface's namespace
//! (netdevice(7)); it needs CAP_NET_ADMIN there.

use std::io;
use std::os::fd::AsRawFd;

/// `ETHTOOL_STSO` of linux/ethtool.h: "Set TSO enable (ethtool_value)".
const ETHTOOL_STSO: u32 = 0x0000_001f;

/// `struct ethtool_value` of linux/ethtool.h.
#[repr(C)]
struct EthtoolValue {
    cmd: u32,
    data: u32,
}

/// Turns TSO off on `interface`, in the calling thread's namespace.
pub(crate) fn disable_tcp_segmentation_offload(interface: &str) -> io::Result<()> {
    let name = interface.as_bytes();
    if name.is_empty() || name.len() >= libc::IFNAMSIZ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{interface:?} is no interface name"),
        ));
    }
    let mut value = EthtoolValue {
        cmd: ETHTOOL_STSO,
        data: 0,
    };
    let mut request = libc::ifreq {
        ifr_name: [0; libc::IFNAMSIZ],
        ifr_ifru: libc::__c_anonymous_ifr_ifru {
            ifru_data: (&raw mut value).cast(),
        },
    };
    for (slot, byte) in request.ifr_name.iter_mut().zip(name) {
        *slot = *byte as libc::c_char;
    }
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::DGRAM, None)?;
    // SAFETY: `request` is a complete ifreq with a NUL-terminated name (the
    // length was checked) whose data pointer points to `value`, a live
    // ethtool_value, as SIOCETHTOOL with ETHTOOL_STSO expects; both outlive
    // the call.
    let result = unsafe { libc::ioctl(socket.as_raw_fd(), libc::SIOCETHTOOL, &raw mut request) };
    if result < 0 {
        let error = io::Error::last_os_error();
        return Err(io::Error::new(
            error.kind(),
            format!("turning TSO off on {interface} (SIOCETHTOOL): {error}"),
        ));
    }
    Ok(())
}
