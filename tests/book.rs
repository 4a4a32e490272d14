//! The course book must stay true to the program.
//!
//! - (That every lab has a chapter, listed in SUMMARY.md, including its
//!   sheet and generated output, is `socklab dev check`'s job:
//!   tests/consistency.rs.)
//! - The generated output (book/src/generated/NN-slug.md, written by
//!   scripts/book-output.sh from `socklab run all --format markdown`) must
//!   match what the labs produce now. Varying values (times) and the environment line
//!   differ from run to run and machine to machine, so they are masked on
//!   both sides; every other cell must be identical.
//! - The sequence diagrams (book/src/generated/diagram-NN-slug-connection-C.svg,
//!   written by the same script with `socklab run N --diagram`) must show
//!   what the renderer draws from a fresh run: the same packets with the
//!   same flags, numbers and bytes in the same order, and on each side the
//!   same calls and kernel notes in the same order. The times, and how the
//!   two sides' calls interleave (two threads decide that), may differ.
//! - Every relative link, include and image in the book points at a file
//!   that exists.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod common;

use socklab::registry::LABS;
use socklab::render;
use socklab::report::{Report, ValueKind};

const REGENERATE: &str =
    "regenerate it with `scripts/book-output.sh`, review the diff, and commit it";

fn book_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src")
}

