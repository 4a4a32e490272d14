//! JSON output: one array of reports. Field names are a promise to scripts:
//! add fields freely, never rename `number`, `slug`, `title`, `checks` (with
//! `id`, `name`, `expected`, `observed`, `verdict`), `env`, `duration_ms`.
//! They stay English in every language; `lang` (`en`, `zh-CN`) says which
//! language `title`, `summary` and the checks' `name`s are in.

use crate::report::Report;

/// All reports as one pretty-printed JSON array.
pub fn render(reports: &[Report]) -> String {
    let mut text = serde_json::to_string_pretty(reports).expect("reports serialise to JSON");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;
    use serde_json::Value;

    #[test]
    fn keeps_the_documented_field_names() {
        let value: Value = serde_json::from_str(&render(&[fixtures::report()])).unwrap();
        let report = &value[0];
        assert_eq!(report["number"], 3);
        assert_eq!(report["slug"], "udp-truncation");
        assert_eq!(report["title"], "UDP truncation");
        assert_eq!(report["lang"], "en");
        assert_eq!(report["duration_ms"], 12);
        assert_eq!(report["env"]["kernel"], "6.1.0-test");
        let check = &report["checks"][1];
        for field in ["id", "name", "expected", "observed", "verdict"] {
            assert!(check.get(field).is_some(), "missing {field}");
        }
        assert_eq!(check["verdict"], "mismatch");
        assert_eq!(report["checks"][0]["verdict"], "pass");
        assert_eq!(report["checks"][2]["verdict"], "skipped");
        assert_eq!(report["checks"][2]["reason"], "Windows-only check");
    }

    #[test]
    fn round_trips() {
        let reports = vec![fixtures::repeated_report()];
        let parsed: Vec<Report> = serde_json::from_str(&render(&reports)).unwrap();
        assert_eq!(parsed, reports);
    }
}
