//! /proc/net/udp: every IPv4 UDP socket on the machine, with two numbers no
//! socket option gives as directly (proc(5)):
//!
//! - `rx_queue`: the memory the socket's queued datagrams take, in bytes
//!   (each datagram counts with its kernel bookkeeping, its "truesize", so
//!   this is more than the payload).
//! - `drops`: datagrams the kernel threw away for this socket since it was
//!   created, most often because its receive buffer (SO_RCVBUF) was full.
//!
//! A line looks like
//! `12: 0100007F:A1B2 00000000:0000 07 00000000:00000300 00:00000000 00000000 0 0 123 2 0000000000000000 17`:
//! local and remote address (hex), state,
//! tx_queue:rx_queue (hex), ..., and drops last (decimal).

use std::io;
use std::net::{Ipv4Addr, SocketAddrV4};

/// One row of /proc/net/udp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpTableEntry {
    pub local: SocketAddrV4,
    pub remote: SocketAddrV4,
    /// Bytes of memory held by queued datagrams.
    pub rx_queue: u64,
    /// Datagrams dropped for this socket since it was created.
    pub drops: u64,
}

/// Reads and parses /proc/net/udp now.
pub fn read_udp_table() -> io::Result<Vec<UdpTableEntry>> {
    let text = std::fs::read_to_string("/proc/net/udp")?;
    Ok(parse_udp_table(&text))
}

/// The row of the UDP socket bound to `local`, if there is one.
pub fn udp_entry(local: SocketAddrV4) -> io::Result<Option<UdpTableEntry>> {
    Ok(read_udp_table()?
        .into_iter()
        .find(|entry| entry.local == local))
}

/// Parses the text of /proc/net/udp; malformed lines are skipped.
pub fn parse_udp_table(text: &str) -> Vec<UdpTableEntry> {
    text.lines().skip(1).filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<UdpTableEntry> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let local = parse_address(fields.get(1)?)?;
    let remote = parse_address(fields.get(2)?)?;
    let (_, rx_queue) = fields.get(4)?.split_once(':')?;
    let rx_queue = u64::from_str_radix(rx_queue, 16).ok()?;
    let drops = fields.last()?.parse().ok()?;
    Some(UdpTableEntry {
        local,
        remote,
        rx_queue,
        drops,
    })
}

/// `0100007F:1F90` → 127.0.0.1:8080 .
fn parse_address(field: &str) -> Option<SocketAddrV4> {
    let (ip, port) = field.split_once(':')?;
    let raw = u32::from_str_radix(ip, 16).ok()?;
    let ip = Ipv4Addr::from(raw.to_ne_bytes());
    let port = u16::from_str_radix(port, 16).ok()?;
    Some(SocketAddrV4::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_queue_and_drops() {
        let text = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n  \
             12: 0100007F:1F90 00000000:0000 07 00000000:00000300 00:00000000 00000000     0        0 123 2 0000000000000000 17\n";
        let entries = parse_udp_table(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].local, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(entries[0].remote, "0.0.0.0:0".parse().unwrap());
        assert_eq!(entries[0].rx_queue, 0x300);
        assert_eq!(entries[0].drops, 17);
    }

    #[test]
    fn skips_garbage() {
        assert!(parse_udp_table("header\nnot a line\n").is_empty());
    }
}
