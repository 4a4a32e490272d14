//! A link whose faults socklab decides: drop this packet, delay every
//! packet, swap two, send one twice, limit the rate.
//!
//! Loopback and a plain veth pair never lose, delay or reorder a packet, so
//! TCP's retransmissions and UDP's losses never show on them. A lab about
//! them needs a link that misbehaves *on purpose* and *exactly*: "the third
//! data segment from the client is dropped, its first transmission only",
//! never "1 % of packets are dropped at random". A chosen packet keeps the
//! verdicts exact: the lab knows which bytes went missing and checks that
//! the kernel repaired exactly that.
//!
//! **The shape.** Three network namespaces and two veth pairs (veth(4)):
//!
//! ```text
//!  main namespace          relay namespace                server namespace
//!  (the client)            (no addresses)                 (the server)
//!  socklab-link  ◄──veth──► relay-client ═relay═ relay-server ◄──veth──► socklab-server
//!  198.18.1.1/30                                                          198.18.1.2/30
//! ```
//!
//! The relay namespace has no IP address at all: a thread holds one packet
//! socket (packet(7), `AF_PACKET`, `SOCK_RAW`, protocol `ETH_P_ALL`) on each
//! of its two ports, reads every frame that arrives on one and writes it,
//! byte for byte, on the other. ARP crosses like everything else, so the two
//! ends see one Ethernet wire between them, with an MTU of 1500. On the way
//! the relay applies the [`Impairments`]: it drops a frame, keeps it for a
//! while before writing it (delay), keeps it until the next one has gone
//! (reorder), writes it twice (duplicate), or spaces frames out to a rate.
//! Every decision is taken on the packet's identity (which SYN, which data
//! segment, which datagram), never on a random draw.
//!
//! Packet sockets belong to the namespace they were created in, whichever
//! thread uses them later, so the two are created by a thread inside the
//! relay namespace ([`PeerNamespace::run`]) and then driven by an ordinary
//! thread. Each socket sets `PACKET_IGNORE_OUTGOING` (packet(7), Linux 4.20):
//! a packet socket also sees the frames sent *from* its interface, which
//! here are the relay's own writes. The relay thread never blocks without
//! a bound: it waits in poll(2) until the next held frame is due, at most
//! [`IDLE_WAKEUP`], and a byte on a socket pair wakes it to stop. Dropping
//! the [`ImpairedLink`] stops and joins it, deletes the client's veth pair
//! and lets the two namespaces (and the other pair with them) go.
//!
//! **Checksums.** A veth pair passes frames with the transport checksum
//! left for "the card" to finish (CHECKSUM_PARTIAL), and the receiving end
//! trusts that mark. A packet socket writes plain bytes, without it: an
//! unfinished checksum would arrive as a wrong one and the packet would be
//! dropped. So the two end interfaces have transmit checksumming turned off
//! (`ethtool -K <end> tx off`, see `offload`): the kernel finishes every
//! checksum before the frame leaves, and the relay copies complete packets.
//! TSO is off too, so every frame is one real segment of at most 1500 bytes.
//!
//! **Why not the other ways.** Linux's netem qdisc (`tc qdisc add ... netem
//! delay 50ms loss ...`) is the usual tool, but it is a kernel option
//! (CONFIG_NET_SCH_NETEM) that not every kernel builds, and its loss is a
//! random draw. nftables can drop chosen packets, but it can neither delay
//! nor reorder them, and handing packets to userspace needs NFT_QUEUE,
//! another option. A TUN device (how packetdrill and Stanford's CS144 do
//! it) gives userspace every packet, but `/dev/net/tun` is usually
//! readable by root only, and socklab runs unprivileged too. Packet sockets
//! and veth pairs are in every kernel socklab supports, and inside its own
//! user namespace socklab holds the CAP_NET_RAW and CAP_NET_ADMIN they need.
//!
//! **Time is real.** A delayed frame is written when its time comes, so the
//! delay is on the wire: a capture on `socklab-link` shows the SYN-ACK 2 × d
//! after the SYN, and TCP_INFO's `tcpi_rtt` measures it.
//!
//! **Before the lab.** [`ImpairedLink::create`] sends one probe datagram
//! across the link while it is still perfect, and applies the impairments
//! only once it has arrived: the probe proves that frames cross the relay
//! with good checksums, and it leaves both ends knowing each other's
//! Ethernet address (ARP went there and back for it). Without it, a lab's
//! first SYN would wait in the kernel for ARP, and its retransmission
//! timer, which starts when `connect` queues the SYN, would run short by
//! that wait.
//!
//! **A busy machine.** Every fault hits a chosen packet, so a loaded CPU
//! cannot change *what* the link does, only *when*: the relay may forward a
//! frame late, never early. Its ports have large receive queues (16 MiB),
//! so frames that arrive while the relay thread waits for the CPU wait for
//! it instead of being dropped.

