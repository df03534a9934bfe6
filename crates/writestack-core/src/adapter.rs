//! The one state machine that drives any [`Encode`] over any inner writer.

use std::fmt;
use std::io::{self, Write};

use bytes::Buf;
use futures::{Async, Poll};
use tokio_io::AsyncWrite;

use crate::inner::{gather, AsyncInner, BlockingInner, Inner, MAX_CHUNKS};
use crate::{Encode, Finish, OutBuf, Prefix, Route};

/// Capacity of the adapter's buffer when none is given: 8 KiB.
pub const DEFAULT_CAPACITY: usize = 8 * 1024;

/// Where a stream is in its life. Each step only moves forward, except that a finished
/// flush returns to `Open`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
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
enum Goal {
    Flush,
    Finish,
    Shutdown,
}

/// Drives an [`Encode`] over an inner writer `W`: the buffer, the tail and the
/// flush / finish / shutdown state machine, shared by every transforming layer.
///
/// Layers wrap it in a named type (`GzipWriter`, `FrameWriter`, ...); it can also be used
/// directly with an encoder of your own. It implements every rule of the
/// [crate-level contract](crate#the-contract).
///
/// `Drop` does no I/O: dropping an `EncodeWriter` that still holds buffered bytes or an
/// unwritten tail loses them. Call [`poll_finish`](Finish::poll_finish) or `shutdown`
/// first.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
///
/// /// Copies bytes unchanged.
/// #[derive(Debug)]
/// struct Identity;
///
/// impl Encode for Identity {
///     fn name(&self) -> &'static str { "Identity" }
///     fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> std::io::Result<usize> {
///         Ok(out.push(input))
///     }
///     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
///     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
/// }
///
/// let mut writer = EncodeWriter::with_capacity(4, Identity, Vec::new());
/// writer.write_all(b"abcdef").unwrap();
/// assert_eq!(writer.get_ref(), b"abcd"); // one full buffer went out
/// writer.poll_finish().unwrap();
/// assert_eq!(writer.get_ref(), b"abcdef");
/// assert_eq!((writer.total_in(), writer.total_out()), (6, 6));
/// ```
pub struct EncodeWriter<W, E> {
    inner: W,
    state: State<E>,
}

struct State<E> {
    encoder: E,
    out: OutBuf,
    phase: Phase,
    /// Writes shorter than this take the short path: the capacity while a verbatim
    /// encoder's stream is `Open`, else 0. One comparison on the hot path stands for the
    /// phase, encoder and capacity checks; `set_phase` keeps it in step.
    short_write_limit: usize,
    total_in: u64,
    total_out: u64,
    /// An inner error met after a framed write was accepted (rule 1 forced `Ok`); the
    /// next call reports it, so it is neither lost nor turned into a second error.
    deferred: Option<io::Error>,
    /// `poll_finish` or `shutdown` has been called: writes are refused from then on, even
    /// while an interrupted flush still has to complete first (rule 13).
    finish_requested: bool,
}

impl<W, E: Encode> EncodeWriter<W, E> {
    /// An adapter with a [`DEFAULT_CAPACITY`] buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// # use writestack_core::{Encode, EncodeWriter, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn name(&self) -> &'static str { "Identity" }
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let writer = EncodeWriter::new(Identity, Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), writestack_core::DEFAULT_CAPACITY);
    /// ```
    pub fn new(encoder: E, inner: W) -> Self {
        Self::with_capacity(DEFAULT_CAPACITY, encoder, inner)
    }

    /// An adapter whose buffer holds at most `capacity` bytes (CONTRACT rule 6), lowered
    /// to [`MAX_CAPACITY`](crate::MAX_CAPACITY) when larger.
    ///
    /// # Examples
    ///
    /// ```
    /// # use writestack_core::{Encode, EncodeWriter, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn name(&self) -> &'static str { "Identity" }
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let writer = EncodeWriter::with_capacity(64, Identity, Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), 64);
    /// ```
    pub fn with_capacity(capacity: usize, encoder: E, inner: W) -> Self {
        let mut state = State {
            encoder,
            // `OutBuf` lowers the capacity to `MAX_CAPACITY`.
            out: OutBuf::with_capacity(capacity),
            phase: Phase::Open,
            short_write_limit: 0,
            total_in: 0,
            total_out: 0,
            deferred: None,
            finish_requested: false,
        };
        // One place decides the short-write limit for every phase, the first included.
        state.set_phase(Phase::Open);
        EncodeWriter { inner, state }
    }
}

