//! Lab 17: a remote command server, the course's mini "ssh".
//!
//! The client sends a command line; the server runs it and sends back what
//! it printed. The course's server does it in two lines of Python,
//! `subprocess.Popen(cmd, shell=True, ...)` and
//! `conn.send(stdout + stderr)`, and both lines are bugs:
//!
//! - `shell=True` hands the network's text to `/bin/sh`. Anyone who can
//!   connect can then run anything: `echo hi; rm -rf ~` is one line, and the
//!   shell obeys its `;`, `$HOME`, `*` and quotes (command injection). This
//!   server has NO shell. It splits the line on whitespace itself, looks the
//!   first word up in a fixed allowlist (`ALLOWLIST`) and runs that program
//!   by its absolute path with the other words as arguments, exactly as
//!   written: a `;` or a quote is just a character of an argument. Anything
//!   not on the list gets a refusal and nothing runs.
//! - `stdout + stderr` on a byte stream with no framing: a long output spills
//!   into the reply to the next command (lab 2, here with real processes),
//!   the error text looks like normal output, the exit status is lost, and a
//!   command that prints nothing sends nothing, so the client's `recv` waits
//!   forever. The framed server answers with one header-dictionary message
//!   ([`crate::frame::encode_dict`]): a JSON header
//!   `{"exit_status", "signal", "stdout_len", "stderr_len", "size"}`, then a
//!   body of stdout followed by stderr. The client splits the body at
//!   `stdout_len`. Even an empty output is a message: a header saying "0
//!   bytes, exit status 1".
//!
//! `cd` cannot work on such a server, with or without a shell: every
//! command runs in a NEW process, and a process's working directory
//! (getcwd(3), chdir(2)) belongs to that process and dies with it. The
//! course's `sh -c "cd /"` changes the directory of a shell that exits a
//! moment later. This server does the same without a shell: `cd DIR` starts
//! `true` with DIR as its working directory (the new process changes
//! directory before the program starts), and `true` exits 0. The next `pwd`
//! runs in the lab's folder again. (POSIX asks for every regular built-in to
//! exist as a program too, so some systems ship a `/usr/bin/cd`: a script
//! whose shell changes directory and exits. Useless in exactly this way.)
//!
//! Every child runs with a clean environment (`PATH` and `LC_ALL=C`, so
//! messages are the same English text everywhere), stdin from /dev/null,
//! the lab's own temp folder as working directory, at most
//! `OUTPUT_CAP` bytes read from each of stdout and stderr, and
//! `COMMAND_TIMEOUT` to finish; a child that goes over either is killed
//! (SIGKILL). Every child is waited for (reaped), so none is left as a
//! zombie; the lab checks that in /proc (proc(5)). The folder is removed at
//! the end, by a drop guard on error paths too.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use socket2::Socket;

use crate::expect;
use crate::frame::{self, Decoder, DictDecoder, DictMessage};
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::lab_folder::LabFolder;
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::{self, CheckResult};

pub const LAB: Lab = Lab {
    number: 17,
    slug: "remote-command",
    title: "Remote commands: a mini ssh without a shell",
    shows: "real processes from an allowlist: unframed replies bleed and lose stderr and status; framed replies are exact; no shell, no cd",
    summary: "A server runs allowlisted programs (no shell) and returns their output. Unframed, a long\n\
              reply bleeds into the next, stderr looks like output, the exit status is lost and an empty\n\
              reply hangs the client. Framed, every reply is exact. Refusals, literal `;`, and `cd`.",
    typical_run: "≈ 0.1 s",
    sheet: include_str!("../../labs/17-remote-command/README.md"),
    experiment: run,
};

// ---------------------------------------------------------------------------
// The server's rules.
// ---------------------------------------------------------------------------

/// The commands the server runs. Each is a program of the same name, found
/// in [`PROGRAM_DIRS`]; nothing else ever runs. `cd` is on the list too, see
/// [`CD_PROGRAM`].
const ALLOWLIST: [&str; 7] = ["echo", "printf", "seq", "false", "ls", "pwd", "cd"];

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
const OUTPUT_CAP: usize = 1024 * 1024;

/// How long a command may run. The allowlisted programs finish in a
/// millisecond or two; a child still running after 2 s is killed.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(2);

/// Bytes per read from a child's pipe (a Linux pipe holds 64 KiB).
const PIPE_READ: usize = 64 * 1024;

/// How often the server asks whether a child has exited (waitpid with
/// WNOHANG) once its pipes are closed: it exits microseconds later.
const CHILD_EXIT_POLL: Duration = Duration::from_micros(200);

