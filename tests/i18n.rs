//! socklab in Chinese: every message it says in English has its zh-CN
//! translation, and saying it in Chinese changes no measured value.
//!
//! English is the source (in the code) and every zh-CN message names the
//! English it translates in `.en` (see src/i18n.rs). These tests find the
//! English three ways: by reading the source for `tr!` templates and error
//! contexts, by walking clap's command line, and by running every lab in
//! Chinese with narration on while socklab writes down each text it had to
//! leave in English (`SOCKLAB_I18N_MISSING`). A failure prints the missing
//! messages as Fluent entries, ready to translate and paste.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use socklab::i18n::{self, fluent_entry};
use socklab::report::Report;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The string literal at the start of `text` (after whitespace), unescaped
/// as Rust does for the escapes socklab's messages use.
fn string_literal(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                '"' => value.push('"'),
                '\\' => value.push('\\'),
                // A line continuation: the newline and the next line's
                // leading spaces are not part of the string.
                '\n' => {
                    let rest: String = chars.clone().collect();
                    let skipped = rest.len() - rest.trim_start().len();
                    for _ in rest[..skipped].chars() {
                        chars.next();
                    }
                }
                other => {
                    value.push('\\');
                    value.push(other);
                }
            },
            c => value.push(c),
        }
    }
    None
}

/// Every string literal that follows `marker` in socklab's source.
fn literals_after(marker: &str) -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut found = BTreeMap::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("source is UTF-8");
        for (at, _) in text.match_indices(marker) {
            if let Some(literal) = string_literal(&text[at + marker.len()..]) {
                let place = file.strip_prefix(root()).unwrap().display().to_string();
                found.entry(literal).or_insert(place);
            }
        }
    }
    found
}

/// Fails with every missing message as a Fluent entry for `file`.
fn assert_all_translated(missing: &[(String, String)], file: &str) {
    let entries: String = missing
        .iter()
        .map(|(id, english)| fluent_entry(id, english))
        .collect();
    assert!(
        missing.is_empty(),
        "{} message(s) have no zh-CN translation; translate these and add them to {file}:\n\n{entries}",
        missing.len()
    );
}

/// The English texts (from the source) that have no Chinese, each with a
/// new id for its Fluent entry. A leading indent is not part of a message
/// (as in `i18n::text`).
fn untranslated(
    catalog: &i18n::Catalog,
    texts: BTreeMap<String, String>,
    prefix: &str,
) -> Vec<(String, String)> {
    texts
        .into_keys()
        .filter(|english| {
            catalog
                .by_english(english.trim_start_matches(' '))
                .is_none()
        })
        .enumerate()
        .map(|(n, english)| (format!("{prefix}-new-{}", n + 1), english))
        .collect()
}

#[test]
fn every_zh_cn_file_parses() {
    let catalog = i18n::zh_cn();
    assert!(catalog.errors.is_empty(), "{:#?}", catalog.errors);
}

#[test]
fn every_message_with_arguments_has_chinese_with_the_same_english() {
    let catalog = i18n::zh_cn();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("tr!(") {
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue; // include_str!( and the like
            }
            let call = &text[at + "tr!(".len()..];
            let Some(id) = string_literal(call) else {
                continue; // the macro's own definition and docs
            };
            let after_id = &call[call.find(',').expect("tr! has a template") + 1..];
            let template = string_literal(after_id).expect("tr!'s template is a literal");
            checked += 1;
            match catalog.attribute(&id, "en") {
                Some(english) if english == template => {}
                Some(english) => panic!(
                    "{}: message {id}'s .en is {english:?} but the code says {template:?}: update the Chinese and its .en",
                    file.display()
                ),
                None => missing.push((id, template)),
            }
        }
    }
    assert!(checked > 20, "found only {checked} tr! calls");
    missing.sort();
    missing.dedup();
    assert_all_translated(&missing, "i18n/zh-CN/socklab.ftl");
}

