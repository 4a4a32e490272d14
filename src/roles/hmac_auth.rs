//! Lab 15's roles: the course's HMAC challenge-response, one end each.
//!
//! ```python
//! challenge = os.urandom(32)                        # server
//! conn.sendall(challenge)
//! digest = hmac.new(key, challenge, 'md5').digest() # client: 16 bytes
//! client.sendall(digest)
//! answer = conn.recv(len(digest))                   # server: no verdict sent
//! ```
//!
//! As in the course, no verdict crosses the wire. A client whose answer is
//! right goes straight into the communication loop: each message it sends
//! comes back upper-cased (`data.upper()`). A client whose answer is wrong
//! is closed without a word.
//!
//! The course's HMAC was `hmac.new(key, msg)`, which meant HMAC-MD5 on the
//! Pythons it was written for (16 bytes); the lab uses HMAC-SHA256 (32
//! bytes). `--digest md5|sha256` picks one and `--key TEXT` the key; the
//! default is the lab's, b"peace and love" with SHA-256. A classroom key is
//! no secret: the server prints both when it starts.
//!
//! The server reads exactly the digest's length, as the course's
//! `conn.recv(len(digest))` means to. A client that speaks the other
//! digest then gets nowhere, and the log says why: an MD5 client's 16
//! bytes leave a SHA-256 server waiting for 16 more until the idle timeout,
//! and a SHA-256 client's 32 bytes give an MD5 server 16 that do not match
//! and 16 left over. Either way the line names the other digest. The
//! comparison is the lab's, constant-time.
//!
//! The client proves the outcome the only way the protocol allows: after
//! its answer it sends b"hello". The echo b"HELLO" means accepted (exit
//! status 0); a close means rejected (1), and so does any other answer
//! (one of the course's servers sends `verification fail` and keeps the
//! connection open); no answer within the timeout is no verdict at all
//! (2).

use crate::hex;
use crate::labs::hmac_auth::{CHALLENGE_LEN, Digest, LAB};
use crate::net;
use crate::roles::ConflictingOptions;
use crate::roles::options::Flag;
use crate::roles::{
    Conn, Connect, Ending, Heard, RoleError, RoleOptions, Roles, Serve, cut_short, log, show,
};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "sends 32 random bytes, reads exactly the digest's length of HMAC(key, challenge) (`--digest md5|sha256`, `--key TEXT`); accepted: each message answered with its upper-cased bytes; rejected: closed, no verdict bytes",
    client: "answers the challenge (same flags), sends b\"hello\": b\"HELLO\" back is accepted (exit 0), a close rejected (1), no verdict in 5 s (2)",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[Flag::Digest, Flag::Key],
    connect_flags: &[Flag::Digest, Flag::Key],
    settings: Some(settings),
};

/// The course's `recv(1024)`, in the communication loop.
const MESSAGE_RECV: usize = 1024;

/// What the client sends once it has answered, and what comes back from a
/// server that accepted it.
const PROBE: &[u8] = b"hello";

fn settings(options: &RoleOptions) -> Result<String, ConflictingOptions> {
    Ok(tr!(
        "role15-settings",
        "key {key}, {digest}: {length}-byte answers (--key TEXT and --digest md5|sha256 to speak another)",
        key = net::bytes_literal(&options.key),
        digest = options.digest.name(),
        length = options.digest.output_len()
    ))
}

fn serve(conn: &mut Conn, options: &RoleOptions) -> Result<(), RoleError> {
    let digest = options.digest;
    let mut challenge = [0u8; CHALLENGE_LEN];
    net::os_random_bytes(&mut challenge).map_err(|e| RoleError(format!("getrandom: {e}")))?;
    log(tr!(
        "role15-challenge",
        "challenge: {length} random bytes (getrandom(2)), hex {hex}",
        length = CHALLENGE_LEN,
        hex = hex::encode(&challenge)
    ));
    conn.send(&challenge)?;
    let received = read_answer(conn, digest)?;
    log(tr!(
        "role15-expected",
        "expected {digest}(key, challenge), hex {hex}",
        digest = digest.name(),
        hex = hex::encode(&digest.answer(&options.key, &challenge))
    ));
    if !digest.is_right(&options.key, &challenge, &received) {
        let mut why = tr!(
            "role15-rejected",
            "answer is not {digest}(key, challenge): rejected",
            digest = digest.name()
        );
        // A longer answer's tail is still queued: its whole length may be
        // the other digest's.
        if let Some(hint) = other_digest_hint(digest, received.len() + conn.queued()?) {
            why.push_str(&format!("; {hint}"));
        }
        return Err(RoleError(why));
    }
    log(i18n::text(
        "answer matches (constant-time compare): accepted; each message comes back upper-cased",
    ));
    loop {
        let message = conn.recv(MESSAGE_RECV)?;
        if message.is_empty() {
            return Ok(());
        }
        conn.send(&message.to_ascii_uppercase())?;
    }
}

