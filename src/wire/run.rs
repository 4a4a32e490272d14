//! The capture of one lab run: what a lab asks the wire, and what the
//! report keeps of it.
//!
//! `lab::run` starts a [`Wire`] on `lo` before the experiment (in
//! socklab's private network; on the host it is [`Wire::off`], with the
//! reason) and hands it to the experiment in its options. A lab that
//! wants to see its packets does its exchange, then asks [`Wire::packets`]:
//! everything sent so far, decoded. It never parses bytes itself. A lab
//! that makes a link of its own (lab 10's veth pair) adds that interface
//! with [`Wire::add_interface`]. After the experiment, [`Wire::finish`]
//! stops every capture and gives the runner the frames (for `--pcap`) and
//! the packets as the report shows them (`--wire`, the timeline, JSON).

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::capture::{Capture, CaptureStats, Frame};
use super::packet::{Packet, Side, TcpConversation, Transport, UdpDatagram};
use crate::net::Unavailable;
use crate::report::{CaptureSummary, WirePacket};

/// How long a finished lab's interfaces must be quiet before the capture
/// stops. Every check is made during the experiment, from what was sent
/// before it asked; the quiet time only lets the listing show the last
/// ACKs, and a longer one would add to every lab's run time.
const SETTLE: Duration = Duration::from_millis(2);

/// The wire of one lab run: live captures, or the reason there are none.
/// Cloning it shares the same captures.
#[derive(Clone)]
pub struct Wire {
    state: Arc<State>,
}

enum State {
    Live {
        /// When the run started, for times relative to it.
        origin: Duration,
        /// Interface name and its capture.
        captures: Mutex<Vec<(String, Capture)>>,
    },
    Off {
        reason: String,
    },
}

impl fmt::Debug for Wire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.state {
            State::Live { .. } => f.write_str("Wire(live)"),
            State::Off { reason } => write!(f, "Wire(off: {reason})"),
        }
    }
}

impl Default for Wire {
    fn default() -> Wire {
        Wire::off("no capture was started for this run")
    }
}

/// What a lab sees when it asks the wire: every packet so far, decoded, and
/// whether the capture holds all of them.
#[derive(Debug, Clone)]
pub struct Packets {
    pub packets: Vec<Packet>,
    pub stats: CaptureStats,
}

/// The finished capture of a run.
#[derive(Debug, Default)]
pub struct Recorded {
    /// The frames, for `--pcap`.
    pub frames: Vec<Frame>,
    /// The packets as the report shows them.
    pub packets: Vec<WirePacket>,
    /// `None` when nothing was captured (the host network).
    pub summary: Option<CaptureSummary>,
}

impl Wire {
    /// Starts capturing on `interface` (`lo`) in this namespace.
    pub fn start(interface: &str) -> io::Result<Wire> {
        let capture = Capture::start(interface)?;
        Ok(Wire {
            state: Arc::new(State::Live {
                origin: now_since_epoch(),
                captures: Mutex::new(vec![(interface.to_string(), capture)]),
            }),
        })
    }

    /// No capture, for this reason (shown on every wire check, skipped).
    pub fn off(reason: impl Into<String>) -> Wire {
        Wire {
            state: Arc::new(State::Off {
                reason: reason.into(),
            }),
        }
    }

    /// When this run's capture started (wall-clock time since the Unix
    /// epoch, the clock of packet timestamps); now, when the wire is off.
    pub fn origin(&self) -> Duration {
        match &*self.state {
            State::Live { origin, .. } => *origin,
            State::Off { .. } => now_since_epoch(),
        }
    }

    /// Also captures `interface` (a link the lab has just made). Does
    /// nothing when the wire is off.
    pub fn add_interface(&self, interface: &str) -> io::Result<()> {
        if let State::Live { captures, .. } = &*self.state {
            let capture = Capture::start(interface)?;
            lock(captures).push((interface.to_string(), capture));
        }
        Ok(())
    }

    /// Every packet captured so far on every interface, in time order, or
    /// why there are none.
    pub fn packets(&self) -> Result<Packets, Unavailable> {
        let captures = match &*self.state {
            State::Off { reason } => {
                return Err(Unavailable {
                    what: "the wire",
                    why: reason.clone(),
                });
            }
            State::Live { captures, .. } => captures,
        };
        let mut frames = Vec::new();
        let mut stats = CaptureStats::default();
        for (interface, capture) in lock(captures).iter() {
            let captured = capture.snapshot().map_err(|error| Unavailable {
                what: "the wire",
                why: format!("capturing on {interface}: {error}"),
            })?;
            frames.extend(captured.frames);
            stats = add(stats, captured.stats);
        }
        frames.sort_by_key(|frame| frame.timestamp);
        Ok(Packets {
            packets: Packet::decode_all(&frames),
            stats,
        })
    }

    /// Stops every capture and returns what it recorded.
    pub fn finish(self) -> io::Result<Recorded> {
        let State::Live { origin, captures } = &*self.state else {
            return Ok(Recorded::default());
        };
        let mut frames = Vec::new();
        let mut names = HashMap::new();
        let mut stats = CaptureStats::default();
        let running = std::mem::take(&mut *lock(captures));
        for (interface, capture) in running {
            let captured = capture.finish(SETTLE)?;
            if let Some(frame) = captured.frames.first() {
                names.insert(frame.interface_index, interface);
            }
            frames.extend(captured.frames);
            stats = add(stats, captured.stats);
        }
        frames.sort_by_key(|frame| frame.timestamp);
        let packets = Packet::decode_all(&frames);
        Ok(Recorded {
            packets: listing(&packets, *origin, &names),
            summary: Some(CaptureSummary {
                packets: frames.len(),
                loopback_duplicates: stats.loopback_duplicates,
                dropped: stats.kernel_drops,
            }),
            frames,
        })
    }
}

