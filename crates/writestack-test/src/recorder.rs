//! Inner writers that record what a layer did to them.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll as StdPoll};

use bytes::Buf;
use futures::{task, Async, Poll};
use iovec::IoVec;
use partial_io::PartialOp;
use tokio_io::AsyncWrite;

/// Everything a [`Recorder`] saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Bytes written, in order.
    pub data: Vec<u8>,
    /// Write calls (`write`, `write_buf`, `write_vectored`) that reached the recorder,
    /// whatever they were answered, empty ones included.
    pub write_calls: usize,
    /// `write` calls that took bytes.
    pub writes: usize,
    /// `write_buf` calls that took bytes from more than one slice at once.
    pub vectored_writes: usize,
    /// `flush` calls answered `Ok` (refused ones, see [`RecordHandle::push_flush_ops`],
    /// are not counted).
    pub flushes: usize,
    /// `shutdown` calls (including those answered `NotReady`).
    pub shutdown_calls: usize,
    /// `shutdown` calls answered `Ready`.
    pub shutdown_completions: usize,
    /// Writes (or shutdown calls) that arrived after shutdown had completed.
    pub after_shutdown: usize,
}

#[derive(Debug, Default)]
struct Script {
    record: Record,
    shutdown_not_ready: usize,
    write_errors: VecDeque<(usize, io::ErrorKind)>,
    zero_writes: usize,
    blocked: bool,
    ops: VecDeque<PartialOp>,
    flush_ops: VecDeque<PartialOp>,
    max_data: Option<usize>,
}

/// Most bytes a recorder takes, unless [`RecordHandle::limit_data`] says otherwise,
/// before it declares the layer above it runaway (a flush or finish that never ends) and
/// fails the test, instead of filling memory.
pub const MAX_RECORDED: usize = 64 << 20;

/// A handle that reads what a [`Recorder`] saw and scripts how it answers, even while the
/// recorder is buried under layers.
#[derive(Clone, Debug, Default)]
pub struct RecordHandle {
    script: Arc<Mutex<Script>>,
}

impl RecordHandle {
    fn lock(&self) -> MutexGuard<'_, Script> {
        match self.script.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A copy of the record so far.
    pub fn record(&self) -> Record {
        self.lock().record.clone()
    }

    /// The bytes written so far.
    pub fn data(&self) -> Vec<u8> {
        self.lock().record.data.clone()
    }

    /// The next `n` `shutdown` calls answer `NotReady` (after a wakeup request).
    pub fn shutdown_not_ready(&self, n: usize) {
        self.lock().shutdown_not_ready = n;
    }

    /// The write call `after` calls from now (0 = the next one) fails once with `kind`,
    /// taking nothing.
    ///
    /// A `WouldBlock` scripted here requests no wakeup: it is a writer that answers
    /// `WouldBlock` as an error. On tokio 1 and futures-io it is answered
    /// `Ready(Err(WouldBlock))` (where the schedules' `WouldBlock`s are `Pending` after a
    /// wake-up).
    pub fn fail_write(&self, after: usize, kind: io::ErrorKind) {
        self.lock().write_errors.push_back((after, kind));
    }

    /// While `blocked`, every write answers `WouldBlock` (after a wakeup request).
    pub fn set_blocked(&self, blocked: bool) {
        self.lock().blocked = blocked;
    }

    /// Answers for the next write calls, consumed one per call, after which writes are
    /// calm again: `Limited(n)` takes at most `n` bytes, `Err(kind)` fails (with a
    /// wakeup request for `WouldBlock`), `Unlimited` takes everything.
    pub fn push_ops(&self, ops: impl IntoIterator<Item = PartialOp>) {
        self.lock().ops.extend(ops);
    }

    /// The next `n` non-empty writes answer `Ok(0)`.
    pub fn zero_writes(&self, n: usize) {
        self.lock().zero_writes = n;
    }

    /// Fails the test (panics in the write) once more than `max` bytes would have been
    /// written ([`MAX_RECORDED`] by default): a layer emitting without end is stopped in
    /// seconds instead of filling memory.
    pub fn limit_data(&self, max: usize) {
        self.lock().max_data = Some(max);
    }

