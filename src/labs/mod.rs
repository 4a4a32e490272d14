//! The experiments, one module per lab, and the registry line of each.
//!
//! Each module holds the experiment only: socket set-up and measurement,
//! returning checks. The text students read lives in `labs/NN-slug/README.md`.
//!
//! Adding a lab is four hand-written things: its module here, its sheet in
//! `labs/`, its line in the list below, and its book chapter. Everything
//! else (the README's lab table, the book's summary line, the snapshot, the
//! generated output) is derived from the registry, and `socklab dev check`
//! says what is missing and how to make it.

use crate::lab::Lab;

pub(crate) mod lossy_link;

/// Declares each lab's module and lists its `LAB` in course order: one line
/// per lab, so that the module and the registry cannot disagree.
macro_rules! labs {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every lab, in course order. Numbers and slugs are fixed: the
        /// book, the snapshots and users' scripts refer to them.
        pub const ALL: &[&Lab] = &[$(&$module::LAB),*];
    };
}

labs! {
    nagle_sticky,
    partial_recv,
    udp_truncation,
    reuseaddr_timewait,
    nodelay_latency,
    framing,
    close_and_reset,
    short_writes,
    encodings,
    segmentation,
    udp_datagrams,
    backlog,
    tcp_states,
    concurrency,
    hmac_auth,
    file_transfer,
    remote_command,
    nonblocking_timeouts,
    unix_sockets,
    retransmission,
    udp_loss,
    delay_and_window,
}
