//! Decoding captured frames into what a wire check asks about.
//!
//! The headers are read by the `etherparse` crate, never by hand: Ethernet,
//! then IPv4 or IPv6, then TCP or UDP. A [`Packet`] keeps the fields a lab
//! reasons about: addresses and ports, TCP flags, sequence and
//! acknowledgment numbers, the advertised window, the options of a SYN
//! (the MSS, window scale, SACK and timestamps), UDP lengths, IPv4
//! fragmentation, and the first bytes of the payload.
//!
//! A TCP connection is easier to read with *relative* numbers, as tcpdump
//! and Wireshark print them: each side's sequence numbers counted from its
//! initial sequence number (ISN, the one its SYN carries), so the first
//! data byte is 1. [`TcpConversation`] names the two ends "client" (the one
//! that sent the SYN) and "server", and gives each segment its relative
//! numbers and a one-line description.

use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use etherparse::{
    IpNumber, LaxIpPayloadSlice, LaxNetSlice, LaxSlicedPacket, TcpOptionElement, TcpSlice,
    TransportSlice, UdpHeaderSlice,
};

use super::capture::{Direction, Frame};

/// How many payload bytes a [`Payload`] keeps for a preview.
pub const PAYLOAD_PREVIEW_BYTES: usize = 16;

/// One decoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// The kernel's timestamp (time since the Unix epoch).
    pub timestamp: Duration,
    /// Leaving or arriving on the captured interface.
    pub direction: Direction,
    /// The interface index.
    pub interface_index: u32,
    /// The frame's full length on the wire, Ethernet header included.
    pub frame_length: usize,
    /// The IP header's fields, if the frame carries IP.
    pub ip: Option<IpFields>,
    /// What the IP packet carries.
    pub transport: Transport,
}

/// The IP header fields a lab uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpFields {
    /// Source address.
    pub source: IpAddr,
    /// Destination address.
    pub destination: IpAddr,
    /// Present when the packet is one fragment of a larger datagram.
    pub fragment: Option<Fragment>,
}

/// The fragmentation fields of an IPv4 header (RFC 791).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fragment {
    /// The identification shared by all fragments of one datagram.
    pub identification: u16,
    /// Where this fragment's payload starts in the datagram, in bytes.
    pub offset: u32,
    /// The more-fragments flag: false on the last fragment.
    pub more_fragments: bool,
}

/// The transport layer of a packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A TCP segment.
    Tcp(TcpSegment),
    /// A UDP datagram, or the first fragment of one.
    Udp(UdpDatagram),
    /// A fragment after the first: it carries payload bytes only, the
    /// transport header travels in the first fragment.
    LaterFragment {
        /// Its payload bytes.
        payload: Payload,
    },
    /// Anything else (ARP, ICMP, IPv6 neighbour discovery, a frame that
    /// does not decode), named for a description.
    Other {
        /// What it is, in a few words.
        what: String,
    },
}

/// The fields of one TCP segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcpSegment {
    /// Source port.
    pub source_port: u16,
    /// Destination port.
    pub destination_port: u16,
    /// The sequence number (absolute).
    pub sequence: u32,
    /// The acknowledgment number (absolute; meaningful when `flags.ack`).
    pub acknowledgment: u32,
    /// The control flags.
    pub flags: TcpFlags,
    /// The window field as sent (unscaled).
    pub window: u16,
    /// The options a SYN negotiates, and timestamps.
    pub options: TcpOptions,
    /// The data carried.
    pub payload: Payload,
}

/// The TCP control flags (RFC 9293).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TcpFlags {
    /// Synchronize sequence numbers: opens a connection.
    pub syn: bool,
    /// The acknowledgment field is significant.
    pub ack: bool,
    /// No more data from the sender.
    pub fin: bool,
    /// Reset the connection.
    pub rst: bool,
    /// Push: the sender's buffer was emptied by this segment.
    pub psh: bool,
    /// The urgent pointer is significant.
    pub urg: bool,
}

/// The TCP options socklab's labs look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TcpOptions {
    /// Maximum segment size (SYN only).
    pub mss: Option<u16>,
    /// Window scale shift (SYN only).
    pub window_scale: Option<u8>,
    /// SACK permitted (SYN only).
    pub sack_permitted: bool,
    /// Timestamp value and echo reply (RFC 7323).
    pub timestamps: Option<(u32, u32)>,
}

