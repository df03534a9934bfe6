//! Reading a length prefix that may arrive one byte at a time: the reading half of
//! `length.rs`.
//!
//! ```text
//!  Fixed { width: 4, endian: Big }      Fixed { width: 2, endian: Little }    Varint
//!  ┌──┬──┬──┬──┐                        ┌──┬──┐                            ┌──┬──┐
//!  │00│00│01│2C│ = 300                  │2C│01│ = 300                      │AC│02│ = 300
//!  └──┴──┴──┴──┘                        └──┴──┘                            └──┴──┘
//!   high byte first                      low byte first                     low 7 bits first,
//!                                                                           high bit: more follows
//! ```
//!
//! The parser keeps the bytes seen so far in a `u64`, so a prefix cut anywhere costs no
//! buffer (the `Decode` rule: partial headers stay inside the decoder, bounded).

use std::io;

use writestack_core::Endian;

use crate::length::{LengthField, MAX_PREFIX};

/// A length prefix being read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PrefixParser {
    /// The value of the bytes seen so far (a lower bound of the final value for LEB128).
    value: u64,
    /// Bytes seen so far.
    seen: usize,
}

/// What feeding bytes to a [`PrefixParser`] gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fed {
    /// All `used` bytes were taken and the prefix is still incomplete.
    More,
    /// The prefix is complete after `used` bytes: the frame's payload length.
    Done(u64),
}

impl PrefixParser {
    /// Whether no byte of the prefix has been seen (a stream may end here).
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.seen == 0
    }

    /// Bytes of the prefix seen so far.
    pub(crate) fn seen(&self) -> usize {
        self.seen
    }

    /// Takes prefix bytes from the front of `input`; returns how many it took and what
    /// they made. Never takes a byte after the prefix.
    ///
    /// # Errors
    ///
    /// `InvalidData` for a LEB128 prefix of more than 10 bytes or one whose value does
    /// not fit 64 bits.
    #[inline]
    pub(crate) fn feed(&mut self, field: LengthField, input: &[u8]) -> io::Result<(usize, Fed)> {
        match field {
            LengthField::Fixed { width, endian } => Ok(self.feed_fixed(width, endian, input)),
            LengthField::Varint => self.feed_varint(input),
        }
    }

    #[inline]
    fn feed_fixed(&mut self, width: usize, endian: Endian, input: &[u8]) -> (usize, Fed) {
        // Whole prefix at hand and none of it seen yet: the hot path. With 8 bytes at hand
        // it is one 8-byte load and a shift or mask (a copy of `width` bytes into a local
        // array first was half the decoder's time: a memcpy call and a stalled reload).
        if self.seen == 0 && input.len() >= width {
            if let Some(word) = input
                .get(..8)
                .and_then(|bytes| <[u8; 8]>::try_from(bytes).ok())
            {
                let value = match endian {
                    Endian::Big => u64::from_be_bytes(word) >> (8 * (8 - width)),
                    Endian::Little => u64::from_le_bytes(word) & low_bytes_mask(width),
                };
                return (width, Fed::Done(value));
            }
        }
        let take = (width - self.seen).min(input.len());
        for &byte in &input[..take] {
            let byte = u64::from(byte);
            match endian {
                Endian::Big => self.value = (self.value << 8) | byte,
                Endian::Little => self.value |= byte << (8 * self.seen),
            }
            self.seen += 1;
        }
        if self.seen == width {
            let value = self.value;
            *self = PrefixParser::default();
            return (take, Fed::Done(value));
        }
        (take, Fed::More)
    }

    /// Out of line: the fixed-width path stays small.
    #[inline(never)]
    fn feed_varint(&mut self, input: &[u8]) -> io::Result<(usize, Fed)> {
        for (at, &byte) in input.iter().enumerate() {
            let group = u64::from(byte & 0x7F);
            // The tenth byte carries bit 63 alone: anything more does not fit 64 bits.
            if self.seen == MAX_PREFIX - 1 && group > 1 {
                return Err(invalid(
                    "a LEB128 length prefix whose value does not fit 64 bits",
                ));
            }
            self.value |= group << (7 * self.seen);
            self.seen += 1;
            if byte & 0x80 == 0 {
                let value = self.value;
                *self = PrefixParser::default();
                return Ok((at + 1, Fed::Done(value)));
            }
            if self.seen == MAX_PREFIX {
                return Err(invalid("a LEB128 length prefix longer than 10 bytes"));
            }
        }
        Ok((input.len(), Fed::More))
    }

    /// The value of the bytes seen so far: for LEB128, a lower bound of the length, so a
    /// prefix that already announces more than the maximum is refused before it ends.
    pub(crate) fn lower_bound(&self, field: LengthField) -> u64 {
        match field {
            LengthField::Varint => self.value,
            LengthField::Fixed { .. } => 0,
        }
    }
}

/// The mask of the low `width` bytes of a `u64` (`width` 1 to 8).
#[inline]
fn low_bytes_mask(width: usize) -> u64 {
    u64::MAX >> (8 * (8 - width))
}

#[cold]
fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_bytewise(field: LengthField, bytes: &[u8]) -> io::Result<Option<u64>> {
        let mut parser = PrefixParser::default();
        for at in 0..bytes.len() {
            let (used, fed) = parser.feed(field, &bytes[at..=at])?;
            assert_eq!(used, 1);
            if let Fed::Done(value) = fed {
                assert_eq!(at + 1, bytes.len(), "done before the last byte");
                return Ok(Some(value));
            }
        }
        Ok(None)
    }

    #[test]
    fn fixed_prefixes_read_the_same_whole_or_byte_by_byte() {
        for width in 1..=8 {
            for endian in [Endian::Big, Endian::Little] {
                let field = LengthField::Fixed { width, endian };
                let value = 0x0102_0304_0506_0708u64 >> (8 * (8 - width));
                // Payload bytes after the prefix must not leak into the value.
                let mut wire = [0xAAu8; 16];
                let n = field.put(value, &mut wire).unwrap();
                let mut whole = PrefixParser::default();
                assert_eq!(whole.feed(field, &wire).unwrap(), (n, Fed::Done(value)));
                let mut exact = PrefixParser::default();
                assert_eq!(
                    exact.feed(field, &wire[..n]).unwrap(),
                    (n, Fed::Done(value))
                );
                assert_eq!(parse_bytewise(field, &wire[..n]).unwrap(), Some(value));
            }
        }
    }

    #[test]
    fn padded_varints_are_read_as_the_leb128_crate_reads_them() {
        // 1 as 0x81 0x00: not the shortest form, which the writer never sends, but valid
        // LEB128; the `leb128` crate reads it as 1 too.
        let padded = [0x81u8, 0x00];
        let expected = leb128::read::unsigned(&mut &padded[..]).unwrap();
        assert_eq!(
            parse_bytewise(LengthField::Varint, &padded).unwrap(),
            Some(expected)
        );
    }

    #[test]
    fn varint_reads_u64_max_and_refuses_an_eleventh_byte_or_a_65th_bit() {
        let mut wire = [0u8; 10];
        let n = LengthField::Varint.put(u64::MAX, &mut wire).unwrap();
        assert_eq!(
            parse_bytewise(LengthField::Varint, &wire[..n]).unwrap(),
            Some(u64::MAX)
        );
        let too_big = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02];
        let error = parse_bytewise(LengthField::Varint, &too_big).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        let too_long = [0x80u8; 11];
        let error = parse_bytewise(LengthField::Varint, &too_long).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    }
}
