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
//!   first word up in a fixed allowlist (`runner::ALLOWLIST`) and runs that program
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
//! runs in the lab's folder again. And `cd` only goes where `ls` may look:
//! into the lab's folder. `cd /` or `cd ..` would start a process outside
//! it, and the answer must not depend on whether the path exists (`cd
//! /nonexistent` failing differently from `cd /etc/passwd` tells a client
//! which files the server has), so every path that leaves the folder gets
//! the same refusal, decided by its spelling before the file system is
//! asked. `ls -la` is refused as well: `-a` lists `..`, the folder above. (POSIX asks for every regular built-in to
//! exist as a program too, so some systems ship a `/usr/bin/cd`: a script
//! whose shell changes directory and exits. Useless in exactly this way.)
//!
//! Every child runs with a clean environment (`PATH` and `LC_ALL=C`, so
//! messages are the same English text everywhere), stdin from /dev/null,
//! the lab's own temp folder as working directory, at most
//! `runner::OUTPUT_CAP` bytes read from each of stdout and stderr, and
//! `runner::COMMAND_TIMEOUT` to finish; a child that goes over either is killed
//! (SIGKILL). Every child is waited for (reaped), so none is left as a
//! zombie; the lab checks that in /proc (proc(5)). The folder is removed at
//! the end, by a drop guard on error paths too.
//!
//! The course's own header-dictionary client blocks too, on a reply of 0
//! bytes (its receive loop calls recv before it compares), and its server's
//! `obj.stdout.read()` then `obj.stderr.read()` deadlocks on a child that
//! writes more than a pipe holds to stderr first: the lab shows both
//! (`pipes` for the second).
//!
//! The lab's files, one concern each:
//! - `runner`: one command line in, one outcome out: the allowlist, no
//!   shell, the clean environment, the caps, the reaping;
//! - `servers`: the course's server and the framed one, which differ only
//!   in how an outcome goes on the wire;
//! - `pipes`: the course's stdout-then-stderr reading, up to its deadlock;
//! - `clients`: the course's client (one recv(1024) per command) and the
//!   framed one (a decoder until the reply is whole);
//! - `cells`: how outcomes are shown in the table, and checks skipped when
//!   a program is missing here;
//! - this file: the lab itself, the commands it sends and what it expects.

mod cells;
mod clients;
mod pipes;
pub(crate) mod runner;
pub(crate) mod servers;

use std::fs;
use std::io;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::lab_folder::LabFolder;
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;
use cells::{Shown, directory, len_of, needs, reply_start, status_of, summary};
use clients::{FramedClient, UnframedClient};
use runner::{
    CD_OUTSIDE_REFUSAL, CHILD_MEMORY, LS_ALL_REFUSAL, OUTPUT_CAP, Outcome, Programs, Server, Status,
};
use servers::{serve_course_dict, serve_framed, serve_unframed};

pub const LAB: Lab = Lab {
    number: 17,
    slug: "remote-command",
    title: "Remote commands: a mini ssh without a shell",
    shows: "real processes from an allowlist: unframed replies bleed and lose stderr and status; framed replies are exact; no shell, no cd",
    summary: "A server runs allowlisted programs (no shell) and returns their output. Unframed, a long\n\
              reply bleeds into the next, stderr looks like output, the exit status is lost and an empty\n\
              reply hangs the client. Framed, every reply is exact. Refusals, literal `;`, and `cd`.",
    typical_run: "≈ 0.1 s",
    sheet: include_str!("../../../labs/17-remote-command/README.md"),
    sheet_zh_cn: include_str!("../../../labs/17-remote-command/README.zh-CN.md"),
    experiment: run,
};

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

