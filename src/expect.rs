//! Expectations: how a measured value becomes a verdict.
//!
//! Exact things (counts, sizes, byte strings, errno names, TCP states) are
//! compared for equality. Times never are: a time is compared with a
//! threshold, the way packetdrill gives every timing a window. Each
//! constructor takes the expected value from the lab and the observed value
//! from the kernel, and nothing else: no constructor accepts a ready-made
//! pass or fail. The verdict is computed here, in one place, so a lab cannot
//! hand itself a pass.
//!
//! Every check carries its values twice: as the strings the table shows
//! (`"p50 ≥ 30.0 ms"`) and typed for scripts ([`Value`]:
//! `{"at_least": 30.0, "unit": "ms", "of": "p50"}`).

use std::fmt::Display;
use std::io;
use std::time::Duration;

use crate::i18n;
use crate::net::{self, Unavailable};
use crate::report::{Bound, CheckResult, Quantity, Summary, Value, ValueKind, Verdict};
use crate::stats;
use crate::wire::Packets;

/// A value an exact check can compare: it shows itself in the table
/// (`Display`) and has a typed form for JSON.
pub trait Observable: PartialEq + Display {
    fn typed(&self) -> Value;
}

macro_rules! observable_integers {
    ($($int:ty),*) => {$(
        impl Observable for $int {
            fn typed(&self) -> Value {
                // Every count a lab compares fits an i64; one that did not
                // would still be shown, as text.
                i64::try_from(*self).map_or_else(|_| Value::Text(self.to_string()), Value::Integer)
            }
        }
    )*};
}
observable_integers!(u8, u16, u32, u64, usize, i32, i64);

