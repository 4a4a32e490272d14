//! Lab 2: partial recv and leftovers.
//!
//! TCP is a byte stream (tcp(7)): the kernel keeps the bytes that arrived in
//! the socket's receive queue, and `recv(fd, buf, n, 0)` copies out whatever
//! is queued, up to `n` bytes (recv(2)). Bytes that did not fit are not lost
//! and not discarded, unlike UDP (lab 3): they stay queued, and the NEXT recv
//! returns them first, whatever that recv was meant for. Nothing in the
//! stream marks where one reply ends, so:
//!
//! - a reply longer than the client's buffer spills into the next reply;
//! - "a short read means the end" is a guess: a reply of exactly 1024 bytes
//!   makes the course's `len(data) < 1024` loop call recv once more and wait
//!   for bytes that never come;
//! - a recv boundary can fall inside a multi-byte UTF-8 character, so a
//!   receiver must decode the stream, not each chunk on its own.
//!
//! Every experiment waits until FIONREAD shows all the bytes it sent before
//! reading, so each recv returns the same number of bytes on every run.

use std::io;
use std::time::Duration;

use socket2::Socket;

use crate::expect;
use crate::lab::{Lab, LabError, RunOptions, Step};
use crate::narration;
use crate::net::{self, bytes_literal};
use crate::report::CheckResult;
use crate::text;

pub const LAB: Lab = Lab {
    number: 2,
    slug: "partial-recv",
    title: "Partial recv and leftovers",
    shows: "recv returns what is queued up to its buffer size; the rest waits for the next recv",
    summary: "A TCP recv returns at most its buffer size; the bytes that did not fit stay queued\n\
              and come out first on the next recv. A long reply spills into the next one, a\n\
              `len(data) < 1024` loop blocks on exact multiples of 1024, and chunks cut UTF-8.",
    typical_run: "≈ 0.3 s",
    sheet: include_str!("../../labs/02-partial-recv/README.md"),
    sheet_zh_cn: include_str!("../../labs/02-partial-recv/README.zh-CN.md"),
    experiment: run,
};

/// The course's client reads replies with `recv(1024)`.
pub(crate) const CLIENT_RECV: usize = 1024;

/// The first command the client sends. The pretend shell answers it with
/// what `seq 1 500` prints: "1\n" to "500\n".
pub(crate) const LONG_COMMAND: &[u8] = b"seq 1 500";

/// The last number `seq` prints for [`LONG_COMMAND`].
const SEQ_LAST: u32 = 500;

/// Length of the reply to [`LONG_COMMAND`], worked out by hand: 1-9 take 2
/// bytes with their newline, 10-99 take 3 and 100-500 take 4:
/// 9×2 + 90×3 + 401×4 = 18 + 270 + 1604 = 1892 bytes.
const LONG_REPLY_LEN: usize = 1892;

/// What one recv(1024) leaves of the long reply: 1892 - 1024 = 868 bytes.
const LEFTOVER_LEN: usize = 868;

/// The second command, with a reply short enough for any buffer.
pub(crate) const SHORT_COMMAND: &[u8] = b"echo hi";
const SHORT_REPLY: &[u8] = b"hi\n";

/// "1\n" … "99\n" fill bytes 0-287 and each of 100, 101, … takes 4 bytes, so
/// byte 1024 = 288 + 184×4 is where "284\n" starts: the first recv(1024)
/// ends with "282\n283\n" and the leftover starts with "284\n285\n".
const FIRST_RECV_END: &[u8] = b"282\n283\n";
const LEFTOVER_START: &[u8] = b"284\n285\n";

/// The second recv ends with the long reply's last line, then the short reply.
const SECOND_RECV_END: &[u8] = b"500\nhi\n";

/// How long the course's loop may wait for bytes that will never come. On
/// Linux, a recv that times out under SO_RCVTIMEO fails with EAGAIN
/// (socket(7)). Short, because it expires twice per run; the replies are
/// already queued, so the recvs that do return never come near it.
const COURSE_LOOP_TIMEOUT: Duration = Duration::from_millis(150);

/// "嘿嘿嘿" is the course's text; " hi 你好" makes the recv(4) cuts land
/// both inside and between characters. 3 + 3 + 3 + 4 + 3 + 3 = 19 bytes.
const MIXED_TEXT: &str = "嘿嘿嘿 hi 你好";

