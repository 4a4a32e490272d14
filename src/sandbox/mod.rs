//! The sandbox: a private network namespace for the labs.
//!
//! Why: a lab that captures packets must see *its own* packets and nothing
//! else, and the kernel knobs the book assumes (Nagle's autocorking, TCP
//! timestamps, TIME_WAIT reuse, the listen backlog cap) must have the
//! book's values whatever the host has set. A network namespace gives
//! both: it has its own interfaces (only `lo`, down, at birth), its own
//! routing, its own sockets and its own `net.*` sysctls
//! (network_namespaces(7)). Nothing a lab does there reaches the host.
//!
//! How, with the two ways the kernel allows (unshare(2)):
//!
//! - **Unprivileged**: `unshare(CLONE_NEWUSER)` makes a user namespace in
//!   which this process holds every capability (user_namespaces(7),
//!   "Capabilities"); the process then writes `deny` to
//!   `/proc/self/setgroups` and one-line `uid_map` and `gid_map` files, and
//!   `unshare(CLONE_NEWNET)` makes a network namespace owned by that user
//!   namespace, which the process may configure. The maps send the caller's
//!   uid and gid to *themselves* (`1000 1000 1`), not to root: `getuid()`
//!   still tells the truth (socklab's `doctor` reports "unprivileged"), and
//!   files a lab writes belong to the student. The capabilities do not come
//!   from the uid but from having created the namespace, and they last as
//!   long as the process does not execve(2) another program.
//! - **As root**: `unshare(CLONE_NEWNET)` alone.
//!
//! Both must happen **before any thread exists**, which is why `main()`
//! calls [`enter_private_network`] first. `unshare(CLONE_NEWUSER)` fails with
//! `EINVAL` in a multi-threaded process (unshare(2)), and
//! `unshare(CLONE_NEWNET)` moves only the calling thread: a thread started
//! earlier would stay on the host network. Threads started *after* the entry
//! inherit the namespace. (One thread may later leave for a namespace of its
//! own: only `CLONE_NEWUSER` needs a single-threaded process. That is how
//! [`PeerNamespace`] works.)
//!
//! Entry never exits the process: when the kernel says no, the result is
//! [`Sandbox::Host`] with a one-line reason that names the fix, and the labs
//! run on the host's loopback as before (without wire checks).
//!
//! [`SOCKLAB_NO_NAMESPACE`]`=1` asks for the host path on purpose (tests use
//! it to exercise the fallback).

mod impaired;
mod offload;
mod peer;
mod rtnetlink;

pub use impaired::{Fault, ImpairedLink, Impairments, Selector, Way};
pub use peer::{PeerNamespace, VethLink, VethPlan};

use std::fs::{self, File};
use std::io;
use std::os::fd::AsFd;

use rustix::thread::{LinkNameSpaceType, UnshareFlags};

use crate::environment::{BOOK_SETTINGS, Source};

/// Setting this environment variable to `1` makes [`enter_private_network`]
/// stay on the host network, as if the kernel had refused.
pub const SOCKLAB_NO_NAMESPACE: &str = "SOCKLAB_NO_NAMESPACE";

/// What [`enter_private_network`] achieved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sandbox {
    /// The process now lives in a network namespace of its own, with `lo` up.
    Private {
        /// Which of the two ways got it there.
        how: Isolation,
        /// What became of each of the book's sysctls in that namespace.
        sysctls: Vec<SysctlPin>,
    },
    /// The process stays on the host network.
    Host {
        /// One line: why, and what would fix it.
        reason: String,
    },
}

/// How the private network namespace was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// An unprivileged user namespace, then a network namespace inside it.
    UserNamespace,
    /// A network namespace made by root (CAP_SYS_ADMIN).
    RootNetNamespace,
}

/// What became of one of the book's sysctls in a private namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysctlPin {
    /// The dotted name.
    pub name: &'static str,
    /// The value asked for.
    pub value: &'static str,
    /// The result.
    pub outcome: PinOutcome,
}

