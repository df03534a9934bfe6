//! Which writes are frames of their own: every write in message mode, a `Sink` item in
//! either mode.

use std::io;

use writestack_core::{OutBuf, Prefix, Route, Routing, WriteKind};

use crate::encoder::{FrameEncoder, Unit};

/// Routes a frame of its own as one unit behind its length prefix
/// ([`Route::Framed`]): the adapter copies prefix and payload into the buffer when they
/// are shorter than it, and otherwise sends them past it without a copy. Chunked mode's
/// stream bytes go to the encoder, which stages them into the open chunk.
///
/// The unit is decided per call: a plain write is a frame in message mode and stream
/// bytes in chunked mode, a `Sink` item ([`WriteKind::Item`]) is always a frame.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FrameRouting;

impl Routing<FrameEncoder> for FrameRouting {
    #[inline]
    fn route(
        &mut self,
        encoder: &mut FrameEncoder,
        len: usize,
        kind: WriteKind,
        out: &mut OutBuf,
    ) -> io::Result<Route> {
        match Unit::of(kind, encoder.config()) {
            Unit::Stream => Ok(Route::Encode),
            Unit::Frame => encoder.frame_prefix(len, out).map(Route::Framed),
        }
    }

    const SHORT_UNITS: bool = true;

    #[inline]
    fn short_unit(
        &self,
        encoder: &FrameEncoder,
        len: usize,
        kind: WriteKind,
        head: &mut [u8; Prefix::MAX_LEN],
    ) -> Option<usize> {
        match Unit::of(kind, encoder.config()) {
            Unit::Stream => None,
            Unit::Frame => encoder.short_prefix(len, head),
        }
    }

    #[inline]
    fn unit_accepted(&mut self, encoder: &mut FrameEncoder) {
        encoder.count_frame();
    }
}
