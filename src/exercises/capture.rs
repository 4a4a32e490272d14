//! The student's stdout and stderr, kept up to a cap.
//!
//! A program stuck in a loop can print gigabytes. Each stream is read
//! (and so drained: a program writing into a full pipe would block in its
//! write, pipe(7), and look hung) by a thread of its own, which keeps the
//! first [`KEPT`] bytes and only counts the rest. Memory stays bounded
//! whatever the program prints.

use std::io::Read;
use std::thread::{self, JoinHandle};

use crate::tr;

/// Bytes kept of each stream.
pub const KEPT: usize = 64 * 1024;

/// Bytes of each stream shown under the report.
const SHOWN: usize = 2048;

/// What one stream carried.
#[derive(Debug, Default)]
pub struct Captured {
    pub kept: Vec<u8>,
    /// Every byte the program wrote, kept or not.
    pub total: u64,
}

/// Reads `stream` to its end in a thread; join the handle for what came.
pub fn drain(mut stream: impl Read + Send + 'static) -> JoinHandle<Captured> {
    thread::spawn(move || {
        let mut captured = Captured::default();
        let mut buffer = vec![0u8; 16 * 1024];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => {
                    let room = KEPT.saturating_sub(captured.kept.len());
                    captured.kept.extend_from_slice(&buffer[..read.min(room)]);
                    captured.total += read as u64;
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        captured
    })
}

impl Captured {
    /// The stream as shown under the report: its first [`SHOWN`] bytes,
    /// and how much more there was.
    pub fn shown(&self, name: &str) -> String {
        if self.total == 0 {
            return format!("{name}: {}\n", tr!("captured-nothing", "(nothing)"));
        }
        let cut = self.kept.len().min(SHOWN);
        let mut text = format!("{name}:\n");
        for line in String::from_utf8_lossy(&self.kept[..cut]).lines() {
            text.push_str(&format!("  | {line}\n"));
        }
        let more = self.total - cut as u64;
        if more > 0 {
            text.push_str(&format!(
                "  {}\n",
                tr!(
                    "captured-more",
                    "… {more} more bytes not shown ({total} bytes in all; socklab keeps the first {kib} KiB)",
                    more = more,
                    total = self.total,
                    kib = KEPT / 1024
                )
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_64_kib_counts_the_rest_and_shows_a_little() {
        let flood = vec![b'x'; 200 * 1024];
        let captured = drain(std::io::Cursor::new(flood)).join().unwrap();
        assert_eq!(captured.kept.len(), KEPT);
        assert_eq!(captured.total, 200 * 1024);
        let shown = captured.shown("stdout");
        assert!(shown.len() < 2 * SHOWN, "{} bytes shown", shown.len());
        assert!(
            shown.contains("more bytes not shown (204800 bytes in all"),
            "{shown}"
        );
        assert_eq!(Captured::default().shown("stderr"), "stderr: (nothing)\n");
    }
}
