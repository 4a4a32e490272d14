//! Lab 11: UDP datagrams.
//!
//! UDP sends messages, not a stream: one sendto is one datagram, and one
//! recvfrom returns exactly one datagram, however many are waiting (udp(7)).
//! There is no connection either: one socket can talk to any number of
//! peers, and every datagram arrives with its sender's address, which is
//! where a server sends its reply. That is all the course's "QQ chat" and
//! its UDP time server need.
//!
//! The course's remote shell over UDP shows the other side of keeping
//! boundaries: its server sends stderr and stdout as two datagrams and its
//! client reads one datagram per command, so from the second command on
//! each reply is the previous command's leftover datagram. Nothing glues,
//! and nothing is lost either: the datagrams wait in order in the queue.
//!
//! The price is reliability. Nothing is acknowledged or sent again: when a
//! socket's receive buffer (SO_RCVBUF, socket(7)) is full, the kernel drops
//! the datagrams that keep arriving, and neither side is told. The only
//! trace is a per-socket counter, the `drops` column of /proc/net/udp
//! (proc(5)), which the lab reads to account for every datagram it sent.
//! The capture settles where the loss happens: every datagram of the burst
//! crosses the wire, and the ones missing at the receiver are exactly the
//! ones its drop counter counts. The sender's sendto is not where anything
//! is lost.
//!
//! The time server formats a FIXED moment, 2024-01-02 03:04:05 UTC, so its
//! replies are the same on every machine and every run (`socklab serve 11`
//! runs the same server with the current time, local as the course's, or
//! UTC). It takes every directive Python's `time.strftime` takes on Linux
//! (glibc's strftime(3): `%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j
//! %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z
//! %%`, with the flags `_ - 0 ^ #`, a width, and the `E`/`O` modifiers),
//! in the C locale as Python leaves it: English names, `%c` as
//! `Tue Jan  2 03:04:05 2024`. The formatting itself is jiff's
//! ([`jiff::fmt::strtime`] with its POSIX locale), not the C library's:
//! that needs no unsafe code and no process-wide locale. Where glibc would
//! print an unknown directive as it is (`%Q` stays `%Q`), this server
//! answers with an error, so that a typo shows; invalid UTF-8 and an
//! oversized request get an error reply too, never silence.

use std::io;
use std::net::{SocketAddr, UdpSocket};

use jiff::ZonedDateTime;
use jiff::fmt::strtime::{BrokenDownTime, Config, PosixCustom};
use jiff::tz::TimeZone;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, Unavailable, bytes_literal};
use crate::report::CheckResult;
use crate::wire::{Packets, Wire};

pub const LAB: Lab = Lab {
    number: 11,
    slug: "udp-datagrams",
    title: "UDP datagrams",
    shows: "one sendto = one recvfrom; replies go to each sender's address; a full buffer drops datagrams",
    summary: "Three datagrams are three reads, even when all three are waiting. One server answers\n\
              three clients at their own addresses, and a time server answers any format, even a bad\n\
              one. A burst into a small receive buffer loses datagrams: the kernel counts every one.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/11-udp-datagrams/README.md"),
    sheet_zh_cn: include_str!("../../labs/11-udp-datagrams/README.zh-CN.md"),
    experiment: run,
};

/// The course's sticky-packet messages, sent over UDP this time.
const MESSAGES: [&[u8]; 3] = [b"hello", b"world", b"musibii"];

/// The course's receive size, `recvfrom(1024)`.
const RECV_SIZE: usize = 1024;

/// The chat clients; each sends its name and must get its own greeting.
const CLIENTS: [(&str, &[u8]); 3] = [
    ("alice", b"hi alice"),
    ("bob", b"hi bob"),
    ("carol", b"hi carol"),
];

/// The time server's default format, as in the course.
const DEFAULT_FORMAT: &str = "%Y-%m-%d %X";

/// The largest format the time server accepts. It reads with a buffer one
/// byte larger ([`TIME_REQUEST_BUFFER`]), so a longer request is detected
/// (and refused), not cut.
const MAX_REQUEST: usize = 256;
pub(crate) const TIME_REQUEST_BUFFER: usize = MAX_REQUEST + 1;

