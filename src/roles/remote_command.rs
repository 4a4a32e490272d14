//! Lab 17's roles: the course's remote command server, without a shell.
//!
//! The client sends a command line with one `send`; the server takes ONE
//! `recv(1024)` as the command, runs it and answers in one of the three
//! shapes the course's servers use:
//!
//! ```python
//! # --reply header-dict (the default), size under "total_size":
//! header = json.dumps({"total_size": len(body), ...}).encode('utf-8')
//! conn.send(struct.pack('i', len(header)) + header + body)
//! # --reply header-dict --size-field data_size: the same, "data_size"
//! # --reply length-prefix: no JSON at all
//! conn.send(struct.pack('i', len(body)) + body)
//! ```
//!
//! The body is stdout followed by stderr. (The course's `data_size` server
//! sends stderr if there was any and stdout otherwise, losing one of them;
//! a client reads the same framing either way, and this server keeps
//! both.) The header-dictionary replies carry more than the size: where
//! stdout ends and how the program ended (`stdout_len`, `stderr_len`,
//! `exit_status`, or `signal` when it was killed), which a client written
//! for the course ignores. A command that is not run gets a refusal as its
//! output (with an `error` field in a header), so a client that prints the
//! body shows it. The message goes out in ONE send: three small sends in a
//! row would meet Nagle and delayed ACK (lab 5), and a course client that
//! reads the header with one unlooped recv would get only part of it.
//!
//! The command never reaches a shell. It goes through lab 17's own server
//! ([`Server::execute`]): the line is split on whitespace, the first word
//! must be on the lab's allowlist, the program runs by absolute path with a
//! clean environment, at most 1 MiB of output and 2 s, and is always
//! reaped. Commands run in a temp folder of their own (two small files, so
//! that `ls` shows something), created for each client and removed when it
//! leaves.
//!
//! A command is at most 1024 bytes, the course's `recv(1024)`. A recv that
//! fills all 1024 bytes with more still queued is a longer command, whose
//! tail would be read as the next command: the server refuses it and closes
//! the connection, since the stream no longer has command boundaries.
//!
//! The client speaks to the course's servers, which run whatever they
//! receive in a shell on the student's machine: it sends only commands
//! that do no harm there (print, count, list a file that does not exist,
//! fail), never anything that writes or deletes. It recognises each reply's
//! shape by itself: after the 4-byte length come either a JSON header with
//! `total_size` or `data_size` (then that many bytes of body) or the
//! output itself.

use crate::frame::MAX_FRAME_LEN;
use crate::labs::remote_command::runner::{Outcome, Programs, Server, Status};
use crate::labs::remote_command::servers::MAX_COMMAND_LEN;
use crate::labs::remote_command::{LAB, LAB_FILES, folder_with_files};
use crate::net::bytes_literal;
use crate::python::{json_object, json_string, pack_i};
use crate::roles::ConflictingOptions;
use crate::roles::framing::{PREFIX_LEN, exactly, parse_header, shorten};
use crate::roles::options::{Flag, ReplyShape, SizeField};
use crate::roles::{
    Conn, Connect, Ending, RoleError, RoleOptions, Roles, Serve, log, log_length_prefix, show,
};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "runs allowlisted programs (no shell) in a temp folder of its own; one recv(1024) is one command; replies `--reply header-dict` (default; size in `total_size`, or `data_size` with `--size-field`) or `--reply length-prefix`",
    client: "sends `echo hi`, `seq 1 500`, `ls no-such-file`, `false` (nothing that writes or deletes: the course's servers run it in a shell) and reads each reply, whichever shape",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[Flag::Reply, Flag::SizeField(&REPLY_SIZE_FIELDS)],
    connect_flags: &[],
    settings: Some(settings),
};

/// The size fields of the course's header-dictionary replies.
const REPLY_SIZE_FIELDS: [SizeField; 2] = [SizeField::TotalSize, SizeField::DataSize];

/// What the client sends: output, an output longer than one recv(1024),
/// an error message on stderr (exit status 2), and no output at all (exit
/// status 1). Each is harmless in a shell too.
const COMMANDS: [&str; 4] = ["echo hi", "seq 1 500", "ls no-such-file", "false"];