/// The fields of a UDP datagram (or of its first fragment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdpDatagram {
    /// Source port.
    pub source_port: u16,
    /// Destination port.
    pub destination_port: u16,
    /// The UDP length field: 8 header bytes plus the *whole* datagram's
    /// payload, even when this packet is only its first fragment.
    pub length: u16,
    /// The payload bytes in this packet.
    pub payload: Payload,
}

/// Payload bytes: how many, and the first few.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payload {
    /// How many bytes the packet carries.
    pub length: usize,
    /// The first [`PAYLOAD_PREVIEW_BYTES`] of them.
    pub preview: Vec<u8>,
}

impl Payload {
    fn of(bytes: &[u8]) -> Payload {
        Payload {
            length: bytes.len(),
            preview: bytes[..bytes.len().min(PAYLOAD_PREVIEW_BYTES)].to_vec(),
        }
    }

    /// The preview as a byte-string literal, `b"hello"`, with `...` when
    /// the payload is longer than the preview.
    pub fn quoted(&self) -> String {
        let more = if self.length > self.preview.len() {
            "..."
        } else {
            ""
        };
        format!("b\"{}\"{more}", self.preview.escape_ascii())
    }
}

impl Packet {
    /// Decodes one Ethernet frame. Never fails: what does not decode is
    /// kept as [`Transport::Other`] with the reason.
    pub fn decode(frame: &Frame) -> Packet {
        let (ip, transport) = match LaxSlicedPacket::from_ethernet(&frame.bytes) {
            Ok(sliced) => decode_layers(&sliced),
            Err(error) => (
                None,
                Transport::Other {
                    what: format!("undecodable frame ({error})"),
                },
            ),
        };
        Packet {
            timestamp: frame.timestamp,
            direction: frame.direction,
            interface_index: frame.interface_index,
            frame_length: frame.original_length,
            ip,
            transport,
        }
    }

    /// Decodes every frame, in order.
    pub fn decode_all(frames: &[Frame]) -> Vec<Packet> {
        frames.iter().map(Packet::decode).collect()
    }

    /// The TCP segment, if this is one.
    pub fn tcp(&self) -> Option<&TcpSegment> {
        match &self.transport {
            Transport::Tcp(segment) => Some(segment),
            _ => None,
        }
    }

    /// The UDP datagram, if this is one (or its first fragment).
    pub fn udp(&self) -> Option<&UdpDatagram> {
        match &self.transport {
            Transport::Udp(datagram) => Some(datagram),
            _ => None,
        }
    }

    /// Source address and port, for TCP and UDP.
    pub fn source(&self) -> Option<SocketAddr> {
        let ip = self.ip?;
        let port = match &self.transport {
            Transport::Tcp(segment) => segment.source_port,
            Transport::Udp(datagram) => datagram.source_port,
            _ => return None,
        };
        Some(SocketAddr::new(ip.source, port))
    }

    /// Destination address and port, for TCP and UDP.
    pub fn destination(&self) -> Option<SocketAddr> {
        let ip = self.ip?;
        let port = match &self.transport {
            Transport::Tcp(segment) => segment.destination_port,
            Transport::Udp(datagram) => datagram.destination_port,
            _ => return None,
        };
        Some(SocketAddr::new(ip.destination, port))
    }

    /// A one-line description with absolute numbers, time counted from
    /// `origin`: `0.120 ms  127.0.0.1:40000 > 127.0.0.1:5000  UDP len 5
    /// b"hello"`.
    pub fn describe(&self, origin: Duration) -> String {
        let mut line = format!("{}  ", milliseconds(self.timestamp, origin));
        match (self.source(), self.destination()) {
            (Some(source), Some(destination)) => {
                let _ = write!(line, "{source} > {destination}  ");
            }
            _ => {
                if let Some(ip) = self.ip {
                    let _ = write!(line, "{} > {}  ", ip.source, ip.destination);
                }
            }
        }
        match &self.transport {
            Transport::Tcp(segment) => {
                let acknowledgment = segment.flags.ack.then_some(segment.acknowledgment);
                line.push_str(&describe_tcp(segment, segment.sequence, acknowledgment));
            }
            Transport::Udp(datagram) => {
                let _ = write!(
                    line,
                    "UDP len {} {}",
                    datagram.payload.length,
                    datagram.payload.quoted()
                );
            }
            Transport::LaterFragment { payload } => {
                let _ = write!(line, "IP fragment len {}", payload.length);
            }
            Transport::Other { what } => line.push_str(what),
        }
        if let Some(fragment) = self.ip.and_then(|ip| ip.fragment) {
            let _ = write!(
                line,
                "  (frag id {} offset {}{})",
                fragment.identification,
                fragment.offset,
                if fragment.more_fragments { " +" } else { "" }
            );
        }
        line
    }
}

