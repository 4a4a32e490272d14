//! "Running socklab" shows real output of --timeline, --step, serve and
//! connect, and doctor (book/src/generated/*.txt, written by
//! scripts/book-output.sh). These tests run the same commands again and
//! compare what does not change from run to run: times, ports and the
//! machine's own values are masked, everything else must be the same.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

mod pages;

use pages::root;
use socklab::roles::ROLES;

const REGENERATE: &str = "regenerate it with `scripts/book-output.sh` and commit it";

fn sample(name: &str) -> String {
    let path = root().join("book/src/generated").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}: {REGENERATE}", path.display()))
}

fn socklab(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    )
}

/// Every run of digits becomes `#`: times, ports, byte counts of varying
/// size.
fn digits_masked(text: &str) -> String {
    let mut masked = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                masked.push('#');
            }
            in_number = true;
        } else {
            masked.push(c);
            in_number = false;
        }
    }
    masked
}

fn assert_same(name: &str, book: &str, now: &str) {
    if book != now {
        let difference = book
            .lines()
            .zip(now.lines())
            .find(|(b, n)| b != n)
            .map(|(b, n)| format!("\n  book: {b}\n  now:  {n}"))
            .unwrap_or_else(|| "\n  (they differ in length)".to_string());
        panic!("book/src/generated/{name} no longer matches: {REGENERATE}.{difference}");
    }
}

#[test]
fn the_step_sample_is_the_narration_now() {
    let now = socklab(&["run", "3", "--step"]);
    let narration: String = now
        .lines()
        .take_while(|line| !line.starts_with("Lab 3 · "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_same(
        "step-03-udp-truncation.txt",
        &sample("step-03-udp-truncation.txt"),
        &narration,
    );
}

/// The calls of a timeline (sends, receives and what TCP_INFO said after
/// each send), without their times; the packets' places between them
/// depend on scheduling, so they are left out of the comparison.
fn calls(timeline: &str) -> Vec<String> {
    timeline
        .lines()
        .filter(|line| line.contains("send ") || line.contains("recv ") || line.contains("(held"))
        .map(|line| {
            line.split_once("ms ")
                .map_or(line, |(_, rest)| rest)
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn the_timeline_sample_shows_the_calls_of_now() {
    let book = sample("timeline-01-nagle-sticky.txt");
    let now = socklab(&["run", "1", "--timeline"]);
    let conversation: String = now
        .lines()
        .skip_while(|line| !line.contains("── conversation 3 "))
        .take_while(|line| !line.contains("[S]"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(
        calls(&book).len() >= 8,
        "the sample has lost its calls: {REGENERATE}"
    );
    assert_same(
        "timeline-01-nagle-sticky.txt",
        &calls(&book).join("\n"),
        &calls(&conversation).join("\n"),
    );
}

#[test]
fn the_serve_and_connect_samples_are_what_the_roles_say_now() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["serve", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (lines, heard) = mpsc::channel();
    let stdout = server.stdout.take().unwrap();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut log = Vec::new();
    let next = |log: &mut Vec<String>| {
        let line = heard
            .recv_timeout(Duration::from_secs(10))
            .expect("serve 1 logs");
        log.push(line.clone());
        line
    };
    let first = next(&mut log);
    let address = first
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("serve 1 said {first}"))
        .to_string();
    let client = socklab(&["connect", "1", &address]);
    while !next(&mut log).ends_with(": done") {}
    server.kill().ok();
    server.wait().ok();
    let served: String = log.iter().map(|line| format!("{line}\n")).collect();
    assert_same(
        "serve-01-nagle-sticky.txt",
        &digits_masked(&sample("serve-01-nagle-sticky.txt")),
        &digits_masked(&served),
    );
    assert_same(
        "connect-01-nagle-sticky.txt",
        &digits_masked(&sample("connect-01-nagle-sticky.txt")),
        &digits_masked(&client),
    );
}

#[test]
fn the_doctor_sample_lists_the_settings_of_now() {
    let settings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.starts_with("│ "))
            .filter_map(|line| line.split('┆').next())
            .map(|cell| cell.trim_start_matches('│').trim().to_string())
            .collect()
    };
    let book = settings(&sample("doctor.txt"));
    assert!(
        book.len() >= 5,
        "the doctor sample has lost its table: {REGENERATE}"
    );
    assert_same(
        "doctor.txt",
        &book.join("\n"),
        &settings(&socklab(&["doctor"])).join("\n"),
    );
}

#[test]
fn running_socklab_names_the_labs_that_have_roles() {
    let text = fs::read_to_string(root().join("book/src/running.md")).unwrap();
    let numbers: Vec<String> = ROLES
        .iter()
        .map(|roles| roles.lab.number.to_string())
        .collect();
    let (last, others) = numbers.split_last().unwrap();
    let sentence = format!("{} and {last} have roles", others.join(", "));
    let flowed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flowed.contains(&sentence),
        "running.md should say `Labs {sentence}.`"
    );
}

#[test]
fn the_table_sample_is_lab_3_now() {
    let book = sample("table-03-udp-truncation.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["run", "3"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let now = String::from_utf8_lossy(&output.stdout);
    // Every line of the sample but the dots and the environment line is a
    // line of the table now (the run's duration masked).
    let now_lines: Vec<String> = now.lines().map(digits_masked).collect();
    for line in book
        .lines()
        .filter(|l| *l != "..." && !l.starts_with("env: "))
    {
        assert!(
            now_lines.contains(&digits_masked(line)),
            "book/src/generated/table-03-udp-truncation.txt: `{line}` is not in `socklab run 3` now: {REGENERATE}"
        );
    }
}
