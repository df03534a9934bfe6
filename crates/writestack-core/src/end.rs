//! Ending a whole stack in one call, keeping the transport open or closing it.

use std::io::{self, Write};

use futures::{try_ready, Async, Future, Poll};

use crate::finish::poll_then_take;

/// A writer stack whose transport can be taken out in one call, and that can be ended in
/// one call ([`End`] on tokio-io 0.1 and blocking writers; on tokio 1 and futures-io,
/// `shutdown` / `close` then [`into_transport`](Stack::into_transport), or their
/// runtime's `StackExt::end`): every layer writes its tail, top down, and the bottom of
/// the stack decides what happens to the transport.
///
/// The choice is made once, when the stack is built, by what sits at its bottom:
/// * [`KeepOpen`]: the transport is flushed and stays open for the next stream (a
///   keep-alive connection carrying several gzip members or framed streams);
/// * [`HalfClose`](crate::tcp::HalfClose) (feature `tcp`): the transport is shut down
///   for writing, so the peer sees EOF.
///
/// Every writestack layer over a `Stack` is a `Stack`. Ending is resumable (after
/// `NotReady`, call again) and happens once: each layer's tail is written exactly once,
/// as on `shutdown` (CONTRACT rules 11 and 12), and it works the same over a blocking
/// writer (`.wait()`) and on a runtime. Afterwards the layers accept no more writes.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use futures::Future;
/// use writestack_buf::BufWriter;
/// use writestack_core::{KeepOpen, StackExt};
///
/// let mut stack = BufWriter::new(BufWriter::new(KeepOpen::new(Vec::new())));
/// stack.write_all(b"one stream").unwrap();
/// let transport: Vec<u8> = stack.end().wait().unwrap();
/// assert_eq!(transport, b"one stream");
/// ```
pub trait Stack {
    /// The writer at the very bottom (a socket, a file).
    type Transport;

    /// Takes the stack apart and gives back the transport. Before the stack has ended,
    /// bytes still buffered in the layers are lost (rule 17).
    fn into_transport(self) -> Self::Transport;
}

/// Ending a [`Stack`] over `std::io::Write` / tokio-io 0.1 writers.
pub trait End: Stack + Write {
    /// Writes every layer's tail, top down, then flushes (or closes) the transport.
    ///
    /// # Errors
    ///
    /// The first error of any layer or of the transport; the stack stays consistent and a
    /// retry continues (rule 15).
    fn poll_end(&mut self) -> Poll<(), io::Error>;
}

/// One-call ending for every [`End`] stack.
pub trait StackExt: End + Sized {
    /// A future that ends the whole stack ([`End::poll_end`]) and yields the transport.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use futures::Future;
    /// use writestack_buf::BufWriter;
    /// use writestack_core::{KeepOpen, StackExt};
    ///
    /// let mut stack = BufWriter::new(KeepOpen::new(Vec::new()));
    /// stack.write_all(b"body").unwrap();
    /// assert_eq!(stack.end().wait().unwrap(), b"body");
    /// ```
    fn end(self) -> EndFuture<Self> {
        EndFuture { stack: Some(self) }
    }
}

impl<T: End> StackExt for T {}

/// The future returned by [`StackExt::end`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct EndFuture<T> {
    stack: Option<T>,
}

impl<T: End> Future for EndFuture<T> {
    type Item = T::Transport;
    type Error = io::Error;

    fn poll(&mut self) -> Poll<T::Transport, io::Error> {
        let ended = try_ready!(poll_then_take(&mut self.stack, "EndFuture", T::poll_end));
        Ok(Async::Ready(ended.into_transport()))
    }
}

pin_project_lite::pin_project! {
    /// The bottom of a [`Stack`] whose transport stays open when the stack ends: ending
    /// flushes it, and `shutdown` (tokio-io) only flushes it too.
    ///
    /// This is what lets one connection carry stream after stream: end the stack, get the
    /// socket back, build the next stack on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use futures::Future;
    /// use writestack_buf::BufWriter;
    /// use writestack_core::{KeepOpen, StackExt};
    ///
    /// let mut first = BufWriter::new(KeepOpen::new(Vec::new()));
    /// first.write_all(b"first;").unwrap();
    /// let socket = first.end().wait().unwrap();
    /// let mut second = BufWriter::new(KeepOpen::new(socket));
    /// second.write_all(b"second").unwrap();
    /// assert_eq!(second.end().wait().unwrap(), b"first;second");
    /// ```
    #[derive(Debug, Default)]
    pub struct KeepOpen<S> {
        // Pinned for the runtimes whose writers need not be `Unpin`.
        #[pin]
        transport: S,
    }
}

impl<S> KeepOpen<S> {
    /// Marks `transport` as the bottom of a stack that keeps it open.
    pub fn new(transport: S) -> KeepOpen<S> {
        KeepOpen { transport }
    }

    /// The transport.
    pub fn get_ref(&self) -> &S {
        &self.transport
    }

    /// The transport, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.transport
    }

    /// Gives back the transport.
    pub fn into_inner(self) -> S {
        self.transport
    }
}

impl<S: Write> Write for KeepOpen<S> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.transport.write(buf)
    }

    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        self.transport.write_vectored(bufs)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.transport.flush()
    }
}

impl<S: tokio_io::AsyncWrite> tokio_io::AsyncWrite for KeepOpen<S> {
    fn write_buf<B: bytes::Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        self.transport.write_buf(buf)
    }

    /// Flushes only: the transport stays open.
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.transport.poll_flush()
    }
}

impl<S> Stack for KeepOpen<S> {
    type Transport = S;

    fn into_transport(self) -> S {
        self.transport
    }
}

impl<S: Write> End for KeepOpen<S> {
    fn poll_end(&mut self) -> Poll<(), io::Error> {
        crate::send::to_poll(crate::send::retry(|| self.transport.flush()))
    }
}

impl<S> KeepOpen<S> {
    /// The transport, pinned, for the runtime shims.
    #[cfg(any(feature = "tokio", feature = "futures-io"))]
    pub(crate) fn transport_pinned(self: std::pin::Pin<&mut Self>) -> std::pin::Pin<&mut S> {
        self.project().transport
    }
}