/// SO_RCVBUF asked for on the burst receiver, and what the kernel makes of
/// it: it doubles the value to leave room for its own bookkeeping
/// (socket(7)), 2 × 4096.
const SMALL_RCVBUF: usize = 4096;
const SMALL_RCVBUF_DOUBLED: usize = 8192;

/// The burst: 100 datagrams of 100 bytes. Each datagram costs the receiver
/// far more than its payload (several hundred bytes of kernel bookkeeping,
/// its "truesize"), so only a handful fit in 8192 bytes.
const BURST: usize = 100;
const BURST_PAYLOAD: usize = 100;

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    // /proc/net/udp is where the kernel shows queue memory and drops. Some
    // containers hide it: then the checks that need it are skipped.
    let table = net::read_udp_table()
        .map(drop)
        .map_err(|error| Unavailable {
            what: "/proc/net/udp",
            why: error.to_string(),
        });
    let mut checks = boundaries(&table, &options.wire)?;
    checks.extend(chat()?);
    checks.extend(time_server()?);
    checks.extend(udp_shell()?);
    checks.extend(burst(&table, &options.wire)?);
    Ok(checks)
}

/// A bound UDP socket (127.0.0.1, kernel-chosen port, lab timeouts) as a
/// std `UdpSocket`, whose recv_from/send_to read like the course's Python.
fn udp() -> Result<(UdpSocket, SocketAddr), LabError> {
    let (socket, address) = net::udp_socket().step("binding a UDP socket")?;
    Ok((UdpSocket::from(socket), address))
}

/// Three sendto calls, and the reads start only once all three datagrams
/// are queued: still three reads, one datagram each, as each sendto was one
/// datagram on the wire.
fn boundaries(table: &Result<(), Unavailable>, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Three datagrams sent, three read.",
        "one sendto, one recvfrom: boundaries kept.",
    );
    let (receiver, receiver_addr) = udp()?;
    let (sender, sender_addr) = udp()?;
    for message in MESSAGES {
        // Wait until the kernel has queued each datagram (the queue's memory
        // in /proc/net/udp grows) before sending the next: all three are
        // then waiting together, in order. Without /proc/net/udp the reads
        // below still block until each datagram arrives.
        let before = match table {
            Ok(()) => Some(queue_memory(receiver_addr).step("reading /proc/net/udp")?),
            Err(_) => None,
        };
        sender
            .send_to(message, receiver_addr)
            .step("sending the three datagrams")?;
        if let Some(before) = before {
            net::wait_until("the datagram to be queued", || {
                Ok(queue_memory(receiver_addr)? > before)
            })
            .step("waiting for the datagram to be queued")?;
        }
    }
    let mut checks = vec![
        expect::exact(
            "fionread-first-only",
            "FIONREAD with all 3 queued (udp(7))",
            MESSAGES[0].len(),
            net::queued_bytes(&net_socket_ref(&receiver)).step("reading FIONREAD")?,
        ),
        // Each sendto left as one datagram of its own size: nothing was
        // merged or split on the way, so the reads had nothing to undo.
        expect::on_wire(
            "wire-boundaries",
            "  on the wire: UDP payload of each datagram",
            listed_sizes(MESSAGES.map(<[u8]>::len)),
            &wire.packets(),
            |packets| {
                listed_sizes(
                    packets
                        .udp(sender_addr, receiver_addr)
                        .iter()
                        .map(|datagram| datagram.payload.length),
                )
            },
        ),
    ];
    for (index, expected) in MESSAGES.into_iter().enumerate() {
        let mut buffer = [0u8; RECV_SIZE];
        let (length, _) = receiver
            .recv_from(&mut buffer)
            .step("receiving a datagram")?;
        checks.push(expect::exact(
            &format!("read-{}", index + 1),
            &format!("  recvfrom(1024) #{}", index + 1),
            bytes_literal(expected),
            bytes_literal(&buffer[..length]),
        ));
    }
    Ok(checks)
}

/// "5, 5, 7 bytes": datagram sizes as the table shows them.
fn listed_sizes(sizes: impl IntoIterator<Item = usize>) -> String {
    let sizes: Vec<String> = sizes.into_iter().map(|size| size.to_string()).collect();
    format!("{} bytes", sizes.join(", "))
}

/// A borrowed socket2 view of a std socket, for the shared helpers.
fn net_socket_ref(socket: &UdpSocket) -> socket2::SockRef<'_> {
    socket2::SockRef::from(socket)
}

