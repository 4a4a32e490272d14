//! The report: the one contract between measuring and showing.
//!
//! A lab measures, `expect` turns each measurement into a [`CheckResult`],
//! and the runner wraps them in a [`Report`]. Renderers (table, markdown,
//! JSON) only ever see a `Report`; labs never format tables. Keeping this
//! boundary sharp is what lets the same run feed the terminal, the book,
//! scripts and the snapshot tests.

use serde::{Deserialize, Serialize};

use crate::environment::Environment;
use crate::timeline::Event;

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
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Mismatch => "MISMATCH",
            Verdict::Skipped => "skipped",
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
    pub expected: String,
    pub observed: String,
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
    pub title: String,
    /// Two or three lines on what the lab demonstrates.
    pub summary: String,
    pub checks: Vec<CheckResult>,
    pub env: Environment,
    pub duration_ms: u64,
    /// With `--timeline`: every send and receive, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<Event>>,
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
        for check in &mut copy.checks {
            if check.kind == ValueKind::Varying {
                check.observed = "[varies]".to_string();
            }
        }
        copy.env = Environment::placeholder();
        copy
    }
}
