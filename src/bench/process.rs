//! Running another program with a time limit, and timing it precisely.
//!
//! std's `Child::wait` has no timeout, and polling `try_wait` in a loop
//! either burns a CPU the measured program needs or adds the poll interval
//! to every time. Instead a helper thread reads the child's stdout to the
//! end: the pipe reaches EOF the moment the child exits (it closes its
//! stdout then), and the thread notes the time. The calling thread waits
//! for that note with a timeout and kills the child if it never comes.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A program that ran to the end.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// From spawn to the child's exit (its stdout's EOF).
    pub elapsed: Duration,
}

/// Why a program started by [`run_with_limit`] did not run to the end.
/// `program` is the command's program as given (a name or a path).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// spawn(2) failed: no such program, or it is not executable.
    #[error("cannot start {program}: {source}")]
    CannotStart { program: String, source: io::Error },
    /// waitpid(2) on the child failed.
    #[error("waiting for {program}: {source}")]
    Waiting { program: String, source: io::Error },
    /// The helper thread that reads the child's stdout panicked.
    #[error("the thread reading {program}'s output panicked")]
    ReaderPanicked { program: String },
    /// Reading the child's stdout failed.
    #[error("reading {program}'s output: {source}")]
    Reading { program: String, source: io::Error },
    /// The child was still running after the limit, and was killed.
    #[error("{program} did not finish within {limit:?}")]
    TimedOut { program: String, limit: Duration },
}

/// Runs `command` with stdout captured and stdin and stderr closed,
/// killing it after `limit`.
pub fn run_with_limit(command: &mut Command, limit: Duration) -> Result<Finished, RunError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| RunError::CannotStart {
            program: program.clone(),
            source,
        })?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (done, exited) = mpsc::channel();
    let reader = thread::spawn(move || {
        let mut output = Vec::new();
        let result = stdout.read_to_end(&mut output);
        // The receiver is gone only if the caller gave up; nothing to tell.
        let _ = done.send(Instant::now());
        result.map(|_| output)
    });
    let ended = exited.recv_timeout(limit);
    if ended.is_err() {
        kill(&mut child);
    }
    let status = child.wait().map_err(|source| RunError::Waiting {
        program: program.clone(),
        source,
    })?;
    let stdout = reader
        .join()
        .map_err(|_| RunError::ReaderPanicked {
            program: program.clone(),
        })?
        .map_err(|source| RunError::Reading {
            program: program.clone(),
            source,
        })?;
    match ended {
        Ok(exit) => Ok(Finished {
            status,
            stdout,
            elapsed: exit - started,
        }),
        Err(_) => Err(RunError::TimedOut { program, limit }),
    }
}

/// Kills a child we started and reaps it. An error means it had already
/// exited, which is what we wanted.
pub fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