/// The longest command line either server accepts: the course's
/// `conn.recv(1024)`.
pub(crate) const MAX_COMMAND_LEN: usize = 1024;

/// The course's client and server read with `recv(1024)`, and so do the
/// framed ones here: framing fixes the boundaries, not the buffer size.
const RECV_SIZE: usize = 1024;

/// The longest JSON header the framed client accepts: the header holds
/// four numbers or one refusal line.
const MAX_REPLY_HEADER: usize = 1024;

/// Files the lab puts in its folder, so that `ls` has something to list.
/// `ls` sorts them by bytes (LC_ALL=C).
pub(crate) const LAB_FILES: [(&str, &[u8]); 2] =
    [("notes.txt", b"socket notes\n"), ("todo.txt", b"lab 17\n")];
/// What `ls` prints in the folder.
const LS_LISTING: &[u8] = b"notes.txt\ntodo.txt\n";

// ---------------------------------------------------------------------------
// The commands the client sends, and what they print.
// ---------------------------------------------------------------------------

/// The long output, as in lab 2: "1\n" to "500\n". 1-9 take 2 bytes with
/// their newline, 10-99 take 3 and 100-500 take 4:
/// 9×2 + 90×3 + 401×4 = 18 + 270 + 1604 = 1892 bytes.
const SEQ_COMMAND: &str = "seq 1 500";
const SEQ_LAST: u32 = 500;
const SEQ_OUTPUT_LEN: usize = 1892;

/// What one recv(1024) leaves of it: 1892 - 1024 = 868 bytes.
const SEQ_LEFTOVER: usize = 868;

/// "1\n" … "99\n" fill bytes 0-287 and each of 100, 101, … takes 4 bytes,
/// so byte 1024 = 288 + 184×4 is where "284\n" starts: the next reply
/// starts with the old "284\n285\n".
const LEFTOVER_START: &[u8] = b"284\n285\n";

const ECHO_COMMAND: &str = "echo hi";
const ECHO_OUTPUT: &[u8] = b"hi\n";

/// A command that fails: GNU ls prints this to stderr (its name from
/// argv[0], which the server sets to "ls" as a shell would) and exits with
/// status 2, "serious trouble" in ls(1): a command-line argument it cannot
/// access.
const LS_MISSING_COMMAND: &str = "ls no-such-file";
const LS_MISSING_STDERR: &[u8] = b"ls: cannot access 'no-such-file': No such file or directory\n";
const LS_MISSING_STATUS: i32 = 2;

/// A command that prints nothing and exits with status 1 (false(1)).
const FALSE_COMMAND: &str = "false";
const FALSE_STATUS: i32 = 1;

/// How long the course's client waits for the reply to `false`, which never
/// comes. Short: it expires once per run, and the server has already sent
/// (nothing) when the client starts waiting.
const EMPTY_REPLY_WAIT: Duration = Duration::from_millis(50);

/// Commands the server refuses, with its exact answer. The rm target is a
/// file in the lab's own folder, so even a broken server could do no harm.
const REFUSED: [(&str, &str, &str); 3] = [
    (
        "refuse-rm",
        "rm notes.txt",
        "refused: rm is not on the allowlist",
    ),
    (
        "refuse-sh",
        "sh -c 'echo hi'",
        "refused: sh is not on the allowlist",
    ),
    (
        "refuse-ls-outside",
        "ls /etc",
        "refused: ls lists the lab folder only",
    ),
];

/// Shell syntax, passed to the program as plain arguments: echo gets
/// "hi;", "rm" and "*" and prints them; a shell would have run `rm *`.
const SEMICOLON_COMMAND: &str = "echo hi; rm *";
const SEMICOLON_OUTPUT: &[u8] = b"hi; rm *\n";

/// printf gets the format "'%s\n'" with the quotes in it (a shell would
/// have removed them); printf itself turns the \n into a newline.
const QUOTES_COMMAND: &str = r"printf '%s\n' hi";
const QUOTES_OUTPUT: &[u8] = b"'hi\n'";

const LS_COMMAND: &str = "ls";
const PWD_COMMAND: &str = "pwd";
const CD_COMMAND: &str = "cd /";

/// More output than [`OUTPUT_CAP`]: 1 to 1000000 is 6888896 bytes
/// (1-9: 18, 10-99: 270, 100-999: 3600, 1000-9999: 45000, 10^4-99999:
/// 540000, 10^5-999999: 6300000, then "1000000\n": 8). seq is still
/// writing when the server has read 1 MiB, so it is killed.
const FLOOD_COMMAND: &str = "seq 1 1000000";

