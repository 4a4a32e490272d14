//! Lab 14: one client at a time, or one thread per client.
//!
//! The course's first server has two loops: the connection loop (accept the
//! next client) and the communication loop (talk to this client until it
//! leaves). Nested like that, the server is *iterative*: while it sits in
//! the communication loop with client 1, nobody calls accept().
//!
//! A second client is not refused for that. The kernel completes its
//! three-way handshake on its own and parks the new connection in the
//! listening socket's accept queue (listen(2): the backlog). Client 2's
//! connect() returns at once, its socket is ESTABLISHED, it can even send
//! its request: the bytes wait in the kernel. What it cannot get is an
//! answer, because no code reads its request until the server loops back to
//! accept(), and that happens only when client 1 leaves.
//!
//! A thread-per-connection server (Python's socketserver.ThreadingTCPServer)
//! keeps the accept loop running and hands each connection to a thread of
//! its own: client 2 is accepted and answered while client 1 is still
//! connected.
//!
//! How the lab measures it:
//! - the accept queue length comes from TCP_INFO on the listening socket
//!   (`net::accept_queue`: for a socket in LISTEN, Linux reports the
//!   connections waiting for accept() in `tcpi_unacked`);
//! - the server threads write every step (a client accepted, served, gone)
//!   with its time into an event log, so the order of events is exact;
//! - client 1 stays connected for a fixed time (`HOLD`) after client 2
//!   has sent its request: that is the scenario (a user who has not typed
//!   "quit" yet), not a wait for the kernel. Client 1 leaves when the lab
//!   closes it, and the thread-per-connection run waits on events instead.
//!
//! Every server thread is a scoped thread, joined before the lab returns.

use std::io;
use std::net::SocketAddr;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, bytes_literal, tcp_info};
use crate::report::CheckResult;

pub const LAB: Lab = Lab {
    number: 14,
    slug: "concurrency",
    title: "Iterative and threaded servers",
    shows: "an iterative server leaves client 2 in the accept queue until client 1 leaves; a thread per client serves both",
    summary: "An iterative server talks to one client at a time: client 2's connect() succeeds at\n\
              once (the kernel queues it in the backlog), but its request is answered only after\n\
              client 1 leaves. A server with one thread per connection answers both together.",
    typical_run: "0.1 s",
    sheet: include_str!("../../labs/14-concurrency/README.md"),
    sheet_zh_cn: include_str!("../../labs/14-concurrency/README.zh-CN.md"),
    experiment: run,
};

/// What each client sends; the course's server answers with `data.upper()`.
const REQUESTS: [&[u8]; 2] = [b"hello from 1", b"hello from 2"];
const REPLY_2: &[u8] = b"HELLO FROM 2";

/// The course's server reads with `conn.recv(1024)`.
const SERVER_RECV: usize = 1024;

/// How long client 1 stays connected after client 2 has sent its request,
/// in the iterative run. It is part of the scenario: long enough to tell
/// "waited for client 1" from "answered at once" on a busy machine, short
/// enough to keep the lab fast.
const HOLD: Duration = Duration::from_millis(100);

/// connect() returns when the handshake is done, which the kernel does
/// without any server code running: microseconds on loopback. 50 ms leaves
/// room for a thread that waits for a core on a loaded machine, and is
/// still far below anything a server could make it wait.
const CONNECT_LIMIT: Duration = Duration::from_millis(50);

/// A server with a thread per connection answers in well under a
/// millisecond (accept, spawn a thread, recv, send). Half of [`HOLD`]
/// separates that from waiting for client 1, with room for scheduling
/// delays on a busy machine.
const AT_ONCE_LIMIT: Duration = Duration::from_millis(50);

/// Connections the lab makes to each server: clients 1 and 2.
const CLIENTS: usize = 2;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let mut checks = iterative()?;
    checks.extend(thread_per_connection()?);
    Ok(checks)
}

/// One step of a server, as its event log shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// accept() returned client n's connection.
    In(usize),
    /// The server read client n's request and is about to answer it.
    Served(usize),
    /// recv returned b"": client n has closed its socket.
    Out(usize),
}

