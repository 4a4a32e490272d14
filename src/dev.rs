//! `socklab dev check` and `socklab dev sync`: every place a lab appears,
//! kept in agreement.
//!
//! A lab lives in more places than its code: its sheet (`labs/NN-slug/`),
//! its line in the registry (`src/labs/mod.rs`), its book chapter, the
//! book's summary, its snapshot, its generated output in the book, the
//! README's lab table, and, for a lab with classroom roles, the README's
//! serve/connect table. Four of them are written by hand (the module, the
//! sheet, the registry line, the chapter); the rest are derived:
//!
//! - `socklab dev sync` writes the README's two tables and the labs section
//!   of `book/src/SUMMARY.md` from the registry;
//! - `scripts/book-output.sh` writes `book/src/generated/`;
//! - `INSTA_UPDATE=always cargo test --test labs` writes `snapshots/`.
//!
//! `socklab dev check` (run in CI by the test suite) compares them all and
//! prints, for each disagreement, what is wrong and the command or edit
//! that fixes it, in the manner of rustlings' `dev check`.

use std::fmt;
use std::fs;
use std::io;
use std::path::PathBuf;

use crate::i18n;
use crate::lab::Lab;
use crate::roles::Roles;

/// One disagreement, and how to end it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub what: String,
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  fix: {}", self.what, self.fix)
    }
}

fn problem(what: impl Into<String>, fix: impl Into<String>) -> Problem {
    Problem {
        what: what.into(),
        fix: fix.into(),
    }
}

const SYNC: &str = "run `cargo run -- dev sync` and commit the result";

/// Where the README's generated tables start and end. The markers are HTML
/// comments, invisible where the README is rendered.
const LAB_TABLE: (&str, &str) = (
    "<!-- lab table: written by `socklab dev sync` from the registry; do not edit -->",
    "<!-- end of lab table -->",
);
const ROLES_TABLE: (&str, &str) = (
    "<!-- roles table: written by `socklab dev sync` from src/roles; do not edit -->",
    "<!-- end of roles table -->",
);

/// The heading of the book summary's labs section.
const SUMMARY_LABS: &str = "# The labs";

/// `NN-slug`: how a lab's files are named everywhere.
pub fn file_stem(lab: &Lab) -> String {
    format!("{:02}-{}", lab.number, lab.slug)
}

/// The repository `socklab dev` works on, and what it holds.
pub struct Project<'a> {
    pub root: PathBuf,
    pub labs: &'a [&'a Lab],
    pub roles: &'a [&'a Roles],
}

