//! Lab 10: splitting (拆包): one write, many segments.
//!
//! **MTU and MSS.** The MTU (maximum transmission unit) belongs to a link:
//! the largest IP packet it carries in one frame, 1500 bytes on Ethernet,
//! 65536 on loopback. The MSS (maximum segment size) belongs to a TCP
//! connection: the most payload bytes one segment carries. Each end works
//! out the MSS it can receive from its MTU, MTU - 20 (IP header) - 20 (TCP
//! header), and announces it in its SYN, the MSS option (tcp(7)
//! TCP_MAXSEG, set before connect, lowers it). The sender uses the smaller
//! of the two, less the option bytes every segment carries: with
//! net.ipv4.tcp_timestamps on, the timestamps option takes 12 bytes of each
//! segment. So one large send leaves as ceil(length / MSS) segments, and a
//! receiver that reads while they arrive may get the message in pieces: the
//! other half of the course's sticky-packet story.
//!
//! **On loopback** a default connection's MSS is huge and a 10 000-byte
//! write is ONE segment. The lab sets TCP_MAXSEG to 536 on the client
//! before connect (after connect it would not change what the SYN
//! announced) and counts the segments of the same write with TCP_INFO,
//! `tcpi_data_segs_out` at the sender and `tcpi_data_segs_in` at the
//! receiver, and on the wire.
//!
//! **TSO and GSO.** TCP does not cut a large write itself: it hands the
//! device one super-segment of up to 64 KiB marked "cut me into segments of
//! MSS bytes". With TCP segmentation offload (TSO) the network card's
//! hardware does the cutting; generic segmentation offload (GSO) is the
//! same cut done in software, just before the driver, for a device that
//! cannot. A capture (a packet socket) sees frames as the device receives
//! them, before any card has cut them. Loopback has TSO on and cuts
//! nothing, ever: there is no wire, and the receiver takes each
//! super-segment whole, counting the segments it stands for. So on `lo`
//! the 20 segments of 524 bytes show as a few frames whose sizes are whole
//! multiples of 524, and the lab checks them that way: cut at 524-byte
//! boundaries, 20 segments in all (as TCP_INFO counts), fewer frames than
//! segments. A network card would have put the 20 segments on the wire.
//!
//! **On an Ethernet link.** The lab then makes one: a veth pair (veth(4))
//! of MTU 1500 between its network namespace and a second one
//! ([`VethLink`]), the server living in the second. socklab turns TSO off
//! on both ends, so the kernel cuts every super-segment in software before
//! the capture sees it: the capture shows what an Ethernet wire would
//! carry. Both SYNs announce MSS 1460 (1500 - 40), `tcpi_snd_mss` is 1448
//! (1460 - 12), and the 10 000 bytes cross as 7 segments, 6 × 1448 + 1312.
//!
//! **UDP, fragments and DF.** UDP has no MSS: a datagram is one IP packet
//! whatever its size. If the packet is larger than the MTU, IP cuts it into
//! fragments (RFC 791): pieces of the datagram sharing one identification,
//! each at an offset counted in 8-byte units; the UDP header travels in the
//! first only, and the receiver's IP reassembles the datagram before
//! recvfrom sees it (one lost fragment loses the whole datagram). Don't
//! Fragment (DF; IP_MTU_DISCOVER = IP_PMTUDISC_DO, ip(7)) forbids the cut:
//! send refuses a datagram larger than the path MTU with EMSGSIZE, and
//! nothing leaves. Ethernet's 1500 bytes leave 1472 of UDP payload
//! (1500 - 20 IP - 8 UDP). Over the link, 1472 bytes cross in one packet;
//! 1473 with DF are refused; 1473 without DF cross as two fragments, 1480
//! bytes at offset 0 (the UDP header and 1472 bytes) and 1 byte at offset
//! 1480. On loopback (MTU 65536) both cross whole.
//!
//! The link exists only inside socklab's private network: on the host
//! network (`--host-network`), or where the kernel refuses a second
//! namespace or a veth pair, its checks are skipped with the reason.
//! Nothing outlives the lab: dropping the [`VethLink`] deletes the pair,
//! and the second namespace goes with it.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use socket2::{Domain, Protocol, Socket, Type};

use crate::environment::read_kernel_value;
use crate::expect::{self, Observable};
use crate::lab::{Lab, LabError, Network, RunOptions, Step};
use crate::narration;
use crate::net::{self, Unavailable, tcp_info};
use crate::report::CheckResult;
use crate::sandbox::{VethLink, VethPlan};
use crate::wire::packet::{Fragment, UdpDatagram};
use crate::wire::{Packets, Side, Transport, Wire};

pub const LAB: Lab = Lab {
    number: 10,
    slug: "segmentation",
    title: "Splitting (拆包): MSS, segments and the MTU",
    shows: "splitting (拆包): one 10 000-byte write leaves as ceil(10000/MSS) segments; UDP, DF and fragments",
    summary: "With TCP_MAXSEG 536 and timestamps on, one 10 000-byte send leaves as 20 segments of\n\
              at most 524 bytes (536 minus 12 bytes of options); a default loopback connection sends one.\n\
              Over an Ethernet link (MTU 1500): MSS 1460, 7 segments of at most 1448, and UDP fragments.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/10-segmentation/README.md"),
    sheet_zh_cn: include_str!("../../labs/10-segmentation/README.zh-CN.md"),
    experiment: run,
};

/// The one write the lab splits: 10 000 bytes in a single send.
const WRITE_LEN: usize = 10_000;

/// Receive buffer for the reader's single recv: more than [`WRITE_LEN`].
const RECV_BUFFER: usize = 65_536;

