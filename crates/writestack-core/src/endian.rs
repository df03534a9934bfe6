//! Byte order of the fixed-width integers a layer writes (CRC trailers, length prefixes).

/// Byte order of a fixed-width integer on the wire.
///
/// `Big` (network order) is the default, because it is what tokio's `LengthDelimitedCodec`
/// and most network protocols expect.
///
/// # Examples
///
/// ```
/// use writestack_core::Endian;
///
/// let mut wire = [0u8; 4];
/// Endian::Big.put_uint(0x0102_0304, &mut wire);
/// assert_eq!(wire, [1, 2, 3, 4]);
/// Endian::Little.put_uint(0x0102_0304, &mut wire);
/// assert_eq!(wire, [4, 3, 2, 1]);
/// assert_eq!(Endian::default(), Endian::Big);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Endian {
    /// Most significant byte first (network order).
    #[default]
    Big,
    /// Least significant byte first.
    Little,
}

impl Endian {
    /// Writes the low `dst.len()` bytes of `value` into `dst` in this byte order.
    ///
    /// Bytes of `value` above `dst.len()` are not written; callers check that the value fits
    /// (see [`Endian::fits`]). A `dst` longer than 8 bytes is zero-padded on the
    /// most significant side.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    ///
    /// let mut two = [0u8; 2];
    /// Endian::Little.put_uint(0xBEEF, &mut two);
    /// assert_eq!(two, [0xEF, 0xBE]);
    /// ```
    pub fn put_uint(self, value: u64, dst: &mut [u8]) {
        let width = dst.len();
        let least_first = value.to_le_bytes();
        for (i, byte) in dst.iter_mut().enumerate() {
            // Index of this byte counted from the least significant end.
            let significance = match self {
                Endian::Big => width - 1 - i,
                Endian::Little => i,
            };
            // Past the eighth byte, the zero padding.
            *byte = least_first.get(significance).copied().unwrap_or(0);
        }
    }

    /// Whether `value` can be carried by an unsigned field of `width` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    ///
    /// assert!(Endian::fits(255, 1));
    /// assert!(!Endian::fits(256, 1));
    /// assert!(Endian::fits(u64::MAX, 8));
    /// ```
    pub fn fits(value: u64, width: usize) -> bool {
        width >= 8 || value < (1u64 << (8 * width))
    }
}

#[cfg(test)]
mod tests {
    use super::Endian;

    #[test]
    fn put_uint_matches_std_to_bytes_for_every_width() {
        let value = 0x0102_0304_0506_0708u64;
        for width in 1..=8 {
            let mut big = vec![0u8; width];
            let mut little = vec![0u8; width];
            Endian::Big.put_uint(value, &mut big);
            Endian::Little.put_uint(value, &mut little);
            assert_eq!(big, value.to_be_bytes()[8 - width..]);
            assert_eq!(little, value.to_le_bytes()[..width]);
        }
    }
}