fn decode_layers(sliced: &LaxSlicedPacket<'_>) -> (Option<IpFields>, Transport) {
    let (ip, payload) = match &sliced.net {
        Some(LaxNetSlice::Ipv4(ipv4)) => {
            let header = ipv4.header();
            let offset = u32::from(header.fragments_offset().value()) * 8;
            let fragment = (header.more_fragments() || offset > 0).then_some(Fragment {
                identification: header.identification(),
                offset,
                more_fragments: header.more_fragments(),
            });
            let fields = IpFields {
                source: IpAddr::V4(header.source_addr()),
                destination: IpAddr::V4(header.destination_addr()),
                fragment,
            };
            (fields, ipv4.payload())
        }
        Some(LaxNetSlice::Ipv6(ipv6)) => {
            let header = ipv6.header();
            let fields = IpFields {
                source: IpAddr::V6(header.source_addr()),
                destination: IpAddr::V6(header.destination_addr()),
                fragment: None,
            };
            (fields, ipv6.payload())
        }
        Some(LaxNetSlice::Arp(_)) => {
            return (
                None,
                Transport::Other {
                    what: "ARP".to_owned(),
                },
            );
        }
        None => {
            let what = match &sliced.stop_err {
                Some((error, layer)) => format!("undecodable {layer} ({error})"),
                None => "not IP".to_owned(),
            };
            return (None, Transport::Other { what });
        }
    };
    (Some(ip), decode_transport(sliced, &ip, payload))
}

fn decode_transport(
    sliced: &LaxSlicedPacket<'_>,
    ip: &IpFields,
    payload: &LaxIpPayloadSlice<'_>,
) -> Transport {
    match (&sliced.transport, ip.fragment) {
        (Some(TransportSlice::Tcp(tcp)), _) => Transport::Tcp(decode_tcp(tcp)),
        (Some(TransportSlice::Udp(udp)), _) => Transport::Udp(UdpDatagram {
            source_port: udp.source_port(),
            destination_port: udp.destination_port(),
            length: udp.length(),
            payload: Payload::of(udp.payload()),
        }),
        // etherparse leaves the transport of a fragment alone (its payload
        // is incomplete); the first fragment still starts with the UDP
        // header, which is worth reading.
        (_, Some(fragment)) if fragment.offset == 0 && payload.ip_number == IpNumber::UDP => {
            match UdpHeaderSlice::from_slice(payload.payload) {
                Ok(header) => Transport::Udp(UdpDatagram {
                    source_port: header.source_port(),
                    destination_port: header.destination_port(),
                    length: header.length(),
                    payload: Payload::of(&payload.payload[header.slice().len()..]),
                }),
                Err(error) => Transport::Other {
                    what: format!("first UDP fragment, header undecodable ({error})"),
                },
            }
        }
        (_, Some(fragment)) if fragment.offset > 0 => Transport::LaterFragment {
            payload: Payload::of(payload.payload),
        },
        (Some(TransportSlice::Icmpv4(_)), _) => Transport::Other {
            what: "ICMP".to_owned(),
        },
        (Some(TransportSlice::Icmpv6(_)), _) => Transport::Other {
            what: "ICMPv6".to_owned(),
        },
        _ => Transport::Other {
            what: match &sliced.stop_err {
                Some((error, layer)) => format!("undecodable {layer} ({error})"),
                None => format!("IP protocol {}", payload.ip_number.0),
            },
        },
    }
}

