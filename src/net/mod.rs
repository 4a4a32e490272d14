//! Loopback helpers shared by every lab, and the system calls socket2 does
//! not wrap (TCP_INFO, FIONREAD, IP_MTU, poll, recvmsg with MSG_TRUNC...).
//! Most of those go through rustix, which wraps them as safe functions that
//! return `io::Result`. `unsafe` is left only where nothing wraps the call:
//! getsockopt(TCP_INFO) in `tcp_info.rs` and getrusage(RUSAGE_THREAD) in
//! `cpu_time.rs`. Outside this module there is one more, where its reason
//! is: the `pre_exec` hook in lab 17 (why it matters is part of that lab).
//! Each `unsafe` block says why it is sound in a `// SAFETY:` comment;
//! clippy's `undocumented_unsafe_blocks`, denied in lib.rs, enforces that.
//!
//! Three rules every lab follows, enforced here:
//! 1. Bind `127.0.0.1` port 0: the kernel picks a free port, so labs and tests
//!    can run side by side and nothing is exposed to the network.
//! 2. Every blocking call has a timeout ([`IO_TIMEOUT`]): a lab can fail, but
//!    it can never hang.
//! 3. Wait on the kernel, never on a sleep that "should be enough": to know
//!    that bytes have arrived, ask the kernel how many are queued
//!    ([`queued_bytes`], the FIONREAD ioctl) and wait until the count is right.

mod backlog;
mod cpu_affinity;
mod cpu_time;
mod errno;
mod mtu;
mod poll;
mod proc_net_udp;
mod random;
mod sock_diag;
mod tcp_info;
pub mod trace;

pub use backlog::{
    AcceptQueue, accept_queue, connect_nonblocking, tcp_listener_with_backlog,
    wait_for_accept_queue, wait_for_handshakes,
};
pub use cpu_affinity::{Pinned, current_cpu, pin_current_thread};
pub use cpu_time::{thread_cpu_time, voluntary_context_switches};
pub use errno::{errno_name, error_name, outcome};
pub use mtu::{path_mtu, set_dont_fragment};
pub use poll::{poll_ready, wait_writable};
pub use proc_net_udp::{UdpTableEntry, read_udp_table, udp_entry};
pub use random::os_random_bytes;
pub use sock_diag::{
    Diagnosis, availability as sock_diag_availability, connection, connection_state, timer_name,
    wait_until_closed,
};
pub use tcp_info::{TcpInfo, TcpState, tcp_info};

