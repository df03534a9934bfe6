//! Whole stacks in random orders, written under hostile transports, read back through
//! our readers under hostile inner readers: the payload comes out whole, and once the top
//! reader ends, every reader below it reaches its own end (trailers checked, end markers
//! seen) with nothing left over. The writers' side of the same stacks is checked with
//! decoders we did not write in `stack_properties.rs`.

mod stacks;

use std::io::{self, ErrorKind, Read};

use futures::Future;
use partial_io::PartialOp;
use proptest::collection::vec;
use proptest::prelude::*;
use stacks::{kind, run_stack, total_len, Kind};
use writestack::crc::Crc32Reader;
use writestack::flate::GzipReader;
use writestack::frame::{Builder, FrameReader};
use writestack::Endian;
use writestack_test::{hostile_schedule, ops, payload, payload_kind, read_schedule, TestReader};

/// A reader of the stack, with a way down to the reader below it (none for the
/// transport), so the test can read every layer to its own end.
trait LayerRead: Read {
    fn below(&mut self) -> Option<&mut ReadStack>;
}

/// A boxed reader and everything under it.
struct ReadStack(Box<dyn LayerRead>);

impl Read for ReadStack {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl LayerRead for TestReader {
    fn below(&mut self) -> Option<&mut ReadStack> {
        None
    }
}

macro_rules! layer_read {
    ($($reader:ident),*) => {$(
        impl LayerRead for $reader<ReadStack> {
            fn below(&mut self) -> Option<&mut ReadStack> {
                Some(self.get_mut())
            }
        }
    )*};
}

layer_read!(GzipReader, Crc32Reader, FrameReader);

/// The readers that undo `kinds` (top first), built from the transport up.
fn unstack(kinds: &[Kind], transport: TestReader) -> ReadStack {
    let mut stack = ReadStack(Box::new(transport));
    for kind in kinds.iter().rev() {
        stack = match *kind {
            // A buffer changes no byte: nothing to undo.
            Kind::Buf { .. } => stack,
            Kind::Gzip { .. } => ReadStack(Box::new(GzipReader::new(stack))),
            Kind::Crc => ReadStack(Box::new(Crc32Reader::with_trailer(stack, Endian::Big))),
            Kind::FrameMessage => ReadStack(Box::new(FrameReader::new(stack))),
            Kind::FrameChunked { .. } => ReadStack(Box::new(
                Builder::new()
                    .chunked()
                    .new_read(stack)
                    .expect("a valid chunked configuration"),
            )),
        };
    }
    stack
}

/// Reads `reader` to its end in reads of the `sizes` (cycled), retrying `WouldBlock`
/// (the transport's "not ready"). `Interrupted` must never come out of our readers (rule
/// R5); the transport itself (a stack of buffers only) is retried as std readers are.
fn read_to_end(reader: &mut ReadStack, sizes: &[usize]) -> io::Result<Vec<u8>> {
    let transport = reader.0.below().is_none();
    let mut out = Vec::new();
    let mut buf = vec![0; sizes.iter().copied().max().unwrap_or(1).max(1)];
    for &size in sizes.iter().cycle() {
        let size = size.max(1);
        match reader.read(&mut buf[..size]) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted && transport => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("cycle never ends")
}

/// Reads the whole stack: the top to its end, then each reader below it to its own. Runs
/// as a futures 0.1 task: the transport's "not ready" registers a wakeup with it.
fn read_stack(stack: ReadStack, sizes: &[usize]) -> Result<Vec<u8>, String> {
    futures::future::lazy(|| Ok::<_, ()>(read_layers(stack, sizes)))
        .wait()
        .unwrap_or_else(|()| Err("the task failed".to_owned()))
}

fn read_layers(mut stack: ReadStack, sizes: &[usize]) -> Result<Vec<u8>, String> {
    let payload = read_to_end(&mut stack, sizes).map_err(|e| format!("top reader: {e}"))?;
    let mut depth = 1;
    let mut layer = stack.0.below();
    while let Some(below) = layer {
        let extra = read_to_end(below, sizes).map_err(|e| format!("layer {depth}: {e}"))?;
        if !extra.is_empty() {
            return Err(format!(
                "layer {depth}: {} bytes after the layer above ended",
                extra.len()
            ));
        }
        depth += 1;
        layer = below.0.below();
    }
    Ok(payload)
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn any_stack_reads_back_through_our_readers_under_hostile_schedules(
        kinds in vec(kind(), 1..6),
        ops in ops(),
        write_schedule in hostile_schedule(),
        read_schedule in read_schedule(false),
        sizes in vec(1usize..3000, 1..8),
        kind in payload_kind(),
        seed in any::<u64>(),
    ) {
        let data = payload(kind, seed, total_len(&ops));
        let wire = run_stack(&kinds, write_schedule, &ops, &data);
        let (transport, _handle) = TestReader::new(&wire, read_schedule);
        match read_stack(unstack(&kinds, transport), &sizes) {
            Ok(read) => prop_assert!(
                read == data,
                "{kinds:?}: read {} bytes, expected {} (first difference at {:?})",
                read.len(),
                data.len(),
                read.iter().zip(&data).position(|(a, b)| a != b)
            ),
            Err(why) => prop_assert!(false, "{kinds:?}: {why}"),
        }
    }
}

#[test]
fn a_stack_cut_anywhere_is_an_error_not_a_short_payload() {
    let kinds = [
        Kind::FrameMessage,
        Kind::Crc,
        Kind::Gzip { level: 6 },
        Kind::Buf { capacity: 64 },
    ];
    let data = b"the receiving side undoes every layer".repeat(20);
    let ops = [writestack_test::Op::Write(data.len())];
    let wire = run_stack(&kinds, Vec::new(), &ops, &data);
    let full = read_stack(unstack(&kinds, TestReader::calm(&wire).0), &[4096]);
    assert_eq!(full.as_deref(), Ok(&data[..]));
    for cut in 0..wire.len() {
        let (transport, _) = TestReader::new(&wire[..cut], [PartialOp::Unlimited]);
        let read = read_stack(unstack(&kinds, transport), &[7]);
        assert!(
            read.is_err(),
            "cut at {cut} of {} read as {:?} bytes",
            wire.len(),
            read.map(|r| r.len())
        );
    }
}
