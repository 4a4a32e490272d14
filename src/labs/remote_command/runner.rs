//! Lab 17's process runner: one command line in, one [`Outcome`] out, and
//! never a shell.
//!
//! [`Server::execute`] splits the line on whitespace, checks the first word
//! against [`ALLOWLIST`] and starts that program by its absolute path, with
//! the other words as its arguments. The child gets an empty environment
//! plus [`CHILD_ENV`], stdin from /dev/null and the lab's folder as working
//! directory; it is started with fork and exec, not posix_spawn(3), and
//! between the two it puts limits on itself ([`limit_child`]). Its stdout
//! and stderr are read together, at most [`OUTPUT_CAP`] bytes each; a child
//! that prints more or runs longer than [`COMMAND_TIMEOUT`] is killed, with
//! its whole process group. Every child is waited for (reaped), also when
//! the server stops half-way ([`Running`]) or socklab is stopped by a
//! signal ([`crate::children`]). How the outcome then goes on the wire is
//! the servers' business.
//!
//! Output and time are not the only things a command can take. `printf
//! %.999999999f 1` prints a few bytes, but first builds a billion-digit
//! number in memory: about 1.5 GB, in well under the 2 s. So the child's
//! address space is capped too (setrlimit(2) RLIMIT_AS, [`CHILD_MEMORY`]):
//! past it, its malloc fails and it exits with an error instead. Its CPU
//! time is capped (RLIMIT_CPU), in case it ever outlives the server's
//! clock, and it dumps no core (RLIMIT_CORE 0).

use std::cell::RefCell;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Resource, Rlimit, Signal};

use crate::children::{self, Reaped};
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

/// The address space a child may have (setrlimit(2) RLIMIT_AS): 64 MiB.
/// The allowlisted programs need under 10 MiB (`ls -l` of the lab's folder
/// maps about 8); a command that asks for more gets ENOMEM from malloc
/// and fails on its own. With up to [`crate::roles::MAX_CLIENTS`] clients,
/// each running one command at a time, this also bounds what all the
/// children of a full class can take together.
pub(crate) const CHILD_MEMORY: u64 = 64 * 1024 * 1024;

/// CPU seconds a child may use (RLIMIT_CPU): SIGXCPU at the soft limit,
/// SIGKILL one second later at the hard one. The server's own clock
/// ([`COMMAND_TIMEOUT`]) kills it first; this limit is for a child whose
/// server is gone.
const CHILD_CPU_SECONDS: u64 = 2;

/// Bytes per read from a child's pipe (a Linux pipe holds 64 KiB).
const PIPE_READ: usize = 64 * 1024;

/// Output every command may have whatever other clients do: a short reply
/// (`echo hi`, `ls`) never waits for, or loses to, anyone else's.
const OWN_OUTPUT: usize = 32 * 1024;

/// Output beyond [`OWN_OUTPUT`] that all commands together may hold, from
/// the moment it is read until the reply to it has gone out (see
/// [`OutputShare`]): 8 MiB, eight full 1 MiB replies. Without it, a class
/// of clients that each ask for `seq 1 1000000` and never read the reply
/// made the server hold 100 × 1 MiB, three copies each while the reply was
/// built and sent (147 MB of RSS measured). A command that finds the share
/// used up is stopped there, as at [`OUTPUT_CAP`].
pub(crate) const SHARED_OUTPUT: usize = 8 * 1024 * 1024;

/// Bytes of [`SHARED_OUTPUT`] held now.
static SHARED_USED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The share of [`SHARED_OUTPUT`] this thread's last command holds.
    /// The command's output lives on after [`Server::execute`] returns,
    /// while its reply is built and sent, so the share is given back only
    /// when this thread runs its next command, or ends (its client has
    /// gone).
    static HELD: RefCell<OutputShare> = const { RefCell::new(OutputShare(0)) };
}

/// Bytes of [`SHARED_OUTPUT`], given back when dropped.
struct OutputShare(usize);

