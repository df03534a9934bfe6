//! The reader's one state machine: the input buffer, the inner reader's end, and the
//! stream's end, written once against a synchronous view of the inner reader.

use std::fmt;
use std::io;

use crate::send::{layer_error, named, retry};
use crate::{Decode, Decoded};

/// The inner reader as the state machine sees it: "not ready" is `WouldBlock`.
pub(crate) trait ReadInner {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize>;
}

/// Where the stream stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// Decoding; the flag says the inner reader has reported its end.
    Open { input_ended: bool },
    /// The stream ended cleanly: reads return 0.
    Ended,
    /// The decoder refused the input: every read fails the same way (rule R3).
    Failed(io::ErrorKind, String),
}

/// The decoder, the bytes read from the inner reader and not yet decoded, and the phase.
pub(crate) struct ReadState<D> {
    pub(crate) decoder: D,
    pub(crate) name: &'static str,
    /// Allocated (zeroed, once) on the first read that needs it, so an idle reader holds
    /// no buffer; `input[start..end]` is read and not yet decoded.
    input: Box<[u8]>,
    capacity: usize,
    start: usize,
    end: usize,
    phase: Phase,
    total_in: u64,
    total_out: u64,
}

impl<D: fmt::Debug> fmt::Debug for ReadState<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadState")
            .field("decoder", &self.decoder)
            .field("phase", &self.phase)
            .field("buffered", &(self.end - self.start))
            .field("capacity", &self.capacity)
            .field("total_in", &self.total_in)
            .field("total_out", &self.total_out)
            .finish()
    }
}

