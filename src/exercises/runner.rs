//! `socklab check ID -- COMMAND...`: run the student's program against
//! socklab's end, and grade it.
//!
//! The program is a child process, treated as a stranger's:
//!
//! - It is started from the argument list given after `--`, never through
//!   a shell, and never from anything that came over the network.
//! - It leads a process group of its own and is registered until reaped
//!   ([`crate::children`]): when the check ends, however it ends, and on
//!   Ctrl-C ([`crate::cleanup`]), the whole group is killed and reaped.
//! - It has a time limit (`--time-limit`, 10 s by default) and its output
//!   is capped (64 KiB kept of each stream, the rest counted); stdin is
//!   /dev/null.
//! - It is given one address, on 127.0.0.1, as its last two arguments
//!   (`HOST PORT`) and in the environment: `SOCKLAB_HOST`, `SOCKLAB_PORT`,
//!   `SOCKLAB_ADDR` (`HOST:PORT`), and `SOCKLAB_DIR`, a private folder for
//!   the exercises that move files.
//!
//! The check runs on the host's loopback, not in socklab's private network
//! namespace (`socklab run` uses one): entering it would give the program
//! only loopback too, but also a user namespace in which its interpreter,
//! its files and its home may look different from what the student set up,
//! and the private network must be entered before socklab starts a thread.
//! Binding 127.0.0.1 port 0 and handing the program only that address gives
//! it nothing else to talk to that socklab knows of.
//!
//! Exit status: 0 every check passed; 1 a check did not (not yet); 2 the
//! check could not run (command not found, the program crashed, exited
//! without connecting, or ran past its time limit), with one line why.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustix::process::{Pid, PidfdFlags, pidfd_open};

use super::capture;
use super::{Exercise, NotRun, Session};
use crate::children;
use crate::environment::Environment;
use crate::i18n;
use crate::lab_folder::LabFolder;
use crate::net::trace;
use crate::report::Report;
use crate::tr;

/// The default time limit of the student's program.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);

/// How long a client may take to exit once socklab's end is done: an exit
/// after that is not its own (socklab ends it), which matters only for
/// telling a crash from a clean exit.
const EXIT_GRACE: Duration = Duration::from_secs(1);

/// How a check came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed (exit 0).
    Passed,
    /// At least one check did not (exit 1).
    NotYet,
    /// The check could not run (exit 2): why, in one line with the fix.
    CouldNotRun(String),
}

/// A check's result: the verdict, the report (absent when the program
/// never got as far as the socket), and the program's side: how it ended
/// and its output, shortened.
#[derive(Debug)]
pub struct Checked {
    pub verdict: Verdict,
    pub report: Option<Report>,
    pub program: String,
}

