//! Lab 9: text over sockets (encodings).
//!
//! A socket carries bytes (send(2), recv(2)); text exists only at the two
//! ends, where a program encodes it into bytes and decodes bytes back into
//! text. Two things go wrong on the way:
//!
//! - The two ends disagree on the encoding. The course's remote shell runs a
//!   command on Chinese Windows, whose console code page is GBK (cp936), so
//!   `subprocess` output arrives as GBK bytes. A client that decodes them as
//!   UTF-8 gets an error (Python's strict `decode()`) or, with errors
//!   replaced, U+FFFD marks mixed with wrong but valid characters. Decoding
//!   as GBK gives the text back exactly.
//! - A recv boundary falls inside a character. TCP knows nothing about
//!   characters, so any recv can end after the first byte of a 3-byte UTF-8
//!   character. Decoding each recv on its own then fails; a streaming
//!   decoder keeps the incomplete bytes until the next recv completes them.
//!
//! All bytes here travel over a loopback TCP connection, and every decode is
//! of what recv returned. The receiver waits until FIONREAD shows all the
//! bytes, so each recv returns the same bytes on every run.

use encoding_rs::{GBK, UTF_8};

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net;
use crate::report::CheckResult;
use crate::text;

pub const LAB: Lab = Lab {
    number: 9,
    slug: "encodings",
    title: "Text over sockets: GBK and UTF-8 in chunks",
    shows: "GBK bytes decoded as UTF-8 turn to mojibake; a recv can cut a character in two",
    summary: "Sockets carry bytes. A Windows `dir` line in GBK decoded as UTF-8 gives U+FFFD marks\n\
              and wrong letters; decoded as GBK it is exact. \"你好, 世界\" read as two recvs,\n\
              split at every offset: chunks decoded alone fail inside characters, a streaming decoder never.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/09-encodings/README.md"),
    sheet_zh_cn: include_str!("../../labs/09-encodings/README.zh-CN.md"),
    experiment: run,
};

/// What `dir` prints on Chinese Windows for a drive without a label
/// ("Volume in drive C has no label."): the kind of output the course's
/// remote shell sends back, in the console's code page, GBK.
const DIR_LINE: &str = "驱动器 C 中的卷没有标签。";

/// GBK takes 2 bytes for each of the 11 Chinese characters (驱动器, 中的卷没有
/// 标签 and the full stop 。) and 1 byte for each of " C ": 22 + 3 = 25.
/// (UTF-8 would take 3 per character: 33 + 3 = 36.)
const DIR_LINE_GBK_LEN: usize = 25;

/// The course's client reads the reply with recv(1024).
const CLIENT_RECV: usize = 1024;

/// The GBK bytes of [`DIR_LINE`], read as UTF-8 by hand. UTF-8 replaces each
/// maximal invalid piece with one U+FFFD (the WHATWG/Unicode rule encoding_rs
/// and Python follow); a lead byte followed by a byte that fits becomes a
/// real, wrong character:
///
/// ```text
/// c7 | fd | b6 | af | c6 | f7   six U+FFFD: c7, c6 need a continuation byte
///                               next, fd, f7 never start one, b6, af are
///                               continuations with nothing to continue
/// 20 43 20                      " C " (ASCII is the same in both)
/// d6 | d0 b5 | c4 be            U+FFFD, then d0 b5 = U+0435 'е' (Cyrillic)
///                               and c4 be = U+013E 'ľ'
/// ed | c3 bb | d3 | d0 b1       U+FFFD (ed wants 80-9f next), c3 bb = 'û',
///                               U+FFFD, d0 b1 = U+0431 'б'
/// ea | c7 a9 | a1 | a3          U+FFFD, c7 a9 = U+01E9 'ǩ', U+FFFD, U+FFFD
/// ```
///
/// 6 + 1 + 2 + 3 = 12 replacement characters.
const DIR_LINE_REPLACEMENTS: usize = 12;
const DIR_LINE_AS_UTF8: &str = "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} C \
                                \u{FFFD}\u{0435}\u{013E}\u{FFFD}\u{00FB}\u{FFFD}\u{0431}\
                                \u{FFFD}\u{01E9}\u{FFFD}\u{FFFD}";

/// The text split at every offset: 你 and 好 (3 bytes each), ", " (2 bytes),
/// 世 and 界 (3 bytes each) = 14 bytes, so 13 offsets to split at (1 to 13).
const SPLIT_TEXT: &str = "你好, 世界";

/// Characters occupy bytes 0-2 (你), 3-5 (好), 6 and 7 (", "), 8-10 (世)
/// and 11-13 (界). Splitting at 1, 2, 4, 5, 9, 10, 12 or 13 cuts a
/// character; 3, 6, 7, 8 and 11 fall between characters.
const SPLIT_OFFSETS_INSIDE: &str = "1, 2, 4, 5, 9, 10, 12, 13";

/// Number of split offsets: 14 bytes - 1.
const SPLIT_OFFSET_COUNT: usize = 13;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let mut checks = gbk_reply()?;
    checks.extend(split_at_every_offset()?);
    Ok(checks)
}

