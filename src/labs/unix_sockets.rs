//! Lab 19: Unix domain sockets.
//!
//! AF_UNIX sockets (unix(7)) connect programs on the same host through the
//! kernel, with no network stack in between. Their address is a path in the
//! file system, and the socket types behave as the course's TCP and UDP do:
//!
//! - SOCK_STREAM is a byte stream, like TCP: two sends can come out of one
//!   recv glued together, and a short recv leaves the rest for the next one.
//! - SOCK_DGRAM keeps message boundaries, like UDP: one send is one recv,
//!   and a buffer that is too small cuts the datagram and discards the rest
//!   (the MSG_TRUNC flag of recvmsg(2) tells). Unlike UDP it is reliable
//!   and ordered: a datagram goes straight into the receiver's queue, and
//!   when that queue is full (`net.unix.max_dgram_qlen` datagrams, unix(7))
//!   the sender waits instead of the datagram being dropped. A non-blocking
//!   sender gets EAGAIN; a blocking one sleeps until the receiver reads, or
//!   until its SO_SNDTIMEO (socket(7)) runs out.
//! - SOCK_SEQPACKET is connected like a stream but keeps boundaries like a
//!   datagram socket; Linux truncates its messages the same way.
//!
//! FIONREAD (SIOCINQ, unix(7)) counts every queued byte on a stream or
//! seqpacket socket, but only the next datagram on a datagram socket.
//!
//! The address is a file. bind(2) creates a socket file at the path, and
//! close(2) does NOT remove it: the file stays behind until someone calls
//! unlink(2). A server restarted on the same path then fails to bind with
//! EADDRINUSE, the Unix cousin of lab 4, and SO_REUSEADDR (socket(7))
//! does not help: it only concerns TCP and UDP ports. A client connecting
//! to the stale file gets ECONNREFUSED: the file exists, but no socket is
//! listening behind it. Once the file is unlinked, connect gets ENOENT and
//! bind works again.
//!
//! Linux also has an abstract namespace: a name that starts with a NUL byte
//! is not a file at all, and it disappears with the last socket using it,
//! so nothing can be left behind.
//!
//! All socket files live in a folder of the lab's own under the system's
//! temp dir. The lab unlinks them and removes the folder at the end, and a
//! drop guard removes the folder on every error path too.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::time::{Duration, Instant};

use socket2::{Domain, SockAddr, Socket, Type};

use crate::environment;
use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::lab_folder::{self, LabFolder};
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;

pub const LAB: Lab = Lab {
    number: 19,
    slug: "unix-sockets",
    title: "Unix domain sockets",
    shows: "AF_UNIX: streams glue sends, DGRAM and SEQPACKET keep boundaries; a stale socket file gives EADDRINUSE",
    summary: "AF_UNIX sockets have a file path as address. SOCK_STREAM glues two sends like TCP;\n\
              SOCK_DGRAM and SOCK_SEQPACKET keep each message and cut one that does not fit.\n\
              close() leaves the socket file behind: bind fails with EADDRINUSE until it is unlinked.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/19-unix-sockets/README.md"),
    sheet_zh_cn: include_str!("../../labs/19-unix-sockets/README.zh-CN.md"),
    experiment: run,
};

/// Socket file names inside the lab's folder (short and fixed, so tables
/// never show the folder's unique name).
const STREAM_NAME: &str = "stream.sock";
const DGRAM_NAME: &str = "dgram.sock";
const SEQPACKET_NAME: &str = "seqpacket.sock";
const STALE_NAME: &str = "stale.sock";
const FLOOD_NAME: &str = "flood.sock";
/// Every socket file the lab creates: one per experiment.
const SOCKET_FILES: [&str; 5] = [
    STREAM_NAME,
    DGRAM_NAME,
    SEQPACKET_NAME,
    STALE_NAME,
    FLOOD_NAME,
];

/// How long the blocking sender may wait for room in the full queue.
const FULL_QUEUE_WAIT: Duration = Duration::from_millis(100);
/// The least it must have waited: the kernel counts the timeout in clock
/// ticks from the current tick, which may be partly over, so a 100 ms
/// timeout can end a tick early.
const FULL_QUEUE_LEAST_WAIT: Duration = Duration::from_millis(90);
/// The receive queue's length limit (unix(7)); the kernel refuses the next
/// datagram only once the queue holds *more* than this many.
const MAX_DGRAM_QLEN: &str = "/proc/sys/net/unix/max_dgram_qlen";
/// The most datagrams the flood sends before it must have met a full queue
/// (the kernel's default queue is 10 datagrams long).
const FLOOD_LIMIT: u32 = 10_000;

