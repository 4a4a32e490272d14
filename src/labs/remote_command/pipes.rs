//! The course's `obj.stdout.read()` then `obj.stderr.read()`, and why it
//! deadlocks.
//!
//! A pipe holds a fixed number of bytes (64 KiB on Linux, pipe(7)). A
//! child that writes more than that to a pipe nobody reads blocks in
//! write(2) until someone does. The course's server reads the child's
//! stdout to its end first: the end comes only when the child exits, the
//! child cannot exit while its stderr write is blocked, and nobody reads
//! stderr until stdout has ended. Both wait for the other, forever. Any
//! command that writes more than 64 KiB to stderr before it closes stdout
//! does it; here `ls` with 2000 names that do not exist (GNU ls reports
//! each missing name on stderr as it meets it, and prints the listing at
//! the end).
//!
//! The lab shows the deadlock from the kernel's side, not by waiting for
//! a hang: it waits until the stderr pipe has no room for another line
//! (FIONREAD on the pipe; a pipe is 16 pages, a small write is added to the
//! last page only if it fits there, so a full pipe holds a little less than
//! 64 KiB: less than one line short per page) and the child is asleep
//! (state `S` in /proc/PID/stat, proc(5)),
//! then gives the course's stdout read a short time to return anything:
//! it cannot. Then the child is killed and reaped. The fix is the lab's own
//! runner, which reads both pipes as poll(2) says they have bytes.

use std::fs;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::runner::{Outcome, Server};
use crate::net;

/// The names `ls` is asked about: one that exists, then [`MISSING`] that
/// do not.
pub(super) const LISTED: &str = "notes.txt";
pub(super) const MISSING: usize = 2000;

/// What GNU ls writes for one missing name `mNNNN` (LC_ALL=C):
/// "ls: cannot access 'm0000': No such file or directory\n", 53 bytes.
const MISSING_LINE_LEN: usize = 53;
pub(super) const STDERR_LEN: usize = MISSING * MISSING_LINE_LEN;

/// A pipe's capacity on Linux unless changed with F_SETPIPE_SZ: 16 pages
/// of 4 KiB (pipe(7)).
const PIPE_PAGES: usize = 16;
const PIPE_CAPACITY: usize = PIPE_PAGES * 4096;

/// How long the course's blocked stdout read is given to return
/// something. It cannot (the child is asleep with nothing written to
/// stdout), so this only bounds the demonstration.
pub(super) const STDOUT_WAIT: Duration = Duration::from_millis(100);

/// The command line: `ls notes.txt m0000 m0001 ... m1999`.
pub(super) fn command_line() -> String {
    let mut line = format!("ls {LISTED}");
    for n in 0..MISSING {
        line.push_str(&format!(" m{n:04}"));
    }
    line
}

/// What the course's reader saw, and what became of its child.
pub(super) struct Deadlock {
    /// The stderr pipe once the child stopped: "full" (no room for one
    /// more line), or how many bytes it held.
    pub(super) stderr_pipe: String,
    /// The child's state letter in /proc/PID/stat at that moment.
    pub(super) child_state: char,
    /// What the stdout read got within [`STDOUT_WAIT`]: "nothing" when it
    /// was still blocked.
    pub(super) stdout_read: String,
    /// How the child ended after the kill, and whether /proc still has it.
    pub(super) ended: String,
}

/// A child that is killed and reaped when dropped, however the
/// demonstration ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// Runs `ls` as the course's server would and reads it the course's way,
/// up to the point where that read would block forever.
pub(super) fn course_reader(program: &Path, folder: &Path) -> io::Result<Deadlock> {
    let line = command_line();
    let mut child = Reaped(
        Command::new(program)
            // argv[0] "ls", as a shell passes it: messages say "ls: ...".
            .arg0("ls")
            .args(line.split_ascii_whitespace().skip(1))
            .env_clear()
            .envs([("PATH", "/usr/bin:/bin"), ("LC_ALL", "C")])
            .current_dir(folder)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?,
    );
    let pid = child.0.id();
    let (Some(stdout), Some(stderr)) = (child.0.stdout.take(), child.0.stderr.take()) else {
        return Err(io::Error::other("the child's pipes are missing"));
    };
    let mut state = '?';
    let mut queued = 0;
    let full = |queued: usize| PIPE_CAPACITY.saturating_sub(queued) < PIPE_PAGES * MISSING_LINE_LEN;
    net::wait_until("the child to block on its full stderr pipe", || {
        queued = rustix::io::ioctl_fionread(&stderr)? as usize;
        state = process_state(pid)?;
        Ok(full(queued) && state == 'S')
    })?;
    // The course's obj.stdout.read(): nothing to read and no EOF.
    let readable = net::poll_ready(&[stdout.as_fd()], libc::POLLIN, STDOUT_WAIT)?;
    let stdout_read = if readable.iter().any(|&ready| ready) {
        "returned".to_string()
    } else {
        format!("nothing in {} ms", STDOUT_WAIT.as_millis())
    };
    child.0.kill()?;
    let status = child.0.wait()?;
    let ended = format!(
        "{}, {}",
        match status.signal() {
            Some(libc::SIGKILL) => "killed by SIGKILL".to_string(),
            Some(signal) => format!("killed by signal {signal}"),
            None => format!("exit status {}", status.code().unwrap_or_default()),
        },
        if Path::new(&format!("/proc/{pid}")).exists() {
            "still in /proc"
        } else {
            "reaped"
        }
    );
    Ok(Deadlock {
        stderr_pipe: if full(queued) {
            "full".to_string()
        } else {
            format!("{queued} B")
        },
        child_state: state,
        stdout_read,
        ended,
    })
}

/// The state letter of process `pid` (proc(5): the field after the
/// command name in parentheses).
fn process_state(pid: u32) -> io::Result<char> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|state| state.chars().next())
        .ok_or_else(|| io::Error::other("no state in /proc/PID/stat"))
}

/// The same command through the lab's runner, which reads both pipes
/// together.
pub(super) fn fixed_reader(server: &Server) -> Outcome {
    server.execute(command_line().as_bytes())
}

/// The ls the course's server would run, in the same places the lab's
/// runner looks.
pub(super) fn ls_program() -> Option<PathBuf> {
    ["/usr/bin/ls", "/bin/ls"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_lines_add_up_to_more_than_a_pipe() {
        assert_eq!(
            "ls: cannot access 'm0000': No such file or directory\n".len(),
            MISSING_LINE_LEN
        );
        const { assert!(STDERR_LEN > PIPE_CAPACITY) };
        assert!(command_line().ends_with(" m1999"));
    }
}