/// What the table shows for `pwd`'s output when it is the lab's folder
/// (whose name has a pid in it, so it is never shown).
const IN_LAB_FOLDER: &str = "the lab folder";

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let folder = folder_with_files().step("creating the lab's temp folder")?;
    let server = Server {
        programs: Programs::find(),
        folder: folder.path.clone(),
    };
    let (mut checks, course_children) = unframed(&server)?;
    let (framed_checks, framed_children) = framed(&server, &folder)?;
    checks.extend(framed_checks);
    checks.push(children_left(course_children, framed_children));
    checks.push(folder_removed(folder)?);
    Ok(checks)
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
    fn missing(&self, command_lines: &[&str]) -> Option<String> {
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
fn spawn_without_signal_window() -> io::Result<()> {
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

/// Child processes of the calling thread that still exist, zombies
/// included: /proc/self/task/<tid>/children (proc(5); the file exists when
/// the kernel has CONFIG_PROC_CHILDREN). A child belongs to the thread that
/// started it, so this counts the server thread's children only, whatever
/// other threads of the process do. `None` when the file does not exist.
fn own_children() -> io::Result<Option<usize>> {
    let path = format!("/proc/self/task/{}/children", net::current_thread_id());
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.split_ascii_whitespace().count())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// ONE recv, as [`net::recv_once`], but tried again when a signal
/// interrupts it (EINTR), as Python's `socket.recv` does since PEP 475: a
/// pending signal, even one nobody handles, ends a recv that has SO_RCVTIMEO
/// with EINTR (see [`spawn_without_signal_window`]).
fn recv(socket: &Socket, size: usize) -> io::Result<Vec<u8>> {
    loop {
        match net::recv_once(socket, size) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn join_thread<T>(handle: thread::ScopedJoinHandle<'_, T>, what: &str) -> Result<T, LabError> {
    handle
        .join()
        .map_err(|_| io::Error::other("thread panicked"))
        .step(what)
}

// ---------------------------------------------------------------------------
// The course's version: no framing, stdout + stderr, no exit status.
// ---------------------------------------------------------------------------

/// The course's server: `recv(1024)` is the command; the reply is stdout
/// followed by stderr, sent as they are. It tells `sent` how many bytes
/// each reply was (0 for a command that printed nothing), so the lab's
/// client can wait until all of them are queued before its one recv.
/// Returns its own child processes left at EOF.
fn serve_unframed(
    server: &Server,
    socket: &Socket,
    sent: &Sender<usize>,
) -> io::Result<Option<usize>> {
    loop {
        let line = recv(socket, MAX_COMMAND_LEN)?;
        if line.is_empty() {
            return own_children();
        }
        let reply = match server.execute(&line) {
            Outcome::Ran(output) => [output.stdout, output.stderr].concat(),
            Outcome::NotRun(text) => format!("{text}\n").into_bytes(),
        };
        // A reply of 0 bytes sends nothing at all (lab 7): no segment
        // leaves, and the client's recv has nothing to return.
        net::send_all(socket, &reply)?;
        // The lab's client stops listening only on an error of its own.
        let _ = sent.send(reply.len());
    }
}

/// The course's client: sends a command, then ONE recv(1024). Before that
/// recv it waits until every byte the server sent is queued (FIONREAD), so
/// each recv returns the same bytes on every run.
struct UnframedClient<'a> {
    socket: &'a Socket,
    sent: Receiver<usize>,
    /// Bytes the server sent that the client has not read yet.
    unread: usize,
}

impl UnframedClient<'_> {
    fn ask(&mut self, command: &str) -> Result<io::Result<Vec<u8>>, LabError> {
        net::send_all(self.socket, command.as_bytes()).step("sending a command")?;
        let reply_len = self
            .sent
            .recv_timeout(net::IO_TIMEOUT)
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "the server did not reply"))
            .step("waiting for the server to reply")?;
        self.unread += reply_len;
        net::wait_for_queued(self.socket, self.unread).step("waiting for the reply to arrive")?;
        let received = recv(self.socket, RECV_SIZE);
        if let Ok(bytes) = &received {
            self.unread -= bytes.len();
        }
        Ok(received)
    }
}

