//! Lab 15's roles: the course's HMAC challenge-response, one end each.
//!
//! ```python
//! challenge = os.urandom(32)                  # server
//! conn.sendall(challenge)
//! digest = hmac.new(key, challenge, hashlib.sha256).digest()   # client
//! client.sendall(digest)                      # 32 bytes
//! hmac.compare_digest(answer, expected)       # server: b"welcome" or b"rejected"
//! ```
//!
//! The key is the lab's, b"peace and love" ([`SECRET_KEY`]), and the hash
//! SHA-256 where the course's old Python defaulted to MD5 (the lab sheet
//! says why). A classroom key is no secret: the server prints it on its
//! first line so that anyone can write a client for it.
//!
//! The server logs every call, the challenge in hex (so a student can feed
//! it to their own HMAC), and the HMAC it expects. It reads the 32-byte
//! answer with as many recvs as it takes, each with the idle timeout: a
//! client that says nothing is dropped, one that sends 5 bytes and closes
//! is reported as cut, and a wrong answer gets b"rejected" and a log line.
//! The comparison is the lab's, constant-time.

use crate::hex;
use crate::labs::hmac_auth::{
    ANSWER_LEN, CHALLENGE_LEN, LAB, REJECTED, SECRET_KEY, WELCOME, answer, answer_is_right,
};
use crate::net::{self, bytes_literal};
use crate::roles::{Conn, Connect, RoleError, Roles, Serve, log};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "sends 32 random bytes, reads a 32-byte HMAC-SHA256(key, challenge), replies b\"welcome\" or b\"rejected\"; key b\"peace and love\"",
    client: "reads the 32-byte challenge, answers HMAC-SHA256(b\"peace and love\", challenge), prints the verdict",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
};

/// The client's recv for the verdict, as the course's `recv(1024)`.
const VERDICT_RECV: usize = 1024;

/// The most of a verdict the client reads before giving up on a server
/// that never closes: b"rejected" is 8 bytes.
const MAX_VERDICT: usize = 1024;

fn serve(conn: &mut Conn) -> Result<(), RoleError> {
    let mut challenge = [0u8; CHALLENGE_LEN];
    net::os_random_bytes(&mut challenge).map_err(|e| RoleError(format!("getrandom: {e}")))?;
    log(format!(
        "challenge: {CHALLENGE_LEN} random bytes (getrandom(2)), hex {}",
        hex::encode(&challenge)
    ));
    conn.send(&challenge)?;
    let received = exactly(conn, ANSWER_LEN, "answer")?;
    log(format!(
        "expected HMAC-SHA256(key, challenge), hex {}",
        hex::encode(&answer(SECRET_KEY, &challenge))
    ));
    if answer_is_right(SECRET_KEY, &challenge, &received) {
        log("answer matches (constant-time compare): accepted");
        conn.send(WELCOME)
    } else {
        conn.send(REJECTED)?;
        Err(RoleError(
            "answer is not HMAC-SHA256(key, challenge): rejected".to_string(),
        ))
    }
}

fn connect(conn: &mut Conn) -> Result<(), RoleError> {
    let challenge = exactly(conn, CHALLENGE_LEN, "challenge")?;
    let digest = answer(SECRET_KEY, &challenge);
    log(format!(
        "answer: HMAC-SHA256(key, challenge), hex {}",
        hex::encode(&digest)
    ));
    conn.send(&digest)?;
    // The server replies and closes: read until b"".
    let mut verdict = Vec::new();
    loop {
        let bytes = conn.recv(VERDICT_RECV)?;
        if bytes.is_empty() {
            break;
        }
        verdict.extend_from_slice(&bytes);
        if verdict.len() > MAX_VERDICT {
            return Err(RoleError(format!(
                "the server sent over {MAX_VERDICT} bytes and did not close"
            )));
        }
    }
    let shown = bytes_literal(&verdict);
    if verdict == WELCOME {
        log(format!("verdict: {shown}: accepted"));
        Ok(())
    } else {
        Err(RoleError(format!("verdict: {shown}: not welcomed")))
    }
}

/// Exactly `length` bytes, one logged recv after another (a recv may return
/// part of them). EOF before the last is the peer vanishing mid-message.
fn exactly(conn: &mut Conn, length: usize, what: &str) -> Result<Vec<u8>, RoleError> {
    let mut bytes = Vec::with_capacity(length);
    while bytes.len() < length {
        let chunk = conn.recv(length - bytes.len())?;
        if chunk.is_empty() {
            return Err(RoleError(format!(
                "EOF after {} of {length} {what} bytes (the peer vanished mid-message)",
                bytes.len()
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_line_names_the_key_it_uses() {
        let key = bytes_literal(SECRET_KEY);
        assert!(ROLES.server.ends_with(&format!("; key {key}")));
        assert!(ROLES.client.contains(&format!("HMAC-SHA256({key}, ")));
    }
}
