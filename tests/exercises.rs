//! The exercises, checked against their own reference programs.
//!
//! Every folder under exercises/ holds a `solution.py` that `socklab check`
//! must pass (exit 0), and wrong programs, each making one of the course's
//! mistakes, that it must not pass (exit 1), listed in the folder's
//! `expected.txt` with the check each one must fail. A check that cannot
//! fail, or a grader that blames the wrong thing, is caught here.
//!
//! Then the bad input every student meets: an unknown exercise, a command
//! that does not exist, a program that hangs, one that floods its output,
//! one that crashes, and `--watch` seeing a save.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of these tests' own, inside target/ (cargo's temp folder for
/// integration tests): progress is never written to the user's, nor left
/// in the system's temp folder.
fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("exercises-{name}"))
}

fn socklab() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    command
        .env("XDG_DATA_HOME", scratch("progress"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::null());
    command
}

/// The file a Chinese check writes every untranslated message to.
fn missing_translations() -> PathBuf {
    scratch(&format!("missing-zh-CN-{}.txt", std::process::id()))
}

/// `socklab check ID --format json -- python3 PROGRAM`, with a time
/// limit of 30 s: a test machine may be slow and busy (this test runs four
/// checks at once beside the others), and no verdict depends on the limit,
/// only on socklab's steps. `lang` is `en` or `zh-CN`.
fn check(id: &str, program: &Path, lang: &str) -> Output {
    socklab()
        .env("SOCKLAB_I18N_MISSING", missing_translations())
        .args([
            "check",
            id,
            "--lang",
            lang,
            "--format",
            "json",
            "--time-limit",
            "30",
            "--",
            "python3",
        ])
        .arg(program)
        .output()
        .expect("socklab runs")
}

/// The exercise folders: (id, folder), e.g. ("6.2", exercises/06.2-header-server).
fn exercise_folders() -> Vec<(String, PathBuf)> {
    let mut folders: Vec<(String, PathBuf)> = fs::read_dir(root().join("exercises"))
        .expect("exercises/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let number = name.split_once('-').expect("NN.N-slug").0;
            (number.trim_start_matches('0').to_string(), path)
        })
        .collect();
    folders.sort();
    folders
}

/// The wrong programs of a folder and the check each must fail.
fn wrong_programs(folder: &Path) -> Vec<(String, String)> {
    let manifest = fs::read_to_string(folder.join("expected.txt"))
        .unwrap_or_else(|_| panic!("{} has no expected.txt", folder.display()));
    manifest
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut words = line.split_whitespace();
            let program = words.next().unwrap().to_string();
            let check = words.next().expect("PROGRAM CHECK-ID").to_string();
            (program, check)
        })
        .collect()
}

fn checks_of(output: &Output) -> Vec<Value> {
    let reports: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    reports[0]["checks"].as_array().cloned().unwrap_or_default()
}

fn verdict_of<'a>(checks: &'a [Value], id: &str) -> Option<&'a str> {
    checks
        .iter()
        .find(|check| check["id"] == id)
        .and_then(|check| check["verdict"].as_str())
}

