//! Lab 21: UDP is not reliable: a lost datagram is gone for good.
//!
//! UDP (udp(7)) hands each datagram to IP and forgets it: no sequence
//! number, no acknowledgment, no retransmission. What the network loses,
//! swaps or copies, the receiving application gets lost, swapped or
//! copied, and nothing tells either end: `send` returned the datagram's
//! length, `recv` returns whatever arrives, and `SO_ERROR` (socket(7))
//! stays 0. On loopback none of that happens, so this lab runs on socklab's
//! impaired link ([`crate::sandbox::ImpairedLink`]), whose relay misbehaves
//! on one chosen datagram at a time.
//!
//! The sender lives in the server's namespace and the receiver in the
//! main one, where the capture is: the capture then shows what *arrived*,
//! after the relay, which is what the receiving application gets.
//!
//! 1. **Loss.** Five datagrams, `#1` to `#5`; the relay drops `#3`. All
//!    five sends succeed; the receiver reads `#1 #2 #4 #5`, and when `#5`
//!    is there (the link keeps order, so nothing older is still on its
//!    way) the receive queue is empty: `#3` is gone, and no one was told.
//! 2. **Reorder.** Three datagrams; the relay holds `#2` back until `#3`
//!    has passed. The receiver reads `#1 #3 #2`.
//! 3. **Duplicate.** Three datagrams; the relay sends `#2` twice. The
//!    receiver reads `#1 #2 #2 #3`.
//! 4. **Stop-and-wait.** Reliability is the application's job with UDP.
//!    The smallest fix: send, wait for an acknowledgment at most a timeout
//!    (poll(2)), send again if none came:
//!
//!    ```text
//!    loop { send(message); if poll(socket, 200 ms) { recv(ack); break } }
//!    ```
//!
//!    The relay drops the first transmission; the sender's timeout expires,
//!    it sends again, and the acknowledgment comes back. The message
//!    arrives once, and it cost a timeout (200 ms here) on top of the round
//!    trip. TCP does the same work, with smarter timers, for every byte.

use std::net::SocketAddr;
use std::os::fd::AsFd;
use std::thread;
use std::time::{Duration, Instant};

use socket2::Socket;

use super::lossy_link::{self, NoLink, Observed};
use crate::expect::{count, count_limit};
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, Unavailable};
use crate::report::CheckResult;
use crate::sandbox::{Fault, ImpairedLink, Impairments, Selector, Way};
use crate::wire::Packets;

pub const LAB: Lab = Lab {
    number: 21,
    slug: "udp-loss",
    title: "UDP loss: gone for good, swapped, doubled",
    shows: "UDP is not reliable: a dropped datagram never comes, a swapped pair arrives swapped, a copy twice; nobody is told",
    summary: "On socklab's impaired link the relay drops one datagram of five, swaps two, copies one:\n\
              the receiver gets exactly that, every send succeeds and SO_ERROR stays 0.\n\
              A stop-and-wait acknowledgment repairs one lost message, at the cost of a timeout.",
    typical_run: "about 0.3 s",
    sheet: include_str!("../../labs/21-udp-loss/README.md"),
    sheet_zh_cn: include_str!("../../labs/21-udp-loss/README.zh-CN.md"),
    experiment: run,
};

/// How long the stop-and-wait sender waits for an acknowledgment before
/// it sends again.
const ACK_TIMEOUT: Duration = Duration::from_millis(200);

/// The acknowledgment's bytes.
const ACK: &[u8] = b"ack";

/// The stop-and-wait message.
const MESSAGE: &[u8] = b"important";

/// Receive buffer for one datagram: far more than any the lab sends.
const RECV_BUFFER: usize = 2048;

/// What one part saw: the sender's address (its datagrams on the wire),
/// how many sends returned the full length, and what the receiver read.
struct Part {
    sender: SocketAddr,
    sends_complete: usize,
    received: Vec<String>,
}

/// What the stop-and-wait part saw.
struct StopAndWait {
    sender: SocketAddr,
    transmissions: usize,
    deliveries: usize,
    elapsed: Duration,
}