use std::collections::{HashMap, VecDeque};
use std::fs;
use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::net::{AddressFamily, RecvFlags, SendFlags, SocketFlags, SocketType};

use super::interface_index;
use super::offload::{disable_checksum_offload, disable_tcp_segmentation_offload};
use super::peer::{PeerNamespace, run_in, wait_until_carrying};
use super::rtnetlink::{RouteSocket, VethRequest};
use crate::wire::capture::{Direction, Frame, bind_to_interface, set_int_option};
use crate::wire::packet::Packet;

/// The client's end, in the main namespace (where a lab captures).
pub const CLIENT_INTERFACE: &str = "socklab-link";
/// The server's end, in the server namespace.
const SERVER_INTERFACE: &str = "socklab-server";
/// The relay's port facing the client.
const RELAY_CLIENT_PORT: &str = "relay-client";
/// The relay's port facing the server.
const RELAY_SERVER_PORT: &str = "relay-server";
/// The client's address and the server's: RFC 2544's benchmarking range,
/// never routed.
const CLIENT_ADDRESS: Ipv4Addr = Ipv4Addr::new(198, 18, 1, 1);
const SERVER_ADDRESS: Ipv4Addr = Ipv4Addr::new(198, 18, 1, 2);
const PREFIX_LEN: u8 = 30;
/// Ethernet's MTU on all four interfaces.
const MTU: u32 = 1500;

/// The longest the relay sleeps in poll(2) with nothing due: a bound, not
/// a tick (frames and the stop order wake it at once).
const IDLE_WAKEUP: Duration = Duration::from_millis(100);
/// A frame held back for a reorder is released alone after this long if
/// no other frame comes to overtake it.
const REORDER_HOLD_LIMIT: Duration = Duration::from_secs(1);
/// At most this many frames wait in one direction (delay or rate); a frame
/// beyond it is dropped, as a router's full queue would (drop-tail).
const QUEUE_LIMIT: usize = 4096;
/// The largest frame read: an MTU-sized frame is 1514 bytes; anything
/// longer (which TSO off rules out) is counted and not forwarded.
const FRAME_BUFFER: usize = 65_536;
/// The receive queue of each relay port.
const PORT_QUEUE_BYTES: usize = 16 * 1024 * 1024;
/// How long one write to a port may wait for room in the socket.
const SEND_TIMEOUT: Duration = Duration::from_millis(100);
/// How long a new link may take to carry its first datagram.
const LINK_READY_TIMEOUT: Duration = Duration::from_secs(3);
/// How often the probe is sent again while none has arrived.
const PROBE_INTERVAL: Duration = Duration::from_millis(20);
/// How long the relay thread may take to stop.
const STOP_TIMEOUT: Duration = Duration::from_secs(2);

/// Which way a packet crosses the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Way {
    /// From the main namespace (the client) to the server namespace.
    ClientToServer,
    /// From the server namespace back to the client.
    ServerToClient,
}

impl Way {
    fn index(self) -> usize {
        match self {
            Way::ClientToServer => 0,
            Way::ServerToClient => 1,
        }
    }
}

/// Which packet of one way a [`Fault`] is for, counted from 1 since the
/// impairments were set, over every connection and socket going that way
/// (a lab that runs two connections at once gives each its own kind of
/// packet: lab 20 drops the first SYN and the third data segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    /// The first TCP SYN (without ACK): a retransmitted SYN is not it.
    Syn,
    /// The k-th TCP segment that carries *new* payload bytes: a
    /// retransmission of bytes already seen is never counted, so the fault
    /// hits the first transmission only.
    TcpData(u32),
    /// The k-th UDP datagram (a fragmented one counts once, by its first
    /// fragment).
    Datagram(u32),
}