impl Event {
    fn label(self) -> String {
        match self {
            Event::In(n) => format!("{n} in"),
            Event::Served(n) => format!("{n} served"),
            Event::Out(n) => format!("{n} out"),
        }
    }
}

/// An event and when the server thread recorded it.
struct Logged {
    event: Event,
    at: Instant,
}

/// The server side of the log. A send only fails once the lab has stopped
/// listening, and then there is nobody left to tell.
fn log(events: &Sender<Logged>, event: Event) {
    let _ = events.send(Logged {
        event,
        at: Instant::now(),
    });
}

/// The course's communication loop: answer each request with its upper
/// case until the client closes (recv returns b""). Logs "served" before
/// answering and "out" at the end, so the log is complete by the time the
/// client sees the answer, or the server sees the close.
fn session(number: usize, connection: Socket, events: &Sender<Logged>) -> io::Result<()> {
    loop {
        let data = net::recv_once(&connection, SERVER_RECV)?;
        if data.is_empty() {
            log(events, Event::Out(number));
            return Ok(());
        }
        log(events, Event::Served(number));
        net::send_all(&connection, &data.to_ascii_uppercase())?;
    }
}

/// The course's server: the communication loop inside the connection
/// loop. It calls accept() again only when the current client has left.
fn iterative_server(listener: &Socket, events: Sender<Logged>) -> io::Result<()> {
    for number in 1..=CLIENTS {
        let connection = net::tcp_accept(listener)?;
        log(&events, Event::In(number));
        session(number, connection, &events)?;
    }
    Ok(())
}

/// ThreadingTCPServer's way: the accept loop only accepts, and each
/// connection gets its own (scoped) thread running the same session.
fn threaded_server<'scope>(
    scope: &'scope Scope<'scope, '_>,
    listener: &Socket,
    events: Sender<Logged>,
) -> io::Result<()> {
    let mut handlers: Vec<ScopedJoinHandle<'scope, io::Result<()>>> = Vec::new();
    let mut accepted = Ok(());
    for number in 1..=CLIENTS {
        match net::tcp_accept(listener) {
            Ok(connection) => {
                log(&events, Event::In(number));
                let events = events.clone();
                handlers.push(scope.spawn(move || session(number, connection, &events)));
            }
            Err(error) => {
                accepted = Err(error);
                break;
            }
        }
    }
    for handler in handlers {
        join(handler)?;
    }
    accepted
}

/// Waits for a server thread and passes on its result; a panic becomes an
/// error, so a broken server fails the lab instead of the program.
fn join(handle: ScopedJoinHandle<'_, io::Result<()>>) -> io::Result<()> {
    handle
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("a server thread panicked")))
}

/// Client 1 connects, sends its request and reads the answer.
fn first_client(address: SocketAddr) -> Result<Socket, LabError> {
    let client = net::tcp_connect(address).step("connecting client 1")?;
    net::send_all(&client, REQUESTS[0]).step("client 1 sending its request")?;
    net::recv_exactly(&client, REQUESTS[0].len()).step("client 1 reading its answer")?;
    Ok(client)
}

/// Client 2 connects and sends its request; returns the socket, how long
/// connect() took and when the request was sent.
fn second_client(address: SocketAddr) -> Result<(Socket, Duration, Instant), LabError> {
    let started = Instant::now();
    let client = net::tcp_connect(address).step("connecting client 2")?;
    let connect_time = started.elapsed();
    let sent_at = Instant::now();
    net::send_all(&client, REQUESTS[1]).step("client 2 sending its request")?;
    Ok((client, connect_time, sent_at))
}

/// Client 2's answer as the table shows it, or the error that ended the wait.
fn reply_cell(reply: &io::Result<Vec<u8>>) -> String {
    match reply {
        Ok(bytes) => bytes_literal(bytes),
        Err(_) => net::outcome(reply),
    }
}

/// What the server logged, in order, and the checks made on it.
struct EventLog(Vec<Logged>);

