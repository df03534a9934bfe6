//! Chunked mode: a byte stream staged in the buffer behind a reserved prefix that is
//! written when the chunk is cut.
//!
//! ```text
//!  OutBuf:  | ready (earlier frames) | prefix | payload staged so far | spare |
//!                                     └ reserved when the chunk opens, written at the cut
//! ```
//!
//! A fixed-width prefix is reserved in front of the chunk and patched in place at the cut.
//!
//! A LEB128 prefix's width depends on the final length, which is not known while the
//! payload is staged behind it. The chunk reserves the width the previous chunk needed
//! (the widest the buffer allows, for the first one), so a stream whose chunks are alike
//! (always cut by a full buffer, or by flushes at a steady pace) never moves a byte:
//!
//! * a chunk cut shorter than its reservation moves its payload down by the bytes it did
//!   not need and gives them back (`OutBuf::unstage`);
//! * a chunk that outgrows what its reservation carries (127 bytes for one byte, 16 383
//!   for two) moves its payload up once, to the widest prefix the buffer allows; what it
//!   moves is at most what the narrower prefix carried.
//!
//! Frames are cut exactly where they would be with the widest reservation (a full buffer,
//! the maximum length, a flush); only the copying differs. Moving nothing at all, ever,
//! would take padded (non-shortest) LEB128 prefixes, which strict readers refuse.

use std::io;

use writestack_core::OutBuf;

use crate::length::{put_prefix, LengthField, MAX_PREFIX};

/// Chunked mode's staging: the open chunk, the width its prefix reserves, and when it is
/// cut. It owns everything a chunk needs, so the encoder only says when bytes are
/// staged and when the chunk must end.
#[derive(Debug)]
pub(crate) struct ChunkStager {
    field: LengthField,
    max: usize,
    /// The chunk being staged, if one is open.
    open: Option<OpenChunk>,
    /// The prefix width the last chunk needed: what the next one reserves (LEB128).
    width_hint: usize,
    /// Chunks cut so far: each is a frame on the wire.
    cut: u64,
}

/// The chunk being staged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct OpenChunk {
    /// Payload bytes the chunk may still take behind its reserved prefix. Counting down
    /// keeps the per-write check to one comparison.
    room: usize,
    /// The longest payload the reserved prefix carries (at most the maximum).
    limit: usize,
    /// Bytes reserved in front of the payload for the prefix.
    reserved: usize,
}

impl OpenChunk {
    /// Payload bytes staged so far.
    #[inline]
    fn len(&self) -> usize {
        self.limit - self.room
    }
}

/// The largest length a LEB128 prefix of `width` bytes carries.
#[inline]
fn varint_capacity(width: usize) -> usize {
    // Seven bits a byte; from 64 bits on (10 bytes), any usize.
    u32::try_from(width.saturating_mul(7))
        .ok()
        .and_then(|bits| 1usize.checked_shl(bits))
        .map_or(usize::MAX, |bound| bound - 1)
}

impl ChunkStager {
    /// A stager with no chunk open, for prefixes of `field` and frames of at most `max`
    /// payload bytes. The first chunk may reserve the widest prefix the buffer allows:
    /// nothing is known yet about how long chunks will be.
    pub(crate) fn new(field: LengthField, max: usize) -> ChunkStager {
        ChunkStager {
            field,
            max,
            open: None,
            width_hint: MAX_PREFIX,
            cut: 0,
        }
    }

    /// Payload bytes of the open chunk (0 when none is open).
    pub(crate) fn pending(&self) -> usize {
        self.open.map_or(0, |chunk| chunk.len())
    }

    /// Whether a chunk is open: a frame of its own must cut it first. Inline, so that
    /// message mode (never a chunk) pays one test per frame, not a call.
    #[inline]
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Chunks cut so far.
    pub(crate) fn chunks_cut(&self) -> u64 {
        self.cut
    }

    /// The longest payload a `reserved`-byte prefix carries in this configuration.
    #[inline]
    fn limit_for(&self, reserved: usize) -> usize {
        match self.field {
            LengthField::Fixed { .. } => self.max,
            LengthField::Varint => self.max.min(varint_capacity(reserved)),
        }
    }

    /// The widest prefix a chunk of at most `longest` payload bytes needs.
    #[inline]
    fn widest_for(&self, longest: usize) -> usize {
        self.field.width_for(self.max.min(longest) as u64)
    }

