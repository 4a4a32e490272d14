//! Lab 17's process runner: one command line in, one [`Outcome`] out, and
//! never a shell.
//!
//! [`Server::execute`] splits the line on whitespace, checks the first word
//! against [`ALLOWLIST`] and starts that program by its absolute path, with
//! the other words as its arguments. The child gets an empty environment
//! plus [`CHILD_ENV`], stdin from /dev/null and the lab's folder as working
//! directory; it is started with fork and exec, not posix_spawn(3) (see
//! [`spawn_without_signal_window`]). Its stdout and stderr are read
//! together, at most [`OUTPUT_CAP`] bytes each; a child that prints more or
//! runs longer than [`COMMAND_TIMEOUT`] is killed. Every child is waited for
//! (reaped), also when the server stops half-way ([`Running`]). How the
//! outcome then goes on the wire is the servers' business.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::net;

// ---------------------------------------------------------------------------
// The server's rules.
// ---------------------------------------------------------------------------

/// The commands the server runs. Each is a program of the same name, found
/// in [`PROGRAM_DIRS`]; nothing else ever runs. `cd` is on the list too, see
/// [`CD_PROGRAM`].
pub(super) const ALLOWLIST: [&str; 7] = ["echo", "printf", "seq", "false", "ls", "pwd", "cd"];

/// `cd DIR` runs this program with DIR as its working directory: a process
/// that changes directory and exits, as `sh -c "cd DIR"` does.
const CD_PROGRAM: &str = "true";

/// Where programs are looked up, in order. A fixed list: the client's text
/// never becomes a path, and `PATH` plays no part.
const PROGRAM_DIRS: [&str; 2] = ["/usr/bin", "/bin"];

/// The environment every child gets, and nothing else: `LC_ALL=C` makes
/// messages plain English and `ls` sort by bytes, on every machine.
const CHILD_ENV: [(&str, &str); 2] = [("PATH", "/usr/bin:/bin"), ("LC_ALL", "C")];

/// The most the server reads from a child's stdout, and again from its
/// stderr, for one command: 1 MiB. A child that prints more is killed, so a
/// client cannot make the server buffer gigabytes (`seq 1 1000000000`).
pub(crate) const OUTPUT_CAP: usize = 1024 * 1024;

/// How long a command may run. The allowlisted programs finish in a
/// millisecond or two; a child still running after 2 s is killed.
pub(super) const COMMAND_TIMEOUT: Duration = Duration::from_secs(2);

/// Bytes per read from a child's pipe (a Linux pipe holds 64 KiB).
const PIPE_READ: usize = 64 * 1024;

/// How often the server asks whether a child has exited (waitpid with
/// WNOHANG) once its pipes are closed: it exits microseconds later.
const CHILD_EXIT_POLL: Duration = Duration::from_micros(200);

// ---------------------------------------------------------------------------
// Running one command: allowlist, no shell, caps, always reaped.
// ---------------------------------------------------------------------------

/// The server's side: which programs exist here, and the folder commands
/// run in.
pub(crate) struct Server {
    pub(crate) programs: Programs,
    pub(crate) folder: PathBuf,
}

/// The allowlisted programs found on this machine.
pub(crate) struct Programs {
    /// (command, program file), `None` when no [`PROGRAM_DIRS`] has it.
    found: Vec<(&'static str, Option<PathBuf>)>,
}

impl Programs {
    pub(crate) fn find() -> Programs {
        let found = ALLOWLIST
            .iter()
            .map(|&command| (command, find_program(program_of(command))))
            .collect();
        Programs { found }
    }

    fn path(&self, command: &str) -> Option<&Path> {
        self.found
            .iter()
            .find(|(name, _)| *name == command)
            .and_then(|(_, path)| path.as_deref())
    }

