//! The sans-IO framing encoder: message frames, the end marker, and which unit a write
//! is (a frame of its own, or bytes of chunked mode's stream).

use std::fmt;
use std::io;

use writestack_core::{Encode, OutBuf, PendingBytes, Prefix, WriteKind};

use crate::chunked::ChunkStager;
use crate::config::Config;
use crate::length::PaddedPrefix;

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
    /// What a write of `kind` is: a `Sink` item is always a frame; a plain write
    /// (`write`, `poll_write`, `write_buf`) is a frame in message mode, stream bytes in
    /// chunked mode.
    #[inline]
    pub(crate) fn of(kind: WriteKind, config: &Config) -> Unit {
        match kind {
            WriteKind::Stream if config.chunked() => Unit::Stream,
            WriteKind::Stream | WriteKind::Item => Unit::Frame,
        }
    }
}

/// Frames bytes into the adapter's buffer.
///
/// Stream bytes (chunked mode) are staged by the [`ChunkStager`] behind a prefix that is
/// written when the chunk is cut; they are the only input `encode` ever sees. A frame of
/// its own (a message, a `Sink` item) never reaches `encode`: [`FrameRouting`] gives the
/// adapter its prefix, and the adapter takes prefix and payload whole
/// ([`Route::Framed`](writestack_core::Route::Framed)).
///
/// [`FrameRouting`]: crate::routing::FrameRouting
pub(crate) struct FrameEncoder {
    config: Config,
    /// The length field, set up once for writing prefixes.
    padded: PaddedPrefix,
    /// Chunked mode's open chunk (never opened in message mode).
    stager: ChunkStager,
    /// The zero-length end frame, once the stream ends (with an end marker only).
    marker: Option<PendingBytes<Prefix>>,
    /// Message frames so far; cut chunks are counted by `stager`, the end marker by
    /// `marker`.
    frames: u64,
}

impl FrameEncoder {
    pub(crate) fn new(config: Config) -> FrameEncoder {
        FrameEncoder {
            config,
            padded: PaddedPrefix::new(config.field()),
            stager: ChunkStager::new(config.field(), config.max()),
            marker: None,
            frames: 0,
        }
    }

    /// The configuration the encoder was built with.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Frames produced so far, the end marker included.
    pub(crate) fn frames(&self) -> u64 {
        let marker = self
            .marker
            .as_ref()
            .map_or(0, |m| u64::from(m.remaining().is_empty()));
        self.frames + self.stager.chunks_cut() + marker
    }

    /// Payload bytes of the open chunk (0 when none is open).
    pub(crate) fn pending(&self) -> usize {
        self.stager.pending()
    }

    /// The prefix of a frame of `len` bytes, after the open chunk (if any) is cut so the
    /// frame cannot overtake it.
    ///
    /// # Errors
    ///
    /// `InvalidInput` for a frame longer than the maximum, before anything changes.
    #[inline]
    pub(crate) fn frame_prefix(&mut self, len: usize, out: &mut OutBuf) -> io::Result<Prefix> {
        self.check_len(len)?;
        if self.stager.is_open() {
            self.stager.cut(out)?;
        }
        self.prefix(len)
    }

    /// The prefix of a frame of `len` bytes written at the start of `head`, when the frame
    /// is within the maximum (else `None`, and [`frame_prefix`](FrameEncoder::frame_prefix)
    /// decides). An open chunk to cut first needs no test here: it has staged bytes (at
    /// least its reserved prefix), and the adapter takes no short unit while anything is
    /// staged.
    #[inline]
    pub(crate) fn short_prefix(
        &self,
        len: usize,
        head: &mut [u8; Prefix::MAX_LEN],
    ) -> Option<usize> {
        if len > self.config.max() {
            return None;
        }
        Some(self.padded.put(len, head))
    }

    /// Refuses a frame longer than the maximum (`InvalidInput`), before anything of it is
    /// taken or held.
    #[inline]
    pub(crate) fn check_len(&self, len: usize) -> io::Result<()> {
        if len > self.config.max() {
            return Err(too_long(len, self.config.max()));
        }
        Ok(())
    }

    /// Counts a frame the adapter accepted whole.
    #[inline]
    pub(crate) fn count_frame(&mut self) {
        self.frames += 1;
    }

    /// The zero-length end frame, once, resumed where a full buffer cut it.
    fn write_marker(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        if !self.config.end_marker() {
            return Ok(true);
        }
        if self.marker.is_none() {
            self.marker = Some(PendingBytes::new(self.prefix(0)?));
        }
        Ok(self
            .marker
            .as_mut()
            .map_or(true, |marker| marker.push_into(out)))
    }

    /// The length prefix of a frame of `len` bytes.
    #[inline]
    fn prefix(&self, len: usize) -> io::Result<Prefix> {
        let mut header = [0u8; Prefix::MAX_LEN];
        let width = self.padded.put(len, &mut header);
        Prefix::from_array(header, width).ok_or_else(|| {
            io::Error::other("a length prefix longer than 16 bytes (internal error)")
        })
    }
}

/// Out of line: the formatting is for the rare refusal only.
#[cold]
fn too_long(len: usize, max: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("a frame of {len} bytes is longer than the maximum frame length {max}"),
    )
}

/// The configuration and progress, not the staged bytes.
impl fmt::Debug for FrameEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = if self.config.chunked() {
            "chunked"
        } else {
            "message"
        };
        f.debug_struct("FrameEncoder")
            .field("mode", &mode)
            .field("length_field", &self.config.field())
            .field("max_frame_length", &self.config.max())
            .field("end_marker", &self.config.end_marker())
            .field("frames_written", &self.frames())
            .field("pending_chunk", &self.pending())
            .finish()
    }
}

impl Encode for FrameEncoder {
    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        self.stager.stage(input, out)
    }

    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.stager.cut(out)?;
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        self.stager.cut(out)?;
        self.write_marker(out)
    }
}
