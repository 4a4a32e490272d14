//! The terminal table (comfy-table). Colour only when asked for: the caller
//! decides (a TTY and no NO_COLOR), so piped output and snapshots stay plain.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use super::{check_header, check_rows, heading, tally_line};
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