/// What the relay does, once, to the packet its selector picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The packet is not forwarded.
    Drop(Selector),
    /// The packet is forwarded twice, back to back.
    Duplicate(Selector),
    /// The packet is held back and forwarded right after the next packet
    /// of the same way: the two arrive swapped.
    Reorder(Selector),
}

impl Fault {
    fn selector(self) -> Selector {
        match self {
            Fault::Drop(selector) | Fault::Duplicate(selector) | Fault::Reorder(selector) => {
                selector
            }
        }
    }
}

/// What the link does to the packets that cross it. The default is a
/// perfect wire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impairments {
    /// Every frame, both ways, is forwarded this long after it arrived.
    pub delay_each_way: Duration,
    /// Each way carries at most this many bytes (whole frames) per second:
    /// a frame waits for the previous one's last byte to leave.
    pub rate_bytes_per_second: Option<u64>,
    /// The chosen packets, each hit once.
    pub faults: Vec<(Way, Fault)>,
}

impl Impairments {
    /// A perfect wire.
    pub fn none() -> Impairments {
        Impairments::default()
    }

    /// The same, with every frame delayed by `delay` each way.
    pub fn delayed(mut self, delay: Duration) -> Impairments {
        self.delay_each_way = delay;
        self
    }

    /// The same, with each way limited to `bytes_per_second`.
    pub fn rate_limited(mut self, bytes_per_second: u64) -> Impairments {
        self.rate_bytes_per_second = Some(bytes_per_second);
        self
    }

    /// The same, with `fault` applied to a packet going `way`.
    pub fn with(mut self, way: Way, fault: Fault) -> Impairments {
        self.faults.push((way, fault));
        self
    }
}

/// The client side's and server side's figures of the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAddresses {
    /// The client's interface (in the main namespace) and its address.
    pub client_interface: &'static str,
    pub client: Ipv4Addr,
    /// The server's address (in the server namespace).
    pub server: Ipv4Addr,
}

/// The three namespaces, two veth pairs and the relay thread between them.
/// Dropping it stops the relay and deletes everything it made.
pub struct ImpairedLink {
    main_namespace: OwnedFd,
    client_index: u32,
    server: PeerNamespace,
    /// Kept alive for as long as the link: its ports are the relay's.
    _relay_namespace: PeerNamespace,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    nudge: UnixStream,
    relay: Option<JoinHandle<io::Result<()>>>,
}

impl std::fmt::Debug for ImpairedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImpairedLink")
            .field("client_index", &self.client_index)
            .finish_non_exhaustive()
    }
}

impl ImpairedLink {
    /// Makes the relay and server namespaces, the two veth pairs (with TSO
    /// and transmit checksumming off on both ends, IPv6 off everywhere so
    /// that nothing but the lab's packets crosses), the addresses, starts
    /// the relay, sends a probe across (see the module documentation), and
    /// only then applies `impairments`. Call it from the main namespace
    /// (socklab's private one): the client's end is made there.
    pub fn create(impairments: Impairments) -> io::Result<ImpairedLink> {
        let relay_namespace = PeerNamespace::create()?;
        let server = PeerNamespace::create()?;
        let main_namespace = OwnedFd::from(fs::File::open("/proc/thread-self/ns/net")?);
        let mut route = RouteSocket::open()?;
        route.add_veth(&VethRequest {
            name: CLIENT_INTERFACE,
            peer_name: RELAY_CLIENT_PORT,
            mtu: MTU,
            peer_namespace: relay_namespace.namespace_fd(),
        })?;
        let client_index = interface_index(CLIENT_INTERFACE)?;
        let shared = Arc::new(Mutex::new(Shared::new(Impairments::none())));
        let (nudge, nudged) = UnixStream::pair()?;
        // From here on, dropping `link` deletes the client's pair.
        let mut link = ImpairedLink {
            main_namespace,
            client_index,
            server,
            _relay_namespace: relay_namespace,
            shared,
            stop: Arc::new(AtomicBool::new(false)),
            nudge,
            relay: None,
        };
        let server_namespace = link.server.namespace_fd();
        link._relay_namespace.run(|| {
            RouteSocket::open()?.add_veth(&VethRequest {
                name: RELAY_SERVER_PORT,
                peer_name: SERVER_INTERFACE,
                mtu: MTU,
                peer_namespace: server_namespace,
            })
        })??;

        set_up_end(&mut route, CLIENT_INTERFACE, CLIENT_ADDRESS)?;
        link.server.run(|| -> io::Result<()> {
            let mut route = RouteSocket::open()?;
            set_up_end(&mut route, SERVER_INTERFACE, SERVER_ADDRESS)
        })??;
        let ports = link._relay_namespace.run(|| -> io::Result<[OwnedFd; 2]> {
            let mut route = RouteSocket::open()?;
            let mut ports = Vec::new();
            for name in [RELAY_CLIENT_PORT, RELAY_SERVER_PORT] {
                disable_ipv6(name)?;
                let index = interface_index(name)?;
                ports.push(open_port(index, name)?);
                route.set_link_up(index)?;
                wait_until_carrying(&mut route, index, name)?;
            }
            let [client_port, server_port]: [OwnedFd; 2] = ports
                .try_into()
                .map_err(|_| io::Error::other("two ports were opened"))?;
            Ok([client_port, server_port])
        })??;
        wait_until_carrying(&mut route, client_index, CLIENT_INTERFACE)?;
        link.server.run(|| -> io::Result<()> {
            let mut route = RouteSocket::open()?;
            let index = interface_index(SERVER_INTERFACE)?;
            wait_until_carrying(&mut route, index, SERVER_INTERFACE)
        })??;

        let relay = Relay {
            ports,
            shared: Arc::clone(&link.shared),
            stop: Arc::clone(&link.stop),
            nudged,
        };
        link.relay = Some(
            thread::Builder::new()
                .name("socklab-relay".to_owned())
                .spawn(move || relay.run())?,
        );
        link.probe()?;
        link.set_impairments(impairments);
        Ok(link)
    }

