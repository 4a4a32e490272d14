//! What the calling thread has used: CPU time (clock_gettime(2) with
//! CLOCK_THREAD_CPUTIME_ID) and trips to sleep in the kernel (getrusage(2)).
//!
//! Wall-clock time runs on while a thread waits for a core; CPU time only
//! counts while it runs. A lab that asks "how many times does this loop spin
//! in N ms?" measures N ms of CPU time, so the answer does not collapse when
//! other programs keep every core busy.

use std::io;
use std::time::Duration;

/// The CPU time the calling thread has used so far (clock_gettime(2),
/// CLOCK_THREAD_CPUTIME_ID), user and system time together.
///
/// It cannot fail for this clock (rustix's `clock_gettime` returns no
/// error for the fixed clocks); the `io::Result` stays so that callers need
/// not change if it ever could.
pub fn thread_cpu_time() -> io::Result<Duration> {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Ok(Duration::new(now.tv_sec as u64, now.tv_nsec as u32))
}

/// The calling thread's voluntary context switches so far (getrusage(2),
/// RUSAGE_THREAD, `ru_nvcsw`): one each time it went to sleep in the kernel
/// (a blocking call that had to wait). Being preempted by another program
/// counts elsewhere (`ru_nivcsw`). Comparing it before and after a call
/// tells whether that call slept, without timing it.
///
/// rustix has no getrusage, so this is libc's, with an unsafe call.
pub fn voluntary_context_switches() -> io::Result<i64> {
    // SAFETY: rusage is plain old data (integers and timevals); all-zero
    // bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is to a live local rusage, which the call only
    // fills with integers (a `who` it did not know would fail with EINVAL).
    super::check(unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) })?;
    Ok(usage.ru_nvcsw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_advances_while_the_thread_works() -> io::Result<()> {
        let start = thread_cpu_time()?;
        let mut x = 0u64;
        while thread_cpu_time()? - start < Duration::from_millis(2) {
            x = std::hint::black_box(x + 1);
        }
        assert!(x > 0);
        Ok(())
    }
}
