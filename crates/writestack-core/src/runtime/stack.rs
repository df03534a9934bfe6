//! Ending a whole stack ([`End`]): the state machine's shutdown, with the layer below
//! ended in turn instead of shut down.

use std::io;

use futures::{Async, Poll};

use super::{BlockingInner, Inner};
use crate::send::to_poll;
use crate::state::Goal;
use crate::{Encode, EncodeWriter, End, Routing, Stack};

/// An inner writer that is itself a stack: where a shutdown would shut it down, it is
/// ended.
struct StackInner<'a, W>(&'a mut W);

impl<W: End> Inner for StackInner<'_, W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        BlockingInner(&mut *self.0).write(bytes)
    }

    fn write_slices(&mut self, slices: &[&[u8]]) -> io::Result<usize> {
        BlockingInner(&mut *self.0).write_slices(slices)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn shutdown(&mut self) -> io::Result<()> {
        match self.0.poll_end()? {
            Async::Ready(()) => Ok(()),
            Async::NotReady => Err(io::ErrorKind::WouldBlock.into()),
        }
    }
}

impl<W: Stack, E, R> Stack for EncodeWriter<W, E, R> {
    type Transport = W::Transport;

    fn into_transport(self) -> W::Transport {
        self.into_inner().into_transport()
    }
}

impl<W: End, E: Encode, R: Routing<E>> End for EncodeWriter<W, E, R> {
    fn poll_end(&mut self) -> Poll<(), io::Error> {
        let (inner, state) = self.parts_mut();
        to_poll(state.drive(&mut StackInner(inner), Goal::Shutdown))
    }
}