/// Commands the server refuses, with its exact answer. None of them
/// would do harm even in a shell: a lab never sends anything that writes
/// or deletes, not even to show that it is refused.
const REFUSED: [(&str, &str, &str); 3] = [
    (
        "refuse-cat",
        "cat notes.txt",
        "refused: cat is not on the allowlist",
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
/// "hi;", "ls" and "*" and prints them; a shell would have run `ls` on
/// every file of the folder.
const SEMICOLON_COMMAND: &str = "echo hi; ls *";
const SEMICOLON_OUTPUT: &[u8] = b"hi; ls *\n";

/// printf gets the format "'%s\n'" with the quotes in it (a shell would
/// have removed them); printf itself turns the \n into a newline.
const QUOTES_COMMAND: &str = r"printf '%s\n' hi";
const QUOTES_OUTPUT: &[u8] = b"'hi\n'";

const LS_COMMAND: &str = "ls";
const PWD_COMMAND: &str = "pwd";

/// A folder the lab makes inside its own for `cd` (after the `ls` checks,
/// which list the two files only).
const CD_FOLDER: &str = "docs";
const CD_COMMAND: &str = "cd docs";

/// Paths that leave the lab's folder: refused, all with one answer.
const CD_OUTSIDE: [&str; 2] = ["cd /", "cd .."];

/// A path that does not exist and one that does (a file, not a folder):
/// if their answers differed, a client could map the server's files.
const CD_PROBES: [&str; 2] = ["cd /nonexistent", "cd /etc/passwd"];

/// `-a` lists `..`, the folder above the lab's.
const LS_ALL_COMMAND: &str = "ls -la";

/// More output than [`runner::OUTPUT_CAP`]: 1 to 1000000 is 6888896 bytes
/// (1-9: 18, 10-99: 270, 100-999: 3600, 1000-9999: 45000, 10^4-99999:
/// 540000, 10^5-999999: 6300000, then "1000000\n": 8). seq is still
/// writing when the server has read 1 MiB, so it is killed.
const FLOOD_COMMAND: &str = "seq 1 1000000";

/// Little output, much memory: printf builds the billion-digit number
/// (about 1.5 GB) before it writes any of it. Under the child's address
/// space cap its malloc fails; GNU printf then reports an error on stderr
/// and exits with status 1, having written nothing.
const MEMORY_COMMAND: &str = "printf %.999999999f 1";
const MEMORY_STATUS: i32 = 1;

/// What the table shows for `pwd`'s output when it is the lab's folder
/// (whose name has a pid in it, so it is never shown).
const IN_LAB_FOLDER: &str = "the lab folder";

/// Files the lab puts in its folder, so that `ls` has something to list.
/// `ls` sorts them by bytes (LC_ALL=C).
pub(crate) const LAB_FILES: [(&str, &[u8]); 2] =
    [("notes.txt", b"socket notes\n"), ("todo.txt", b"lab 17\n")];
/// What `ls` prints in the folder.
const LS_LISTING: &[u8] = b"notes.txt\ntodo.txt\n";

/// The course's client and server read with `recv(1024)`, and so do the
/// framed ones here: framing fixes the boundaries, not the buffer size.
const RECV_SIZE: usize = 1024;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let folder = folder_with_files().step("creating the lab's temp folder")?;
    let server = Server {
        programs: Programs::find(),
        folder: folder.path.clone(),
    };
    let (mut checks, course_children) = unframed(&server)?;
    let (dict_checks, dict_children) = course_dict_client(&server)?;
    checks.extend(dict_checks);
    checks.extend(pipe_deadlock(&server, &folder)?);
    let (framed_checks, framed_children) = framed(&server, &folder)?;
    checks.extend(framed_checks);
    checks.push(children_left(
        [course_children, dict_children, framed_children]
            .into_iter()
            .sum(),
    ));
    checks.push(folder_removed(folder)?);
    Ok(checks)
}

// ---------------------------------------------------------------------------
// The course's version: no framing, stdout + stderr, no exit status.
// ---------------------------------------------------------------------------

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
    let mut client = UnframedClient::new(&pair.client, replies);
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

// ---------------------------------------------------------------------------
// The framed version: a header dictionary per reply.
// ---------------------------------------------------------------------------

fn framed(
    server: &Server,
    folder: &LabFolder,
) -> Result<(Vec<CheckResult>, Option<usize>), LabError> {
    let pair = net::tcp_pair().step("connecting the client and the framed server")?;
    let mut client = FramedClient::new(&pair.client);
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
    checks.extend(output_cap(client, programs)?);
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
                "`echo hi; ls *`: echo prints the rest",
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

/// `pwd`, `cd docs`, `pwd`: the second `pwd` still runs in the lab's
/// folder. Then the paths `cd` refuses, and `ls -la`.
fn no_cd(
    client: &mut FramedClient,
    programs: &Programs,
    folder: &LabFolder,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "`pwd`, `cd docs`, then `pwd` again; then `cd` out of the lab's folder, and `ls -la`.",
        "the directory does not change: every command is a new process; and nothing outside the folder is shown.",
    );
    fs::create_dir(folder.path.join(CD_FOLDER)).step("creating the folder for cd")?;
    // pwd prints the physical path (symlinks resolved, as getcwd(3)
    // returns it), so compare with the folder's canonical path.
    let expected_dir = fs::canonicalize(&folder.path).step("resolving the lab's folder")?;
    let before = client.ask(PWD_COMMAND)?;
    let cd = client.ask(CD_COMMAND)?;
    let after = client.ask(PWD_COMMAND)?;
    let outside = ask_all(client, &CD_OUTSIDE)?;
    let probes = ask_all(client, &CD_PROBES)?;
    let listing = client.ask(LS_ALL_COMMAND)?;
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
                "cd-subfolder",
                "`cd docs`: a process of its own changes dir",
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
        needs(
            programs,
            &CD_OUTSIDE,
            expect::exact(
                "cd-outside",
                "`cd /`, `cd ..`: out of the lab folder",
                CD_OUTSIDE_REFUSAL.to_string(),
                one_answer(&outside),
            ),
        ),
        needs(
            programs,
            &CD_PROBES,
            expect::exact(
                "cd-no-probing",
                "  `cd /nonexistent`, `cd /etc/passwd`",
                CD_OUTSIDE_REFUSAL.to_string(),
                one_answer(&probes),
            ),
        ),
        needs(
            programs,
            &[LS_ALL_COMMAND],
            expect::exact(
                "ls-all",
                "`ls -la`: would list .., the folder above",
                LS_ALL_REFUSAL.to_string(),
                summary(&listing),
            ),
        ),
    ])
}

