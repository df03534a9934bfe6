//! The length prefix: a fixed-width integer in either byte order, or LEB128.

use writestack_core::Endian;

/// The most bytes a length prefix takes (a LEB128 `u64`).
pub(crate) const MAX_PREFIX: usize = 10;

/// How a frame's payload length is written in front of it.
///
/// ```text
///  Fixed { width: 4, endian: Big }      Fixed { width: 2, endian: Little }    Varint
///  ┌──┬──┬──┬──┬─────────┐              ┌──┬──┬─────────┐                 ┌──┬──┬─────────┐
///  │00│00│01│2C│ 300 B   │              │2C│01│ 300 B   │                 │AC│02│ 300 B   │
///  └──┴──┴──┴──┴─────────┘              └──┴──┴─────────┘                 └──┴──┴─────────┘
/// ```
///
/// `Varint` is unsigned LEB128: seven bits per byte, least significant group first, the
/// high bit set on every byte but the last, always the shortest encoding (1 byte up to
/// 127, 2 bytes up to 16 383, ..., 10 bytes for `u64::MAX`).
///
/// # Examples
///
/// ```
/// use writestack_core::Endian;
/// use writestack_frame::{FrameWriter, LengthField};
///
/// let writer = FrameWriter::new(Vec::<u8>::new());
/// assert_eq!(
///     writer.length_field(),
///     LengthField::Fixed { width: 4, endian: Endian::Big }
/// );
/// assert_eq!(LengthField::Varint.width_for(300), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LengthField {
    /// An unsigned integer of `width` bytes (1 to 8) in the given byte order.
    Fixed {
        /// Bytes in the prefix, 1 to 8.
        width: usize,
        /// Byte order of the prefix.
        endian: Endian,
    },
    /// Unsigned LEB128, 1 to 10 bytes depending on the length.
    Varint,
}

impl LengthField {
    /// Bytes the prefix of a frame of `len` payload bytes takes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    /// use writestack_frame::LengthField;
    ///
    /// let fixed = LengthField::Fixed { width: 3, endian: Endian::Little };
    /// assert_eq!(fixed.width_for(0), 3);
    /// assert_eq!(LengthField::Varint.width_for(127), 1);
    /// assert_eq!(LengthField::Varint.width_for(128), 2);
    /// assert_eq!(LengthField::Varint.width_for(u64::MAX), 10);
    /// ```
    #[inline]
    pub fn width_for(self, len: u64) -> usize {
        match self {
            LengthField::Fixed { width, .. } => width,
            LengthField::Varint => varint_len_outlined(len),
        }
    }

    /// Writes the prefix of a frame of `len` payload bytes at the start of `dst` and
    /// returns its width, or `None` when `dst` is too short or `len` does not fit a fixed
    /// width (nothing is written then).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    /// use writestack_frame::LengthField;
    ///
    /// let mut dst = [0u8; 10];
    /// assert_eq!(LengthField::Varint.put(300, &mut dst), Some(2));
    /// assert_eq!(&dst[..2], &[0xAC, 0x02]);
    /// let two = LengthField::Fixed { width: 2, endian: Endian::Big };
    /// assert_eq!(two.put(300, &mut dst), Some(2));
    /// assert_eq!(&dst[..2], &[0x01, 0x2C]);
    /// assert_eq!(two.put(70_000, &mut dst), None);
    /// ```
    pub fn put(self, len: u64, dst: &mut [u8]) -> Option<usize> {
        let fits = match self {
            LengthField::Fixed { width, .. } => {
                (1..=8).contains(&width) && Endian::fits(len, width)
            }
            LengthField::Varint => true,
        };
        let len = usize::try_from(len).ok()?;
        if !fits || dst.len() < self.width_for(len as u64) {
            return None;
        }
        Some(put_prefix(self, len, dst))
    }
}

/// Writes the prefix of a `len`-byte frame at the start of `dst`; returns its width.
///
/// The hot path of every frame: the caller has checked that `len` is at most the
/// maximum (which the builder checked the field carries) and that `dst` holds
/// `field.width_for(len)` bytes.
#[inline(always)]
pub(crate) fn put_prefix(field: LengthField, len: usize, dst: &mut [u8]) -> usize {
    let len = len as u64;
    match field {
        LengthField::Fixed {
            width,
            endian: Endian::Big,
        } => dst[..width].copy_from_slice(&len.to_be_bytes()[8 - width..]),
        LengthField::Fixed {
            width,
            endian: Endian::Little,
        } => dst[..width].copy_from_slice(&len.to_le_bytes()[..width]),
        LengthField::Varint => return put_varint(len, dst),
    }
    field.width_for(len)
}