#[test]
fn every_error_context_has_chinese() {
    let catalog = i18n::zh_cn();
    let contexts = literals_after(".step(");
    assert!(
        contexts.len() > 300,
        "found {} error contexts",
        contexts.len()
    );
    assert_all_translated(
        &untranslated(catalog, contexts, "step"),
        "i18n/zh-CN/steps.ftl",
    );
}

#[test]
fn every_fixed_text_has_chinese() {
    // `i18n::text("...")` with a literal: a progress bar, a network's name.
    let catalog = i18n::zh_cn();
    let texts = literals_after("i18n::text(");
    assert_all_translated(
        &untranslated(catalog, texts, "text"),
        "i18n/zh-CN/socklab.ftl",
    );
}

#[test]
fn every_help_text_has_chinese() {
    let catalog = i18n::zh_cn();
    let missing: Vec<(String, String)> = socklab::cli::help_texts()
        .into_iter()
        .filter(|(_, english)| catalog.by_english(english.trim_end()).is_none())
        .collect();
    assert_all_translated(&missing, "i18n/zh-CN/cli.ftl");
}

/// Words a message may keep in English: calls and names of code.
const CODE_WORDS: &[&str] = &[
    "accept", "bind", "close", "connect", "listen", "recv", "recvfrom", "send", "sendall",
    "sendto", "shutdown", "socket", "read", "write", "uncork", "ack", "len", "seq", "win",
    "stdout", "stderr", "normpath", "join", "uploads",
];

/// Whether `english` may stand untranslated: nothing in it is an English
/// word, only code (`recv(1500)`, `FIONREAD`, `shutdown(SHUT_WR)`).
fn only_code(english: &str) -> bool {
    // What is quoted, as `code` or as a "string", is code already.
    let unquoted: String = english
        .split('`')
        .step_by(2)
        .flat_map(|part| part.split('"').step_by(2))
        .collect();
    unquoted
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|token| token.len() >= 3 && token.chars().all(|c| c.is_ascii_lowercase()))
        .all(|word| CODE_WORDS.contains(&word))
}

#[test]
fn no_message_is_left_in_english() {
    let catalog = i18n::zh_cn();
    let mut untranslated: Vec<String> = catalog
        .english_of_every_message()
        .filter(|(id, english)| {
            catalog.format(id, &[]).as_deref() == Some(*english) && !only_code(english)
        })
        .map(|(id, english)| format!("{id}: {english}"))
        .collect();
    untranslated.sort();
    assert!(
        untranslated.is_empty(),
        "{} zh-CN message(s) still say the English; translate them:\n{}",
        untranslated.len(),
        untranslated.join("\n")
    );
}

#[test]
fn no_english_text_has_two_different_translations() {
    // A translation is found by its English alone, so two files that give
    // one English text different Chinese would make one of them unused.
    let mut by_english: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let catalog = i18n::zh_cn();
    for (id, english) in catalog.english_of_every_message() {
        by_english
            .entry(english.to_string())
            .or_default()
            .insert(catalog.format(id, &[]).unwrap_or_default());
    }
    let conflicts: Vec<_> = by_english
        .iter()
        .filter(|(_, chinese)| chinese.len() > 1)
        .collect();
    assert!(conflicts.is_empty(), "{conflicts:#?}");
}

