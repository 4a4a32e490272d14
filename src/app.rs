//! What each subcommand does, and the exit status it earns.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::CommandFactory;

use crate::bench::{self, BenchOptions};
use crate::cli::{BenchArgs, BenchFormat, Cli, Command, ConnectArgs, RunArgs, ServeArgs};
use crate::doctor;
use crate::lab::{self, RunOptions};
use crate::narration;
use crate::output::{self, warn};
use crate::registry::{self, LABS};
use crate::render::{self, Format};
use crate::report::Report;
use crate::roles::{self, Roles, ServeOptions};

/// How a command ended; `main` turns it into the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every check passed (exit 0).
    AllPassed,
    /// At least one check mismatched (exit 1).
    Mismatch,
    /// A usage or environment error (exit 2).
    Error,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::AllPassed => ExitCode::SUCCESS,
            Outcome::Mismatch => ExitCode::from(1),
            Outcome::Error => ExitCode::from(2),
        }
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn execute(cli: Cli) -> Outcome {
    match cli.command {
        Command::List => {
            output::print(render::table::render_lab_list(LABS, colour_wanted()));
            Outcome::AllPassed
        }
        Command::Explain { lab } => match registry::find(&lab) {
            Ok(lab) => {
                output::print(lab.sheet);
                Outcome::AllPassed
            }
            Err(unknown) => {
                warn(format!("error: {unknown}"));
                Outcome::Error
            }
        },
        Command::Run(args) => run(&args),
        Command::Serve(args) => serve(&args),
        Command::Connect(args) => connect(&args),
        Command::Bench(args) => bench(&args),
        Command::Doctor => {
            let diagnosis = doctor::diagnose();
            output::print(doctor::render(&diagnosis, colour_wanted()));
            if diagnosis.matches_the_book() {
                Outcome::AllPassed
            } else {
                Outcome::Mismatch
            }
        }
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "socklab", &mut script);
            output::print(String::from_utf8_lossy(&script));
            Outcome::AllPassed
        }
    }
}

fn run(args: &RunArgs) -> Outcome {
    let labs = match registry::resolve(&args.labs) {
        Ok(labs) => labs,
        Err(unknown) => {
            warn(format!("error: {unknown}"));
            return Outcome::Error;
        }
    };
    let options = RunOptions {
        rounds: args.rounds,
        timeline: args.timeline,
    };
    if args.step {
        narration::enable();
    }
    let colour = colour_wanted();
    let mut reports = Vec::new();
    let mut failed_to_run = false;
    for (index, lab) in labs.iter().enumerate() {
        match lab::run(lab, &options, args.repeat) {
            Ok(report) => {
                // Table and markdown appear as each lab finishes; JSON is one
                // array, written once every lab has run.
                let text = match args.format {
                    Format::Table => render::table::render(&report, colour),
                    Format::Markdown => render::markdown::render(&report),
                    Format::Json => String::new(),
                };
                let separator = if index > 0 && !text.is_empty() {
                    "\n"
                } else {
                    ""
                };
                // A closed pipe (`socklab run all | head`) ends the run
                // quietly; a full disk ends it with an error (see output).
                output::print(format_args!("{separator}{text}"));
                reports.push(report);
            }
            Err(error) => {
                warn(format!(
                    "error: lab {} ({}) could not finish: {error}\n\
                     hint: check that loopback (127.0.0.1) works and sockets are allowed here; \
                     `socklab run {}` again to retry",
                    lab.number, lab.slug, lab.number
                ));
                failed_to_run = true;
            }
        }
    }
    match args.format {
        Format::Json => output::print(render::json::render(&reports)),
        Format::Table if reports.len() > 1 => {
            output::print(format_args!("\n{}\n", render::overall_line(&reports)));
        }
        _ => {}
    }
    outcome_of(&reports, failed_to_run)
}

/// `socklab serve LAB`: exit 0 once serving ends (only `--once` ends it),
/// 2 when the lab has no roles or the address cannot be bound.
fn serve(args: &ServeArgs) -> Outcome {
    let roles = match lab_roles(&args.lab) {
        Ok(roles) => roles,
        Err(outcome) => return outcome,
    };
    let options = ServeOptions {
        listen: args.listen,
        once: args.once,
        idle_timeout: Duration::from_secs(args.idle_timeout),
    };
    match roles::serve(roles, &options) {
        Ok(()) => Outcome::AllPassed,
        Err(error) => {
            warn(format!("error: {error}"));
            Outcome::Error
        }
    }
}

/// `socklab connect LAB ADDR:PORT`: exit 0 when the exchange finished, 2
/// when it could not (no roles, refused, timed out, cut short).
fn connect(args: &ConnectArgs) -> Outcome {
    let roles = match lab_roles(&args.lab) {
        Ok(roles) => roles,
        Err(outcome) => return outcome,
    };
    match roles::connect(roles, args.address) {
        Ok(()) => {
            output::print("done\n");
            Outcome::AllPassed
        }
        Err(error) => {
            warn(format!("error: {error}"));
            Outcome::Error
        }
    }
}

/// The roles of the lab named on the command line, or the one-line error.
fn lab_roles(name: &str) -> Result<&'static Roles, Outcome> {
    let found = registry::find(name)
        .map_err(|unknown| unknown.to_string())
        .and_then(|lab| roles::find(lab).map_err(|none| none.to_string()));
    found.map_err(|error| {
        warn(format!("error: {error}"));
        Outcome::Error
    })
}

/// The bench reports figures and never judges them: it exits 0 whatever
/// the ratios, and 2 only when it could not measure.
fn bench(args: &BenchArgs) -> Outcome {
    let options = BenchOptions {
        message_size: args.message_size as usize,
        seconds: args.seconds,
        trials: args.trials,
        codec_bytes: args.codec_mib as usize * 1024 * 1024,
        command_runs: args.command_runs,
    };
    match bench::run(&options) {
        Ok(report) => {
            let text = match args.format {
                BenchFormat::Table => bench::render::table(&report, colour_wanted()),
                BenchFormat::Json => bench::render::json(&report),
            };
            output::print(&text);
            match &args.save_json {
                Some(path) => match std::fs::write(path, bench::render::json(&report)) {
                    Ok(()) => Outcome::AllPassed,
                    Err(error) => {
                        warn(format!("error: cannot write {}: {error}", path.display()));
                        Outcome::Error
                    }
                },
                None => Outcome::AllPassed,
            }
        }
        Err(error) => {
            warn(format!("error: the bench could not finish: {error}"));
            Outcome::Error
        }
    }
}

/// A lab that could not run outranks a mismatch: its checks never ran.
fn outcome_of(reports: &[Report], failed_to_run: bool) -> Outcome {
    if failed_to_run {
        Outcome::Error
    } else if reports.iter().all(Report::all_passed) {
        Outcome::AllPassed
    } else {
        Outcome::Mismatch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    #[test]
    fn exit_status_follows_the_verdicts() {
        let mut passing = fixtures::report();
        passing
            .checks
            .retain(|c| c.verdict != crate::report::Verdict::Mismatch);
        let mismatching = fixtures::report();
        assert_eq!(outcome_of(&[passing.clone()], false), Outcome::AllPassed);
        assert_eq!(
            outcome_of(&[passing.clone(), mismatching], false),
            Outcome::Mismatch
        );
        assert_eq!(outcome_of(&[passing], true), Outcome::Error);
        assert_eq!(ExitCode::from(Outcome::Mismatch), ExitCode::from(1));
        assert_eq!(ExitCode::from(Outcome::Error), ExitCode::from(2));
    }
}
