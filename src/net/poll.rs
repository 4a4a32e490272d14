//! Waiting for a file descriptor to be ready: poll(2).
//!
//! A non-blocking send that fails with EAGAIN means "the send queue is
//! full"; a pipe with nothing in it means "the child has not written yet".
//! The right way to wait in both cases is to ask the kernel to wake you when
//! the descriptor is ready (poll(2)), not to retry in a loop or sleep. This
//! is what Python's `sendall` does on a socket with a timeout.

use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec};
use socket2::Socket;

/// poll(2) on `fds` for `events` (`libc::POLLIN`, `libc::POLLOUT`...), for
/// at most `timeout` (rounded up to the next millisecond, so that less than
/// one left still waits). Returns, per descriptor, whether it is ready,
/// including POLLERR and POLLHUP: the next call on it returns the error or
/// the end of file. A signal that interrupts the wait (EINTR) restarts it.
///
/// The descriptors are borrowed (`BorrowedFd`, from `as_fd()`), not raw
/// numbers: the borrow proves each one stays open while poll watches it,
/// which is what lets rustix's poll be a safe function.
pub fn poll_ready(
    fds: &[BorrowedFd<'_>],
    events: libc::c_short,
    timeout: Duration,
) -> io::Result<Vec<bool>> {
    // The bits are the kernel's POLL* values; `as u16` keeps them as they are.
    let events = PollFlags::from_bits_retain(events as u16);
    let mut entries: Vec<PollFd<'_>> = fds
        .iter()
        .map(|&fd| PollFd::from_borrowed_fd(fd, events))
        .collect();
    let timeout_ms = u64::try_from(timeout.as_millis() + 1)
        .unwrap_or(u64::MAX)
        .min(libc::c_int::MAX as u64);
    let timeout = Timespec {
        tv_sec: (timeout_ms / 1000) as i64,
        tv_nsec: ((timeout_ms % 1000) * 1_000_000) as i64,
    };
    loop {
        match rustix::event::poll(&mut entries, Some(&timeout)) {
            Err(rustix::io::Errno::INTR) => continue,
            Err(error) => return Err(error.into()),
            Ok(_) => {
                return Ok(entries
                    .iter()
                    .map(|entry| !entry.revents().is_empty())
                    .collect());
            }
        }
    }
}

/// Blocks until `socket` is writable (POLLOUT), or has an error or hang-up
/// to report, for at most `timeout`. Returns false if the timeout expired
/// first.
pub fn wait_writable(socket: &Socket, timeout: Duration) -> io::Result<bool> {
    Ok(poll_ready(&[socket.as_fd()], libc::POLLOUT, timeout)?[0])
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
        let fd = pair.server.as_fd();
        assert_eq!(poll_ready(&[fd], libc::POLLIN, Duration::ZERO)?, [false]);
        crate::net::send_all(&pair.client, b"x")?;
        assert_eq!(
            poll_ready(&[fd], libc::POLLIN, Duration::from_secs(1))?,
            [true]
        );
        Ok(())
    }
}
