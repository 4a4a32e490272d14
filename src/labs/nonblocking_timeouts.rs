//! Lab 18: non-blocking sockets, timeouts and connect_ex.
//!
//! A socket call that has nothing to do yet can do three things:
//!
//! - Block (the default): the thread sleeps in the kernel until there is
//!   something to return. A recv on a quiet connection sleeps forever.
//! - Fail at once (O_NONBLOCK, Python's `setblocking(False)` or
//!   `settimeout(0)`): recv, accept and send return the error EAGAIN, "try
//!   again later" (recv(2), accept(2)). On Linux EWOULDBLOCK is the same
//!   number, 11. connect cannot finish at once either: it sends the SYN and
//!   returns EINPROGRESS (connect(2)); poll(2) reports the socket writable
//!   when the handshake is over, and SO_ERROR (socket(7)) then says how it
//!   went: 0, or the errno the connection failed with.
//! - Sleep, but not for longer than a timeout: SO_RCVTIMEO (socket(7)). When
//!   it expires, recv fails with EAGAIN, the same error as a non-blocking
//!   recv, only later. (Python's `settimeout(t)` does not use SO_RCVTIMEO:
//!   it makes the socket non-blocking and waits with poll, then raises
//!   `TimeoutError`; the kernel behaviour it relies on is the one shown here.)
//!
//! Whether the thread really slept is not a guess: getrusage(2) with
//! RUSAGE_THREAD counts the thread's voluntary context switches, one each
//! time it gives up the CPU to wait in the kernel.
//!
//! And a refused connection. A SYN to a port where no socket listens is
//! answered with RST (RFC 793, "reset generation"), and connect fails with
//! ECONNREFUSED. The course's `connect_ex` returns that as a number, 111 on
//! Linux, instead of raising an exception; the lab's `connect_ex` does the
//! same. To have a port that is surely closed, the lab binds a socket to
//! 127.0.0.1 port 0 and never calls listen: the port is reserved for the
//! lab (no other program can take it meanwhile), yet nothing listens on it.
//! On the wire each refused connect is two segments: the client's SYN and
//! the RST (with ACK) that answers it; nothing is retransmitted. The
//! refused clients bind 127.0.0.1 port 0 before connecting, so each knows
//! its own address, the one its segments are found by: when a blocking
//! connect fails, Linux disconnects the socket and getsockname(2) then
//! reports 0.0.0.0 for a client that did not bind.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, TcpState, bytes_literal, errno_name, tcp_info};
use crate::report::CheckResult;
use crate::wire::packet::flags_in_order;
use crate::wire::{TcpConversation, Wire};

pub const LAB: Lab = Lab {
    number: 18,
    slug: "nonblocking-timeouts",
    title: "Non-blocking sockets, timeouts and connect_ex",
    shows: "non-blocking calls fail at once with EAGAIN, SO_RCVTIMEO expires on time, a closed port gives 111",
    summary: "A non-blocking recv or accept with nothing to do fails at once with EAGAIN; a connect\n\
              returns EINPROGRESS and finishes later (poll, SO_ERROR). SO_RCVTIMEO makes recv sleep,\n\
              then fail with EAGAIN. A closed port answers RST: connect_ex returns 111 (ECONNREFUSED).",
    typical_run: "≈ 0.1 s",
    sheet: include_str!("../../labs/18-nonblocking-timeouts/README.md"),
    sheet_zh_cn: include_str!("../../labs/18-nonblocking-timeouts/README.zh-CN.md"),
    experiment: run,
};

/// The course's server reads with `conn.recv(1024)`.
const SERVER_RECV: usize = 1024;

/// What the peer finally sends to the non-blocking receiver.
const GREETING: &[u8] = b"hello";

/// EAGAIN on Linux (asm-generic/errno-base.h); EWOULDBLOCK is defined as
/// the same number, so one errno serves both names.
const LINUX_EAGAIN: i32 = 11;

/// What `connect_ex` returns on Linux when the connection was refused
/// (the course: "ECONNREFUSED = 111").
const LINUX_ECONNREFUSED: i32 = 111;

/// What `connect_ex` returns on Linux for a non-blocking connect that has
/// sent its SYN but not finished yet.
const LINUX_EINPROGRESS: i32 = 115;

