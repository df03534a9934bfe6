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
/// When is a sync flush complete? Both backends finish one with a call that leaves output
/// room, but a call that leaves room is not always proof: after a call that filled its
/// room, miniz_oxide's next call may only copy out output it still held, and return with
/// room left before it has looked at the rest of its input. So a flush first empties the
/// codec of output it holds from earlier calls (calls without flushing, until one emits
/// nothing), then makes sync calls until one leaves room when the sync call before it (if
/// any) did not fill its own, or until one has nothing to emit. No output byte is read, so
/// no payload can end a flush early (rule 8).
///
/// Every call of a flush is made on an empty buffer, with the whole capacity as room, so
/// the bytes a flush produces depend on the input, the flush points and the capacity,
/// never on how fast the inner writer drained (the wire does not depend on the schedule).
/// With a capacity of at least [`MIN_CAPACITY`](crate::MIN_CAPACITY), what a codec may
/// still emit once the flush is done (a repeated empty stored block, 5 bytes) leaves room,
/// so the flush always ends.
///
/// The codec (about 300 KiB at the default window) is created on the first call that
/// needs it, so a writer that never writes holds none, and [`reset`](Deflater::reset)
/// keeps it for the next stream.
pub(crate) struct Deflater {
    compress: Option<Compress>,
    level: Compression,
    zlib_header: bool,
    window_bits: u8,
    stream: Stream,
}

/// Where the deflate stream is, for the flush bookkeeping (CONTRACT rules 8 and 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    /// Nothing taken since the last completed sync flush: a flush emits nothing.
    Clean,
    /// Input taken since the last completed sync flush.
    Dirty,
    /// A flush has started: the codec is emptied of output held from earlier calls. The
    /// adapter never encodes in the middle of a flush, and a retried flush continues it
    /// instead of starting another.
    Settling,
    /// The sync calls of a flush; `previous_filled` when the last one filled its room.
    Syncing { previous_filled: bool },
    /// The final block is written.
    Ended,
}

impl Deflater {
    /// A raw deflate (`zlib_header == false`) or zlib encoder at `level` (at most 9), with
    /// a window of `2^window_bits` bytes (checked by the caller: 15, or 9..=15 where the
    /// backend supports it).
    pub(crate) fn new(level: Compression, zlib_header: bool, window_bits: u8) -> Deflater {
        Deflater {
            compress: None,
            level,
            zlib_header,
            window_bits,
            stream: Stream::Clean,
        }
    }

    pub(crate) fn level(&self) -> Compression {
        self.level
    }

    pub(crate) fn window_bits(&self) -> u8 {
        self.window_bits
    }

    /// Input bytes the codec has taken in this stream.
    pub(crate) fn total_in(&self) -> u64 {
        self.compress.as_ref().map_or(0, Compress::total_in)
    }

    /// Starts a new stream, keeping the codec's memory.
    pub(crate) fn reset(&mut self) {
        if let Some(compress) = &mut self.compress {
            compress.reset();
        }
        self.stream = Stream::Clean;
    }

    fn codec(&mut self) -> &mut Compress {
        let (level, zlib_header, window_bits) = (self.level, self.zlib_header, self.window_bits);
        self.compress
            .get_or_insert_with(|| new_codec(level, zlib_header, window_bits))
    }

    /// One call of the codec: `(taken, produced, status)`.
    fn run(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        flush: FlushCompress,
    ) -> io::Result<(usize, usize, Status)> {
        let codec = self.codec();
        let (in_before, out_before) = (codec.total_in(), codec.total_out());
        let status = codec
            .compress(input, output, flush)
            .map_err(|error| io::Error::other(format!("the deflate codec failed: {error}")))?;
        // One call moves at most `input.len()` and `output.len()` bytes, so both fit a usize.
        let moved = |now: u64, before: u64| {
            usize::try_from(now - before).map_err(|_| {
                io::Error::other("the deflate codec reported more bytes than one call can move")
            })
        };
        let taken = moved(codec.total_in(), in_before)?;
        let produced = moved(codec.total_out(), out_before)?;
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
            self.stream = Stream::Dirty;
        }
        Ok(taken)
    }

    /// One sync flush of everything taken since the last one; `Ok(true)` once complete.
    pub(crate) fn sync(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        match self.stream {
            Stream::Clean | Stream::Ended => return Ok(true),
            Stream::Dirty => self.stream = Stream::Settling,
            Stream::Settling | Stream::Syncing { .. } => {}
        }
        loop {
            // Each call on an empty buffer (see the type docs): the adapter drains it.
            if !out.is_empty() {
                return Ok(false);
            }
            let spare = out.spare_mut();
            let room = spare.len();
            match self.stream {
                Stream::Syncing { previous_filled } => {
                    let (_, produced, _) = self.run(&[], spare, FlushCompress::Sync)?;
                    out.commit(produced);
                    if produced == 0 || (produced < room && !previous_filled) {
                        self.stream = Stream::Clean;
                        return Ok(true);
                    }
                    self.stream = Stream::Syncing {
                        previous_filled: produced == room,
                    };
                }
                _ => {
                    let (_, produced, _) = self.run(&[], spare, FlushCompress::None)?;
                    out.commit(produced);
                    if produced == 0 {
                        self.stream = Stream::Syncing {
                            previous_filled: false,
                        };
                    }
                }
            }
        }
    }

    /// The final block (and, for zlib, the Adler-32 trailer); `Ok(true)` once complete.
    pub(crate) fn end(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        while self.stream != Stream::Ended {
            let spare = out.spare_mut();
            if spare.is_empty() {
                return Ok(false);
            }
            let (_, produced, status) = self.run(&[], spare, FlushCompress::Finish)?;
            out.commit(produced);
            match status {
                Status::StreamEnd => self.stream = Stream::Ended,
                Status::Ok if produced > 0 => {}
                // Room was left and nothing came out: looping would never end.
                _ => {
                    return Err(io::Error::other(format!(
                        "the deflate codec stopped before the end of the stream \
                         ({status:?} with {} bytes of room)",
                        out.spare_mut().len()
                    )))
                }
            }
        }
        Ok(true)
    }
}

impl Encode for Deflater {
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
            .field("window_bits", &self.window_bits)
            .field("total_in", &self.total_in())
            .field(
                "total_out",
                &self.compress.as_ref().map_or(0, Compress::total_out),
            )
            .field("stream", &self.stream)
            .finish()
    }
}

/// A codec with the default window, or a smaller one where the backend allows it.
fn new_codec(level: Compression, zlib_header: bool, window_bits: u8) -> Compress {
    #[cfg(feature = "zlib-rs")]
    if window_bits != crate::MAX_WINDOW_BITS {
        return Compress::new_with_window_bits(level, zlib_header, window_bits);
    }
    debug_assert_eq!(window_bits, crate::MAX_WINDOW_BITS);
    Compress::new(level, zlib_header)
}
