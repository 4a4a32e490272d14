//! `--timeline` on a real lab, snapshotted. Its own test binary, with ONE
//! test: recording is process-wide, so no other lab may run alongside it.

use socklab::lab::{self, RunOptions};
use socklab::registry;
use socklab::render::timeline;
use socklab::report::Side;

#[test]
fn udp_truncation_timeline() {
    let lab = registry::find("udp-truncation").unwrap();
    let options = RunOptions {
        timeline: true,
        ..RunOptions::default()
    };
    let report = lab::run(lab, &options, 1).expect("lab 3 runs");
    let events = report.timeline.expect("a timeline was recorded");
    assert!(events.windows(2).all(|pair| pair[0].at_ms <= pair[1].at_ms));
    assert!(
        events
            .iter()
            .any(|e| e.side == Side::Client && e.call == "send")
    );
    assert!(
        events
            .iter()
            .any(|e| e.side == Side::Server && e.call == "recv")
    );

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.add_filter(r"(?m)^ *\d+\.\d\d ms", "  [t] ms");
    settings
        .bind(|| insta::assert_snapshot!("timeline-03-udp-truncation", timeline::render(&events)));

    // And nothing is recorded unless asked.
    let report = lab::run(lab, &RunOptions::default(), 1).expect("lab 3 runs");
    assert!(report.timeline.is_none());
}