    /// Answers for the next `flush` calls, consumed one per call, after which flushes
    /// succeed again: `Err(kind)` fails the flush (with a wakeup request for
    /// `WouldBlock`, so `poll_flush` answers `NotReady`); `Limited` and `Unlimited`
    /// let it succeed.
    pub fn push_flush_ops(&self, ops: impl IntoIterator<Item = PartialOp>) {
        self.lock().flush_ops.extend(ops);
    }
}

/// An in-memory `AsyncWrite` that records every call; see [`RecordHandle`].
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_test::Recorder;
///
/// let (mut recorder, handle) = Recorder::new();
/// recorder.write_all(b"abc").unwrap();
/// assert_eq!(handle.data(), b"abc");
/// assert_eq!(handle.record().writes, 1);
/// ```
#[derive(Debug)]
pub struct Recorder {
    handle: RecordHandle,
}

impl Recorder {
    /// A recorder and the handle that observes it.
    pub fn new() -> (Recorder, RecordHandle) {
        let handle = RecordHandle::default();
        (
            Recorder {
                handle: handle.clone(),
            },
            handle,
        )
    }

    /// The handle observing this recorder.
    pub fn handle(&self) -> RecordHandle {
        self.handle.clone()
    }

    /// Takes up to all of `chunks` under the script; `wake` requests a wakeup of the
    /// current task (for the runtime that called) before a `WouldBlock` answer.
    fn take(&mut self, chunks: &[&[u8]], wake: &dyn Fn()) -> io::Result<usize> {
        let mut script = self.handle.lock();
        script.record.write_calls += 1;
        let total: usize = chunks.iter().map(|c| c.len()).sum();
        if script.record.shutdown_completions > 0 {
            script.record.after_shutdown += 1;
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "Recorder: write after shutdown",
            ));
        }
        if total == 0 {
            return Ok(0);
        }
        let mut fail = None;
        for (index, entry) in script.write_errors.iter_mut().enumerate() {
            if entry.0 == 0 && fail.is_none() {
                fail = Some((index, entry.1));
            } else {
                entry.0 = entry.0.saturating_sub(1);
            }
        }
        if let Some((index, kind)) = fail {
            script.write_errors.remove(index);
            return Err(io::Error::new(kind, "Recorder: scripted write error"));
        }
        if script.zero_writes > 0 {
            script.zero_writes -= 1;
            return Ok(0);
        }
        if script.blocked {
            wake();
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let mut limit = total;
        match script.ops.pop_front() {
            Some(PartialOp::Limited(n)) => limit = n.min(total),
            Some(PartialOp::Err(kind)) => {
                if kind == io::ErrorKind::WouldBlock {
                    wake();
                }
                return Err(io::Error::new(kind, "Recorder: scripted answer"));
            }
            Some(PartialOp::Unlimited) | None => {}
        }
        let max = script.max_data.unwrap_or(MAX_RECORDED);
        if script.record.data.len().saturating_add(limit) > max {
            drop(script);
            panic!(
                "Recorder: more than {max} bytes written: the layer above emits without end \
                 (a flush or finish that never completes?)"
            );
        }
        let mut left = limit;
        for chunk in chunks {
            let part = left.min(chunk.len());
            script.record.data.extend_from_slice(&chunk[..part]);
            left -= part;
        }
        script.record.writes += 1;
        let mut pieces = 0;
        let mut left = limit;
        for chunk in chunks.iter().filter(|c| !c.is_empty()) {
            if left == 0 {
                break;
            }
            pieces += 1;
            left = left.saturating_sub(chunk.len());
        }
        if pieces > 1 {
            script.record.vectored_writes += 1;
        }
        Ok(limit)
    }
    /// `flush` under the script (see [`RecordHandle::push_flush_ops`]).
    fn flush_with(&mut self, wake: &dyn Fn()) -> io::Result<()> {
        let mut script = self.handle.lock();
        if let Some(PartialOp::Err(kind)) = script.flush_ops.pop_front() {
            if kind == io::ErrorKind::WouldBlock {
                wake();
            }
            return Err(io::Error::new(kind, "Recorder: scripted flush answer"));
        }
        script.record.flushes += 1;
        Ok(())
    }

    /// `shutdown` under the script: `Ok(true)` once complete, `Ok(false)` (after `wake`)
    /// while it is scripted not ready.
    fn shutdown_with(&mut self, wake: &dyn Fn()) -> io::Result<bool> {
        let mut script = self.handle.lock();
        script.record.shutdown_calls += 1;
        if script.record.shutdown_completions > 0 {
            script.record.after_shutdown += 1;
            return Ok(true);
        }
        if script.shutdown_not_ready > 0 {
            script.shutdown_not_ready -= 1;
            wake();
            return Ok(false);
        }
        script.record.shutdown_completions += 1;
        Ok(true)
    }
}

