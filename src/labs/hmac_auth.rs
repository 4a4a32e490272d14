//! Lab 15: authenticating clients with an HMAC challenge-response.
//!
//! Client and server share a secret key, and the key never crosses the
//! network. On every connection the server sends a challenge: 32 random
//! bytes from the kernel (getrandom(2)). The client answers
//! HMAC-SHA256(key, challenge) (RFC 2104, FIPS 180-4), 32 bytes. The server
//! computes the same HMAC and compares:
//!
//! - only a client that knows the key can compute the answer;
//! - an eavesdropper who recorded one exchange cannot replay it, because the
//!   next connection gets a different challenge, so the old answer is wrong;
//! - the comparison takes the same time however many leading bytes match
//!   (hmac's `verify_slice` compares in constant time), so an attacker
//!   cannot find the right answer byte by byte by timing the server's "no".
//!
//! The course uses HMAC-MD5 (Python's `hmac.new(key, msg)` default before
//! 3.8). HMAC-MD5 is not known to be broken as a MAC, but MD5 itself is
//! broken for collisions and new protocols should not use it; Python 3.8
//! made `digestmod` mandatory for that reason. This lab uses SHA-256.
//!
//! The server is iterative (lab 14) and gives each client a short time to
//! answer (`ANSWER_TIMEOUT`, SO_RCVTIMEO, socket(7)): a client that does
//! not speak the protocol is dropped when it expires, and the server goes on
//! to the next client instead of waiting forever for 32 bytes.
//!
//! Challenges are random, so the table never shows them: it shows what each
//! client got back and what the server decided.

use std::io;
use std::net::SocketAddr;
use std::thread;
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use md5::Md5;
use sha2::Sha256;
use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;

pub const LAB: Lab = Lab {
    number: 15,
    slug: "hmac-auth",
    title: "HMAC challenge-response authentication",
    shows: "32 random bytes, HMAC-SHA256, constant-time compare: right key in; no answer, wrong key, replay out",
    summary: "The server sends 32 random bytes; the client must answer HMAC-SHA256(key, challenge).\n\
              The right key gets b\"welcome\"; a client that never answers is dropped after 150 ms and\n\
              the server serves the next one; a wrong key and a replayed old answer get b\"rejected\".",
    typical_run: "0.2 s",
    sheet: include_str!("../../labs/15-hmac-auth/README.md"),
    sheet_zh_cn: include_str!("../../labs/15-hmac-auth/README.zh-CN.md"),
    experiment: run,
};

type HmacSha256 = Hmac<Sha256>;
type HmacMd5 = Hmac<Md5>;

/// The key the server and its legitimate clients share (`socklab serve 15`
/// and `connect 15` use it too, and print it). A real deployment
/// loads it from a protected file; it is a constant here so the lab runs
/// anywhere.
pub(crate) const SECRET_KEY: &[u8] = b"peace and love";

/// What an impostor believes the key is.
const WRONG_KEY: &[u8] = b"peace and hate";

/// Bytes of challenge: 256 bits, so guessing it or seeing it twice is out
/// of the question.
pub(crate) const CHALLENGE_LEN: usize = 32;

/// An HMAC-SHA256 answer is one SHA-256 output: 32 bytes.
pub(crate) const ANSWER_LEN: usize = 32;

/// How long the server waits for the answer. Loopback clients answer in
/// microseconds; the timeout only ever expires for a client that does not
/// answer, and it is short because the lab waits for it once.
const ANSWER_TIMEOUT: Duration = Duration::from_millis(150);

/// SO_RCVTIMEO counts in kernel ticks (jiffies, 1-10 ms depending on
/// CONFIG_HZ) and can expire up to one tick before the full time.
const TICK_SLACK: Duration = Duration::from_millis(10);

/// The server's replies.
pub(crate) const WELCOME: &[u8] = b"welcome";
pub(crate) const REJECTED: &[u8] = b"rejected";

/// What the client that does not speak the protocol sends instead of an
/// answer, and how much it reads back before giving up.
const NOT_AN_ANSWER: &[u8] = b"hello";
const CLIENT_RECV: usize = 1024;

