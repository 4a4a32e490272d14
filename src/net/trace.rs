//! The recording half of `--timeline`: every send and receive a lab makes.
//!
//! The loopback helpers in this module (send_all, send_once, recv_once,
//! recv_exactly, recv_flagged) report each call here while recording is on,
//! with the kernel counters that explain it: after a TCP send, the bytes
//! Nagle is holding back and the segments sent so far (TCP_INFO). Which
//! column a call goes in comes from the socket's role, registered when the
//! socket is made (`tcp_pair`, `tcp_connect`, `tcp_accept`) or by the lab
//! ([`set_role`]). The events become the report's timeline; drawing them is
//! the renderers' job (`render::timeline`).
//!
//! Recording is process-wide and off unless `socklab run --timeline` turns it
//! on, for one lab at a time. Costs nothing when off: one atomic load.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use socket2::Socket;

use crate::report::{Event, Side};

struct Recording {
    /// The run's origin, as wall-clock time since the Unix epoch: the clock
    /// the kernel stamps captured packets with, so that calls and packets
    /// share one time line in the diagram.
    origin: Duration,
    events: Vec<Event>,
    roles: HashMap<SocketAddr, Side>,
}

static ON: AtomicBool = AtomicBool::new(false);
static RECORDING: Mutex<Option<Recording>> = Mutex::new(None);

/// Starts recording (clearing anything recorded before). `origin` is the
/// run's start as wall-clock time since the Unix epoch (the clock of the
/// kernel's packet timestamps); event times count from it.
pub fn start(origin: Duration) {
    *RECORDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(Recording {
        origin,
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
pub fn now() -> Option<SystemTime> {
    is_on().then(SystemTime::now)
}

fn is_on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Puts `socket` in the client or server column.
pub fn set_role(socket: &Socket, side: Side) {
    if !is_on() {
        return;
    }
    if let Ok(address) = super::local_addr(socket)
        && let Some(recording) = RECORDING.lock().unwrap_or_else(|e| e.into_inner()).as_mut()
    {
        recording.roles.insert(address, side);
    }
}

/// Records one call made on `socket` at time `at` (when a send began, when
/// a receive returned: that is the order in which the bytes really went).
/// Sockets without a role are left out: the diagram shows the conversation
/// the lab is about, not its set-up.
pub fn record(socket: &Socket, call: &str, result: String, at: SystemTime) {
    if !is_on() {
        return;
    }
    let Ok(local) = super::local_addr(socket) else {
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
    let since_epoch = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let at_ms = since_epoch.saturating_sub(recording.origin).as_secs_f64() * 1000.0;
    recording.events.push(Event {
        at_ms,
        side,
        call: call.to_string(),
        result,
        note,
        local: Some(local),
        conversation: peer.map(|peer| ordered(local, peer)),
    });
}

/// After a TCP send: what Nagle holds back and how many segments have left.
fn sender_note(socket: &Socket, call: &str) -> Option<String> {
    if call != "send" {
        return None;
    }
    let info = super::tcp_info(socket).ok()?;
    Some(format!(
        "held {} B · {} segs sent",
        info.notsent_bytes,
        info.new_data_segments()
    ))
}

fn ordered(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b { (a, b) } else { (b, a) }
}