/// The result of pinning one sysctl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinOutcome {
    /// Written and read back; `was` is the value found before.
    Pinned { was: String },
    /// The file does not exist in this namespace: the kernel registers its
    /// global (not per-namespace) `net.*` sysctls for the initial namespace
    /// only, so this one is global here (or absent from this kernel). It is
    /// left alone: it is the host's.
    NotPerNamespace,
    /// The kernel refused the write, or the value did not stick.
    Refused { error: String },
}

impl Sandbox {
    /// One line for a report: where the labs run, and why not privately.
    pub fn summary(&self) -> String {
        match self {
            Sandbox::Private { how, sysctls } => {
                let how = match how {
                    Isolation::UserNamespace => "a user namespace",
                    Isolation::RootNetNamespace => "root",
                };
                let pinned = sysctls
                    .iter()
                    .filter(|pin| matches!(pin.outcome, PinOutcome::Pinned { .. }))
                    .count();
                format!(
                    "private network namespace (made by {how}); {pinned} of {} book sysctls pinned",
                    sysctls.len()
                )
            }
            Sandbox::Host { reason } => format!("host network: {reason}"),
        }
    }
}

/// Moves the whole process into a private network namespace with `lo` up
/// and the book's sysctls pinned; call it first thing in `main()`, before
/// any thread starts (see the module documentation). Never exits: a refusal
/// comes back as [`Sandbox::Host`], with the process still on the host
/// network. (If the kernel refuses a step *after* making the user
/// namespace, the process stays in that user namespace, which changes
/// nothing for the labs: same files, same network, same uid.)
pub fn enter_private_network() -> Sandbox {
    if std::env::var_os(SOCKLAB_NO_NAMESPACE).is_some_and(|value| value == "1") {
        return Sandbox::Host {
            reason: format!(
                "{SOCKLAB_NO_NAMESPACE}=1 asks for the host network: unset it to run the labs in a private namespace"
            ),
        };
    }
    match enter() {
        Ok(how) => Sandbox::Private {
            how,
            sysctls: pin_book_sysctls(),
        },
        Err(refused) => Sandbox::Host { reason: refused.0 },
    }
}

/// Why no private network could be made: one line that names the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
struct NoNamespace(String);

impl From<String> for NoNamespace {
    fn from(reason: String) -> NoNamespace {
        NoNamespace(reason)
    }
}

impl From<&str> for NoNamespace {
    fn from(reason: &str) -> NoNamespace {
        NoNamespace(reason.to_string())
    }
}

fn enter() -> Result<Isolation, NoNamespace> {
    let status = fs::read_to_string("/proc/self/status")
        .map_err(|error| format!("cannot read /proc/self/status ({error}): is /proc mounted?"))?;
    match threads_in_status(&status) {
        Some(1) => {}
        Some(threads) => {
            return Err(NoNamespace(format!(
                "the process already runs {threads} threads: enter the namespace first thing in main(), before any thread starts"
            )));
        }
        None => return Err(NoNamespace::from("/proc/self/status has no Threads: line")),
    }
    let host_network = File::open("/proc/thread-self/ns/net")
        .map_err(|error| format!("cannot open /proc/thread-self/ns/net ({error})"))?;

    let uid = rustix::process::geteuid();
    let how = if uid.is_root() {
        match unshare(UnshareFlags::NEWNET) {
            Ok(()) => Isolation::RootNetNamespace,
            // Root in a container without CAP_SYS_ADMIN: a user namespace
            // may still be allowed.
            Err(root_error) => {
                enter_user_namespace().map_err(|_| explain_root_refusal(&root_error))?;
                Isolation::UserNamespace
            }
        }
    } else {
        enter_user_namespace()
            .map_err(|(step, error)| explain_refusal(step, &error, &KernelKnobs::read()))?;
        Isolation::UserNamespace
    };

    if let Err(error) = bring_loopback_up() {
        // A namespace whose loopback is down would break every lab: go back.
        let back = rustix::thread::move_into_link_name_space(
            host_network.as_fd(),
            Some(LinkNameSpaceType::Network),
        );
        return Err(NoNamespace(match back {
            Ok(()) => format!(
                "could not bring lo up in the new namespace ({error}); back on the host network"
            ),
            Err(back_error) => format!(
                "could not bring lo up in the new namespace ({error}) nor return to the host network ({back_error}): restart socklab with {SOCKLAB_NO_NAMESPACE}=1"
            ),
        }));
    }
    Ok(how)
}