/// The clients, in the order they connect.
const CLIENTS: usize = 5;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "One server, five clients in turn: legitimate, silent, legitimate again, wrong key, replayed answer.",
        "who is welcomed, who is rejected, and that the server keeps serving after the silent one.",
    );
    let (listener, address) = net::tcp_listener(false).step("listening for the server")?;
    let (clients, server) = thread::scope(|scope| {
        let listener = &listener;
        let server = scope.spawn(move || serve(listener));
        let clients = run_clients(address);
        let server = server
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the server thread panicked")));
        (clients, server)
    });
    let clients = clients?;
    let decisions = server.step("running the server")?;
    let decided = |index: usize| -> String {
        decisions
            .get(index)
            .map_or("nothing".to_string(), Decision::label)
    };
    let silent_wait = match decisions.get(1) {
        Some(Decision::NoAnswer { waited, .. }) => *waited,
        _ => Duration::ZERO,
    };

    Ok(vec![
        expect::exact(
            "legit-challenge",
            "legitimate client: the challenge it read",
            format!("{CHALLENGE_LEN} bytes"),
            format!("{} bytes", clients.first_challenge.len()),
        ),
        expect::exact(
            "legit-reply",
            "  its answer HMAC-SHA256(key, challenge) gets",
            bytes_literal(WELCOME),
            clients.legit_reply,
        ),
        expect::exact(
            "legit-server",
            "  server",
            "accepted".to_string(),
            decided(0),
        ),
        expect::exact(
            "silent-reply",
            "client sending b\"hello\", not an answer: reads",
            "32 bytes, then b\"\"".to_string(),
            clients.silent_reply,
        ),
        expect::exact(
            "silent-server",
            "  server",
            "no answer: EAGAIN, closed".to_string(),
            decided(1),
        ),
        expect::at_least(
            "silent-wait",
            "  server waited for the answer (150 ms timeout)",
            ANSWER_TIMEOUT - TICK_SLACK,
            silent_wait,
        ),
        expect::exact(
            "next-reply",
            "next legitimate client gets",
            bytes_literal(WELCOME),
            clients.next_reply,
        ),
        expect::exact(
            "next-server",
            "  server",
            "accepted".to_string(),
            decided(2),
        ),
        expect::exact(
            "challenges-differ",
            "  its challenge differs from the first",
            "yes".to_string(),
            yes_no(clients.next_challenge != clients.first_challenge),
        ),
        expect::exact(
            "wrong-key-reply",
            "client with the wrong key gets",
            bytes_literal(REJECTED),
            clients.wrong_key_reply,
        ),
        expect::exact(
            "wrong-key-server",
            "  server",
            "bad answer".to_string(),
            decided(3),
        ),
        expect::exact(
            "replay-reply",
            "replay of the first answer gets",
            bytes_literal(REJECTED),
            clients.replay_reply,
        ),
        expect::exact(
            "replay-server",
            "  server",
            "bad answer".to_string(),
            decided(4),
        ),
        expect::exact(
            "replay-new-challenge",
            "  its challenge differs from the recorded one",
            "yes".to_string(),
            yes_no(clients.replay_challenge != clients.first_challenge),
        ),
    ])
}

fn yes_no(condition: bool) -> String {
    if condition { "yes" } else { "no" }.to_string()
}

/// The hash inside the HMAC. The course's `hmac.new(key, msg)` meant
/// HMAC-MD5 on the Pythons it was written for; the lab uses SHA-256, and
/// `socklab serve 15 --digest md5` speaks the course's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Md5,
    Sha256,
}

impl Digest {
    /// The answer's length in bytes: one output of the hash.
    pub fn output_len(self) -> usize {
        match self {
            Digest::Md5 => 16,
            Digest::Sha256 => 32,
        }
    }