use std::io::{self, IoSliceMut, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::time::{Duration, Instant};

use rustix::net::{RecvAncillaryBuffer, ReturnFlags};
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use crate::report::Side;

/// A kernel interface or setting this machine does not offer (sock_diag in
/// a container that forbids netlink, an unreadable /proc file). It is not
/// an error: the checks that need it are skipped with this as their reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} unavailable: {why}")]
pub struct Unavailable {
    /// What is missing, e.g. "sock_diag (netlink)".
    pub what: &'static str,
    /// Why, in the kernel's words where there are any.
    pub why: String,
}

/// The longest any single blocking socket call may take in a lab. Loopback
/// answers in microseconds and delayed ACKs take ~40 ms, so two seconds only
/// ever expires when something is really wrong.
pub const IO_TIMEOUT: Duration = Duration::from_secs(2);

/// 127.0.0.1 port 0: loopback only, a port the kernel chooses.
pub fn loopback_any_port() -> SocketAddr {
    SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
}

/// Sets both SO_RCVTIMEO and SO_SNDTIMEO (socket(7)) so that recv, send,
/// accept and connect give up with EAGAIN/ETIMEDOUT instead of blocking
/// forever.
pub fn set_timeouts(socket: &Socket, timeout: Duration) -> io::Result<()> {
    socket.set_read_timeout(Some(timeout))?;
    socket.set_write_timeout(Some(timeout))
}

/// A new TCP socket with the lab timeouts set.
pub fn tcp_socket() -> io::Result<Socket> {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    set_timeouts(&socket, IO_TIMEOUT)?;
    Ok(socket)
}

/// A TCP listener on 127.0.0.1 and a kernel-chosen port. `reuse_address`
/// sets SO_REUSEADDR (socket(7)) before bind; see lab 4 for what it changes.
pub fn tcp_listener(reuse_address: bool) -> io::Result<(Socket, SocketAddr)> {
    let listener = tcp_socket()?;
    listener.set_reuse_address(reuse_address)?;
    listener.bind(&loopback_any_port().into())?;
    listener.listen(16)?;
    let address = local_addr(&listener)?;
    Ok((listener, address))
}

/// Connects a new client socket to `address`, giving up after [`IO_TIMEOUT`].
pub fn tcp_connect(address: SocketAddr) -> io::Result<Socket> {
    let client = tcp_socket()?;
    client.connect_timeout(&address.into(), IO_TIMEOUT)?;
    trace::set_role(&client, Side::Client);
    Ok(client)
}

/// Accepts one connection (SO_RCVTIMEO on the listener bounds the wait) and
/// gives the accepted socket the lab timeouts.
pub fn tcp_accept(listener: &Socket) -> io::Result<Socket> {
    let (server, _) = listener.accept()?;
    set_timeouts(&server, IO_TIMEOUT)?;
    trace::set_role(&server, Side::Server);
    Ok(server)
}

/// Both ends of one established loopback TCP connection.
pub struct TcpPair {
    pub client: Socket,
    pub server: Socket,
}

/// Sets up a fresh connection: listen, connect, accept, then drop the
/// listener. The connection is ESTABLISHED on both sides when this returns.
pub fn tcp_pair() -> io::Result<TcpPair> {
    let (listener, address) = tcp_listener(false)?;
    let client = tcp_connect(address)?;
    let server = tcp_accept(&listener)?;
    Ok(TcpPair { client, server })
}

/// A UDP socket bound to 127.0.0.1 and a kernel-chosen port, timeouts set.
pub fn udp_socket() -> io::Result<(Socket, SocketAddr)> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))?;
    set_timeouts(&socket, IO_TIMEOUT)?;
    socket.bind(&loopback_any_port().into())?;
    let address = local_addr(&socket)?;
    Ok((socket, address))
}

/// The address a socket is bound to, as a std `SocketAddr`.
pub fn local_addr(socket: &Socket) -> io::Result<SocketAddr> {
    socket
        .local_addr()?
        .as_socket()
        .ok_or_else(|| io::Error::other("socket is not bound to an IP address"))
}

/// Writes every byte of `data` (the course's `sendall`).
pub fn send_all(socket: &Socket, data: &[u8]) -> io::Result<()> {
    let began = trace::now();
    let mut writer: &Socket = socket;
    writer.write_all(data)?;
    if let Some(began) = began {
        trace::record(socket, "send", sized(data), began);
    }
    Ok(())
}

/// ONE send call (the course's `send`, or `sendto` on a connected UDP
/// socket): returns how many bytes the kernel took. Unlike [`send_all`] it
/// also sends an empty datagram when `data` is empty.
pub fn send_once(socket: &Socket, data: &[u8]) -> io::Result<usize> {
    let began = trace::now();
    let result = socket.send(data);
    if let Some(began) = began {
        let shown = match &result {
            Ok(sent) => sized(&data[..*sent]),
            Err(_) => format!("{} B → {}", data.len(), outcome(&result)),
        };
        trace::record(socket, "send", shown, began);
    }
    result
}

/// "5 B b\"hello\"": a byte count and the bytes, for the timeline.
fn sized(bytes: &[u8]) -> String {
    format!("{} B {}", bytes.len(), bytes_literal(bytes))
}

/// Records a receive in the timeline: the bytes, or the error's name.
fn record_recv(socket: &Socket, result: Result<&[u8], &io::Error>) {
    let Some(now) = trace::now() else {
        return;
    };
    let shown = match result {
        Ok(bytes) => sized(bytes),
        Err(error) => error_name(error),
    };
    trace::record(socket, "recv", shown, now);
}