impl OutputShare {
    /// Takes `more` bytes of the shared output, if they are free.
    fn grow(&mut self, more: usize) -> bool {
        let taken = SHARED_USED
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(more)
                    .filter(|&total| total <= SHARED_OUTPUT)
            })
            .is_ok();
        if taken {
            self.0 += more;
        }
        taken
    }
}

impl Drop for OutputShare {
    fn drop(&mut self) {
        SHARED_USED.fetch_sub(self.0, Ordering::SeqCst);
    }
}

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
    fn plan<'a>(&'a self, line: &'a [u8]) -> Result<Plan<'a>, Refused> {
        let text =
            std::str::from_utf8(line).map_err(|_| Refused::from("refused: not UTF-8 text"))?;
        let mut words = text.split_ascii_whitespace();
        let command = words
            .next()
            .ok_or_else(|| Refused::from("refused: empty command"))?;
        let args: Vec<&str> = words.collect();
        if !ALLOWLIST.contains(&command) {
            return Err(Refused(format!(
                "refused: {command} is not on the allowlist"
            )));
        }
        let program = self
            .programs
            .path(command)
            .ok_or_else(|| Refused(format!("refused: {command} is not installed here")))?;
        match command {
            // Names in the folder and options only: no path leads out.
            "ls" if args.iter().any(|arg| arg.contains('/') || *arg == "..") => {
                Err(Refused::from("refused: ls lists the lab folder only"))
            }
            "ls" if args.iter().any(|arg| lists_dot_dot(arg)) => Err(Refused::from(LS_ALL_REFUSAL)),
            // `true`, no arguments, starting in the target: see CD_PROGRAM.
            "cd" => match args[..] {
                [target] => Ok(Plan {
                    command,
                    program,
                    args: Vec::new(),
                    dir: self.inside(target)?,
                }),
                _ => Err(Refused::from("refused: cd takes one folder")),
            },
            _ => Ok(Plan {
                command,
                program,
                args,
                dir: self.folder.clone(),
            }),
        }
    }

    /// The folder `cd TARGET` would start its process in, if it is inside
    /// the lab's folder. A path that leaves it (`/`, `..`, `/etc`) is
    /// refused by its spelling alone, before the file system is asked, so
    /// `cd /nonexistent` and `cd /etc/passwd` get the same answer: the
    /// reply must not tell a client which paths exist on the server. Inside
    /// the folder, the path must be a folder, and still inside once
    /// symbolic links are resolved (canonicalize, realpath(3)).
    fn inside(&self, target: &str) -> Result<PathBuf, Refused> {
        let leaves = Path::new(target)
            .components()
            .any(|part| !matches!(part, Component::Normal(_) | Component::CurDir));
        if leaves {
            return Err(Refused::from(CD_OUTSIDE_REFUSAL));
        }
        let not_found = || Refused(format!("refused: cd: no folder {target} in the lab folder"));
        let folder = fs::canonicalize(&self.folder).map_err(|_| not_found())?;
        let dir = fs::canonicalize(self.folder.join(target)).map_err(|_| not_found())?;
        if !dir.starts_with(&folder) {
            return Err(Refused::from(CD_OUTSIDE_REFUSAL));
        }
        if !dir.is_dir() {
            return Err(not_found());
        }
        Ok(dir)
    }

    /// Runs one command line, if the allowlist lets it.
    pub(crate) fn execute(&self, line: &[u8]) -> Outcome {
        let plan = match self.plan(line) {
            Ok(plan) => plan,
            Err(refusal) => return Outcome::NotRun(refusal.0),
        };
        match run_child(&plan) {
            Ok((output, _)) => Outcome::Ran(output),
            Err(error) => Outcome::NotRun(format!("{}: could not run: {error}", plan.command)),
        }
    }
}

/// What `cd` answers for any path that leaves the lab's folder.
/// Why a command line is not run: the refusal the client gets instead of
/// output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(super) struct Refused(pub String);

impl From<&str> for Refused {
    fn from(refusal: &str) -> Refused {
        Refused(refusal.to_string())
    }
}

pub(super) const CD_OUTSIDE_REFUSAL: &str = "refused: cd stays in the lab folder";