/// Exactly the digest's length, one logged recv after another (a recv may
/// return part of it). When the answer stops short at the other digest's
/// length, the error says so.
fn read_answer(conn: &mut Conn, digest: Digest) -> Result<Vec<u8>, RoleError> {
    let length = digest.output_len();
    let mut bytes = Vec::with_capacity(length);
    while bytes.len() < length {
        let chunk = conn.recv(length - bytes.len()).map_err(|error| {
            with_hint(
                error,
                &tr!(
                    "role15-after-answer-bytes",
                    "after {got} of {length} answer bytes",
                    got = bytes.len(),
                    length = length
                ),
                other_digest_hint(digest, bytes.len()),
            )
        })?;
        if chunk.is_empty() {
            return Err(with_hint(
                cut_short(bytes.len(), length, "answer"),
                "",
                other_digest_hint(digest, bytes.len()),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn with_hint(error: RoleError, context: &str, hint: Option<String>) -> RoleError {
    let mut line = error.0;
    if !context.is_empty() {
        line.push_str(&format!(" {context}"));
    }
    if let Some(hint) = hint {
        line.push_str(&format!("; {hint}"));
    }
    RoleError(line)
}

/// "16 bytes: the size of HMAC-MD5; try --digest md5", when `received`
/// bytes are exactly what the other digest sends.
fn other_digest_hint(digest: Digest, received: usize) -> Option<String> {
    let other = digest.other();
    (received == other.output_len()).then(|| {
        tr!(
            "role15-other-digest",
            "{received} bytes: the size of {digest}; try --digest {flag}",
            received = received,
            digest = other.name(),
            flag = other
                .name()
                .trim_start_matches("HMAC-")
                .to_ascii_lowercase()
        )
    })
}

fn connect(conn: &mut Conn, options: &RoleOptions) -> Result<Ending, RoleError> {
    let digest = options.digest;
    let mut challenge = Vec::with_capacity(CHALLENGE_LEN);
    while challenge.len() < CHALLENGE_LEN {
        let chunk = conn.recv(CHALLENGE_LEN - challenge.len())?;
        if chunk.is_empty() {
            return Ok(Ending::NotUnderstood(tr!(
                "role15-closed-in-challenge",
                "the server closed after {got} of the {length} challenge bytes",
                got = challenge.len(),
                length = CHALLENGE_LEN
            )));
        }
        challenge.extend_from_slice(&chunk);
    }
    let answer = digest.answer(&options.key, &challenge);
    log(tr!(
        "role15-answer",
        "answer: {digest}(key, challenge), hex {hex}",
        digest = digest.name(),
        hex = hex::encode(&answer)
    ));
    conn.send(&answer)?;
    // No verdict comes: a message shows whether the server let us in.
    if let Err(error) = conn.send(PROBE) {
        return Ok(rejected(&error.0));
    }
    let echo = PROBE.to_ascii_uppercase();
    let mut reply = Vec::new();
    loop {
        match conn.hear(MESSAGE_RECV)? {
            Heard::Bytes(bytes) => reply.extend_from_slice(&bytes),
            Heard::Closed => {
                return Ok(rejected(&i18n::text("the server closed the connection")));
            }
            Heard::Reset => return Ok(rejected(&i18n::text("the server reset the connection"))),
            Heard::Silence => {
                return Err(RoleError(tr!(
                    "role15-no-verdict",
                    "no verdict: the server neither echoed {probe} nor closed",
                    probe = show(PROBE)
                )));
            }
        }
        if reply == echo {
            log(tr!(
                "role15-accepted",
                "accepted: {probe} came back as {reply}",
                probe = show(PROBE),
                reply = show(&reply)
            ));
            conn.close_sending()?;
            return Ok(Ending::Done);
        }
        if !echo.starts_with(&reply) {
            return Ok(Ending::NotUnderstood(tr!(
                "role15-not-accepted",
                "not accepted: the server answered {reply} instead of the echo {echo}",
                reply = show(&reply),
                echo = show(&echo)
            )));
        }
    }
}

fn rejected(what: &str) -> Ending {
    Ending::NotUnderstood(tr!(
        "role15-rejected-after-answer",
        "rejected: {what} after the answer (another key or --digest?)",
        what = what
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_line_names_the_key_and_the_digest() {
        assert_eq!(
            settings(&RoleOptions::default()).unwrap(),
            "key b\"peace and love\", HMAC-SHA256: 32-byte answers (--key TEXT and --digest md5|sha256 to speak another)"
        );
    }

    #[test]
    fn an_answer_of_the_other_digest_size_is_named() {
        assert_eq!(
            other_digest_hint(Digest::Sha256, 16).as_deref(),
            Some("16 bytes: the size of HMAC-MD5; try --digest md5")
        );
        assert_eq!(
            other_digest_hint(Digest::Md5, 32).as_deref(),
            Some("32 bytes: the size of HMAC-SHA256; try --digest sha256")
        );
        assert_eq!(other_digest_hint(Digest::Sha256, 5), None);
    }
}