/// ONE recv call with a buffer of `buffer_size` bytes, returning exactly
/// what that call returned. This is the course's `conn.recv(1024)`: it may
/// return fewer bytes than asked for, or bytes from several sends.
pub fn recv_once(socket: &Socket, buffer_size: usize) -> io::Result<Vec<u8>> {
    let mut buffer = vec![0u8; buffer_size];
    let mut reader: &Socket = socket;
    let result = reader.read(&mut buffer).map(|received| {
        buffer.truncate(received);
        buffer
    });
    record_recv(socket, result.as_deref());
    result
}

/// Reads until exactly `length` bytes have arrived (what a framed protocol
/// does after reading a length header). EOF before that is an error.
pub fn recv_exactly(socket: &Socket, length: usize) -> io::Result<Vec<u8>> {
    let mut buffer = vec![0u8; length];
    recv_exactly_into(socket, &mut buffer)?;
    Ok(buffer)
}

/// [`recv_exactly`] into the caller's buffer, for loops that must not
/// allocate per message (the timed round trips of lab 5).
pub fn recv_exactly_into(socket: &Socket, buffer: &mut [u8]) -> io::Result<()> {
    let mut reader: &Socket = socket;
    let result = reader.read_exact(buffer);
    record_recv(socket, result.as_ref().map(|()| &buffer[..]));
    result
}

/// Turns the return value of a libc call into a `Result`: -1 means the call
/// failed and errno says why (the convention of nearly every system call).
pub(crate) fn check<T: PartialEq + From<i8>>(returned: T) -> io::Result<T> {
    if returned == T::from(-1) {
        Err(io::Error::last_os_error())
    } else {
        Ok(returned)
    }
}

/// Bytes waiting in the receive queue: `ioctl(fd, FIONREAD)` (tcp(7) calls it
/// SIOCINQ). For UDP it is the size of the next datagram (udp(7)).
pub fn queued_bytes(socket: &Socket) -> io::Result<usize> {
    Ok(rustix::io::ioctl_fionread(socket)? as usize)
}

/// Polls `ready` until it returns true, for at most [`IO_TIMEOUT`]. Use it
/// with a question to the kernel (FIONREAD, TCP_INFO, sock_diag), never
/// with a clock: this is how labs wait for an event instead of guessing how
/// long it takes.
pub fn wait_until(what: &str, mut ready: impl FnMut() -> io::Result<bool>) -> io::Result<()> {
    let deadline = Instant::now() + IO_TIMEOUT;
    loop {
        if ready()? {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("gave up after {IO_TIMEOUT:?} waiting for {what}"),
            ));
        }
        std::thread::sleep(Duration::from_micros(100));
    }
}

/// Waits until at least `count` bytes sit in the socket's receive queue.
pub fn wait_for_queued(socket: &Socket, count: usize) -> io::Result<()> {
    wait_until(&format!("{count} bytes in the receive queue"), || {
        Ok(queued_bytes(socket)? >= count)
    })
}

/// The kernel's id for the calling thread (gettid(2)), to name it in
/// `/proc/self/task/<tid>/`.
pub fn current_thread_id() -> libc::pid_t {
    rustix::thread::gettid().as_raw_nonzero().get()
}

/// Waits until thread `tid` of this process is asleep in the kernel (state
/// `S` in `/proc/self/task/<tid>/stat`, proc(5)). A lab uses it to know that a
/// reader thread has really entered its blocking recv before the writer
/// starts, instead of hoping a sleep was long enough.
pub fn wait_until_thread_sleeps(tid: libc::pid_t) -> io::Result<()> {
    let path = format!("/proc/self/task/{tid}/stat");
    wait_until(&format!("thread {tid} to block"), || {
        let stat = std::fs::read_to_string(&path)?;
        // The state letter follows the command name, which is in
        // parentheses and may itself contain spaces or parentheses.
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next());
        Ok(state == Some("S"))
    })
}

/// The flags the kernel set on a message that recvmsg(2) received
/// (`msg_flags`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageFlags(ReturnFlags);

impl MessageFlags {
    /// MSG_TRUNC: the datagram was longer than the buffer, and the bytes
    /// that did not fit were discarded (udp(7)).
    pub fn is_truncated(self) -> bool {
        self.0.contains(ReturnFlags::TRUNC)
    }
}