/// What `ls -a` (or `-f`, `--all`) gets: they list `..`, the entry for the
/// folder above the lab's, with its owner, mode and dates.
pub(super) const LS_ALL_REFUSAL: &str = "refused: ls -a lists .., outside the lab folder";

/// Whether an ls argument asks for `.` and `..`: `--all`, or a cluster of
/// short options (`-la`) with `a` or `f` (ls(1): `-f` implies `-a`) in it.
fn lists_dot_dot(arg: &str) -> bool {
    match arg.strip_prefix("--") {
        Some(long) => "all".starts_with(long) && long.len() >= 2,
        None => arg
            .strip_prefix('-')
            .is_some_and(|short| short.contains(['a', 'f'])),
    }
}

/// A started child, until it is reaped. If the server stops half-way (an
/// error returned with `?`), dropping this kills the child's process group
/// and reaps the child: no process, and no zombie, is left behind.
struct Running {
    child: Child,
    reaped: bool,
}

impl Running {
    /// Waits until `deadline` at most, kills the group, reaps (see
    /// [`children::reap`]).
    fn reap(&mut self, deadline: Instant) -> io::Result<Reaped> {
        let reaped = children::reap(&self.child, deadline)?;
        self.reaped = true;
        Ok(reaped)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = children::reap(&self.child, Instant::now());
        }
    }
}

/// What the child does to itself between fork and exec, in
/// [`Command::pre_exec`]: the limits, then a guard against outliving
/// socklab.
///
/// - setrlimit(2): RLIMIT_AS [`CHILD_MEMORY`], RLIMIT_CPU
///   [`CHILD_CPU_SECONDS`] (one more second to the hard limit), RLIMIT_CORE
///   0. A process may always lower its own limits, root or not.
/// - prctl(2) PR_SET_PDEATHSIG SIGKILL: the kernel kills the child if the
///   thread that started it dies, even by a SIGKILL that socklab cannot
///   handle. If that thread died before the prctl, the child's parent is
///   already someone else (getppid(2)), and it exits instead of running.
///
/// Doing anything here also makes std fork and exec instead of calling
/// posix_spawn(3), which cannot run such a step, and that matters in its
/// own right. glibc's posix_spawn blocks every signal in the calling thread
/// until the child has called exec. A child as quick as `true` can exit
/// inside that window, and its SIGCHLD then cannot be dropped as ignored
/// (signal(7): blocked signals stay pending). The kernel hands the pending
/// signal to another thread and wakes it: a recv there that has SO_RCVTIMEO
/// set fails with EINTR (socket(7)), even though nothing handles the
/// signal. With posix_spawn this lab saw 136 EINTRs in 50 runs; with fork
/// and exec, which leave the calling thread's signal mask alone, none in
/// 200.
///
/// Between fork and exec only async-signal-safe work is allowed
/// (signal-safety(7)): these are plain system calls through rustix, on
/// integers, with no allocation and no lock.
fn limit_child(parent: Option<Pid>) -> io::Result<()> {
    let limit = |resource, soft, hard| {
        rustix::process::setrlimit(
            resource,
            Rlimit {
                current: Some(soft),
                maximum: Some(hard),
            },
        )
    };
    limit(Resource::As, CHILD_MEMORY, CHILD_MEMORY)?;
    limit(Resource::Cpu, CHILD_CPU_SECONDS, CHILD_CPU_SECONDS + 1)?;
    limit(Resource::Core, 0, 0)?;
    rustix::process::set_parent_process_death_signal(Some(Signal::KILL))?;
    if rustix::process::getppid() != parent {
        return Err(io::Error::from_raw_os_error(libc::ESRCH));
    }
    Ok(())
}

/// How reading a child's output ended.
#[derive(PartialEq)]
enum Reading {
    /// Both pipes reached EOF: the child closed them (it is exiting).
    Done,
    /// A pipe delivered [`OUTPUT_CAP`] bytes, the [`SHARED_OUTPUT`] was used
    /// up, or [`COMMAND_TIMEOUT`] ran out: the child must be killed.
    Stop,
}

