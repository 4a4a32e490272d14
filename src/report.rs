//! The report: the one contract between measuring and showing.
//!
//! A lab measures, `expect` turns each measurement into a [`CheckResult`],
//! and the runner wraps them in a [`Report`]. Renderers (table, markdown,
//! JSON) only ever see a `Report`; labs never format tables. Keeping this
//! boundary sharp is what lets the same run feed the terminal, the book,
//! scripts and the snapshot tests.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

use crate::environment::Environment;
use crate::tr;

/// Which column of the `--timeline` diagram a socket belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
}

/// One send or receive of a `--timeline` recording, as the diagram shows it.
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
    /// The address of the socket that made the call, so that the diagram
    /// can tell which side sent a packet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<SocketAddr>,
    /// The two ends of the connection or conversation, so the diagram can
    /// mark where a new one starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<(SocketAddr, SocketAddr)>,
}

/// One packet of a lab run, as the report carries it (`--wire`, the
/// timeline and the JSON `wire` array read it; `--pcap` writes the frames
/// themselves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WirePacket {
    /// Milliseconds since the lab started (the kernel's timestamp).
    pub at_ms: f64,
    /// The interface it was captured on: `lo`, or a veth end.
    pub interface: String,
    /// `ADDR:PORT` (or an address alone) of the sender and the receiver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `tcp`, `udp`, `ip-fragment`, or what else it was (`ARP`...).
    pub protocol: String,
    /// TCP flags in tcpdump's letters (`S`, `S.`, `P.`, `F.`, `R.`, `.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<String>,
    /// The TCP sequence number relative to the sender's first (SYN = 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// The TCP acknowledgment number relative to the other side's first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ack: Option<u32>,
    /// Payload bytes (TCP data, UDP data, or a fragment's bytes).
    pub length: usize,
    /// The rest of the line tcpdump would print, e.g. `[P.] seq 1:6 ack 1
    /// win 512 len 5 b"hello"`.
    pub summary: String,
}

/// Whether a lab's capture can be trusted: what was kept and what the
/// kernel dropped (PACKET_STATISTICS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureSummary {
    pub packets: usize,
    /// Loopback's second copies (each packet is seen leaving and arriving).
    pub loopback_duplicates: usize,
    /// Frames the kernel dropped: when not 0, wire checks are skipped.
    pub dropped: u64,
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The kernel did what the lab expected.
    Pass,
    /// The kernel did something else: the most interesting row in any table.
    Mismatch,
    /// The check could not be run here; `CheckResult::reason` says why.
    Skipped,
}

impl Verdict {
    /// The word shown in tables: MISMATCH is shouted so it cannot be missed.
    pub fn label(self) -> String {
        match self {
            Verdict::Pass => tr!("verdict-pass", "pass"),
            Verdict::Mismatch => tr!("verdict-mismatch", "MISMATCH"),
            Verdict::Skipped => tr!("verdict-skipped", "skipped"),
        }
    }
}

/// What kind of value a check observed. Exact values (counts, sizes, bytes,
/// errno names, TCP states) must be identical from run to run. Varying ones
/// (times, and counts that depend on scheduling such as how often a loop
/// spun) differ between runs and are compared against thresholds, so
/// snapshots and the book redact them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    Exact,
    Varying,
}

/// A check's expected or observed value in typed form, beside the display
/// string, so a script reads numbers instead of parsing "p50 44.0 ms".
///
/// In JSON a value is a plain number (`32741`), a plain string
/// (`"ECONNRESET"`, `"b\"hello\""`), or an object: a measurement with its
/// unit (`{"value": 101.3, "unit": "ms"}`), a distribution
/// (`{"p50": 44.0, "p90": 44.1, "max": 48.2, "unit": "ms"}`), or the bound a
/// threshold check compares with (`{"at_least": 30.0, "unit": "ms", "of":
/// "p50"}`). Times are always in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A count or a size, compared exactly.
    Integer(i64),
    /// A number that is not a whole count (a mean, a ratio).
    Number(f64),
    /// Anything compared as text: byte strings, errno names, TCP states.
    Text(String),
    /// One measurement and what it counts or times.
    Quantity(Quantity),
    /// The percentiles of many samples, in one unit.
    Summary(Summary),
    /// The limit a threshold check compares with.
    Bound(Bound),
}

/// One measured number and its unit: `{"value": 101.3, "unit": "ms"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    /// `ms` for times; for counts what is counted (`empty reads`), or absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

/// Nearest-rank percentiles of a set of samples, all in `unit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub p50: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p99: Option<f64>,
    pub max: f64,
    pub unit: String,
}

/// The limit of a threshold check: exactly one of the four comparisons is
/// present, e.g. `{"at_least": 30.0, "unit": "ms", "of": "p50"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Which statistic of a distribution is compared (`p50`); absent for a
    /// single measurement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

/// How many runs of `--repeat N` passed one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunTally {
    pub passed: u32,
    pub total: u32,
}

/// One row of a lab's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Stable identifier for scripts and tests, e.g. `recv-8-of-10`.
    pub id: String,
    /// What the row checks, in words a student can read.
    pub name: String,
    /// The expected value as the table shows it.
    pub expected: String,
    /// The observed value as the table shows it.
    pub observed: String,
    /// `expected` in typed form (see [`Value`]).
    pub expected_value: Value,
    /// `observed` in typed form; absent for a skipped check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_value: Option<Value>,
    pub verdict: Verdict,
    pub kind: ValueKind,
    /// Why a check was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Filled in by `--repeat`: how many runs passed this check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<RunTally>,
}

/// Everything one lab run produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub number: u8,
    pub slug: String,
    /// The language of the title, summary and check names: `en` or
    /// `zh-CN` (`--lang`). Ids, values and verdicts are the same in both.
    #[serde(default = "english")]
    pub lang: String,
    pub title: String,
    /// Two or three lines on what the lab demonstrates.
    pub summary: String,
    pub checks: Vec<CheckResult>,
    pub env: Environment,
    pub duration_ms: u64,
    /// With `--timeline`: every send and receive, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<Event>>,
    /// Every packet of the run, when it ran in socklab's private network.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wire: Vec<WirePacket>,
    /// How complete that capture is; absent on the host network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<CaptureSummary>,
}

fn english() -> String {
    "en".to_string()
}

impl Report {
    /// True when no check came out as a mismatch (skips do not fail a run).
    pub fn all_passed(&self) -> bool {
        self.checks.iter().all(|c| c.verdict != Verdict::Mismatch)
    }

    /// True when the report carries `--repeat` tallies.
    pub fn is_repeated(&self) -> bool {
        self.checks.iter().any(|c| c.runs.is_some())
    }

    /// A copy with the values that legitimately change between runs and
    /// machines replaced by placeholders: varying values and the environment.
    /// Snapshot tests and the book compare this form (with the run's
    /// duration filtered), so any difference left is a real change in what
    /// the kernel did.
    pub fn redacted(&self) -> Report {
        let mut copy = self.clone();
        // Packet times vary; the listing itself is not part of a snapshot
        // (the wire checks are).
        copy.wire.clear();
        for check in &mut copy.checks {
            if check.kind == ValueKind::Varying {
                check.observed = "[varies]".to_string();
                check.observed_value = None;
            }
        }
        copy.env = Environment::placeholder();
        copy
    }
}
