//! Exercises: the student writes one end of a lab, socklab plays the other
//! and grades what the student's program did on the socket.
//!
//! A lab shows a problem; an exercise makes the student solve it. socklab
//! already speaks every lab's wire format, so it can play one end against
//! a program written in any language and judge that program by what it
//! did: the bytes it sent and in how many messages, what it had read when
//! it answered, whether it noticed EOF, whether it closed. The verdicts
//! come from [`crate::expect`], as in every lab, and the result is the same
//! [`crate::report::Report`] with the same renderers: Check | Expected |
//! Observed | Verdict, and under it socklab's side of the conversation,
//! every byte both ways (recorded by [`crate::net::trace`]).
//!
//! - `socklab exercises` lists them, with what you have passed so far
//!   ([`progress`]).
//! - `socklab exercise 6.2 [--hint]` prints the task.
//! - `socklab check 6.2 -- python3 my_server.py` grades a program
//!   ([`runner`]); `--watch` grades it again on every save ([`watch`]).
//!
//! Each exercise has a folder under `exercises/` in the repository with a
//! reference solution (`solution.py`, written the way the course writes
//! its programs) and at least one program that makes the course's mistake
//! (`wrong_*.py`); its manifest, `exercises/NN.N-slug/expected.txt`, names
//! the check each wrong program must fail. tests/exercises.rs runs them
//! all: a check that cannot fail is caught there.
//!
//! Adding an exercise is one [`Exercise`] in its lab's module (one module
//! per lab below), one line in [`ALL`], and its folder.

mod capture;
mod concurrency;
mod conversation;
mod course;
mod file_transfer;
mod framing;
mod hmac_auth;
mod partial_recv;
pub mod progress;
mod remote_command;
pub mod runner;
mod session;
mod short_writes;
mod sticky;
mod udp;
pub mod watch;

use std::fmt;

use crate::i18n::{self, Lang};
use crate::lab::Lab;
use crate::report::CheckResult;
use crate::tr;
pub use session::{Heard, NotRun, STEP, Session};

/// Which end of the conversation socklab plays; the student writes the
/// other one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plays {
    /// socklab listens on TCP; the student's client connects.
    TcpServer,
    /// The student's server listens on TCP at the address socklab gives;
    /// socklab connects.
    TcpClient,
    /// socklab waits for datagrams; the student's client sends them.
    UdpServer,
    /// The student's UDP server binds the address socklab gives; socklab
    /// sends to it.
    UdpClient,
}

impl Plays {
    /// "socklab plays the server (TCP): you write the client".
    pub fn sentence(self) -> &'static str {
        match self {
            Plays::TcpServer => "socklab plays the TCP server: you write the client",
            Plays::TcpClient => "socklab plays the TCP client: you write the server",
            Plays::UdpServer => "socklab plays the UDP server: you write the client",
            Plays::UdpClient => "socklab plays the UDP client: you write the server",
        }
    }

    /// Whether the student's program is the one that listens (a server,
    /// which runs until socklab ends it).
    pub fn student_listens(self) -> bool {
        matches!(self, Plays::TcpClient | Plays::UdpClient)
    }
}

/// A grader: plays socklab's end of the conversation and returns the
/// checks of what the student's program did, or why it could not.
pub type Grader = fn(&mut Session) -> Result<Vec<CheckResult>, NotRun>;

/// One exercise.
pub struct Exercise {
    /// `6.2`: the lab's number, then the exercise's within the lab.
    pub id: &'static str,
    pub lab: &'static Lab,
    /// Its folder under `exercises/`: `06.2-header-server`.
    pub folder: &'static str,
    pub title: &'static str,
    pub plays: Plays,
    /// What to write, and how socklab checks it.
    pub task: &'static str,
    /// The hint `--hint` prints.
    pub hint: &'static str,
    /// The task and the hint in Chinese (`task.zh-CN.md`, `hint.zh-CN.md`).
    pub task_zh_cn: &'static str,
    pub hint_zh_cn: &'static str,
    /// What socklab sets up before the student's program starts (the file
    /// an upload client sends); most exercises need nothing.
    pub prepare: fn(&Session) -> Result<(), NotRun>,
    pub grade: Grader,
}

/// The `prepare` of an exercise that needs nothing set up.
pub fn nothing_to_prepare(_: &Session) -> Result<(), NotRun> {
    Ok(())
}