/// The outcomes of `commands`, one after another.
fn ask_all(client: &mut FramedClient, commands: &[&str]) -> Result<Vec<Outcome>, LabError> {
    commands.iter().map(|command| client.ask(command)).collect()
}

/// The answer all `outcomes` share, or each of them when they differ.
fn one_answer(outcomes: &[Outcome]) -> String {
    let answers: Vec<String> = outcomes.iter().map(summary).collect();
    if answers.windows(2).all(|pair| pair[0] == pair[1]) {
        answers.first().cloned().unwrap_or_default()
    } else {
        answers.join(" | ")
    }
}

/// More output than the server reads: the child is killed, the client gets
/// exactly [`OUTPUT_CAP`] bytes and the signal. More memory than a child
/// may have: its allocation fails, and it exits.
fn output_cap(
    client: &mut FramedClient,
    programs: &Programs,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A command whose output is far too large (`seq 1 1000000`), and one that asks for 1.5 GB of memory.",
        "cut at 1 MiB, and the child killed and reaped; the memory cap making printf fail.",
    );
    let flood = client.ask(FLOOD_COMMAND)?;
    let memory = client.ask(MEMORY_COMMAND)?;
    let status_and_stdout = |outcome: &Outcome| match outcome {
        Outcome::Ran(output) => format!("{}, {} B stdout", output.status, output.stdout.len()),
        other => summary(other),
    };
    Ok(vec![
        needs(
            programs,
            &[FLOOD_COMMAND],
            expect::exact(
                "output-cap",
                "`seq 1 1000000` (6.9 MB): cut at 1 MiB",
                format!("{}, {OUTPUT_CAP} B stdout", Status::Killed(libc::SIGKILL)),
                status_and_stdout(&flood),
            ),
        ),
        needs(
            programs,
            &[MEMORY_COMMAND],
            expect::exact(
                "memory-cap",
                &format!(
                    "`{MEMORY_COMMAND}` (1.5 GB): {} MiB cap",
                    CHILD_MEMORY / (1024 * 1024)
                ),
                format!("{}, 0 B stdout", Status::Exited(MEMORY_STATUS)),
                status_and_stdout(&memory),
            ),
        ),
    ])
}

