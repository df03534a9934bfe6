//! Stacks of writers in any order, as the property tests generate them: the layer kinds,
//! a boxed stack over any tokio-io 0.1 writer, and one run of a stack over a hostile
//! transport. Shared by `stack_properties.rs` (decoded with decoders we did not write)
//! and `read_stack_properties.rs` (read back through our readers).

#![allow(dead_code, unreachable_pub)]

use std::fmt;
use std::io::{self, Write};

use futures::{Async, Poll};
use partial_io::PartialOp;
use proptest::prelude::*;
use tokio_io::AsyncWrite;
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::Endian;
use writestack_test::{contract, test_writer, Op};

/// One layer of a generated stack.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Buf { capacity: usize },
    Gzip { level: u32 },
    Crc,
    FrameMessage,
    FrameChunked { capacity: usize },
}

pub fn kind() -> impl Strategy<Value = Kind> {
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
pub trait ObjWrite {
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
pub struct Stack(Box<dyn ObjWrite>);

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
pub fn build<W: AsyncWrite + 'static>(kinds: &[Kind], bottom: W) -> Stack {
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

/// Runs `ops` then shutdown through the stack over a hostile transport; checks the
/// record and returns the wire.
pub fn run_stack(kinds: &[Kind], schedule: Vec<PartialOp>, ops: &[Op], data: &[u8]) -> Vec<u8> {
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

pub fn total_len(ops: &[Op]) -> usize {
    ops.iter().map(Op::len).sum()
}
