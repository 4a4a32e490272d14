//! `socklab run` and its network: the private namespace with its capture,
//! `--pcap` read back by tshark, `--wire`, `--host-network`, and the
//! fallback when no namespace can be made.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use socklab::report::{Report, Verdict};

fn socklab(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_socklab"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("socklab runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A file name in the temp folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        TempFile(std::env::temp_dir().join(format!("socklab-{}-{name}", std::process::id())))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn wire_checks(report: &Report) -> impl Iterator<Item = &socklab::report::CheckResult> {
    report.checks.iter().filter(|c| c.id.starts_with("wire-"))
}

#[test]
fn the_labs_run_in_a_private_network_and_pass_their_wire_checks() {
    let reports = common::reports(&["run", "3"]);
    // CI's machine allows namespaces (as root, and as nobody through a user
    // namespace); elsewhere this test says so and stops.
    if !common::in_private_network(&reports) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the labs in a private network"
        );
        return;
    }
    let report = &reports[0];
    let capture = report.capture.expect("the run was captured");
    assert_eq!(capture.dropped, 0);
    assert!(capture.packets > 0 && !report.wire.is_empty());
    assert!(wire_checks(report).count() >= 3);
    assert!(wire_checks(report).all(|c| c.verdict == Verdict::Pass));
}

#[test]
fn pcap_opens_in_tshark_with_the_packets_the_report_shows() {
    if Command::new("tshark").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tshark is missing in CI: .ci/run installs it (Debian package tshark)"
        );
        eprintln!("skipped: tshark is not installed (apt-get install tshark)");
        return;
    }
    let pcap = TempFile::new("labs-1-3.pcap");
    let path = pcap.0.to_str().unwrap();
    let output = socklab(&["run", "1", "3", "--format", "json", "--pcap", path], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let reports: Vec<Report> = serde_json::from_slice(&output.stdout).unwrap();
    if !common::in_private_network(&reports) {
        return;
    }
    // The report's own rows: one payload length per TCP or UDP packet.
    let ours: Vec<String> = reports
        .iter()
        .flat_map(|r| &r.wire)
        .filter(|p| p.protocol == "tcp" || p.protocol == "udp")
        .map(|p| format!("{} {}", p.protocol, p.length))
        .collect();
    assert!(
        ours.iter().any(|p| p == "tcp 5"),
        "b\"hello\" crossed alone"
    );
    let tshark = Command::new("tshark")
        .args(["-r", path, "-Y", "tcp or udp", "-T", "fields"])
        .args(["-e", "tcp.len", "-e", "udp.length"])
        .output()
        .expect("tshark runs");
    assert!(tshark.status.success(), "{}", text(&tshark.stderr));
    let theirs: Vec<String> = text(&tshark.stdout)
        .lines()
        .map(|line| {
            let (tcp, udp) = line.split_once('\t').unwrap_or((line, ""));
            match (tcp.trim(), udp.trim()) {
                (tcp, _) if !tcp.is_empty() => format!("tcp {tcp}"),
                // The UDP length field counts its 8-byte header.
                (_, udp) => format!("udp {}", udp.parse::<usize>().unwrap() - 8),
            }
        })
        .collect();
    assert_eq!(theirs, ours, "tshark and socklab disagree on the packets");
}

#[test]
fn wire_lists_the_packets_under_the_table() {
    let output = socklab(&["run", "3", "--wire"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    if stdout.contains("· host loopback") {
        eprintln!("note: no private network here: nothing to list");
        return;
    }
    assert!(stdout.contains("wire: "), "{stdout}");
    assert!(stdout.contains("UDP len 10 b\"1234567890\""), "{stdout}");
}

#[test]
fn host_network_runs_without_capture_and_skips_the_wire_checks() {
    let output = socklab(&["run", "3", "--host-network", "--format", "json"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "", "the user asked: no note");
    let reports: Vec<Report> = serde_json::from_slice(&output.stdout).unwrap();
    let report = &reports[0];
    assert_eq!(report.env.network.as_deref(), Some("host loopback"));
    assert!(report.capture.is_none() && report.wire.is_empty());
    for check in wire_checks(report) {
        assert_eq!(check.verdict, Verdict::Skipped, "{}", check.id);
        assert_eq!(check.reason.as_deref(), Some("--host-network: no capture"));
    }
}

#[test]
fn without_namespace_rights_the_run_is_green_with_one_line_about_why() {
    // SOCKLAB_NO_NAMESPACE=1 takes the path a machine without namespace
    // rights takes (sandbox::SOCKLAB_NO_NAMESPACE).
    let output = socklab(&["run", "3"], &[("SOCKLAB_NO_NAMESPACE", "1")]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(
        lines[0].starts_with("note: no private network for the labs ("),
        "{stderr}"
    );
    assert!(
        lines[0].ends_with("the wire checks are skipped"),
        "{stderr}"
    );
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("skipped (no private network here: no capture)"),
        "{stdout}"
    );
    assert!(stdout.contains("host loopback"), "{stdout}");
}

#[test]
fn pcap_and_host_network_do_not_go_together() {
    let output = socklab(
        &["run", "3", "--host-network", "--pcap", "/tmp/x.pcap"],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("cannot be used with"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn a_host_tuned_away_from_the_book_still_passes_because_the_settings_are_pinned() {
    // Needs root, to make a "host" whose sysctls differ from the book's: a
    // network namespace with tcp_timestamps=0 and tcp_autocorking=0, in
    // which socklab then makes its own. CI runs as root.
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: needs root to change a namespace's sysctls");
        return;
    }
    let socklab = env!("CARGO_BIN_EXE_socklab");
    let script = format!(
        "ip link set lo up && \
         echo 0 > /proc/sys/net/ipv4/tcp_timestamps && \
         echo 0 > /proc/sys/net/ipv4/tcp_autocorking && \
         {socklab} run 10 --format json; echo \"exit $?\"; \
         {socklab} run 10 --host-network --format json; echo \"exit $?\""
    );
    let output = Command::new("unshare")
        .args(["--net", "sh", "-c", &script])
        .output()
        .expect("unshare(1) runs");
    let stdout = text(&output.stdout);
    let mut runs = stdout.split("exit ");
    let private: Vec<Report> = serde_json::from_str(runs.next().unwrap()).unwrap();
    let rest = runs.next().unwrap();
    let (private_exit, host_json) = rest.split_once('\n').unwrap();
    let host: Vec<Report> = serde_json::from_str(host_json).unwrap();
    // Pinned: the private network has the book's values and lab 10 passes.
    assert_eq!(private_exit.trim(), "0", "{}", text(&output.stderr));
    let pinned = &private[0].env.sysctls;
    assert_eq!(pinned["net.ipv4.tcp_timestamps"], "1");
    assert_eq!(pinned["net.ipv4.tcp_autocorking"], "1");
    assert!(private[0].all_passed());
    // The same lab on that "host" sees its settings: no timestamps, so the
    // MSS figures follow the host, not the book.
    assert_eq!(host[0].env.sysctls["net.ipv4.tcp_timestamps"], "0");
    let mss = host[0]
        .checks
        .iter()
        .find(|c| c.id == "small-client-snd-mss")
        .expect("lab 10's MSS row");
    assert_eq!(
        mss.observed, "536",
        "without timestamps the MSS is 536, not 524"
    );
}
