//! Fuzzing every parser that reads from the network, as property tests.
//!
//! Each `fuzz_*` test feeds one parser random and half-valid input: any
//! bytes, cut anywhere, lengths on both sides of every cap. It must never
//! panic, and what it accepts must keep the parser's promises (a declared
//! length within its cap, a command on the allowlist, an answer accepted
//! only when it is the HMAC). The targets:
//!
//! | target | parser | reads |
//! |---|---|---|
//! | `fuzz_frame_decoder` | [`crate::frame::Decoder`] | lab 6's codec, lab 17's framed commands |
//! | `fuzz_dict_decoder` | [`crate::frame::DictDecoder`] | lab 6's header dictionary |
//! | `fuzz_course_header_dictionary` | `roles::framing` | `socklab serve 6`: struct 'i' + JSON |
//! | `fuzz_hmac_answer` | `labs::hmac_auth::Digest::is_right` | `socklab serve 15` |
//! | `fuzz_udp_time_request` | `labs::udp_datagrams::time_server_reply` | `socklab serve 11` |
//! | `fuzz_command_line` | lab 17's `runner::Server::plan` | `socklab serve 17` |
//!
//! `cargo test` runs [`DEFAULT_CASES`] cases of each; CI runs 100 000 of
//! each (`SOCKLAB_FUZZ_CASES=100000 cargo test --lib fuzz_`), about a minute
//! in all. No regression files are written: a failure prints its shrunk
//! input, which then belongs in a unit test.
//!
//! Random inputs are only as good as the branches they reach: a generator
//! whose every input fails the first check tests nothing else. So each
//! target names the outcome of every case (`frames`, `TooLong`,
//! `refused: cd stays in the lab folder`, ...) and [`run`] counts them;
//! the target then checks that every outcome the parser has was reached,
//! and prints the counts (`cargo test fuzz_ -- --nocapture`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use proptest::prelude::ProptestConfig;
use proptest::strategy::Strategy;
use proptest::test_runner::{TestCaseError, TestRng, TestRunner};

/// Cases per target in an ordinary `cargo test`.
pub const DEFAULT_CASES: u32 = 2000;