/// Bytes 0-8 are 嘿嘿嘿, 9-12 " hi ", 13-15 你 and 16-18 好. recv(4) gives
/// [0,4) 嘿 + the first byte of the second 嘿 → cut at the end;
/// [4,8) the end of the second 嘿, the start of the third → cut at both ends;
/// [8,12) the last byte of the third 嘿, then " hi" → starts mid-character;
/// [12,16) " 你" and [16,19) "好" → fine. So chunks 1, 2, 3 of 5 fail.
const MIXED_CHUNK: usize = 4;
const MIXED_FAILING_CHUNKS: &str = "chunks 1, 2, 3 of 5 fail";

/// The course's server sends '嘿嘿嘿' (9 bytes) to a client that reads recv(9).
const COURSE_TEXT: &str = "嘿嘿嘿";
const COURSE_TEXT_RECV: usize = 9;

fn run(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    let mut checks = hello_feng()?;
    checks.extend(remote_command()?);
    checks.extend(short_read_heuristic()?);
    checks.extend(utf8_in_chunks()?);
    Ok(checks)
}

/// The course's experiment: the client sends b"hello feng", the server
/// reads 2 bytes, then up to 10. The second recv asks for 10 but only 8 are
/// left, and recv returns what is there instead of waiting for more.
fn hello_feng() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The client sends b\"hello feng\"; the server reads recv(2), then recv(10).",
        "the second recv returns only the 8 bytes that are left.",
    );
    const HELLO: &[u8] = b"hello feng";
    let pair = net::tcp_pair().step("connecting client and server")?;
    net::send_all(&pair.client, HELLO).step("sending b\"hello feng\"")?;
    net::wait_for_queued(&pair.server, HELLO.len())
        .step("waiting for b\"hello feng\" to arrive")?;
    let first = net::recv_once(&pair.server, 2).step("recv(2) of b\"hello feng\"")?;
    let second = net::recv_once(&pair.server, 10).step("recv(10) after recv(2)")?;
    Ok(vec![
        expect::exact(
            "hello-recv-2",
            "recv(2) of b\"hello feng\"",
            bytes_literal(b"he"),
            bytes_literal(&first),
        ),
        expect::exact(
            "hello-then-recv-10",
            "  then recv(10): the 8 bytes left",
            bytes_literal(b"llo feng"),
            bytes_literal(&second),
        ),
    ])
}

/// The course's remote shell: the client sends a command and prints the
/// reply of ONE recv(1024). No process runs here: [`shell_output`] answers
/// with fixed text, so the sizes are the same on every machine.
fn remote_command() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "A pretend remote shell: `seq 1 500` (1892 bytes of output), read with one recv(1024), then `echo hi`.",
        "the reply to `echo hi` starts with the rest of the first output.",
    );
    let pair = net::tcp_pair().step("connecting the shell client and server")?;

    let first = run_command(&pair.client, &pair.server, LONG_COMMAND, LONG_REPLY_LEN)?;
    let left_queued = net::queued_bytes(&pair.client).step("asking FIONREAD after recv(1024)")?;

    // The server's reply to the second command is only 3 bytes, but the
    // leftover of the first reply is still queued in front of it.
    let second = run_command(
        &pair.client,
        &pair.server,
        SHORT_COMMAND,
        LEFTOVER_LEN + SHORT_REPLY.len(),
    )?;

    Ok(vec![
        expect::exact(
            "long-reply-recv-len",
            "recv(1024) of the 1892-byte `seq 1 500` reply",
            "1024 bytes".to_string(),
            format!("{} bytes", first.len()),
        ),
        expect::exact(
            "long-reply-recv-end",
            "  it ends with",
            bytes_literal(FIRST_RECV_END),
            bytes_literal(last_bytes(&first, FIRST_RECV_END.len())),
        ),
        expect::exact(
            "long-reply-leftover",
            "  bytes still queued (FIONREAD)",
            LEFTOVER_LEN,
            left_queued,
        ),
        expect::exact(
            "next-reply-start",
            "recv(1024) after `echo hi` starts with",
            bytes_literal(LEFTOVER_START),
            bytes_literal(first_bytes(&second, LEFTOVER_START.len())),
        ),
        expect::exact(
            "next-reply-end",
            "  and ends with",
            bytes_literal(SECOND_RECV_END),
            bytes_literal(last_bytes(&second, SECOND_RECV_END.len())),
        ),
        expect::exact(
            "next-reply-len",
            "  its length: 868 old + 3 new bytes",
            LEFTOVER_LEN + SHORT_REPLY.len(),
            second.len(),
        ),
    ])
}

