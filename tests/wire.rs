//! The wire test: enter a private network namespace, capture real traffic,
//! and check every frame.
//!
//! It has its own `main()` (`harness = false` in Cargo.toml) because
//! entering a user namespace needs a single-threaded process, and libtest
//! runs tests on threads: `main()` enters the namespace before anything
//! else, then runs the checks one after the other.
//!
//! Where the kernel refuses a namespace (no user namespaces, no
//! CAP_SYS_ADMIN) the namespace checks are skipped with the reason; the
//! fallback checks run everywhere. Run it as root and as an unprivileged
//! user: both paths must pass.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use socklab::sandbox::{
    self, Fault, ImpairedLink, Impairments, PinOutcome, SOCKLAB_NO_NAMESPACE, Sandbox, Selector,
    VethLink, VethPlan, Way,
};
use socklab::wire::capture::DEFAULT_SETTLE;
use socklab::wire::packet::Fragment;
use socklab::wire::{Capture, Captured, Direction, Packet, Side, TcpConversation, save_pcap};

/// Every socket operation of the test gives up after this long.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// tshark reads a ten-packet file in well under this.
const TSHARK_TIMEOUT: Duration = Duration::from_secs(60);
/// The argument that makes this binary a child for the fallback checks.
const CHILD_ARG: &str = "--sandbox-child";

type Check = Result<(), String>;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().collect();
    if let Some(mode) = arguments.iter().position(|a| a == CHILD_ARG) {
        return child(arguments.get(mode + 1).map(String::as_str));
    }

    // First thing, before any thread exists.
    let entered = sandbox::enter_private_network();
    println!("sandbox: {}", entered.summary());
    print_pins(&entered);

    let mut results: Vec<(&str, Option<Check>)> = vec![
        (
            "fallback: SOCKLAB_NO_NAMESPACE=1 stays on the host",
            Some(fallback_by_request()),
        ),
        (
            "fallback: a threaded process stays on the host",
            Some(fallback_when_threaded()),
        ),
    ];
    let private = matches!(entered, Sandbox::Private { .. });
    let pinned = || pins_all(&entered);
    let namespace_checks: [(&str, &dyn Fn() -> Check); 8] = [
        ("the namespace has only lo", &only_loopback),
        ("the book's sysctls are pinned", &pinned),
        ("loopback: hello's packets, each once", &loopback_hello),
        (
            "veth: a 10 000-byte write crosses as 1448-byte segments",
            &veth_segments,
        ),
        (
            "veth: a 3000-byte datagram crosses in three fragments",
            &veth_fragments,
        ),
        (
            "impaired link: a delay is on the wire, a dropped datagram is gone",
            &impaired_delay_and_drop,
        ),
        (
            "impaired link: a rate limit spaces frames, a reorder swaps two, a duplicate doubles one",
            &impaired_rate_and_reorder,
        ),
        (
            "impaired link: dropping it deletes its interface, and it can be made again",
            &impaired_link_cleans_up,
        ),
    ];
    for (name, check) in namespace_checks {
        results.push((name, private.then(check)));
    }

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, result) in &results {
        match result {
            Some(Ok(())) => {
                passed += 1;
                println!("test {name} ... ok");
            }
            Some(Err(why)) => {
                failed += 1;
                println!(
                    "test {name} ... FAILED\n    {}",
                    why.replace('\n', "\n    ")
                );
            }
            None => {
                skipped += 1;
                println!("test {name} ... skipped: no private namespace here");
            }
        }
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_pins(entered: &Sandbox) {
    if let Sandbox::Private { sysctls, .. } = entered {
        for pin in sysctls {
            println!("  {} = {}: {:?}", pin.name, pin.value, pin.outcome);
        }
    }
}

/// Every one of the book's sysctls was written and read back.
fn pins_all(entered: &Sandbox) -> Check {
    let Sandbox::Private { sysctls, .. } = entered else {
        return Err("not private".to_owned());
    };
    for pin in sysctls {
        if !matches!(pin.outcome, PinOutcome::Pinned { .. }) {
            return Err(format!("{} = {}: {:?}", pin.name, pin.value, pin.outcome));
        }
    }
    Ok(())
}

/// Child mode: `request` sets nothing and enters from a single thread with
/// SOCKLAB_NO_NAMESPACE=1 (set by the parent); `threaded` starts a thread
/// first. Prints the outcome's summary.
fn child(mode: Option<&str>) -> ExitCode {
    let parked = (mode == Some("threaded")).then(|| {
        let (stop, wait) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            let _ = wait.recv_timeout(IO_TIMEOUT);
        });
        (stop, thread)
    });
    let entered = sandbox::enter_private_network();
    println!("{}", entered.summary());
    if let Some((stop, thread)) = parked {
        drop(stop);
        let _ = thread.join();
    }
    if matches!(entered, Sandbox::Host { .. }) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_child(mode: &str, no_namespace: bool) -> Result<String, String> {
    let me = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let mut command = Command::new(me);
    command.args([CHILD_ARG, mode]);
    if no_namespace {
        command.env(SOCKLAB_NO_NAMESPACE, "1");
    } else {
        command.env_remove(SOCKLAB_NO_NAMESPACE);
    }
    let (status, stdout, _) = run_with_timeout(command, IO_TIMEOUT)?;
    if !status {
        return Err(format!("the child entered a namespace: {stdout}"));
    }
    Ok(stdout)
}