/// The unprivileged way: a user namespace whose uid/gid maps send the
/// caller's ids to themselves, then a network namespace inside it. On
/// failure, says which step the kernel refused.
fn enter_user_namespace() -> Result<(), (&'static str, io::Error)> {
    // Read before unshare: inside a user namespace without maps, the ids
    // read as the overflow id 65534.
    let uid = rustix::process::geteuid().as_raw();
    let gid = rustix::process::getegid().as_raw();
    unshare(UnshareFlags::NEWUSER).map_err(|error| ("unshare(CLONE_NEWUSER)", error))?;
    // An unprivileged process may write gid_map only after denying
    // setgroups(2) (user_namespaces(7), "The /proc/[pid]/setgroups file");
    // kernels before 3.19 have no such file and no such rule.
    match fs::write("/proc/self/setgroups", "deny") {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            return Err(("writing /proc/self/setgroups", error));
        }
        _ => {}
    }
    fs::write("/proc/self/uid_map", format!("{uid} {uid} 1\n"))
        .map_err(|error| ("writing /proc/self/uid_map", error))?;
    fs::write("/proc/self/gid_map", format!("{gid} {gid} 1\n"))
        .map_err(|error| ("writing /proc/self/gid_map", error))?;
    unshare(UnshareFlags::NEWNET).map_err(|error| ("unshare(CLONE_NEWNET)", error))
}

fn unshare(flags: UnshareFlags) -> io::Result<()> {
    // SAFETY: the flags are only ever NEWUSER or NEWNET. rustix marks
    // unshare unsafe because of CLONE_FILES (a thread with its own file
    // table cannot use descriptors that others rely on); these flags change
    // which user and network namespaces the caller belongs to, and leave
    // memory and file descriptors as they are.
    unsafe { rustix::thread::unshare_unsafe(flags) }.map_err(io::Error::from)
}

/// `ip link set lo up` in the calling thread's network namespace.
pub(crate) fn bring_loopback_up() -> io::Result<()> {
    let index = interface_index("lo")?;
    rtnetlink::RouteSocket::open()?.set_link_up(index)
}

/// The index of an interface of the calling thread's namespace
/// (netdevice(7), `SIOCGIFINDEX`).
pub(crate) fn interface_index(name: &str) -> io::Result<u32> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::DGRAM, None)?;
    rustix::net::netdevice::name_to_index(&socket, name).map_err(|error| {
        io::Error::new(
            io::Error::from(error).kind(),
            format!("no interface named {name} in this network namespace ({error})"),
        )
    })
}

/// Writes each of the book's sysctls (the one-value files under /proc/sys
/// in [`BOOK_SETTINGS`], the table `doctor` and the env line read too) in
/// the calling thread's network namespace and reads it back. A fresh
/// namespace starts with the kernel's defaults, which are mostly the
/// book's values, but pinning them says so and reads them back. Call it
/// only inside a private namespace: on the host it would change the host's
/// settings.
pub(crate) fn pin_book_sysctls() -> Vec<SysctlPin> {
    BOOK_SETTINGS
        .iter()
        .filter_map(|setting| match setting.source {
            Source::File(path) if path.starts_with("/proc/sys/") => Some(SysctlPin {
                name: setting.name,
                value: setting.book,
                outcome: pin(path, setting.book),
            }),
            _ => None,
        })
        .collect()
}

