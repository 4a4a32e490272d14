//! /proc/net/tcp: every IPv4 TCP socket on the machine, including the ones
//! no process owns any more (TIME_WAIT), which TCP_INFO cannot reach because
//! their file descriptor is gone (proc(5)).
//!
//! A line looks like
//! `0: 0100007F:A1B2 0100007F:C3D4 06 ...`: local address, remote address
//! (hex, the IP in network byte order read as a host-order number) and the
//! state in hex (06 = TIME_WAIT, numbered as in [`TcpState`]).

use std::io;
use std::net::{Ipv4Addr, SocketAddrV4};

use super::TcpState;

/// One row of /proc/net/tcp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpTableEntry {
    pub local: SocketAddrV4,
    pub remote: SocketAddrV4,
    pub state: TcpState,
}

/// Reads and parses /proc/net/tcp now.
pub fn read_tcp_table() -> io::Result<Vec<TcpTableEntry>> {
    let text = std::fs::read_to_string("/proc/net/tcp")?;
    Ok(parse_tcp_table(&text))
}

/// Parses the text of /proc/net/tcp; malformed lines are skipped.
pub fn parse_tcp_table(text: &str) -> Vec<TcpTableEntry> {
    text.lines().skip(1).filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<TcpTableEntry> {
    let mut fields = line.split_whitespace().skip(1);
    let local = parse_address(fields.next()?)?;
    let remote = parse_address(fields.next()?)?;
    let state = u8::from_str_radix(fields.next()?, 16).ok()?;
    Some(TcpTableEntry {
        local,
        remote,
        state: TcpState::from_kernel(state),
    })
}

/// `0100007F:1F90` → 127.0.0.1:8080. The kernel prints the four address
/// octets as one 32-bit number in the machine's own byte order (so on
/// little-endian machines they look reversed); the port is plain hex.
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
    fn parses_a_time_wait_line() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue\n   \
             0: 0100007F:1F90 0100007F:C350 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000\n";
        let entries = parse_tcp_table(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].local, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(entries[0].remote, "127.0.0.1:50000".parse().unwrap());
        assert_eq!(entries[0].state, TcpState::TimeWait);
    }

    #[test]
    fn skips_garbage() {
        assert!(parse_tcp_table("header\nnot a line\n").is_empty());
    }
}
