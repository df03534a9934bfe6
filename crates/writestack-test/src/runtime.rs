//! The runtimes the contract suite runs on, behind one small interface, so that each
//! check is written once: tokio-io 0.1 ([`TokioIo01`]), tokio 1 ([`Tokio1`]) and
//! futures-io 0.3 ([`FuturesIo03`]).
//!
//! A [`Runtime`] is a strict driver ([`drive`](crate::drive) for futures 0.1 tasks,
//! [`drive_std`] for std tasks); [`Drive`] and [`DriveFinish`] are one
//! poll of a layer's writer trait and `Finish` on that runtime, answering in
//! `std::task::Poll` whatever the runtime. The inner writer is the kit's
//! [`TestWriter`](crate::TestWriter) on every runtime: it implements all three writer
//! traits over the same recorder and schedules.
//!
//! A check drives a layer like this (`R` is the runtime, `layer: L` with
//! `L: Drive<R>`):
//!
//! ```text
//! let driven = R::drive(|cx| layer.rt_write(cx, &data[pos..]));
//! ```

use std::fmt;
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes};
use futures::Async;
use tokio_io::AsyncWrite;
use writestack_core::Finish;

use crate::driver::{drive_poll, drive_std, poll_once, poll_once_std, Driven};

/// The task context of one poll: a std `Context` on tokio 1 and futures-io, nothing on
/// tokio-io 0.1 (whose calls find their task themselves).
pub struct Cx<'a, 'b> {
    task: Option<&'a mut Context<'b>>,
}

impl<'b> Cx<'_, 'b> {
    /// The std-task context.
    ///
    /// # Panics
    ///
    /// On tokio-io 0.1, which has none (a bug in the kit).
    pub fn context(&mut self) -> &mut Context<'b> {
        match self.task.as_deref_mut() {
            Some(cx) => cx,
            None => panic!("a std-task call outside a std task"),
        }
    }
}

impl fmt::Debug for Cx<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cx")
            .field("std_task", &self.task.is_some())
            .finish()
    }
}

/// A runtime's strict driver.
pub trait Runtime {
    /// The runtime's name, for failure messages.
    const NAME: &'static str;

    /// Whether the runtime runs on std tasks (`Context`, `Poll::Pending`), where an
    /// inner writer can also answer `Ready(Err(WouldBlock))`.
    const STD_TASK: bool;

    /// Polls `poll` to completion in a task whose wake-ups are counted.
    ///
    /// # Panics
    ///
    /// On a "not ready" answer without a wake-up requested during that poll, or a hang
    /// (see [`drive`](crate::drive), [`drive_std`]).
    fn drive<T>(poll: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<T>>) -> Driven<T>;

    /// Polls `poll` once in a task and reports its answer, with whether a wake-up was
    /// requested during the poll.
    fn poll_once<T>(
        poll: impl FnOnce(&mut Cx<'_, '_>) -> Poll<io::Result<T>>,
    ) -> (Poll<io::Result<T>>, bool);
}

/// tokio-io 0.1 (`tokio_io::AsyncWrite`, futures 0.1 tasks).
#[derive(Debug)]
pub enum TokioIo01 {}

/// tokio 1 (`tokio::io::AsyncWrite`, std tasks).
#[derive(Debug)]
pub enum Tokio1 {}

/// futures-io 0.3 (`futures_io::AsyncWrite`, std tasks).
#[derive(Debug)]
pub enum FuturesIo03 {}

/// tokio-io 0.1's `Poll` as a std `Poll`.
pub(crate) fn from_futures01<T>(poll: futures::Poll<T, io::Error>) -> Poll<io::Result<T>> {
    match poll {
        Ok(Async::Ready(value)) => Poll::Ready(Ok(value)),
        Ok(Async::NotReady) => Poll::Pending,
        Err(error) => Poll::Ready(Err(error)),
    }
}

/// A std `Poll` as tokio-io 0.1's `Poll`.
fn to_futures01<T>(poll: Poll<io::Result<T>>) -> futures::Poll<T, io::Error> {
    match poll {
        Poll::Ready(Ok(value)) => Ok(Async::Ready(value)),
        Poll::Pending => Ok(Async::NotReady),
        Poll::Ready(Err(error)) => Err(error),
    }
}

impl Runtime for TokioIo01 {
    const NAME: &'static str = "tokio-io 0.1";
    const STD_TASK: bool = false;

    fn drive<T>(mut poll: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<T>>) -> Driven<T> {
        drive_poll(|| to_futures01(poll(&mut Cx { task: None })))
    }

    fn poll_once<T>(
        poll: impl FnOnce(&mut Cx<'_, '_>) -> Poll<io::Result<T>>,
    ) -> (Poll<io::Result<T>>, bool) {
        let mut poll = Some(poll);
        let (answer, woken) = poll_once(|| match poll.take() {
            Some(poll) => to_futures01(poll(&mut Cx { task: None })),
            None => Err(io::Error::other("polled twice")),
        });
        (from_futures01(answer), woken)
    }
}

