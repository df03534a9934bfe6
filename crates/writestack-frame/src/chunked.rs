//! Chunked mode: a byte stream staged in the buffer behind a prefix that is written when
//! the chunk is cut.
//!
//! ```text
//!  OutBuf:  | ready (earlier frames) | prefix | payload staged so far | spare |
//!                                     └ fixed width: reserved, patched at the cut
//! ```
//!
//! A fixed-width prefix is reserved in front of the chunk and patched in place when the
//! chunk is cut. A LEB128 prefix's width depends on the final length, so nothing is
//! reserved: the chunk keeps room after it for the widest prefix it could need, and the
//! cut moves the payload up by the real width and writes the prefix in front. (With a
//! way to give back staged bytes, the cut could reserve the widest prefix instead and
//! move only the chunks that came out shorter.)

use std::io;

use writestack_core::OutBuf;

use crate::encoder::FrameEncoder;
use crate::length::{put_prefix, varint_len, LengthField};

impl FrameEncoder {
    /// Payload bytes the open chunk (holding `pending`) can still take, given `spare`
    /// free bytes after it.
    #[inline]
    fn room(&self, pending: usize, spare: usize) -> usize {
        let by_max = self.config.max - pending;
        match self.config.field {
            // The prefix is already reserved in front of the chunk.
            LengthField::Fixed { .. } => by_max.min(spare),
            LengthField::Varint => self.varint_room(pending, spare),
        }
    }

    /// Keeps room after the chunk for the prefix of the longest chunk it could become.
    /// Out of line, so the fixed-width hot path does not carry it.
    #[inline(never)]
    fn varint_room(&self, pending: usize, spare: usize) -> usize {
        let longest = self.config.max.min(pending.saturating_add(spare));
        (self.config.max - pending).min(spare.saturating_sub(varint_len(longest as u64)))
    }

    /// Opens a chunk if the spare space can take a prefix and a payload byte.
    #[inline]
    fn open_chunk(&mut self, out: &mut OutBuf) -> bool {
        let spare = out.spare_mut().len();
        match self.config.field {
            LengthField::Fixed { width, .. } => {
                if spare <= width {
                    return false;
                }
                // Placeholder bytes, patched by `cut`.
                out.stage(width);
            }
            LengthField::Varint => {
                if self.room(0, spare) == 0 {
                    return false;
                }
            }
        }
        self.pending = Some(0);
        true
    }

    /// Stages as much of `input` as the buffer takes, cutting chunks that reach the
    /// maximum length or fill the buffer. Returns the bytes taken (0: drain first).
    #[inline]
    pub(crate) fn encode_stream(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        // The common case: a fixed-width chunk is open and the write fits with room to
        // spare, so no chunk is opened or cut.
        if let (Some(pending), LengthField::Fixed { .. }) = (self.pending, self.config.field) {
            let spare = out.spare_mut();
            if input.len() < spare.len() && input.len() < self.config.max - pending {
                spare[..input.len()].copy_from_slice(input);
                out.stage(input.len());
                self.pending = Some(pending + input.len());
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
            let pending = match self.pending {
                Some(pending) => pending,
                None => {
                    if !self.open_chunk(out) {
                        break;
                    }
                    0
                }
            };
            let spare = out.spare_mut();
            let n = self.room(pending, spare.len()).min(input.len() - taken);
            if n == 0 {
                // Not reached (a full chunk is cut below), but never loop on it.
                self.cut(out)?;
                continue;
            }
            spare[..n].copy_from_slice(&input[taken..taken + n]);
            let left = spare.len() - n;
            out.stage(n);
            taken += n;
            let pending = pending + n;
            self.pending = Some(pending);
            if self.room(pending, left) == 0 {
                self.cut(out)?;
            }
        }
        Ok(taken)
    }

    /// Ends the open chunk: writes its prefix and makes it sendable.
    pub(crate) fn cut(&mut self, out: &mut OutBuf) -> io::Result<()> {
        let pending = match self.pending.take() {
            Some(pending) => pending,
            None => return Ok(()),
        };
        match self.config.field {
            LengthField::Fixed { width, endian } => {
                let staged = out.staged_mut();
                if staged.len() != width + pending {
                    return Err(lost_track());
                }
                put_prefix(LengthField::Fixed { width, endian }, pending, staged);
            }
            LengthField::Varint => {
                let width = varint_len(pending as u64);
                if out.spare_mut().len() < width {
                    return Err(lost_track());
                }
                out.stage(width);
                let staged = out.staged_mut();
                if staged.len() != width + pending {
                    return Err(lost_track());
                }
                staged.copy_within(..pending, width);
                put_prefix(LengthField::Varint, pending, staged);
            }
        }
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
