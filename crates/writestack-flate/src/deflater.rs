//! The deflate codec shared by the three writers: flate2's `Compress`, driven straight
//! into the adapter's buffer.

use std::fmt;
use std::io;

use flate2::{Compress, Compression, FlushCompress, Status};
use writestack_core::{Encode, OutBuf};

/// A raw deflate or zlib encoder over flate2's `Compress`.
///
/// It is the whole `Encode` of `DeflateWriter` and `ZlibWriter` (flate2 writes the zlib
/// header and Adler-32 trailer itself), and the body of `GzipWriter`'s.
///
/// Flush bookkeeping (CONTRACT rules 8 and 9):
/// * `dirty`: input was taken since the last completed sync flush. A flush without it
///   emits nothing, so repeated flushes never add empty `00 00 ff ff` blocks.
/// * `syncing`: a sync flush has started and is not complete. The adapter never encodes
///   in the middle of one, and a retried flush continues it instead of starting another.
///
/// A sync flush is complete when `compress` returns with output room left over and what
/// it produced ends with the empty stored block's `00 00 ff ff`. (Room alone is enough
/// for zlib-rs, not for miniz_oxide, which can return early with room left.) It starts
/// only on an empty buffer, so every call of it sees the full capacity: the bytes it
/// produces then depend on the input and the flush points only, never on how fast the
/// inner writer drained earlier output (the wire does not depend on the schedule).
pub(crate) struct Deflater {
    name: &'static str,
    compress: Compress,
    level: Compression,
    dirty: bool,
    syncing: bool,
    /// The last 4 bytes the current sync flush produced.
    sync_tail: [u8; 4],
    ended: bool,
}

/// The end of every completed sync flush: LEN and NLEN of an empty stored block.
const SYNC_MARKER: [u8; 4] = [0, 0, 0xff, 0xff];

/// Shifts `produced` into `tail`, which keeps the last 4 bytes seen.
fn remember_tail(tail: &mut [u8; 4], produced: &[u8]) {
    if produced.len() >= 4 {
        tail.copy_from_slice(&produced[produced.len() - 4..]);
    } else {
        tail.rotate_left(produced.len());
        tail[4 - produced.len()..].copy_from_slice(produced);
    }
}

impl Deflater {
    /// A raw deflate (`zlib_header == false`) or zlib encoder at `level` (at most 9).
    pub(crate) fn new(name: &'static str, level: Compression, zlib_header: bool) -> Deflater {
        Deflater {
            name,
            compress: Compress::new(level, zlib_header),
            level,
            dirty: false,
            syncing: false,
            sync_tail: [1; 4],
            ended: false,
        }
    }

    pub(crate) fn level(&self) -> Compression {
        self.level
    }

    /// Input bytes the codec has taken.
    pub(crate) fn total_in(&self) -> u64 {
        self.compress.total_in()
    }

    /// One call of the codec: `(taken, produced, status)`.
    fn run(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        flush: FlushCompress,
    ) -> io::Result<(usize, usize, Status)> {
        let (in_before, out_before) = (self.compress.total_in(), self.compress.total_out());
        let status = self
            .compress
            .compress(input, output, flush)
            .map_err(|error| {
                io::Error::new(
                    io::ErrorKind::Other,
                    format!("{}: the deflate codec failed: {error}", self.name),
                )
            })?;
        let taken = (self.compress.total_in() - in_before) as usize;
        let produced = (self.compress.total_out() - out_before) as usize;
        Ok((taken, produced, status))
    }

    /// Compresses a prefix of `input` into the buffer's spare room; returns how much of
    /// `input` was taken. `BufError` (no progress possible) is not an error: it returns
    /// `Ok(0)` and the adapter drains the buffer before calling again.
    #[inline]
    pub(crate) fn deflate(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let spare = out.spare_mut();
        if spare.is_empty() || input.is_empty() {
            return Ok(0);
        }
        let (taken, produced, _) = self.run(input, spare, FlushCompress::None)?;
        out.commit(produced);
        if taken > 0 {
            self.dirty = true;
        }
        Ok(taken)
    }

    /// One sync flush of everything taken since the last one; `Ok(true)` once complete.
    pub(crate) fn sync(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        if !self.syncing {
            if !self.dirty || self.ended {
                return Ok(true);
            }
            if !out.is_empty() {
                // Start on an empty buffer (see the type docs): the adapter drains it.
                return Ok(false);
            }
            self.syncing = true;
            self.sync_tail = [1; 4];
        }
        loop {
            let spare = out.spare_mut();
            let room = spare.len();
            if room == 0 {
                return Ok(false);
            }
            let (_, produced, _) = self.run(&[], spare, FlushCompress::Sync)?;
            remember_tail(&mut self.sync_tail, &spare[..produced]);
            out.commit(produced);
            // zlib-rs has finished a sync flush whenever it leaves room. miniz_oxide may
            // also stop early, after a block it had to close on the way, with room left
            // and input still unprocessed; a finished sync flush ends with the empty
            // stored block's `00 00 ff ff`, so anything else needs another call. (Should
            // a block closed on the way end in those very bytes, which takes stored input
            // made for it, the unprocessed rest stays in the codec until the next flush
            // with new input or the finish: late, never lost or corrupted.)
            if produced == 0 || (produced < room && self.sync_tail == SYNC_MARKER) {
                self.syncing = false;
                self.dirty = false;
                return Ok(true);
            }
        }
    }

    /// The final block (and, for zlib, the Adler-32 trailer); `Ok(true)` once complete.
    pub(crate) fn end(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        while !self.ended {
            let spare = out.spare_mut();
            if spare.is_empty() {
                return Ok(false);
            }
            let (_, produced, status) = self.run(&[], spare, FlushCompress::Finish)?;
            out.commit(produced);
            match status {
                Status::StreamEnd => {
                    self.ended = true;
                    self.syncing = false;
                    self.dirty = false;
                }
                Status::Ok if produced > 0 => {}
                // Room was left and nothing came out: looping would never end.
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::Other,
                        format!(
                            "{}: the deflate codec stopped before the end of the stream \
                             ({status:?} with {} bytes of room)",
                            self.name,
                            out.spare_mut().len()
                        ),
                    ))
                }
            }
        }
        Ok(true)
    }
}

impl Encode for Deflater {
    fn name(&self) -> &'static str {
        self.name
    }

    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        self.deflate(input, out)
    }

    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.sync(out)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.end(out)
    }
}

impl fmt::Debug for Deflater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deflater")
            .field("level", &self.level.level())
            .field("total_in", &self.compress.total_in())
            .field("total_out", &self.compress.total_out())
            .field("dirty", &self.dirty)
            .field("syncing", &self.syncing)
            .field("ended", &self.ended)
            .finish()
    }
}
