//! Random bytes from the kernel: getrandom(2).
//!
//! A challenge that an attacker could predict is no challenge, so labs that
//! need unpredictable bytes take them from the kernel's cryptographically
//! secure generator (the one behind /dev/urandom), not from a seeded PRNG.

use std::io;

use rustix::rand::GetRandomFlags;

/// Fills `buffer` with random bytes from getrandom(2) (flags 0: the urandom
/// source, which blocks only until the kernel's generator is first seeded,
/// long before any lab runs). rustix makes the system call itself, with no
/// fallback to reading /dev/urandom.
///
/// Requests of up to 256 bytes are never cut short once the generator is
/// seeded (getrandom(2)); the loop still handles a short count and EINTR,
/// as the man page asks callers to.
pub fn os_random_bytes(buffer: &mut [u8]) -> io::Result<()> {
    let mut filled = 0;
    while filled < buffer.len() {
        match rustix::rand::getrandom(&mut buffer[filled..], GetRandomFlags::empty()) {
            Ok(written) => filled += written,
            Err(rustix::io::Errno::INTR) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_draws_fill_the_buffer_and_differ() -> io::Result<()> {
        let mut first = [0u8; 32];
        let mut second = [0u8; 32];
        os_random_bytes(&mut first)?;
        os_random_bytes(&mut second)?;
        // Equal by chance with probability 2^-256.
        assert_ne!(first, second);
        assert_ne!(first, [0u8; 32]);
        Ok(())
    }
}
