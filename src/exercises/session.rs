//! socklab's end of an exercise: the socket it plays on, and every wait
//! bounded by the student's program.
//!
//! Two clocks bound a check. The time limit (`--time-limit`, 10 s) is the
//! most the student's program may run; past it socklab ends the program
//! and says it timed out (exit 2). Inside it, each step of a conversation
//! gives the program [`STEP`] to show a sign (connect, answer, close):
//! silence for that long is an observation, "nothing", and the check that
//! wanted the sign fails (exit 1). A program that has exited cannot answer
//! any more, so every wait also watches the child's pidfd (pidfd_open(2)):
//! it is readable once the process has exited, and the wait ends at once.
//!
//! Every socket socklab plays on gets a column in the conversation diagram
//! (`net::trace::set_role`), and every call on it goes through the `net`
//! helpers that record it: the report then shows each byte both ways.

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};
use socket2::{Domain, Protocol, Socket, Type};

use crate::i18n::{self, Lang};
use crate::net::{self, TcpState, trace};
use crate::report::Side;
use crate::tr;

use super::Plays;

/// How long one step of a conversation waits for a sign from the student's
/// program: far more than loopback and a Python start need, short enough
/// that a wrong program is told so quickly.
pub const STEP: Duration = Duration::from_secs(3);

/// How often a connect is tried again while the student's server is not
/// listening yet (each try is answered at once: ECONNREFUSED).
const CONNECT_RETRY: Duration = Duration::from_millis(10);

/// Why a check could not be run: exit status 2, with this line.
#[derive(Debug)]
pub enum NotRun {
    /// The command could not be started at all.
    CannotStart { command: String, why: String },
    /// The program exited before it connected (or listened).
    NeverConnected {
        status: String,
        what: &'static str,
        address: SocketAddr,
        fix: &'static str,
    },
    /// The time limit passed.
    TimedOut { limit: u64, doing: String },
    /// socklab's own socket failed (not the student's doing).
    Socket {
        step: &'static str,
        source: io::Error,
    },
}

impl fmt::Display for NotRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = match self {
            NotRun::CannotStart { command, why } => tr!(
                "not-run-cannot-start",
                "cannot run `{command}`: {why}",
                command = command,
                why = why
            ),
            NotRun::NeverConnected {
                status,
                what,
                address,
                fix,
            } => tr!(
                "not-run-never-connected",
                "your program exited ({status}) without {what} {address}: it must {fix}",
                status = status,
                what = i18n::text(what),
                address = address,
                fix = i18n::text(fix)
            ),
            NotRun::TimedOut { limit, doing } => tr!(
                "not-run-timed-out",
                "your program was still running at the {limit} s time limit{doing}: socklab ended it (a loop that never ends? `--time-limit SECS` gives it longer)",
                limit = limit,
                // " without connecting": in English the space leads in.
                doing = match i18n::current() {
                    Lang::En => doing.clone(),
                    Lang::ZhCn if doing.is_empty() => String::new(),
                    Lang::ZhCn => i18n::text(doing.trim_start()).into_owned(),
                }
            ),
            NotRun::Socket { step, source } => tr!(
                "not-run-socket",
                "socklab could not {step}: {error}",
                step = i18n::text(step),
                error = net::error_name(source)
            ),
        };
        f.write_str(&line)
    }
}

impl std::error::Error for NotRun {}

