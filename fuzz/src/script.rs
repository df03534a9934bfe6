//! What one fuzz input asks for, besides the layers: the data, the inner writer's
//! answers and the operations.

use arbitrary::Arbitrary;

use crate::data::{Pattern, Shape};
use crate::hostile::Answer;

/// Operations run per input, at most (the rest are ignored, to bound the run time).
pub const MAX_OPS: usize = 64;

/// Slices of one `write_buf`, at most: beyond the 64 a layer gathers at once.
pub const MAX_SLICES: usize = 70;

/// The length of one write.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum Len {
    /// 0 to 255 bytes.
    Small(u8),
    /// 0 to 9 000 bytes: past the 8 KiB default capacity, so large writes take the
    /// paths that skip the buffer.
    Large(u16),
}

impl Len {
    /// In bytes.
    pub fn bytes(self) -> usize {
        match self {
            Len::Small(n) => usize::from(n),
            Len::Large(n) => usize::from(n) % 9001,
        }
    }
}

/// One operation on the outermost layer.
#[derive(Arbitrary, Clone, Debug)]
pub enum Op {
    /// `poll_write` of that many bytes.
    Write(Len),
    /// `poll_write` of that many bytes, `1 + n % 64` times: megabytes from a few input
    /// bytes (a deflate codec closes blocks on its own only past tens of kilobytes).
    Repeat(Len, u8),
    /// `write_buf` of 1 to 70 slices of these lengths, as a `Buf` of this shape.
    WriteBuf(Vec<u8>, Shape),
    /// `poll_flush`.
    Flush,
    /// `Finish::poll_finish`.
    Finish,
    /// `AsyncWrite::shutdown`.
    Shutdown,
    /// The inner writer gives these answers next.
    Answers(Vec<Answer>),
    /// The next operation is abandoned after `1 + n % 4` `NotReady` answers, as by a
    /// caller that stops waiting (a timeout, a `select`) and does something else.
    Impatient(u8),
}

/// How the stream is ended after the operations, on an inner writer that recovers.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum End {
    /// `poll_finish` until it completes.
    Finish,
    /// `shutdown` until it completes.
    Shutdown,
    /// Both, in that order.
    FinishThenShutdown,
}

/// Everything of one input except the layers. `ops` comes last so that it takes the
/// rest of the input.
#[derive(Arbitrary, Clone, Debug)]
pub struct Script {
    /// The bytes written.
    pub pattern: Pattern,
    /// The inner writer's first answers.
    pub answers: Vec<Answer>,
    /// Once the answers are used up, the inner writer takes at most this many bytes per
    /// call (0: everything).
    pub calm: u8,
    /// How the stream ends.
    pub end: End,
    /// The operations.
    pub ops: Vec<Op>,
}
