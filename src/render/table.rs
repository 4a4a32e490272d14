//! The terminal table (comfy-table). Colour only when asked for: the caller
//! decides (a TTY and no NO_COLOR), so piped output and snapshots stay plain.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use super::{check_header, check_rows, heading, tally_line};
use crate::i18n;
use crate::lab::Lab;
use crate::render::timeline;
use crate::report::{Report, Verdict};
use crate::tr;

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
        text.push_str(&format!(
            "\n{}\n",
            tr!(
                "timeline-heading",
                "Timeline of lab {number}:",
                number = report.number
            )
        ));
        text.push_str(&timeline::render(events, &report.wire));
    }
    text
}

/// One row of `socklab exercises`.
pub struct ExerciseRow {
    pub id: &'static str,
    /// "6 framing": the lab's number and slug.
    pub lab: String,
    pub title: &'static str,
    pub done: bool,
}

/// `socklab exercises`: id, lab, title, done.
pub fn render_exercise_list(rows: &[ExerciseRow], colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(vec![
        tr!("column-id", "Id"),
        tr!("column-lab", "Lab"),
        tr!("column-exercise", "Exercise"),
        tr!("column-done", "Done"),
    ]);
    for row in rows {
        table.add_row(vec![
            row.id.to_string(),
            row.lab.clone(),
            i18n::text(row.title).into_owned(),
            if row.done {
                tr!("exercise-done", "done")
            } else {
                tr!("exercise-not-yet", "not yet")
            },
        ]);
    }
    format!("{table}\n")
}

/// `socklab list`: every lab with what it shows and how long it takes.
pub fn render_lab_list(labs: &[&Lab], colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(vec![
        "#".to_string(),
        tr!("column-slug", "Slug"),
        tr!("column-title", "Title"),
        tr!("column-shows", "Shows"),
        tr!("column-typical-run", "Typical run"),
    ]);
    for lab in labs {
        table.add_row(vec![
            lab.number.to_string(),
            lab.slug.to_string(),
            lab.title().into_owned(),
            lab.shows().into_owned(),
            lab.typical_run.to_string(),
        ]);
    }
    format!("{table}\n")
}

/// The one table style of socklab: condensed UTF-8 borders, columns that
/// wrap to the terminal, colour only when asked for. `doctor` and `bench`
/// build their tables with it too.
///
/// On a terminal comfy-table reads its width; `COLUMNS=80` (as a shell
/// sets it, or by hand) fits the table to 80 columns anywhere, e.g. for a
/// projector or a pasted report. comfy-table measures cells in display
/// columns (a CJK character takes two), so Chinese tables stay aligned.
pub fn new_table(colour: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse::<u16>().ok())
        .filter(|&columns| columns >= 40)
    {
        table.set_width(columns);
    }
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
