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
    let cli = Cli::parse();
    // First, while this process has one thread: `socklab run` enters its
    // private network namespace here (see socklab::sandbox).
    let network = app::choose_network(&cli);
    app::execute(cli, network).into()
}
