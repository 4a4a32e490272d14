//! `--wire`: a lab's packets under its table, the way tcpdump prints them.
//!
//! One line per packet: the time since the lab started, sender > receiver,
//! then TCP's flags in tcpdump's letters (`S` SYN, `.` ACK, `P` PUSH, `F`
//! FIN, `R` RST), the sequence numbers the segment covers counted from the
//! sender's SYN (`seq 1:6` is the first five data bytes), what it
//! acknowledges, the window, the payload length and its first bytes. On
//! loopback every address is 127.0.0.1, so only the ports are shown
//! (`:41234`).

use crate::render::Format;
use crate::report::{Report, WirePacket};

/// Packets listed before the listing is cut (lab 6 sends hundreds); the
/// JSON report and `--pcap` have them all.
const MOST_PACKETS_SHOWN: usize = 60;

/// The listing for `report`, in the style of `format` (a fenced block in
/// markdown); a line saying why there is none when nothing was captured.
pub fn listing(report: &Report, format: Format) -> String {
    let mut lines = Vec::new();
    match &report.capture {
        None => lines.push("wire: nothing captured (the lab ran on the host network)".to_string()),
        Some(capture) => {
            lines.push(format!(
                "wire: {} packets ({} loopback copies not shown, {} dropped by the kernel)",
                capture.packets, capture.loopback_duplicates, capture.dropped
            ));
            lines.extend(report.wire.iter().take(MOST_PACKETS_SHOWN).map(line));
            if report.wire.len() > MOST_PACKETS_SHOWN {
                lines.push(format!(
                    "… and {} more (see --format json or --pcap)",
                    report.wire.len() - MOST_PACKETS_SHOWN
                ));
            }
        }
    }
    let body = lines.join("\n");
    match format {
        Format::Markdown => format!("\n```text\n{body}\n```\n"),
        _ => format!("{body}\n"),
    }
}

/// `  12.345 ms  :41234 > :39867  [P.] seq 1:6 ack 1 win 512 len 5 b"hello"`.
pub fn line(packet: &WirePacket) -> String {
    let ends = match (&packet.from, &packet.to) {
        (Some(from), Some(to)) => format!("{} > {}  ", short(from), short(to)),
        _ => String::new(),
    };
    format!("{:>9.3} ms  {ends}{}", packet.at_ms, packet.summary)
}

/// An address with loopback's 127.0.0.1 left out: `:41234`.
pub fn short(address: &str) -> &str {
    address.strip_prefix("127.0.0.1").unwrap_or(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_like_tcpdump() {
        let packet = WirePacket {
            at_ms: 1.5,
            interface: "lo".into(),
            from: Some("127.0.0.1:41234".into()),
            to: Some("127.0.0.1:39867".into()),
            protocol: "tcp".into(),
            flags: Some("P.".into()),
            seq: Some(1),
            ack: Some(1),
            length: 5,
            summary: "[P.] seq 1:6 ack 1 win 512 len 5 b\"hello\"".into(),
        };
        assert_eq!(
            line(&packet),
            "    1.500 ms  :41234 > :39867  [P.] seq 1:6 ack 1 win 512 len 5 b\"hello\""
        );
        assert_eq!(short("198.18.0.2:80"), "198.18.0.2:80");
    }
}
