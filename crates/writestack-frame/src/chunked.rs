//! Chunked mode: a byte stream staged in the buffer behind a reserved prefix that is
//! written when the chunk is cut.
//!
//! ```text
//!  OutBuf:  | ready (earlier frames) | prefix | payload staged so far | spare |
//!                                     └ reserved when the chunk opens, written at the cut
//! ```
//!
//! A fixed-width prefix is reserved in front of the chunk and patched in place at the cut.
//! A LEB128 prefix's width depends on the final length, so the chunk reserves the width
//! of the longest chunk it could become (the maximum, or the spare space when the chunk
//! opened, whichever is less). A chunk cut at that width (the buffer filled, the maximum
//! was reached) is patched in place like a fixed-width one; only a chunk cut short (a
//! flush, the end, a `Sink` item) moves its payload down by the bytes it did not need
//! and gives them back with `OutBuf::unstage`. Moving nothing at all would take a padded,
//! non-shortest LEB128 prefix, which strict readers refuse.

use std::io;

use writestack_core::OutBuf;

use crate::encoder::FrameEncoder;
use crate::length::{put_prefix, varint_len, LengthField};

/// The chunk being staged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// Payload bytes staged so far.
    pub(crate) len: usize,
    /// Bytes reserved in front of the payload for the prefix.
    reserved: usize,
    /// The longest payload the reserved prefix carries (at most the maximum).
    limit: usize,
}

/// The largest length a LEB128 prefix of `width` bytes carries.
#[inline]
fn varint_capacity(width: usize) -> usize {
    let bits = 7 * width as u32;
    if bits >= usize::BITS {
        usize::MAX
    } else {
        (1usize << bits) - 1
    }
}

impl FrameEncoder {
    /// Opens a chunk, reserving its prefix, if the spare space can take the prefix and a
    /// payload byte.
    #[inline]
    fn open_chunk(&mut self, out: &mut OutBuf) -> bool {
        let spare = out.spare_mut().len();
        let (reserved, limit) = match self.config.field {
            LengthField::Fixed { width, .. } => (width, self.config.max),
            LengthField::Varint => {
                // Wide enough for any chunk the spare space could hold; after a drain the
                // spare space may grow, so the chunk also stops at what the prefix carries.
                let reserved = varint_len(self.config.max.min(spare) as u64);
                (reserved, self.config.max.min(varint_capacity(reserved)))
            }
        };
        if spare <= reserved {
            return false;
        }
        // Placeholder bytes, written by `cut`.
        out.stage(reserved);
        self.chunk = Some(Chunk {
            len: 0,
            reserved,
            limit,
        });
        true
    }

    /// Stages as much of `input` as the buffer takes, cutting chunks that reach their
    /// limit or fill the buffer. Returns the bytes taken (0: drain first).
    #[inline]
    pub(crate) fn encode_stream(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        // The common case: a chunk is open and the write fits with room to spare, so no
        // chunk is opened or cut.
        if let Some(chunk) = &mut self.chunk {
            let spare = out.spare_mut();
            if input.len() < spare.len() && input.len() < chunk.limit - chunk.len {
                spare[..input.len()].copy_from_slice(input);
                out.stage(input.len());
                chunk.len += input.len();
                return Ok(input.len());
            }
        }
        self.encode_stream_general(input, out)
    }

    /// Every other case of [`encode_stream`](FrameEncoder::encode_stream).
    #[inline(never)]
    fn encode_stream_general(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let mut taken = 0;
        while taken < input.len() {
            if self.chunk.is_none() && !self.open_chunk(out) {
                break;
            }
            let Some(chunk) = &mut self.chunk else {
                break;
            };
            let spare = out.spare_mut();
            let n = spare
                .len()
                .min(chunk.limit - chunk.len)
                .min(input.len() - taken);
            spare[..n].copy_from_slice(&input[taken..taken + n]);
            let full = n == spare.len() || chunk.len + n == chunk.limit;
            out.stage(n);
            chunk.len += n;
            taken += n;
            if full {
                self.cut(out)?;
            }
        }
        Ok(taken)
    }

    /// Ends the open chunk: writes its prefix and makes it sendable.
    pub(crate) fn cut(&mut self, out: &mut OutBuf) -> io::Result<()> {
        let Some(chunk) = self.chunk.take() else {
            return Ok(());
        };
        let staged = out.staged_mut();
        if staged.len() != chunk.reserved + chunk.len {
            return Err(lost_track());
        }
        let width = self.config.field.width_for(chunk.len as u64);
        if width < chunk.reserved {
            // Cut short: a LEB128 prefix narrower than reserved. Close the gap.
            staged.copy_within(chunk.reserved.., width);
            out.unstage(chunk.reserved - width);
        } else if width > chunk.reserved {
            return Err(lost_track());
        }
        put_prefix(self.config.field, chunk.len, out.staged_mut());
        out.release();
        self.frames += 1;
        Ok(())
    }
}

/// The staged bytes are not the chunk this encoder opened: a bug, reported instead of
/// sending a corrupt frame.
fn lost_track() -> io::Error {
    io::Error::new(
        io::ErrorKind::Other,
        "FrameWriter: the staged chunk does not match its length (internal error)",
    )
}

#[cfg(test)]
mod tests {
    use super::varint_capacity;
    use crate::length::varint_len;

    #[test]
    fn varint_capacity_is_the_largest_length_of_that_width() {
        for width in (1..=9).filter(|width| 7 * width < usize::BITS as usize) {
            let capacity = varint_capacity(width);
            assert_eq!(varint_len(capacity as u64), width);
            assert_eq!(varint_len(capacity as u64 + 1), width + 1);
        }
        assert_eq!(varint_capacity(10), usize::MAX);
    }
}