/// The course's two sends (D: b"hello" then b"feng").
const FIRST: &[u8] = b"hello";
const SECOND: &[u8] = b"feng";
/// Both together: what a byte stream may return in one recv.
const GLUED: &[u8] = b"hellofeng";

/// A 10-byte message read with a 4-byte buffer (as in lab 3).
const LONG: &[u8] = b"1234567890";
const SMALL_BUFFER: usize = 4;
/// The message sent after the cut one: the next recv must return it.
const MARKER: &[u8] = b"next";

/// The course's server reads with `conn.recv(1024)`.
const SERVER_RECV: usize = 1024;

/// listen(2) backlog: each experiment has one client.
const BACKLOG: i32 = 1;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let folder = LabFolder::create(LAB.number).step("creating the lab's temp folder")?;
    let mut checks = stream(&folder)?;
    checks.extend(datagram(&folder)?);
    checks.extend(seqpacket(&folder)?);
    checks.extend(full_datagram_queue(&folder)?);
    checks.extend(stale_socket_file(&folder)?);
    checks.extend(abstract_name()?);
    checks.extend(cleanup(folder)?);
    Ok(checks)
}

/// What the lab does with its folder (see `lab_folder`).
impl LabFolder {
    /// The address of socket file `name` in this folder.
    fn address(&self, name: &str) -> io::Result<SockAddr> {
        SockAddr::unix(self.path.join(name))
    }

    /// How many entries the folder holds, and how many of them are sockets.
    fn count(&self) -> io::Result<(usize, usize)> {
        let mut entries = 0;
        let mut sockets = 0;
        for entry in fs::read_dir(&self.path)? {
            entries += 1;
            if entry?.file_type()?.is_socket() {
                sockets += 1;
            }
        }
        Ok((entries, sockets))
    }
}

/// A new AF_UNIX socket of type `kind`, with the lab timeouts.
fn unix_socket(kind: Type) -> io::Result<Socket> {
    let socket = Socket::new(Domain::UNIX, kind, None)?;
    net::set_timeouts(&socket, net::IO_TIMEOUT)?;
    Ok(socket)
}

/// Both ends of one connected AF_UNIX socket pair.
struct Pair {
    client: Socket,
    server: Socket,
}

/// Both ends of one connection of type `kind` (stream or seqpacket)
/// through the socket file `name`. The listener is closed on return; its
/// file stays.
fn connected_pair(folder: &LabFolder, kind: Type, name: &str) -> Result<Pair, LabError> {
    let address = folder.address(name).step("building the socket path")?;
    let listener = unix_socket(kind).step("creating the listener")?;
    listener.bind(&address).step("binding the socket file")?;
    listener.listen(BACKLOG).step("listening")?;
    let client = unix_socket(kind).step("creating the client")?;
    client
        .connect(&address)
        .step("connecting to the socket file")?;
    let (server, _) = listener.accept().step("accepting the client")?;
    net::set_timeouts(&server, net::IO_TIMEOUT).step("setting the server's timeouts")?;
    Ok(Pair { client, server })
}

/// SOCK_STREAM: two sends, one late recv gets both; a short recv leaves
/// the rest queued.
fn stream(folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "AF_UNIX SOCK_STREAM: two sends, a late reader.",
        "glued like TCP.",
    );
    let pair = connected_pair(folder, Type::STREAM, STREAM_NAME)?;
    net::send_all(&pair.client, FIRST).step("sending b\"hello\"")?;
    net::send_all(&pair.client, SECOND).step("sending b\"feng\"")?;
    net::wait_for_queued(&pair.server, GLUED.len()).step("waiting for both sends")?;
    let queued = net::queued_bytes(&pair.server).step("asking FIONREAD")?;
    let glued = net::recv_once(&pair.server, SERVER_RECV).step("the late recv")?;

    net::send_all(&pair.client, LONG).step("sending b\"1234567890\"")?;
    net::wait_for_queued(&pair.server, LONG.len()).step("waiting for 10 bytes")?;
    let short = net::recv_once(&pair.server, SMALL_BUFFER).step("the short recv")?;
    let rest = net::recv_once(&pair.server, SERVER_RECV).step("the recv after it")?;
    Ok(vec![
        expect::exact(
            "stream-queued",
            "STREAM: send(b\"hello\"), send(b\"feng\"): FIONREAD",
            GLUED.len(),
            queued,
        ),
        expect::exact(
            "stream-glued",
            "  one recv(1024)",
            bytes_literal(GLUED),
            bytes_literal(&glued),
        ),
        expect::exact(
            "stream-short",
            "  recv(4) of b\"1234567890\"",
            bytes_literal(&LONG[..SMALL_BUFFER]),
            bytes_literal(&short),
        ),
        expect::exact(
            "stream-rest",
            "    next recv(1024): the rest was kept",
            bytes_literal(&LONG[SMALL_BUFFER..]),
            bytes_literal(&rest),
        ),
    ])
}

