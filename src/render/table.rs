//! The terminal table (comfy-table). Colour only when asked for: the caller
//! decides (a TTY and no NO_COLOR), so piped output and snapshots stay plain.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use super::{check_header, check_rows, heading, tally_line};
use crate::bench::BenchReport;
use crate::bench::latency::{Placement, RoundTrips};
use crate::doctor::Diagnosis;
use crate::lab::Lab;
use crate::report::{Report, Verdict};
use crate::timeline;

/// One report: heading, summary, checks table, tally and environment line.
pub fn render(report: &Report, colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(check_header(report.is_repeated()));
    for (row, check) in check_rows(report).into_iter().zip(&report.checks) {
        let verdict_colour = match check.verdict {
            Verdict::Pass => Color::Green,
            Verdict::Mismatch => Color::Red,
            Verdict::Skipped => Color::Yellow,
        };
        let cells: Vec<Cell> = row
            .into_iter()
            .enumerate()
            .map(|(column, text)| {
                let cell = Cell::new(text);
                if column == 3 {
                    cell.fg(verdict_colour)
                } else {
                    cell
                }
            })
            .collect();
        table.add_row(cells);
    }
    let mut text = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        heading(report),
        report.summary.trim_end(),
        table,
        tally_line(report),
        report.env.one_line()
    );
    if let Some(events) = &report.timeline {
        text.push_str(&format!("\nTimeline of lab {}:\n", report.number));
        text.push_str(&timeline::render(events));
    }
    text
}

/// `socklab list`: every lab with what it shows and how long it takes.
pub fn render_lab_list(labs: &[&Lab], colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(vec!["#", "Slug", "Title", "Shows", "Typical run"]);
    for lab in labs {
        table.add_row(vec![
            lab.number.to_string(),
            lab.slug.to_string(),
            lab.title.to_string(),
            lab.shows.to_string(),
            lab.typical_run.to_string(),
        ]);
    }
    format!("{table}\n")
}

/// `socklab doctor`: each setting the labs depend on, here and in the book.
pub fn render_diagnosis(diagnosis: &Diagnosis, colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(vec![
        "Setting",
        "Book",
        "This machine",
        "Verdict",
        "Labs",
        "Why it matters",
    ]);
    for finding in &diagnosis.findings {
        let (verdict, verdict_colour) = if finding.matches() {
            ("same", Color::Green)
        } else {
            ("DIFFERS", Color::Red)
        };
        table.add_row(vec![
            Cell::new(&finding.name),
            Cell::new(&finding.book),
            Cell::new(&finding.here),
            Cell::new(verdict).fg(verdict_colour),
            Cell::new(&finding.labs),
            Cell::new(&finding.why),
        ]);
    }
    let yes_no = |flag: bool, yes: &str, no: &str| if flag { yes } else { no }.to_string();
    let env = &diagnosis.environment;
    let mut text = format!("socklab doctor · {} {}\n{table}\n", env.os, env.kernel);
    text.push_str(&format!(
        "socket diagnostics (sock_diag, as used by ss): {} (labs 4 and 13 read TIME_WAIT through it)\n",
        yes_no(diagnosis.sock_diag, "available", "NOT available")
    ));
    text.push_str(&format!(
        "IPv6 loopback (::1): {} (the labs use IPv4 only)\n",
        yes_no(diagnosis.ipv6_loopback, "available", "not available")
    ));
    text.push_str(&format!(
        "privileges: {} (no lab needs root; only the book's network-namespace exercises do)\n",
        yes_no(diagnosis.root, "root", "unprivileged")
    ));
    text.push_str(if diagnosis.matches_the_book() {
        "This machine matches the book: every lab should pass here.\n"
    } else {
        "This machine differs from the book: the labs listed above may show MISMATCH rows here.\n\
         That is the kernel telling the truth about this machine, not a socklab bug.\n"
    });
    text
}

/// `socklab bench`: socklab's figure beside the reference's, the ratio and
/// the target, one row per figure; the machine above, notes below.
pub fn render_bench(report: &BenchReport, colour: bool) -> String {
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

fn new_table(colour: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    #[test]
    fn plain_table_has_all_cells_and_no_escape_codes() {
        let text = render(&fixtures::report(), false);
        assert!(!text.contains('\u{1b}'), "no colour without a TTY");
        for needle in [
            "Lab 3 · udp-truncation · UDP truncation",
            "Check",
            "Expected",
            "Observed",
            "Verdict",
            "b\"12345678\"",
            "MISMATCH",
            "skipped (Windows-only check)",
            "2 passed, 1 mismatched, 1 skipped · 12 ms",
            "env: linux 6.1.0-test · tcp_autocorking=1",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
        assert!(!text.contains("Runs"));
    }

    #[test]
    fn colour_marks_the_verdicts() {
        let text = render(&fixtures::report(), true);
        assert!(text.contains('\u{1b}'));
    }

    #[test]
    fn repeated_runs_get_a_runs_column() {
        let text = render(&fixtures::repeated_report(), false);
        assert!(text.contains("Runs"));
        assert!(text.contains("50/50"));
        assert!(text.contains("0/50"));
    }
}
