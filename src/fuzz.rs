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
//! | `fuzz_hmac_answer` | `labs::hmac_auth::answer_is_right` | `socklab serve 15` |
//! | `fuzz_udp_time_request` | `labs::udp_datagrams::time_server_reply` | `socklab serve 11` |
//! | `fuzz_command_line` | lab 17's `runner::Server::plan` | `socklab serve 17` |
//!
//! `cargo test` runs [`DEFAULT_CASES`] cases of each; CI runs 100 000 of
//! each in a release build (`SOCKLAB_FUZZ_CASES=100000 cargo test --release
//! --lib fuzz_`), in well under a minute in all. No regression files are
//! written: a failure prints its shrunk input, which then belongs in a unit
//! test.

use proptest::prelude::ProptestConfig;

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

    use super::{config, cut};
    use crate::frame::{self, Decoder, DictDecoder, FrameError};
    use crate::labs::hmac_auth::{SECRET_KEY, answer, answer_is_right};
    use crate::labs::udp_datagrams::{Moment, time_server_reply};

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

    proptest! {
        #![proptest_config(config())]

        /// Any bytes, cut anywhere: no panic, no body over the cap, and the
        /// same bodies and verdict however the stream was cut.
        #[test]
        fn fuzz_frame_decoder(
            bytes in stream(),
            cuts in prop::collection::vec(any::<usize>(), 0..30),
        ) {
            let mut whole = Decoder::with_max(SMALL_MAX);
            let expected = frames(&mut whole, &[&bytes]);
            let mut pieces = Decoder::with_max(SMALL_MAX);
            let got = frames(&mut pieces, &cut(&bytes, &cuts));
            prop_assert!(got.0.iter().all(|body| body.len() <= SMALL_MAX));
            prop_assert!(pieces.capacity() <= SMALL_MAX + frame::HEADER_LEN);
            prop_assert_eq!(got, expected);
        }

        /// The header dictionary: no panic, no body over its cap, the same
        /// messages however the stream was cut.
        #[test]
        fn fuzz_dict_decoder(
            bytes in prop_oneof![
                stream(),
                (any::<u16>(), "[ -~]{0,80}", prop::collection::vec(any::<u8>(), 0..300))
                    .prop_map(|(size, extra, body)| {
                        let header = format!("{{\"size\": {size}{extra}}}");
                        let mut bytes = (header.len() as u32).to_be_bytes().to_vec();
                        bytes.extend(header.as_bytes());
                        bytes.extend(body);
                        bytes
                    }),
            ],
            cuts in prop::collection::vec(any::<usize>(), 0..30),
        ) {
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
            let expected = decode(&[&bytes]);
            let got = decode(&cut(&bytes, &cuts));
            prop_assert!(got.0.iter().all(|body| body.len() <= SMALL_MAX));
            prop_assert_eq!(got, expected);
        }

        /// `socklab serve 15`: whatever 32 bytes (or any other count) come
        /// back, only the HMAC of the challenge is accepted; one flipped bit
        /// of it is not.
        #[test]
        fn fuzz_hmac_answer(
            challenge in prop::collection::vec(any::<u8>(), 32),
            received in prop::collection::vec(any::<u8>(), 0..64),
            flip in 0..256usize,
        ) {
            let right = answer(SECRET_KEY, &challenge);
            prop_assert_eq!(
                answer_is_right(SECRET_KEY, &challenge, &received),
                received == right
            );
            prop_assert!(answer_is_right(SECRET_KEY, &challenge, &right));
            let mut wrong = right.clone();
            wrong[flip / 8] ^= 1 << (flip % 8);
            prop_assert!(!answer_is_right(SECRET_KEY, &challenge, &wrong));
        }

        /// `socklab serve 11`: any request (a strftime format, or garbage)
        /// at any moment gets one bounded reply, a time or `error: ...`.
        #[test]
        fn fuzz_udp_time_request(
            request in prop_oneof![
                prop::collection::vec(any::<u8>(), 0..400),
                "(%[a-zA-Z%]|[ -~]){0,40}".prop_map(String::into_bytes),
            ],
            seconds in 0..253_402_300_799u64,
        ) {
            let reply = time_server_reply(&request, &Moment::from_unix_seconds(seconds));
            prop_assert!(std::str::from_utf8(&reply).is_ok());
            prop_assert!(!reply.is_empty());
            // %X is the longest directive: 8 bytes for 2 of the request.
            prop_assert!(reply.len() <= 4 * request.len() + 64, "{} bytes", reply.len());
        }
    }
}