    /// Sends one datagram from the client's side to the server's across
    /// the still perfect link, again every [`PROBE_INTERVAL`] until one
    /// arrives. It proves that frames cross the relay both ways with good
    /// checksums (ARP goes there and back first), and it leaves both ends
    /// knowing each other's Ethernet address: a lab's first packet then
    /// leaves at once instead of waiting for ARP, whose round trip (slowed
    /// by the delay, or lost and resent a second later on a busy machine)
    /// would shift the timers the lab measures.
    fn probe(&self) -> io::Result<()> {
        let receiver = self
            .server
            .run(|| std::net::UdpSocket::bind((SERVER_ADDRESS, 0)))??;
        let destination = receiver.local_addr()?;
        let sender = std::net::UdpSocket::bind((CLIENT_ADDRESS, 0))?;
        let deadline = Instant::now() + LINK_READY_TIMEOUT;
        loop {
            sender.send_to(b"probe", destination)?;
            let timeout = Timespec::try_from(PROBE_INTERVAL)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "timeout too long"))?;
            let mut fds = [PollFd::new(&receiver, PollFlags::IN)];
            match rustix::event::poll(&mut fds, Some(&timeout)) {
                Ok(ready) if ready > 0 => return Ok(()),
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(error) => return Err(error.into()),
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no probe crossed the relay within {LINK_READY_TIMEOUT:?}"),
                ));
            }
        }
    }

    /// The interface to capture and the two addresses.
    pub fn addresses(&self) -> LinkAddresses {
        LinkAddresses {
            client_interface: CLIENT_INTERFACE,
            client: CLIENT_ADDRESS,
            server: SERVER_ADDRESS,
        }
    }

    /// The server's namespace: bind listeners and receivers there.
    pub fn server(&self) -> &PeerNamespace {
        &self.server
    }

    /// Replaces the impairments, and starts counting packets afresh: the
    /// next SYN is "the SYN" again, the next datagram the first. Frames the
    /// relay is already holding keep the delay they were given.
    pub fn set_impairments(&self, impairments: Impairments) {
        *lock(&self.shared) = Shared::new(impairments);
    }

    /// The faults that have hit their packet so far (since the last
    /// [`ImpairedLink::set_impairments`]), in the order they were set: a
    /// lab whose fault never fired knows its experiment went wrong.
    pub fn faults_applied(&self) -> Vec<(Way, Fault)> {
        let shared = lock(&self.shared);
        shared
            .impairments
            .faults
            .iter()
            .zip(&shared.fired)
            .filter(|(_, fired)| **fired)
            .map(|(fault, _)| *fault)
            .collect()
    }
}