fn pin(path: &str, value: &str) -> PinOutcome {
    let was = match fs::read_to_string(path) {
        Ok(text) => text.trim().to_owned(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return PinOutcome::NotPerNamespace;
        }
        Err(error) => {
            return PinOutcome::Refused {
                error: format!("reading {path}: {error}"),
            };
        }
    };
    if let Err(error) = fs::write(path, value) {
        return PinOutcome::Refused {
            error: format!("writing {path}: {error}"),
        };
    }
    match fs::read_to_string(path) {
        Ok(text) if text.trim() == value => PinOutcome::Pinned { was },
        Ok(text) => PinOutcome::Refused {
            error: format!("{path} reads back {}", text.trim()),
        },
        Err(error) => PinOutcome::Refused {
            error: format!("reading back {path}: {error}"),
        },
    }
}

/// `net.ipv4.tcp_timestamps` → `/proc/sys/net/ipv4/tcp_timestamps`
/// (sysctl(8): the dots of the name are the slashes of the path).
fn sysctl_path(name: &str) -> String {
    format!("/proc/sys/{}", name.replace('.', "/"))
}

/// The `Threads:` count of a `/proc/<pid>/status` text (proc(5)).
fn threads_in_status(status: &str) -> Option<usize> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .and_then(|count| count.trim().parse().ok())
}

/// The host sysctls that decide whether unprivileged user namespaces are
/// allowed; `None` where the file does not exist on this kernel.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct KernelKnobs {
    /// Ubuntu's AppArmor restriction (1 = restricted).
    apparmor_restrict_unprivileged_userns: Option<String>,
    /// Debian's older switch (0 = disabled).
    unprivileged_userns_clone: Option<String>,
    /// The per-user limit (0 = disabled).
    max_user_namespaces: Option<String>,
}

impl KernelKnobs {
    fn read() -> KernelKnobs {
        let read = |name: &str| {
            fs::read_to_string(sysctl_path(name))
                .ok()
                .map(|text| text.trim().to_owned())
        };
        KernelKnobs {
            apparmor_restrict_unprivileged_userns: read(
                "kernel.apparmor_restrict_unprivileged_userns",
            ),
            unprivileged_userns_clone: read("kernel.unprivileged_userns_clone"),
            max_user_namespaces: read("user.max_user_namespaces"),
        }
    }
}

/// One line: why an unprivileged entry failed at `step`, and the fix.
fn explain_refusal(step: &str, error: &io::Error, knobs: &KernelKnobs) -> String {
    let is = |knob: &Option<String>, value: &str| knob.as_deref() == Some(value);
    if is(&knobs.apparmor_restrict_unprivileged_userns, "1") {
        return "user namespaces are restricted (kernel.apparmor_restrict_unprivileged_userns=1): run with sudo, or set that sysctl to 0".to_owned();
    }
    if is(&knobs.unprivileged_userns_clone, "0") {
        return "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0): run with sudo, or set that sysctl to 1".to_owned();
    }
    if is(&knobs.max_user_namespaces, "0") {
        return "user namespaces are disabled (user.max_user_namespaces=0): run with sudo, or raise that sysctl".to_owned();
    }
    match error.raw_os_error() {
        Some(libc::EINVAL) if step == "unshare(CLONE_NEWUSER)" => format!(
            "{step} needs a single-threaded process (EINVAL): enter the namespace first thing in main()"
        ),
        Some(libc::ENOSPC) => format!(
            "the limit on user namespaces is reached ({step}: ENOSPC): raise user.max_user_namespaces, or run with sudo"
        ),
        Some(libc::EPERM | libc::EACCES) => format!(
            "{step} was refused ({error}), probably by a container's seccomp profile: run with sudo, or allow unshare(2) in the container"
        ),
        _ => format!("{step} failed ({error}): run with sudo"),
    }
}

