//! tokio-io 0.1: `AsyncWrite` over an `AsyncWrite`, vectored through `write_buf`.

use std::io;

use bytes::Buf;
use futures::{Async, Poll};
use tokio_io::AsyncWrite;

use super::slice_buf::{gather, SliceBuf};
use super::{Inner, MAX_SLICES};
use crate::send::to_poll;
use crate::state::{Goal, State, Written};
use crate::{Encode, EncodeWriter, Routing, WriteKind};

/// An inner writer reached through `AsyncWrite`, so vectored writes use `write_buf`.
pub(crate) struct AsyncInner<'a, W>(pub(crate) &'a mut W);

fn would_block<T>(poll: Poll<T, io::Error>) -> io::Result<T> {
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

    fn write_slices(&mut self, slices: &[&[u8]]) -> io::Result<usize> {
        would_block(self.0.write_buf(&mut SliceBuf::new(slices)))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        would_block(self.0.shutdown())
    }
}

/// One `write_buf` of the caller's `Buf`: the slices it shows, or, for a unit it cannot
/// show whole, all of it once it is sure to be taken.
fn write_buf<W: AsyncWrite, E: Encode, R: Routing<E>, B: Buf>(
    state: &mut State<E, R>,
    inner: &mut W,
    buf: &mut B,
    kind: WriteKind,
) -> io::Result<usize> {
    let taken = {
        let mut slices: [&[u8]; MAX_SLICES] = [&[]; MAX_SLICES];
        let count = gather(buf, &mut slices);
        match state.write_slices(
            &mut AsyncInner(inner),
            &slices[..count],
            buf.remaining(),
            kind,
        )? {
            Written::Taken(n) => n,
            Written::Gather(prefix) => {
                let read = || {
                    let mut unit = Vec::with_capacity(buf.remaining());
                    while buf.has_remaining() && !buf.bytes().is_empty() {
                        let n = buf.bytes().len();
                        unit.extend_from_slice(buf.bytes());
                        buf.advance(n);
                    }
                    unit
                };
                // `read` has advanced the caller's buffer already.
                return state.accept_gathered(&mut AsyncInner(inner), prefix, read);
            }
        }
    };
    buf.advance(taken);
    Ok(taken)
}

impl<W: AsyncWrite, E: Encode, R: Routing<E>> EncodeWriter<W, E, R> {
    /// Writes `buf` as one item ([`WriteKind::Item`]): `Sink::start_send` uses it. An
    /// error deferred from an earlier write (a frame accepted whole, then interrupted by
    /// an inner error) is not returned here but kept for the next flush, finish or
    /// shutdown: an error here would lose the new item, which has nothing to do with it.
    ///
    /// # Errors
    ///
    /// As `poll_write`.
    pub fn poll_write_item(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        let (inner, state) = self.parts_mut();
        let deferred = state.deferred.take();
        let answer = state.write_one(&mut AsyncInner(inner), buf, WriteKind::Item);
        if deferred.is_some() {
            state.deferred = deferred;
        }
        to_poll(answer)
    }
}

impl<W: AsyncWrite, E: Encode, R: Routing<E>> AsyncWrite for EncodeWriter<W, E, R> {
    #[inline]
    fn poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        let (inner, state) = self.parts_mut();
        if state.write_buffered(buf) {
            return Ok(Async::Ready(buf.len()));
        }
        to_poll(state.write_unbuffered(&mut AsyncInner(inner), buf))
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let (inner, state) = self.parts_mut();
        to_poll(write_buf(state, inner, buf, WriteKind::Stream))
    }

    fn poll_flush(&mut self) -> Poll<(), io::Error> {
        let (inner, state) = self.parts_mut();
        to_poll(state.flush(&mut AsyncInner(inner)))
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        let (inner, state) = self.parts_mut();
        to_poll(state.drive(&mut AsyncInner(inner), Goal::Shutdown))
    }
}