/// The remote shell's reply from Chinese Windows: GBK bytes, read with
/// recv(1024), decoded three ways.
fn gbk_reply() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Chinese text encoded as GBK (what Chinese Windows prints) received and decoded as UTF-8, then as GBK.",
        "replacement characters with the wrong decoder, the exact text with the right one.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let (gbk_bytes, _, unmappable) = GBK.encode(DIR_LINE);
    // Every character of DIR_LINE exists in GBK, so nothing is replaced.
    debug_assert!(!unmappable);
    net::send_all(&pair.server, &gbk_bytes).step("sending the GBK line")?;
    net::wait_for_queued(&pair.client, gbk_bytes.len()).step("waiting for the GBK line")?;
    let received = net::recv_once(&pair.client, CLIENT_RECV).step("recv(1024) of the GBK line")?;

    let (as_utf8, _) = UTF_8.decode_without_bom_handling(&received);
    let replacements = as_utf8.chars().filter(|&c| c == '\u{FFFD}').count();
    let (as_gbk, gbk_errors) = GBK.decode_without_bom_handling(&received);
    let gbk_outcome = if gbk_errors {
        format!("{as_gbk} (with errors)")
    } else {
        as_gbk.into_owned()
    };

    Ok(vec![
        expect::exact(
            "gbk-bytes",
            "`dir` line in GBK: bytes received",
            DIR_LINE_GBK_LEN,
            received.len(),
        ),
        expect::exact(
            "gbk-as-utf8-strict",
            "  decoded as UTF-8 (Python's .decode())",
            "error: valid up to byte 0".to_string(),
            text::decode_alone(&received),
        ),
        expect::exact(
            "gbk-as-utf8-replacements",
            "  decoded as UTF-8, errors replaced: U+FFFD",
            DIR_LINE_REPLACEMENTS,
            replacements,
        ),
        expect::exact(
            "gbk-as-utf8-text",
            "  that decoded text",
            DIR_LINE_AS_UTF8.to_string(),
            as_utf8.into_owned(),
        ),
        expect::exact(
            "gbk-as-gbk",
            "  decoded as GBK",
            DIR_LINE.to_string(),
            gbk_outcome,
        ),
    ])
}

/// Sends "你好, 世界" once per offset k and reads it as recv(k), then a
/// recv for the rest, after all 14 bytes are queued. Each pair of chunks is
/// decoded twice: each chunk on its own (strict), and both through one
/// streaming decoder.
fn split_at_every_offset() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "\"你好, 世界\" split into two recvs at every possible offset.",
        "which offsets break decoding chunk by chunk; the streaming decoder never breaks.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    let text = SPLIT_TEXT.as_bytes();
    let mut cut_inside = Vec::new();
    let mut streaming_exact = 0;
    for offset in 1..text.len() {
        net::send_all(&pair.server, text).step("sending the text")?;
        net::wait_for_queued(&pair.client, text.len()).step("waiting for the text")?;
        let first = net::recv_once(&pair.client, offset).step("recv(k) of the text")?;
        let rest = net::recv_once(&pair.client, text.len()).step("recv of the rest")?;
        let alone_ok = std::str::from_utf8(&first).is_ok() && std::str::from_utf8(&rest).is_ok();
        if !alone_ok {
            cut_inside.push(offset.to_string());
        }
        if text::decode_stream(&[&first, &rest]) == SPLIT_TEXT {
            streaming_exact += 1;
        }
    }
    Ok(vec![
        expect::exact(
            "split-alone",
            "\"你好, 世界\" as 2 recvs, each decoded alone: fails at",
            SPLIT_OFFSETS_INSIDE.to_string(),
            if cut_inside.is_empty() {
                "no offset".to_string()
            } else {
                cut_inside.join(", ")
            },
        ),
        expect::exact(
            "split-streaming",
            "  the same recvs through a streaming decoder",
            format!("{SPLIT_OFFSET_COUNT} of {SPLIT_OFFSET_COUNT} offsets exact"),
            format!("{streaming_exact} of {} offsets exact", text.len() - 1),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-worked constants, checked against encoding_rs (the lab's
    /// expectations stay constants; this only guards the arithmetic).
    #[test]
    fn hand_worked_constants_match_encoding_rs() {
        let (gbk, _, _) = GBK.encode(DIR_LINE);
        assert_eq!(gbk.len(), DIR_LINE_GBK_LEN);
        let (as_utf8, _) = UTF_8.decode_without_bom_handling(&gbk);
        assert_eq!(as_utf8, DIR_LINE_AS_UTF8);
        assert_eq!(
            DIR_LINE_AS_UTF8.matches('\u{FFFD}').count(),
            DIR_LINE_REPLACEMENTS
        );
        assert_eq!(SPLIT_TEXT.len(), SPLIT_OFFSET_COUNT + 1);
        let inside: Vec<String> = (1..SPLIT_TEXT.len())
            .filter(|&k| !SPLIT_TEXT.is_char_boundary(k))
            .map(|k| k.to_string())
            .collect();
        assert_eq!(inside.join(", "), SPLIT_OFFSETS_INSIDE);
    }
}