impl EventLog {
    fn collect(seen: Vec<Logged>, events: &Receiver<Logged>) -> EventLog {
        let mut all = seen;
        all.extend(events.try_iter());
        EventLog(all)
    }

    fn order(&self) -> String {
        let labels: Vec<String> = self.0.iter().map(|l| l.event.label()).collect();
        labels.join(", ")
    }

    fn position(&self, event: Event) -> Option<usize> {
        self.0.iter().position(|l| l.event == event)
    }

    fn time_of(&self, event: Event) -> Option<Instant> {
        self.0.iter().find(|l| l.event == event).map(|l| l.at)
    }

    /// "yes" if `first` was logged before `then`, "no" if after, "never"
    /// if one of them is missing.
    fn before(&self, first: Event, then: Event) -> String {
        match (self.position(first), self.position(then)) {
            (Some(a), Some(b)) if a < b => "yes".to_string(),
            (Some(_), Some(_)) => "no".to_string(),
            _ => "never".to_string(),
        }
    }

    /// From `since` to the moment the server began answering client 2
    /// (the longest possible time if it never did, so a timing check fails).
    fn wait_for_client_2(&self, since: Instant) -> Duration {
        self.time_of(Event::Served(2))
            .map_or(Duration::MAX, |at| at.saturating_duration_since(since))
    }
}

/// What the iterative run observed while client 1 was still connected.
struct WhileBusy {
    connect_time: Duration,
    client_2_state: net::TcpState,
    accept_queue: u32,
    reply_bytes_queued: usize,
    reply: io::Result<Vec<u8>>,
    sent_at: Instant,
}

/// The iterative server: client 2 connects while client 1 is being served.
fn iterative() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "An iterative server (one client at a time) is busy with client 1 when client 2 connects.",
        "client 2's connect succeeds at once (the backlog), but its answer waits until client 1 leaves.",
    );
    let (listener, address) =
        net::tcp_listener(false).step("listening for the iterative server")?;
    let (events_in, events) = mpsc::channel();
    let (busy, served) = thread::scope(|scope| {
        let listener = &listener;
        let server = scope.spawn(move || iterative_server(listener, events_in));
        let busy = iterative_clients(listener, address);
        (busy, join(server))
    });
    let busy = busy?;
    served.step("running the iterative server")?;
    let log = EventLog::collect(Vec::new(), &events);

    Ok(vec![
        expect::exact(
            "iterative-client-2-state",
            "iterative, busy with client 1: client 2's state",
            net::TcpState::Established.to_string(),
            busy.client_2_state.to_string(),
        ),
        expect::below(
            "iterative-client-2-connect",
            "  its connect() returned after",
            CONNECT_LIMIT,
            busy.connect_time,
        ),
        expect::exact(
            "iterative-accept-queue",
            "  100 ms on: accept queue (TCP_INFO)",
            1,
            busy.accept_queue,
        ),
        expect::exact(
            "iterative-no-reply",
            "  answer bytes at client 2 (FIONREAD)",
            0,
            busy.reply_bytes_queued,
        ),
        expect::exact(
            "iterative-reply",
            "  client 1 leaves: client 2's answer",
            bytes_literal(REPLY_2),
            reply_cell(&busy.reply),
        ),
        expect::exact(
            "iterative-events",
            "  server's events, in order",
            "1 in, 1 served, 1 out, 2 in, 2 served, 2 out".to_string(),
            log.order(),
        ),
        expect::exact(
            "iterative-served-after-left",
            "  client 2 served after client 1 left",
            "yes".to_string(),
            log.before(Event::Out(1), Event::Served(2)),
        ),
        expect::at_least(
            "iterative-client-2-wait",
            "  client 2 waited for its answer",
            HOLD,
            log.wait_for_client_2(busy.sent_at),
        ),
    ])
}

