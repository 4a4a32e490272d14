//! The `socklab` binary: parse the arguments, run the command, turn the
//! outcome into an exit status (0 passed, 1 mismatch, 2 usage/environment).
//! clap itself exits with 2 on a usage error.

// As in lib.rs: every `unsafe` block must say why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use socklab::cli::Cli;
use socklab::{app, cleanup, output};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version go to stdout. On a terminal clap prints
        // them itself, in colour; elsewhere they go through output::print,
        // so a full or closed stdout is handled as for every other command
        // (clap would ignore the failed write and exit 0).
        Err(help) if !help.use_stderr() && !std::io::stdout().is_terminal() => {
            output::print(help.render());
            return ExitCode::SUCCESS;
        }
        Err(error) => error.exit(),
    };
    // First, while this process has one thread: `socklab run` enters its
    // private network namespace here, and `socklab doctor` tries to (see
    // socklab::sandbox).
    let start = app::start(&cli);
    // Then: from here on, Ctrl-C and SIGTERM leave no temp folder and no
    // child process behind (see socklab::cleanup). Its handler runs in a
    // thread of its own, so it must come after the namespace.
    if let Err(error) = cleanup::install() {
        output::warn(format!(
            "warning: cannot handle SIGINT/SIGTERM ({error}): an interrupted lab may leave temp folders"
        ));
    }
    app::execute(cli, start).into()
}
