//! `socklab doctor`: does this machine behave like the book's?
//!
//! The labs measure the kernel they run on. A few settings change what they
//! measure: a different loopback MTU changes segment counts, turning off TCP
//! timestamps changes the MSS by 12 bytes, and so on. The doctor reads each
//! of those settings, compares it with the value the book's tables were made
//! with, and names the labs that will show different numbers here. A
//! difference is not a fault: on such a machine the MISMATCH rows are the
//! kernel telling the truth.

use std::io;
use std::net::{Ipv6Addr, SocketAddr};

use socket2::{Domain, Protocol, Socket, Type};

use crate::environment::{Environment, read_kernel_value};

/// Where a setting is read from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// A file with a single value, e.g. /proc/sys/net/core/somaxconn.
    File(&'static str),
    /// One whitespace-separated field of a file, numbered from 0.
    Field(&'static str, usize),
}

impl Source {
    fn read(self) -> String {
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
struct Setting {
    name: &'static str,
    source: Source,
    book: &'static str,
    labs: &'static str,
    why: &'static str,
}

const SETTINGS: &[Setting] = &[
    Setting {
        name: "net.ipv4.tcp_autocorking",
        source: Source::File("/proc/sys/net/ipv4/tcp_autocorking"),
        book: "1",
        labs: "1, 5",
        why: "the kernel may merge small writes by itself, changing segment counts",
    },
    Setting {
        name: "net.ipv4.tcp_timestamps",
        source: Source::File("/proc/sys/net/ipv4/tcp_timestamps"),
        book: "1",
        labs: "10",
        why: "the timestamp option takes 12 bytes of every segment: MSS 524, not 536",
    },
    Setting {
        name: "net.core.somaxconn",
        source: Source::File("/proc/sys/net/core/somaxconn"),
        book: "4096",
        labs: "12",
        why: "it caps every listen() backlog",
    },
    Setting {
        name: "net.ipv4.tcp_syncookies",
        source: Source::File("/proc/sys/net/ipv4/tcp_syncookies"),
        book: "1",
        labs: "12",
        why: "how the kernel treats SYNs when its queues are full",
    },
    Setting {
        name: "net.ipv4.tcp_tw_reuse",
        source: Source::File("/proc/sys/net/ipv4/tcp_tw_reuse"),
        book: "2",
        labs: "4",
        why: "shown in lab 4's discussion; it affects connect(), not bind()",
    },
    Setting {
        name: "net.ipv4.tcp_rmem (default)",
        source: Source::Field("/proc/sys/net/ipv4/tcp_rmem", 1),
        book: "131072",
        labs: "8, 10",
        why: "the first receive window, and so the 32741-byte first segment",
    },
    Setting {
        name: "loopback MTU",
        source: Source::File("/sys/class/net/lo/mtu"),
        book: "65536",
        labs: "3, 10",
        why: "the largest segment and datagram that cross loopback unsplit",
    },
];

/// One row of the doctor's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub name: String,
    pub book: String,
    pub here: String,
    pub labs: String,
    pub why: String,
}

impl Finding {
    pub fn matches(&self) -> bool {
        self.book == self.here
    }
}

/// Everything the doctor found.
pub struct Diagnosis {
    pub environment: Environment,
    pub findings: Vec<Finding>,
    /// Whether the kernel answers sock_diag queries (labs 4 and 13 read
    /// TIME_WAIT and LAST_ACK through it).
    pub sock_diag: bool,
    /// Whether a socket can be bound to [::1].
    pub ipv6_loopback: bool,
    /// Whether socklab runs as root (it never needs to).
    pub root: bool,
}

impl Diagnosis {
    pub fn matches_the_book(&self) -> bool {
        self.sock_diag && self.findings.iter().all(Finding::matches)
    }
}

/// Reads every setting now.
pub fn diagnose() -> Diagnosis {
    let findings = SETTINGS
        .iter()
        .map(|setting| Finding {
            name: setting.name.to_string(),
            book: setting.book.to_string(),
            here: setting.source.read(),
            labs: setting.labs.to_string(),
            why: setting.why.to_string(),
        })
        .collect();
    Diagnosis {
        environment: Environment::current(),
        findings,
        sock_diag: crate::net::sock_diag_availability().is_ok(),
        ipv6_loopback: ipv6_loopback_works(),
        // SAFETY: geteuid has no preconditions and cannot fail.
        root: unsafe { libc::geteuid() } == 0,
    }
}

fn ipv6_loopback_works() -> bool {
    let Ok(socket) = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP)) else {
        return false;
    };
    let address = SocketAddr::from((Ipv6Addr::LOCALHOST, 0));
    socket.bind(&address.into()).is_ok()
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
    fn a_different_value_is_a_difference() {
        let finding = Finding {
            name: "x".into(),
            book: "1".into(),
            here: "0".into(),
            labs: "1".into(),
            why: String::new(),
        };
        assert!(!finding.matches());
    }

    #[test]
    fn this_machine_is_diagnosed() {
        let diagnosis = diagnose();
        assert_eq!(diagnosis.findings.len(), SETTINGS.len());
        assert!(diagnosis.findings.iter().all(|f| !f.here.is_empty()));
    }
}
