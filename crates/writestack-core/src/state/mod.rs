//! The state machine behind every layer, written once against [`Inner`]: phases and the
//! write path here, the short paths in `short.rs`, whole units in `unit.rs`, flush /
//! finish / shutdown in `ending.rs`, a new stream after the end in `restart.rs`.

mod ending;
mod restart;
mod short;
mod unit;

use std::io;

use crate::runtime::Inner;
use crate::send::{layer_error, named, send, send_slices};
use crate::{Encode, OutBuf, Route, Routing, WriteKind};

/// Where a stream is in its life. Each step only moves forward, except that a finished
/// flush returns to `Open` and a restart begins a new stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Accepting writes.
    Open,
    /// A flush has started; `encoder_done` once the encoder's flush output is buffered.
    Flushing { encoder_done: bool },
    /// The encoder is writing its tail into the buffer.
    Finishing,
    /// The tail is complete; the buffer is being drained.
    Draining,
    /// Tail drained and inner writer flushed (`poll_finish` done); the inner writer was
    /// not shut down.
    Finished,
    /// The inner writer's `shutdown` has been called and has not completed yet.
    ShuttingDown,
    /// The inner writer's `shutdown` completed.
    Done,
}

/// What the caller of [`State::drive`] wants to reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Goal {
    Flush,
    Finish,
    Shutdown,
}

/// What a write of several slices came to.
#[derive(Debug)]
pub(crate) enum Written {
    /// This many bytes were taken.
    Taken(usize),
    /// The write is one unit behind this prefix, and the slices offered do not show all of
    /// it: the runtime shim must read it whole (see [`State::accept_gathered`]).
    Gather(crate::Prefix),
}

#[derive(Debug)]
pub(crate) struct State<E, R> {
    pub(crate) encoder: E,
    pub(crate) routing: R,
    pub(crate) out: OutBuf,
    /// The layer's name, at the front of every error the layer makes itself.
    pub(crate) name: &'static str,
    pub(crate) phase: Phase,
    /// Writes shorter than this take a short path: the capacity while the stream is
    /// `Open` under a verbatim routing or one with short units, else 0. One comparison
    /// on the hot path stands for the phase, routing and capacity checks; `set_phase`
    /// keeps it in step.
    short_write_limit: usize,
    pub(crate) total_in: u64,
    pub(crate) total_out: u64,
    /// An inner error met after a framed write was accepted (rule 1 forced `Ok`); the
    /// next call reports it, so it is neither lost nor turned into a second error.
    pub(crate) deferred: Option<io::Error>,
    /// `poll_finish` or `shutdown` has been called: writes are refused from then on, even
    /// while an interrupted flush still has to complete first (rule 13).
    pub(crate) finish_requested: bool,
}

impl<E: Encode, R: Routing<E>> State<E, R> {
    pub(crate) fn new(name: &'static str, capacity: usize, encoder: E, routing: R) -> Self {
        let mut state = State {
            encoder,
            routing,
            // `OutBuf` lowers the capacity to `MAX_CAPACITY`.
            out: OutBuf::with_capacity(capacity),
            name,
            phase: Phase::Open,
            short_write_limit: 0,
            total_in: 0,
            total_out: 0,
            deferred: None,
            finish_requested: false,
        };
        // One place decides the short-write limit for every phase, the first included.
        state.set_phase(Phase::Open);
        state
    }

