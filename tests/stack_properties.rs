//! Whole stacks in random orders (layers repeated), under random chunkings and hostile
//! inner schedules, decode back to the input with decoders we did not write, carry every
//! tail exactly once and reach the transport's shutdown exactly once.

use std::fmt;
use std::io::{self, Write};

use futures::{Async, Poll};
use partial_io::PartialOp;
use proptest::collection::vec;
use proptest::prelude::*;
use tokio_io::AsyncWrite;
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::Endian;
use writestack_test::reference::{gunzip_exact, strip_crc, unframe_chunked, unframe_messages};
use writestack_test::{contract, hostile_schedule, ops, payload, payload_kind, test_writer, Op};

/// One layer of a generated stack.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Buf { capacity: usize },
    Gzip { level: u32 },
    Crc,
    FrameMessage,
    FrameChunked { capacity: usize },
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (1usize..4096).prop_map(|capacity| Kind::Buf { capacity }),
        (0u32..10).prop_map(|level| Kind::Gzip { level }),
        Just(Kind::Crc),
        Just(Kind::FrameMessage),
        (16usize..2048).prop_map(|capacity| Kind::FrameChunked { capacity }),
    ]
}

/// Stacks of different orders have different types; the generic `write_buf` keeps
/// `AsyncWrite` from being object safe, so the stack talks through this instead.
trait ObjWrite {
    fn obj_poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error>;
    fn obj_poll_flush(&mut self) -> Poll<(), io::Error>;
    fn obj_shutdown(&mut self) -> Poll<(), io::Error>;
}

impl<W: AsyncWrite> ObjWrite for W {
    fn obj_poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        self.poll_write(buf)
    }

    fn obj_poll_flush(&mut self) -> Poll<(), io::Error> {
        self.poll_flush()
    }

    fn obj_shutdown(&mut self) -> Poll<(), io::Error> {
        self.shutdown()
    }
}

/// A boxed layer (and everything under it); `write_buf` uses the default, which goes
/// through `poll_write`.
struct Stack(Box<dyn ObjWrite>);

impl fmt::Debug for Stack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Stack")
    }
}

fn ready_or_would_block<T>(poll: Poll<T, io::Error>) -> io::Result<T> {
    match poll? {
        Async::Ready(value) => Ok(value),
        Async::NotReady => Err(io::ErrorKind::WouldBlock.into()),
    }
}

impl Write for Stack {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        ready_or_would_block(self.0.obj_poll_write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        ready_or_would_block(self.0.obj_poll_flush())
    }
}

impl AsyncWrite for Stack {
    fn poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        self.0.obj_poll_write(buf)
    }

    fn poll_flush(&mut self) -> Poll<(), io::Error> {
        self.0.obj_poll_flush()
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.0.obj_shutdown()
    }
}

/// Builds `kinds` (top first) over `bottom`.
fn build<W: AsyncWrite + 'static>(kinds: &[Kind], bottom: W) -> Stack {
    let mut stack = Stack(Box::new(bottom));
    for kind in kinds.iter().rev() {
        stack = match *kind {
            Kind::Buf { capacity } => Stack(Box::new(BufWriter::with_capacity(capacity, stack))),
            Kind::Gzip { level } => {
                Stack(Box::new(GzipWriter::new(stack, Compression::new(level))))
            }
            Kind::Crc => Stack(Box::new(Crc32Writer::with_trailer(stack, Endian::Big))),
            Kind::FrameMessage => Stack(Box::new(FrameWriter::new(stack))),
            Kind::FrameChunked { capacity } => Stack(Box::new(
                FrameWriter::builder()
                    .chunked()
                    .buffer_capacity(capacity)
                    .new_write(stack)
                    .expect("a valid chunked configuration"),
            )),
        };
    }
    stack
}

/// Undoes `kinds` (top first) from the bottom up, each with a decoder we did not write.
fn decode(kinds: &[Kind], wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = wire.to_vec();
    for kind in kinds.iter().rev() {
        bytes = match kind {
            Kind::Buf { .. } => bytes,
            Kind::Gzip { .. } => gunzip_exact(&bytes)?,
            Kind::Crc => strip_crc(&bytes)?,
            Kind::FrameMessage => unframe_messages(&bytes)?,
            Kind::FrameChunked { .. } => unframe_chunked(&bytes)?,
        };
    }
    Ok(bytes)
}