fn fallback_by_request() -> Check {
    let said = run_child("request", true)?;
    expect(
        said.starts_with("host network: SOCKLAB_NO_NAMESPACE=1 asks for the host network"),
        || format!("unexpected summary: {said}"),
    )
}

fn fallback_when_threaded() -> Check {
    let said = run_child("threaded", false)?;
    expect(
        said.starts_with("host network: the process already runs 2 threads"),
        || format!("unexpected summary: {said}"),
    )
}

/// /proc/self/net/dev lists the interfaces of this process's namespace.
fn only_loopback() -> Check {
    let dev = std::fs::read_to_string("/proc/self/net/dev").map_err(|e| e.to_string())?;
    let names: Vec<&str> = dev
        .lines()
        .skip(2)
        .filter_map(|line| line.split(':').next())
        .map(str::trim)
        .collect();
    expect(names == ["lo"], || format!("interfaces: {names:?}"))
}

/// Connect, send b"hello", close both ways, all from one thread (the
/// kernel completes the handshake before accept), capture on lo.
fn loopback_hello() -> Check {
    let capture = Capture::start("lo").map_err(|e| e.to_string())?;
    let exchange = || -> std::io::Result<()> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let mut client = TcpStream::connect_timeout(&listener.local_addr()?, IO_TIMEOUT)?;
        let (mut server, _) = listener.accept()?;
        for stream in [&client, &server] {
            stream.set_read_timeout(Some(IO_TIMEOUT))?;
            stream.set_write_timeout(Some(IO_TIMEOUT))?;
        }
        client.write_all(b"hello")?;
        let mut received = [0u8; 5];
        server.read_exact(&mut received)?;
        client.shutdown(Shutdown::Write)?;
        expect_eof(&mut server)?;
        drop(server);
        expect_eof(&mut client)?;
        Ok(())
    };
    exchange().map_err(|e| format!("the exchange failed: {e}"))?;
    let captured = capture.finish(DEFAULT_SETTLE).map_err(|e| e.to_string())?;
    report_capture("loopback", &captured);
    complete_loopback(&captured)?;

    let packets = Packet::decode_all(&captured.frames);
    let conversation = TcpConversation::first_in(&packets).ok_or("no SYN captured")?;
    let lines = conversation.describe(&packets);
    for line in &lines {
        println!("    {line}");
    }
    let segments = conversation.segments(&packets);
    expect(segments.len() == packets.len(), || {
        format!(
            "{} frames are not this connection's",
            packets.len() - segments.len()
        )
    })?;

    let shape: Vec<(Side, String, u32, usize)> = segments
        .iter()
        .map(|s| {
            let flags = s.segment.flags.tcpdump();
            (s.from, flags, s.relative_sequence, s.segment.payload.length)
        })
        .collect();
    let expected = expected_hello_shapes();
    expect(expected.contains(&shape), || {
        format!(
            "got {shape:?}\nwant one of {expected:?}\n{}",
            lines.join("\n")
        )
    })?;

    let data = conversation.data_segments(&packets, Side::Client);
    expect(
        data.len() == 1 && data[0].segment.payload.preview == b"hello",
        || format!("data segments: {}", data.len()),
    )?;
    tshark_agrees(&captured, &packets)
}