/// The configuration of every fuzz target: `SOCKLAB_FUZZ_CASES` cases
/// (default [`DEFAULT_CASES`]), no failure files.
pub fn config() -> ProptestConfig {
    let cases = std::env::var("SOCKLAB_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `case` on [`config`]'s number of inputs from `inputs`, drawn from
/// a fixed seed (the same inputs every run, so a failure can be run again
/// as it was); each case
/// names its outcome. Fails (with the shrunk input) if a case does, or if
/// an outcome in `expected` was never reached; returns how often each
/// outcome came, and prints it.
pub fn run<S: Strategy>(
    target: &str,
    inputs: S,
    expected: &[&str],
    case: impl Fn(S::Value) -> Result<String, TestCaseError>,
) -> BTreeMap<String, u64> {
    let counts = RefCell::new(BTreeMap::new());
    let config = config();
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let result = TestRunner::new_with_rng(config, rng).run(&inputs, |input| {
        let outcome = case(input)?;
        *counts.borrow_mut().entry(outcome).or_insert(0) += 1;
        Ok(())
    });
    if let Err(error) = result {
        panic!("{target}: {error}");
    }
    let counts = counts.into_inner();
    let total: u64 = counts.values().sum();
    eprintln!("{target}: {total} cases, {} outcomes", counts.len());
    for (outcome, count) in &counts {
        eprintln!("  {count:>7}  {outcome}");
    }
    // A case may name several outcomes, `a | b` (two parsers at once).
    let reached = |outcome: &str| {
        counts
            .keys()
            .any(|label| label.split(" | ").any(|part| part == outcome))
    };
    for outcome in expected {
        assert!(
            reached(outcome),
            "{target}: no input reached {outcome:?}: the generator needs a case for it; reached {:?}",
            counts.keys().collect::<Vec<_>>()
        );
    }
    counts
}

/// Cuts `stream` into chunks at the given offsets (modulo its length), as
/// recv calls of arbitrary sizes would.
pub fn cut<'a>(stream: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (stream.len() + 1)).collect();
    points.push(0);
    points.push(stream.len());
    points.sort_unstable();
    points.windows(2).map(|w| &stream[w[0]..w[1]]).collect()
}

mod targets {
    use proptest::prelude::*;

    use super::{cut, run};
    use crate::frame::{self, Decoder, DictDecoder, FrameError};
    use crate::labs::hmac_auth::{Digest, SECRET_KEY};
    use crate::labs::udp_datagrams::time_server_reply;

    /// A small cap, so random lengths land on both sides of it.
    const SMALL_MAX: usize = 300;

    /// Random bytes, often starting with a plausible 4-byte length.
    fn stream() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..1200),
            (
                0..(SMALL_MAX as u32 * 2),
                prop::collection::vec(any::<u8>(), 0..700)
            )
                .prop_map(|(length, rest)| {
                    let mut bytes = length.to_be_bytes().to_vec();
                    bytes.extend(rest);
                    bytes
                }),
        ]
    }

    /// Valid messages (`encode`d bodies), then maybe damaged: cut short
    /// at a random point, and a random byte changed.
    fn damaged(encode: fn(&[u8]) -> Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(prop::collection::vec(any::<u8>(), 0..SMALL_MAX), 0..5),
            prop::option::of(any::<u32>()),
            prop::option::of(any::<usize>()),
            prop::option::of((any::<usize>(), any::<u8>())),
        )
            .prop_map(move |(bodies, next_length, cut_at, change)| {
                let mut bytes: Vec<u8> = bodies.iter().flat_map(|body| encode(body)).collect();
                // Then maybe the length prefix of one more, any length.
                if let Some(length) = next_length {
                    bytes.extend(length.to_be_bytes());
                }
                if let Some(at) = cut_at {
                    bytes.truncate(at % (bytes.len() + 1));
                }
                if let Some((at, value)) = change
                    && !bytes.is_empty()
                {
                    let at = at % bytes.len();
                    bytes[at] = value;
                }
                bytes
            })
    }

    fn encode_frame(body: &[u8]) -> Vec<u8> {
        frame::encode(body).unwrap_or_default()
    }

    fn encode_dict(body: &[u8]) -> Vec<u8> {
        let mut fields = serde_json::Map::new();
        fields.insert(
            "name".to_string(),
            format!("{:x?}", &body[..body.len().min(3)]).into(),
        );
        frame::encode_dict(&fields, body).unwrap_or_default()
    }

    /// A stream's outcome: how it ended, and whether frames came first.
    fn outcome(bodies: usize, end: &Result<(), FrameError>) -> String {
        let end = match end {
            Ok(()) => "clean end",
            Err(FrameError::TooLong { .. }) => "TooLong",
            Err(FrameError::Truncated { .. }) => "Truncated",
            Err(FrameError::BadDictHeader(_)) => "BadDictHeader",
        };
        let frames = if bodies > 0 { "frames, then " } else { "" };
        format!("{frames}{end}")
    }

    /// Every body a decoder gives out of `chunks`, and how it ended.
    fn frames(decoder: &mut Decoder, chunks: &[&[u8]]) -> (Vec<Vec<u8>>, Result<(), FrameError>) {
        let mut bodies = Vec::new();
        for chunk in chunks {
            let mut input = *chunk;
            loop {
                match decoder.decode(&mut input) {
                    Ok(Some(body)) => bodies.push(body),
                    Ok(None) => break,
                    Err(error) => return (bodies, Err(error)),
                }
            }
        }
        (bodies, decoder.finish())
    }

    /// Any bytes, cut anywhere: no panic, no body over the cap, and the
    /// same bodies and verdict however the stream was cut.
    #[test]
    fn fuzz_frame_decoder() {
        let inputs = (
            prop_oneof![stream(), damaged(encode_frame)],
            prop::collection::vec(any::<usize>(), 0..30),
        );
        let expected = [
            "clean end",
            "frames, then clean end",
            "TooLong",
            "frames, then TooLong",
            "Truncated",
            "frames, then Truncated",
        ];
        run("fuzz_frame_decoder", inputs, &expected, |(bytes, cuts)| {
            let mut whole = Decoder::with_max(SMALL_MAX);
            let expected = frames(&mut whole, &[&bytes]);
            let mut pieces = Decoder::with_max(SMALL_MAX);
            let got = frames(&mut pieces, &cut(&bytes, &cuts));
            prop_assert!(got.0.iter().all(|body| body.len() <= SMALL_MAX));
            prop_assert!(pieces.capacity() <= SMALL_MAX + frame::HEADER_LEN);
            let reached = outcome(got.0.len(), &got.1);
            prop_assert_eq!(got, expected);
            Ok(reached)
        });
    }

    /// The header dictionary: no panic, no body over its cap, the same
    /// messages however the stream was cut.
    #[test]
    fn fuzz_dict_decoder() {
        let dict_stream = prop_oneof![
            stream(),
            damaged(encode_dict),
            (
                any::<u16>(),
                "[ -~]{0,80}",
                prop::collection::vec(any::<u8>(), 0..300)
            )
                .prop_map(|(size, extra, body)| {
                    let header = format!("{{\"size\": {size}{extra}}}");
                    let mut bytes = (header.len() as u32).to_be_bytes().to_vec();
                    bytes.extend(header.as_bytes());
                    bytes.extend(body);
                    bytes
                }),
        ];
        let inputs = (dict_stream, prop::collection::vec(any::<usize>(), 0..30));
        let decode = |chunks: &[&[u8]]| {
            let mut decoder = DictDecoder::with_max(SMALL_MAX, SMALL_MAX);
            let mut messages = Vec::new();
            for chunk in chunks {
                let mut input = *chunk;
                loop {
                    match decoder.decode(&mut input) {
                        Ok(Some(message)) => messages.push(message.body),
                        Ok(None) => break,
                        Err(error) => return (messages, Err(error)),
                    }
                }
            }
            (messages, decoder.finish())
        };
        let expected = [
            "clean end",
            "frames, then clean end",
            "TooLong",
            "frames, then TooLong",
            "Truncated",
            "frames, then Truncated",
            "BadDictHeader",
            "frames, then BadDictHeader",
        ];
        run("fuzz_dict_decoder", inputs, &expected, |(bytes, cuts)| {
            let expected = decode(&[&bytes]);
            let got = decode(&cut(&bytes, &cuts));
            prop_assert!(got.0.iter().all(|body| body.len() <= SMALL_MAX));
            let reached = outcome(got.0.len(), &got.1);
            prop_assert_eq!(got, expected);
            Ok(reached)
        });
    }

    /// `socklab serve 15`: whatever 32 bytes (or any other count) come
    /// back, only the HMAC of the challenge is accepted; one flipped bit
    /// of it is not.
    #[test]
    fn fuzz_hmac_answer() {
        let inputs = (
            prop::collection::vec(any::<u8>(), 32),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..64),
                prop::collection::vec(any::<u8>(), 32),
            ],
            0..256usize,
            any::<bool>(),
        );
        let expected = ["random answer rejected", "right answer accepted"];
        run(
            "fuzz_hmac_answer",
            inputs,
            &expected,
            |(challenge, received, flip, send_right)| {
                let right = Digest::Sha256.answer(SECRET_KEY, &challenge);
                let received = if send_right { right.clone() } else { received };
                let accepted = Digest::Sha256.is_right(SECRET_KEY, &challenge, &received);
                prop_assert_eq!(accepted, received == right);
                let mut wrong = right.clone();
                wrong[flip / 8] ^= 1 << (flip % 8);
                prop_assert!(!Digest::Sha256.is_right(SECRET_KEY, &challenge, &wrong));
                Ok(if accepted {
                    "right answer accepted"
                } else {
                    "random answer rejected"
                }
                .to_string())
            },
        );
    }

    /// `socklab serve 11`: any request (a strftime format, or garbage)
    /// at any moment gets one bounded reply, a time or `error: ...`.
    #[test]
    fn fuzz_udp_time_request() {
        let inputs = (
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..400),
                "(%[a-zA-Z%]|[ -~]){0,40}".prop_map(String::into_bytes),
                "(%[YmdHMSX%]|[ -~]){0,10}%?".prop_map(String::into_bytes),
            ],
            0..253_402_300_799u64,
        );
        let expected = [
            "a time",
            "error: not UTF-8",
            "error: over 256 bytes",
            "error: unknown directive",
            "error: lone % at the end",
        ];
        run(
            "fuzz_udp_time_request",
            inputs,
            &expected,
            |(request, seconds)| {
                let moment = jiff::Timestamp::from_second(seconds as i64)
                    .expect("within jiff's range")
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC);
                let reply = time_server_reply(&request, &moment);
                let text = std::str::from_utf8(&reply);
                prop_assert!(text.is_ok());
                prop_assert!(!reply.is_empty());
                // %X is the longest directive: 8 bytes for 2 of the request.
                prop_assert!(
                    reply.len() <= 4 * request.len() + 64,
                    "{} bytes",
                    reply.len()
                );
                let text = text.unwrap_or_default();
                Ok(match text.strip_prefix("error: ") {
                    None => "a time".to_string(),
                    Some(why) if why.starts_with("unknown %") => {
                        "error: unknown directive".to_string()
                    }
                    Some(why) => format!("error: {why}"),
                })
            },
        );
    }
}
