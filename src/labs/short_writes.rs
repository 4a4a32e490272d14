//! Lab 8: short writes, send vs sendall.
//!
//! send(2) copies bytes from the program into the socket's send queue and
//! returns how many it copied. When the queue has room for only part of the
//! buffer, a non-blocking send copies that part and returns its size: a
//! short write. The rest is not lost; it was never taken. It is still in the
//! program's buffer, and the program must offer it again. When the queue is
//! full, the next non-blocking send copies nothing and fails with EAGAIN
//! (send(2)). `sendall` is just the loop that keeps offering the rest,
//! waiting for room with poll(2) (POLLOUT) in between.
//!
//! The queue is small here on purpose: SO_SNDBUF 4096 (socket(7)), which the
//! kernel doubles to 8192 to leave room for its own bookkeeping. The course
//! says send "loses data" when the buffer is full. The lab sends 1 MB
//! through that queue with a write-all loop while a reader thread reads and
//! digests everything: every byte arrives, in order. The data the course
//! saw vanish was never given to the kernel: its program ignored the count
//! send returned.
//!
//! Why the first send takes 32741 bytes: a sender never puts more than half
//! the largest window the peer has offered into one segment (the kernel's
//! tcp_bound_to_half_wnd). On loopback a new connection offers 65483 bytes,
//! so the first segment is 32741 bytes. Once that one segment is queued, the
//! queue holds more than SO_SNDBUF, and the send returns.

use std::io::{self, Read};
use std::thread;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net;
use crate::report::CheckResult;

pub const LAB: Lab = Lab {
    number: 8,
    slug: "short-writes",
    title: "Short writes: send vs sendall",
    shows: "a non-blocking send takes part of 1 MB, then EAGAIN; a write-all loop delivers every byte",
    summary: "With a small send buffer, a non-blocking send(1 MB) takes 32741 bytes and a later\n\
              send fails with EAGAIN: nothing is lost, the rest is still the program's to send.\n\
              A write-all loop (sendall) gets all 1048576 bytes through, digest intact.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/08-short-writes/README.md"),
    sheet_zh_cn: include_str!("../../labs/08-short-writes/README.zh-CN.md"),
    experiment: run,
};

/// What the sender writes: 1 MB.
const TOTAL: usize = 1_048_576;

/// The send buffer the lab asks for with SO_SNDBUF (socket(7)).
const SNDBUF_ASKED: usize = 4096;
/// What getsockopt(SO_SNDBUF) then reports: Linux doubles the value "to
/// allow space for bookkeeping overhead" (socket(7)), 2 × 4096.
const SNDBUF_GRANTED: usize = 8192;

/// The first non-blocking send's count: one segment of half the receiver's
/// initial window on loopback, 65483 / 2 = 32741 (see the module docs).
const FIRST_SEND: usize = 32_741;

/// How many more non-blocking sends may run before one must fail: the
/// receiver reads nothing, so its window fills after a few segments. Only
/// bounds the loop in case the kernel keeps accepting.
const MAX_SENDS_BEFORE_EAGAIN: usize = 64;

/// The blocking send's timeout, and the least it must have waited (the
/// kernel counts a timeout in clock ticks from the current, partly elapsed,
/// one, so it can end a tick early).
const BLOCKING_SEND_TIMEOUT: Duration = Duration::from_millis(100);
const BLOCKING_SEND_LEAST_WAIT: Duration = Duration::from_millis(90);

/// The reader's recv size: large, so it keeps up with the sender.
const READ_CHUNK: usize = 65_536;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let data = test_data();
    let mut checks = short_write_then_write_all(&data)?;
    checks.extend(blocking_send_waits(&data)?);
    checks.extend(ignoring_the_count(&data)?);
    Ok(checks)
}

/// 1 MB whose bytes depend on their position (i mod 251; 251 is prime, so
/// the pattern does not line up with any buffer size): a byte lost, doubled
/// or moved changes the digest.
fn test_data() -> Vec<u8> {
    (0..TOTAL).map(|index| (index % 251) as u8).collect()
}

