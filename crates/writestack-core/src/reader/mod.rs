//! `DecodeReader`: the adapter every reader wraps, and its accessors.
//!
//! The state machine (`state.rs`) is written once against a synchronous view of the
//! inner reader; `blocking.rs` (`std::io::Read`, tokio-io 0.1 `AsyncRead`) and
//! `std_task.rs` (tokio 1, futures-io 0.3) are the shims.

mod blocking;
#[cfg(test)]
mod pass_through_tests;
mod state;
#[cfg(any(feature = "tokio", feature = "futures-io"))]
pub(crate) mod std_task;

use std::fmt;

use bytes::Bytes;

use crate::{Decode, DEFAULT_CAPACITY};
use state::ReadState;

pin_project_lite::pin_project! {
    /// Drives a [`Decode`] over an inner reader `R`: the input buffer, the inner
    /// reader's end and the stream's, shared by every reader, keeping the reader rules
    /// [R1-R7](crate#readers) on every runtime it implements: `std::io::Read` and
    /// `tokio_io::AsyncRead` over the same, `tokio::io::AsyncRead` (feature `tokio`) and
    /// `futures_io::AsyncRead` (feature `futures-io`), whose readers need not be `Unpin`.
    ///
    /// Readers wrap it in a named type (`GzipReader`, `FrameReader`, ...); it can also be
    /// used directly with a decoder of your own (see [`Decode`]'s example).
    pub struct DecodeReader<R, D> {
        #[pin]
        inner: R,
        state: ReadState<D>,
    }
}

impl<R, D: Decode> DecodeReader<R, D> {
    /// A reader with a [`DEFAULT_CAPACITY`] input buffer.
    pub fn new(decoder: D, inner: R) -> Self {
        Self::with_capacity(DEFAULT_CAPACITY, decoder, inner)
    }

    /// A reader whose input buffer holds `capacity` bytes (at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// # use writestack_core::{Decode, DecodeReader, Decoded};
    /// # #[derive(Debug)] struct Copy;
    /// # impl Decode for Copy {
    /// #     fn decode(&mut self, i: &[u8], o: &mut [u8]) -> std::io::Result<Decoded> {
    /// #         let n = i.len().min(o.len()); o[..n].copy_from_slice(&i[..n]);
    /// #         Ok(Decoded { consumed: n, produced: n, ..Decoded::default() })
    /// #     }
    /// # }
    /// let reader = DecodeReader::with_capacity(64, Copy, &b""[..]);
    /// assert_eq!(reader.capacity(), 64);
    /// ```
    pub fn with_capacity(capacity: usize, decoder: D, inner: R) -> Self {
        Self::from_parts(capacity, decoder, (inner, Bytes::new()))
    }

    /// A reader that decodes `leftover` before reading `inner`: what
    /// [`into_parts`](DecodeReader::into_parts) gave back after the previous stream on the
    /// same connection (rule R6). The buffer grows to hold `leftover` if it must.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// # use writestack_core::{Decode, DecodeReader, Decoded};
    /// # #[derive(Debug)] struct Copy;
    /// # impl Decode for Copy {
    /// #     fn decode(&mut self, i: &[u8], o: &mut [u8]) -> std::io::Result<Decoded> {
    /// #         let n = i.len().min(o.len()); o[..n].copy_from_slice(&i[..n]);
    /// #         Ok(Decoded { consumed: n, produced: n, ..Decoded::default() })
    /// #     }
    /// #     fn input_ended(&mut self) -> std::io::Result<()> { Ok(()) }
    /// # }
    /// let parts = (&b" world"[..], bytes::Bytes::from(&b"hello"[..]));
    /// let mut reader = DecodeReader::from_parts(8, Copy, parts);
    /// let mut text = String::new();
    /// reader.read_to_string(&mut text)?;
    /// assert_eq!(text, "hello world");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_parts(capacity: usize, decoder: D, (inner, leftover): (R, Bytes)) -> Self {
        DecodeReader {
            inner,
            state: ReadState::new(decoder, capacity, &leftover),
        }
    }

    /// Names the layer in the errors it makes ("GzipReader: corrupt deflate stream");
    /// the default is `"DecodeReader"`.
    pub fn named(mut self, name: &'static str) -> Self {
        self.state.name = name;
        self
    }
}

impl<R, D> DecodeReader<R, D> {
    /// The name given with [`named`](DecodeReader::named).
    pub fn name(&self) -> &'static str {
        self.state.name
    }

    /// The inner reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The inner reader, mutably: reading from it directly loses the stream's place.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    pub(crate) fn parts_mut(&mut self) -> (&mut R, &mut ReadState<D>) {
        (&mut self.inner, &mut self.state)
    }

    /// The inner reader, pinned.
    pub fn get_pin_mut(self: std::pin::Pin<&mut Self>) -> std::pin::Pin<&mut R> {
        self.project().inner
    }

    /// The decoder.
    pub fn decoder(&self) -> &D {
        &self.state.decoder
    }

    /// The inner reader; the bytes read from it and not yet decoded are dropped (see
    /// [`into_parts`](DecodeReader::into_parts) to keep them).
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The inner reader and the bytes read from it that this stream did not use: after
    /// the stream's end (rule R6), the first bytes of whatever follows on the connection;
    /// before it, the undecoded input (the decoder's place in the stream is lost).
    ///
    /// # Examples
    ///
    /// See [`Decode`]'s example.
    pub fn into_parts(self) -> (R, Bytes) {
        let leftover = Bytes::from(self.state.leftover());
        (self.inner, leftover)
    }

    /// Whether the stream has ended cleanly (trailer checked, end marker seen): reads
    /// return 0 and [`into_parts`](DecodeReader::into_parts) gives what follows.
    pub fn is_ended(&self) -> bool {
        self.state.is_ended()
    }

    /// Input bytes the decoder has taken so far.
    pub fn total_in(&self) -> u64 {
        self.state.totals().0
    }

    /// Payload bytes produced so far.
    pub fn total_out(&self) -> u64 {
        self.state.totals().1
    }

    /// The input buffer's capacity.
    pub fn capacity(&self) -> usize {
        self.state.capacity()
    }

    /// Heap bytes the input buffer holds now (0 until the first read; the decoder's own
    /// memory is not counted).
    pub fn buffered_capacity(&self) -> usize {
        self.state.buffer_len()
    }
}

impl<R: fmt::Debug, D: fmt::Debug> fmt::Debug for DecodeReader<R, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.state.name)
            .field("inner", &self.inner)
            .field("state", &self.state)
            .finish()
    }
}

#[cfg(test)]
mod tests;
