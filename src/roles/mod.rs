//! Classroom mode: the two ends of a lab, in two terminals.
//!
//! `socklab run N` plays both ends of an experiment inside one process.
//! `socklab serve N` plays only the server and `socklab connect N ADDR:PORT`
//! only the client, so a student can put their own program on the other
//! end, in any language, and watch what happens call by call:
//!
//! ```text
//! terminal 1 $ socklab serve 1
//! listening on 127.0.0.1:43517 (tcp)
//! terminal 2 $ python3 my_client.py 43517
//! ```
//!
//! Each role speaks the course's wire format, and where the course's own
//! programs disagree (HMAC-MD5 or HMAC-SHA256, `total_size` or `data_size`,
//! local time or UTC) a flag picks the variant ([`options`]).
//! `tests/interop/` holds Python peers written the way the course writes
//! its programs, one per variant, and the interop tests run each against
//! socklab in both directions. A client ends with exit status 0 only when
//! the server did its part of the exchange, and with 1 when it answered or
//! closed in a way that shows it did not understand ([`Ending`]).
//!
//! A server is a program that strangers talk to, and a classroom of them
//! connects at once, often with buggy clients. So this one trusts nothing
//! it reads, and no client can keep it from the others:
//!
//! - **A thread per client** ([`serve`]). The course teaches the iterative
//!   server first, and lab 14 shows its flaw: while it serves one client,
//!   the next waits in the accept queue. Served that way, one silent
//!   client held this server 10 s (the idle timeout), a client trickling a
//!   byte every 0.5 s 60 s, and 18 silent ones delayed everyone by three
//!   minutes. Each
//!   client now has a thread of its own, so they cost each other nothing.
//!   Threads rather than an event loop (epoll(7)): each lab's role is a
//!   plain sequence of blocking calls, written the way the course writes
//!   its servers, and it stays readable that way; a classroom is a hundred
//!   clients, not a hundred thousand.
//! - **A cap**, [`MAX_CLIENTS`] at once. The next one is accepted and
//!   reset at once (SO_LINGER 0, so it sees ECONNRESET, not a silent
//!   close), with a log line, so a runaway script cannot take every thread
//!   and descriptor the machine has.
//! - **Deadlines.** Every blocking call has a timeout: a client that says
//!   nothing for `--idle-timeout` is dropped; a message must be complete
//!   within [`MESSAGE_LIMIT_FACTOR`] × the idle timeout of its first byte,
//!   however it trickles; no client stays longer than [`SESSION_LIMIT`].
//! - **Caps on what a client declares.** Every length read from the wire
//!   is checked against a cap before anything is allocated for it, and all
//!   clients together may have at most [`MESSAGE_BUDGET`] of messages on
//!   the way in at once.
//! - **A backlog for a classroom** ([`BACKLOG`]): connections that arrive
//!   together wait in the kernel's accept queue instead of being dropped
//!   (a dropped SYN costs the client a 1 s retry, lab 12).
//!
//! Whatever goes wrong with one client ends in one log line, `client ADDR:
//! what happened: closing`, and every line a client's conversation logs
//! starts with `client ADDR: `, so the lines of clients served at the same
//! time can be told apart. Nothing a client sends can make the server
//! panic or hang.
//!
//! UDP has no connections, so "a client" is a sender address: each sender
//! gets an exchange of its own, served in its own thread, and a datagram
//! from anyone else never counts as part of it (see `serve_udp`).
//!
//! Adding the roles of a lab is one module here with one `pub const ROLES`
//! and one line in [`ROLES`].

mod file_transfer;
mod framing;
mod hmac_auth;
mod nagle_sticky;
pub mod options;
mod partial_recv;
mod remote_command;
mod udp_datagrams;
mod udp_truncation;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use crate::lab::Lab;
use crate::net::{self, bytes_literal};
use crate::output;
use crate::{i18n, tr};
pub(crate) use file_transfer::cannot_read;
pub use options::{Flag, RoleOptions};

/// The labs that have a server and a client role, in lab order.
pub const ROLES: &[&Roles] = &[
    &nagle_sticky::ROLES,
    &partial_recv::ROLES,
    &udp_truncation::ROLES,
    &framing::ROLES,
    &udp_datagrams::ROLES,
    &hmac_auth::ROLES,
    &file_transfer::ROLES,
    &remote_command::ROLES,
];

/// The two roles of one lab.
pub struct Roles {
    /// The lab the roles belong to (its number and slug name them).
    pub lab: &'static Lab,
    /// What the server does, in one line (for `socklab serve --help`).
    pub server: &'static str,
    /// What the client does, in one line.
    pub client: &'static str,
    pub serve: Serve,
    pub connect: Connect,
    /// The flags `socklab serve` and `socklab connect` take for this lab.
    pub serve_flags: &'static [Flag],
    pub connect_flags: &'static [Flag],
    /// The server's settings in one line, printed when it starts (the key
    /// and digest of lab 15, the reply shape of lab 17...), or why the
    /// options given do not go together.
    pub settings: Option<Settings>,
}

/// A server's settings line, or the one-line error that says which options
/// do not go together.
pub type Settings = fn(&RoleOptions) -> Result<String, ConflictingOptions>;

/// The server role: one TCP client, or one UDP exchange.
pub enum Serve {
    /// Talks to one accepted client until it is done with it.
    Tcp(fn(&mut Conn, &RoleOptions) -> Result<(), RoleError>),
    /// Handles one exchange, starting with the datagram that is waiting.
    Udp(fn(&mut Datagrams, &RoleOptions) -> Result<(), RoleError>),
}

/// The client role: talks to the server at the address given.
pub enum Connect {
    Tcp(fn(&mut Conn, &RoleOptions) -> Result<Ending, RoleError>),
    Udp(fn(&mut Datagrams, SocketAddr, &RoleOptions) -> Result<Ending, RoleError>),
}

/// What one [`Conn::hear`] heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// Bytes.
    Bytes(Vec<u8>),
    /// EOF: the peer closed after reading everything it was sent.
    Closed,
    /// ECONNRESET: the peer closed with bytes unread (lab 7), or was gone.
    Reset,
    /// Nothing until the timeout.
    Silence,
}

/// How a client's exchange ended when nothing failed on the way (a
/// failure, such as a timeout, is a [`RoleError`]: exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The server did its part: it answered as the protocol says, or read
    /// everything and closed (exit status 0).
    Done,
    /// The server answered or closed, but in a way that shows it did not
    /// understand, or turned the client away (exit status 1): why.
    NotUnderstood(String),
}

impl Roles {
    fn transport(&self) -> &'static str {
        match self.serve {
            Serve::Tcp(_) => "tcp",
            Serve::Udp(_) => "udp",
        }
    }
}

/// What ended a conversation early, as the one line the log shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RoleError(pub String);

impl RoleError {
    /// True when the call failed because the peer had reset the
    /// connection (ECONNRESET, or EPIPE for a send after the reset): it
    /// closed with bytes unread, or was gone.
    pub fn is_reset(&self) -> bool {
        // ENOTCONN: shutdown(2) on a connection the peer's RST has already
        // torn down (the socket is no longer connected, tcp(7)).
        self.0.ends_with(": ECONNRESET")
            || self.0.ends_with(": EPIPE")
            || self.0.ends_with(": ENOTCONN")
    }
}

