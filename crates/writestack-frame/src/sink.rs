//! `FrameWriter` as a `futures::Sink` of `Bytes`: one frame per item.

use std::io;

use bytes::Bytes;
use futures::{Async, AsyncSink, Poll, Sink, StartSend};
use tokio_io::AsyncWrite;

use crate::writer::FrameWriter;

/// One frame per item, in either mode; the `Sink` counterpart of tokio's
/// `FramedWrite<W, LengthDelimitedCodec>`.
///
/// * `start_send` takes the item whole into the writer (or, for an item at least as
///   large as the buffer, sends it behind its prefix without a copy) and answers
///   `AsyncSink::NotReady(item)`, with nothing taken, only when the inner writer answered
///   `NotReady`. In chunked mode the open chunk is cut first, so the item is a frame of
///   its own.
/// * `poll_complete` is `poll_flush`; `close` is `shutdown`: it writes the end marker
///   (if any), drains, and shuts the inner writer down.
///
/// With `futures::Sink` in scope, `writer.flush()` means `Sink::flush` (a future that
/// does nothing until polled); write `std::io::Write::flush(&mut writer)` or use
/// `poll_flush` / `poll_complete` for the writer's own flush.
///
/// # Errors
///
/// `InvalidInput` for an item longer than the maximum frame length and for an empty item
/// (a zero-length frame cannot be sent through the buffer, and would read as the end
/// marker); nothing is taken and the writer stays usable. Otherwise errors follow
/// [the contract](writestack_core#the-contract) (rules 13 and 15), with one difference
/// from `poll_write`: an inner error met after an earlier item was accepted whole is
/// reported by the next `poll_complete` or `close`, never by `start_send`, which would
/// drop its item with the error.
///
/// # Examples
///
/// ```
/// use std::io::Cursor;
/// use bytes::Bytes;
/// use futures::{Future, Sink};
/// use writestack_frame::FrameWriter;
///
/// let writer = FrameWriter::new(Cursor::new(Vec::new()));
/// let writer = writer.send(Bytes::from_static(b"ping")).wait().unwrap();
/// assert_eq!(writer.get_ref().get_ref(), b"\0\0\0\x04ping");
/// ```
impl<W: AsyncWrite> Sink for FrameWriter<W> {
    type SinkItem = Bytes;
    type SinkError = io::Error;

    fn start_send(&mut self, item: Bytes) -> StartSend<Bytes, io::Error> {
        let bytes: &[u8] = &item;
        if bytes.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "FrameWriter: an empty Sink item cannot be sent as a frame",
            ));
        }
        // An error left from an earlier frame is kept for `poll_complete` / `close`: an
        // error here would lose this item, which that error has nothing to do with.
        match self.poll_write_frame(bytes)? {
            Async::Ready(_) => Ok(AsyncSink::Ready),
            Async::NotReady => Ok(AsyncSink::NotReady(item)),
        }
    }

    fn poll_complete(&mut self) -> Poll<(), io::Error> {
        AsyncWrite::poll_flush(self)
    }

    fn close(&mut self) -> Poll<(), io::Error> {
        AsyncWrite::shutdown(self)
    }
}