/// The clients' side of the iterative run. Client 1 stays connected for
/// [`HOLD`] after client 2's request went out; the lab looks at client 2
/// and the listener, then closes client 1 and reads client 2's answer.
fn iterative_clients(listener: &Socket, address: SocketAddr) -> Result<WhileBusy, LabError> {
    let client_1 = first_client(address)?;
    let (client_2, connect_time, sent_at) = second_client(address)?;
    let client_2_state = tcp_info(&client_2)
        .step("reading client 2's TCP_INFO")?
        .state;

    // Client 1 is still connected: the user has not typed "quit" yet.
    thread::sleep(HOLD);
    let accept_queue = net::accept_queue(listener)
        .step("reading the listener's accept queue")?
        .waiting;
    let reply_bytes_queued = net::queued_bytes(&client_2).step("asking FIONREAD at client 2")?;

    drop(client_1);
    let reply = net::recv_exactly(&client_2, REPLY_2.len());
    drop(client_2);
    Ok(WhileBusy {
        connect_time,
        client_2_state,
        accept_queue,
        reply_bytes_queued,
        reply,
        sent_at,
    })
}

/// What the thread-per-connection run observed.
struct Together {
    reply: io::Result<Vec<u8>>,
    accept_queue: u32,
    sent_at: Instant,
    seen: Vec<Logged>,
}

/// The same two clients against a thread-per-connection server. Client 1
/// leaves only after client 2's answer has arrived (or the wait for it
/// failed), and client 2 only after the server saw client 1 leave, so the
/// log's order is fixed.
fn thread_per_connection() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same two clients against a thread-per-connection server.",
        "client 2 is answered while client 1 is still connected.",
    );
    let (listener, address) = net::tcp_listener(false).step("listening for the threaded server")?;
    let (events_in, events) = mpsc::channel();
    let (together, served) = thread::scope(|scope| {
        let listener = &listener;
        let server = scope.spawn(move || threaded_server(scope, listener, events_in));
        let together = threaded_clients(listener, address, &events);
        (together, join(server))
    });
    let together = together?;
    served.step("running the threaded server")?;
    let log = EventLog::collect(together.seen, &events);

    Ok(vec![
        expect::exact(
            "threaded-reply",
            "thread per client: 2's answer, 1 still there",
            bytes_literal(REPLY_2),
            reply_cell(&together.reply),
        ),
        expect::exact(
            "threaded-accept-queue",
            "  accept queue then (TCP_INFO)",
            0,
            together.accept_queue,
        ),
        expect::exact(
            "threaded-events",
            "  server's events, in order",
            "1 in, 1 served, 2 in, 2 served, 1 out, 2 out".to_string(),
            log.order(),
        ),
        expect::exact(
            "threaded-served-before-left",
            "  client 2 served before client 1 left",
            "yes".to_string(),
            log.before(Event::Served(2), Event::Out(1)),
        ),
        expect::below(
            "threaded-client-2-wait",
            "  client 2 waited for its answer",
            AT_ONCE_LIMIT,
            log.wait_for_client_2(together.sent_at),
        ),
    ])
}

fn threaded_clients(
    listener: &Socket,
    address: SocketAddr,
    events: &Receiver<Logged>,
) -> Result<Together, LabError> {
    let client_1 = first_client(address)?;
    let (client_2, _, sent_at) = second_client(address)?;
    let reply = net::recv_exactly(&client_2, REPLY_2.len());
    let accept_queue = net::accept_queue(listener)
        .step("reading the listener's accept queue")?
        .waiting;

    drop(client_1);
    let seen = wait_for_event(events, Event::Out(1)).step("waiting for client 1's exit")?;
    drop(client_2);
    Ok(Together {
        reply,
        accept_queue,
        sent_at,
        seen,
    })
}

/// Reads the server's log until `wanted` appears (at most [`net::IO_TIMEOUT`]
/// per event) and returns what it read, so nothing is lost for the order.
fn wait_for_event(events: &Receiver<Logged>, wanted: Event) -> io::Result<Vec<Logged>> {
    let mut seen = Vec::new();
    loop {
        let logged = events
            .recv_timeout(net::IO_TIMEOUT)
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no event from the server"))?;
        let found = logged.event == wanted;
        seen.push(logged);
        if found {
            return Ok(seen);
        }
    }
}