/// Names the socklab step an I/O error belongs to.
pub trait Step<T> {
    fn step(self, step: &'static str) -> Result<T, NotRun>;
}

impl<T> Step<T> for io::Result<T> {
    fn step(self, step: &'static str) -> Result<T, NotRun> {
        self.map_err(|source| NotRun::Socket { step, source })
    }
}

/// The socket socklab plays on, before the student's program has shown up.
enum Ready {
    /// Listening for the student's client (TCP) or its datagrams (UDP).
    Listener(Socket),
    /// The student's server is to bind this address.
    Address,
}

/// One check's socklab end: the address the student's program is given,
/// the socket behind it, the clock, and the child to watch.
pub struct Session {
    plays: Plays,
    address: SocketAddr,
    ready: Option<Ready>,
    child: Option<OwnedFd>,
    /// The student's program's process id, once it runs.
    pid: Option<u32>,
    deadline: Instant,
    limit: Duration,
    /// A private folder for files the exercise hands over or gets back.
    pub folder: PathBuf,
}

impl Session {
    /// Binds socklab's end on 127.0.0.1, port 0 (a free port the kernel
    /// picks). For an exercise where the student writes the server, the
    /// port is reserved the same way and released at once, for the
    /// student's program to bind: on loopback nothing else takes it in
    /// the few milliseconds before the program starts.
    pub fn open(plays: Plays, limit: Duration, folder: PathBuf) -> Result<Session, NotRun> {
        let any = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
        let (kind, protocol) = match plays {
            Plays::TcpServer | Plays::TcpClient => (Type::STREAM, Protocol::TCP),
            Plays::UdpServer | Plays::UdpClient => (Type::DGRAM, Protocol::UDP),
        };
        let socket = Socket::new(Domain::IPV4, kind, Some(protocol)).step("make a socket")?;
        socket.bind(&any.into()).step("bind 127.0.0.1:0")?;
        if plays == Plays::TcpServer {
            socket.listen(16).step("listen")?;
        }
        let address = net::local_addr(&socket).step("read its address")?;
        let ready = if plays.student_listens() {
            drop(socket);
            Ready::Address
        } else {
            Ready::Listener(socket)
        };
        Ok(Session {
            plays,
            address,
            ready: Some(ready),
            child: None,
            pid: None,
            deadline: Instant::now() + limit,
            limit,
            folder,
        })
    }

    /// The address the student's program is given.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// From now on, waits end when this process (the student's program)
    /// exits; the time limit counts from now.
    pub(super) fn watch_child(&mut self, pidfd: OwnedFd, pid: u32) {
        self.child = Some(pidfd);
        self.pid = Some(pid);
        self.deadline = Instant::now() + self.limit;
    }

    /// Whether the time limit has passed.
    pub(super) fn out_of_time(&self) -> bool {
        Instant::now() >= self.deadline
    }

    fn timed_out(&self, doing: &str) -> NotRun {
        NotRun::TimedOut {
            limit: self.limit.as_secs(),
            doing: doing.to_string(),
        }
    }

    /// What is left of `wanted`, cut short by the time limit.
    pub fn left(&self, wanted: Duration) -> Duration {
        wanted.min(self.deadline.saturating_duration_since(Instant::now()))
    }

    /// Whether the student's program has exited (its pidfd is readable).
    pub fn student_exited(&self) -> bool {
        let Some(child) = &self.child else {
            return false;
        };
        net::poll_ready(&[child.as_fd()], libc::POLLIN, Duration::ZERO)
            .ok()
            .and_then(|ready| ready.first().copied())
            .unwrap_or(false)
    }

    /// Waits until `socket` is readable, the student's program exits, or
    /// `wanted` (cut by the time limit) passes. `true`: readable.
    pub fn wait_readable(&self, socket: &Socket, wanted: Duration) -> bool {
        let until = Instant::now() + self.left(wanted);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let mut fds = vec![socket.as_fd()];
            if let Some(child) = &self.child {
                fds.push(child.as_fd());
            }
            let ready = net::poll_ready(&fds, libc::POLLIN, left).unwrap_or_default();
            if ready.first().copied().unwrap_or(false) {
                return true;
            }
            // The program exited: give its last bytes (already queued, if
            // it sent any) one last look.
            if ready.get(1).copied().unwrap_or(false) || left.is_zero() {
                return net::poll_ready(&[socket.as_fd()], libc::POLLIN, Duration::ZERO)
                    .ok()
                    .and_then(|ready| ready.first().copied())
                    .unwrap_or(false);
            }
        }
    }

    fn never_connected(&self) -> NotRun {
        let (what, fix) = match self.plays {
            Plays::TcpServer => (
                "connecting to",
                "connect to the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT",
            ),
            Plays::UdpServer => (
                "sending a datagram to",
                "send to the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT",
            ),
            Plays::TcpClient => (
                "listening on",
                "bind and listen on the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT, and keep serving",
            ),
            Plays::UdpClient => (
                "binding",
                "bind the address in its last two arguments or in SOCKLAB_HOST and SOCKLAB_PORT, and keep serving",
            ),
        };
        NotRun::NeverConnected {
            // The runner fills it in once it has reaped the program.
            status: String::new(),
            what,
            address: self.address,
            fix,
        }
    }

