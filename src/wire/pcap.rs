//! Saving a capture as a classic pcap file, for tshark and Wireshark.
//!
//! The pcap format (pcap-savefile(5); draft-ietf-opsawg-pcap) is a small
//! container: a 24-byte file header, then for each frame a 16-byte record
//! header (timestamp, captured length, original length) and the frame's
//! bytes. Its magic number says both the byte order and the timestamp
//! resolution: `0xa1b23c4d` means nanoseconds, which keeps the kernel's
//! `SO_TIMESTAMPNS` precision. The link type is `LINKTYPE_ETHERNET` (1):
//! frames from `lo` and veth interfaces start with an Ethernet header (lo's
//! addresses are all zero).
//!
//! Written little-endian whatever the host, so a file is the same bytes
//! everywhere; readers recognise the byte order from the magic number.
//! Classic pcap has no field for the direction of a frame; pcapng would.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::capture::{Frame, SNAP_LENGTH};

/// The magic number of a nanosecond-resolution pcap file.
pub const NANOSECOND_MAGIC: u32 = 0xa1b2_3c4d;

/// The link type of Ethernet frames (tcpdump.org's link-layer header types).
pub const LINKTYPE_ETHERNET: u32 = 1;

/// Writes `frames` as a pcap file to `out`.
pub fn write_pcap(mut out: impl Write, frames: &[Frame]) -> io::Result<()> {
    let snap_length = u32::try_from(SNAP_LENGTH).unwrap_or(u32::MAX);
    let mut header = Vec::with_capacity(24);
    header.extend_from_slice(&NANOSECOND_MAGIC.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes()); // version 2.4
    header.extend_from_slice(&4u16.to_le_bytes());
    header.extend_from_slice(&0i32.to_le_bytes()); // time zone: UTC
    header.extend_from_slice(&0u32.to_le_bytes()); // timestamp accuracy
    header.extend_from_slice(&snap_length.to_le_bytes());
    header.extend_from_slice(&LINKTYPE_ETHERNET.to_le_bytes());
    out.write_all(&header)?;

    for frame in frames {
        let seconds = u32::try_from(frame.timestamp.as_secs()).map_err(|_| {
            invalid(format!(
                "a timestamp of {} s does not fit a pcap record",
                frame.timestamp.as_secs()
            ))
        })?;
        if frame.bytes.len() > SNAP_LENGTH {
            return Err(invalid(format!(
                "a {}-byte frame is longer than the snap length {SNAP_LENGTH}",
                frame.bytes.len()
            )));
        }
        let captured = u32::try_from(frame.bytes.len()).unwrap_or(u32::MAX);
        let original = u32::try_from(frame.original_length.max(frame.bytes.len()))
            .map_err(|_| invalid("an original length does not fit a pcap record".to_owned()))?;
        let mut record = Vec::with_capacity(16);
        record.extend_from_slice(&seconds.to_le_bytes());
        record.extend_from_slice(&frame.timestamp.subsec_nanos().to_le_bytes());
        record.extend_from_slice(&captured.to_le_bytes());
        record.extend_from_slice(&original.to_le_bytes());
        out.write_all(&record)?;
        out.write_all(&frame.bytes)?;
    }
    out.flush()
}

/// Writes `frames` as a pcap file at `path` (created or replaced).
pub fn save_pcap(path: &Path, frames: &[Frame]) -> io::Result<()> {
    let file = File::create(path).map_err(|error| {
        io::Error::new(
            error.kind(),
            format!("creating {}: {error}", path.display()),
        )
    })?;
    write_pcap(BufWriter::new(file), frames)
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::capture::Direction;
    use crate::wire::packet::Packet;
    use etherparse::PacketBuilder;
    use std::time::Duration;

    fn udp_frame(payload: &[u8], timestamp: Duration) -> Frame {
        let mut bytes = Vec::new();
        PacketBuilder::ethernet2([0; 6], [0; 6])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .udp(40_000, 5_000)
            .write(&mut bytes, payload)
            .expect("in memory");
        Frame {
            timestamp,
            direction: Direction::Outgoing,
            interface_index: 1,
            original_length: bytes.len(),
            bytes,
        }
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    }

    /// Reads back what write_pcap wrote: (seconds, nanoseconds, frame).
    fn records(file: &[u8]) -> Vec<(u32, u32, Vec<u8>, u32)> {
        let mut records = Vec::new();
        let mut at = 24;
        while at < file.len() {
            let captured = u32_at(file, at + 8) as usize;
            records.push((
                u32_at(file, at),
                u32_at(file, at + 4),
                file[at + 16..at + 16 + captured].to_vec(),
                u32_at(file, at + 12),
            ));
            at += 16 + captured;
        }
        records
    }

    #[test]
    fn the_file_header_says_nanoseconds_and_ethernet() {
        let mut file = Vec::new();
        write_pcap(&mut file, &[]).expect("in memory");
        assert_eq!(file.len(), 24);
        assert_eq!(&file[..4], &[0x4d, 0x3c, 0xb2, 0xa1]);
        assert_eq!(&file[4..8], &[2, 0, 4, 0]);
        assert_eq!(u32_at(&file, 16), SNAP_LENGTH as u32);
        assert_eq!(u32_at(&file, 20), LINKTYPE_ETHERNET);
    }

    #[test]
    fn records_keep_time_lengths_and_bytes() {
        let first = udp_frame(b"hello", Duration::new(1_700_000_000, 123_456_789));
        let mut second = udp_frame(b"world!", Duration::new(1_700_000_001, 5));
        second.original_length += 100; // as if cut by the snap length
        let mut file = Vec::new();
        write_pcap(&mut file, &[first.clone(), second.clone()]).expect("in memory");

        let read = records(&file);
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].0, read[0].1), (1_700_000_000, 123_456_789));
        assert_eq!(read[0].2, first.bytes);
        assert_eq!(read[0].3 as usize, first.bytes.len());
        assert_eq!((read[1].0, read[1].1), (1_700_000_001, 5));
        assert_eq!(read[1].3 as usize, second.bytes.len() + 100);
        // The bytes read back decode to the same datagram.
        let decoded = Packet::decode(&Frame {
            bytes: read[1].2.clone(),
            ..second
        });
        assert_eq!(decoded.udp().map(|udp| udp.payload.length), Some(6));
    }

    #[test]
    fn an_unrepresentable_frame_is_an_error() {
        let late = udp_frame(b"x", Duration::from_secs(u64::from(u32::MAX) + 1));
        let error = write_pcap(Vec::new(), &[late]).expect_err("past 2106");
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        let mut huge = udp_frame(b"x", Duration::ZERO);
        huge.bytes.resize(SNAP_LENGTH + 1, 0);
        assert!(write_pcap(Vec::new(), &[huge]).is_err());
    }
}