/// One line: why root could not make a network namespace, and the fix.
fn explain_root_refusal(error: &io::Error) -> String {
    match error.raw_os_error() {
        Some(libc::EPERM) => format!(
            "no CAP_SYS_ADMIN in this container (unshare(CLONE_NEWNET): {error}): run it with --cap-add=SYS_ADMIN, or --privileged"
        ),
        _ => format!(
            "unshare(CLONE_NEWNET) failed ({error}): this kernel may lack network namespaces (CONFIG_NET_NS)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_count_comes_from_the_threads_line() {
        let status = "Name:\tsocklab\nState:\tR (running)\nThreads:\t3\nVmRSS:\t1 kB\n";
        assert_eq!(threads_in_status(status), Some(3));
        assert_eq!(threads_in_status("Name:\tx\n"), None);
        assert_eq!(threads_in_status("Threads:\tmany\n"), None);
    }

    #[test]
    fn entering_from_a_threaded_process_stays_on_the_host() {
        // The test harness runs this test on a thread of its own, so the
        // process is multi-threaded: exactly the mistake entry must refuse
        // (without touching any namespace).
        let Sandbox::Host { reason } = enter_private_network() else {
            panic!("a threaded process must not enter a namespace");
        };
        assert!(
            reason.contains("threads") || reason.contains(SOCKLAB_NO_NAMESPACE),
            "{reason}"
        );
    }

    #[test]
    fn sysctl_names_map_to_proc_paths() {
        assert_eq!(
            sysctl_path("net.ipv4.tcp_tw_reuse"),
            "/proc/sys/net/ipv4/tcp_tw_reuse"
        );
        assert_eq!(
            sysctl_path("net.core.somaxconn"),
            "/proc/sys/net/core/somaxconn"
        );
    }

    #[test]
    fn the_apparmor_restriction_is_named_with_its_fix() {
        let knobs = KernelKnobs {
            apparmor_restrict_unprivileged_userns: Some("1".to_owned()),
            ..KernelKnobs::default()
        };
        let error = io::Error::from_raw_os_error(libc::EPERM);
        assert_eq!(
            explain_refusal("writing /proc/self/uid_map", &error, &knobs),
            "user namespaces are restricted (kernel.apparmor_restrict_unprivileged_userns=1): run with sudo, or set that sysctl to 0"
        );
    }

    #[test]
    fn each_refusal_names_a_fix() {
        let none = KernelKnobs::default();
        let cases = [
            (
                KernelKnobs {
                    unprivileged_userns_clone: Some("0".to_owned()),
                    ..KernelKnobs::default()
                },
                libc::EPERM,
                "kernel.unprivileged_userns_clone=0",
            ),
            (
                KernelKnobs {
                    max_user_namespaces: Some("0".to_owned()),
                    ..KernelKnobs::default()
                },
                libc::ENOSPC,
                "user.max_user_namespaces=0",
            ),
            (none.clone(), libc::ENOSPC, "raise user.max_user_namespaces"),
            (none.clone(), libc::EPERM, "seccomp"),
            (none.clone(), libc::EINVAL, "single-threaded"),
        ];
        for (knobs, errno, expected) in cases {
            let error = io::Error::from_raw_os_error(errno);
            let reason = explain_refusal("unshare(CLONE_NEWUSER)", &error, &knobs);
            assert!(reason.contains(expected), "{reason}");
            let names_a_fix = ["sudo", "raise", "main()"]
                .iter()
                .any(|fix| reason.contains(fix));
            assert!(names_a_fix, "{reason}");
        }
        let root = explain_root_refusal(&io::Error::from_raw_os_error(libc::EPERM));
        assert!(
            root.starts_with("no CAP_SYS_ADMIN in this container"),
            "{root}"
        );
    }

    #[test]
    fn the_summary_counts_pinned_sysctls() {
        let sandbox = Sandbox::Private {
            how: Isolation::UserNamespace,
            sysctls: vec![
                SysctlPin {
                    name: "net.ipv4.tcp_timestamps",
                    value: "1",
                    outcome: PinOutcome::Pinned {
                        was: "1".to_owned(),
                    },
                },
                SysctlPin {
                    name: "net.core.somaxconn",
                    value: "4096",
                    outcome: PinOutcome::NotPerNamespace,
                },
            ],
        };
        assert_eq!(
            sandbox.summary(),
            "private network namespace (made by a user namespace); 1 of 2 book sysctls pinned"
        );
        let host = Sandbox::Host {
            reason: "no CAP_SYS_ADMIN in this container".to_owned(),
        };
        assert_eq!(
            host.summary(),
            "host network: no CAP_SYS_ADMIN in this container"
        );
    }
}