struct Seen {
    receiver: SocketAddr,
    loss: Part,
    reorder: Part,
    duplicate: Part,
    /// SO_ERROR of the loss part's sender and of the receiver afterwards.
    errors: String,
    /// Bytes left in the receiver's queue after the loss part.
    queued_after_loss: usize,
    stop_and_wait: StopAndWait,
    wire: Result<Packets, Unavailable>,
}

impl Observed for Seen {
    fn wire(&self) -> &Result<Packets, Unavailable> {
        &self.wire
    }
}

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let seen = match lossy_link::make(options, Impairments::none()) {
        Err(reason) => Err(reason),
        Ok((link, capture)) => Ok(across(&link, options, capture)?),
    };
    Ok(checks(&seen))
}

fn across(
    link: &ImpairedLink,
    options: &RunOptions,
    capture: Result<(), Unavailable>,
) -> Result<Seen, LabError> {
    let addresses = link.addresses();
    let (receiver, receiver_address) =
        lossy_link::udp_socket_on(addresses.client).step("binding the receiver")?;
    let server_address = addresses.server;
    let sender = || {
        link.server()
            .run(|| lossy_link::udp_socket_on(server_address))
            .and_then(|bound| bound)
            .step("binding a sender in the server's namespace")
    };
    let drop_from_server = |fault: Fault| {
        link.set_impairments(Impairments::none().with(Way::ServerToClient, fault));
    };

    narration::step(
        "Five datagrams #1 to #5; the relay drops #3.",
        "every send succeeded, the receiver read #1 #2 #4 #5, and nothing else is queued.",
    );
    drop_from_server(Fault::Drop(Selector::Datagram(3)));
    let (loss_sender, loss_address) = sender()?;
    let loss = send_and_read(
        &loss_sender,
        loss_address,
        &receiver,
        receiver_address,
        5,
        "#5",
    )?;
    let queued_after_loss = net::queued_bytes(&receiver).step("FIONREAD on the receiver")?;
    let errors = format!(
        "{}, {}",
        socket_error(&loss_sender)?,
        socket_error(&receiver)?
    );

    narration::step(
        "Three datagrams; the relay holds #2 back until #3 has passed.",
        "the receiver reads #1 #3 #2.",
    );
    drop_from_server(Fault::Reorder(Selector::Datagram(2)));
    let (reorder_sender, reorder_address) = sender()?;
    let reorder = send_and_read(
        &reorder_sender,
        reorder_address,
        &receiver,
        receiver_address,
        3,
        "#2",
    )?;

    narration::step(
        "Three datagrams; the relay sends #2 twice.",
        "the receiver reads #1 #2 #2 #3.",
    );
    drop_from_server(Fault::Duplicate(Selector::Datagram(2)));
    let (duplicate_sender, duplicate_address) = sender()?;
    let duplicate = send_and_read(
        &duplicate_sender,
        duplicate_address,
        &receiver,
        receiver_address,
        3,
        "#3",
    )?;

    narration::step(
        "Stop-and-wait: send, wait 200 ms for an ack, send again; the relay drops the first transmission.",
        "two transmissions, one delivery, and at least 200 ms spent.",
    );
    drop_from_server(Fault::Drop(Selector::Datagram(1)));
    let (waiting_sender, waiting_address) = sender()?;
    let stop_and_wait =
        stop_and_wait(&waiting_sender, waiting_address, receiver, receiver_address)?;

    Ok(Seen {
        receiver: receiver_address,
        loss,
        reorder,
        duplicate,
        errors,
        queued_after_loss,
        stop_and_wait,
        wire: capture.and_then(|()| options.wire.packets()),
    })
}

/// SO_ERROR (socket(7)): the pending error a socket would report; "0"
/// when there is none.
fn socket_error(socket: &Socket) -> Result<String, LabError> {
    let error = socket.take_error().step("reading SO_ERROR")?;
    Ok(error.map_or("0".to_owned(), |error| net::error_name(&error)))
}

