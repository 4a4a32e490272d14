//! The command line (clap derive). Parsing only: `app` does the work.

use std::net::SocketAddr;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::i18n::{self, Lang};
use crate::render::Format;

const EXAMPLES: &str = "\
Examples:
  socklab list                      every lab, with what it shows
  socklab run 3                     lab 3: UDP truncation
  socklab run nagle-sticky 5        labs by slug or number
  socklab run all --repeat 50       check a machine before class
  socklab explain 1                 the lab sheet: what happens and why
  socklab doctor                    does this machine behave like the book's?
  socklab bench                     socklab's numbers beside sockperf's and a raw copy

Exit status: 0 every check passed, 1 a check mismatched, 2 usage or
environment error.";

/// socklab: socket programming by experiment.
///
/// Each lab makes one classic socket lesson happen on loopback (sticky
/// packets, Nagle, UDP truncation, TIME_WAIT...), measures what the kernel
/// really did, and prints check | expected | observed | verdict.
#[derive(Debug, Parser)]
#[command(name = "socklab", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of socklab's own text (titles, check names, verdicts,
    /// narration, errors): en or zh-CN. Default: the locale (LC_ALL,
    /// LC_MESSAGES, LANG); one starting with zh means zh-CN.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// The command line in the current language: clap's own derive, with every
/// about and help text looked up in `i18n/zh-CN/cli.ftl` when socklab speaks
/// Chinese (clap's built-in words, such as `--help`'s own help, stay English).
pub fn command() -> clap::Command {
    let command = Cli::command();
    match i18n::current() {
        Lang::En => command,
        Lang::ZhCn => localized(command),
    }
}

/// Every text of the English command line that `localized` translates,
/// with an id for a Fluent skeleton: abouts, after-helps, helps, headings.
pub fn help_texts() -> Vec<(String, String)> {
    fn walk(command: &clap::Command, path: &str, texts: &mut Vec<(String, String)>) {
        let mut add = |id: String, text: Option<&clap::builder::StyledStr>| {
            if let Some(text) = text {
                texts.push((id, text.to_string()));
            }
        };
        add(format!("{path}-about"), command.get_about());
        add(format!("{path}-long-about"), command.get_long_about());
        add(format!("{path}-after-help"), command.get_after_help());
        for arg in command.get_arguments() {
            let name = arg.get_id().as_str().replace('_', "-");
            add(format!("{path}-{name}-help"), arg.get_help());
            add(format!("{path}-{name}-long-help"), arg.get_long_help());
        }
        for subcommand in command.get_subcommands() {
            walk(
                subcommand,
                &format!("{path}-{}", subcommand.get_name()),
                texts,
            );
        }
    }
    let mut texts: Vec<(String, String)> = [
        "Usage:",
        "Commands",
        "Arguments",
        "Options",
        "Print help",
        "Print version",
    ]
    .iter()
    .map(|heading| {
        (
            format!(
                "cli-heading-{}",
                heading.trim_end_matches(':').to_lowercase()
            ),
            heading.to_string(),
        )
    })
    .collect();
    walk(&Cli::command(), "cli", &mut texts);
    let mut seen = std::collections::HashSet::new();
    texts.retain(|(_, text)| seen.insert(text.clone()));
    texts
}