    /// Opens a chunk, reserving its prefix, if the spare space can take the prefix and a
    /// payload byte.
    #[inline]
    fn open(&mut self, out: &mut OutBuf) -> bool {
        let spare = out.spare_mut().len();
        let reserved = self.widest_for(spare).min(self.width_hint);
        if spare <= reserved {
            return false;
        }
        // Placeholder bytes, written by `cut`.
        out.stage(reserved);
        let limit = self.limit_for(reserved);
        self.open = Some(OpenChunk {
            room: limit,
            limit,
            reserved,
        });
        true
    }

    /// Gives the open chunk, which has used up what its reserved LEB128 prefix carries,
    /// the widest prefix the buffer allows, moving its payload up. `false` when that is no
    /// wider (the chunk is complete) or the spare space cannot take the extra bytes and
    /// one more payload byte.
    #[cold]
    fn widen(&mut self, out: &mut OutBuf) -> bool {
        let Some(mut chunk) = self.open else {
            return false;
        };
        let len = chunk.len();
        let spare = out.spare_mut().len();
        let wider = self.widest_for(len.saturating_add(spare));
        if wider <= chunk.reserved || spare <= wider - chunk.reserved {
            return false;
        }
        out.stage(wider - chunk.reserved);
        out.staged_mut()
            .copy_within(chunk.reserved..chunk.reserved + len, wider);
        chunk.reserved = wider;
        chunk.limit = self.limit_for(wider);
        chunk.room = chunk.limit - len;
        self.open = Some(chunk);
        true
    }

    /// Stages as much of `input` as the buffer takes, cutting chunks that reach the
    /// maximum or fill the buffer. Returns the bytes taken (0: drain first).
    #[inline]
    pub(crate) fn stage(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        // The common case: a chunk is open and the write fits with room to spare, so no
        // chunk is opened, widened or cut.
        if let Some(chunk) = &mut self.open {
            let spare = out.spare_mut();
            if input.len() < spare.len() && input.len() < chunk.room {
                spare[..input.len()].copy_from_slice(input);
                out.stage(input.len());
                chunk.room -= input.len();
                return Ok(input.len());
            }
        }
        self.stage_general(input, out)
    }

    /// Every other case of [`stage`](ChunkStager::stage).
    #[inline(never)]
    fn stage_general(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let mut taken = 0;
        while taken < input.len() {
            match self.open {
                None => {
                    if !self.open(out) {
                        break;
                    }
                }
                Some(chunk) if chunk.room == 0 => {
                    if !self.widen(out) {
                        self.cut(out)?;
                    }
                    continue;
                }
                Some(_) => {}
            }
            let Some(chunk) = &mut self.open else {
                break;
            };
            let spare = out.spare_mut();
            let n = spare.len().min(chunk.room).min(input.len() - taken);
            spare[..n].copy_from_slice(&input[taken..taken + n]);
            // A full buffer or the maximum ends the chunk now; a LEB128 chunk that has
            // only outgrown its reservation stays open, to be widened if more comes.
            let full = n == spare.len() || (n == chunk.room && chunk.limit == self.max);
            out.stage(n);
            chunk.room -= n;
            taken += n;
            if full {
                self.cut(out)?;
            }
        }
        Ok(taken)
    }

    /// Ends the open chunk, if any: writes its prefix and makes it sendable. Out of line:
    /// it runs once per frame, not once per write.
    #[inline(never)]
    pub(crate) fn cut(&mut self, out: &mut OutBuf) -> io::Result<()> {
        let Some(chunk) = self.open.take() else {
            return Ok(());
        };
        let len = chunk.len();
        let staged = out.staged_mut();
        if staged.len() != chunk.reserved + len {
            return Err(lost_track());
        }
        let width = self.field.width_for(len as u64);
        if width < chunk.reserved {
            // Cut short of its reservation (LEB128 only): close the gap.
            staged.copy_within(chunk.reserved.., width);
            out.unstage(chunk.reserved - width);
        } else if width > chunk.reserved {
            return Err(lost_track());
        }
        put_prefix(self.field, len, out.staged_mut());
        out.release();
        // The next chunk is likely cut like this one.
        self.width_hint = width;
        self.cut += 1;
        Ok(())
    }
}

/// The staged bytes are not the chunk this stager opened: a bug, reported instead of
/// sending a corrupt frame.
fn lost_track() -> io::Error {
    io::Error::other("FrameWriter: the staged chunk does not match its length (internal error)")
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