/// Sends `#1` ... `#count` from `sender` to `receiver_address`, then reads
/// datagrams until `last` arrives (the link keeps order otherwise, so by
/// then everything it will deliver has come).
fn send_and_read(
    sender: &Socket,
    sender_address: SocketAddr,
    receiver: &Socket,
    receiver_address: SocketAddr,
    count: usize,
    last: &str,
) -> Result<Part, LabError> {
    let destination = receiver_address.into();
    let mut sends_complete = 0;
    for number in 1..=count {
        let datagram = format!("#{number}");
        let sent = sender
            .send_to(datagram.as_bytes(), &destination)
            .step("sending a datagram")?;
        if sent == datagram.len() {
            sends_complete += 1;
        }
    }
    let mut received = Vec::new();
    while received.last().map(String::as_str) != Some(last) {
        let bytes = net::recv_once(receiver, RECV_BUFFER).step("receiving a datagram")?;
        received.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(Part {
        sender: sender_address,
        sends_complete,
        received,
    })
}

/// The stop-and-wait sender (in the server's namespace) and a receiver
/// thread that acknowledges every message it gets until the sender is done.
fn stop_and_wait(
    sender: &Socket,
    sender_address: SocketAddr,
    receiver: Socket,
    receiver_address: SocketAddr,
) -> Result<StopAndWait, LabError> {
    let acknowledger = thread::Builder::new()
        .name("socklab-acknowledger".to_owned())
        .spawn(move || -> std::io::Result<usize> {
            let bytes = net::recv_once(&receiver, RECV_BUFFER)?;
            let deliveries = usize::from(bytes == MESSAGE);
            receiver.send_to(ACK, &sender_address.into())?;
            Ok(deliveries)
        })
        .step("starting the acknowledger")?;
    let started = Instant::now();
    let mut transmissions = 0;
    loop {
        sender
            .send_to(MESSAGE, &receiver_address.into())
            .step("sending the message")?;
        transmissions += 1;
        let answered = net::poll_ready(&[sender.as_fd()], libc::POLLIN, ACK_TIMEOUT)
            .step("waiting for the ack")?[0];
        if answered {
            let ack = net::recv_once(sender, RECV_BUFFER).step("receiving the ack")?;
            if ack == ACK {
                break;
            }
        }
        if started.elapsed() > net::IO_TIMEOUT {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "no acknowledgment came",
            ))
            .step("stop-and-wait");
        }
    }
    let elapsed = started.elapsed();
    let deliveries = acknowledger
        .join()
        .map_err(|_| std::io::Error::other("the acknowledger panicked"))
        .and_then(|delivered| delivered)
        .step("acknowledging")?;
    Ok(StopAndWait {
        sender: sender_address,
        transmissions,
        deliveries,
        elapsed,
    })
}

/// The payloads of the datagrams from `sender` that reached the receiver's
/// end of the link, in arrival order.
fn arrived(seen: &Seen, sender: SocketAddr, packets: &Packets) -> String {
    let payloads: Vec<String> = packets
        .udp(sender, seen.receiver)
        .iter()
        .map(|datagram| String::from_utf8_lossy(&datagram.payload.preview).into_owned())
        .collect();
    listed(&payloads)
}

/// The first two datagrams of the stop-and-wait exchange on the wire at
/// the receiver's end, either way: the message that got through, then the
/// ack. (A late ack can make the sender send a third copy after them: that
/// is stop-and-wait's spurious retransmission, which the lab allows.)
fn first_of_exchange(seen: &Seen, packets: &Packets) -> String {
    let sender = seen.stop_and_wait.sender;
    let first: Vec<String> = packets
        .packets
        .iter()
        .filter(|packet| {
            let ends = (packet.source(), packet.destination());
            ends == (Some(sender), Some(seen.receiver))
                || ends == (Some(seen.receiver), Some(sender))
        })
        .filter_map(|packet| packet.udp())
        .take(2)
        .map(|datagram| String::from_utf8_lossy(&datagram.payload.preview).into_owned())
        .collect();
    first.join(", ")
}

fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(" ")
    }
}

fn checks(seen: &Result<Seen, NoLink>) -> Vec<CheckResult> {
    use lossy_link::{at_least, exact, on_wire};
    vec![
        exact(
            seen,
            "loss-sends",
            "5 datagrams, #3 dropped: sends that returned the full length",
            5,
            |seen| seen.loss.sends_complete,
        ),
        exact(
            seen,
            "loss-received",
            "  the receiver read",
            "#1 #2 #4 #5".to_owned(),
            |seen| listed(&seen.loss.received),
        ),
        on_wire(
            seen,
            "wire-loss",
            "  on the wire at the receiver",
            "#1 #2 #4 #5".to_owned(),
            |seen, packets| arrived(seen, seen.loss.sender, packets),
        ),
        exact(
            seen,
            "loss-queued",
            "  bytes still queued once #5 was read (FIONREAD)",
            0,
            |seen| seen.queued_after_loss,
        ),
        exact(
            seen,
            "loss-so-error",
            "  SO_ERROR of the sender, of the receiver",
            "0, 0".to_owned(),
            |seen| seen.errors.clone(),
        ),
        exact(
            seen,
            "reorder-received",
            "#2 held back until #3 passed: the receiver read",
            "#1 #3 #2".to_owned(),
            |seen| listed(&seen.reorder.received),
        ),
        on_wire(
            seen,
            "wire-reorder",
            "  on the wire at the receiver",
            "#1 #3 #2".to_owned(),
            |seen, packets| arrived(seen, seen.reorder.sender, packets),
        ),
        exact(
            seen,
            "reorder-sends",
            "  sends that returned the full length",
            3,
            |seen| seen.reorder.sends_complete,
        ),
        exact(
            seen,
            "duplicate-received",
            "#2 sent twice by the relay: the receiver read",
            "#1 #2 #2 #3".to_owned(),
            |seen| listed(&seen.duplicate.received),
        ),
        on_wire(
            seen,
            "wire-duplicate",
            "  on the wire at the receiver",
            "#1 #2 #2 #3".to_owned(),
            |seen, packets| arrived(seen, seen.duplicate.sender, packets),
        ),
        exact(
            seen,
            "duplicate-sends",
            "  sends that returned the full length",
            3,
            |seen| seen.duplicate.sends_complete,
        ),
        at_least(
            seen,
            "stop-and-wait-transmissions",
            "stop-and-wait, 1st transmission dropped: times the message was sent",
            count_limit(2, "times"),
            |seen| count(seen.stop_and_wait.transmissions as u64, "times"),
        ),
        exact(
            seen,
            "stop-and-wait-deliveries",
            "  times the receiver got it",
            1,
            |seen| seen.stop_and_wait.deliveries,
        ),
        on_wire(
            seen,
            "wire-stop-and-wait",
            "  on the wire at the receiver: the first datagrams of the exchange",
            "important, ack".to_owned(),
            first_of_exchange,
        ),
        at_least(
            seen,
            "stop-and-wait-time",
            "  time until the ack (the 200 ms timeout, then a round trip)",
            ACK_TIMEOUT,
            |seen| seen.stop_and_wait.elapsed.into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    #[test]
    fn without_a_link_every_check_is_skipped_with_the_reason() {
        let refused = std::io::Error::other("creating veth pair: Operation not permitted");
        let checks = checks(&Err(NoLink::NotMade(refused)));
        assert!(!checks.is_empty());
        for check in &checks {
            assert_eq!(check.verdict, Verdict::Skipped, "{}", check.id);
            assert_eq!(
                check.reason.as_deref(),
                Some("no impaired link here: creating veth pair: Operation not permitted")
            );
        }
    }

    #[test]
    fn datagrams_are_listed_in_order() {
        assert_eq!(listed(&["#1".to_owned(), "#3".to_owned()]), "#1 #3");
        assert_eq!(listed(&[]), "none");
    }
}