/// `command` and its subcommands with their texts translated.
fn localized(mut command: clap::Command) -> clap::Command {
    fn translated(text: Option<&clap::builder::StyledStr>) -> Option<String> {
        text.map(|text| i18n::text(&text.to_string()).into_owned())
    }
    if let Some(about) = translated(command.get_about()) {
        command = command.about(about);
    }
    if let Some(long_about) = translated(command.get_long_about()) {
        command = command.long_about(long_about);
    }
    if let Some(after_help) = translated(command.get_after_help()) {
        command = command.after_help(after_help);
    }
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            // "用法：" carries its own (full-width) space.
            i18n::text("Usage:")
        ))
        .subcommand_help_heading(i18n::text("Commands").into_owned())
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                i18n::text("Arguments").into_owned()
            } else {
                i18n::text("Options").into_owned()
            };
            let mut arg = arg.help_heading(heading);
            if let Some(help) = translated(arg.get_help()) {
                arg = arg.help(help);
            }
            if let Some(long_help) = translated(arg.get_long_help()) {
                arg = arg.long_help(long_help);
            }
            arg
        });
    // clap's own -h and -V, with their help in Chinese too.
    let options = i18n::text("Options").into_owned();
    command = command.disable_help_flag(true).arg(
        clap::Arg::new("help")
            .short('h')
            .long("help")
            .action(clap::ArgAction::Help)
            .help(i18n::text("Print help").into_owned())
            .help_heading(options.clone()),
    );
    if command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(i18n::text("Print version").into_owned())
                .help_heading(options),
        );
    }
    command.mut_subcommands(localized)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every lab: number, slug, title, what it shows, typical run time.
    #[command(after_help = "Examples:\n  socklab list")]
    List,
    /// Run labs on loopback and check what the kernel does.
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Check that this machine behaves like the book's (kernel, sysctls, MTU).
    #[command(
        after_help = "Examples:\n  socklab doctor\n\nExit status: 0 when the machine matches the book, 1 when a setting differs."
    )]
    Doctor,
    /// Print a shell completion script.
    #[command(after_help = COMPLETION_EXAMPLES)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Play the server of a lab, so that your own client can be the other end.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// Play the client of a lab against a server at ADDR:PORT (yours, or `socklab serve`).
    #[command(after_help = CONNECT_EXAMPLES)]
    Connect(ConnectArgs),
    /// Benchmark socklab: lab 5's round trip beside sockperf's, the frame
    /// codec beside a raw copy, and how long `list` and `run all` take.
    #[command(after_help = BENCH_EXAMPLES)]
    Bench(BenchArgs),
    /// For socklab's maintainers: check (or sync) every place a lab appears.
    #[command(hide = true, subcommand)]
    Dev(DevCommand),
    /// List the exercises: write one end of a lab, socklab grades it.
    #[command(after_help = EXERCISES_EXAMPLES)]
    Exercises,
    /// Print an exercise's task: what to write, which end socklab plays, how it is checked.
    #[command(after_help = "Examples:\n  socklab exercise 6.2\n  socklab exercise 6.2 --hint")]
    Exercise {
        /// The exercise's id, e.g. 6.2 (see `socklab exercises`).
        #[arg(value_name = "ID")]
        id: String,
        /// Also print the hint.
        #[arg(long)]
        hint: bool,
    },
    /// Grade your program for an exercise: socklab plays the other end.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print a lab's sheet: what happens, why, and what to look at.
    #[command(after_help = "Examples:\n  socklab explain 3\n  socklab explain udp-truncation")]
    Explain {
        /// A lab number (3) or slug (udp-truncation).
        #[arg(value_name = "LAB")]
        lab: String,
    },
}

/// `socklab dev`: run in the socklab repository (or pass --root).
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Compare the registry with the sheets, the book, the snapshots and the
    /// README; print each disagreement with its fix (exit 1 if any).
    Check {
        /// The repository's root folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: std::path::PathBuf,
    },
    /// Rewrite the README's lab and serve/connect tables and the labs
    /// section of book/src/SUMMARY.md from the registry.
    Sync {
        /// The repository's root folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: std::path::PathBuf,
    },
}

const EXERCISES_EXAMPLES: &str = "\
Examples:
  socklab exercises                   every exercise, and which you have passed
  socklab exercise 1.1                the task of exercise 1.1
  socklab check 1.1 -- python3 my_client.py

What you have passed is kept in $XDG_DATA_HOME/socklab/exercises-done
(~/.local/share/socklab/exercises-done without XDG_DATA_HOME); the list
says where. A folder that cannot be written only loses the Done column.";