// ---------------------------------------------------------------------------
// The course's header-dictionary client, and its server's pipes.
// ---------------------------------------------------------------------------

/// The course's header-dictionary client against the course's server: the
/// reply to `false` says `total_size` 0, and the client's receive loop,
/// which calls recv before it compares, waits for a body that never comes.
fn course_dict_client(server: &Server) -> Result<(Vec<CheckResult>, Option<usize>), LabError> {
    narration::step(
        "The course's header-dictionary client sends `false`, whose reply has total_size 0.",
        "its loop's recv blocking on a body of 0 bytes; `while received < total_size` makes no recv.",
    );
    let pair = net::tcp_pair().step("connecting the client and the course's server")?;
    let server_socket = &pair.server;
    let (answers, children) = thread::scope(|scope| {
        let serving = scope.spawn(move || serve_course_dict(server, server_socket));
        let answers = course_dict_session(&pair.client);
        pair.client
            .shutdown(std::net::Shutdown::Write)
            .step("closing the client")?;
        let children = join_thread(serving, "joining the course's server")?
            .step("serving the course's header-dictionary client")?;
        answers.map(|answers| (answers, children))
    })?;
    let (total_size, extra_recv, fixed) = answers;
    let checks = vec![
        needs(
            &server.programs,
            &[FALSE_COMMAND],
            expect::exact(
                "dict-false-size",
                "course header dict: `false`'s total_size",
                "0".to_string(),
                total_size,
            ),
        ),
        needs(
            &server.programs,
            &[FALSE_COMMAND],
            expect::exact(
                "dict-false-course-loop",
                "  course loop (recv, then compare): the recv",
                "blocked: EAGAIN".to_string(),
                match &extra_recv {
                    Ok(bytes) => format!("returned {} B", bytes.len()),
                    Err(_) => format!("blocked: {}", net::outcome(&extra_recv)),
                },
            ),
        ),
        needs(
            &server.programs,
            &[FALSE_COMMAND],
            expect::exact(
                "dict-false-fixed-loop",
                "  while received < total_size: recvs, bytes",
                "0 recvs, 0 B".to_string(),
                fixed,
            ),
        ),
    ];
    Ok((checks, children))
}

/// One reply's header, read as the course's client reads it: `recv(4)`,
/// then the JSON header, then its `total_size`.
fn course_dict_header(client: &Socket) -> Result<Option<usize>, LabError> {
    let length = net::recv_exactly(client, 4).step("reading the length")?;
    let length = i32::from_le_bytes([length[0], length[1], length[2], length[3]]);
    let header = net::recv_exactly(client, usize::try_from(length).unwrap_or(0))
        .step("reading the JSON header")?;
    let header: serde_json::Value = serde_json::from_slice(&header)
        .map_err(invalid)
        .step("parsing the header")?;
    Ok(header["total_size"].as_u64().map(|size| size as usize))
}

/// `false` twice: read with the course's loop, then with the fixed one.
fn course_dict_session(client: &Socket) -> Result<(String, io::Result<Vec<u8>>, String), LabError> {
    net::send_all(client, FALSE_COMMAND.as_bytes()).step("sending a command")?;
    let total_size = course_dict_header(client)?;
    // The course's loop: data = recv(1024); res += data; then compare.
    // The reply is complete, so this recv can only wait.
    client
        .set_read_timeout(Some(EMPTY_REPLY_WAIT))
        .step("setting the client's short SO_RCVTIMEO")?;
    let extra = recv(client, RECV_SIZE);
    client
        .set_read_timeout(Some(net::IO_TIMEOUT))
        .step("setting the client's SO_RCVTIMEO back")?;
    net::send_all(client, FALSE_COMMAND.as_bytes()).step("sending a command")?;
    let size = course_dict_header(client)?.unwrap_or(0);
    let (mut recvs, mut received) = (0, 0);
    while received < size {
        let chunk = recv(client, RECV_SIZE).step("reading the body")?;
        if chunk.is_empty() {
            break;
        }
        recvs += 1;
        received += chunk.len();
    }
    Ok((
        total_size.map_or("none".to_string(), |size| size.to_string()),
        extra,
        format!("{recvs} recvs, {received} B"),
    ))
}

