//! Lab 10: splitting (拆包): one write, many segments.
//!
//! TCP cuts the byte stream into segments of at most the MSS (maximum
//! segment size) payload bytes. Each end announces its MSS in its SYN (the
//! MSS option, tcp(7) TCP_MAXSEG); the sender uses the smaller of the two,
//! less the option bytes every segment carries: with net.ipv4.tcp_timestamps
//! on, the timestamps option takes 12 bytes of each segment. So one large
//! send leaves as ceil(length / MSS) segments, and a receiver that reads
//! while they arrive may get the message in pieces: the other half of the
//! course's sticky-packet story.
//!
//! On loopback the MTU is 65536, so a default connection's MSS is huge and a
//! 10 000-byte write leaves as ONE segment. The lab sets TCP_MAXSEG to 536
//! on the client before connect (after connect it would not change what the
//! SYN announced) and counts the segments of the same write with TCP_INFO:
//! `tcpi_data_segs_out` at the sender, `tcpi_data_segs_in` at the receiver.
//! Loopback may hand the whole write over as one GSO buffer marked "20
//! segments"; the kernel counts segments, which is what a network card would
//! put on the wire, and the receiver sees the 524-byte segment size.
//!
//! UDP has no MSS: a datagram is sent whole, and IP fragments it if it is
//! larger than the MTU. Ethernet's 1500-byte MTU leaves 1472 bytes of UDP
//! payload (1500 - 20 IP - 8 UDP); loopback's 65536 leaves the whole 65507.
//! The lab shows loopback's MTU as the kernel reports it, and datagrams of
//! 1472 and 1473 bytes sent with Don't Fragment: both arrive whole here,
//! where on Ethernet the second one would fail with EMSGSIZE.

use std::io;

use socket2::Socket;

use crate::environment::read_kernel_value;
use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, tcp_info};
use crate::report::CheckResult;

pub const LAB: Lab = Lab {
    number: 10,
    slug: "segmentation",
    title: "Splitting (拆包): MSS, segments and the MTU",
    shows: "splitting (拆包): one 10 000-byte write leaves as ceil(10000/MSS) segments; UDP and the MTU",
    summary: "With TCP_MAXSEG 536 and timestamps on, one 10 000-byte send leaves as 20 segments of\n\
              at most 524 bytes (536 minus 12 bytes of options); a default loopback connection sends one.\n\
              UDP: loopback's MTU is 65536, so the Ethernet limit of 1472 bytes does not apply here.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/10-segmentation/README.md"),
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

/// Ethernet's MTU, 1500, less 20 bytes of IPv4 header and 8 of UDP header:
/// the largest datagram Ethernet carries in one unfragmented packet.
const ETHERNET_UDP_MAX: usize = 1_472;

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
const WITH_TIMESTAMPS: MssFigures = MssFigures {
    timestamps: "on",
    small_snd_mss: 524,
    small_segments: 20,
    default_advmss: 65_483,
    default_snd_mss: 32_741,
};

/// tcp_timestamps = 0: no options after the handshake.
/// - 536 bytes per segment; 10 000 / 536 = 18.66 → 19 segments
///   (18 × 536 = 9648, the last 352).
/// - Default: 65495 per segment; first window 65495, half of it 32747.
const WITHOUT_TIMESTAMPS: MssFigures = MssFigures {
    timestamps: "off",
    small_snd_mss: 536,
    small_segments: 19,
    default_advmss: 65_495,
    default_snd_mss: 32_747,
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

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let figures = match read_kernel_value(TIMESTAMPS_SYSCTL) {
        Ok(value) => match value.as_str() {
            "0" => Ok(&WITHOUT_TIMESTAMPS),
            "1" | "2" => Ok(&WITH_TIMESTAMPS),
            _ => Err(TimestampsUnknown::UnknownValue { value }),
        },
        Err(source) => Err(TimestampsUnknown::Unreadable { source }),
    };
    let mut checks = small_mss_write(&figures)?;
    checks.extend(default_mss_write(&figures)?);
    checks.extend(udp_and_the_mtu()?);
    Ok(checks)
}

