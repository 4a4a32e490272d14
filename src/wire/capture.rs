//! Capturing every frame of one interface, as tcpdump does, with a packet
//! socket (packet(7)).
//!
//! `socket(AF_PACKET, SOCK_RAW, 0)` makes a socket that receives whole
//! link-layer frames, Ethernet header included. It is created with
//! protocol 0, which receives nothing, and only `bind(2)` to one interface
//! with protocol `ETH_P_ALL` turns it on: otherwise frames of every
//! interface would pour in before the bind. It needs CAP_NET_RAW in the
//! user namespace that owns the network namespace, which socklab has inside
//! its sandbox.
//!
//! Each frame comes with:
//! - a kernel timestamp (`SO_TIMESTAMPNS`, socket(7)): the time the kernel
//!   handed the frame to the packet socket, delivered by recvmsg(2) as an
//!   `SCM_TIMESTAMPNS` control message (cmsg(3)); a timestamp taken by the
//!   reader after a context switch would be late by an unknown amount;
//! - its `sockaddr_ll` (packet(7)), whose `sll_pkttype` says whether the
//!   frame was leaving (`PACKET_OUTGOING`) or arriving (`PACKET_HOST`).
//!
//! On `lo`, a frame leaves and arrives on the same interface, so the socket
//! sees it twice: once `PACKET_OUTGOING`, once `PACKET_HOST`. The capture
//! keeps the outgoing copy (the moment it was sent) and counts the other as
//! a loopback duplicate.
//!
//! A reader thread drains the socket while the lab runs, so that a long
//! lab does not overflow the socket's receive queue; [`Capture::finish`]
//! waits until the interface has been quiet for a while, stops it and reads
//! `PACKET_STATISTICS`: the kernel's count of frames it queued and of frames
//! it dropped because the queue was full. A wire check must refuse to pass
//! when [`CaptureStats::is_complete`] is false: a missing frame can make a
//! wrong answer look right.
//!
//! Nothing blocks without a bound: the socket is non-blocking and waits go
//! through poll(2) with a timeout.

use std::io;
use std::io::Write;
use std::mem;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustix::event::{PollFd, PollFlags};
use rustix::net::{AddressFamily, SocketFlags, SocketType};

/// The most bytes kept of one frame (what tcpdump calls the snap length).
/// Loopback frames reach 64 KiB (its MTU is 65 536 and TSO makes 64 KiB
/// segments); this is room for all of them.
pub const SNAP_LENGTH: usize = 262_144;

/// The receive queue asked for, so that bursts wait for the reader thread
/// instead of being dropped.
const RECEIVE_QUEUE_BYTES: usize = 16 * 1024 * 1024;

/// How long the reader thread sleeps in poll(2) before it looks whether it
/// was told to stop.
const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// The longest [`Capture::finish`] waits for the interface to fall quiet.
pub const FINISH_LIMIT: Duration = Duration::from_secs(5);

/// A quiet period that suits a loopback or veth lab: every frame of a
/// finished exchange is already queued long before it ends.
pub const DEFAULT_SETTLE: Duration = Duration::from_millis(50);

/// Which way a frame was crossing the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Sent from this namespace (`PACKET_OUTGOING`).
    Outgoing,
    /// Received by this namespace (`PACKET_HOST`, or broadcast/multicast).
    Incoming,
}

/// One captured link-layer frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The kernel's timestamp, as time since the Unix epoch (CLOCK_REALTIME).
    pub timestamp: Duration,
    /// Leaving or arriving.
    pub direction: Direction,
    /// The interface index it was seen on.
    pub interface_index: u32,
    /// The frame from its Ethernet header on (at most [`SNAP_LENGTH`] bytes).
    pub bytes: Vec<u8>,
    /// Its full length: more than `bytes.len()` if it was cut.
    pub original_length: usize,
}

/// The figures that say whether a capture can be trusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaptureStats {
    /// Frames kept (after removing loopback duplicates).
    pub frames_kept: usize,
    /// Incoming copies of loopback frames, dropped because the outgoing copy
    /// of the same frame was kept.
    pub loopback_duplicates: usize,
    /// Frames longer than [`SNAP_LENGTH`], kept cut.
    pub truncated: usize,
    /// Frames the kernel queued for the socket, drops included
    /// (`tp_packets` of `PACKET_STATISTICS`).
    pub kernel_frames: u64,
    /// Frames the kernel dropped because the socket's queue was full
    /// (`tp_drops`).
    pub kernel_drops: u64,
}