fn settings(options: &RoleOptions) -> Result<String, ConflictingOptions> {
    match (options.reply, options.size_field) {
        (ReplyShape::HeaderDict, field) => Ok(tr!(
            "role17-settings-header-dict",
            "replies: struct 'i' length, JSON header with \"{field}\" (the body's size), stdout + stderr \
             (--size-field data_size or --reply length-prefix for the course's other shapes)",
            field = field.unwrap_or(SizeField::TotalSize).key()
        )),
        (ReplyShape::LengthPrefix, None) => Ok(i18n::text(
            "replies: struct 'i' length of the output, then the output (stdout + stderr), no JSON",
        )
        .into_owned()),
        (ReplyShape::LengthPrefix, Some(_)) => Err(ConflictingOptions(
            "--size-field names a field of the JSON header, and --reply length-prefix sends none: \
             drop one of them",
        )),
    }
}

fn serve(conn: &mut Conn, options: &RoleOptions) -> Result<(), RoleError> {
    // Removed when this function returns, however it returns.
    let folder = folder_with_files().map_err(|e| {
        RoleError(tr!(
            "role17-cannot-create-folder",
            "creating the commands' temp folder: {error}",
            error = e
        ))
    })?;
    let files = LAB_FILES
        .iter()
        .map(|(name, _)| name.to_string())
        .reduce(|a, b| tr!("role-both", "{a} and {b}", a = a, b = b))
        .unwrap_or_default();
    log(tr!(
        "role17-folder",
        "commands run in a new temp folder holding {files}, removed when the client leaves",
        files = files
    ));
    let server = Server {
        programs: Programs::find(),
        folder: folder.path.clone(),
    };
    for number in 1.. {
        let command = conn.recv(MAX_COMMAND_LEN)?;
        if command.is_empty() {
            log(tr!(
                "role17-client-closed",
                "client closed after {count} commands",
                count = number - 1
            ));
            return Ok(());
        }
        if command.len() == MAX_COMMAND_LEN && conn.queued()? > 0 {
            // What goes over the wire stays as it is, in every language.
            let refusal = format!("refused: command over {MAX_COMMAND_LEN} bytes");
            reply(conn, options, number, &Outcome::NotRun(refusal))?;
            return Err(RoleError(tr!(
                "role17-command-too-long",
                "command over {max} bytes: its tail would be read as the next command",
                max = MAX_COMMAND_LEN
            )));
        }
        reply(conn, options, number, &server.execute(&command))?;
    }
    Ok(())
}

/// Sends the reply to command `number` as one message, in the shape the
/// options chose.
fn reply(
    conn: &mut Conn,
    options: &RoleOptions,
    number: usize,
    outcome: &Outcome,
) -> Result<(), RoleError> {
    let body = body_of(outcome);
    let message = match options.reply {
        ReplyShape::HeaderDict => {
            let field = options.size_field.unwrap_or(SizeField::TotalSize);
            let header = header_of(outcome, field, body.len());
            log(tr!(
                "role17-reply-header",
                "reply #{number}: header {header}",
                number = number,
                header = shorten(&header)
            ));
            [
                &pack_i(header.len()).map_err(|error| RoleError(error.to_string()))?[..],
                header.as_bytes(),
                &body,
            ]
            .concat()
        }
        ReplyShape::LengthPrefix => {
            log(tr!(
                "role17-reply-length",
                "reply #{number}: length {length} then the output",
                number = number,
                length = body.len()
            ));
            [
                &pack_i(body.len()).map_err(|error| RoleError(error.to_string()))?[..],
                &body,
            ]
            .concat()
        }
    };
    conn.send(&message)
}

/// The body of a reply: stdout then stderr, or the refusal and a newline.
fn body_of(outcome: &Outcome) -> Vec<u8> {
    match outcome {
        Outcome::Ran(output) => [&output.stdout[..], &output.stderr[..]].concat(),
        Outcome::NotRun(text) => format!("{text}\n").into_bytes(),
    }
}

/// The JSON header of a reply, as Python's `json.dumps` writes it: the
/// size under `field` first, then what the course's `stdout + stderr`
/// loses.
fn header_of(outcome: &Outcome, field: SizeField, size: usize) -> String {
    let size = (field.key(), size.to_string());
    match outcome {
        Outcome::Ran(output) => {
            let (code, signal) = match output.status {
                Status::Exited(code) => (code.to_string(), "null".to_string()),
                Status::Killed(signal) => ("null".to_string(), signal.to_string()),
            };
            json_object(&[
                size,
                ("stdout_len", output.stdout.len().to_string()),
                ("stderr_len", output.stderr.len().to_string()),
                ("exit_status", code),
                ("signal", signal),
            ])
        }
        Outcome::NotRun(text) => json_object(&[size, ("error", json_string(text))]),
    }
}

