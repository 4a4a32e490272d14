//! Lab 5's TCP_NODELAY round trip beside sockperf's.
//!
//! socklab's side is lab 5's own measurement (`measure` in [`nodelay_latency`]),
//! in the exchange sockperf ping-pong makes: TCP_NODELAY on both ends, one
//! write of `message_size` bytes each way, the client blocking in `recv`
//! while a server thread echoes. The clock starts before the request's write
//! and stops after the reply's last byte, as sockperf's `--full-rtt` does.
//!
//! Where the two ends run matters more than either program: on one CPU a
//! loopback round trip costs two local context switches, on two CPUs two
//! cross-CPU wake-ups, which in a VM cost several microseconds more (on the
//! 2-vCPU machine of the README, sockperf alone measured about 8 µs pinned
//! to one CPU and 20 µs split over two). Unpinned, the scheduler switches
//! between the two with the load elsewhere on the machine, and a comparison
//! of two programs compares the scheduler's moods. So the comparison that
//! carries the target runs both programs pinned to one CPU ([`Placement::
//! OneCpu`]: client, server thread and both sockperf processes); the
//! unpinned one is reported beside it, for information.
//!
//! Even pinned, round trips move every few seconds between levels (about
//! 6.5, 7.5 and 10.5 µs on the README's VM, for sockperf and socklab
//! alike), with the state of the host. So each trial runs sockperf
//! for the given seconds and socklab right after it, for as many round
//! trips as sockperf observed, and the ratios are the median of the trials'
//! ratios: the two runs of a trial share the machine's state of the moment,
//! where the medians of two separate lists of trials may not (one run of
//! the bench, before this, compared sockperf's fast level with socklab's
//! slow one and reported 1.39×).
//!
//! Without sockperf, socklab runs `ROUNDS_WITHOUT_SOCKPERF` round trips
//! per second asked for, and the comparison says why sockperf is missing.

use std::time::Duration;

use serde::Serialize;

use super::LATENCY_TARGET;
use super::sockperf::{self, PingPong, SockperfError};
use crate::lab::{LabError, Step};
use crate::labs::nodelay_latency::{self, MessageSizes, Variant};
use crate::net;
use crate::stats::{median, percentile};

/// Round trips per requested second when sockperf is not there to set the
/// count: about what a loopback does in a second.
const ROUNDS_WITHOUT_SOCKPERF: u32 = 50_000;

/// The TCP_NODELAY exchange sockperf ping-pong makes.
const EXCHANGE: Variant = Variant::NoDelayOneWrite;

/// Where both programs' two ends run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Client and server on this one CPU, for both programs.
    OneCpu(usize),
    /// Wherever the scheduler puts them.
    Unpinned,
}

/// p50 and p99 of one side, in microseconds (the median trial's).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RoundTrips {
    pub p50_us: f64,
    pub p99_us: f64,
    /// Round trips timed in each trial.
    pub round_trips: u64,
}

/// socklab and sockperf with one placement.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedComparison {
    pub placement: Placement,
    pub socklab: RoundTrips,
    /// None when sockperf could not run (see `sockperf_error`).
    pub sockperf: Option<RoundTrips>,
    /// socklab's over sockperf's: the median of each trial's ratio.
    pub p50_ratio: Option<f64>,
    /// Each trial's p50 ratio, in order: the medians of the two sides can
    /// come from different trials, so these show how the ratio spread.
    pub p50_trial_ratios: Vec<f64>,
    pub p99_ratio: Option<f64>,
    /// Whether `p50_ratio` ≤ the target; None unpinned (no target there)
    /// or without sockperf.
    pub p50_target_met: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LatencyComparison {
    pub message_size: usize,
    pub trials: u32,
    /// What socklab measured: lab 5's label for the exchange.
    pub socklab_exchange: &'static str,
    pub p50_target: f64,
    /// Why sockperf's figures are missing, if they are: the
    /// [`SockperfError`]'s message.
    pub sockperf_error: Option<String>,
    /// Pinned to one CPU first (the comparison with the target), then
    /// unpinned.
    pub placements: Vec<PlacedComparison>,
}

