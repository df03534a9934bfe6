//! `std::io::Write`: blocking use, and the writer `Finish` drives.

use std::io::{self, IoSlice, Write};

use futures::Poll;

use super::{Inner, MAX_SLICES};
use crate::send::to_poll;
use crate::state::Goal;
use crate::{Encode, EncodeWriter, Finish, Routing};

/// An inner writer reached through `std::io::Write` only.
pub(crate) struct BlockingInner<'a, W>(pub(crate) &'a mut W);

impl<W: Write> Inner for BlockingInner<'_, W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn write_slices(&mut self, slices: &[&[u8]]) -> io::Result<usize> {
        let mut io_slices = [IoSlice::new(&[]); MAX_SLICES + 1];
        let count = slices.len().min(io_slices.len());
        for (slot, slice) in io_slices.iter_mut().zip(&slices[..count]) {
            *slot = IoSlice::new(slice);
        }
        self.0.write_vectored(&io_slices[..count])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        // std::io::Write has no shutdown; finishing flushes, which is all it can do.
        self.0.flush()
    }
}

impl<W: Write, E: Encode, R: Routing<E>> Write for EncodeWriter<W, E, R> {
    /// # Errors
    ///
    /// `WouldBlock` (nothing taken) when the inner writer would block; the inner
    /// writer's errors as they are; an error naming the layer after finish or shutdown.
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (inner, state) = self.parts_mut();
        state.write(&mut BlockingInner(inner), buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let (inner, state) = self.parts_mut();
        state.flush(&mut BlockingInner(inner))
    }
}

impl<W: Write, E: Encode, R: Routing<E>> Finish for EncodeWriter<W, E, R> {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        let (inner, state) = self.parts_mut();
        to_poll(state.drive(&mut BlockingInner(inner), Goal::Finish))
    }
}
