//! `FrameWriter`: the framing layer.

use std::io;

use futures::Poll;
use tokio_io::AsyncWrite;
use writestack_core::EncodeWriter;

use crate::config::Config;
use crate::encoder::FrameEncoder;
use crate::length::LengthField;
use crate::routing::FrameRouting;

pin_project_lite::pin_project! {
    /// Writes length-prefixed frames to an inner writer.
    ///
    /// * **Message mode** ([`FrameWriter::new`], the default): each `write` / `poll_write` /
    ///   `write_buf` call is one frame, taken whole (`Ok(buf.len())`) or not at all
    ///   (`NotReady` / an error). A frame fitting the buffer is copied into it; a larger one
    ///   goes out behind its prefix in one vectored `write_buf`, without a copy, once the
    ///   buffer is drained; once the inner writer has taken any of it, the frame is accepted
    ///   and its rest is buffered, so an inner error met after that is returned by the next
    ///   call rather than this one. A frame longer than the maximum is refused with
    ///   `InvalidInput`, nothing written, and the writer stays usable. A `write_buf` from a
    ///   `Buf` of more than 64 slices (more than the adapter gathers at once) is still one
    ///   frame: it is copied into the buffer once the buffer has drained.
    /// * **Chunked mode** ([`Builder::chunked`](crate::Builder::chunked)): the bytes written
    ///   form one stream, cut into frames when the buffer fills, when a frame reaches the
    ///   maximum length and at every flush. Empty writes and flushes with nothing new never
    ///   make frames, so the zero-length frame can end the stream
    ///   ([`Builder::end_marker`](crate::Builder::end_marker), on by default here).
    /// * The end marker, when there is one, is the tail: `poll_finish` and `shutdown` write
    ///   it once. An empty stream is the end marker alone, or nothing without one.
    ///
    /// As a `futures::Sink` of `Bytes` it sends one frame per item in either mode (futures
    /// 0.1 on tokio-io 0.1; futures 0.3 with bytes 1 on tokio 1, and through
    /// [`FrameSink`](crate::futures_io::FrameSink) on futures-io).
    ///
    /// Every rule of [the contract](writestack_core#the-contract) holds; in particular `Drop`
    /// does no I/O (rule 17): frames still buffered, an open chunk and the end marker are
    /// lost unless `poll_finish` or `shutdown` (or, for what was written so far,
    /// `poll_flush`) completes first.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::new(Vec::new());
    /// writer.write_all(b"hello").unwrap();
    /// writer.write_all(b"!").unwrap();
    /// assert_eq!(writer.frames_written(), 2);
    /// writer.flush().unwrap();
    /// assert_eq!(writer.get_ref(), b"\0\0\0\x05hello\0\0\0\x01!");
    /// ```
    pub struct FrameWriter<W> {
        #[pin]
        pub(crate) inner: EncodeWriter<W, FrameEncoder, FrameRouting>,
        // The item a futures 0.3 `Sink` holds between `start_send` and the write that
        // takes it (tokio 1, futures-io; see `sink_task.rs`); nothing on tokio-io 0.1.
        pub(crate) held: HeldItem,
    }
}

#[cfg(any(feature = "tokio", feature = "futures-io"))]
pub(crate) type HeldItem = Option<bytes1::Bytes>;
#[cfg(not(any(feature = "tokio", feature = "futures-io")))]
pub(crate) type HeldItem = ();

impl<W> FrameWriter<W> {
    /// A message-mode writer with tokio `LengthDelimitedCodec`'s defaults: a 4-byte
    /// big-endian prefix, an 8 MiB maximum, no end marker, and an 8 KiB buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::new(Vec::<u8>::new());
    /// assert!(!writer.is_chunked());
    /// assert_eq!(writer.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new(inner: W) -> FrameWriter<W> {
        FrameWriter::from_config(Config::DEFAULT, inner)
    }

    /// A writer over `inner` with a configuration that has passed its checks: the one way
    /// in for `new` and the builder, so that both build the same thing.
    pub(crate) fn from_config(config: Config, inner: W) -> FrameWriter<W> {
        FrameWriter {
            inner: EncodeWriter::with_routing(
                config.capacity(),
                FrameEncoder::new(config),
                FrameRouting,
                inner,
            )
            .named("FrameWriter"),
            held: HeldItem::default(),
        }
    }

    fn encoder(&self) -> &FrameEncoder {
        self.inner.encoder()
    }

    /// Writes `frame` as one frame of its own, in either mode: a `Sink` item. Like
    /// `poll_write`, except that in chunked mode the open chunk is cut first, and an error
    /// deferred from an earlier frame is left for the next flush, finish or shutdown
    /// rather than returned here with this frame.
    pub(crate) fn poll_write_frame(&mut self, frame: &[u8]) -> Poll<usize, io::Error>
    where
        W: AsyncWrite,
    {
        self.inner.poll_write_item(frame)
    }

    /// Frames produced so far, the end marker included: in message mode one per accepted
    /// write, in chunked mode one per chunk cut.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::builder().chunked().new_write(Vec::new()).unwrap();
    /// writer.write_all(b"ab").unwrap();
    /// writer.write_all(b"cd").unwrap();
    /// assert_eq!(writer.frames_written(), 0); // still one open chunk
    /// writer.flush().unwrap();
    /// assert_eq!(writer.frames_written(), 1);
    /// ```
    pub fn frames_written(&self) -> u64 {
        self.encoder().frames()
    }

    /// The longest payload of one frame.
    pub fn max_frame_length(&self) -> usize {
        self.encoder().config().max()
    }

    /// The length prefix in use.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    /// use writestack_frame::{FrameWriter, LengthField};
    ///
    /// let writer = FrameWriter::builder()
    ///     .length_field_length(2)
    ///     .max_frame_length(100)
    ///     .new_write(Vec::<u8>::new())
    ///     .unwrap();
    /// assert_eq!(writer.length_field(), LengthField::Fixed { width: 2, endian: Endian::Big });
    /// ```
    pub fn length_field(&self) -> LengthField {
        self.encoder().config().field()
    }

    /// Whether the writer is in chunked mode.
    pub fn is_chunked(&self) -> bool {
        self.encoder().config().chunked()
    }

    /// Whether the stream ends with a zero-length frame.
    pub fn has_end_marker(&self) -> bool {
        self.encoder().config().end_marker()
    }

    /// Framed bytes buffered and ready for the inner writer (a chunk still open is not
    /// included: its prefix is not written yet).
    ///
    /// Not called `buffer`: wherever `futures::Sink` is imported, `writer.buffered()` would
    /// resolve to `Sink::buffer`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::new(Vec::new());
    /// writer.write_all(b"ok").unwrap();
    /// assert_eq!(writer.buffered(), &[0, 0, 0, 2, b'o', b'k']);
    /// ```
    pub fn buffered(&self) -> &[u8] {
        self.inner.buffer()
    }
}

writestack_core::impl_layer!(
    FrameWriter,
    "let mut writer = writestack_frame::FrameWriter::new(Vec::<u8>::new());",
    capacity
);