    /// "HMAC-MD5" or "HMAC-SHA256".
    pub fn name(self) -> &'static str {
        match self {
            Digest::Md5 => "HMAC-MD5",
            Digest::Sha256 => "HMAC-SHA256",
        }
    }

    /// The other one: what a client that answers with the wrong length
    /// probably used.
    pub fn other(self) -> Digest {
        match self {
            Digest::Md5 => Digest::Sha256,
            Digest::Sha256 => Digest::Md5,
        }
    }

    /// HMAC(key, challenge) with this hash (RFC 2104): the answer a client
    /// that knows the key sends.
    pub fn answer(self, key: &[u8], challenge: &[u8]) -> Vec<u8> {
        match self {
            Digest::Md5 => mac::<HmacMd5>(key, challenge)
                .finalize()
                .into_bytes()
                .to_vec(),
            Digest::Sha256 => mac::<HmacSha256>(key, challenge)
                .finalize()
                .into_bytes()
                .to_vec(),
        }
    }

    /// The server's check. `verify_slice` recomputes the HMAC and compares
    /// it with `received` in constant time: every byte is compared whatever
    /// the first mismatch, so the time of a "no" says nothing about how
    /// close the guess was. Comparing with `==` on slices (or Python's `!=`,
    /// as one of the course's servers does) stops at the first differing
    /// byte.
    pub fn is_right(self, key: &[u8], challenge: &[u8], received: &[u8]) -> bool {
        match self {
            Digest::Md5 => mac::<HmacMd5>(key, challenge)
                .verify_slice(received)
                .is_ok(),
            Digest::Sha256 => mac::<HmacSha256>(key, challenge)
                .verify_slice(received)
                .is_ok(),
        }
    }
}

/// An HMAC under `key` that has read `message`.
fn mac<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> M {
    let mut mac = <M as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac
}

/// What the server decided about one client.
enum Decision {
    Accepted,
    Rejected,
    /// The answer did not come: the errno of the read, and how long the
    /// server had waited.
    NoAnswer {
        error: String,
        waited: Duration,
    },
}

impl Decision {
    fn label(&self) -> String {
        match self {
            Decision::Accepted => "accepted".to_string(),
            Decision::Rejected => "bad answer".to_string(),
            Decision::NoAnswer { error, .. } => format!("no answer: {error}, closed"),
        }
    }
}

/// The server: for each client, a fresh challenge, one answer read with a
/// short timeout, a constant-time check, a one-word reply. A client that
/// misbehaves costs at most [`ANSWER_TIMEOUT`] and never stops the loop.
fn serve(listener: &Socket) -> io::Result<Vec<Decision>> {
    let mut decisions = Vec::new();
    for _ in 0..CLIENTS {
        let connection = net::tcp_accept(listener)?;
        connection.set_read_timeout(Some(ANSWER_TIMEOUT))?;
        let mut challenge = [0u8; CHALLENGE_LEN];
        net::os_random_bytes(&mut challenge)?;
        net::send_all(&connection, &challenge)?;
        let started = Instant::now();
        let received = net::recv_exactly(&connection, ANSWER_LEN);
        let waited = started.elapsed();
        let decision = match received {
            Ok(received) if Digest::Sha256.is_right(SECRET_KEY, &challenge, &received) => {
                Decision::Accepted
            }
            Ok(_) => Decision::Rejected,
            Err(_) => Decision::NoAnswer {
                error: net::outcome(&received),
                waited,
            },
        };
        match decision {
            Decision::Accepted => net::send_all(&connection, WELCOME)?,
            Decision::Rejected => net::send_all(&connection, REJECTED)?,
            // Nothing to say to a client that does not speak the protocol:
            // the server just closes (dropping `connection` sends FIN).
            Decision::NoAnswer { .. } => {}
        }
        decisions.push(decision);
    }
    Ok(decisions)
}

/// What the clients saw.
struct ClientViews {
    first_challenge: Vec<u8>,
    legit_reply: String,
    silent_reply: String,
    next_challenge: Vec<u8>,
    next_reply: String,
    wrong_key_reply: String,
    replay_challenge: Vec<u8>,
    replay_reply: String,
}

