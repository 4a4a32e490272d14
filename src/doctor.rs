//! `socklab doctor`: does this machine behave like the book's?
//!
//! The labs measure the kernel they run on. A few settings change what they
//! measure: a different loopback MTU changes segment counts, turning off TCP
//! timestamps changes the MSS by 12 bytes, and so on. The doctor reads each
//! of those settings, compares it with the value the book's tables were made
//! with, and names the labs that will show different numbers here. A
//! difference is not a fault: on such a machine the MISMATCH rows are the
//! kernel telling the truth.

use std::net::{Ipv6Addr, SocketAddr};

use comfy_table::{Cell, Color};
use socket2::{Domain, Protocol, Socket, Type};

use crate::environment::{BOOK_SETTINGS, Environment};
use crate::render::table::new_table;
use crate::sandbox::{self, Isolation, Sandbox};
use crate::{i18n, tr};

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
    /// Whether a socket can be bound to `[::1]`.
    pub ipv6_loopback: bool,
    /// Whether socklab runs as root (it never needs to).
    pub root: bool,
    /// Whether `socklab run` can make its private network here, and how;
    /// or why not, with the fix.
    pub private_network: Sandbox,
}

impl Diagnosis {
    pub fn matches_the_book(&self) -> bool {
        self.sock_diag && self.findings.iter().all(Finding::matches)
    }
}

/// Reads every setting now.
pub fn diagnose() -> Diagnosis {
    let findings = BOOK_SETTINGS
        .iter()
        .map(|setting| Finding {
            name: setting.name.to_string(),
            book: setting.book.to_string(),
            here: setting.source.read(),
            labs: setting.labs.to_string(),
            why: setting.why.to_string(),
        })
        .collect();
    let environment = Environment::current();
    let sock_diag = crate::net::sock_diag_availability().is_ok();
    let ipv6_loopback = ipv6_loopback_works();
    // Last, once every host value is read: trying the private network
    // moves this process into it (`socklab run` does the same at start-up).
    let private_network = sandbox::enter_private_network();
    Diagnosis {
        environment,
        findings,
        sock_diag,
        ipv6_loopback,
        // geteuid(2): the effective user id, 0 for root.
        root: rustix::process::geteuid().is_root(),
        private_network,
    }
}

fn ipv6_loopback_works() -> bool {
    let Ok(socket) = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP)) else {
        return false;
    };
    let address = SocketAddr::from((Ipv6Addr::LOCALHOST, 0));
    socket.bind(&address.into()).is_ok()
}

/// `socklab doctor`: each setting the labs depend on, here and in the book.
pub fn render(diagnosis: &Diagnosis, colour: bool) -> String {
    let mut table = new_table(colour);
    table.set_header(
        [
            "Setting",
            "Book",
            "This machine",
            "Verdict",
            "Labs",
            "Why it matters",
        ]
        .map(i18n::text),
    );
    for finding in &diagnosis.findings {
        let (verdict, verdict_colour) = if finding.matches() {
            ("same", Color::Green)
        } else {
            ("DIFFERS", Color::Red)
        };
        table.add_row(vec![
            Cell::new(setting_name(&finding.name)),
            Cell::new(&finding.book),
            Cell::new(&finding.here),
            Cell::new(i18n::text(verdict)).fg(verdict_colour),
            Cell::new(&finding.labs),
            Cell::new(i18n::text(&finding.why)),
        ]);
    }
    let yes_no =
        |flag: bool, yes: &'static str, no: &'static str| i18n::text(if flag { yes } else { no });
    let env = &diagnosis.environment;
    let mut text = format!("socklab doctor · {} {}\n{table}\n", env.os, env.kernel);
    text.push_str(&tr!(
        "doctor-sock-diag",
        "socket diagnostics (sock_diag, as used by ss): {state} (labs 4 and 13 read TIME_WAIT through it)",
        state = yes_no(diagnosis.sock_diag, "available", "NOT available")
    ));
    text.push('\n');
    text.push_str(&tr!(
        "doctor-ipv6",
        "IPv6 loopback (::1): {state} (the labs use IPv4 only)",
        state = yes_no(diagnosis.ipv6_loopback, "available", "not available")
    ));
    text.push('\n');
    text.push_str(&tr!(
        "doctor-privileges",
        "privileges: {who} (no lab needs root)",
        who = yes_no(diagnosis.root, "root", "unprivileged")
    ));
    text.push('\n');
    text.push_str(&match &diagnosis.private_network {
        Sandbox::Private { how, .. } => tr!(
            "doctor-private-network",
            "private network for `socklab run`: {how}; the labs run there with the book's sysctls, so the settings above matter only with --host-network",
            how = i18n::text(match how {
                Isolation::UserNamespace => "available, from a user namespace (no root needed)",
                Isolation::RootNetNamespace => "available (as root)",
            })
        ),
        Sandbox::Host { reason } => tr!(
            "doctor-no-private-network",
            "private network for `socklab run`: NOT available ({reason}); the labs run on this host's loopback, with the settings above, and skip their wire checks",
            reason = i18n::text(reason)
        ),
    });
    text.push('\n');
    text.push_str(&i18n::text(if diagnosis.matches_the_book() {
        "This machine matches the book: every lab should pass here."
    } else {
        "This machine differs from the book: the labs listed above may show MISMATCH rows here.\n\
         That is the kernel telling the truth about this machine, not a socklab bug."
    }));
    text.push('\n');
    text
}

/// A setting's name as the table shows it: a sysctl's name as it is
/// (`net.ipv4.tcp_timestamps`), any other name in the current language.
fn setting_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains(' ') {
        i18n::text(name)
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(diagnosis.findings.len(), BOOK_SETTINGS.len());
        assert!(diagnosis.findings.iter().all(|f| !f.here.is_empty()));
    }
}
