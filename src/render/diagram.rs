//! `--diagram FILE`: a lab run's connections as SVG sequence diagrams, for
//! the book and for slides.
//!
//! The text `--timeline` is for a terminal; a picture in a course needs to
//! be drawn from the same run, or it teaches what some textbook's kernel
//! did. This renderer draws one connection (or every connection, one under
//! the other) from the report alone: the packets the capture saw between
//! the two addresses, and the calls the timeline recorded on the sockets at
//! either end. The client column is the end that sent the SYN (for UDP, or
//! a capture without the handshake, the side the timeline gave the socket).
//!
//! Rows are in time order and evenly spaced: the order of the arrows, their
//! flags and bytes and the kernel's notes are the lesson, and they are the
//! same on every run. What may differ between two honest runs is marked
//! for a test to leave out (tests/book.rs compares the book's diagrams
//! with a fresh run's this way): the times, each in a `<text
//! class="time">` of its own, and how one side's calls interleave with the
//! other side's, which two threads decide. So every packet is drawn with
//! `class="packet …"` (the packets keep one order, the capture's), and
//! every call and note with `class="call client"`, `class="note server"`...:
//! the order within each of those lanes is fixed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;

use crate::report::{Event, Report, Side, WirePacket};

/// Rows drawn per connection: enough for a handshake, a few exchanges and
/// the close; lab 5's hundreds of round trips repeat what the first show.
const MOST_ROWS: usize = 36;

/// The widest a call's label gets (characters), beside its column.
const CALL_TEXT: usize = 30;
/// The widest a packet's label gets, above its arrow.
const PACKET_TEXT: usize = 50;
/// Payload characters shown in a packet's label (`b"xxxxxxxxxx"…`): the
/// first bytes say what the segment is; lab 13's 4096 x's say nothing more.
const PAYLOAD_TEXT: usize = 12;

/// The geometry, in pixels. Labels are monospace, so their width is known
/// from their length: 12 px DejaVu Sans Mono is 7.2 px a character.
const TIME_RIGHT: usize = 76;
const CLIENT_X: usize = 310;
const SERVER_X: usize = 660;
const WIDTH: usize = 900;
const ROW: usize = 24;
const NOTE_ROW: usize = 14;
const HEADER: usize = 70;

/// The arrows' colours, by what the packet does: a reset, a SYN, a FIN,
/// data, or a bare acknowledgment (drawn dashed).
const ARROW_COLOURS: [(&str, &str); 5] = [
    ("reset", "#b3261e"),
    ("syn", "#2e7d32"),
    ("fin", "#6a3fa0"),
    ("data", "#1f1f1f"),
    ("ack", "#8a8a8a"),
];

/// `--connection N` asked for a connection the run did not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "lab {lab} has {found} connections on the wire and in its timeline: --connection {asked} is not one of them"
)]
pub struct NoSuchConnection {
    pub lab: u8,
    pub asked: usize,
    pub found: usize,
}

/// The two ends of a connection, smaller address first, as the report's
/// [`Event::conversation`] stores them.
type Ends = (SocketAddr, SocketAddr);

/// One row: a packet from one end to the other, or a call at one end.
enum Row<'a> {
    Packet { packet: &'a WirePacket, from: Side },
    Call(&'a Event),
}

impl Row<'_> {
    fn at_ms(&self) -> f64 {
        match self {
            Row::Packet { packet, .. } => packet.at_ms,
            Row::Call(event) => event.at_ms,
        }
    }
}

