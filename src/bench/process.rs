//! Running another program with a time limit, and timing it precisely.
//!
//! std's `Child::wait` has no timeout, and polling `try_wait` in a loop
//! either burns a CPU the measured program needs or adds the poll interval
//! to every time. Instead a helper thread reads the child's stdout to the
//! end: the pipe reaches EOF the moment the child exits (it closes its
//! stdout then), and the thread notes the time. The calling thread waits
//! for that note with a timeout and kills the child if it never comes.

use std::io::Read;
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

/// Runs `command` with stdout captured and stdin and stderr closed,
/// killing it after `limit`.
pub fn run_with_limit(command: &mut Command, limit: Duration) -> Result<Finished, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {program}: {error}"))?;
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
    let status = child
        .wait()
        .map_err(|error| format!("waiting for {program}: {error}"))?;
    let stdout = reader
        .join()
        .map_err(|_| format!("the thread reading {program}'s output panicked"))?
        .map_err(|error| format!("reading {program}'s output: {error}"))?;
    match ended {
        Ok(exit) => Ok(Finished {
            status,
            stdout,
            elapsed: exit - started,
        }),
        Err(_) => Err(format!("{program} did not finish within {limit:?}")),
    }
}

/// Kills a child we started and reaps it. An error means it had already
/// exited, which is what we wanted.
pub fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