fn decode_tcp(tcp: &TcpSlice<'_>) -> TcpSegment {
    let mut options = TcpOptions::default();
    // A malformed option ends the walk; the ones before it still count.
    for option in tcp.options_iterator().map_while(Result::ok) {
        match option {
            TcpOptionElement::MaximumSegmentSize(mss) => options.mss = Some(mss),
            TcpOptionElement::WindowScale(shift) => options.window_scale = Some(shift),
            TcpOptionElement::SelectiveAcknowledgementPermitted => options.sack_permitted = true,
            TcpOptionElement::Timestamp(value, echo) => options.timestamps = Some((value, echo)),
            _ => {}
        }
    }
    TcpSegment {
        source_port: tcp.source_port(),
        destination_port: tcp.destination_port(),
        sequence: tcp.sequence_number(),
        acknowledgment: tcp.acknowledgment_number(),
        flags: TcpFlags {
            syn: tcp.syn(),
            ack: tcp.ack(),
            fin: tcp.fin(),
            rst: tcp.rst(),
            psh: tcp.psh(),
            urg: tcp.urg(),
        },
        window: tcp.window_size(),
        options,
        payload: Payload::of(tcp.payload()),
    }
}

impl TcpFlags {
    /// tcpdump's notation: `S` SYN, `F` FIN, `R` RST, `P` PSH, `U` URG and
    /// `.` ACK, so `S.` is a SYN-ACK and `P.` a data segment.
    pub fn tcpdump(&self) -> String {
        let mut text = String::new();
        for (set, letter) in [
            (self.syn, 'S'),
            (self.fin, 'F'),
            (self.rst, 'R'),
            (self.psh, 'P'),
            (self.urg, 'U'),
            (self.ack, '.'),
        ] {
            if set {
                text.push(letter);
            }
        }
        text
    }
}

/// Which end of a [`TcpConversation`] sent a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The end that sent the SYN.
    Client,
    /// The end that answered it.
    Server,
}

impl Side {
    /// The other end.
    pub fn other(self) -> Side {
        match self {
            Side::Client => Side::Server,
            Side::Server => Side::Client,
        }
    }

    /// "client" or "server", as wire checks and descriptions name the ends.
    pub fn name(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Server => "server",
        }
    }
}

/// One TCP connection between two known ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpConversation {
    /// The end that opened the connection.
    pub client: SocketAddr,
    /// The end that accepted it.
    pub server: SocketAddr,
}

/// One segment of a [`TcpConversation`], with its relative numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversationSegment<'a> {
    /// The packet.
    pub packet: &'a Packet,
    /// Its place in the packets it was found in.
    pub index: usize,
    /// Its TCP fields.
    pub segment: &'a TcpSegment,
    /// Who sent it.
    pub from: Side,
    /// Its sequence number, counted from the sender's ISN (the SYN is 0,
    /// the first data byte 1).
    pub relative_sequence: u32,
    /// Its acknowledgment number counted from the other side's ISN, when the
    /// ACK flag is set.
    pub relative_acknowledgment: Option<u32>,
}

impl TcpConversation {
    /// The conversation opened by the first SYN (without ACK) in `packets`.
    pub fn first_in(packets: &[Packet]) -> Option<TcpConversation> {
        packets.iter().find_map(|packet| {
            let segment = packet.tcp()?;
            (segment.flags.syn && !segment.flags.ack).then_some(TcpConversation {
                client: packet.source()?,
                server: packet.destination()?,
            })
        })
    }

    /// Who sent `packet`, if it belongs to this conversation.
    pub fn side_of(&self, packet: &Packet) -> Option<Side> {
        packet.tcp()?;
        let ends = (packet.source()?, packet.destination()?);
        if ends == (self.client, self.server) {
            Some(Side::Client)
        } else if ends == (self.server, self.client) {
            Some(Side::Server)
        } else {
            None
        }
    }

