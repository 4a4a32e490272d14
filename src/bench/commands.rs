//! How long `socklab list` and `socklab run all` take, as users run them.
//!
//! Each command runs as a new process of this very binary (so `cargo run
//! --release -- bench` times the release build), with its output read
//! through a pipe, several times; the median is reported, with the fastest
//! and slowest run beside it. The first run pays for cold caches and any
//! run can meet a busy neighbour: the median ignores both.

use std::process::Command;
use std::time::Duration;

use serde::Serialize;

use super::process::run_with_limit;
use crate::lab::{LabError, Step};
use crate::stats::median;

/// The commands timed, and how long any one run may take before it is
/// killed (`run all` takes about 3 s). `run all` is timed both ways: in its
/// private network with every packet captured (the default), and on the
/// host's loopback without capture, so the capture's cost is a ratio of
/// the two.
const COMMANDS: [(&[&str], Duration); 3] = [
    (&["list"], Duration::from_secs(10)),
    (&["run", "all"], Duration::from_secs(60)),
    (&["run", "all", "--host-network"], Duration::from_secs(60)),
];

#[derive(Debug, Clone, Serialize)]
pub struct CommandTiming {
    pub command: String,
    pub runs: u32,
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    /// Runs that exited with a non-zero status (a lab mismatched, e.g. on a
    /// loaded machine). Their times still count: the run did all its work.
    pub failed_runs: u32,
}

pub fn time_all(runs: u32) -> Result<Vec<CommandTiming>, LabError> {
    let socklab = std::env::current_exe().step("finding the socklab binary")?;
    COMMANDS
        .iter()
        .map(|(args, limit)| {
            let mut times = Vec::new();
            let mut failed_runs = 0;
            for _ in 0..runs {
                // LabError wants an io::Error: the RunError travels inside
                // one, its message unchanged and still reachable as a source.
                let finished = run_with_limit(Command::new(&socklab).args(*args), *limit)
                    .map_err(std::io::Error::other)
                    .step(&format!("running socklab {}", args.join(" ")))?;
                if !finished.status.success() {
                    failed_runs += 1;
                }
                times.push(finished.elapsed.as_secs_f64() * 1e3);
            }
            Ok(CommandTiming {
                command: format!("socklab {}", args.join(" ")),
                runs,
                median_ms: median(&times),
                min_ms: times.iter().copied().fold(f64::INFINITY, f64::min),
                max_ms: times.iter().copied().fold(0.0, f64::max),
                failed_runs,
            })
        })
        .collect()
}