impl Observable for bool {
    fn typed(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl Observable for String {
    fn typed(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl Observable for &str {
    fn typed(&self) -> Value {
        Value::Text((*self).to_string())
    }
}

fn result(
    id: &str,
    name: &str,
    (expected, expected_value): (String, Value),
    (observed, observed_value): (String, Value),
    passed: bool,
    kind: ValueKind,
) -> CheckResult {
    CheckResult {
        id: id.to_string(),
        name: i18n::text(name).into_owned(),
        expected,
        observed,
        expected_value,
        observed_value: Some(observed_value),
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
pub fn exact<T: Observable>(id: &str, name: &str, expected: T, observed: T) -> CheckResult {
    let passed = observed == expected;
    result(
        id,
        name,
        (expected.to_string(), expected.typed()),
        (observed.to_string(), observed.typed()),
        passed,
        ValueKind::Exact,
    )
}

/// What a system call should have returned: success, or one errno.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallResult {
    /// The call succeeded ("OK").
    Ok,
    /// The call failed with this errno (`libc::EPIPE`...).
    Errno(i32),
}

impl CallResult {
    fn name(self) -> String {
        match self {
            CallResult::Ok => "OK".to_string(),
            CallResult::Errno(code) => net::errno_name(code),
        }
    }
}

/// An exact check of a call whose result is the lesson (bind after
/// TIME_WAIT, a send to a reset peer...): the expected errno name (or "OK")
/// against the one the call returned.
pub fn call<T>(
    id: &str,
    name: &str,
    expected: CallResult,
    observed: &io::Result<T>,
) -> CheckResult {
    exact(id, name, expected.name(), net::outcome(observed))
}

/// An exact check that the call failed with `errno`.
pub fn errno<T>(id: &str, name: &str, errno: i32, observed: &io::Result<T>) -> CheckResult {
    call(id, name, CallResult::Errno(errno), observed)
}

/// An exact check that the call succeeded.
pub fn succeeds<T>(id: &str, name: &str, observed: &io::Result<T>) -> CheckResult {
    call(id, name, CallResult::Ok, observed)
}

/// A number that varies from run to run, with what it counts or times: the
/// observed side of a threshold check.
#[derive(Debug, Clone, PartialEq)]
pub enum Measurement {
    /// One time.
    Time(Duration),
    /// One count; `noun` is shown after the number ("16900 empty reads").
    Count { count: u64, noun: &'static str },
    /// Many times; the check compares their median.
    Times(TimeSummary),
}

impl From<Duration> for Measurement {
    fn from(time: Duration) -> Measurement {
        Measurement::Time(time)
    }
}

/// A count for a threshold check, shown with its noun: `count(5, "sends")`.
pub fn count(count: u64, noun: &'static str) -> Measurement {
    Measurement::Count { count, noun }
}

/// The p50, max and optionally p90/p99 of a set of times: one table cell,
/// "p50 44.0 ms · p90 44.1 ms · p99 48.0 ms · max 48.2 ms".
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSummary {
    p50: Duration,
    tail: Vec<(&'static str, Duration)>,
    max: Duration,
}

impl TimeSummary {
    /// The median and the maximum of `samples` (which must not be empty).
    pub fn of(samples: &[Duration]) -> TimeSummary {
        let mut sorted = samples.to_vec();
        sorted.sort();
        TimeSummary {
            p50: stats::percentile(&sorted, 50),
            tail: Vec::new(),
            max: sorted.last().copied().unwrap_or_default(),
        }
    }

    /// The same, with p90 and p99 shown too (latency distributions).
    pub fn with_tail(samples: &[Duration]) -> TimeSummary {
        let mut sorted = samples.to_vec();
        sorted.sort();
        TimeSummary {
            tail: vec![
                ("p90", stats::percentile(&sorted, 90)),
                ("p99", stats::percentile(&sorted, 99)),
            ],
            ..TimeSummary::of(&sorted)
        }
    }

    fn shown(&self) -> String {
        let mut cells = vec![format!("p50 {}", duration(self.p50))];
        cells.extend(
            self.tail
                .iter()
                .map(|(label, time)| format!("{label} {}", duration(*time))),
        );
        cells.push(format!("max {}", duration(self.max)));
        cells.join(" · ")
    }

    fn typed(&self) -> Value {
        let tail = |label: &str| {
            self.tail
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, time)| millis(*time))
        };
        Value::Summary(Summary {
            p50: millis(self.p50),
            p90: tail("p90"),
            p99: tail("p99"),
            max: millis(self.max),
            unit: "ms".to_string(),
        })
    }
}

impl Measurement {
    /// The one number the comparison judges, in the unit of `Limit`.
    fn judged(&self) -> f64 {
        match self {
            Measurement::Time(time) => millis(*time),
            Measurement::Count { count, .. } => *count as f64,
            Measurement::Times(summary) => millis(summary.p50),
        }
    }

    fn shown(&self) -> String {
        match self {
            Measurement::Time(time) => duration(*time),
            Measurement::Count { count, noun } => with_noun(count.to_string(), noun),
            Measurement::Times(summary) => summary.shown(),
        }
    }

    fn typed(&self) -> Value {
        match self {
            Measurement::Time(time) => Value::Quantity(Quantity {
                value: millis(*time),
                unit: "ms".to_string(),
            }),
            Measurement::Count { count, noun } => Value::Quantity(Quantity {
                value: *count as f64,
                unit: noun.to_string(),
            }),
            Measurement::Times(summary) => summary.typed(),
        }
    }

    /// "p50 " when a distribution's median is what is compared.
    fn statistic(&self) -> Option<&'static str> {
        matches!(self, Measurement::Times(_)).then_some("p50")
    }
}

/// The limit a threshold check compares with: a time or a count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Time(Duration),
    Count { count: u64, noun: &'static str },
}

impl From<Duration> for Limit {
    fn from(time: Duration) -> Limit {
        Limit::Time(time)
    }
}

/// A count limit, shown with its noun: `count_limit(1000, "empty reads")`.
pub fn count_limit(count: u64, noun: &'static str) -> Limit {
    Limit::Count { count, noun }
}

impl Limit {
    fn value(self) -> f64 {
        match self {
            Limit::Time(time) => millis(time),
            Limit::Count { count, .. } => count as f64,
        }
    }

    fn shown(self) -> String {
        match self {
            Limit::Time(time) => duration(time),
            Limit::Count { count, noun } => with_noun(count.to_string(), noun),
        }
    }

    fn unit(self) -> String {
        match self {
            Limit::Time(_) => "ms".to_string(),
            Limit::Count { noun, .. } => noun.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    AtLeast,
    Above,
    Below,
}

impl Comparison {
    fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::Above => ">",
            Comparison::Below => "<",
        }
    }

    fn holds(self, observed: f64, limit: f64) -> bool {
        match self {
            Comparison::AtLeast => observed >= limit,
            Comparison::Above => observed > limit,
            Comparison::Below => observed < limit,
        }
    }
}

fn threshold(
    id: &str,
    name: &str,
    comparison: Comparison,
    limit: Limit,
    observed: Measurement,
) -> CheckResult {
    let statistic = observed.statistic();
    let prefix = statistic.map(|s| format!("{s} ")).unwrap_or_default();
    let expected = format!("{prefix}{} {}", comparison.symbol(), limit.shown());
    let value = Some(limit.value());
    let bound = Bound {
        at_least: value.filter(|_| comparison == Comparison::AtLeast),
        above: value.filter(|_| comparison == Comparison::Above),
        below: value.filter(|_| comparison == Comparison::Below),
        unit: limit.unit(),
        of: statistic.map(str::to_string),
    };
    let passed = comparison.holds(observed.judged(), limit.value());
    result(
        id,
        name,
        (expected, Value::Bound(bound)),
        (observed.shown(), observed.typed()),
        passed,
        ValueKind::Varying,
    )
}

/// A threshold check: passes when the observed value (a median, for a
/// distribution) is at least `minimum`.
pub fn at_least(
    id: &str,
    name: &str,
    minimum: impl Into<Limit>,
    observed: impl Into<Measurement>,
) -> CheckResult {
    threshold(
        id,
        name,
        Comparison::AtLeast,
        minimum.into(),
        observed.into(),
    )
}

/// A threshold check: passes when the observed value is greater than
/// `floor` ("more than one send").
pub fn above(
    id: &str,
    name: &str,
    floor: impl Into<Limit>,
    observed: impl Into<Measurement>,
) -> CheckResult {
    threshold(id, name, Comparison::Above, floor.into(), observed.into())
}

/// A threshold check: passes when the observed value (a median, for a
/// distribution) is below `limit`.
pub fn below(
    id: &str,
    name: &str,
    limit: impl Into<Limit>,
    observed: impl Into<Measurement>,
) -> CheckResult {
    threshold(id, name, Comparison::Below, limit.into(), observed.into())
}

/// A check that cannot run here, with the reason shown in the table.
pub fn skipped<T: Observable>(id: &str, name: &str, expected: T, reason: &str) -> CheckResult {
    CheckResult {
        id: id.to_string(),
        name: i18n::text(name).into_owned(),
        expected: expected.to_string(),
        observed: "-".to_string(),
        expected_value: expected.typed(),
        observed_value: None,
        verdict: Verdict::Skipped,
        kind: ValueKind::Exact,
        reason: Some(i18n::text(reason).into_owned()),
        runs: None,
    }
}

/// A check of what crossed the wire: `observe` reads the packets the lab
/// asked for and returns the value compared with `expected`. Skipped, with
/// the reason, when nothing was captured (the host network) or when the
/// capture lost frames: a missing packet could make a wrong answer look
/// right, so such a check never passes.
pub fn on_wire<T: Observable>(
    id: &str,
    name: &str,
    expected: T,
    wire: &Result<Packets, Unavailable>,
    observe: impl FnOnce(&Packets) -> T,
) -> CheckResult {
    match wire {
        Err(unavailable) => skipped(id, name, expected, &unavailable.why),
        Ok(packets) => match packets.incomplete() {
            Some(reason) => skipped(id, name, expected, &reason),
            None => exact(id, name, expected, observe(packets)),
        },
    }
}

/// A threshold check of what crossed the wire: passes when what `observe`
/// measures in the packets (the time between two of them, say) is at least
/// `minimum`. Skipped as [`on_wire`] is; a mismatch when `observe` finds
/// nothing to measure (`None`: the packets it times are not on the wire).
pub fn on_wire_at_least<M: Into<Measurement>>(
    id: &str,
    name: &str,
    minimum: impl Into<Limit>,
    wire: &Result<Packets, Unavailable>,
    observe: impl FnOnce(&Packets) -> Option<M>,
) -> CheckResult {
    let minimum = minimum.into();
    // The expectation alone, for a check with nothing to compare.
    let unmeasured = || at_least(id, name, minimum, Duration::ZERO);
    let packets = match wire {
        Err(unavailable) => return skip(unmeasured(), &unavailable.why),
        Ok(packets) => packets,
    };
    if let Some(reason) = packets.incomplete() {
        return skip(unmeasured(), &reason);
    }
    match observe(packets) {
        Some(measured) => at_least(id, name, minimum, measured),
        None => CheckResult {
            observed: "not on the wire".to_string(),
            observed_value: Some(Value::Text("not on the wire".to_string())),
            verdict: Verdict::Mismatch,
            ..unmeasured()
        },
    }
}

/// `check` turned into a skip: its expectation stays, its observation
/// (made with something missing, e.g. a program this machine lacks) goes.
pub fn skip(check: CheckResult, reason: &str) -> CheckResult {
    CheckResult {
        observed: "-".to_string(),
        observed_value: None,
        verdict: Verdict::Skipped,
        kind: ValueKind::Exact,
        reason: Some(i18n::text(reason).into_owned()),
        ..check
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

/// A time in milliseconds, the unit of every time in JSON.
fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn with_noun(number: String, noun: &str) -> String {
    if noun.is_empty() {
        number
    } else {
        format!("{number} {noun}")
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
        assert_eq!(miss.expected_value, Value::Text("hello".into()));
        assert_eq!(
            exact("n", "n", 32741, 32741).expected_value,
            Value::Integer(32741)
        );
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
    fn thresholds_compare_counts_with_their_nouns() {
        let spins = at_least(
            "s",
            "s",
            count_limit(1000, "empty reads"),
            count(16900, "empty reads"),
        );
        assert_eq!(spins.expected, "≥ 1000 empty reads");
        assert_eq!(spins.observed, "16900 empty reads");
        assert_eq!(spins.verdict, Verdict::Pass);
        let one = above("n", "n", count_limit(1, ""), count(1, "sends"));
        assert_eq!(one.expected, "> 1");
        assert_eq!(one.observed, "1 sends");
        assert_eq!(one.verdict, Verdict::Mismatch);
        assert_eq!(
            below("b", "b", count_limit(10, ""), count(9, "")).verdict,
            Verdict::Pass
        );
    }

    #[test]
    fn a_distribution_is_judged_by_its_median() {
        let ms = Duration::from_millis;
        let samples = [ms(1), ms(44), ms(45), ms(46), ms(90)];
        let stalled = at_least(
            "r",
            "r",
            ms(30),
            Measurement::Times(TimeSummary::of(&samples)),
        );
        assert_eq!(stalled.expected, "p50 ≥ 30.0 ms");
        assert_eq!(stalled.observed, "p50 45.0 ms · max 90.0 ms");
        assert_eq!(stalled.verdict, Verdict::Pass);
        let tail = Measurement::Times(TimeSummary::with_tail(&samples));
        let fast = below("r", "r", ms(15), tail);
        assert_eq!(fast.verdict, Verdict::Mismatch);
        assert_eq!(
            fast.observed,
            "p50 45.0 ms · p90 90.0 ms · p99 90.0 ms · max 90.0 ms"
        );
    }

    #[test]
    fn typed_values_follow_the_json_shape() {
        let check = at_least(
            "t",
            "t",
            Duration::from_millis(30),
            Measurement::Times(TimeSummary::of(&[Duration::from_millis(44)])),
        );
        let json = serde_json::to_value(&check).unwrap();
        assert_eq!(
            json["expected_value"],
            serde_json::json!({"at_least": 30.0, "unit": "ms", "of": "p50"})
        );
        assert_eq!(
            json["observed_value"],
            serde_json::json!({"p50": 44.0, "max": 44.0, "unit": "ms"})
        );
        let count = serde_json::to_value(exact("c", "c", 20, 20)).unwrap();
        assert_eq!(count["observed_value"], 20);
    }

    #[test]
    fn call_results_name_their_errno() {
        let refused: io::Result<()> = Err(io::Error::from_raw_os_error(libc::ECONNREFUSED));
        let check = errno("c", "c", libc::ECONNREFUSED, &refused);
        assert_eq!(check.verdict, Verdict::Pass);
        assert_eq!(check.observed, "ECONNREFUSED");
        assert_eq!(
            succeeds("c", "c", &refused).verdict,
            Verdict::Mismatch,
            "a refused call is not a success"
        );
        assert_eq!(succeeds("c", "c", &Ok::<(), io::Error>(())).observed, "OK");
    }

    #[test]
    fn skipped_carries_its_reason() {
        let s = skipped("s", "s", "OK", "Linux-only check");
        assert_eq!(s.verdict, Verdict::Skipped);
        assert_eq!(s.reason.as_deref(), Some("Linux-only check"));
        assert_eq!(s.observed_value, None);
    }

    #[test]
    fn a_wire_threshold_is_skipped_without_a_capture_and_fails_without_its_packets() {
        let floor = Duration::from_millis(20);
        let off: Result<Packets, Unavailable> = Err(Unavailable {
            what: "the wire",
            why: "the host network".to_string(),
        });
        let skipped = on_wire_at_least("w", "w", floor, &off, |_| Some(floor));
        assert_eq!(skipped.verdict, Verdict::Skipped);
        assert_eq!(skipped.expected, "≥ 20.0 ms");
        assert_eq!(skipped.reason.as_deref(), Some("the host network"));
        let captured = Ok(Packets {
            packets: Vec::new(),
            stats: crate::wire::CaptureStats::default(),
        });
        let waited = on_wire_at_least("w", "w", floor, &captured, |_| {
            Some(Duration::from_millis(41))
        });
        assert_eq!(waited.verdict, Verdict::Pass);
        assert_eq!(waited.observed, "41.0 ms");
        let missing = on_wire_at_least("w", "w", floor, &captured, |_| None::<Duration>);
        assert_eq!(missing.verdict, Verdict::Mismatch);
        assert_eq!(missing.observed, "not on the wire");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Duration::from_micros(25)), "25 µs");
        assert_eq!(duration(Duration::from_micros(44_120)), "44.1 ms");
    }
}