/// Requests a wakeup of the current futures 0.1 task (tokio-io 0.1's side; it panics
/// outside a task, as tokio-io operations do).
pub(crate) fn notify_task() {
    task::current().notify();
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.take(&[buf], &notify_task)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_with(&notify_task)
    }
}

impl AsyncWrite for Recorder {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        match self.shutdown_with(&notify_task)? {
            true => Ok(Async::Ready(())),
            false => Ok(Async::NotReady),
        }
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let taken = {
            static FILLER: [u8; 1] = [0];
            let filler = match IoVec::from_bytes(&FILLER) {
                Some(filler) => filler,
                None => return Err(io::Error::other("iovec")),
            };
            let mut iovecs = [filler; 64];
            let count = buf.bytes_vec(&mut iovecs);
            let chunks: Vec<&[u8]> = iovecs[..count].iter().map(|v| &v[..]).collect();
            self.take(&chunks, &notify_task)?
        };
        buf.advance(taken);
        Ok(Async::Ready(taken))
    }
}

/// Slices a vectored [`TestWriter`] gathers from one `write_buf` or `write_vectored`
/// call, like tokio 0.1's `TcpStream::write_buf`.
pub const MAX_GATHER: usize = 64;

/// The inner writer the contract suite gives a layer: a [`Recorder`] under a partial-io
/// 0.3 schedule (short writes, `WouldBlock`, `Interrupted`, errors) for `write` and
/// `flush`, on every runtime the layers serve: tokio-io 0.1 (`AsyncWrite`, with
/// `std::io::Write`), tokio 1 (`tokio::io::AsyncWrite`) and futures-io 0.3
/// (`futures_io::AsyncWrite`).
///
/// A schedule answers one write or flush call per entry, as partial-io's
/// `PartialAsyncWrite` does: `Limited(n)` takes at most `n` bytes (`Limited(0)`
/// answers `Ok(0)`), `Unlimited` (and the end of the schedule) takes everything,
/// `Err(kind)` takes nothing and fails with `kind`, except that a `WouldBlock` is first
/// registered for a wakeup and then answered as the runtime says "not ready": tokio-io
/// 0.1's `NotReady` (or `Err(WouldBlock)` from `std::io::Write`) after notifying the
/// current task, and on tokio 1 and futures-io `Poll::Pending` after
/// `cx.waker().wake_by_ref()`. Every other error, `Interrupted` included, is returned
/// as `Ready(Err(..))` (and so is a `WouldBlock` scripted with
/// [`RecordHandle::fail_write`], which registers nothing).
///
/// Its vectored side comes in two kinds:
/// * *plain* ([`test_writer`]): `write_buf` is tokio-io's default, as for most
///   `AsyncWrite` types (and partial-io's): it writes the first slice only, through the
///   partial-io schedule; likewise `write_vectored` and `poll_write_vectored` write the
///   first non-empty slice (std's and tokio's defaults), and tokio 1's
///   `is_write_vectored` is `false`;
/// * *vectored* ([`vectored_test_writer`]): `write_buf` (and `Write::write_vectored`,
///   `poll_write_vectored`) gather up to [`MAX_GATHER`] slices and answer from a second
///   schedule, one answer per call: `Limited(n)` takes `n` bytes across as many slices
///   as they span (`Limited(0)` answers `Ok(0)`), `Unlimited` takes every gathered byte,
///   `Err(kind)` takes nothing (`WouldBlock` becomes "not ready" after a wakeup request,
///   other kinds are returned as errors). Once that schedule is used up, vectored writes
///   take everything. tokio 1's `is_write_vectored` is `true`. The recorder's own script
///   ([`RecordHandle`]) applies on top.
pub struct TestWriter {
    recorder: Recorder,
    ops: Box<dyn Iterator<Item = PartialOp> + Send>,
    vectored: Option<VecDeque<PartialOp>>,
}

