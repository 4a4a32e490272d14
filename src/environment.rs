//! The machine a lab ran on: the kernel release and the sysctls that change
//! lab outcomes.
//!
//! Every table ends with this line because the same program gives different
//! results on a different kernel or with different settings. When a lab
//! disagrees with the book, this line is the first place to look.

use std::collections::BTreeMap;
use std::fs;

use serde::{Deserialize, Serialize};

/// Sysctls that change what the labs observe, and how:
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