impl CaptureStats {
    /// True when nothing was lost or cut: the capture holds every frame.
    pub fn is_complete(&self) -> bool {
        self.kernel_drops == 0 && self.truncated == 0
    }
}

/// What a finished capture holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// The frames, in the order the kernel delivered them.
    pub frames: Vec<Frame>,
    /// Whether they are all there.
    pub stats: CaptureStats,
}

/// A running capture on one interface.
///
/// Dropping it without [`Capture::finish`] stops the reader thread too.
#[derive(Debug)]
pub struct Capture {
    /// The socket and the frames read so far, shared with the reader
    /// thread: whoever holds the lock may read from the socket.
    state: Arc<Mutex<PacketSocket>>,
    /// Carries the settle time to the reader thread, which takes it as the
    /// order to stop.
    stop: Sender<Duration>,
    /// Wakes the reader when the order is sent.
    nudge: UnixStream,
    reader: JoinHandle<io::Result<Captured>>,
}

impl Capture {
    /// Starts capturing every frame of `interface` (for example "lo") in the
    /// calling thread's network namespace. Start it before the lab opens
    /// its first socket.
    pub fn start(interface: &str) -> io::Result<Capture> {
        let mut socket = PacketSocket::open(interface)?;
        if interface == "lo" {
            socket.await_send_time_stamps()?;
        }
        // The reader sleeps in poll(2) on a duplicate of the descriptor, so
        // that it holds no lock while it waits.
        let wakeup = socket.socket.try_clone()?;
        let state = Arc::new(Mutex::new(socket));
        let (stop, stop_order) = mpsc::channel();
        // A byte on this pair wakes the reader from poll(2) the moment it is
        // told to stop, instead of at the end of its poll interval.
        let (nudge, nudged) = UnixStream::pair()?;
        let shared = Arc::clone(&state);
        let reader = thread::Builder::new()
            .name(format!("socklab-capture-{interface}"))
            .spawn(move || read_until_stopped(&shared, &wakeup, &nudged, &stop_order))?;
        Ok(Capture {
            state,
            stop,
            nudge,
            reader,
        })
    }

    /// Every frame captured so far. A frame a socket of this namespace sent
    /// is queued on the packet socket before send(2) returns (the kernel
    /// hands packet sockets their copy on the way out), so a lab that asks
    /// after its exchange sees all of it: this call reads whatever is still
    /// queued itself, without waiting for the reader thread.
    pub fn snapshot(&self) -> io::Result<Captured> {
        let mut socket = lock(&self.state);
        socket.read_pending()?;
        Ok(Captured {
            stats: socket.statistics()?,
            frames: socket.frames.clone(),
        })
    }

    /// Stops the capture once the interface has been quiet for `settle`
    /// (at most [`FINISH_LIMIT`] from now) and returns every frame, with
    /// the kernel's drop count.
    pub fn finish(self, settle: Duration) -> io::Result<Captured> {
        // A send fails only if the reader already ended (on an error),
        // which the join below reports.
        let _ = self.stop.send(settle.min(FINISH_LIMIT));
        // Likewise a failed write: the reader then wakes at its interval.
        let _ = (&self.nudge).write_all(b"!");
        match self.reader.join() {
            Ok(result) => result,
            Err(_) => Err(io::Error::other("the capture thread panicked")),
        }
    }
}

/// The packet socket and what has been read from it so far.
#[derive(Debug)]
struct PacketSocket {
    socket: OwnedFd,
    frames: Vec<Frame>,
    loopback_duplicates: usize,
    truncated: usize,
    /// PACKET_STATISTICS, added up over every read of it.
    kernel_frames: u64,
    kernel_drops: u64,
    buffer: Vec<u8>,
}

impl PacketSocket {
    fn open(interface: &str) -> io::Result<PacketSocket> {
        let socket = rustix::net::socket_with(
            AddressFamily::PACKET,
            SocketType::RAW,
            SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
            None,
        )
        .map_err(|error| {
            let error = io::Error::from(error);
            let hint = if error.kind() == io::ErrorKind::PermissionDenied {
                ": capturing needs CAP_NET_RAW (socklab has it inside its private namespace)"
            } else {
                ""
            };
            io::Error::new(error.kind(), format!("socket(AF_PACKET): {error}{hint}"))
        })?;
        let index = rustix::net::netdevice::name_to_index(&socket, interface).map_err(|error| {
            io::Error::new(
                io::Error::from(error).kind(),
                format!("no interface named {interface} here ({error})"),
            )
        })?;
        // SO_RCVBUFFORCE may exceed net.core.rmem_max (it needs
        // CAP_NET_ADMIN); plain SO_RCVBUF is capped by it (socket(7)).
        if set_int_option(
            &socket,
            libc::SOL_SOCKET,
            libc::SO_RCVBUFFORCE,
            RECEIVE_QUEUE_BYTES,
        )
        .is_err()
        {
            socket2::SockRef::from(&socket).set_recv_buffer_size(RECEIVE_QUEUE_BYTES)?;
        }
        set_int_option(&socket, libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1)?;
        bind_to_interface(&socket, index)?;
        Ok(PacketSocket {
            socket,
            frames: Vec::new(),
            loopback_duplicates: 0,
            truncated: 0,
            kernel_frames: 0,
            kernel_drops: 0,
            buffer: vec![0; SNAP_LENGTH],
        })
    }