/// TCP_MAXSEG for the small-MSS connection: 536, the MSS every IPv4 host
/// must accept (RFC 9293, 3.7.1), and the classic "safe" MSS.
const SMALL_MSS: u32 = 536;

/// Where Linux shows net.ipv4.tcp_timestamps (tcp(7)). Both ends of a
/// loopback connection share it, so it decides whether they agree on the
/// timestamps option.
const TIMESTAMPS_SYSCTL: &str = "/proc/sys/net/ipv4/tcp_timestamps";

/// Where Linux shows the loopback interface's MTU. sysfs shows the devices
/// of the network namespace it was mounted in, which is this process's
/// namespace on any ordinary system; IP_MTU below asks the socket's own.
const LO_MTU_PATH: &str = "/sys/class/net/lo/mtu";

/// Loopback's MTU on Linux (drivers/net/loopback.c: 64 KiB).
const LO_MTU: u32 = 65_536;

/// What IP_MTU reports for a loopback route: the device's 65536 capped at
/// 65535, the largest IPv4 packet (the total-length field is 16 bits;
/// IP_MAX_MTU in the kernel). The MSS arithmetic starts from this number.
const LO_PATH_MTU: u32 = 65_535;

/// Ethernet's MTU, the MTU of the lab's veth link.
const ETHERNET_MTU: u32 = 1_500;

/// The IPv4 header without options, and the TCP and UDP headers.
const IP_HEADER: usize = 20;
const TCP_HEADER: usize = 20;
const UDP_HEADER: usize = 8;

/// The MSS an Ethernet host announces in its SYN: 1500 - 20 - 20.
const ETHERNET_MSS: usize = ETHERNET_MTU as usize - IP_HEADER - TCP_HEADER;

/// Ethernet's MTU, 1500, less 20 bytes of IPv4 header and 8 of UDP header:
/// the largest datagram Ethernet carries in one unfragmented packet.
const ETHERNET_UDP_MAX: usize = ETHERNET_MTU as usize - IP_HEADER - UDP_HEADER;

/// The IP payload of a full fragment on Ethernet: 1500 - 20 = 1480, a
/// multiple of 8 as every fragment but the last must be (offsets are
/// counted in 8-byte units).
const ETHERNET_FRAGMENT: usize = ETHERNET_MTU as usize - IP_HEADER;

/// The MSS figures, worked out by hand for one value of tcp_timestamps.
struct MssFigures {
    /// The sysctl value, shown in skip reasons and check names.
    timestamps: &'static str,
    /// tcpi_snd_mss on both ends after TCP_MAXSEG 536 on the client.
    small_snd_mss: u32,
    /// Data segments for one 10 000-byte write at that MSS.
    small_segments: u32,
    /// tcpi_advmss of a default loopback connection.
    default_advmss: u32,
    /// tcpi_snd_mss of a default loopback connection before it sends.
    default_snd_mss: u32,
    /// tcpi_snd_mss across the Ethernet link.
    ethernet_snd_mss: u32,
    /// Data segments for one 10 000-byte write across it.
    ethernet_segments: u32,
}

/// tcp_timestamps = 1 (or 2): both ends agree on timestamps, and every
/// segment carries the option, 10 bytes padded to 12.
/// - TCP_MAXSEG 536 → 536 - 12 = 524 payload bytes per segment;
///   10 000 / 524 = 19.08 → 20 segments (19 × 524 = 9956, the last 44).
/// - Default: loopback's MTU is 65536 but an IPv4 packet is at most 65535
///   bytes, so the SYN announces 65535 - 20 (IP) - 20 (TCP) = 65495, and
///   65495 - 12 = 65483 is left per segment.
/// - The sender also never makes a segment larger than half the biggest
///   window the peer has offered (tcp_bound_to_half_wnd in the kernel). The
///   server's SYN-ACK offers 65535 (the most an unscaled window can say;
///   the default net.ipv4.tcp_rmem, 131072 bytes, would allow more),
///   rounded down to whole segments: 65483. Half of it: 32741. After data
///   has flowed the window grows and so does tcpi_snd_mss, so the lab reads
///   it before the write.
/// - Ethernet: 1460 - 12 = 1448; 10 000 / 1448 = 6.9 → 7 segments
///   (6 × 1448 = 8688, the last 1312). Half the first window is far above
///   1448, so the window does not lower it.
const WITH_TIMESTAMPS: MssFigures = MssFigures {
    timestamps: "on",
    small_snd_mss: 524,
    small_segments: 20,
    default_advmss: 65_483,
    default_snd_mss: 32_741,
    ethernet_snd_mss: 1_448,
    ethernet_segments: 7,
};

/// tcp_timestamps = 0: no options after the handshake.
/// - 536 bytes per segment; 10 000 / 536 = 18.66 → 19 segments
///   (18 × 536 = 9648, the last 352).
/// - Default: 65495 per segment; first window 65495, half of it 32747.
/// - Ethernet: 1460 per segment; 10 000 / 1460 = 6.8 → 7 segments
///   (6 × 1460 = 8760, the last 1240).
const WITHOUT_TIMESTAMPS: MssFigures = MssFigures {
    timestamps: "off",
    small_snd_mss: 536,
    small_segments: 19,
    default_advmss: 65_495,
    default_snd_mss: 32_747,
    ethernet_snd_mss: 1_460,
    ethernet_segments: 7,
};

