//! The wire: what the kernel really put on an interface during a lab.
//!
//! A socket's own figures (TCP_INFO, FIONREAD) say what the kernel
//! *counted*; a capture shows what it *sent*: how many segments a write
//! became, which flags they carried, whether a datagram crossed whole or in
//! fragments, whether a close put an RST on the wire. Inside socklab's
//! private network namespace ([`crate::sandbox`]) the only traffic is the
//! lab's own, so every captured frame belongs to the lesson.
//!
//! - [`capture`]: an `AF_PACKET` socket on one interface, kernel
//!   timestamps, loopback duplicates removed, drops counted;
//! - [`packet`]: frames decoded with `etherparse` into [`Packet`]s, TCP
//!   conversations with relative numbers and tcpdump-like lines;
//! - [`pcap`]: the capture saved for tshark or Wireshark.
//!
//! - [`run`]: the [`Wire`] of one lab run, which `lab::run` starts and the
//!   lab asks: [`Wire::packets`] after its exchange, then `expect::on_wire`
//!   turns what it sees into a check (skipped, with the reason, when there
//!   is no capture or the capture lost frames).

pub mod capture;
pub mod packet;
pub mod pcap;
pub mod run;

pub use capture::{Capture, CaptureStats, Captured, Direction, Frame};
pub use packet::{ConversationSegment, Packet, Side, TcpConversation, Transport};
pub use pcap::{save_pcap, write_pcap};
pub use run::{Packets, Recorded, Wire};