fn file_stem(number: u8, slug: &str) -> String {
    format!("{number:02}-{slug}")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Splits a markdown table row into its cells, honouring `\|` escapes.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Masks what may differ between two honest runs: the observed cell of
/// every timing check (`varying[k]` for the table's k-th check), the run's
/// duration, and the environment line, in English or in Chinese.
fn mask(markdown: &str, varying: &[bool]) -> String {
    let mut row_number = 0;
    markdown
        .lines()
        .map(|line| {
            if line.starts_with("env: ") || line.starts_with("环境：") {
                return "env: [environment]".to_string();
            }
            if let Some((tally, _)) = line.rsplit_once(" · ")
                && line.trim_end().ends_with("ms")
                && (tally.contains(" passed, ") || tally.contains(" 项通过，"))
            {
                return format!("{tally} · [duration]");
            }
            if line.starts_with("| ") {
                let mut row = cells(line);
                // The heading and the `---` row come first.
                if row_number >= 2 && varying.get(row_number - 2) == Some(&true) && row.len() >= 3 {
                    row[2] = "[varies]".to_string();
                }
                row_number += 1;
                return format!("| {} |", row.join(" | "));
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which of a report's checks vary from run to run (times), in table order.
fn varying(report: &Report) -> Vec<bool> {
    report
        .checks
        .iter()
        .map(|check| check.kind == ValueKind::Varying)
        .collect()
}

/// Compares one generated file with what socklab printed now.
fn assert_matches(path: &Path, now: &str, varying: &[bool], lab: u8) {
    assert!(path.exists(), "{} is missing: {REGENERATE}", path.display());
    let in_book = read(path);
    let (book_masked, now_masked) = (mask(&in_book, varying), mask(now, varying));
    if book_masked != now_masked {
        let first_difference = book_masked
            .lines()
            .zip(now_masked.lines())
            .find(|(book, now)| book != now)
            .map(|(book, now)| format!("\n  book: {book}\n  now:  {now}"))
            .unwrap_or_else(|| "\n  (the tables differ in length)".to_string());
        panic!(
            "{} no longer matches `socklab run {lab}`: {REGENERATE}.{first_difference}",
            path.display(),
        );
    }
}

#[test]
fn generated_output_matches_what_the_labs_produce_now() {
    // One `socklab run all`, as scripts/book-output.sh runs it.
    let reports = common::reports(&["run", "all"]);
    assert_eq!(reports.len(), LABS.len());
    if !common::in_private_network(&reports) {
        return;
    }
    for (lab, report) in LABS.iter().zip(&reports) {
        let stem = file_stem(lab.number, lab.slug);
        let path = book_src().join(format!("generated/{stem}.md"));
        let now = render::markdown::render(report);
        assert_matches(&path, &now, &varying(report), lab.number);
    }
}

#[test]
fn the_zh_cn_edition_shows_the_same_output_in_chinese() {
    // The English run says which rows vary; the Chinese one, in the same
    // order (tests/i18n.rs holds the two to the same checks), is compared
    // as the book's zh-CN edition shows it.
    let reports = common::reports(&["run", "all"]);
    if !common::in_private_network(&reports) {
        return;
    }
    let output = common::socklab()
        .args(["run", "all", "--lang", "zh-CN", "--format", "markdown"])
        .output()
        .expect("socklab runs");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    let chapters: Vec<&str> = markdown.split("### 实验 ").skip(1).collect();
    assert_eq!(
        chapters.len(),
        LABS.len(),
        "one report per lab, headed `### 实验 N`"
    );
    for ((lab, report), chapter) in LABS.iter().zip(&reports).zip(chapters) {
        let stem = file_stem(lab.number, lab.slug);
        let path = book_src().join(format!("generated/zh-CN/{stem}.md"));
        let now = format!("### 实验 {}", chapter.trim_end());
        assert_matches(&path, &now, &varying(report), lab.number);
    }
}

/// What a diagram shows, in the order that does not change from run to
/// run: its size, the label of every packet in the capture's order, and
/// the labels of each side's calls and notes in that side's order
/// (`render::diagram` marks each with its lane's class). The times and the
/// interleaving of the two sides' calls, which two threads decide, are
/// left out.
fn diagram_shape(svg: &str) -> BTreeMap<String, Vec<String>> {
    let mut lanes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in svg.lines() {
        let Some(class) = line
            .split_once(" class=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(class, _)| class)
        else {
            continue;
        };
        if class == "time" {
            continue;
        }
        let label = line
            .rsplit_once("</text>")
            .and_then(|(before, _)| before.rsplit_once('>'))
            .map(|(_, label)| label.to_string())
            .unwrap_or_default();
        let (lane, entry) = match class.split_once(' ') {
            Some(("packet", direction)) => ("packet", format!("{direction} {label}")),
            _ => (class, label),
        };
        lanes.entry(lane.to_string()).or_default().push(entry);
    }
    let size = svg.lines().next().unwrap_or_default();
    lanes.insert("size".into(), vec![size.to_string()]);
    lanes
}

/// `diagram-01-nagle-sticky-connection-3.svg` → (1, 3).
fn diagram_subject(file_name: &str) -> Option<(u8, usize)> {
    let stem = file_name.strip_prefix("diagram-")?.strip_suffix(".svg")?;
    let (lab, rest) = stem.split_once('-')?;
    let (_, connection) = rest.rsplit_once("-connection-")?;
    Some((lab.parse().ok()?, connection.parse().ok()?))
}

#[test]
fn diagrams_match_what_the_labs_draw_now() {
    let mut diagrams: Vec<(PathBuf, u8, usize)> = fs::read_dir(book_src().join("generated"))
        .unwrap()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let (lab, connection) = diagram_subject(path.file_name()?.to_str()?)?;
            Some((path, lab, connection))
        })
        .collect();
    diagrams.sort();
    assert!(
        diagrams.len() >= 5,
        "the chapters' diagrams are missing from book/src/generated: {REGENERATE}"
    );
    let mut runs: std::collections::HashMap<u8, Report> = Default::default();
    for (path, lab, connection) in diagrams {
        let report = runs
            .entry(lab)
            .or_insert_with(|| common::reports(&["run", &lab.to_string(), "--timeline"]).remove(0));
        if !common::in_private_network(std::slice::from_ref(report)) {
            return;
        }
        let now = render::diagram::svg(report, Some(connection))
            .unwrap_or_else(|missing| panic!("{}: {missing}", path.display()));
        let (book, now) = (diagram_shape(&read(&path)), diagram_shape(&now));
        if book != now {
            let first_difference = book
                .iter()
                .find(|(lane, entries)| now.get(*lane) != Some(*entries))
                .map(|(lane, entries)| {
                    let now = now.get(lane).cloned().unwrap_or_default();
                    let at = entries.iter().zip(&now).position(|(b, n)| b != n);
                    match at {
                        Some(at) => format!(
                            "\n  {lane} #{}:\n  book: {}\n  now:  {}",
                            at + 1,
                            entries[at],
                            now[at]
                        ),
                        None => format!(
                            "\n  {lane}: {} in the book, {} now",
                            entries.len(),
                            now.len()
                        ),
                    }
                })
                .unwrap_or_else(|| "\n  (a lane is new)".to_string());
            panic!(
                "{} is not what `socklab run {lab} --diagram FILE --connection {connection}` draws now: \
                 {REGENERATE}.{first_difference}",
                path.display()
            );
        }
    }
}

#[test]
fn a_diagrams_shape_leaves_out_times_and_the_sides_interleaving() {
    let book = [
        r#"<svg width="900" height="200">"#,
        r#"<text class="time" x="76" y="100">0.23 ms</text>"#,
        r#"<line class="packet to-server" x1="310"/><text x="485">[P.] seq 1:6</text>"#,
        r#"<rect class="call client" x="305"/><text x="298">send 5 B</text>"#,
        r#"<rect class="call server" x="655"/><text x="672">recv 5 B</text>"#,
    ];
    let mut now = book.map(str::to_string);
    now[1] = now[1].replace("0.23 ms", "41.07 ms");
    now.swap(3, 4);
    let shape = |lines: &[String]| diagram_shape(&lines.join("\n"));
    let book = book.map(str::to_string);
    assert_eq!(shape(&book), shape(&now));
    let mut changed = now.clone();
    changed[2] = changed[2].replace("[P.]", "[R.]");
    assert_ne!(shape(&book), shape(&changed));
    let mut reversed = now.clone();
    reversed[2] = reversed[2].replace("to-server", "to-client");
    assert_ne!(shape(&book), shape(&reversed));
    assert_eq!(
        diagram_subject("diagram-13-tcp-states-connection-1.svg"),
        Some((13, 1))
    );
    assert_eq!(diagram_subject("13-tcp-states.md"), None);
}

/// `](target)` links, `src="target"` images and `{{#include target...}}`
/// directives in one file.
fn references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("](") {
        let rest = &text[start + 2..];
        if let Some(end) = rest.find(')') {
            found.push(rest[..end].to_string());
        }
    }
    for (start, _) in text.match_indices("src=\"") {
        let rest = &text[start + "src=\"".len()..];
        if let Some(end) = rest.find('"') {
            found.push(rest[..end].to_string());
        }
    }
    for (start, _) in text.match_indices("{{#include ") {
        let rest = &text[start + "{{#include ".len()..];
        if let Some(end) = rest.find("}}") {
            let target = &rest[..end];
            // Strip a line range or anchor: `file.md:2:` → `file.md`.
            let path = target.split(':').next().unwrap_or(target);
            found.push(path.to_string());
        }
    }
    found
}

#[test]
fn internal_links_and_includes_resolve() {
    let mut checked = 0;
    let mut folders = vec![book_src()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            for target in references(&read(&path)) {
                if target.contains("://")
                    || target.starts_with('#')
                    || target.starts_with("mailto:")
                {
                    continue;
                }
                let file = target.split('#').next().unwrap();
                let resolved = path.parent().unwrap().join(file);
                assert!(
                    resolved.exists(),
                    "{} links to {target}, which does not exist",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} links found: is the book there?"
    );
}

#[test]
fn masking_hides_only_what_may_change() {
    let names = [true, false];
    let head = "| Check | Expected | Observed | Verdict |\n| --- | --- | --- | --- |\n";
    let book = format!(
        "{head}| RTT | p50 < 1 ms | p50 20 µs | pass |\n| count | 2 | 2 | pass |\n3 passed, 0 mismatched · 12 ms  \nenv: linux 6.1"
    );
    let now = format!(
        "{head}| RTT | p50 < 1 ms | p50 31 µs | pass |\n| count | 2 | 2 | pass |\n3 passed, 0 mismatched · 15 ms  \nenv: linux 6.8"
    );
    let (book, now) = (book.as_str(), now.as_str());
    assert_eq!(mask(book, &names), mask(now, &names));
    let changed = now.replace("| count | 2 | 2 |", "| count | 2 | 3 |");
    assert_ne!(mask(book, &names), mask(&changed, &names));
    let failed = now.replace("p50 31 µs | pass", "p50 31 µs | MISMATCH");
    assert_ne!(mask(book, &names), mask(&failed, &names));
    assert_eq!(cells(r"| a \| b | c |"), [r"a \| b", "c"]);
    let chinese = "3 项通过，0 项不符 · 12 ms  \n环境：linux 6.1";
    assert_eq!(
        mask(chinese, &names),
        mask(&chinese.replace("12 ms", "15 ms"), &names)
    );
}

/// A `--wire` line with what varies between runs masked: the times, the
/// ports the kernel chose, and the counts in the heading line.
fn mask_wire_line(line: &str) -> String {
    if line.starts_with("wire: ") {
        return "wire: [counts]".to_string();
    }
    line.split(' ')
        .map(|word| {
            if word.contains('.') && word.chars().all(|c| c.is_ascii_digit() || c == '.') {
                "[t]".to_string()
            } else if let Some(port) = word.strip_prefix(':')
                && !port.is_empty()
                && port.chars().all(|c| c.is_ascii_digit())
            {
                ":[port]".to_string()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_wire_sample_matches_lab_1_now() {
    let path = book_src().join("generated/wire-01-nagle-sticky.txt");
    let in_book = read(&path);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["run", "1", "--wire"])
        .output()
        .expect("socklab runs");
    let now = String::from_utf8_lossy(&output.stdout);
    if now.contains("· host loopback") {
        eprintln!("note: no private network here: lab 1's wire sample is not compared");
        return;
    }
    let now: Vec<String> = now
        .lines()
        .skip_while(|line| !line.starts_with("wire: "))
        .take(in_book.lines().count())
        .map(mask_wire_line)
        .collect();
    let book: Vec<String> = in_book.lines().map(mask_wire_line).collect();
    assert_eq!(
        now,
        book,
        "{} no longer matches `socklab run 1 --wire`: {REGENERATE}",
        path.display()
    );
}