/// Why the figures for this machine's tcp_timestamps are unknown: the
/// reason the checks that depend on it are skipped.
#[derive(Debug, thiserror::Error)]
enum TimestampsUnknown {
    /// A value the kernel may add one day, with figures nobody worked out.
    #[error("tcp_timestamps={value} is not a known value")]
    UnknownValue { value: String },
    /// No /proc/sys (some containers), or no permission to read it.
    #[error("{TIMESTAMPS_SYSCTL} is unreadable")]
    Unreadable { source: io::Error },
}

/// The figures for this machine's tcp_timestamps, or why they are unknown.
type Figures = Result<&'static MssFigures, TimestampsUnknown>;

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let figures = match read_kernel_value(TIMESTAMPS_SYSCTL) {
        Ok(value) => match value.as_str() {
            "0" => Ok(&WITHOUT_TIMESTAMPS),
            "1" | "2" => Ok(&WITH_TIMESTAMPS),
            _ => Err(TimestampsUnknown::UnknownValue { value }),
        },
        Err(source) => Err(TimestampsUnknown::Unreadable { source }),
    };
    let mut checks = small_mss_write(&figures, &options.wire)?;
    checks.extend(default_mss_write(&figures, &options.wire)?);
    checks.extend(udp_and_the_mtu(&options.wire)?);
    checks.extend(ethernet_link(&figures, options)?);
    Ok(checks)
}

/// What the kernel reported for one 10 000-byte write on a fresh connection.
struct WriteObservation {
    /// The client's address and the server's: the connection on the wire.
    client: SocketAddr,
    server: SocketAddr,
    client_snd_mss: u32,
    server_snd_mss: u32,
    client_advmss: u32,
    /// New data segments the client sent for the write.
    segments_out: u32,
    /// Data segments the server received for it.
    segments_in: u32,
    /// What one recv(65536) returned once all 10 000 bytes were queued.
    one_recv: usize,
}

/// Connects a fresh client to `listener` (at `address`), with TCP_MAXSEG
/// `mss` if given, reads the MSS the two ends settled on, then sends 10 000
/// bytes in one write and counts the segments on both sides once the
/// receiver has them all and the sender has had them all acknowledged.
fn one_write(
    listener: &Socket,
    address: SocketAddr,
    mss: Option<u32>,
) -> Result<WriteObservation, LabError> {
    let client = net::tcp_socket().step("creating the client")?;
    if let Some(mss) = mss {
        // TCP_MAXSEG (tcp(7)) before connect: the SYN announces it, so it
        // limits the server's segments as well as the client's own.
        client
            .set_tcp_mss(mss)
            .step("setting TCP_MAXSEG before connect")?;
    }
    client
        .connect_timeout(&address.into(), net::IO_TIMEOUT)
        .step("connecting")?;
    let server = net::tcp_accept(listener).step("accepting")?;
    let client_address = net::local_addr(&client).step("reading the client's address")?;

    let client_before = tcp_info(&client).step("reading the client's TCP_INFO")?;
    let server_before = tcp_info(&server).step("reading the server's TCP_INFO")?;

    net::send_all(&client, &[b'x'; WRITE_LEN]).step("sending 10 000 bytes in one write")?;
    net::wait_for_queued(&server, WRITE_LEN).step("waiting for all 10 000 bytes")?;
    // Once every segment is acknowledged nothing is in flight: no
    // retransmission can add to the counters any more, and the capture
    // holds every segment the write made.
    net::wait_until("the client's 10 000 bytes to be acknowledged", || {
        Ok(tcp_info(&client)?.unacked == 0)
    })
    .step("waiting for the acknowledgment of the 10 000 bytes")?;
    let server_after = tcp_info(&server).step("reading the server's TCP_INFO again")?;
    let client_after = tcp_info(&client).step("reading the client's TCP_INFO again")?;
    let one_recv = net::recv_once(&server, RECV_BUFFER)
        .step("recv(65536) of the 10 000 bytes")?
        .len();

    Ok(WriteObservation {
        client: client_address,
        server: address,
        client_snd_mss: client_before.snd_mss,
        server_snd_mss: server_before.snd_mss,
        client_advmss: client_before.advmss,
        segments_out: client_after.new_data_segments() - client_before.new_data_segments(),
        segments_in: server_after.data_segs_in - server_before.data_segs_in,
        one_recv,
    })
}

/// A check whose expected value depends on tcp_timestamps, made by `check`
/// from the figures, or a skipped one when the sysctl could not be read.
fn with_figures(
    figures: &Figures,
    id: &str,
    name: &str,
    check: impl FnOnce(&MssFigures) -> CheckResult,
) -> CheckResult {
    match figures {
        Ok(figures) => check(figures),
        Err(reason) => expect::skipped(id, name, "depends on tcp_timestamps", &reason.to_string()),
    }
}

/// An exact check whose expected value depends on tcp_timestamps, or a
/// skipped one when the sysctl could not be read.
fn per_timestamps(
    figures: &Figures,
    id: &str,
    name: &str,
    expected: impl Fn(&MssFigures) -> u32,
    observed: u32,
) -> CheckResult {
    with_figures(figures, id, name, |figures| {
        expect::exact(id, name, expected(figures), observed)
    })
}

/// The payload sizes of the data segments the client of `seen` sent with
/// NEW data, in order, as captured. A retransmission repeats bytes already
/// sent and is left out, as TCP_INFO's count of new data segments leaves it
/// out (`tcpi_data_segs_out - tcpi_total_retrans`).
fn new_data_sizes(packets: &Packets, seen: &WriteObservation) -> Vec<usize> {
    let connection = packets.tcp(seen.client, seen.server);
    let mut sent_up_to = 0;
    connection
        .data_segments(&packets.packets, Side::Client)
        .iter()
        .filter_map(|data| {
            let length = data.segment.payload.length;
            let end = data.relative_sequence as usize + length;
            (end > sent_up_to).then(|| {
                sent_up_to = end;
                length
            })
        })
        .collect()
}

