//! Lab 3: UDP truncation.
//!
//! UDP keeps message boundaries: one sendto is one datagram and one recv
//! returns at most one datagram. The price: a datagram larger than the
//! receive buffer is cut, and on Linux the rest is silently thrown away
//! (udp(7)). Only the MSG_TRUNC flag tells you it happened, and recv with
//! MSG_TRUNC in its flags returns the datagram's real length. The next recv
//! starts at the next datagram, never at the lost tail.

use std::net::SocketAddr;

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::trace;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;
use crate::report::Side;
use crate::text;
use crate::wire::{Packets, Wire};

pub const LAB: Lab = Lab {
    number: 3,
    slug: "udp-truncation",
    title: "UDP truncation",
    shows: "a datagram bigger than the recv buffer is cut and the rest discarded",
    summary: "UDP keeps message boundaries, so a datagram larger than the receive buffer is cut:\n\
              the tail is discarded, not kept for the next recv. MSG_TRUNC is the only sign.\n\
              Also: empty datagrams, the 65507-byte limit, and UTF-8 cut mid-character.",
    typical_run: "< 0.1 s",
    sheet: include_str!("../../labs/03-udp-truncation/README.md"),
    sheet_zh_cn: include_str!("../../labs/03-udp-truncation/README.zh-CN.md"),
    experiment: run,
};

/// The largest UDP payload over IPv4: 65535 (IP total length) - 20 (IP
/// header) - 8 (UDP header).
const MAX_UDP_PAYLOAD: usize = 65_507;

/// The course's three datagrams, and the buffer sizes it receives them with.
pub(crate) const COURSE_DATAGRAMS: [&[u8]; 3] = [b"1234567890", b"12345", b"123"];
pub(crate) const COURSE_BUFFERS: [usize; 3] = [8, 3, 1];

/// "你好世界" is 4 characters of 3 bytes each in UTF-8.
const CHINESE_TEXT: &str = "你好世界";

fn run(options: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let (receiver, receiver_addr) = net::udp_socket().step("binding the UDP receiver")?;
    let (sender, sender_addr) = net::udp_socket().step("binding the UDP sender")?;
    sender
        .connect(&receiver_addr.into())
        .step("connecting the sender to the receiver")?;
    trace::set_role(&sender, Side::Client);
    trace::set_role(&receiver, Side::Server);

    let ends = Ends {
        wire: &options.wire,
        sender: sender_addr,
        receiver: receiver_addr,
    };
    let mut checks = course_experiment(&sender, &receiver, &ends)?;
    checks.extend(real_size_via_msg_trunc(&sender, &receiver)?);
    checks.extend(empty_datagram(&sender, &receiver, &ends)?);
    checks.extend(size_limit(&sender, &receiver, &ends)?);
    checks.extend(utf8_cut_mid_character(&sender, &receiver)?);
    Ok(checks)
}

/// The sender and the receiver's addresses, and the wire between them.
struct Ends<'a> {
    wire: &'a Wire,
    sender: SocketAddr,
    receiver: SocketAddr,
}

impl Ends<'_> {
    /// The UDP payload sizes of the datagrams sent so far, as captured.
    fn payload_sizes(&self, packets: &Packets) -> Vec<usize> {
        packets
            .udp(self.sender, self.receiver)
            .iter()
            .map(|datagram| datagram.payload.length)
            .collect()
    }
}

/// "10, 5, 3": sizes as a table shows them.
fn listed(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The course's experiment: three datagrams, three small buffers.
fn course_experiment(
    sender: &Socket,
    receiver: &Socket,
    ends: &Ends,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Three datagrams, b\"1234567890\", b\"12345\", b\"123\", read with buffers of 8, 3 and 1 bytes.",
        "the cut datagrams, the MSG_TRUNC flag, and that the next read starts at the next datagram.",
    );
    for datagram in COURSE_DATAGRAMS {
        net::send_once(sender, datagram).step("sending the course's datagrams")?;
    }
    let expected: [&[u8]; 3] = [b"12345678", b"123", b"1"];
    let mut checks = Vec::new();
    for ((buffer, expected), sent) in COURSE_BUFFERS
        .into_iter()
        .zip(expected)
        .zip(COURSE_DATAGRAMS)
    {
        let (_, bytes, flags) =
            net::recv_flagged(receiver, buffer, 0).step("receiving a course datagram")?;
        let id = format!("recv-{buffer}-of-{}", sent.len());
        checks.push(expect::exact(
            &id,
            &format!("recv({buffer}) of {}", bytes_literal(sent)),
            bytes_literal(expected),
            bytes_literal(&bytes),
        ));
        checks.push(expect::exact(
            &format!("{id}-flag"),
            &format!("  MSG_TRUNC flag on that recv({buffer})"),
            sent.len() > buffer,
            flags.is_truncated(),
        ));
    }
    // The cutting happened in the receiving socket: on the wire each
    // datagram travelled whole.
    checks.push(expect::on_wire(
        "wire-course-datagrams",
        "  on the wire: UDP payload of each datagram",
        "10, 5, 3 bytes".to_string(),
        &ends.wire.packets(),
        |packets| format!("{} bytes", listed(&ends.payload_sizes(packets))),
    ));
    // Had the tails been kept, they would be waiting now. Send a marker:
    // the very next read must be the marker itself.
    net::send_once(sender, b"next").step("sending the marker datagram")?;
    let after = net::recv_once(receiver, 64).step("receiving after the cut datagrams")?;
    checks.push(expect::exact(
        "tails-discarded",
        "next recv after the three cut datagrams",
        bytes_literal(b"next"),
        bytes_literal(&after),
    ));
    Ok(checks)
}

