//! Shared by the whole-stack tests: decoders we did not write, applied layer by layer,
//! and a transport wrapper that counts what the socket took.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::io::{self, Read};

use bytes::{Buf, BytesMut};
use futures::{Async, Poll};
use tokio::codec::{Decoder, LengthDelimitedCodec};
use tokio_io::AsyncWrite;

/// Decodes one gzip member with flate2 and requires that it is the whole input: the
/// gzip trailer is there, once, and nothing follows it.
pub(crate) fn gunzip_exact(wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut decoder = flate2::bufread::GzDecoder::new(wire);
    let mut plain = Vec::new();
    decoder
        .read_to_end(&mut plain)
        .map_err(|error| format!("gzip: {error}"))?;
    let rest = decoder.into_inner();
    if !rest.is_empty() {
        return Err(format!("gzip: {} bytes after the member", rest.len()));
    }
    Ok(plain)
}

/// Strips and checks a big-endian CRC32 trailer with crc32fast.
pub(crate) fn strip_crc(wire: &[u8]) -> Result<Vec<u8>, String> {
    if wire.len() < 4 {
        return Err(format!("crc: {} bytes, no room for a trailer", wire.len()));
    }
    let (body, trailer) = wire.split_at(wire.len() - 4);
    let expected = crc32fast::hash(body).to_be_bytes();
    if trailer != expected {
        return Err(format!("crc: trailer {trailer:?}, expected {expected:?}"));
    }
    Ok(body.to_vec())
}

/// Frames read back with tokio 0.1's `LengthDelimitedCodec` (4-byte big-endian
/// prefixes, its defaults), requiring the whole input to be consumed.
pub(crate) fn frames_exact(wire: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut codec = LengthDelimitedCodec::new();
    let mut buf = BytesMut::from(wire);
    let mut frames = Vec::new();
    while let Some(frame) = codec
        .decode(&mut buf)
        .map_err(|error| format!("frames: {error}"))?
    {
        frames.push(frame.to_vec());
    }
    if !buf.is_empty() {
        return Err(format!(
            "frames: {} bytes of a partial frame left",
            buf.len()
        ));
    }
    Ok(frames)
}

/// Chunked frames: payload frames, then exactly one zero-length end marker, last.
pub(crate) fn unframe_chunked(wire: &[u8]) -> Result<Vec<u8>, String> {
    let frames = frames_exact(wire)?;
    let empty: Vec<usize> = (0..frames.len())
        .filter(|&i| frames[i].is_empty())
        .collect();
    if empty != [frames.len().wrapping_sub(1)] {
        return Err(format!(
            "chunked: empty frames at {empty:?} of {}, expected only the last",
            frames.len()
        ));
    }
    Ok(frames.concat())
}

/// Message frames: no end marker, no empty frame.
pub(crate) fn unframe_messages(wire: &[u8]) -> Result<Vec<u8>, String> {
    let frames = frames_exact(wire)?;
    if frames.iter().any(Vec::is_empty) {
        return Err("message: an empty frame in a stream without end marker".into());
    }
    Ok(frames.concat())
}

/// Counts what the wrapped transport took, how many write calls took bytes, and how many
/// times it answered `NotReady` (backpressure).
#[derive(Debug)]
pub(crate) struct Counting<W> {
    pub(crate) inner: W,
    pub(crate) bytes: u64,
    pub(crate) writes: u64,
    pub(crate) not_ready: u64,
}

impl<W> Counting<W> {
    pub(crate) fn new(inner: W) -> Counting<W> {
        Counting {
            inner,
            bytes: 0,
            writes: 0,
            not_ready: 0,
        }
    }

    fn count(&mut self, answer: &io::Result<usize>) {
        match answer {
            Ok(n) if *n > 0 => {
                self.bytes += *n as u64;
                self.writes += 1;
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => self.not_ready += 1,
            _ => {}
        }
    }
}

impl<W: io::Write> io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let answer = self.inner.write(buf);
        self.count(&answer);
        answer
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: AsyncWrite> AsyncWrite for Counting<W> {
    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let answer = match self.inner.write_buf(buf) {
            Ok(Async::Ready(n)) => Ok(n),
            Ok(Async::NotReady) => Err(io::ErrorKind::WouldBlock.into()),
            Err(error) => Err(error),
        };
        self.count(&answer);
        match answer {
            Ok(n) => Ok(Async::Ready(n)),
            Err(ref error) if error.kind() == io::ErrorKind::WouldBlock => Ok(Async::NotReady),
            Err(error) => Err(error),
        }
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.inner.shutdown()
    }
}
