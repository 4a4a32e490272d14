//! Lab 3's roles: the course's UDP truncation experiment, one end each.
//!
//! The client sends three datagrams, b"1234567890", b"12345" and b"123";
//! the server receives them with recvfrom(8), recvfrom(3) and recvfrom(1).
//! Each recvfrom returns the start of ONE datagram, and the rest of that
//! datagram is gone: the next recvfrom starts at the next datagram, never
//! at the lost tail (udp(7)). The server asks with MSG_TRUNC, so Linux also
//! tells it each datagram's real size, and the log shows what was cut.
//! (Python's recvfrom has no such flag: on Linux the course's server never
//! learns that anything was lost.)
//!
//! The three recvfroms are ONE sender's exchange. A UDP socket has one
//! queue for every sender, and the course's server takes whatever comes
//! next: one stray `sendto(b"")` from another address becomes its first
//! datagram, the real client's third is left over for the next exchange,
//! and the server waits out its timeout for the rest. `socklab serve 3`
//! gives each sender address an exchange of its own (see the serve loop in
//! `roles`): the stray datagram starts, and times out, an exchange of its
//! own, and each client's recvfrom(8), recvfrom(3), recvfrom(1) still meet
//! that client's own three datagrams, cut by the kernel as in the lab.

use std::net::SocketAddr;

use crate::labs::udp_truncation::{COURSE_BUFFERS, COURSE_DATAGRAMS, LAB};
use crate::roles::{Connect, Datagrams, Ending, RoleError, RoleOptions, Roles, Serve};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "recvfrom(8), recvfrom(3), recvfrom(1), with each datagram's real size",
    client: "sends b\"1234567890\", b\"12345\", b\"123\"",
    serve: Serve::Udp(serve),
    connect: Connect::Udp(connect),
    serve_flags: &[],
    connect_flags: &[],
    settings: None,
};

fn serve(datagrams: &mut Datagrams, _: &RoleOptions) -> Result<(), RoleError> {
    for size in COURSE_BUFFERS {
        datagrams.recv_from(size)?;
    }
    Ok(())
}

fn connect(
    datagrams: &mut Datagrams,
    server: SocketAddr,
    _: &RoleOptions,
) -> Result<Ending, RoleError> {
    for datagram in COURSE_DATAGRAMS {
        datagrams.send_to(datagram, server)?;
    }
    Ok(Ending::Done)
}
