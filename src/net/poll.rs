//! Waiting for a file descriptor to be ready: poll(2).
//!
//! A non-blocking send that fails with EAGAIN means "the send queue is
//! full"; a pipe with nothing in it means "the child has not written yet".
//! The right way to wait in both cases is to ask the kernel to wake you when
//! the descriptor is ready (poll(2)), not to retry in a loop or sleep. This
//! is what Python's `sendall` does on a socket with a timeout.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

use socket2::Socket;

/// poll(2) on `fds` for `events`, for at most `timeout` (rounded up to the
/// next millisecond, so that less than one left still waits). Returns,
/// per descriptor, whether it is ready, including POLLERR and POLLHUP: the
/// next call on it returns the error or the end of file. A signal that
/// interrupts the wait (EINTR) restarts it.
pub fn poll_ready(
    fds: &[RawFd],
    events: libc::c_short,
    timeout: Duration,
) -> io::Result<Vec<bool>> {
    let mut entries: Vec<libc::pollfd> = fds
        .iter()
        .map(|&fd| libc::pollfd {
            fd,
            events,
            revents: 0,
        })
        .collect();
    let timeout_ms = libc::c_int::try_from(timeout.as_millis() + 1).unwrap_or(libc::c_int::MAX);
    loop {
        // SAFETY: `entries` is a live, initialised array of pollfd and the
        // count passed is its length.
        let result = super::check(unsafe {
            libc::poll(
                entries.as_mut_ptr(),
                entries.len() as libc::nfds_t,
                timeout_ms,
            )
        });
        match result {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
            Ok(_) => return Ok(entries.iter().map(|entry| entry.revents != 0).collect()),
        }
    }
}

/// Blocks until `socket` is writable (POLLOUT), or has an error or hang-up
/// to report, for at most `timeout`. Returns false if the timeout expired
/// first.
pub fn wait_writable(socket: &Socket, timeout: Duration) -> io::Result<bool> {
    Ok(poll_ready(&[socket.as_raw_fd()], libc::POLLOUT, timeout)?[0])
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

    #[test]
    fn readiness_follows_the_receive_queue() -> io::Result<()> {
        let pair = tcp_pair()?;
        let fd = pair.server.as_raw_fd();
        assert_eq!(poll_ready(&[fd], libc::POLLIN, Duration::ZERO)?, [false]);
        crate::net::send_all(&pair.client, b"x")?;
        assert_eq!(
            poll_ready(&[fd], libc::POLLIN, Duration::from_secs(1))?,
            [true]
        );
        Ok(())
    }
}
