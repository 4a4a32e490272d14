//! The UDP exercises: lab 3 (a datagram is read whole or cut) and lab 11
//! (the course's time server and its client).
//!
//! A datagram keeps its boundaries: one sendto is one recvfrom, and a
//! recvfrom whose buffer is too small gets the start of the datagram and
//! loses the rest (udp(7)). socklab receives with MSG_TRUNC, so it always
//! learns a datagram's real size. And a datagram can be lost: a client
//! that waits for an answer for ever waits for ever, so it needs a timeout
//! and a second try.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use jiff::ZonedDateTime;
use socket2::Socket;

use super::session::Step;
use super::{Exercise, NotRun, Plays, STEP, Session, nothing_to_prepare};
use crate::expect::exact;
use crate::labs::udp_datagrams::time_server_reply;
use crate::labs::{udp_datagrams, udp_truncation};
use crate::net::{self, bytes_literal, trace};
use crate::report::CheckResult;

/// The largest UDP payload over IPv4 (65535 - 20 - 8): socklab's buffer,
/// so that it never cuts a datagram itself.
const WHOLE: usize = 65_507;

/// A datagram as the timeline shows it.
fn shown(bytes: &[u8]) -> String {
    format!("{} B {}", bytes.len(), bytes_literal(bytes))
}

/// ONE sendto (to `to`, or to the connected peer), recorded.
fn send(socket: &Socket, bytes: &[u8], to: Option<SocketAddr>) -> Result<(), NotRun> {
    let at = SystemTime::now();
    match to {
        Some(to) => socket.send_to(bytes, &to.into()),
        None => socket.send(bytes),
    }
    .step("sendto")?;
    trace::record(socket, "send", shown(bytes), at);
    Ok(())
}

/// ONE recvfrom with socklab's whole-datagram buffer, waiting up to
/// `wanted`: the datagram and its sender, or `None` for silence.
fn receive(
    session: &Session,
    socket: &Socket,
    wanted: Duration,
) -> Result<Option<(Vec<u8>, SocketAddr)>, NotRun> {
    if !session.wait_readable(socket, wanted) {
        return Ok(None);
    }
    match net::recv_from_truncating(socket, WHOLE) {
        Ok((_, bytes, sender)) => {
            trace::record(socket, "recv", shown(&bytes), SystemTime::now());
            Ok(sender.as_socket().map(|sender| (bytes, sender)))
        }
        // A connected UDP socket hears ICMP port unreachable as
        // ECONNREFUSED: the program's socket is gone.
        Err(error) if error.raw_os_error() == Some(libc::ECONNREFUSED) => Ok(None),
        Err(source) => Err(NotRun::Socket {
            step: "recvfrom",
            source,
        }),
    }
}

/// A datagram's answer, or the silence, for the table.
fn answer(received: &Option<(Vec<u8>, SocketAddr)>) -> String {
    match received {
        Some((bytes, _)) => format!("{} bytes", bytes.len()),
        None => format!("no answer in {} s", STEP.as_secs()),
    }
}

// --- 3.1 -------------------------------------------------------------------

/// The datagrams of exercise 3.1: one that any buffer holds, and two that
/// the course's recvfrom(1024) cuts.
const SIZES: [usize; 3] = [100, 2000, 9000];