fn unframed(server: &Server) -> Result<(Vec<CheckResult>, Option<usize>), LabError> {
    narration::step(
        "The course's mini ssh without framing: `seq 1 500` read with one recv(1024), then `echo hi`, `ls no-such-file`, `false`.",
        "the next reply starting with the last one's tail, stderr mixed in, and `false` leaving the client blocked.",
    );
    let pair = net::tcp_pair().step("connecting the client and the course's server")?;
    // Every recv below has its bytes queued already, except the one for
    // `false`, which waits this long for a reply that never comes.
    pair.client
        .set_read_timeout(Some(EMPTY_REPLY_WAIT))
        .step("setting the client's short SO_RCVTIMEO")?;
    let (sent, replies) = mpsc::channel();
    let mut client = UnframedClient {
        socket: &pair.client,
        sent: replies,
        unread: 0,
    };
    let server_socket = &pair.server;
    let (answers, children) = thread::scope(|scope| {
        let serving = scope.spawn(move || serve_unframed(server, server_socket, &sent));
        let answers = unframed_session(&mut client);
        // Closing our side ends the server's loop with EOF.
        pair.client
            .shutdown(std::net::Shutdown::Write)
            .step("closing the client")?;
        let children = join_thread(serving, "joining the course's server")?
            .step("serving the course's client")?;
        answers.map(|answers| (answers, children))
    })?;
    let UnframedAnswers {
        seq,
        leftover,
        echo,
        ls_missing,
        empty,
    } = answers;
    let programs = &server.programs;
    let checks = vec![
        needs(
            programs,
            &[SEQ_COMMAND],
            expect::exact(
                "unframed-seq",
                &format!("unframed: `{SEQ_COMMAND}` ({SEQ_OUTPUT_LEN} B), one recv({RECV_SIZE})"),
                format!("{RECV_SIZE} B, {SEQ_LEFTOVER} B left queued"),
                format!("{} B, {} B left queued", len_of(&seq), leftover),
            ),
        ),
        needs(
            programs,
            &[SEQ_COMMAND, ECHO_COMMAND],
            expect::exact(
                "unframed-echo-start",
                "  reply to `echo hi` starts with",
                bytes_literal(LEFTOVER_START),
                reply_start(&echo, LEFTOVER_START.len()),
            ),
        ),
        needs(
            programs,
            &[SEQ_COMMAND, ECHO_COMMAND],
            expect::exact(
                "unframed-echo-len",
                "  its length: 868 old + 3 new bytes",
                format!("{} B", SEQ_LEFTOVER + ECHO_OUTPUT.len()),
                format!("{} B", len_of(&echo)),
            ),
        ),
        needs(
            programs,
            &[LS_MISSING_COMMAND],
            expect::exact(
                "unframed-stderr",
                "unframed: `ls no-such-file` (stderr as output)",
                Shown::ok(LS_MISSING_STDERR),
                Shown::of(&ls_missing),
            ),
        ),
        needs(
            programs,
            &[FALSE_COMMAND],
            expect::exact(
                "unframed-false",
                "unframed: `false` sends 0 bytes; the recv",
                "blocked: EAGAIN".to_string(),
                match &empty {
                    Ok(bytes) => format!("returned {} B", bytes.len()),
                    Err(_) => format!("blocked: {}", net::outcome(&empty)),
                },
            ),
        ),
    ];
    Ok((checks, children))
}

/// What the course's client got: the recv after each command, and FIONREAD
/// right after the first one.
struct UnframedAnswers {
    seq: io::Result<Vec<u8>>,
    leftover: usize,
    echo: io::Result<Vec<u8>>,
    ls_missing: io::Result<Vec<u8>>,
    empty: io::Result<Vec<u8>>,
}

/// The unframed session: the long reply, the command after it, a failing
/// command, a silent one.
fn unframed_session(client: &mut UnframedClient) -> Result<UnframedAnswers, LabError> {
    let seq = client.ask(SEQ_COMMAND)?;
    let leftover = net::queued_bytes(client.socket).step("asking FIONREAD after recv(1024)")?;
    Ok(UnframedAnswers {
        seq,
        leftover,
        echo: client.ask(ECHO_COMMAND)?,
        ls_missing: client.ask(LS_MISSING_COMMAND)?,
        empty: client.ask(FALSE_COMMAND)?,
    })
}

/// What `seq 1 500` prints: "1\n" to "500\n", [`SEQ_OUTPUT_LEN`] bytes.
fn seq_output() -> Vec<u8> {
    (1..=SEQ_LAST)
        .flat_map(|n| format!("{n}\n").into_bytes())
        .collect()
}

fn len_of(result: &io::Result<Vec<u8>>) -> String {
    match result {
        Ok(bytes) => bytes.len().to_string(),
        Err(_) => net::outcome(result),
    }
}

