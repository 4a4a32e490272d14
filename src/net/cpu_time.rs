//! CPU time used by the calling thread: clock_gettime(2) with
//! CLOCK_THREAD_CPUTIME_ID.
//!
//! Wall-clock time runs on while a thread waits for a core; CPU time only
//! counts while it runs. A lab that asks "how many times does this loop spin
//! in N ms?" measures N ms of CPU time, so the answer does not collapse when
//! other programs keep every core busy.

use std::io;
use std::time::Duration;

/// The CPU time the calling thread has used so far (clock_gettime(2),
/// CLOCK_THREAD_CPUTIME_ID), user and system time together.
pub fn thread_cpu_time() -> io::Result<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: the pointer is to a live local timespec, which the call fills.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(Duration::new(now.tv_sec as u64, now.tv_nsec as u32))
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
