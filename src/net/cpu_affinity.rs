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
use std::mem;

/// The calling thread's affinity before [`pin_current_thread`], put back
/// when this is dropped.
pub struct Pinned {
    previous: libc::cpu_set_t,
}

impl Drop for Pinned {
    fn drop(&mut self) {
        // Restoring a mask the kernel gave us cannot fail in a way worth
        // reporting from a destructor.
        let _ = set_affinity(&self.previous);
    }
}

/// The CPU the calling thread is running on right now (sched_getcpu(3)).
pub fn current_cpu() -> io::Result<usize> {
    // SAFETY: no arguments; returns a CPU number or -1 with errno set.
    let cpu = unsafe { libc::sched_getcpu() };
    usize::try_from(cpu).map_err(|_| io::Error::last_os_error())
}

/// Restricts the calling thread, and every thread or process it starts
/// from now on, to `cpu`, until the returned guard is dropped.
pub fn pin_current_thread(cpu: usize) -> io::Result<Pinned> {
    // SAFETY: cpu_set_t is a plain bit array; all zeros is the empty set.
    let mut previous: libc::cpu_set_t = unsafe { mem::zeroed() };
    // SAFETY: pid 0 is the calling thread; the size and pointer describe
    // the live local set, which the call fills.
    super::check(unsafe {
        libc::sched_getaffinity(0, mem::size_of::<libc::cpu_set_t>(), &mut previous)
    })?;
    if cpu >= 8 * mem::size_of::<libc::cpu_set_t>() {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    // SAFETY: as above, the empty set.
    let mut only: libc::cpu_set_t = unsafe { mem::zeroed() };
    // SAFETY: `cpu` was checked against the set's size just above.
    unsafe { libc::CPU_SET(cpu, &mut only) };
    set_affinity(&only)?;
    Ok(Pinned { previous })
}

fn set_affinity(set: &libc::cpu_set_t) -> io::Result<()> {
    // SAFETY: pid 0 is the calling thread; the size and pointer describe a
    // live cpu_set_t that the call only reads.
    super::check(unsafe { libc::sched_setaffinity(0, mem::size_of::<libc::cpu_set_t>(), set) })?;
    Ok(())
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
