//! The hostile inner reader of the reader contract suite: [`TestReader`], one type that
//! is a reader on every runtime the readers serve, answering from a partial-io schedule.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, ErrorKind, Read};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

use partial_io::PartialOp;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::recorder::{notify_task, with_waker};
use crate::strategy::hostile_op;

/// The message of every error a [`TestReader`] makes up, so that a test can check that a
/// reader returned it unchanged (rule R5).
pub const SCRIPTED_READ_ERROR: &str = "TestReader: scripted read error";

/// Reads `reader` to its end through `std::io::Read` in reads of `size` bytes, retrying
/// `WouldBlock` (what a blocking caller does with a reader over a schedule that is
/// sometimes not ready). Every `Ok(0)` is taken as the end, so an end before the real
/// one shows as a short payload.
///
/// # Errors
///
/// The first error other than `WouldBlock`, as the reader returned it.
///
/// # Examples
///
/// ```
/// let mut reader = &b"payload"[..];
/// let read = writestack_test::read_to_end_retrying(&mut reader, 3).unwrap();
/// assert_eq!(read, b"payload");
/// ```
pub fn read_to_end_retrying<R: Read>(reader: &mut R, size: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; size];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(error) if error.kind() == ErrorKind::WouldBlock => {}
            Err(error) => return Err(error),
        }
    }
}

/// What a [`TestReader`] has done so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadRecord {
    /// Read calls that reached it, whatever they were answered (empty ones included).
    pub read_calls: usize,
    /// Bytes handed out.
    pub served: usize,
    /// "Not ready" answers (each after a wake-up request).
    pub not_ready: usize,
    /// `Interrupted` answers.
    pub interrupted: usize,
    /// Other errors (schedule or [`ReadHandle::fail_read`]), `WouldBlock`s without a
    /// wake-up included.
    pub errors: usize,
    /// `Ok(0)` answers to a non-empty destination (the reader's end, or `Limited(0)`).
    pub ends: usize,
}

#[derive(Debug, Default)]
struct ReadScript {
    record: ReadRecord,
    failures: VecDeque<(usize, ErrorKind)>,
}

/// Reads what a [`TestReader`] did and scripts one-shot errors, while the reader is
/// buried under the reader being tested.
#[derive(Clone, Debug, Default)]
pub struct ReadHandle {
    script: Arc<Mutex<ReadScript>>,
}

impl ReadHandle {
    fn lock(&self) -> MutexGuard<'_, ReadScript> {
        match self.script.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A copy of the record so far.
    pub fn record(&self) -> ReadRecord {
        self.lock().record.clone()
    }

    /// The non-empty read call `after` calls from now (0 = the next one) fails once with
    /// `kind` and [`SCRIPTED_READ_ERROR`], serving nothing and requesting no wake-up: a
    /// `WouldBlock` scripted here is an error, answered `Ready(Err(WouldBlock))` on
    /// tokio 1 and futures-io (where the schedule's `WouldBlock`s are `Pending` after a
    /// wake-up). Afterwards the reader goes on where it was.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{ErrorKind, Read};
    /// use writestack_test::{TestReader, SCRIPTED_READ_ERROR};
    ///
    /// let (mut reader, handle) = TestReader::calm(b"ab");
    /// handle.fail_read(0, ErrorKind::ConnectionReset);
    /// let error = reader.read(&mut [0; 4]).unwrap_err();
    /// assert_eq!(error.to_string(), SCRIPTED_READ_ERROR);
    /// assert_eq!(reader.read(&mut [0; 4]).unwrap(), 2);
    /// assert_eq!(handle.record().errors, 1);
    /// ```
    pub fn fail_read(&self, after: usize, kind: ErrorKind) {
        self.lock().failures.push_back((after, kind));
    }

    /// The scripted failure due now, if any; counts the call down for the others.
    fn due_failure(&self) -> Option<ErrorKind> {
        let mut script = self.lock();
        let mut due = None;
        for (index, entry) in script.failures.iter_mut().enumerate() {
            if entry.0 == 0 && due.is_none() {
                due = Some(index);
            } else {
                entry.0 = entry.0.saturating_sub(1);
            }
        }
        due.and_then(|index| script.failures.remove(index))
            .map(|(_, kind)| kind)
    }
}