/// Runs `ops` then shutdown through the stack over a hostile transport; checks the
/// record and returns the wire.
fn run_stack(kinds: &[Kind], schedule: Vec<PartialOp>, ops: &[Op], data: &[u8]) -> Vec<u8> {
    let (transport, handle) = test_writer(schedule);
    let mut stack = build(kinds, transport);
    let mut errors = contract::apply(&mut stack, ops, data);
    errors.extend(contract::shutdown(&mut stack));
    assert!(
        errors.is_empty(),
        "a calm-or-retryable schedule gave errors: {errors:?}"
    );
    let record = handle.record();
    assert_eq!(
        record.shutdown_completions, 1,
        "transport shutdown completions"
    );
    assert_eq!(
        record.after_shutdown, 0,
        "calls after the transport shut down"
    );
    record.data
}

fn total_len(ops: &[Op]) -> usize {
    ops.iter().map(Op::len).sum()
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn any_stack_order_round_trips_under_hostile_transports(
        kinds in vec(kind(), 1..6),
        ops in ops(),
        schedule in hostile_schedule(),
        kind in payload_kind(),
        seed in any::<u64>(),
    ) {
        let data = payload(kind, seed, total_len(&ops));
        let wire = run_stack(&kinds, schedule, &ops, &data);
        match decode(&kinds, &wire) {
            Ok(decoded) => prop_assert!(
                decoded == data,
                "{kinds:?}: decoded {} bytes, expected {} (first difference at {:?})",
                decoded.len(),
                data.len(),
                decoded.iter().zip(&data).position(|(a, b)| a != b)
            ),
            Err(why) => prop_assert!(false, "{kinds:?}: the wire does not decode: {why}"),
        }
    }

    #[test]
    fn stack_with_every_layer_decodes_the_same_under_any_schedule(
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        ops in ops(),
        first in hostile_schedule(),
        second in hostile_schedule(),
        seed in any::<u64>(),
    ) {
        let all = [
            Kind::Buf { capacity: 300 },
            Kind::Gzip { level: 6 },
            Kind::Crc,
            Kind::FrameChunked { capacity: 200 },
        ];
        let kinds: Vec<Kind> = order.iter().map(|&i| all[i]).collect();
        let data = payload(writestack_test::PayloadKind::Text, seed, total_len(&ops));
        let one = decode(&kinds, &run_stack(&kinds, first, &ops, &data));
        let two = decode(&kinds, &run_stack(&kinds, second, &ops, &data));
        prop_assert_eq!(one.as_ref(), Ok(&data), "{:?} under the first schedule", kinds);
        prop_assert_eq!(two.as_ref(), Ok(&data), "{:?} under the second schedule", kinds);
    }
}

#[test]
fn a_tail_appended_twice_is_caught_by_the_decoders() {
    // The decoders must reject what a layer finishing twice would produce, or the
    // properties above could not see it.
    let kinds = [Kind::Crc, Kind::Gzip { level: 6 }];
    let data = b"once only".to_vec();
    let ops = [Op::Write(data.len())];
    let mut wire = run_stack(&kinds, Vec::new(), &ops, &data);
    assert_eq!(decode(&kinds, &wire).unwrap(), data);
    let trailer = wire[wire.len() - 8..].to_vec();
    wire.extend_from_slice(&trailer);
    assert!(
        decode(&kinds, &wire).is_err(),
        "a doubled gzip trailer decoded"
    );

    let chunked = [Kind::FrameChunked { capacity: 64 }];
    let mut wire = run_stack(&chunked, Vec::new(), &ops, &data);
    assert_eq!(decode(&chunked, &wire).unwrap(), data);
    wire.extend_from_slice(&[0, 0, 0, 0]);
    assert!(
        decode(&chunked, &wire).is_err(),
        "a doubled end marker decoded"
    );
}
