//! socklab: socket programming by experiment.
//!
//! Each lab makes one lesson of the classic socket course happen on
//! loopback, measures what the Linux kernel really did, and compares it with
//! what the course expects. The flow, module by module:
//!
//! `cli` (arguments) → `sandbox` (a private network namespace, entered
//! before any thread starts) → `registry` (which labs, declared in `labs`) →
//! `lab::run` (the experiment, from `labs`, using `net`, with `wire`
//! capturing every packet) → `expect` (observation → verdict) → `report` →
//! `render` (table | markdown | json, the `--wire` listing, and the
//! `--timeline` diagram that `net::trace` recorded). Dependencies point one
//! way along that line; tests/architecture.rs fails on a cycle.
//!
//! `frame` is the one piece of protocol code: a socket-free codec for
//! length-prefixed frames and the course's header dictionary (lab 6 runs it
//! over real sockets; its tests fuzz the decoder with property tests).
//!
//! `bench` (`socklab bench`) puts socklab's own figures beside sockperf's
//! and a raw copy's, to show the harness measures the kernel, not itself;
//! it and `doctor` render their own output. `roles` plays one end of a lab
//! for `serve`/`connect`; `dev` keeps every place a lab appears in
//! agreement (`socklab dev check`).

// Every `unsafe` block must say why it is sound (`// SAFETY: ...`).
#![deny(clippy::undocumented_unsafe_blocks)]

#[cfg(not(target_os = "linux"))]
compile_error!(
    "socklab measures the Linux kernel (TCP_INFO, sock_diag, MSG_TRUNC semantics); build it on Linux"
);

pub mod app;
pub mod bench;
pub mod children;
pub mod cleanup;
pub mod cli;
pub mod dev;
pub mod doctor;
pub mod environment;
pub mod exercises;
pub mod expect;
pub mod frame;
#[cfg(test)]
mod fuzz;
pub mod hex;
pub mod i18n;
pub mod lab;
pub mod lab_folder;
pub mod labs;
pub mod narration;
pub mod net;
pub mod output;
pub mod progress;
pub mod python;
pub mod registry;
pub mod render;
pub mod report;
pub mod roles;
pub mod sandbox;
pub mod stats;
pub mod text;
pub mod wire;
