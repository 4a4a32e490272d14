//! Percentiles of measured samples, socket-free.
//!
//! socklab uses the nearest-rank method everywhere: the p-th percentile of
//! n sorted samples is the sample at rank ceil(n × p / 100), so it is always
//! a value that was really measured, never an interpolation between two.
//! The median (p50) of an even count is therefore the lower middle sample.

/// Nearest-rank percentile of `sorted` (ascending, not empty).
pub fn percentile<T: Copy>(sorted: &[T], percent: u32) -> T {
    let rank = (sorted.len() * percent as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// The median of `values` (not empty), which need not be sorted.
pub fn median<T: Copy + PartialOrd>(values: &[T]) -> T {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).expect("no NaN among measurements"));
    percentile(&sorted, 50)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=20).map(Duration::from_millis).collect();
        assert_eq!(percentile(&samples, 50), Duration::from_millis(10));
        assert_eq!(percentile(&samples, 90), Duration::from_millis(18));
        assert_eq!(percentile(&samples, 99), Duration::from_millis(20));
        assert_eq!(percentile(&samples[..1], 50), Duration::from_millis(1));
    }

    #[test]
    fn the_median_takes_the_lower_middle() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4, 1, 3, 2]), 2);
        assert_eq!(median(&[5, 1, 4, 2, 3]), 3);
        assert_eq!(median(&[7]), 7);
    }
}
