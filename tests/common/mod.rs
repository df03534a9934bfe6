//! What the tokio 1 and futures-io test binaries share: the two tokio 1 runtimes, a
//! deadline that turns a hang into a failure, a transport that counts what it took, and
//! the decoders of the formats that need an async reader or the `leb128` crate.
//!
//! (The test kit, `writestack-test`, depends on tokio-io 0.1 only, so these live here.)

#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio1::io::{AsyncBufRead, AsyncReadExt};
use tokio1::runtime::{Builder, Runtime};

/// No test should come near this; reaching it means a hang.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The two runtimes every socket test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// One thread: writer and reader tasks take turns, so a missed wakeup hangs.
    CurrentThread,
    /// Two workers: tasks move between threads.
    MultiThread,
}

/// A tokio 1 runtime of `flavor` with I/O and timers.
pub fn runtime(flavor: Flavor) -> Runtime {
    let mut builder = match flavor {
        Flavor::CurrentThread => Builder::new_current_thread(),
        Flavor::MultiThread => {
            let mut builder = Builder::new_multi_thread();
            builder.worker_threads(2);
            builder
        }
    };
    builder.enable_all().build().expect("a tokio 1 runtime")
}

/// A current-thread runtime, for the in-memory interop tests.
pub fn block_on<F: Future>(future: F) -> F::Output {
    runtime(Flavor::CurrentThread).block_on(future)
}

/// `future`, failing the test (not hanging it) after [`TIMEOUT`]. Needs a runtime with
/// timers.
pub async fn timed<F: Future>(what: &str, future: F) -> F::Output {
    match tokio1::time::timeout(TIMEOUT, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what} hung for {TIMEOUT:?}"),
    }
}

/// A transport that counts what it took: bytes, the write calls that took some, the
/// times it answered `Pending` (backpressure reached the stack), flushes and closes.
#[derive(Debug)]
pub struct Counting<W> {
    /// The transport.
    pub inner: W,
    /// Bytes the transport took.
    pub bytes: u64,
    /// Write calls that took at least one byte.
    pub writes: u64,
    /// `Pending` answers to writes.
    pub pending: u64,
    /// Completed `poll_shutdown` / `poll_close` calls.
    pub closes: u64,
}

impl<W> Counting<W> {
    /// Wraps `inner` with every count at zero.
    pub fn new(inner: W) -> Counting<W> {
        Counting {
            inner,
            bytes: 0,
            writes: 0,
            pending: 0,
            closes: 0,
        }
    }

    fn count(&mut self, answer: &Poll<io::Result<usize>>) {
        match answer {
            Poll::Ready(Ok(n)) if *n > 0 => {
                self.bytes += *n as u64;
                self.writes += 1;
            }
            Poll::Pending => self.pending += 1,
            _ => {}
        }
    }
}

impl<W: tokio1::io::AsyncWrite + Unpin> tokio1::io::AsyncWrite for Counting<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let answer = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.count(&answer);
        answer
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let answer = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.count(&answer);
        answer
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let answer = Pin::new(&mut self.inner).poll_shutdown(cx);
        if let Poll::Ready(Ok(())) = answer {
            self.closes += 1;
        }
        answer
    }
}

impl<W: futures03::io::AsyncWrite + Unpin> futures03::io::AsyncWrite for Counting<W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let answer = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.count(&answer);
        answer
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let answer = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.count(&answer);
        answer
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let answer = Pin::new(&mut self.inner).poll_close(cx);
        if let Poll::Ready(Ok(())) = answer {
            self.closes += 1;
        }
        answer
    }
}

/// The formats of `writestack-flate`, decoded by async-compression's tokio `bufread`
/// decoders (which this workspace did not write).
pub use writestack_test::reference::Format;

/// Decodes one complete stream of `format` with async-compression and requires it to
/// end exactly at the end of `wire`: a truncated stream is an error, and so is anything
/// after it (async-compression itself stops quietly at the end of a member).
pub async fn async_decode(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    use async_compression::tokio::bufread::{DeflateDecoder, GzipDecoder, ZlibDecoder};

    async fn drain<R: tokio1::io::AsyncRead + Unpin>(
        reader: &mut R,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        reader
            .read_to_end(out)
            .await
            .map(drop)
            .map_err(|error| format!("{:?}: {error}", error.kind()))
    }

    let mut out = Vec::new();
    let rest: &[u8] = match format {
        Format::Deflate => {
            let mut decoder = DeflateDecoder::new(wire);
            drain(&mut decoder, &mut out).await?;
            decoder.into_inner()
        }
        Format::Zlib => {
            let mut decoder = ZlibDecoder::new(wire);
            drain(&mut decoder, &mut out).await?;
            decoder.into_inner()
        }
        Format::Gzip => {
            let mut decoder = GzipDecoder::new(wire);
            drain(&mut decoder, &mut out).await?;
            decoder.into_inner()
        }
    };
    if !rest.is_empty() {
        return Err(format!("{} bytes after the end of the stream", rest.len()));
    }
    Ok(out)
}

/// Decodes gzip members one at a time with async-compression (one decoder per member,
/// `multiple_members` off), each starting where the one before it ended; returns each
/// member's data and its compressed length. Anything that is not a whole member is an
/// error.
pub async fn async_gzip_members(wire: &[u8]) -> Result<Vec<(Vec<u8>, usize)>, String> {
    use async_compression::tokio::bufread::GzipDecoder;

    let mut rest = wire;
    let mut members = Vec::new();
    while !rest.is_empty() {
        let mut decoder = GzipDecoder::new(rest);
        let mut out = Vec::new();
        decoder
            .read_to_end(&mut out)
            .await
            .map_err(|error| format!("member {}: {:?}: {error}", members.len(), error.kind()))?;
        let after = decoder.into_inner();
        members.push((out, rest.len() - after.len()));
        rest = after;
    }
    Ok(members)
}

/// Reads one gzip member from `reader` with async-compression and leaves `reader` right
/// after its trailer: what a keep-alive peer does before answering.
pub async fn read_one_member<R: AsyncBufRead + Unpin>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut decoder = async_compression::tokio::bufread::GzipDecoder::new(reader);
    let mut out = Vec::new();
    decoder.read_to_end(&mut out).await?;
    Ok(out)
}

/// Frames with LEB128 prefixes, read with the `leb128` crate: (prefix width, payload)
/// per frame. Each prefix must be the shortest encoding of its length and the whole of
/// `wire` must be frames.
pub fn leb128_frames(wire: &[u8]) -> Result<Vec<(usize, Vec<u8>)>, String> {
    let mut cursor = io::Cursor::new(wire);
    let mut frames = Vec::new();
    let position = |cursor: &io::Cursor<&[u8]>| {
        usize::try_from(cursor.position()).map_err(|e| format!("position: {e}"))
    };
    while position(&cursor)? < wire.len() {
        let start = position(&cursor)?;
        let len = leb128::read::unsigned(&mut cursor).map_err(|e| format!("{e:?}"))?;
        let width = position(&cursor)? - start;
        if width != leb128::write::unsigned_len(len) {
            return Err(format!(
                "a {width}-byte prefix for {len}: not the shortest form"
            ));
        }
        let at = position(&cursor)?;
        let len_usize = usize::try_from(len).map_err(|e| format!("length {len}: {e}"))?;
        let end = at
            .checked_add(len_usize)
            .filter(|&end| end <= wire.len())
            .ok_or_else(|| format!("a frame of {len} bytes cut short at the end"))?;
        frames.push((width, wire[at..end].to_vec()));
        cursor.set_position(end as u64);
    }
    Ok(frames)
}