/// Memory held by the datagrams queued on the socket bound to `address`
/// (/proc/net/udp rx_queue).
fn queue_memory(address: SocketAddr) -> io::Result<u64> {
    Ok(udp_row(address)?.rx_queue)
}

/// This socket's row of /proc/net/udp.
///
/// The kernel produces the file one page per read(2) and, between two
/// pages, resumes by counting rows from the start of its table; when other
/// programs open or close UDP sockets in between, a row can be skipped. A
/// socket the lab still holds always has a row, so a missing row means a
/// torn read, and the lab reads the file again.
fn udp_row(address: SocketAddr) -> io::Result<net::UdpTableEntry> {
    let SocketAddr::V4(address) = address else {
        return Err(io::Error::other("not an IPv4 address"));
    };
    let mut row = None;
    net::wait_until("this socket's row in /proc/net/udp", || {
        row = net::udp_entry(address)?;
        Ok(row.is_some())
    })?;
    row.ok_or_else(|| io::Error::other(format!("no row for {address} in /proc/net/udp")))
}

/// The course's "QQ chat": three clients, one server socket. The server
/// answers each datagram at the address it came from.
fn chat() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Three clients talk to one UDP server (the course's QQ chat).",
        "each reply goes to its own sender's address.",
    );
    let (server, server_addr) = udp()?;
    let mut clients = Vec::new();
    for (name, _) in CLIENTS {
        let (client, _) = udp()?;
        client
            .send_to(name.as_bytes(), server_addr)
            .step("sending a client's name")?;
        clients.push(client);
    }

    // The server: one recvfrom per datagram, the reply goes to its sender.
    let mut senders = Vec::new();
    for _ in CLIENTS {
        let mut buffer = [0u8; RECV_SIZE];
        let (length, sender) = server
            .recv_from(&mut buffer)
            .step("receiving on the chat server")?;
        let mut reply = b"hi ".to_vec();
        reply.extend_from_slice(&buffer[..length]);
        server
            .send_to(&reply, sender)
            .step("replying to a client")?;
        if !senders.contains(&sender) {
            senders.push(sender);
        }
    }

    let mut checks = vec![expect::exact(
        "chat-senders",
        "chat server: distinct sender addresses",
        CLIENTS.len(),
        senders.len(),
    )];
    let mut from_server = 0;
    for ((name, expected), client) in CLIENTS.into_iter().zip(&clients) {
        let mut buffer = [0u8; RECV_SIZE];
        let (length, from) = client
            .recv_from(&mut buffer)
            .step("receiving a client's reply")?;
        if from == server_addr {
            from_server += 1;
        }
        checks.push(expect::exact(
            &format!("chat-reply-{name}"),
            &format!("  {name} receives"),
            bytes_literal(expected),
            bytes_literal(&buffer[..length]),
        ));
    }
    checks.push(expect::exact(
        "chat-replies-from-server",
        "  replies sent from the server's address",
        CLIENTS.len(),
        from_server,
    ));
    Ok(checks)
}

/// The course's UDP time server, sent good formats and bad ones. The last
/// request shows the server is still answering after the bad ones.
fn time_server() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's UDP time server, asked with good and bad formats.",
        "error replies for bad input, and the server still answering.",
    );
    let (server, server_addr) = udp()?;
    let (client, _) = udp()?;
    let oversized = vec![b'%'; MAX_REQUEST + 1];
    let requests: [(&str, &str, &[u8], &[u8]); 8] = [
        (
            "time-default",
            "time server: b\"\" (default format)",
            b"",
            b"2024-01-02 03:04:05",
        ),
        ("time-format", "  b\"%H:%M\"", b"%H:%M", b"03:04"),
        (
            "time-names",
            "  b\"%A %d %B %Y\"",
            b"%A %d %B %Y",
            b"Tuesday 02 January 2024",
        ),
        (
            "time-c",
            "  b\"%c\" (the C locale's)",
            b"%c",
            b"Tue Jan  2 03:04:05 2024",
        ),
        (
            "time-unknown",
            "  b\"%Q\" (no such directive)",
            b"%Q",
            b"error: unknown %Q",
        ),
        (
            "time-not-utf8",
            "  b\"\\xff%Y\" (not UTF-8)",
            b"\xff%Y",
            b"error: not UTF-8",
        ),
        (
            "time-oversized",
            "  a 257-byte format",
            &oversized,
            b"error: over 256 bytes",
        ),
        ("time-still-up", "  b\"%Y\", after all that", b"%Y", b"2024"),
    ];
    let mut checks = Vec::new();
    for (id, name, request, expected) in requests {
        client
            .send_to(request, server_addr)
            .step("sending a time request")?;
        serve_one_time_request(&server).step("serving a time request")?;
        let mut buffer = [0u8; RECV_SIZE];
        let (length, _) = client
            .recv_from(&mut buffer)
            .step("receiving the time reply")?;
        checks.push(expect::exact(
            id,
            name,
            bytes_literal(expected),
            bytes_literal(&buffer[..length]),
        ));
    }
    Ok(checks)
}