/// Two messages, then one 10-byte message read with a 4-byte buffer:
/// checks shared by SOCK_DGRAM and SOCK_SEQPACKET, which keep boundaries.
/// `queued` is what FIONREAD said once both messages were in.
fn boundary_checks(
    label: &str,
    sender: &Socket,
    receiver: &Socket,
    queued: usize,
    expected_queued: usize,
) -> Result<Vec<CheckResult>, LabError> {
    let id = label.to_ascii_lowercase();
    let first = net::recv_once(receiver, SERVER_RECV).step("receiving the first message")?;
    let second = net::recv_once(receiver, SERVER_RECV).step("receiving the second message")?;

    sender.send(LONG).step("sending b\"1234567890\"")?;
    sender.send(MARKER).step("sending b\"next\"")?;
    let (_, cut, flags) =
        net::recv_flagged(receiver, SMALL_BUFFER, 0).step("the recv(4) of 10 bytes")?;
    let after = net::recv_once(receiver, SERVER_RECV).step("the recv after the cut one")?;
    Ok(vec![
        expect::exact(
            &format!("{id}-queued"),
            &format!("{label}: send(b\"hello\"), send(b\"feng\"): FIONREAD"),
            expected_queued,
            queued,
        ),
        expect::exact(
            &format!("{id}-first"),
            "  recv(1024) #1",
            bytes_literal(FIRST),
            bytes_literal(&first),
        ),
        expect::exact(
            &format!("{id}-second"),
            "  recv(1024) #2",
            bytes_literal(SECOND),
            bytes_literal(&second),
        ),
        expect::exact(
            &format!("{id}-cut"),
            "  recv(4) of b\"1234567890\"",
            bytes_literal(&LONG[..SMALL_BUFFER]),
            bytes_literal(&cut),
        ),
        expect::exact(
            &format!("{id}-cut-flag"),
            "    MSG_TRUNC flag on that recv",
            true,
            flags.is_truncated(),
        ),
        expect::exact(
            &format!("{id}-after-cut"),
            "    next recv(1024): the rest is gone",
            bytes_literal(MARKER),
            bytes_literal(&after),
        ),
    ])
}

/// SOCK_DGRAM: a receiver bound to a socket file, a sender connected to it.
/// A Unix datagram is in the receiver's queue when send returns; FIONREAD
/// gives the size of the next datagram only, as on UDP.
fn datagram(folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "AF_UNIX SOCK_DGRAM: two sends, two reads, and a buffer that is too small.",
        "boundaries kept and the rest cut, like UDP.",
    );
    let address = folder
        .address(DGRAM_NAME)
        .step("building the socket path")?;
    let receiver = unix_socket(Type::DGRAM).step("creating the receiver")?;
    receiver.bind(&address).step("binding the socket file")?;
    let sender = unix_socket(Type::DGRAM).step("creating the sender")?;
    sender.connect(&address).step("connecting the sender")?;
    sender.send(FIRST).step("sending b\"hello\"")?;
    sender.send(SECOND).step("sending b\"feng\"")?;
    net::wait_for_queued(&receiver, FIRST.len()).step("waiting for the first datagram")?;
    let queued = net::queued_bytes(&receiver).step("asking FIONREAD")?;
    boundary_checks("DGRAM", &sender, &receiver, queued, FIRST.len())
}

