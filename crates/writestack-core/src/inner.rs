//! The two ways the adapter can talk to its inner writer.
//!
//! `std::io::Write` (blocking use, `Write::write`) has no vectored path that tokio-io 0.1
//! transports implement, while `AsyncWrite::write_buf` does (`writev` on a `TcpStream`).
//! The state machine is written once against [`Inner`]; the two wrappers pick the path.

use std::io::{self, IoSlice, Write};

use bytes::Buf;
use futures::Async;
use iovec::IoVec;
use tokio_io::AsyncWrite;

/// Most slices gathered from one `write_buf` call.
pub(crate) const MAX_CHUNKS: usize = 64;

pub(crate) trait Inner {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize>;
    fn write_chunks(&mut self, chunks: &[&[u8]]) -> io::Result<usize>;
    fn flush(&mut self) -> io::Result<()>;
    fn shutdown(&mut self) -> io::Result<()>;
}

/// An inner writer reached through `std::io::Write` only.
pub(crate) struct BlockingInner<'a, W>(pub(crate) &'a mut W);

impl<W: Write> Inner for BlockingInner<'_, W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn write_chunks(&mut self, chunks: &[&[u8]]) -> io::Result<usize> {
        let mut slices = [IoSlice::new(&[]); MAX_CHUNKS + 1];
        let count = chunks.len().min(slices.len());
        for (slot, chunk) in slices.iter_mut().zip(&chunks[..count]) {
            *slot = IoSlice::new(chunk);
        }
        self.0.write_vectored(&slices[..count])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        // Only reachable through AsyncWrite::shutdown, which uses `Async`.
        self.0.flush()
    }
}

/// An inner writer reached through `AsyncWrite`, so vectored writes use `write_buf`.
pub(crate) struct AsyncInner<'a, W>(pub(crate) &'a mut W);

fn would_block<T>(poll: futures::Poll<T, io::Error>) -> io::Result<T> {
    match poll? {
        Async::Ready(value) => Ok(value),
        Async::NotReady => Err(io::ErrorKind::WouldBlock.into()),
    }
}

impl<W: AsyncWrite> Inner for AsyncInner<'_, W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn write_chunks(&mut self, chunks: &[&[u8]]) -> io::Result<usize> {
        let mut buf = ChunkBuf::new(chunks);
        would_block(self.0.write_buf(&mut buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        would_block(self.0.shutdown())
    }
}

/// A `bytes::Buf` over borrowed slices, so the adapter knows exactly which bytes the inner
/// writer took after `write_buf` (the caller's `Buf` is only advanced afterwards).
pub(crate) struct ChunkBuf<'a, 'c> {
    chunks: &'c [&'a [u8]],
    index: usize,
    offset: usize,
    remaining: usize,
}

impl<'a, 'c> ChunkBuf<'a, 'c> {
    pub(crate) fn new(chunks: &'c [&'a [u8]]) -> Self {
        let mut buf = ChunkBuf {
            chunks,
            index: 0,
            offset: 0,
            remaining: chunks.iter().map(|c| c.len()).sum(),
        };
        buf.skip_empty();
        buf
    }

    fn skip_empty(&mut self) {
        while self.index < self.chunks.len() && self.offset == self.chunks[self.index].len() {
            self.index += 1;
            self.offset = 0;
        }
    }
}

impl Buf for ChunkBuf<'_, '_> {
    fn remaining(&self) -> usize {
        self.remaining
    }

    fn bytes(&self) -> &[u8] {
        match self.chunks.get(self.index) {
            Some(chunk) => &chunk[self.offset..],
            None => &[],
        }
    }

    fn advance(&mut self, cnt: usize) {
        let mut cnt = cnt.min(self.remaining);
        self.remaining -= cnt;
        while cnt > 0 {
            let left = self.chunks[self.index].len() - self.offset;
            if cnt < left {
                self.offset += cnt;
                cnt = 0;
            } else {
                cnt -= left;
                self.index += 1;
                self.offset = 0;
            }
        }
        self.skip_empty();
    }

    fn bytes_vec<'b>(&'b self, dst: &mut [&'b IoVec]) -> usize {
        let mut filled = 0;
        let mut offset = self.offset;
        for chunk in self.chunks.iter().skip(self.index) {
            if filled == dst.len() {
                break;
            }
            if let Some(iovec) = IoVec::from_bytes(&chunk[offset..]) {
                dst[filled] = iovec;
                filled += 1;
            }
            offset = 0;
        }
        filled
    }
}

/// Collects the caller's `Buf` as slices without advancing it; returns how many.
pub(crate) fn gather<'a, B: Buf>(buf: &'a B, slices: &mut [&'a [u8]; MAX_CHUNKS]) -> usize {
    static FILLER: [u8; 1] = [0];
    let filler: &'static IoVec = match IoVec::from_bytes(&FILLER) {
        Some(iovec) => iovec,
        None => {
            slices[0] = buf.bytes();
            return 1;
        }
    };
    let mut iovecs = [filler; MAX_CHUNKS];
    let count = buf.bytes_vec(&mut iovecs);
    if count == 0 {
        slices[0] = buf.bytes();
        return 1;
    }
    for (slot, iovec) in slices.iter_mut().zip(&iovecs[..count]) {
        *slot = &iovec[..];
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_buf_advances_across_chunk_boundaries_and_skips_empty_chunks() {
        let chunks: [&[u8]; 4] = [b"ab", b"", b"cde", b"f"];
        let mut buf = ChunkBuf::new(&chunks);
        assert_eq!(buf.remaining(), 6);
        buf.advance(3);
        assert_eq!(buf.bytes(), b"de");
        let filler = IoVec::from_bytes(b"x").unwrap();
        let mut dst = [filler; 4];
        assert_eq!(buf.bytes_vec(&mut dst), 2);
        assert_eq!(&dst[0][..], b"de");
        assert_eq!(&dst[1][..], b"f");
        buf.advance(10);
        assert_eq!(buf.remaining(), 0);
        assert!(buf.bytes().is_empty());
    }
}
