//! The sans-IO framing encoder: message frames, and the dispatch to chunked mode.

use std::io;

use writestack_core::{Encode, OutBuf, Prefix, Route};

use crate::chunked::ChunkStager;
use crate::config::Config;
use crate::length::{put_prefix, MAX_PREFIX};

/// Frames bytes into the adapter's buffer.
///
/// Message mode: every write is one frame, copied whole into the buffer when it fits
/// (all or nothing), or sent behind its prefix by the adapter ([`Route::Framed`]) when it
/// is at least as large as the buffer. Chunked mode (see `chunked.rs`): payload is staged
/// behind a prefix that is written when the chunk is cut.
#[derive(Debug)]
pub(crate) struct FrameEncoder {
    config: Config,
    /// Chunked mode's open chunk (never opened in message mode).
    stager: ChunkStager,
    /// Whether writes are stream bytes (chunked mode, outside a `Sink` item) rather than
    /// whole frames. One flag, read on every write, instead of two.
    stream: bool,
    marker_written: bool,
    /// Message frames and the end marker so far; cut chunks are counted by `stager`.
    frames: u64,
}

impl FrameEncoder {
    pub(crate) fn new(config: Config) -> FrameEncoder {
        FrameEncoder {
            config,
            stager: ChunkStager::new(config.field(), config.max()),
            stream: config.chunked(),
            marker_written: false,
            frames: 0,
        }
    }

    /// Marks the following writes as whole frames (`true`) or stream bytes (`false`).
    #[inline]
    pub(crate) fn set_item(&mut self, item: bool) {
        self.stream = self.config.chunked() && !item;
    }

    /// The configuration the encoder was built with.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Frames produced so far, the end marker included.
    pub(crate) fn frames(&self) -> u64 {
        self.frames + self.stager.chunks_cut()
    }

    /// Payload bytes of the open chunk (0 when none is open).
    pub(crate) fn pending(&self) -> usize {
        self.stager.pending()
    }

    /// Whether the current write is one frame of its own.
    #[inline]
    fn whole_frame(&self) -> bool {
        !self.stream
    }

    fn too_long(&self, len: usize) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "FrameWriter: a frame of {} bytes is longer than the maximum frame length {}",
                len,
                self.config.max()
            ),
        )
    }

    /// Refuses a frame longer than the maximum (nothing is taken).
    #[inline]
    fn check_len(&self, len: usize) -> io::Result<()> {
        if len > self.config.max() {
            return Err(self.too_long(len));
        }
        Ok(())
    }

    /// One whole frame of the concatenated `chunks`, copied into the buffer if prefix and
    /// payload fit its spare space; otherwise nothing is written and `Ok(0)` asks the
    /// adapter to drain first.
    #[inline]
    fn encode_frame(
        &mut self,
        chunks: &[&[u8]],
        len: usize,
        out: &mut OutBuf,
    ) -> io::Result<usize> {
        self.check_len(len)?;
        if self.stager.is_open() {
            // A Sink item in chunked mode ends the chunk before it.
            self.stager.cut(out)?;
        }
        let width = self.config.field().width_for(len as u64);
        let spare = out.spare_mut();
        if spare.len() < width + len {
            return Ok(0);
        }
        let mut at = put_prefix(self.config.field(), len, spare);
        for chunk in chunks {
            spare[at..at + chunk.len()].copy_from_slice(chunk);
            at += chunk.len();
        }
        out.commit(at);
        self.frames += 1;
        Ok(len)
    }

    /// The zero-length end frame, once.
    fn write_marker(&mut self, out: &mut OutBuf) -> bool {
        if !self.config.end_marker() || self.marker_written {
            return true;
        }
        let spare = out.spare_mut();
        if spare.len() < self.config.field().width_for(0) {
            return false;
        }
        let width = put_prefix(self.config.field(), 0, spare);
        out.commit(width);
        self.marker_written = true;
        self.frames += 1;
        true
    }
}

impl Encode for FrameEncoder {
    fn name(&self) -> &'static str {
        "FrameWriter"
    }

    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        if self.stream {
            self.stager.stage(input, out)
        } else {
            self.encode_frame(&[input], input.len(), out)
        }
    }

    fn encode_chunks(&mut self, chunks: &[&[u8]], out: &mut OutBuf) -> io::Result<usize> {
        if self.whole_frame() {
            let len = chunks.iter().map(|chunk| chunk.len()).sum();
            return self.encode_frame(chunks, len, out);
        }
        let mut taken = 0;
        for chunk in chunks {
            let n = self.stager.stage(chunk, out)?;
            taken += n;
            if n < chunk.len() {
                break;
            }
        }
        Ok(taken)
    }

    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.stager.cut(out)?;
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.stager.cut(out)?;
        Ok(self.write_marker(out))
    }

    #[inline]
    fn route(&mut self, len: usize, out: &OutBuf) -> io::Result<Route> {
        if self.stream {
            return Ok(Route::Encode);
        }
        self.check_len(len)?;
        let width = self.config.field().width_for(len as u64);
        // A staged chunk must be cut (in `encode`) before anything can overtake it.
        if self.stager.is_open() || width + len < out.capacity() {
            return Ok(Route::Encode);
        }
        let mut header = [0u8; MAX_PREFIX];
        let width = put_prefix(self.config.field(), len, &mut header);
        match Prefix::new(&header[..width]) {
            Some(prefix) => Ok(Route::Framed(prefix)),
            None => Ok(Route::Encode),
        }
    }

    /// A message is one frame, so a `write_buf` the adapter cannot gather whole (more
    /// than 64 slices) is refused with `InvalidInput` rather than framed in part.
    #[inline]
    fn takes_whole_writes(&self) -> bool {
        self.whole_frame()
    }

    fn framed_accepted(&mut self) {
        self.frames += 1;
    }
}