/// The client socket of a new connection, with the small send buffer and
/// non-blocking, as the course's "full buffer" needs.
fn small_buffer_client(pair: &net::TcpPair) -> Result<usize, LabError> {
    pair.client
        .set_send_buffer_size(SNDBUF_ASKED)
        .step("setting SO_SNDBUF")?;
    pair.client
        .set_nonblocking(true)
        .step("making the client non-blocking")?;
    pair.client
        .send_buffer_size()
        .step("reading SO_SNDBUF back")
}

/// send with MSG_NOSIGNAL (send(2)): should the reader be gone, an error
/// instead of SIGPIPE.
fn send_nosignal(socket: &Socket, data: &[u8]) -> io::Result<usize> {
    socket.send_with_flags(data, libc::MSG_NOSIGNAL)
}

/// What the reader thread got.
struct Received {
    bytes: usize,
    /// SHA-256 of every byte read, in order (the digest lab 16 checks
    /// uploads with): equal digests mean the same bytes in the same order.
    digest: Vec<u8>,
}

/// The digest row's value when the reader's SHA-256 is the sender's.
const SAME_DIGEST: &str = "identical SHA-256";

/// Reads until end of file, digesting as it goes.
///
/// Before each recv it sets TCP_QUICKACK (tcp(7)): ACK at once rather than
/// delay the ACK. The sender's tiny queue can only refill when its bytes
/// are ACKed, so delayed ACKs (about 40 ms each, lab 5) would stretch the
/// 1 MB from a few ms to 100-250 ms. The kernel clears the flag on its own,
/// hence once per recv.
fn read_all(socket: &Socket) -> io::Result<Received> {
    let mut buffer = vec![0u8; READ_CHUNK];
    let mut reader: &Socket = socket;
    let mut digest = Sha256::new();
    let mut bytes = 0;
    loop {
        socket.set_tcp_quickack(true)?;
        let received = reader.read(&mut buffer)?;
        if received == 0 {
            return Ok(Received {
                bytes,
                digest: digest.finalize().to_vec(),
            });
        }
        digest.update(&buffer[..received]);
        bytes += received;
    }
}

/// One connection: the short write, the EAGAIN, then a write-all loop that
/// finishes the same 1 MB while a reader thread reads it.
fn short_write_then_write_all(data: &[u8]) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A non-blocking send of 1 MB into a small send buffer, then a write-all loop.",
        "the short count, EAGAIN, and the reader getting every byte.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let granted = small_buffer_client(&pair)?;

    // Nobody reads yet: the queue and the receiver's window fill up.
    let first = send_nosignal(&pair.client, data).step("non-blocking send of 1 MB")?;
    let mut sent = first;
    let mut stopped = None;
    for _ in 0..MAX_SENDS_BEFORE_EAGAIN {
        match send_nosignal(&pair.client, &data[sent..]) {
            Ok(count) => sent += count,
            Err(error) => {
                stopped = Some(net::outcome(&Err::<(), _>(error)));
                break;
            }
        }
    }
    let accepted_before_eagain = sent;

    // sendall: offer the rest, wait for room with poll(POLLOUT), repeat.
    let (sends, received) = thread::scope(|scope| {
        let reader = scope.spawn(|| read_all(&pair.server));
        let mut sends = 0;
        while sent < TOTAL {
            match send_nosignal(&pair.client, &data[sent..]) {
                Ok(count) => {
                    sent += count;
                    sends += 1;
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    let writable = net::wait_writable(&pair.client, net::IO_TIMEOUT)
                        .step("waiting for room in the send queue")?;
                    if !writable {
                        return Err(io::Error::from(io::ErrorKind::TimedOut))
                            .step("waiting for room in the send queue");
                    }
                }
                Err(error) => return Err(error).step("the write-all loop"),
            }
        }
        pair.client
            .shutdown(std::net::Shutdown::Write)
            .step("closing the sending side")?;
        let received = reader
            .join()
            .map_err(|_| io::Error::other("reader thread panicked"))
            .step("joining the reader")?
            .step("reading the 1 MB")?;
        Ok::<_, LabError>((sends, received))
    })?;

    Ok(vec![
        expect::exact(
            "sndbuf-granted",
            "SO_SNDBUF after setting 4096",
            SNDBUF_GRANTED,
            granted,
        ),
        expect::exact(
            "first-send",
            "non-blocking send(1 MB): bytes taken",
            format!("{FIRST_SEND} of {TOTAL}"),
            format!("{first} of {TOTAL}"),
        ),
        expect::exact(
            "send-until-eagain",
            "  more sends of the rest, until one fails",
            "EAGAIN".to_string(),
            stopped.unwrap_or_else(|| format!("no error in {MAX_SENDS_BEFORE_EAGAIN} sends")),
        ),
        // How many bytes fit before EAGAIN depends on the receiver's buffer
        // (net.ipv4.tcp_rmem), so only "short of 1 MB" is checked; the
        // number is shown, and redacted in snapshots.
        expect::below(
            "accepted-before-eagain",
            "  bytes taken before EAGAIN",
            expect::count_limit(TOTAL as u64, ""),
            expect::count(accepted_before_eagain as u64, ""),
        ),
        // Each send takes what the reader has made room for: the count
        // depends on how the two threads interleave, so it is a threshold.
        expect::above(
            "write-all-sends",
            "write-all loop (poll POLLOUT): sends for the rest",
            expect::count_limit(1, ""),
            expect::count(sends as u64, "sends"),
        ),
        expect::exact(
            "reader-bytes",
            "  reader got (course: \"send loses data\")",
            format!("{TOTAL} bytes, 0 lost"),
            format!(
                "{} bytes, {} lost",
                received.bytes,
                TOTAL as i64 - received.bytes as i64
            ),
        ),
        expect::exact(
            "reader-digest",
            "  what it got vs what was sent",
            SAME_DIGEST,
            if received.digest[..] == Sha256::digest(data)[..] {
                SAME_DIGEST
            } else {
                "different SHA-256"
            },
        ),
    ])
}