/// `socklab run all` in `lang` with narration, and every text socklab had
/// to leave untranslated.
fn run_all(lang: &str, missing_file: &Path) -> Vec<Report> {
    let output = common::socklab()
        .args(["run", "all", "--step", "--format", "json", "--lang", lang])
        .env("SOCKLAB_I18N_MISSING", missing_file)
        .output()
        .expect("socklab runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("socklab printed JSON")
}

#[test]
fn every_lab_says_in_chinese_what_it_measures_in_english() {
    let folder = tempfile_folder("labs");
    let missing_file = folder.join("missing.txt");
    let chinese = run_all("zh-CN", &missing_file);
    let english = common::reports(&["run", "all"]);
    let missing = fs::read_to_string(&missing_file).unwrap_or_default();
    fs::remove_dir_all(&folder).ok();
    let missing: BTreeSet<String> = missing
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON string per line"))
        .collect();
    let missing: Vec<(String, String)> = missing
        .into_iter()
        .enumerate()
        .map(|(n, english)| (format!("new-{}", n + 1), english))
        .collect();
    assert_all_translated(&missing, "the lab's i18n/zh-CN/labs/NN-slug.ftl");

    assert_eq!(chinese.len(), english.len());
    for (zh, en) in chinese.iter().zip(&english) {
        assert_eq!(zh.lang, "zh-CN");
        assert_eq!(en.lang, "en");
        assert_eq!((zh.number, &zh.slug), (en.number, &en.slug));
        assert!(
            has_chinese(&zh.title),
            "lab {}'s title {:?}",
            zh.number,
            zh.title
        );
        let ids = |report: &Report| -> Vec<String> {
            report.checks.iter().map(|c| c.id.clone()).collect()
        };
        assert_eq!(ids(zh), ids(en), "lab {}: the same checks", zh.number);
        for (z, e) in zh.checks.iter().zip(&en.checks) {
            // What was expected is the same in both languages; exact
            // observations too (times vary from run to run).
            assert_eq!(z.expected, e.expected, "lab {} {}", zh.number, z.id);
            assert_eq!(z.verdict, e.verdict, "lab {} {}", zh.number, z.id);
            if z.kind == socklab::report::ValueKind::Exact {
                assert_eq!(z.observed, e.observed, "lab {} {}", zh.number, z.id);
            }
            assert_eq!(
                z.name.len() - z.name.trim_start().len(),
                e.name.len() - e.name.trim_start().len(),
                "lab {} {}: a sub-check keeps its indent",
                zh.number,
                z.id
            );
        }
    }
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A fresh folder of this test's own under the system's temp folder.
fn tempfile_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("socklab-i18n-{name}-{}", std::process::id()));
    fs::create_dir_all(&folder).expect("temp folder");
    folder
}

#[test]
fn labs_1_3_and_13_match_their_zh_cn_snapshots() {
    // The tables a Chinese reader sees, beside the English ones in
    // snapshots/: titles, summaries, check names, headings, verdicts and
    // tally in Chinese, every value as in English. This test binary renders
    // in Chinese (no test here renders English).
    i18n::set(i18n::Lang::ZhCn);
    let reports = common::reports(&["run", "1", "3", "13", "--lang", "zh-CN"]);
    if !common::in_private_network(&reports) {
        return;
    }
    for report in &reports {
        assert!(report.all_passed(), "lab {} mismatched", report.number);
        let table = socklab::render::table::render(&report.redacted(), false);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(format!(
            "socklab run {} --lang zh-CN ({})",
            report.number, report.slug
        ));
        settings.add_filter(r"(?m) · \d+ ms$", " · [duration]");
        let name = format!("lab-{:02}-{}.zh-CN", report.number, report.slug);
        settings.bind(|| insta::assert_snapshot!(name, table));
    }
}

/// The display columns at which `line` has a table border or separator.
fn border_columns(line: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut at = 0;
    for c in line.chars() {
        if "│┆┌┐└┘├┤┬┴┼╞╡╪".contains(c) {
            columns.push(at);
        }
        at += i18n::width(c.encode_utf8(&mut [0; 4]));
    }
    columns
}

#[test]
fn a_chinese_table_fits_80_columns_and_stays_aligned() {
    // A projector's terminal: comfy-table wraps the cells, counting each
    // Chinese character as the two columns it takes.
    let output = common::socklab()
        .args(["run", "1", "--lang", "zh-CN"])
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .output()
        .expect("socklab runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let table: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with(|c: char| "│┌└╞├".contains(c)))
        .collect();
    assert!(table.len() > 20, "the table:\n{text}");
    assert!(table.iter().any(|line| has_chinese(line)));
    let columns = border_columns(table[0]);
    assert_eq!(columns.len(), 5, "four columns: {}", table[0]);
    for line in &table {
        assert!(i18n::width(line) <= 80, "wider than 80 columns: {line}");
        assert_eq!(border_columns(line), columns, "out of line: {line}");
    }
}