/// An inner reader over given bytes, answering one read call per schedule entry as
/// partial-io's `PartialRead` does, on tokio-io 0.1 (`std::io::Read` and
/// `tokio_io::AsyncRead`), tokio 1 and futures-io 0.3 alike:
///
/// * `Limited(n)`: at most `n` bytes (`Limited(0)` answers `Ok(0)`, which a reader takes
///   for the end of its input);
/// * `Unlimited`, and every call once the schedule is used up: as much as fits;
/// * `Err(WouldBlock)`: "not ready", after a wake-up request: `Err(WouldBlock)` from
///   `Read` having notified the current futures 0.1 task (tokio-io 0.1's `NotReady`;
///   the call panics outside a task, as tokio-io readers do), `Pending` after
///   `cx.waker().wake_by_ref()` on tokio 1 and futures-io;
/// * `Err(kind)` for any other kind, `Interrupted` included: that error, once.
///
/// The end of the bytes is the reader's EOF (`Ok(0)`); to end early, give it a prefix.
/// Errors scripted with [`ReadHandle::fail_read`] come before the schedule. Empty
/// destinations are answered `Ok(0)` without using an entry.
///
/// # Examples
///
/// ```
/// use std::io::{ErrorKind, Read};
/// use partial_io::PartialOp;
/// use writestack_test::TestReader;
///
/// let (mut reader, handle) = TestReader::new(b"abcdef", vec![
///     PartialOp::Limited(2),
///     PartialOp::Err(ErrorKind::Interrupted),
/// ]);
/// let mut buf = [0; 8];
/// assert_eq!(reader.read(&mut buf).unwrap(), 2);
/// assert_eq!(reader.read(&mut buf).unwrap_err().kind(), ErrorKind::Interrupted);
/// assert_eq!(reader.read(&mut buf).unwrap(), 4);
/// assert_eq!(reader.read(&mut buf).unwrap(), 0);
/// assert_eq!(handle.record().served, 6);
/// assert!(reader.remaining().is_empty());
/// ```
pub struct TestReader {
    data: Vec<u8>,
    pos: usize,
    ops: VecDeque<PartialOp>,
    handle: ReadHandle,
}

impl TestReader {
    /// A reader of `data` under `schedule`, and the handle that observes it.
    pub fn new(data: &[u8], schedule: impl IntoIterator<Item = PartialOp>) -> (Self, ReadHandle) {
        let handle = ReadHandle::default();
        let reader = TestReader {
            data: data.to_vec(),
            pos: 0,
            ops: schedule.into_iter().collect(),
            handle: handle.clone(),
        };
        (reader, handle)
    }

    /// A reader of `data` that serves everything asked, and its handle.
    pub fn calm(data: &[u8]) -> (Self, ReadHandle) {
        Self::new(data, Vec::new())
    }

    /// The bytes not handed out yet.
    pub fn remaining(&self) -> &[u8] {
        &self.data[self.pos..]
    }

    /// The handle observing this reader.
    pub fn handle(&self) -> ReadHandle {
        self.handle.clone()
    }

    /// One read under the script and the schedule; `wake` requests a wake-up of the
    /// calling task before a "not ready" answer.
    fn read_with(&mut self, buf: &mut [u8], wake: &dyn Fn()) -> io::Result<usize> {
        self.handle.lock().record.read_calls += 1;
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some(kind) = self.handle.due_failure() {
            self.handle.lock().record.errors += 1;
            return Err(io::Error::new(kind, SCRIPTED_READ_ERROR));
        }
        let limit = match self.ops.pop_front() {
            Some(PartialOp::Limited(n)) => n,
            Some(PartialOp::Unlimited) | None => usize::MAX,
            Some(PartialOp::Err(kind)) => {
                let mut script = self.handle.lock();
                match kind {
                    ErrorKind::WouldBlock => {
                        script.record.not_ready += 1;
                        wake();
                    }
                    ErrorKind::Interrupted => script.record.interrupted += 1,
                    _ => script.record.errors += 1,
                }
                return Err(io::Error::new(kind, SCRIPTED_READ_ERROR));
            }
        };
        let n = limit.min(buf.len()).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        let mut script = self.handle.lock();
        script.record.served += n;
        if n == 0 {
            script.record.ends += 1;
        }
        Ok(n)
    }

    fn poll_read_std(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        with_waker(cx, |wake| self.read_with(buf, wake))
    }
}

impl fmt::Debug for TestReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestReader")
            .field("pos", &self.pos)
            .field("len", &self.data.len())
            .field("scheduled", &self.ops.len())
            .finish()
    }
}

impl Read for TestReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.read_with(buf, &notify_task)
    }
}

impl tokio_io::AsyncRead for TestReader {}

