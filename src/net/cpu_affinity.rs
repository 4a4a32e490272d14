//! Pinning the calling thread to one CPU: sched_setaffinity(2).
//!
//! On loopback a round trip's two wake-ups cost very different amounts
//! depending on where the two ends run. On one CPU each wake-up is a local
//! context switch; on two, it is an inter-processor interrupt that may have
//! to bring an idle (in a VM: halted) CPU back first, several microseconds
//! more. Left alone, the scheduler picks one or the other from moment to
//! moment, depending on what else the machine is doing. To compare two
//! programs' round trips, both must run with the same placement.
//!
//! A new thread, and a new process, starts with the affinity of the thread
//! that created it. So pinning the calling thread before it starts a server
//! thread or a `sockperf` process pins those too.

use std::io;

use rustix::thread::CpuSet;

/// The calling thread's affinity before [`pin_current_thread`], put back
/// when this is dropped.
pub struct Pinned {
    previous: CpuSet,
}

impl Drop for Pinned {
    fn drop(&mut self) {
        // Restoring a mask the kernel gave us cannot fail in a way worth
        // reporting from a destructor.
        let _ = rustix::thread::sched_setaffinity(None, &self.previous);
    }
}

/// The CPU the calling thread is running on right now (sched_getcpu(3)).
///
/// rustix makes the getcpu(2) system call, which cannot fail when asked only
/// for the CPU; the `io::Result` stays for the callers.
pub fn current_cpu() -> io::Result<usize> {
    Ok(rustix::thread::sched_getcpu())
}

/// Restricts the calling thread, and every thread or process it starts
/// from now on, to `cpu`, until the returned guard is dropped.
///
/// `None` as the pid means the calling thread (pid 0 in sched_setaffinity(2)).
pub fn pin_current_thread(cpu: usize) -> io::Result<Pinned> {
    let previous = rustix::thread::sched_getaffinity(None)?;
    if cpu >= CpuSet::MAX_CPU {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let mut only = CpuSet::new();
    only.set(cpu);
    rustix::thread::sched_setaffinity(None, &only)?;
    Ok(Pinned { previous })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_thread_and_its_children_run_on_that_cpu() -> io::Result<()> {
        let cpu = current_cpu()?;
        let pinned = pin_current_thread(cpu)?;
        assert_eq!(current_cpu()?, cpu);
        let child_cpu = std::thread::spawn(current_cpu).join().unwrap()?;
        assert_eq!(child_cpu, cpu);
        drop(pinned);
        Ok(())
    }
}