/// Runs `command` as the student's program for `exercise` and grades it.
pub fn check(exercise: &Exercise, command: &[String], time_limit: Duration) -> Checked {
    let could_not = |why: String| Checked {
        verdict: Verdict::CouldNotRun(why),
        report: None,
        program: String::new(),
    };
    let Some(program) = command.first() else {
        return could_not(
            "no command after `--`: give the program to check, e.g. `-- python3 my_client.py`"
                .to_string(),
        );
    };
    let folder = match LabFolder::create(exercise.lab.number) {
        Ok(folder) => folder,
        Err(error) => {
            return could_not(format!(
                "cannot make a temp folder ({error}): check that TMPDIR is writable"
            ));
        }
    };
    let mut session = match Session::open(exercise.plays, time_limit, folder.path.clone()) {
        Ok(session) => session,
        Err(error) => return could_not(error.to_string()),
    };
    if let Err(error) = (exercise.prepare)(&session) {
        return could_not(error.to_string());
    }
    let address = session.address();
    let began = Instant::now();
    trace::start(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default(),
    );
    let mut child_command = Command::new(program);
    child_command
        .args(&command[1..])
        .arg(address.ip().to_string())
        .arg(address.port().to_string())
        .env("SOCKLAB_HOST", address.ip().to_string())
        .env("SOCKLAB_PORT", address.port().to_string())
        .env("SOCKLAB_ADDR", address.to_string())
        .env("SOCKLAB_DIR", &folder.path)
        // Python prints as it goes instead of at exit, so a program that
        // is ended still shows what it printed.
        .env("PYTHONUNBUFFERED", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match children::spawn(&mut child_command) {
        Ok(child) => child,
        Err(error) => {
            let _ = trace::stop();
            return could_not(cannot_start(command, &error));
        }
    };
    let stdout = child.stdout.take().map(capture::drain);
    let stderr = child.stderr.take().map(capture::drain);
    let pidfd = Pid::from_raw(child.id() as i32)
        .ok_or_else(|| io::Error::other("process id 0"))
        .and_then(|pid| Ok(pidfd_open(pid, PidfdFlags::empty())?));
    let graded = match pidfd {
        Ok(pidfd) => {
            session.watch_child(pidfd, child.id());
            (exercise.grade)(&mut session)
        }
        Err(source) => Err(NotRun::Socket {
            step: "watch your program (pidfd_open)",
            source,
        }),
    };
    let timed_out = session.out_of_time();
    // A client should be done once socklab is: it gets a moment to exit
    // by itself. A server serves until it is stopped: it is ended now.
    let wait_until = if exercise.plays.student_listens() {
        Instant::now()
    } else {
        Instant::now() + session.left(EXIT_GRACE)
    };
    let exited_by_itself = children::wait_exit(&child, wait_until).unwrap_or(false);
    let reaped = children::reap(&child, Instant::now());
    let events = trace::stop();
    let stdout = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    let status = match &reaped {
        Ok(reaped) if exited_by_itself => describe(reaped.status),
        Ok(_) => "ended by socklab".to_string(),
        Err(error) => format!("could not be reaped: {error}"),
    };
    let crashed = match &reaped {
        Ok(reaped) if exited_by_itself && !reaped.status.success() => Some(describe(reaped.status)),
        _ => None,
    };
    let (verdict, report) = match graded {
        Err(NotRun::NeverConnected {
            what, address, fix, ..
        }) => {
            let error = NotRun::NeverConnected {
                status: status.clone(),
                what,
                address,
                fix,
            };
            (Verdict::CouldNotRun(error.to_string()), None)
        }
        Err(error) => (Verdict::CouldNotRun(error.to_string()), None),
        Ok(checks) => {
            let report = Report {
                number: exercise.lab.number,
                slug: format!("exercise-{}", exercise.id),
                lang: i18n::current().tag().to_string(),
                title: i18n::text(exercise.title).into_owned(),
                summary: tr!(
                    "exercise-summary",
                    "Exercise {id}: {plays}, on {address}.\nYour program: {program}",
                    id = exercise.id,
                    plays = i18n::text(exercise.plays.sentence()),
                    address = address,
                    program = shell_words(command),
                ),
                checks,
                env: Environment::current(),
                duration_ms: began.elapsed().as_millis() as u64,
                timeline: Some(events),
                wire: Vec::new(),
                capture: None,
            };
            // A program that ran out of time was cut short: its
            // mismatches say nothing. One that crashed after a mismatch
            // is not there yet (its traceback is shown); one that crashed
            // with every check passed did not finish cleanly.
            let verdict = if timed_out {
                Verdict::CouldNotRun(
                    NotRun::TimedOut {
                        limit: time_limit.as_secs(),
                        doing: String::new(),
                    }
                    .to_string(),
                )
            } else if !report.all_passed() {
                Verdict::NotYet
            } else if let Some(crash) = &crashed {
                Verdict::CouldNotRun(tr!(
                    "check-crashed",
                    "your program crashed ({crash}) although every check passed: its stderr is above; fix what it says and check again",
                    crash = crash
                ))
            } else {
                Verdict::Passed
            };
            (verdict, Some(report))
        }
    };
    let seconds = format!("{:.2}", began.elapsed().as_secs_f64());
    let heading = if crashed.is_some() {
        tr!(
            "check-program-crashed",
            "Your program ({status}: it crashed, {seconds} s):",
            status = status,
            seconds = seconds
        )
    } else {
        tr!(
            "check-program",
            "Your program ({status}, {seconds} s):",
            status = status,
            seconds = seconds
        )
    };
    let program = format!(
        "\n{heading}\n{}{}",
        stdout.shown("stdout"),
        stderr.shown("stderr")
    );
    drop(folder);
    Checked {
        verdict,
        report,
        program,
    }
}

/// The one line for a command that could not be started.
fn cannot_start(command: &[String], error: &io::Error) -> String {
    let program = &command[0];
    let why = match error.raw_os_error() {
        Some(libc::ENOENT) => tr!(
            "cannot-start-no-such-command",
            "no such command or file '{program}': check its spelling, or name the interpreter first (`-- python3 my_client.py`)",
            program = program
        ),
        Some(libc::EACCES) => tr!(
            "cannot-start-not-executable",
            "'{program}' is not executable: `chmod +x {program}`, or name the interpreter first (`-- python3 {program}`)",
            program = program
        ),
        Some(libc::ENOEXEC) => tr!(
            "cannot-start-not-a-program",
            "'{program}' is not a program the kernel can run: name its interpreter first (`-- python3 {program}`)",
            program = program
        ),
        _ => crate::net::error_name(error),
    };
    NotRun::CannotStart {
        command: shell_words(command),
        why,
    }
    .to_string()
}

/// "exit status 1", "killed by signal 11 (SIGSEGV)".
fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => tr!("exit-status", "exit status {code}", code = code),
        (None, Some(signal)) => tr!(
            "killed-by-signal",
            "killed by signal {signal}",
            signal = signal
        ),
        _ => status.to_string(),
    }
}

/// The command as one line, for the report.
fn shell_words(command: &[String]) -> String {
    command
        .iter()
        .map(|word| {
            if word.is_empty() || word.contains(|c: char| c.is_whitespace() || c == '\'') {
                format!("'{}'", word.replace('\'', "'\\''"))
            } else {
                word.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last line of a check: what it means and what to do next.
pub fn closing_line(exercise: &Exercise, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Passed => tr!(
            "check-passed",
            "passed: exercise {id} is done",
            id = exercise.id
        ),
        Verdict::NotYet => tr!(
            "check-not-yet",
            "not yet: see the MISMATCH rows above; `socklab exercise {id} --hint` if you are stuck",
            id = exercise.id
        ),
        Verdict::CouldNotRun(why) => tr!("error-line", "error: {why}", why = why),
    }
}
