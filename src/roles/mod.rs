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
//! A server is a program that strangers talk to, so this one trusts nothing
//! it reads. Every blocking call has a timeout (a client that connects and
//! says nothing is dropped after `--idle-timeout`, and no client may stay
//! longer than [`SESSION_LIMIT`]), every length read from the wire is
//! checked against a cap before anything is allocated for it, and whatever
//! goes wrong with one client ends in one log line, `client ADDR: what
//! happened: closing`, after which the server takes the next client. Nothing
//! a client sends can make it panic or hang.
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

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use crate::lab::Lab;
use crate::net::{self, bytes_literal};
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
pub type Settings = fn(&RoleOptions) -> Result<String, String>;

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
        self.0.ends_with(": ECONNRESET") || self.0.ends_with(": EPIPE")
    }
}

/// A lab without serve/connect roles was named; the message lists the labs
/// that have them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lab {number} ({slug}) has no serve/connect roles; labs with roles: {with_roles}")]
pub struct NoRoles {
    pub number: u8,
    pub slug: &'static str,
    /// "1 (nagle-sticky), 2 (partial-recv), ..."
    pub with_roles: String,
}

/// Why `socklab serve` could not start or keep listening (a client's
/// trouble is a log line, never one of these).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// socket(2), bind(2) or listen(2) failed; the message names the fix.
    #[error("cannot listen on {address}: {}{}", net::error_name(.source), listen_hint(.source))]
    CannotListen {
        address: SocketAddr,
        source: io::Error,
    },
    /// The options given do not go together; the message names the fix.
    #[error("{0}")]
    Options(String),
    /// Setting a timeout on the listening socket failed.
    #[error("{what}: {}", net::error_name(.source))]
    Setup {
        what: &'static str,
        source: io::Error,
    },
}

/// The fix for the usual reasons a bind fails.
fn listen_hint(error: &io::Error) -> &'static str {
    match error.raw_os_error() {
        Some(libc::EADDRINUSE) => {
            ": another program has that port; pick another, or port 0 for a free one"
        }
        Some(libc::EADDRNOTAVAIL) => ": that address is not one of this machine's",
        Some(libc::EACCES) => ": ports below 1024 need root; use a higher port or port 0",
        _ => "",
    }
}

/// How long `socklab serve` waits for a silent client by default.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest one client may keep the server, however it trickles its
/// bytes: a client that sends one byte just before every idle timeout would
/// otherwise hold a one-client-at-a-time server forever.
pub const SESSION_LIMIT: Duration = Duration::from_secs(60);

/// How long each accept (or wait for a first datagram) blocks before the
/// server loop checks in again. It never expires in a way anyone sees: the
/// loop just waits again. It exists so that no call blocks without limit.
const ACCEPT_POLL: Duration = Duration::from_secs(1);

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