impl Project<'_> {
    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn read(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.path(relative)).ok()
    }

    /// Every disagreement between the registry and the files, in a stable
    /// order; empty when all agree.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for lab in self.labs {
            self.check_sheet(lab, &mut problems);
            self.check_chapter(lab, &mut problems);
            self.check_derived_file(
                lab,
                &format!("snapshots/lab-{}.snap", file_stem(lab)),
                "run `INSTA_UPDATE=always cargo test --test labs`, review `git diff snapshots/` and commit it",
                &mut problems,
            );
            self.check_derived_file(
                lab,
                &format!("book/src/generated/{}.md", file_stem(lab)),
                "run `scripts/book-output.sh`, review the diff and commit it",
                &mut problems,
            );
            self.check_translation(lab, &mut problems);
            self.check_derived_file(
                lab,
                &format!("book/src/generated/zh-CN/{}.md", file_stem(lab)),
                "run `scripts/book-output.sh`, review the diff and commit it",
                &mut problems,
            );
        }
        self.check_strays(&mut problems);
        self.check_generated_text(&mut problems);
        problems
    }

    /// The lab in Chinese: its sheet, included by its module, and its
    /// messages, included by crate::i18n.
    fn check_translation(&self, lab: &Lab, problems: &mut Vec<Problem>) {
        let stem = file_stem(lab);
        let sheet = format!("labs/{stem}/README.zh-CN.md");
        let messages = format!("i18n/zh-CN/labs/{stem}.ftl");
        let translate =
            "translate it (i18n/TRANSLATING.md; `cargo test --test i18n` lists the messages)";
        match self.read(&sheet) {
            None => problems.push(problem(
                format!("lab {} has no Chinese sheet: {sheet} is missing", lab.slug),
                format!(
                    "{translate} and give the lab `sheet_zh_cn: include_str!(\"../../{sheet}\")`"
                ),
            )),
            Some(text) if text != lab.sheet_zh_cn => problems.push(problem(
                format!(
                    "lab {}'s module does not include {sheet} (its `sheet_zh_cn` is another text)",
                    lab.slug
                ),
                format!("set `sheet_zh_cn: include_str!(\"../../{sheet}\")` in the lab's module"),
            )),
            Some(_) => {}
        }
        let included = i18n::ZH_CN_LAB_FILES.iter().find(|(name, _)| *name == stem);
        match (self.read(&messages), included) {
            (None, _) => problems.push(problem(
                format!(
                    "lab {} has no Chinese messages: {messages} is missing",
                    lab.slug
                ),
                format!("{translate} and add \"{stem}\" to `lab_files!` in src/i18n.rs"),
            )),
            (Some(text), Some((_, embedded))) if text == *embedded => {}
            (Some(_), _) => problems.push(problem(
                format!("src/i18n.rs does not include {messages}"),
                format!("add \"{stem}\" to `lab_files!` in src/i18n.rs"),
            )),
        }
    }

    fn check_sheet(&self, lab: &Lab, problems: &mut Vec<Problem>) {
        let relative = format!("labs/{}/README.md", file_stem(lab));
        let title = format!("# Lab {}: {}", lab.number, lab.title);
        match self.read(&relative) {
            None => problems.push(problem(
                format!("lab {} has no sheet: {relative} is missing", lab.slug),
                format!(
                    "write {relative}, starting with `{title}`, and give the lab \
                     `sheet: include_str!(\"../../{relative}\")`"
                ),
            )),
            Some(sheet) if sheet != lab.sheet => problems.push(problem(
                format!(
                    "lab {}'s module does not include {relative} (its `sheet` is another text)",
                    lab.slug
                ),
                format!("set `sheet: include_str!(\"../../{relative}\")` in the lab's module"),
            )),
            Some(sheet) if sheet.lines().next() != Some(title.as_str()) => problems.push(problem(
                format!("{relative} does not start with the lab's title `{title}` (from its LAB)"),
                format!("make its first line `{title}`, or change the LAB's title"),
            )),
            Some(_) => {}
        }
    }

    fn check_chapter(&self, lab: &Lab, problems: &mut Vec<Problem>) {
        let stem = file_stem(lab);
        let relative = format!("book/src/labs/{stem}.md");
        let Some(chapter) = self.read(&relative) else {
            problems.push(problem(
                format!(
                    "lab {} has no book chapter: {relative} is missing",
                    lab.slug
                ),
                format!(
                    "write {relative}: copy another lab's chapter and change its three \
                     includes to {stem}; then {SYNC} to list it in SUMMARY.md"
                ),
            ));
            return;
        };
        for include in [
            format!("{{{{#include ../../../labs/{stem}/README.md:1}}}}"),
            format!("{{{{#include ../../../labs/{stem}/README.md:2:}}}}"),
            // From line 2: the report's own heading repeats the chapter's
            // title, and would be a second entry for it in the sidebar.
            format!("{{{{#include ../generated/{stem}.md:2:}}}}"),
        ] {
            if !chapter.contains(&include) {
                problems.push(problem(
                    format!("{relative} does not include what it must: {include}"),
                    format!("add `{include}` (see any other lab's chapter for where)"),
                ));
            }
        }
        if !(chapter.contains("<details>") && chapter.contains("Instructor notes")) {
            problems.push(problem(
                format!("{relative} has no instructor notes"),
                "add a `<details><summary>Instructor notes</summary>` block at its end",
            ));
        }
    }

    fn check_derived_file(
        &self,
        lab: &Lab,
        relative: &str,
        fix: &str,
        problems: &mut Vec<Problem>,
    ) {
        if !self.path(relative).exists() {
            problems.push(problem(
                format!("lab {}: {relative} is missing", lab.slug),
                fix,
            ));
        }
    }

    /// Files that belong to no registered lab: a renamed or removed lab
    /// leaves them behind, and they would go on being shipped or shown.
    fn check_strays(&self, problems: &mut Vec<Problem>) {
        let stems: Vec<String> = self.labs.iter().map(|lab| file_stem(lab)).collect();
        let places = [
            ("labs", "", true),
            ("book/src/generated", ".md", false),
            ("book/src/generated/zh-CN", ".md", false),
            ("snapshots", ".snap", false),
            ("i18n/zh-CN/labs", ".ftl", false),
        ];
        for (folder, suffix, folders) in places {
            let Ok(entries) = fs::read_dir(self.path(folder)) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .flatten()
                .filter(|entry| entry.path().is_dir() == folders)
                .filter_map(|entry| entry.file_name().into_string().ok())
                .collect();
            names.sort();
            for name in names {
                let Some(stem) = name.strip_suffix(suffix) else {
                    continue;
                };
                let stem = stem.strip_prefix("lab-").unwrap_or(stem);
                // A lab's Chinese snapshot: lab-NN-slug.zh-CN.snap.
                let stem = stem.strip_suffix(".zh-CN").unwrap_or(stem);
                let numbered =
                    stem.len() > 3 && stem.as_bytes()[..2].iter().all(u8::is_ascii_digit);
                if numbered && !stems.iter().any(|known| known == stem) {
                    problems.push(problem(
                        format!("{folder}/{name} belongs to no lab in the registry"),
                        "add the lab's line to `labs!` in src/labs/mod.rs, or remove the file",
                    ));
                }
            }
        }
    }

    fn check_generated_text(&self, problems: &mut Vec<Problem>) {
        match self.read("README.md") {
            None => problems.push(problem("README.md is missing", "restore it from git")),
            Some(readme) => {
                for (markers, table, name) in [
                    (LAB_TABLE, lab_table(self.labs), "lab table"),
                    (ROLES_TABLE, roles_table(self.roles), "serve/connect table"),
                ] {
                    match between(&readme, markers) {
                        None => problems.push(problem(
                            format!("README.md has no {name} markers"),
                            format!("put `{}` and `{}` around the {name}", markers.0, markers.1),
                        )),
                        Some(current) if current != table => problems.push(problem(
                            format!("README.md's {name} differs from the registry"),
                            SYNC,
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
        match self.read("book/src/SUMMARY.md") {
            None => problems.push(problem("book/src/SUMMARY.md is missing", "restore it from git")),
            Some(summary) => match summary_with_labs(&summary, self.labs) {
                None => problems.push(problem(
                    format!("book/src/SUMMARY.md has no `{SUMMARY_LABS}` section"),
                    format!("add a `{SUMMARY_LABS}` heading where the lab chapters go, then {SYNC}"),
                )),
                Some(synced) if synced != summary => problems.push(problem(
                    "book/src/SUMMARY.md does not list the labs of the registry, in order, with their titles",
                    SYNC,
                )),
                Some(_) => {}
            },
        }
    }

    /// Rewrites the derived text (the README's tables, the summary's labs
    /// section) from the registry; returns the files it changed.
    pub fn sync(&self) -> io::Result<Vec<String>> {
        let mut changed = Vec::new();
        let readme_path = self.path("README.md");
        let readme = fs::read_to_string(&readme_path)?;
        let mut synced = readme.clone();
        for (markers, table) in [
            (LAB_TABLE, lab_table(self.labs)),
            (ROLES_TABLE, roles_table(self.roles)),
        ] {
            synced = replace_between(&synced, markers, &table).ok_or_else(|| {
                io::Error::other(format!(
                    "README.md has no `{}` ... `{}` markers: put them around the table first",
                    markers.0, markers.1
                ))
            })?;
        }
        if synced != readme {
            fs::write(&readme_path, synced)?;
            changed.push("README.md".to_string());
        }
        let summary_path = self.path("book/src/SUMMARY.md");
        let summary = fs::read_to_string(&summary_path)?;
        let synced = summary_with_labs(&summary, self.labs).ok_or_else(|| {
            io::Error::other(format!(
                "book/src/SUMMARY.md has no `{SUMMARY_LABS}` heading: add it where the labs go"
            ))
        })?;
        if synced != summary {
            fs::write(&summary_path, synced)?;
            changed.push("book/src/SUMMARY.md".to_string());
        }
        Ok(changed)
    }
}

/// The README's lab table: number, slug and `LAB.shows`.
pub fn lab_table(labs: &[&Lab]) -> String {
    let mut table = String::from("| # | slug | what it shows |\n|---|------|---------------|\n");
    for lab in labs {
        table.push_str(&format!(
            "| {} | `{}` | {} |\n",
            lab.number,
            lab.slug,
            markdown_cell(lab.shows)
        ));
    }
    table
}

/// The README's serve/connect table: what each role does.
pub fn roles_table(roles: &[&Roles]) -> String {
    let mut table = String::from(
        "| lab | `socklab serve N` | `socklab connect N ADDR:PORT` |\n\
         |-----|-------------------|-------------------------------|\n",
    );
    for role in roles {
        table.push_str(&format!(
            "| {} `{}` | {} | {} |\n",
            role.lab.number,
            role.lab.slug,
            markdown_cell(role.server),
            markdown_cell(role.client)
        ));
    }
    table
}

/// A table cell: a `|` would end it early.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The text between two marker lines (the markers' own lines excluded).
fn between(text: &str, (begin, end): (&str, &str)) -> Option<String> {
    let start = text.find(begin)? + begin.len();
    let start = start + text[start..].find('\n')? + 1;
    let stop = start + text[start..].find(end)?;
    Some(text[start..stop].to_string())
}

fn replace_between(text: &str, markers: (&str, &str), new: &str) -> Option<String> {
    let current = between(text, markers)?;
    let start = text.find(markers.0)?;
    let at = start + text[start..].find(&current)?;
    Some(format!(
        "{}{new}{}",
        &text[..at],
        &text[at + current.len()..]
    ))
}

/// `summary` with its labs section rewritten from the registry: one line
/// per lab, `- [Lab N: Title](labs/NN-slug.md)`, in order. Indented lines
/// under a lab (extra pages such as lab 6's frame codec) stay under it.
fn summary_with_labs(summary: &str, labs: &[&Lab]) -> Option<String> {
    let lines: Vec<&str> = summary.lines().collect();
    let heading = lines.iter().position(|line| line.trim() == SUMMARY_LABS)?;
    let end = lines[heading + 1..]
        .iter()
        .position(|line| line.starts_with("# "))
        .map_or(lines.len(), |offset| heading + 1 + offset);
    // The indented children of each lab line, by the chapter file they
    // follow.
    let mut children: Vec<(String, Vec<&str>)> = Vec::new();
    for line in &lines[heading + 1..end] {
        if line.starts_with(char::is_whitespace) && !line.trim().is_empty() {
            if let Some((_, kids)) = children.last_mut() {
                kids.push(line);
            }
        } else if let Some(target) = line.split("](").nth(1) {
            children.push((target.trim_end_matches(')').to_string(), Vec::new()));
        }
    }
    let mut section = vec![String::new()];
    for lab in labs {
        let target = format!("labs/{}.md", file_stem(lab));
        section.push(format!("- [Lab {}: {}]({target})", lab.number, lab.title));
        if let Some((_, kids)) = children.iter().find(|(t, _)| *t == target) {
            section.extend(kids.iter().map(|kid| kid.to_string()));
        }
    }
    section.push(String::new());
    let mut rebuilt: Vec<String> = lines[..=heading].iter().map(|l| l.to_string()).collect();
    rebuilt.extend(section);
    rebuilt.extend(lines[end..].iter().map(|l| l.to_string()));
    Some(rebuilt.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_between_markers_is_found_and_replaced() {
        let text = "intro\nBEGIN x\nold\nrows\nEND\ntail\n";
        let markers = ("BEGIN x", "END");
        assert_eq!(between(text, markers).unwrap(), "old\nrows\n");
        assert_eq!(
            replace_between(text, markers, "new\n").unwrap(),
            "intro\nBEGIN x\nnew\nEND\ntail\n"
        );
        assert_eq!(between("no markers", markers), None);
    }

    #[test]
    fn the_summary_keeps_extra_pages_under_their_lab() {
        let summary = "# Summary\n\n# The labs\n\n- [Lab 1: Old title](labs/01-nagle-sticky.md)\n    - [Extra](labs/01-extra.md)\n- [Lab 9: Gone](labs/09-gone.md)\n\n# Appendices\n\n- [A](a.md)\n";
        let labs: Vec<&Lab> = crate::registry::LABS[..2].to_vec();
        let synced = summary_with_labs(summary, &labs).unwrap();
        assert_eq!(
            synced,
            format!(
                "# Summary\n\n# The labs\n\n- [Lab 1: {}](labs/01-nagle-sticky.md)\n    - [Extra](labs/01-extra.md)\n- [Lab 2: {}](labs/02-partial-recv.md)\n\n# Appendices\n\n- [A](a.md)\n",
                labs[0].title, labs[1].title
            )
        );
    }

    #[test]
    fn cells_escape_their_pipes() {
        assert_eq!(markdown_cell("a | b"), "a \\| b");
    }
}
