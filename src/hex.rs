//! Bytes written as hex, for people to read and compare: digests, HMACs,
//! random challenges.
//!
//! Two lower-case digits per byte, most significant first, no separators:
//! what Python's `bytes.hex()` and `sha256sum` print, so a student can
//! paste a value from one into the other.

/// Lower-case hex of `bytes`, e.g. `[0, 15, 16, 255]` → `"000f10ff"`.
pub fn encode(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_what_python_bytes_hex_writes() {
        // bytes([0, 15, 16, 255]).hex() in Python 3.
        assert_eq!(encode(&[0, 15, 16, 255]), "000f10ff");
        assert_eq!(encode(b""), "");
    }
}
