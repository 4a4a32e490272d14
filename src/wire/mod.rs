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
//! A lab's wire check goes: [`Capture::start`] before the first socket,
//! the experiment, [`Capture::finish`], refuse to conclude unless
//! [`CaptureStats::is_complete`], then [`Packet::decode_all`] and look.

pub mod capture;
pub mod packet;
pub mod pcap;

pub use capture::{Capture, CaptureStats, Captured, Direction, Frame};
pub use packet::{ConversationSegment, Packet, Side, TcpConversation, Transport};
pub use pcap::{save_pcap, write_pcap};