impl Drop for ImpairedLink {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // A failed write only means the relay already ended; it also wakes
        // at its idle bound.
        let _ = (&self.nudge).write_all(b"!");
        if let Some(relay) = self.relay.take() {
            let deadline = Instant::now() + STOP_TIMEOUT;
            while !relay.is_finished() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(1));
            }
            if relay.is_finished() {
                let _ = relay.join();
            }
        }
        // Deleting the client's end deletes its pair at once (from the main
        // namespace: an index means nothing elsewhere). The other pair goes
        // when the relay and server namespaces lose their last reference,
        // which is this value's.
        let index = self.client_index;
        let _ = run_in(self.main_namespace.as_fd(), || {
            RouteSocket::open().and_then(|mut route| route.delete_link(index))
        });
    }
}

/// One end of the link, in the calling thread's namespace: offloads off,
/// IPv6 off, the address, up.
fn set_up_end(route: &mut RouteSocket, name: &str, address: Ipv4Addr) -> io::Result<()> {
    let index = interface_index(name)?;
    disable_tcp_segmentation_offload(name)?;
    disable_checksum_offload(name)?;
    disable_ipv6(name)?;
    route.add_ipv4_address(index, address, PREFIX_LEN)?;
    route.set_link_up(index)
}

/// `sysctl net.ipv6.conf.<name>.disable_ipv6=1` in the calling thread's
/// namespace: no link-local address, so no router solicitation or
/// duplicate-address probe crosses the link and shows in the capture. A
/// kernel without IPv6 has no such file, and nothing to silence.
fn disable_ipv6(name: &str) -> io::Result<()> {
    match fs::write(format!("/proc/sys/net/ipv6/conf/{name}/disable_ipv6"), "1") {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(io::Error::new(
            error.kind(),
            format!("turning IPv6 off on {name}: {error}"),
        )),
        _ => Ok(()),
    }
}

/// A packet socket bound to interface `index`, non-blocking, that ignores
/// the frames it sends itself.
fn open_port(index: u32, name: &str) -> io::Result<OwnedFd> {
    let socket = rustix::net::socket_with(
        AddressFamily::PACKET,
        SocketType::RAW,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )
    .map_err(|error| {
        io::Error::new(
            io::Error::from(error).kind(),
            format!("socket(AF_PACKET) for {name}: {error}"),
        )
    })?;
    // packet(7): PACKET_IGNORE_OUTGOING, "the packet socket will not
    // receive packets that are sent by the local host".
    set_int_option(&socket, libc::SOL_PACKET, libc::PACKET_IGNORE_OUTGOING, 1)?;
    // Room for every frame that arrives while the relay thread waits for
    // the CPU: the default queue (net.core.rmem_default, 208 KiB) holds
    // about fifty veth frames, and a full queue drops the next one, a loss
    // nobody chose. SO_RCVBUFFORCE may exceed net.core.rmem_max (it needs
    // CAP_NET_ADMIN, which socklab has in its namespaces; socket(7)).
    if set_int_option(
        &socket,
        libc::SOL_SOCKET,
        libc::SO_RCVBUFFORCE,
        PORT_QUEUE_BYTES,
    )
    .is_err()
    {
        socket2::SockRef::from(&socket).set_recv_buffer_size(PORT_QUEUE_BYTES)?;
    }
    bind_to_interface(&socket, index)?;
    Ok(socket)
}

/// The plan and what the relay has counted under it.
struct Shared {
    impairments: Impairments,
    /// Per fault: has it hit its packet yet?
    fired: Vec<bool>,
    /// Per way: the packet counters the selectors refer to.
    counters: [Counters; 2],
}

impl Shared {
    fn new(impairments: Impairments) -> Shared {
        Shared {
            fired: vec![false; impairments.faults.len()],
            impairments,
            counters: [Counters::default(), Counters::default()],
        }
    }

    /// Counts `packet` (going `way`) and returns the fault to apply to it,
    /// if one picks it.
    fn fault_for(&mut self, way: Way, packet: &Packet) -> Option<Fault> {
        let identities = self.counters[way.index()].count(packet);
        let (index, &(_, fault)) =
            self.impairments
                .faults
                .iter()
                .enumerate()
                .find(|(index, (fault_way, fault))| {
                    *fault_way == way
                        && !self.fired[*index]
                        && identities.contains(&fault.selector())
                })?;
        self.fired[index] = true;
        Some(fault)
    }
}

