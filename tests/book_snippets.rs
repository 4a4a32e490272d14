//! The book's code blocks do what the book says they do.
//!
//! - Every code fence names its language (```` ```python ````, ```` ```text ````):
//!   `mdbook test` compiles an untagged fence as Rust, so a diagram in a
//!   bare fence breaks it, and so does an indented code block.
//! - Every Python snippet is followed by `It prints:` (`输出：` in a
//!   Chinese sheet) and a `text` block
//!   with its output. This test runs each snippet with `python3` (at most
//!   [`SNIPPET_TIME_LIMIT`] each, all at once) and compares what it printed,
//!   stdout then stderr, with that block. In the block, a line that is only
//!   `...` stands for any number of lines (a traceback's middle), and `...`
//!   inside a line for any text (a port number, a time, a byte count that
//!   depends on the machine's buffer settings).
//!   A fence that only includes a file (`{{#include ...}}`) is not a
//!   snippet: the exercises' solutions are run by their own test.
//!
//! Without python3 the comparison is skipped with a note, except in CI
//! (`CI` set), where python3 is installed and a missing one is an error.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

mod pages;

use pages::reader_pages;

const SNIPPET_TIME_LIMIT: Duration = Duration::from_secs(30);

/// One Python snippet and the output the book promises.
struct Snippet {
    page: PathBuf,
    line: usize,
    code: String,
    prints: String,
}

fn is_fence(line: &str) -> bool {
    line.trim_start().starts_with("```")
}

/// The fences of a page as (line number, info string, body, closing line).
fn fences(text: &str) -> Vec<(usize, String, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if is_fence(lines[index]) {
            let info = lines[index]
                .trim_start()
                .trim_start_matches('`')
                .trim()
                .to_string();
            let close = (index + 1..lines.len())
                .find(|&k| is_fence(lines[k]))
                .unwrap_or(lines.len());
            let body = lines[index + 1..close.min(lines.len())].join("\n");
            found.push((index + 1, info, body, close));
            index = close + 1;
        } else {
            index += 1;
        }
    }
    found
}

/// The page's Python snippets, each with the `It prints:` block after it.
fn snippets(page: &Path, text: &str) -> Result<Vec<Snippet>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let all = fences(text);
    let mut found = Vec::new();
    for (position, (line, info, code, close)) in all.iter().enumerate() {
        // A fence that includes a file shows a program that runs elsewhere
        // (the exercises' solutions, graded by `socklab check`).
        if info != "python" || code.trim_start().starts_with("{{#include") {
            continue;
        }
        let next_words = lines
            .get(close + 1..)
            .unwrap_or_default()
            .iter()
            .find(|l| !l.trim().is_empty());
        let prints = all
            .get(position + 1)
            .filter(|(_, info, _, _)| info == "text")
            .filter(|_| next_words.is_some_and(|l| matches!(l.trim(), "It prints:" | "输出：")));
        match prints {
            Some((_, _, prints, _)) => found.push(Snippet {
                page: page.to_path_buf(),
                line: *line,
                code: format!("{code}\n"),
                prints: prints.clone(),
            }),
            None => {
                return Err(format!(
                    "{}:{line}: a Python snippet without its output; add `It prints:` and a ```text block after it",
                    page.display()
                ));
            }
        }
    }
    Ok(found)
}

