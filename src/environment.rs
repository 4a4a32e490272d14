//! The machine a lab ran on: the kernel release and the sysctls that change
//! lab outcomes.
//!
//! Every table ends with this line because the same program gives different
//! results on a different kernel or with different settings. When a lab
//! disagrees with the book, this line is the first place to look.
//!
//! [`read_kernel_value`] is socklab's one reader of such kernel files: the
//! doctor, labs 10 and 17 and the bench read their /proc and /sys values
//! with it.

use std::collections::BTreeMap;
use std::fs;
use std::io;

use serde::{Deserialize, Serialize};

/// Sysctls that change what the labs observe (see LAB-RECIPES.md):
/// - `tcp_autocorking`: the kernel may merge small writes on its own (tcp(7)).
/// - `tcp_tw_reuse`: whether TIME_WAIT ports may be reused for new outgoing
///   connections (tcp(7)).
/// - `somaxconn`: the ceiling on any listen() backlog (listen(2)).
/// - `tcp_timestamps`: adds 12 bytes of options to every segment, which
///   changes the MSS (tcp(7)).
pub const OUTCOME_SYSCTLS: [&str; 4] = [
    "net.ipv4.tcp_autocorking",
    "net.ipv4.tcp_tw_reuse",
    "net.core.somaxconn",
    "net.ipv4.tcp_timestamps",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// `linux`, `macos`, ... (std::env::consts::OS).
    pub os: String,
    /// The kernel release, e.g. `6.8.0-45-generic`.
    pub kernel: String,
    /// Sysctl name → value, or "unreadable" when /proc/sys is not there.
    pub sysctls: BTreeMap<String, String>,
}

impl Environment {
    /// Reads the environment of this machine, now.
    pub fn current() -> Environment {
        let kernel = shown(read_kernel_value("/proc/sys/kernel/osrelease"));
        let sysctls = OUTCOME_SYSCTLS
            .iter()
            .map(|name| {
                let path = format!("/proc/sys/{}", name.replace('.', "/"));
                (name.to_string(), shown(read_kernel_value(&path)))
            })
            .collect();
        Environment {
            os: std::env::consts::OS.to_string(),
            kernel,
            sysctls,
        }
    }

    /// The stand-in used by [`crate::report::Report::redacted`].
    pub fn placeholder() -> Environment {
        Environment {
            os: "[os]".to_string(),
            kernel: "[kernel]".to_string(),
            sysctls: BTreeMap::new(),
        }
    }

    /// One line for the bottom of a table, e.g.
    /// `env: linux 6.8.0 · tcp_autocorking=1 · tcp_tw_reuse=2 · ...`.
    pub fn one_line(&self) -> String {
        let mut line = format!("env: {} {}", self.os, self.kernel);
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

/// A value for the environment line, or "unreadable" when /proc is not
/// there to read it from.
fn shown(value: io::Result<String>) -> String {
    value.unwrap_or_else(|_| "unreadable".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_values_come_without_their_newline() {
        let release = read_kernel_value("/proc/sys/kernel/osrelease").unwrap();
        assert!(!release.is_empty());
        assert_eq!(release, release.trim());
        assert!(read_kernel_value("/nonexistent/socklab").is_err());
    }
}