/// How many SYNs, new data segments and datagrams one way has carried.
#[derive(Default)]
struct Counters {
    syns: u32,
    data_segments: u32,
    datagrams: u32,
    /// Per TCP connection (source, destination): the sequence number just
    /// past the highest byte seen, to tell new data from a retransmission.
    sent_up_to: HashMap<(SocketAddr, SocketAddr), u32>,
}

impl Counters {
    /// Counts `packet` and returns the selectors it matches.
    fn count(&mut self, packet: &Packet) -> Vec<Selector> {
        let mut identities = Vec::new();
        if let Some(segment) = packet.tcp() {
            if segment.flags.syn && !segment.flags.ack {
                self.syns += 1;
                if self.syns == 1 {
                    identities.push(Selector::Syn);
                }
            }
            let length = u32::try_from(segment.payload.length).unwrap_or(u32::MAX);
            if let (Some(source), Some(destination), true) =
                (packet.source(), packet.destination(), length > 0)
            {
                let end = segment.sequence.wrapping_add(length);
                let reached = self
                    .sent_up_to
                    .entry((source, destination))
                    .or_insert(segment.sequence);
                // Sequence numbers wrap: "after" is a positive difference
                // in 32-bit arithmetic (RFC 9293, 3.4).
                if (end.wrapping_sub(*reached) as i32) > 0
                    && (segment.sequence.wrapping_sub(*reached) as i32) >= 0
                {
                    *reached = end;
                    self.data_segments += 1;
                    identities.push(Selector::TcpData(self.data_segments));
                }
            }
        } else if packet.udp().is_some() {
            self.datagrams += 1;
            identities.push(Selector::Datagram(self.datagrams));
        }
        identities
    }
}

/// A frame waiting in one way's queue.
struct Pending {
    release_at: Instant,
    frame: Vec<u8>,
}

/// One way's frames in flight.
#[derive(Default)]
struct Queue {
    waiting: VecDeque<Pending>,
    /// A frame kept back for a reorder, and when it goes out alone.
    held: Option<Pending>,
    /// When the last queued frame has finished "leaving" at the rate.
    busy_until: Option<Instant>,
}

/// The relay thread's state: the two ports and the plan.
struct Relay {
    /// The packet socket on the client's side, then the server's.
    ports: [OwnedFd; 2],
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    nudged: UnixStream,
}

impl Relay {
    fn run(self) -> io::Result<()> {
        let mut queues = [Queue::default(), Queue::default()];
        let mut buffer = vec![0; FRAME_BUFFER];
        while !self.stop.load(Ordering::SeqCst) {
            let now = Instant::now();
            for way in [Way::ClientToServer, Way::ServerToClient] {
                self.release_due(&mut queues[way.index()], way, now)?;
            }
            let next_due = queues
                .iter()
                .flat_map(|queue| {
                    queue
                        .waiting
                        .front()
                        .map(|pending| pending.release_at)
                        .into_iter()
                        .chain(queue.held.as_ref().map(|held| held.release_at))
                })
                .min();
            let wait = next_due.map_or(IDLE_WAKEUP, |due| {
                due.saturating_duration_since(now).min(IDLE_WAKEUP)
            });
            let [client_ready, server_ready] = self.wait(wait)?;
            for (ready, way) in [
                (client_ready, Way::ClientToServer),
                (server_ready, Way::ServerToClient),
            ] {
                if ready {
                    self.read_all(way, &mut queues[way.index()], &mut buffer)?;
                }
            }
        }
        Ok(())
    }