fn connect(conn: &mut Conn, _: &RoleOptions) -> Result<Ending, RoleError> {
    for (index, command) in COMMANDS.iter().enumerate() {
        conn.send(command.as_bytes())?;
        if let Err(not_understood) = read_reply(conn, index + 1)? {
            return Ok(Ending::NotUnderstood(not_understood.0));
        }
    }
    conn.close_sending()?;
    Ok(Ending::Done)
}

/// One reply, in whichever of the three shapes, trusted no more than
/// `socklab serve 6` trusts a client: lengths are checked against the caps
/// before anything is allocated, and memory grows only as bytes arrive.
/// `Ok(Err(why))` when the bytes are not a reply in any of the shapes.
/// (A [`NotAReply`] is the server's failure to speak the protocol, which
/// `connect` reports with exit 1; a [`RoleError`] is the exchange failing.)
/// Why what the server sent is not a reply of any of the course's shapes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
struct NotAReply(String);

fn read_reply(conn: &mut Conn, number: usize) -> Result<Result<(), NotAReply>, RoleError> {
    let Some(prefix) = conn.recv_exactly(PREFIX_LEN, "length prefix")? else {
        return Ok(Err(NotAReply(tr!(
            "role17-closed-instead",
            "the server closed instead of replying to command #{number}",
            number = number
        ))));
    };
    let declared = i32::from_le_bytes(prefix[..].try_into().unwrap_or_default());
    let length = match usize::try_from(declared) {
        Ok(length) if length <= MAX_FRAME_LEN => length,
        _ => {
            return Ok(Err(NotAReply(tr!(
                "role17-not-a-length",
                "reply #{number} starts with {prefix}, which is no struct 'i' length up to {max}: \
                 not one of the course's reply shapes",
                number = number,
                prefix = bytes_literal(&prefix),
                max = MAX_FRAME_LEN
            ))));
        }
    };
    log_length_prefix("reply", number, &prefix, length);
    let first = exactly(conn, length, "reply")?;
    if first.first() != Some(&b'{') {
        log(tr!(
            "role17-no-header",
            "reply #{number}: no JSON header: the {length} bytes are the output (--reply length-prefix)",
            number = number,
            length = length
        ));
        log(tr!(
            "role17-output",
            "reply #{number}: output {output}",
            number = number,
            output = show(&first)
        ));
        return Ok(Ok(()));
    }
    let header = match parse_header(&first, &REPLY_SIZE_FIELDS) {
        Ok(header) => header,
        Err(error) => {
            return Ok(Err(NotAReply(tr!(
                "role17-bad-header",
                "reply #{number}: {error}",
                number = number,
                error = error.0
            ))));
        }
    };
    log(tr!(
        "role17-header-dict",
        "reply #{number}: header dictionary, size in \"{field}\": {header}",
        number = number,
        field = header.field.key(),
        header = shorten(&header.text)
    ));
    let body = exactly(conn, header.size, "body")?;
    log(tr!(
        "role17-body",
        "reply #{number}: body {body}",
        number = number,
        body = show(&body)
    ));
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::remote_command::runner::Output;

    #[test]
    fn headers_are_what_python_json_dumps_writes() {
        let ran = Outcome::Ran(Output {
            stdout: b"hi\n".to_vec(),
            stderr: b"e".to_vec(),
            status: Status::Exited(0),
        });
        // json.dumps({"total_size": 4, "stdout_len": 3, "stderr_len": 1,
        //             "exit_status": 0, "signal": None})
        assert_eq!(
            header_of(&ran, SizeField::TotalSize, 4),
            r#"{"total_size": 4, "stdout_len": 3, "stderr_len": 1, "exit_status": 0, "signal": null}"#
        );
        assert_eq!(body_of(&ran), b"hi\ne");
        let killed = Outcome::Ran(Output {
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Killed(libc::SIGKILL),
        });
        assert_eq!(
            header_of(&killed, SizeField::DataSize, 0),
            r#"{"data_size": 0, "stdout_len": 0, "stderr_len": 0, "exit_status": null, "signal": 9}"#
        );
        let refused = Outcome::NotRun("refused: rm is not on the allowlist".to_string());
        assert_eq!(
            header_of(&refused, SizeField::TotalSize, 36),
            r#"{"total_size": 36, "error": "refused: rm is not on the allowlist"}"#
        );
        assert_eq!(body_of(&refused), b"refused: rm is not on the allowlist\n");
    }

    #[test]
    fn a_size_field_without_a_header_is_refused_in_one_line() {
        let options = RoleOptions {
            reply: ReplyShape::LengthPrefix,
            size_field: Some(SizeField::DataSize),
            ..RoleOptions::default()
        };
        assert!(
            settings(&options)
                .unwrap_err()
                .0
                .contains("drop one of them")
        );
    }
}
