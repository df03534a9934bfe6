//! The encoder behind `GzipWriter`: header, deflate body, CRC-32 and ISIZE trailer.

use std::fmt;
use std::io;

use crc32fast::Hasher;
use flate2::Compression;
use writestack_core::{Encode, OutBuf, PendingBytes};

use crate::deflater::Deflater;

/// One gzip member (RFC 1952). The header and the trailer are this layer's own, and both
/// are written resumably: whatever does not fit the buffer now goes out on the next call,
/// from the byte where it stopped, never twice.
///
/// The header goes out lazily, with the first encode, flush or finish, so a writer that is
/// never used writes nothing, and an empty stream is still a whole member.
pub(crate) struct GzipEncoder {
    header: PendingBytes<HeaderBytes>,
    deflater: Deflater,
    crc: Hasher,
    /// The trailer, once the body has ended (its values are known only then).
    pending_tail: Option<PendingBytes<[u8; TRAILER_LEN]>>,
}

/// A member's header: the fixed 10 bytes inline when there are no optional fields (the
/// common case, so a default writer holds no heap for it), else on the heap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HeaderBytes {
    Fixed([u8; FIXED_HEADER_LEN]),
    WithFields(Box<[u8]>),
}

/// Length of a header without optional fields.
pub(crate) const FIXED_HEADER_LEN: usize = 10;

impl AsRef<[u8]> for HeaderBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            HeaderBytes::Fixed(bytes) => bytes,
            HeaderBytes::WithFields(bytes) => bytes,
        }
    }
}

/// Length of the CRC-32 + ISIZE trailer.
const TRAILER_LEN: usize = 8;

impl GzipEncoder {
    /// An encoder writing `header` (already built and checked) then deflate at `level`
    /// with a `2^window_bits` window (checked).
    pub(crate) fn new(header: HeaderBytes, level: Compression, window_bits: u8) -> GzipEncoder {
        GzipEncoder {
            header: PendingBytes::new(header),
            deflater: Deflater::new(level, false, window_bits),
            crc: Hasher::new(),
            pending_tail: None,
        }
    }

    /// Starts a new member with the same header, keeping the codec's memory.
    pub(crate) fn reset(&mut self) {
        self.header.rewind();
        self.deflater.reset();
        self.crc = Hasher::new();
        self.pending_tail = None;
    }

    pub(crate) fn level(&self) -> Compression {
        self.deflater.level()
    }

    pub(crate) fn window_bits(&self) -> u8 {
        self.deflater.window_bits()
    }

    pub(crate) fn header(&self) -> &[u8] {
        self.header.bytes().as_ref()
    }

    /// The CRC-32 of everything taken so far.
    pub(crate) fn crc(&self) -> u32 {
        self.crc.clone().finalize()
    }

    /// CRC-32 then ISIZE (the input length modulo 2^32), both little endian.
    fn trailer(&self) -> [u8; TRAILER_LEN] {
        let mut trailer = [0; TRAILER_LEN];
        trailer[..4].copy_from_slice(&self.crc().to_le_bytes());
        // Truncation is the format: ISIZE is the length modulo 2^32 (RFC 1952).
        #[allow(clippy::cast_possible_truncation)]
        let input_size = self.deflater.total_in() as u32;
        trailer[4..].copy_from_slice(&input_size.to_le_bytes());
        trailer
    }
}

impl Encode for GzipEncoder {
    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        if !self.header.push_into(out) {
            return Ok(0);
        }
        let taken = self.deflater.deflate(input, out)?;
        // Only what the codec took is ours (CONTRACT rule 1): hash exactly that.
        self.crc.update(&input[..taken]);
        Ok(taken)
    }

    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        if !self.header.push_into(out) {
            return Ok(false);
        }
        self.deflater.sync(out)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        if !self.header.push_into(out) || !self.deflater.end(out)? {
            return Ok(false);
        }
        let trailer = self.trailer();
        let tail = self
            .pending_tail
            .get_or_insert_with(|| PendingBytes::new(trailer));
        Ok(tail.push_into(out))
    }
}

impl fmt::Debug for GzipEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GzipEncoder")
            .field("header_left", &self.header.remaining().len())
            .field("deflater", &self.deflater)
            .field("crc", &format_args!("{:08x}", self.crc()))
            .field("pending_tail", &self.pending_tail)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use writestack_core::{EncodeWriter, Finish};

    use super::*;

    fn header() -> HeaderBytes {
        HeaderBytes::Fixed([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])
    }

    #[test]
    fn header_and_trailer_resume_byte_by_byte_without_repeats() {
        // A 1-byte buffer: header, body and trailer each go out one byte per call.
        let encoder = GzipEncoder::new(header(), Compression::default(), 15);
        let mut writer = EncodeWriter::with_capacity(1, encoder, Vec::new());
        writer.write_all(b"abc").unwrap();
        writer.poll_finish().unwrap();
        let wire = writer.into_inner();
        assert_eq!(&wire[..10], header().as_ref());
        // CRC-32 of "abc" as published with the IEEE polynomial's check values.
        assert_eq!(
            &wire[wire.len() - 8..wire.len() - 4],
            &0x352441c2u32.to_le_bytes()
        );
        assert_eq!(&wire[wire.len() - 4..], &3u32.to_le_bytes());
    }
}
