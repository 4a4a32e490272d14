//! Lab 17's roles: the course's remote command server, without a shell.
//!
//! The course's protocol, byte for byte: the client sends a command line
//! with one `send`, the server takes ONE `recv(1024)` as the command, runs
//! it and answers with lab 6's header dictionary:
//!
//! ```python
//! header = {"total_size": len(body), "stdout_len": ..., "stderr_len": ...,
//!           "exit_status": 0, "signal": None}      # body = stdout + stderr
//! header_bytes = json.dumps(header).encode('utf-8')
//! conn.send(struct.pack('i', len(header_bytes)) + header_bytes + body)
//! ```
//!
//! so a student's lab 6 client, which reads `total_size` and ignores the
//! rest, is already a client for it. The other fields are what the course's
//! `stdout + stderr` loses: where stdout ends, and how the program ended
//! (`exit_status`, or `signal` when it was killed). A command that is not
//! run gets `{"total_size": N, "error": "refused: ..."}` with the same text
//! as the body, so a client that prints the body shows the refusal. The
//! message goes out in ONE send: three small sends in a row would meet
//! Nagle and delayed ACK (lab 5).
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

use crate::labs::remote_command::runner::{Outcome, Programs, Server, Status};
use crate::labs::remote_command::servers::MAX_COMMAND_LEN;
use crate::labs::remote_command::{LAB, LAB_FILES, folder_with_files};
use crate::net::bytes_literal;
use crate::roles::framing::{PREFIX_LEN, exactly, header_length, parse_header, shorten};
use crate::roles::{Conn, Connect, RoleError, Roles, Serve, log, show};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "runs allowlisted programs, no shell: recv(1024) a command, reply struct 'i' length + JSON header (total_size, stdout_len, stderr_len, exit_status, signal) + stdout + stderr",
    client: "sends `echo hi`, `seq 1 5`, `ls`, `false`, `rm -rf /`, and reads each header-dictionary reply",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
};

/// What the client sends: output, a longer output, the folder, no output
/// with exit status 1, and a command that must be refused.
const COMMANDS: [&str; 5] = ["echo hi", "seq 1 5", "ls", "false", "rm -rf /"];

fn serve(conn: &mut Conn) -> Result<(), RoleError> {
    // Removed when this function returns, however it returns.
    let folder = folder_with_files()
        .map_err(|e| RoleError(format!("creating the commands' temp folder: {e}")))?;
    let files: Vec<&str> = LAB_FILES.iter().map(|(name, _)| *name).collect();
    log(format!(
        "commands run in a new temp folder holding {}, removed when the client leaves",
        files.join(" and ")
    ));
    let server = Server {
        programs: Programs::find(),
        folder: folder.path.clone(),
    };
    for number in 1.. {
        let command = conn.recv(MAX_COMMAND_LEN)?;
        if command.is_empty() {
            log(format!("client closed after {} commands", number - 1));
            return Ok(());
        }
        if command.len() == MAX_COMMAND_LEN && conn.queued()? > 0 {
            let refusal = format!("refused: command over {MAX_COMMAND_LEN} bytes");
            reply(conn, number, &Outcome::NotRun(refusal))?;
            return Err(RoleError(format!(
                "command over {MAX_COMMAND_LEN} bytes: its tail would be read as the next command"
            )));
        }
        reply(conn, number, &server.execute(&command))?;
    }
    Ok(())
}

/// Sends the reply to command `number` as one header-dictionary message.
fn reply(conn: &mut Conn, number: usize, outcome: &Outcome) -> Result<(), RoleError> {
    let (header, body) = reply_parts(outcome);
    log(format!("reply #{number}: header {}", shorten(&header)));
    // The header holds five numbers or one refusal of a 1024-byte line at
    // most: far below i32::MAX.
    let length = i32::try_from(header.len())
        .map_err(|_| RoleError("header too long for struct 'i'".to_string()))?;
    let mut message = length.to_le_bytes().to_vec();
    message.extend_from_slice(header.as_bytes());
    message.extend_from_slice(&body);
    conn.send(&message)
}