/// Every exercise, in course order.
pub const ALL: &[&Exercise] = &[
    &sticky::FRAMED_CLIENT,
    &sticky::FRAMED_SERVER,
    &partial_recv::COMMAND_CLIENT,
    &partial_recv::EXACT_SERVER,
    &udp::WHOLE_DATAGRAMS,
    &framing::HEADER_CLIENT,
    &framing::HEADER_SERVER,
    &conversation::NOTICES_EOF,
    &conversation::HALF_CLOSE_CLIENT,
    &short_writes::SEND_LOOP,
    &udp::TIME_CLIENT,
    &udp::TIME_SERVER,
    &concurrency::THREADED_SERVER,
    &hmac_auth::SHA256_CLIENT,
    &hmac_auth::MD5_CLIENT,
    &hmac_auth::SERVER,
    &file_transfer::PUT_CLIENT,
    &file_transfer::PUT_SERVER,
    &remote_command::SHELL_CLIENT,
    &remote_command::SHELL_SERVER,
];

/// An exercise id that matches nothing; the message says where the list is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownExercise(pub String);

impl fmt::Display for UnknownExercise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first = ALL[0].id;
        let last = ALL[ALL.len() - 1].id;
        f.write_str(&tr!(
            "unknown-exercise",
            "unknown exercise '{id}': give an id such as {first} or {last} (see `socklab exercises`)",
            id = self.0,
            first = first,
            last = last
        ))
    }
}

/// The exercise with this id (`6.2`; `06.2` works too).
pub fn find(id: &str) -> Result<&'static Exercise, UnknownExercise> {
    let id = id.trim();
    let normal = id.trim_start_matches('0');
    ALL.iter()
        .copied()
        .find(|exercise| exercise.id == normal || exercise.folder == id)
        .ok_or_else(|| UnknownExercise(id.to_string()))
}

impl Exercise {
    /// The task in the current language.
    pub fn task(&self) -> &'static str {
        match i18n::current() {
            Lang::En => self.task,
            Lang::ZhCn => self.task_zh_cn,
        }
    }

    /// The hint in the current language.
    pub fn hint(&self) -> &'static str {
        match i18n::current() {
            Lang::En => self.hint,
            Lang::ZhCn => self.hint_zh_cn,
        }
    }
}

/// `socklab exercise ID`: the task as the student reads it.
pub fn describe(exercise: &Exercise, hint: bool) -> String {
    let mut text = tr!(
        "exercise-heading",
        "Exercise {id} · lab {number} ({slug}) · {title}\n{plays}.\n\n{task}",
        id = exercise.id,
        number = exercise.lab.number,
        slug = exercise.lab.slug,
        title = i18n::text(exercise.title),
        plays = i18n::text(exercise.plays.sentence()),
        task = exercise.task().trim_end()
    );
    let program = if exercise.plays.student_listens() {
        "my_server.py"
    } else {
        "my_client.py"
    };
    text.push_str("\n\n");
    text.push_str(&tr!(
        "exercise-how-to-check",
        "Check it with:\n  socklab check {id} -- python3 {program}\n\
         Your program gets the address as its last two arguments (HOST PORT) and in\n\
         SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR (HOST:PORT); SOCKLAB_DIR is a\n\
         private folder for files. It may run {seconds} s (`--time-limit`).",
        id = exercise.id,
        program = program,
        seconds = runner::DEFAULT_TIME_LIMIT.as_secs()
    ));
    text.push_str("\n\n");
    if hint {
        text.push_str(&tr!(
            "exercise-hint",
            "Hint: {hint}",
            hint = exercise.hint().trim_end()
        ));
    } else {
        text.push_str(&tr!(
            "exercise-stuck",
            "Stuck? `socklab exercise {id} --hint`",
            id = exercise.id
        ));
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_folders_and_labs_agree() {
        for exercise in ALL {
            let (lab, _) = exercise.id.split_once('.').expect("id is LAB.N");
            assert_eq!(lab.parse::<u8>().unwrap(), exercise.lab.number);
            assert_eq!(
                exercise.folder.split_once('-').unwrap().0,
                format!(
                    "{:02}.{}",
                    exercise.lab.number,
                    &exercise.id[lab.len() + 1..]
                )
            );
            assert_eq!(ALL.iter().filter(|e| e.id == exercise.id).count(), 1);
        }
        assert!(ALL.len() >= 20, "the course has at least 20 exercises");
        // Every lab with serve/connect roles has at least one.
        for roles in crate::roles::ROLES {
            assert!(
                ALL.iter().any(|e| e.lab.number == roles.lab.number),
                "lab {} has roles but no exercise",
                roles.lab.number
            );
        }
    }

    #[test]
    fn finds_by_id_and_folder_and_explains_the_fix() {
        assert_eq!(find("6.2").unwrap().id, "6.2");
        assert_eq!(find("06.2").unwrap().id, "6.2");
        assert_eq!(find("06.2-header-server").unwrap().id, "6.2");
        let Err(error) = find("9.9") else {
            panic!("9.9 is no exercise")
        };
        let error = error.to_string();
        assert!(error.contains("socklab exercises"), "{error}");
    }
}