/// One line of the log, on stdout, at once. A closed stdout (the student
/// piped the log into `head`) must not stop the server, so write errors are
/// ignored; `println!` would panic instead.
pub fn log(line: impl fmt::Display) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// One line on stderr (a warning or the error that ends a command); like
/// [`log`], it never panics on a closed stream, which `eprintln!` would.
pub fn warn(line: impl fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Bytes as the log shows them: the count, then the bytes as Python prints
/// them. Long values show their first and last bytes, so that where a recv
/// started and ended stays visible.
pub fn show(bytes: &[u8]) -> String {
    /// Bytes shown from each end of a long value.
    const HEAD: usize = 16;
    const TAIL: usize = 8;
    if bytes.len() <= HEAD + TAIL {
        format!("{} bytes {}", bytes.len(), bytes_literal(bytes))
    } else {
        format!(
            "{} bytes {}…{}",
            bytes.len(),
            bytes_literal(&bytes[..HEAD]),
            bytes_literal(&bytes[bytes.len() - TAIL..])
        )
    }
}

/// The log line of one recv: `recv(5) #1: 5 bytes b"hello"`.
fn log_received(call: &str, bytes: &[u8]) {
    let eof = if bytes.is_empty() {
        " (EOF: the peer closed)"
    } else {
        ""
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
            recvs: 0,
            sends: 0,
        }
    }

    pub fn socket(&self) -> &Socket {
        &self.socket
    }

    /// Sets SO_RCVTIMEO and SO_SNDTIMEO (socket(7)) for the next call: the
    /// idle timeout, or what is left of the session if that is less.
    fn arm(&self) -> Result<(), RoleError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(RoleError(format!(
                "still here after the {} s session limit",
                self.limit.as_secs_f64()
            )));
        }
        // A zero timeout would mean "block forever" to the kernel; `left`
        // is not zero here.
        net::set_timeouts(&self.socket, self.idle.min(left))
            .map_err(|e| self.failed("setsockopt", &e))
    }

    fn failed(&self, call: &str, error: &io::Error) -> RoleError {
        if is_timeout(error) {
            let idle = self.idle.as_secs_f64();
            if Instant::now() >= self.deadline {
                RoleError(format!(
                    "{call}: still here after the {} s session limit",
                    self.limit.as_secs_f64()
                ))
            } else {
                RoleError(format!("{call}: nothing for {idle} s (idle timeout)"))
            }
        } else {
            RoleError(format!("{call}: {}", net::error_name(error)))
        }
    }

    /// ONE recv of at most `size` bytes, logged as
    /// `recv(5) #1: 5 bytes b"hello"`. An empty result means the peer
    /// closed its side (EOF).
    pub fn recv(&mut self, size: usize) -> Result<Vec<u8>, RoleError> {
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
                log(format!("{call}: nothing for {} s", self.idle.as_secs_f64()));
                Ok(Heard::Silence)
            }
            Err(error) if error.raw_os_error() == Some(libc::ECONNRESET) => {
                log(format!("{call}: ECONNRESET (the peer sent RST)"));
                Ok(Heard::Reset)
            }
            Err(error) => Err(self.failed(&call, &error)),
        }
    }

    /// Reads until exactly `length` bytes have arrived, without logging: a
    /// role logs the message it assembles. Memory grows as bytes arrive
    /// (never more than `length`, which the caller has checked against its
    /// cap), so a length that lies costs nothing. `None`: the peer closed
    /// before sending any of it (a clean end, between messages). EOF after
    /// some of it is an error naming what was cut: `what` ("body", ...).
    pub fn recv_exactly(
        &mut self,
        length: usize,
        what: &str,
    ) -> Result<Option<Vec<u8>>, RoleError> {
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
                Ok(0) => {
                    return Err(RoleError(format!(
                        "EOF after {} of {length} {what} bytes (the peer vanished mid-message)",
                        bytes.len()
                    )));
                }
                Ok(received) => bytes.extend_from_slice(&chunk[..received]),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => {
                    return Err(self.failed(
                        &format!("reading {what} ({} of {length} bytes in)", bytes.len()),
                        &error,
                    ));
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
        Ok(())
    }

    /// Closes the sending side (shutdown(2) SHUT_WR): the peer's next recv
    /// returns b"" once it has read everything.
    pub fn close_sending(&mut self) -> Result<(), RoleError> {
        self.socket
            .shutdown(Shutdown::Write)
            .map_err(|e| self.failed("shutdown", &e))?;
        log("shutdown(SHUT_WR): sent FIN");
        Ok(())
    }

    /// Bytes waiting in the receive queue (FIONREAD).
    pub fn queued(&self) -> Result<usize, RoleError> {
        net::queued_bytes(&self.socket).map_err(|e| self.failed("FIONREAD", &e))
    }
}

// ---------------------------------------------------------------------------
// UDP: a socket whose every call is logged and bounded.
// ---------------------------------------------------------------------------

/// A UDP socket, as a role sees it: every recvfrom and sendto is one log
/// line, and every recvfrom has a timeout.
pub struct Datagrams {
    socket: Socket,
    timeout: Duration,
    recvs: usize,
}

impl Datagrams {
    fn new(socket: Socket, timeout: Duration) -> io::Result<Datagrams> {
        net::set_timeouts(&socket, timeout)?;
        Ok(Datagrams {
            socket,
            timeout,
            recvs: 0,
        })
    }