/// recv(4, MSG_TRUNC) copies 4 bytes but returns the real size (udp(7)).
fn real_size_via_msg_trunc(
    sender: &Socket,
    receiver: &Socket,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "recv(4) with the MSG_TRUNC flag on a 10-byte datagram.",
        "the return value is the real size, 10.",
    );
    net::send_once(sender, b"1234567890").step("sending a 10-byte datagram")?;
    let (returned, bytes, _) =
        net::recv_flagged(receiver, 4, libc::MSG_TRUNC).step("receiving with MSG_TRUNC")?;
    Ok(vec![
        expect::exact(
            "msg-trunc-real-size",
            "recv(4, MSG_TRUNC) return value (real size)",
            10,
            returned,
        ),
        expect::exact(
            "msg-trunc-copied",
            "  bytes actually copied into the 4-byte buffer",
            bytes_literal(b"1234"),
            bytes_literal(&bytes),
        ),
    ])
}

/// A zero-length datagram is a real datagram: recv returns 0 for it, which
/// on TCP would have meant "the peer closed".
fn empty_datagram(
    sender: &Socket,
    receiver: &Socket,
    ends: &Ends,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "sendto(b\"\"): an empty datagram.",
        "a 0-byte read that is a message, not end of file.",
    );
    let sent = net::send_once(sender, b"").step("sending an empty datagram")?;
    net::send_once(sender, b"after").step("sending the datagram after it")?;
    let first = net::recv_once(receiver, 64).step("receiving the empty datagram")?;
    let second = net::recv_once(receiver, 64).step("receiving the datagram after it")?;
    // The empty datagram is a UDP header alone: its length field counts
    // the 8 header bytes and nothing more (RFC 768).
    let empty_on_wire = expect::on_wire(
        "wire-empty-datagram",
        "  on the wire: its UDP length field",
        8,
        &ends.wire.packets(),
        |packets| {
            packets
                .udp(ends.sender, ends.receiver)
                .iter()
                .find(|datagram| datagram.payload.length == 0)
                .map_or(0, |datagram| datagram.length)
        },
    );
    Ok(vec![
        expect::exact("empty-sent", "sendto(b\"\") return value", 0, sent),
        empty_on_wire,
        expect::exact(
            "empty-received",
            "recv after sendto(b\"\")",
            "0 bytes (a datagram)".to_string(),
            format!("{} bytes (a datagram)", first.len()),
        ),
        expect::exact(
            "empty-then-next",
            "  the recv after that",
            bytes_literal(b"after"),
            bytes_literal(&second),
        ),
    ])
}

/// 65507 bytes fit in one IPv4 datagram; 65508 cannot be sent at all.
fn size_limit(
    sender: &Socket,
    receiver: &Socket,
    ends: &Ends,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A 65507-byte datagram, then one of 65508 bytes.",
        "EMSGSIZE for the second.",
    );
    let largest = vec![b'x'; MAX_UDP_PAYLOAD];
    let sent = net::send_once(sender, &largest);
    let received = match &sent {
        Ok(_) => net::recv_once(receiver, MAX_UDP_PAYLOAD + 1)
            .step("receiving the 65507-byte datagram")?
            .len(),
        Err(_) => 0,
    };
    let too_large = net::send_once(sender, &vec![b'x'; MAX_UDP_PAYLOAD + 1]);
    Ok(vec![
        expect::succeeds("max-payload-sent", "sendto of 65507 bytes", &sent),
        expect::exact(
            "max-payload-received",
            "  bytes received in one recv",
            MAX_UDP_PAYLOAD,
            received,
        ),
        expect::errno(
            "over-max-payload",
            "sendto of 65508 bytes",
            libc::EMSGSIZE,
            &too_large,
        ),
        // EMSGSIZE comes from sendto itself: the refused datagram never
        // reaches the wire, the largest one crosses as one packet.
        expect::on_wire(
            "wire-size-limit",
            "  on the wire: datagrams of 65507 and of 65508 bytes",
            "1 and 0".to_string(),
            &ends.wire.packets(),
            |packets| {
                let sizes = ends.payload_sizes(packets);
                let count = |size: usize| sizes.iter().filter(|&&s| s == size).count();
                format!(
                    "{} and {}",
                    count(MAX_UDP_PAYLOAD),
                    count(MAX_UDP_PAYLOAD + 1)
                )
            },
        ),
    ])
}

/// A datagram cut in the middle of a 3-byte character is no longer UTF-8.
fn utf8_cut_mid_character(
    sender: &Socket,
    receiver: &Socket,
) -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "\"你好世界\" (12 bytes) received with a 7-byte buffer.",
        "the decode error after byte 6.",
    );
    net::send_once(sender, CHINESE_TEXT.as_bytes()).step("sending the Chinese datagram")?;
    let (_, cut, _) = net::recv_flagged(receiver, 7, 0).step("receiving the Chinese datagram")?;
    Ok(vec![expect::exact(
        "utf8-cut",
        "decode recv(7) of \"你好世界\" (12 bytes) as UTF-8",
        "error: valid up to byte 6".to_string(),
        text::decode_alone(&cut),
    )])
}