const CHECK_EXAMPLES: &str = "\
Examples:
  socklab check 1.1 -- python3 my_client.py
  socklab check 6.2 -- python3 my_server.py
  socklab check 6.2 --watch -- python3 my_server.py    again on every save
  socklab check 8.1 --time-limit 30 -- ./my_sender

socklab plays its end on 127.0.0.1, on a free port, and runs the command
after `--` (not through a shell) with the address as its last two
arguments (HOST PORT) and in SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR
(HOST:PORT); SOCKLAB_DIR is a private folder for the file exercises.
stdin is /dev/null; stdout and stderr are kept up to 64 KiB each and shown,
shortened, under the checks. The program runs in a process group of its
own and is ended (with anything it started) when the check is over, at
the time limit, or on Ctrl-C.

Exit status: 0 every check passed; 1 not yet (a check mismatched); 2 the
check could not run: the command was not found, the program crashed,
exited without connecting, or ran past the time limit.";

/// The most `--time-limit` allows.
pub const MAX_TIME_LIMIT: u64 = 600;

/// `socklab check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The exercise's id, e.g. 6.2 (see `socklab exercises`).
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format (json: the report alone, for scripts).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Check again each time a file named in COMMAND is saved (Ctrl-C stops).
    #[arg(long)]
    pub watch: bool,

    /// End the program after this many seconds (exit 2: timed out).
    #[arg(long, value_name = "SECS", default_value_t = crate::exercises::runner::DEFAULT_TIME_LIMIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIME_LIMIT))]
    pub time_limit: u64,

    /// Your program and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

const COMPLETION_EXAMPLES: &str = "\
Examples:
  socklab completions bash > ~/.local/share/bash-completion/completions/socklab
  socklab completions zsh > ~/.zfunc/_socklab
  socklab completions fish > ~/.config/fish/completions/socklab.fish";

const RUN_EXAMPLES: &str = "\
Examples:
  socklab run 3                       one lab, by number
  socklab run udp-truncation          the same lab, by slug
  socklab run all                     every lab
  socklab run 1 2 --format markdown   markdown tables (as in the book)
  socklab run all --format json       one JSON array, for scripts
  socklab run all --repeat 50         run each lab 50 times, count passes
  socklab run 5 --rounds 100          lab 5 with 100 round trips per variant
  socklab run 1 --step                narrated: what happens next, what to watch
  socklab run 1 --timeline            a sequence diagram of every send and recv, and the packets
  socklab run 1 --wire                every packet under the table, as tcpdump prints them
  socklab run 13 --diagram lab13.svg  the run's connections as an SVG sequence diagram
  socklab run 1 --diagram nagle.svg --connection 3    only the third connection
  socklab run 1 --pcap lab1.pcap      every packet in a file for Wireshark or tshark
  socklab run all --host-network      on the host's loopback, as the host is tuned (no capture)

The labs run in a private network namespace of their own (only lo, the
book's sysctls pinned, every packet captured): unprivileged where the kernel
allows user namespaces, plainly as root. Where neither works socklab says
why once, runs on the host's loopback and skips the wire checks.";

/// The most `--rounds` allows: 1000 round trips per variant take lab 5
/// about 45 s (a quarter of them wait ~40 ms each for a delayed ACK), with
/// a progress bar on a terminal. More adds nothing a median needs.
pub const MAX_ROUNDS: u32 = 1000;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Lab numbers (3), slugs (udp-truncation) or `all`.
    #[arg(value_name = "LAB", required = true)]
    pub labs: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Run each lab N times and show how many runs each check passed.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub repeat: u32,

    /// Round trips per variant in latency labs (lab 5 default: 20; at most
    /// 1000, about a minute: a Nagle round trip waits ~40 ms).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_ROUNDS as i64))]
    pub rounds: Option<u32>,

    /// Narrated mode: announce each step (waits for Enter on a terminal).
    #[arg(long, conflicts_with = "repeat")]
    pub step: bool,

    /// Draw every send and receive as a client/server sequence diagram.
    #[arg(long, conflicts_with = "repeat")]
    pub timeline: bool,

    /// Draw the lab's connections as an SVG sequence diagram in FILE: every
    /// packet and every recorded call (one lab only; records the timeline).
    #[arg(long, value_name = "FILE", conflicts_with = "repeat")]
    pub diagram: Option<std::path::PathBuf>,

    /// With --diagram: draw only connection N (1 is the first to appear).
    #[arg(long, value_name = "N", requires = "diagram",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub connection: Option<u32>,

    /// List every packet of each lab under its table (tcpdump-like).
    #[arg(long)]
    pub wire: bool,

    /// Write every packet of the run to FILE in pcap format.
    #[arg(long, value_name = "FILE")]
    pub pcap: Option<std::path::PathBuf>,

    /// Run on the host's loopback instead of a private network namespace:
    /// the host's sysctls apply (see `socklab doctor`) and nothing is
    /// captured, so wire checks are skipped.
    #[arg(long, conflicts_with_all = ["wire", "pcap"])]
    pub host_network: bool,
}

