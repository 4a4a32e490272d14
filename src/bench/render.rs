//! `socklab bench`'s own output: the figures as a table or as JSON. The
//! bench renders itself so that `render` stays about lab reports only.

use comfy_table::{Cell, Color};

use super::BenchReport;
use super::latency::{Placement, RoundTrips};
use crate::render::table::new_table;

/// `socklab bench`: socklab's figure beside the reference's, the ratio and
/// the target, one row per figure; the machine above, notes below.
pub fn table(report: &BenchReport, colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(vec!["Benchmark", "socklab", "Reference", "Ratio", "Target"]);
    let target_cell = |text: String, met: Option<bool>| match met {
        Some(true) => Cell::new(format!("{text}: met")).fg(Color::Green),
        Some(false) => Cell::new(format!("{text}: NOT MET")).fg(Color::Red),
        None => Cell::new(text),
    };
    let ratio = |ratio: Option<f64>| ratio.map_or("–".to_string(), |r| format!("{r:.2}×"));

    let latency = &report.latency;
    for placed in &latency.placements {
        let (place, target) = match placed.placement {
            Placement::OneCpu(cpu) => (
                format!("both on CPU {cpu}"),
                format!("≤ {}×", latency.p50_target),
            ),
            Placement::Unpinned => ("unpinned".to_string(), "–".to_string()),
        };
        let reference = |figure: fn(&RoundTrips) -> f64| {
            placed
                .sockperf
                .as_ref()
                .map_or("sockperf: not run".to_string(), |sockperf| {
                    format!("sockperf {:.2} µs", figure(sockperf))
                })
        };
        table.add_row(vec![
            Cell::new(format!(
                "RTT p50 · {} B each way · {place}",
                latency.message_size
            )),
            Cell::new(format!("{:.2} µs", placed.socklab.p50_us)),
            Cell::new(reference(|r| r.p50_us)),
            Cell::new(ratio(placed.p50_ratio)),
            target_cell(target, placed.p50_target_met),
        ]);
        table.add_row(vec![
            Cell::new(format!("RTT p99 · {place}")),
            Cell::new(format!("{:.2} µs", placed.socklab.p99_us)),
            Cell::new(reference(|r| r.p99_us)),
            Cell::new(ratio(placed.p99_ratio)),
            Cell::new("–"),
        ]);
    }
    for codec in &report.codec {
        let speed = |gb_per_s: f64, frames_per_s: f64| {
            format!("{gb_per_s:.2} GB/s · {} frames/s", si(frames_per_s))
        };
        table.add_row(vec![
            Cell::new(format!("frame codec · {} frames", bytes(codec.body_len))),
            Cell::new(speed(codec.codec.gb_per_s, codec.codec.frames_per_s)),
            Cell::new(format!(
                "raw copy {}",
                speed(codec.raw.gb_per_s, codec.raw.frames_per_s)
            )),
            Cell::new(ratio(Some(codec.ratio))),
            target_cell(
                codec
                    .target
                    .map_or("–".to_string(), |target| format!("≥ {target}×")),
                codec.target_met,
            ),
        ]);
    }
    for command in &report.commands {
        table.add_row(vec![
            format!("{} · median of {}", command.command, command.runs),
            format!(
                "{} ({} – {})",
                millis(command.median_ms),
                millis(command.min_ms),
                millis(command.max_ms)
            ),
            "–".to_string(),
            "–".to_string(),
            "–".to_string(),
        ]);
    }

    let machine = &report.machine;
    let mut text = format!(
        "socklab bench · {} × {} · linux {} · load {} · {} build\n{table}\n",
        machine.cpus,
        machine.cpu_model,
        machine.kernel,
        machine
            .load_average
            .map_or("unknown".to_string(), |load| format!("{load:.2}")),
        machine.build,
    );
    let round_trips = latency
        .placements
        .first()
        .map_or(0, |placed| placed.socklab.round_trips);
    match &latency.sockperf_error {
        None => text.push_str(&format!(
            "RTT: sockperf ping-pong --tcp --full-rtt -m {} (TCP_NODELAY both ends, blocking recvfrom) \
             beside lab 5's measurement of the same exchange, TCP_NODELAY, about {round_trips} round trips each; \
             medians of {} trials, each sockperf then socklab; ratios are the median of the trials' ratios. \
             The target applies pinned: unpinned, the scheduler's placement (one CPU or two) moves \
             both programs' figures more than they differ.\n",
            latency.message_size, latency.trials
        )),
        Some(error) => text.push_str(&format!("RTT: sockperf not run: {error}\n")),
    }
    for placed in &latency.placements {
        if !placed.p50_trial_ratios.is_empty() {
            let ratios: Vec<String> = placed
                .p50_trial_ratios
                .iter()
                .map(|ratio| format!("{ratio:.2}"))
                .collect();
            let placement = match placed.placement {
                Placement::OneCpu(cpu) => format!("both on CPU {cpu}"),
                Placement::Unpinned => "unpinned".to_string(),
            };
            text.push_str(&format!(
                "RTT p50 ratio in each trial, {placement}: {}\n",
                ratios.join(", ")
            ));
        }
    }
    if let Some(codec) = report.codec.first() {
        text.push_str(&format!(
            "Codec: {} MB per copy over loopback, 64 KiB writes and recvs on both sides; \
             medians of {} trials, each raw then codec; ratios are the median of the trials' ratios.\n",
            codec.bytes / 1_000_000,
            codec.trials
        ));
    }
    for command in report.commands.iter().filter(|c| c.failed_runs > 0) {
        text.push_str(&format!(
            "note: {} exited non-zero in {} of {} runs\n",
            command.command, command.failed_runs, command.runs
        ));
    }
    if machine.is_busy() {
        text.push_str("note: the machine was busy (load above 3/4 of the CPUs): figures include the neighbours' work\n");
    }
    if machine.build == "debug" {
        text.push_str(
            "note: a debug build: run `cargo run --release -- bench` for socklab's real figures\n",
        );
    }
    text
}

/// A byte size as the bench names frames: 64 B, 64 KiB.
fn bytes(count: usize) -> String {
    if count >= 1024 && count.is_multiple_of(1024) {
        format!("{} KiB", count / 1024)
    } else {
        format!("{count} B")
    }
}

/// A rate with a k or M suffix, three significant digits.
fn si(value: f64) -> String {
    let (scaled, suffix) = if value >= 1e6 {
        (value / 1e6, " M")
    } else if value >= 1e3 {
        (value / 1e3, " k")
    } else {
        (value, " ")
    };
    let decimals = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    format!("{scaled:.decimals$}{suffix}")
        .trim_end()
        .to_string()
}

/// Milliseconds, or seconds from one second on.
fn millis(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

/// The figures as one pretty-printed JSON object.
pub fn json(report: &BenchReport) -> String {
    let mut text = serde_json::to_string_pretty(report).expect("bench figures serialise to JSON");
    text.push('\n');
    text
}