fn drive_std_task<T>(mut poll: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<T>>) -> Driven<T> {
    drive_std(|cx| poll(&mut Cx { task: Some(cx) }))
}

fn poll_std_task_once<T>(
    poll: impl FnOnce(&mut Cx<'_, '_>) -> Poll<io::Result<T>>,
) -> (Poll<io::Result<T>>, bool) {
    poll_once_std(|cx| poll(&mut Cx { task: Some(cx) }))
}

impl Runtime for Tokio1 {
    const NAME: &'static str = "tokio 1";
    const STD_TASK: bool = true;

    fn drive<T>(poll: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<T>>) -> Driven<T> {
        drive_std_task(poll)
    }

    fn poll_once<T>(
        poll: impl FnOnce(&mut Cx<'_, '_>) -> Poll<io::Result<T>>,
    ) -> (Poll<io::Result<T>>, bool) {
        poll_std_task_once(poll)
    }
}

impl Runtime for FuturesIo03 {
    const NAME: &'static str = "futures-io 0.3";
    const STD_TASK: bool = true;

    fn drive<T>(poll: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<T>>) -> Driven<T> {
        drive_std_task(poll)
    }

    fn poll_once<T>(
        poll: impl FnOnce(&mut Cx<'_, '_>) -> Poll<io::Result<T>>,
    ) -> (Poll<io::Result<T>>, bool) {
        poll_std_task_once(poll)
    }
}

/// Payload bytes offered to one vectored write, as slices: on tokio-io 0.1 a bytes 0.4
/// `Buf` for `write_buf`, on tokio 1 and futures-io the `IoSlice`s of
/// `poll_write_vectored`.
///
/// Two shapes (see [`Op`](crate::Op)):
/// * a *chain*: on tokio-io 0.1 a `Chain` of cursors, whose `bytes_vec` shows every
///   slice; on the std runtimes every slice left, as one `IoSlice` each;
/// * *hidden*: on tokio-io 0.1 the chain behind a `Take` of its whole length, whose
///   `bytes_vec` shows only the first slice while the `Buf` holds them all; std slices
///   cannot hide bytes, so there the slices left come with an empty `IoSlice` before
///   each (what a caller gathering from a ring or a list of buffers may hand over), and
///   an empty slice counts against what a layer gathers at once as a full one does.
pub struct Gathered {
    buf: Box<dyn Buf>,
    pieces: Vec<Bytes>,
    len: usize,
    hidden: bool,
}

impl Gathered {
    /// `data` as slices of the given sizes (the rest, if any, in one more slice); with
    /// `hidden`, the second shape (see the type docs). Also returns the number of
    /// non-empty slices.
    pub fn new(data: &[u8], sizes: &[usize], hidden: bool) -> (Gathered, usize) {
        let mut pieces: Vec<Bytes> = Vec::new();
        let mut pos = 0;
        for size in sizes {
            let end = (pos + size).min(data.len());
            pieces.push(Bytes::from(&data[pos..end]));
            pos = end;
        }
        if pos < data.len() {
            pieces.push(Bytes::from(&data[pos..]));
        }
        let slices = pieces.iter().filter(|piece| !piece.is_empty()).count();
        let mut buf: Box<dyn Buf> = Box::new(io::Cursor::new(Bytes::new()));
        for piece in pieces.iter().rev() {
            buf = Box::new(io::Cursor::new(piece.clone()).chain(buf));
        }
        if hidden {
            buf = Box::new(buf.take(data.len()));
        }
        let gathered = Gathered {
            buf,
            pieces,
            len: data.len(),
            hidden,
        };
        (gathered, slices)
    }

    /// `data` as one slice: on tokio-io 0.1 a plain cursor (no chain).
    pub fn single(data: &[u8]) -> Gathered {
        let piece = Bytes::from(data);
        Gathered {
            buf: Box::new(io::Cursor::new(piece.clone())),
            pieces: vec![piece],
            len: data.len(),
            hidden: false,
        }
    }

    /// Bytes not yet written.
    pub fn remaining(&self) -> usize {
        self.buf.remaining()
    }

    /// Whether bytes are left.
    pub fn has_remaining(&self) -> bool {
        self.buf.has_remaining()
    }

    /// The bytes left, as std slices (see the type docs).
    fn io_slices(&self) -> Vec<IoSlice<'_>> {
        let mut skip = self.len - self.remaining();
        let mut slices = Vec::with_capacity(2 * self.pieces.len());
        for piece in &self.pieces {
            let rest = &piece[skip.min(piece.len())..];
            skip -= skip.min(piece.len());
            if rest.is_empty() {
                continue;
            }
            if self.hidden {
                slices.push(IoSlice::new(&[]));
            }
            slices.push(IoSlice::new(rest));
        }
        slices
    }

    /// Marks `n` bytes written (at most what is left).
    fn advance(&mut self, n: usize) {
        let n = n.min(self.remaining());
        self.buf.advance(n);
    }
}