impl TestWriter {
    /// A plain test writer over `recorder`: see the type docs.
    pub fn new<I>(recorder: Recorder, schedule: I) -> TestWriter
    where
        I: IntoIterator<Item = PartialOp> + 'static,
        I::IntoIter: Send,
    {
        TestWriter {
            recorder,
            ops: Box::new(schedule.into_iter().fuse()),
            vectored: None,
        }
    }

    /// A vectored test writer over `recorder` whose `write_buf` answers from
    /// `vectored`: see the type docs.
    pub fn with_vectored<I>(recorder: Recorder, schedule: I, vectored: Vec<PartialOp>) -> TestWriter
    where
        I: IntoIterator<Item = PartialOp> + 'static,
        I::IntoIter: Send,
    {
        TestWriter {
            vectored: Some(vectored.into()),
            ..TestWriter::new(recorder, schedule)
        }
    }

    /// Whether `write_buf` gathers slices (see the type docs).
    pub fn is_vectored(&self) -> bool {
        self.vectored.is_some()
    }

    /// The recorder, mutably. Writing to it directly bypasses the schedules.
    pub fn get_mut(&mut self) -> &mut Recorder {
        &mut self.recorder
    }

    /// The recorder, without the schedules (for example to write past `WouldBlock`s still
    /// queued).
    pub fn into_inner(self) -> Recorder {
        self.recorder
    }

    /// The next vectored answer, or `None` for a plain writer.
    fn next_vectored(&mut self) -> Option<Option<PartialOp>> {
        self.vectored.as_mut().map(VecDeque::pop_front)
    }

    /// One write under the schedule, as partial-io's `PartialAsyncWrite::write`.
    fn write_with(&mut self, buf: &[u8], wake: &dyn Fn()) -> io::Result<usize> {
        match self.ops.next() {
            Some(PartialOp::Limited(n)) => {
                let len = n.min(buf.len());
                self.recorder.take(&[&buf[..len]], wake)
            }
            Some(PartialOp::Err(kind)) => {
                if kind == io::ErrorKind::WouldBlock {
                    wake();
                }
                Err(io::Error::new(
                    kind,
                    "error during write, generated by partial-io",
                ))
            }
            Some(PartialOp::Unlimited) | None => self.recorder.take(&[buf], wake),
        }
    }

    /// One flush under the schedule, as partial-io's `PartialAsyncWrite::flush`.
    fn flush_with(&mut self, wake: &dyn Fn()) -> io::Result<()> {
        match self.ops.next() {
            Some(PartialOp::Err(kind)) => {
                if kind == io::ErrorKind::WouldBlock {
                    wake();
                }
                Err(io::Error::new(
                    kind,
                    "error during flush, generated by partial-io",
                ))
            }
            _ => self.recorder.flush_with(wake),
        }
    }

    /// One vectored write of a vectored writer (`op` from its vectored schedule), of up
    /// to [`MAX_GATHER`] of `chunks`.
    fn gather_with(
        &mut self,
        op: Option<&PartialOp>,
        chunks: &[&[u8]],
        wake: &dyn Fn(),
    ) -> io::Result<usize> {
        let limit = vectored_limit(op, wake)?;
        let chunks = &chunks[..chunks.len().min(MAX_GATHER)];
        self.recorder.take(&at_most(chunks, limit), wake)
    }