/// The receive timeout set with SO_RCVTIMEO: its expiry is the lesson, so it
/// is short, and a round number of the kernel's 4 ms ticks (HZ=250).
const RECV_TIMEOUT: Duration = Duration::from_millis(100);

/// The least time the timed-out recv may take: 90% of [`RECV_TIMEOUT`].
/// The kernel converts the timeout to jiffies, rounding up, and starts
/// counting at the current tick, which may be partly over, so the sleep can
/// end up to one tick (4 ms at HZ=250, 10 ms at HZ=100) short of the value
/// set. Measured here (HZ=250): 103-104 ms every time. A recv that did not
/// wait would take microseconds.
const RECV_TIMEOUT_FLOOR: Duration = Duration::from_millis(90);

/// The most time the timed-out recv may take: 10× [`RECV_TIMEOUT`]. On a
/// busy machine the woken thread may wait a few ms for a core, never a
/// second; a recv that ignored the timeout would block until the peer
/// closed.
const RECV_TIMEOUT_CEILING: Duration = Duration::from_secs(1);

/// The most time a refused connect may take. The RST comes back within
/// microseconds on loopback; a SYN that was dropped instead would be
/// retransmitted only after the initial retransmission timeout of 1 s
/// (RFC 6298), so half of that tells the two apart with room for a busy
/// machine.
const REFUSAL_CEILING: Duration = Duration::from_millis(500);

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let mut checks = nonblocking_recv()?;
    checks.extend(nonblocking_accept_and_connect()?);
    checks.extend(receive_timeout()?);
    checks.extend(refused_connection(&options.wire)?);
    Ok(checks)
}

/// Runs `call` and reports whether the calling thread slept in the kernel
/// meanwhile ("yes"/"no"), as counted by [`net::voluntary_context_switches`].
fn slept_during<T>(call: impl FnOnce() -> T) -> Result<(T, &'static str), LabError> {
    let before = net::voluntary_context_switches().step("reading getrusage before the call")?;
    let result = call();
    let after = net::voluntary_context_switches().step("reading getrusage after the call")?;
    Ok((result, if after > before { "yes" } else { "no" }))
}

/// The course's `connect_ex`: connect and return the error number instead of
/// raising it. 0 means connected. Errors without an errno are real errors.
fn connect_ex(socket: &Socket, address: SocketAddr) -> io::Result<i32> {
    match socket.connect(&address.into()) {
        Ok(()) => Ok(0),
        Err(error) => error.raw_os_error().ok_or(error),
    }
}

/// An error number the way the course prints connect_ex's result, with its
/// name: `111 (ECONNREFUSED)`, or `0` for success.
fn code_and_name(code: i32) -> String {
    if code == 0 {
        "0".to_string()
    } else {
        format!("{code} ({})", errno_name(code))
    }
}

/// [`code_and_name`] for a result whose error is the lesson.
fn outcome_code<T>(result: &io::Result<T>) -> String {
    match result {
        Ok(_) => "0".to_string(),
        Err(error) => match error.raw_os_error() {
            Some(code) => code_and_name(code),
            None => error.to_string(),
        },
    }
}

/// SO_ERROR (socket(7)) read with getsockopt: the error a non-blocking
/// connect ended with, as a number (0 when it succeeded).
fn socket_error_code(socket: &Socket) -> Result<String, LabError> {
    let pending = socket.take_error().step("reading SO_ERROR")?;
    Ok(match pending {
        None => code_and_name(0),
        Some(error) => outcome_code(&Err::<(), _>(error)),
    })
}

