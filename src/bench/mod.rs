//! `socklab bench`: do socklab's numbers agree with the tools network
//! engineers already use, and is the harness cheap enough not to be the
//! thing it measures?
//!
//! One run on one machine puts three comparisons side by side:
//!
//! 1. [`latency`]: lab 5's TCP_NODELAY request/response round trip (the
//!    lab's own measuring code) beside `sockperf ping-pong --tcp
//!    --full-rtt`, same message size, same loopback.
//! 2. [`codec`]: the frame codec ([`crate::frame`], lab 6) moving 64 KiB and
//!    64 B frames over a loopback connection, beside a raw copy of the same
//!    bytes with no framing.
//! 3. [`commands`]: how long `socklab list` and `socklab run all` take.
//!
//! Three rules make the figures worth comparing:
//!
//! - Round trips, not one-way latency. One clock, at the client, starts
//!   before the request and stops after the reply, so no two clocks have to
//!   agree. sockperf's default output halves the round trip ("latency");
//!   `--full-rtt` makes it print the round trip, as socklab does.
//! - Percentiles and medians, not means. A loopback round trip takes a few
//!   microseconds, one preemption milliseconds: a mean mixes the two. p50 is
//!   the typical round trip, p99 the tail, and the median of several runs
//!   ignores the one run a busy neighbour slowed down.
//! - Paired trials. Each comparison runs as trials of the reference and
//!   socklab back to back, and reports the median of each side's figures
//!   and the median of the trials' ratios: a trial's two runs share the
//!   machine's state of the moment, so a burst of load elsewhere moves both
//!   sides of a ratio, not one.
//!
//! Nothing here asserts a time. The targets (socklab's p50 within
//! [`LATENCY_TARGET`]× of sockperf's, the codec at least [`CODEC_TARGET`]×
//! raw at 64 KiB) are printed beside the ratios as met or not met: a test
//! that fails on timing fails on noise, so the benchmark is run by hand, or
//! by a CI step that reports and does not fail.

pub mod codec;
pub mod commands;
pub mod latency;
mod process;
pub mod render;
pub mod sockperf;

use serde::Serialize;

use crate::environment::{Environment, read_kernel_value};
use crate::lab::LabError;

/// socklab's p50 round trip may be at most this many times sockperf's.
pub const LATENCY_TARGET: f64 = 1.2;
/// The codec must move 64 KiB frames at least this fraction of raw speed.
pub const CODEC_TARGET: f64 = 0.8;

/// What to run, and how much of it.
#[derive(Debug, Clone, Copy)]
pub struct BenchOptions {
    /// Bytes per request and per reply in the round-trip comparison.
    pub message_size: usize,
    /// Seconds of sockperf per trial.
    pub seconds: u32,
    /// Paired trials per comparison; medians are reported.
    pub trials: u32,
    /// Bytes each codec or raw run copies.
    pub codec_bytes: usize,
    /// Runs of each timed command; the median is reported.
    pub command_runs: u32,
}

/// Everything one `socklab bench` run found. Serialised as the JSON output;
/// fields may be added, names will not change.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub machine: Machine,
    pub latency: latency::LatencyComparison,
    pub codec: Vec<codec::CodecComparison>,
    pub commands: Vec<commands::CommandTiming>,
}

/// The machine the figures came from: without it they mean little.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub kernel: String,
    /// The 1-minute load average when the bench started. Above about the
    /// number of CPUs, the figures measure the neighbours too.
    pub load_average: Option<f64>,
    /// `release` or `debug`: a debug build's figures are not socklab's.
    pub build: &'static str,
}

impl Machine {
    pub fn current() -> Machine {
        Machine {
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu_model: cpu_model().unwrap_or_else(|| "unknown".to_string()),
            kernel: Environment::current().kernel,
            load_average: load_average(),
            build: if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            },
        }
    }

    /// True when other work on the machine is likely to show in the
    /// figures: a 1-minute load average above 3/4 of the CPUs.
    pub fn is_busy(&self) -> bool {
        self.load_average
            .is_some_and(|load| load > 0.75 * self.cpus as f64)
    }
}

fn cpu_model() -> Option<String> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, model)| model.trim().to_string())
}

fn load_average() -> Option<f64> {
    read_kernel_value("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Runs every comparison, in a fixed order: latency first, while nothing
/// else of the bench's has run and warmed or loaded the machine.
pub fn run(options: &BenchOptions) -> Result<BenchReport, LabError> {
    let machine = Machine::current();
    let latency = latency::compare(options.message_size, options.seconds, options.trials)?;
    let codec = codec::BODY_SIZES
        .iter()
        .map(|&body_len| codec::compare(body_len, options.codec_bytes, options.trials))
        .collect::<Result<Vec<_>, _>>()?;
    let commands = commands::time_all(options.command_runs)?;
    Ok(BenchReport {
        machine,
        latency,
        codec,
        commands,
    })
}
