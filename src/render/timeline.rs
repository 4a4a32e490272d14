//! `--timeline`: the sends and receives of a lab run, as a sequence diagram.
//!
//! A table says what the kernel did in the end; a timeline shows when. For a
//! sticky packet the picture is the lesson: four sends on the client side,
//! two receives on the server side, and 40 ms between them. The events were
//! recorded by `net::trace` during the run; this module only draws them.

use crate::report::{Event, Side};

/// Width of each side's column; with the time and the arrow the diagram
/// fits an 80-column terminal.
const COLUMN: usize = 30;

/// A diagram longer than this many calls is cut (lab 5 makes hundreds of
/// round trips): the first calls show the pattern.
const MOST_EVENTS_SHOWN: usize = 80;

/// The diagram: one line per call, client calls on the left, server calls
/// on the right, an arrow pointing the way the bytes went, a rule where a
/// new connection starts, and the kernel's note under a send.
pub fn render(events: &[Event]) -> String {
    let mut text = format!("{:>9}  {:<COLUMN$}        {}\n", "time", "client", "server");
    let mut conversation = None;
    let mut count = 0;
    for event in events.iter().take(MOST_EVENTS_SHOWN) {
        // An unconnected socket (a UDP receiver) has no peer of its own: its
        // calls belong to the conversation already on screen.
        if event.conversation.is_some() && event.conversation != conversation {
            count += 1;
            conversation = event.conversation;
            text.push_str(&format!(
                "{:>9}  ── conversation {count} {}\n",
                "",
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
    if events.len() > MOST_EVENTS_SHOWN {
        text.push_str(&format!(
            "{:>9}  … and {} more calls (see --format json for all of them)\n",
            "",
            events.len() - MOST_EVENTS_SHOWN
        ));
    }
    if events.is_empty() {
        text.push_str("           (no sends or receives were recorded in this lab)\n");
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