fn reply_start(result: &io::Result<Vec<u8>>, count: usize) -> String {
    match result {
        Ok(bytes) => bytes_literal(&bytes[..count.min(bytes.len())]),
        Err(_) => net::outcome(result),
    }
}

// ---------------------------------------------------------------------------
// The framed version: a header dictionary per reply.
// ---------------------------------------------------------------------------

/// The framed server: each command is a frame (4-byte length, then the
/// line); each reply is one header-dictionary message, see [`reply_message`].
fn serve_framed(server: &Server, socket: &Socket) -> io::Result<Option<usize>> {
    let mut commands = Decoder::with_max(MAX_COMMAND_LEN);
    loop {
        let chunk = recv(socket, RECV_SIZE)?;
        if chunk.is_empty() {
            commands.finish().map_err(invalid)?;
            return own_children();
        }
        let mut input = &chunk[..];
        while let Some(line) = commands.decode(&mut input).map_err(invalid)? {
            let reply = reply_message(&server.execute(&line)).map_err(invalid)?;
            net::send_all(socket, &reply)?;
        }
    }
}

/// The reply to one command: the JSON header
/// `{"exit_status": 2, "signal": null, "stderr_len": 60, "stdout_len": 0, "size": 60}`
/// (`signal` set and `exit_status` null when the child was killed), then
/// stdout and stderr back to back. A refusal is `{"error": "...", "size": 0}`.
fn reply_message(outcome: &Outcome) -> Result<Vec<u8>, frame::FrameError> {
    let mut fields = Map::new();
    match outcome {
        Outcome::Ran(output) => {
            let (code, signal) = match output.status {
                Status::Exited(code) => (Value::from(code), Value::Null),
                Status::Killed(signal) => (Value::Null, Value::from(signal)),
            };
            fields.insert("exit_status".to_string(), code);
            fields.insert("signal".to_string(), signal);
            fields.insert("stdout_len".to_string(), output.stdout.len().into());
            fields.insert("stderr_len".to_string(), output.stderr.len().into());
            frame::encode_dict(&fields, &[&output.stdout[..], &output.stderr[..]].concat())
        }
        Outcome::NotRun(text) => {
            fields.insert("error".to_string(), Value::from(text.as_str()));
            frame::encode_dict(&fields, b"")
        }
    }
}

/// The framed client: sends each command as a frame and reads the reply
/// with recv(1024) calls through a [`DictDecoder`] until it is complete.
struct FramedClient<'a> {
    socket: &'a Socket,
    replies: DictDecoder,
}

impl FramedClient<'_> {
    fn ask(&mut self, command: &str) -> Result<Outcome, LabError> {
        let request = frame::encode(command.as_bytes())
            .map_err(invalid)
            .step("encoding a command")?;
        net::send_all(self.socket, &request).step("sending a command")?;
        loop {
            let chunk = recv(self.socket, RECV_SIZE).step("reading a reply")?;
            if chunk.is_empty() {
                self.replies
                    .finish()
                    .map_err(invalid)
                    .step("reading a reply")?;
                return Err(io::Error::from(io::ErrorKind::UnexpectedEof)).step("reading a reply");
            }
            let mut input = &chunk[..];
            // One request, one reply: nothing can follow it yet.
            if let Some(message) = self
                .replies
                .decode(&mut input)
                .map_err(invalid)
                .step("decoding a reply")?
            {
                return parse_reply(message).step("reading a reply header");
            }
        }
    }
}

/// Turns a reply message back into an [`Outcome`], checking that the
/// header's lengths add up to the body it came with.
fn parse_reply(message: DictMessage) -> io::Result<Outcome> {
    let header = &message.header;
    if let Some(text) = header.get("error").and_then(Value::as_str) {
        return Ok(Outcome::NotRun(text.to_string()));
    }
    let number = |key: &str| header.get(key).and_then(Value::as_i64);
    let (Some(stdout_len), Some(stderr_len)) = (number("stdout_len"), number("stderr_len")) else {
        return Err(invalid("no stdout_len or stderr_len in the header"));
    };
    let status = match (number("exit_status"), number("signal")) {
        (Some(code), None) => Status::Exited(code as i32),
        (None, Some(signal)) => Status::Killed(signal as i32),
        _ => return Err(invalid("neither exit_status nor signal in the header")),
    };
    let stdout_len = stdout_len as usize;
    if stdout_len + stderr_len as usize != message.body.len() {
        return Err(invalid("stdout_len + stderr_len is not the body's size"));
    }
    let mut stdout = message.body;
    let stderr = stdout.split_off(stdout_len);
    Ok(Outcome::Ran(Output {
        stdout,
        stderr,
        status,
    }))
}

