//! The runtimes on std tasks (`Pin<&mut Self>`, `Context`): tokio 1 and futures-io 0.3.
//!
//! Their writer traits differ only in the path and in the name of the closing call
//! (`poll_shutdown`, `poll_close`), so one macro writes both shims: an [`Inner`] over a
//! pinned writer and a `Context`, the writer trait for `EncodeWriter`, and the runtime's
//! own `Finish` / `FinishExt`.
//!
//! `Pending` and `WouldBlock` stay apart here: the state machine sees a `Pending` inner
//! call as `WouldBlock` and the shim turns it back into `Pending`, while a
//! `Ready(Err(WouldBlock))` the inner writer returned itself (which registered no
//! wakeup) is passed on as the error it is, never turned into a `Pending` that would
//! never be woken.

/// Writes the shim of one std-task runtime into the module it is invoked in.
macro_rules! std_task_runtime {
    (
        runtime: $runtime:literal,
        writer: $($writer:ident)::+,
        close: $close:ident,
        item: $item:ident,
        $(extra: { $($extra:item)* })?
    ) => {
        use std::future::Future;
        use std::io::{self, IoSlice};
        use std::pin::Pin;
        use std::task::{Context, Poll};

        use $($writer)::+ as AsyncWrite;

        use crate::runtime::{Inner, MAX_SLICES};
        use crate::state::{Goal, State, Written};
        use crate::{Encode, EncodeWriter, KeepOpen, Routing, Stack, WriteKind};

        #[doc = concat!(
            "Writes a layer's tail and flushes the inner writer, **without** closing it ",
            "(the ", $runtime, " counterpart of [`crate::Finish`]).\n\n",
            "`", stringify!($close), "` ends the whole stack down to the transport; ",
            "`poll_finish` ends only this layer, resumably, exactly once (rule 10), so that ",
            "`into_inner()` can hand the inner writer to the next stream."
        )]
        pub trait Finish {
            /// Drives this layer's tail into the inner writer and flushes the inner writer.
            ///
            /// # Errors
            ///
            /// The inner writer's errors, as they are; a later call continues (rule 15).
            fn poll_finish(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>>;
        }

        impl<T: Finish + Unpin + ?Sized> Finish for &mut T {
            fn poll_finish(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                Pin::new(&mut **self).poll_finish(cx)
            }
        }

        impl<T: Finish + Unpin + ?Sized> Finish for Box<T> {
            fn poll_finish(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                Pin::new(&mut **self).poll_finish(cx)
            }
        }

        /// `layer.finish().await` for every [`Finish`] layer that is `Unpin`.
        pub trait FinishExt: Finish {
            /// A future that finishes the layer (see [`Finish::poll_finish`]); the layer
            /// stays with the caller, who can then take the inner writer back.
            fn finish(&mut self) -> FinishFuture<'_, Self>
            where
                Self: Unpin,
            {
                FinishFuture { layer: self }
            }
        }

        impl<T: Finish + ?Sized> FinishExt for T {}

        /// The future returned by [`FinishExt::finish`].
        #[derive(Debug)]
        #[must_use = "futures do nothing unless polled"]
        pub struct FinishFuture<'a, T: ?Sized> {
            layer: &'a mut T,
        }

        impl<T: Finish + Unpin + ?Sized> Future for FinishFuture<'_, T> {
            type Output = io::Result<()>;

            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                Pin::new(&mut *self.layer).poll_finish(cx)
            }
        }

        /// The inner writer, pinned, with the task's context; it remembers whether a call
        /// answered `Pending` (see the module docs).
        struct TaskInner<'a, 'b, W> {
            writer: Pin<&'a mut W>,
            cx: &'a mut Context<'b>,
            pending: bool,
        }

        impl<'a, 'b, W> TaskInner<'a, 'b, W> {
            fn new(writer: Pin<&'a mut W>, cx: &'a mut Context<'b>) -> Self {
                TaskInner { writer, cx, pending: false }
            }

            fn ready<T>(&mut self, poll: Poll<io::Result<T>>) -> io::Result<T> {
                match poll {
                    Poll::Ready(result) => result,
                    Poll::Pending => {
                        self.pending = true;
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                }
            }

            /// The state machine's answer as the runtime wants it.
            fn answer<T>(self, result: io::Result<T>) -> Poll<io::Result<T>> {
                match result {
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock && self.pending => {
                        Poll::Pending
                    }
                    other => Poll::Ready(other),
                }
            }
        }

        impl<W: AsyncWrite> Inner for TaskInner<'_, '_, W> {
            #[inline]
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                let poll = self.writer.as_mut().poll_write(self.cx, bytes);
                self.ready(poll)
            }

            fn write_slices(&mut self, slices: &[&[u8]]) -> io::Result<usize> {
                let mut io_slices = [IoSlice::new(&[]); MAX_SLICES + 1];
                let count = slices.len().min(io_slices.len());
                for (slot, slice) in io_slices.iter_mut().zip(&slices[..count]) {
                    *slot = IoSlice::new(slice);
                }
                let poll = self.writer.as_mut().poll_write_vectored(self.cx, &io_slices[..count]);
                self.ready(poll)
            }

            fn flush(&mut self) -> io::Result<()> {
                let poll = self.writer.as_mut().poll_flush(self.cx);
                self.ready(poll)
            }

            fn shutdown(&mut self) -> io::Result<()> {
                let poll = self.writer.as_mut().$close(self.cx);
                self.ready(poll)
            }
        }

        /// One vectored write: the first [`MAX_SLICES`] slices, or, for a unit the
        /// state machine must take whole, all of them copied together.
        fn write_vectored<W: AsyncWrite, E: Encode, R: Routing<E>>(
            state: &mut State<E, R>,
            inner: &mut TaskInner<'_, '_, W>,
            bufs: &[IoSlice<'_>],
        ) -> io::Result<usize> {
            let mut slices: [&[u8]; MAX_SLICES] = [&[]; MAX_SLICES];
            let count = bufs.len().min(MAX_SLICES);
            for (slot, buf) in slices.iter_mut().zip(bufs) {
                *slot = buf;
            }
            let len = bufs.iter().map(|buf| buf.len()).sum();
            match state.write_slices(inner, &slices[..count], len, WriteKind::Stream)? {
                Written::Taken(n) => Ok(n),
                Written::Gather(prefix) => {
                    let read = || {
                        let mut unit = Vec::with_capacity(len);
                        for buf in bufs {
                            unit.extend_from_slice(buf);
                        }
                        unit
                    };
                    state.accept_gathered(inner, prefix, read)
                }
            }
        }

        impl<W: AsyncWrite, E: Encode, R: Routing<E>> AsyncWrite for EncodeWriter<W, E, R> {
            #[inline]
            fn poll_write(
                self: Pin<&mut Self>,
                cx: &mut Context<'_>,
                buf: &[u8],
            ) -> Poll<io::Result<usize>> {
                let (writer, state) = self.pinned_parts();
                if state.write_buffered(buf) {
                    return Poll::Ready(Ok(buf.len()));
                }
                let mut inner = TaskInner::new(writer, cx);
                let result = state.write_unbuffered(&mut inner, buf);
                inner.answer(result)
            }

            fn poll_write_vectored(
                self: Pin<&mut Self>,
                cx: &mut Context<'_>,
                bufs: &[IoSlice<'_>],
            ) -> Poll<io::Result<usize>> {
                let (writer, state) = self.pinned_parts();
                let mut inner = TaskInner::new(writer, cx);
                let result = write_vectored(state, &mut inner, bufs);
                inner.answer(result)
            }

            fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                let (writer, state) = self.pinned_parts();
                let mut inner = TaskInner::new(writer, cx);
                let result = state.flush(&mut inner);
                inner.answer(result)
            }

            fn $close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                let (writer, state) = self.pinned_parts();
                let mut inner = TaskInner::new(writer, cx);
                let result = state.drive(&mut inner, Goal::Shutdown);
                inner.answer(result)
            }

            $($($extra)*)?
        }

        /// Closing a [`KeepOpen`] only flushes the transport: the stack above it ends,
        /// the transport stays open.
        impl<S: AsyncWrite> AsyncWrite for KeepOpen<S> {
            fn poll_write(
                self: Pin<&mut Self>,
                cx: &mut Context<'_>,
                buf: &[u8],
            ) -> Poll<io::Result<usize>> {
                self.transport_pinned().poll_write(cx, buf)
            }

            fn poll_write_vectored(
                self: Pin<&mut Self>,
                cx: &mut Context<'_>,
                bufs: &[IoSlice<'_>],
            ) -> Poll<io::Result<usize>> {
                self.transport_pinned().poll_write_vectored(cx, bufs)
            }

            fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                self.transport_pinned().poll_flush(cx)
            }

            fn $close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                self.transport_pinned().poll_flush(cx)
            }
        }

        #[doc = concat!(
            "One-call ending of a [`Stack`] on ", $runtime, ": every tail, top down ",
            "(`", stringify!($close), "`), then the transport back (kept open by a ",
            "[`KeepOpen`] at the bottom)."
        )]
        pub trait StackExt: Stack + AsyncWrite + Unpin + Sized {
            /// A future that ends the whole stack and yields the transport.
            fn end(self) -> EndFuture<Self> {
                EndFuture { stack: Some(self) }
            }
        }

        impl<T: Stack + AsyncWrite + Unpin> StackExt for T {}

        /// The future returned by [`StackExt::end`].
        #[derive(Debug)]
        #[must_use = "futures do nothing unless polled"]
        pub struct EndFuture<T> {
            stack: Option<T>,
        }

        impl<T: Stack + AsyncWrite + Unpin> Future for EndFuture<T> {
            type Output = io::Result<T::Transport>;

            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
                let Some(stack) = self.stack.as_mut() else {
                    return Poll::Ready(Err(io::Error::other("EndFuture polled after it completed")));
                };
                match Pin::new(stack).$close(cx) {
                    Poll::Ready(Ok(())) => match self.stack.take() {
                        Some(stack) => Poll::Ready(Ok(stack.into_transport())),
                        None => Poll::Ready(Err(io::Error::other("EndFuture lost its stack"))),
                    },
                    Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
                    Poll::Pending => Poll::Pending,
                }
            }
        }

        impl<W: AsyncWrite, E: Encode, R: Routing<E>> Finish for EncodeWriter<W, E, R> {
            fn poll_finish(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                let (writer, state) = self.pinned_parts();
                let mut inner = TaskInner::new(writer, cx);
                let result = state.drive(&mut inner, Goal::Finish);
                inner.answer(result)
            }
        }

        impl<W: AsyncWrite, E: Encode, R: Routing<E>> EncodeWriter<W, E, R> {
            /// Writes `buf` as one item ([`WriteKind::Item`]), as `Sink::start_send`
            /// needs; an error deferred from an earlier write is kept for the next flush,
            /// finish or close (see the tokio-io 0.1 `poll_write_item`).
            ///
            /// # Errors
            ///
            /// As `poll_write`.
            pub fn $item(
                self: Pin<&mut Self>,
                cx: &mut Context<'_>,
                buf: &[u8],
            ) -> Poll<io::Result<usize>> {
                let (writer, state) = self.pinned_parts();
                let mut inner = TaskInner::new(writer, cx);
                let deferred = state.deferred.take();
                let result = state.write_one(&mut inner, buf, WriteKind::Item);
                if deferred.is_some() {
                    state.deferred = deferred;
                }
                inner.answer(result)
            }
        }
    };
}

pub(crate) use std_task_runtime;
