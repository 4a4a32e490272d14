//! What a lab is, and how one is run.
//!
//! A lab is data (number, slug, title, the lab sheet from `labs/`) plus one
//! function: the experiment. The experiment sets up sockets on loopback,
//! makes the kernel do something, measures what it did, and returns one
//! [`CheckResult`] per observation (built with [`crate::expect`]). It never
//! formats output: [`run`] wraps its checks in a [`Report`] and the
//! renderers take it from there.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::time::Instant;

use crate::environment::Environment;
use crate::i18n;
use crate::narration;
use crate::net::trace;
use crate::report::{CheckResult, Report, RunTally, Verdict};
use crate::wire::{Frame, Recorded, Wire};

/// Settings a user can pass to `socklab run`, and what [`run`] hands the
/// experiment.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// `--rounds N`: sample size for labs that measure latency. `None` means
    /// the lab's own default.
    pub rounds: Option<u32>,
    /// `--timeline`: record every send and receive (see `net::trace`).
    pub timeline: bool,
    /// Where the process runs its labs.
    pub network: Network,
    /// This run's capture, set by [`run`] for the experiment: a lab asks it
    /// for its packets (`options.wire.packets()`).
    pub wire: Wire,
}

/// Where the labs run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Network {
    /// socklab's own network namespace: only `lo`, the book's sysctls
    /// pinned, every packet captured.
    Private,
    /// The host's loopback, as the host is tuned; nothing is captured, and
    /// `reason` is what every wire check shows as it is skipped.
    Host { reason: String },
}

impl Default for Network {
    fn default() -> Network {
        Network::Host {
            reason: "run on the host network".to_string(),
        }
    }
}

impl Network {
    /// The part of the env line that says which network a run used.
    pub fn label(&self) -> &'static str {
        match self {
            Network::Private => "private network (book settings)",
            Network::Host { .. } => "host loopback",
        }
    }
}

/// An experiment: measures on loopback, returns one check per observation.
pub type Experiment = fn(&RunOptions) -> Result<Vec<CheckResult>, LabError>;

/// One lab of the course.
#[derive(Debug)]
pub struct Lab {
    pub number: u8,
    /// Stable name used on the command line, in the book and in tests.
    pub slug: &'static str,
    pub title: &'static str,
    /// One line for `socklab list`.
    pub shows: &'static str,
    /// Two or three lines printed above the table.
    pub summary: &'static str,
    /// Typical wall-clock time of one run, for `socklab list`.
    pub typical_run: &'static str,
    /// The lab sheet, `labs/NN-slug/README.md`, printed by `socklab explain`.
    pub sheet: &'static str,
    /// The lab sheet in Chinese, `labs/NN-slug/README.zh-CN.md` (the lab's
    /// messages in Chinese are `i18n/zh-CN/labs/NN-slug.ftl`, see
    /// [`crate::i18n`]).
    pub sheet_zh_cn: &'static str,
    pub experiment: Experiment,
}

impl Lab {
    /// The lab's title in the current language.
    pub fn title(&self) -> Cow<'static, str> {
        i18n::text(self.title)
    }

    /// What the lab shows, in the current language (`socklab list`).
    pub fn shows(&self) -> Cow<'static, str> {
        i18n::text(self.shows)
    }

    /// The lines above the table, in the current language.
    pub fn summary(&self) -> Cow<'static, str> {
        i18n::text(self.summary)
    }

    /// The lab sheet in the current language, for a terminal: a translated
    /// heading's `{#anchor}` (which keeps the English sheet's links working
    /// in the book) is the book's business, so it is left out.
    pub fn sheet(&self) -> Cow<'static, str> {
        match i18n::current() {
            i18n::Lang::En => Cow::Borrowed(self.sheet),
            i18n::Lang::ZhCn => Cow::Owned(without_heading_anchors(self.sheet_zh_cn)),
        }
    }
}