/// The exact exchange: handshake, the data and its immediate ACK (a new
/// connection starts in quick-ACK mode), then the close. The server ACKs
/// the client's FIN with a delayed ACK (40 ms at least), so when it closes
/// first, as it does within microseconds, its FIN carries that ACK; only a
/// server descheduled for longer than the timer sends a separate ACK.
fn expected_hello_shapes() -> [Vec<(Side, String, u32, usize)>; 2] {
    use Side::{Client, Server};
    let opening = [
        (Client, "S", 0, 0),
        (Server, "S.", 0, 0),
        (Client, ".", 1, 0),
        (Client, "P.", 1, 5),
        (Server, ".", 1, 0),
        (Client, "F.", 6, 0),
    ];
    let shape = |close: &[(Side, &str, u32, usize)]| {
        opening
            .iter()
            .chain(close)
            .map(|&(side, flags, sequence, length)| (side, flags.to_owned(), sequence, length))
            .collect()
    };
    [
        shape(&[(Server, "F.", 1, 0), (Client, ".", 7, 0)]),
        shape(&[
            (Server, ".", 1, 0),
            (Server, "F.", 1, 0),
            (Client, ".", 7, 0),
        ]),
    ]
}

/// Reads until end of file, which must come with no data.
fn expect_eof(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest)?;
    if rest.is_empty() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            ErrorKind::InvalidData,
            "data before EOF",
        ))
    }
}

fn report_capture(label: &str, captured: &Captured) {
    let stats = captured.stats;
    println!(
        "  capture on {label}: {} frames kept, {} loopback duplicates removed, kernel queued {}, dropped {}, truncated {}",
        stats.frames_kept,
        stats.loopback_duplicates,
        stats.kernel_frames,
        stats.kernel_drops,
        stats.truncated
    );
}

/// On lo every frame is seen twice (outgoing, then incoming): one copy of
/// each is kept, and the kernel's count covers both.
fn complete_loopback(captured: &Captured) -> Check {
    let stats = captured.stats;
    expect(stats.is_complete(), || {
        format!("incomplete capture: {stats:?}")
    })?;
    expect(stats.loopback_duplicates == stats.frames_kept, || {
        format!(
            "duplicates {} for {} frames",
            stats.loopback_duplicates, stats.frames_kept
        )
    })?;
    expect(stats.kernel_frames == 2 * stats.frames_kept as u64, || {
        format!(
            "kernel counted {} for {} frames",
            stats.kernel_frames, stats.frames_kept
        )
    })?;
    expect(
        captured
            .frames
            .iter()
            .all(|frame| frame.direction == Direction::Outgoing),
        || "a kept loopback frame is not the outgoing copy".to_owned(),
    )
}

/// Writes the capture as pcap and has tshark read the TCP payload lengths
/// back: they must be ours, frame for frame.
fn tshark_agrees(captured: &Captured, packets: &[Packet]) -> Check {
    let path = temporary_path("hello.pcap");
    save_pcap(&path, &captured.frames).map_err(|e| e.to_string())?;
    let result = tshark_lengths(&path);
    let _ = std::fs::remove_file(&path);
    let Some(theirs) = result? else {
        println!("    skipped: tshark not installed");
        return Ok(());
    };
    let ours: Vec<String> = packets
        .iter()
        .map(|p| {
            p.tcp()
                .map_or(String::new(), |s| s.payload.length.to_string())
        })
        .collect();
    println!("    tshark tcp.len: {}", theirs.join(" "));
    expect(theirs == ours, || {
        format!("tshark {theirs:?}, socklab {ours:?}")
    })
}

/// `tshark -r FILE -T fields -e tcp.len`, one line per frame; `None` when
/// tshark is not installed.
fn tshark_lengths(path: &Path) -> Result<Option<Vec<String>>, String> {
    let mut command = Command::new("tshark");
    command
        .arg("-r")
        .arg(path)
        .args(["-T", "fields", "-e", "tcp.len"]);
    match run_with_timeout(command, TSHARK_TIMEOUT) {
        Err(why) if why.starts_with("not found") => Ok(None),
        Err(why) => Err(why),
        Ok((true, stdout, _)) => Ok(Some(stdout.lines().map(str::to_owned).collect())),
        Ok((false, stdout, stderr)) => Err(format!("tshark failed: {stdout}{stderr}")),
    }
}

fn temporary_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("socklab-wire-{}-{name}", std::process::id()))
}

