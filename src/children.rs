//! The child processes socklab starts, and how every one of them ends.
//!
//! A program started for a client (lab 17) must never outlive what it was
//! started for: not its command's time limit, not the client, not socklab
//! itself. Three things make sure of it:
//!
//! - Each child leads a process group of its own (setpgid(2), through
//!   [`Command::process_group`]), so one kill(2) of the group (`kill(-pgid,
//!   SIGKILL)`) reaches the child and anything it might have started. It
//!   also keeps the terminal's Ctrl-C away from it: the terminal sends
//!   SIGINT to its foreground group, which is socklab's, and socklab then
//!   ends the child itself (see [`crate::cleanup`]).
//! - Every child is in a register from the moment it is started until it is
//!   reaped (waited for, wait(2)). `kill_and_reap_all` goes through the
//!   register when socklab is stopped by a signal.
//! - A group is only ever killed while its leader is registered, i.e. not
//!   yet reaped. Until then the kernel keeps the leader's process id (and so
//!   the group id) reserved, even once it has exited (a zombie): the kill
//!   cannot hit an unrelated process that got the number again.
//!
//! Reaping uses wait4(2), which also returns the child's resource usage:
//! its peak resident memory (`ru_maxrss`), which is how a test shows a
//! child stayed under its memory limit.

use std::io;
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rustix::process::{Pid, PidfdFlags, Signal, kill_process_group, pidfd_open};

use crate::net;

/// The process ids of the children started and not yet reaped.
static LIVE: Mutex<Vec<i32>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<i32>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How long a child killed with SIGKILL may take to be gone. SIGKILL cannot
/// be caught; a process only outlives it while stuck in the kernel.
const DEATH_WAIT: Duration = Duration::from_secs(5);

/// A child that has been reaped: how it ended and the most memory it held.
#[derive(Debug, Clone, Copy)]
pub struct Reaped {
    pub status: ExitStatus,
    /// Peak resident set size (wait4(2)'s `ru_maxrss`), in bytes.
    pub peak_memory: u64,
}

/// Starts `command` as the leader of a new process group and registers it.
/// The register is held while the child starts, so a signal's clean-up
/// either runs before (and the child is never started) or sees it.
pub fn spawn(command: &mut Command) -> io::Result<Child> {
    command.process_group(0);
    let mut live = live();
    let child = command.spawn()?;
    live.push(pid_of(&child)?);
    Ok(child)
}

fn pid_of(child: &Child) -> io::Result<i32> {
    i32::try_from(child.id()).map_err(|_| io::Error::other("process id out of range"))
}

/// Sends SIGKILL to the child's whole process group, if the child is
/// still registered (see the module docs for why that matters).
pub fn kill_group(child: &Child) -> io::Result<()> {
    let pid = pid_of(child)?;
    let live = live();
    if live.contains(&pid) {
        kill(pid);
    }
    Ok(())
}

/// kill(-pid, SIGKILL). ESRCH (nobody left in the group) is what we want.
fn kill(pid: i32) {
    if let Some(pid) = Pid::from_raw(pid) {
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

/// Waits until the child has exited or `deadline` passes, on the kernel's
/// word: a pidfd (pidfd_open(2)) becomes readable when its process exits.
/// `true` if it has exited (it is still to be reaped).
pub fn wait_exit(child: &Child, deadline: Instant) -> io::Result<bool> {
    let pid = Pid::from_raw(pid_of(child)?)
        .ok_or_else(|| io::Error::other("process id 0 is not a child"))?;
    let pidfd = pidfd_open(pid, PidfdFlags::empty())?;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let exited = net::poll_ready(&[pidfd.as_fd()], libc::POLLIN, left)?
            .first()
            .copied()
            .unwrap_or(false);
        if exited || left.is_zero() {
            return Ok(exited);
        }
    }
}

/// Reaps the child, however it is doing: waits until `deadline` for it to
/// exit, kills its group then (or at once, if it exited: nothing of the
/// group may stay), and collects its status. A child still alive
/// `DEATH_WAIT` (5 s) after SIGKILL is an error, and stays registered.
pub fn reap(child: &Child, deadline: Instant) -> io::Result<Reaped> {
    let pid = pid_of(child)?;
    let exited = wait_exit(child, deadline)?;
    kill_group(child)?;
    if !exited && !wait_exit(child, Instant::now() + DEATH_WAIT)? {
        return Err(io::Error::other(format!(
            "process {pid} still there {} s after SIGKILL",
            DEATH_WAIT.as_secs()
        )));
    }
    let mut live = live();
    if !live.contains(&pid) {
        return Err(io::Error::other(format!(
            "process {pid} was reaped elsewhere"
        )));
    }
    // It has exited: wait4 returns at once.
    let reaped = wait4(pid)?;
    live.retain(|&other| other != pid);
    Ok(reaped)
}

/// wait4(2) for one child that has exited. rustix has no wait4 (its
/// waitpid does not return the resource usage), so this is libc's.
fn wait4(pid: i32) -> io::Result<Reaped> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data (integers and timevals); all-zero
    // bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals that the call only fills
        // with integers; a pid that is not our child fails with ECHILD.
        let returned = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if returned == pid {
            break;
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    // ru_maxrss is in kilobytes (getrusage(2)).
    let peak_kib = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    Ok(Reaped {
        status: ExitStatus::from_raw(status),
        peak_memory: peak_kib * 1024,
    })
}

/// Kills every registered child's group and reaps it, for a socklab that
/// is about to exit. Returns the register still locked: nothing new can be
/// started until the process is gone.
pub(crate) fn kill_and_reap_all() -> MutexGuard<'static, Vec<i32>> {
    let mut live = live();
    for &pid in live.iter() {
        kill(pid);
    }
    for &pid in live.iter() {
        // A blocking wait for a process sent SIGKILL; if it somehow fails,
        // the process is exiting anyway and init reaps what is left.
        let _ = wait4(pid);
    }
    live.clear();
    live
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Stdio;

    #[test]
    fn a_child_leads_its_own_group_and_is_reaped_with_its_status() -> io::Result<()> {
        let mut command = Command::new("sleep");
        command.arg("30").stdin(Stdio::null());
        let child = spawn(&mut command)?;
        let pid = child.id() as i32;
        let group = rustix::process::getpgid(Pid::from_raw(pid))?;
        assert_eq!(group.as_raw_nonzero().get(), pid, "its own group");
        assert_ne!(group, rustix::process::getpgrp(), "not socklab's group");
        // Not exited within the deadline: killed, then reaped.
        let reaped = reap(&child, Instant::now() + Duration::from_millis(20))?;
        assert_eq!(reaped.status.signal(), Some(libc::SIGKILL));
        assert!(reaped.peak_memory > 0);
        assert!(!live().contains(&pid));
        Ok(())
    }
}
