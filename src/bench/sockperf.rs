//! sockperf (github.com/Mellanox/sockperf, Debian package `sockperf`), the
//! reference for round-trip times.
//!
//! What it does in the mode used here, checked with `strace -f` on
//! sockperf 3.7 (and stated in `sockperf ping-pong --help`):
//!
//! - `sockperf server --tcp` and `sockperf ping-pong --tcp` set TCP_NODELAY
//!   on both ends ("Default is Nagel Disabled except in Throughput"), the
//!   settings socklab's round trip uses for this comparison.
//! - With one connection both sides *block* in `recvfrom` ("using
//!   recvfrom() to block on socket(s)"): no busy polling, so, like socklab,
//!   each round trip includes two thread wake-ups. Busy polling needs
//!   `--nonblocked`, which is not used.
//! - The client reads its clock with `rdtsc` (no system call), sends one
//!   `-m`-byte message, and the server echoes it back: one write each way.
//! - It first sends warm-up messages for 400 ms and leaves them out of the
//!   statistics; socklab's measurement has a warm-up round of its own.
//!
//! Its client prints percentiles like
//! `sockperf: ---> percentile 50.000 =    7.176` (microseconds, with
//! `--full-rtt` round trips) and `Total 131019 observations`; [`parse`]
//! reads those lines.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::process::{self, RunError, run_with_limit};

/// How long the server may take to start listening.
const SERVER_START_LIMIT: Duration = Duration::from_secs(3);
/// How much longer than its `-t` seconds the client may take (start-up,
/// warm-up, statistics).
const CLIENT_GRACE: Duration = Duration::from_secs(10);

/// One `sockperf ping-pong` run's round trips, in microseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PingPong {
    pub p50_us: f64,
    pub p99_us: f64,
    pub observations: u64,
}

/// Why sockperf gave no figures. The bench reports it beside socklab's
/// own figures and goes on: sockperf is the reference, not the subject.
#[derive(Debug, thiserror::Error)]
pub enum SockperfError {
    /// spawn(2) found no `sockperf` on the PATH.
    #[error("sockperf is not installed (Debian: apt-get install sockperf)")]
    NotInstalled { source: io::Error },
    /// spawn(2) failed for another reason.
    #[error("cannot start sockperf server: {source}")]
    CannotStartServer { source: io::Error },
    /// The server exited before accepting a connection (its port taken, say).
    #[error("sockperf server exited at start ({status})")]
    ServerExited { status: ExitStatus },
    /// The server still refused connections after `SERVER_START_LIMIT`.
    #[error("sockperf server not listening on {address} after {SERVER_START_LIMIT:?}")]
    NotListening { address: SocketAddr },
    /// The kernel had no loopback port to give out.
    #[error("no free loopback port: {source}")]
    NoFreePort { source: io::Error },
    /// The ping-pong client could not run, or ran over its time.
    #[error(transparent)]
    PingPongRun(#[from] RunError),
    /// The ping-pong client ran and exited with a failure.
    #[error("sockperf ping-pong failed ({status})")]
    PingPongFailed { status: ExitStatus },
    /// The client's report lacks a line [`parse`] needs, e.g.
    /// "percentile 99.000".
    #[error("no \"{line}\" line in sockperf's output")]
    MissingLine { line: &'static str },
}

/// A running `sockperf server`, killed when dropped.
pub struct Server {
    child: Child,
    address: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        process::kill(&mut self.child);
    }
}

impl Server {
    /// Starts `sockperf server --tcp` on 127.0.0.1 and a free port, and
    /// waits until it accepts connections.
    pub fn start() -> Result<Server, SockperfError> {
        let address = free_loopback_port()?;
        let child = Command::new("sockperf")
            .args(["server", "--tcp", "-i", "127.0.0.1", "-p"])
            .arg(address.port().to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| match source.kind() {
                io::ErrorKind::NotFound => SockperfError::NotInstalled { source },
                _ => SockperfError::CannotStartServer { source },
            })?;
        let mut server = Server { child, address };
        server.wait_until_listening()?;
        Ok(server)
    }