/// The SVG of `report`'s connection number `connection` (1 is the first to
/// appear, on the wire or in the timeline), or of all its connections when
/// `None`.
pub fn svg(report: &Report, connection: Option<usize>) -> Result<String, NoSuchConnection> {
    let all = connections(report);
    let chosen: Vec<(usize, &Ends)> = match connection {
        None => all
            .iter()
            .enumerate()
            .map(|(i, ends)| (i + 1, ends))
            .collect(),
        Some(asked) if (1..=all.len()).contains(&asked) => vec![(asked, &all[asked - 1])],
        Some(asked) => {
            return Err(NoSuchConnection {
                lab: report.number,
                asked,
                found: all.len(),
            });
        }
    };
    let mut body = String::new();
    let mut y = HEADER;
    for (number, ends) in chosen {
        y = draw_connection(&mut body, report, number, ends, y);
    }
    if all.is_empty() {
        let _ = writeln!(
            body,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#555">no connection to draw: no calls were recorded and no packets captured</text>"##,
            WIDTH / 2,
            y + ROW
        );
        y += 2 * ROW;
    }
    let height = y + ROW;
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12" role="img">
<title>{title}</title>
<rect width="{WIDTH}" height="{height}" rx="8" fill="#ffffff"/>
<defs>{markers}</defs>
<text x="{TIME_RIGHT}" y="24" text-anchor="end" fill="#555">time</text>
<text x="{CLIENT_X}" y="24" text-anchor="middle" font-weight="bold">client</text>
<text x="{SERVER_X}" y="24" text-anchor="middle" font-weight="bold">server</text>
<line x1="{CLIENT_X}" y1="34" x2="{CLIENT_X}" y2="{y}" stroke="#4a6fa5" stroke-width="2"/>
<line x1="{SERVER_X}" y1="34" x2="{SERVER_X}" y2="{y}" stroke="#4a6fa5" stroke-width="2"/>
{body}</svg>
"##,
        markers = ARROW_COLOURS
            .iter()
            .map(|(name, colour)| format!(
                r#"<marker id="head-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#
            ))
            .collect::<String>(),
        title = escape(&format!(
            "{}: calls and packets, from socklab run {} --diagram",
            super::heading(report),
            report.number
        )),
    ))
}

/// Every connection of the run, in the order it first appears: the address
/// pairs of the captured packets and of the recorded calls.
fn connections(report: &Report) -> Vec<Ends> {
    let mut firsts: Vec<(f64, Ends)> = Vec::new();
    let mut note = |at_ms: f64, ends: Ends| match firsts.iter_mut().find(|(_, e)| *e == ends) {
        Some(first) => first.0 = first.0.min(at_ms),
        None => firsts.push((at_ms, ends)),
    };
    for packet in &report.wire {
        if let Some(ends) = packet_ends(packet) {
            note(packet.at_ms, ends);
        }
    }
    for event in report.timeline.iter().flatten() {
        if let Some(ends) = event.conversation {
            note(event.at_ms, ends);
        }
    }
    firsts.sort_by(|a, b| a.0.total_cmp(&b.0));
    firsts.into_iter().map(|(_, ends)| ends).collect()
}

fn packet_ends(packet: &WirePacket) -> Option<Ends> {
    let from: SocketAddr = packet.from.as_deref()?.parse().ok()?;
    let to: SocketAddr = packet.to.as_deref()?.parse().ok()?;
    Some(ordered(from, to))
}

fn ordered(a: SocketAddr, b: SocketAddr) -> Ends {
    if a <= b { (a, b) } else { (b, a) }
}

/// Which end is the client: the sender of the SYN, else the end the
/// timeline calls the client, else the first packet's sender.
fn client_end(report: &Report, ends: &Ends) -> SocketAddr {
    let packets = || {
        report
            .wire
            .iter()
            .filter(|packet| packet_ends(packet).as_ref() == Some(ends))
    };
    let sender = |packet: &WirePacket| packet.from.as_deref()?.parse::<SocketAddr>().ok();
    let syn_sender = packets()
        .find(|packet| packet.flags.as_deref() == Some("S"))
        .and_then(sender);
    let timeline_client = report.timeline.iter().flatten().find_map(|event| {
        let local = event.local?;
        (event.side == Side::Client && (local == ends.0 || local == ends.1)).then_some(local)
    });
    syn_sender
        .or(timeline_client)
        .or_else(|| packets().next().and_then(sender))
        .unwrap_or(ends.0)
}