/// Sizes with runs of equal ones grouped: "6 × 1448, 1312".
fn grouped(sizes: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &size in sizes {
        match runs.last_mut() {
            Some((last, count)) if *last == size => *count += 1,
            _ => runs.push((size, 1)),
        }
    }
    if runs.is_empty() {
        return "none".to_string();
    }
    runs.iter()
        .map(|&(size, count)| match count {
            1 => size.to_string(),
            _ => format!("{count} × {size}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sizes of `frames` in segments of `mss` bytes: "19 × 524 + 44" when
/// every frame is a whole number of segments but the one that ends with the
/// 44-byte tail. A frame cut elsewhere shows its remainder in place
/// ("5 × 524 + 100, 14 × 524 + 44").
fn in_segments(frames: &[usize], mss: usize) -> String {
    let mss = mss.max(1);
    let mut pieces = Vec::new();
    let mut whole = 0;
    for &frame in frames {
        whole += frame / mss;
        if frame % mss != 0 {
            pieces.push(format!("{whole} × {mss} + {}", frame % mss));
            whole = 0;
        }
    }
    if whole > 0 || pieces.is_empty() {
        pieces.push(format!("{whole} × {mss}"));
    }
    pieces.join(", ")
}

/// How many segments of `mss` bytes `frames` stand for: what the receiver
/// counts for each super-segment (its GSO segment count).
fn segments_in(frames: &[usize], mss: usize) -> usize {
    let mss = mss.max(1);
    frames.iter().map(|frame| frame.div_ceil(mss)).sum()
}

/// A threshold check of a count seen on the wire, skipped like
/// [`expect::on_wire`] when nothing was captured or frames were lost.
fn below_on_wire(
    id: &str,
    name: &str,
    limit: u64,
    wire: &Result<Packets, Unavailable>,
    observe: impl FnOnce(&Packets) -> u64,
) -> CheckResult {
    let check = |frames| {
        expect::below(
            id,
            name,
            expect::count_limit(limit, "frames"),
            expect::count(frames, "frames"),
        )
    };
    match wire {
        Err(unavailable) => expect::skip(check(0), &unavailable.why),
        Ok(packets) => match packets.incomplete() {
            Some(reason) => expect::skip(check(0), &reason),
            None => check(observe(packets)),
        },
    }
}

/// TCP_MAXSEG 536: the write leaves in 524-byte segments (536 without
/// timestamps), and the receiver gets them as separate segments, but one
/// late recv still returns all 10 000 bytes: the stream hides the pieces.
/// On the wire loopback shows its super-segments, each a whole number of
/// 524-byte segments.
fn small_mss_write(figures: &Figures, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "One 10 000-byte send on a connection with TCP_MAXSEG 536.",
        "the MSS the kernel uses and the number of segments (拆包).",
    );
    let (listener, address) = net::tcp_listener(false).step("listening")?;
    let seen = one_write(&listener, address, Some(SMALL_MSS))?;
    let packets = wire.packets();
    let suffix = match figures {
        Ok(figures) => format!(" (timestamps {})", figures.timestamps),
        Err(_) => String::new(),
    };
    let unit = seen.client_snd_mss as usize;
    let cut_name = "  on the wire: the frames, in segments of tcpi_snd_mss";
    let frames_name = "  on the wire: frames (loopback's super-segments)";
    Ok(vec![
        per_timestamps(
            figures,
            "small-client-snd-mss",
            &format!("TCP_MAXSEG 536: client tcpi_snd_mss{suffix}"),
            |f| f.small_snd_mss,
            seen.client_snd_mss,
        ),
        per_timestamps(
            figures,
            "small-server-snd-mss",
            "  server tcpi_snd_mss (from the client's SYN)",
            |f| f.small_snd_mss,
            seen.server_snd_mss,
        ),
        per_timestamps(
            figures,
            "small-segments-out",
            "  one 10 000-byte send: data segments out",
            |f| f.small_segments,
            seen.segments_out,
        ),
        per_timestamps(
            figures,
            "small-segments-in",
            "  receiver: data segments in",
            |f| f.small_segments,
            seen.segments_in,
        ),
        // 19 × 524 + 44: every byte of the write, cut at the MSS.
        with_figures(figures, "wire-small-cut", cut_name, |f| {
            let mss = f.small_snd_mss as usize;
            let expected = in_segments(&[WRITE_LEN], mss);
            expect::on_wire("wire-small-cut", cut_name, expected, &packets, |packets| {
                in_segments(&new_data_sizes(packets, &seen), unit)
            })
        }),
        expect::on_wire(
            "wire-small-tcp-info",
            "  on the wire: segments those frames stand for = TCP_INFO",
            seen.segments_out as usize,
            &packets,
            |packets| segments_in(&new_data_sizes(packets, &seen), unit),
        ),
        with_figures(figures, "wire-small-frames", frames_name, |f| {
            below_on_wire(
                "wire-small-frames",
                frames_name,
                u64::from(f.small_segments),
                &packets,
                |packets| new_data_sizes(packets, &seen).len() as u64,
            )
        }),
        expect::exact(
            "small-one-recv",
            "  receiver's recv(65536) once all are queued",
            format!("{WRITE_LEN} bytes"),
            format!("{} bytes", seen.one_recv),
        ),
    ])
}

/// The same write on a default loopback connection: the MSS is so large
/// that 10 000 bytes fit in one segment, and the wire shows exactly that.
fn default_mss_write(figures: &Figures, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same send on a default loopback connection.",
        "one segment: loopback's MTU is 65536.",
    );
    let (listener, address) = net::tcp_listener(false).step("listening")?;
    let seen = one_write(&listener, address, None)?;
    let packets = wire.packets();
    Ok(vec![
        per_timestamps(
            figures,
            "default-advmss",
            "default loopback connection: tcpi_advmss",
            |f| f.default_advmss,
            seen.client_advmss,
        ),
        per_timestamps(
            figures,
            "default-snd-mss",
            "  tcpi_snd_mss (half the peer's first window)",
            |f| f.default_snd_mss,
            seen.client_snd_mss,
        ),
        expect::exact(
            "default-segments-out",
            "  the same send: data segments out",
            1,
            seen.segments_out,
        ),
        expect::on_wire(
            "wire-default-segments",
            "  on the wire: the client's data segments (bytes)",
            grouped(&[WRITE_LEN]),
            &packets,
            |packets| grouped(&new_data_sizes(packets, &seen)),
        ),
        expect::on_wire(
            "wire-default-tcp-info",
            "  on the wire: data segments = TCP_INFO",
            seen.segments_out as usize,
            &packets,
            |packets| new_data_sizes(packets, &seen).len(),
        ),
    ])
}

/// The UDP datagrams `from` sent to `to`, as captured, in order: each
/// packet that starts one (the whole datagram, or its first fragment: the
/// one with the UDP header and its ports), with its fragmentation fields
/// when IP cut it.
fn datagrams_sent(
    packets: &Packets,
    from: SocketAddr,
    to: SocketAddr,
) -> Vec<(&UdpDatagram, Option<Fragment>)> {
    packets
        .packets
        .iter()
        .filter(|packet| packet.source() == Some(from) && packet.destination() == Some(to))
        .filter_map(|packet| Some((packet.udp()?, packet.ip?.fragment)))
        .collect()
}

/// The fragments of the datagram whose first fragment is `first`, in order:
/// (offset, IP payload bytes). They are known by what the receiver's IP
/// reassembles them by: the addresses and the identification.
fn fragments_of(packets: &Packets, from: IpAddr, to: IpAddr, first: Fragment) -> Vec<(u32, usize)> {
    packets
        .packets
        .iter()
        .filter_map(|packet| {
            let ip = packet.ip?;
            let fragment = ip.fragment?;
            let mine = ip.source == from
                && ip.destination == to
                && fragment.identification == first.identification;
            let bytes = match &packet.transport {
                Transport::Udp(datagram) => UDP_HEADER + datagram.payload.length,
                Transport::LaterFragment { payload } => payload.length,
                _ => return None,
            };
            mine.then_some((fragment.offset, bytes))
        })
        .collect()
}

/// Every fragment of the datagrams `from` sent to `to`: (offset, bytes).
fn fragments_sent(packets: &Packets, from: SocketAddr, to: SocketAddr) -> Vec<(u32, usize)> {
    datagrams_sent(packets, from, to)
        .into_iter()
        .filter_map(|(_, fragment)| fragment)
        .flat_map(|first| fragments_of(packets, from.ip(), to.ip(), first))
        .collect()
}

/// What crossed from `from` to `to`, one entry per UDP datagram: its size
/// (the UDP length field counts the whole datagram, even in a first
/// fragment), and "in N fragments" when IP cut it.
fn datagrams_crossed(packets: &Packets, from: SocketAddr, to: SocketAddr) -> String {
    listed(
        datagrams_sent(packets, from, to)
            .into_iter()
            .map(|(datagram, fragment)| {
                let size = usize::from(datagram.length).saturating_sub(UDP_HEADER);
                match fragment {
                    None => size.to_string(),
                    Some(first) => format!(
                        "{size} in {} fragments",
                        fragments_of(packets, from.ip(), to.ip(), first).len()
                    ),
                }
            }),
    )
}

/// "0, 1480": numbers as a table shows them.
fn listed<T: ToString>(values: impl IntoIterator<Item = T>) -> String {
    let shown: Vec<String> = values.into_iter().map(|value| value.to_string()).collect();
    if shown.is_empty() {
        "none".to_string()
    } else {
        shown.join(", ")
    }
}

/// Loopback's MTU as the kernel reports it, and two datagrams around the
/// Ethernet limit sent with Don't Fragment.
fn udp_and_the_mtu(wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "UDP datagrams of 1472 and 1473 bytes with Don't Fragment set.",
        "both arrive whole on loopback; on Ethernet the second would not.",
    );
    let mtu_check = match read_kernel_value(LO_MTU_PATH) {
        Ok(text) => expect::exact(
            "lo-mtu",
            "loopback MTU (/sys/class/net/lo/mtu)",
            LO_MTU.to_string(),
            text,
        ),
        Err(_) => expect::skipped(
            "lo-mtu",
            "loopback MTU (/sys/class/net/lo/mtu)",
            LO_MTU,
            "/sys/class/net/lo/mtu is unreadable",
        ),
    };

    let (receiver, receiver_addr) = net::udp_socket().step("binding the UDP receiver")?;
    let (sender, sender_addr) = net::udp_socket().step("binding the UDP sender")?;
    sender
        .connect(&receiver_addr.into())
        .step("connecting the UDP sender")?;
    let path_mtu = net::path_mtu(&sender).step("reading IP_MTU")?;
    // IP_MTU_DISCOVER = IP_PMTUDISC_DO (ip(7)): Don't Fragment on every
    // packet, so a datagram larger than the path MTU fails with EMSGSIZE
    // instead of being cut into IP fragments.
    net::set_dont_fragment(&sender).step("setting IP_PMTUDISC_DO")?;

    let mut checks = vec![
        mtu_check,
        expect::exact(
            "udp-ip-mtu",
            "  IP_MTU of a connected UDP socket (IPv4 max)",
            LO_PATH_MTU,
            path_mtu,
        ),
    ];
    for (length, id, name) in [
        (
            ETHERNET_UDP_MAX,
            "udp-df-1472",
            "UDP 1472 bytes (Ethernet's max), DF set",
        ),
        (
            ETHERNET_UDP_MAX + 1,
            "udp-df-1473",
            "UDP 1473 bytes (EMSGSIZE on Ethernet), DF set",
        ),
    ] {
        checks.push(expect::exact(
            id,
            name,
            format!("{length} bytes in one recv"),
            send_datagram(&sender, &receiver, length)?,
        ));
    }
    // Loopback's MTU holds both in one packet: no fragments.
    checks.push(expect::on_wire(
        "wire-udp-df",
        "  on the wire: both datagrams (bytes)",
        listed([ETHERNET_UDP_MAX, ETHERNET_UDP_MAX + 1]),
        &wire.packets(),
        |packets| datagrams_crossed(packets, sender_addr, receiver_addr),
    ));
    Ok(checks)
}

/// Sends one datagram of `length` bytes and says how it arrived, or the
/// errno if the send failed.
fn send_datagram(sender: &Socket, receiver: &Socket, length: usize) -> Result<String, LabError> {
    let sent = net::send_once(sender, &vec![b'u'; length]);
    if sent.is_err() {
        return Ok(net::outcome(&sent));
    }
    let received = net::recv_once(receiver, RECV_BUFFER).step("receiving the datagram")?;
    Ok(format!("{} bytes in one recv", received.len()))
}

/// A TCP listener on `address` and a kernel-chosen port.
fn tcp_listener_on(address: Ipv4Addr) -> io::Result<(Socket, SocketAddr)> {
    let listener = net::tcp_socket()?;
    listener.bind(&SocketAddr::from((address, 0)).into())?;
    listener.listen(16)?;
    let bound = net::local_addr(&listener)?;
    Ok((listener, bound))
}

/// A UDP socket on `address` and a kernel-chosen port, timeouts set.
fn udp_socket_on(address: Ipv4Addr) -> io::Result<(Socket, SocketAddr)> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))?;
    net::set_timeouts(&socket, net::IO_TIMEOUT)?;
    socket.bind(&SocketAddr::from((address, 0)).into())?;
    let bound = net::local_addr(&socket)?;
    Ok((socket, bound))
}