    /// socklab as the TCP server: the student's client, once it connects.
    pub fn accept(&mut self) -> Result<Socket, NotRun> {
        let Some(Ready::Listener(listener)) = self.ready.take() else {
            unreachable!("accept is for exercises where socklab plays the TCP server")
        };
        if !self.wait_readable(&listener, self.limit) {
            return Err(if self.student_exited() {
                self.never_connected()
            } else {
                self.timed_out(" without connecting")
            });
        }
        let (socket, _) = listener.accept().step("accept")?;
        // TCP_NODELAY (tcp(7)): each piece socklab sends leaves at once,
        // instead of waiting in Nagle's buffer for the last one's ACK.
        socket.set_tcp_nodelay(true).step("set TCP_NODELAY")?;
        trace::set_role(&socket, Side::Server);
        Ok(socket)
    }

    /// socklab as the TCP client: connects to the student's server, trying
    /// again while nothing listens yet (the program is still starting).
    pub fn connect(&mut self) -> Result<Socket, NotRun> {
        loop {
            match net::tcp_connect(self.address) {
                Ok(socket) => {
                    socket.set_tcp_nodelay(true).step("set TCP_NODELAY")?;
                    trace::set_role(&socket, Side::Client);
                    return Ok(socket);
                }
                Err(error) if error.raw_os_error() == Some(libc::ECONNREFUSED) => {
                    if self.student_exited() {
                        return Err(self.never_connected());
                    }
                    if self.out_of_time() {
                        return Err(self.timed_out(" without listening"));
                    }
                    // Nothing to wait on in the kernel for "a program will
                    // listen": wait on the child instead, so an exit ends
                    // the wait at once.
                    if let Some(child) = &self.child {
                        let _ = net::poll_ready(&[child.as_fd()], libc::POLLIN, CONNECT_RETRY);
                    }
                }
                Err(error) => {
                    return Err(NotRun::Socket {
                        step: "connect to your server",
                        source: error,
                    });
                }
            }
        }
    }

    /// socklab as the UDP server: its socket, once the student's first
    /// datagram is waiting in it.
    pub fn first_datagram(&mut self) -> Result<Socket, NotRun> {
        let Some(Ready::Listener(socket)) = self.ready.take() else {
            unreachable!("first_datagram is for exercises where socklab plays the UDP server")
        };
        if !self.wait_readable(&socket, self.limit) {
            return Err(if self.student_exited() {
                self.never_connected()
            } else {
                self.timed_out(" without sending a datagram")
            });
        }
        trace::set_role(&socket, Side::Server);
        Ok(socket)
    }

    /// socklab as the UDP client: a socket connected to the student's
    /// server, once the server has bound its address (its row appears in
    /// /proc/net/udp, proc(5)).
    pub fn bound_udp(&mut self) -> Result<Socket, NotRun> {
        let SocketAddr::V4(address) = self.address else {
            unreachable!("socklab binds 127.0.0.1")
        };
        loop {
            if net::udp_entry(address)
                .step("read /proc/net/udp")?
                .is_some()
            {
                break;
            }
            if self.student_exited() {
                return Err(self.never_connected());
            }
            if self.out_of_time() {
                return Err(self.timed_out(" without binding its address"));
            }
            if let Some(child) = &self.child {
                let _ = net::poll_ready(&[child.as_fd()], libc::POLLIN, CONNECT_RETRY);
            }
        }
        let (socket, _) = net::udp_socket().step("make a UDP socket")?;
        socket
            .connect(&self.address.into())
            .step("connect the UDP socket")?;
        trace::set_role(&socket, Side::Client);
        Ok(socket)
    }
}

/// What one bounded recv heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    Bytes(Vec<u8>),
    /// b"": the student's program closed (or shut down) its sending side.
    Closed,
    /// ECONNRESET: it closed with bytes unread, or died.
    Reset,
    /// Nothing within the wait.
    Silence,
}

impl Session {
    /// ONE recv of at most `size` bytes, waiting up to `wanted`.
    pub fn hear(&self, socket: &Socket, size: usize, wanted: Duration) -> Result<Heard, NotRun> {
        if !self.wait_readable(socket, wanted) {
            return Ok(Heard::Silence);
        }
        match net::recv_once(socket, size) {
            Ok(bytes) if bytes.is_empty() => Ok(Heard::Closed),
            Ok(bytes) => Ok(Heard::Bytes(bytes)),
            Err(error) if error.raw_os_error() == Some(libc::ECONNRESET) => Ok(Heard::Reset),
            Err(error) => Err(NotRun::Socket {
                step: "recv",
                source: error,
            }),
        }
    }