impl<W, E> EncodeWriter<W, E> {
    /// The inner writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The inner writer, mutably. Writing to it directly corrupts the stream: bytes would
    /// overtake what this adapter still buffers.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Gives back the inner writer. Buffered bytes and an unwritten tail are lost (drop
    /// does no I/O); after a completed `poll_finish` nothing is lost.
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// The encoder.
    pub fn encoder(&self) -> &E {
        &self.state.encoder
    }

    /// The encoder, mutably. Changing its state between calls is the layer's business;
    /// the adapter only relies on the rules of [`Encode`].
    pub fn encoder_mut(&mut self) -> &mut E {
        &mut self.state.encoder
    }

    /// The bytes buffered and ready to go to the inner writer.
    pub fn buffer(&self) -> &[u8] {
        self.state.out.ready()
    }

    /// The buffer's configured capacity.
    pub fn capacity(&self) -> usize {
        self.state.out.capacity()
    }

    /// Bytes accepted by `write`/`write_buf` so far.
    pub fn total_in(&self) -> u64
    where
        E: Encode,
    {
        if E::VERBATIM {
            // Every byte accepted is either sent or still buffered; the short-write path
            // does not count, to stay as short as std's.
            self.state.total_out + self.state.out.len() as u64
        } else {
            self.state.total_in
        }
    }

    /// Bytes the inner writer has taken so far (encoded payload, headers and tail).
    pub fn total_out(&self) -> u64 {
        self.state.total_out
    }

    /// Whether `poll_finish` or `shutdown` has started; writes are refused from then on.
    pub fn is_finishing(&self) -> bool {
        self.state.finish_requested
    }

    /// Begins a new stream on the same inner writer once the last one is finished: a
    /// completed [`poll_finish`](Finish::poll_finish) (not `shutdown`, which has closed
    /// the inner writer). `reset` puts the encoder back to the start of a stream; the
    /// buffer and whatever the encoder keeps (a compressor's tables) are reused, and the
    /// byte counts start again from 0.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed, when the stream is not finished
    /// or was shut down.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// # use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn name(&self) -> &'static str { "Identity" }
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let mut writer = EncodeWriter::new(Identity, Vec::new());
    /// writer.write_all(b"one").unwrap();
    /// assert!(writer.restart_with(|_| {}).is_err()); // not finished yet
    /// writer.poll_finish().unwrap();
    /// writer.restart_with(|_| {}).unwrap();
    /// writer.write_all(b"two").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.get_ref(), b"onetwo");
    /// ```
    pub fn restart_with(&mut self, reset: impl FnOnce(&mut E)) -> io::Result<()>
    where
        E: Encode,
    {
        if self.state.phase != Phase::Finished {
            return Err(self.state.not_finished("restart"));
        }
        self.state.reopen(reset);
        Ok(())
    }

    /// Begins a new stream on another inner writer once the last one is finished or shut
    /// down, and returns the old inner writer. As
    /// [`restart_with`](EncodeWriter::restart_with), the encoder's memory and the buffer
    /// are reused.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed (`inner` is dropped), when the
    /// stream is neither finished nor shut down.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// # use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
    /// # #[derive(Debug)] struct Identity;
    /// # impl Encode for Identity {
    /// #     fn name(&self) -> &'static str { "Identity" }
    /// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
    /// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
    /// # }
    /// let mut writer = EncodeWriter::new(Identity, Vec::new());
    /// writer.write_all(b"one").unwrap();
    /// writer.poll_finish().unwrap();
    /// let first = writer.reset_with(Vec::new(), |_| {}).unwrap();
    /// writer.write_all(b"two").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!((&first[..], &writer.get_ref()[..]), (&b"one"[..], &b"two"[..]));
    /// ```
    pub fn reset_with(&mut self, inner: W, reset: impl FnOnce(&mut E)) -> io::Result<W>
    where
        E: Encode,
    {
        if !matches!(self.state.phase, Phase::Finished | Phase::Done) {
            return Err(self.state.not_finished("reset"));
        }
        self.state.reopen(reset);
        Ok(std::mem::replace(&mut self.inner, inner))
    }

