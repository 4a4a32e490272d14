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

fn socklab() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    // Progress goes to a folder of the test's own, never the user's.
    command
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("socklab-test-progress"),
        )
        .stdin(Stdio::null());
    command
}

/// `socklab check ID --format json -- python3 PROGRAM`.
fn check(id: &str, program: &Path) -> Output {
    socklab()
        .args(["check", id, "--format", "json", "--", "python3"])
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
    let solution = check(id, &folder.join("solution.py"));
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
        let output = check(id, &folder.join(&program));
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
