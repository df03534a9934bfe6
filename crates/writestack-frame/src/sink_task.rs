//! `FrameWriter` as a futures 0.3 `Sink` of bytes 1 `Bytes`: on tokio 1 directly, on
//! futures-io through [`FrameSink`](crate::futures_io::FrameSink) (one type cannot carry
//! both impls: a writer could implement both traits).
//!
//! `start_send` cannot do I/O: an item that fits the buffer's spare room is copied in
//! at once, behind its prefix; a larger one is held (a `Bytes`, not copied) and the next
//! `poll_ready`, `poll_flush` or `poll_close` writes it as one frame of its own, the same
//! way the tokio-io 0.1 `Sink` does in `start_send`. At most one item is held, on top of
//! what rule 6 allows the buffer.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes1::Bytes;
use writestack_core::EncodeWriter;

use crate::encoder::FrameEncoder;
use crate::routing::FrameRouting;
use crate::FrameWriter;

/// The runtime's item write (`EncodeWriter::poll_write_item_tokio` or `_futures_io`).
pub(crate) type WriteItem<W> = fn(
    Pin<&mut EncodeWriter<W, FrameEncoder, FrameRouting>>,
    &mut Context<'_>,
    &[u8],
) -> Poll<io::Result<usize>>;

impl<W> FrameWriter<W> {
    /// Takes `item` into the buffer when it fits, else holds it for the next write;
    /// refuses what could never be a frame at once.
    #[inline]
    pub(crate) fn accept_item(mut self: Pin<&mut Self>, item: Bytes) -> io::Result<()> {
        let this = self.as_mut().project();
        // A small item is copied into the buffer at once, as tokio-util's `FramedWrite`
        // does; only one the buffer cannot take now is held.
        if this.held.is_none() && this.inner.buffer_item(&item) {
            return Ok(());
        }
        self.hold_or_refuse(item)
    }

    /// [`accept_item`](FrameWriter::accept_item) for an item the buffer cannot take now.
    #[inline(never)]
    fn hold_or_refuse(self: Pin<&mut Self>, item: Bytes) -> io::Result<()> {
        if self.held.is_some() {
            return Err(io::Error::other(
                "FrameWriter: start_send before poll_ready returned Ready (an item is held)",
            ));
        }
        if item.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "FrameWriter: an empty Sink item cannot be sent as a frame",
            ));
        }
        // The adapter names the layer in the errors it passes on; this one it never sees.
        self.inner
            .encoder()
            .check_len(item.len())
            .map_err(|error| io::Error::new(error.kind(), format!("FrameWriter: {error}")))?;
        *self.project().held = Some(item);
        Ok(())
    }

    /// Writes the held item, if any, as one frame. On `Pending` or an error the item
    /// stays held: nothing of it was taken, and a later call offers it again.
    #[inline]
    pub(crate) fn poll_send_held(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        write: WriteItem<W>,
    ) -> Poll<io::Result<()>> {
        if self.held.is_none() {
            return Poll::Ready(Ok(()));
        }
        self.poll_write_held(cx, write)
    }

    /// [`poll_send_held`](FrameWriter::poll_send_held) with an item held.
    #[inline(never)]
    fn poll_write_held(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        write: WriteItem<W>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        if let Some(item) = this.held.as_ref() {
            ready!(write(this.inner, cx, item))?;
            *this.held = None;
        }
        Poll::Ready(Ok(()))
    }

    /// The adapter, pinned, for the runtime's flush and close.
    pub(crate) fn adapter_pinned(
        self: Pin<&mut Self>,
    ) -> Pin<&mut EncodeWriter<W, FrameEncoder, FrameRouting>> {
        self.project().inner
    }
}

/// One frame per item, in either mode, over a tokio 1 writer; the counterpart of
/// tokio-util's `FramedWrite<W, LengthDelimitedCodec>`.
///
/// # Errors
///
/// `InvalidInput` from `start_send` for an empty item or one longer than the maximum
/// frame length (nothing is held); the inner writer's errors from the poll methods, with
/// the held item kept for a retry.
///
/// # Examples
///
/// ```
/// # use tokio1 as tokio; // the doc build's name for tokio 1
/// # use futures03 as futures;
/// use bytes1::Bytes;
/// use futures::SinkExt;
/// use writestack_frame::FrameWriter;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut writer = FrameWriter::new(Vec::new()); // a tokio 1 AsyncWrite
/// writer.send(Bytes::from_static(b"ping")).await?;
/// assert_eq!(writer.get_ref(), b"\0\0\0\x04ping");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[cfg(feature = "tokio")]
impl<W> futures_sink::Sink<Bytes> for FrameWriter<W>
where
    W: writestack_core::__private::tokio1::io::AsyncWrite,
{
    type Error = io::Error;

    #[inline]
    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_send_held(cx, EncodeWriter::poll_write_item_tokio)
    }

    #[inline]
    fn start_send(self: Pin<&mut Self>, item: Bytes) -> io::Result<()> {
        self.accept_item(item)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self
            .as_mut()
            .poll_send_held(cx, EncodeWriter::poll_write_item_tokio))?;
        writestack_core::__private::tokio1::io::AsyncWrite::poll_flush(self.adapter_pinned(), cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self
            .as_mut()
            .poll_send_held(cx, EncodeWriter::poll_write_item_tokio))?;
        writestack_core::__private::tokio1::io::AsyncWrite::poll_shutdown(self.adapter_pinned(), cx)
    }
}
