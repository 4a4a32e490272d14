//! Writing to stdout and stderr when stdout may be closed or full.
//!
//! `println!` panics when a write fails, and a panic is the wrong answer to
//! two ordinary situations:
//!
//! - The reader went away: `socklab list | head -3`, or a terminal closed.
//!   The write fails with EPIPE (Rust ignores SIGPIPE, so the error comes
//!   back instead of the signal killing the process). Nobody is left to
//!   read, so socklab stops quietly with status 0, as other Unix tools do
//!   when their reader has all it wanted.
//! - The disk is full: `socklab run 1 > /dev/full`, or a log on a full
//!   disk, fails with ENOSPC. Output was lost, which is an error: one line
//!   on stderr, status 2.
//!
//! Either way socklab stops through [`crate::cleanup::exit`], so temp
//! folders and child processes are cleaned up even when the failed write
//! came from the middle of a server.

use std::fmt;
use std::io::{self, Write};

use crate::cleanup;
use crate::net;

/// Writes `text` to stdout and flushes it; stops socklab if that fails.
pub fn print(text: impl fmt::Display) {
    let mut stdout = io::stdout().lock();
    let written = write!(stdout, "{text}").and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(error) = written {
        stop(&error);
    }
}

/// One line on stderr (a warning, or the error that ends a command). A
/// stderr that cannot be written to has no one to tell, so its errors are
/// dropped: `eprintln!` would panic instead.
pub fn warn(line: impl fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Stops socklab after a failed write to stdout: 0 for a reader that went
/// away, 2 with one line for anything else.
pub fn stop(error: &io::Error) -> ! {
    if error.kind() == io::ErrorKind::BrokenPipe {
        cleanup::exit(0);
    }
    warn(format!(
        "error: cannot write to stdout: {}{}",
        net::error_name(error),
        match error.raw_os_error() {
            Some(libc::ENOSPC) | Some(libc::EDQUOT) =>
                ": the disk is full; free some space or send the output elsewhere",
            _ => ": send the output to a terminal, a file or a pipe that can take it",
        }
    ));
    cleanup::exit(2)
}
