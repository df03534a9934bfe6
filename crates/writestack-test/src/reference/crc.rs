//! The CRC32 trailer, checked with crc32fast's one-shot hash.

/// A stream split at its 4-byte big-endian CRC32 trailer.
#[derive(Clone, Copy, Debug)]
pub struct CrcTrailer<'a> {
    /// Everything before the trailer.
    pub body: &'a [u8],
    /// The trailer as sent.
    pub trailer: u32,
    /// crc32fast's hash of `body`: what the trailer should be.
    pub computed: u32,
}

impl CrcTrailer<'_> {
    /// Whether the trailer is the CRC32 of the body.
    pub fn matches(&self) -> bool {
        self.trailer == self.computed
    }
}

/// Splits `wire` at its big-endian CRC32 trailer without judging it, for callers that
/// report both values; [`strip_crc`] is the check.
///
/// # Errors
///
/// When `wire` is shorter than the 4-byte trailer.
pub fn crc_trailer(wire: &[u8]) -> Result<CrcTrailer<'_>, String> {
    if wire.len() < 4 {
        return Err(format!("crc: {} bytes, no room for a trailer", wire.len()));
    }
    let (body, trailer) = wire.split_at(wire.len() - 4);
    Ok(CrcTrailer {
        body,
        trailer: u32::from_be_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]),
        computed: crc32fast::hash(body),
    })
}

/// The body of `wire` once its big-endian CRC32 trailer is checked and removed.
///
/// # Errors
///
/// When `wire` has no room for a trailer, or the trailer is not the CRC32 of the body.
pub fn strip_crc(wire: &[u8]) -> Result<Vec<u8>, String> {
    let split = crc_trailer(wire)?;
    if !split.matches() {
        return Err(format!(
            "crc: trailer {:08x}, expected {:08x}",
            split.trailer, split.computed
        ));
    }
    Ok(split.body.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_value_is_accepted_and_a_flipped_bit_is_not() {
        // CRC-32 of "123456789" is 0xCBF43926 (the standard check value).
        let mut wire = b"123456789\xCB\xF4\x39\x26".to_vec();
        assert_eq!(strip_crc(&wire).unwrap(), b"123456789");
        wire[0] ^= 1;
        assert!(strip_crc(&wire).is_err());
        assert!(strip_crc(&wire[..3]).is_err());
    }
}