impl tokio1::io::AsyncRead for TestReader {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio1::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let answer = self.get_mut().poll_read_std(cx, buf.initialize_unfilled());
        match answer {
            Poll::Ready(Ok(n)) => {
                buf.advance(n);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl futures_io::AsyncRead for TestReader {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().poll_read_std(cx, buf)
    }
}

/// A hostile read schedule: short reads (1 to 63 bytes), whole reads, "not ready" and
/// `Interrupted` (the writers' weights), and with `hard_errors` a `ConnectionReset` now
/// and then (weight 1 against 11); never `Limited(0)`, which would be an early end.
///
/// # Examples
///
/// ```
/// use partial_io::PartialOp;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let schedule = writestack_test::read_schedule(false).new_tree(&mut runner).unwrap().current();
/// assert!(!schedule.iter().any(|op| matches!(op, PartialOp::Limited(0))));
/// ```
pub fn read_schedule(hard_errors: bool) -> BoxedStrategy<Vec<PartialOp>> {
    let op = if hard_errors {
        prop_oneof![
            11 => hostile_op(64),
            1 => Just(PartialOp::Err(ErrorKind::ConnectionReset)),
        ]
        .boxed()
    } else {
        hostile_op(64)
    };
    vec(op, 0..200).boxed()
}

/// The sizes of the destinations a test reads into, used in turn: mostly small (1 to
/// 64 bytes, to cut through every header and trailer), some large, some empty.
pub fn read_sizes() -> impl Strategy<Value = Vec<usize>> {
    vec(
        prop_oneof![
            6 => 1usize..64,
            3 => 64usize..5000,
            1 => Just(0usize),
        ],
        1..12,
    )
}

#[cfg(test)]
mod tests {
    use std::io::ErrorKind;
    use std::pin::Pin;
    use std::task::Poll;

    use partial_io::PartialOp;

    use super::{TestReader, SCRIPTED_READ_ERROR};
    use crate::driver::{poll_once, poll_once_std};

    /// One schedule answers alike on tokio 1 and on tokio-io 0.1: a short read, "not
    /// ready" after a wake-up, `Interrupted`, a hard error, then the rest and the end.
    #[test]
    fn answers_follow_the_schedule_on_every_runtime() {
        let schedule = || {
            vec![
                PartialOp::Limited(2),
                PartialOp::Err(ErrorKind::WouldBlock),
                PartialOp::Err(ErrorKind::Interrupted),
                PartialOp::Err(ErrorKind::ConnectionReset),
            ]
        };
        let (mut reader, handle) = TestReader::new(b"abcdef", schedule());
        let mut buf = [0; 8];
        let mut read = |reader: &mut TestReader| {
            poll_once_std(|cx| {
                let mut read_buf = tokio1::io::ReadBuf::new(&mut buf);
                tokio1::io::AsyncRead::poll_read(Pin::new(reader), cx, &mut read_buf)
                    .map_ok(|()| read_buf.filled().len())
            })
        };
        assert!(matches!(read(&mut reader), (Poll::Ready(Ok(2)), false)));
        let (answer, woken) = read(&mut reader);
        assert!(answer.is_pending() && woken);
        let (answer, _) = read(&mut reader);
        assert!(matches!(answer, Poll::Ready(Err(ref e)) if e.kind() == ErrorKind::Interrupted));
        let (answer, _) = read(&mut reader);
        assert!(matches!(answer,
            Poll::Ready(Err(ref e)) if e.to_string() == SCRIPTED_READ_ERROR));
        assert!(matches!(read(&mut reader), (Poll::Ready(Ok(4)), false)));
        assert!(matches!(read(&mut reader), (Poll::Ready(Ok(0)), false)));
        let record = handle.record();
        assert_eq!(
            (record.served, record.not_ready, record.interrupted),
            (6, 1, 1)
        );
        assert_eq!((record.errors, record.ends, record.read_calls), (1, 1, 6));

        let (mut reader, _) = TestReader::new(b"abcdef", schedule());
        let mut buf = [0; 8];
        let mut read = || poll_once(|| tokio_io::AsyncRead::poll_read(&mut reader, &mut buf));
        assert_eq!(read().0.unwrap(), futures::Async::Ready(2));
        let (answer, woken) = read();
        assert!(answer.unwrap().is_not_ready() && woken);
    }

    /// A `WouldBlock` scripted on the handle registers nothing: on futures-io it is
    /// `Ready(Err(WouldBlock))`, and the reader goes on where it was.
    #[test]
    fn scripted_would_block_is_an_error_without_wake_up() {
        let (mut reader, handle) = TestReader::calm(b"xyz");
        handle.fail_read(1, ErrorKind::WouldBlock);
        let mut buf = [0; 2];
        let mut read = || {
            poll_once_std(|cx| {
                futures_io::AsyncRead::poll_read(Pin::new(&mut reader), cx, &mut buf)
            })
        };
        assert!(matches!(read(), (Poll::Ready(Ok(2)), false)));
        let (answer, woken) = read();
        assert!(matches!(answer, Poll::Ready(Err(ref e)) if e.kind() == ErrorKind::WouldBlock));
        assert!(!woken);
        assert!(matches!(read(), (Poll::Ready(Ok(1)), false)));
        assert_eq!(reader.remaining(), b"");
    }
}
