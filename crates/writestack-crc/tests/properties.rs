//! Property tests: however the payload is cut into writes and however the inner writer
//! takes it (short writes, `WouldBlock`, `Interrupted`, hard errors, `Ok(0)`), the bytes
//! passed through and the trailer stay the same, and the CRC only ever covers what the
//! inner writer took.
//!
//! Expected values come from crc32fast's one-shot `hash` over the payload, never from
//! the layer.

use std::io;

use bytes::{Buf, Bytes};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use writestack_core::Endian;
use writestack_crc::Crc32Writer;
use writestack_test::contract::{apply, shutdown};
use writestack_test::{
    config, drive_poll, failing_schedule, hostile_schedule, ops, payload, payload_kind,
    test_writer, Op, TestWriter,
};

fn endian_choice() -> impl Strategy<Value = Option<Endian>> {
    prop_oneof![
        Just(None),
        Just(Some(Endian::Big)),
        Just(Some(Endian::Little))
    ]
}

fn build(inner: TestWriter, trailer: Option<Endian>) -> Crc32Writer<TestWriter> {
    match trailer {
        Some(endian) => Crc32Writer::with_trailer(inner, endian),
        None => Crc32Writer::new(inner),
    }
}

/// The wire a correct layer produces: the payload, then its CRC in the chosen order.
fn expected_wire(data: &[u8], trailer: Option<Endian>) -> Vec<u8> {
    let crc = crc32fast::hash(data);
    let mut wire = data.to_vec();
    match trailer {
        Some(Endian::Big) => wire.extend_from_slice(&crc.to_be_bytes()),
        Some(Endian::Little) => wire.extend_from_slice(&crc.to_le_bytes()),
        None => {}
    }
    wire
}

fn run_property<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    if let Err(failure) = TestRunner::new(config()).run(&strategy, test) {
        panic!("{failure}");
    }
}

#[test]
fn random_chunking_and_hostile_schedules_never_change_the_wire_or_the_trailer() {
    let strategy = (
        ops(),
        payload_kind(),
        any::<u64>(),
        hostile_schedule(),
        endian_choice(),
    );
    run_property(strategy, |(ops, kind, seed, schedule, trailer)| {
        let len: usize = ops.iter().map(Op::len).sum();
        let data = payload(kind, seed, len);
        let (inner, handle) = test_writer(schedule);
        let mut writer = build(inner, trailer);
        let mut errors = apply(&mut writer, &ops, &data);
        errors.extend(shutdown(&mut writer));
        prop_assert!(
            errors.is_empty(),
            "errors without hard failures: {:?}",
            errors
        );
        prop_assert!(
            handle.data() == expected_wire(&data, trailer),
            "wire differs"
        );
        prop_assert_eq!(writer.crc(), crc32fast::hash(&data));
        prop_assert_eq!(writer.total_in(), data.len() as u64);
        prop_assert_eq!(writer.total_out(), handle.data().len() as u64);
        Ok(())
    });
}

/// One write call, by `write` or `write_buf` (slices of `sizes`), of `data`.
fn one_call(
    writer: &mut Crc32Writer<TestWriter>,
    data: &[u8],
    sizes: &[usize],
) -> io::Result<usize> {
    use tokio_io::AsyncWrite;
    if sizes.len() < 2 {
        return drive_poll(|| writer.poll_write(data)).result;
    }
    let mut buf: Box<dyn Buf> = Box::new(io::Cursor::new(Bytes::new()));
    let mut cuts = Vec::new();
    let mut pos = 0;
    for size in sizes {
        let end = (pos + size).min(data.len());
        cuts.push(Bytes::from(&data[pos..end]));
        pos = end;
    }
    cuts.push(Bytes::from(&data[pos..]));
    for piece in cuts.into_iter().rev() {
        buf = Box::new(io::Cursor::new(piece).chain(buf));
    }
    let before = buf.remaining();
    let result = drive_poll(|| writer.write_buf(&mut buf)).result;
    if let Ok(n) = result {
        assert_eq!(
            before - buf.remaining(),
            n,
            "write_buf advanced by a different count"
        );
    }
    result
}

#[test]
fn after_every_call_the_crc_covers_exactly_what_the_inner_writer_took() {
    let strategy = (
        proptest::collection::vec(
            (1usize..2000, proptest::collection::vec(1usize..700, 0..4)),
            1..20,
        ),
        any::<u64>(),
        failing_schedule(),
    );
    run_property(strategy, |(calls, seed, schedule)| {
        let len: usize = calls.iter().map(|(n, _)| n).sum();
        let data = payload(writestack_test::PayloadKind::Random, seed, len);
        let (inner, handle) = test_writer(schedule);
        let mut writer = build(inner, Some(Endian::Big));
        let mut pos = 0;
        let mut failures = 0;
        for (n, sizes) in &calls {
            let end = pos + n;
            while pos < end {
                match one_call(&mut writer, &data[pos..end], sizes) {
                    Ok(taken) => {
                        prop_assert!(taken > 0 && taken <= end - pos);
                        pos += taken;
                    }
                    Err(error) => {
                        prop_assert_ne!(error.kind(), io::ErrorKind::WouldBlock);
                        failures += 1;
                        prop_assert!(failures < 10_000, "never recovered");
                    }
                }
                // Whatever happened, the CRC is the hash of the accepted prefix, and the
                // accepted prefix is exactly what the inner writer holds.
                prop_assert_eq!(writer.crc(), crc32fast::hash(&data[..pos]));
                prop_assert!(
                    handle.data() == data[..pos],
                    "pass-through lost or repeated bytes"
                );
                prop_assert_eq!(writer.total_in(), pos as u64);
            }
        }
        let _ = shutdown(&mut writer);
        prop_assert!(handle.data() == expected_wire(&data, Some(Endian::Big)));
        Ok(())
    });
}
