//! The machine a lab ran on: the kernel release and the sysctls that change
//! lab outcomes.
//!
//! Every table ends with this line because the same program gives different
//! results on a different kernel or with different settings. When a lab
//! disagrees with the book, this line is the first place to look.

use std::collections::BTreeMap;
use std::fs;

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
        let kernel = read_proc_value("/proc/sys/kernel/osrelease");
        let sysctls = OUTCOME_SYSCTLS
            .iter()
            .map(|name| {
                let path = format!("/proc/sys/{}", name.replace('.', "/"));
                (name.to_string(), read_proc_value(&path))
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

fn read_proc_value(path: &str) -> String {
    fs::read_to_string(path)
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unreadable".to_string())
}
