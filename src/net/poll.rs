//! Waiting until a socket can take more bytes: poll(2) with POLLOUT.
//!
//! A non-blocking send that fails with EAGAIN means "the send queue is
//! full"; the right way to wait for room is to ask the kernel to wake you
//! when there is some (poll(2), POLLOUT), not to retry in a loop or sleep.
//! This is what Python's `sendall` does on a socket with a timeout.

use std::io;
use std::os::fd::AsRawFd;
use std::time::Duration;

use socket2::Socket;

/// Blocks until `socket` is writable (POLLOUT), or has an error or hang-up
/// to report (POLLERR, POLLHUP: the next send will return it), for at most
/// `timeout`. Returns false if the timeout expired first.
pub fn wait_writable(socket: &Socket, timeout: Duration) -> io::Result<bool> {
    let mut entry = libc::pollfd {
        fd: socket.as_raw_fd(),
        events: libc::POLLOUT,
        revents: 0,
    };
    let timeout_ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    loop {
        // SAFETY: `entry` is one live, initialised pollfd and the count is 1.
        let ready = unsafe { libc::poll(&mut entry, 1, timeout_ms) };
        if ready == -1 {
            let error = io::Error::last_os_error();
            if error.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(error);
        }
        return Ok(ready > 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::tcp_pair;

    #[test]
    fn a_fresh_connection_is_writable() -> io::Result<()> {
        let pair = tcp_pair()?;
        assert!(wait_writable(&pair.client, Duration::from_millis(100))?);
        Ok(())
    }
}