/// A client in the main namespace writes 10 000 bytes to a server in the
/// peer namespace across an MTU-1500 veth pair, timestamps on: the MSS is
/// 1500 - 20 (IP) - 20 (TCP) = 1460, and each segment carries 12 bytes of
/// timestamp option, so at most 1448 data bytes.
fn veth_segments() -> Check {
    let link = VethLink::create(VethPlan::ethernet()).map_err(|e| e.to_string())?;
    let plan = link.plan().clone();
    let capture = Capture::start(&plan.main_name).map_err(|e| e.to_string())?;
    let listener = link
        .peer()
        .run(|| TcpListener::bind((plan.peer_address, 0)))
        .and_then(|bound| bound)
        .map_err(|e| format!("binding in the peer namespace: {e}"))?;
    let exchange = || -> std::io::Result<(usize, u32)> {
        let mut client = TcpStream::connect_timeout(&listener.local_addr()?, IO_TIMEOUT)?;
        let (mut server, _) = listener.accept()?;
        for stream in [&client, &server] {
            stream.set_read_timeout(Some(IO_TIMEOUT))?;
            stream.set_write_timeout(Some(IO_TIMEOUT))?;
        }
        client.write_all(&[b'x'; 10_000])?;
        client.shutdown(Shutdown::Write)?;
        let mut received = Vec::new();
        server.read_to_end(&mut received)?;
        let mss = socket2::SockRef::from(&client).tcp_mss()?;
        Ok((received.len(), mss))
    };
    let (received, mss) = exchange().map_err(|e| format!("the exchange failed: {e}"))?;
    let captured = capture.finish(DEFAULT_SETTLE).map_err(|e| e.to_string())?;
    report_capture(&plan.main_name, &captured);
    expect(captured.stats.is_complete(), || {
        format!("incomplete: {:?}", captured.stats)
    })?;
    let peer_pins = link.peer().sysctls();
    expect(
        !peer_pins.is_empty()
            && peer_pins
                .iter()
                .all(|pin| matches!(pin.outcome, PinOutcome::Pinned { .. })),
        || format!("peer namespace sysctls: {peer_pins:?}"),
    )?;
    expect(received == 10_000, || {
        format!("the server received {received} bytes")
    })?;
    expect(mss == 1448, || format!("TCP_MAXSEG says {mss}"))?;

    let packets = Packet::decode_all(&captured.frames);
    let conversation = TcpConversation::first_in(&packets).ok_or("no SYN captured")?;
    for line in conversation.describe(&packets) {
        println!("    {line}");
    }
    let segments = conversation.segments(&packets);
    let syn = segments.first().ok_or("no segments")?.segment;
    expect(
        syn.options.mss == Some(1460) && syn.options.timestamps.is_some(),
        || format!("SYN options {:?}", syn.options),
    )?;
    expect(
        segments.iter().all(|s| match s.from {
            Side::Client => s.packet.direction == Direction::Outgoing,
            Side::Server => s.packet.direction == Direction::Incoming,
        }),
        || "a segment crossed the wrong way".to_owned(),
    )?;
    let sizes: Vec<usize> = conversation
        .data_segments(&packets, Side::Client)
        .iter()
        .map(|s| s.segment.payload.length)
        .collect();
    let expected = [1448, 1448, 1448, 1448, 1448, 1448, 1312];
    expect(sizes == expected, || {
        format!("data segment sizes {sizes:?}")
    })
}

/// A 3000-byte datagram (3008 with its UDP header) over a 1500-byte MTU:
/// fragments of 1480 IP payload bytes (a multiple of 8) at offsets 0, 1480
/// and 2960; the receiver still gets one whole datagram. The receiver is a
/// thread that lives in the peer namespace.
fn veth_fragments() -> Check {
    let link = VethLink::create(VethPlan::ethernet()).map_err(|e| e.to_string())?;
    let plan = link.plan().clone();
    let capture = Capture::start(&plan.main_name).map_err(|e| e.to_string())?;
    let (tell_port, port) = mpsc::channel();
    let receiver = link
        .peer()
        .spawn("udp-receiver", move || -> std::io::Result<usize> {
            let socket = UdpSocket::bind((plan.peer_address, 0))?;
            socket.set_read_timeout(Some(IO_TIMEOUT))?;
            let _ = tell_port.send(socket.local_addr()?);
            let mut datagram = vec![0u8; 65_536];
            socket.recv(&mut datagram)
        })
        .map_err(|e| e.to_string())?;
    let server: SocketAddr = port
        .recv_timeout(IO_TIMEOUT)
        .map_err(|e| format!("the receiver never bound: {e}"))?;
    let sender = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).map_err(|e| e.to_string())?;
    sender
        .send_to(&[b'u'; 3000], server)
        .map_err(|e| e.to_string())?;
    let received = join_within(receiver, IO_TIMEOUT)?;
    let captured = capture.finish(DEFAULT_SETTLE).map_err(|e| e.to_string())?;
    report_capture(&link.plan().main_name, &captured);
    expect(captured.stats.is_complete(), || {
        format!("incomplete: {:?}", captured.stats)
    })?;
    expect(received == 3000, || {
        format!("the receiver got {received} bytes")
    })?;

    let packets = Packet::decode_all(&captured.frames);
    let origin = packets.first().map_or(Duration::ZERO, |p| p.timestamp);
    for packet in &packets {
        println!("    {}", packet.describe(origin));
    }
    let fragments: Vec<(u32, bool)> = packets
        .iter()
        .filter_map(|p| p.ip?.fragment)
        .map(
            |Fragment {
                 offset,
                 more_fragments,
                 ..
             }| (offset, more_fragments),
        )
        .collect();
    expect(
        fragments == [(0, true), (1480, true), (2960, false)],
        || format!("fragments {fragments:?}"),
    )?;
    let first = packets
        .iter()
        .find_map(Packet::udp)
        .ok_or("no UDP header seen")?;
    expect(first.length == 3008 && first.payload.length == 1472, || {
        format!(
            "first fragment: UDP length {}, {} payload bytes",
            first.length, first.payload.length
        )
    })
}