    /// Waits until the kernel stamps frames when they are sent.
    ///
    /// The first socket of the system to ask for timestamps only *schedules*
    /// the switch that makes the kernel stamp every frame on its way out
    /// (net_enable_timestamp() defers it to a work queue); until it runs, a
    /// frame is stamped when the capture reads it, which on a busy machine
    /// can be milliseconds late and would put packets after the calls they
    /// came from. So: send a one-byte UDP datagram to ourselves on lo, read
    /// its capture back, and stop once its stamp falls between the moments
    /// before and after the send. The probe frames are read out here, so the
    /// lab never sees them. Gives up after [`FINISH_LIMIT`]: the capture is
    /// still complete then, only its times may be late.
    fn await_send_time_stamps(&mut self) -> io::Result<()> {
        let probe = std::net::UdpSocket::bind("127.0.0.1:0")?;
        let address = probe.local_addr()?;
        let deadline = Instant::now() + FINISH_LIMIT;
        while Instant::now() < deadline {
            let before = since_epoch();
            probe.send_to(b"t", address)?;
            let after = since_epoch();
            // The outgoing copy is queued before send_to returns.
            let stamped_in_time = receive_frame(&self.socket, &mut self.buffer)?
                .is_some_and(|frame| (before..=after).contains(&frame.timestamp));
            // Drop the probe's other copies (the arriving one).
            while receive_frame(&self.socket, &mut self.buffer)?.is_some() {}
            if stamped_in_time {
                break;
            }
            thread::yield_now();
        }
        // Whatever the probes left in PACKET_STATISTICS is not the lab's.
        packet_statistics(&self.socket)?;
        Ok(())
    }

    /// The figures so far. PACKET_STATISTICS resets the kernel's counters
    /// each time it is read (packet(7)), so they are added up here.
    fn statistics(&mut self) -> io::Result<CaptureStats> {
        let (frames, drops) = packet_statistics(&self.socket)?;
        self.kernel_frames += frames;
        self.kernel_drops += drops;
        Ok(CaptureStats {
            frames_kept: self.frames.len(),
            loopback_duplicates: self.loopback_duplicates,
            truncated: self.truncated,
            kernel_frames: self.kernel_frames,
            kernel_drops: self.kernel_drops,
        })
    }