/// Runs the plan's program; returns what it printed and how it ended, and
/// its reaped state with its peak memory.
fn run_child(plan: &Plan) -> io::Result<(Output, Reaped)> {
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
    let parent = rustix::process::getpid();
    // SAFETY: pre_exec's contract is that the step, which runs in the child
    // between fork and exec while other threads' locks may be held forever,
    // does only what is safe there: nothing but async-signal-safe work (no
    // allocation, no locks, no std::env) and no use of descriptors it does
    // not own. `limit_child` makes five system calls through rustix
    // (setrlimit three times, prctl, getppid) on integers it is given,
    // allocates nothing (its error is an errno number) and touches no
    // descriptor, so it meets all of that.
    unsafe {
        command.pre_exec(move || limit_child(Some(parent)));
    }
    let mut child = Running {
        child: children::spawn(&mut command)?,
        reaped: false,
    };
    let mut pipes = [
        child
            .child
            .stdout
            .take()
            .map(|pipe| File::from(OwnedFd::from(pipe))),
        child
            .child
            .stderr
            .take()
            .map(|pipe| File::from(OwnedFd::from(pipe))),
    ];
    let mut outputs = [Vec::new(), Vec::new()];
    // The last command's output has been answered by now: its share goes
    // back before this one takes any.
    HELD.with(|held| drop(held.replace(OutputShare(0))));
    let mut share = OutputShare(0);
    let reading = read_pipes(&mut pipes, &mut outputs, &mut share, deadline);
    HELD.with(|held| *held.borrow_mut() = share);
    if reading? == Reading::Stop {
        // Kill before the pipes close: a child killed by closing them would
        // die of SIGPIPE instead, at a moment that depends on scheduling.
        children::kill_group(&child.child)?;
    }
    let reaped = child.reap(deadline)?;
    let [stdout, stderr] = outputs;
    let output = Output {
        stdout,
        stderr,
        status: Status::of(reaped.status),
    };
    Ok((output, reaped))
}