/// Whether `text` matches `pattern`, where `...` stands for any text.
fn line_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split("...");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (index, part) in parts.iter().enumerate() {
        let last = index == parts.len() - 1;
        if last {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the output's lines match the promised lines, where a line that
/// is only `...` stands for any number of lines.
fn output_matches(pattern: &[&str], output: &[&str]) -> bool {
    match pattern.split_first() {
        None => output.is_empty(),
        Some((&"...", rest)) => {
            (0..=output.len()).any(|skip| output_matches(rest, &output[skip..]))
        }
        Some((line, rest)) => output.split_first().is_some_and(|(first, others)| {
            line_matches(line, first) && output_matches(rest, others)
        }),
    }
}

/// Runs one snippet in a folder of its own; returns stdout then stderr.
fn run(snippet: &Snippet) -> Result<String, String> {
    let folder = std::env::temp_dir().join(format!(
        "socklab-snippet-{}-{}",
        std::process::id(),
        snippet.line
    ));
    fs::create_dir_all(&folder).unwrap();
    let mut child = Command::new("python3")
        .args(["-c", &snippet.code])
        .current_dir(&folder)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("python3: {error}"))?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err = thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let deadline = Instant::now() + SNIPPET_TIME_LIMIT;
    let finished = loop {
        if child.try_wait().unwrap().is_some() {
            break true;
        }
        if Instant::now() >= deadline {
            child.kill().ok();
            child.wait().ok();
            break false;
        }
        thread::sleep(Duration::from_millis(10));
    };
    fs::remove_dir_all(&folder).ok();
    let printed = format!(
        "{}{}",
        out.join().unwrap().unwrap_or_default(),
        err.join().unwrap().unwrap_or_default()
    );
    if finished {
        Ok(printed)
    } else {
        Err(format!("did not finish within {SNIPPET_TIME_LIMIT:?}"))
    }
}

/// Lines of an indented code block (four spaces after a blank line, not a
/// list item's continuation): `mdbook test` compiles those as Rust too.
fn indented_code(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut in_fence = false;
    let mut in_list = false;
    for (index, line) in lines.iter().enumerate() {
        if is_fence(line) {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let starts_item = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        if indent == 0 {
            in_list = starts_item;
        }
        let after_blank = index > 0 && lines[index - 1].trim().is_empty();
        if indent >= 4 && after_blank && !in_list {
            found.push(index + 1);
        }
    }
    found
}

#[test]
fn every_fence_names_its_language() {
    let mut problems = Vec::new();
    for page in reader_pages() {
        let text = fs::read_to_string(&page).unwrap();
        for (line, info, _, _) in fences(&text) {
            if info.is_empty() {
                problems.push(format!(
                    "{}:{line}: a code fence without a language; write ```text for a diagram or output",
                    page.display()
                ));
            }
        }
    }
    for page in reader_pages() {
        let text = fs::read_to_string(&page).unwrap();
        for line in indented_code(&text) {
            problems.push(format!(
                "{}:{line}: an indented code block (mdbook test compiles it as Rust); put it in a ```text fence",
                page.display()
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_python_snippet_prints_what_the_book_says() {
    let mut all = Vec::new();
    let mut problems = Vec::new();
    for page in reader_pages() {
        let text = fs::read_to_string(&page).unwrap();
        // A Chinese sheet's snippets and outputs are its English sheet's,
        // byte for byte (tests/book_translation.rs): they are read for their
        // shape here, and run once, from the English sheet.
        let chinese = page.to_string_lossy().ends_with(".zh-CN.md");
        match snippets(&page, &text) {
            Ok(found) if !chinese => all.extend(found),
            Ok(_) => {}
            Err(problem) => problems.push(problem),
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(all.len() >= 19, "only {} Python snippets found", all.len());
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs python3 to run the book's snippets"
        );
        eprintln!("note: no python3 here: the book's Python snippets were not run");
        return;
    }
    let runs: Vec<_> = all
        .into_iter()
        .map(|snippet| thread::spawn(move || (run(&snippet), snippet)))
        .collect();
    for handle in runs {
        let (result, snippet) = handle.join().unwrap();
        let place = format!("{}:{}", snippet.page.display(), snippet.line);
        match result {
            Err(why) => problems.push(format!("{place}: {why}")),
            Ok(printed) => {
                let pattern: Vec<&str> = snippet.prints.lines().collect();
                let output: Vec<&str> = printed.lines().collect();
                if !output_matches(&pattern, &output) {
                    problems.push(format!(
                        "{place}: the book says it prints\n{}\nbut it printed\n{printed}",
                        snippet.prints
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn ellipses_match_what_they_should() {
    assert!(line_matches(
        "send took ... of 1048576",
        "send took 32741 of 1048576"
    ));
    assert!(!line_matches(
        "send took ... of 1048576",
        "send took 32741 of 1048577"
    ));
    assert!(line_matches("b'hello'", "b'hello'"));
    assert!(!line_matches("b'hello'", "b'hello' "));
    let traceback = [
        "Traceback (most recent call last):",
        "  File x",
        "OSError: [Errno 98]",
    ];
    assert!(output_matches(
        &[
            "Traceback (most recent call last):",
            "...",
            "OSError: [Errno 98]"
        ],
        &traceback
    ));
    assert!(!output_matches(
        &[
            "Traceback (most recent call last):",
            "...",
            "OSError: [Errno 99]"
        ],
        &traceback
    ));
    assert!(!output_matches(&["[b'']"], &[]));
    assert_eq!(indented_code("a rule:\n\n    x <= y\n"), [3]);
    assert!(indented_code("- a list\n\n    continued\n").is_empty());
}