/// The time server's loop body: one request in, one reply out, whatever
/// the request holds.
fn serve_one_time_request(server: &UdpSocket) -> io::Result<()> {
    let mut buffer = [0u8; TIME_REQUEST_BUFFER];
    let (length, sender) = server.recv_from(&mut buffer)?;
    server.send_to(
        &time_server_reply(&buffer[..length], &fixed_moment()?),
        sender,
    )?;
    Ok(())
}

/// 2024-01-02 03:04:05 UTC, a Tuesday: the lab's fixed moment.
fn fixed_moment() -> io::Result<ZonedDateTime> {
    jiff::civil::date(2024, 1, 2)
        .at(3, 4, 5, 0)
        .to_zoned_datetime(TimeZone::UTC)
        .map_err(io::Error::other)
}

/// The time server's reply to what one recvfrom([`TIME_REQUEST_BUFFER`])
/// returned: `now` formatted, or `error: ...`. `socklab serve 11` calls
/// it with the current time.
pub(crate) fn time_server_reply(received: &[u8], now: &ZonedDateTime) -> Vec<u8> {
    if received.len() > MAX_REQUEST {
        return format!("error: over {MAX_REQUEST} bytes").into_bytes();
    }
    let Ok(format) = std::str::from_utf8(received) else {
        return b"error: not UTF-8".to_vec();
    };
    let format = if format.is_empty() {
        DEFAULT_FORMAT
    } else {
        format
    };
    match strftime(format, now) {
        Ok(text) => text.into_bytes(),
        Err(error) => format!("error: {error}").into_bytes(),
    }
}

/// The conversions glibc's strftime(3) knows, and so Python's
/// `time.strftime` on Linux.
const DIRECTIVES: &str = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%";

/// The flags glibc takes between the `%` and the conversion.
const FLAGS: &str = "_-0^#";

/// `time.strftime(format)` for the moment `now`, in the C locale. The
/// format is checked against glibc's directives first (jiff knows a few
/// more, such as `%Q`, that glibc does not), and the `E` and `O`
/// modifiers, which pick a locale's other era and digits and change
/// nothing in the C locale, are dropped before jiff formats it.
fn strftime(format: &str, now: &ZonedDateTime) -> Result<String, FormatError> {
    let mut checked = String::with_capacity(format.len());
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        checked.push(c);
        if c != '%' {
            continue;
        }
        let mut directive = String::from("%");
        while let Some(&next) = chars.peek() {
            let modifier = next == 'E' || next == 'O';
            if !(modifier || FLAGS.contains(next) || next.is_ascii_digit()) {
                break;
            }
            directive.push(next);
            if !modifier {
                checked.push(next);
            }
            chars.next();
        }
        match chars.next() {
            Some(conversion) if DIRECTIVES.contains(conversion) => checked.push(conversion),
            Some(other) => return Err(FormatError::Unknown(format!("{directive}{other}"))),
            None => return Err(FormatError::Lone(directive)),
        }
    }
    let config = Config::new().custom(PosixCustom::new());
    BrokenDownTime::from(now)
        .to_string_with_config(&config, &checked)
        .map_err(|error| FormatError::Jiff(error.to_string()))
}

/// Why a time request's format cannot be formatted; the reply says it
/// after `error: `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum FormatError {
    /// A directive glibc does not know, e.g. `%Q`.
    #[error("unknown {0}")]
    Unknown(String),
    /// A `%` (and its flags) with nothing after it.
    #[error("lone {0} at the end")]
    Lone(String),
    /// What jiff could not format, in its words.
    #[error("{0}")]
    Jiff(String),
}

