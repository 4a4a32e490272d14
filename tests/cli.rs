//! The `socklab` binary as users call it: arguments, output, exit status.

use std::process::{Command, Output};

fn socklab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("socklab runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn list_shows_every_lab() {
    let output = socklab(&["list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for lab in socklab::registry::LABS {
        assert!(text.contains(lab.slug), "{} missing from\n{text}", lab.slug);
        assert!(
            text.contains(lab.title),
            "{} missing from\n{text}",
            lab.title
        );
    }
    assert!(text.contains("Typical run"));
}

#[test]
fn run_by_number_prints_a_plain_table_and_exits_0() {
    let output = socklab(&["run", "3"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Lab 3 · udp-truncation · UDP truncation\n"));
    assert!(text.contains("│ Check"));
    assert!(text.contains("env: linux "));
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn run_by_slug_as_json_parses_with_the_documented_fields() {
    let output = socklab(&["run", "udp-truncation", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let report = &reports.as_array().expect("an array")[0];
    assert_eq!(report["number"], 3);
    assert_eq!(report["slug"], "udp-truncation");
    assert!(report["duration_ms"].is_u64());
    assert!(report["env"]["kernel"].is_string());
    let checks = report["checks"].as_array().expect("checks");
    assert!(!checks.is_empty());
    for check in checks {
        for field in ["id", "name", "expected", "observed", "verdict"] {
            assert!(check.get(field).is_some(), "{field} missing in {check}");
        }
        assert_eq!(check["verdict"], "pass");
    }
}

#[test]
fn markdown_format_gives_a_markdown_table() {
    let output = socklab(&["run", "3", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("### Lab 3 · udp-truncation"));
    assert!(text.contains("| Check | Expected | Observed | Verdict |"));
}

#[test]
fn repeat_adds_a_runs_column() {
    let output = socklab(&["run", "3", "--repeat", "3"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Runs"));
    assert!(text.contains("3/3"));
}

#[test]
fn rounds_changes_the_sample_size() {
    let output = socklab(&["run", "5", "--rounds", "3", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(reports[0]["slug"], "nodelay-latency");
}

#[test]
fn unknown_lab_exits_2_and_names_the_fix() {
    let output = socklab(&["run", "no-such-lab"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("unknown lab 'no-such-lab'"), "{error}");
    assert!(error.contains("socklab list"), "{error}");
    assert_eq!(error.lines().count(), 1, "one line: {error}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn bad_options_exit_2_with_a_clear_error() {
    for (args, mentions) in [
        (&["run", "3", "--repeat", "0"][..], "--repeat"),
        (&["run", "5", "--rounds", "abc"][..], "--rounds"),
        (&["run", "3", "--format", "xml"][..], "--format"),
        (&["run"][..], "<LAB>"),
        (&["frobnicate"][..], "frobnicate"),
    ] {
        let output = socklab(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let error = stderr(&output);
        assert!(error.starts_with("error:"), "{args:?}: {error}");
        assert!(error.contains(mentions), "{args:?}: {error}");
    }
}

#[test]
fn one_lab_commands_do_not_offer_all() {
    let output = socklab(&["explain", "all"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(
        error.starts_with("error: 'all' is for `socklab run`; this command takes one lab"),
        "{error}"
    );
    let unknown = stderr(&socklab(&["explain", "42"]));
    assert!(!unknown.contains("'all'"), "{unknown}");
    assert!(stderr(&socklab(&["run", "42"])).contains("or 'all'"));
}

#[test]
fn rounds_has_a_sane_maximum() {
    let output = socklab(&["run", "5", "--rounds", "100000"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("1..=1000"), "{}", stderr(&output));
}

#[test]
fn explain_prints_the_lab_sheet() {
    let output = socklab(&["explain", "udp-truncation"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("# Lab 3: "));
    let unknown = socklab(&["explain", "42"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown lab '42'"));
}

#[test]
fn step_mode_narrates_on_stderr_and_runs_through_without_a_terminal() {
    let output = Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(["run", "1", "--step"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("socklab runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let narration = stderr(&output);
    assert!(
        narration.contains("━━ Lab 1: Nagle-driven sticky packets ━━"),
        "{narration}"
    );
    assert!(narration.contains("▶ Step 1: "), "{narration}");
    assert!(narration.contains("▶ Step 5: "), "{narration}");
    assert!(narration.contains("Watch: "), "{narration}");
    assert!(
        !narration.contains("[Enter"),
        "no prompt without a terminal"
    );
    assert!(stdout(&output).contains("Lab 1 · nagle-sticky"));
}

#[test]
fn timeline_draws_the_calls_and_lands_in_json() {
    let output = socklab(&["run", "1", "--timeline"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Timeline of lab 1:"), "{text}");
    assert!(text.contains("send 5 B b\"hello\""), "{text}");
    assert!(
        text.contains("──────▶ recv 13 B b\"worldmusibii1\""),
        "{text}"
    );
    assert!(
        text.contains("(held 13 B ·"),
        "Nagle's held bytes are shown: {text}"
    );
    let timeline_width = text
        .split("Timeline of lab 1:")
        .nth(1)
        .unwrap()
        .lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap();
    assert!(timeline_width <= 80, "{timeline_width} columns");

    let json = socklab(&["run", "3", "--timeline", "--format", "json"]);
    let reports: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let events = reports[0]["timeline"].as_array().expect("a timeline array");
    assert!(
        events
            .iter()
            .any(|e| e["side"] == "server" && e["call"] == "recv")
    );
}

#[test]
fn diagram_writes_one_labs_connections_as_svg() {
    let folder = std::env::temp_dir().join(format!("socklab-diagram-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("lab7.svg");
    let path = file.to_str().unwrap();
    let output = socklab(&["run", "7", "--diagram", path, "--connection", "2"]);
    if stderr(&output).contains("no private network") {
        eprintln!("note: no private network here: lab 7's connections are not all seen");
        std::fs::remove_dir_all(&folder).unwrap();
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("wrote the diagram of lab 7"));
    // The table as without --diagram: the calls are recorded for the
    // picture, not printed.
    assert!(!stdout(&output).contains("Timeline of lab 7"));
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("connection 2"));
    assert!(svg.contains("send 3 B b&quot;dir&quot;"), "{svg}");
    assert!(svg.contains("[R.]"), "the server's reset: {svg}");

    let missing = socklab(&["run", "7", "--diagram", path, "--connection", "99"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--connection 99 is not one of them"));
    let two_labs = socklab(&["run", "1", "7", "--diagram", path]);
    assert_eq!(two_labs.status.code(), Some(2));
    assert!(stderr(&two_labs).contains("--diagram draws one lab"));
    let without = socklab(&["run", "7", "--connection", "2"]);
    assert_eq!(
        without.status.code(),
        Some(2),
        "--connection needs --diagram"
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn step_and_timeline_are_for_single_runs() {
    for flag in ["--step", "--timeline"] {
        let output = socklab(&["run", "1", flag, "--repeat", "3"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(stderr(&output).contains("cannot be used with"), "{flag}");
    }
}

#[test]
fn doctor_compares_this_machine_with_the_book() {
    let output = socklab(&["doctor"]);
    let text = stdout(&output);
    assert!(text.starts_with("socklab doctor · linux "), "{text}");
    for setting in [
        "net.ipv4.tcp_autocorking",
        "net.core.somaxconn",
        "loopback MTU",
    ] {
        assert!(text.contains(setting), "{setting} missing from\n{text}");
    }
    let matches = text.contains("This machine matches the book");
    let expected_code = if matches { 0 } else { 1 };
    assert_eq!(output.status.code(), Some(expected_code), "{text}");
    if matches {
        assert!(!text.contains("DIFFERS"), "{text}");
    }
    // The doctor tries the private network while it still has one thread,
    // as `socklab run` does: where run gets one, the doctor says so.
    let run = socklab(&["run", "19", "--format", "json"]);
    if stdout(&run).contains("private network (book settings)") {
        assert!(
            text.contains("private network for `socklab run`: available"),
            "{text}"
        );
    }
}

#[test]
fn serving_on_a_port_in_use_names_the_fix() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = socklab(&["serve", "1", "--listen", &address, "--once"]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("EADDRINUSE"), "{error}");
    assert!(error.contains("port 0 for a free one"), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = socklab(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("socklab"), "{shell}");
        assert!(
            script.contains("explain"),
            "{shell}: subcommands are completed"
        );
    }
    assert_eq!(
        socklab(&["completions", "powershell-ise"]).status.code(),
        Some(2)
    );
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for args in [
        &["--help"][..],
        &["list", "--help"][..],
        &["run", "--help"][..],
        &["explain", "--help"][..],
        &["doctor", "--help"][..],
        &["completions", "--help"][..],
        &["bench", "--help"][..],
    ] {
        let output = socklab(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).contains("Examples:"), "{args:?}");
    }
}

/// The smallest bench run: structure only, never a number (timing
/// assertions fail on noise). sockperf may be missing here; then its
/// figures are null and the error says why.
#[test]
fn bench_reports_every_figure_as_json() {
    let output = socklab(&[
        "bench",
        "--format",
        "json",
        "--trials",
        "1",
        "--seconds",
        "1",
        "--codec-mib",
        "1",
        "--command-runs",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert!(report["machine"]["cpus"].as_u64().unwrap() >= 1);
    assert!(report["machine"]["kernel"].is_string());
    let latency = &report["latency"];
    assert_eq!(latency["message_size"], 64);
    let placements = latency["placements"].as_array().unwrap();
    assert!(placements[0]["placement"]["one_cpu"].is_u64());
    assert_eq!(placements[1]["placement"], "unpinned");
    for placed in placements {
        assert!(placed["socklab"]["p50_us"].as_f64().unwrap() > 0.0);
        assert!(placed["socklab"]["p99_us"].is_f64());
        assert!(
            placed["sockperf"]["p50_us"].is_f64() || latency["sockperf_error"].is_string(),
            "sockperf's figures or the reason they are missing: {latency}"
        );
    }
    let codec = report["codec"].as_array().unwrap();
    let body_lens: Vec<_> = codec.iter().map(|c| c["body_len"].as_u64()).collect();
    assert_eq!(body_lens, [Some(65536), Some(64)]);
    for comparison in codec {
        for side in ["codec", "raw"] {
            assert!(comparison[side]["gb_per_s"].as_f64().unwrap() > 0.0);
            assert!(comparison[side]["frames_per_s"].as_f64().unwrap() > 0.0);
        }
        assert!(comparison["ratio"].is_f64());
    }
    let commands: Vec<_> = report["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        commands,
        [
            "socklab list",
            "socklab run all",
            "socklab run all --host-network"
        ]
    );
}

#[test]
fn dev_check_passes_in_the_repository_and_refuses_elsewhere() {
    let here = socklab(&["dev", "check", "--root", env!("CARGO_MANIFEST_DIR")]);
    assert_eq!(here.status.code(), Some(0), "{}", stderr(&here));
    assert!(stdout(&here).contains("agree"), "{}", stdout(&here));
    let elsewhere = socklab(&["dev", "check", "--root", "/"]);
    assert_eq!(elsewhere.status.code(), Some(2));
    assert!(
        stderr(&elsewhere).contains("is not the socklab repository"),
        "{}",
        stderr(&elsewhere)
    );
    // A maintainer's command: not in the help students read.
    assert!(!stdout(&socklab(&["--help"])).contains("dev"));
}