/// A lab without serve/connect roles was named; the message lists the labs
/// that have them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", no_roles(.number, .slug, .with_roles))]
pub struct NoRoles {
    pub number: u8,
    pub slug: &'static str,
    /// "1 (nagle-sticky), 2 (partial-recv), ..."
    pub with_roles: String,
}

fn no_roles(number: &u8, slug: &str, with_roles: &str) -> String {
    tr!(
        "role-no-roles",
        "lab {number} ({slug}) has no serve/connect roles; labs with roles: {with_roles}",
        number = number,
        slug = slug,
        with_roles = with_roles
    )
}

/// Two flags that cannot go together (the message names them and the fix).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", i18n::text(.0))]
pub struct ConflictingOptions(pub &'static str);

/// Why `socklab serve` could not start or keep listening (a client's
/// trouble is a log line, never one of these).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// socket(2), bind(2) or listen(2) failed; the message names the fix.
    #[error("{}", cannot_listen(.address, .source))]
    CannotListen {
        address: SocketAddr,
        source: io::Error,
    },
    /// The options given do not go together; the message names the fix.
    #[error("{0}")]
    Options(#[from] ConflictingOptions),
    /// Setting a timeout on the listening socket failed.
    #[error("{}: {}", i18n::text(.what), net::error_name(.source))]
    Setup {
        what: &'static str,
        source: io::Error,
    },
}

/// "cannot listen on ADDRESS: ERRNO: the fix".
fn cannot_listen(address: &SocketAddr, source: &io::Error) -> String {
    tr!(
        "serve-cannot-listen",
        "cannot listen on {address}: {error}{hint}",
        address = address,
        error = net::error_name(source),
        hint = listen_hint(source, address)
    )
}

/// The fix for the usual reasons a bind fails.
fn listen_hint(error: &io::Error, address: &SocketAddr) -> String {
    let hint = match error.raw_os_error() {
        Some(libc::EADDRINUSE) => {
            ": another program has that port; pick another, or port 0 for a free one"
        }
        Some(libc::EADDRNOTAVAIL) => ": that address is not one of this machine's",
        Some(libc::EACCES) => ": ports below 1024 need root; use a higher port or port 0",
        Some(libc::EINVAL) if address.is_ipv6() => LINK_LOCAL_HINT,
        _ => return String::new(),
    };
    i18n::text(hint).into_owned()
}

/// EINVAL from bind(2) or connect(2) on IPv6 is nearly always an fe80::
/// address without its interface: a link-local address exists once per
/// network interface, so the kernel needs to know which one (ipv6(7),
/// `sin6_scope_id`).
const LINK_LOCAL_HINT: &str = ": a link-local address (fe80::) needs its interface: \
     [fe80::1%2]:PORT, where 2 is the interface's number in `ip link`";

/// The fix for the usual reasons a client's connect or first send fails.
fn connect_hint(error: &io::Error, server: SocketAddr) -> String {
    match error.raw_os_error() {
        Some(libc::ECONNREFUSED) => tr!(
            "connect-hint-refused",
            ": nothing listens on {server}; start the server first (`socklab serve` prints its address)",
            server = server
        ),
        Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) => tr!(
            "connect-hint-no-route",
            ": no route from this machine to {ip}; check the address (this machine is 127.0.0.1)",
            ip = server.ip()
        ),
        Some(libc::EINVAL) if server.is_ipv6() => i18n::text(LINK_LOCAL_HINT).into_owned(),
        _ if is_timeout(error) => tr!(
            "connect-hint-no-answer",
            ": no answer from {server} within {seconds} s; check the address, and that no firewall is in between",
            server = server,
            seconds = CLIENT_TIMEOUT.as_secs()
        ),
        _ => String::new(),
    }
}

/// How long `socklab serve` waits for a silent client by default.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest one client may keep the server, however it trickles its
/// bytes: a client that sends one byte just before every idle timeout would
/// otherwise hold a one-client-at-a-time server forever.
pub const SESSION_LIMIT: Duration = Duration::from_secs(60);

/// A message (what a client sends before the server answers, or one part
/// of a message whose length the server was told) must be complete within
/// this many idle timeouts of its first byte: 20 s by default. A client may
/// pause up to the idle timeout between bytes, but one that sends a byte
/// just before every timeout would otherwise keep its message coming for
/// the whole session.
pub const MESSAGE_LIMIT_FACTOR: u32 = 2;

/// The most clients (TCP connections, or UDP senders with an exchange in
/// progress) served at once: a classroom, with room to spare. Each has a
/// thread; past the cap, new clients are refused with a log line.
pub const MAX_CLIENTS: usize = 128;

/// The listen(2) backlog: connections the kernel completes and queues
/// before the server accepts them. A class that connects at the same
/// moment must fit: with the old 16, the 18th of a burst had its SYN
/// dropped and waited a second for the retry. Linux silently caps it at
/// net.core.somaxconn (4096 by default since Linux 5.4).
pub const BACKLOG: i32 = 1024;

/// The most bytes all clients together may have on the way in as messages
/// of a declared length (lab 6's header and body) at any moment. One body
/// may be up to 16 MiB (`frame::MAX_FRAME_LEN`); without this, 128 clients
/// sending their largest at once could make the server hold 2 GiB.
pub const MESSAGE_BUDGET: usize = 32 * 1024 * 1024;

/// Bytes of [`MESSAGE_BUDGET`] in use now.
static BUDGET_USED: AtomicUsize = AtomicUsize::new(0);

/// Stack of each client's thread. The roles keep their buffers on the heap;
/// 1 MiB is far more than their deepest call (serde_json's recursion limit
/// of 128 nested values included), and it is address space: only the pages
/// a thread touches take memory.
const CLIENT_STACK: usize = 1024 * 1024;

/// How long each accept (or wait for a datagram) blocks before the
/// server loop checks in again. It never expires in a way anyone sees: the
/// loop just waits again. It exists so that no call blocks without limit.
const ACCEPT_POLL: Duration = Duration::from_secs(1);

/// The most the UDP dispatcher waits for an exchange to take the datagram
/// it was handed. Between two recvfroms an exchange only logs and sends, so
/// it takes microseconds, unless stdout is slow to take the log (a
/// terminal, a pipe to a slow reader), and then every thread waits alike:
/// dropping the datagram would lose a client's data for a slow screen. So
/// the wait is long, the session limit, and only a broken exchange meets it.
const HANDOFF_WAIT: Duration = SESSION_LIMIT;

/// How long the client role waits for a server (connect, and each call):
/// more than loopback needs, enough for a machine across the room.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// What `socklab serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    /// Serve one client (one exchange for UDP), then exit.
    pub once: bool,
    pub idle_timeout: Duration,
    /// The variant to speak.
    pub role: RoleOptions,
}

