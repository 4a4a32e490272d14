//! The zh-CN book says what the English one says: each translated message
//! of po/zh-CN.po keeps its English's check markers (`[✓ N·id](…)`), link
//! targets, inline code and byte strings, so a translation can neither drop
//! a claim's evidence nor change a value. (That every message is translated
//! and none is fuzzy is `scripts/book-i18n.sh check`'s job, with gettext's
//! own tools, in CI.)

use std::collections::BTreeSet;
use std::fs;

mod pages;

use pages::root;

/// One PO entry: its msgid and msgstr, unescaped.
struct Entry {
    line: usize,
    msgid: String,
    msgstr: String,
}

/// The text of a PO string literal line: `"a\"b"` → `a"b`.
fn po_string(line: &str) -> String {
    let inner = line.trim().trim_start_matches('"').trim_end_matches('"');
    let mut text = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => text.push('\n'),
                Some('t') => text.push('\t'),
                Some(other) => text.push(other),
                None => {}
            }
        } else {
            text.push(c);
        }
    }
    text
}

fn entries(po: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut current: Option<(usize, String, String)> = None;
    let mut field = "";
    for (number, line) in po.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("msgid ") {
            if let Some((line, msgid, msgstr)) = current.take() {
                entries.push(Entry {
                    line,
                    msgid,
                    msgstr,
                });
            }
            current = Some((number + 1, po_string(rest), String::new()));
            field = "msgid";
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            if let Some((_, _, msgstr)) = &mut current {
                msgstr.push_str(&po_string(rest));
            }
            field = "msgstr";
        } else if line.starts_with('"')
            && let Some((_, msgid, msgstr)) = &mut current
        {
            match field {
                "msgid" => msgid.push_str(&po_string(line)),
                _ => msgstr.push_str(&po_string(line)),
            }
        }
    }
    if let Some((line, msgid, msgstr)) = current {
        entries.push(Entry {
            line,
            msgid,
            msgstr,
        });
    }
    entries.retain(|entry| !entry.msgid.is_empty());
    entries
}

/// What a translation must keep: markers and links (`](target)`) and
/// inline code (`` `x` ``). A text diagram in a fence (mdbook-xgettext
/// extracts those whole) may have its labels translated, but keeps every
/// state, flag and errno name (`FIN_WAIT1`, `ACK`) and byte string.
fn kept(text: &str) -> BTreeSet<String> {
    let mut kept = BTreeSet::new();
    if text.starts_with("```") {
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '"')) {
            let name = token.len() >= 2
                && token.starts_with(|c: char| c.is_ascii_uppercase())
                && token
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if name || (token.starts_with("b\"") && token.ends_with('"')) {
                kept.insert(token.to_string());
            }
        }
        return kept;
    }
    for (at, _) in text.match_indices("](") {
        if let Some(end) = text[at..].find(')') {
            kept.insert(text[at..at + end + 1].to_string());
        }
    }
    for (at, _) in text.match_indices("[✓ ") {
        if let Some(end) = text[at..].find(']') {
            kept.insert(text[at..at + end + 1].to_string());
        }
    }
    for (n, piece) in text.split('`').enumerate() {
        if n % 2 == 1 {
            kept.insert(format!("`{piece}`"));
        }
    }
    kept
}

#[test]
fn every_translation_keeps_its_markers_links_and_code() {
    let path = root().join("po/zh-CN.po");
    let po = fs::read_to_string(&path).expect("po/zh-CN.po");
    let entries = entries(&po);
    assert!(
        entries.len() > 500,
        "only {} messages in {}",
        entries.len(),
        path.display()
    );
    let mut problems = Vec::new();
    for entry in &entries {
        if entry.msgstr.is_empty() {
            continue; // untranslated: book-i18n.sh check fails on it
        }
        // The zh-CN edition's output comes from the same commands with
        // `--lang zh-CN`, and its text may say so.
        let without_lang = |text: &str| text.replace(" --lang zh-CN", "");
        let (english, chinese) = (
            kept(&without_lang(&entry.msgid)),
            kept(&without_lang(&entry.msgstr)),
        );
        let lost: Vec<_> = english.difference(&chinese).collect();
        if !lost.is_empty() {
            problems.push(format!(
                "po/zh-CN.po:{}: the translation drops or changes {lost:?}",
                entry.line
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn po_strings_and_kept_parts_are_read_as_written() {
    assert_eq!(po_string(r#""a \"b\"\n""#), "a \"b\"\n");
    let prose = kept("see [✓ 3·recv-8-of-10](labs/03-udp-truncation.md) and `recv(8)`");
    assert!(prose.contains("[✓ 3·recv-8-of-10]"));
    assert!(prose.contains("](labs/03-udp-truncation.md)"));
    assert!(prose.contains("`recv(8)`"));
    let diagram = kept("```text\nFIN_WAIT1 ── FIN ──▶ CLOSE_WAIT (recv() returns b\"\")\n```");
    assert!(
        diagram.contains("FIN_WAIT1") && diagram.contains("CLOSE_WAIT") && diagram.contains("FIN")
    );
    assert!(!diagram.contains("returns"));
}

/// The code blocks of a Markdown text, in order, with their tags.
fn code_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => current = Some(format!("{}\n", line.trim())),
            }
        } else if let Some(block) = &mut current {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

/// The check markers of a text, in order.
fn markers(text: &str) -> Vec<&str> {
    text.match_indices("[✓ ")
        .filter_map(|(at, _)| text[at..].find(')').map(|end| &text[at..at + end + 1]))
        .collect()
}

#[test]
fn every_chinese_sheet_keeps_the_english_sheets_code_and_markers() {
    // The zh-CN sheets (and tasks and hints) are whole translated files:
    // their code, their snippets' outputs and their claims' markers are the
    // English file's, so a change there must be made in both.
    let mut pairs = Vec::new();
    for lab in socklab::registry::LABS {
        let folder = root().join(format!("labs/{:02}-{}", lab.number, lab.slug));
        pairs.push((folder.join("README.md"), folder.join("README.zh-CN.md")));
    }
    for exercise in socklab::exercises::ALL {
        let folder = root().join("exercises").join(exercise.folder);
        for name in ["task", "hint"] {
            pairs.push((
                folder.join(format!("{name}.md")),
                folder.join(format!("{name}.zh-CN.md")),
            ));
        }
    }
    let mut problems = Vec::new();
    for (english, chinese) in &pairs {
        let (en, zh) = (
            fs::read_to_string(english).unwrap(),
            fs::read_to_string(chinese).unwrap_or_else(|e| panic!("{}: {e}", chinese.display())),
        );
        if code_blocks(&en) != code_blocks(&zh) {
            problems.push(format!(
                "{}: its code blocks differ from {}'s",
                chinese.display(),
                english.display()
            ));
        }
        if markers(&en) != markers(&zh) {
            problems.push(format!(
                "{}: its check markers differ from {}'s",
                chinese.display(),
                english.display()
            ));
        }
    }
    assert!(pairs.len() > 60);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
