//! Runs every lab for real and snapshots its table.
//!
//! Varying values (times), the run time and the environment line are redacted
//! (`Report::redacted`); everything else (bytes, counts, errno names, TCP
//! states, verdicts) must match the snapshot exactly. With CI=true a changed
//! snapshot fails the run; locally, review changes with `cargo insta review`.

use socklab::lab::{self, RunOptions};
use socklab::registry::{self, LABS};
use socklab::render;

fn snapshot_name(number: u8, slug: &str) -> String {
    format!("lab-{number:02}-{slug}")
}

fn check_lab(slug: &str) {
    let lab = registry::find(slug).expect("the lab is registered");
    let report = lab::run(lab, &RunOptions::default(), 1)
        .unwrap_or_else(|error| panic!("lab {slug} could not run: {error}"));
    let table = render::table::render(&report.redacted(), false);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!("socklab run {} ({slug})", lab.number));
    settings.add_filter(r"(?m) · \d+ ms$", " · [duration]");
    settings.bind(|| insta::assert_snapshot!(snapshot_name(lab.number, slug), table));
    assert!(
        report.all_passed(),
        "lab {slug} mismatched:\n{}",
        render::table::render(&report, false)
    );
}

macro_rules! lab_tests {
    ($($test:ident => $slug:literal),* $(,)?) => {
        $(#[test] fn $test() { check_lab($slug); })*
        const TESTED: &[&str] = &[$($slug),*];
    };
}

lab_tests! {
    lab_01_nagle_sticky => "nagle-sticky",
    lab_02_partial_recv => "partial-recv",
    lab_03_udp_truncation => "udp-truncation",
    lab_04_reuseaddr_timewait => "reuseaddr-timewait",
    lab_05_nodelay_latency => "nodelay-latency",
    lab_06_framing => "framing",
    lab_07_close_and_reset => "close-and-reset",
    lab_08_short_writes => "short-writes",
    lab_09_encodings => "encodings",
    lab_10_segmentation => "segmentation",
    lab_11_udp_datagrams => "udp-datagrams",
    lab_12_backlog => "backlog",
    lab_13_tcp_states => "tcp-states",
    lab_14_concurrency => "concurrency",
    lab_15_hmac_auth => "hmac-auth",
    lab_16_file_transfer => "file-transfer",
    lab_17_remote_command => "remote-command",
    lab_18_nonblocking_timeouts => "nonblocking-timeouts",
    lab_19_unix_sockets => "unix-sockets",
}

#[test]
fn every_lab_has_a_snapshot_test_and_a_snapshot() {
    for lab in LABS {
        assert!(
            TESTED.contains(&lab.slug),
            "lab {} has no test in tests/labs.rs: add it to lab_tests!",
            lab.slug
        );
        let path = format!(
            "{}/snapshots/{}.snap",
            env!("CARGO_MANIFEST_DIR"),
            snapshot_name(lab.number, lab.slug)
        );
        assert!(
            std::path::Path::new(&path).exists(),
            "{path} is missing: run `cargo insta test --accept` and review it"
        );
    }
}