const SERVE_EXAMPLES: &str = "\
Examples:
  socklab serve 1                     lab 1's server on 127.0.0.1, a free port (printed)
  socklab serve 6 --listen 127.0.0.1:9000
  socklab serve 3 --once              serve one client (one exchange for UDP), then exit
  socklab serve 15 --digest md5 --key 'my key'    the course's hmac.new(key, msg) (HMAC-MD5)
  socklab serve 17 --size-field data_size         replies with data_size instead of total_size
  socklab serve 17 --reply length-prefix          struct 'i' length + output, no JSON
  socklab serve 11 --utc              the time server in UTC instead of local time

Variants: lab 15 takes --digest and --key; lab 17 --reply and --size-field
(total_size, data_size); lab 11 --utc. Lab 6 reads any of the course's size
fields and lab 16 both spellings of the file size, with no flag.

The first line is `listening on ADDR:PORT (tcp|udp)`; then one line per call
the server makes, each starting with the client's address (`client
127.0.0.1:5555: recv(5) #1: ...`). Each client has a thread of its own, up
to 128 at once; a client is dropped after --idle-timeout of silence, a
message not complete within twice that, or 60 s. Ctrl-C stops the server
(exit 130), removing its temp folders and ending its child processes. Not
every lab has roles: for one without, socklab says which labs have them
(exit 2).";

const CONNECT_EXAMPLES: &str = "\
Examples:
  socklab connect 1 127.0.0.1:43517   lab 1's client, against the port `socklab serve 1` printed
  socklab connect 6 127.0.0.1:9000    the header-dictionary client, against your server
  socklab connect 15 127.0.0.1:9000 --digest md5 --key 'my key'
  socklab connect 16 127.0.0.1:9000 photo.jpg     upload a file with the course's put
  socklab connect 16 127.0.0.1:9000 a.txt --size-field file_size

Variants: lab 15 takes --digest and --key; lab 16 needs FILE and takes
--size-field (filesize, file_size). Lab 17's client recognises the three
reply shapes by itself and sends only harmless commands.

Exit status: 0 the server did its part; 1 it answered or closed in a way
that shows it did not understand (or it turned the client away); 2 the
exchange could not happen (refused, timed out, cut).";

/// `socklab serve`: where to listen and for how long.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A lab number (1) or slug (nagle-sticky).
    #[arg(value_name = "LAB")]
    pub lab: String,

    /// The address to listen on. Anything but loopback is reachable from
    /// the network: socklab then prints a warning.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,

    /// Serve one client (one exchange for UDP), then exit.
    #[arg(long)]
    pub once: bool,

    /// Drop a client that sends nothing for this long.
    #[arg(long, value_name = "SECS", default_value_t = crate::roles::DEFAULT_IDLE_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,

    #[command(flatten)]
    pub hmac: HmacArgs,

    /// Lab 17: how replies are framed (default header-dict).
    #[arg(long, value_enum, value_name = "SHAPE")]
    pub reply: Option<ReplyArg>,

    /// Labs 16 and 17: the header field that holds the size (lab 17:
    /// total_size, the default, or data_size).
    #[arg(long, value_enum, value_name = "NAME")]
    pub size_field: Option<SizeFieldArg>,

    /// Lab 11: tell the time in UTC instead of this machine's local time.
    #[arg(long)]
    pub utc: bool,
}