    #[inline]
    pub(super) fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
        self.short_write_limit = if (R::VERBATIM || R::SHORT_UNITS) && phase == Phase::Open {
            self.out.capacity()
        } else {
            0
        };
    }

    /// Bytes accepted so far.
    pub(crate) fn accepted(&self) -> u64 {
        if R::VERBATIM {
            // Every byte accepted is either sent or still buffered; the short path does
            // not count, to stay as short as std's.
            self.total_out + self.out.len() as u64
        } else {
            self.total_in
        }
    }

    #[inline]
    pub(crate) fn take_deferred(&mut self) -> io::Result<()> {
        match self.deferred.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Sends ready bytes once; an error when there is nothing to send (the encoder is
    /// stuck, which would otherwise loop forever).
    pub(crate) fn send_ready<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        if self.out.ready().is_empty() {
            let what = "encoder made no progress with a full buffer (internal error)";
            return Err(named(self.name, io::ErrorKind::Other, what));
        }
        let n = send(inner, self.out.ready())?;
        self.out.consume(n);
        self.total_out += n as u64;
        Ok(())
    }

    pub(crate) fn drain<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        while !self.out.ready().is_empty() {
            self.send_ready(inner)?;
        }
        Ok(())
    }

    pub(super) fn run_encoder_flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        while !self
            .encoder
            .flush(&mut self.out)
            .map_err(|e| layer_error(self.name, &e))?
        {
            self.send_ready(inner)?;
        }
        Ok(())
    }

    /// Where a completed flush leaves the stream: open again, unless finish or shutdown
    /// was requested while the flush was interrupted.
    pub(super) fn after_flush(&self) -> Phase {
        if self.finish_requested {
            Phase::Finishing
        } else {
            Phase::Open
        }
    }

    /// A write arriving mid-flush completes the encoder's part of the flush first, so
    /// the encoder never sees input in the middle of a sync block.
    #[inline]
    pub(super) fn settle_flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        match self.phase {
            Phase::Flushing {
                encoder_done: false,
            } => {
                self.run_encoder_flush(inner)?;
                self.set_phase(self.after_flush());
            }
            Phase::Flushing { encoder_done: true } => self.set_phase(self.after_flush()),
            _ => {}
        }
        Ok(())
    }

    /// One plain write: the short path, then the general one.
    #[inline]
    pub(crate) fn write<I: Inner>(&mut self, inner: &mut I, input: &[u8]) -> io::Result<usize> {
        if self.write_buffered(input) {
            return Ok(input.len());
        }
        self.write_unbuffered(inner, input)
    }

    /// A plain write the short path did not take ([`write_buffered`] said `false`), for
    /// shims that tried it themselves before wrapping the inner writer. Out of line for
    /// a plain buffer, nearly all of whose writes are short, so that the short path
    /// inlines into the caller; inline for units, whose general path is chunked mode's
    /// hot path.
    ///
    /// [`write_buffered`]: State::write_buffered
    #[inline]
    pub(crate) fn write_unbuffered<I: Inner>(
        &mut self,
        inner: &mut I,
        input: &[u8],
    ) -> io::Result<usize> {
        if R::VERBATIM {
            return self.write_verbatim_slow(inner, input);
        }
        self.write_one_general(inner, input, WriteKind::Stream)
    }

    /// One write of one slice, which always shows the whole write.
    #[inline]
    pub(crate) fn write_one<I: Inner>(
        &mut self,
        inner: &mut I,
        input: &[u8],
        kind: WriteKind,
    ) -> io::Result<usize> {
        if R::SHORT_UNITS {
            // Small units of an open stream (a message frame, a `Sink` item) are copied
            // here; everything else, out of line, takes the one general path.
            if self.push_short_unit(input, kind) {
                return Ok(input.len());
            }
            return self.write_one_outlined(inner, input, kind);
        }
        self.write_one_general(inner, input, kind)
    }

    /// The general path out of line, so that the short path inlines into the caller.
    #[inline(never)]
    fn write_one_outlined<I: Inner>(
        &mut self,
        inner: &mut I,
        input: &[u8],
        kind: WriteKind,
    ) -> io::Result<usize> {
        self.write_one_general(inner, input, kind)
    }

    /// [`write_one`](State::write_one) after the short path.
    #[inline]
    fn write_one_general<I: Inner>(
        &mut self,
        inner: &mut I,
        input: &[u8],
        kind: WriteKind,
    ) -> io::Result<usize> {
        match self.write_slices(inner, &[input], input.len(), kind)? {
            Written::Taken(n) => Ok(n),
            Written::Gather(_) => {
                let what = "one slice did not show a whole write (internal error)";
                Err(named(self.name, io::ErrorKind::Other, what))
            }
        }
    }

    /// The one write path after the short path: `slices` are the first bytes of a write
    /// of `len` bytes (all of them, unless the caller's buffer showed fewer).
    #[inline]
    pub(crate) fn write_slices<I: Inner>(
        &mut self,
        inner: &mut I,
        slices: &[&[u8]],
        len: usize,
        kind: WriteKind,
    ) -> io::Result<Written> {
        if self.finish_requested {
            let what = "write after the stream was finished (finish or shutdown has started)";
            return Err(named(self.name, io::ErrorKind::Other, what));
        }
        if len == 0 {
            return Ok(Written::Taken(0));
        }
        self.take_deferred()?;
        self.settle_flush(inner)?;
        let gathered: usize = slices.iter().map(|slice| slice.len()).sum();
        loop {
            let route = self
                .routing
                .route(&mut self.encoder, len, kind, &mut self.out)
                .map_err(|e| layer_error(self.name, &e))?;
            match route {
                Route::Encode => {
                    let n = match slices {
                        [one] => self.encoder.encode(one, &mut self.out),
                        _ => self.encoder.encode_slices(slices, &mut self.out),
                    }
                    .map_err(|e| layer_error(self.name, &e))?;
                    if n > 0 {
                        let n = n.min(gathered);
                        self.total_in += n as u64;
                        return Ok(Written::Taken(n));
                    }
                    self.send_ready(inner)?;
                }
                Route::Direct => return self.write_direct(inner, slices).map(Written::Taken),
                Route::Framed(prefix) if gathered < len => return Ok(Written::Gather(prefix)),
                Route::Framed(prefix) if prefix.as_slice().len() + len < self.out.capacity() => {
                    if self.push_unit(prefix, slices, len) {
                        return Ok(Written::Taken(len));
                    }
                    self.send_ready(inner)?;
                }
                Route::Framed(prefix) => {
                    return self.write_framed(inner, prefix, slices).map(Written::Taken)
                }
            }
        }
    }

    /// Straight to the inner writer once the buffer is drained; the routing hears about
    /// exactly the bytes the inner writer took.
    fn write_direct<I: Inner>(&mut self, inner: &mut I, slices: &[&[u8]]) -> io::Result<usize> {
        self.drain(inner)?;
        let n = match slices {
            [one] => send(inner, one)?,
            _ => send_slices(inner, slices)?,
        };
        self.total_out += n as u64;
        let mut left = n;
        for slice in slices {
            let part = left.min(slice.len());
            self.routing.passed(&mut self.encoder, &slice[..part]);
            left -= part;
            if left == 0 {
                break;
            }
        }
        self.total_in += n as u64;
        Ok(n)
    }
}