    /// A std-task vectored write: gathered by a vectored writer, the first non-empty
    /// slice through the schedule for a plain one (std's and tokio's default).
    fn write_vectored_with(
        &mut self,
        bufs: &[io::IoSlice<'_>],
        wake: &dyn Fn(),
    ) -> io::Result<usize> {
        match self.next_vectored() {
            None => {
                let first = bufs.iter().find(|buf| !buf.is_empty());
                self.write_with(first.map_or(&[][..], |buf| &buf[..]), wake)
            }
            // As the tokio-io 0.1 `write_buf`: nothing to write takes nothing.
            Some(_) if bufs.iter().all(|buf| buf.is_empty()) => Ok(0),
            Some(op) => {
                let chunks: Vec<&[u8]> = bufs.iter().map(|buf| &buf[..]).collect();
                self.gather_with(op.as_ref(), &chunks, wake)
            }
        }
    }
}

/// Up to `most` bytes of `chunks`, as slices.
fn at_most<'a>(chunks: &[&'a [u8]], most: usize) -> Vec<&'a [u8]> {
    let mut left = most;
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        if left == 0 {
            break;
        }
        let part = left.min(chunk.len());
        out.push(&chunk[..part]);
        left -= part;
    }
    out
}

/// How much a vectored answer lets through, or the error it answers with.
fn vectored_limit(op: Option<&PartialOp>, wake: &dyn Fn()) -> io::Result<usize> {
    match op {
        Some(&PartialOp::Limited(n)) => Ok(n),
        Some(PartialOp::Unlimited) | None => Ok(usize::MAX),
        Some(&PartialOp::Err(kind)) => {
            if kind == io::ErrorKind::WouldBlock {
                wake();
            }
            Err(io::Error::new(kind, "TestWriter: scripted vectored answer"))
        }
    }
}

/// tokio-io 0.1's mapping: `WouldBlock` is `NotReady` (the wakeup was requested where
/// the `WouldBlock` was decided).
fn not_ready<T>(result: io::Result<T>) -> Poll<T, io::Error> {
    match result {
        Ok(value) => Ok(Async::Ready(value)),
        Err(error) if error.kind() == io::ErrorKind::WouldBlock => Ok(Async::NotReady),
        Err(error) => Err(error),
    }
}

impl Write for TestWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_with(buf, &notify_task)
    }

    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        let op = match self.next_vectored() {
            // Plain: std's default, the first non-empty slice through `write`.
            None => {
                let first = bufs.iter().find(|buf| !buf.is_empty());
                return self.write(first.map_or(&[][..], |buf| &buf[..]));
            }
            Some(op) => op,
        };
        let chunks: Vec<&[u8]> = bufs.iter().map(|b| &b[..]).collect();
        self.gather_with(op.as_ref(), &chunks, &notify_task)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_with(&notify_task)
    }
}

impl AsyncWrite for TestWriter {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.recorder.shutdown()
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let op = match self.next_vectored() {
            // Plain: tokio-io's default, the first slice through `poll_write`.
            None => {
                if !buf.has_remaining() {
                    return Ok(Async::Ready(0));
                }
                let taken = match not_ready(self.write(buf.bytes()))? {
                    Async::Ready(taken) => taken,
                    Async::NotReady => return Ok(Async::NotReady),
                };
                buf.advance(taken);
                return Ok(Async::Ready(taken));
            }
            Some(op) => op,
        };
        if !buf.has_remaining() {
            return Ok(Async::Ready(0));
        }
        let taken = {
            static FILLER: [u8; 1] = [0];
            let filler = match IoVec::from_bytes(&FILLER) {
                Some(filler) => filler,
                None => return Err(io::Error::other("iovec")),
            };
            let mut iovecs = [filler; MAX_GATHER];
            let count = buf.bytes_vec(&mut iovecs);
            let chunks: Vec<&[u8]> = iovecs[..count].iter().map(|v| &v[..]).collect();
            match not_ready(self.gather_with(op.as_ref(), &chunks, &notify_task))? {
                Async::Ready(taken) => taken,
                Async::NotReady => return Ok(Async::NotReady),
            }
        };
        buf.advance(taken);
        Ok(Async::Ready(taken))
    }
}

/// The std-task runtimes' answer: a `WouldBlock` for which the task's waker was woken
/// becomes `Pending`; one without (scripted by [`RecordHandle::fail_write`]) stays
/// `Ready(Err(WouldBlock))`, as a writer that registers nothing answers; anything else
/// is `Ready`.
fn pending<T>(result: io::Result<T>, woken: &Cell<bool>) -> StdPoll<io::Result<T>> {
    match result {
        Err(error) if error.kind() == io::ErrorKind::WouldBlock && woken.get() => StdPoll::Pending,
        other => StdPoll::Ready(other),
    }
}