    /// Reads until `length` bytes have come, or the student's program
    /// stops sending (closes, resets, or is silent for [`STEP`]): what
    /// came, and how the reading ended (`None`: all of it came).
    pub fn read_exactly(
        &self,
        socket: &Socket,
        length: usize,
    ) -> Result<(Vec<u8>, Option<Heard>), NotRun> {
        let mut bytes = Vec::new();
        while bytes.len() < length {
            match self.hear(socket, (length - bytes.len()).min(64 * 1024), STEP)? {
                Heard::Bytes(more) => bytes.extend_from_slice(&more),
                other => return Ok((bytes, Some(other))),
            }
        }
        Ok((bytes, None))
    }

    /// Reads everything until the student's program closes (or resets, or
    /// is silent for [`STEP`]), keeping at most `cap` bytes.
    pub fn read_to_end(&self, socket: &Socket, cap: usize) -> Result<(Vec<u8>, Heard), NotRun> {
        let mut bytes = Vec::new();
        loop {
            match self.hear(socket, 64 * 1024, STEP)? {
                Heard::Bytes(more) => {
                    let room = cap.saturating_sub(bytes.len());
                    bytes.extend_from_slice(&more[..more.len().min(room)]);
                }
                other => return Ok((bytes, other)),
            }
        }
    }

    /// Sends all of `bytes` (recorded). A reset or EPIPE is the student's
    /// program having gone: `false`.
    pub fn send(&self, socket: &Socket, bytes: &[u8]) -> Result<bool, NotRun> {
        net::set_timeouts(socket, self.left(STEP).max(Duration::from_millis(1)))
            .step("set a send timeout")?;
        match net::send_all(socket, bytes) {
            Ok(()) => Ok(true),
            Err(error)
                if matches!(
                    error.raw_os_error(),
                    Some(libc::ECONNRESET) | Some(libc::EPIPE)
                ) =>
            {
                Ok(false)
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => Ok(false),
            Err(error) => Err(NotRun::Socket {
                step: "send",
                source: error,
            }),
        }
    }

    /// Waits (up to [`STEP`]) until the student's program has closed its
    /// sending side, without reading anything: POLLRDHUP (poll(2)) is set
    /// once the FIN has arrived, whatever is still queued before it. This
    /// is how socklab reads late: everything the program sent is in the
    /// receive queue by then.
    pub fn wait_until_closed(&self, socket: &Socket) -> bool {
        let until = Instant::now() + self.left(STEP);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            // POLLIN is left out: bytes alone do not end this wait.
            let (closed, exited) = self.poll_with_child(socket, PollFlags::RDHUP, left);
            if closed {
                return true;
            }
            if exited || left.is_zero() {
                // Exited: the kernel closes its sockets, and the FIN is
                // on its way over loopback.
                return self
                    .poll_with_child(socket, PollFlags::RDHUP, Duration::from_millis(100))
                    .0;
            }
        }
    }

