//! Text on a byte stream: decoding what `recv` returned.
//!
//! Sockets carry bytes; text is the application's interpretation of them.
//! A `recv` knows nothing about characters, so a chunk can end in the middle
//! of one (a Chinese character is 3 bytes in UTF-8). Decoding each chunk on
//! its own, as the course's `data.decode('utf-8')` does, then fails; a
//! streaming decoder keeps the incomplete bytes until the next chunk
//! completes the character.

use encoding_rs::{CoderResult, UTF_8};

/// Decodes bytes as UTF-8 on their own, as Python's `data.decode('utf-8')`
/// does: `ok: "text"`, or where the valid part ends when a character was cut.
pub fn decode_alone(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => format!("ok: {text:?}"),
        Err(error) => format!("error: valid up to byte {}", error.valid_up_to()),
    }
}

/// Feeds chunks, in order, to encoding_rs's streaming UTF-8 decoder (Python:
/// `codecs.getincrementaldecoder('utf-8')()`). It keeps the bytes of a
/// character cut at the end of a chunk and finishes it with the next one;
/// only the last call (`last = true`) may turn an incomplete character into
/// U+FFFD.
pub fn decode_stream<C: AsRef<[u8]>>(chunks: &[C]) -> String {
    let mut decoder = UTF_8.new_decoder_without_bom_handling();
    let mut text = String::new();
    for (index, chunk) in chunks.iter().enumerate() {
        let chunk = chunk.as_ref();
        let last = index + 1 == chunks.len();
        // The decoder writes only into spare capacity: reserve the most this
        // chunk (plus a held-back partial character) can expand to.
        let room = decoder
            .max_utf8_buffer_length(chunk.len())
            .expect("a recv chunk is far too small to overflow usize");
        text.reserve(room);
        let (result, _, _) = decoder.decode_to_string(chunk, &mut text, last);
        // With that room reserved, the decoder always takes the whole chunk.
        debug_assert_eq!(result, CoderResult::InputEmpty);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_alone_names_where_the_cut_is() {
        assert_eq!(decode_alone("嘿".as_bytes()), "ok: \"嘿\"");
        assert_eq!(
            decode_alone(&"你好".as_bytes()[..4]),
            "error: valid up to byte 3"
        );
    }

    #[test]
    fn decode_stream_joins_cut_characters() {
        let bytes = "你好".as_bytes();
        assert_eq!(
            decode_stream(&[&bytes[..1], &bytes[1..4], &bytes[4..]]),
            "你好"
        );
        assert_eq!(decode_stream(&[&bytes[..4]]), "你\u{fffd}");
    }
}
