//! The `socklab` binary: parse the arguments, run the command, turn the
//! outcome into an exit status (0 passed, 1 mismatch, 2 usage/environment).
//! clap itself exits with 2 on a usage error.

// As in lib.rs: every `unsafe` block must say why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::process::ExitCode;

use clap::Parser;
use socklab::app;
use socklab::cli::Cli;

fn main() -> ExitCode {
    app::execute(Cli::parse()).into()
}
