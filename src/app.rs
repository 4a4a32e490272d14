//! What each subcommand does, and the exit status it earns.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::CommandFactory;

use crate::bench::{self, BenchOptions};
use crate::cli::{
    BenchArgs, BenchFormat, CheckArgs, Cli, Command, ConnectArgs, DevCommand, DigestArg, HmacArgs,
    ReplyArg, RunArgs, ServeArgs, SizeFieldArg,
};
use crate::dev;
use crate::doctor;
use crate::exercises::{self, Exercise, progress, runner, watch};
use crate::lab::{self, Network, RunOptions};
use crate::labs::hmac_auth::Digest;
use crate::narration;
use crate::output::{self, warn};
use crate::registry::{self, LABS};
use crate::render::{self, Format};
use crate::report::Report;
use crate::roles::options::{ReplyShape, SizeField};
use crate::roles::{self, Ending, Flag, RoleOptions, Roles, ServeOptions};
use crate::sandbox::{self, Sandbox};
use crate::wire::{self, Wire};
use crate::{i18n, tr};

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

/// What `main` prepares while the process still has one thread, for the
/// command to use later: entering a user namespace is refused to a
/// multi-threaded process (see `sandbox`), and the signal handler's thread
/// starts right after.
pub struct Start {
    /// Where `socklab run` runs its labs.
    network: Network,
    /// `socklab doctor`'s findings, read before it tried the namespace.
    diagnosis: Option<doctor::Diagnosis>,
}

/// Prepares [`Start`]. Only `run` gets a private network; `serve` and
/// `connect` talk to a student's program on the host, and the other commands
/// need no network of their own. `doctor` reads the host's settings and then
/// tries the private network itself, as `run` would at this point.
pub fn start(cli: &Cli) -> Start {
    let diagnosis = matches!(cli.command, Command::Doctor).then(doctor::diagnose);
    Start {
        network: choose_network(cli),
        diagnosis,
    }
}

/// Where `socklab run` will run its labs. This must be called before the
/// process starts any thread: entering a user namespace is refused to a
/// multi-threaded process (see `sandbox`), so `main` calls it first. Only
/// `run` gets a private network; `serve` and `connect` talk to a student's
/// program on the host, and the other commands need no network of their own.
fn choose_network(cli: &Cli) -> Network {
    let Command::Run(args) = &cli.command else {
        return Network::default();
    };
    if args.host_network {
        return Network::Host {
            reason: "--host-network: no capture".to_string(),
        };
    }
    match sandbox::enter_private_network() {
        Sandbox::Private { .. } => Network::Private,
        Sandbox::Host { reason } => {
            eprintln!(
                "{}",
                tr!(
                    "note-no-private-network",
                    "note: no private network for the labs ({reason}); they run on the host's loopback and the wire checks are skipped",
                    reason = i18n::text(&reason)
                )
            );
            Network::Host {
                reason: "no private network here: no capture".to_string(),
            }
        }
    }
}

