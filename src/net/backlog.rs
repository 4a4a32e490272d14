//! The accept queue of listen(2), and connects that may not complete: what
//! labs 12 and 13 share.
//!
//! A listener's backlog is the length of its accept queue: connections
//! whose handshake is complete and that wait for accept(2). TCP_INFO on a
//! LISTEN socket reports that queue instead of a connection's counters
//! (tcp(7); the kernel's tcp_get_info): `tcpi_unacked` is the number of
//! connections waiting, `tcpi_sacked` the backlog the kernel applies (the
//! one passed to listen(2), capped at net.core.somaxconn).

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use socket2::Socket;

use super::{TcpState, local_addr, loopback_any_port, tcp_info, tcp_socket};

/// A TCP listener on 127.0.0.1, a kernel-chosen port, and `listen(backlog)`.
pub fn tcp_listener_with_backlog(backlog: i32) -> io::Result<(Socket, SocketAddr)> {
    let listener = tcp_socket()?;
    listener.bind(&loopback_any_port().into())?;
    listener.listen(backlog)?;
    let address = local_addr(&listener)?;
    Ok((listener, address))
}

/// A listener's accept queue, as the kernel reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptQueue {
    /// Completed connections waiting for accept(2) (`sk_ack_backlog`).
    pub waiting: u32,
    /// The backlog in force (`sk_max_ack_backlog`): listen(2)'s argument,
    /// capped at net.core.somaxconn.
    pub backlog: u32,
}

/// Reads the accept queue of a LISTEN socket through TCP_INFO (tcp(7)).
pub fn accept_queue(listener: &Socket) -> io::Result<AcceptQueue> {
    let info = super::tcp_info(listener)?;
    if info.state != TcpState::Listen {
        return Err(io::Error::other("accept_queue needs a listening socket"));
    }
    Ok(AcceptQueue {
        waiting: info.unacked,
        backlog: info.sacked,
    })
}

/// Waits until `count` connections sit in the listener's accept queue: the
/// server side of their handshakes is done, not only the client side.
pub fn wait_for_accept_queue(listener: &Socket, count: u32) -> io::Result<()> {
    super::wait_until(&format!("{count} connections in the accept queue"), || {
        Ok(accept_queue(listener)?.waiting >= count)
    })
}

/// Starts a connect and returns at once, as a non-blocking socket does
/// (connect(2): EINPROGRESS). The handshake goes on in the kernel; the
/// socket is back in blocking mode (with the lab timeouts) on return.
pub fn connect_nonblocking(address: SocketAddr) -> io::Result<Socket> {
    let client = tcp_socket()?;
    client.set_nonblocking(true)?;
    match client.connect(&address.into()) {
        Ok(()) => {}
        Err(error) if error.raw_os_error() == Some(libc::EINPROGRESS) => {}
        Err(error) => return Err(error),
    }
    client.set_nonblocking(false)?;
    Ok(client)
}

/// Watches the clients' TCP states (TCP_INFO) until none is in SYN_SENT any
/// more or `window` has passed, and returns the states. A client still in
/// SYN_SENT at the end got no answer to its SYN within the window.
pub fn wait_for_handshakes(clients: &[&Socket], window: Duration) -> io::Result<Vec<TcpState>> {
    let deadline = Instant::now() + window;
    loop {
        let states = clients
            .iter()
            .map(|client| tcp_info(client).map(|info| info.state))
            .collect::<io::Result<Vec<_>>>()?;
        if !states.contains(&TcpState::SynSent) || Instant::now() >= deadline {
            return Ok(states);
        }
        std::thread::sleep(Duration::from_micros(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listener_reports_its_backlog_and_waiting_connections() -> io::Result<()> {
        let (listener, address) = tcp_listener_with_backlog(4)?;
        assert_eq!(
            accept_queue(&listener)?,
            AcceptQueue {
                waiting: 0,
                backlog: 4
            }
        );
        let client = connect_nonblocking(address)?;
        let states = wait_for_handshakes(&[&client], Duration::from_secs(2))?;
        assert_eq!(states, [TcpState::Established]);
        wait_for_accept_queue(&listener, 1)?;
        assert_eq!(accept_queue(&listener)?.waiting, 1);
        Ok(())
    }
}
