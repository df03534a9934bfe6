//! Sinks for benchmarks: inner writers that cost nothing, so a bench measures the layer
//! above them and not a transport.
//!
//! Both sinks answer every call at once, so a layer over them never sees `NotReady`;
//! [`write_all_ready`] relies on that.

use std::hint::black_box;
use std::io::{self, Write};

use bytes::Buf;
use futures::{Async, Poll};
use tokio_io::AsyncWrite;

/// Takes every byte and keeps none.
///
/// Each slice it is handed goes through [`black_box`], so the compiler has to assume the
/// bytes are read: it cannot drop the copies, hashing or compression that produced them,
/// however much of the bench it inlines. Only the slice (pointer and length) is black-boxed,
/// not each byte, so the sink itself stays a few instructions per call.
///
/// `write_buf` takes a vectored write whole, as a socket's `writev` does, so a layer that
/// sends a prefix and a payload in one call is measured making one call. `Write` keeps the
/// standard library's defaults (`write_vectored` takes the first non-empty slice), which
/// is what `std::io::BufWriter` and flate2's encoders, the anchors, are measured against.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoopSink;

impl Write for NoopSink {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(black_box(buf).len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AsyncWrite for NoopSink {
    #[inline]
    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let mut taken = 0;
        while buf.has_remaining() {
            let n = black_box(buf.bytes()).len();
            buf.advance(n);
            taken += n;
        }
        Ok(Async::Ready(taken))
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        Ok(Async::Ready(()))
    }
}

/// The tokio 1 side of the same sink, for the benches against tokio 1's peers: each
/// slice through [`black_box`], vectored writes taken whole (as `writev` does).
impl tokio1::io::AsyncWrite for NoopSink {
    #[inline]
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<io::Result<usize>> {
        std::task::Poll::Ready(Ok(black_box(buf).len()))
    }

    fn poll_write_vectored(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> std::task::Poll<io::Result<usize>> {
        std::task::Poll::Ready(Ok(bufs.iter().map(|buf| black_box(&**buf).len()).sum()))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

/// Counts the bytes it takes instead of keeping them, for output sizes and for benches
/// whose result is a byte count (the count already depends on every byte's encoding).
///
/// Vectored writes keep the defaults: `write_buf` and `write_vectored` take the first
/// non-empty slice.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingSink(pub u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AsyncWrite for CountingSink {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        Ok(Async::Ready(()))
    }
}

/// Writes all of `bytes` through `poll_write`, as a tokio-io user calls a layer.
///
/// # Panics
///
/// When the writer answers `NotReady` or an error: over [`NoopSink`] or [`CountingSink`]
/// neither can happen, so either is a bug in the layer.
#[inline]
pub fn write_all_ready<W: AsyncWrite>(writer: &mut W, bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        match writer.poll_write(rest) {
            Ok(Async::Ready(n)) => rest = &rest[n..],
            other => panic!("a sink that never blocks or fails: {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noop_sink_takes_every_slice_of_a_vectored_write() {
        let mut buf = io::Cursor::new(&b"prefix"[..]).chain(io::Cursor::new(&b"payload"[..]));
        let taken = NoopSink.write_buf(&mut buf).unwrap();
        assert_eq!(taken, Async::Ready(13));
        assert!(!buf.has_remaining());
    }

    #[test]
    fn counting_sink_counts_what_it_takes() {
        let mut sink = CountingSink::default();
        write_all_ready(&mut sink, b"twelve bytes");
        sink.write_all(&[0; 4]).unwrap();
        assert_eq!(sink.0, 16);
    }
}