pub fn execute(cli: Cli, start: Start) -> Outcome {
    let Start { network, diagnosis } = start;
    match cli.command {
        Command::List => {
            output::print(render::table::render_lab_list(LABS, colour_wanted()));
            Outcome::AllPassed
        }
        Command::Explain { lab } => match registry::find(&lab) {
            Ok(lab) => {
                output::print(lab.sheet());
                Outcome::AllPassed
            }
            Err(unknown) => {
                warn(tr!("error-line", "error: {why}", why = unknown));
                Outcome::Error
            }
        },
        Command::Run(args) => run(&args, network),
        Command::Exercises => {
            output::print(exercise_list());
            Outcome::AllPassed
        }
        Command::Exercise { id, hint } => match exercises::find(&id) {
            Ok(exercise) => {
                output::print(exercises::describe(exercise, hint));
                Outcome::AllPassed
            }
            Err(unknown) => {
                warn(tr!("error-line", "error: {why}", why = unknown));
                Outcome::Error
            }
        },
        Command::Check(args) => check(&args),
        Command::Serve(args) => serve(&args),
        Command::Connect(args) => connect(&args),
        Command::Bench(args) => bench(&args),
        Command::Dev(command) => dev(&command),
        Command::Doctor => {
            let diagnosis = diagnosis.unwrap_or_else(doctor::diagnose);
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

fn run(args: &RunArgs, network: Network) -> Outcome {
    let labs = match registry::resolve(&args.labs) {
        Ok(labs) => labs,
        Err(unknown) => {
            warn(tr!("error-line", "error: {why}", why = unknown));
            return Outcome::Error;
        }
    };
    if args.diagram.is_some() && labs.len() != 1 {
        warn(tr!(
            "error-diagram-one-lab",
            "error: --diagram draws one lab, and {count} were asked for: name one lab",
            count = labs.len()
        ));
        return Outcome::Error;
    }
    let options = RunOptions {
        rounds: args.rounds,
        // A diagram draws the calls too: record them.
        timeline: args.timeline || args.diagram.is_some(),
        network,
        wire: Wire::default(),
    };
    if args.step {
        narration::enable();
    }
    let colour = colour_wanted();
    let mut reports = Vec::new();
    let mut frames = Vec::new();
    let mut failed_to_run = false;
    for (index, lab) in labs.iter().enumerate() {
        match lab::run(lab, &options, args.repeat) {
            Ok(lab::Run {
                report,
                frames: captured,
            }) => {
                // Table and markdown appear as each lab finishes; JSON is one
                // array, written once every lab has run.
                // --diagram records the calls for its picture; the text
                // draws them only when --timeline asks.
                let shown = if args.timeline {
                    report.clone()
                } else {
                    Report {
                        timeline: None,
                        ..report.clone()
                    }
                };
                let mut text = match args.format {
                    Format::Table => render::table::render(&shown, colour),
                    Format::Markdown => render::markdown::render(&shown),
                    Format::Json => String::new(),
                };
                if args.wire && args.format != Format::Json {
                    text.push_str(&render::wire::listing(&report, args.format));
                }
                frames.extend(captured);
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
                warn(tr!(
                    "error-lab-could-not-finish",
                    "error: lab {number} ({slug}) could not finish: {error}\n\
                     hint: check that loopback (127.0.0.1) works and sockets are allowed here; \
                     `socklab run {number}` again to retry",
                    number = lab.number,
                    slug = lab.slug,
                    error = error
                ));
                failed_to_run = true;
            }
        }
    }
    if let Some(path) = &args.pcap {
        if let Err(error) = wire::save_pcap(path, &frames) {
            return cannot_write(path, &error);
        }
        eprintln!(
            "{}",
            tr!(
                "wrote-pcap",
                "wrote {count} packets to {path}",
                count = frames.len(),
                path = path.display()
            )
        );
    }
    if let (Some(path), [report]) = (&args.diagram, reports.as_slice()) {
        let connection = args.connection.map(|n| n as usize);
        let svg = match render::diagram::svg(report, connection) {
            Ok(svg) => svg,
            Err(missing) => {
                warn(tr!("error-line", "error: {why}", why = missing));
                return Outcome::Error;
            }
        };
        if let Err(error) = std::fs::write(path, svg) {
            return cannot_write(path, &error);
        }
        eprintln!(
            "{}",
            tr!(
                "wrote-diagram",
                "wrote the diagram of lab {number} to {path}",
                number = report.number,
                path = path.display()
            )
        );
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

/// The one line for a file `socklab run` could not write (--pcap,
/// --diagram), and exit status 2.
fn cannot_write(path: &std::path::Path, error: &std::io::Error) -> Outcome {
    warn(tr!(
        "error-cannot-write",
        "error: cannot write {path}: {error}: pick a folder you can write to",
        path = path.display(),
        error = error
    ));
    Outcome::Error
}

/// `socklab exercises`: the table, and where progress is kept.
fn exercise_list() -> String {
    let done = progress::done();
    let mut text = render::table::render_exercise_list(
        &exercises::ALL
            .iter()
            .map(|exercise| render::table::ExerciseRow {
                id: exercise.id,
                lab: format!("{} {}", exercise.lab.number, exercise.lab.slug),
                title: exercise.title,
                done: done.contains(exercise.id),
            })
            .collect::<Vec<_>>(),
        colour_wanted(),
    );
    text.push_str(&match progress::location() {
        Some(path) => tr!(
            "exercises-progress",
            "{done} of {all} done; progress is kept in {path}",
            done = exercises::ALL
                .iter()
                .filter(|e| done.contains(e.id))
                .count(),
            all = exercises::ALL.len(),
            path = path.display()
        ),
        None => tr!(
            "exercises-no-progress",
            "progress is not kept: neither XDG_DATA_HOME nor HOME is set"
        ),
    });
    text.push('\n');
    text.push_str(&tr!(
        "exercises-how",
        "`socklab exercise ID` prints a task; `socklab check ID -- COMMAND` grades your program."
    ));
    text.push('\n');
    text
}

/// `socklab check ID -- COMMAND`: 0 passed, 1 not yet, 2 could not run.
fn check(args: &CheckArgs) -> Outcome {
    let exercise = match exercises::find(&args.id) {
        Ok(exercise) => exercise,
        Err(unknown) => {
            warn(tr!("error-line", "error: {why}", why = unknown));
            return Outcome::Error;
        }
    };
    let time_limit = Duration::from_secs(args.time_limit);
    if args.watch {
        let error = watch::watch(&args.command, || {
            check_once(exercise, &args.command, time_limit, args.format);
        });
        warn(tr!("error-line", "error: {why}", why = error));
        return Outcome::Error;
    }
    check_once(exercise, &args.command, time_limit, args.format)
}

/// One check: the report, the program's output, the closing line, and
/// progress recorded on a pass.
fn check_once(
    exercise: &Exercise,
    command: &[String],
    time_limit: Duration,
    format: Format,
) -> Outcome {
    let checked = runner::check(exercise, command, time_limit);
    let report = checked.report.as_ref();
    match format {
        Format::Table => {
            if let Some(report) = report {
                output::print(render::table::render(report, colour_wanted()));
            }
            output::print(&checked.program);
        }
        Format::Markdown => {
            if let Some(report) = report {
                output::print(render::markdown::render(report));
            }
            output::print(&checked.program);
        }
        // Scripts get the report alone (an empty array when the program
        // never reached the socket); the program's output is for people.
        Format::Json => output::print(render::json::render(checked.report.as_slice())),
    }
    let line = runner::closing_line(exercise, &checked.verdict);
    // JSON on stdout stays JSON: the closing line goes to stderr then.
    let say = |line: &str| match format {
        Format::Json => warn(line),
        _ => output::print(format_args!("\n{line}\n")),
    };
    match checked.verdict {
        runner::Verdict::Passed => {
            say(&line);
            if let Err(error) = progress::record(exercise.id) {
                let place = progress::location().map_or_else(
                    || "socklab's data folder".to_string(),
                    |p| p.display().to_string(),
                );
                warn(tr!(
                    "note-cannot-record-progress",
                    "note: cannot record progress in {place} ({error}); the check passed all the same",
                    place = place,
                    error = error
                ));
            }
            Outcome::AllPassed
        }
        runner::Verdict::NotYet => {
            say(&line);
            Outcome::Mismatch
        }
        runner::Verdict::CouldNotRun(_) => {
            warn(line);
            Outcome::Error
        }
    }
}

/// `socklab serve LAB`: exit 0 once serving ends (only `--once` ends it),
/// 2 when the lab has no roles or the address cannot be bound.
fn serve(args: &ServeArgs) -> Outcome {
    let roles = match lab_roles(&args.lab) {
        Ok(roles) => roles,
        Err(outcome) => return outcome,
    };
    let given = [
        (args.hmac.digest.is_some(), FlagName::Digest),
        (args.hmac.key.is_some(), FlagName::Key),
        (args.reply.is_some(), FlagName::Reply),
        (args.size_field.is_some(), FlagName::SizeField),
        (args.utc, FlagName::Utc),
    ];
    let role = match role_options(
        roles,
        roles.serve_flags,
        "serve",
        &given,
        &args.hmac,
        args.size_field,
    ) {
        Ok(role) => RoleOptions {
            reply: match args.reply {
                Some(ReplyArg::LengthPrefix) => ReplyShape::LengthPrefix,
                Some(ReplyArg::HeaderDict) | None => ReplyShape::HeaderDict,
            },
            utc: args.utc,
            ..role
        },
        Err(outcome) => return outcome,
    };
    let options = ServeOptions {
        listen: args.listen,
        once: args.once,
        idle_timeout: Duration::from_secs(args.idle_timeout),
        role,
    };
    match roles::serve(roles, &options) {
        Ok(()) => Outcome::AllPassed,
        Err(error) => {
            warn(tr!("error-line", "error: {why}", why = error));
            Outcome::Error
        }
    }
}

/// `socklab connect LAB ADDR:PORT`: exit 0 when the server did its part, 1
/// when it showed it did not understand, 2 when the exchange could not
/// happen (no roles, bad options, refused, timed out, cut short).
fn connect(args: &ConnectArgs) -> Outcome {
    let roles = match lab_roles(&args.lab) {
        Ok(roles) => roles,
        Err(outcome) => return outcome,
    };
    let given = [
        (args.hmac.digest.is_some(), FlagName::Digest),
        (args.hmac.key.is_some(), FlagName::Key),
        (args.size_field.is_some(), FlagName::SizeField),
        (args.file.is_some(), FlagName::File),
    ];
    let options = match role_options(
        roles,
        roles.connect_flags,
        "connect",
        &given,
        &args.hmac,
        args.size_field,
    ) {
        Ok(options) => RoleOptions {
            file: args.file.clone(),
            ..options
        },
        Err(outcome) => return outcome,
    };
    if roles.connect_flags.contains(&Flag::File) && options.file.is_none() {
        warn(tr!(
            "connect-needs-a-file",
            "error: lab {number} ({slug}) uploads a file: socklab connect {number} ADDR:PORT FILE",
            number = roles.lab.number,
            slug = roles.lab.slug
        ));
        return Outcome::Error;
    }
    // Before connecting: a file that cannot be read is the user's to fix,
    // not the server's fault.
    if let Some(file) = &options.file
        && let Err(error) = std::fs::File::open(file)
    {
        let why = roles::cannot_read(file, &error);
        warn(tr!("error-line", "error: {why}", why = why));
        return Outcome::Error;
    }
    match roles::connect(roles, args.address, &options) {
        Ok(Ending::Done) => {
            output::print(format!("{}\n", i18n::text("done")));
            Outcome::AllPassed
        }
        Ok(Ending::NotUnderstood(why)) => {
            warn(tr!(
                "connect-not-understood",
                "not understood: {why}",
                why = why
            ));
            Outcome::Mismatch
        }
        Err(error) => {
            warn(tr!("error-line", "error: {why}", why = error));
            Outcome::Error
        }
    }
}

/// The flags of `serve` and `connect` that pick a variant, by name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagName {
    Digest,
    Key,
    Reply,
    SizeField,
    Utc,
    File,
}

impl FlagName {
    fn matches(self, flag: Flag) -> bool {
        matches!(
            (self, flag),
            (FlagName::Digest, Flag::Digest)
                | (FlagName::Key, Flag::Key)
                | (FlagName::Reply, Flag::Reply)
                | (FlagName::SizeField, Flag::SizeField(_))
                | (FlagName::Utc, Flag::Utc)
                | (FlagName::File, Flag::File)
        )
    }
}

/// The variant options for `roles`, with the defaults where nothing was
/// given, or the one-line error when a flag given is not one this role
/// takes (naming the lab that does) or a size field is not one of its.
fn role_options(
    roles: &Roles,
    accepted: &[Flag],
    side: &str,
    given: &[(bool, FlagName)],
    hmac: &HmacArgs,
    size_field: Option<SizeFieldArg>,
) -> Result<RoleOptions, Outcome> {
    let fail = |message: String| {
        warn(tr!("error-line", "error: {why}", why = message));
        Outcome::Error
    };
    for &(present, name) in given {
        if !present || accepted.iter().any(|&flag| name.matches(flag)) {
            continue;
        }
        let label = roles::ROLES
            .iter()
            .flat_map(|other| other.serve_flags.iter().chain(other.connect_flags))
            .find(|&&flag| name.matches(flag))
            .map_or("?", |flag| flag.name());
        let owners: Vec<String> = roles::ROLES
            .iter()
            .filter(|other| {
                other
                    .serve_flags
                    .iter()
                    .chain(other.connect_flags)
                    .any(|&flag| name.matches(flag))
            })
            .map(|other| format!("{} ({})", other.lab.number, other.lab.slug))
            .collect();
        return Err(fail(tr!(
            "error-flag-not-for-this-lab",
            "`socklab {side} {number}` takes no {label}; it is for lab {owners}",
            side = side,
            number = roles.lab.number,
            label = label,
            owners = owners.join(&format!(" {} ", i18n::text("and")))
        )));
    }
    let size_field = size_field.map(|field| match field {
        SizeFieldArg::TotalSize => SizeField::TotalSize,
        SizeFieldArg::DataSize => SizeField::DataSize,
        SizeFieldArg::Filesize => SizeField::Filesize,
        SizeFieldArg::FileSize => SizeField::FileSize,
    });
    if let Some(field) = size_field {
        let allowed = accepted.iter().find_map(|flag| match flag {
            Flag::SizeField(allowed) => Some(*allowed),
            _ => None,
        });
        if let Some(allowed) = allowed.filter(|allowed| !allowed.contains(&field)) {
            let names: Vec<&str> = allowed.iter().map(|field| field.key()).collect();
            return Err(fail(tr!(
                "error-size-field",
                "lab {number} names the size {names}, not {field}: use --size-field {first}",
                number = roles.lab.number,
                names = names.join(&format!(" {} ", i18n::text("or"))),
                field = field.key(),
                first = names[0]
            )));
        }
    }
    let defaults = RoleOptions::default();
    Ok(RoleOptions {
        digest: match hmac.digest {
            Some(DigestArg::Md5) => Digest::Md5,
            Some(DigestArg::Sha256) => Digest::Sha256,
            None => defaults.digest,
        },
        key: hmac
            .key
            .as_ref()
            .map_or(defaults.key.clone(), |key| key.as_bytes().to_vec()),
        size_field,
        ..defaults
    })
}

/// The roles of the lab named on the command line, or the one-line error.
fn lab_roles(name: &str) -> Result<&'static Roles, Outcome> {
    let found = registry::find(name)
        .map_err(|unknown| unknown.to_string())
        .and_then(|lab| roles::find(lab).map_err(|none| none.to_string()));
    found.map_err(|error| {
        warn(tr!("error-line", "error: {why}", why = error));
        Outcome::Error
    })
}

/// `socklab dev check|sync`: the registry against the repository's files.
fn dev(command: &DevCommand) -> Outcome {
    let root = match command {
        DevCommand::Check { root } | DevCommand::Sync { root } => root,
    };
    let is_socklab = std::fs::read_to_string(root.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.contains("name = \"socklab\""));
    if !is_socklab {
        eprintln!(
            "error: {} is not the socklab repository: run `socklab dev` in the folder with socklab's Cargo.toml, or pass --root DIR",
            root.display()
        );
        return Outcome::Error;
    }
    let project = dev::Project {
        root: root.clone(),
        labs: LABS,
        roles: roles::ROLES,
    };
    match command {
        DevCommand::Check { .. } => {
            let problems = project.check();
            for problem in &problems {
                eprintln!("{problem}");
            }
            if problems.is_empty() {
                println!(
                    "{} labs: code, sheets, book, snapshots and README agree",
                    LABS.len()
                );
                Outcome::AllPassed
            } else {
                eprintln!("{} problems", problems.len());
                Outcome::Mismatch
            }
        }
        DevCommand::Sync { .. } => match project.sync() {
            Ok(changed) if changed.is_empty() => {
                println!("nothing to change");
                Outcome::AllPassed
            }
            Ok(changed) => {
                println!("rewrote {}", changed.join(", "));
                Outcome::AllPassed
            }
            Err(error) => {
                eprintln!("error: {error}");
                Outcome::Error
            }
        },
    }
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