/// One recvmsg(2) call with `flags` (e.g. `libc::MSG_TRUNC`), returning the
/// value recvmsg returned, the bytes copied and the flags the kernel set on
/// the message (`MessageFlags::is_truncated` = MSG_TRUNC, udp(7)).
///
/// With MSG_TRUNC in `flags`, Linux returns the datagram's real length even
/// when the buffer was smaller (udp(7)): the returned count can exceed the
/// bytes copied.
pub fn recv_flagged(
    socket: &Socket,
    buffer_size: usize,
    flags: libc::c_int,
) -> io::Result<(usize, Vec<u8>, MessageFlags)> {
    let mut buffer = vec![0u8; buffer_size];
    let message = rustix::net::recvmsg(
        socket,
        &mut [IoSliceMut::new(&mut buffer)],
        &mut RecvAncillaryBuffer::default(),
        // The bits are the kernel's MSG_* values; `as u32` keeps them as
        // they are.
        rustix::net::RecvFlags::from_bits_retain(flags as u32),
    )?;
    let returned = message.bytes;
    let message_flags = MessageFlags(message.flags);
    // With MSG_TRUNC the count can exceed what the buffer held.
    buffer.truncate(returned);
    if let Some(now) = trace::now() {
        let mut shown = sized(&buffer);
        if message_flags.is_truncated() {
            shown.push_str(" MSG_TRUNC");
        }
        trace::record(socket, "recv", shown, now);
    }
    Ok((returned, buffer, message_flags))
}

/// One recvfrom(2) with MSG_TRUNC on a datagram socket: the datagram's
/// real length (which may exceed `buffer_size`, udp(7)), the bytes that fit,
/// and the sender's address.
pub fn recv_from_truncating(
    socket: &Socket,
    buffer_size: usize,
) -> io::Result<(usize, Vec<u8>, SockAddr)> {
    let mut buffer = vec![0u8; buffer_size];
    let (copied, real, sender) =
        rustix::net::recvfrom(socket, &mut buffer[..], rustix::net::RecvFlags::TRUNC)?;
    buffer.truncate(copied);
    let sender = sender
        .and_then(|sender| SocketAddr::try_from(sender).ok())
        .ok_or_else(|| io::Error::other("sender is not an IP address"))?;
    Ok((real, buffer, sender.into()))
}

/// Shows bytes the way the course's Python prints them: `b"hello"`, with
/// escapes for anything unprintable. Long values are shortened and their
/// length given, so a 1024-byte reply still fits in a table cell.
pub fn bytes_literal(bytes: &[u8]) -> String {
    const SHOWN: usize = 24;
    let mut text = String::from("b\"");
    for &byte in bytes.iter().take(SHOWN) {
        match byte {
            b'\n' => text.push_str("\\n"),
            b'\r' => text.push_str("\\r"),
            b'\t' => text.push_str("\\t"),
            b'"' => text.push_str("\\\""),
            b'\\' => text.push_str("\\\\"),
            0x20..=0x7e => text.push(byte as char),
            _ => text.push_str(&format!("\\x{byte:02x}")),
        }
    }
    text.push('"');
    if bytes.len() > SHOWN {
        text.push_str(&format!("… ({} bytes)", bytes.len()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_literal_escapes_and_shortens() {
        assert_eq!(bytes_literal(b"hello"), "b\"hello\"");
        assert_eq!(bytes_literal(b""), "b\"\"");
        assert_eq!(bytes_literal(b"a\n\"\xe4"), "b\"a\\n\\\"\\xe4\"");
        let long = vec![b'x'; 30];
        assert_eq!(
            bytes_literal(&long),
            format!("b\"{}\"… (30 bytes)", "x".repeat(24))
        );
    }

    #[test]
    fn fionread_counts_queued_bytes() -> io::Result<()> {
        let pair = tcp_pair()?;
        send_all(&pair.client, b"hello feng")?;
        wait_for_queued(&pair.server, 10)?;
        assert_eq!(queued_bytes(&pair.server)?, 10);
        assert_eq!(recv_once(&pair.server, 2)?, b"he");
        assert_eq!(queued_bytes(&pair.server)?, 8);
        Ok(())
    }
}
