//! Runs every lab for real and snapshots its table.
//!
//! Varying values (times), the run time and the environment line are redacted
//! (`Report::redacted`); everything else (bytes, counts, errno names, TCP
//! states, verdicts) must match the snapshot exactly. With CI=true a changed
//! snapshot fails the run; locally, review changes with `cargo insta review`
//! (or accept them all with `INSTA_UPDATE=always cargo test --test labs`).
//!
//! The labs come from the registry: a new lab is tested (and needs its
//! snapshot, `snapshots/lab-NN-slug.snap`) as soon as it has its line there.
//! They run as `socklab run all --format json`, one process, the way a
//! student runs them (see tests/common).

mod common;

use std::panic::{self, AssertUnwindSafe};

use socklab::dev::file_stem;
use socklab::lab::Lab;
use socklab::registry::LABS;
use socklab::render;
use socklab::report::Report;

/// Compares one lab's redacted table with its snapshot; panics (as insta
/// does) on a difference or a mismatching check.
fn check_lab(lab: &Lab, report: &Report) {
    let table = render::table::render(&report.redacted(), false);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!("socklab run {} ({})", lab.number, lab.slug));
    settings.add_filter(r"(?m) · \d+ ms$", " · [duration]");
    settings.bind(|| insta::assert_snapshot!(format!("lab-{}", file_stem(lab)), table));
    assert!(
        report.all_passed(),
        "lab {} mismatched:\n{}",
        lab.slug,
        render::table::render(report, false)
    );
}

#[test]
fn every_lab_matches_its_snapshot() {
    // Every lab runs even when an earlier one fails, so one run names all
    // the labs that changed.
    let reports = common::reports(&["run", "all"]);
    assert_eq!(reports.len(), LABS.len(), "`run all` ran every lab");
    if !common::in_private_network(&reports) {
        for report in &reports {
            assert!(report.all_passed(), "lab {} mismatched", report.slug);
        }
        return;
    }
    let failed: Vec<&str> = LABS
        .iter()
        .zip(&reports)
        .filter(|(lab, report)| {
            assert_eq!(report.slug, lab.slug, "reports in registry order");
            panic::catch_unwind(AssertUnwindSafe(|| check_lab(lab, report))).is_err()
        })
        .map(|(lab, _)| lab.slug)
        .collect();
    assert!(
        failed.is_empty(),
        "labs whose table changed or mismatched (see above): {failed:?}"
    );
}