/// What the lab saw across the Ethernet link.
struct LinkObservation {
    /// The 10 000-byte write to the server in the peer namespace.
    write: WriteObservation,
    /// IP_MTU of a UDP socket connected across the link.
    ip_mtu: u32,
    /// How the 1472-byte and the 1473-byte datagrams with DF arrived.
    df_1472: String,
    df_1473: String,
    /// How the 1473-byte datagram without DF arrived.
    plain_1473: String,
    /// The two UDP senders (with and without DF) and the receiver.
    df_sender: SocketAddr,
    plain_sender: SocketAddr,
    receiver: SocketAddr,
    /// Every packet so far, the link's included, or why the link's are
    /// not captured.
    wire: Result<Packets, Unavailable>,
}

/// The link's observations, or why there is no link.
type Link = Result<LinkObservation, NoLink>;

/// Why the lab has no veth link: its checks are skipped with this.
#[derive(Debug, thiserror::Error)]
enum NoLink {
    /// On the host network the lab must not add interfaces to the host.
    #[error("no veth link ({0})")]
    HostNetwork(String),
    /// The kernel would not make the pair (no veth driver, a name taken).
    #[error("no veth link here: {0}")]
    NotMade(io::Error),
}

/// The same write and the same datagrams across a veth link with
/// Ethernet's MTU, to a peer namespace. Made only inside socklab's private
/// network: on the host it would add interfaces to the host.
fn ethernet_link(figures: &Figures, options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A veth link with Ethernet's MTU, 1500, to a second network namespace: the same send, then UDP datagrams of 1472 and 1473 bytes.",
        "MSS 1460 in the SYNs, 7 segments of at most 1448; EMSGSIZE with DF, two IP fragments without.",
    );
    let link = match &options.network {
        Network::Host { reason } => Err(NoLink::HostNetwork(reason.clone())),
        // `veth` is dropped at the end of its arm, whether `across`
        // succeeded or not: the drop deletes the pair, and the peer
        // namespace ends with it (the sockets made there are closed when
        // `across` returns).
        Network::Private => match VethLink::create(VethPlan::ethernet()) {
            Err(error) => Err(NoLink::NotMade(error)),
            Ok(veth) => Ok(across(&veth, &options.wire)?),
        },
    };
    Ok(link_checks(figures, &link))
}