fn invalid(error: impl ToString) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error.to_string())
}

fn framed(
    server: &Server,
    folder: &LabFolder,
) -> Result<(Vec<CheckResult>, Option<usize>), LabError> {
    let pair = net::tcp_pair().step("connecting the client and the framed server")?;
    let mut client = FramedClient {
        socket: &pair.client,
        // Room for both capped outputs; the codec checks the header's
        // size against it before it allocates.
        replies: DictDecoder::with_max(MAX_REPLY_HEADER, 2 * OUTPUT_CAP),
    };
    let (checks, children) = thread::scope(|scope| {
        let serving = scope.spawn(|| serve_framed(server, &pair.server));
        let checks = framed_session(&mut client, &server.programs, folder);
        pair.client
            .shutdown(std::net::Shutdown::Write)
            .step("closing the client")?;
        let children =
            join_thread(serving, "joining the framed server")?.step("serving the framed client")?;
        checks.map(|checks| (checks, children))
    })?;
    Ok((checks, children))
}

fn framed_session(
    client: &mut FramedClient,
    programs: &Programs,
    folder: &LabFolder,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The same commands with a framed reply: a header dictionary with the exit status and the stdout and stderr lengths.",
        "every reply exact, stderr and exit status apart.",
    );
    let seq = client.ask(SEQ_COMMAND)?;
    let echo = client.ask(ECHO_COMMAND)?;
    let ls_missing = client.ask(LS_MISSING_COMMAND)?;
    let silent = client.ask(FALSE_COMMAND)?;

    let mut checks = vec![
        needs(
            programs,
            &[SEQ_COMMAND],
            expect::exact(
                "framed-seq",
                "framed: `seq 1 500` stdout, whole",
                Shown::ok(&seq_output()),
                Shown::stdout(&seq),
            ),
        ),
        needs(
            programs,
            &[ECHO_COMMAND],
            expect::exact(
                "framed-echo",
                "  then `echo hi` stdout",
                Shown::ok(ECHO_OUTPUT),
                Shown::stdout(&echo),
            ),
        ),
        needs(
            programs,
            &[LS_MISSING_COMMAND],
            expect::exact(
                "framed-ls-stdout",
                "framed: `ls no-such-file` stdout",
                Shown::ok(b""),
                Shown::stdout(&ls_missing),
            ),
        ),
        needs(
            programs,
            &[LS_MISSING_COMMAND],
            expect::exact(
                "framed-ls-stderr",
                "  stderr",
                Shown::ok(LS_MISSING_STDERR),
                Shown::stderr(&ls_missing),
            ),
        ),
        needs(
            programs,
            &[LS_MISSING_COMMAND],
            expect::exact(
                "framed-ls-status",
                "  exit status",
                Status::Exited(LS_MISSING_STATUS).to_string(),
                status_of(&ls_missing),
            ),
        ),
        needs(
            programs,
            &[FALSE_COMMAND],
            expect::exact(
                "framed-false",
                "framed: `false`",
                format!("{}, no output", Status::Exited(FALSE_STATUS)),
                summary(&silent),
            ),
        ),
    ];
    checks.extend(no_shell(client, programs)?);
    checks.extend(no_cd(client, programs, folder)?);
    checks.push(output_cap(client, programs)?);
    Ok(checks)
}

/// Refusals, and shell syntax that stays text.
fn no_shell(client: &mut FramedClient, programs: &Programs) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Commands that are not on the allowlist, and shell syntax that no shell interprets.",
        "refusals, and `;` printed as text by echo.",
    );
    let mut checks = Vec::new();
    for (id, command, refusal) in REFUSED {
        let outcome = client.ask(command)?;
        checks.push(needs(
            programs,
            &[command],
            expect::exact(
                id,
                &format!("`{command}`"),
                refusal.to_string(),
                summary(&outcome),
            ),
        ));
    }
    let semicolon = client.ask(SEMICOLON_COMMAND)?;
    let quotes = client.ask(QUOTES_COMMAND)?;
    let listing = client.ask(LS_COMMAND)?;
    checks.extend([
        needs(
            programs,
            &[SEMICOLON_COMMAND],
            expect::exact(
                "literal-semicolon",
                "`echo hi; rm *`: echo prints the rest",
                Shown::ok(SEMICOLON_OUTPUT),
                Shown::stdout(&semicolon),
            ),
        ),
        needs(
            programs,
            &[QUOTES_COMMAND],
            expect::exact(
                "literal-quotes",
                r"`printf '%s\n' hi`: quotes stay",
                Shown::ok(QUOTES_OUTPUT),
                Shown::stdout(&quotes),
            ),
        ),
        needs(
            programs,
            &[LS_COMMAND],
            expect::exact(
                "files-still-there",
                "  `ls` afterwards: both files still there",
                Shown::ok(LS_LISTING),
                Shown::stdout(&listing),
            ),
        ),
    ]);
    Ok(checks)
}

