//! TCP_INFO: the kernel's own view of a TCP connection (tcp(7)).
//!
//! `getsockopt(fd, IPPROTO_TCP, TCP_INFO)` fills a `struct tcp_info` with the
//! connection's state and counters. Neither socket2 nor rustix has a getter
//! for it, so this is one small unsafe call. The fields socklab reads:
//!
//! | field                | meaning                                              |
//! |----------------------|------------------------------------------------------|
//! | `tcpi_state`         | the TCP state (ESTABLISHED, TIME_WAIT, ...)          |
//! | `tcpi_unacked`       | segments sent and not yet acknowledged               |
//! | `tcpi_notsent_bytes` | bytes written by the app but held in the send queue  |
//! | `tcpi_data_segs_out` | data-carrying segments sent, retransmissions included|
//! | `tcpi_total_retrans` | segments retransmitted over the connection's life    |
//! | `tcpi_snd_mss`       | the current maximum segment size for sending         |
//! | `tcpi_advmss`        | the MSS this end announced, less per-segment options |
//! | `tcpi_data_segs_in`  | data-carrying segments received                      |
//! | `tcpi_sacked`        | segments SACKed; on a LISTEN socket, its backlog     |
//! | `tcpi_rtt`           | the smoothed round-trip time, in microseconds        |
//! | `tcpi_rcv_ooopack`   | segments received out of order (after a hole)        |
//!
//! On a LISTEN socket the kernel reuses two fields: `tcpi_unacked` is the
//! number of connections waiting in the accept queue and `tcpi_sacked` the
//! backlog in force (see `net::accept_queue`).

use std::fmt;
use std::io;
use std::os::fd::AsRawFd;

use socket2::Socket;

/// The TCP states, numbered as the kernel numbers them in `tcpi_state` and
/// in sock_diag replies and the `st` column of /proc/net/tcp
/// (include/net/tcp_states.h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpState {
    Established,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    NewSynRecv,
    Unknown(u8),
}

impl TcpState {
    pub fn from_kernel(code: u8) -> TcpState {
        match code {
            1 => TcpState::Established,
            2 => TcpState::SynSent,
            3 => TcpState::SynRecv,
            4 => TcpState::FinWait1,
            5 => TcpState::FinWait2,
            6 => TcpState::TimeWait,
            7 => TcpState::Close,
            8 => TcpState::CloseWait,
            9 => TcpState::LastAck,
            10 => TcpState::Listen,
            11 => TcpState::Closing,
            12 => TcpState::NewSynRecv,
            other => TcpState::Unknown(other),
        }
    }
}

impl fmt::Display for TcpState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            TcpState::Established => "ESTABLISHED",
            TcpState::SynSent => "SYN_SENT",
            TcpState::SynRecv => "SYN_RECV",
            TcpState::FinWait1 => "FIN_WAIT1",
            TcpState::FinWait2 => "FIN_WAIT2",
            TcpState::TimeWait => "TIME_WAIT",
            TcpState::Close => "CLOSE",
            TcpState::CloseWait => "CLOSE_WAIT",
            TcpState::LastAck => "LAST_ACK",
            TcpState::Listen => "LISTEN",
            TcpState::Closing => "CLOSING",
            TcpState::NewSynRecv => "NEW_SYN_RECV",
            TcpState::Unknown(code) => return write!(f, "state {code}"),
        };
        f.write_str(name)
    }
}

/// The TCP_INFO fields socklab uses (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpInfo {
    pub state: TcpState,
    pub unacked: u32,
    pub sacked: u32,
    pub notsent_bytes: u32,
    pub data_segs_out: u32,
    pub total_retrans: u32,
    pub snd_mss: u32,
    pub advmss: u32,
    /// Counts a GSO/GRO buffer as the number of segments it stands for.
    pub data_segs_in: u32,
    /// The smoothed round-trip time the kernel measured (`tcpi_rtt`).
    pub rtt: std::time::Duration,
    /// Segments that arrived beyond a hole and waited in the out-of-order
    /// queue (`tcpi_rcv_ooopack`, Linux 5.4).
    pub rcv_ooopack: u32,
}

impl TcpInfo {
    /// Data segments carrying NEW data: `data_segs_out` counts
    /// retransmissions too, and the tail-loss probe (RFC 8985) retransmits
    /// the last segment when an ACK is delayed. Subtracting
    /// `total_retrans` leaves the segments the application's writes made.
    pub fn new_data_segments(&self) -> u32 {
        self.data_segs_out.saturating_sub(self.total_retrans)
    }
}

/// Reads TCP_INFO for a TCP socket (tcp(7)).
pub fn tcp_info(socket: &Socket) -> io::Result<TcpInfo> {
    // SAFETY: tcp_info is a plain C struct of integers, so all-zero bytes
    // are a valid value. (An older kernel fills fewer bytes than this struct
    // has; the fields it does not know stay zero.)
    let mut raw: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut length = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: the pointer and length describe `raw`, a live local that
    // outlives the call; the kernel writes at most `length` bytes into it,
    // only integers, so `raw` stays a valid tcp_info. The descriptor is
    // borrowed from `socket`, so it is open (a closed one would only make
    // the call fail with EBADF).
    super::check(unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut raw as *mut libc::tcp_info).cast(),
            &mut length,
        )
    })?;
    Ok(TcpInfo {
        state: TcpState::from_kernel(raw.tcpi_state),
        unacked: raw.tcpi_unacked,
        sacked: raw.tcpi_sacked,
        notsent_bytes: raw.tcpi_notsent_bytes,
        data_segs_out: raw.tcpi_data_segs_out,
        total_retrans: raw.tcpi_total_retrans,
        snd_mss: raw.tcpi_snd_mss,
        advmss: raw.tcpi_advmss,
        data_segs_in: raw.tcpi_data_segs_in,
        rtt: std::time::Duration::from_micros(u64::from(raw.tcpi_rtt)),
        rcv_ooopack: raw.tcpi_rcv_ooopack,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::tcp_pair;

    #[test]
    fn a_fresh_connection_is_established_with_nothing_in_flight() -> io::Result<()> {
        let pair = tcp_pair()?;
        let info = tcp_info(&pair.client)?;
        assert_eq!(info.state, TcpState::Established);
        assert_eq!(info.unacked, 0);
        assert_eq!(info.notsent_bytes, 0);
        assert_eq!(info.data_segs_out, 0);
        assert!(info.snd_mss > 0);
        assert!(info.advmss > 0);
        Ok(())
    }

    #[test]
    fn received_segments_are_counted() -> io::Result<()> {
        let pair = tcp_pair()?;
        crate::net::send_all(&pair.client, b"hello")?;
        crate::net::wait_for_queued(&pair.server, 5)?;
        assert_eq!(tcp_info(&pair.server)?.data_segs_in, 1);
        Ok(())
    }

    #[test]
    fn state_names_match_the_kernel_numbering() {
        assert_eq!(TcpState::from_kernel(6).to_string(), "TIME_WAIT");
        assert_eq!(TcpState::from_kernel(10).to_string(), "LISTEN");
        assert_eq!(TcpState::from_kernel(99).to_string(), "state 99");
    }
}
