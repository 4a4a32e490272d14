//! Lab 2's roles: the course's remote shell, with a pretend shell.
//!
//! The client sends a command and prints what ONE recv(1024) returns, as
//! the course's client does; the server answers each command with its
//! output. The first command, `seq 1 500`, prints 1892 bytes: the client's
//! recv(1024) takes 1024 of them and the other 868 stay queued, so the
//! reply to the next command, `echo hi`, starts with the end of the
//! numbers. Nothing is lost; the reply boundaries were never in the stream.
//!
//! The server runs no program, ever: whatever comes over the network, it
//! answers from the same fixed table as lab 2's experiment (`seq 1 500`,
//! `echo hi`, and `sh: CMD: not found` for anything else). It takes each
//! recv(1024) as one command, like the course's server, so commands sent
//! back to back arrive glued and get one `not found`.
//!
//! The client waits until the reply to each command has started to arrive
//! (TCP_INFO's count of data segments received grows, tcp(7)) before its
//! recv. Without that, what the second recv(1024) returns would depend on
//! scheduling: the 868 old bytes, or those plus b"hi\n". With it, the
//! second recv always returns both: 871 bytes, 868 of them old.

use crate::labs::partial_recv::{CLIENT_RECV, LAB, LONG_COMMAND, SHORT_COMMAND, shell_output};
use crate::net;
use crate::roles::{Conn, Connect, Ending, RoleError, RoleOptions, Roles, Serve};
use crate::tr;

pub const ROLES: Roles = Roles {
    lab: &LAB,
    server: "a pretend shell (runs nothing): `seq 1 500`, `echo hi`",
    client: "sends both commands, one recv(1024) after each",
    serve: Serve::Tcp(serve),
    connect: Connect::Tcp(connect),
    serve_flags: &[],
    connect_flags: &[],
    settings: None,
};

/// The course's server loop: one recv(1024) is one command; b"" means the
/// client has gone.
fn serve(conn: &mut Conn, _: &RoleOptions) -> Result<(), RoleError> {
    loop {
        let command = conn.recv(CLIENT_RECV)?;
        if command.is_empty() {
            return Ok(());
        }
        conn.send(&shell_output(&command))?;
    }
}

fn connect(conn: &mut Conn, _: &RoleOptions) -> Result<Ending, RoleError> {
    let segments_in = |conn: &Conn| net::tcp_info(conn.socket()).map(|info| info.data_segs_in);
    for command in [LONG_COMMAND, SHORT_COMMAND] {
        let before = segments_in(conn).map_err(|e| RoleError(format!("TCP_INFO: {e}")))?;
        conn.send(command)?;
        net::wait_until("the reply", || Ok(segments_in(conn)? > before))
            .map_err(|e| RoleError(tr!("role2-no-reply", "no reply: {error}", error = e)))?;
        conn.recv(CLIENT_RECV)?;
    }
    conn.close_sending()?;
    // Each command got a reply: the server understood.
    Ok(Ending::Done)
}
