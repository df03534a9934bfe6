//! proptest strategies: payloads, write schedules and inner-writer behaviour.

use std::io::ErrorKind;

use partial_io::PartialOp;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Environment variable that sets the number of cases per property (default 24).
pub const CASES_ENV: &str = "WRITESTACK_PROPTEST_CASES";

/// The proptest configuration the kit uses: [`CASES_ENV`] cases (24 when unset), no
/// failure persistence files.
///
/// # Examples
///
/// ```
/// let config = writestack_test::config();
/// assert!(config.cases >= 1);
/// ```
pub fn config() -> Config {
    let cases = std::env::var(CASES_ENV)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(24);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// One step a test performs on a layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `poll_write` of the next `n` payload bytes (until all are taken).
    Write(usize),
    /// `write_buf` of the next bytes, presented as slices of these sizes (a bytes 0.4
    /// `Chain` of them, whose `bytes_vec` reports every slice).
    WriteBuf(Vec<usize>),
    /// `write_buf` of the next bytes as a bytes 0.4 `Take<Chain<..>>` over slices of these
    /// sizes: a `Buf` whose `bytes_vec` reports one slice while it holds them all.
    WriteTake(Vec<usize>),
    /// `poll_flush`.
    Flush,
}

impl Op {
    /// Payload bytes this step consumes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_test::Op;
    ///
    /// assert_eq!(Op::WriteBuf(vec![2, 3]).len(), 5);
    /// assert_eq!(Op::Flush.len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Op::Write(n) => *n,
            Op::WriteBuf(sizes) | Op::WriteTake(sizes) => sizes.iter().sum(),
            Op::Flush => 0,
        }
    }

    /// Whether this step consumes no payload.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(writestack_test::Op::Flush.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A sequence of writes, vectored writes and flushes.
pub fn ops() -> impl Strategy<Value = Vec<Op>> {
    vec(
        prop_oneof![
            8 => (1usize..3000).prop_map(Op::Write),
            2 => vec(1usize..1500, 1..5).prop_map(Op::WriteBuf),
            2 => Just(Op::Flush),
        ],
        0..24,
    )
}

/// The contract suite's sequences: those of [`ops`], plus `write_buf`s of many small
/// slices (up to 70, past the 64 slices a layer gathers at once, some always past it) and
/// `write_buf`s of `Take<Chain<..>>` `Buf`s that show fewer slices than they hold.
pub fn gather_ops() -> impl Strategy<Value = Vec<Op>> {
    vec(
        prop_oneof![
            8 => (1usize..3000).prop_map(Op::Write),
            2 => vec(1usize..1500, 1..5).prop_map(Op::WriteBuf),
            2 => vec(1usize..100, 1..=70).prop_map(Op::WriteBuf),
            1 => vec(1usize..40, 62..=70).prop_map(Op::WriteBuf),
            2 => vec(1usize..600, 2..8).prop_map(Op::WriteTake),
            2 => Just(Op::Flush),
        ],
        0..24,
    )
}

/// What the payload looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadKind {
    /// Uniform random bytes (incompressible).
    Random,
    /// English-like text (compressible).
    Text,
}

/// Either payload kind.
pub fn payload_kind() -> impl Strategy<Value = PayloadKind> {
    prop_oneof![Just(PayloadKind::Random), Just(PayloadKind::Text)]
}

/// Deterministic payload bytes of `len`, made from `seed`.
///
/// # Examples
///
/// ```
/// use writestack_test::{payload, PayloadKind};
///
/// let text = payload(PayloadKind::Text, 7, 100);
/// assert_eq!(text.len(), 100);
/// assert_eq!(text, payload(PayloadKind::Text, 7, 100));
/// ```
pub fn payload(kind: PayloadKind, seed: u64, len: usize) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "the", "stream", "writer", "layer", "frame", "shutdown", "tail", "of", "and", "a",
        "checksum", "socket", "flush", "gzip", "buffer", "to", "is", "async", "bytes", "in",
    ];
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = Vec::with_capacity(len + 16);
    match kind {
        PayloadKind::Random => {
            while out.len() < len {
                out.extend_from_slice(&next().to_le_bytes());
            }
        }
        PayloadKind::Text => {
            while out.len() < len {
                let at = usize::try_from(next() % WORDS.len() as u64).expect("below WORDS.len()");
                let word = WORDS[at];
                out.extend_from_slice(word.as_bytes());
                out.push(if next() % 11 == 0 { b'\n' } else { b' ' });
            }
        }
    }
    out.truncate(len);
    out
}

/// One answer of a hostile inner writer: a short take, everything, `WouldBlock` or
/// `Interrupted`, weighted 4 : 2 : 3 : 2 (the weights sum to 11).
pub(crate) fn hostile_op(longest: usize) -> BoxedStrategy<PartialOp> {
    prop_oneof![
        4 => (1usize..longest).prop_map(PartialOp::Limited),
        2 => Just(PartialOp::Unlimited),
        3 => Just(PartialOp::Err(ErrorKind::WouldBlock)),
        2 => Just(PartialOp::Err(ErrorKind::Interrupted)),
    ]
    .boxed()
}

/// [`hostile_op`] plus the answers a failing writer adds: a hard error
/// (`ConnectionReset`) and `Ok(0)`, weight 1 each against the hostile answers' 11.
fn failing_op(longest: usize) -> BoxedStrategy<PartialOp> {
    prop_oneof![
        11 => hostile_op(longest),
        1 => Just(PartialOp::Err(ErrorKind::ConnectionReset)),
        1 => Just(PartialOp::Limited(0)),
    ]
    .boxed()
}

/// An inner-writer schedule of short writes, `WouldBlock` and `Interrupted`, after which
/// the writer is calm.
pub fn hostile_schedule() -> impl Strategy<Value = Vec<PartialOp>> {
    vec(hostile_op(64), 0..200)
}

/// Like [`hostile_schedule`], plus hard errors (`ConnectionReset`) and `Ok(0)` answers.
pub fn failing_schedule() -> impl Strategy<Value = Vec<PartialOp>> {
    vec(failing_op(64), 0..200)
}

/// The answers of a vectored inner writer's `write_buf` (see
/// [`TestWriter`](crate::TestWriter)): short takes across slices, `WouldBlock`,
/// `Interrupted`, and with `hard_errors` also `ConnectionReset` and `Ok(0)`; `None` (one
/// case in four) stands for a plain inner writer, whose `write_buf` writes one slice.
pub fn vectored_schedule(hard_errors: bool) -> BoxedStrategy<Option<Vec<PartialOp>>> {
    let answers = if hard_errors {
        failing_op(300)
    } else {
        hostile_op(300)
    };
    proptest::option::weighted(0.75, vec(answers, 0..200)).boxed()
}