/// `## 为什么 {#why}` → `## 为什么`; every other line as it is.
fn without_heading_anchors(sheet: &str) -> String {
    sheet
        .split_inclusive('\n')
        .map(|line| {
            let trimmed = line.trim_end();
            match trimmed.rfind(" {#") {
                Some(at) if line.starts_with('#') && trimmed.ends_with('}') => {
                    format!("{}{}", &trimmed[..at], &line[trimmed.len()..])
                }
                _ => line.to_string(),
            }
        })
        .collect()
}

/// A lab could not finish its experiment: a socket call failed in a way the
/// lab did not set out to provoke (no loopback, no free port, a timeout).
/// This is an environment problem, not a verdict, so `socklab` exits 2.
#[derive(Debug)]
pub struct LabError {
    /// What the lab was doing, e.g. "binding the UDP receiver".
    pub step: String,
    pub source: io::Error,
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.step, self.source)
    }
}

impl std::error::Error for LabError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Names the step an I/O call belongs to, so an error says what failed:
/// `socket.bind(..).step("binding the receiver")?`.
pub trait Step<T> {
    fn step(self, what: &str) -> Result<T, LabError>;
}

impl<T> Step<T> for io::Result<T> {
    fn step(self, what: &str) -> Result<T, LabError> {
        self.map_err(|source| LabError {
            step: i18n::text(what).into_owned(),
            source,
        })
    }
}

/// One lab run: its report, and the frames its capture holds (for
/// `--pcap`; empty on the host network).
#[derive(Debug)]
pub struct Run {
    pub report: Report,
    pub frames: Vec<Frame>,
}

/// Runs `lab` `repeat` times (at least once) and returns one report. With
/// more than one run, every check carries a tally of the runs it passed, its
/// verdict is MISMATCH if any run mismatched, and the observed value shown
/// is that of the first mismatching run (or of the last run if all passed).
/// In the private network every run is captured on `lo`; the report keeps
/// the last run's packets, as it keeps the last run's timeline.
pub fn run(lab: &Lab, options: &RunOptions, repeat: u32) -> Result<Run, LabError> {
    let started = Instant::now();
    narration::begin_lab(lab.number, &lab.title());
    let mut merged: Option<Vec<CheckResult>> = None;
    let mut events = None;
    let mut recorded = Recorded::default();
    for _ in 0..repeat.max(1) {
        let wire = match &options.network {
            Network::Private => Wire::start("lo").step("starting the capture on lo")?,
            Network::Host { reason } => Wire::off(reason.clone()),
        };
        let with_wire = RunOptions {
            wire: wire.clone(),
            ..options.clone()
        };
        if options.timeline {
            trace::start(wire.origin());
        }
        let result = (lab.experiment)(&with_wire);
        if options.timeline {
            // The last run's calls: one run is what a timeline is for.
            events = Some(trace::stop());
        }
        recorded = wire.finish().step("finishing the capture")?;
        let checks = result?;
        merged = Some(match merged {
            None => checks,
            Some(previous) => merge_runs(previous, checks),
        });
    }
    let mut checks = merged.unwrap_or_default();
    if repeat > 1 {
        for check in &mut checks {
            check.runs.get_or_insert(tally_of(check.verdict));
        }
    }
    let mut env = Environment::current();
    env.network = Some(options.network.label().to_string());
    Ok(Run {
        report: Report {
            number: lab.number,
            slug: lab.slug.to_string(),
            lang: i18n::current().tag().to_string(),
            title: lab.title().into_owned(),
            summary: lab.summary().into_owned(),
            checks,
            env,
            duration_ms: started.elapsed().as_millis() as u64,
            timeline: events,
            wire: recorded.packets,
            capture: recorded.summary,
        },
        frames: recorded.frames,
    })
}

fn tally_of(verdict: Verdict) -> RunTally {
    RunTally {
        passed: u32::from(verdict == Verdict::Pass),
        total: 1,
    }
}

