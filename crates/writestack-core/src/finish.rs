//! Ending a layer's stream without shutting down the transport below it.

use std::io;

use futures::{Async, Future, Poll};

/// Writes a layer's tail and flushes the inner writer, **without** shutting it down.
///
/// `shutdown` (from `tokio_io::AsyncWrite`) ends the whole stack down to the transport.
/// `poll_finish` ends only this layer: the gzip trailer, the CRC trailer or the end frame
/// is written exactly once, drained into the inner writer, and the inner writer is
/// flushed. Afterwards `into_inner()` gives the inner writer back, ready to carry another
/// stream (the next gzip member, the next body on a keep-alive connection).
///
/// The call is resumable: after `NotReady` call it again and it continues where it
/// stopped. Once it has returned `Ready`, further calls return `Ready` and write nothing.
///
/// # Errors
///
/// Errors of the inner writer are returned as they are; the layer stays consistent, so a
/// call after the inner writer recovers continues without loss or duplication.
///
/// # Examples
///
/// ```
/// use futures::Async;
/// use writestack_buf::BufWriter;
/// use writestack_core::Finish;
///
/// let mut writer = BufWriter::new(Vec::new());
/// std::io::Write::write_all(&mut writer, b"hello").unwrap();
/// assert_eq!(writer.poll_finish().unwrap(), Async::Ready(()));
/// assert_eq!(writer.get_ref(), b"hello");
/// ```
pub trait Finish {
    /// Drives this layer's tail into the inner writer and flushes the inner writer.
    ///
    /// # Errors
    ///
    /// Any error of the inner writer other than `WouldBlock` (which becomes `NotReady`).
    fn poll_finish(&mut self) -> Poll<(), io::Error>;
}

impl<T: Finish + ?Sized> Finish for &mut T {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        (**self).poll_finish()
    }
}

impl<T: Finish + ?Sized> Finish for Box<T> {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        (**self).poll_finish()
    }
}

/// Combinators for every [`Finish`] layer.
pub trait FinishExt: Finish + Sized {
    /// A future that finishes the layer and then yields it back, so the caller can take the
    /// inner writer out with `into_inner()`.
    ///
    /// On a blocking inner writer (a file, a `Vec<u8>`) the future never returns
    /// `NotReady`, so `.wait()` runs it without a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::Future;
    /// use writestack_buf::BufWriter;
    /// use writestack_core::FinishExt;
    ///
    /// let mut writer = BufWriter::new(Vec::new());
    /// std::io::Write::write_all(&mut writer, b"body").unwrap();
    /// let writer = writer.finish().wait().unwrap();
    /// assert_eq!(writer.into_inner(), b"body");
    /// ```
    fn finish(self) -> FinishFuture<Self> {
        FinishFuture { layer: Some(self) }
    }
}

impl<T: Finish> FinishExt for T {}

/// The future returned by [`FinishExt::finish`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct FinishFuture<T> {
    layer: Option<T>,
}

impl<T: Finish> Future for FinishFuture<T> {
    type Item = T;
    type Error = io::Error;

    fn poll(&mut self) -> Poll<T, io::Error> {
        poll_then_take(&mut self.layer, "FinishFuture", T::poll_finish)
    }
}

/// Polls `poll` on the value in `slot` until it is ready, then takes the value out: the
/// shape of every future that ends something and gives it back. Errors leave the value
/// in place, so the future can be polled again once the cause is gone (rule 15).
pub(crate) fn poll_then_take<T>(
    slot: &mut Option<T>,
    what: &str,
    poll: impl FnOnce(&mut T) -> Poll<(), io::Error>,
) -> Poll<T, io::Error> {
    let value = slot
        .as_mut()
        .ok_or_else(|| io::Error::other(format!("{what} polled after it completed")))?;
    match poll(value)? {
        Async::Ready(()) => match slot.take() {
            Some(value) => Ok(Async::Ready(value)),
            None => Err(io::Error::other(format!("{what} lost its value"))),
        },
        Async::NotReady => Ok(Async::NotReady),
    }
}