/// Does the exchanges across `veth`, capturing its main end.
fn across(veth: &VethLink, wire: &Wire) -> Result<LinkObservation, LabError> {
    let plan = veth.plan();
    let capture = wire
        .add_interface(&plan.main_name)
        .map_err(|error| Unavailable {
            what: "the wire",
            why: format!("capturing on {}: {error}", plan.main_name),
        });

    // The listener is created in the peer namespace (a socket belongs to
    // the namespace it was made in); accepting on it works from here.
    let (listener, address) = veth
        .peer()
        .run(|| tcp_listener_on(plan.peer_address))
        .and_then(|bound| bound)
        .step("listening in the peer namespace")?;
    let write = one_write(&listener, address, None)?;

    let (receiver, receiver_address) = veth
        .peer()
        .run(|| udp_socket_on(plan.peer_address))
        .and_then(|bound| bound)
        .step("binding the UDP receiver in the peer namespace")?;
    let (df_sender, df_address) = udp_socket_on(plan.main_address).step("binding the DF sender")?;
    df_sender
        .connect(&receiver_address.into())
        .step("connecting the DF sender")?;
    let ip_mtu = net::path_mtu(&df_sender).step("reading IP_MTU across the link")?;
    net::set_dont_fragment(&df_sender).step("setting IP_PMTUDISC_DO")?;
    let df_1472 = send_datagram(&df_sender, &receiver, ETHERNET_UDP_MAX)?;
    let df_1473 = send_datagram(&df_sender, &receiver, ETHERNET_UDP_MAX + 1)?;

    // A new socket keeps the default, IP_PMTUDISC_WANT (ip(7)): a datagram
    // larger than the MTU is fragmented.
    let (plain_sender, plain_address) =
        udp_socket_on(plan.main_address).step("binding the sender without DF")?;
    plain_sender
        .connect(&receiver_address.into())
        .step("connecting the sender without DF")?;
    let plain_1473 = send_datagram(&plain_sender, &receiver, ETHERNET_UDP_MAX + 1)?;

    Ok(LinkObservation {
        write,
        ip_mtu,
        df_1472,
        df_1473,
        plain_1473,
        df_sender: df_address,
        plain_sender: plain_address,
        receiver: receiver_address,
        wire: capture.and_then(|()| wire.packets()),
    })
}