impl Packets {
    /// Why a wire check cannot conclude from this capture, if it cannot: a
    /// frame the kernel dropped could make a wrong answer look right.
    pub fn incomplete(&self) -> Option<String> {
        (!self.stats.is_complete()).then(|| {
            format!(
                "the capture lost {} frames and cut {} (PACKET_STATISTICS)",
                self.stats.kernel_drops, self.stats.truncated
            )
        })
    }

    /// The connection `client` opened to `server`.
    pub fn tcp(&self, client: SocketAddr, server: SocketAddr) -> TcpConversation {
        TcpConversation { client, server }
    }

    /// The payload sizes of the data segments `from` sent in that
    /// connection, in order.
    pub fn data_sizes(&self, connection: &TcpConversation, from: Side) -> Vec<usize> {
        connection
            .data_segments(&self.packets, from)
            .iter()
            .map(|segment| segment.segment.payload.length)
            .collect()
    }

    /// The UDP datagrams (or first fragments) sent from `from` to `to`.
    pub fn udp(&self, from: SocketAddr, to: SocketAddr) -> Vec<&UdpDatagram> {
        self.packets
            .iter()
            .filter(|packet| packet.source() == Some(from) && packet.destination() == Some(to))
            .filter_map(Packet::udp)
            .collect()
    }
}

fn add(a: CaptureStats, b: CaptureStats) -> CaptureStats {
    CaptureStats {
        frames_kept: a.frames_kept + b.frames_kept,
        loopback_duplicates: a.loopback_duplicates + b.loopback_duplicates,
        truncated: a.truncated + b.truncated,
        kernel_frames: a.kernel_frames + b.kernel_frames,
        kernel_drops: a.kernel_drops + b.kernel_drops,
    }
}

/// The report's rows: each TCP segment with numbers relative to its
/// connection's SYNs (the connection is known by its first SYN), UDP and
/// the rest as they are.
fn listing(packets: &[Packet], origin: Duration, names: &HashMap<u32, String>) -> Vec<WirePacket> {
    let mut connections: Vec<TcpConversation> = Vec::new();
    for packet in packets {
        if let Some(segment) = packet.tcp()
            && segment.flags.syn
            && !segment.flags.ack
            && let (Some(client), Some(server)) = (packet.source(), packet.destination())
        {
            connections.push(TcpConversation { client, server });
        }
    }
    // Relative numbers per packet, by its index in `packets`.
    let mut relative: HashMap<usize, (u32, Option<u32>, String)> = HashMap::new();
    for connection in &connections {
        for segment in connection.segments(packets) {
            let line = segment.describe(Duration::ZERO);
            // The description starts with the time and "client > server";
            // the report keeps what follows.
            let summary = line
                .split_once("  ")
                .and_then(|(_, rest)| rest.split_once("  "))
                .map_or(line.clone(), |(_, rest)| rest.to_string());
            relative.insert(
                segment.index,
                (
                    segment.relative_sequence,
                    segment.relative_acknowledgment,
                    summary,
                ),
            );
        }
    }
    packets
        .iter()
        .enumerate()
        .map(|(index, packet)| {
            let at_ms = packet.timestamp.saturating_sub(origin).as_secs_f64() * 1000.0;
            let interface = names
                .get(&packet.interface_index)
                .cloned()
                .unwrap_or_else(|| format!("if{}", packet.interface_index));
            let (from, to) = match (packet.source(), packet.destination(), packet.ip) {
                (Some(source), Some(destination), _) => {
                    (Some(source.to_string()), Some(destination.to_string()))
                }
                (_, _, Some(ip)) => (
                    Some(ip.source.to_string()),
                    Some(ip.destination.to_string()),
                ),
                _ => (None, None),
            };
            // "time  from > to  what", or "time  what" for a frame without
            // IP (ARP): the report keeps what follows the time and the
            // addresses.
            let described = packet.describe(packet.timestamp);
            let after_time = described
                .split_once("  ")
                .map_or(described.as_str(), |(_, rest)| rest);
            let plain_summary = match packet.ip {
                Some(_) => after_time
                    .split_once("  ")
                    .map_or(after_time, |(_, rest)| rest),
                None => after_time,
            }
            .to_string();
            let (protocol, flags, length) = match &packet.transport {
                Transport::Tcp(segment) => (
                    "tcp".to_string(),
                    Some(segment.flags.tcpdump()),
                    segment.payload.length,
                ),
                Transport::Udp(datagram) => ("udp".to_string(), None, datagram.payload.length),
                Transport::LaterFragment { payload } => {
                    ("ip-fragment".to_string(), None, payload.length)
                }
                Transport::Other { what } => (what.clone(), None, 0),
            };
            let (seq, ack, summary) = match relative.get(&index) {
                Some((seq, ack, summary)) => (Some(*seq), *ack, summary.clone()),
                None => (None, None, plain_summary),
            };
            WirePacket {
                at_ms,
                interface,
                from,
                to,
                protocol,
                flags,
                seq,
                ack,
                length,
                summary,
            }
        })
        .collect()
}

fn now_since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
