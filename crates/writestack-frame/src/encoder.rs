//! The sans-IO framing encoder: message frames, the end marker, and which unit a write
//! is (a frame of its own, or bytes of chunked mode's stream).

use std::io;

use writestack_core::{Encode, OutBuf, Prefix, Route};

use crate::chunked::ChunkStager;
use crate::config::Config;
use crate::length::{put_prefix, MAX_PREFIX};

/// What one write is to the encoder. The framing methods take it as an argument: whether
/// bytes are a frame or stream depends on the call (a `Sink` item is a frame even in
/// chunked mode), not on the encoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A frame of its own, taken whole or not at all: every write in message mode, a
    /// `Sink` item in either mode.
    Frame,
    /// Bytes of chunked mode's stream, staged into the open chunk.
    Stream,
}

impl Unit {
    /// What a plain write (`write`, `poll_write`, `write_buf`) is: a frame in message
    /// mode, stream bytes in chunked mode.
    #[inline]
    fn of_writes(config: &Config) -> Unit {
        if config.chunked() {
            Unit::Stream
        } else {
            Unit::Frame
        }
    }
}

/// Frames bytes into the adapter's buffer.
///
/// A frame is copied whole into the buffer when it fits (all or nothing), or sent behind
/// its prefix by the adapter ([`Route::Framed`]) when it is at least as large as the
/// buffer. Stream bytes are staged by the [`ChunkStager`] behind a prefix that is written
/// when the chunk is cut.
#[derive(Debug)]
pub(crate) struct FrameEncoder {
    config: Config,
    /// Chunked mode's open chunk (never opened in message mode).
    stager: ChunkStager,
    /// The unit of the adapter call in progress, which the `Encode` methods pass on: the
    /// adapter calls them without one. It is the unit of a plain write except inside
    /// [`FrameEncoder::begin_call`] .. [`FrameEncoder::end_call`].
    call: Unit,
    marker_written: bool,
    /// Message frames and the end marker so far; cut chunks are counted by `stager`.
    frames: u64,
}

impl FrameEncoder {
    pub(crate) fn new(config: Config) -> FrameEncoder {
        FrameEncoder {
            config,
            stager: ChunkStager::new(config.field(), config.max()),
            call: Unit::of_writes(&config),
            marker_written: false,
            frames: 0,
        }
    }

    /// Makes the adapter's calls into the encoder, until [`end_call`](Self::end_call),
    /// take their input as a `unit`. The bridge from one `FrameWriter` call to the
    /// `Encode` methods, which have no argument for it.
    #[inline]
    pub(crate) fn begin_call(&mut self, unit: Unit) {
        self.call = unit;
    }

    /// Ends [`begin_call`](Self::begin_call): calls are plain writes again.
    #[inline]
    pub(crate) fn end_call(&mut self) {
        self.call = Unit::of_writes(&self.config);
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

    /// Apart from [`check_len`](Self::check_len), which inlines into every write: the
    /// formatting is for the rare refusal only.
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

    /// How the adapter takes a write of `len` bytes that is a `unit`.
    #[inline]
    pub(crate) fn route_as(&mut self, unit: Unit, len: usize, out: &OutBuf) -> io::Result<Route> {
        if unit == Unit::Stream {
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

    /// Takes `input`, one write that is a `unit`; returns the bytes taken (0: drain
    /// first).
    #[inline]
    pub(crate) fn encode_as(
        &mut self,
        unit: Unit,
        input: &[u8],
        out: &mut OutBuf,
    ) -> io::Result<usize> {
        match unit {
            Unit::Stream => self.stager.stage(input, out),
            Unit::Frame => self.encode_frame(&[input], input.len(), out),
        }
    }

    /// Takes the concatenated `slices`, one write that is a `unit`: a frame all or
    /// nothing, stream bytes slice by slice up to the first one not taken whole.
    pub(crate) fn encode_slices_as(
        &mut self,
        unit: Unit,
        slices: &[&[u8]],
        out: &mut OutBuf,
    ) -> io::Result<usize> {
        if unit == Unit::Frame {
            let len = slices.iter().map(|slice| slice.len()).sum();
            return self.encode_frame(slices, len, out);
        }
        let mut taken = 0;
        for slice in slices {
            let n = self.stager.stage(slice, out)?;
            taken += n;
            if n < slice.len() {
                break;
            }
        }
        Ok(taken)
    }

    /// One whole frame of the concatenated `slices`, copied into the buffer if prefix and
    /// payload fit its spare space; otherwise nothing is written and `Ok(0)` asks the
    /// adapter to drain first.
    #[inline]
    fn encode_frame(
        &mut self,
        slices: &[&[u8]],
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
        for slice in slices {
            spare[at..at + slice.len()].copy_from_slice(slice);
            at += slice.len();
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

// Each method hands the unit of the call in progress to the framing methods above, which
// hold the logic; the trait has no argument for it.
impl Encode for FrameEncoder {
    fn name(&self) -> &'static str {
        "FrameWriter"
    }

    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        self.encode_as(self.call, input, out)
    }

    fn encode_chunks(&mut self, slices: &[&[u8]], out: &mut OutBuf) -> io::Result<usize> {
        self.encode_slices_as(self.call, slices, out)
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
        self.route_as(self.call, len, out)
    }

    /// A frame is one unit, so a `write_buf` of more slices than the adapter gathers at
    /// once is still taken whole (copied in once the buffer has drained), never framed in
    /// part.
    #[inline]
    fn takes_whole_writes(&self) -> bool {
        self.call == Unit::Frame
    }

    fn framed_accepted(&mut self) {
        self.frames += 1;
    }
}
