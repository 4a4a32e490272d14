//! errno numbers → their names, because "EADDRINUSE" teaches and "98" does
//! not (and the numbers differ between Linux, macOS and Windows).

use std::io;

/// The symbolic name of an errno value, e.g. 98 → "EADDRINUSE" on Linux.
pub fn errno_name(code: i32) -> String {
    let name = match code {
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        libc::EAGAIN => "EAGAIN",
        libc::EMSGSIZE => "EMSGSIZE",
        libc::ECONNRESET => "ECONNRESET",
        libc::ECONNREFUSED => "ECONNREFUSED",
        libc::ECONNABORTED => "ECONNABORTED",
        libc::EPIPE => "EPIPE",
        libc::ETIMEDOUT => "ETIMEDOUT",
        libc::EINPROGRESS => "EINPROGRESS",
        libc::EINVAL => "EINVAL",
        libc::ENOTCONN => "ENOTCONN",
        libc::EACCES => "EACCES",
        libc::EPERM => "EPERM",
        libc::ENOENT => "ENOENT",
        libc::EINTR => "EINTR",
        libc::ENOBUFS => "ENOBUFS",
        _ => return format!("errno {code}"),
    };
    name.to_string()
}

/// "OK", or the errno name of the error: how a lab shows the result of a
/// call whose failure is the lesson (bind after TIME_WAIT, an oversized
/// sendto...). Errors without an errno show their message.
pub fn outcome<T>(result: &io::Result<T>) -> String {
    match result {
        Ok(_) => "OK".to_string(),
        Err(error) => error_name(error),
    }
}

/// The errno name of an error, or its message when it carries no errno.
pub fn error_name(error: &io::Error) -> String {
    match error.raw_os_error() {
        Some(code) => errno_name(code),
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_known_errnos_and_numbers_the_rest() {
        assert_eq!(errno_name(libc::EMSGSIZE), "EMSGSIZE");
        assert_eq!(errno_name(libc::EADDRINUSE), "EADDRINUSE");
        assert_eq!(errno_name(4242), "errno 4242");
    }

    #[test]
    fn outcome_names_the_error() {
        assert_eq!(outcome(&Ok::<(), io::Error>(())), "OK");
        let refused: io::Result<()> = Err(io::Error::from_raw_os_error(libc::ECONNREFUSED));
        assert_eq!(outcome(&refused), "ECONNREFUSED");
    }
}
