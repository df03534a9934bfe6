//! Whole frames out of decoding steps, for the `Stream`s of message mode.
//!
//! ```text
//!  BytesMut:  | frames handed out (split off) | current frame: filled | zeroed spare |
//!                                              └ the decoder writes here, one frame at most
//! ```
//!
//! The decoder copies a frame's payload straight into the spare end of a `BytesMut`; at
//! the frame's end it is split off and frozen, without another copy. The spare is zeroed
//! once when it is added (no `unsafe`), never per frame, and is added only as bytes
//! arrive: [`SPARE`] bytes at a time, or, inside a frame, at most what the frame's checked
//! length still needs (doubling with what it already holds), so a frame announced as
//! 8 MiB costs memory only as its bytes arrive, and never more than its length plus
//! [`SPARE`] (rule [R4](writestack_core#readers)).

use writestack_core::Decoded;

/// Spare bytes offered to the decoder between frames: what a frame can use before its
/// length is known. Small frames share it (the `BytesMut` is split, not reallocated).
pub(crate) const SPARE: usize = 8 * 1024;

/// Frames up to this long are copied out into an allocation of their own, and the spare
/// is used again; longer ones are split off. (Measured: for 64 B frames a split costs two
/// atomic reference-count updates, more than a small allocation and copy.)
pub(crate) const COPY_MAX: usize = 256;

/// A `BytesMut` of bytes 0.4 or bytes 1: the few calls assembling needs.
pub(crate) trait FrameBuf: Default {
    /// The frozen frame handed out.
    type Frozen;
    fn len(&self) -> usize;
    /// Grows the zeroed length to `new_len` (allocating if it must).
    fn grow_zeroed(&mut self, new_len: usize);
    fn bytes_mut(&mut self) -> &mut [u8];
    /// The first `at` bytes, frozen; the rest stays.
    fn split_frozen(&mut self, at: usize) -> Self::Frozen;
    /// A copy of the first `at` bytes, in an allocation of its own; nothing changes.
    fn copy_frozen(&self, at: usize) -> Self::Frozen;
}

macro_rules! frame_buf {
    ($bytes:ident) => {
        impl FrameBuf for $bytes::BytesMut {
            type Frozen = $bytes::Bytes;

            #[inline]
            fn len(&self) -> usize {
                $bytes::BytesMut::len(self)
            }

            fn grow_zeroed(&mut self, new_len: usize) {
                self.reserve(new_len - $bytes::BytesMut::len(self));
                self.resize(new_len, 0);
            }

            #[inline]
            fn bytes_mut(&mut self) -> &mut [u8] {
                self
            }

            #[inline]
            fn split_frozen(&mut self, at: usize) -> $bytes::Bytes {
                self.split_to(at).freeze()
            }

            #[inline]
            fn copy_frozen(&self, at: usize) -> $bytes::Bytes {
                $bytes::Bytes::from(self[..at].to_vec())
            }
        }
    };
}

frame_buf!(bytes);
#[cfg(any(feature = "tokio", feature = "futures-io"))]
frame_buf!(bytes1);

/// The frame being assembled.
#[derive(Debug, Default)]
pub(crate) struct Assembly<B> {
    buf: B,
    /// Payload bytes of the current frame at the front of `buf`.
    filled: usize,
}

/// What one step gave the `Stream`.
pub(crate) enum Step<F> {
    /// A whole frame.
    Frame(F),
    /// The stream ended cleanly.
    End,
    /// Part of a frame: step again.
    Partial,
}

impl<B: FrameBuf> Assembly<B> {
    /// The spare bytes for the next decoding step; `payload_remaining` is what the
    /// decoder says the current frame still needs (0 between frames).
    #[inline]
    pub(crate) fn spare(&mut self, payload_remaining: usize) -> &mut [u8] {
        if self.buf.len() == self.filled {
            let more = if payload_remaining == 0 {
                SPARE
            } else {
                payload_remaining.min(self.filled.max(SPARE))
            };
            self.buf.grow_zeroed(self.filled + more);
        }
        &mut self.buf.bytes_mut()[self.filled..]
    }

    /// Takes what a decoding step into [`spare`](Assembly::spare) did.
    #[inline]
    pub(crate) fn step(&mut self, decoded: Decoded) -> Step<B::Frozen> {
        self.filled += decoded.produced;
        if decoded.message_end {
            let frame = if self.filled <= COPY_MAX {
                self.buf.copy_frozen(self.filled)
            } else {
                self.buf.split_frozen(self.filled)
            };
            self.filled = 0;
            return Step::Frame(frame);
        }
        if decoded.stream_end {
            return Step::End;
        }
        Step::Partial
    }

    /// Heap bytes held for frames not yet handed out (test and memory checks).
    pub(crate) fn held(&self) -> usize {
        self.buf.len()
    }
}
