//! `--timeline`: the sends and receives of a lab run, as a sequence diagram.
//!
//! A table says what the kernel did in the end; a timeline shows when. For a
//! sticky packet the picture is the lesson: four sends on the client side,
//! two receives on the server side, and 40 ms between them. The events were
//! recorded by `net::trace` during the run; this module only draws them.
//!
//! When the lab ran in socklab's private network, the packets of the same
//! run are drawn between the two columns, in time order with the calls:
//! `┄┄ [P.] seq 1:6 len 5 b"hello" ┄┄▶` is a segment from client to
//! server. A send that returns before its bytes leave (Nagle holding them)
//! and a recv that returns two segments' bytes at once are then plain to
//! see. Only the packets of the sockets in the diagram are drawn.

use crate::{i18n, tr};
use std::collections::HashMap;
use std::net::SocketAddr;

use crate::report::{Event, Side, WirePacket};

/// Width of each side's column; with the time and the arrow the diagram
/// fits an 80-column terminal.
const COLUMN: usize = 30;

/// A diagram longer than this many lines is cut (lab 5 makes hundreds of
/// round trips): the first ones show the pattern.
const MOST_LINES_SHOWN: usize = 120;

/// The widest a packet's description gets between the arrows.
const PACKET_TEXT: usize = 56;

/// One line of the diagram: a call, or a packet.
enum Item<'a> {
    Call(&'a Event),
    Packet(&'a WirePacket, Side),
}

impl Item<'_> {
    fn at_ms(&self) -> f64 {
        match self {
            Item::Call(event) => event.at_ms,
            Item::Packet(packet, _) => packet.at_ms,
        }
    }
}

/// The diagram: one line per call, client calls on the left, server calls
/// on the right, an arrow pointing the way the bytes went, a rule where a
/// new connection starts, the kernel's note under a send, and between the
/// columns the packets on the wire.
pub fn render(events: &[Event], wire: &[WirePacket]) -> String {
    let mut text = format!(
        "{}  {}        {}\n",
        i18n::pad_start(&tr!("timeline-time", "time"), 9),
        i18n::pad_end(&tr!("timeline-client", "client"), COLUMN),
        tr!("timeline-server", "server")
    );
    let sides: HashMap<SocketAddr, Side> = events
        .iter()
        .filter_map(|event| Some((event.local?, event.side)))
        .collect();
    let mut items: Vec<Item> = events.iter().map(Item::Call).collect();
    items.extend(wire.iter().filter_map(|packet| {
        let from: SocketAddr = packet.from.as_deref()?.parse().ok()?;
        Some(Item::Packet(packet, *sides.get(&from)?))
    }));
    items.sort_by(|a, b| a.at_ms().total_cmp(&b.at_ms()));
    let mut conversation = None;
    let mut count = 0;
    let total = items.len();
    for item in items.into_iter().take(MOST_LINES_SHOWN) {
        let event = match item {
            Item::Call(event) => event,
            Item::Packet(packet, side) => {
                let what = shorten(&packet.summary, PACKET_TEXT);
                let line = match side {
                    Side::Client => format!("      ┄┄ {what} ┄┄▶"),
                    Side::Server => format!("      ◀┄┄ {what} ┄┄"),
                };
                text.push_str(&format!(
                    "{:>9}  {line}\n",
                    format!("{:.2} ms", packet.at_ms)
                ));
                continue;
            }
        };
        // An unconnected socket (a UDP receiver) has no peer of its own: its
        // calls belong to the conversation already on screen.
        if event.conversation.is_some() && event.conversation != conversation {
            count += 1;
            conversation = event.conversation;
            text.push_str(&format!(
                "{:>9}  ── {} {}\n",
                "",
                tr!(
                    "timeline-conversation",
                    "conversation {count}",
                    count = count
                ),
                "─".repeat(50)
            ));
        }
        let what = shorten(&format!("{} {}", event.call, event.result), COLUMN);
        let time = format!("{:.2} ms", event.at_ms);
        let line = match (event.side, event.call.as_str()) {
            (Side::Client, "send") => format!("{what:<COLUMN$} ──────▶"),
            (Side::Client, _) => format!("{what:<COLUMN$} ◀──────"),
            (Side::Server, "send") => format!("{:<COLUMN$} ◀────── {what}", ""),
            (Side::Server, _) => format!("{:<COLUMN$} ──────▶ {what}", ""),
        };
        text.push_str(&format!("{time:>9}  {}\n", line.trim_end()));
        if let Some(note) = &event.note {
            let indent = match event.side {
                Side::Client => String::new(),
                Side::Server => " ".repeat(COLUMN + 9),
            };
            text.push_str(&format!("{:>9}  {indent}  ({note})\n", ""));
        }
    }
    if total > MOST_LINES_SHOWN {
        text.push_str(&format!(
            "{:>9}  {}\n",
            "",
            tr!(
                "timeline-more",
                "… and {more} more calls and packets (see --format json for all of them)",
                more = total - MOST_LINES_SHOWN
            )
        ));
    }
    if events.is_empty() {
        text.push_str(&format!(
            "           {}\n",
            tr!(
                "timeline-nothing",
                "(no sends or receives were recorded in this lab)"
            )
        ));
    }
    text
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