    /// Polls both ports and the stop nudge for at most `timeout`; says
    /// which ports have frames.
    fn wait(&self, timeout: Duration) -> io::Result<[bool; 2]> {
        let timeout = Timespec::try_from(timeout)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "timeout too long"))?;
        let mut fds = [
            PollFd::new(&self.ports[0], PollFlags::IN),
            PollFd::new(&self.ports[1], PollFlags::IN),
            PollFd::new(&self.nudged, PollFlags::IN),
        ];
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(_) => Ok([!fds[0].revents().is_empty(), !fds[1].revents().is_empty()]),
            Err(rustix::io::Errno::INTR) => Ok([false, false]),
            Err(error) => Err(error.into()),
        }
    }

    /// Reads every frame queued on the port `way` starts from, and queues
    /// each (or not) as the plan says.
    fn read_all(&self, way: Way, queue: &mut Queue, buffer: &mut [u8]) -> io::Result<()> {
        loop {
            let length = match rustix::net::recv(
                &self.ports[way.index()],
                &mut *buffer,
                RecvFlags::DONTWAIT | RecvFlags::TRUNC,
            ) {
                Ok((_, length)) => length,
                Err(rustix::io::Errno::AGAIN | rustix::io::Errno::INTR) => return Ok(()),
                // The port went down (the link is being deleted).
                Err(rustix::io::Errno::NETDOWN) => return Ok(()),
                Err(error) => return Err(error.into()),
            };
            if length > buffer.len() {
                continue;
            }
            let frame = buffer[..length].to_vec();
            let now = Instant::now();
            let packet = Packet::decode(&Frame {
                timestamp: Duration::ZERO,
                direction: Direction::Incoming,
                interface_index: 0,
                original_length: frame.len(),
                bytes: frame.clone(),
            });
            let (fault, impairments) = {
                let mut shared = lock(&self.shared);
                (shared.fault_for(way, &packet), shared.impairments.clone())
            };
            match fault {
                Some(Fault::Drop(_)) => {}
                Some(Fault::Duplicate(_)) => {
                    queue.push(frame.clone(), now, &impairments);
                    queue.push(frame, now, &impairments);
                }
                Some(Fault::Reorder(_)) => {
                    queue.held = Some(Pending {
                        release_at: now + REORDER_HOLD_LIMIT,
                        frame,
                    });
                }
                None => {
                    queue.push(frame, now, &impairments);
                    if let Some(held) = queue.held.take() {
                        queue.push(held.frame, now, &impairments);
                    }
                }
            }
        }
    }

    /// Writes every frame of `queue` that is due, on the port facing the
    /// other end.
    fn release_due(&self, queue: &mut Queue, way: Way, now: Instant) -> io::Result<()> {
        let out = &self.ports[1 - way.index()];
        if let Some(held) = queue.held.take_if(|held| held.release_at <= now) {
            queue.waiting.push_back(Pending {
                release_at: now,
                frame: held.frame,
            });
        }
        while queue
            .waiting
            .front()
            .is_some_and(|pending| pending.release_at <= now)
        {
            if let Some(pending) = queue.waiting.pop_front() {
                send_frame(out, &pending.frame)?;
            }
        }
        Ok(())
    }
}

impl Queue {
    /// Queues `frame`, arrived at `now`: it leaves once the rate lets it
    /// and the delay has passed.
    fn push(&mut self, frame: Vec<u8>, now: Instant, impairments: &Impairments) {
        if self.waiting.len() >= QUEUE_LIMIT {
            return;
        }
        let start = self.busy_until.map_or(now, |busy| busy.max(now));
        let sent = match impairments.rate_bytes_per_second {
            Some(rate) if rate > 0 => {
                let nanos = (frame.len() as u128 * 1_000_000_000) / u128::from(rate);
                start + Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
            }
            _ => start,
        };
        self.busy_until = Some(sent);
        self.waiting.push_back(Pending {
            release_at: sent + impairments.delay_each_way,
            frame,
        });
    }
}