/// The roles of `lab`, or the one-line error that lists the labs
/// that have roles.
pub fn find(lab: &'static Lab) -> Result<&'static Roles, NoRoles> {
    ROLES
        .iter()
        .copied()
        .find(|roles| roles.lab.number == lab.number)
        .ok_or_else(|| {
            let with_roles: Vec<String> = ROLES
                .iter()
                .map(|roles| format!("{} ({})", roles.lab.number, roles.lab.slug))
                .collect();
            NoRoles {
                number: lab.number,
                slug: lab.slug,
                with_roles: with_roles.join(", "),
            }
        })
}

thread_local! {
    /// The client this thread serves, as `client ADDR: `: every line it
    /// logs starts with it.
    static CLIENT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// From now on, this thread's log lines are about `client`.
fn serving(client: &str) {
    CLIENT.with(|prefix| *prefix.borrow_mut() = format!("client {client}: "));
}

/// One line of the log, on stdout, at once, starting with the client's
/// address in a thread that serves one. The whole line is one write under
/// stdout's lock, so lines of clients served at once never mix. A stdout
/// that is closed (the log piped into `head`, which has exited) or full
/// stops the server, through [`output::stop`]: a server nobody can watch
/// teaches nothing.
/// Logs what a 4-byte length prefix said (labs 6, 16 and 17 frame the
/// same way): `message #2: length prefix b"/\x00\x00\x00" = 47 (struct
/// 'i', little-endian)`. `what` is the frame: "message", "upload", "reply".
pub(super) fn log_length_prefix(what: &str, number: usize, prefix: &[u8], length: usize) {
    log(tr!(
        "role-length-prefix",
        "{what} #{number}: length prefix {prefix} = {length} (struct 'i', little-endian)",
        what = i18n::text(what),
        number = number,
        prefix = bytes_literal(prefix),
        length = length
    ));
}

pub fn log(line: impl fmt::Display) {
    let line = CLIENT.with(|prefix| format!("{}{line}\n", prefix.borrow()));
    let mut stdout = io::stdout().lock();
    let written = stdout
        .write_all(line.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(error) = written {
        output::stop(&error);
    }
}

/// Bytes as the log shows them: the count, then the bytes as Python prints
/// them. Long values show their first and last bytes, so that where a recv
/// started and ended stays visible.
pub fn show(bytes: &[u8]) -> String {
    /// Bytes shown from each end of a long value.
    const HEAD: usize = 16;
    const TAIL: usize = 8;
    if bytes.len() == 1 {
        tr!(
            "role-one-byte",
            "1 byte {bytes}",
            bytes = bytes_literal(bytes)
        )
    } else if bytes.len() <= HEAD + TAIL {
        tr!(
            "role-bytes",
            "{count} bytes {bytes}",
            count = bytes.len(),
            bytes = bytes_literal(bytes)
        )
    } else {
        tr!(
            "role-bytes-long",
            "{count} bytes {head}…{tail}",
            count = bytes.len(),
            head = bytes_literal(&bytes[..HEAD]),
            tail = bytes_literal(&bytes[bytes.len() - TAIL..])
        )
    }
}

/// The log line of one recv: `recv(5) #1: 5 bytes b"hello"`.
fn log_received(call: &str, bytes: &[u8]) {
    let eof = if bytes.is_empty() {
        i18n::text(" (EOF: the peer closed)")
    } else {
        "".into()
    };
    log(format!("{call}: {}{eof}", show(bytes)));
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

// ---------------------------------------------------------------------------
// TCP: a connection whose every call is logged and bounded.
// ---------------------------------------------------------------------------

/// One end of a TCP connection, as a role sees it. Every recv and send is
/// one log line, numbered, and every one has a timeout: the idle timeout,
/// cut short by the session's deadline.
pub struct Conn {
    socket: Socket,
    idle: Duration,
    limit: Duration,
    deadline: Instant,
    /// When the message being read must be complete
    /// ([`MESSAGE_LIMIT_FACTOR`]); `None` between messages.
    message_deadline: Option<Instant>,
    recvs: usize,
    sends: usize,
}

impl Conn {
    fn new(socket: Socket, idle: Duration, limit: Duration) -> Conn {
        Conn {
            socket,
            idle,
            limit,
            deadline: Instant::now() + limit,
            message_deadline: None,
            recvs: 0,
            sends: 0,
        }
    }

    fn message_limit(&self) -> Duration {
        self.idle * MESSAGE_LIMIT_FACTOR
    }

    /// A read starts a message, or goes on with the one under way.
    fn begin_message(&mut self) {
        if self.message_deadline.is_none() {
            self.message_deadline = Some(Instant::now() + self.message_limit());
        }
    }

    pub fn socket(&self) -> &Socket {
        &self.socket
    }

    /// Sets SO_RCVTIMEO and SO_SNDTIMEO (socket(7)) for the next call: the
    /// idle timeout, or what is left of the session if that is less.
    fn arm(&self) -> Result<(), RoleError> {
        let now = Instant::now();
        let left = self.deadline.saturating_duration_since(now);
        if left.is_zero() {
            return Err(RoleError(self.session_over()));
        }
        let left = match self.message_deadline {
            Some(deadline) if deadline <= now => return Err(self.message_too_slow()),
            Some(deadline) => left.min(deadline - now),
            None => left,
        };
        // A zero timeout would mean "block forever" to the kernel; `left`
        // is not zero here.
        net::set_timeouts(&self.socket, self.idle.min(left))
            .map_err(|e| self.failed("setsockopt", &e))
    }

    fn session_over(&self) -> String {
        tr!(
            "role-session-limit",
            "still here after the {seconds} s session limit",
            seconds = self.limit.as_secs_f64()
        )
    }

    fn message_too_slow(&self) -> RoleError {
        RoleError(tr!(
            "role-message-too-slow",
            "message still incomplete after {seconds} s ({factor} × the idle timeout)",
            seconds = self.message_limit().as_secs_f64(),
            factor = MESSAGE_LIMIT_FACTOR
        ))
    }

    fn failed(&self, call: &str, error: &io::Error) -> RoleError {
        if is_timeout(error) {
            let idle = self.idle.as_secs_f64();
            let now = Instant::now();
            if now >= self.deadline {
                RoleError(format!("{call}: {}", self.session_over()))
            } else if self
                .message_deadline
                .is_some_and(|deadline| now >= deadline)
            {
                RoleError(format!("{call}: {}", self.message_too_slow().0))
            } else {
                RoleError(tr!(
                    "role-idle-timeout",
                    "{call}: nothing for {idle} s (idle timeout)",
                    call = call,
                    idle = idle
                ))
            }
        } else {
            RoleError(format!("{call}: {}", net::error_name(error)))
        }
    }

    /// ONE recv of at most `size` bytes, logged as
    /// `recv(5) #1: 5 bytes b"hello"`. An empty result means the peer
    /// closed its side (EOF).
    pub fn recv(&mut self, size: usize) -> Result<Vec<u8>, RoleError> {
        self.begin_message();
        self.arm()?;
        self.recvs += 1;
        let call = format!("recv({size}) #{}", self.recvs);
        let bytes = net::recv_once(&self.socket, size).map_err(|e| self.failed(&call, &e))?;
        log_received(&call, &bytes);
        Ok(bytes)
    }

    /// ONE recv, as [`Conn::recv`], for a client that waits to see how a
    /// server answers or ends: a reset and silence until the timeout are
    /// answers too ([`Heard`]), not errors.
    pub fn hear(&mut self, size: usize) -> Result<Heard, RoleError> {
        self.arm()?;
        self.recvs += 1;
        let call = format!("recv({size}) #{}", self.recvs);
        match net::recv_once(&self.socket, size) {
            Ok(bytes) => {
                log_received(&call, &bytes);
                Ok(if bytes.is_empty() {
                    Heard::Closed
                } else {
                    Heard::Bytes(bytes)
                })
            }
            Err(error) if is_timeout(&error) => {
                log(tr!(
                    "role-heard-silence",
                    "{call}: nothing for {seconds} s",
                    call = call,
                    seconds = self.idle.as_secs_f64()
                ));
                Ok(Heard::Silence)
            }
            Err(error) if error.raw_os_error() == Some(libc::ECONNRESET) => {
                log(tr!(
                    "role-heard-reset",
                    "{call}: ECONNRESET (the peer sent RST)",
                    call = call
                ));
                Ok(Heard::Reset)
            }
            Err(error) => Err(self.failed(&call, &error)),
        }
    }

    /// Reads until exactly `length` bytes have arrived, without logging: a
    /// role logs the message it assembles. Memory grows as bytes arrive
    /// (never more than `length`, which the caller has checked against its
    /// cap), so a length that lies costs nothing; and `length` counts
    /// against the [`MESSAGE_BUDGET`] of all clients until the bytes are in.
    /// The bytes must arrive within the message limit. `None`: the peer
    /// closed before sending any of it (a clean end, between messages). EOF
    /// after some of it is an error naming what was cut: `what` ("body",
    /// ...).
    pub fn recv_exactly(
        &mut self,
        length: usize,
        what: &str,
    ) -> Result<Option<Vec<u8>>, RoleError> {
        self.begin_message();
        let _reserved = Reserved::take(length, what)?;
        let received = self.read_exactly(length, what);
        // A message of known length that has arrived whole (or ended) is
        // done: the next part has a limit of its own.
        self.message_deadline = None;
        received
    }

    fn read_exactly(&mut self, length: usize, what: &str) -> Result<Option<Vec<u8>>, RoleError> {
        /// The most one read asks for: a large body is collected in pieces.
        const CHUNK: usize = 64 * 1024;
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; CHUNK.min(length)];
        while bytes.len() < length {
            self.arm()?;
            let want = (length - bytes.len()).min(CHUNK);
            let mut reader: &Socket = &self.socket;
            match reader.read(&mut chunk[..want]) {
                Ok(0) if bytes.is_empty() => return Ok(None),
                Ok(0) => return Err(cut_short(bytes.len(), length, what)),
                Ok(received) => bytes.extend_from_slice(&chunk[..received]),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let call = tr!(
                        "role-reading",
                        "reading {what} ({got} of {length} bytes in)",
                        what = i18n::text(what),
                        got = bytes.len(),
                        length = length
                    );
                    return Err(self.failed(&call, &error));
                }
            }
        }
        Ok(Some(bytes))
    }

    /// Sends all of `bytes` (the course's `sendall`; `send` where the
    /// course writes `send`, since on a blocking socket Linux writes all of
    /// a small buffer at once), logged as `send #1: 5 bytes b"hello"`.
    /// MSG_NOSIGNAL: a peer that vanished gives EPIPE, not SIGPIPE.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), RoleError> {
        self.sends += 1;
        let call = format!("send #{}", self.sends);
        let mut sent = 0;
        while sent < bytes.len() {
            self.arm()?;
            match self
                .socket
                .send_with_flags(&bytes[sent..], libc::MSG_NOSIGNAL)
            {
                Ok(written) => sent += written,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(self.failed(&call, &error)),
            }
        }
        log(format!("{call}: {}", show(bytes)));
        // The server has answered: what the client sends next is a new
        // message, with a limit of its own.
        self.message_deadline = None;
        Ok(())
    }

    /// Closes the sending side (shutdown(2) SHUT_WR): the peer's next recv
    /// returns b"" once it has read everything.
    pub fn close_sending(&mut self) -> Result<(), RoleError> {
        self.socket
            .shutdown(Shutdown::Write)
            .map_err(|e| self.failed("shutdown", &e))?;
        log(i18n::text("shutdown(SHUT_WR): sent FIN"));
        Ok(())
    }

    /// Bytes waiting in the receive queue (FIONREAD).
    pub fn queued(&self) -> Result<usize, RoleError> {
        net::queued_bytes(&self.socket).map_err(|e| self.failed("FIONREAD", &e))
    }
}

/// EOF after `got` of the `length` bytes of `what` ("body", ...): the
/// peer closed inside a message.
pub(crate) fn cut_short(got: usize, length: usize, what: &str) -> RoleError {
    RoleError(tr!(
        "role-eof-mid-message",
        "EOF after {got} of {length} {what} bytes (the peer vanished mid-message)",
        got = got,
        length = length,
        what = i18n::text(what)
    ))
}

/// A share of the [`MESSAGE_BUDGET`], given back when dropped.
struct Reserved(usize);

impl Reserved {
    fn take(length: usize, what: &str) -> Result<Reserved, RoleError> {
        BUDGET_USED
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(length)
                    .filter(|&total| total <= MESSAGE_BUDGET)
            })
            .map(|_| Reserved(length))
            .map_err(|used| {
                RoleError(tr!(
                    "role-budget-refused",
                    "{length}-byte {what} refused: other clients' messages already take {used} of the server's {budget} bytes; try again in a moment",
                    length = length,
                    what = i18n::text(what),
                    used = used,
                    budget = MESSAGE_BUDGET
                ))
            })
    }
}

