//! `EncodeWriter`: the adapter every layer wraps, and its accessors.

use std::fmt;
use std::io;

use crate::state::State;
use crate::{Buffered, Encode, Routing, WriteKind};

/// Capacity of the adapter's buffer when none is given: 8 KiB.
pub const DEFAULT_CAPACITY: usize = 8 * 1024;

pin_project_lite::pin_project! {
    /// Drives an [`Encode`] over an inner writer `W`: the buffer, the tail and the
    /// flush / finish / shutdown state machine, shared by every layer, with an optional
    /// [`Routing`] (default [`Buffered`]) that lets some writes skip the encoder.
    ///
    /// Layers wrap it in a named type (`GzipWriter`, `FrameWriter`, ...); it can also be used
    /// directly with an encoder of your own. It keeps every rule of the
    /// [crate-level contract](crate#the-contract), on every runtime it implements:
    /// `std::io::Write` + [`Finish`](crate::Finish) over a `std::io::Write`, and
    /// `tokio_io::AsyncWrite` over a tokio-io 0.1 `AsyncWrite`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    ///
    /// /// Copies bytes unchanged.
    /// #[derive(Debug)]
    /// struct Identity;
    ///
    /// impl Encode for Identity {
    ///     fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> std::io::Result<usize> {
    ///         Ok(out.push(input))
    ///     }
    ///     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    ///     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// }
    ///
    /// let mut writer = EncodeWriter::with_capacity(4, Identity, Vec::new());
    /// writer.write_all(b"abcdef").unwrap();
    /// assert_eq!(writer.get_ref(), b"abcd"); // one full buffer went out
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.get_ref(), b"abcdef");
    /// assert_eq!((writer.total_in(), writer.total_out()), (6, 6));
    /// ```
    pub struct EncodeWriter<W, E, R = Buffered> {
        // Pinned for the runtimes whose writers need not be `Unpin` (tokio 1,
        // futures-io); tokio-io 0.1 and `std::io::Write` take `&mut self`.
        #[pin]
        inner: W,
        state: State<E, R>,
    }
}

impl<W, E: Encode> EncodeWriter<W, E> {
    /// An adapter with a [`DEFAULT_CAPACITY`] buffer, every write through the encoder.
    ///
    /// # Examples
    ///
    /// ```
    /// # use writestack_core::{Encode, EncodeWriter, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let writer = EncodeWriter::new(Identity, Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), writestack_core::DEFAULT_CAPACITY);
    /// ```
    pub fn new(encoder: E, inner: W) -> Self {
        Self::with_capacity(DEFAULT_CAPACITY, encoder, inner)
    }

    /// An adapter whose buffer holds at most `capacity` bytes (CONTRACT rule 6), lowered
    /// to [`MAX_CAPACITY`](crate::MAX_CAPACITY) when larger.
    ///
    /// # Examples
    ///
    /// ```
    /// # use writestack_core::{Encode, EncodeWriter, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let writer = EncodeWriter::with_capacity(64, Identity, Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), 64);
    /// ```
    pub fn with_capacity(capacity: usize, encoder: E, inner: W) -> Self {
        Self::with_routing(capacity, encoder, Buffered, inner)
    }
}

impl<W, E: Encode, R: Routing<E>> EncodeWriter<W, E, R> {
    /// An adapter whose writes are routed by `routing` (see [`Routing`]'s example).
    pub fn with_routing(capacity: usize, encoder: E, routing: R, inner: W) -> Self {
        EncodeWriter {
            inner,
            state: State::new("EncodeWriter", capacity, encoder, routing),
        }
    }

    /// Names the layer in the errors it makes itself ("GzipWriter: write after the
    /// stream was finished ..."); the default is `"EncodeWriter"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// # use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let mut writer = EncodeWriter::new(Identity, Vec::new()).named("Identity");
    /// writer.poll_finish().unwrap();
    /// let error = writer.write(b"late").unwrap_err();
    /// assert!(error.to_string().starts_with("Identity: "));
    /// ```
    pub fn named(mut self, name: &'static str) -> Self {
        self.state.name = name;
        self
    }

    /// The name given with [`named`](EncodeWriter::named).
    pub fn name(&self) -> &'static str {
        self.state.name
    }

    /// Bytes accepted by `write`/`write_buf` so far.
    pub fn total_in(&self) -> u64 {
        self.state.accepted()
    }

    /// Begins a new stream on the same inner writer once the last one is finished: a
    /// completed [`poll_finish`](crate::Finish::poll_finish) (not `shutdown`, which has
    /// closed the inner writer). `reset` puts the encoder back to the start of a stream;
    /// the buffer and whatever the encoder keeps (a compressor's tables) are reused, and
    /// the byte counts start again from 0.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed, when the stream is not finished
    /// or was shut down.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// # use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let mut writer = EncodeWriter::new(Identity, Vec::new());
    /// writer.write_all(b"one").unwrap();
    /// assert!(writer.restart_with(|_| {}).is_err()); // not finished yet
    /// writer.poll_finish().unwrap();
    /// writer.restart_with(|_| {}).unwrap();
    /// writer.write_all(b"two").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.get_ref(), b"onetwo");
    /// ```
    pub fn restart_with(&mut self, reset: impl FnOnce(&mut E)) -> io::Result<()> {
        self.state.reopen("restart", false, reset)
    }

    /// Begins a new stream on another inner writer once the last one is finished or shut
    /// down, and returns the old inner writer. As
    /// [`restart_with`](EncodeWriter::restart_with), the encoder's memory and the buffer
    /// are reused.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed (`inner` is dropped), when the
    /// stream is neither finished nor shut down.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// # use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let mut writer = EncodeWriter::new(Identity, Vec::new());
    /// writer.write_all(b"one").unwrap();
    /// writer.poll_finish().unwrap();
    /// let first = writer.reset_with(Vec::new(), |_| {}).unwrap();
    /// writer.write_all(b"two").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!((&first[..], &writer.get_ref()[..]), (&b"one"[..], &b"two"[..]));
    /// ```
    pub fn reset_with(&mut self, inner: W, reset: impl FnOnce(&mut E)) -> io::Result<W> {
        self.state.reopen("reset", true, reset)?;
        Ok(std::mem::replace(&mut self.inner, inner))
    }
}