impl<D> ReadState<D> {
    pub(crate) fn new(decoder: D, capacity: usize, leftover: &[u8]) -> Self {
        ReadState {
            decoder,
            name: "DecodeReader",
            input: leftover.into(),
            capacity: capacity.max(leftover.len()).max(1),
            start: 0,
            end: leftover.len(),
            phase: Phase::Open { input_ended: false },
            total_in: 0,
            total_out: 0,
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    pub(crate) fn totals(&self) -> (u64, u64) {
        (self.total_in, self.total_out)
    }

    pub(crate) fn is_ended(&self) -> bool {
        self.phase == Phase::Ended
    }

    /// Bytes read from the inner reader and not decoded: after the end, the next
    /// stream's first bytes (rule R6).
    pub(crate) fn leftover(&self) -> &[u8] {
        &self.input[self.start..self.end]
    }

    /// The bytes held: the decoder's own are not counted.
    pub(crate) fn buffer_len(&self) -> usize {
        self.input.len()
    }
}

impl<D: Decode> ReadState<D> {
    /// One step of decoding into `output`: returns once some payload was produced, a
    /// message or the stream ended, or the inner reader has nothing now (`WouldBlock`) or
    /// failed. An empty `output` returns at once (rule R1).
    pub(crate) fn read<I: ReadInner>(
        &mut self,
        inner: &mut I,
        output: &mut [u8],
    ) -> io::Result<Decoded> {
        if output.is_empty() {
            return self.answer_empty();
        }
        loop {
            let input_ended = match &self.phase {
                Phase::Open { input_ended } => *input_ended,
                Phase::Ended => {
                    return Ok(Decoded {
                        stream_end: true,
                        ..Decoded::default()
                    })
                }
                Phase::Failed(kind, message) => return Err(named(self.name, *kind, message)),
            };
            let step = self.decode(output)?;
            if step.produced > 0 || step.message_end || step.stream_end {
                return Ok(step);
            }
            if step.consumed > 0 {
                continue;
            }
            if input_ended {
                return self.end_of_input();
            }
            if self.start == self.end {
                if let Some(prefix) = self.decoder.pass_through_begin(output) {
                    let step = self.pass_through(inner, output, prefix)?;
                    if step.produced > 0 {
                        return Ok(step);
                    }
                    // All held back (or the inner reader ended): read again, or end.
                    continue;
                }
            }
            self.fill(inner)?;
        }
    }

    fn answer_empty(&self) -> io::Result<Decoded> {
        match &self.phase {
            Phase::Failed(kind, message) => Err(named(self.name, *kind, message)),
            Phase::Ended => Ok(Decoded {
                stream_end: true,
                ..Decoded::default()
            }),
            Phase::Open { .. } => Ok(Decoded::default()),
        }
    }

    fn decode(&mut self, output: &mut [u8]) -> io::Result<Decoded> {
        let input = &self.input[self.start..self.end];
        let step = match self.decoder.decode(input, output) {
            Ok(step) => step,
            Err(error) => return Err(self.fail(&error)),
        };
        if step.consumed > input.len() || step.produced > output.len() {
            let what = io::Error::other("the decoder reported more bytes than it was given");
            return Err(self.fail(&what));
        }
        self.start += step.consumed;
        self.total_in += step.consumed as u64;
        self.total_out += step.produced as u64;
        if step.stream_end {
            self.phase = Phase::Ended;
        }
        Ok(step)
    }

    fn end_of_input(&mut self) -> io::Result<Decoded> {
        match self.decoder.input_ended() {
            Ok(()) => {
                self.phase = Phase::Ended;
                Ok(Decoded {
                    stream_end: true,
                    ..Decoded::default()
                })
            }
            Err(error) => Err(self.fail(&error)),
        }
    }

    /// Reads more input behind what is buffered; `Interrupted` is retried (rule R5), and
    /// an inner error leaves everything as it was, so a retry continues.
    fn fill<I: ReadInner>(&mut self, inner: &mut I) -> io::Result<()> {
        if self.input.len() < self.capacity {
            // First fill (or a reader built from parts): zeroed once, the price of no
            // `unsafe`, never again per read.
            let mut grown = vec![0; self.capacity].into_boxed_slice();
            grown[..self.end - self.start].copy_from_slice(&self.input[self.start..self.end]);
            self.input = grown;
            self.end -= self.start;
            self.start = 0;
        } else if self.start == self.end {
            self.start = 0;
            self.end = 0;
        } else if self.end == self.capacity {
            if self.start == 0 {
                let what = io::Error::other("the decoder took nothing from a full input buffer");
                return Err(self.fail(&what));
            }
            self.input.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let spare = &mut self.input[self.end..];
        let room = spare.len();
        match retry(|| inner.read(spare))? {
            0 => self.phase = Phase::Open { input_ended: true },
            n => self.end += n.min(room),
        }
        Ok(())
    }

    /// One pass-through step (see [`Decode::pass_through_begin`]): the inner reader reads
    /// straight into `output` behind the decoder's `prefix`, and the decoder takes it all.
    /// Before the decoder sees the bytes nothing has changed, so `WouldBlock` or an inner
    /// error leaves the held bytes with the decoder and a retry continues (rule R5).
    fn pass_through<I: ReadInner>(
        &mut self,
        inner: &mut I,
        output: &mut [u8],
        prefix: usize,
    ) -> io::Result<Decoded> {
        let Some(room) = output.get_mut(prefix..).filter(|room| !room.is_empty()) else {
            let what = io::Error::other("the decoder's pass-through prefix left no room");
            return Err(self.fail(&what));
        };
        let space = room.len();
        let read = match retry(|| inner.read(room))? {
            0 => {
                self.phase = Phase::Open { input_ended: true };
                return Ok(Decoded::default());
            }
            n => n.min(space),
        };
        let produced = match self.decoder.pass_through_end(output, prefix, read) {
            Ok(produced) if produced <= prefix + read => produced,
            Ok(_) => {
                let what = io::Error::other("the decoder reported more bytes than it was given");
                return Err(self.fail(&what));
            }
            Err(error) => return Err(self.fail(&error)),
        };
        self.total_in += read as u64;
        self.total_out += produced as u64;
        Ok(Decoded {
            consumed: read,
            produced,
            ..Decoded::default()
        })
    }

    #[cold]
    fn fail(&mut self, error: &io::Error) -> io::Error {
        self.phase = Phase::Failed(error.kind(), error.to_string());
        layer_error(self.name, error)
    }
}
