//! Lab 11: UDP datagrams.
//!
//! UDP sends messages, not a stream: one sendto is one datagram, and one
//! recvfrom returns exactly one datagram, however many are waiting (udp(7)).
//! There is no connection either: one socket can talk to any number of
//! peers, and every datagram arrives with its sender's address, which is
//! where a server sends its reply. That is all the course's "QQ chat" and
//! its UDP time server need.
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
//! runs the same server with the current time). It understands a
//! documented subset of strftime(3) (%Y %m %d %H %M %S %X %%), written out
//! here rather than calling the C library: the C strftime prints unknown
//! directives as they are, depends on the locale, and needs unsafe code. Any
//! input gets a reply: an unknown directive, invalid UTF-8 or an oversized
//! request gets an error reply, never a crash.

use std::fmt::Write as _;
use std::io;
use std::net::{SocketAddr, UdpSocket};

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, bytes_literal};
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
        .map_err(|error| format!("/proc/net/udp unreadable: {error}"));
    let mut checks = boundaries(&table, &options.wire)?;
    checks.extend(chat()?);
    checks.extend(time_server()?);
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
fn boundaries(table: &Result<(), String>, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
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
    let requests: [(&str, &str, &[u8], &[u8]); 6] = [
        (
            "time-default",
            "time server: b\"\" (default format)",
            b"",
            b"2024-01-02 03:04:05",
        ),
        ("time-format", "  b\"%H:%M\"", b"%H:%M", b"03:04"),
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
    server.send_to(&time_server_reply(&buffer[..length], &FIXED_MOMENT), sender)?;
    Ok(())
}

/// The time server's reply to what one recvfrom([`TIME_REQUEST_BUFFER`])
/// returned: `moment` formatted, or `error: ...`. `socklab serve 11` calls
/// it with the current time.
pub(crate) fn time_server_reply(received: &[u8], moment: &Moment) -> Vec<u8> {
    if received.len() > MAX_REQUEST {
        format!("error: over {MAX_REQUEST} bytes").into_bytes()
    } else {
        time_reply(received, moment)
    }
}

/// A moment in UTC, to the second.
pub(crate) struct Moment {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Moment {
    /// The UTC date and time `seconds` after 1970-01-01 00:00:00 UTC (Unix
    /// time, which has no leap seconds): days to a civil date with Howard
    /// Hinnant's `civil_from_days` (the proleptic Gregorian calendar, in
    /// 400-year eras of 146097 days that start on March 1st).
    pub(crate) fn from_unix_seconds(seconds: u64) -> Moment {
        let days = seconds / 86_400;
        let second_of_day = seconds % 86_400;
        // Shift the epoch to 0000-03-01, so a leap day ends its year.
        let z = days + 719_468;
        let era = z / 146_097;
        let day_of_era = z % 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + u64::from(month <= 2);
        // Every value fits a u32: the year for 4 billion years yet.
        let narrow = |value: u64| u32::try_from(value).unwrap_or(u32::MAX);
        Moment {
            year: narrow(year),
            month: narrow(month),
            day: narrow(day),
            hour: narrow(second_of_day / 3600),
            minute: narrow(second_of_day / 60 % 60),
            second: narrow(second_of_day % 60),
        }
    }
}

/// 2024-01-02 03:04:05 UTC.
const FIXED_MOMENT: Moment = Moment {
    year: 2024,
    month: 1,
    day: 2,
    hour: 3,
    minute: 4,
    second: 5,
};

/// The reply to a request: the formatted time, or `error: ...`.
fn time_reply(request: &[u8], moment: &Moment) -> Vec<u8> {
    let Ok(format) = std::str::from_utf8(request) else {
        return b"error: not UTF-8".to_vec();
    };
    let format = if format.is_empty() {
        DEFAULT_FORMAT
    } else {
        format
    };
    match format_moment(format, moment) {
        Ok(text) => text.into_bytes(),
        Err(error) => format!("error: {error}").into_bytes(),
    }
}

/// strftime(3) for the directives %Y %m %d %H %M %S %X (= %H:%M:%S, as in
/// the C locale) and %%. Anything else after a % is an error.
fn format_moment(format: &str, t: &Moment) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Writing to a String cannot fail.
        let _ = match chars.next() {
            Some('Y') => write!(out, "{:04}", t.year),
            Some('m') => write!(out, "{:02}", t.month),
            Some('d') => write!(out, "{:02}", t.day),
            Some('H') => write!(out, "{:02}", t.hour),
            Some('M') => write!(out, "{:02}", t.minute),
            Some('S') => write!(out, "{:02}", t.second),
            Some('X') => write!(out, "{:02}:{:02}:{:02}", t.hour, t.minute, t.second),
            Some('%') => write!(out, "%"),
            Some(other) => return Err(format!("unknown %{other}")),
            None => return Err("lone % at the end".to_string()),
        };
    }
    Ok(out)
}

/// 100 datagrams sent as fast as possible at a receiver with a small
/// buffer that does not read. Every datagram is either queued or counted
/// as a drop by the kernel: received + drops = sent. The capture shows all
/// 100 on the wire, so the missing ones were dropped at the receiver, and
/// exactly as many as its counter says.
fn burst(table: &Result<(), String>, wire: &Wire) -> Result<Vec<CheckResult>, LabError> {
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
            expect::skipped("burst-accounted", accounted, BURST, reason),
            expect::skipped(
                "wire-burst-dropped-at-receiver",
                dropped_at_receiver,
                "equal",
                reason,
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
        time_reply(request, &FIXED_MOMENT)
    }

    #[test]
    fn unix_seconds_become_utc_dates() {
        let format = |seconds| format_moment("%Y-%m-%d %X", &Moment::from_unix_seconds(seconds));
        assert_eq!(format(0).unwrap(), "1970-01-01 00:00:00");
        assert_eq!(format(1_704_164_645).unwrap(), "2024-01-02 03:04:05");
        assert_eq!(format(951_868_799).unwrap(), "2000-02-29 23:59:59");
        assert_eq!(format(951_868_800).unwrap(), "2000-03-01 00:00:00");
    }

    #[test]
    fn formats_the_fixed_moment() {
        assert_eq!(time_reply_fixed(b""), b"2024-01-02 03:04:05");
        assert_eq!(
            time_reply_fixed(b"%d/%m/%Y %H.%M.%S %%"),
            b"02/01/2024 03.04.05 %"
        );
        assert_eq!(
            time_reply_fixed("时间 %X".as_bytes()),
            "时间 03:04:05".as_bytes()
        );
    }

    #[test]
    fn bad_formats_get_error_replies() {
        assert_eq!(time_reply_fixed(b"%Q"), b"error: unknown %Q");
        assert_eq!(time_reply_fixed(b"100%"), b"error: lone % at the end");
        assert_eq!(time_reply_fixed(b"\xff"), b"error: not UTF-8");
        assert_eq!(
            time_reply_fixed("%é".as_bytes()),
            "error: unknown %é".as_bytes()
        );
    }
}
