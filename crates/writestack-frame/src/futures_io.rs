//! The futures-io flavour of the `Sink`: a thin wrapper, as coherence allows one `Sink`
//! impl per type and `FrameWriter` has tokio 1's.

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

    /// Gives back the frame writer. An item still held (sent with `start_send`, not yet
    /// flushed) is lost, as any buffered byte is without a flush (rule 17).
    pub fn into_inner(self) -> FrameWriter<W> {
        self.writer
    }
}

impl<W: futures_io::AsyncWrite> futures_sink::Sink<Bytes> for FrameSink<W> {
    type Error = io::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let writer = self.project().writer;
        writer.poll_send_held(cx, EncodeWriter::poll_write_item_futures_io)
    }

    fn start_send(self: Pin<&mut Self>, item: Bytes) -> io::Result<()> {
        self.project().writer.hold(item)
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