/// Folds one more run into the running tallies. Labs return the same checks
/// in the same order every run; a lab that does not is a bug, so a check
/// that appears in only one of the runs is kept and counted as a mismatch.
fn merge_runs(previous: Vec<CheckResult>, latest: Vec<CheckResult>) -> Vec<CheckResult> {
    let mut merged = Vec::with_capacity(previous.len());
    let mut latest_by_id: Vec<Option<CheckResult>> = latest.into_iter().map(Some).collect();
    for mut kept in previous {
        let tally = kept.runs.unwrap_or(tally_of(kept.verdict));
        let position = latest_by_id
            .iter()
            .position(|c| c.as_ref().is_some_and(|c| c.id == kept.id));
        let Some(new) = position.and_then(|i| latest_by_id[i].take()) else {
            kept.verdict = Verdict::Mismatch;
            kept.runs = Some(RunTally {
                passed: tally.passed,
                total: tally.total + 1,
            });
            merged.push(kept);
            continue;
        };
        let runs = RunTally {
            passed: tally.passed + u32::from(new.verdict == Verdict::Pass),
            total: tally.total + 1,
        };
        let mut shown = if kept.verdict == Verdict::Mismatch {
            kept
        } else {
            new
        };
        shown.runs = Some(runs);
        merged.push(shown);
    }
    merged.extend(latest_by_id.into_iter().flatten().map(|mut extra| {
        extra.verdict = Verdict::Mismatch;
        extra
    }));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect;

    #[test]
    fn merging_counts_passes_and_keeps_the_first_mismatch() {
        let run1 = vec![expect::exact("a", "a", 1, 1), expect::exact("b", "b", 1, 1)];
        let run2 = vec![expect::exact("a", "a", 1, 2), expect::exact("b", "b", 1, 1)];
        let run3 = vec![expect::exact("a", "a", 1, 3), expect::exact("b", "b", 1, 1)];
        let merged = merge_runs(merge_runs(run1, run2), run3);
        assert_eq!(merged[0].verdict, Verdict::Mismatch);
        assert_eq!(merged[0].observed, "2");
        assert_eq!(
            merged[0].runs,
            Some(RunTally {
                passed: 1,
                total: 3
            })
        );
        assert_eq!(merged[1].verdict, Verdict::Pass);
        assert_eq!(
            merged[1].runs,
            Some(RunTally {
                passed: 3,
                total: 3
            })
        );
    }

    #[test]
    fn a_check_missing_from_a_run_is_a_mismatch() {
        let run1 = vec![expect::exact("a", "a", 1, 1)];
        let run2 = vec![expect::exact("b", "b", 1, 1)];
        let merged = merge_runs(run1, run2);
        assert_eq!(merged.len(), 2);
        assert!(merged.iter().all(|c| c.verdict == Verdict::Mismatch));
    }

    fn one_passing_check(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
        Ok(vec![expect::exact("one", "one", 1, 1)])
    }

    #[test]
    fn a_sheet_for_the_terminal_drops_only_heading_anchors() {
        let sheet = "# 实验 1 {#lab-1}\n\n## 为什么 {#why}\ntext {#not-a-heading}\n";
        assert_eq!(
            without_heading_anchors(sheet),
            "# 实验 1\n\n## 为什么\ntext {#not-a-heading}\n"
        );
    }

    #[test]
    fn repeat_adds_tallies_and_a_single_run_does_not() {
        let lab = Lab {
            number: 99,
            slug: "fixture",
            title: "Fixture",
            shows: "",
            summary: "",
            typical_run: "",
            sheet: "",
            sheet_zh_cn: "",
            experiment: one_passing_check,
        };
        let once = run(&lab, &RunOptions::default(), 1).unwrap().report;
        assert_eq!(once.checks[0].runs, None);
        let thrice = run(&lab, &RunOptions::default(), 3).unwrap().report;
        assert_eq!(
            thrice.checks[0].runs,
            Some(RunTally {
                passed: 3,
                total: 3
            })
        );
    }
}