/// The course's remote shell over UDP, with a pretend shell (lab 2's
/// idea: nothing runs): each command's stdout and stderr.
const SHELL: [(&str, &[u8], &[u8]); 4] = [
    ("echo one", b"one\n", b""),
    ("echo two", b"two\n", b""),
    ("echo three", b"three\n", b""),
    ("echo four", b"four\n", b""),
];

/// The course's UDP remote shell: its server answers each command with
/// TWO datagrams, stderr and then stdout, and its client reads ONE per
/// command. Every reply after the first is then the previous command's
/// leftover datagram. The fix: one datagram per reply.
fn udp_shell() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's UDP remote shell: two datagrams per reply (stderr, stdout), one recvfrom per command.",
        "the replies shifted by one datagram: b\"\", b\"one\\n\", b\"\", b\"two\\n\".",
    );
    let mut shown = Vec::new();
    for two_datagrams in [true, false] {
        let (server, server_addr) = udp()?;
        let (client, _) = udp()?;
        let mut replies = Vec::new();
        for (command, stdout, stderr) in SHELL {
            client
                .send_to(command.as_bytes(), server_addr)
                .step("sending a command")?;
            let mut buffer = [0u8; RECV_SIZE];
            let (_, sender) = server.recv_from(&mut buffer).step("receiving a command")?;
            if two_datagrams {
                // A zero-length datagram is still a datagram (lab 3).
                server.send_to(stderr, sender).step("sending stderr")?;
                server.send_to(stdout, sender).step("sending stdout")?;
            } else {
                server
                    .send_to(&[stdout, stderr].concat(), sender)
                    .step("sending the reply")?;
            }
            let (length, _) = client.recv_from(&mut buffer).step("receiving a reply")?;
            replies.push(bytes_literal(&buffer[..length]));
        }
        shown.push(replies.join(", "));
    }
    Ok(vec![
        expect::exact(
            "udp-shell-two-datagrams",
            "UDP shell, stderr + stdout as 2 datagrams: replies",
            r#"b"", b"one\n", b"", b"two\n""#.to_string(),
            shown[0].clone(),
        ),
        expect::exact(
            "udp-shell-one-datagram",
            "  one datagram per reply",
            r#"b"one\n", b"two\n", b"three\n", b"four\n""#.to_string(),
            shown[1].clone(),
        ),
    ])
}