    /// Reads every frame already queued; returns how many were read.
    fn read_pending(&mut self) -> io::Result<usize> {
        let mut count = 0;
        let mut went_down = false;
        loop {
            match self.read_one() {
                Ok(true) => count += 1,
                Ok(false) => return Ok(count),
                // The interface went down or was deleted (lab 10 deletes
                // its veth link before the capture finishes): the kernel
                // says so once with ENETDOWN (packet(7)), then captures
                // nothing more; the frames already queued stay readable.
                Err(error) if error.kind() == io::ErrorKind::NetworkDown && !went_down => {
                    went_down = true;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// Reads one frame if one is queued: `false` when the queue is empty.
    fn read_one(&mut self) -> io::Result<bool> {
        let Some(received) = receive_frame(&self.socket, &mut self.buffer)? else {
            return Ok(false);
        };
        if received.link_type == libc::ARPHRD_LOOPBACK && received.direction == Direction::Incoming
        {
            self.loopback_duplicates += 1;
            return Ok(true);
        }
        let kept = received.length.min(self.buffer.len());
        if kept < received.length {
            self.truncated += 1;
        }
        self.frames.push(Frame {
            timestamp: received.timestamp,
            direction: received.direction,
            interface_index: received.interface_index,
            bytes: self.buffer[..kept].to_vec(),
            original_length: received.length,
        });
        Ok(true)
    }
}

/// The reader thread's loop: drain, wait, drain, until told to stop; then
/// drain until quiet for the settle time.
fn read_until_stopped(
    state: &Mutex<PacketSocket>,
    wakeup: &OwnedFd,
    nudged: &UnixStream,
    stop_order: &Receiver<Duration>,
) -> io::Result<Captured> {
    let settle = loop {
        match stop_order.try_recv() {
            Ok(settle) => break settle,
            Err(TryRecvError::Disconnected) => break DEFAULT_SETTLE,
            Err(TryRecvError::Empty) => {}
        }
        lock(state).read_pending()?;
        wait_readable_or_nudged(wakeup, nudged, POLL_INTERVAL)?;
    };
    let deadline = Instant::now() + FINISH_LIMIT;
    let mut quiet_since = Instant::now();
    loop {
        if lock(state).read_pending()? > 0 {
            quiet_since = Instant::now();
        }
        let now = Instant::now();
        let quiet_for = now.duration_since(quiet_since);
        if quiet_for >= settle || now >= deadline {
            break;
        }
        wait_readable(wakeup, (settle - quiet_for).min(deadline - now))?;
    }
    let mut socket = lock(state);
    let stats = socket.statistics()?;
    Ok(Captured {
        stats,
        frames: std::mem::take(&mut socket.frames),
    })
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// The shared state, even if a thread panicked while holding it (the frames
/// read so far are still good).
fn lock(state: &Mutex<PacketSocket>) -> std::sync::MutexGuard<'_, PacketSocket> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits up to `timeout` for a frame to be queued on `socket`, or for a
/// byte on `nudged` (the order to stop).
fn wait_readable_or_nudged(
    socket: &OwnedFd,
    nudged: &UnixStream,
    timeout: Duration,
) -> io::Result<()> {
    let timeout = rustix::event::Timespec::try_from(timeout)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "timeout too long"))?;
    let mut fds = [
        PollFd::new(socket, PollFlags::IN),
        PollFd::new(nudged, PollFlags::IN),
    ];
    match rustix::event::poll(&mut fds, Some(&timeout)) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Waits up to `timeout` for a frame to be queued on `socket`.
fn wait_readable(socket: &OwnedFd, timeout: Duration) -> io::Result<()> {
    let timeout = rustix::event::Timespec::try_from(timeout)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "timeout too long"))?;
    let mut fds = [PollFd::new(socket, PollFlags::IN)];
    match rustix::event::poll(&mut fds, Some(&timeout)) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// What recvmsg(2) said about one frame (its bytes are in the buffer).
struct Received {
    length: usize,
    timestamp: Duration,
    direction: Direction,
    interface_index: u32,
    link_type: u16,
}

/// One non-blocking recvmsg(2): `None` when nothing is queued.
fn receive_frame(socket: &OwnedFd, buffer: &mut [u8]) -> io::Result<Option<Received>> {
    let mut address = libc::sockaddr_ll {
        sll_family: 0,
        sll_protocol: 0,
        sll_ifindex: 0,
        sll_hatype: 0,
        sll_pkttype: 0,
        sll_halen: 0,
        sll_addr: [0; 8],
    };
    // Room for the SCM_TIMESTAMPNS message, aligned for cmsghdr.
    let mut control = [0u64; 16];
    let mut iov = libc::iovec {
        iov_base: buffer.as_mut_ptr().cast(),
        iov_len: buffer.len(),
    };
    // SAFETY: msghdr is a plain C struct for which all-zero bytes are a
    // valid value (null pointers, zero lengths).
    let mut message: libc::msghdr = unsafe { mem::zeroed() };
    message.msg_name = (&raw mut address).cast();
    message.msg_namelen = mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
    message.msg_iov = &raw mut iov;
    message.msg_iovlen = 1;
    message.msg_control = control.as_mut_ptr().cast();
    message.msg_controllen = mem::size_of_val(&control);

    // SAFETY: every pointer in `message` points to a live local (address,
    // iov, control) or to `buffer`, with the lengths of those objects, and
    // they outlive the call. MSG_TRUNC makes the call return the frame's
    // full length even when the buffer is shorter (packet(7)).
    let length = unsafe {
        libc::recvmsg(
            socket.as_raw_fd(),
            &mut message,
            libc::MSG_DONTWAIT | libc::MSG_TRUNC,
        )
    };
    if length < 0 {
        let error = io::Error::last_os_error();
        return match error.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => Ok(None),
            _ => Err(io::Error::new(
                error.kind(),
                format!("recvmsg on the packet socket: {error}"),
            )),
        };
    }
    let direction = if address.sll_pkttype == libc::PACKET_OUTGOING {
        Direction::Outgoing
    } else {
        Direction::Incoming
    };
    Ok(Some(Received {
        length: length as usize,
        timestamp: kernel_timestamp(&message).unwrap_or_else(|| {
            // The kernel sends the timestamp whenever SO_TIMESTAMPNS is on;
            // this is only a fallback.
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
        }),
        direction,
        interface_index: u32::try_from(address.sll_ifindex).unwrap_or_default(),
        link_type: address.sll_hatype,
    }))
}

/// The `SCM_TIMESTAMPNS` control message of a received message, if any.
fn kernel_timestamp(message: &libc::msghdr) -> Option<Duration> {
    // SAFETY: `message` was filled by a successful recvmsg(2), so its
    // control pointer and msg_controllen describe valid control messages;
    // the CMSG_* functions walk them as cmsg(3) prescribes, staying inside
    // msg_controllen, and a timespec is read (unaligned) only from a
    // message whose type says it holds one.
    unsafe {
        let mut header = libc::CMSG_FIRSTHDR(message);
        while !header.is_null() {
            if (*header).cmsg_level == libc::SOL_SOCKET
                && (*header).cmsg_type == libc::SCM_TIMESTAMPNS
            {
                let time: libc::timespec = std::ptr::read_unaligned(libc::CMSG_DATA(header).cast());
                return Some(Duration::new(
                    u64::try_from(time.tv_sec).ok()?,
                    u32::try_from(time.tv_nsec).ok()?,
                ));
            }
            header = libc::CMSG_NXTHDR(message, header);
        }
    }
    None
}

/// bind(2) to one interface, receiving every protocol (`ETH_P_ALL`).
pub(crate) fn bind_to_interface(socket: &OwnedFd, index: u32) -> io::Result<()> {
    let address = libc::sockaddr_ll {
        sll_family: libc::AF_PACKET as libc::c_ushort,
        // In network byte order, as packet(7) says.
        sll_protocol: (libc::ETH_P_ALL as u16).to_be(),
        sll_ifindex: i32::try_from(index).map_err(|_| {
            io::Error::new(io::ErrorKind::InvalidInput, "interface index too large")
        })?,
        sll_hatype: 0,
        sll_pkttype: 0,
        sll_halen: 0,
        sll_addr: [0; 8],
    };
    // SAFETY: `address` is a complete sockaddr_ll and the length passed is
    // its size.
    let result = unsafe {
        libc::bind(
            socket.as_raw_fd(),
            (&raw const address).cast(),
            mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if result < 0 {
        let error = io::Error::last_os_error();
        return Err(io::Error::new(
            error.kind(),
            format!("bind(AF_PACKET) to interface {index}: {error}"),
        ));
    }
    Ok(())
}

pub(crate) fn set_int_option(
    socket: &OwnedFd,
    level: libc::c_int,
    name: libc::c_int,
    value: usize,
) -> io::Result<()> {
    let value = libc::c_int::try_from(value).map_err(|_| {
        io::Error::new(io::ErrorKind::InvalidInput, "socket option value too large")
    })?;
    // SAFETY: the option value is a live c_int and the length is its size.
    let result = unsafe {
        libc::setsockopt(
            socket.as_fd().as_raw_fd(),
            level,
            name,
            (&raw const value).cast(),
            mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if result < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// `getsockopt(SOL_PACKET, PACKET_STATISTICS)` (packet(7)): frames queued
/// (drops included) and frames dropped since the last call.
fn packet_statistics(socket: &OwnedFd) -> io::Result<(u64, u64)> {
    let mut stats = libc::tpacket_stats {
        tp_packets: 0,
        tp_drops: 0,
    };
    let mut length = mem::size_of::<libc::tpacket_stats>() as libc::socklen_t;
    // SAFETY: `stats` is a live tpacket_stats and `length` holds its size,
    // which the kernel writes no further than.
    let result = unsafe {
        libc::getsockopt(
            socket.as_raw_fd(),
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&raw mut stats).cast(),
            &mut length,
        )
    };
    if result < 0 {
        let error = io::Error::last_os_error();
        return Err(io::Error::new(
            error.kind(),
            format!("getsockopt(PACKET_STATISTICS): {error}"),
        ));
    }
    Ok((u64::from(stats.tp_packets), u64::from(stats.tp_drops)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_with_drops_or_cuts_is_incomplete() {
        let clean = CaptureStats {
            frames_kept: 9,
            loopback_duplicates: 9,
            kernel_frames: 18,
            ..CaptureStats::default()
        };
        assert!(clean.is_complete());
        assert!(
            !CaptureStats {
                kernel_drops: 1,
                ..clean
            }
            .is_complete()
        );
        assert!(
            !CaptureStats {
                truncated: 1,
                ..clean
            }
            .is_complete()
        );
    }
}