/// SOCK_DGRAM with nobody reading: numbered datagrams until the receiver's
/// queue is full. The non-blocking sender then gets EAGAIN, a blocking send
/// waits its whole SO_SNDTIMEO, and the receiver finds every datagram that
/// was accepted, in order: none was dropped, unlike lab 11's UDP burst.
fn full_datagram_queue(folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "AF_UNIX SOCK_DGRAM: send until the receiver's queue is full, read nothing.",
        "the sender is stopped, and no datagram is lost.",
    );
    let address = folder
        .address(FLOOD_NAME)
        .step("building the socket path")?;
    let receiver = unix_socket(Type::DGRAM).step("creating the receiver")?;
    receiver.bind(&address).step("binding the socket file")?;
    let sender = unix_socket(Type::DGRAM).step("creating the sender")?;
    sender.connect(&address).step("connecting the sender")?;

    let mut accepted = 0u32;
    let refusal = loop {
        match sender.send_with_flags(&accepted.to_be_bytes(), libc::MSG_DONTWAIT) {
            Ok(_) if accepted < FLOOD_LIMIT => accepted += 1,
            Ok(_) => break Ok(()),
            Err(error) => break Err(error),
        }
    };
    sender
        .set_write_timeout(Some(FULL_QUEUE_WAIT))
        .step("setting SO_SNDTIMEO")?;
    let started = Instant::now();
    let blocking = sender.send(&accepted.to_be_bytes());
    let waited = started.elapsed();

    receiver
        .set_nonblocking(true)
        .step("making the receiver non-blocking")?;
    let mut received = Vec::new();
    while let Ok(datagram) = net::recv_once(&receiver, 4) {
        match <[u8; 4]>::try_from(datagram.as_slice()) {
            Ok(number) => received.push(u32::from_be_bytes(number)),
            Err(_) => break,
        }
    }
    let in_order = received.iter().copied().eq(0..accepted);
    let queue_limit: u32 = environment::read_kernel_value(MAX_DGRAM_QLEN)
        .step("reading net.unix.max_dgram_qlen")?
        .parse()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not a number"))
        .step("reading net.unix.max_dgram_qlen")?;
    Ok(vec![
        expect::errno(
            "dgram-full-send",
            "DGRAM, nobody reading: non-blocking send once the queue is full",
            libc::EAGAIN,
            &refusal,
        ),
        expect::exact(
            "dgram-queue-length",
            "  datagrams accepted before that (max_dgram_qlen + 1)",
            (queue_limit + 1).to_string(),
            accepted.to_string(),
        ),
        expect::at_least(
            "dgram-full-wait",
            "  a blocking send with SO_SNDTIMEO 100 ms waits",
            FULL_QUEUE_LEAST_WAIT,
            waited,
        ),
        expect::errno(
            "dgram-full-wait-errno",
            "  and then fails with",
            libc::EAGAIN,
            &blocking,
        ),
        expect::exact(
            "dgram-none-lost",
            "  datagrams the receiver finds, of those accepted",
            format!("{accepted} of {accepted}, in order"),
            format!(
                "{} of {accepted}, {}",
                received.len(),
                if in_order { "in order" } else { "out of order" }
            ),
        ),
    ])
}

/// SOCK_SEQPACKET: connected, boundaries kept. FIONREAD counts every queued
/// byte here (5 + 4), as on a stream.
fn seqpacket(folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "AF_UNIX SOCK_SEQPACKET: the same.",
        "boundaries kept, on a connection.",
    );
    let pair = connected_pair(folder, Type::SEQPACKET, SEQPACKET_NAME)?;
    pair.client.send(FIRST).step("sending b\"hello\"")?;
    pair.client.send(SECOND).step("sending b\"feng\"")?;
    net::wait_for_queued(&pair.server, GLUED.len()).step("waiting for both messages")?;
    let queued = net::queued_bytes(&pair.server).step("asking FIONREAD")?;
    boundary_checks("SEQPACKET", &pair.client, &pair.server, queued, GLUED.len())
}

/// What is at `path`: the kind of file, or that there is none.
fn file_kind(path: &Path) -> String {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_socket() => "socket file".to_string(),
        Ok(_) => "another kind of file".to_string(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => "no file".to_string(),
        Err(error) => net::outcome(&Err::<(), _>(error)),
    }
}