impl<W, E, R> EncodeWriter<W, E, R> {
    /// The inner writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The inner writer, mutably. Writing to it directly corrupts the stream: bytes would
    /// overtake what this adapter still buffers.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Gives back the inner writer. Buffered bytes and an unwritten tail are lost (drop
    /// does no I/O, rule 17); after a completed `poll_finish` nothing is lost.
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// The encoder.
    pub fn encoder(&self) -> &E {
        &self.state.encoder
    }

    /// The encoder, mutably. Changing its state between calls is the layer's business;
    /// the adapter only relies on the rules of [`Encode`].
    pub fn encoder_mut(&mut self) -> &mut E {
        &mut self.state.encoder
    }

    /// The routing.
    pub fn routing(&self) -> &R {
        &self.state.routing
    }

    /// The bytes buffered and ready to go to the inner writer.
    pub fn buffer(&self) -> &[u8] {
        self.state.out.ready()
    }

    /// The buffer's configured capacity.
    pub fn capacity(&self) -> usize {
        self.state.out.capacity()
    }

    /// Bytes the inner writer has taken so far (encoded payload, headers and tail).
    pub fn total_out(&self) -> u64 {
        self.state.total_out
    }

    /// Whether `poll_finish` or `shutdown` has started; writes are refused from then on.
    pub fn is_finishing(&self) -> bool {
        self.state.finish_requested
    }

    /// Takes `item` whole into the buffer as one unit ([`WriteKind::Item`]) when the
    /// routing's short path can ([`Routing::short_unit`]) and the buffer has room for it.
    /// No I/O, so a `Sink::start_send` can call it; `false` changes nothing, and the item
    /// is then for a write that may wait for the inner writer.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::pin;
    /// # use std::io;
    /// # use writestack_core::{Encode, EncodeWriter, OutBuf, Prefix, Route, Routing, WriteKind};
    /// # #[derive(Debug)] struct NoCodec;
    /// # impl Encode for NoCodec {
    /// #     fn encode(&mut self, _: &[u8], _: &mut OutBuf) -> io::Result<usize> { Ok(0) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
    /// # }
    /// # #[derive(Debug)] struct ByteFrames;
    /// # impl Routing<NoCodec> for ByteFrames {
    /// #     const SHORT_UNITS: bool = true;
    /// #     fn route(&mut self, _: &mut NoCodec, len: usize, _: WriteKind, _: &mut OutBuf)
    /// #         -> io::Result<Route> {
    /// #         let byte = u8::try_from(len).map_err(|_| io::ErrorKind::InvalidInput)?;
    /// #         Ok(Route::Framed(Prefix::new(&[byte]).expect("one byte")))
    /// #     }
    /// #     fn short_unit(&self, _: &NoCodec, len: usize, _: WriteKind,
    /// #         head: &mut [u8; Prefix::MAX_LEN]) -> Option<usize> {
    /// #         head[0] = u8::try_from(len).ok()?;
    /// #         Some(1)
    /// #     }
    /// # }
    /// // `ByteFrames`: a one-byte length prefix, as in `Routing::short_unit`'s example.
    /// let mut writer = pin!(EncodeWriter::with_routing(64, NoCodec, ByteFrames, Vec::<u8>::new()));
    /// // The buffer is allocated by the first write that may do I/O, so nothing fits yet.
    /// assert!(!writer.as_mut().buffer_item(b"ab"));
    /// # use std::io::Write;
    /// writer.as_mut().get_mut().write_all(b"ab").unwrap();
    /// assert!(writer.as_mut().buffer_item(b"cd"));
    /// assert!(!writer.as_mut().buffer_item(&[7; 60])); // 61 bytes, 58 spare
    /// assert_eq!(writer.buffer(), b"\x02ab\x02cd");
    /// ```
    pub fn buffer_item(self: std::pin::Pin<&mut Self>, item: &[u8]) -> bool
    where
        E: Encode,
        R: Routing<E>,
    {
        self.project().state.push_short_unit(item, WriteKind::Item)
    }

    /// The inner writer and the state machine, for the runtime shims.
    pub(crate) fn parts_mut(&mut self) -> (&mut W, &mut State<E, R>) {
        (&mut self.inner, &mut self.state)
    }

    /// The pinned inner writer and the state machine, for the shims of runtimes whose
    /// writers are pinned.
    #[cfg(any(feature = "tokio", feature = "futures-io"))]
    pub(crate) fn pinned_parts(
        self: std::pin::Pin<&mut Self>,
    ) -> (std::pin::Pin<&mut W>, &mut State<E, R>) {
        let this = self.project();
        (this.inner, this.state)
    }
}

/// Printed under the layer's name, with the buffer's state but not its bytes.
impl<W: fmt::Debug, E: fmt::Debug + Encode, R: Routing<E>> fmt::Debug for EncodeWriter<W, E, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.state.name)
            .field("inner", &self.inner)
            .field("encoder", &self.state.encoder)
            .field("buffered", &self.state.out.len())
            .field("capacity", &self.state.out.capacity())
            .field("phase", &self.state.phase)
            .field("total_in", &self.total_in())
            .field("total_out", &self.state.total_out)
            .finish()
    }
}