    /// Like `poll_write`, except that an error deferred from an earlier write (a frame
    /// accepted whole, then interrupted by an inner error) is not returned here but kept
    /// for the next flush, finish or shutdown. `Sink::start_send` uses it: an error there
    /// would lose the new item, which has nothing to do with the earlier error.
    ///
    /// # Errors
    ///
    /// As `poll_write`.
    pub fn poll_write_item(&mut self, buf: &[u8]) -> Poll<usize, io::Error>
    where
        W: AsyncWrite,
        E: Encode,
    {
        let deferred = self.state.deferred.take();
        let answer = self.state.write(&mut AsyncInner(&mut self.inner), buf);
        if deferred.is_some() {
            self.state.deferred = deferred;
        }
        to_poll(answer)
    }
}

impl<W: fmt::Debug, E: fmt::Debug + Encode> fmt::Debug for EncodeWriter<W, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodeWriter")
            .field("inner", &self.inner)
            .field("encoder", &self.state.encoder)
            .field("buffer", &self.state.out)
            .field("phase", &self.state.phase)
            .field("total_in", &self.total_in())
            .field("total_out", &self.state.total_out)
            .finish()
    }
}

/// One write to the inner writer: `Interrupted` retried, `Ok(0)` for bytes made an error.
fn send<I: Inner>(inner: &mut I, bytes: &[u8]) -> io::Result<usize> {
    taken(retry(|| inner.write(bytes))?, bytes.len())
}

fn send_chunks<I: Inner>(inner: &mut I, chunks: &[&[u8]]) -> io::Result<usize> {
    let total: usize = chunks.iter().map(|c| c.len()).sum();
    taken(retry(|| inner.write_chunks(chunks))?, total)
}

/// What the inner writer took of `offered` bytes: `Ok(0)` for a non-empty offer is
/// `WriteZero` (rule 4), and a writer claiming more than offered is held to the offer.
fn taken(n: usize, offered: usize) -> io::Result<usize> {
    if n == 0 && offered > 0 {
        Err(write_zero())
    } else {
        Ok(n.min(offered))
    }
}