/// A recv on a non-blocking socket whose peer has sent nothing fails at
/// once with EAGAIN, without sleeping; once bytes are queued it returns them.
fn nonblocking_recv() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "recv on a non-blocking socket with no data.",
        "EAGAIN at once, without sleeping.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    pair.server
        .set_nonblocking(true)
        .step("making the server non-blocking")?;
    let (empty, slept) = slept_during(|| net::recv_once(&pair.server, SERVER_RECV))?;
    let errno = match &empty {
        Ok(_) => "none (data returned)".to_string(),
        Err(error) => error
            .raw_os_error()
            .map_or_else(|| error.to_string(), |code| code.to_string()),
    };

    net::send_all(&pair.client, GREETING).step("client sending b\"hello\"")?;
    net::wait_for_queued(&pair.server, GREETING.len()).step("waiting for b\"hello\" to arrive")?;
    let data = net::recv_once(&pair.server, SERVER_RECV).step("non-blocking recv of b\"hello\"")?;

    Ok(vec![
        expect::errno(
            "nonblocking-recv",
            "non-blocking recv(1024), peer sent nothing",
            libc::EAGAIN,
            &empty,
        ),
        expect::exact(
            "nonblocking-recv-errno",
            "  errno number (EWOULDBLOCK is the same)",
            LINUX_EAGAIN.to_string(),
            errno,
        ),
        expect::exact(
            "nonblocking-recv-slept",
            "  thread slept in the kernel (getrusage)",
            "no",
            slept,
        ),
        expect::exact(
            "nonblocking-recv-data",
            "  once b\"hello\" is queued (FIONREAD)",
            bytes_literal(GREETING),
            bytes_literal(&data),
        ),
    ])
}

/// A non-blocking listener with nobody connecting: accept fails with EAGAIN.
/// A non-blocking connect: EINPROGRESS, then poll(POLLOUT) and SO_ERROR 0.
fn nonblocking_accept_and_connect() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Non-blocking accept and connect.",
        "EAGAIN for accept, EINPROGRESS then success for connect.",
    );
    let (listener, address) = net::tcp_listener(false).step("listening on loopback")?;
    listener
        .set_nonblocking(true)
        .step("making the listener non-blocking")?;
    let nobody = listener.accept();

    let client = net::tcp_socket().step("creating the client socket")?;
    client
        .set_nonblocking(true)
        .step("making the client non-blocking")?;
    let started = connect_ex(&client, address).step("non-blocking connect_ex")?;
    let writable =
        net::wait_writable(&client, net::IO_TIMEOUT).step("polling for the handshake's end")?;
    let so_error = if writable {
        socket_error_code(&client)?
    } else {
        "poll timed out".to_string()
    };
    let state = tcp_info(&client)
        .step("reading the client's TCP_INFO")?
        .state;
    // The handshake is over, so the connection waits in the accept queue:
    // the non-blocking accept now has something to return.
    let accepted = listener.accept();

    Ok(vec![
        expect::errno(
            "nonblocking-accept",
            "non-blocking accept(), nobody connecting",
            libc::EAGAIN,
            &nobody,
        ),
        expect::exact(
            "nonblocking-connect",
            "non-blocking connect_ex to a listener",
            code_and_name(LINUX_EINPROGRESS),
            code_and_name(started),
        ),
        expect::exact(
            "nonblocking-connect-so-error",
            "  SO_ERROR once poll says writable",
            code_and_name(0),
            so_error,
        ),
        expect::exact(
            "nonblocking-connect-state",
            "  client's TCP state (TCP_INFO)",
            TcpState::Established.to_string(),
            state.to_string(),
        ),
        expect::succeeds(
            "nonblocking-connect-accept",
            "  non-blocking accept() now",
            &accepted,
        ),
    ])
}

/// SO_RCVTIMEO on a quiet connection: recv sleeps for about the timeout,
/// then fails with EAGAIN (socket(7)).
fn receive_timeout() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "recv with a 100 ms SO_RCVTIMEO and no data.",
        "EAGAIN after about 100 ms.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    pair.server
        .set_read_timeout(Some(RECV_TIMEOUT))
        .step("setting SO_RCVTIMEO")?;
    let started = Instant::now();
    let (result, slept) = slept_during(|| net::recv_once(&pair.server, SERVER_RECV))?;
    let waited = started.elapsed();
    Ok(vec![
        expect::errno(
            "timeout-recv",
            "recv(1024) with SO_RCVTIMEO 100 ms, no data",
            libc::EAGAIN,
            &result,
        ),
        expect::at_least(
            "timeout-floor",
            "  time until it failed",
            RECV_TIMEOUT_FLOOR,
            waited,
        ),
        expect::below(
            "timeout-ceiling",
            "  the same time, upper bound",
            RECV_TIMEOUT_CEILING,
            waited,
        ),
        expect::exact(
            "timeout-slept",
            "  thread slept in the kernel (getrusage)",
            "yes",
            slept,
        ),
    ])
}