/// Draws connection `number` from `y` down; returns where it ended.
fn draw_connection(
    svg: &mut String,
    report: &Report,
    number: usize,
    ends: &Ends,
    mut y: usize,
) -> usize {
    let client = client_end(report, ends);
    let sides: HashMap<SocketAddr, Side> = [
        (client, Side::Client),
        (if client == ends.0 { ends.1 } else { ends.0 }, Side::Server),
    ]
    .into();
    let mut rows: Vec<Row> = report
        .wire
        .iter()
        .filter(|packet| packet_ends(packet).as_ref() == Some(ends))
        .filter_map(|packet| {
            let from = packet.from.as_deref()?.parse::<SocketAddr>().ok()?;
            Some(Row::Packet {
                packet,
                from: sides[&from],
            })
        })
        .collect();
    rows.extend(
        report
            .timeline
            .iter()
            .flatten()
            .filter(|event| event.conversation.as_ref() == Some(ends))
            .map(Row::Call),
    );
    rows.sort_by(|a, b| a.at_ms().total_cmp(&b.at_ms()));

    let _ = writeln!(
        svg,
        r##"<rect x="8" y="{}" width="{}" height="20" fill="#eef3fb"/><text x="{}" y="{}" text-anchor="middle" fill="#333">connection {number}</text>"##,
        y - 14,
        WIDTH - 16,
        WIDTH / 2,
        y
    );
    y += ROW + 6;
    let total = rows.len();
    for row in rows.into_iter().take(MOST_ROWS) {
        let _ = writeln!(
            svg,
            r##"<text class="time" x="{TIME_RIGHT}" y="{y}" text-anchor="end" fill="#777">{:.2} ms</text>"##,
            row.at_ms()
        );
        match row {
            Row::Packet { packet, from } => draw_packet(svg, packet, from, y),
            Row::Call(event) => y += draw_call(svg, event, y),
        }
        y += ROW;
    }
    if total > MOST_ROWS {
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{y}" text-anchor="middle" fill="#555">… and more: socklab run {} --timeline shows every call and packet</text>"##,
            WIDTH / 2,
            report.number
        );
        y += ROW;
    }
    y + ROW / 2
}

/// An arrow from the sender's column to the receiver's, its label above.
fn draw_packet(svg: &mut String, packet: &WirePacket, from: Side, y: usize) {
    let (x1, x2, direction) = match from {
        Side::Client => (CLIENT_X, SERVER_X, "to-server"),
        Side::Server => (SERVER_X, CLIENT_X, "to-client"),
    };
    let flags = packet.flags.as_deref().unwrap_or("");
    let kind = if flags.contains('R') {
        "reset"
    } else if flags.contains('S') {
        "syn"
    } else if flags.contains('F') {
        "fin"
    } else if packet.length > 0 {
        "data"
    } else {
        "ack"
    };
    let colour = ARROW_COLOURS
        .iter()
        .find_map(|(name, colour)| (*name == kind).then_some(*colour))
        .unwrap_or("#1f1f1f");
    let dash = if kind == "ack" {
        r#" stroke-dasharray="4 3""#
    } else {
        ""
    };
    let _ = writeln!(
        svg,
        r##"<line class="packet {direction}" x1="{x1}" y1="{}" x2="{x2}" y2="{}" stroke="{colour}" stroke-width="1.5"{dash} marker-end="url(#head-{kind})"/><text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{colour}">{}</text>"##,
        y - 3,
        y - 3,
        (CLIENT_X + SERVER_X) / 2,
        y - 7,
        escape(&shorten(&packet_label(&packet.summary), PACKET_TEXT))
    );
}

/// A call as a mark on its column and a label beside it (outside the
/// space the packets use), the kernel's note under it. Returns the extra
/// height the note took.
fn draw_call(svg: &mut String, event: &Event, y: usize) -> usize {
    let (x, label_x, anchor, side) = match event.side {
        Side::Client => (CLIENT_X, CLIENT_X - 12, "end", "client"),
        Side::Server => (SERVER_X, SERVER_X + 12, "start", "server"),
    };
    // Errors are names like ECONNRESET or EPIPE: draw them in red.
    let failed = event.result.starts_with('E');
    let colour = if failed { "#b3261e" } else { "#1f1f1f" };
    let _ = writeln!(
        svg,
        r##"<rect class="call {side}" x="{}" y="{}" width="10" height="16" fill="{colour}"/><text x="{label_x}" y="{y}" text-anchor="{anchor}" fill="{colour}">{}</text>"##,
        x - 5,
        y - 12,
        escape(&shorten(
            &format!("{} {}", event.call, event.result),
            CALL_TEXT
        ))
    );
    let Some(note) = &event.note else {
        return 0;
    };
    let _ = writeln!(
        svg,
        r##"<text class="note {side}" x="{label_x}" y="{}" text-anchor="{anchor}" font-size="11" fill="#555">{}</text>"##,
        y + NOTE_ROW,
        escape(&shorten(&format!("({note})"), CALL_TEXT + 4))
    );
    NOTE_ROW
}

