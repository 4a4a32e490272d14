//! Lab 17's two clients. The course's sends a command and reads the reply
//! with ONE recv(1024), which is all of it only by luck. The framed one
//! sends each command as a frame and feeds recv(1024) chunks to a decoder
//! until it holds one whole header-dictionary message, then checks that the
//! header's lengths add up to the body.

use std::io;
use std::sync::mpsc::Receiver;

use serde_json::Value;
use socket2::Socket;

use super::runner::{OUTPUT_CAP, Outcome, Output, Status};
use super::{RECV_SIZE, invalid, recv};
use crate::frame::{self, DictDecoder, DictMessage};
use crate::lab::{LabError, Step};
use crate::net;

/// The longest JSON header the framed client accepts: the header holds
/// four numbers or one refusal line.
const MAX_REPLY_HEADER: usize = 1024;

/// The course's client: sends a command, then ONE recv(1024). Before that
/// recv it waits until every byte the server sent is queued (FIONREAD), so
/// each recv returns the same bytes on every run.
pub(super) struct UnframedClient<'a> {
    pub(super) socket: &'a Socket,
    sent: Receiver<usize>,
    /// Bytes the server sent that the client has not read yet.
    unread: usize,
}

impl<'a> UnframedClient<'a> {
    /// A client on `socket`; `sent` says how long each reply is.
    pub(super) fn new(socket: &'a Socket, sent: Receiver<usize>) -> UnframedClient<'a> {
        UnframedClient {
            socket,
            sent,
            unread: 0,
        }
    }

    pub(super) fn ask(&mut self, command: &str) -> Result<io::Result<Vec<u8>>, LabError> {
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

/// The framed client: sends each command as a frame and reads the reply
/// with recv(1024) calls through a [`DictDecoder`] until it is complete.
pub(super) struct FramedClient<'a> {
    socket: &'a Socket,
    replies: DictDecoder,
}

impl<'a> FramedClient<'a> {
    pub(super) fn new(socket: &'a Socket) -> FramedClient<'a> {
        FramedClient {
            socket,
            // Room for both capped outputs; the codec checks the header's
            // size against it before it allocates.
            replies: DictDecoder::with_max(MAX_REPLY_HEADER, 2 * OUTPUT_CAP),
        }
    }

    pub(super) fn ask(&mut self, command: &str) -> Result<Outcome, LabError> {
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

#[cfg(test)]
mod tests {
    use super::super::servers::reply_message;
    use super::*;

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
