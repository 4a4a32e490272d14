//! The book's claims about behaviour are either measured or labelled.
//!
//! A measured claim carries a marker, `[✓ 7·orderly-recv](../labs/07-close-and-reset.md)`:
//! lab 7's check `orderly-recv` shows it. This test runs every lab once and
//! fails when a marker names a lab that does not exist, a check that lab
//! does not report, a check that did not pass in this run, or links
//! anywhere but that lab's chapter. A claim socklab cannot measure (another
//! operating system, a man page's promise) is labelled instead, in italics:
//! `*reported: FreeBSD's tcp(4)*` (`*据报告：…*` in Chinese), and a label
//! must name its source.
//!
//! Markers live in the book's own pages and in the lab sheets
//! (labs/NN-slug/README.md), which the chapters include: links in a sheet
//! are written as seen from book/src/labs/, where they end up.

use std::fs;
use std::path::{Path, PathBuf};

use pages::{reader_pages, root};

mod common;
mod pages;

use socklab::registry::LABS;
use socklab::report::{Report, Verdict};

/// One `[✓ N·id](target)` marker, where it was found.
#[derive(Debug)]
struct Marker {
    file: PathBuf,
    lab: u8,
    check: String,
    target: String,
}

/// Finds the markers in one page. A `[✓` that does not parse as a marker
/// is reported as such, so a typo cannot hide a claim from the test.
fn markers(file: &Path, text: &str) -> Result<Vec<Marker>, String> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("[✓") {
        let rest = &text[start..];
        let parsed = (|| {
            let label = rest.strip_prefix("[✓ ")?;
            let (label, after) = label.split_once("](")?;
            let (target, _) = after.split_once(')')?;
            let (lab, check) = label.split_once('·')?;
            Some(Marker {
                file: file.to_path_buf(),
                lab: lab.parse().ok()?,
                check: check.to_string(),
                target: target.to_string(),
            })
        })();
        match parsed {
            Some(marker) => found.push(marker),
            None => {
                let line = text[..start].lines().count();
                return Err(format!(
                    "{}:{line}: `{}` is not a marker; write `[✓ N·check-id](../labs/NN-slug.md)`",
                    file.display(),
                    rest.lines().next().unwrap_or_default()
                ));
            }
        }
    }
    Ok(found)
}

/// The chapter file a marker's link must point at, as seen from the page
/// that holds it.
fn chapter_link(page: &Path, lab: u8) -> Option<String> {
    let lab = LABS.iter().find(|l| l.number == lab)?;
    let chapter = format!("{:02}-{}.md", lab.number, lab.slug);
    let folder = page.parent()?;
    let in_labs = folder.ends_with("book/src/labs") || folder.parent()?.ends_with("labs");
    Some(if in_labs {
        chapter
    } else if folder.ends_with("book/src") {
        format!("labs/{chapter}")
    } else {
        format!("../labs/{chapter}")
    })
}

#[test]
fn every_marker_names_a_check_that_passed() {
    let mut all = Vec::new();
    let mut problems = Vec::new();
    for page in reader_pages() {
        let text = fs::read_to_string(&page).unwrap();
        match markers(&page, &text) {
            Ok(found) => all.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    assert!(
        all.len() >= 20,
        "only {} markers in the book: the parser has stopped finding them",
        all.len()
    );

    let reports: Vec<Report> = common::reports(&["run", "all"]);
    let private = common::in_private_network(&reports);
    for marker in &all {
        let place = format!(
            "{}: [✓ {}·{}]",
            marker.file.display(),
            marker.lab,
            marker.check
        );
        let Some(expected_link) = chapter_link(&marker.file, marker.lab) else {
            problems.push(format!("{place}: there is no lab {}", marker.lab));
            continue;
        };
        if marker.target.split('#').next() != Some(expected_link.as_str()) {
            problems.push(format!(
                "{place}: links to `{}`; link it to lab {}'s chapter, `{expected_link}`",
                marker.target, marker.lab
            ));
        }
        let report = reports.iter().find(|r| r.number == marker.lab).unwrap();
        match report.checks.iter().find(|c| c.id == marker.check) {
            None => problems.push(format!(
                "{place}: lab {} has no check `{}` (`socklab run {} --format json` lists the ids)",
                marker.lab, marker.check, marker.lab
            )),
            // Wire checks are skipped without a private network; the test
            // says so (above) instead of failing on such a machine.
            Some(check) if check.verdict == Verdict::Skipped && !private => {}
            Some(check) if check.verdict != Verdict::Pass => problems.push(format!(
                "{place}: the check did not pass in this run ({:?}: expected {}, observed {}); fix the claim or the lab",
                check.verdict, check.expected, check.observed
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_reported_label_names_its_source() {
    let mut problems = Vec::new();
    for page in reader_pages() {
        let text = fs::read_to_string(&page).unwrap();
        for (number, line) in text.lines().enumerate() {
            // `*据报告：…*` in a Chinese sheet.
            let labels = line
                .match_indices("*reported:")
                .chain(line.match_indices("*据报告："));
            for (start, label) in labels {
                let source = line[start + label.len()..]
                    .split('*')
                    .next()
                    .unwrap_or_default()
                    .trim();
                if source.len() < 4 {
                    problems.push(format!(
                        "{}:{}: a `reported:` label without its source; name the man page, RFC or vendor document",
                        page.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The platforms appendix keeps measured and reported apart: every row of
/// its first table has a marker, every row of its second a label.
#[test]
fn the_platforms_appendix_backs_every_row() {
    let text = fs::read_to_string(root().join("book/src/appendix/platforms.md")).unwrap();
    let tables: Vec<Vec<&str>> = text
        .split("\n## ")
        .skip(1)
        .map(|section| {
            section
                .lines()
                .filter(|l| l.starts_with('|'))
                .skip(2) // the heading row and its rule
                .collect()
        })
        .collect();
    assert_eq!(
        tables.len(),
        2,
        "the appendix has a measured and a reported table"
    );
    for row in &tables[0] {
        assert!(
            row.contains("[✓ "),
            "a measured row without a marker: {row}"
        );
    }
    for row in &tables[1] {
        assert!(
            row.contains("*reported: "),
            "a reported row without its source: {row}"
        );
    }
    assert!(tables[0].len() >= 10 && tables[1].len() >= 10);
}

#[test]
fn a_malformed_marker_is_an_error() {
    let page = Path::new("book/src/x.md");
    assert!(markers(page, "see [✓ 7 orderly-recv](labs/07-close-and-reset.md)").is_err());
    let found = markers(page, "see [✓ 7·orderly-recv](labs/07-close-and-reset.md).").unwrap();
    assert_eq!((found[0].lab, found[0].check.as_str()), (7, "orderly-recv"));
    assert_eq!(chapter_link(page, 7).unwrap(), "labs/07-close-and-reset.md");
}