/// An exact check of the link, skipped with the reason when there is none.
fn on_link<T: Observable>(
    link: &Link,
    id: &str,
    name: &str,
    expected: T,
    observe: impl FnOnce(&LinkObservation) -> T,
) -> CheckResult {
    match link {
        Ok(seen) => expect::exact(id, name, expected, observe(seen)),
        Err(reason) => expect::skipped(id, name, expected, &reason.to_string()),
    }
}

/// A check of what crossed the link, skipped with the reason when there is
/// no link, or (as [`expect::on_wire`] does) no complete capture of it.
fn on_link_wire<T: Observable>(
    link: &Link,
    id: &str,
    name: &str,
    expected: T,
    observe: impl FnOnce(&LinkObservation, &Packets) -> T,
) -> CheckResult {
    match link {
        Ok(seen) => expect::on_wire(id, name, expected, &seen.wire, |packets| {
            observe(seen, packets)
        }),
        Err(reason) => expect::skipped(id, name, expected, &reason.to_string()),
    }
}

/// The MSS options of the connection's SYN and SYN-ACK, as captured.
fn syn_mss_options(packets: &Packets, seen: &WriteObservation) -> String {
    let connection = packets.tcp(seen.client, seen.server);
    let announced: Vec<String> = [Side::Client, Side::Server]
        .into_iter()
        .map(|side| {
            connection
                .segments(&packets.packets)
                .iter()
                .find(|segment| segment.from == side && segment.segment.flags.syn)
                .map_or("no SYN".to_string(), |syn| {
                    syn.segment
                        .options
                        .mss
                        .map_or("no MSS".to_string(), |mss| mss.to_string())
                })
        })
        .collect();
    announced.join(", ")
}

