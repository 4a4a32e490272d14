//! Markdown output: the same rows as the table, as a GitHub/mdBook table.

use super::{check_header, check_rows, heading, tally_line};
use crate::report::Report;

/// One report as markdown: a heading, the summary, the table, the tally and
/// the environment line.
pub fn render(report: &Report) -> String {
    let header = check_header(report.is_repeated());
    let mut text = format!(
        "### {}\n\n{}\n\n",
        heading(report),
        report.summary.trim_end()
    );
    text.push_str(&table_row(header.iter().map(|s| s.to_string())));
    text.push_str(&table_row(header.iter().map(|_| "---".to_string())));
    for row in check_rows(report) {
        text.push_str(&table_row(row.into_iter()));
    }
    text.push_str(&format!(
        "\n{}  \n{}\n",
        tally_line(report),
        report.env.one_line()
    ));
    if let Some(events) = &report.timeline {
        text.push_str(&format!(
            "\n```text\n{}```\n",
            crate::render::timeline::render(events, &report.wire)
        ));
    }
    text
}

fn table_row(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.map(|cell| escape(&cell)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A `|` would end the cell and a newline the row; backslashes and
/// backticks are escaped so `b"a\n"` shows as written. Markdown drops
/// leading spaces in a cell, so an indented follow-up row keeps its indent
/// as non-breaking spaces.
fn escape(cell: &str) -> String {
    let body = cell.trim_start_matches(' ');
    let indent = "&nbsp;".repeat(cell.len() - body.len());
    let escaped = body
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('`', "\\`")
        .replace('\n', "<br>");
    format!("{indent}{escaped}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    #[test]
    fn renders_a_markdown_table() {
        let text = render(&fixtures::report());
        assert!(text.starts_with("### Lab 3 · udp-truncation · UDP truncation\n"));
        assert!(
            text.contains("| Check | Expected | Observed | Verdict |\n| --- | --- | --- | --- |\n")
        );
        assert!(text.contains("| real size via MSG_TRUNC | 10 | 4 | MISMATCH |"));
    }

    #[test]
    fn escapes_cells_that_would_break_the_table() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("b\"a\\n\""), "b\"a\\\\n\"");
        assert_eq!(escape("  then"), "&nbsp;&nbsp;then");
    }
}