/// connect_ex to a listening port returns 0; to a port that is bound but not
/// listening it returns 111 (ECONNREFUSED), at once. A non-blocking connect
/// learns the same through poll and SO_ERROR.
fn refused_connection(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "connect_ex to a port nobody listens on.",
        "111 (ECONNREFUSED) as a value, not an exception.",
    );
    let (listener, open_address) = net::tcp_listener(false).step("listening on loopback")?;
    let client = net::tcp_socket().step("creating a client socket")?;
    let open = connect_ex(&client, open_address).step("connect_ex to the listener")?;
    drop(listener);

    // Bound, never listening: the port is ours and closed.
    let closed = net::tcp_socket().step("creating the closed port's socket")?;
    closed
        .bind(&net::loopback_any_port().into())
        .step("binding the closed port")?;
    let closed_address = net::local_addr(&closed).step("reading the closed port")?;

    let (client, client_address) = bound_client()?;
    let started = Instant::now();
    let refused = connect_ex(&client, closed_address).step("connect_ex to the closed port")?;
    let took = started.elapsed();
    // connect_ex returned: the RST has arrived, so it is in the capture.
    let refused_on_wire = segments_check(
        "wire-connect-ex-refused",
        wire,
        client_address,
        closed_address,
    );

    let (client, client_address) = bound_client()?;
    client
        .set_nonblocking(true)
        .step("making the client non-blocking")?;
    let started_nb =
        connect_ex(&client, closed_address).step("non-blocking connect_ex to the closed port")?;
    let woke = net::wait_writable(&client, net::IO_TIMEOUT).step("polling for the refusal")?;
    let so_error = if woke {
        socket_error_code(&client)?
    } else {
        "poll timed out".to_string()
    };
    let nonblocking_refused_on_wire = segments_check(
        "wire-nonblocking-refused",
        wire,
        client_address,
        closed_address,
    );

    Ok(vec![
        expect::exact(
            "connect-ex-open",
            "connect_ex to a listening port",
            code_and_name(0),
            code_and_name(open),
        ),
        expect::exact(
            "connect-ex-refused",
            "connect_ex to a bound, non-listening port",
            code_and_name(LINUX_ECONNREFUSED),
            code_and_name(refused),
        ),
        expect::below(
            "connect-ex-refused-time",
            "  time until refused (RST, not a lost SYN)",
            REFUSAL_CEILING,
            took,
        ),
        refused_on_wire,
        expect::exact(
            "nonblocking-refused",
            "non-blocking connect_ex to that port",
            code_and_name(LINUX_EINPROGRESS),
            code_and_name(started_nb),
        ),
        expect::exact(
            "nonblocking-refused-so-error",
            "  SO_ERROR once poll wakes",
            code_and_name(LINUX_ECONNREFUSED),
            so_error,
        ),
        nonblocking_refused_on_wire,
    ])
}

/// A client socket bound to 127.0.0.1 and a port the kernel chooses, and
/// that address.
fn bound_client() -> Result<(Socket, SocketAddr), LabError> {
    let client = net::tcp_socket().step("creating a client socket")?;
    client
        .bind(&net::loopback_any_port().into())
        .step("binding the client")?;
    let address = net::local_addr(&client).step("reading the client's address")?;
    Ok((client, address))
}

/// A check that the connection from `client` to the closed port was a SYN
/// and the RST answering it, and nothing more.
fn segments_check(id: &str, wire: &Wire, client: SocketAddr, server: SocketAddr) -> CheckResult {
    expect::on_wire(
        id,
        "  on the wire: its segments, both ways",
        "client S, server R.".to_string(),
        &wire.packets(),
        |packets| flags_in_order(&TcpConversation { client, server }.segments(&packets.packets)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course's numbers are Linux's: guards the constants the lab
    /// expects against the C library's.
    #[test]
    fn course_errno_numbers_are_linux_ones() {
        assert_eq!(LINUX_EAGAIN, libc::EAGAIN);
        assert_eq!(libc::EWOULDBLOCK, libc::EAGAIN);
        assert_eq!(LINUX_ECONNREFUSED, libc::ECONNREFUSED);
        assert_eq!(LINUX_EINPROGRESS, libc::EINPROGRESS);
    }

    #[test]
    fn codes_show_number_and_name() {
        assert_eq!(code_and_name(0), "0");
        assert_eq!(code_and_name(libc::ECONNREFUSED), "111 (ECONNREFUSED)");
    }
}
