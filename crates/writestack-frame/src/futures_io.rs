//! The futures-io flavours of the `Sink` and the `Stream`: thin wrappers, as coherence
//! allows one `Sink` (`Stream`) impl per type and `FrameWriter` (`FrameReader`) has
//! tokio 1's.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes1::Bytes;
use writestack_core::EncodeWriter;

use crate::FrameWriter;

pin_project_lite::pin_project! {
    /// A [`FrameWriter`] over a futures-io writer as a futures 0.3 `Sink` of `Bytes`:
    /// one frame per item, in either mode (see the tokio 1 `Sink` of `FrameWriter`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use futures03 as futures;
    /// use bytes1::Bytes;
    /// use futures::SinkExt;
    /// use writestack_frame::futures_io::FrameSink;
    /// use writestack_frame::FrameWriter;
    ///
    /// // futures::io::Cursor is a futures-io AsyncWrite.
    /// let mut sink = FrameSink::new(FrameWriter::new(futures::io::Cursor::new(Vec::new())));
    /// futures::executor::block_on(sink.send(Bytes::from_static(b"pong"))).unwrap();
    /// assert_eq!(sink.get_ref().get_ref().get_ref(), b"\0\0\0\x04pong");
    /// ```
    #[derive(Debug)]
    pub struct FrameSink<W> {
        #[pin]
        writer: FrameWriter<W>,
    }
}

impl<W> FrameSink<W> {
    /// Sends the items given to this sink through `writer`.
    pub fn new(writer: FrameWriter<W>) -> FrameSink<W> {
        FrameSink { writer }
    }

    /// The frame writer.
    pub fn get_ref(&self) -> &FrameWriter<W> {
        &self.writer
    }

    /// The frame writer, mutably.
    pub fn get_mut(&mut self) -> &mut FrameWriter<W> {
        &mut self.writer
    }

    /// Gives back the frame writer, with what `start_send` took and no flush has sent
    /// yet: a small item is in the writer's buffer (its next flush sends it), a larger
    /// one stays held until a `FrameSink` over the writer is polled again. Dropped
    /// unflushed, either is lost, as any buffered byte is (rule 17).
    pub fn into_inner(self) -> FrameWriter<W> {
        self.writer
    }
}

impl<W: futures_io::AsyncWrite> futures_sink::Sink<Bytes> for FrameSink<W> {
    type Error = io::Error;

    #[inline]
    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let writer = self.project().writer;
        writer.poll_send_held(cx, EncodeWriter::poll_write_item_futures_io)
    }

    #[inline]
    fn start_send(self: Pin<&mut Self>, item: Bytes) -> io::Result<()> {
        self.project().writer.accept_item(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let mut writer = self.project().writer;
        ready!(writer
            .as_mut()
            .poll_send_held(cx, EncodeWriter::poll_write_item_futures_io))?;
        futures_io::AsyncWrite::poll_flush(writer.adapter_pinned(), cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let mut writer = self.project().writer;
        ready!(writer
            .as_mut()
            .poll_send_held(cx, EncodeWriter::poll_write_item_futures_io))?;
        futures_io::AsyncWrite::poll_close(writer.adapter_pinned(), cx)
    }
}

pin_project_lite::pin_project! {
    /// A [`FrameReader`](crate::FrameReader) over a futures-io reader as a futures 0.3
    /// `Stream` of `Bytes`: one item per frame, `None` at the stream's end (see the
    /// tokio 1 `Stream` of `FrameReader`). A wrapper for the same reason as
    /// [`FrameSink`]: one type carries one `Stream` impl.
    ///
    /// # Examples
    ///
    /// ```
    /// # use futures03 as futures;
    /// use futures::TryStreamExt;
    /// use writestack_frame::futures_io::FrameStream;
    /// use writestack_frame::FrameReader;
    ///
    /// // futures::io::Cursor is a futures-io AsyncRead.
    /// let wire = futures::io::Cursor::new(b"\0\0\0\x04ping".to_vec());
    /// let stream = FrameStream::new(FrameReader::new(wire));
    /// let frames: Vec<bytes1::Bytes> = futures::executor::block_on(stream.try_collect())?;
    /// assert_eq!(frames, [&b"ping"[..]]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[derive(Debug)]
    pub struct FrameStream<R> {
        #[pin]
        reader: crate::FrameReader<R>,
    }
}

impl<R> FrameStream<R> {
    /// Hands out the frames `reader` reads.
    pub fn new(reader: crate::FrameReader<R>) -> FrameStream<R> {
        FrameStream { reader }
    }

    /// The frame reader.
    pub fn get_ref(&self) -> &crate::FrameReader<R> {
        &self.reader
    }

    /// The frame reader, mutably.
    pub fn get_mut(&mut self) -> &mut crate::FrameReader<R> {
        &mut self.reader
    }

    /// Gives back the frame reader. A frame partly received stays with it: its bytes are
    /// neither lost nor handed out twice by a later `FrameStream` over the same reader.
    pub fn into_inner(self) -> crate::FrameReader<R> {
        self.reader
    }
}

impl<R: futures_io::AsyncRead> futures_core::Stream for FrameStream<R> {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<Bytes>>> {
        self.project()
            .reader
            .poll_frame(cx, writestack_core::DecodeReader::poll_decode_futures_io)
    }
}
