//! Lab 1's roles: the course's sticky-packet experiment, one end each.
//!
//! The client makes four `send` calls, b"hello", b"world", b"musibii" and
//! b"1", and closes. The server is the course's late reader: it lets the
//! bytes pile up in its receive queue first, then reads them with recv(5),
//! recv(5), recv(10), recv(5). Four sends, but the third recv returns
//! b"musibii1": bytes from two sends, because a byte stream has no idea
//! where one send ended. The last recv returns b"", the client's close.
//!
//! Being late on purpose is what makes the result the same every time: the
//! server waits until the client has closed (its TCP state turns
//! CLOSE_WAIT, read from TCP_INFO, tcp(7)), so all 18 bytes are queued
//! before the first recv, however fast or slow either side runs. A client
//! that stays connected is read after [`net::IO_TIMEOUT`] anyway.

use crate::labs::nagle_sticky::{LAB, MESSAGES, TOTAL_BYTES};
use crate::net::{self, TcpState};
use crate::roles::{Conn, Connect, Ending, RoleError, RoleOptions, Roles, Serve, log};
use crate::{i18n, tr};

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "a late reader: waits for the client to close, then recv(5), recv(5), recv(10), recv(5)",
    client: "sends b\"hello\", b\"world\", b\"musibii\", b\"1\", closes",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[],
    connect_flags: &[],
    settings: None,
};

/// The course's receive sizes: 5 + 5 + 10 + 5 = 25 bytes asked for, 18 sent.
const RECV_SIZES: [usize; 4] = [5, 5, 10, 5];

fn serve(conn: &mut Conn, _: &RoleOptions) -> Result<(), RoleError> {
    log(tr!(
        "role1-late-reader",
        "late reader: waiting until the client closes (at most {seconds} s) before the first recv",
        seconds = net::IO_TIMEOUT.as_secs()
    ));
    // A timeout here is not an error: a client that keeps the connection
    // open is read as it is.
    let closed = net::wait_until("the client to close", || {
        Ok(net::tcp_info(conn.socket())?.state != TcpState::Established)
    })
    .is_ok();
    log(tr!(
        "role1-queued",
        "queued: {queued} bytes (FIONREAD; the course's client sends {total}), client closed: {closed}",
        queued = conn.queued()?,
        total = TOTAL_BYTES,
        closed = i18n::text(if closed { "yes" } else { "no" })
    ));
    for size in RECV_SIZES {
        conn.recv(size)?;
    }
    Ok(())
}

fn connect(conn: &mut Conn, _: &RoleOptions) -> Result<Ending, RoleError> {
    for message in MESSAGES {
        conn.send(message)?;
    }
    conn.close_sending()?;
    // The course's server answers nothing: sending is the whole exchange.
    Ok(Ending::Done)
}
