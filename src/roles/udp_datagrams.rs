//! Lab 11's roles: the course's UDP time server.
//!
//! The client sends a strftime(3) format in one datagram; the server
//! answers with the time in that format, to the address the request came
//! from. The course's client sends whatever the user typed, and an empty
//! line is a real, zero-length datagram (unlike TCP, where `send(b"")`
//! sends nothing): the server then uses the course's default format,
//! `%Y-%m-%d %X`. The client here sends exactly that empty datagram.
//!
//! The formatting is lab 11's own (a documented subset of strftime), with
//! the current time in UTC instead of the lab's fixed moment. Anything the
//! formatter does not understand, invalid UTF-8, or a format over 256 bytes
//! (the server reads with a 257-byte buffer to notice) gets an `error: ...`
//! reply, never silence.

use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::labs::udp_datagrams::{LAB, Moment, TIME_REQUEST_BUFFER, time_server_reply};
use crate::roles::{Connect, Datagrams, RoleError, Roles, Serve};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "a time server: a strftime format in (empty = %Y-%m-%d %X), the UTC time out",
    client: "sends b\"\" (the default format) and prints the reply",
    serve: Serve::Udp(serve),
    connect: Connect::Udp(connect),
};

/// The course's client reads replies with recvfrom(1024).
const CLIENT_RECV: usize = 1024;

fn serve(datagrams: &mut Datagrams) -> Result<(), RoleError> {
    let (request, client) = datagrams.recv_from(TIME_REQUEST_BUFFER)?;
    // A clock set before 1970 is shown as 1970-01-01 00:00:00.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let reply = time_server_reply(&request, &Moment::from_unix_seconds(now));
    datagrams.send_to(&reply, client)
}

fn connect(datagrams: &mut Datagrams, server: SocketAddr) -> Result<(), RoleError> {
    datagrams.send_to(b"", server)?;
    datagrams.recv_from(CLIENT_RECV)?;
    Ok(())
}
