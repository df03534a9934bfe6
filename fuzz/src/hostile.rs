//! The hostile inner writer at the bottom of every stack under test.
//!
//! It answers each call (write, vectored write, flush, shutdown) with the next answer of
//! a script: short takes, `WouldBlock` / `NotReady` (with a wakeup requested, as a real
//! transport does), `Interrupted`, `Ok(0)`, one-shot hard errors. Once the script is used
//! up it is calm (it takes everything, or at most a fixed number of bytes per call), so
//! every operation can complete and a hang is the layer's fault. It records every byte
//! it took and counts what the oracle needs to judge the layer above.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, IoSlice, Write};
use std::rc::Rc;

use arbitrary::Arbitrary;
use bytes::Buf;
use futures::{task, Async, Poll};
use iovec::IoVec;
use tokio_io::AsyncWrite;

use crate::drive::count_call;

/// The kind of the hostile writer's hard errors: no layer makes this kind itself, so the
/// oracle can tell an error passed on "as is" (CONTRACT rule 15) from an invented one.
pub const HARD_ERROR: io::ErrorKind = io::ErrorKind::ConnectionReset;

/// The message of the hostile writer's hard errors.
pub const HARD_MESSAGE: &str = "hostile writer: scripted hard error";

/// One answer of the hostile writer, consumed by one call.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Take at most this many bytes (0 counts as 1), across slices for a vectored write.
    /// Flush and shutdown succeed.
    Take(u8),
    /// Take everything offered; flush and shutdown succeed.
    TakeAll,
    /// `WouldBlock` (`NotReady` for `write_buf` and `shutdown`), after requesting a
    /// wakeup of the current task.
    NotReady,
    /// `ErrorKind::Interrupted`, which a layer must retry itself.
    Interrupted,
    /// `Ok(0)` for a non-empty write (a closed peer); flush and shutdown succeed.
    Zero,
    /// A hard error ([`HARD_ERROR`]); the writer recovers at the next call.
    Fail,
}

/// Counters of what the hostile writer answered; cheap to copy between polls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// `WouldBlock` / `NotReady` answers (each with a wakeup requested).
    pub not_ready: u64,
    /// `Ok(0)` answers to non-empty writes.
    pub zeros: u64,
    /// Hard errors.
    pub failures: u64,
    /// Flush calls answered `Ok`.
    pub flushes: u64,
    /// Shutdown calls, whatever the answer.
    pub shutdown_calls: u64,
    /// Shutdown calls answered `Ready`.
    pub shutdowns: u64,
}

struct State {
    data: Vec<u8>,
    counters: Counters,
    script: VecDeque<Answer>,
    calm: Answer,
}

impl fmt::Debug for State {
    // The bytes taken can run to megabytes: their count is what a trace needs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hostile")
            .field("taken", &self.data.len())
            .field("counters", &self.counters)
            .field("script", &self.script)
            .field("calm", &self.calm)
            .finish()
    }
}

impl State {
    fn next(&mut self) -> Answer {
        count_call();
        self.script.pop_front().unwrap_or(self.calm)
    }

    fn would_block(&mut self) -> io::Error {
        self.counters.not_ready += 1;
        // A real transport registers the task before answering WouldBlock; so does this
        // one, so a layer that passes the answer on never loses a wakeup.
        task::current().notify();
        io::ErrorKind::WouldBlock.into()
    }

    fn fail(&mut self) -> io::Error {
        self.counters.failures += 1;
        io::Error::new(HARD_ERROR, HARD_MESSAGE)
    }