impl Drop for Reserved {
    fn drop(&mut self) {
        BUDGET_USED.fetch_sub(self.0, Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------
// UDP: a socket whose every call is logged and bounded.
// ---------------------------------------------------------------------------

/// A UDP socket, as a role sees it: every recvfrom and sendto is one log
/// line, and every recvfrom has a timeout. In `socklab serve` it is one
/// sender's exchange on the server's shared socket (see `serve_udp`).
pub struct Datagrams {
    socket: Arc<Socket>,
    timeout: Duration,
    recvs: usize,
    /// In `socklab serve`: the sender whose exchange this is.
    exchange: Option<Exchange>,
}

/// One sender's side of the hand-off with the UDP dispatcher.
struct Exchange {
    peer: SocketAddr,
    /// "The datagram at the head of the queue is yours."
    turns: Receiver<()>,
    /// "Taken" (or "finished", when the exchange ends).
    events: Sender<Event>,
}

/// What an exchange tells the dispatcher.
enum Event {
    /// It took the datagram it was handed.
    Taken(SocketAddr),
    /// Its role returned: it takes no more datagrams.
    Finished(SocketAddr),
}

impl Datagrams {
    fn new(socket: Socket, timeout: Duration) -> io::Result<Datagrams> {
        net::set_timeouts(&socket, timeout)?;
        Ok(Datagrams {
            socket: Arc::new(socket),
            timeout,
            recvs: 0,
            exchange: None,
        })
    }

    fn timed_out(&self, call: &str) -> RoleError {
        RoleError(tr!(
            "role-no-datagram",
            "{call}: no datagram for {seconds} s (timeout)",
            call = call,
            seconds = self.timeout.as_secs_f64()
        ))
    }

    /// ONE recvfrom with a `size`-byte buffer. With MSG_TRUNC in the flags,
    /// Linux returns the datagram's real length even when the buffer was
    /// smaller (udp(7)), so the log can say what was cut:
    /// `recvfrom(8) #1 from 127.0.0.1:5555: 8 bytes b"12345678" (datagram
    /// was 10 bytes: 2 discarded, MSG_TRUNC)`. In an exchange of `socklab
    /// serve` it waits for the dispatcher's word that the next datagram is
    /// this sender's, and the line leaves out the sender (it starts with
    /// it).
    pub fn recv_from(&mut self, size: usize) -> Result<(Vec<u8>, SocketAddr), RoleError> {
        self.recvs += 1;
        let call = format!("recvfrom({size}) #{}", self.recvs);
        if let Some(exchange) = &self.exchange {
            exchange
                .turns
                .recv_timeout(self.timeout)
                .map_err(|_| self.timed_out(&call))?;
        }
        let received = net::recv_from_truncating(&self.socket, size);
        if let Some(exchange) = &self.exchange {
            // The datagram is off the queue (or the call failed): the
            // dispatcher may look at the next one.
            let _ = exchange.events.send(Event::Taken(exchange.peer));
        }
        let (real, bytes, sender) = received.map_err(|error| {
            if is_timeout(&error) {
                self.timed_out(&call)
            } else {
                RoleError(format!("{call}: {}", net::error_name(&error)))
            }
        })?;
        let sender = sender.as_socket().ok_or_else(|| {
            RoleError(tr!(
                "role-sender-not-ip",
                "{call}: sender is not an IP address",
                call = call
            ))
        })?;
        let cut = if real > size {
            let cut = tr!(
                "role-datagram-cut",
                "(datagram was {real} bytes: {discarded} discarded, MSG_TRUNC)",
                real = real,
                discarded = real - size
            );
            format!(" {cut}")
        } else {
            String::new()
        };
        match &self.exchange {
            Some(exchange) if exchange.peer != sender => Err(RoleError(tr!(
                "role-datagram-from-other",
                "{call}: a datagram from {sender} in this exchange (a bug in socklab's dispatcher)",
                call = call,
                sender = sender
            ))),
            Some(_) => {
                log(format!("{call}: {}{cut}", show(&bytes)));
                Ok((bytes, sender))
            }
            None => {
                log(tr!(
                    "role-received-from",
                    "{call} from {sender}: {bytes}{cut}",
                    call = call,
                    sender = sender,
                    bytes = show(&bytes),
                    cut = cut
                ));
                Ok((bytes, sender))
            }
        }
    }

    /// ONE sendto, logged as `sendto 127.0.0.1:5555: ...`.
    pub fn send_to(&self, bytes: &[u8], to: SocketAddr) -> Result<(), RoleError> {
        self.socket
            .send_to(bytes, &to.into())
            .map_err(|error| RoleError(format!("sendto {to}: {}", net::error_name(&error))))?;
        log(format!("sendto {to}: {}", show(bytes)));
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// socklab serve
// ---------------------------------------------------------------------------

/// Binds, prints `listening on ADDR (tcp|udp)`, and serves clients, each
/// in a thread of its own (or one, with `--once`, in this thread). Returns
/// an error only when the server cannot start: a client's trouble is a log
/// line, not an error.
pub fn serve(roles: &Roles, options: &ServeOptions) -> Result<(), ServeError> {
    let settings = roles
        .settings
        .map(|settings| settings(&options.role))
        .transpose()?;
    let (kind, protocol) = match roles.serve {
        Serve::Tcp(_) => (Type::STREAM, Protocol::TCP),
        Serve::Udp(_) => (Type::DGRAM, Protocol::UDP),
    };
    let cannot = |source: io::Error| ServeError::CannotListen {
        address: options.listen,
        source,
    };
    let socket = Socket::new(Domain::for_address(options.listen), kind, Some(protocol))
        .and_then(|socket| {
            if kind == Type::STREAM {
                // SO_REUSEADDR (socket(7)): a restarted server can bind its
                // port again while the last connection sits in TIME_WAIT
                // (lab 4). Two TCP listeners still cannot share a port.
                // Not for UDP: there it lets a second socket bind a port
                // in use (if both set it), and the two then split the
                // traffic, so a second `socklab serve` would start
                // "listening" and steal the first one's datagrams.
                socket.set_reuse_address(true)?;
            }
            socket.bind(&options.listen.into())?;
            Ok(socket)
        })
        .map_err(cannot)?;
    if let Serve::Tcp(_) = roles.serve {
        socket.listen(BACKLOG).map_err(cannot)?;
    }
    let address = net::local_addr(&socket).map_err(cannot)?;
    if !address.ip().is_loopback() {
        output::warn(tr!(
            "serve-not-loopback",
            "warning: listening on {address}, not loopback: anyone who can reach this machine can connect",
            address = address
        ));
    }
    log(format!("listening on {address} ({})", roles.transport()));
    log(lab_line(roles, roles.server));
    if let Some(settings) = settings {
        log(settings);
    }
    match roles.serve {
        Serve::Tcp(serve_one) => serve_tcp(&socket, serve_one, options),
        Serve::Udp(serve_one) => serve_udp(socket, serve_one, options),
    }
}

/// The connection loop: accept, hand the client to a thread of its own,
/// accept the next. The accept waits [`ACCEPT_POLL`] at a time, so even the
/// wait for a client is bounded.
fn serve_tcp(
    listener: &Socket,
    serve_one: fn(&mut Conn, &RoleOptions) -> Result<(), RoleError>,
    options: &ServeOptions,
) -> Result<(), ServeError> {
    listener
        .set_read_timeout(Some(ACCEPT_POLL))
        .map_err(|source| ServeError::Setup {
            what: "setting the accept timeout",
            source,
        })?;
    let clients = Arc::new(Clients::default());
    // Every client's thread speaks the same variant.
    let role = Arc::new(options.role.clone());
    // Said once each time the descriptors run out, not once a second.
    let mut out_of_descriptors = false;
    loop {
        let (socket, peer) = match listener.accept() {
            Ok(accepted) => {
                out_of_descriptors = false;
                accepted
            }
            Err(error) if is_timeout(&error) || error.kind() == io::ErrorKind::Interrupted => {
                continue;
            }
            // Out of descriptors or memory: the connection stays queued and
            // the next accept would fail at once, so wait for a client to
            // leave (and give its descriptor back), ACCEPT_POLL at most.
            Err(error)
                if matches!(
                    error.raw_os_error(),
                    Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
                ) =>
            {
                if !out_of_descriptors {
                    log(tr!(
                        "serve-out-of-descriptors",
                        "accept: {error}: out of descriptors or memory (ulimit -n, or fewer clients); waiting for a client to leave",
                        error = net::error_name(&error)
                    ));
                    out_of_descriptors = true;
                }
                clients.wait_for_one_to_leave(ACCEPT_POLL);
                continue;
            }
            // ECONNABORTED and the like concern one client, not the server.
            Err(error) => {
                log(tr!(
                    "serve-accept-failed",
                    "accept: {error}: waiting for the next client",
                    error = net::error_name(&error)
                ));
                continue;
            }
        };
        let peer = peer
            .as_socket()
            .map_or_else(|| "?".to_string(), |peer| peer.to_string());
        if options.once {
            serve_client(
                &peer,
                socket,
                serve_one,
                options.idle_timeout,
                &options.role,
            );
            return Ok(());
        }
        let Some(seat) = Seat::take(&clients) else {
            refuse(socket);
            log(tr!(
                "serve-refused-full",
                "client {peer}: refused: already serving {max} clients, the most at once: reset",
                peer = peer,
                max = MAX_CLIENTS
            ));
            continue;
        };
        let idle = options.idle_timeout;
        let role = Arc::clone(&role);
        let name = format!("client {peer}");
        let started = thread::Builder::new()
            .name(name.clone())
            .stack_size(CLIENT_STACK)
            .spawn(move || {
                serve_client(&peer, socket, serve_one, idle, &role);
                drop(seat);
            });
        if let Err(error) = started {
            log(tr!(
                "serve-no-thread",
                "{name}: no thread for it ({error}): closed",
                name = name,
                error = net::error_name(&error)
            ));
        }
    }
}

/// How many clients are being served, and a way to wait until one leaves.
#[derive(Default)]
struct Clients {
    count: Mutex<usize>,
    left: Condvar,
}

impl Clients {
    fn wait_for_one_to_leave(&self, timeout: Duration) {
        let count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = self.left.wait_timeout(count, timeout);
    }
}

/// One of the [`MAX_CLIENTS`] places, given back when dropped: when the
/// client's thread ends, however it ends.
struct Seat(Arc<Clients>);

impl Seat {
    fn take(clients: &Arc<Clients>) -> Option<Seat> {
        let mut count = clients.count.lock().unwrap_or_else(PoisonError::into_inner);
        if *count >= MAX_CLIENTS {
            return None;
        }
        *count += 1;
        Some(Seat(Arc::clone(clients)))
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut count = self.0.count.lock().unwrap_or_else(PoisonError::into_inner);
        *count -= 1;
        self.0.left.notify_all();
    }
}

/// One client's whole conversation, logged line by line with its address.
fn serve_client(
    peer: &str,
    socket: Socket,
    serve_one: fn(&mut Conn, &RoleOptions) -> Result<(), RoleError>,
    idle: Duration,
    role: &RoleOptions,
) {
    serving(peer);
    log(i18n::text("connected"));
    let mut conn = Conn::new(socket, idle, SESSION_LIMIT);
    match serve_one(&mut conn, role) {
        // Not translated: scripts wait for `client ADDR: done`.
        Ok(()) => log("done"),
        Err(error) => log(tr!("serve-closing", "{error}: closing", error = error)),
    }
}

/// Closes an accepted connection with RST (SO_LINGER 0, socket(7)), so the
/// client's next call fails with ECONNRESET instead of reading an EOF it
/// could take for an empty answer.
fn refuse(socket: Socket) {
    let _ = socket.set_linger(Some(Duration::ZERO));
}

/// The UDP loop. One socket receives every sender's datagrams, in one
/// queue, in the order they arrived; each sender is served by an exchange
/// of its own, in a thread. The loop here (the dispatcher) takes nothing
/// off the queue itself: it peeks at the sender of the datagram at the head
/// (MSG_PEEK, recv(2)) and hands the turn to that sender's exchange, which
/// then makes the real recvfrom with its own buffer size, so the kernel
/// truncates exactly as in the lab. A datagram from a new sender starts a
/// new exchange. So a stray datagram from elsewhere starts (and times out)
/// an exchange of its own, and never becomes part of another client's.
fn serve_udp(
    socket: Socket,
    serve_one: fn(&mut Datagrams, &RoleOptions) -> Result<(), RoleError>,
    options: &ServeOptions,
) -> Result<(), ServeError> {
    let datagrams =
        Datagrams::new(socket, options.idle_timeout).map_err(|source| ServeError::Setup {
            what: "setting the timeouts",
            source,
        })?;
    let socket = datagrams.socket;
    let (events, happened) = mpsc::channel::<Event>();
    let mut exchanges: HashMap<SocketAddr, Sender<()>> = HashMap::new();
    loop {
        let queued =
            net::poll_ready(&[socket.as_fd()], libc::POLLIN, ACCEPT_POLL).map_err(|source| {
                ServeError::Setup {
                    what: "waiting for a datagram (poll)",
                    source,
                }
            })?;
        if !queued.first().copied().unwrap_or(false) {
            if drain(&happened, &mut exchanges) && options.once {
                return Ok(());
            }
            continue;
        }
        let sender = match socket.peek_sender().map(|sender| sender.as_socket()) {
            Ok(Some(sender)) => sender,
            Ok(None) => {
                drop_datagram(&socket, "?", &i18n::text("the sender is not an IP address"));
                continue;
            }
            Err(error) if is_timeout(&error) || error.kind() == io::ErrorKind::Interrupted => {
                continue;
            }
            Err(error) => {
                log(tr!(
                    "serve-waiting-failed",
                    "waiting for a datagram: {error}",
                    error = net::error_name(&error)
                ));
                continue;
            }
        };
        if drain(&happened, &mut exchanges) && options.once {
            return Ok(());
        }
        if !exchanges.contains_key(&sender) {
            if exchanges.len() >= MAX_CLIENTS {
                drop_datagram(
                    &socket,
                    &sender.to_string(),
                    &tr!(
                        "serve-refused-exchanges",
                        "refused: already {max} exchanges, the most at once",
                        max = MAX_CLIENTS
                    ),
                );
                continue;
            }
            match start_exchange(&socket, sender, serve_one, options, &events) {
                Ok(turns) => {
                    exchanges.insert(sender, turns);
                }
                Err(error) => {
                    drop_datagram(
                        &socket,
                        &sender.to_string(),
                        &tr!(
                            "serve-no-thread-datagram",
                            "no thread for it ({error})",
                            error = net::error_name(&error)
                        ),
                    );
                    continue;
                }
            }
        }
        let handed = exchanges
            .get(&sender)
            .is_some_and(|turns| turns.send(()).is_ok());
        if !handed {
            // Its thread has gone: the next round starts a new exchange.
            exchanges.remove(&sender);
            continue;
        }
        let handoff = wait_taken(&happened, &mut exchanges, sender);
        if handoff.finished && options.once {
            return Ok(());
        }
        if !handoff.taken && exchanges.contains_key(&sender) {
            // Not taken in time, and the exchange still runs: it is stuck.
            // Take the datagram off the queue so that no one waits behind it.
            drop_datagram(
                &socket,
                &sender.to_string(),
                &i18n::text("its exchange did not take it in time"),
            );
        }
    }
}

/// Starts `sender`'s exchange in a thread; returns where to hand it turns.
fn start_exchange(
    socket: &Arc<Socket>,
    sender: SocketAddr,
    serve_one: fn(&mut Datagrams, &RoleOptions) -> Result<(), RoleError>,
    options: &ServeOptions,
    events: &Sender<Event>,
) -> io::Result<Sender<()>> {
    let (turn, turns) = mpsc::channel();
    let role = options.role.clone();
    let events = events.clone();
    let mut datagrams = Datagrams {
        socket: Arc::clone(socket),
        timeout: options.idle_timeout,
        recvs: 0,
        exchange: Some(Exchange {
            peer: sender,
            turns,
            events: events.clone(),
        }),
    };
    thread::Builder::new()
        .name(format!("client {sender}"))
        .stack_size(CLIENT_STACK)
        .spawn(move || {
            serving(&sender.to_string());
            match serve_one(&mut datagrams, &role) {
                // Not translated: scripts wait for `client ADDR: done`.
                Ok(()) => log("done"),
                Err(error) => log(tr!("serve-giving-up", "{error}: giving up", error = error)),
            }
            let _ = events.send(Event::Finished(sender));
        })?;
    Ok(turn)
}

/// Forgets the exchanges that have finished. `true` if any had.
fn drain(happened: &Receiver<Event>, exchanges: &mut HashMap<SocketAddr, Sender<()>>) -> bool {
    let mut finished = false;
    while let Ok(event) = happened.try_recv() {
        if let Event::Finished(peer) = event {
            exchanges.remove(&peer);
            finished = true;
        }
    }
    finished
}

/// How a hand-off ended.
struct Handoff {
    /// The exchange took the datagram.
    taken: bool,
    /// Some exchange (this one or another) finished meanwhile.
    finished: bool,
}

/// Waits (at most [`HANDOFF_WAIT`]) until `sender`'s exchange has taken the
/// datagram it was handed, or has finished without it (then the datagram
/// starts a new exchange next round).
fn wait_taken(
    happened: &Receiver<Event>,
    exchanges: &mut HashMap<SocketAddr, Sender<()>>,
    sender: SocketAddr,
) -> Handoff {
    let deadline = Instant::now() + HANDOFF_WAIT;
    let mut finished = false;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match happened.recv_timeout(left) {
            Ok(Event::Taken(peer)) if peer == sender => {
                return Handoff {
                    taken: true,
                    finished,
                };
            }
            Ok(Event::Taken(_)) => {}
            Ok(Event::Finished(peer)) => {
                exchanges.remove(&peer);
                finished = true;
                if peer == sender {
                    return Handoff {
                        taken: false,
                        finished,
                    };
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                return Handoff {
                    taken: false,
                    finished,
                };
            }
        }
    }
}

/// Takes the datagram at the head of the queue and discards it, with a log
/// line saying why.
fn drop_datagram(socket: &Socket, sender: &str, why: &str) {
    let size = net::recv_from_truncating(socket, 0).map_or(0, |(real, _, _)| real);
    log(tr!(
        "serve-datagram-dropped",
        "client {sender}: datagram of {size} bytes dropped: {why}",
        sender = sender,
        size = size,
        why = why
    ));
}

// ---------------------------------------------------------------------------
// socklab connect
// ---------------------------------------------------------------------------

/// Connects to `server` and plays the client role, speaking the variant
/// `options` chose. Every call has a timeout of `CLIENT_TIMEOUT`. A UDP
/// client connect(2)s its socket too: no packet is sent for that, but the
/// kernel then reports the ICMP "port unreachable" that a closed port
/// answers with (udp(7)), and the next call fails with ECONNREFUSED instead
/// of the datagrams vanishing.
pub fn connect(
    roles: &Roles,
    server: SocketAddr,
    options: &RoleOptions,
) -> Result<Ending, RoleError> {
    log(lab_line(roles, roles.client));
    let domain = Domain::for_address(server);
    let failed = |what: &str, error: io::Error| {
        RoleError(format!(
            "{} {server}: {}{}",
            i18n::text(what),
            net::error_name(&error),
            connect_hint(&error, server)
        ))
    };
    match roles.connect {
        Connect::Tcp(client) => {
            let socket = Socket::new(domain, Type::STREAM, Some(Protocol::TCP))
                .map_err(|e| RoleError(format!("socket: {}", net::error_name(&e))))?;
            socket
                .connect_timeout(&server.into(), CLIENT_TIMEOUT)
                .map_err(|e| failed("connecting to", e))?;
            log(tr!(
                "connect-connected",
                "connected to {server} (tcp)",
                server = server
            ));
            let mut conn = Conn::new(socket, CLIENT_TIMEOUT, SESSION_LIMIT);
            client(&mut conn, options)
        }
        Connect::Udp(client) => {
            let socket = Socket::new(domain, Type::DGRAM, Some(Protocol::UDP))
                .map_err(|e| RoleError(format!("socket: {}", net::error_name(&e))))?;
            socket
                .connect(&server.into())
                .map_err(|e| failed("sending to", e))?;
            log(tr!(
                "connect-sending",
                "sending to {server} (udp)",
                server = server
            ));
            let mut datagrams = Datagrams::new(socket, CLIENT_TIMEOUT)
                .map_err(|e| RoleError(net::error_name(&e)))?;
            let ran = client(&mut datagrams, server, options).map_err(|error| {
                if error.0.ends_with("ECONNREFUSED") {
                    RoleError(format!("{}{}", error.0, refused_hint(server)))
                } else {
                    error
                }
            });
            let ending = ran?;
            // The last datagram's ICMP answer, if any, is reported here.
            match datagrams.socket.take_error() {
                Ok(Some(error)) => Err(failed("sending to", error)),
                _ => Ok(ending),
            }
        }
    }
}

/// "lab 1 (nagle-sticky): what this role does", the first line of a role.
fn lab_line(roles: &Roles, what: &str) -> String {
    tr!(
        "role-lab-line",
        "lab {number} ({slug}): {what}",
        number = roles.lab.number,
        slug = roles.lab.slug,
        what = i18n::text(what)
    )
}

/// What a refused UDP client is told.
fn refused_hint(server: SocketAddr) -> String {
    connect_hint(&io::Error::from_raw_os_error(libc::ECONNREFUSED), server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;

    #[test]
    fn roles_are_in_lab_order_and_each_lab_once() {
        for pair in ROLES.windows(2) {
            assert!(pair[0].lab.number < pair[1].lab.number);
        }
    }

    #[test]
    fn a_lab_without_roles_lists_the_labs_with_roles() {
        let error = find(registry::find("4").unwrap()).err().unwrap();
        assert_eq!(
            error.to_string(),
            "lab 4 (reuseaddr-timewait) has no serve/connect roles; labs with roles: \
             1 (nagle-sticky), 2 (partial-recv), 3 (udp-truncation), 6 (framing), 11 (udp-datagrams), \
             15 (hmac-auth), 16 (file-transfer), 17 (remote-command)"
        );
        assert_eq!(
            find(registry::find("6").unwrap()).unwrap().lab.slug,
            "framing"
        );
    }

    #[test]
    fn a_client_that_trickles_meets_the_session_limit() {
        let pair = net::tcp_pair().expect("a loopback pair");
        let limit = Duration::from_millis(50);
        let mut conn = Conn::new(pair.server, Duration::from_secs(1), limit);
        // The recv waits for the 50 ms left of the session, not the idle
        // second, and says which limit it met.
        assert_eq!(
            conn.recv(1).unwrap_err().0,
            "recv(1) #1: still here after the 0.05 s session limit"
        );
        assert_eq!(
            conn.recv(1).unwrap_err().0,
            "still here after the 0.05 s session limit"
        );
    }

    #[test]
    fn errors_of_connect_and_listen_name_the_fix() {
        let error = |code| io::Error::from_raw_os_error(code);
        let v4: SocketAddr = "127.0.0.1:9".parse().unwrap();
        let link_local: SocketAddr = "[fe80::1]:80".parse().unwrap();
        assert!(connect_hint(&error(libc::ENETUNREACH), v4).starts_with(": no route"));
        assert!(connect_hint(&error(libc::EHOSTUNREACH), v4).starts_with(": no route"));
        assert!(connect_hint(&error(libc::ETIMEDOUT), v4).starts_with(": no answer"));
        assert_eq!(
            connect_hint(&error(libc::EINVAL), link_local),
            LINK_LOCAL_HINT
        );
        assert_eq!(
            listen_hint(&error(libc::EINVAL), &link_local),
            LINK_LOCAL_HINT
        );
        assert_eq!(listen_hint(&error(libc::EINVAL), &v4), "");
    }

    #[test]
    fn a_message_starts_with_a_read_and_ends_with_a_reply_or_its_last_byte() {
        let pair = net::tcp_pair().expect("a loopback pair");
        let mut conn = Conn::new(pair.server, Duration::from_secs(1), SESSION_LIMIT);
        (&pair.client).write_all(b"abcd").unwrap();
        assert_eq!(conn.recv(1).unwrap(), b"a");
        let started = conn.message_deadline.expect("a read starts a message");
        assert_eq!(conn.recv(1).unwrap(), b"b");
        assert_eq!(conn.message_deadline, Some(started), "one message goes on");
        conn.send(b"ok").unwrap();
        assert_eq!(conn.message_deadline, None, "a reply ends it");
        assert_eq!(conn.recv_exactly(2, "body").unwrap().unwrap(), b"cd");
        assert_eq!(conn.message_deadline, None, "so does its last byte");
        // The whole-message limit (tests/serve.rs trickles against it).
        assert_eq!(conn.message_limit(), Duration::from_secs(2));
    }

    #[test]
    fn the_message_budget_is_shared_and_given_back() {
        let first = Reserved::take(MESSAGE_BUDGET / 2, "body").unwrap();
        let second = Reserved::take(MESSAGE_BUDGET / 2, "body").unwrap();
        let refused = Reserved::take(MESSAGE_BUDGET, "body").err().unwrap().0;
        assert!(refused.contains("try again in a moment"), "{refused}");
        drop((first, second));
        drop(Reserved::take(MESSAGE_BUDGET, "body").unwrap());
    }

    mod fuzz {
        use proptest::prelude::*;

        use crate::frame::{MAX_DICT_HEADER_LEN, MAX_FRAME_LEN};
        use crate::fuzz::run;
        use crate::roles::framing::{header_length, parse_header};

        /// `socklab serve 6`'s two parsers: the struct 'i' prefix and the
        /// JSON header. No panic; a length or size is accepted only within
        /// its cap, and the header text is kept as it came.
        #[test]
        fn fuzz_course_header_dictionary() {
            let prefixes = prop_oneof![
                prop::collection::vec(any::<u8>(), 0..8),
                any::<i32>().prop_map(|n| n.to_le_bytes().to_vec()),
                (0..(MAX_DICT_HEADER_LEN as i32 * 2)).prop_map(|n| n.to_le_bytes().to_vec()),
            ];
            let headers = prop_oneof![
                prop::collection::vec(any::<u8>(), 0..300),
                (any::<u64>(), "[ -~]{0,40}").prop_map(|(size, rest)| {
                    format!("{{\"total_size\": {size}{rest}").into_bytes()
                }),
                (0..(MAX_FRAME_LEN as u64 * 2)).prop_map(|size| {
                    format!("{{\"filename\": \"a\", \"total_size\": {size}}}").into_bytes()
                }),
                "[ -~]{0,30}".prop_map(|key| format!("{{\"{key}\": 1}}").into_bytes()),
                "-?[0-9.e]{1,8}|\"[a-z]{0,5}\"|null|true"
                    .prop_map(|size| format!("{{\"total_size\": {size}}}").into_bytes()),
            ];
            let expected = [
                "length accepted",
                "length refused: negative",
                "length refused: declares",
                "length refused: is not 4 bytes",
                "header accepted",
                "header refused: is not UTF-8",
                "header refused: is not JSON",
                "header refused: has no",
                "header refused: is not a size",
                "header refused: declares",
            ];
            let refusal = |text: &str| {
                [
                    "negative",
                    "declares",
                    "is not 4 bytes",
                    "is not UTF-8",
                    "is not JSON",
                    "has no",
                    "is not a size",
                ]
                .into_iter()
                .find(|why| text.contains(why))
                .unwrap_or("other")
            };
            run(
                "fuzz_course_header_dictionary",
                (prefixes, headers),
                &expected,
                |(prefix, header)| {
                    let length = match header_length(&prefix) {
                        Ok(length) => {
                            prop_assert_eq!(prefix.len(), 4);
                            prop_assert!(length <= MAX_DICT_HEADER_LEN);
                            let declared = i32::from_le_bytes(prefix[..4].try_into().unwrap());
                            prop_assert_eq!(length as i64, i64::from(declared));
                            "length accepted".to_string()
                        }
                        Err(error) => format!("length refused: {}", refusal(&error.0)),
                    };
                    let header = match parse_header(&header, &crate::roles::options::SizeField::ALL)
                    {
                        Ok(parsed) => {
                            prop_assert!(parsed.size <= MAX_FRAME_LEN);
                            prop_assert_eq!(parsed.text.as_bytes(), &header[..]);
                            "header accepted".to_string()
                        }
                        Err(error) => format!("header refused: {}", refusal(&error.0)),
                    };
                    // One outcome per case would hide half of them: the
                    // two parsers' outcomes are counted as one pair.
                    Ok(format!("{length} | {header}"))
                },
            );
        }
    }

    #[test]
    fn show_keeps_both_ends_of_long_values() {
        assert_eq!(show(b"hello"), "5 bytes b\"hello\"");
        let seq: String = (1..=30).map(|n| format!("{n}\n")).collect();
        assert_eq!(
            show(seq.as_bytes()),
            "81 bytes b\"1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\n\"…b\"8\\n29\\n30\\n\""
        );
    }
}