impl fmt::Debug for Gathered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gathered")
            .field("slices", &self.pieces.len())
            .field("remaining", &self.remaining())
            .field("hidden", &self.hidden)
            .finish()
    }
}

/// One poll of a writer's calls on runtime `R`: implemented for every writer of that
/// runtime (`tokio_io::AsyncWrite`, `Unpin` `tokio::io::AsyncWrite` and
/// `futures_io::AsyncWrite`).
pub trait Drive<R: Runtime> {
    /// `poll_write`.
    fn rt_write(&mut self, cx: &mut Cx<'_, '_>, buf: &[u8]) -> Poll<io::Result<usize>>;

    /// `write_buf` (tokio-io 0.1) or `poll_write_vectored` (std tasks) of the bytes
    /// left in `buf`, advancing it past what was taken.
    fn rt_write_gathered(
        &mut self,
        cx: &mut Cx<'_, '_>,
        buf: &mut Gathered,
    ) -> Poll<io::Result<usize>>;

    /// `poll_flush`.
    fn rt_flush(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>>;

    /// `shutdown` (tokio-io 0.1), `poll_shutdown` (tokio 1), `poll_close` (futures-io).
    fn rt_close(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>>;
}

/// One poll of a layer's `Finish` on runtime `R`: [`writestack_core::Finish`],
/// `writestack_core::tokio::Finish`, `writestack_core::futures_io::Finish`.
pub trait DriveFinish<R: Runtime> {
    /// `poll_finish`.
    fn rt_finish(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>>;
}

/// What the contract suite needs of a layer on runtime `R`: [`Drive`] and
/// [`DriveFinish`].
pub trait DriveLayer<R: Runtime>: Drive<R> + DriveFinish<R> {}

impl<R: Runtime, L: Drive<R> + DriveFinish<R>> DriveLayer<R> for L {}

impl<L: AsyncWrite> Drive<TokioIo01> for L {
    fn rt_write(&mut self, _: &mut Cx<'_, '_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        from_futures01(AsyncWrite::poll_write(self, buf))
    }

    fn rt_write_gathered(
        &mut self,
        _: &mut Cx<'_, '_>,
        buf: &mut Gathered,
    ) -> Poll<io::Result<usize>> {
        from_futures01(AsyncWrite::write_buf(self, &mut buf.buf))
    }

    fn rt_flush(&mut self, _: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
        from_futures01(AsyncWrite::poll_flush(self))
    }

    fn rt_close(&mut self, _: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
        from_futures01(AsyncWrite::shutdown(self))
    }
}

impl<L: Finish> DriveFinish<TokioIo01> for L {
    fn rt_finish(&mut self, _: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
        from_futures01(Finish::poll_finish(self))
    }
}

/// The std-task runtimes' [`Drive`] and [`DriveFinish`], which differ only in paths and
/// in the name of the closing call.
macro_rules! std_task_drive {
    ($runtime:ty, $($writer:ident)::+, $($finish:ident)::+, $close:ident) => {
        impl<L: $($writer)::+ + Unpin> Drive<$runtime> for L {
            fn rt_write(&mut self, cx: &mut Cx<'_, '_>, buf: &[u8]) -> Poll<io::Result<usize>> {
                $($writer)::+::poll_write(Pin::new(self), cx.context(), buf)
            }

            fn rt_write_gathered(
                &mut self,
                cx: &mut Cx<'_, '_>,
                buf: &mut Gathered,
            ) -> Poll<io::Result<usize>> {
                let answer = {
                    let slices = buf.io_slices();
                    $($writer)::+::poll_write_vectored(Pin::new(self), cx.context(), &slices)
                };
                if let Poll::Ready(Ok(n)) = answer {
                    buf.advance(n);
                }
                answer
            }

            fn rt_flush(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
                $($writer)::+::poll_flush(Pin::new(self), cx.context())
            }

            fn rt_close(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
                $($writer)::+::$close(Pin::new(self), cx.context())
            }
        }

        impl<L: $($finish)::+ + Unpin> DriveFinish<$runtime> for L {
            fn rt_finish(&mut self, cx: &mut Cx<'_, '_>) -> Poll<io::Result<()>> {
                $($finish)::+::poll_finish(Pin::new(self), cx.context())
            }
        }
    };
}

std_task_drive!(
    Tokio1,
    tokio1::io::AsyncWrite,
    writestack_core::tokio::Finish,
    poll_shutdown
);
std_task_drive!(
    FuturesIo03,
    futures_io::AsyncWrite,
    writestack_core::futures_io::Finish,
    poll_close
);
