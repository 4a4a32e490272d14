//! Lab 11's roles: the course's UDP time server.
//!
//! The client sends a `time.strftime` format in one datagram; the server
//! answers with the time in that format, to the address the request came
//! from. The course's client sends whatever the user typed, and an empty
//! line is a real, zero-length datagram (unlike TCP, where `send(b"")`
//! sends nothing): the server then uses the course's default format,
//! `%Y-%m-%d %X`. The client here sends exactly that empty datagram.
//!
//! The formatting is lab 11's ([`time_server_reply`]): every directive
//! Python's `time.strftime` takes on Linux, in the C locale, with the
//! current time in this machine's time zone as the course's server does
//! (the `TZ` variable, else /etc/localtime), or in UTC with `--utc`. An
//! unknown directive, invalid UTF-8, or a format over 256 bytes (the server
//! reads with a 257-byte buffer to notice) gets an `error: ...` reply,
//! never silence.

use std::net::SocketAddr;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::labs::udp_datagrams::{LAB, TIME_REQUEST_BUFFER, time_server_reply};
use crate::roles::ConflictingOptions;
use crate::roles::options::Flag;
use crate::roles::{Connect, Datagrams, Ending, RoleError, RoleOptions, Roles, Serve};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "the time server: a `time.strftime` format in (empty = `%Y-%m-%d %X`), the local time out (`--utc`: UTC)",
    client: "sends b\"\" and prints the reply",
    serve: Serve::Udp(serve),
    connect: Connect::Udp(connect),
    serve_flags: &[Flag::Utc],
    connect_flags: &[],
    settings: Some(settings),
};

/// The course's client reads replies with recvfrom(1024).
const CLIENT_RECV: usize = 1024;

fn settings(options: &RoleOptions) -> Result<String, ConflictingOptions> {
    Ok(if options.utc {
        i18n::text("times in UTC (without --utc: this machine's local time)").into_owned()
    } else {
        let now = ZonedDateTime::now();
        let zone = match now.time_zone().iana_name() {
            Some(zone) => zone.into(),
            None => i18n::text("from TZ"),
        };
        tr!(
            "role11-local-time",
            "times in local time, zone {zone}, UTC{offset} now (--utc for UTC)",
            zone = zone,
            offset = now.offset()
        )
    })
}

fn serve(datagrams: &mut Datagrams, options: &RoleOptions) -> Result<(), RoleError> {
    let (request, client) = datagrams.recv_from(TIME_REQUEST_BUFFER)?;
    let now = if options.utc {
        ZonedDateTime::now().with_time_zone(TimeZone::UTC)
    } else {
        ZonedDateTime::now()
    };
    datagrams.send_to(&time_server_reply(&request, &now), client)
}

fn connect(
    datagrams: &mut Datagrams,
    server: SocketAddr,
    _: &RoleOptions,
) -> Result<Ending, RoleError> {
    datagrams.send_to(b"", server)?;
    let (reply, _) = datagrams.recv_from(CLIENT_RECV)?;
    Ok(if reply.starts_with(b"error: ") {
        Ending::NotUnderstood(i18n::text("the server did not take the default format").into_owned())
    } else {
        Ending::Done
    })
}
