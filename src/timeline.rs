//! `--timeline`: the sends and receives of a lab run, as a sequence diagram.
//!
//! A table says what the kernel did in the end; a timeline shows when. For a
//! sticky packet the picture is the lesson: four sends on the client side,
//! two receives on the server side, and 40 ms between them.
//!
//! The loopback helpers in `net` (send_all, send_once, recv_once,
//! recv_exactly, recv_flagged) report every call here while recording is on,
//! with the kernel counters that explain it: after a TCP send, the bytes
//! Nagle is holding back and the segments sent so far (TCP_INFO). Which
//! column a call goes in comes from the socket's role, registered when the
//! socket is made (`tcp_pair`, `tcp_connect`, `tcp_accept`) or by the lab
//! (`timeline::set_role`).
//!
//! Recording is process-wide and off unless `socklab run --timeline` turns it
//! on, for one lab at a time. Costs nothing when off: one atomic load.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use socket2::Socket;

use crate::net;

/// Which column of the diagram a socket belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
}

/// One call, as the diagram shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Milliseconds since the lab started.
    pub at_ms: f64,
    pub side: Side,
    /// "send", "recv", ...
    pub call: String,
    /// What the call moved: bytes sent or received, or an error name.
    pub result: String,
    /// Kernel counters worth seeing next to it, e.g. "Nagle holds 5 B".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The two ends of the connection or conversation, so the diagram can
    /// mark where a new one starts.
    #[serde(skip)]
    pub conversation: Option<(SocketAddr, SocketAddr)>,
}

struct Recording {
    started: Instant,
    events: Vec<Event>,
    roles: HashMap<SocketAddr, Side>,
}

static ON: AtomicBool = AtomicBool::new(false);
static RECORDING: Mutex<Option<Recording>> = Mutex::new(None);

/// Starts recording (clearing anything recorded before).
pub fn start() {
    *RECORDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(Recording {
        started: Instant::now(),
        events: Vec::new(),
        roles: HashMap::new(),
    });
    ON.store(true, Ordering::SeqCst);
}

/// Stops recording and returns the events, in the order they happened.
pub fn stop() -> Vec<Event> {
    ON.store(false, Ordering::SeqCst);
    let mut events = RECORDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .map(|recording| recording.events)
        .unwrap_or_default();
    // Threads record when their call returns; order by when it happened.
    events.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
    events
}

/// The time to stamp a call with: now, or nothing when not recording.
pub fn now() -> Option<Instant> {
    is_on().then(Instant::now)
}

fn is_on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Puts `socket` in the client or server column.
pub fn set_role(socket: &Socket, side: Side) {
    if !is_on() {
        return;
    }
    if let Ok(address) = net::local_addr(socket)
        && let Some(recording) = RECORDING.lock().unwrap_or_else(|e| e.into_inner()).as_mut()
    {
        recording.roles.insert(address, side);
    }
}

/// Records one call made on `socket` at time `at` (when a send began, when
/// a receive returned: that is the order in which the bytes really went).
/// Sockets without a role are left out: the diagram shows the conversation
/// the lab is about, not its set-up.
pub fn record(socket: &Socket, call: &str, result: String, at: Instant) {
    if !is_on() {
        return;
    }
    let Ok(local) = net::local_addr(socket) else {
        return;
    };
    let peer = socket.peer_addr().ok().and_then(|a| a.as_socket());
    let note = sender_note(socket, call);
    let mut guard = RECORDING.lock().unwrap_or_else(|e| e.into_inner());
    let Some(recording) = guard.as_mut() else {
        return;
    };
    let Some(&side) = recording.roles.get(&local) else {
        return;
    };
    let at_ms = at
        .saturating_duration_since(recording.started)
        .as_secs_f64()
        * 1000.0;
    recording.events.push(Event {
        at_ms,
        side,
        call: call.to_string(),
        result,
        note,
        conversation: peer.map(|peer| ordered(local, peer)),
    });
}

/// After a TCP send: what Nagle holds back and how many segments have left.
fn sender_note(socket: &Socket, call: &str) -> Option<String> {
    if call != "send" {
        return None;
    }
    let info = net::tcp_info(socket).ok()?;
    Some(format!(
        "held {} B · {} segs sent",
        info.notsent_bytes,
        info.new_data_segments()
    ))
}

fn ordered(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b { (a, b) } else { (b, a) }
}

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