pub fn compare(
    message_size: usize,
    seconds: u32,
    trials: u32,
) -> Result<LatencyComparison, LabError> {
    let sizes = MessageSizes {
        request: message_size,
        reply: message_size,
    };
    let mut sockperf_error = None;
    let cpu = net::current_cpu().step("asking which CPU this thread is on")?;
    let pinned = {
        let _pin = net::pin_current_thread(cpu).step("pinning to one CPU")?;
        compare_placed(
            Placement::OneCpu(cpu),
            sizes,
            seconds,
            trials,
            &mut sockperf_error,
        )?
    };
    let unpinned = compare_placed(
        Placement::Unpinned,
        sizes,
        seconds,
        trials,
        &mut sockperf_error,
    )?;
    Ok(LatencyComparison {
        message_size,
        trials,
        socklab_exchange: EXCHANGE.label(),
        p50_target: LATENCY_TARGET,
        sockperf_error: sockperf_error.map(|error| error.to_string()),
        placements: vec![pinned, unpinned],
    })
}

/// Alternating trials of sockperf and socklab, in the calling thread's
/// current placement (which the sockperf processes and the lab's server
/// thread inherit). The first sockperf failure is kept in `sockperf_error`
/// and ends sockperf's part: socklab's figures are still worth having.
fn compare_placed(
    placement: Placement,
    sizes: MessageSizes,
    seconds: u32,
    trials: u32,
    sockperf_error: &mut Option<SockperfError>,
) -> Result<PlacedComparison, LabError> {
    let server = match sockperf_error {
        None => match sockperf::Server::start() {
            Ok(server) => Some(server),
            Err(error) => {
                *sockperf_error = Some(error);
                None
            }
        },
        Some(_) => None,
    };
    let mut sockperf_trials = Vec::new();
    let mut socklab_trials = Vec::new();
    for _ in 0..trials {
        let mut rounds = ROUNDS_WITHOUT_SOCKPERF * seconds;
        if let (Some(server), None) = (&server, &sockperf_error) {
            match server.ping_pong(sizes.request, seconds) {
                Ok(run) => {
                    rounds = u32::try_from(run.observations).unwrap_or(u32::MAX);
                    sockperf_trials.push(run);
                }
                Err(error) => *sockperf_error = Some(error),
            }
        }
        socklab_trials.push(socklab_trial(sizes, rounds)?);
    }
    drop(server);
    let complete = !sockperf_trials.is_empty() && sockperf_error.is_none();
    let sockperf = complete.then(|| median_trial(&sockperf_trials));
    let trial_ratios = |figure: fn(&PingPong) -> f64| -> Vec<f64> {
        if !complete {
            return Vec::new();
        }
        socklab_trials
            .iter()
            .zip(&sockperf_trials)
            .map(|(socklab, sockperf)| figure(socklab) / figure(sockperf))
            .collect()
    };
    let paired_ratio =
        |figure: fn(&PingPong) -> f64| complete.then(|| median(&trial_ratios(figure)));
    let p50_ratio = paired_ratio(|trial| trial.p50_us);
    Ok(PlacedComparison {
        placement,
        socklab: median_trial(&socklab_trials),
        sockperf,
        p50_ratio,
        p50_trial_ratios: trial_ratios(|trial| trial.p50_us),
        p99_ratio: paired_ratio(|trial| trial.p99_us),
        p50_target_met: match placement {
            Placement::OneCpu(_) => p50_ratio.map(|ratio| ratio <= LATENCY_TARGET),
            Placement::Unpinned => None,
        },
    })
}

/// One run of lab 5's measurement, reduced to sockperf's figures.
fn socklab_trial(sizes: MessageSizes, rounds: u32) -> Result<PingPong, LabError> {
    let mut rtts = nodelay_latency::measure(EXCHANGE, sizes, rounds)?.rtts;
    rtts.sort_unstable();
    let micros = |duration: Duration| duration.as_secs_f64() * 1e6;
    Ok(PingPong {
        p50_us: micros(percentile(&rtts, 50)),
        p99_us: micros(percentile(&rtts, 99)),
        observations: rtts.len() as u64,
    })
}

/// The median p50 and the median p99 over the trials (each may come from a
/// different trial: one slow trial moves neither).
fn median_trial(trials: &[PingPong]) -> RoundTrips {
    let p50s: Vec<f64> = trials.iter().map(|trial| trial.p50_us).collect();
    let p99s: Vec<f64> = trials.iter().map(|trial| trial.p99_us).collect();
    let counts: Vec<u64> = trials.iter().map(|trial| trial.observations).collect();
    RoundTrips {
        p50_us: median(&p50s),
        p99_us: median(&p99s),
        round_trips: median(&counts),
    }
}