/// The JSON header, as Python's `json.dumps` writes it, and the body.
fn reply_parts(outcome: &Outcome) -> (String, Vec<u8>) {
    match outcome {
        Outcome::Ran(output) => {
            let (code, signal) = match output.status {
                Status::Exited(code) => (code.to_string(), "null".to_string()),
                Status::Killed(signal) => ("null".to_string(), signal.to_string()),
            };
            let body = [&output.stdout[..], &output.stderr[..]].concat();
            let header = format!(
                "{{\"total_size\": {}, \"stdout_len\": {}, \"stderr_len\": {}, \"exit_status\": {code}, \"signal\": {signal}}}",
                body.len(),
                output.stdout.len(),
                output.stderr.len(),
            );
            (header, body)
        }
        Outcome::NotRun(text) => {
            let body = format!("{text}\n").into_bytes();
            let header = format!(
                "{{\"total_size\": {}, \"error\": {}}}",
                body.len(),
                python_json_string(text)
            );
            (header, body)
        }
    }
}

/// A JSON string as Python's `json.dumps` writes it (ensure_ascii): printable
/// ASCII as it is, `"` and `\` escaped, the usual short escapes, and every
/// other character as `\uXXXX` (UTF-16, so a surrogate pair above U+FFFF).
fn python_json_string(text: &str) -> String {
    let mut json = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            '\u{8}' => json.push_str("\\b"),
            '\u{c}' => json.push_str("\\f"),
            ' '..='~' => json.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    json.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    json.push('"');
    json
}

fn connect(conn: &mut Conn) -> Result<(), RoleError> {
    for (index, command) in COMMANDS.iter().enumerate() {
        conn.send(command.as_bytes())?;
        read_reply(conn, index + 1)?;
    }
    conn.close_sending()
}

/// One header-dictionary reply, trusted no more than `socklab serve 6`
/// trusts a client: the header length and `total_size` are checked against
/// the caps before anything is allocated.
fn read_reply(conn: &mut Conn, number: usize) -> Result<(), RoleError> {
    let Some(prefix) = conn.recv_exactly(PREFIX_LEN, "length prefix")? else {
        return Err(RoleError(format!(
            "the server closed instead of replying to command #{number}"
        )));
    };
    let header_len = header_length(&prefix)?;
    log(format!(
        "reply #{number}: length prefix {} = {header_len} (struct 'i', little-endian)",
        bytes_literal(&prefix)
    ));
    let header = exactly(conn, header_len, "JSON header")?;
    let (text, size) = parse_header(&header)?;
    log(format!("reply #{number}: header {}", shorten(&text)));
    let body = exactly(conn, size, "body")?;
    log(format!("reply #{number}: body {}", show(&body)));
    Ok(())
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
            reply_parts(&ran),
            (
                r#"{"total_size": 4, "stdout_len": 3, "stderr_len": 1, "exit_status": 0, "signal": null}"#
                    .to_string(),
                b"hi\ne".to_vec()
            )
        );
        let killed = Outcome::Ran(Output {
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Killed(libc::SIGKILL),
        });
        assert_eq!(
            reply_parts(&killed).0,
            r#"{"total_size": 0, "stdout_len": 0, "stderr_len": 0, "exit_status": null, "signal": 9}"#
        );
        let refused = Outcome::NotRun("refused: rm is not on the allowlist".to_string());
        assert_eq!(
            reply_parts(&refused),
            (
                r#"{"total_size": 36, "error": "refused: rm is not on the allowlist"}"#.to_string(),
                b"refused: rm is not on the allowlist\n".to_vec()
            )
        );
    }

    #[test]
    fn strings_are_escaped_as_python_ensure_ascii_does() {
        // json.dumps('a"\\\n\x1b\x7fé😀') in Python 3.
        assert_eq!(
            python_json_string("a\"\\\n\u{1b}\u{7f}é😀"),
            r#""a\"\\\n\u001b\u007f\u00e9\ud83d\ude00""#
        );
    }
}
