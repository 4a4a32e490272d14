//! Expectations: how a measured value becomes a verdict.
//!
//! Exact things (counts, sizes, byte strings, errno names, TCP states) are
//! compared for equality. Times never are: a time is compared with a
//! threshold, the way packetdrill gives every timing a window. Each
//! constructor takes the expected value from the lab and the observed value
//! from the kernel, and nothing else; the verdict is computed here, in one
//! place, so a lab cannot hand itself a pass.

use std::fmt::Display;
use std::time::Duration;

use crate::report::{CheckResult, ValueKind, Verdict};

fn result(
    id: &str,
    name: &str,
    expected: String,
    observed: String,
    passed: bool,
    kind: ValueKind,
) -> CheckResult {
    CheckResult {
        id: id.to_string(),
        name: name.to_string(),
        expected,
        observed,
        verdict: if passed {
            Verdict::Pass
        } else {
            Verdict::Mismatch
        },
        kind,
        reason: None,
        runs: None,
    }
}

/// An exact check: passes when `observed == expected`.
pub fn exact<T: PartialEq + Display>(
    id: &str,
    name: &str,
    expected: T,
    observed: T,
) -> CheckResult {
    let passed = observed == expected;
    result(
        id,
        name,
        expected.to_string(),
        observed.to_string(),
        passed,
        ValueKind::Exact,
    )
}

/// A timing check: passes when `observed >= minimum`.
pub fn at_least(id: &str, name: &str, minimum: Duration, observed: Duration) -> CheckResult {
    timing(
        id,
        name,
        format!("≥ {}", duration(minimum)),
        observed,
        observed >= minimum,
    )
}

/// A timing check: passes when `observed < limit`.
pub fn below(id: &str, name: &str, limit: Duration, observed: Duration) -> CheckResult {
    timing(
        id,
        name,
        format!("< {}", duration(limit)),
        observed,
        observed < limit,
    )
}

/// A threshold check on a value that varies between runs (a time, or a
/// count that depends on scheduling), computed by the lab: `passed` is the
/// comparison, and the observed cell may show more than the one number it
/// judges (e.g. the whole RTT distribution while only p50 is compared).
pub fn threshold(
    id: &str,
    name: &str,
    expected: String,
    observed: String,
    passed: bool,
) -> CheckResult {
    result(id, name, expected, observed, passed, ValueKind::Varying)
}

fn timing(id: &str, name: &str, expected: String, observed: Duration, passed: bool) -> CheckResult {
    result(
        id,
        name,
        expected,
        duration(observed),
        passed,
        ValueKind::Varying,
    )
}

/// A check that cannot run here, with the reason shown in the table.
pub fn skipped(id: &str, name: &str, expected: impl Display, reason: &str) -> CheckResult {
    CheckResult {
        id: id.to_string(),
        name: name.to_string(),
        expected: expected.to_string(),
        observed: "-".to_string(),
        verdict: Verdict::Skipped,
        kind: ValueKind::Exact,
        reason: Some(reason.to_string()),
        runs: None,
    }
}

/// Formats a duration for a table: µs below a millisecond, ms above.
pub fn duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else {
        format!("{:.1} ms", micros / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_passes_only_on_equality() {
        assert_eq!(exact("a", "a", 5, 5).verdict, Verdict::Pass);
        let miss = exact("a", "a", "hello", "hell");
        assert_eq!(miss.verdict, Verdict::Mismatch);
        assert_eq!(miss.expected, "hello");
        assert_eq!(miss.observed, "hell");
        assert_eq!(miss.kind, ValueKind::Exact);
    }

    #[test]
    fn thresholds_compare_times() {
        let ms = Duration::from_millis;
        assert_eq!(at_least("t", "t", ms(30), ms(44)).verdict, Verdict::Pass);
        assert_eq!(
            at_least("t", "t", ms(30), ms(29)).verdict,
            Verdict::Mismatch
        );
        assert_eq!(at_least("t", "t", ms(30), ms(30)).verdict, Verdict::Pass);
        assert_eq!(below("t", "t", ms(1), ms(1)).verdict, Verdict::Mismatch);
        assert_eq!(
            below("t", "t", ms(1), Duration::from_micros(25)).verdict,
            Verdict::Pass
        );
        assert_eq!(below("t", "t", ms(1), ms(2)).kind, ValueKind::Varying);
    }

    #[test]
    fn skipped_carries_its_reason() {
        let s = skipped("s", "s", "OK", "Linux-only check");
        assert_eq!(s.verdict, Verdict::Skipped);
        assert_eq!(s.reason.as_deref(), Some("Linux-only check"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Duration::from_micros(25)), "25 µs");
        assert_eq!(duration(Duration::from_micros(44_120)), "44.1 ms");
    }
}
