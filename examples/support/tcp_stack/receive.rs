//! The receiving side of the job: the socket is read through writestack's own readers,
//! `GzipReader -> Crc32Reader (trailer) -> FrameReader (chunked, end marker)`, while a
//! [`Tee`] keeps every raw byte for the cross-checks with decoders writestack did not
//! write (`report`). Each reader is read to its own end after the one above it ended,
//! so every trailer is checked, and the socket must then be at EOF.

use std::io::{self, Read};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use writestack::frame::{Builder, FrameReader};

/// The raw bytes a receiver read, shared with whoever keeps the handle.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recorded(Arc<Mutex<Vec<u8>>>);

impl Recorded {
    fn extend(&self, bytes: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
    }

    /// Everything recorded so far.
    pub(crate) fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// A reader that records what it reads.
#[derive(Debug)]
pub(crate) struct Tee<R> {
    inner: R,
    recorded: Recorded,
}

impl<R> Tee<R> {
    pub(crate) fn new(inner: R, recorded: Recorded) -> Tee<R> {
        Tee { inner, recorded }
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.recorded.extend(&buf[..n]);
        Ok(n)
    }
}

impl<R: tokio_io::AsyncRead> tokio_io::AsyncRead for Tee<R> {}

#[cfg(any(feature = "tokio", feature = "futures-io"))]
impl<R: tokio1::io::AsyncRead + Unpin> tokio1::io::AsyncRead for Tee<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio1::io::ReadBuf<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let poll = std::pin::Pin::new(&mut this.inner).poll_read(cx, buf);
        this.recorded.extend(&buf.filled()[before..]);
        poll
    }
}

#[cfg(feature = "futures-io")]
impl<R: futures03::io::AsyncRead + Unpin> futures03::io::AsyncRead for Tee<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut [u8],
    ) -> std::task::Poll<io::Result<usize>> {
        let this = &mut *self;
        let poll = std::pin::Pin::new(&mut this.inner).poll_read(cx, buf);
        if let std::task::Poll::Ready(Ok(n)) = poll {
            this.recorded.extend(&buf[..n]);
        }
        poll
    }
}

/// The frame reader configured as `frame_layer` configures the writer.
pub(crate) fn frame_reader<R>(inner: R, frame_size: usize) -> io::Result<FrameReader<R>> {
    Builder::new()
        .chunked()
        .max_frame_length(frame_size)
        .end_marker(true)
        .new_read(inner)
}

/// What the receiver got: the raw wire, and the payload our readers decoded from the
/// socket (or why they failed).
#[derive(Debug)]
pub(crate) struct Received {
    pub(crate) wire: Vec<u8>,
    pub(crate) decoded: Result<Vec<u8>, String>,
}

/// A layer's end reached: after the layer above ended, this one must have nothing left
/// for it: bytes after an end marker or before a trailer are an error.
pub(crate) fn nothing_more(layer: &str, extra: &[u8], leftover: &Bytes) -> io::Result<()> {
    if extra.is_empty() && leftover.is_empty() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{layer}: {} bytes after the layer above ended",
                extra.len() + leftover.len()
            ),
        ))
    }
}
