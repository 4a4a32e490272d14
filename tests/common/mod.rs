//! What the lab tests share: running the real `socklab` binary.
//!
//! The lab tests run the binary rather than calling `lab::run` in-process,
//! so that each run happens exactly as a student's does (in the same
//! network, with the same start-up), and so that nothing a lab sets up,
//! process-wide, leaks between tests running in parallel threads.

use std::process::Command;

use socklab::report::Report;

/// The `socklab` binary in a known environment: English unless the test
/// passes `--lang`, and no `COLUMNS` to fit the tables to.
pub fn socklab() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_socklab"));
    for variable in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "COLUMNS",
        "SOCKLAB_I18N_MISSING",
    ] {
        command.env_remove(variable);
    }
    command
}

/// `socklab <args> --format json`: the reports, or a panic with what the
/// binary printed on stderr.
pub fn reports(args: &[&str]) -> Vec<Report> {
    let output = socklab()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("socklab runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "socklab {args:?} could not run ({}):\n{stderr}",
        output.status
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("socklab {args:?} printed no JSON ({error}):\n{stderr}"))
}

/// Whether the reports ran in socklab's private network. Where the kernel
/// refuses namespaces (Ubuntu's apparmor_restrict_unprivileged_userns=1, a
/// container without CAP_SYS_ADMIN) the labs run on the host and skip their
/// wire checks: then the snapshots, made in the private network, cannot be
/// compared, and the tests say so instead of failing.
pub fn in_private_network(reports: &[Report]) -> bool {
    let private = reports
        .iter()
        .all(|report| report.env.network.as_deref() == Some("private network (book settings)"));
    if !private {
        eprintln!(
            "note: no private network here (see `socklab doctor`): the snapshots of the wire rows are not compared"
        );
    }
    private
}