pub const WHOLE_DATAGRAMS: Exercise = Exercise {
    id: "3.1",
    lab: &udp_truncation::LAB,
    folder: "03.1-whole-datagrams",
    title: "a UDP receiver that gets every datagram whole",
    plays: Plays::UdpClient,
    task: include_str!("../../exercises/03.1-whole-datagrams/task.md"),
    task_zh_cn: include_str!("../../exercises/03.1-whole-datagrams/task.zh-CN.md"),
    hint: include_str!("../../exercises/03.1-whole-datagrams/hint.md"),
    hint_zh_cn: include_str!("../../exercises/03.1-whole-datagrams/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_whole_datagrams,
};

fn grade_whole_datagrams(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.bound_udp()?;
    let mut checks = Vec::new();
    for (index, size) in SIZES.iter().enumerate() {
        let datagram: Vec<u8> = (0..*size).map(|at| b'a' + (at % 26) as u8).collect();
        send(&socket, &datagram, None)?;
        let echo = receive(session, &socket, STEP)?;
        let whole = matches!(&echo, Some((bytes, _)) if *bytes == datagram);
        checks.push(exact(
            &format!("datagram-{}", index + 1),
            &format!("a {size}-byte datagram, echoed"),
            format!("{size} bytes"),
            if whole || echo.is_none() {
                answer(&echo)
            } else {
                format!("{} (not the same bytes)", answer(&echo))
            },
        ));
    }
    Ok(checks)
}

// --- 11.1 ------------------------------------------------------------------

/// How long the time client of 11.1 should wait before asking again.
const RETRY_AFTER: Duration = Duration::from_millis(500);

pub const TIME_CLIENT: Exercise = Exercise {
    id: "11.1",
    lab: &udp_datagrams::LAB,
    folder: "11.1-time-client",
    title: "the UDP time client, which asks again when an answer is lost",
    plays: Plays::UdpServer,
    task: include_str!("../../exercises/11.1-time-client/task.md"),
    task_zh_cn: include_str!("../../exercises/11.1-time-client/task.zh-CN.md"),
    hint: include_str!("../../exercises/11.1-time-client/hint.md"),
    hint_zh_cn: include_str!("../../exercises/11.1-time-client/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_time_client,
};

const TIME_REQUEST: &[u8] = b"%Y-%m-%d %X";

fn grade_time_client(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.first_datagram()?;
    let mut requests = 0;
    let mut first = None;
    let mut reply = None;
    let mut reported = None;
    // The first request goes unanswered; the next is answered; then the
    // client reports what it got. A client that never asks again leaves
    // socklab waiting out one step.
    while let Some((bytes, sender)) = receive(session, &socket, STEP)? {
        if bytes.starts_with(b"got ") {
            reported = Some(bytes[4..].to_vec());
            break;
        }
        requests += 1;
        first.get_or_insert(bytes.clone());
        if requests >= 2 && reply.is_none() {
            let answer = time_server_reply(&bytes, &ZonedDateTime::now());
            send(&socket, &answer, Some(sender))?;
            reply = Some(answer);
        }
        if requests > 10 {
            break;
        }
    }
    let arrived = |bytes: &Option<Vec<u8>>| {
        bytes
            .as_deref()
            .map_or_else(|| "nothing".to_string(), bytes_literal)
    };
    Ok(vec![
        exact(
            "request",
            "your request",
            bytes_literal(TIME_REQUEST),
            arrived(&first),
        ),
        exact(
            "asked-again",
            &format!(
                "requests until one was answered (the first is dropped; ask again after {} s)",
                RETRY_AFTER.as_secs_f64()
            ),
            2,
            requests,
        ),
        exact(
            "reported",
            "the answer your client got, sent back",
            arrived(&reply),
            arrived(&reported),
        ),
    ])
}

// --- 11.2 ------------------------------------------------------------------

pub const TIME_SERVER: Exercise = Exercise {
    id: "11.2",
    lab: &udp_datagrams::LAB,
    folder: "11.2-time-server",
    title: "the UDP time server, empty datagram included",
    plays: Plays::UdpClient,
    task: include_str!("../../exercises/11.2-time-server/task.md"),
    task_zh_cn: include_str!("../../exercises/11.2-time-server/task.zh-CN.md"),
    hint: include_str!("../../exercises/11.2-time-server/hint.md"),
    hint_zh_cn: include_str!("../../exercises/11.2-time-server/hint.zh-CN.md"),
    prepare: nothing_to_prepare,
    grade: grade_time_server,
};

/// A time as its shape: every digit a `9` (`2026-12-01 23:05:00` →
/// `9999-99-99 99:99:99`), so an answer can be compared with socklab's
/// own formatting of the same moment without racing the clock.
fn shape(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "b\"\" (empty)".to_string();
    }
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

fn grade_time_server(session: &mut Session) -> Result<Vec<CheckResult>, NotRun> {
    let socket = session.bound_udp()?;
    let mut checks = Vec::new();
    for (id, name, request) in [
        ("year", "answer to b\"%Y\", its shape", &b"%Y"[..]),
        (
            "default-format",
            "answer to the empty datagram, its shape",
            &b""[..],
        ),
    ] {
        send(&socket, request, None)?;
        let answered = receive(session, &socket, STEP)?;
        let expected = shape(&time_server_reply(request, &ZonedDateTime::now()));
        checks.push(exact(
            id,
            name,
            expected,
            match answered {
                Some((bytes, _)) => shape(&bytes),
                None => format!("no answer in {} s", STEP.as_secs()),
            },
        ));
    }
    Ok(checks)
}