    /// Waits (up to [`STEP`]) until the student's program has closed its
    /// socket, and tells how: [`Heard::Closed`] for a clean close,
    /// [`Heard::Reset`] when it closed with bytes unread, which makes its
    /// kernel send RST (tcp(7)) instead of finishing the connection.
    ///
    /// recv cannot tell once the program's FIN has come (it returns b""
    /// whatever follows), so socklab asks the kernel about the program's
    /// socket (sock_diag(7)): its inode becomes 0 when the program closes
    /// it, and it is gone at once after a reset; a reset also leaves
    /// socklab's socket with an error (SO_ERROR, socket(7)).
    pub fn wait_until_gone(&self, socket: &Socket) -> Result<Heard, NotRun> {
        let local = net::local_addr(socket).step("read socklab's address")?;
        let remote = socket.peer_addr().ok().and_then(|a| a.as_socket());
        let until = Instant::now() + self.left(STEP);
        loop {
            let end = match remote {
                Some(remote) => net::connection(remote, local)
                    .step("ask the kernel about your program's socket (sock_diag)")?,
                None => None,
            };
            let closed = end.is_none_or(|end| end.inode == 0);
            if closed {
                // A cleanly closed socket stays as an orphan (FIN_WAIT2 or
                // TIME_WAIT); a reset one is gone.
                let error = socket.take_error().step("read SO_ERROR")?;
                let reset = end.is_none()
                    || error.is_some_and(|error| {
                        matches!(
                            error.raw_os_error(),
                            Some(libc::ECONNRESET) | Some(libc::EPIPE)
                        )
                    });
                return Ok(if reset { Heard::Reset } else { Heard::Closed });
            }
            if Instant::now() >= until {
                return Ok(Heard::Silence);
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// One poll(2) of `socket` for `events` and of the child's pidfd for
    /// its exit (POLLIN), for at most `timeout`: (socket ready, exited).
    fn poll_with_child(
        &self,
        socket: &Socket,
        events: PollFlags,
        timeout: Duration,
    ) -> (bool, bool) {
        let mut entries = vec![PollFd::new(socket, events)];
        if let Some(child) = &self.child {
            entries.push(PollFd::new(child, PollFlags::IN));
        }
        let timeout = Timespec::try_from(timeout).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        });
        loop {
            match rustix::event::poll(&mut entries, Some(&timeout)) {
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return (false, false),
                Ok(_) => break,
            }
        }
        let ready = |at: usize| entries.get(at).is_some_and(|e| !e.revents().is_empty());
        (ready(0), ready(1))
    }

    /// Waits (up to [`STEP`]) until the student's program, having sent
    /// something on `socket`, is asleep in the kernel (state `S` in
    /// /proc/PID/stat, proc(5)): a program blocked because socklab does
    /// not read, its send buffer and socklab's receive window full. A
    /// non-blocking send never sleeps, so by then its last send has
    /// returned. `true` also when it has closed its socket instead.
    pub fn wait_until_student_blocks(&self, socket: &Socket) -> Result<bool, NotRun> {
        let until = Instant::now() + self.left(STEP);
        let stat = self.pid.map(|pid| format!("/proc/{pid}/stat"));
        loop {
            let queued = net::queued_bytes(socket).step("FIONREAD")?;
            let asleep = stat.as_ref().is_some_and(|path| {
                std::fs::read_to_string(path).is_ok_and(|stat| {
                    stat.rsplit_once(')')
                        .and_then(|(_, rest)| rest.split_whitespace().next())
                        == Some("S")
                })
            });
            if queued > 0 && (asleep || self.student_exited()) {
                return Ok(true);
            }
            if Instant::now() >= until {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Bytes the student's program has not read yet of what socklab sent
    /// on `socket`: the other end's receive queue, as the kernel reports
    /// it (sock_diag(7), `idiag_rqueue`; `ss` shows it as Recv-Q). `None`
    /// once the connection is gone (the program closed or was reset).
    pub fn unread_by_student(&self, socket: &Socket) -> Result<Option<u32>, NotRun> {
        let local = net::local_addr(socket).step("read socklab's address")?;
        let Some(remote) = socket.peer_addr().ok().and_then(|a| a.as_socket()) else {
            return Ok(None);
        };
        Ok(net::connection(remote, local)
            .step("ask the kernel about your program's socket (sock_diag)")?
            .filter(|end| matches!(end.state, TcpState::Established | TcpState::CloseWait))
            .map(|end| end.unread))
    }

    /// Waits until the student's program has read everything socklab sent
    /// (its receive queue is empty), for at most [`STEP`]: the way to know
    /// its last recv has returned before sending more, so that a recv sees
    /// only what was sent so far. First every byte must have arrived: none
    /// left unsent or unacknowledged by the other end (TCP_INFO's
    /// `tcpi_notsent_bytes` and `tcpi_unacked`, tcp(7)); an empty queue
    /// before that would only mean "not there yet". `false`: the program
    /// left bytes unread, or closed.
    pub fn wait_until_read(&self, socket: &Socket) -> Result<bool, NotRun> {
        let until = Instant::now() + self.left(STEP);
        loop {
            let info = net::tcp_info(socket).step("read TCP_INFO")?;
            let arrived = info.notsent_bytes == 0 && info.unacked == 0;
            if !arrived {
                if Instant::now() >= until || self.student_exited() {
                    return Ok(false);
                }
                std::thread::sleep(Duration::from_micros(200));
                continue;
            }
            match self.unread_by_student(socket)? {
                Some(0) => return Ok(true),
                None => return Ok(false),
                Some(_) => {}
            }
            if Instant::now() >= until || self.student_exited() {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}
