//! `std::io::Read` and tokio-io 0.1 `AsyncRead`: the inner reader is a `std::io::Read`
//! whose "not ready" is `WouldBlock`.

use std::io::{self, Read};

use futures::Poll;
use tokio_io::AsyncRead;

use super::state::ReadInner;
use crate::send::to_poll;
use crate::{Decode, DecodeReader, Decoded};

struct BlockingInner<'a, R>(&'a mut R);

impl<R: Read> ReadInner for BlockingInner<'_, R> {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read, D: Decode> DecodeReader<R, D> {
    /// One step of decoding into `output`, for readers that hand out more than bytes (a
    /// frame reader stops at [`Decoded::message_end`]): returns once payload was produced,
    /// a message or the stream ended. `NotReady` only when the inner reader returned
    /// `WouldBlock` during the call (rule R2).
    ///
    /// # Errors
    ///
    /// As [`Read::read`].
    pub fn poll_decode(&mut self, output: &mut [u8]) -> Poll<Decoded, io::Error> {
        to_poll(self.decode_step(output))
    }

    fn decode_step(&mut self, output: &mut [u8]) -> io::Result<Decoded> {
        let (inner, state) = self.parts_mut();
        state.read(&mut BlockingInner(inner), output)
    }
}

impl<R: Read, D: Decode> Read for DecodeReader<R, D> {
    /// # Errors
    ///
    /// `WouldBlock` when the inner reader would block (nothing lost, rule R2); the inner
    /// reader's errors as they are (R5); `UnexpectedEof` or `InvalidData` naming the
    /// layer for a cut or corrupt stream (R3).
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_bytes(buf, |buf| self.decode_step(buf))
    }
}

impl<R: AsyncRead, D: Decode> AsyncRead for DecodeReader<R, D> {}

/// A byte read out of decoding steps: a message's end with nothing produced (an empty
/// frame) is not the stream's end, so it is stepped over rather than returned as `Ok(0)`
/// (rule R1).
pub(crate) fn read_bytes(
    buf: &mut [u8],
    mut step: impl FnMut(&mut [u8]) -> io::Result<Decoded>,
) -> io::Result<usize> {
    loop {
        let decoded = step(buf)?;
        if decoded.produced > 0 || decoded.stream_end || buf.is_empty() {
            return Ok(decoded.produced);
        }
    }
}