    fn take(&mut self, chunks: &[&[u8]]) -> io::Result<usize> {
        assert_eq!(
            self.counters.shutdowns, 0,
            "a layer wrote to its inner writer after the inner shutdown completed"
        );
        let total: usize = chunks.iter().map(|chunk| chunk.len()).sum();
        if total == 0 {
            return Ok(0);
        }
        let limit = match self.next() {
            Answer::Take(n) => usize::from(n).clamp(1, total),
            Answer::TakeAll => total,
            Answer::NotReady => return Err(self.would_block()),
            Answer::Interrupted => return Err(io::ErrorKind::Interrupted.into()),
            Answer::Zero => {
                self.counters.zeros += 1;
                return Ok(0);
            }
            Answer::Fail => return Err(self.fail()),
        };
        let mut left = limit;
        for chunk in chunks {
            let part = left.min(chunk.len());
            self.data.extend_from_slice(&chunk[..part]);
            left -= part;
        }
        Ok(limit)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.next() {
            Answer::NotReady => Err(self.would_block()),
            Answer::Interrupted => Err(io::ErrorKind::Interrupted.into()),
            Answer::Fail => Err(self.fail()),
            Answer::Take(_) | Answer::TakeAll | Answer::Zero => {
                self.counters.flushes += 1;
                Ok(())
            }
        }
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.counters.shutdown_calls += 1;
        assert_eq!(
            self.counters.shutdowns, 0,
            "the inner shutdown was called again after it had completed (CONTRACT rule 11)"
        );
        match self.next() {
            Answer::NotReady => {
                self.would_block();
                Ok(Async::NotReady)
            }
            Answer::Interrupted => Err(io::ErrorKind::Interrupted.into()),
            Answer::Fail => Err(self.fail()),
            Answer::Take(_) | Answer::TakeAll | Answer::Zero => {
                self.counters.shutdowns += 1;
                Ok(Async::Ready(()))
            }
        }
    }
}

/// The hostile `tokio_io::AsyncWrite` (and `std::io::Write`); see the module docs.
pub struct Hostile {
    state: Rc<RefCell<State>>,
}

/// Reads what a [`Hostile`] writer saw and scripts it, while it is buried under layers.
#[derive(Clone)]
pub struct Probe {
    state: Rc<RefCell<State>>,
}

impl Hostile {
    /// A hostile writer that answers `script` first, then takes at most `calm` bytes per
    /// call (0: everything).
    pub fn new(script: &[Answer], calm: u8) -> (Hostile, Probe) {
        let calm = match calm {
            0 => Answer::TakeAll,
            n => Answer::Take(n),
        };
        let state = Rc::new(RefCell::new(State {
            data: Vec::new(),
            counters: Counters::default(),
            script: script.iter().copied().collect(),
            calm,
        }));
        (
            Hostile {
                state: state.clone(),
            },
            Probe { state },
        )
    }
}

impl fmt::Debug for Hostile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.state.borrow().fmt(f)
    }
}

impl fmt::Debug for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.state.borrow().fmt(f)
    }
}

impl Probe {
    /// The counters so far.
    pub fn counters(&self) -> Counters {
        self.state.borrow().counters
    }

    /// How many bytes were taken so far.
    pub fn len(&self) -> usize {
        self.state.borrow().data.len()
    }

    /// Whether no byte was taken yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A copy of every byte taken so far.
    pub fn data(&self) -> Vec<u8> {
        self.state.borrow().data.clone()
    }

    /// Answers to give before the ones still scripted.
    pub fn push_front(&self, answers: &[Answer]) {
        let mut state = self.state.borrow_mut();
        for answer in answers.iter().rev() {
            state.script.push_front(*answer);
        }
    }

    /// Answers still scripted.
    pub fn scripted(&self) -> usize {
        self.state.borrow().script.len()
    }
}

impl Write for Hostile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.state.borrow_mut().take(&[buf])
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let chunks: Vec<&[u8]> = bufs.iter().map(|slice| &slice[..]).collect();
        self.state.borrow_mut().take(&chunks)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.state.borrow_mut().flush()
    }
}

impl AsyncWrite for Hostile {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.state.borrow_mut().shutdown()
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        static FILLER: [u8; 1] = [0];
        let taken = {
            let filler: &IoVec = match IoVec::from_bytes(&FILLER) {
                Some(filler) => filler,
                None => unreachable!("a one-byte slice is a valid IoVec"),
            };
            let mut iovecs = [filler; 64];
            let count = buf.bytes_vec(&mut iovecs);
            let mut chunks: Vec<&[u8]> = iovecs[..count].iter().map(|v| &v[..]).collect();
            if count == 0 {
                chunks.push(buf.bytes());
            }
            match self.state.borrow_mut().take(&chunks) {
                Ok(n) => n,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    return Ok(Async::NotReady)
                }
                Err(error) => return Err(error),
            }
        };
        buf.advance(taken);
        Ok(Async::Ready(taken))
    }
}