/// One round of the remote shell: the client sends `command`, the server
/// reads it and sends the output, the client waits until `queued` bytes are
/// in its receive queue and makes the course's single recv(1024).
fn run_command(
    client: &Socket,
    server: &Socket,
    command: &[u8],
    queued: usize,
) -> Result<Vec<u8>, LabError> {
    net::send_all(client, command).step("sending a command")?;
    net::wait_for_queued(server, command.len()).step("waiting for the command to arrive")?;
    let received = net::recv_once(server, CLIENT_RECV).step("server reading the command")?;
    net::send_all(server, &shell_output(&received)).step("server sending the output")?;
    net::wait_for_queued(client, queued).step("waiting for the output to arrive")?;
    net::recv_once(client, CLIENT_RECV).step("client recv(1024) of the output")
}

/// What the pretend shell prints for a command, like `sh` would.
pub(crate) fn shell_output(command: &[u8]) -> Vec<u8> {
    match command {
        LONG_COMMAND => (1..=SEQ_LAST)
            .map(|n| format!("{n}\n"))
            .collect::<String>()
            .into_bytes(),
        SHORT_COMMAND => SHORT_REPLY.to_vec(),
        other => format!("sh: {}: not found\n", String::from_utf8_lossy(other)).into_bytes(),
    }
}

fn first_bytes(bytes: &[u8], count: usize) -> &[u8] {
    &bytes[..count.min(bytes.len())]
}

fn last_bytes(bytes: &[u8], count: usize) -> &[u8] {
    &bytes[bytes.len().saturating_sub(count)..]
}

/// The course's fix for long replies: keep calling recv(1024) and stop at
/// the first chunk shorter than 1024 bytes. The stream has no "end of reply"
/// mark, so a short chunk only means "that was all that was queued".
fn short_read_heuristic() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "The course's `len(data) < 1024` loop on replies of 1000, 1024 and 2048 bytes, and a reply that arrives in two parts.",
        "exact multiples of 1024 block (EAGAIN after the timeout); a late second part ends the loop too early.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;
    pair.client
        .set_read_timeout(Some(COURSE_LOOP_TIMEOUT))
        .step("setting the client's short SO_RCVTIMEO")?;

    let mut checks = Vec::new();
    for (size, expected) in [
        (1000, "ended after 1000 bytes"),
        (1024, "blocked: EAGAIN after 1024 bytes"),
        (2048, "blocked: EAGAIN after 2048 bytes"),
    ] {
        net::send_all(&pair.server, &vec![b'x'; size]).step("server sending a reply")?;
        net::wait_for_queued(&pair.client, size).step("waiting for the reply to arrive")?;
        checks.push(expect::exact(
            &format!("len-below-1024-loop-{size}"),
            &format!("`len(data) < 1024` loop, {size}-byte reply"),
            expected.to_string(),
            course_recv_loop(&pair.client),
        ));
    }

    // The other way round: a reply written in two parts, the second one not
    // there yet when the client reads. The loop stops early, and the late
    // part will be read as the start of the next reply.
    net::send_all(&pair.server, &[b'x'; 600]).step("server sending 600 bytes")?;
    net::wait_for_queued(&pair.client, 600).step("waiting for the 600 bytes")?;
    let early = course_recv_loop(&pair.client);
    net::send_all(&pair.server, &[b'x'; 900]).step("server sending 900 more bytes")?;
    net::wait_for_queued(&pair.client, 900).step("waiting for the 900 bytes")?;
    let late = net::recv_once(&pair.client, CLIENT_RECV).step("the next recv(1024)")?;
    checks.push(expect::exact(
        "len-below-1024-loop-split",
        "`len(data) < 1024` loop, 1500 bytes as 600 + 900",
        "ended after 600 bytes".to_string(),
        early,
    ));
    checks.push(expect::exact(
        "len-below-1024-loop-late",
        "  the next recv(1024) gets the late part",
        "900 bytes".to_string(),
        format!("{} bytes", late.len()),
    ));
    Ok(checks)
}

