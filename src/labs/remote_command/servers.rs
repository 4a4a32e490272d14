//! Lab 17's servers. Each takes a command, runs it with the
//! [`super::runner`] and answers; they differ only in the answer. The
//! course's first server sends stdout and then stderr as they are, so
//! nothing marks where a reply ends, where stderr starts, or how the
//! program ended. Its header-dictionary server sends `struct.pack('i',
//! len(header))`, the JSON header `{"total_size": N}` and the output: the
//! size, and nothing else. The framed server sends one header-dictionary
//! message per command whose header says all three. At the client's EOF each server counts the child
//! processes it left behind: none, if every child was reaped.

use std::io;
use std::sync::mpsc::Sender;

use serde_json::{Map, Value};
use socket2::Socket;

use super::runner::{Outcome, Server, Status};
use super::{RECV_SIZE, invalid, recv};
use crate::environment::read_kernel_value;
use crate::frame::{self, Decoder};
use crate::net;
use crate::python;

/// The longest command line either server accepts: the course's
/// `conn.recv(1024)`.
pub(crate) const MAX_COMMAND_LEN: usize = 1024;

/// The course's server: `recv(1024)` is the command; the reply is stdout
/// followed by stderr, sent as they are. It tells `sent` how many bytes
/// each reply was (0 for a command that printed nothing), so the lab's
/// client can wait until all of them are queued before its one recv.
/// Returns its own child processes left at EOF.
pub(super) fn serve_unframed(
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

/// The course's header-dictionary server: `recv(1024)` is the command;
/// the reply, in one send, is `struct.pack('i', len(header))`, the header
/// `{"total_size": N}` as json.dumps writes it, then stdout and stderr.
pub(super) fn serve_course_dict(server: &Server, socket: &Socket) -> io::Result<Option<usize>> {
    loop {
        let line = recv(socket, MAX_COMMAND_LEN)?;
        if line.is_empty() {
            return own_children();
        }
        let body = match server.execute(&line) {
            Outcome::Ran(output) => [output.stdout, output.stderr].concat(),
            Outcome::NotRun(text) => format!("{text}\n").into_bytes(),
        };
        let header = python::json_object(&[("total_size", body.len().to_string())]);
        let length = python::pack_i(header.len()).map_err(invalid)?;
        net::send_all(socket, &[&length[..], header.as_bytes(), &body].concat())?;
    }
}

/// The framed server: each command is a frame (4-byte length, then the
/// line); each reply is one header-dictionary message, see [`reply_message`].
pub(super) fn serve_framed(server: &Server, socket: &Socket) -> io::Result<Option<usize>> {
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
pub(super) fn reply_message(outcome: &Outcome) -> Result<Vec<u8>, frame::FrameError> {
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

/// Child processes of the calling thread that still exist, zombies
/// included: /proc/self/task/<tid>/children (proc(5); the file exists when
/// the kernel has CONFIG_PROC_CHILDREN). A child belongs to the thread that
/// started it, so this counts the server thread's children only, whatever
/// other threads of the process do. `None` when the file does not exist.
fn own_children() -> io::Result<Option<usize>> {
    let path = format!("/proc/self/task/{}/children", net::current_thread_id());
    match read_kernel_value(&path) {
        Ok(text) => Ok(Some(text.split_ascii_whitespace().count())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}