    /// ONE recvfrom with a `size`-byte buffer. With MSG_TRUNC in the flags,
    /// Linux returns the datagram's real length even when the buffer was
    /// smaller (udp(7)), so the log can say what was cut:
    /// `recvfrom(8) #1 from 127.0.0.1:5555: 8 bytes b"12345678" (datagram
    /// was 10 bytes: 2 discarded, MSG_TRUNC)`.
    pub fn recv_from(&mut self, size: usize) -> Result<(Vec<u8>, SocketAddr), RoleError> {
        self.recvs += 1;
        let call = format!("recvfrom({size}) #{}", self.recvs);
        let (real, bytes, sender) =
            net::recv_from_truncating(&self.socket, size).map_err(|error| {
                if is_timeout(&error) {
                    RoleError(format!(
                        "{call}: no datagram for {} s (timeout)",
                        self.timeout.as_secs_f64()
                    ))
                } else {
                    RoleError(format!("{call}: {}", net::error_name(&error)))
                }
            })?;
        let sender = sender
            .as_socket()
            .ok_or_else(|| RoleError(format!("{call}: sender is not an IP address")))?;
        let cut = if real > size {
            format!(
                " (datagram was {real} bytes: {} discarded, MSG_TRUNC)",
                real - size
            )
        } else {
            String::new()
        };
        log(format!("{call} from {sender}: {}{cut}", show(&bytes)));
        Ok((bytes, sender))
    }

    /// ONE sendto, logged as `sendto #1 127.0.0.1:5555: ...`.
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

/// Binds, prints `listening on ADDR (tcp|udp)`, and serves clients one
/// after another (or one, with `--once`). Returns an error only when the
/// server cannot start: a client's trouble is a log line, not an error.
pub fn serve(roles: &Roles, options: &ServeOptions) -> Result<(), ServeError> {
    let settings = roles
        .settings
        .map(|settings| settings(&options.role))
        .transpose()
        .map_err(ServeError::Options)?;
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
            // SO_REUSEADDR (socket(7)): a restarted server can bind its port
            // again while the last connection sits in TIME_WAIT (lab 4).
            socket.set_reuse_address(true)?;
            socket.bind(&options.listen.into())?;
            Ok(socket)
        })
        .map_err(cannot)?;
    if let Serve::Tcp(_) = roles.serve {
        /// Clients that may wait in the accept queue while one is served.
        const BACKLOG: i32 = 16;
        socket.listen(BACKLOG).map_err(cannot)?;
    }
    let address = net::local_addr(&socket).map_err(cannot)?;
    if !address.ip().is_loopback() {
        warn(format!(
            "warning: listening on {address}, not loopback: anyone who can reach this machine can connect"
        ));
    }
    log(format!("listening on {address} ({})", roles.transport()));
    log(format!(
        "lab {} ({}): {}",
        roles.lab.number, roles.lab.slug, roles.server
    ));
    if let Some(settings) = settings {
        log(settings);
    }
    match roles.serve {
        Serve::Tcp(serve_one) => serve_tcp(&socket, serve_one, options),
        Serve::Udp(serve_one) => serve_udp(socket, serve_one, options),
    }
}

/// The connection loop: accept, serve, next. The accept waits
/// [`ACCEPT_POLL`] at a time, so even the wait for a client is bounded.
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
    loop {
        let (socket, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(error) if is_timeout(&error) || error.kind() == io::ErrorKind::Interrupted => {
                continue;
            }
            // ECONNABORTED and the like concern one client, not the server.
            Err(error) => {
                log(format!(
                    "accept: {}: waiting for the next client",
                    net::error_name(&error)
                ));
                continue;
            }
        };
        let peer = peer
            .as_socket()
            .map_or_else(|| "?".to_string(), |peer| peer.to_string());
        log(format!("client {peer}: connected"));
        let mut conn = Conn::new(socket, options.idle_timeout, SESSION_LIMIT);
        match serve_one(&mut conn, &options.role) {
            Ok(()) => log(format!("client {peer}: done")),
            Err(error) => log(format!("client {peer}: {error}: closing")),
        }
        if options.once {
            return Ok(());
        }
    }
}