/// `pwd`, `cd /`, `pwd`: the second `pwd` still runs in the lab's folder.
fn no_cd(
    client: &mut FramedClient,
    programs: &Programs,
    folder: &LabFolder,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "`pwd`, `cd /`, then `pwd` again.",
        "the directory does not change: every command is a new process.",
    );
    // pwd prints the physical path (symlinks resolved, as getcwd(3)
    // returns it), so compare with the folder's canonical path.
    let expected_dir = fs::canonicalize(&folder.path).step("resolving the lab's folder")?;
    let before = client.ask(PWD_COMMAND)?;
    let cd = client.ask(CD_COMMAND)?;
    let after = client.ask(PWD_COMMAND)?;
    Ok(vec![
        needs(
            programs,
            &[PWD_COMMAND],
            expect::exact(
                "pwd-before",
                "`pwd`",
                IN_LAB_FOLDER.to_string(),
                directory(&before, &expected_dir),
            ),
        ),
        needs(
            programs,
            &[CD_COMMAND],
            expect::exact(
                "cd-root",
                "`cd /`: a process of its own changes dir",
                format!("{}, no output", Status::Exited(0)),
                summary(&cd),
            ),
        ),
        needs(
            programs,
            &[CD_COMMAND, PWD_COMMAND],
            expect::exact(
                "pwd-after-cd",
                "  then `pwd`",
                IN_LAB_FOLDER.to_string(),
                directory(&after, &expected_dir),
            ),
        ),
    ])
}

fn directory(outcome: &Outcome, expected: &Path) -> String {
    match outcome {
        Outcome::Ran(output) if output.status == Status::Exited(0) => {
            let printed = String::from_utf8_lossy(&output.stdout);
            let printed = printed.strip_suffix('\n').unwrap_or(&printed);
            if Path::new(printed) == expected {
                IN_LAB_FOLDER.to_string()
            } else {
                format!("other: {printed}")
            }
        }
        other => summary(other),
    }
}

/// More output than the server reads: the child is killed, the client gets
/// exactly [`OUTPUT_CAP`] bytes and the signal.
fn output_cap(client: &mut FramedClient, programs: &Programs) -> Result<CheckResult, LabError> {
    narration::step(
        "A command whose output is far too large (`seq 1 1000000`).",
        "cut at 1 MiB, and the child killed and reaped.",
    );
    let flood = client.ask(FLOOD_COMMAND)?;
    Ok(needs(
        programs,
        &[FLOOD_COMMAND],
        expect::exact(
            "output-cap",
            "`seq 1 1000000` (6.9 MB): cut at 1 MiB",
            format!("{}, {OUTPUT_CAP} B stdout", Status::Killed(libc::SIGKILL)),
            match &flood {
                Outcome::Ran(output) => {
                    format!("{}, {} B stdout", output.status, output.stdout.len())
                }
                other => summary(other),
            },
        ),
    ))
}

fn status_of(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ran(output) => output.status.to_string(),
        Outcome::NotRun(text) => text.clone(),
    }
}

/// A short description: the refusal, or the status and output sizes.
fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ran(output) if output.stdout.is_empty() && output.stderr.is_empty() => {
            format!("{}, no output", output.status)
        }
        Outcome::Ran(output) => format!(
            "{}, {} B stdout, {} B stderr",
            output.status,
            output.stdout.len(),
            output.stderr.len()
        ),
        Outcome::NotRun(text) => text.clone(),
    }
}

// ---------------------------------------------------------------------------
// Cells, skips and clean-up.
// ---------------------------------------------------------------------------

/// Bytes, or what came instead, compared whole but shown short (as
/// [`bytes_literal`] does: long values are cut in the table, never in the
/// comparison).
#[derive(PartialEq)]
enum Shown {
    Bytes(Vec<u8>),
    Other(String),
}

impl Shown {
    fn ok(bytes: &[u8]) -> Shown {
        Shown::Bytes(bytes.to_vec())
    }