/// Reads stdout and stderr together, as poll(2) says they have bytes, so a
/// child that fills one pipe while the server waits on the other cannot
/// block both (the deadlock Python's subprocess docs warn about for
/// `Popen.wait`).
fn read_pipes(
    pipes: &mut [Option<File>; 2],
    outputs: &mut [Vec<u8>; 2],
    share: &mut OutputShare,
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
            let beyond_own = (outputs[0].len() + outputs[1].len() + read)
                .saturating_sub(OWN_OUTPUT)
                .saturating_sub(share.0);
            if beyond_own > 0 && !share.grow(beyond_own) {
                return Ok(Reading::Stop);
            }
            outputs[i].extend_from_slice(&chunk[..read]);
            if outputs[i].len() == OUTPUT_CAP {
                return Ok(Reading::Stop);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab_folder::LabFolder;

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
            server
                .plan(b"sh -c 'echo hi'")
                .err()
                .map(|refused| refused.0)
                .as_deref(),
            Some("refused: sh is not on the allowlist")
        );
        assert_eq!(
            server
                .plan(b"ls ../x")
                .err()
                .map(|refused| refused.0)
                .as_deref(),
            Some("refused: ls lists the lab folder only")
        );
        assert_eq!(
            server.plan(b"  ").err().map(|refused| refused.0).as_deref(),
            Some("refused: empty command")
        );
        assert_eq!(
            server
                .plan(b"cd a b")
                .err()
                .map(|refused| refused.0)
                .as_deref(),
            Some("refused: cd takes one folder")
        );
        assert_eq!(
            server
                .plan(b"\xff")
                .err()
                .map(|refused| refused.0)
                .as_deref(),
            Some("refused: not UTF-8 text")
        );
    }

    /// A server whose folder is real, with a folder `docs` and a link
    /// `out` to `/` in it.
    fn server_in(folder: &LabFolder) -> Server {
        fs::create_dir(folder.path.join("docs")).unwrap();
        std::os::unix::fs::symlink("/", folder.path.join("out")).unwrap();
        Server {
            programs: Programs::find(),
            folder: folder.path.clone(),
        }
    }

    #[test]
    fn cd_stays_in_the_lab_folder_and_tells_nothing_about_other_paths() {
        let folder = LabFolder::create(99).unwrap();
        let server = server_in(&folder);
        let inside = fs::canonicalize(folder.path.join("docs")).unwrap();
        assert_eq!(server.plan(b"cd docs").unwrap().dir, inside);
        assert_eq!(server.plan(b"cd ./docs/").unwrap().dir, inside);
        for outside in [
            &b"cd /"[..],
            b"cd ..",
            b"cd docs/../..",
            b"cd /nonexistent",
            b"cd /etc/passwd",
            b"cd /tmp",
            b"cd out",
        ] {
            assert_eq!(
                server
                    .plan(outside)
                    .err()
                    .map(|refused| refused.0)
                    .as_deref(),
                Some(CD_OUTSIDE_REFUSAL),
                "{}",
                String::from_utf8_lossy(outside)
            );
        }
        assert_eq!(
            server
                .plan(b"cd missing")
                .err()
                .map(|refused| refused.0)
                .as_deref(),
            Some("refused: cd: no folder missing in the lab folder")
        );
    }

    #[test]
    fn ls_never_lists_dot_dot() {
        let server = server();
        for listing in [
            &b"ls -la"[..],
            b"ls -a",
            b"ls -f",
            b"ls -lf",
            b"ls --all",
            b"ls --al",
        ] {
            assert_eq!(
                server
                    .plan(listing)
                    .err()
                    .map(|refused| refused.0)
                    .as_deref(),
                Some(LS_ALL_REFUSAL),
                "{}",
                String::from_utf8_lossy(listing)
            );
        }
        for fine in [
            &b"ls -l"[..],
            b"ls -A",
            b"ls --almost-all",
            b"ls -lh notes.txt",
        ] {
            assert!(
                server.plan(fine).is_ok(),
                "{}",
                String::from_utf8_lossy(fine)
            );
        }
    }

    /// The two memory bombs: each would reach 1.4-1.6 GB. Under the
    /// cap, malloc fails, the program exits 1, and its peak (wait4's
    /// ru_maxrss) stays far below the cap.
    #[test]
    fn a_child_that_asks_for_gigabytes_stays_under_the_memory_cap() {
        let folder = LabFolder::create(99).unwrap();
        let server = server_in(&folder);
        for line in [&b"printf %.999999999f 1"[..], b"seq -f %.999999999f 1 1"] {
            let Ok(plan) = server.plan(line) else {
                continue; // not installed here
            };
            let (output, reaped) = run_child(&plan).unwrap();
            let line = String::from_utf8_lossy(line);
            assert_eq!(output.status, Status::Exited(1), "{line}");
            assert!(output.stdout.is_empty(), "{line}");
            assert!(
                reaped.peak_memory < CHILD_MEMORY,
                "{line}: peak {} B, cap {CHILD_MEMORY} B",
                reaped.peak_memory
            );
            eprintln!(
                "{line}: child peak memory {} KiB, cap {} KiB",
                reaped.peak_memory / 1024,
                CHILD_MEMORY / 1024
            );
        }
    }

    /// With the shared output taken (by other clients' replies), a command
    /// that prints a lot is stopped at its own 32 KiB; a short one runs as
    /// ever.
    #[test]
    fn the_output_all_clients_hold_at_once_is_capped() {
        let folder = LabFolder::create(99).unwrap();
        let server = server_in(&folder);
        let (Ok(flood), Ok(echo)) = (server.plan(b"seq 1 1000000"), server.plan(b"echo hi")) else {
            return; // not installed here
        };
        let mut others = OutputShare(0);
        assert!(others.grow(SHARED_OUTPUT), "no other test holds output");
        let (output, _) = run_child(&flood).unwrap();
        assert_eq!(output.status, Status::Killed(libc::SIGKILL));
        assert!(output.stdout.len() <= OWN_OUTPUT, "{}", output.stdout.len());
        let (output, _) = run_child(&echo).unwrap();
        assert_eq!(output.stdout, b"hi\n");
        drop(others);
        let (output, _) = run_child(&flood).unwrap();
        assert_eq!(output.stdout.len(), OUTPUT_CAP, "the share is free again");
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;
        use crate::fuzz::run;

        /// Words a command line may hold: the allowlist, names, paths out,
        /// options, shell syntax, and anything at all.
        fn word() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(ALLOWLIST.to_vec()).prop_map(String::from),
                prop::sample::select(vec![
                    "docs",
                    "out",
                    "..",
                    ".",
                    "/",
                    "/etc",
                    "/etc/passwd",
                    "../x",
                    "docs/..",
                    "./docs",
                    "-la",
                    "-a",
                    "-f",
                    "--all",
                    "--al",
                    "-A",
                    "-l",
                    "--",
                    ";",
                    "|",
                    "$HOME",
                    "*",
                    "`id`",
                    "'",
                    "\"",
                    "%s",
                    "~",
                ])
                .prop_map(String::from),
                "[ -~]{0,12}",
                "\\PC{0,6}",
            ]
        }

        /// `socklab serve 17`'s command line: any bytes, or words from the
        /// allowlist and around it. No panic; a line that would run names
        /// an allowlisted program, runs inside the lab folder, and lists
        /// nothing outside it; and every refusal is reached. One lab folder
        /// (with `docs` and the link `out` to `/`) serves every case, and
        /// is removed at the end, also when a case fails (the panic unwinds
        /// through its guard).
        #[test]
        fn fuzz_command_line() {
            let lab_folder = LabFolder::create(99).unwrap();
            let server = server_in(&lab_folder);
            let folder = fs::canonicalize(&server.folder).unwrap();
            let targets = prop::sample::select(vec![
                "docs",
                ".",
                "./docs",
                "docs/.",
                "out",
                "/",
                "..",
                "/etc/passwd",
                "/nonexistent",
                "missing",
                "docs/../..",
                "~",
            ]);
            let lines = prop_oneof![
                prop::collection::vec(any::<u8>(), 0..1100),
                prop::collection::vec(word(), 0..6).prop_map(|words| words.join(" ").into_bytes()),
                (
                    prop::collection::vec(word(), 0..4),
                    "[ \t\n\r\x0b\x0c]{1,3}"
                )
                    .prop_map(|(words, gap)| words.join(&gap).into_bytes()),
                prop::collection::vec(targets, 0..3).prop_map(|targets| format!(
                    "cd {}",
                    targets.join(" ")
                )
                .into_bytes()),
                prop::collection::vec(word(), 0..3).prop_map(|args| format!(
                    "ls {}",
                    args.join(" ")
                )
                .into_bytes()),
            ];
            let expected = [
                "runs echo",
                "runs printf",
                "runs seq",
                "runs false",
                "runs ls",
                "runs pwd",
                "runs cd",
                "refused: not UTF-8 text",
                "refused: empty command",
                "refused: not on the allowlist",
                "refused: ls lists the lab folder only",
                LS_ALL_REFUSAL,
                "refused: cd takes one folder",
                CD_OUTSIDE_REFUSAL,
                "refused: cd: no such folder in it",
            ];
            run("fuzz_command_line", lines, &expected, |line| {
                Ok(match server.plan(&line) {
                    Ok(plan) => {
                        prop_assert!(ALLOWLIST.contains(&plan.command));
                        prop_assert!(plan.dir.starts_with(&folder), "{:?}", plan.dir);
                        let stays =
                            |arg: &&str| !arg.contains('/') && *arg != ".." && !lists_dot_dot(arg);
                        let listed_inside = plan.command != "ls" || plan.args.iter().all(stays);
                        prop_assert!(listed_inside, "{:?}", plan.args);
                        format!("runs {}", plan.command)
                    }
                    Err(refusal) if refusal.0.ends_with("is not on the allowlist") => {
                        "refused: not on the allowlist".to_string()
                    }
                    Err(refusal) if refusal.0.ends_with("is not installed here") => {
                        "refused: not installed here".to_string()
                    }
                    Err(refusal) if refusal.0.starts_with("refused: cd: no folder") => {
                        "refused: cd: no such folder in it".to_string()
                    }
                    Err(refusal) => refusal.0,
                })
            });
            drop(lab_folder);
        }
    }
}
