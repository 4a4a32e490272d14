//! Turning offloads off on an interface: what `ethtool -K <interface> tso
//! off` and `ethtool -K <interface> tx off` do (ethtool(8)).
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
//! Transmit checksum offload is the same idea for checksums: the kernel
//! leaves the TCP or UDP checksum for the card to fill in (the frame is
//! marked CHECKSUM_PARTIAL and carries only the pseudo-header's sum). A
//! veth pair passes the mark to its peer, which trusts it, so on a plain
//! veth link nobody ever computes the checksum. socklab's impaired link
//! ([`super::ImpairedLink`]) copies frames through a packet socket, which
//! sends exactly the bytes it is given without the mark: an unfinished
//! checksum would arrive as a wrong one, and the receiver would drop the
//! packet. With `tx off` the kernel finishes every checksum in software
//! before the frame leaves, so the copied bytes are complete.
//!
//! The requests are the legacy `ETHTOOL_STSO` and `ETHTOOL_STXCSUM`
//! commands, sent with the
//! `SIOCETHTOOL` ioctl on any socket of the interface's namespace
//! (netdevice(7)); it needs CAP_NET_ADMIN there.

use std::io;
use std::os::fd::AsRawFd;

/// `ETHTOOL_STSO` of linux/ethtool.h: "Set TSO enable (ethtool_value)".
const ETHTOOL_STSO: u32 = 0x0000_001f;

/// `ETHTOOL_STXCSUM` of linux/ethtool.h: "Set TX hw csum enable
/// (ethtool_value)".
const ETHTOOL_STXCSUM: u32 = 0x0000_0017;

/// `struct ethtool_value` of linux/ethtool.h.
#[repr(C)]
struct EthtoolValue {
    cmd: u32,
    data: u32,
}

/// Turns TSO off on `interface`, in the calling thread's namespace.
pub(crate) fn disable_tcp_segmentation_offload(interface: &str) -> io::Result<()> {
    switch_off(interface, ETHTOOL_STSO, "TSO")
}

/// Turns transmit checksum offload off on `interface`, in the calling
/// thread's namespace: the kernel then completes every checksum itself.
pub(crate) fn disable_checksum_offload(interface: &str) -> io::Result<()> {
    switch_off(interface, ETHTOOL_STXCSUM, "tx checksumming")
}

/// Sends the ethtool command `cmd` with value 0 (off) for `interface`.
fn switch_off(interface: &str, cmd: u32, what: &str) -> io::Result<()> {
    let name = interface.as_bytes();
    if name.is_empty() || name.len() >= libc::IFNAMSIZ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{interface:?} is no interface name"),
        ));
    }
    let mut value = EthtoolValue { cmd, data: 0 };
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
    // ethtool_value, as SIOCETHTOOL with a set-value command expects; both outlive
    // the call.
    let result = unsafe { libc::ioctl(socket.as_raw_fd(), libc::SIOCETHTOOL, &raw mut request) };
    if result < 0 {
        let error = io::Error::last_os_error();
        return Err(io::Error::new(
            error.kind(),
            format!("turning {what} off on {interface} (SIOCETHTOOL): {error}"),
        ));
    }
    Ok(())
}