/// The UDP loop: wait for a datagram, handle the exchange it starts, next.
/// There is no connection, so "a client" is whoever sent the datagram.
fn serve_udp(
    socket: Socket,
    serve_one: fn(&mut Datagrams, &RoleOptions) -> Result<(), RoleError>,
    options: &ServeOptions,
) -> Result<(), ServeError> {
    let mut datagrams =
        Datagrams::new(socket, options.idle_timeout).map_err(|source| ServeError::Setup {
            what: "setting the timeouts",
            source,
        })?;
    loop {
        // Wait for the first datagram of an exchange without taking it:
        // peek at its sender, ACCEPT_POLL at a time.
        datagrams
            .socket
            .set_read_timeout(Some(ACCEPT_POLL))
            .map_err(|source| ServeError::Setup {
                what: "setting the timeout",
                source,
            })?;
        let sender = match datagrams.socket.peek_sender() {
            Ok(sender) => sender,
            Err(error) if is_timeout(&error) || error.kind() == io::ErrorKind::Interrupted => {
                continue;
            }
            Err(error) => {
                log(format!(
                    "waiting for a datagram: {}",
                    net::error_name(&error)
                ));
                continue;
            }
        };
        let sender = sender
            .as_socket()
            .map_or_else(|| "?".to_string(), |sender| sender.to_string());
        datagrams
            .socket
            .set_read_timeout(Some(options.idle_timeout))
            .map_err(|source| ServeError::Setup {
                what: "setting the timeout",
                source,
            })?;
        // Each exchange numbers its calls from #1.
        datagrams.recvs = 0;
        match serve_one(&mut datagrams, &options.role) {
            Ok(()) => log(format!("exchange with {sender}: done")),
            Err(error) => log(format!("exchange with {sender}: {error}: giving up")),
        }
        if options.once {
            return Ok(());
        }
    }
}

// ---------------------------------------------------------------------------
// socklab connect
// ---------------------------------------------------------------------------

/// Connects to `server` and plays the client role, speaking the variant
/// `options` chose. Every call has a timeout of `CLIENT_TIMEOUT`.
pub fn connect(
    roles: &Roles,
    server: SocketAddr,
    options: &RoleOptions,
) -> Result<Ending, RoleError> {
    log(format!(
        "lab {} ({}): {}",
        roles.lab.number, roles.lab.slug, roles.client
    ));
    let domain = Domain::for_address(server);
    match roles.connect {
        Connect::Tcp(client) => {
            let socket = Socket::new(domain, Type::STREAM, Some(Protocol::TCP))
                .map_err(|e| RoleError(format!("socket: {}", net::error_name(&e))))?;
            socket
                .connect_timeout(&server.into(), CLIENT_TIMEOUT)
                .map_err(|e| {
                    RoleError(format!("connecting to {server}: {}", net::error_name(&e)))
                })?;
            log(format!("connected to {server} (tcp)"));
            let mut conn = Conn::new(socket, CLIENT_TIMEOUT, SESSION_LIMIT);
            client(&mut conn, options)
        }
        Connect::Udp(client) => {
            let socket = Socket::new(domain, Type::DGRAM, Some(Protocol::UDP))
                .map_err(|e| RoleError(format!("socket: {}", net::error_name(&e))))?;
            log(format!("sending to {server} (udp)"));
            let mut datagrams = Datagrams::new(socket, CLIENT_TIMEOUT)
                .map_err(|e| RoleError(net::error_name(&e)))?;
            client(&mut datagrams, server, options)
        }
    }
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
    fn show_keeps_both_ends_of_long_values() {
        assert_eq!(show(b"hello"), "5 bytes b\"hello\"");
        let seq: String = (1..=30).map(|n| format!("{n}\n")).collect();
        assert_eq!(
            show(seq.as_bytes()),
            "81 bytes b\"1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\n\"…b\"8\\n29\\n30\\n\""
        );
    }
}
