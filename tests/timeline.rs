//! `--timeline` on a real lab, snapshotted, through the binary as a student
//! runs it (`socklab run 3 --timeline`).

mod common;

use socklab::render::timeline;
use socklab::report::Side;

#[test]
fn udp_truncation_timeline() {
    let report = common::reports(&["run", "udp-truncation", "--timeline"]).remove(0);
    if !common::in_private_network(std::slice::from_ref(&report)) {
        return;
    }
    let events = report.timeline.clone().expect("a timeline was recorded");
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
    settings.bind(|| {
        insta::assert_snapshot!(
            "timeline-03-udp-truncation",
            timeline::render(&events, &report.wire)
        )
    });

    // And nothing is recorded unless asked.
    let report = common::reports(&["run", "3"]).remove(0);
    assert!(report.timeline.is_none());
}