fn retry<T>(mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match op() {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn write_zero() -> io::Error {
    io::Error::new(
        io::ErrorKind::WriteZero,
        "the inner writer accepted 0 bytes of a non-empty write",
    )
}

/// Drops the first `skip` bytes of `chunks`; returns how many slices `dst` holds.
fn rest_of<'a>(chunks: &[&'a [u8]], mut skip: usize, dst: &mut [&'a [u8]]) -> usize {
    let mut count = 0;
    for chunk in chunks {
        if skip >= chunk.len() {
            skip -= chunk.len();
            continue;
        }
        if count < dst.len() {
            dst[count] = &chunk[skip..];
            count += 1;
        }
        skip = 0;
    }
    count
}

impl<E: Encode> State<E> {
    #[inline]
    fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
        self.short_write_limit = if E::VERBATIM && phase == Phase::Open {
            self.out.capacity()
        } else {
            0
        };
    }

    fn not_finished(&self, what: &str) -> io::Error {
        let why = match self.phase {
            Phase::Done => "the inner writer was shut down; reset to another one instead",
            _ => "the stream is not finished (poll_finish has not completed)",
        };
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: {what} refused: {why}", self.encoder.name()),
        )
    }

    /// Back to a new stream; only called once the tail is drained, so the buffer is empty.
    fn reopen(&mut self, reset: impl FnOnce(&mut E)) {
        debug_assert!(self.out.is_empty() && self.deferred.is_none());
        reset(&mut self.encoder);
        self.set_phase(Phase::Open);
        self.finish_requested = false;
        self.total_in = 0;
        self.total_out = 0;
    }

    #[inline]
    fn take_deferred(&mut self) -> io::Result<()> {
        match self.deferred.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    #[inline]
    fn check_open(&self) -> io::Result<()> {
        if self.finish_requested {
            return Err(io::Error::other(format!(
                "{}: write after the stream was finished (finish or shutdown has started)",
                self.encoder.name()
            )));
        }
        Ok(())
    }

    /// Sends ready bytes once; an error when there is nothing to send (the encoder is
    /// stuck, which would otherwise loop forever).
    fn make_room<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        if self.out.ready().is_empty() {
            return Err(io::Error::other(format!(
                "{}: encoder made no progress with a full buffer (internal error)",
                self.encoder.name()
            )));
        }
        let n = send(inner, self.out.ready())?;
        self.out.consume(n);
        self.total_out += n as u64;
        Ok(())
    }

    fn drain<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        while !self.out.ready().is_empty() {
            self.make_room(inner)?;
        }
        Ok(())
    }

    fn run_encoder_flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        while !self.encoder.flush(&mut self.out)? {
            self.make_room(inner)?;
        }
        Ok(())
    }

    /// Where a completed flush leaves the stream: open again, unless finish or shutdown
    /// was requested while the flush was interrupted.
    fn after_flush(&self) -> Phase {
        if self.finish_requested {
            Phase::Finishing
        } else {
            Phase::Open
        }
    }

    /// A write arriving mid-flush completes the encoder's part of the flush first, so
    /// the encoder never sees input in the middle of a sync block.
    #[inline]
    fn settle_flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
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

    #[inline]
    fn write<I: Inner>(&mut self, inner: &mut I, input: &[u8]) -> io::Result<usize> {
        // Writes shorter than the capacity into a plain buffer are the hot path of a
        // buffering layer: copy them whole without calling into the encoder. The limit is
        // 0 unless `phase` is `Open`, which it never is once finish has been requested (see
        // `after_flush`), so this path needs no check of its own; `total_in` is derived
        // for verbatim encoders, so it counts nothing either. `route` would have said
        // `Encode` for these writes, and an empty write copies nothing and returns Ok(0)
        // (rule 5). Everything else is out of line, so this part inlines into the caller.
        if E::VERBATIM {
            if input.len() < self.short_write_limit && self.out.append_if_room(input) {
                return Ok(input.len());
            }
            return self.write_verbatim_slow(inner, input);
        }
        self.write_encoded(inner, input)
    }

    /// A short write that does not fit: drain the buffer first, then copy it whole (as
    /// std's BufWriter does). A drain that meets WouldBlock or an error returns it with
    /// nothing taken. `deferred` is only ever set by framed writes, which a verbatim
    /// encoder never routes.
    #[inline(never)]
    fn write_verbatim_slow<I: Inner>(&mut self, inner: &mut I, input: &[u8]) -> io::Result<usize> {
        if input.len() < self.short_write_limit {
            self.drain(inner)?;
            if !self.out.try_push_whole(input) {
                return Err(io::Error::other(
                    "an empty buffer did not take a write shorter than its capacity",
                ));
            }
            return Ok(input.len());
        }
        self.write_encoded(inner, input)
    }

    #[inline]
    fn write_encoded<I: Inner>(&mut self, inner: &mut I, input: &[u8]) -> io::Result<usize> {
        self.check_open()?;
        if input.is_empty() {
            return Ok(0);
        }
        self.take_deferred()?;
        self.settle_flush(inner)?;
        loop {
            match self.encoder.route(input.len(), &self.out)? {
                Route::Encode => {
                    let n = self.encoder.encode(input, &mut self.out)?;
                    if n > 0 {
                        let n = n.min(input.len());
                        self.total_in += n as u64;
                        return Ok(n);
                    }
                    self.make_room(inner)?;
                }
                Route::Direct => {
                    self.drain(inner)?;
                    let n = send(inner, input)?;
                    self.total_out += n as u64;
                    self.encoder.bypassed(&input[..n]);
                    self.total_in += n as u64;
                    return Ok(n);
                }
                Route::Framed(prefix) => return self.write_framed(inner, prefix, &[input]),
            }
        }
    }

    fn write_buf<I: Inner, B: Buf>(&mut self, inner: &mut I, buf: &mut B) -> io::Result<usize> {
        self.check_open()?;
        if !buf.has_remaining() {
            return Ok(0);
        }
        self.take_deferred()?;
        self.settle_flush(inner)?;
        let taken = {
            let mut slices: [&[u8]; MAX_CHUNKS] = [&[]; MAX_CHUNKS];
            let count = gather(buf, &mut slices);
            let chunks = &slices[..count];
            let gathered: usize = chunks.iter().map(|c| c.len()).sum();
            if gathered < buf.remaining() && self.encoder.takes_whole_writes() {
                return self.write_copied_unit(inner, buf);
            }
            loop {
                match self.encoder.route(gathered, &self.out)? {
                    Route::Encode => {
                        let n = self.encoder.encode_chunks(chunks, &mut self.out)?;
                        if n > 0 {
                            let n = n.min(gathered);
                            self.total_in += n as u64;
                            break n;
                        }
                        self.make_room(inner)?;
                    }
                    Route::Direct => {
                        self.drain(inner)?;
                        let n = send_chunks(inner, chunks)?;
                        self.total_out += n as u64;
                        let mut left = n;
                        for chunk in chunks {
                            let part = left.min(chunk.len());
                            self.encoder.bypassed(&chunk[..part]);
                            left -= part;
                            if left == 0 {
                                break;
                            }
                        }
                        self.total_in += n as u64;
                        break n;
                    }
                    Route::Framed(prefix) => break self.write_framed(inner, prefix, chunks)?,
                }
            }
        };
        buf.advance(taken);
        Ok(taken)
    }

    /// Takes a whole-write unit (a message frame) from a `Buf` that shows fewer slices than
    /// it holds (more than `MAX_CHUNKS`, or a `Buf` whose `bytes_vec` stops early). Its
    /// rest can only be read by advancing the caller's `Buf`, so the unit is read only once
    /// it is sure to be accepted: after the buffer has drained, it is copied in whole.
    fn write_copied_unit<I: Inner, B: Buf>(
        &mut self,
        inner: &mut I,
        buf: &mut B,
    ) -> io::Result<usize> {
        let len = buf.remaining();
        let route = self.encoder.route(len, &self.out)?;
        self.drain(inner)?;
        let mut unit = Vec::with_capacity(len);
        while buf.has_remaining() {
            let bytes = buf.bytes();
            let n = bytes.len();
            if n == 0 {
                break;
            }
            unit.extend_from_slice(bytes);
            buf.advance(n);
        }
        match route {
            Route::Framed(prefix) => {
                self.out.push_overflow(prefix.as_slice());
                self.out.push_overflow(&unit);
                self.encoder.bypassed(&unit);
                self.encoder.framed_accepted();
            }
            Route::Encode | Route::Direct => {
                // Routed to the buffer, the unit fits it once drained.
                if self.encoder.encode(&unit, &mut self.out)? != unit.len() {
                    return Err(io::Error::other(format!(
                        "{}: a unit routed to the buffer did not fit it (internal error)",
                        self.encoder.name()
                    )));
                }
            }
        }
        self.total_in += unit.len() as u64;
        Ok(unit.len())
    }

    /// Sends `prefix` + `payload` as one unit. Nothing is taken until the inner writer
    /// takes a first byte; from then on the whole payload is ours, and what the inner
    /// writer does not take now stays in the buffer.
    fn write_framed<I: Inner>(
        &mut self,
        inner: &mut I,
        prefix: Prefix,
        payload: &[&[u8]],
    ) -> io::Result<usize> {
        self.drain(inner)?;
        let mut unit: [&[u8]; MAX_CHUNKS + 1] = [&[]; MAX_CHUNKS + 1];
        unit[0] = prefix.as_slice();
        let parts = payload.len().min(MAX_CHUNKS);
        unit[1..=parts].copy_from_slice(&payload[..parts]);
        let unit = &unit[..=parts];
        let total: usize = unit.iter().map(|c| c.len()).sum();
        let mut taken = send_chunks(inner, unit)?;
        self.total_out += taken as u64;
        // Accepted: keep going while the inner writer takes bytes, then keep the rest.
        let mut rest: [&[u8]; MAX_CHUNKS + 1] = [&[]; MAX_CHUNKS + 1];
        while taken < total {
            let count = rest_of(unit, taken, &mut rest);
            match send_chunks(inner, &rest[..count]) {
                Ok(n) => {
                    taken += n;
                    self.total_out += n as u64;
                }
                // This write has already been accepted, so it must return Ok. WouldBlock
                // registered a wakeup and the next drain meets it again; any other error
                // is reported by the next call.
                Err(error) => {
                    if error.kind() != io::ErrorKind::WouldBlock {
                        self.deferred = Some(error);
                    }
                    break;
                }
            }
        }
        let count = rest_of(unit, taken, &mut rest);
        for part in &rest[..count] {
            self.out.push_overflow(part);
        }
        let mut payload_len = 0;
        for part in &unit[1..] {
            self.encoder.bypassed(part);
            payload_len += part.len();
        }
        self.encoder.framed_accepted();
        self.total_in += payload_len as u64;
        Ok(payload_len)
    }

    fn flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        self.take_deferred()?;
        match self.phase {
            Phase::Open => self.set_phase(Phase::Flushing {
                encoder_done: false,
            }),
            Phase::Flushing { .. } => {}
            Phase::Finishing | Phase::Draining => return self.drive(inner, Goal::Flush),
            Phase::Finished | Phase::ShuttingDown => return retry(|| inner.flush()),
            Phase::Done => return Ok(()),
        }
        if self.phase
            == (Phase::Flushing {
                encoder_done: false,
            })
        {
            self.run_encoder_flush(inner)?;
            self.set_phase(Phase::Flushing { encoder_done: true });
        }
        self.drain(inner)?;
        retry(|| inner.flush())?;
        self.set_phase(self.after_flush());
        Ok(())
    }

    /// Moves the stream towards `goal`, resuming wherever an earlier call stopped.
    fn drive<I: Inner>(&mut self, inner: &mut I, goal: Goal) -> io::Result<()> {
        if goal != Goal::Flush {
            self.finish_requested = true;
            if self.phase == Phase::Open {
                self.set_phase(Phase::Finishing);
            }
        }
        self.take_deferred()?;
        loop {
            match self.phase {
                Phase::Open | Phase::Flushing { .. } => {
                    self.settle_flush(inner)?;
                    self.set_phase(Phase::Finishing);
                }
                Phase::Finishing => {
                    if self.encoder.finish(&mut self.out)? {
                        self.set_phase(Phase::Draining);
                    } else {
                        self.make_room(inner)?;
                    }
                }
                Phase::Draining => {
                    self.drain(inner)?;
                    if goal == Goal::Shutdown {
                        self.set_phase(Phase::ShuttingDown);
                    } else {
                        retry(|| inner.flush())?;
                        self.set_phase(Phase::Finished);
                    }
                }
                Phase::Finished => match goal {
                    Goal::Shutdown => self.set_phase(Phase::ShuttingDown),
                    Goal::Flush | Goal::Finish => return Ok(()),
                },
                Phase::ShuttingDown => match goal {
                    Goal::Shutdown => {
                        retry(|| inner.shutdown())?;
                        self.set_phase(Phase::Done);
                    }
                    // The tail is drained; finishing also means the inner writer is
                    // flushed (rule 10), whatever a shutdown has done so far.
                    Goal::Flush | Goal::Finish => return retry(|| inner.flush()),
                },
                Phase::Done => return Ok(()),
            }
        }
    }
}