/// The checks of the Ethernet link: TCP's MSS and segments, then UDP with
/// and without DF. All are skipped, with the reason, when there is no link.
fn link_checks(figures: &Figures, link: &Link) -> Vec<CheckResult> {
    let suffix = match figures {
        Ok(figures) => format!(" (timestamps {})", figures.timestamps),
        Err(_) => String::new(),
    };
    let snd_mss_name = format!("Ethernet link (veth, MTU 1500): client tcpi_snd_mss{suffix}");
    let segments_name = "  one 10 000-byte send: data segments out";
    let sizes_name = "  on the wire: the client's data segments (bytes)";
    vec![
        with_figures(figures, "veth-snd-mss", &snd_mss_name, |f| {
            on_link(
                link,
                "veth-snd-mss",
                &snd_mss_name,
                f.ethernet_snd_mss,
                |seen| seen.write.client_snd_mss,
            )
        }),
        on_link_wire(
            link,
            "wire-veth-syn-mss",
            "  on the wire: MSS option of the SYN, of the SYN-ACK",
            listed([ETHERNET_MSS, ETHERNET_MSS]),
            |seen, packets| syn_mss_options(packets, &seen.write),
        ),
        with_figures(figures, "veth-segments-out", segments_name, |f| {
            on_link(
                link,
                "veth-segments-out",
                segments_name,
                f.ethernet_segments,
                |seen| seen.write.segments_out,
            )
        }),
        with_figures(figures, "wire-veth-segments", sizes_name, |f| {
            let mss = f.ethernet_snd_mss as usize;
            let full = f.ethernet_segments as usize - 1;
            let mut expected = vec![mss; full];
            expected.push(WRITE_LEN - full * mss);
            on_link_wire(
                link,
                "wire-veth-segments",
                sizes_name,
                grouped(&expected),
                |seen, packets| grouped(&new_data_sizes(packets, &seen.write)),
            )
        }),
        // Expected: what TCP_INFO counted in the same run.
        match link {
            Ok(seen) => expect::on_wire(
                "wire-veth-tcp-info",
                "  on the wire: data segments = TCP_INFO",
                seen.write.segments_out as usize,
                &seen.wire,
                |packets| new_data_sizes(packets, &seen.write).len(),
            ),
            Err(reason) => expect::skipped(
                "wire-veth-tcp-info",
                "  on the wire: data segments = TCP_INFO",
                "TCP_INFO's count",
                &reason.to_string(),
            ),
        },
        on_link(
            link,
            "veth-udp-ip-mtu",
            "  IP_MTU of a UDP socket connected across it",
            ETHERNET_MTU,
            |seen| seen.ip_mtu,
        ),
        on_link(
            link,
            "veth-udp-df-1472",
            "UDP 1472 bytes across the link, DF set",
            format!("{ETHERNET_UDP_MAX} bytes in one recv"),
            |seen| seen.df_1472.clone(),
        ),
        on_link(
            link,
            "veth-udp-df-1473",
            "UDP 1473 bytes across the link, DF set",
            net::errno_name(libc::EMSGSIZE),
            |seen| seen.df_1473.clone(),
        ),
        on_link_wire(
            link,
            "wire-veth-udp-df",
            "  on the wire: the DF socket's datagrams (bytes)",
            listed([ETHERNET_UDP_MAX]),
            |seen, packets| datagrams_crossed(packets, seen.df_sender, seen.receiver),
        ),
        on_link(
            link,
            "veth-udp-1473",
            "UDP 1473 bytes across the link, DF not set",
            format!("{} bytes in one recv", ETHERNET_UDP_MAX + 1),
            |seen| seen.plain_1473.clone(),
        ),
        on_link_wire(
            link,
            "wire-veth-fragment-offsets",
            "  on the wire: its IP fragments' offsets",
            listed([0, ETHERNET_FRAGMENT]),
            |seen, packets| {
                let sent = fragments_sent(packets, seen.plain_sender, seen.receiver);
                listed(sent.iter().map(|&(offset, _)| offset))
            },
        ),
        on_link_wire(
            link,
            "wire-veth-fragment-sizes",
            "  on the wire: their IP payload bytes (8 + 1472, then 1)",
            listed([
                ETHERNET_FRAGMENT,
                UDP_HEADER + ETHERNET_UDP_MAX + 1 - ETHERNET_FRAGMENT,
            ]),
            |seen, packets| {
                let sent = fragments_sent(packets, seen.plain_sender, seen.receiver);
                listed(sent.iter().map(|&(_, bytes)| bytes))
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    /// This machine reads the sysctl, so the snapshots never show these.
    #[test]
    fn unknown_figures_skip_with_the_reason() {
        let unknown: Figures = Err(TimestampsUnknown::UnknownValue {
            value: "3".to_string(),
        });
        let check = per_timestamps(&unknown, "c", "c", |f| f.small_snd_mss, 524);
        assert_eq!(check.verdict, Verdict::Skipped);
        assert_eq!(
            check.reason.as_deref(),
            Some("tcp_timestamps=3 is not a known value")
        );
        let unreadable = TimestampsUnknown::Unreadable {
            source: io::ErrorKind::NotFound.into(),
        };
        assert_eq!(
            unreadable.to_string(),
            "/proc/sys/net/ipv4/tcp_timestamps is unreadable"
        );
    }

    /// The hand-worked figures agree with the arithmetic they come from.
    #[test]
    fn the_figures_are_ceil_of_the_write_over_the_mss() {
        for (figures, options) in [(&WITH_TIMESTAMPS, 12), (&WITHOUT_TIMESTAMPS, 0)] {
            assert_eq!(figures.small_snd_mss, SMALL_MSS - options);
            assert_eq!(figures.ethernet_snd_mss, ETHERNET_MSS as u32 - options);
            for (mss, segments) in [
                (figures.small_snd_mss, figures.small_segments),
                (figures.ethernet_snd_mss, figures.ethernet_segments),
            ] {
                assert_eq!(WRITE_LEN.div_ceil(mss as usize), segments as usize);
            }
        }
        assert_eq!(ETHERNET_FRAGMENT % 8, 0);
    }

    #[test]
    fn super_segments_are_read_in_segments_of_the_mss() {
        // What loopback showed for TCP_MAXSEG 536: 5, 5, 7 and 2 segments
        // and the 44-byte tail.
        let frames = [2620, 2620, 3668, 1092];
        assert_eq!(in_segments(&frames, 524), "19 × 524 + 44");
        assert_eq!(in_segments(&[WRITE_LEN], 524), "19 × 524 + 44");
        assert_eq!(segments_in(&frames, 524), 20);
        // A frame cut off a segment boundary shows where.
        assert_eq!(
            in_segments(&[3000, 7000], 524),
            "5 × 524 + 380, 13 × 524 + 188"
        );
        assert_eq!(in_segments(&[1048], 524), "2 × 524");
        assert_eq!(in_segments(&[], 524), "0 × 524");
    }

    #[test]
    fn equal_sizes_are_grouped() {
        let mut sizes = vec![1448; 6];
        sizes.push(1312);
        assert_eq!(grouped(&sizes), "6 × 1448, 1312");
        assert_eq!(grouped(&[10_000]), "10000");
        assert_eq!(grouped(&[]), "none");
    }

    /// Without a link (the host network, no namespace rights, no veth in
    /// this kernel) every check of the link is skipped with the reason.
    #[test]
    fn without_a_link_its_checks_are_skipped_with_the_reason() {
        let reason = "no veth link here: creating veth pair: Operation not supported";
        let refused = io::Error::other("creating veth pair: Operation not supported");
        let checks = link_checks(&Ok(&WITH_TIMESTAMPS), &Err(NoLink::NotMade(refused)));
        assert_eq!(checks.len(), 12);
        for check in &checks {
            assert_eq!(check.verdict, Verdict::Skipped, "{}", check.id);
            assert_eq!(check.reason.as_deref(), Some(reason), "{}", check.id);
            assert!(check.id.starts_with("veth-") || check.id.starts_with("wire-veth-"));
        }
    }
}