/// A length field set up for [`put_prefix`]'s short form, which writes into a 16-byte
/// head whose bytes past the prefix the caller overwrites (the payload goes right behind
/// it): a fixed width is then one 8-byte store, with no copy of a length known only at
/// run time and no byte-order decision per frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PaddedPrefix {
    /// Big-endian: the value is shifted up by `shift` bits so that its `width` bytes
    /// come first.
    Big { width: usize, shift: u32 },
    /// Little-endian: the value's low `width` bytes come first as they are.
    Little { width: usize },
    /// LEB128.
    Varint,
}

impl PaddedPrefix {
    pub(crate) fn new(field: LengthField) -> PaddedPrefix {
        match field {
            LengthField::Fixed {
                width,
                endian: Endian::Big,
            } => PaddedPrefix::Big {
                width,
                // 0 to 56 for the widths the builder allows (1 to 8).
                shift: 8 * u32::try_from(8usize.saturating_sub(width)).unwrap_or(0),
            },
            LengthField::Fixed {
                width,
                endian: Endian::Little,
            } => PaddedPrefix::Little { width },
            LengthField::Varint => PaddedPrefix::Varint,
        }
    }

    /// Writes the prefix of a `len`-byte frame at the start of `head`; returns its
    /// width. `len` fits the field: the builder checked the maximum against it.
    #[inline(always)]
    pub(crate) fn put(self, len: usize, head: &mut [u8; 16]) -> usize {
        let len = len as u64;
        match self {
            PaddedPrefix::Big { width, shift } => {
                head[..8].copy_from_slice(&len.wrapping_shl(shift).to_be_bytes());
                width
            }
            PaddedPrefix::Little { width } => {
                head[..8].copy_from_slice(&len.to_le_bytes());
                width
            }
            PaddedPrefix::Varint => put_varint(len, head),
        }
    }
}

/// LEB128 out of line, so the fixed-width hot path does not carry its code.
#[inline(never)]
fn put_varint(len: u64, dst: &mut [u8]) -> usize {
    let mut rest = len;
    let mut at = 0;
    // The low seven bits of `rest`, which the mask proves fit a byte.
    while rest >= 0x80 {
        dst[at] = (rest & 0x7F) as u8 | 0x80;
        rest >>= 7;
        at += 1;
    }
    // The last group: below 0x80, so the mask takes nothing away.
    dst[at] = (rest & 0x7F) as u8;
    at + 1
}

/// [`varint_len`] out of line, for the same reason as [`put_varint`].
#[inline(never)]
fn varint_len_outlined(value: u64) -> usize {
    varint_len(value)
}

/// Bytes of the shortest LEB128 encoding of `value`.
#[inline]
pub(crate) fn varint_len(value: u64) -> usize {
    let bits = 64 - (value | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_len_changes_exactly_at_powers_of_128() {
        for groups in 1..10u32 {
            let first_of_next = 1u64 << (7 * groups);
            assert_eq!(varint_len(first_of_next - 1), groups as usize);
            assert_eq!(varint_len(first_of_next), groups as usize + 1);
        }
        assert_eq!(varint_len(0), 1);
        assert_eq!(varint_len(u64::MAX), 10);
    }

    #[test]
    fn varint_matches_the_worked_example_of_the_leb128_definition() {
        // 624485 = 0x98765, the classic DWARF example: E5 8E 26.
        let mut dst = [0u8; 10];
        assert_eq!(LengthField::Varint.put(624_485, &mut dst), Some(3));
        assert_eq!(&dst[..3], &[0xE5, 0x8E, 0x26]);
    }

    #[test]
    fn put_refuses_a_short_destination_without_writing() {
        let mut dst = [0xFFu8; 1];
        assert_eq!(LengthField::Varint.put(128, &mut dst), None);
        assert_eq!(dst, [0xFF]);
    }
}