/// The course's client loop, literally:
/// `while True: chunk = recv(1024); data += chunk; if len(chunk) < 1024: break`.
/// Returns how it ended: the loop's own break, or the recv that was still
/// waiting when SO_RCVTIMEO expired.
fn course_recv_loop(client: &Socket) -> String {
    let mut data = Vec::new();
    loop {
        let result = net::recv_once(client, CLIENT_RECV);
        match &result {
            Ok(chunk) => {
                data.extend_from_slice(chunk);
                if chunk.len() < CLIENT_RECV {
                    return format!("ended after {} bytes", data.len());
                }
            }
            Err(error) => {
                let how = match error.kind() {
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => "blocked",
                    _ => "failed",
                };
                return format!(
                    "{how}: {} after {} bytes",
                    net::outcome(&result),
                    data.len()
                );
            }
        }
    }
}

/// UTF-8 on a byte stream: recv boundaries know nothing about characters.
fn utf8_in_chunks() -> Result<Vec<CheckResult>, LabError> {
    narration::step(
        "Chinese text read in chunks that cut through characters.",
        "which chunks fail to decode alone, and the streaming decoder getting the text back.",
    );
    let pair = net::tcp_pair().step("connecting client and server")?;

    net::send_all(&pair.server, COURSE_TEXT.as_bytes()).step("sending '嘿嘿嘿'")?;
    net::wait_for_queued(&pair.client, COURSE_TEXT.len()).step("waiting for '嘿嘿嘿'")?;
    let course = net::recv_once(&pair.client, COURSE_TEXT_RECV).step("recv(9) of '嘿嘿嘿'")?;

    net::send_all(&pair.server, MIXED_TEXT.as_bytes()).step("sending the mixed text")?;
    net::wait_for_queued(&pair.client, MIXED_TEXT.len()).step("waiting for the mixed text")?;
    let mut chunks = Vec::new();
    let mut received = 0;
    while received < MIXED_TEXT.len() {
        let chunk = net::recv_once(&pair.client, MIXED_CHUNK).step("recv(4) of the mixed text")?;
        if chunk.is_empty() {
            break;
        }
        received += chunk.len();
        chunks.push(chunk);
    }

    Ok(vec![
        expect::exact(
            "utf8-course-recv-9",
            "decode recv(9) of \"嘿嘿嘿\" (9 bytes) alone",
            format!("ok: {COURSE_TEXT:?}"),
            text::decode_alone(&course),
        ),
        expect::exact(
            "utf8-chunks-alone",
            "recv(4) chunks of \"嘿嘿嘿 hi 你好\" decoded alone",
            MIXED_FAILING_CHUNKS.to_string(),
            failing_chunks(&chunks),
        ),
        expect::exact(
            "utf8-streaming-decoder",
            "  the same chunks through a streaming decoder",
            format!("{MIXED_TEXT:?}"),
            format!("{:?}", text::decode_stream(&chunks)),
        ),
    ])
}

/// Which chunks (numbered from 1) are not valid UTF-8 on their own.
fn failing_chunks(chunks: &[Vec<u8>]) -> String {
    let failing: Vec<String> = chunks
        .iter()
        .enumerate()
        .filter(|(_, chunk)| std::str::from_utf8(chunk).is_err())
        .map(|(index, _)| (index + 1).to_string())
        .collect();
    if failing.is_empty() {
        format!("none of {} fail", chunks.len())
    } else {
        format!("chunks {} of {} fail", failing.join(", "), chunks.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-worked constants above, checked against the generated reply
    /// (the lab's expectations stay constants; this only guards the arithmetic).
    #[test]
    fn seq_constants_match_the_generated_reply() {
        let reply = shell_output(LONG_COMMAND);
        assert_eq!(reply.len(), LONG_REPLY_LEN);
        assert_eq!(LONG_REPLY_LEN - CLIENT_RECV, LEFTOVER_LEN);
        assert_eq!(
            &reply[CLIENT_RECV - FIRST_RECV_END.len()..CLIENT_RECV],
            FIRST_RECV_END
        );
        assert!(reply[CLIENT_RECV..].starts_with(LEFTOVER_START));
        assert_eq!(MIXED_TEXT.len(), 19);
    }
}