/// The course's `obj.stdout.read()` then `obj.stderr.read()` on a child
/// that writes 106000 bytes to stderr first, beside the runner's reading of
/// both pipes together.
fn pipe_deadlock(server: &Server, folder: &LabFolder) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's server reads a child's stdout to its end, then its stderr; `ls` writes 106000 bytes of errors first.",
        "the stderr pipe full at 64 KiB and the child asleep: a deadlock, ended by a kill.",
    );
    const ID: &str = "pipe-deadlock";
    const NAME: &str = "stdout.read() then stderr.read(), 106 kB of errors";
    let expected = format!(
        "stderr pipe full, child asleep (S), stdout: nothing in {} ms",
        pipes::STDOUT_WAIT.as_millis()
    );
    let Some(ls) = pipes::ls_program() else {
        return Ok(vec![expect::skipped(
            ID,
            NAME,
            expected,
            "no ls in /usr/bin or /bin here",
        )]);
    };
    let deadlock =
        pipes::course_reader(&ls, &folder.path).step("reading a child the course's way")?;
    let fixed = pipes::fixed_reader(server);
    Ok(vec![
        expect::exact(
            ID,
            NAME,
            expected,
            format!(
                "stderr pipe {}, child asleep ({}), stdout: {}",
                deadlock.stderr_pipe, deadlock.child_state, deadlock.stdout_read
            ),
        ),
        expect::exact(
            "pipe-deadlock-ended",
            "  the child after the kill",
            "killed by SIGKILL, reaped".to_string(),
            deadlock.ended,
        ),
        needs(
            &server.programs,
            &["ls"],
            expect::exact(
                "pipes-read-together",
                "  both pipes read as poll(2) says: the reply",
                format!(
                    "exit status 2, {} B stdout, {} B stderr",
                    pipes::LISTED.len() + 1,
                    pipes::STDERR_LEN
                ),
                summary(&fixed),
            ),
        ),
    ])
}

// ---------------------------------------------------------------------------
// Clean-up, and what the servers and clients share.
// ---------------------------------------------------------------------------

/// The servers' children still there at the end (`None` when /proc does
/// not tell), summed.
fn children_left(left: Option<usize>) -> CheckResult {
    const ID: &str = "children-left";
    const NAME: &str = "child processes left (proc(5) children)";
    match left {
        Some(left) => expect::exact(ID, NAME, 0, left),
        None => expect::skipped(ID, NAME, 0, "no /proc/self/task/<tid>/children here"),
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

/// ONE recv, as [`net::recv_once`], but tried again when a signal
/// interrupts it (EINTR), as Python's `socket.recv` does since PEP 475: a
/// pending signal, even one nobody handles, ends a recv that has SO_RCVTIMEO
/// with EINTR (see `runner::limit_child`).
fn recv(socket: &Socket, size: usize) -> io::Result<Vec<u8>> {
    loop {
        match net::recv_once(socket, size) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn invalid(error: impl ToString) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error.to_string())
}

fn join_thread<T>(handle: thread::ScopedJoinHandle<'_, T>, what: &str) -> Result<T, LabError> {
    handle
        .join()
        .map_err(|_| io::Error::other("thread panicked"))
        .step(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_output_has_the_length_worked_out_by_hand() {
        let output = seq_output();
        assert_eq!(output.len(), SEQ_OUTPUT_LEN);
        assert_eq!(&output[RECV_SIZE..][..8], LEFTOVER_START);
        assert_eq!(SEQ_OUTPUT_LEN - RECV_SIZE, SEQ_LEFTOVER);
    }
}
