//! How lab 17's table shows what came back: byte strings cut to the width
//! of a cell (but compared whole), outcomes in a few words, and checks
//! skipped when this machine lacks a program their commands need.

use std::fmt;
use std::io;
use std::path::Path;

use super::IN_LAB_FOLDER;
use super::runner::{Outcome, Programs, Status};
use crate::expect;
use crate::net::{self, bytes_literal};
use crate::report::{self, CheckResult};

/// Bytes, or what came instead, compared whole but shown short (as
/// [`bytes_literal`] does: long values are cut in the table, never in the
/// comparison).
#[derive(PartialEq)]
pub(super) enum Shown {
    Bytes(Vec<u8>),
    Other(String),
}

impl Shown {
    pub(super) fn ok(bytes: &[u8]) -> Shown {
        Shown::Bytes(bytes.to_vec())
    }

    pub(super) fn of(result: &io::Result<Vec<u8>>) -> Shown {
        match result {
            Ok(bytes) => Shown::Bytes(bytes.clone()),
            Err(_) => Shown::Other(net::outcome(result)),
        }
    }

    pub(super) fn stdout(outcome: &Outcome) -> Shown {
        match outcome {
            Outcome::Ran(output) => Shown::Bytes(output.stdout.clone()),
            Outcome::NotRun(text) => Shown::Other(text.clone()),
        }
    }

    pub(super) fn stderr(outcome: &Outcome) -> Shown {
        match outcome {
            Outcome::Ran(output) => Shown::Bytes(output.stderr.clone()),
            Outcome::NotRun(text) => Shown::Other(text.clone()),
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Bytes(bytes) => f.write_str(&short_literal(bytes)),
            Shown::Other(text) => f.write_str(text),
        }
    }
}

/// In JSON a reply is its table cell: the short form, not a megabyte of text.
impl expect::Observable for Shown {
    fn typed(&self) -> report::Value {
        report::Value::Text(self.to_string())
    }
}

/// The widest a shown byte string gets, `b"` and `"` included: as wide as
/// 24 plain characters, so that escapes (`\n`) do not widen the table.
const SHOWN_WIDTH: usize = 27;

/// [`bytes_literal`] of as many leading bytes as fit in [`SHOWN_WIDTH`],
/// with the whole length when some are left out.
fn short_literal(bytes: &[u8]) -> String {
    let whole = bytes_literal(bytes);
    if whole.len() <= SHOWN_WIDTH {
        return whole;
    }
    let shown = (0..bytes.len())
        .rev()
        .map(|count| bytes_literal(&bytes[..count]))
        .find(|literal| literal.len() <= SHOWN_WIDTH)
        .unwrap_or_default();
    format!("{shown}… ({} bytes)", bytes.len())
}

/// `check` as it is, or skipped if a program its commands need is not on
/// this machine.
pub(super) fn needs(
    programs: &Programs,
    command_lines: &[&str],
    check: CheckResult,
) -> CheckResult {
    match programs.missing(command_lines) {
        Some(reason) => expect::skip(check, &reason),
        None => check,
    }
}

pub(super) fn status_of(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ran(output) => output.status.to_string(),
        Outcome::NotRun(text) => text.clone(),
    }
}

/// A short description: the refusal, or the status and output sizes.
pub(super) fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ran(output) if output.stdout.is_empty() && output.stderr.is_empty() => {
            format!("{}, no output", output.status)
        }
        Outcome::Ran(output) => format!(
            "{}, {} B stdout, {} B stderr",
            output.status,
            output.stdout.len(),
            output.stderr.len()
        ),
        Outcome::NotRun(text) => text.clone(),
    }
}

pub(super) fn directory(outcome: &Outcome, expected: &Path) -> String {
    match outcome {
        Outcome::Ran(output) if output.status == Status::Exited(0) => {
            let printed = String::from_utf8_lossy(&output.stdout);
            let printed = printed.strip_suffix('\n').unwrap_or(&printed);
            if Path::new(printed) == expected {
                IN_LAB_FOLDER.to_string()
            } else {
                format!("other: {printed}")
            }
        }
        other => summary(other),
    }
}

pub(super) fn len_of(result: &io::Result<Vec<u8>>) -> String {
    match result {
        Ok(bytes) => bytes.len().to_string(),
        Err(_) => net::outcome(result),
    }
}

pub(super) fn reply_start(result: &io::Result<Vec<u8>>, count: usize) -> String {
    match result {
        Ok(bytes) => bytes_literal(&bytes[..count.min(bytes.len())]),
        Err(_) => net::outcome(result),
    }
}