/// Runs one std-task call of a [`TestWriter`] with a `wake` that wakes `cx`'s waker.
pub(crate) fn with_waker<T>(
    cx: &mut Context<'_>,
    call: impl FnOnce(&dyn Fn()) -> io::Result<T>,
) -> StdPoll<io::Result<T>> {
    let woken = Cell::new(false);
    let waker = cx.waker();
    let wake = || {
        woken.set(true);
        waker.wake_by_ref();
    };
    let result = call(&wake);
    pending(result, &woken)
}

impl TestWriter {
    fn poll_write_std(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> StdPoll<io::Result<usize>> {
        with_waker(cx, |wake| self.write_with(buf, wake))
    }

    fn poll_write_vectored_std(
        &mut self,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> StdPoll<io::Result<usize>> {
        with_waker(cx, |wake| self.write_vectored_with(bufs, wake))
    }

    fn poll_flush_std(&mut self, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        with_waker(cx, |wake| self.flush_with(wake))
    }

    fn poll_close_std(&mut self, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        let recorder = &mut self.recorder;
        with_waker(cx, |wake| match recorder.shutdown_with(wake)? {
            true => Ok(()),
            false => Err(io::ErrorKind::WouldBlock.into()),
        })
    }
}

impl tokio1::io::AsyncWrite for TestWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> StdPoll<io::Result<usize>> {
        self.get_mut().poll_write_std(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> StdPoll<io::Result<usize>> {
        self.get_mut().poll_write_vectored_std(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.is_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        self.get_mut().poll_flush_std(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        self.get_mut().poll_close_std(cx)
    }
}

impl futures_io::AsyncWrite for TestWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> StdPoll<io::Result<usize>> {
        self.get_mut().poll_write_std(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> StdPoll<io::Result<usize>> {
        self.get_mut().poll_write_vectored_std(cx, bufs)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        self.get_mut().poll_flush_std(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> StdPoll<io::Result<()>> {
        self.get_mut().poll_close_std(cx)
    }
}

impl fmt::Debug for TestWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestWriter")
            .field("vectored", &self.vectored.as_ref().map(VecDeque::len))
            .finish()
    }
}

/// A plain [`TestWriter`] with the given schedule, and its handle.
///
/// # Examples
///
/// ```
/// use partial_io::PartialOp;
/// use std::io::Write;
/// use writestack_test::test_writer;
///
/// let (mut writer, handle) = test_writer(vec![PartialOp::Limited(2)]);
/// assert_eq!(writer.write(b"abcd").unwrap(), 2);
/// assert_eq!(handle.data(), b"ab");
/// ```
pub fn test_writer<I>(schedule: I) -> (TestWriter, RecordHandle)
where
    I: IntoIterator<Item = PartialOp> + 'static,
    I::IntoIter: Send,
{
    let (recorder, handle) = Recorder::new();
    (TestWriter::new(recorder, schedule), handle)
}

/// A vectored [`TestWriter`]: `schedule` answers `write` and `flush`, `vectored` answers
/// `write_buf` and `write_vectored` (see the type docs); and its handle.
///
/// # Examples
///
/// ```
/// use bytes::{Buf, Bytes};
/// use partial_io::PartialOp;
/// use std::io::Cursor;
/// use tokio_io::AsyncWrite;
/// use writestack_test::{poll_once, vectored_test_writer};
///
/// let (mut writer, handle) = vectored_test_writer(vec![], vec![PartialOp::Limited(4)]);
/// let mut buf = Cursor::new(Bytes::from_static(b"abc")).chain(Cursor::new(Bytes::from_static(b"def")));
/// let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
/// assert_eq!(answer.unwrap(), futures::Async::Ready(4)); // across both slices
/// assert_eq!(handle.data(), b"abcd");
/// assert_eq!(handle.record().vectored_writes, 1);
/// ```
pub fn vectored_test_writer<I>(schedule: I, vectored: Vec<PartialOp>) -> (TestWriter, RecordHandle)
where
    I: IntoIterator<Item = PartialOp> + 'static,
    I::IntoIter: Send,
{
    let (recorder, handle) = Recorder::new();
    (
        TestWriter::with_vectored(recorder, schedule, vectored),
        handle,
    )
}

#[cfg(test)]
mod tests {
    use std::io::ErrorKind;
    use std::pin::Pin;
    use std::task::Poll;

    use partial_io::PartialOp;

    use super::{test_writer, vectored_test_writer};
    use crate::driver::poll_once_std;

    /// One schedule answers the same on tokio 1 as through partial-io on tokio-io 0.1:
    /// a short take, `Pending` after a wake-up, `Interrupted`, `Ok(0)`, a hard error,
    /// then everything.
    #[test]
    fn std_task_answers_follow_the_schedule() {
        let (mut writer, handle) = test_writer(vec![
            PartialOp::Limited(2),
            PartialOp::Err(ErrorKind::WouldBlock),
            PartialOp::Err(ErrorKind::Interrupted),
            PartialOp::Limited(0),
            PartialOp::Err(ErrorKind::ConnectionReset),
        ]);
        let mut write = |bytes: &'static [u8]| {
            poll_once_std(|cx| tokio1::io::AsyncWrite::poll_write(Pin::new(&mut writer), cx, bytes))
        };
        let (answer, woken) = write(b"abcd");
        assert!(matches!(answer, Poll::Ready(Ok(2))) && !woken);
        let (answer, woken) = write(b"cd");
        assert!(answer.is_pending() && woken, "Pending with a wake-up");
        let (answer, _) = write(b"cd");
        assert!(matches!(answer, Poll::Ready(Err(ref e)) if e.kind() == ErrorKind::Interrupted));
        let (answer, _) = write(b"cd");
        assert!(matches!(answer, Poll::Ready(Ok(0))));
        let (answer, _) = write(b"cd");
        assert!(
            matches!(answer, Poll::Ready(Err(ref e)) if e.kind() == ErrorKind::ConnectionReset)
        );
        let (answer, _) = write(b"cdef");
        assert!(matches!(answer, Poll::Ready(Ok(4))));
        assert_eq!(handle.data(), b"abcdef");
    }

    /// A vectored writer takes across slices on futures-io; a `WouldBlock` scripted with
    /// `fail_write` (no wake-up) stays `Ready(Err(WouldBlock))`; a blocked recorder and a
    /// not-ready shutdown are `Pending` after a wake-up.
    #[test]
    fn std_task_vectored_raw_would_block_and_close() {
        use futures_io::AsyncWrite;
        use std::io::IoSlice;

        let (mut writer, handle) = vectored_test_writer(vec![], vec![PartialOp::Limited(4)]);
        let slices = [
            IoSlice::new(b"abc"),
            IoSlice::new(b""),
            IoSlice::new(b"def"),
        ];
        let (answer, _) =
            poll_once_std(|cx| Pin::new(&mut writer).poll_write_vectored(cx, &slices));
        assert!(matches!(answer, Poll::Ready(Ok(4))));
        assert_eq!(handle.record().vectored_writes, 1);

        handle.fail_write(0, ErrorKind::WouldBlock);
        let (answer, woken) = poll_once_std(|cx| Pin::new(&mut writer).poll_write(cx, b"ef"));
        assert!(matches!(answer, Poll::Ready(Err(ref e)) if e.kind() == ErrorKind::WouldBlock));
        assert!(!woken);

        handle.set_blocked(true);
        let (answer, woken) = poll_once_std(|cx| Pin::new(&mut writer).poll_write(cx, b"ef"));
        assert!(answer.is_pending() && woken);
        handle.set_blocked(false);

        handle.shutdown_not_ready(1);
        let (answer, woken) = poll_once_std(|cx| Pin::new(&mut writer).poll_close(cx));
        assert!(answer.is_pending() && woken);
        let (answer, _) = poll_once_std(|cx| Pin::new(&mut writer).poll_close(cx));
        assert!(matches!(answer, Poll::Ready(Ok(()))));
        assert_eq!(handle.record().shutdown_completions, 1);
        assert_eq!(handle.data(), b"abcd");
    }
}
