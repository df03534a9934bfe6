//! The tokio 1 and futures-io side: the tokio 1 `Stream` under the strict std driver, and
//! a scheduled inner reader for both runtimes.

use std::io;
use std::pin::Pin;
use std::task::Poll;

use writestack_frame::FrameReader;
use writestack_test::drive_std;

/// The frames, through the tokio 1 `Stream` under the strict std driver.
pub fn frames_tokio1<R>(reader: FrameReader<R>) -> io::Result<Vec<Vec<u8>>>
where
    R: tokio1::io::AsyncRead + Unpin,
{
    let mut reader = reader;
    let mut frames = Vec::new();
    let driven = drive_std(|cx| loop {
        match futures03::Stream::poll_next(Pin::new(&mut reader), cx) {
            Poll::Ready(Some(Ok(frame))) => frames.push(frame.to_vec()),
            Poll::Ready(Some(Err(error))) => return Poll::Ready(Err(error)),
            Poll::Ready(None) => return Poll::Ready(Ok(())),
            Poll::Pending => return Poll::Pending,
        }
    });
    driven.result.map(|()| frames)
}

#[cfg(feature = "futures-io")]
pub use hostile::HostileReader;

#[cfg(feature = "futures-io")]
mod hostile {
    use std::io;
    use std::pin::Pin;
    use std::task::Poll;

    /// A tokio 1 and futures-io reader over `data` that answers from a partial-io schedule:
    /// `Limited(n)` reads at most `n` bytes, `Err(WouldBlock)` is `Pending` with the waker
    /// woken (as a real socket arranges), any other error kind is returned once; then it
    /// reads freely.
    pub struct HostileReader {
        data: Vec<u8>,
        at: usize,
        schedule: std::vec::IntoIter<partial_io::PartialOp>,
    }

    impl HostileReader {
        pub fn new(data: Vec<u8>, schedule: Vec<partial_io::PartialOp>) -> HostileReader {
            HostileReader {
                data,
                at: 0,
                schedule: schedule.into_iter(),
            }
        }

        fn answer(
            &mut self,
            cx: &mut std::task::Context<'_>,
            buf: &mut [u8],
        ) -> Poll<io::Result<usize>> {
            let limit = match self.schedule.next() {
                Some(partial_io::PartialOp::Limited(n)) => n,
                Some(partial_io::PartialOp::Err(io::ErrorKind::WouldBlock)) => {
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                Some(partial_io::PartialOp::Err(kind)) => {
                    return Poll::Ready(Err(io::Error::new(kind, "scheduled by the test")))
                }
                Some(partial_io::PartialOp::Unlimited) | None => usize::MAX,
            };
            let n = limit.min(buf.len()).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Poll::Ready(Ok(n))
        }
    }

    impl tokio1::io::AsyncRead for HostileReader {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
            buf: &mut tokio1::io::ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            let this = self.get_mut();
            match this.answer(cx, buf.initialize_unfilled()) {
                Poll::Ready(Ok(n)) => {
                    buf.advance(n);
                    Poll::Ready(Ok(()))
                }
                Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
                Poll::Pending => Poll::Pending,
            }
        }
    }

    impl futures_io::AsyncRead for HostileReader {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
            buf: &mut [u8],
        ) -> Poll<io::Result<usize>> {
            self.get_mut().answer(cx, buf)
        }
    }
}