/// Runs one exercise's programs: the solution passes, each wrong program
/// fails on its named check. Returns the failures, in words.
fn run_folder(id: &str, folder: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let started = Instant::now();
    // The solutions are graded in Chinese, the wrong programs in English:
    // both languages meet every check, and the verdicts and ids are the
    // same in both.
    let solution = check(id, &folder.join("solution.py"), "zh-CN");
    if solution.status.code() != Some(0) {
        failures.push(format!(
            "{id}: solution.py exited {:?}, not 0:\n{}{}",
            solution.status.code(),
            String::from_utf8_lossy(&solution.stdout),
            String::from_utf8_lossy(&solution.stderr)
        ));
    }
    let wrong = wrong_programs(folder);
    if wrong.is_empty() {
        failures.push(format!("{id}: expected.txt lists no wrong program"));
    }
    for (program, failing) in wrong {
        let output = check(id, &folder.join(&program), "en");
        let checks = checks_of(&output);
        if output.status.code() != Some(1) {
            failures.push(format!(
                "{id}: {program} exited {:?}, not 1:\n{}",
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        match verdict_of(&checks, &failing) {
            Some("mismatch") => {}
            other => failures.push(format!(
                "{id}: {program} should fail check `{failing}`, which was {other:?}; checks: {}",
                checks
                    .iter()
                    .map(|c| format!("{}={}", c["id"], c["verdict"]))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        }
    }
    eprintln!("exercise {id}: {:.1} s", started.elapsed().as_secs_f64());
    failures
}

#[test]
fn every_solution_passes_and_every_wrong_program_fails_on_its_check() {
    let folders = exercise_folders();
    assert!(!folders.is_empty());
    fs::create_dir_all(scratch("")).unwrap();
    let _ = fs::remove_file(missing_translations());
    // The exercises are independent (each has its own port and folder):
    // four at a time keeps the test short.
    let failures: Vec<String> = folders
        .chunks(folders.len().div_ceil(4))
        .map(|chunk| {
            let chunk = chunk.to_vec();
            thread::spawn(move || {
                chunk
                    .iter()
                    .flat_map(|(id, folder)| run_folder(id, folder))
                    .collect::<Vec<_>>()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|handle| handle.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let missing = fs::read_to_string(missing_translations()).unwrap_or_default();
    let _ = fs::remove_file(missing_translations());
    let mut missing: Vec<&str> = missing.lines().collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "the Chinese checks printed these in English; add them to i18n/zh-CN/exercises.ftl (id = 中文, .en = the English):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_exercise_has_a_folder_and_every_folder_an_exercise() {
    let listed = socklab().arg("exercises").output().unwrap();
    assert_eq!(listed.status.code(), Some(0));
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    let folders = exercise_folders();
    for (id, folder) in &folders {
        assert!(
            listed.contains(&format!(" {id} ")),
            "{} has no exercise {id} in `socklab exercises`:\n{listed}",
            folder.display()
        );
        assert!(folder.join("solution.py").is_file());
    }
    let rows = listed
        .lines()
        .filter(|line| line.contains("not yet") || line.contains(" done "))
        .count();
    assert_eq!(rows, folders.len(), "one folder per exercise:\n{listed}");
}

/// `socklab ARGS`, with what it printed.
fn run(args: &[&str]) -> Output {
    socklab().args(args).output().expect("socklab runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn an_unknown_exercise_is_one_line_naming_the_list() {
    for args in [
        &["check", "9.9", "--", "python3", "x.py"][..],
        &["exercise", "9.9"][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = stderr(&output);
        assert!(
            error.contains("unknown exercise '9.9'") && error.contains("socklab exercises"),
            "{error}"
        );
        assert_eq!(error.lines().count(), 1, "{error}");
    }
}

#[test]
fn a_command_that_does_not_exist_or_cannot_run_is_named_with_the_fix() {
    let output = run(&["check", "1.1", "--", "no-such-command-socklab"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(
        error.contains("no such command or file 'no-such-command-socklab'")
            && error.contains("python3 my_client.py"),
        "{error}"
    );
    // A file that is not executable.
    let script = root().join("exercises/01.1-framed-client/solution.py");
    let output = socklab()
        .args(["check", "1.1", "--"])
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not executable"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_program_that_exits_without_connecting_is_told_what_it_must_do() {
    let output = run(&["check", "1.1", "--", "python3", "-c", "raise SystemExit(3)"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(
        error.contains("exited (exit status 3) without connecting to 127.0.0.1:")
            && error.contains("SOCKLAB_PORT"),
        "{error}"
    );
    // A server that never listens.
    let output = run(&["check", "1.2", "--", "python3", "-c", "pass"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("without listening on 127.0.0.1:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_program_that_hangs_is_ended_at_the_time_limit() {
    let started = Instant::now();
    let output = run(&[
        "check",
        "1.1",
        "--time-limit",
        "1",
        "--",
        "python3",
        "-c",
        "import time; time.sleep(60)",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(
        error.contains("still running at the 1 s time limit") && error.contains("--time-limit"),
        "{error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
}

/// The largest resident set of any child this test process has reaped
/// (getrusage(2), RUSAGE_CHILDREN), in bytes.
fn largest_child_memory() -> u64 {
    // SAFETY: rusage is plain integers; getrusage only fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a live local.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

#[test]
fn a_program_that_floods_its_output_is_capped() {
    let output = run(&[
        "check",
        "1.1",
        "--time-limit",
        "2",
        "--",
        "python3",
        "-c",
        "import sys\nwhile True: sys.stdout.write('x' * 65536)",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("more bytes not shown"), "{shown}");
    assert!(
        output.stdout.len() < 16 * 1024,
        "{} bytes shown",
        output.stdout.len()
    );
    // socklab drained gigabytes and kept 64 KiB: its memory stayed small
    // (the largest child of this test process, socklab or another).
    assert!(
        largest_child_memory() < 512 * 1024 * 1024,
        "{} bytes",
        largest_child_memory()
    );
}

#[test]
fn progress_is_kept_where_the_list_says_and_an_unwritable_place_costs_nothing() {
    let data = scratch(&format!("progress-{}", std::process::id()));
    let _ = fs::remove_dir_all(&data);
    let solution = root().join("exercises/01.1-framed-client/solution.py");
    let passed = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .env("XDG_DATA_HOME", &data)
        .args(["check", "1.1", "--", "python3"])
        .arg(&solution)
        .output()
        .unwrap();
    assert_eq!(passed.status.code(), Some(0), "{}", stderr(&passed));
    let file = data.join("socklab/exercises-done");
    assert_eq!(fs::read_to_string(&file).unwrap(), "1.1\n");
    let listed = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .env("XDG_DATA_HOME", &data)
        .arg("exercises")
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains(&file.display().to_string()), "{listed}");
    assert!(listed.contains("1 of "), "{listed}");
    // A data folder that is a file: nothing can be written under it.
    let blocked = data.join("a-file");
    fs::write(&blocked, "").unwrap();
    let passed = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .env("XDG_DATA_HOME", &blocked)
        .args(["check", "1.1", "--", "python3"])
        .arg(&solution)
        .output()
        .unwrap();
    assert_eq!(passed.status.code(), Some(0));
    assert!(
        stderr(&passed).contains("cannot record progress"),
        "{}",
        stderr(&passed)
    );
    let _ = fs::remove_dir_all(&data);
}

/// Everything a child has printed so far, read by a thread of its own.
fn collect(mut stream: impl Read + Send + 'static) -> std::sync::Arc<std::sync::Mutex<String>> {
    let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let filled = text.clone();
    thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read) = stream.read(&mut buffer) {
            if read == 0 {
                break;
            }
            filled
                .lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..read]));
        }
    });
    text
}

/// Polls `text` until `seen` holds, for at most 60 s.
fn wait_for(text: &std::sync::Mutex<String>, what: &str, seen: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen(&text.lock().unwrap()) {
        assert!(
            Instant::now() < deadline,
            "no {what} in:\n{}",
            text.lock().unwrap()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_checks_again_when_the_program_is_saved() {
    let folder = std::env::temp_dir().join(format!("socklab-watch-{}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    let program = folder.join("my_client.py");
    let exercise = root().join("exercises/01.1-framed-client");
    fs::copy(exercise.join("wrong_no_length.py"), &program).unwrap();
    let mut watching = socklab()
        .args(["check", "1.1", "--watch", "--", "python3"])
        .arg(&program)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let text = collect(watching.stdout.take().unwrap());
    wait_for(&text, "first check", |t| {
        t.contains("not yet:") && t.contains("── watching")
    });
    // Saved the way editors do: a new file renamed over the old one.
    let fresh = folder.join(".my_client.py.swp");
    fs::copy(exercise.join("solution.py"), &fresh).unwrap();
    fs::rename(&fresh, &program).unwrap();
    wait_for(&text, "second check", |t| {
        t.contains("passed: exercise 1.1 is done")
    });
    // Ctrl-C ends watching cleanly: 130, and socklab is gone.
    // SAFETY: kill(2) on the child's own pid, which is not yet reaped.
    unsafe { libc::kill(watching.id() as i32, libc::SIGINT) };
    let status = watching.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let _ = fs::remove_dir_all(&folder);
}

#[test]
fn every_exercise_is_in_its_labs_chapter_with_its_files_and_command() {
    let labs = root().join("book/src/labs");
    for (id, folder) in exercise_folders() {
        let lab: u8 = id.split('.').next().unwrap().parse().unwrap();
        let chapter = fs::read_dir(&labs)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| {
                let name = path.file_name().unwrap().to_str().unwrap();
                name.starts_with(&format!("{lab:02}-")) && !name.contains("frame-codec")
            })
            .unwrap_or_else(|| panic!("no chapter for lab {lab}"));
        let text = fs::read_to_string(&chapter).unwrap();
        let name = folder.file_name().unwrap().to_str().unwrap();
        for needed in [
            format!("### Exercise {id}:"),
            format!("{{{{#include ../../../exercises/{name}/task.md}}}}"),
            format!("{{{{#include ../../../exercises/{name}/hint.md}}}}"),
            format!("{{{{#include ../../../exercises/{name}/solution.py}}}}"),
            format!("socklab check {id} -- "),
        ] {
            assert!(
                text.contains(&needed),
                "{} lacks `{needed}`",
                chapter.display()
            );
        }
    }
}
