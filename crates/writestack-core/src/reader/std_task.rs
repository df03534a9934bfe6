//! tokio 1 and futures-io 0.3 `AsyncRead`: the inner reader is polled with the task's
//! `Context`; its `Pending` is `WouldBlock` to the state machine and `Pending` again
//! to the caller, while a `Ready(Err(WouldBlock))` it returned itself (no wakeup
//! registered) stays an error, as on the writing side.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::state::{ReadInner, ReadState};
use crate::{Decode, DecodeReader, Decoded};

/// The inner reader, pinned, with the task's context, as one read call.
struct TaskInner<'a, 'b, R, F> {
    reader: Pin<&'a mut R>,
    cx: &'a mut Context<'b>,
    poll_read: F,
    pending: bool,
}

impl<R, F> ReadInner for TaskInner<'_, '_, R, F>
where
    F: FnMut(Pin<&mut R>, &mut Context<'_>, &mut [u8]) -> Poll<io::Result<usize>>,
{
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match (self.poll_read)(self.reader.as_mut(), self.cx, buf) {
            Poll::Ready(result) => result,
            Poll::Pending => {
                self.pending = true;
                Err(io::ErrorKind::WouldBlock.into())
            }
        }
    }
}

/// One decoding step on a std-task runtime whose inner read is `poll_read`.
fn poll_step<R, D: Decode>(
    inner: Pin<&mut R>,
    state: &mut ReadState<D>,
    cx: &mut Context<'_>,
    output: &mut [u8],
    poll_read: impl FnMut(Pin<&mut R>, &mut Context<'_>, &mut [u8]) -> Poll<io::Result<usize>>,
) -> Poll<io::Result<Decoded>> {
    let mut task = TaskInner {
        reader: inner,
        cx,
        poll_read,
        pending: false,
    };
    match state.read(&mut task, output) {
        Err(error) if error.kind() == io::ErrorKind::WouldBlock && task.pending => Poll::Pending,
        other => Poll::Ready(other),
    }
}

/// Steps until bytes, the stream's end or `Pending` (see `blocking::read_bytes`).
fn poll_bytes(
    buf: &mut [u8],
    mut step: impl FnMut(&mut [u8]) -> Poll<io::Result<Decoded>>,
) -> Poll<io::Result<usize>> {
    loop {
        let decoded = match step(buf) {
            Poll::Ready(Ok(decoded)) => decoded,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        };
        if decoded.produced > 0 || decoded.stream_end || buf.is_empty() {
            return Poll::Ready(Ok(decoded.produced));
        }
    }
}

#[cfg(feature = "tokio")]
mod tokio {
    use super::*;
    use tokio1::io::{AsyncRead, ReadBuf};

    fn poll_read<R: AsyncRead>(
        reader: Pin<&mut R>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let mut read_buf = ReadBuf::new(buf);
        match reader.poll_read(cx, &mut read_buf) {
            Poll::Ready(Ok(())) => Poll::Ready(Ok(read_buf.filled().len())),
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }

    impl<R: AsyncRead, D: Decode> DecodeReader<R, D> {
        /// [`poll_decode`](DecodeReader::poll_decode) on tokio 1: `Pending` only when the
        /// inner reader returned `Pending` during the call (rule R2).
        ///
        /// # Errors
        ///
        /// As `poll_read`.
        pub fn poll_decode_tokio(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            output: &mut [u8],
        ) -> Poll<io::Result<Decoded>> {
            let this = self.project();
            poll_step(this.inner, this.state, cx, output, poll_read::<R>)
        }
    }

    impl<R: AsyncRead, D: Decode> AsyncRead for DecodeReader<R, D> {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let output = buf.initialize_unfilled();
            let n = match poll_bytes(output, |output| self.as_mut().poll_decode_tokio(cx, output)) {
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => return Poll::Pending,
            };
            buf.advance(n);
            Poll::Ready(Ok(()))
        }
    }
}

#[cfg(feature = "futures-io")]
mod futures_io {
    use super::*;
    use ::futures_io::AsyncRead;

    impl<R: AsyncRead, D: Decode> DecodeReader<R, D> {
        /// [`poll_decode`](DecodeReader::poll_decode) on futures-io 0.3: `Pending` only
        /// when the inner reader returned `Pending` during the call (rule R2).
        ///
        /// # Errors
        ///
        /// As `poll_read`.
        pub fn poll_decode_futures_io(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            output: &mut [u8],
        ) -> Poll<io::Result<Decoded>> {
            let this = self.project();
            poll_step(
                this.inner,
                this.state,
                cx,
                output,
                |reader: Pin<&mut R>, cx: &mut Context<'_>, buf: &mut [u8]| {
                    reader.poll_read(cx, buf)
                },
            )
        }
    }

    impl<R: AsyncRead, D: Decode> AsyncRead for DecodeReader<R, D> {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut [u8],
        ) -> Poll<io::Result<usize>> {
            poll_bytes(buf, |output| {
                self.as_mut().poll_decode_futures_io(cx, output)
            })
        }
    }
}