    /// Connects (and at once disconnects) until the server accepts: it
    /// handles any number of clients, so a probe connection is harmless.
    fn wait_until_listening(&mut self) -> Result<(), SockperfError> {
        let deadline = Instant::now() + SERVER_START_LIMIT;
        loop {
            if TcpStream::connect_timeout(&self.address, Duration::from_millis(100)).is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(SockperfError::ServerExited { status });
            }
            if Instant::now() > deadline {
                return Err(SockperfError::NotListening {
                    address: self.address,
                });
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// `sockperf ping-pong --tcp --full-rtt` against this server for
    /// `seconds`, with `message_size`-byte messages.
    pub fn ping_pong(&self, message_size: usize, seconds: u32) -> Result<PingPong, SockperfError> {
        let finished = run_with_limit(
            Command::new("sockperf")
                .args(["ping-pong", "--tcp", "--full-rtt", "-i", "127.0.0.1"])
                .args(["-p", &self.address.port().to_string()])
                .args(["-m", &message_size.to_string()])
                .args(["-t", &seconds.to_string()]),
            Duration::from_secs(seconds.into()) + CLIENT_GRACE,
        )?;
        let output = String::from_utf8_lossy(&finished.stdout);
        if !finished.status.success() {
            return Err(SockperfError::PingPongFailed {
                status: finished.status,
            });
        }
        parse(&output)
    }
}

/// A port the kernel just gave out on 127.0.0.1, released for sockperf to
/// bind. Another program could take it in between; then the server fails
/// to start and the bench says so.
fn free_loopback_port() -> Result<SocketAddr, SockperfError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|source| SockperfError::NoFreePort { source })
}

/// Reads p50, p99 and the number of observations from a ping-pong report.
pub fn parse(output: &str) -> Result<PingPong, SockperfError> {
    let percentile = |label: &'static str| {
        output
            .lines()
            .find_map(|line| line.split_once(label))
            .and_then(|(_, rest)| rest.trim_start().strip_prefix('='))
            .and_then(|value| value.trim().parse::<f64>().ok())
            .ok_or(SockperfError::MissingLine { line: label })
    };
    let observations = output
        .lines()
        .find_map(|line| line.split_once("Total ")?.1.split_once(" observations"))
        .and_then(|(count, _)| count.parse().ok())
        .ok_or(SockperfError::MissingLine {
            line: "Total N observations",
        })?;
    Ok(PingPong {
        p50_us: percentile("percentile 50.000")?,
        p99_us: percentile("percentile 99.000")?,
        observations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sockperf 3.7's real output (`-m 64 -t 2`), colour codes included.
    const OUTPUT: &str = "\
sockperf: \u{1b}[2;35m== version #3.7-no.git == \u{1b}[0m
sockperf[CLIENT] send on:sockperf: using recvfrom() to block on socket(s)

[ 0] IP = 127.0.0.1       PORT = 17311 # TCP
sockperf: Warmup stage (sending a few dummy messages)...
sockperf: Starting test...
sockperf: Test end (interrupted by timer)
sockperf: Test ended
sockperf: [Total Run] RunTime=2.000 sec; Warm up time=400 msec; SentMessages=156033; ReceivedMessages=156032
sockperf: ========= Printing statistics for Server No: 0
sockperf: [Valid Duration] RunTime=1.548 sec; SentMessages=131019; ReceivedMessages=131019
sockperf: \u{1b}[2;35m====> avg-rtt=11.757 (std-dev=116.533)\u{1b}[0m
sockperf: # dropped messages = 0; # duplicated messages = 0; # out-of-order messages = 0
sockperf: Summary: Round trip is 11.757 usec
sockperf: \u{1b}[2;35mTotal 131019 observations\u{1b}[0m; each percentile contains 1310.19 observations
sockperf: ---> <MAX> observation = 7470.578
sockperf: ---> percentile 99.999 = 5399.414
sockperf: ---> percentile 99.990 = 5049.665
sockperf: ---> percentile 99.900 = 1406.121
sockperf: ---> percentile 99.000 =   19.965
sockperf: ---> percentile 90.000 =   11.312
sockperf: ---> percentile 75.000 =    7.565
sockperf: ---> percentile 50.000 =    7.176
sockperf: ---> percentile 25.000 =    6.929
sockperf: ---> <MIN> observation =    6.464
";

    #[test]
    fn reads_the_percentiles_of_a_real_report() {
        assert_eq!(
            parse(OUTPUT).ok(),
            Some(PingPong {
                p50_us: 7.176,
                p99_us: 19.965,
                observations: 131_019,
            })
        );
    }

    #[test]
    fn says_what_is_missing() {
        let without_p99: String = OUTPUT
            .lines()
            .filter(|line| !line.contains("99.000"))
            .map(|line| format!("{line}\n"))
            .collect();
        let error = parse(&without_p99).unwrap_err();
        assert!(matches!(
            error,
            SockperfError::MissingLine {
                line: "percentile 99.000"
            }
        ));
        assert_eq!(
            error.to_string(),
            "no \"percentile 99.000\" line in sockperf's output"
        );
        assert_eq!(
            parse("").unwrap_err().to_string(),
            "no \"Total N observations\" line in sockperf's output"
        );
    }
}