/// Sends `count` datagrams of `size` bytes from the server's namespace of
/// `link` to a receiver on the client's side, and returns the first byte
/// of each of the `reads` datagrams the receiver read and the arrival
/// times the capture of the client's end saw.
fn datagrams_from_server(
    link: &ImpairedLink,
    count: u8,
    size: usize,
    reads: usize,
) -> Result<(Vec<u8>, Vec<Duration>), String> {
    let addresses = link.addresses();
    let capture = Capture::start(addresses.client_interface).map_err(|e| e.to_string())?;
    let receiver = UdpSocket::bind((addresses.client, 0)).map_err(|e| e.to_string())?;
    receiver
        .set_read_timeout(Some(IO_TIMEOUT))
        .map_err(|e| e.to_string())?;
    let destination = receiver.local_addr().map_err(|e| e.to_string())?;
    let server = addresses.server;
    link.server()
        .run(move || -> std::io::Result<()> {
            let sender = UdpSocket::bind((server, 0))?;
            for number in 1..=count {
                let mut datagram = vec![0u8; size];
                datagram[0] = number;
                sender.send_to(&datagram, destination)?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let mut firsts = Vec::new();
    let mut buffer = vec![0u8; 65_536];
    while firsts.len() < reads {
        let length = receiver.recv(&mut buffer).map_err(|e| e.to_string())?;
        firsts.push(if length > 0 { buffer[0] } else { 0 });
    }
    let captured = capture.finish(DEFAULT_SETTLE).map_err(|e| e.to_string())?;
    let arrivals = Packet::decode_all(&captured.frames)
        .iter()
        .filter(|p| p.udp().is_some() && p.destination() == Some(destination))
        .map(|p| p.timestamp)
        .collect();
    Ok((firsts, arrivals))
}

fn impaired_delay_and_drop() -> Check {
    let delay = Duration::from_millis(30);
    let link = ImpairedLink::create(
        Impairments::none()
            .delayed(delay)
            .with(Way::ServerToClient, Fault::Drop(Selector::Datagram(2))),
    )
    .map_err(|e| e.to_string())?;
    let addresses = link.addresses();
    let capture = Capture::start(addresses.client_interface).map_err(|e| e.to_string())?;
    let listener = link
        .server()
        .run(move || TcpListener::bind((addresses.server, 0)))
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let server = listener.local_addr().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let stream = TcpStream::connect_timeout(&server, IO_TIMEOUT).map_err(|e| e.to_string())?;
    let connect_time = started.elapsed();
    drop(stream);
    let captured = capture.finish(DEFAULT_SETTLE).map_err(|e| e.to_string())?;
    let packets = Packet::decode_all(&captured.frames);
    let syn = packets
        .iter()
        .find(|p| p.tcp().is_some_and(|t| t.flags.syn && !t.flags.ack))
        .ok_or("no SYN on the wire")?;
    let syn_ack = packets
        .iter()
        .find(|p| p.tcp().is_some_and(|t| t.flags.syn && t.flags.ack))
        .ok_or("no SYN-ACK on the wire")?;
    let on_the_wire = syn_ack.timestamp.saturating_sub(syn.timestamp);
    println!("    connect {connect_time:?}, SYN to SYN-ACK on the wire {on_the_wire:?}");
    expect(
        on_the_wire >= delay * 2 && connect_time >= delay * 2,
        || {
            format!(
                "a 2 × {delay:?} round trip took {on_the_wire:?} on the wire, {connect_time:?} to connect"
            )
        },
    )?;
    let (firsts, arrivals) = datagrams_from_server(&link, 3, 100, 2)?;
    expect(firsts == [1, 3] && arrivals.len() == 2, || {
        format!("read {firsts:?}, {} arrivals on the wire", arrivals.len())
    })?;
    expect(
        link.faults_applied() == [(Way::ServerToClient, Fault::Drop(Selector::Datagram(2)))],
        || format!("faults applied: {:?}", link.faults_applied()),
    )
}

fn impaired_rate_and_reorder() -> Check {
    // 1042-byte frames (14 + 20 + 8 + 1000) at 104 200 bytes per second:
    // one every 10 ms.
    let link = ImpairedLink::create(Impairments::none().rate_limited(104_200))
        .map_err(|e| e.to_string())?;
    let (firsts, arrivals) = datagrams_from_server(&link, 6, 1000, 6)?;
    let spread = arrivals
        .last()
        .zip(arrivals.first())
        .map_or(Duration::ZERO, |(last, first)| last.saturating_sub(*first));
    println!("    6 frames at 10 ms each arrived over {spread:?}");
    expect(firsts == [1, 2, 3, 4, 5, 6], || format!("read {firsts:?}"))?;
    expect(spread >= Duration::from_millis(48), || {
        format!("6 rate-limited frames arrived within {spread:?}")
    })?;
    link.set_impairments(
        Impairments::none().with(Way::ServerToClient, Fault::Reorder(Selector::Datagram(1))),
    );
    let (firsts, _) = datagrams_from_server(&link, 2, 10, 2)?;
    expect(firsts == [2, 1], || {
        format!("after a reorder, read {firsts:?}")
    })?;
    link.set_impairments(
        Impairments::none().with(Way::ServerToClient, Fault::Duplicate(Selector::Datagram(1))),
    );
    let (firsts, _) = datagrams_from_server(&link, 2, 10, 3)?;
    expect(firsts == [1, 1, 2], || {
        format!("after a duplicate, read {firsts:?}")
    })
}

fn impaired_link_cleans_up() -> Check {
    let interface = ImpairedLink::create(Impairments::none())
        .map_err(|e| e.to_string())?
        .addresses()
        .client_interface;
    // The link was dropped at the end of the statement above.
    let probe = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| e.to_string())?;
    expect(
        rustix::net::netdevice::name_to_index(&probe, interface).is_err(),
        || format!("{interface} outlived its link"),
    )?;
    let again = ImpairedLink::create(Impairments::none()).map_err(|e| e.to_string())?;
    let (firsts, _) = datagrams_from_server(&again, 1, 10, 1)?;
    expect(firsts == [1], || format!("a new link carried {firsts:?}"))
}

/// Joins a thread, giving up after `timeout` (the thread is then left to
/// its own socket timeout).
fn join_within(
    thread: thread::JoinHandle<std::io::Result<std::io::Result<usize>>>,
    timeout: Duration,
) -> Result<usize, String> {
    let deadline = Instant::now() + timeout;
    while !thread.is_finished() {
        if Instant::now() >= deadline {
            return Err(format!("the receiver did not finish within {timeout:?}"));
        }
        thread::sleep(Duration::from_millis(5));
    }
    match thread.join() {
        Ok(Ok(Ok(length))) => Ok(length),
        Ok(Ok(Err(e)) | Err(e)) => Err(format!("the receiver failed: {e}")),
        Err(_) => Err("the receiver panicked".to_owned()),
    }
}

/// Runs a command with a deadline: (success, stdout, stderr). An absent
/// program is reported as "not found: ...".
fn run_with_timeout(
    mut command: Command,
    timeout: Duration,
) -> Result<(bool, String, String), String> {
    let mut child = match command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(format!("not found: {e}")),
        Err(e) => return Err(format!("spawning {command:?}: {e}")),
    };
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{command:?} did not finish within {timeout:?}"));
            }
            Err(e) => return Err(format!("waiting for {command:?}: {e}")),
        }
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

fn expect(condition: bool, why: impl FnOnce() -> String) -> Check {
    if condition { Ok(()) } else { Err(why()) }
}
