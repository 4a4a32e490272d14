//! Renderers: a [`Report`] in, text out. They never touch sockets.
//!
//! Table and markdown share [`check_rows`], so the two always show the same
//! cells; JSON is the serde form of the reports themselves; `diagram` draws
//! a run's connections as SVG.

pub mod diagram;
pub mod json;
pub mod markdown;
pub mod table;
pub mod timeline;
pub mod wire;

use crate::report::{CheckResult, Report, Verdict};
use crate::tr;

/// The output formats of `socklab run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people (the default); coloured on a terminal.
    Table,
    /// One JSON array of reports, for scripts.
    Json,
    /// Markdown, for the book and for pasting into notes.
    Markdown,
}

/// Column titles of the checks table; `Runs` only with `--repeat`.
pub fn check_header(repeated: bool) -> Vec<String> {
    let mut header = vec![
        tr!("column-check", "Check"),
        tr!("column-expected", "Expected"),
        tr!("column-observed", "Observed"),
        tr!("column-verdict", "Verdict"),
    ];
    if repeated {
        header.push(tr!("column-runs", "Runs"));
    }
    header
}

/// The cells of every row of a report's checks table.
pub fn check_rows(report: &Report) -> Vec<Vec<String>> {
    let repeated = report.is_repeated();
    report
        .checks
        .iter()
        .map(|check| {
            let mut row = vec![
                check.name.clone(),
                check.expected.clone(),
                check.observed.clone(),
                verdict_cell(check),
            ];
            if repeated {
                row.push(
                    check
                        .runs
                        .map(|r| format!("{}/{}", r.passed, r.total))
                        .unwrap_or_default(),
                );
            }
            row
        })
        .collect()
}

/// "pass", "MISMATCH", or "skipped (why)".
pub fn verdict_cell(check: &CheckResult) -> String {
    match (&check.verdict, &check.reason) {
        (Verdict::Skipped, Some(reason)) => {
            tr!(
                "verdict-skipped-because",
                "skipped ({reason})",
                reason = reason
            )
        }
        (verdict, _) => verdict.label(),
    }
}

/// The heading line of a report, e.g. `Lab 3 · udp-truncation · UDP truncation`.
pub fn heading(report: &Report) -> String {
    tr!(
        "lab-heading",
        "Lab {number} · {slug} · {title}",
        number = report.number,
        slug = report.slug,
        title = report.title
    )
}

/// The line under a table: how many checks passed and how long it took.
pub fn tally_line(report: &Report) -> String {
    tr!(
        "tally-line",
        "{counts} · {ms} ms",
        counts = verdict_counts(&report.checks),
        ms = report.duration_ms
    )
}

/// The last line of a multi-lab run, e.g.
/// `5 labs, 62 checks: 62 passed, 0 mismatched`.
pub fn overall_line(reports: &[Report]) -> String {
    let checks: Vec<CheckResult> = reports.iter().flat_map(|r| r.checks.clone()).collect();
    tr!(
        "overall-line",
        "{labs} labs, {checks} checks: {counts}",
        labs = reports.len(),
        checks = checks.len(),
        counts = verdict_counts(&checks)
    )
}

/// "N passed, M mismatched", plus ", K skipped" when there are any.
fn verdict_counts(checks: &[CheckResult]) -> String {
    let count = |v: Verdict| checks.iter().filter(|c| c.verdict == v).count();
    let mut text = tr!(
        "tally-counts",
        "{passed} passed, {mismatched} mismatched",
        passed = count(Verdict::Pass),
        mismatched = count(Verdict::Mismatch)
    );
    let skipped = count(Verdict::Skipped);
    if skipped > 0 {
        text.push_str(&tr!(
            "tally-skipped",
            ", {skipped} skipped",
            skipped = skipped
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_line_adds_up_every_lab() {
        let reports = [fixtures::report(), fixtures::report()];
        assert_eq!(
            overall_line(&reports),
            "2 labs, 8 checks: 4 passed, 2 mismatched, 2 skipped"
        );
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use std::collections::BTreeMap;

    use crate::environment::Environment;
    use crate::expect;
    use crate::report::{Report, RunTally};

    /// A report with one check of each verdict, no sockets involved.
    pub fn report() -> Report {
        Report {
            number: 3,
            slug: "udp-truncation".into(),
            lang: "en".into(),
            title: "UDP truncation".into(),
            summary: "A datagram larger than the buffer is cut.\nThe rest is gone.".into(),
            checks: vec![
                expect::exact(
                    "recv-8",
                    "recv(8) of b\"1234567890\"",
                    "b\"12345678\"",
                    "b\"12345678\"",
                ),
                expect::exact("real-size", "real size via MSG_TRUNC", 10, 4),
                expect::skipped(
                    "windows",
                    "Windows error",
                    "WSAEMSGSIZE",
                    "Windows-only check",
                ),
                expect::below(
                    "rtt",
                    "RTT p50",
                    std::time::Duration::from_millis(1),
                    std::time::Duration::from_micros(25),
                ),
            ],
            env: Environment {
                os: "linux".into(),
                kernel: "6.1.0-test".into(),
                sysctls: BTreeMap::from([("net.ipv4.tcp_autocorking".into(), "1".into())]),
                network: None,
            },
            duration_ms: 12,
            timeline: None,
            wire: Vec::new(),
            capture: None,
        }
    }

    /// The same report as if run with `--repeat 50`.
    pub fn repeated_report() -> Report {
        let mut report = report();
        for (i, check) in report.checks.iter_mut().enumerate() {
            check.runs = Some(RunTally {
                passed: if i == 1 { 0 } else { 50 },
                total: 50,
            });
        }
        report
    }
}