/// The five clients, one after the other.
fn run_clients(address: SocketAddr) -> Result<ClientViews, LabError> {
    // 1. A legitimate client. An eavesdropper records the whole exchange.
    let (first_challenge, recorded_answer, legit_reply) = respond(address, |challenge| {
        Digest::Sha256.answer(SECRET_KEY, challenge)
    })?;

    // 2. A client that does not know the protocol: it says hello and waits.
    let silent_reply = not_speaking_the_protocol(address)?;

    // 3. The server is still serving: the next legitimate client gets in.
    let (next_challenge, _, next_reply) = respond(address, |challenge| {
        Digest::Sha256.answer(SECRET_KEY, challenge)
    })?;

    // 4. The right protocol with the wrong key.
    let (_, _, wrong_key_reply) = respond(address, |challenge| {
        Digest::Sha256.answer(WRONG_KEY, challenge)
    })?;

    // 5. The eavesdropper ignores its new challenge and replays the answer
    //    it recorded in step 1.
    let (replay_challenge, _, replay_reply) = respond(address, |_| recorded_answer.clone())?;

    Ok(ClientViews {
        first_challenge,
        legit_reply,
        silent_reply,
        next_challenge,
        next_reply,
        wrong_key_reply,
        replay_challenge,
        replay_reply,
    })
}

/// One client that speaks the protocol: reads the challenge, sends
/// `make_answer(challenge)`, reads the reply. Returns the challenge, the answer
/// sent and the reply as the table shows it.
fn respond(
    address: SocketAddr,
    make_answer: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Result<(Vec<u8>, Vec<u8>, String), LabError> {
    let client = net::tcp_connect(address).step("connecting a client")?;
    // The server sends the challenge and nothing else until it has the
    // answer, so once 32 bytes are queued one recv takes exactly them.
    net::wait_for_queued(&client, CHALLENGE_LEN).step("waiting for the challenge")?;
    let challenge = net::recv_once(&client, CLIENT_RECV).step("reading the challenge")?;
    let sent = make_answer(&challenge);
    net::send_all(&client, &sent).step("sending the answer")?;
    let reply = read_to_end(&client).step("reading the server's reply")?;
    Ok((challenge, sent, bytes_literal(&reply)))
}

/// A client written for a plain echo server: it sends b"hello" and reads
/// until the server closes. Returns what it read, as the table shows it.
fn not_speaking_the_protocol(address: SocketAddr) -> Result<String, LabError> {
    let client = net::tcp_connect(address).step("connecting the client without the protocol")?;
    net::send_all(&client, NOT_AN_ANSWER).step("sending b\"hello\"")?;
    let received = read_to_end(&client).step("reading until the server closes")?;
    Ok(format!("{} bytes, then b\"\"", received.len()))
}

/// recv until b"" (the server closed). Each recv is bounded by the
/// client's [`net::IO_TIMEOUT`].
fn read_to_end(client: &Socket) -> io::Result<Vec<u8>> {
    let mut received = Vec::new();
    loop {
        let chunk = net::recv_once(client, CLIENT_RECV)?;
        if chunk.is_empty() {
            return Ok(received);
        }
        received.extend_from_slice(&chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex;

    /// RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let mac = Digest::Sha256.answer(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex::encode(&mac), expected);
        assert_eq!(mac.len(), ANSWER_LEN);
    }

    #[test]
    fn verification_needs_the_key_the_challenge_and_every_byte() {
        let challenge = [7u8; CHALLENGE_LEN];
        let right = Digest::Sha256.answer(SECRET_KEY, &challenge);
        assert!(Digest::Sha256.is_right(SECRET_KEY, &challenge, &right));
        assert!(!Digest::Sha256.is_right(
            SECRET_KEY,
            &challenge,
            &Digest::Sha256.answer(WRONG_KEY, &challenge)
        ));
        assert!(!Digest::Sha256.is_right(SECRET_KEY, &[8u8; CHALLENGE_LEN], &right));
        let mut last_byte_off = right.clone();
        last_byte_off[ANSWER_LEN - 1] ^= 1;
        assert!(!Digest::Sha256.is_right(SECRET_KEY, &challenge, &last_byte_off));
        assert!(!Digest::Sha256.is_right(SECRET_KEY, &challenge, &right[..16]));
    }

    /// RFC 2202, test case 2: the same key and data, HMAC-MD5 (16 bytes),
    /// which is what the course's `hmac.new(key, msg)` computed.
    #[test]
    fn hmac_md5_matches_rfc_2202() {
        let mac = Digest::Md5.answer(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex::encode(&mac), "750c783e6ab0b503eaa86e310a5db738");
        assert_eq!(mac.len(), Digest::Md5.output_len());
        assert!(Digest::Md5.is_right(b"Jefe", b"what do ya want for nothing?", &mac));
    }
}