    /// This conversation's segments, both ways, in capture order, with
    /// relative numbers. Each side's base is its SYN's sequence number, or
    /// its first segment's when the capture missed the SYN.
    pub fn segments<'a>(&self, packets: &'a [Packet]) -> Vec<ConversationSegment<'a>> {
        let mine: Vec<(usize, &Packet, &TcpSegment, Side)> = packets
            .iter()
            .enumerate()
            .filter_map(|(index, packet)| {
                Some((index, packet, packet.tcp()?, self.side_of(packet)?))
            })
            .collect();
        let base = |side: Side| {
            let from_side = || mine.iter().filter(move |(_, _, _, from)| *from == side);
            from_side()
                .find(|(_, _, segment, _)| segment.flags.syn)
                .or_else(|| from_side().next())
                .map(|(_, _, segment, _)| segment.sequence)
        };
        let (client_base, server_base) = (base(Side::Client), base(Side::Server));
        let base_of = |side: Side| match side {
            Side::Client => client_base,
            Side::Server => server_base,
        };
        mine.iter()
            .map(|&(index, packet, segment, from)| ConversationSegment {
                packet,
                index,
                segment,
                from,
                relative_sequence: segment
                    .sequence
                    .wrapping_sub(base_of(from).unwrap_or(segment.sequence)),
                relative_acknowledgment: segment.flags.ack.then(|| {
                    segment
                        .acknowledgment
                        .wrapping_sub(base_of(from.other()).unwrap_or(0))
                }),
            })
            .collect()
    }

    /// The segments from `from` that carry data, in capture order.
    pub fn data_segments<'a>(
        &self,
        packets: &'a [Packet],
        from: Side,
    ) -> Vec<ConversationSegment<'a>> {
        self.segments(packets)
            .into_iter()
            .filter(|segment| segment.from == from && segment.segment.payload.length > 0)
            .collect()
    }

    /// The data segments from `from`, split in two: those that carry new
    /// bytes, and the retransmissions, each of which starts below the
    /// highest sequence number an earlier segment reached. TCP_INFO counts
    /// the same two groups, as `tcpi_data_segs_out - tcpi_total_retrans`
    /// and `tcpi_total_retrans` ([`crate::net::TcpInfo::new_data_segments`]).
    pub fn new_and_retransmitted<'a>(
        &self,
        packets: &'a [Packet],
        from: Side,
    ) -> (Vec<ConversationSegment<'a>>, Vec<ConversationSegment<'a>>) {
        let mut new = Vec::new();
        let mut retransmitted = Vec::new();
        let mut sent_up_to = 0;
        for segment in self.data_segments(packets, from) {
            if segment.relative_sequence < sent_up_to {
                retransmitted.push(segment);
            } else {
                let length = u32::try_from(segment.segment.payload.length).unwrap_or(u32::MAX);
                sent_up_to = segment.relative_sequence.saturating_add(length);
                new.push(segment);
            }
        }
        (new, retransmitted)
    }

    /// One tcpdump-like line per segment, time counted from the first:
    /// `0.045 ms  client > server  [P.] seq 1:6 ack 1 win 512 len 5 b"hello"`.
    pub fn describe(&self, packets: &[Packet]) -> Vec<String> {
        let segments = self.segments(packets);
        let Some(origin) = segments.first().map(|first| first.packet.timestamp) else {
            return Vec::new();
        };
        segments
            .iter()
            .map(|segment| segment.describe(origin))
            .collect()
    }
}

impl ConversationSegment<'_> {
    /// One tcpdump-like line, time counted from `origin`.
    pub fn describe(&self, origin: Duration) -> String {
        format!(
            "{}  {} > {}  {}",
            milliseconds(self.packet.timestamp, origin),
            self.from.name(),
            self.from.other().name(),
            describe_tcp(
                self.segment,
                self.relative_sequence,
                self.relative_acknowledgment
            )
        )
    }
}

