//! Inner writers that record what a layer did to them.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Buf;
use futures::{task, Async, Poll};
use iovec::IoVec;
use partial_io::{PartialAsyncWrite, PartialOp};
use tokio_io::AsyncWrite;

/// Everything a [`Recorder`] saw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Bytes written, in order.
    pub data: Vec<u8>,
    /// `write` calls that took bytes.
    pub writes: usize,
    /// `write_buf` calls that took bytes from more than one slice at once.
    pub vectored_writes: usize,
    /// `flush` calls.
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
}

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

    fn take(&mut self, chunks: &[&[u8]]) -> io::Result<usize> {
        let mut script = self.handle.lock();
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
            task::current().notify();
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let mut limit = total;
        match script.ops.pop_front() {
            Some(PartialOp::Limited(n)) => limit = n.min(total),
            Some(PartialOp::Err(kind)) => {
                if kind == io::ErrorKind::WouldBlock {
                    task::current().notify();
                }
                return Err(io::Error::new(kind, "Recorder: scripted answer"));
            }
            Some(PartialOp::Unlimited) | None => {}
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
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.take(&[buf])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.handle.lock().record.flushes += 1;
        Ok(())
    }
}

impl AsyncWrite for Recorder {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        let mut script = self.handle.lock();
        script.record.shutdown_calls += 1;
        if script.record.shutdown_completions > 0 {
            script.record.after_shutdown += 1;
            return Ok(Async::Ready(()));
        }
        if script.shutdown_not_ready > 0 {
            script.shutdown_not_ready -= 1;
            task::current().notify();
            return Ok(Async::NotReady);
        }
        script.record.shutdown_completions += 1;
        Ok(Async::Ready(()))
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let taken = {
            static FILLER: [u8; 1] = [0];
            let filler = match IoVec::from_bytes(&FILLER) {
                Some(filler) => filler,
                None => return Err(io::Error::new(io::ErrorKind::Other, "iovec")),
            };
            let mut iovecs = [filler; 64];
            let count = buf.bytes_vec(&mut iovecs);
            let chunks: Vec<&[u8]> = iovecs[..count].iter().map(|v| &v[..]).collect();
            self.take(&chunks)?
        };
        buf.advance(taken);
        Ok(Async::Ready(taken))
    }
}

/// The inner writer the contract suite gives a layer: a [`Recorder`] under a partial-io
/// schedule (short writes, `WouldBlock`, `Interrupted`, errors).
pub type TestWriter = PartialAsyncWrite<Recorder>;

/// A [`TestWriter`] with the given schedule, and its handle.
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
    (PartialAsyncWrite::new(recorder, schedule), handle)
}