/// 100 datagrams sent as fast as possible at a receiver with a small
/// buffer that does not read. Every datagram is either queued or counted
/// as a drop by the kernel: received + drops = sent. The capture shows all
/// 100 on the wire, so the missing ones were dropped at the receiver, and
/// exactly as many as its counter says.
fn burst(table: &Result<(), Unavailable>, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A burst of datagrams into a small receive buffer.",
        "datagrams lost, and the kernel's own drop counter accounting for every one.",
    );
    let (receiver, receiver_addr) = udp()?;
    let (sender, sender_addr) = udp()?;
    let receiver_ref = net_socket_ref(&receiver);
    receiver_ref
        .set_recv_buffer_size(SMALL_RCVBUF)
        .step("setting SO_RCVBUF")?;
    let rcvbuf = receiver_ref
        .recv_buffer_size()
        .step("reading SO_RCVBUF back")?;
    let drops_before = match table {
        Ok(()) => udp_row(receiver_addr).step("reading /proc/net/udp")?.drops,
        Err(_) => 0,
    };

    let payload = [b'x'; BURST_PAYLOAD];
    let mut sent: u64 = 0;
    for _ in 0..BURST {
        sender
            .send_to(&payload, receiver_addr)
            .step("sending the burst")?;
        sent += 1;
    }

    // Now read what the kernel kept, without blocking: EAGAIN means the
    // queue is empty.
    receiver
        .set_nonblocking(true)
        .step("making the receiver non-blocking")?;
    let mut received: u64 = 0;
    let mut buffer = [0u8; RECV_SIZE];
    loop {
        match receiver.recv_from(&mut buffer) {
            Ok(_) => received += 1,
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => break,
            Err(error) => return Err(error).step("draining the receiver"),
        }
    }

    let drops = match table {
        Ok(()) => Ok(udp_row(receiver_addr).step("reading /proc/net/udp")?.drops - drops_before),
        Err(reason) => Err(reason),
    };
    // Every datagram a socket sends is in the capture once sendto returns.
    let on_wire = wire.packets();
    let burst_on_wire = |packets: &Packets| packets.udp(sender_addr, receiver_addr).len() as u64;

    let accounted = "  received + kernel drops (/proc/net/udp)";
    let dropped_at_receiver = "  on the wire − received = kernel drops";
    let (accounted, dropped_at_receiver) = match drops {
        Ok(drops) => (
            expect::exact("burst-accounted", accounted, BURST as u64, received + drops),
            // The counts themselves vary with the kernel (a datagram's
            // truesize), so the row shows their agreement.
            expect::on_wire(
                "wire-burst-dropped-at-receiver",
                dropped_at_receiver,
                "equal".to_string(),
                &on_wire,
                |packets| {
                    let crossed = burst_on_wire(packets);
                    if crossed.checked_sub(received) == Some(drops) {
                        "equal".to_string()
                    } else {
                        format!("{crossed} − {received} vs {drops} drops")
                    }
                },
            ),
        ),
        Err(reason) => (
            expect::skipped("burst-accounted", accounted, BURST, &reason.to_string()),
            expect::skipped(
                "wire-burst-dropped-at-receiver",
                dropped_at_receiver,
                "equal",
                &reason.to_string(),
            ),
        ),
    };
    Ok(vec![
        expect::exact(
            "rcvbuf-doubled",
            "SO_RCVBUF after asking for 4096 (socket(7))",
            SMALL_RCVBUF_DOUBLED,
            rcvbuf,
        ),
        expect::exact("burst-sent", "burst: datagrams sent", BURST as u64, sent),
        expect::on_wire(
            "wire-burst-datagrams",
            "  on the wire: datagrams of the burst",
            BURST as u64,
            &on_wire,
            burst_on_wire,
        ),
        expect::exact(
            "burst-lost",
            "  some never received",
            "yes",
            if received < sent { "yes" } else { "no" },
        ),
        accounted,
        dropped_at_receiver,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time_reply_fixed(request: &[u8]) -> Vec<u8> {
        time_server_reply(request, &fixed_moment().unwrap())
    }

    #[test]
    fn formats_the_fixed_moment_as_python_does_in_the_c_locale() {
        // time.strftime(fmt, (2024, 1, 2, 3, 4, 5, 1, 2, 0)) in Python on
        // Linux, TZ=UTC.
        for (format, python) in [
            ("", "2024-01-02 03:04:05"),
            ("%d/%m/%Y %H.%M.%S %%", "02/01/2024 03.04.05 %"),
            ("%A %d %B %Y", "Tuesday 02 January 2024"),
            ("%a %b %h %c", "Tue Jan Jan Tue Jan  2 03:04:05 2024"),
            (
                "%x %X %D %F %R %T",
                "01/02/24 03:04:05 01/02/24 2024-01-02 03:04 03:04:05",
            ),
            ("%p %P %I %l %k %r", "AM am 03  3  3 03:04:05 AM"),
            ("%j %U %W %V %G %g %u %w", "002 00 01 01 2024 24 2 2"),
            ("%C %y %e %s %z %Z", "20 24  2 1704164645 +0000 UTC"),
            (
                "%n%t", "
	",
            ),
            (
                "%-d %_d %5Y %^a %^b %Ey %Od %#Z",
                "2  2 02024 TUE JAN 24 02 utc",
            ),
            ("时间 %X", "时间 03:04:05"),
        ] {
            assert_eq!(
                String::from_utf8(time_reply_fixed(format.as_bytes())).unwrap(),
                python,
                "{format:?}"
            );
        }
    }

    #[test]
    fn bad_formats_get_error_replies() {
        assert_eq!(time_reply_fixed(b"%Q"), b"error: unknown %Q");
        assert_eq!(time_reply_fixed(b"%-q"), b"error: unknown %-q");
        assert_eq!(time_reply_fixed(b"100%"), b"error: lone % at the end");
        assert_eq!(time_reply_fixed(b"%5"), b"error: lone %5 at the end");
        assert_eq!(time_reply_fixed(b"\xff"), b"error: not UTF-8");
        assert_eq!(
            time_reply_fixed("%é".as_bytes()),
            "error: unknown %é".as_bytes()
        );
    }
}