/// A server that closes without unlinking leaves its socket file behind.
fn stale_socket_file(folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A server exits without removing its socket file, then restarts.",
        "EADDRINUSE until the file is unlinked, SO_REUSEADDR or not.",
    );
    let path = folder.path.join(STALE_NAME);
    let address = folder
        .address(STALE_NAME)
        .step("building the socket path")?;
    let server = unix_socket(Type::STREAM).step("creating the first server")?;
    server.bind(&address).step("binding the first server")?;
    server.listen(BACKLOG).step("listening")?;
    drop(server);
    let left = file_kind(&path);

    let restarted = unix_socket(Type::STREAM).step("creating the restarted server")?;
    let rebind = restarted.bind(&address);
    let with_reuse = unix_socket(Type::STREAM).step("creating a server with SO_REUSEADDR")?;
    with_reuse
        .set_reuse_address(true)
        .step("setting SO_REUSEADDR")?;
    let rebind_reuse = with_reuse.bind(&address);
    let client = unix_socket(Type::STREAM).step("creating a client")?;
    let connect_stale = client.connect(&address);

    fs::remove_file(&path).step("unlinking the stale socket file")?;
    let client = unix_socket(Type::STREAM).step("creating a client")?;
    let connect_missing = client.connect(&address);
    let after_unlink = restarted.bind(&address);

    Ok(vec![
        expect::exact(
            "stale-file",
            "server closed without unlink: stale.sock is",
            "socket file".to_string(),
            left,
        ),
        expect::errno(
            "stale-bind",
            "  restarted server binds stale.sock",
            libc::EADDRINUSE,
            &rebind,
        ),
        expect::errno(
            "stale-bind-reuseaddr",
            "  the same with SO_REUSEADDR",
            libc::EADDRINUSE,
            &rebind_reuse,
        ),
        expect::errno(
            "stale-connect",
            "  client connects to stale.sock",
            libc::ECONNREFUSED,
            &connect_stale,
        ),
        expect::errno(
            "unlinked-connect",
            "after unlink(\"stale.sock\"): connect",
            libc::ENOENT,
            &connect_missing,
        ),
        expect::succeeds(
            "unlinked-bind",
            "  restarted server binds stale.sock",
            &after_unlink,
        ),
    ])
}

/// A name in Linux's abstract namespace: a NUL byte, then a name unique to
/// this run (no file, so it cannot clash with one; other programs share the
/// namespace, hence the pid).
fn abstract_name() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "An abstract socket name (Linux): no file at all.",
        "the name is free again as soon as the socket closes.",
    );
    let name = format!("\0{}", lab_folder::unique_name(LAB.number));
    let address =
        SockAddr::unix(OsStr::from_bytes(name.as_bytes())).step("building the abstract name")?;
    let first = unix_socket(Type::STREAM).step("creating the first server")?;
    first.bind(&address).step("binding the abstract name")?;
    first.listen(BACKLOG).step("listening")?;
    let second = unix_socket(Type::STREAM).step("creating the second server")?;
    let while_bound = second.bind(&address);
    let client = unix_socket(Type::STREAM).step("creating a client")?;
    let connected = client.connect(&address);
    drop(first);
    let after_close = second.bind(&address);
    Ok(vec![
        expect::errno(
            "abstract-bind-taken",
            "abstract name \"\\0…\": bind while it is bound",
            libc::EADDRINUSE,
            &while_bound,
        ),
        expect::succeeds("abstract-connect", "  client connects to it", &connected),
        expect::succeeds(
            "abstract-rebind",
            "  bind right after the first socket closed",
            &after_close,
        ),
    ])
}

/// Every socket is closed by now, yet their files remain: unlink them, check
/// the folder is empty, remove it.
fn cleanup(folder: LabFolder) -> Result<Vec<CheckResult>, LabError> {
    let (_, sockets_left) = folder.count().step("listing the lab's folder")?;
    for name in SOCKET_FILES {
        fs::remove_file(folder.path.join(name)).step("unlinking a socket file")?;
    }
    let (entries_left, _) = folder.count().step("listing the lab's folder")?;
    fs::remove_dir_all(&folder.path).step("removing the lab's folder")?;
    Ok(vec![
        expect::exact(
            "files-after-close",
            "socket files left after closing every socket",
            SOCKET_FILES.len(),
            sockets_left,
        ),
        expect::exact(
            "files-after-unlink",
            "  files left after unlinking each one",
            0,
            entries_left,
        ),
    ])
}
