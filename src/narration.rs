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

static ON: AtomicBool = AtomicBool::new(false);
static STEP: AtomicU32 = AtomicU32::new(0);

/// Lines narrower than this fit a projector's 80-column terminal.
const WIDTH: usize = 78;

/// Word-wraps `text` to [`WIDTH`] columns, indenting continuation lines.
fn wrap(text: &str, indent: &str) -> String {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("lines is never empty");
        if !line.trim().is_empty() && line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(format!("{indent}{word}"));
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
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
    eprintln!("\n━━ Lab {number}: {title} ━━");
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
        wrap(&format!("▶ Step {number}: {what}"), "  "),
        wrap(&format!("Watch: {watch}"), "  ").replace('\n', "\n  "),
    );
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let _ = write!(stderr, "  [Enter to run this step] ");
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
}
