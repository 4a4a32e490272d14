//! Leaving nothing behind when socklab is stopped half-way.
//!
//! When a lab or a server stops at its own pace, its guards clean up: a
//! [`crate::lab_folder::LabFolder`] removes its folder (and the socket
//! files in it) when dropped, and lab 17's runner kills and reaps its
//! child. Ctrl-C does not wait for that. SIGINT's default action, and
//! SIGTERM's, ends the process on the spot (signal(7)), and no destructor
//! runs: folders stay in the temp directory, and a child that was running
//! is left to grow on its own (it is in a process group of its own, so the
//! terminal's SIGINT never reaches it).
//!
//! So socklab handles both signals itself, with the signal-hook crate. A
//! real signal handler may only do async-signal-safe work (signal-safety(7):
//! no locks, no allocation), so signal-hook's handler only writes to a pipe,
//! and an ordinary thread ([`install`]) reads it. That thread then does
//! what the guards would have done, for everything still registered: it
//! removes every lab folder (`lab_folder::remove_all`), kills every
//! child's process group and reaps it (`children::kill_and_reap_all`),
//! and exits with status 128 + the signal's number: 130 for SIGINT, 143
//! for SIGTERM, what a shell reports for a program the signal killed.
//!
//! [`exit`] is the same way out for other reasons to stop at once, such as
//! a closed stdout in the middle of `socklab serve`. Both registers stay
//! locked from the start of the clean-up until the process is gone, so no
//! thread can create a folder or start a child behind its back.

use std::io::{self, Write};
use std::thread;

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::children;
use crate::lab_folder;

/// Handles SIGINT and SIGTERM from now on: on either, clean up and exit
/// with 128 + the signal number. Call once, first thing in `main`.
pub fn install() -> io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let name = if signal == SIGINT {
                    "SIGINT"
                } else {
                    "SIGTERM"
                };
                let _ = writeln!(
                    io::stderr().lock(),
                    "socklab: {name}: removing temp folders, ending child processes, exiting"
                );
                exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Removes every registered lab folder, kills and reaps every registered
/// child, and exits with `code`. Safe to call from any thread, and from
/// several at once: the first one through does the work, and the others
/// wait on the registers until the process has gone.
pub fn exit(code: i32) -> ! {
    let _folders = lab_folder::remove_all();
    let _children = children::kill_and_reap_all();
    // process::exit flushes stdout without waiting for its lock (a thread
    // stopped mid-line holds it) and runs no destructors, which is what
    // we want now that everything is cleaned up.
    std::process::exit(code)
}