/// Lab 15's variant: the HMAC's hash and the key.
#[derive(Debug, Args)]
pub struct HmacArgs {
    /// Lab 15: the hash inside the HMAC (default sha256; the course's
    /// `hmac.new(key, msg)` was md5).
    #[arg(long, value_enum, value_name = "HASH")]
    pub digest: Option<DigestArg>,

    /// Lab 15: the shared key, as text (default: the lab's, "peace and love").
    #[arg(long, value_name = "TEXT")]
    pub key: Option<String>,
}

/// `--digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DigestArg {
    /// HMAC-MD5: 16-byte answers.
    Md5,
    /// HMAC-SHA256: 32-byte answers.
    Sha256,
}

/// `--reply`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplyArg {
    /// struct 'i' length of a JSON header, the header (with the size), the body.
    HeaderDict,
    /// struct 'i' length of the output, the output.
    LengthPrefix,
}

/// `--size-field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SizeFieldArg {
    #[value(name = "total_size")]
    TotalSize,
    #[value(name = "data_size")]
    DataSize,
    #[value(name = "filesize")]
    Filesize,
    #[value(name = "file_size")]
    FileSize,
}

/// `socklab connect`: which lab, and where its server is.
#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// A lab number (1) or slug (nagle-sticky).
    #[arg(value_name = "LAB")]
    pub lab: String,

    /// The server's address, e.g. 127.0.0.1:43517.
    #[arg(value_name = "ADDR:PORT")]
    pub address: SocketAddr,

    /// Lab 16: the file to upload.
    #[arg(value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub hmac: HmacArgs,

    /// Lab 16: the header field that holds the file's size (filesize, the
    /// default, or file_size).
    #[arg(long, value_enum, value_name = "NAME")]
    pub size_field: Option<SizeFieldArg>,
}

const BENCH_EXAMPLES: &str = "\
Examples:
  socklab bench                       everything, under a minute (build with --release)
  socklab bench --format json         the same figures as JSON, for tracking over time
  socklab bench --message-size 16     round trips of 16-byte messages
  socklab bench --save-json out.json  the table, and the JSON in a file

sockperf (Debian: apt-get install sockperf) is the latency reference; without
it the bench says so and runs the rest. Run it on an idle machine: the
figures are reported, never checked, and the exit status is 0 unless the
bench itself could not run (2).";

/// The output formats of `socklab bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchFormat {
    /// One table, socklab beside the reference (the default).
    Table,
    /// One JSON object, for tracking figures over time.
    Json,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = BenchFormat::Table)]
    pub format: BenchFormat,

    /// Bytes per request and per reply in the round trips (sockperf's
    /// minimum is 14).
    #[arg(long, value_name = "BYTES", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(14..=65_000))]
    pub message_size: u32,

    /// Seconds of sockperf ping-pong per trial; socklab then times as many
    /// round trips as sockperf did.
    #[arg(long, value_name = "S", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub seconds: u32,

    /// Trials of each comparison (reference and socklab back to back);
    /// medians are reported.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub trials: u32,

    /// MiB each codec or raw copy moves.
    #[arg(long, value_name = "MIB", default_value_t = 256,
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub codec_mib: u32,

    /// Runs of `socklab list` and of `socklab run all`; the median is reported.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub command_runs: u32,

    /// Also write the figures as JSON to FILE (one run, both outputs).
    #[arg(long, value_name = "FILE")]
    pub save_json: Option<std::path::PathBuf>,
}