    /// Why a check that sends `command_lines` cannot run here, if it cannot.
    pub(super) fn missing(&self, command_lines: &[&str]) -> Option<String> {
        command_lines.iter().find_map(|line| {
            let command = line.split_ascii_whitespace().next()?;
            let missing = ALLOWLIST.contains(&command) && self.path(command).is_none();
            missing.then(|| {
                format!(
                    "no {} in {} here",
                    program_of(command),
                    PROGRAM_DIRS.join(" or ")
                )
            })
        })
    }
}

/// The program a command runs.
fn program_of(command: &str) -> &str {
    if command == "cd" { CD_PROGRAM } else { command }
}

/// The first executable file called `name` in [`PROGRAM_DIRS`].
fn find_program(name: &str) -> Option<PathBuf> {
    PROGRAM_DIRS
        .iter()
        .map(|dir| Path::new(dir).join(name))
        .find(|path| {
            fs::metadata(path)
                .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
}

/// What became of one command line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// A process ran.
    Ran(Output),
    /// Nothing ran: the line was refused, or the program could not start.
    NotRun(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Output {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(crate) status: Status,
}

/// How a child ended (wait(2)): its exit code, or the signal that killed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Status {
    Exited(i32),
    Killed(i32),
}

impl Status {
    fn of(status: ExitStatus) -> Status {
        // wait(2) reports an exit or a killing signal; stops and continues
        // are not reported without WUNTRACED/WCONTINUED, so one of the two
        // is always there.
        match status.code() {
            Some(code) => Status::Exited(code),
            None => Status::Killed(status.signal().unwrap_or_default()),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Exited(code) => write!(f, "exit status {code}"),
            Status::Killed(libc::SIGKILL) => write!(f, "killed by SIGKILL"),
            Status::Killed(signal) => write!(f, "killed by signal {signal}"),
        }
    }
}

/// A plan for one command line: the program to start and how, or why not.
struct Plan<'a> {
    command: &'a str,
    program: &'a Path,
    args: Vec<&'a str>,
    dir: PathBuf,
}

impl Server {
    /// Splits the line on whitespace (no quotes, no `;`, no `$`, no `*`:
    /// those are shell syntax, and there is no shell) and checks it against
    /// the allowlist.
    fn plan<'a>(&'a self, line: &'a [u8]) -> Result<Plan<'a>, String> {
        let text = std::str::from_utf8(line).map_err(|_| "refused: not UTF-8 text".to_string())?;
        let mut words = text.split_ascii_whitespace();
        let command = words
            .next()
            .ok_or_else(|| "refused: empty command".to_string())?;
        let args: Vec<&str> = words.collect();
        if !ALLOWLIST.contains(&command) {
            return Err(format!("refused: {command} is not on the allowlist"));
        }
        let program = self
            .programs
            .path(command)
            .ok_or_else(|| format!("refused: {command} is not installed here"))?;
        match command {
            // Names in the folder and options only: no path leads out.
            "ls" if args.iter().any(|arg| arg.contains('/') || *arg == "..") => {
                Err("refused: ls lists the lab folder only".to_string())
            }
            // `true`, no arguments, starting in the target: see CD_PROGRAM.
            "cd" => match args[..] {
                [target] => Ok(Plan {
                    command,
                    program,
                    args: Vec::new(),
                    dir: self.folder.join(target),
                }),
                _ => Err("refused: cd takes one folder".to_string()),
            },
            _ => Ok(Plan {
                command,
                program,
                args,
                dir: self.folder.clone(),
            }),
        }
    }

    /// Runs one command line, if the allowlist lets it.
    pub(crate) fn execute(&self, line: &[u8]) -> Outcome {
        let plan = match self.plan(line) {
            Ok(plan) => plan,
            Err(refusal) => return Outcome::NotRun(refusal),
        };
        match run_child(&plan) {
            Ok(output) => Outcome::Ran(output),
            Err(error) => Outcome::NotRun(format!("{}: could not run: {error}", plan.command)),
        }
    }
}

/// A started child. If the server stops half-way (an error returned with
/// `?`), dropping this kills the child and reaps it: no process, and no
/// zombie, is left behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        // After a normal run the child is reaped already and `wait` returns
        // its saved status at once.
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// The step [`run_child`] runs in the child between fork and exec: none.
///
/// It is there because of what posix_spawn(3) does to the other threads.
/// glibc's posix_spawn blocks every signal in the calling thread until the
/// child has called exec. A child as quick as `true` can exit inside that
/// window, and its SIGCHLD then cannot be dropped as ignored (signal(7):
/// blocked signals stay pending). The kernel hands the pending signal to
/// another thread and wakes it: a recv there that has SO_RCVTIMEO set fails
/// with EINTR (socket(7)), even though nothing handles the signal. With
/// posix_spawn this lab saw 136 EINTRs in 50 runs; with fork and exec, which
/// leave the calling thread's signal mask alone, none in 200.
pub(super) fn spawn_without_signal_window() -> io::Result<()> {
    Ok(())
}

/// How reading a child's output ended.
#[derive(PartialEq)]
enum Reading {
    /// Both pipes reached EOF: the child closed them (it is exiting).
    Done,
    /// A pipe delivered [`OUTPUT_CAP`] bytes, or [`COMMAND_TIMEOUT`] ran
    /// out: the child must be killed.
    Stop,
}

fn run_child(plan: &Plan) -> io::Result<Output> {
    let deadline = Instant::now() + COMMAND_TIMEOUT;
    let mut command = Command::new(plan.program);
    command
        // argv[0] is the command's name, as a shell passes it, so that
        // messages say "ls: ..." and not "/usr/bin/ls: ...".
        .arg0(plan.command)
        .args(&plan.args)
        .env_clear()
        .envs(CHILD_ENV)
        .current_dir(&plan.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: pre_exec's contract is that the step, which runs in the child
    // between fork and exec while other threads' locks may be held forever,
    // does only what is safe there: nothing but async-signal-safe work (no
    // allocation, no locks, no std::env) and no use of descriptors it does
    // not own. `spawn_without_signal_window` does nothing at all (it returns
    // Ok(()), which allocates nothing), so it meets all of that. Its only
    // effect is that std must fork and exec instead of calling
    // posix_spawn(3), which cannot run a step: see
    // `spawn_without_signal_window`.
    unsafe {
        command.pre_exec(spawn_without_signal_window);
    }
    let mut child = Running(command.spawn()?);
    let mut pipes = [
        child
            .0
            .stdout
            .take()
            .map(|pipe| File::from(OwnedFd::from(pipe))),
        child
            .0
            .stderr
            .take()
            .map(|pipe| File::from(OwnedFd::from(pipe))),
    ];
    let mut outputs = [Vec::new(), Vec::new()];
    if read_pipes(&mut pipes, &mut outputs, deadline)? == Reading::Stop {
        // Kill before the pipes close: a child killed by closing them would
        // die of SIGPIPE instead, at a moment that depends on scheduling.
        child.0.kill()?;
    }
    let status = wait_until(&mut child.0, deadline)?;
    let [stdout, stderr] = outputs;
    Ok(Output {
        stdout,
        stderr,
        status: Status::of(status),
    })
}

/// Reads stdout and stderr together, as poll(2) says they have bytes, so a
/// child that fills one pipe while the server waits on the other cannot
/// block both (the deadlock Python's subprocess docs warn about for
/// `Popen.wait`).
fn read_pipes(
    pipes: &mut [Option<File>; 2],
    outputs: &mut [Vec<u8>; 2],
    deadline: Instant,
) -> io::Result<Reading> {
    let mut chunk = vec![0u8; PIPE_READ];
    loop {
        let open: Vec<usize> = (0..pipes.len()).filter(|&i| pipes[i].is_some()).collect();
        if open.is_empty() {
            return Ok(Reading::Done);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Reading::Stop);
        }
        let fds: Vec<_> = open
            .iter()
            .filter_map(|&i| pipes[i].as_ref().map(AsFd::as_fd))
            .collect();
        let ready = net::poll_ready(&fds, libc::POLLIN, left)?;
        for (&i, is_ready) in open.iter().zip(ready) {
            if !is_ready {
                continue;
            }
            let room = (OUTPUT_CAP - outputs[i].len()).min(PIPE_READ);
            let Some(pipe) = pipes[i].as_mut() else {
                continue;
            };
            // poll said readable: bytes are there, or EOF, so this read
            // returns at once.
            let read = pipe.read(&mut chunk[..room])?;
            if read == 0 {
                pipes[i] = None;
                continue;
            }
            outputs[i].extend_from_slice(&chunk[..read]);
            if outputs[i].len() == OUTPUT_CAP {
                return Ok(Reading::Stop);
            }
        }
    }
}

/// Waits for the child to exit (waitpid with WNOHANG, every
/// [`CHILD_EXIT_POLL`]) until `deadline`, then kills it and reaps it.
fn wait_until(child: &mut Child, deadline: Instant) -> io::Result<ExitStatus> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if Instant::now() >= deadline {
            child.kill()?;
            return child.wait();
        }
        thread::sleep(CHILD_EXIT_POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> Server {
        Server {
            programs: Programs::find(),
            folder: PathBuf::from("/nonexistent-lab-folder"),
        }
    }

    #[test]
    fn shell_syntax_is_never_interpreted() {
        let server = server();
        let plan = server.plan(b"echo hi; rm * $HOME").unwrap();
        assert_eq!(plan.command, "echo");
        assert_eq!(plan.args, ["hi;", "rm", "*", "$HOME"]);
        assert_eq!(
            server.plan(b"sh -c 'echo hi'").err().as_deref(),
            Some("refused: sh is not on the allowlist")
        );
        assert_eq!(
            server.plan(b"ls ../x").err().as_deref(),
            Some("refused: ls lists the lab folder only")
        );
        assert_eq!(
            server.plan(b"  ").err().as_deref(),
            Some("refused: empty command")
        );
        assert_eq!(
            server.plan(b"cd a b").err().as_deref(),
            Some("refused: cd takes one folder")
        );
        assert_eq!(
            server.plan(b"\xff").err().as_deref(),
            Some("refused: not UTF-8 text")
        );
    }
}
