//! Percentiles of measurements, the nearest-rank way.
//!
//! Labs and the bench time many round trips or runs and report the typical
//! one (p50, the median) and the tail (p90, p99), not the mean: one
//! preemption takes longer than a thousand loopback round trips, and a mean
//! would mix the two.
//!
//! The nearest-rank percentile p of n sorted values is the value at rank
//! ⌈n × p / 100⌉, counting from 1. It is always one of the measurements,
//! never an interpolation between two. The median is p50: the middle value
//! of an odd count, the lower of the two middle values of an even count.

/// The nearest-rank `percent` percentile of `sorted`, which must be sorted
/// and not empty.
pub fn percentile<T: Copy>(sorted: &[T], percent: u32) -> T {
    let rank = (sorted.len() * percent as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// The median (nearest-rank p50) of `values`, in any order, which must not
/// be empty.
pub fn median<T: Copy + PartialOrd>(values: &[T]) -> T {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).expect("no NaN among measurements"));
    percentile(&sorted, 50)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<u32> = (1..=20).collect();
        assert_eq!(percentile(&samples, 50), 10);
        assert_eq!(percentile(&samples, 90), 18);
        assert_eq!(percentile(&samples, 99), 20);
        assert_eq!(percentile(&samples[..1], 50), 1);
        // Rank ⌈7 × 90 / 100⌉ = ⌈6.3⌉ = 7: the largest of 7.
        assert_eq!(percentile(&samples[..7], 90), 7);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[5, 1, 4, 2, 3]), 3);
        // Even: the lower of the two middle values.
        assert_eq!(median(&[4, 1, 3, 2]), 2);
        assert_eq!(median(&[2.5, 1.5]), 1.5);
        assert_eq!(median(&[7]), 7);
    }
}
