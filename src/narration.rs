//! `--step`: narrated mode, for a projector.
//!
//! Before each part of an experiment a lab calls [`step`] with what is
//! about to happen and what to watch. In narrated mode that text is shown
//! (on stderr, so `--format json` stays valid JSON on stdout), and on a
//! terminal socklab waits for Enter, so an instructor can ask the class for
//! a prediction first. Without a terminal it runs straight through, which
//! is how tests and scripts see it. Outside narrated mode [`step`] does
//! nothing.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::{i18n, tr};

static ON: AtomicBool = AtomicBool::new(false);
static STEP: AtomicU32 = AtomicU32::new(0);

/// Lines narrower than this fit a projector's 80-column terminal.
const WIDTH: usize = 78;

/// Wraps `text` to [`WIDTH`] columns, indenting continuation lines. English
/// breaks between words; Chinese, which has no spaces, between any two
/// characters (a CJK character takes two columns, see [`i18n::width`]).
fn wrap(text: &str, indent: &str) -> String {
    let mut lines = vec![String::new()];
    for word in pieces(text) {
        let line = lines.last_mut().expect("lines is never empty");
        let space = usize::from(word.starts_with(' '));
        if !line.trim().is_empty() && i18n::width(line) + i18n::width(word) > WIDTH {
            lines.push(format!("{indent}{}", &word[space..]));
        } else {
            line.push_str(if line.is_empty() {
                &word[space..]
            } else {
                word
            });
        }
    }
    lines.join("\n")
}

/// The pieces a line may break between: each English word with the space
/// before it, each wide (CJK) character on its own.
fn pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, character) in text.char_indices() {
        let wide = i18n::width(character.encode_utf8(&mut [0; 4])) > 1;
        if at > start && (character == ' ' || wide) {
            pieces.push(&text[start..at]);
            start = at;
        }
        if wide {
            let end = at + character.len_utf8();
            pieces.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Turns narrated mode on for the labs run from now on.
pub fn enable() {
    ON.store(true, Ordering::SeqCst);
}

/// Starts a lab's narration: its steps are numbered from 1 again.
pub fn begin_lab(number: u8, title: &str) {
    if !ON.load(Ordering::SeqCst) {
        return;
    }
    STEP.store(0, Ordering::SeqCst);
    eprintln!(
        "\n{}",
        tr!(
            "narration-lab",
            "━━ Lab {number}: {title} ━━",
            number = number,
            title = title
        )
    );
}

/// Announces the next part of the experiment: `what` is about to happen;
/// `watch` is what to look at in the table afterwards.
pub fn step(what: &str, watch: &str) {
    if !ON.load(Ordering::SeqCst) {
        return;
    }
    let number = STEP.fetch_add(1, Ordering::SeqCst) + 1;
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "\n{}\n  {}",
        wrap(
            &tr!(
                "narration-step",
                "▶ Step {number}: {what}",
                number = number,
                what = i18n::text(what)
            ),
            "  "
        ),
        wrap(
            &tr!(
                "narration-watch",
                "Watch: {watch}",
                watch = i18n::text(watch)
            ),
            "  "
        )
        .replace('\n', "\n  "),
    );
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let _ = write!(
            stderr,
            "  {} ",
            tr!("narration-enter", "[Enter to run this step]")
        );
        let _ = stderr.flush();
        let mut line = String::new();
        let _ = stdin.lock().read_line(&mut line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_with_an_indent() {
        let text = format!("Watch: {}", "word ".repeat(30));
        let wrapped = wrap(text.trim_end(), "  ");
        assert!(wrapped.lines().count() > 1);
        assert!(wrapped.lines().all(|line| line.chars().count() <= WIDTH));
        assert!(
            wrapped
                .lines()
                .skip(1)
                .all(|line| line.starts_with("  word"))
        );
        assert_eq!(wrap("short", "  "), "short");
    }

    #[test]
    fn chinese_wraps_between_characters_at_the_width_in_columns() {
        let text = format!("注意：{}", "内核把四次发送粘在一起 b\"hello\" ".repeat(6));
        let wrapped = wrap(text.trim_end(), "  ");
        assert!(wrapped.lines().count() > 1);
        assert!(wrapped.lines().all(|line| i18n::width(line) <= WIDTH));
        assert!(wrapped.lines().skip(1).all(|line| line.starts_with("  ")));
        assert_eq!(
            wrapped.replace("\n  ", "").replace(' ', ""),
            text.trim_end().replace(' ', "")
        );
    }
}