/// A packet's summary without its TCP options (`<mss 65495,sackOK,...>`),
/// which every SYN carries and no lesson here needs, and with its payload
/// cut to its first bytes.
fn packet_label(summary: &str) -> String {
    let label = match (summary.find(" <"), summary.find("> ")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &summary[..start], &summary[end + 1..])
        }
        _ => summary.to_string(),
    };
    match label.find(" b\"") {
        Some(start) => {
            let (head, payload) = label.split_at(start + 1);
            let payload = payload.trim_end_matches("...");
            format!("{head}{}", shorten(payload, PAYLOAD_TEXT))
        }
        None => label,
    }
}

/// Cuts `text` to `width` characters, marking the cut with "…".
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// Text as SVG (XML) character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    fn packet(at_ms: f64, from: &str, to: &str, flags: &str, summary: &str) -> WirePacket {
        WirePacket {
            at_ms,
            interface: "lo".into(),
            from: Some(from.into()),
            to: Some(to.into()),
            protocol: "tcp".into(),
            flags: Some(flags.into()),
            seq: Some(0),
            ack: None,
            length: if flags.contains('P') { 5 } else { 0 },
            summary: summary.into(),
        }
    }

    /// A handshake and one data segment, the server's end listed first in
    /// address order: the SYN's sender must still be the client.
    fn report_with_one_connection() -> Report {
        let mut report = fixtures::report();
        report.wire = vec![
            packet(
                0.1,
                "127.0.0.1:50000",
                "127.0.0.1:40000",
                "S",
                "[S] seq 0 win 65495 <mss 65495,sackOK,TS,wscale 10> len 0",
            ),
            packet(
                0.2,
                "127.0.0.1:40000",
                "127.0.0.1:50000",
                "S.",
                "[S.] seq 0 ack 1 win 65483 <mss 65495> len 0",
            ),
            packet(
                0.4,
                "127.0.0.1:50000",
                "127.0.0.1:40000",
                "P.",
                "[P.] seq 1:6 ack 1 win 64 len 5 b\"hello\"",
            ),
        ];
        let ends = ordered(
            "127.0.0.1:50000".parse().unwrap(),
            "127.0.0.1:40000".parse().unwrap(),
        );
        report.timeline = Some(vec![Event {
            at_ms: 0.3,
            side: Side::Client,
            call: "send".into(),
            result: "5 B b\"hello\"".into(),
            note: Some("held 0 B · 1 segs sent".into()),
            local: Some("127.0.0.1:50000".parse().unwrap()),
            conversation: Some(ends),
        }]);
        report
    }

    #[test]
    fn draws_the_handshake_from_the_client_and_the_calls_in_time_order() {
        let svg = svg(&report_with_one_connection(), Some(1)).unwrap();
        let syn = svg
            .find("[S] seq 0 win 65495 len 0")
            .expect("options dropped");
        let syn_ack = svg.find("[S.] seq 0 ack 1").unwrap();
        let send = svg.find("send 5 B b&quot;hello&quot;").unwrap();
        let data = svg.find("[P.] seq 1:6").unwrap();
        assert!(syn < syn_ack && syn_ack < send && send < data);
        // The SYN goes left to right: from the client's column.
        assert!(svg.contains(&format!(
            r#"<line class="packet to-server" x1="{CLIENT_X}" y1="97" x2="{SERVER_X}""#
        )));
        assert!(svg.contains(r#"<rect class="call client""#));
        assert!(svg.contains("(held 0 B · 1 segs sent)"));
        assert_eq!(svg.matches(r#"<text class="time""#).count(), 4);
    }

    #[test]
    fn a_connection_that_is_not_there_is_an_error() {
        let report = report_with_one_connection();
        assert_eq!(
            svg(&report, Some(2)),
            Err(NoSuchConnection {
                lab: 3,
                asked: 2,
                found: 1
            })
        );
        assert!(svg(&report, None).unwrap().contains("connection 1"));
        let nothing = svg(&fixtures::report(), None).unwrap();
        assert!(nothing.contains("no connection to draw"));
    }

    #[test]
    fn labels_are_escaped_and_cut() {
        assert_eq!(escape(r#"b"<&>""#), "b&quot;&lt;&amp;&gt;&quot;");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(
            packet_label("[R] seq 2 win 0 len 0"),
            "[R] seq 2 win 0 len 0"
        );
        assert_eq!(
            packet_label("[.] seq 1:2049 len 2048 b\"xxxxxxxxxxxxxxxx\"..."),
            "[.] seq 1:2049 len 2048 b\"xxxxxxxxx…"
        );
    }
}