/// A blocking send waits for room instead of failing, and a send timeout
/// (SO_SNDTIMEO, socket(7)) ends the wait with a short count: the bytes
/// already copied, not an error (EAGAIN comes only when nothing could be
/// copied at all).
fn blocking_send_waits(data: &[u8]) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A blocking send of 1 MB with a 100 ms send timeout, nobody reading.",
        "send waits for room, then returns a short count.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    pair.client
        .set_send_buffer_size(SNDBUF_ASKED)
        .step("setting SO_SNDBUF")?;
    pair.client
        .set_write_timeout(Some(BLOCKING_SEND_TIMEOUT))
        .step("setting SO_SNDTIMEO")?;
    let started = Instant::now();
    let result = send_nosignal(&pair.client, data);
    let waited = started.elapsed();
    let outcome = match &result {
        Ok(count) if *count < TOTAL => "a short count".to_string(),
        Ok(_) => "all of it".to_string(),
        Err(_) => net::outcome(&result),
    };
    Ok(vec![
        expect::at_least(
            "blocking-send-waited",
            "blocking send(1 MB), SO_SNDTIMEO 100 ms, nobody reading: returned after",
            BLOCKING_SEND_LEAST_WAIT,
            waited,
        ),
        expect::exact(
            "blocking-send-result",
            "  what it returned",
            "a short count".to_string(),
            outcome,
        ),
    ])
}

/// Where the course's "lost" data went: a program that calls send once,
/// ignores the count it returns, and closes. The peer gets exactly what that
/// one send took; the rest never left the program.
fn ignoring_the_count(data: &[u8]) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A program that calls send once, ignores the count and closes.",
        "how many bytes the peer really gets.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    small_buffer_client(&pair)?;
    send_nosignal(&pair.client, data).step("one send of 1 MB, count ignored")?;
    pair.client
        .shutdown(std::net::Shutdown::Write)
        .step("closing the sending side")?;
    let received = read_all(&pair.server).step("reading until end of file")?;
    Ok(vec![expect::exact(
        "ignored-count",
        "one send(1 MB), count ignored, close: peer got",
        format!("{FIRST_SEND} of {TOTAL} bytes"),
        format!("{} of {TOTAL} bytes", received.bytes),
    )])
}
