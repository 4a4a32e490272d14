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
/// each send), without their times, as two lanes: the client's (drawn on
/// the left) and the server's (on the right). Which of the two threads'
/// calls came first, and where the packets fall between them, depends on
/// scheduling, so only each lane's own order is compared.
fn calls(timeline: &str) -> [Vec<String>; 2] {
    let mut lanes = [Vec::new(), Vec::new()];
    for line in timeline.lines() {
        if line.contains('┄')
            || !(line.contains("send ") || line.contains("recv ") || line.contains("(held"))
        {
            continue;
        }
        // The time takes the first 10 columns; the server's calls and notes
        // start far to the right of the client's.
        let body: String = line.chars().skip(10).collect();
        let column = body.chars().take_while(|c| *c == ' ').count();
        lanes[usize::from(column > 15)].push(body.trim().to_string());
    }
    lanes
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
    let (book, now) = (calls(&book), calls(&conversation));
    assert!(
        book[0].len() >= 8 && book[1].len() >= 3,
        "the sample has lost its calls: {REGENERATE}"
    );
    for lane in 0..2 {
        assert_same(
            "timeline-01-nagle-sticky.txt",
            &book[lane].join("\n"),
            &now[lane].join("\n"),
        );
    }
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

#[test]
fn the_pcap_sample_is_what_socklab_says_now() {
    let book = sample("pcap-01-nagle-sticky.txt");
    let file =
        std::env::temp_dir().join(format!("socklab-book-sample-{}.pcap", std::process::id()));
    let now = socklab(&["run", "1", "--pcap", file.to_str().unwrap()]);
    fs::remove_file(&file).ok();
    let wrote = |text: &str| -> String {
        text.lines()
            .find(|line| line.starts_with("wrote "))
            .map(|line| digits_masked(line.split(" to ").next().unwrap_or(line)))
            .unwrap_or_default()
    };
    assert!(
        !wrote(&book).is_empty(),
        "the pcap sample has lost socklab's line: {REGENERATE}"
    );
    assert_same("pcap-01-nagle-sticky.txt", &wrote(&book), &wrote(&now));
}

#[test]
fn the_exercise_sample_is_what_check_says_now() {
    let book = sample("check-1.1-wrong-no-length.txt");
    let now = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .current_dir(root())
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("socklab-book-sample-progress"),
        )
        .args([
            "check",
            "1.1",
            "--",
            "python3",
            "exercises/01.1-framed-client/wrong_no_length.py",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    if now.status.code() == Some(2) {
        // No python3 here (CI has it): the check could not run at all.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs python3 for the exercise sample"
        );
        return;
    }
    let now = format!(
        "{}{}",
        String::from_utf8_lossy(&now.stdout),
        String::from_utf8_lossy(&now.stderr)
    );
    // The table and the verdict line; the environment line is the machine's.
    let table = |text: &str| -> String {
        text.lines()
            .filter(|line| {
                line.starts_with('│')
                    || line.starts_with("not yet")
                    || line.starts_with("Exercise ")
            })
            .map(|line| format!("{}\n", digits_masked(line)))
            .collect()
    };
    assert!(
        table(&book).lines().count() >= 4,
        "the exercise sample has lost its table: {REGENERATE}"
    );
    assert_same("check-1.1-wrong-no-length.txt", &table(&book), &table(&now));
}

#[test]
fn the_zh_cn_samples_are_socklab_in_chinese_now() {
    // The zh-CN edition's copies (book/src/generated/zh-CN), written by the
    // same script with --lang zh-CN: the narration, and lab 3's table.
    let now = socklab(&["run", "3", "--step", "--lang", "zh-CN"]);
    let narration: String = now
        .lines()
        .take_while(|line| !line.starts_with("实验 3 · "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(narration.contains("第 1 步"), "the narration is in Chinese");
    assert_same(
        "zh-CN/step-03-udp-truncation.txt",
        &sample("zh-CN/step-03-udp-truncation.txt"),
        &narration,
    );
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["run", "3", "--lang", "zh-CN"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let now_lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(digits_masked)
        .collect();
    let book = sample("zh-CN/table-03-udp-truncation.txt");
    assert!(book.contains("检查项"), "the table sample is in Chinese");
    for line in book
        .lines()
        .filter(|l| *l != "..." && !l.starts_with("环境："))
    {
        assert!(
            now_lines.contains(&digits_masked(line)),
            "book/src/generated/zh-CN/table-03-udp-truncation.txt: `{line}` is not in `socklab run 3 --lang zh-CN` now: {REGENERATE}"
        );
    }
}
