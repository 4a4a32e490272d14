//! The machine a lab ran on: the kernel release and the sysctls that change
//! lab outcomes.
//!
//! Every table ends with this line because the same program gives different
//! results on a different kernel or with different settings. When a lab
//! disagrees with the book, this line is the first place to look.
//!
//! [`read_kernel_value`] is socklab's one reader of such kernel files: the
//! settings table, labs 10 and 17 and the bench read their /proc and /sys values
//! with it.

use std::collections::BTreeMap;
use std::fs;
use std::io;

use serde::{Deserialize, Serialize};

use crate::{i18n, tr};

/// Where a setting is read from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// A file with a single value, e.g. /proc/sys/net/core/somaxconn.
    File(&'static str),
    /// One whitespace-separated field of a file, numbered from 0.
    Field(&'static str, usize),
}

impl Source {
    /// The value, or "unreadable" / "missing" when there is nothing to show.
    pub fn read(self) -> String {
        match self {
            Source::File(path) => value_of(read_kernel_value(path), None),
            Source::Field(path, index) => value_of(read_kernel_value(path), Some(index)),
        }
    }
}

/// What a file read gave, or one whitespace-separated field of it;
/// "unreadable" or "missing" when there is nothing to show.
fn value_of(read: io::Result<String>, field: Option<usize>) -> String {
    match (read, field) {
        (Err(_), _) => "unreadable".to_string(),
        (Ok(text), None) => text,
        (Ok(text), Some(index)) => text
            .split_whitespace()
            .nth(index)
            .unwrap_or("missing")
            .to_string(),
    }
}

/// A setting the labs depend on, with the value the book was made with.
pub struct Setting {
    pub name: &'static str,
    pub source: Source,
    /// The value the book's output was made with.
    pub book: &'static str,
    /// The labs whose results it changes.
    pub labs: &'static str,
    pub why: &'static str,
    /// Shown on every table's env line (the sysctls that change outcomes
    /// most often); `doctor` shows them all.
    pub on_env_line: bool,
}

/// Every setting that changes what the labs observe, with the book's
/// value: `doctor` compares them all, each report's env line shows the ones
/// marked `on_env_line`. What the four on the env line do:
/// - `tcp_autocorking` (1 by default): while an earlier segment of the flow
///   still waits in the qdisc or device queue, the kernel holds back small
///   writes and merges them into one segment, so how writes coalesce (lab 1)
///   depends on it as well as on Nagle's algorithm (tcp(7)).
/// - `tcp_tw_reuse` (2 by default, loopback only; 1 everywhere; 0 never):
///   lets a new *outgoing* connect(2) reuse the 4-tuple of a TIME_WAIT end
///   when that is safe. It never lets bind(2) take a port a TIME_WAIT end
///   holds, so lab 4's rebind results do not depend on it (tcp(7); the
///   kernel's Documentation/networking/ip-sysctl.rst lists the three values).
/// - `somaxconn` (4096 since Linux 5.4, 128 before): listen(2) silently caps
///   any larger backlog to it (listen(2)), which bounds lab 12's queues.
/// - `tcp_timestamps` (1 by default): when both ends agree, every segment
///   carries a 12-byte timestamps option (10 bytes and 2 of padding, RFC
///   7323), so each segment holds 12 bytes less payload than the negotiated
///   MSS and lab 10's segment counts change (tcp(7)).
pub const BOOK_SETTINGS: &[Setting] = &[
    Setting {
        name: "net.ipv4.tcp_autocorking",
        source: Source::File("/proc/sys/net/ipv4/tcp_autocorking"),
        book: "1",
        labs: "1, 5",
        why: "the kernel may merge small writes by itself, changing segment counts",
        on_env_line: true,
    },
    Setting {
        name: "net.ipv4.tcp_timestamps",
        source: Source::File("/proc/sys/net/ipv4/tcp_timestamps"),
        book: "1",
        labs: "10",
        why: "the timestamp option takes 12 bytes of every segment: MSS 524, not 536",
        on_env_line: true,
    },
    Setting {
        name: "net.core.somaxconn",
        source: Source::File("/proc/sys/net/core/somaxconn"),
        book: "4096",
        labs: "12",
        why: "it caps every listen() backlog",
        on_env_line: true,
    },
    Setting {
        name: "net.ipv4.tcp_syncookies",
        source: Source::File("/proc/sys/net/ipv4/tcp_syncookies"),
        book: "1",
        labs: "12",
        why: "how the kernel treats SYNs when its queues are full",
        on_env_line: false,
    },
    Setting {
        name: "net.ipv4.tcp_tw_reuse",
        source: Source::File("/proc/sys/net/ipv4/tcp_tw_reuse"),
        book: "2",
        labs: "4",
        why: "shown in lab 4's discussion; it affects connect(), not bind()",
        on_env_line: true,
    },
    Setting {
        name: "net.ipv4.tcp_rmem (default)",
        source: Source::Field("/proc/sys/net/ipv4/tcp_rmem", 1),
        book: "131072",
        labs: "8, 10",
        why: "the first receive window, and so the 32741-byte first segment",
        on_env_line: false,
    },
    Setting {
        name: "loopback MTU",
        source: Source::File("/sys/class/net/lo/mtu"),
        book: "65536",
        labs: "3, 10",
        why: "the largest segment and datagram that cross loopback unsplit",
        on_env_line: false,
    },
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// `linux`, `macos`, ... (std::env::consts::OS).
    pub os: String,
    /// The kernel release, e.g. `6.8.0-45-generic`.
    pub kernel: String,
    /// Sysctl name → value, or "unreadable" when /proc/sys is not there.
    pub sysctls: BTreeMap<String, String>,
    /// Which network the labs ran in: "private network (book settings)" or
    /// "host loopback" (absent outside `socklab run`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
}

impl Environment {
    /// Reads the environment of this machine, now.
    pub fn current() -> Environment {
        let kernel = Source::File("/proc/sys/kernel/osrelease").read();
        let sysctls = BOOK_SETTINGS
            .iter()
            .filter(|setting| setting.on_env_line)
            .map(|setting| (setting.name.to_string(), setting.source.read()))
            .collect();
        Environment {
            os: std::env::consts::OS.to_string(),
            kernel,
            sysctls,
            network: None,
        }
    }

    /// The stand-in used by [`crate::report::Report::redacted`].
    pub fn placeholder() -> Environment {
        Environment {
            os: "[os]".to_string(),
            kernel: "[kernel]".to_string(),
            sysctls: BTreeMap::new(),
            network: None,
        }
    }

    /// One line for the bottom of a table, e.g.
    /// `env: linux 6.8.0 · tcp_autocorking=1 · tcp_tw_reuse=2 · ...`.
    pub fn one_line(&self) -> String {
        let mut line = tr!(
            "env-line",
            "env: {os} {kernel}",
            os = self.os,
            kernel = self.kernel
        );
        if let Some(network) = &self.network {
            line.push_str(&format!(" · {}", i18n::text(network)));
        }
        for (name, value) in &self.sysctls {
            let short = name.rsplit('.').next().unwrap_or(name);
            line.push_str(&format!(" · {short}={value}"));
        }
        line
    }
}

/// The value in a one-line kernel file: a sysctl in /proc/sys (e.g.
/// /proc/sys/net/ipv4/tcp_timestamps), a /proc or /sys attribute (e.g.
/// /sys/class/net/lo/mtu). The kernel ends the value with a newline; this
/// returns it without.
pub fn read_kernel_value(path: &str) -> io::Result<String> {
    Ok(fs::read_to_string(path)?.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_values_and_fields() {
        // /proc/sys/net/ipv4/tcp_rmem, as read_kernel_value returns it.
        let tcp_rmem = || Ok("4096\t131072\t6291456".to_string());
        assert_eq!(value_of(tcp_rmem(), None), "4096\t131072\t6291456");
        assert_eq!(value_of(tcp_rmem(), Some(1)), "131072");
        assert_eq!(value_of(tcp_rmem(), Some(7)), "missing");
        assert_eq!(Source::File("/nonexistent/socklab").read(), "unreadable");
    }

    #[test]
    fn kernel_values_come_without_their_newline() {
        let release = read_kernel_value("/proc/sys/kernel/osrelease").unwrap();
        assert!(!release.is_empty());
        assert_eq!(release, release.trim());
        assert!(read_kernel_value("/nonexistent/socklab").is_err());
    }
}
