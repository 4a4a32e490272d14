//! The `socklab` binary: parse the arguments, run the command, turn the
//! outcome into an exit status (0 passed, 1 mismatch, 2 usage/environment).
//! clap itself exits with 2 on a usage error.

// As in lib.rs: every `unsafe` block must say why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches;
use socklab::cli::{self, Cli};
use socklab::i18n::{self, Lang};
use socklab::{app, cleanup, output};

fn main() -> ExitCode {
    // The language first, so that even --help and clap's usage errors
    // speak it: --lang if given, else the locale (see socklab::i18n).
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    i18n::set(i18n::lang_argument(&args).unwrap_or_else(Lang::from_environment));
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
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