/// `client S, server S., client .`: who sent each segment and its flags in
/// tcpdump's notation, the way a wire check follows a handshake or a close
/// segment by segment.
pub fn flags_in_order(segments: &[ConversationSegment<'_>]) -> String {
    segments
        .iter()
        .map(|segment| {
            format!(
                "{} {}",
                segment.from.name(),
                segment.segment.flags.tcpdump()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `[P.] seq 1:6 ack 1 win 512 len 5 b"hello"`, with the SYN options
/// after the window when there are any.
fn describe_tcp(segment: &TcpSegment, sequence: u32, acknowledgment: Option<u32>) -> String {
    let length = segment.payload.length;
    let mut line = format!("[{}] seq {sequence}", segment.flags.tcpdump());
    if length > 0 {
        // The sequence space a segment occupies is its data bytes.
        let end = sequence.wrapping_add(u32::try_from(length).unwrap_or(u32::MAX));
        let _ = write!(line, ":{end}");
    }
    if let Some(acknowledgment) = acknowledgment {
        let _ = write!(line, " ack {acknowledgment}");
    }
    let _ = write!(line, " win {}", segment.window);
    let options = &segment.options;
    let mut negotiated = Vec::new();
    if let Some(mss) = options.mss {
        negotiated.push(format!("mss {mss}"));
    }
    if options.sack_permitted {
        negotiated.push("sackOK".to_owned());
    }
    if segment.flags.syn && options.timestamps.is_some() {
        negotiated.push("TS".to_owned());
    }
    if let Some(shift) = options.window_scale {
        negotiated.push(format!("wscale {shift}"));
    }
    if !negotiated.is_empty() {
        let _ = write!(line, " <{}>", negotiated.join(","));
    }
    let _ = write!(line, " len {length}");
    if length > 0 {
        let _ = write!(line, " {}", segment.payload.quoted());
    }
    line
}

/// `12.345 ms`: the time from `origin` to `timestamp` (0 if earlier).
fn milliseconds(timestamp: Duration, origin: Duration) -> String {
    let elapsed = timestamp.saturating_sub(origin);
    format!("{:.3} ms", elapsed.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::{IpHeaders, Ipv4Header, PacketBuilder};
    use std::net::Ipv4Addr;

    const CLIENT: [u8; 4] = [198, 18, 0, 1];
    const SERVER: [u8; 4] = [198, 18, 0, 2];
    const CLIENT_PORT: u16 = 40_000;
    const SERVER_PORT: u16 = 5_000;
    const CLIENT_ISN: u32 = 1_000;
    const SERVER_ISN: u32 = u32::MAX - 1; // wraps: relative numbers must too

    fn frame(bytes: Vec<u8>, at_micros: u64, direction: Direction) -> Frame {
        Frame {
            timestamp: Duration::from_secs(1_700_000_000) + Duration::from_micros(at_micros),
            direction,
            interface_index: 1,
            original_length: bytes.len(),
            bytes,
        }
    }

    fn from_client(
        build: impl FnOnce(
            etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        ) -> etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        sequence: u32,
        payload: &[u8],
        at_micros: u64,
    ) -> Frame {
        let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4(CLIENT, SERVER, 64)
            .tcp(CLIENT_PORT, SERVER_PORT, sequence, 512);
        let mut bytes = Vec::new();
        build(builder)
            .write(&mut bytes, payload)
            .expect("in memory");
        frame(bytes, at_micros, Direction::Outgoing)
    }

    fn from_server(
        build: impl FnOnce(
            etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        ) -> etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        sequence: u32,
        at_micros: u64,
    ) -> Frame {
        let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4(SERVER, CLIENT, 64)
            .tcp(SERVER_PORT, CLIENT_PORT, sequence, 1024);
        let mut bytes = Vec::new();
        build(builder).write(&mut bytes, &[]).expect("in memory");
        frame(bytes, at_micros, Direction::Incoming)
    }

    /// SYN, SYN-ACK, ACK, "hello", its ACK, FIN.
    fn hello_exchange() -> Vec<Packet> {
        let frames = [
            from_client(
                |b| {
                    b.syn()
                        .options(&[
                            TcpOptionElement::MaximumSegmentSize(1460),
                            TcpOptionElement::SelectiveAcknowledgementPermitted,
                            TcpOptionElement::Timestamp(7, 0),
                            TcpOptionElement::Noop,
                            TcpOptionElement::WindowScale(7),
                        ])
                        .expect("options fit")
                },
                CLIENT_ISN,
                &[],
                0,
            ),
            from_server(|b| b.syn().ack(CLIENT_ISN + 1), SERVER_ISN, 40),
            from_client(
                |b| b.ack(SERVER_ISN.wrapping_add(1)),
                CLIENT_ISN + 1,
                &[],
                80,
            ),
            from_client(
                |b| b.psh().ack(SERVER_ISN.wrapping_add(1)),
                CLIENT_ISN + 1,
                b"hello",
                12_345,
            ),
            from_server(
                |b| b.ack(CLIENT_ISN + 6),
                SERVER_ISN.wrapping_add(1),
                12_400,
            ),
            from_client(
                |b| b.fin().ack(SERVER_ISN.wrapping_add(1)),
                CLIENT_ISN + 6,
                &[],
                12_500,
            ),
        ];
        Packet::decode_all(&frames)
    }

    #[test]
    fn a_syn_decodes_with_its_options() {
        let packets = hello_exchange();
        let syn = packets[0].tcp().expect("tcp");
        assert!(syn.flags.syn && !syn.flags.ack);
        assert_eq!(syn.sequence, CLIENT_ISN);
        assert_eq!(syn.window, 512);
        assert_eq!(
            syn.options,
            TcpOptions {
                mss: Some(1460),
                window_scale: Some(7),
                sack_permitted: true,
                timestamps: Some((7, 0)),
            }
        );
        assert_eq!(
            packets[0].source(),
            Some(SocketAddr::from((Ipv4Addr::from(CLIENT), CLIENT_PORT)))
        );
        assert_eq!(packets[0].ip.and_then(|ip| ip.fragment), None);
    }

    #[test]
    fn a_data_segment_keeps_its_length_and_preview() {
        let packets = hello_exchange();
        let data = packets[3].tcp().expect("tcp");
        assert_eq!(data.flags.tcpdump(), "P.");
        assert_eq!(data.payload.length, 5);
        assert_eq!(data.payload.preview, b"hello");
        assert_eq!(data.payload.quoted(), "b\"hello\"");
    }

    #[test]
    fn a_long_payload_is_previewed_with_an_ellipsis() {
        let payload = Payload::of(b"0123456789abcdefXYZ\n");
        assert_eq!(payload.length, 20);
        assert_eq!(payload.preview.len(), PAYLOAD_PREVIEW_BYTES);
        assert_eq!(payload.quoted(), "b\"0123456789abcdef\"...");
        assert_eq!(Payload::of(b"a\nb").quoted(), "b\"a\\nb\"");
    }

    #[test]
    fn the_conversation_starts_at_the_first_syn() {
        let packets = hello_exchange();
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        assert_eq!(
            conversation.client,
            SocketAddr::from((Ipv4Addr::from(CLIENT), CLIENT_PORT))
        );
        assert_eq!(
            conversation.server,
            SocketAddr::from((Ipv4Addr::from(SERVER), SERVER_PORT))
        );
        assert_eq!(conversation.side_of(&packets[1]), Some(Side::Server));
    }

    #[test]
    fn relative_numbers_count_from_each_sides_isn_even_across_wraparound() {
        let packets = hello_exchange();
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        let relative: Vec<(Side, u32, Option<u32>)> = conversation
            .segments(&packets)
            .iter()
            .map(|s| (s.from, s.relative_sequence, s.relative_acknowledgment))
            .collect();
        assert_eq!(
            relative,
            [
                (Side::Client, 0, None),
                (Side::Server, 0, Some(1)),
                (Side::Client, 1, Some(1)),
                (Side::Client, 1, Some(1)),
                (Side::Server, 1, Some(6)),
                (Side::Client, 6, Some(1)),
            ]
        );
    }

    #[test]
    fn data_segments_are_those_with_payload_from_one_side() {
        let packets = hello_exchange();
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        let data = conversation.data_segments(&packets, Side::Client);
        assert_eq!(data.len(), 1);
        assert_eq!(data[0].segment.payload.preview, b"hello");
        assert!(
            conversation
                .data_segments(&packets, Side::Server)
                .is_empty()
        );
    }

    #[test]
    fn a_segment_resending_old_bytes_is_a_retransmission() {
        let mut packets = hello_exchange();
        let mut resent = packets[3].clone();
        resent.timestamp += Duration::from_millis(200);
        packets.push(resent);
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        let (new, retransmitted) = conversation.new_and_retransmitted(&packets, Side::Client);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].index, 3);
        assert_eq!(retransmitted.len(), 1);
        assert_eq!(retransmitted[0].index, 6);
    }

    #[test]
    fn the_description_reads_like_tcpdump() {
        let packets = hello_exchange();
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        assert_eq!(
            conversation.describe(&packets),
            [
                "0.000 ms  client > server  [S] seq 0 win 512 <mss 1460,sackOK,TS,wscale 7> len 0",
                "0.040 ms  server > client  [S.] seq 0 ack 1 win 1024 len 0",
                "0.080 ms  client > server  [.] seq 1 ack 1 win 512 len 0",
                "12.345 ms  client > server  [P.] seq 1:6 ack 1 win 512 len 5 b\"hello\"",
                "12.400 ms  server > client  [.] seq 1 ack 6 win 1024 len 0",
                "12.500 ms  client > server  [F.] seq 6 ack 1 win 512 len 0",
            ]
        );
    }

    #[test]
    fn flags_in_order_name_the_sender_of_each_segment() {
        let packets = hello_exchange();
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        let segments = conversation.segments(&packets);
        assert_eq!(
            flags_in_order(&segments[..3]),
            "client S, server S., client ."
        );
        assert_eq!(flags_in_order(&segments[5..]), "client F.");
        assert_eq!(flags_in_order(&[]), "");
    }

    #[test]
    fn other_connections_are_left_out() {
        let mut packets = hello_exchange();
        let mut stranger = packets[3].clone();
        if let Transport::Tcp(segment) = &mut stranger.transport {
            segment.source_port = 40_001;
        }
        packets.push(stranger);
        let conversation = TcpConversation::first_in(&packets).expect("a SYN");
        assert_eq!(conversation.segments(&packets).len(), 6);
    }

    #[test]
    fn a_udp_datagram_decodes_whole() {
        let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4(CLIENT, SERVER, 64)
            .udp(CLIENT_PORT, SERVER_PORT);
        let mut bytes = Vec::new();
        builder.write(&mut bytes, b"ping").expect("in memory");
        let packet = Packet::decode(&frame(bytes, 0, Direction::Outgoing));
        let udp = packet.udp().expect("udp");
        assert_eq!(udp.length, 12);
        assert_eq!(udp.payload.length, 4);
        assert_eq!(packet.ip.and_then(|ip| ip.fragment), None);
        assert_eq!(
            packet.describe(packet.timestamp),
            "0.000 ms  198.18.0.1:40000 > 198.18.0.2:5000  UDP len 4 b\"ping\""
        );
    }

    /// A 3000-byte UDP datagram cut in two fragments by hand, as the kernel
    /// would for a 1500-byte MTU: 8 + 1472 bytes, then 1528 bytes at
    /// offset 1480.
    fn fragments() -> Vec<Packet> {
        let payload = vec![b'x'; 3000];
        let mut datagram =
            etherparse::UdpHeader::without_ipv4_checksum(CLIENT_PORT, SERVER_PORT, payload.len())
                .expect("fits")
                .to_bytes()
                .to_vec();
        datagram.extend_from_slice(&payload);
        let piece = |range: std::ops::Range<usize>, more: bool| {
            let mut header =
                Ipv4Header::new(0, 64, IpNumber::UDP, CLIENT, SERVER).expect("valid header");
            header.identification = 77;
            header.more_fragments = more;
            header.fragment_offset =
                etherparse::IpFragOffset::try_new((range.start / 8) as u16).expect("fits");
            let builder = PacketBuilder::ethernet2([0; 6], [0; 6])
                .ip(IpHeaders::Ipv4(header, Default::default()));
            let mut bytes = Vec::new();
            builder
                .write(&mut bytes, IpNumber::UDP, &datagram[range])
                .expect("in memory");
            frame(bytes, 0, Direction::Outgoing)
        };
        Packet::decode_all(&[piece(0..1480, true), piece(1480..datagram.len(), false)])
    }

    #[test]
    fn the_first_fragment_carries_the_udp_header() {
        let packets = fragments();
        let first = &packets[0];
        assert_eq!(
            first.ip.and_then(|ip| ip.fragment),
            Some(Fragment {
                identification: 77,
                offset: 0,
                more_fragments: true
            })
        );
        let udp = first.udp().expect("first fragment decodes as UDP");
        assert_eq!(udp.length, 3008);
        assert_eq!(udp.payload.length, 1472);
        assert_eq!(first.destination().map(|end| end.port()), Some(SERVER_PORT));
    }

    #[test]
    fn a_later_fragment_is_payload_only() {
        let packets = fragments();
        let second = &packets[1];
        assert_eq!(
            second.ip.and_then(|ip| ip.fragment),
            Some(Fragment {
                identification: 77,
                offset: 1480,
                more_fragments: false
            })
        );
        assert!(matches!(
            &second.transport,
            Transport::LaterFragment { payload } if payload.length == 1528
        ));
        assert!(
            second
                .describe(second.timestamp)
                .ends_with("(frag id 77 offset 1480)")
        );
    }

    #[test]
    fn garbage_decodes_as_other_without_panicking() {
        for bytes in [vec![], vec![0u8; 5], vec![0xff; 14], vec![0x45; 60]] {
            let packet = Packet::decode(&frame(bytes, 0, Direction::Incoming));
            assert!(packet.tcp().is_none());
            assert!(matches!(packet.transport, Transport::Other { .. }));
            let _ = packet.describe(Duration::ZERO);
        }
    }
}