/// What the kernel reported for one 10 000-byte write on a fresh connection.
struct WriteObservation {
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

/// Connects a fresh pair, the client with TCP_MAXSEG `mss` if given, reads
/// the MSS the two ends settled on, then sends 10 000 bytes in one write and
/// counts the segments on both sides once the receiver has them all.
fn one_write(mss: Option<u32>) -> Result<WriteObservation, LabError> {
    let (listener, address) = net::tcp_listener(false).step("listening")?;
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
    let server = net::tcp_accept(&listener).step("accepting")?;

    let client_before = tcp_info(&client).step("reading the client's TCP_INFO")?;
    let server_before = tcp_info(&server).step("reading the server's TCP_INFO")?;

    net::send_all(&client, &[b'x'; WRITE_LEN]).step("sending 10 000 bytes in one write")?;
    net::wait_for_queued(&server, WRITE_LEN).step("waiting for all 10 000 bytes")?;
    // Read the counters right away: every segment has arrived, and nothing
    // is in flight that a later retransmission could add to.
    let server_after = tcp_info(&server).step("reading the server's TCP_INFO again")?;
    let client_after = tcp_info(&client).step("reading the client's TCP_INFO again")?;
    let one_recv = net::recv_once(&server, RECV_BUFFER)
        .step("recv(65536) of the 10 000 bytes")?
        .len();

    Ok(WriteObservation {
        client_snd_mss: client_before.snd_mss,
        server_snd_mss: server_before.snd_mss,
        client_advmss: client_before.advmss,
        segments_out: client_after.new_data_segments() - client_before.new_data_segments(),
        segments_in: server_after.data_segs_in - server_before.data_segs_in,
        one_recv,
    })
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
    match figures {
        Ok(figures) => expect::exact(id, name, expected(figures), observed),
        Err(reason) => expect::skipped(id, name, "depends on tcp_timestamps", &reason.to_string()),
    }
}

/// TCP_MAXSEG 536: the write leaves in 524-byte segments (536 without
/// timestamps), and the receiver gets them as separate segments, but one
/// late recv still returns all 10 000 bytes: the stream hides the pieces.
fn small_mss_write(figures: &Figures) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "One 10 000-byte send on a connection with TCP_MAXSEG 536.",
        "the MSS the kernel uses and the number of segments (拆包).",
    );
    let seen = one_write(Some(SMALL_MSS))?;
    let suffix = match figures {
        Ok(figures) => format!(" (timestamps {})", figures.timestamps),
        Err(_) => String::new(),
    };
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
        expect::exact(
            "small-one-recv",
            "  receiver's recv(65536) once all are queued",
            format!("{WRITE_LEN} bytes"),
            format!("{} bytes", seen.one_recv),
        ),
    ])
}

/// The same write on a default loopback connection: the MSS is so large
/// that 10 000 bytes fit in one segment.
fn default_mss_write(figures: &Figures) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same send on a default loopback connection.",
        "one segment: loopback's MTU is 65536.",
    );
    let seen = one_write(None)?;
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
    ])
}

/// Loopback's MTU as the kernel reports it, and two datagrams around the
/// Ethernet limit sent with Don't Fragment.
fn udp_and_the_mtu() -> Result<Vec<CheckResult>, LabError> {
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
    let (sender, _) = net::udp_socket().step("binding the UDP sender")?;
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
    Ok(checks)
}

/// Sends one datagram of `length` bytes and says how it arrived, or the
/// errno if the send failed.
fn send_datagram(sender: &Socket, receiver: &Socket, length: usize) -> Result<String, LabError> {
    let sent = sender.send(&vec![b'u'; length]);
    if sent.is_err() {
        return Ok(net::outcome(&sent));
    }
    let received = net::recv_once(receiver, RECV_BUFFER).step("receiving the datagram")?;
    Ok(format!("{} bytes in one recv", received.len()))
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
}