/// Writes one frame on a port, waiting at most [`SEND_TIMEOUT`] for room.
/// A frame that still finds no room is dropped, as a full device queue
/// would drop it: the relay carries on (a stopped relay would cut the
/// link), and the lab's checks see the loss.
fn send_frame(port: &OwnedFd, frame: &[u8]) -> io::Result<()> {
    let deadline = Instant::now() + SEND_TIMEOUT;
    loop {
        match rustix::net::send(port, frame, SendFlags::DONTWAIT) {
            Ok(_) => return Ok(()),
            Err(rustix::io::Errno::INTR) => {}
            Err(rustix::io::Errno::AGAIN | rustix::io::Errno::NOBUFS)
                if Instant::now() < deadline =>
            {
                let mut fds = [PollFd::new(port, PollFlags::OUT)];
                let timeout = Timespec::try_from(Duration::from_millis(1))
                    .map_err(|_| io::Error::other("timeout"))?;
                let _ = rustix::event::poll(&mut fds, Some(&timeout));
            }
            Err(rustix::io::Errno::AGAIN | rustix::io::Errno::NOBUFS) => return Ok(()),
            // The link is being deleted.
            Err(rustix::io::Errno::NETDOWN | rustix::io::Errno::NXIO) => return Ok(()),
            Err(error) => return Err(error.into()),
        }
    }
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    fn decoded(bytes: Vec<u8>) -> Packet {
        Packet::decode(&Frame {
            timestamp: Duration::ZERO,
            direction: Direction::Incoming,
            interface_index: 0,
            original_length: bytes.len(),
            bytes,
        })
    }

    fn ipv4() -> etherparse::PacketBuilderStep<etherparse::IpHeaders> {
        PacketBuilder::ethernet2([2; 6], [4; 6]).ipv4(
            CLIENT_ADDRESS.octets(),
            SERVER_ADDRESS.octets(),
            64,
        )
    }

    fn tcp(sequence: u32, payload_length: usize, syn: bool) -> Packet {
        let builder = ipv4().tcp(40_000, 80, sequence, 64_240);
        let builder = if syn { builder.syn() } else { builder.ack(1) };
        let mut bytes = Vec::new();
        builder
            .write(&mut bytes, &vec![b'x'; payload_length])
            .expect("a TCP frame");
        decoded(bytes)
    }

    fn udp() -> Packet {
        let mut bytes = Vec::new();
        ipv4()
            .udp(40_000, 53)
            .write(&mut bytes, b"d")
            .expect("a UDP frame");
        decoded(bytes)
    }

    #[test]
    fn a_data_fault_hits_the_first_transmission_of_its_segment_only() {
        let drop_second = Fault::Drop(Selector::TcpData(2));
        let mut shared = Shared::new(Impairments::none().with(Way::ClientToServer, drop_second));
        let way = Way::ClientToServer;
        assert_eq!(shared.fault_for(way, &tcp(0, 0, true)), None);
        assert_eq!(shared.fault_for(way, &tcp(1, 100, false)), None);
        assert_eq!(
            shared.fault_for(way, &tcp(101, 100, false)),
            Some(drop_second)
        );
        // The retransmission of the same bytes, and the next segment.
        assert_eq!(shared.fault_for(way, &tcp(101, 100, false)), None);
        assert_eq!(shared.fault_for(way, &tcp(201, 100, false)), None);
        // The other way counts for itself.
        assert_eq!(
            shared.fault_for(Way::ServerToClient, &tcp(101, 100, false)),
            None
        );
    }

    #[test]
    fn the_syn_fault_hits_the_first_syn_once() {
        let drop_syn = Fault::Drop(Selector::Syn);
        let mut shared = Shared::new(Impairments::none().with(Way::ClientToServer, drop_syn));
        assert_eq!(
            shared.fault_for(Way::ClientToServer, &tcp(0, 0, true)),
            Some(drop_syn)
        );
        assert_eq!(
            shared.fault_for(Way::ClientToServer, &tcp(0, 0, true)),
            None
        );
    }

    #[test]
    fn datagrams_are_counted_from_one_and_each_fault_fires_once() {
        let swap_second = Fault::Reorder(Selector::Datagram(2));
        let copy_third = Fault::Duplicate(Selector::Datagram(3));
        let mut shared = Shared::new(
            Impairments::none()
                .with(Way::ServerToClient, swap_second)
                .with(Way::ServerToClient, copy_third),
        );
        let way = Way::ServerToClient;
        let faults: Vec<Option<Fault>> = (0..4).map(|_| shared.fault_for(way, &udp())).collect();
        assert_eq!(faults, [None, Some(swap_second), Some(copy_third), None]);
    }

    #[test]
    fn a_rate_spaces_frames_and_a_delay_shifts_them() {
        let impairments = Impairments::none()
            .delayed(Duration::from_millis(5))
            .rate_limited(1000);
        let mut queue = Queue::default();
        let now = Instant::now();
        queue.push(vec![0; 100], now, &impairments);
        queue.push(vec![0; 100], now, &impairments);
        let releases: Vec<Duration> = queue
            .waiting
            .iter()
            .map(|pending| pending.release_at - now)
            .collect();
        // 100 bytes at 1000 bytes/s: 100 ms each, then 5 ms of delay.
        assert_eq!(
            releases,
            [Duration::from_millis(105), Duration::from_millis(205)]
        );
    }
}