    fn of(result: &io::Result<Vec<u8>>) -> Shown {
        match result {
            Ok(bytes) => Shown::Bytes(bytes.clone()),
            Err(_) => Shown::Other(net::outcome(result)),
        }
    }

    fn stdout(outcome: &Outcome) -> Shown {
        match outcome {
            Outcome::Ran(output) => Shown::Bytes(output.stdout.clone()),
            Outcome::NotRun(text) => Shown::Other(text.clone()),
        }
    }

    fn stderr(outcome: &Outcome) -> Shown {
        match outcome {
            Outcome::Ran(output) => Shown::Bytes(output.stderr.clone()),
            Outcome::NotRun(text) => Shown::Other(text.clone()),
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Bytes(bytes) => f.write_str(&short_literal(bytes)),
            Shown::Other(text) => f.write_str(text),
        }
    }
}

/// In JSON a reply is its table cell: the short form, not a megabyte of text.
impl expect::Observable for Shown {
    fn typed(&self) -> report::Value {
        report::Value::Text(self.to_string())
    }
}

/// The widest a shown byte string gets, `b"` and `"` included: as wide as
/// 24 plain characters, so that escapes (`\n`) do not widen the table.
const SHOWN_WIDTH: usize = 27;

/// [`bytes_literal`] of as many leading bytes as fit in [`SHOWN_WIDTH`],
/// with the whole length when some are left out.
fn short_literal(bytes: &[u8]) -> String {
    let whole = bytes_literal(bytes);
    if whole.len() <= SHOWN_WIDTH {
        return whole;
    }
    let shown = (0..bytes.len())
        .rev()
        .map(|count| bytes_literal(&bytes[..count]))
        .find(|literal| literal.len() <= SHOWN_WIDTH)
        .unwrap_or_default();
    format!("{shown}… ({} bytes)", bytes.len())
}

/// `check` as it is, or skipped if a program its commands need is not on
/// this machine.
fn needs(programs: &Programs, command_lines: &[&str], check: CheckResult) -> CheckResult {
    match programs.missing(command_lines) {
        Some(reason) => expect::skip(check, &reason),
        None => check,
    }
}

fn children_left(course: Option<usize>, framed: Option<usize>) -> CheckResult {
    const ID: &str = "children-left";
    const NAME: &str = "child processes left (proc(5) children)";
    match (course, framed) {
        (Some(course), Some(framed)) => expect::exact(ID, NAME, 0, course + framed),
        _ => expect::skipped(ID, NAME, 0, "no /proc/self/task/<tid>/children here"),
    }
}

fn folder_removed(folder: LabFolder) -> Result<CheckResult, LabError> {
    fs::remove_dir_all(&folder.path).step("removing the lab's folder")?;
    let left = match fs::symlink_metadata(&folder.path) {
        Ok(_) => "still there".to_string(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => "removed".to_string(),
        Err(error) => format!("unknown: {}", net::outcome::<()>(&Err(error))),
    };
    Ok(expect::exact(
        "folder-removed",
        "the lab's temp folder after the run",
        "removed".to_string(),
        left,
    ))
}

/// The lab's folder with the [`LAB_FILES`] in it: the working directory of
/// every command. On an error, dropping the folder removes it again.
pub(crate) fn folder_with_files() -> io::Result<LabFolder> {
    let folder = LabFolder::create(LAB.number)?;
    for (name, contents) in LAB_FILES {
        fs::write(folder.path.join(name), contents)?;
    }
    Ok(folder)
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

    #[test]
    fn the_long_output_has_the_length_worked_out_by_hand() {
        let output = seq_output();
        assert_eq!(output.len(), SEQ_OUTPUT_LEN);
        assert_eq!(&output[RECV_SIZE..][..8], LEFTOVER_START);
        assert_eq!(SEQ_OUTPUT_LEN - RECV_SIZE, SEQ_LEFTOVER);
    }

    #[test]
    fn replies_survive_the_codec() {
        for outcome in [
            Outcome::Ran(Output {
                stdout: b"out".to_vec(),
                stderr: b"err\n".to_vec(),
                status: Status::Exited(2),
            }),
            Outcome::Ran(Output {
                stdout: Vec::new(),
                stderr: Vec::new(),
                status: Status::Killed(libc::SIGKILL),
            }),
            Outcome::NotRun("refused: rm is not on the allowlist".to_string()),
        ] {
            let bytes = reply_message(&outcome).unwrap();
            let mut decoder = DictDecoder::new();
            let message = decoder.decode(&mut &bytes[..]).unwrap().unwrap();
            assert_eq!(parse_reply(message).unwrap(), outcome);
        }
    }
}