fn to_poll<T>(result: io::Result<T>) -> Poll<T, io::Error> {
    match result {
        Ok(value) => Ok(Async::Ready(value)),
        Err(error) if error.kind() == io::ErrorKind::WouldBlock => Ok(Async::NotReady),
        Err(error) => Err(error),
    }
}

impl<W: Write, E: Encode> Write for EncodeWriter<W, E> {
    /// # Errors
    ///
    /// `WouldBlock` (nothing taken) when the inner writer would block; the inner
    /// writer's errors as they are; an error naming the layer after finish or shutdown.
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.state.write(&mut BlockingInner(&mut self.inner), buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.state.flush(&mut BlockingInner(&mut self.inner))
    }
}

impl<W: AsyncWrite, E: Encode> AsyncWrite for EncodeWriter<W, E> {
    #[inline]
    fn poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        to_poll(self.state.write(&mut AsyncInner(&mut self.inner), buf))
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        to_poll(self.state.write_buf(&mut AsyncInner(&mut self.inner), buf))
    }

    fn poll_flush(&mut self) -> Poll<(), io::Error> {
        to_poll(self.state.flush(&mut AsyncInner(&mut self.inner)))
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        to_poll(
            self.state
                .drive(&mut AsyncInner(&mut self.inner), Goal::Shutdown),
        )
    }
}

impl<W: Write, E: Encode> Finish for EncodeWriter<W, E> {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        to_poll(
            self.state
                .drive(&mut BlockingInner(&mut self.inner), Goal::Finish),
        )
    }
}
