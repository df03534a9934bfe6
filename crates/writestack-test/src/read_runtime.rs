//! One poll of a reader on each [`Runtime`], so that the reader checks are written once:
//! the reading side of [`runtime`](crate::runtime).
//!
//! A check reads like this (`R` the runtime, `reader: L` with `L: DriveRead<R>`):
//!
//! ```text
//! let driven = R::drive(|cx| reader.rt_read(cx, &mut buf));
//! ```

use std::io;
use std::pin::Pin;
use std::task::Poll;

use crate::driver::Driven;
use crate::runtime::{from_futures01, Cx, FuturesIo03, Runtime, Tokio1, TokioIo01};

/// One poll of a reader's `poll_read` on runtime `R`: implemented for every reader of
/// that runtime (`tokio_io::AsyncRead`, `Unpin` `tokio::io::AsyncRead` and
/// `futures_io::AsyncRead`), answering in `std::task::Poll` whatever the runtime.
pub trait DriveRead<R: Runtime> {
    /// `poll_read` into `buf`: the number of bytes read, 0 at the end (or for an empty
    /// `buf`).
    fn rt_read(&mut self, cx: &mut Cx<'_, '_>, buf: &mut [u8]) -> Poll<io::Result<usize>>;
}

impl<L: tokio_io::AsyncRead> DriveRead<TokioIo01> for L {
    fn rt_read(&mut self, _: &mut Cx<'_, '_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        from_futures01(tokio_io::AsyncRead::poll_read(self, buf))
    }
}

impl<L: tokio1::io::AsyncRead + Unpin> DriveRead<Tokio1> for L {
    fn rt_read(&mut self, cx: &mut Cx<'_, '_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        let mut read_buf = tokio1::io::ReadBuf::new(buf);
        match tokio1::io::AsyncRead::poll_read(Pin::new(self), cx.context(), &mut read_buf) {
            Poll::Ready(Ok(())) => Poll::Ready(Ok(read_buf.filled().len())),
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<L: futures_io::AsyncRead + Unpin> DriveRead<FuturesIo03> for L {
    fn rt_read(&mut self, cx: &mut Cx<'_, '_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        futures_io::AsyncRead::poll_read(Pin::new(self), cx.context(), buf)
    }
}

/// One strictly driven read on runtime `R` (see [`Runtime::drive`]): a "not ready"
/// without a wake-up, or a hang, fails the test.
///
/// # Examples
///
/// ```
/// use partial_io::PartialOp;
/// use writestack_test::contract::Tokio1;
/// use writestack_test::{read_on, TestReader};
///
/// let (mut reader, _) = TestReader::new(b"abc", vec![PartialOp::Err(std::io::ErrorKind::WouldBlock)]);
/// let driven = read_on::<Tokio1, _>(&mut reader, &mut [0; 8]);
/// assert_eq!(driven.result.unwrap(), 3);
/// assert_eq!(driven.not_ready, 1); // Pending once, with a wake-up
/// ```
pub fn read_on<R: Runtime, L: DriveRead<R>>(reader: &mut L, buf: &mut [u8]) -> Driven<usize> {
    R::drive(|cx| reader.rt_read(cx, buf))
}

/// What [`read_to_end_on`] saw.
#[derive(Debug, Default)]
pub struct ReadLog {
    /// The bytes read, in order.
    pub data: Vec<u8>,
    /// The errors returned, in order (the reading went on after each).
    pub errors: Vec<io::Error>,
    /// "Not ready" answers of the reader, over all reads.
    pub not_ready: usize,
}

/// Reads until `Ok(0)` into destinations of `sizes` (in turn; a size 0 is an empty
/// destination, whose answer must be `Ok(0)` and is not taken for the end), retrying
/// after errors until `stop_on_error` says to stop at one. Returns the log; the end was
/// reached unless the last error stopped it.
///
/// # Examples
///
/// ```
/// use std::io::ErrorKind;
/// use partial_io::PartialOp;
/// use writestack_test::contract::TokioIo01;
/// use writestack_test::{read_to_end_on, TestReader};
///
/// let schedule = vec![PartialOp::Limited(1), PartialOp::Err(ErrorKind::ConnectionReset)];
/// let (mut reader, _) = TestReader::new(b"abcdef", schedule);
/// let log = read_to_end_on::<TokioIo01, _>(&mut reader, &[2, 0], 5, |_| false);
/// assert_eq!(log.data, b"abcdef");
/// assert_eq!(log.errors[0].kind(), ErrorKind::ConnectionReset);
/// ```
///
/// # Panics
///
/// When `sizes` has no non-zero size, an empty destination is not answered `Ok(0)`, a read claims more bytes than
/// its destination holds, or more than `max_errors` errors come (a reader that never
/// recovers).
pub fn read_to_end_on<R: Runtime, L: DriveRead<R>>(
    reader: &mut L,
    sizes: &[usize],
    max_errors: usize,
    mut stop_on_error: impl FnMut(&io::Error) -> bool,
) -> ReadLog {
    assert!(
        sizes.iter().any(|&size| size > 0),
        "read_to_end_on: no non-empty destination in {sizes:?}"
    );
    let mut log = ReadLog::default();
    let largest = sizes.iter().copied().max().unwrap_or(0).max(1);
    let mut buf = vec![0u8; largest];
    let mut turn = 0;
    loop {
        let size = match sizes.get(turn % sizes.len().max(1)) {
            Some(&size) => size,
            None => largest,
        };
        turn += 1;
        let driven = read_on::<R, L>(reader, &mut buf[..size]);
        log.not_ready += driven.not_ready;
        match driven.result {
            Ok(n) if size == 0 => assert_eq!(n, 0, "{}: an empty destination got Ok({n})", R::NAME),
            Ok(0) => return log,
            Ok(n) => {
                assert!(
                    n <= size,
                    "{}: Ok({n}) for a destination of {size}",
                    R::NAME
                );
                log.data.extend_from_slice(&buf[..n]);
            }
            Err(error) => {
                let stop = stop_on_error(&error);
                log.errors.push(error);
                if stop {
                    return log;
                }
                assert!(
                    log.errors.len() <= max_errors,
                    "{}: the reader never recovered: {:?}",
                    R::NAME,
                    log.errors.last()
                );
            }
        }
    }
}
