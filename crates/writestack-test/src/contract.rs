//! The contract suite: every numbered rule of CONTRACT.md that applies to a layer, as
//! functions a layer crate runs on itself through [`contract_tests!`](crate::contract_tests).

use std::io::{self, ErrorKind};

use bytes::{Buf, Bytes};
use futures::Async;
use partial_io::PartialOp;
use proptest::test_runner::TestRunner;
use tokio_io::AsyncWrite;
use writestack_core::Finish;

use crate::driver::{drive_poll, poll_once};
use crate::recorder::{test_writer, RecordHandle, TestWriter};
use crate::strategy::{
    config, failing_schedule, hostile_schedule, ops, payload, payload_kind, Op, PayloadKind,
};

/// What the suite needs to know about a layer.
pub trait LayerSpec {
    /// The layer type, over the kit's [`TestWriter`].
    type Layer: AsyncWrite + Finish;

    /// The name the layer uses in its error messages (`"GzipWriter"`).
    fn name(&self) -> &'static str;

    /// A fresh layer over `inner`.
    fn build(&self, inner: TestWriter) -> Self::Layer;

    /// Decodes a complete stream (tail included) with a decoder this workspace did not
    /// write where one exists, checking the tail; returns the payload.
    ///
    /// # Errors
    ///
    /// A description of what is wrong with the stream.
    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String>;

    /// Decodes a stream that was flushed but not finished (no tail); returns the payload
    /// so far.
    ///
    /// # Errors
    ///
    /// A description of what is wrong with the stream.
    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String>;

    /// Bytes accepted so far.
    fn total_in(&self, layer: &Self::Layer) -> u64;

    /// Bytes handed to the inner writer so far.
    fn total_out(&self, layer: &Self::Layer) -> u64;

    /// Takes the inner writer back.
    fn take_inner(&self, layer: Self::Layer) -> TestWriter;

    /// Most payload bytes of random data the layer may accept while its inner writer
    /// takes nothing (its capacity, plus what its codec keeps internally).
    fn max_accepted_while_blocked(&self) -> usize;

    /// Whether the wire bytes depend only on the calls made, not on how the inner writer
    /// took them. Layers that cut frames when their buffer fills answer `false`; the
    /// suite then compares decoded payloads instead of wire bytes.
    fn wire_is_deterministic(&self) -> bool {
        true
    }
}

/// Bounds retries after hard errors, so a layer that never recovers fails instead of
/// hanging.
const MAX_ERRORS: usize = 10_000;

fn check_error(error: &io::Error, errors: &mut usize) {
    assert_ne!(
        error.kind(),
        ErrorKind::WouldBlock,
        "Err(WouldBlock) escaped a poll method: {error}"
    );
    assert_ne!(
        error.kind(),
        ErrorKind::Interrupted,
        "Interrupted reached the caller: {error}"
    );
    *errors += 1;
    assert!(*errors < MAX_ERRORS, "the layer never recovered: {error}");
}

/// Writes all of `data` with `poll_write`, retrying after errors. Returns the errors seen.
pub fn write_all<L: AsyncWrite>(layer: &mut L, data: &[u8]) -> Vec<io::Error> {
    let mut seen = Vec::new();
    let mut errors = 0;
    let mut pos = 0;
    while pos < data.len() {
        match drive_poll(|| layer.poll_write(&data[pos..])).result {
            Ok(0) => panic!("poll_write returned Ok(0) for a non-empty write"),
            Ok(n) => {
                assert!(
                    n <= data.len() - pos,
                    "poll_write claimed more than offered"
                );
                pos += n;
            }
            Err(error) => {
                check_error(&error, &mut errors);
                seen.push(error);
            }
        }
    }
    seen
}

/// Writes all of `data` with `write_buf`, as slices of the given sizes, retrying after
/// errors. Returns the errors seen.
pub fn write_buf_all<L: AsyncWrite>(layer: &mut L, data: &[u8], sizes: &[usize]) -> Vec<io::Error> {
    let mut seen = Vec::new();
    let mut errors = 0;
    let mut pieces: Vec<Bytes> = Vec::new();
    let mut pos = 0;
    for size in sizes {
        let end = (pos + size).min(data.len());
        pieces.push(Bytes::from(&data[pos..end]));
        pos = end;
    }
    if pos < data.len() {
        pieces.push(Bytes::from(&data[pos..]));
    }
    let mut buf: Box<dyn Buf> = Box::new(io::Cursor::new(Bytes::new()));
    for piece in pieces.into_iter().rev() {
        buf = Box::new(io::Cursor::new(piece).chain(buf));
    }
    while buf.has_remaining() {
        let before = buf.remaining();
        match drive_poll(|| layer.write_buf(&mut buf)).result {
            Ok(0) => panic!("write_buf returned Ok(0) with bytes remaining"),
            Ok(n) => assert_eq!(before - buf.remaining(), n, "write_buf advanced wrongly"),
            Err(error) => {
                assert_eq!(before, buf.remaining(), "an erroring write_buf advanced");
                check_error(&error, &mut errors);
                seen.push(error);
            }
        }
    }
    seen
}

/// Flushes, retrying after errors. Returns the errors seen.
pub fn flush<L: AsyncWrite>(layer: &mut L) -> Vec<io::Error> {
    retry_op(|| layer.poll_flush())
}

/// Finishes, retrying after errors. Returns the errors seen.
pub fn finish<L: Finish>(layer: &mut L) -> Vec<io::Error> {
    retry_op(|| layer.poll_finish())
}

/// Shuts down, retrying after errors. Returns the errors seen.
pub fn shutdown<L: AsyncWrite>(layer: &mut L) -> Vec<io::Error> {
    retry_op(|| layer.shutdown())
}

fn retry_op(mut op: impl FnMut() -> futures::Poll<(), io::Error>) -> Vec<io::Error> {
    let mut seen = Vec::new();
    let mut errors = 0;
    loop {
        match drive_poll(&mut op).result {
            Ok(()) => return seen,
            Err(error) => {
                check_error(&error, &mut errors);
                seen.push(error);
            }
        }
    }
}

/// Applies `ops` to `layer`, taking payload bytes from `data` in order.
pub fn apply<L: AsyncWrite>(layer: &mut L, ops: &[Op], data: &[u8]) -> Vec<io::Error> {
    let mut seen = Vec::new();
    let mut pos = 0;
    for op in ops {
        let end = pos + op.len();
        match op {
            Op::Write(_) => seen.extend(write_all(layer, &data[pos..end])),
            Op::WriteBuf(sizes) => seen.extend(write_buf_all(layer, &data[pos..end], sizes)),
            Op::Flush => seen.extend(flush(layer)),
        }
        pos = end;
    }
    seen
}

fn total_len(ops: &[Op]) -> usize {
    ops.iter().map(Op::len).sum()
}

fn check_decoded<S: LayerSpec>(spec: &S, wire: &[u8], expected: &[u8]) {
    match spec.decode(wire) {
        Ok(decoded) => assert!(
            decoded == expected,
            "{}: decoded {} bytes, expected {} (first difference at {:?})",
            spec.name(),
            decoded.len(),
            expected.len(),
            decoded.iter().zip(expected).position(|(a, b)| a != b)
        ),
        Err(why) => panic!("{}: the stream does not decode: {why}", spec.name()),
    }
}

/// Runs ops then shutdown over `schedule`; returns the layer and its record handle.
fn run<S: LayerSpec>(
    spec: &S,
    schedule: Vec<PartialOp>,
    ops: &[Op],
    data: &[u8],
) -> (S::Layer, RecordHandle, Vec<io::Error>) {
    let (inner, handle) = test_writer(schedule);
    let mut layer = spec.build(inner);
    let mut errors = apply(&mut layer, ops, data);
    errors.extend(shutdown(&mut layer));
    (layer, handle, errors)
}

/// Rules 1, 2, 3, 11, 15: any mix of writes, vectored writes and flushes, under inner
/// writers that take a few bytes, block, get interrupted or fail, decodes to the input;
/// the tail is there once and the inner shutdown completes exactly once.
pub fn round_trip_survives_hostile_schedules<S: LayerSpec>(spec: &S) {
    let strategy = (ops(), payload_kind(), 0u64..u64::MAX, failing_schedule());
    let result = TestRunner::new(config()).run(&strategy, |(ops, kind, seed, schedule)| {
        let data = payload(kind, seed, total_len(&ops));
        let (layer, handle, _) = run(spec, schedule, &ops, &data);
        let record = handle.record();
        assert_eq!(
            record.shutdown_completions, 1,
            "inner shutdown not completed once"
        );
        assert_eq!(
            record.after_shutdown, 0,
            "the inner writer was used after shutdown"
        );
        check_decoded(spec, &record.data, &data);
        assert_eq!(spec.total_in(&layer), data.len() as u64, "total_in");
        assert_eq!(
            spec.total_out(&layer),
            record.data.len() as u64,
            "total_out"
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{}: {failure}", spec.name());
    }
}

/// Rules 3, 9, 11: the wire does not depend on how the inner writer took it: no byte is
/// resent, no retried flush adds a sync block, no retried shutdown adds a tail.
pub fn wire_does_not_depend_on_the_schedule<S: LayerSpec>(spec: &S) {
    let strategy = (ops(), payload_kind(), 0u64..u64::MAX, hostile_schedule());
    let result = TestRunner::new(config()).run(&strategy, |(ops, kind, seed, schedule)| {
        let data = payload(kind, seed, total_len(&ops));
        let (_, calm, _) = run(spec, Vec::new(), &ops, &data);
        let (_, hostile, errors) = run(spec, schedule, &ops, &data);
        assert!(
            errors.is_empty(),
            "errors under a schedule without hard errors: {errors:?}"
        );
        if spec.wire_is_deterministic() {
            assert!(
                calm.data() == hostile.data(),
                "{}: the wire differs between a calm and a hostile inner writer ({} vs {} bytes)",
                spec.name(),
                calm.data().len(),
                hostile.data().len()
            );
        } else {
            check_decoded(spec, &hostile.data(), &data);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{}: {failure}", spec.name());
    }
}

/// Rule 8: after `poll_flush` returns `Ready`, everything accepted decodes from what the
/// inner writer holds, before the stream ends, and the inner writer was flushed.
pub fn flushed_prefix_decodes_before_the_end<S: LayerSpec>(spec: &S) {
    let strategy = (ops(), payload_kind(), 0u64..u64::MAX, hostile_schedule());
    let result = TestRunner::new(config()).run(&strategy, |(ops, kind, seed, schedule)| {
        let data = payload(kind, seed, total_len(&ops));
        let (inner, handle) = test_writer(schedule);
        let mut layer = spec.build(inner);
        apply(&mut layer, &ops, &data);
        let flushes_before = handle.record().flushes;
        assert!(flush(&mut layer).is_empty());
        let record = handle.record();
        assert!(
            record.flushes > flushes_before,
            "the inner writer was not flushed"
        );
        assert_eq!(record.shutdown_calls, 0, "flush shut the inner writer down");
        match spec.decode_flushed(&record.data) {
            Ok(decoded) => assert!(
                decoded == data,
                "{}: flushed prefix decodes to {} of {} bytes",
                spec.name(),
                decoded.len(),
                data.len()
            ),
            Err(why) => panic!("{}: flushed prefix does not decode: {why}", spec.name()),
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{}: {failure}", spec.name());
    }
}

/// Rule 9: a flush with nothing new accepted emits nothing, even when retried after
/// `WouldBlock`.
pub fn flush_with_nothing_new_emits_nothing<S: LayerSpec>(spec: &S) {
    let data = payload(PayloadKind::Text, 1, 10_000);
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    assert!(flush(&mut layer).is_empty());
    let fresh = handle.data().len();
    assert!(flush(&mut layer).is_empty());
    assert_eq!(
        handle.data().len(),
        fresh,
        "a second flush of a fresh layer emitted bytes"
    );
    assert!(write_all(&mut layer, &data).is_empty());
    assert!(flush(&mut layer).is_empty());
    let after_first = handle.data();
    handle.push_ops(vec![PartialOp::Err(ErrorKind::WouldBlock); 3]);
    for _ in 0..3 {
        assert!(flush(&mut layer).is_empty());
    }
    assert_eq!(
        handle.data(),
        after_first,
        "a flush with nothing new emitted bytes"
    );
    assert!(shutdown(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), &data);
}

/// Rule 4: an inner `Interrupted` is retried inside the layer and never reaches the
/// caller (the helpers fail the test if it does).
pub fn interrupted_is_retried_inside_the_layer<S: LayerSpec>(spec: &S) {
    let data = payload(PayloadKind::Random, 2, 50_000);
    let schedule: Vec<PartialOp> = (0..2000)
        .map(|i| {
            if i % 2 == 0 {
                PartialOp::Err(ErrorKind::Interrupted)
            } else {
                PartialOp::Limited(97)
            }
        })
        .collect();
    let (inner, handle) = test_writer(schedule);
    let mut layer = spec.build(inner);
    assert!(write_all(&mut layer, &data).is_empty());
    assert!(flush(&mut layer).is_empty());
    assert!(shutdown(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), &data);
}

/// Rule 4: an inner `Ok(0)` for a non-empty write becomes `WriteZero`, and the stream is
/// intact once the inner writer recovers.
pub fn inner_write_zero_becomes_write_zero<S: LayerSpec>(spec: &S) {
    let data = payload(PayloadKind::Random, 3, 30_000);
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    handle.zero_writes(1);
    let mut errors = write_all(&mut layer, &data);
    errors.extend(shutdown(&mut layer));
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error, got {errors:?}"
    );
    assert_eq!(errors[0].kind(), ErrorKind::WriteZero);
    check_decoded(spec, &handle.data(), &data);
}

/// Rule 5: an empty write returns `Ok(0)` and changes nothing.
pub fn empty_write_returns_zero_and_changes_nothing<S: LayerSpec>(spec: &S) {
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    let (answer, _) = poll_once(|| layer.poll_write(&[]));
    assert_eq!(answer.unwrap(), Async::Ready(0));
    assert!(write_all(&mut layer, b"some bytes").is_empty());
    let before = handle.record();
    let (answer, _) = poll_once(|| layer.poll_write(&[]));
    assert_eq!(answer.unwrap(), Async::Ready(0));
    let mut empty = io::Cursor::new(Bytes::new());
    let (answer, _) = poll_once(|| layer.write_buf(&mut empty));
    assert_eq!(answer.unwrap(), Async::Ready(0));
    assert_eq!(
        handle.record(),
        before,
        "an empty write touched the inner writer"
    );
    assert_eq!(spec.total_in(&layer), 10);
    assert!(shutdown(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), b"some bytes");
}

/// Rules 2 and 6: while the inner writer takes nothing, the layer accepts a bounded
/// amount, then answers `NotReady` (with a wakeup); once unblocked nothing was lost.
pub fn buffer_stays_bounded_while_inner_blocks<S: LayerSpec>(spec: &S) {
    let limit = spec.max_accepted_while_blocked();
    let data = payload(PayloadKind::Random, 4, limit + 256 * 1024);
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    handle.set_blocked(true);
    let mut accepted = 0;
    loop {
        let (answer, woken) = poll_once(|| layer.poll_write(&data[accepted..]));
        match answer {
            Ok(Async::Ready(n)) => {
                assert!(n > 0);
                accepted += n;
                assert!(
                    accepted <= limit,
                    "{}: accepted {accepted} bytes while the inner writer was blocked (limit {limit})",
                    spec.name()
                );
            }
            Ok(Async::NotReady) => {
                assert!(woken, "NotReady without a wakeup");
                break;
            }
            Err(error) => panic!("unexpected error while blocked: {error}"),
        }
    }
    handle.set_blocked(false);
    assert!(shutdown(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), &data[..accepted]);
}

/// Rules 10 and 12: finish writes the tail once, flushes the inner writer without
/// shutting it down, is idempotent, and `into_inner` then loses nothing.
pub fn finish_writes_the_tail_once_and_keeps_the_inner_writer_open<S: LayerSpec>(spec: &S) {
    let strategy = (ops(), payload_kind(), 0u64..u64::MAX, hostile_schedule());
    let result = TestRunner::new(config()).run(&strategy, |(ops, kind, seed, schedule)| {
        let data = payload(kind, seed, total_len(&ops));
        let (inner, handle) = test_writer(schedule);
        let mut layer = spec.build(inner);
        apply(&mut layer, &ops, &data);
        assert!(finish(&mut layer).is_empty());
        let record = handle.record();
        assert_eq!(
            record.shutdown_calls, 0,
            "finish shut the inner writer down"
        );
        assert!(record.flushes > 0, "finish did not flush the inner writer");
        check_decoded(spec, &record.data, &data);
        assert!(finish(&mut layer).is_empty());
        assert_eq!(
            handle.record().data,
            record.data,
            "a second finish wrote bytes"
        );
        // Straight to the recorder: the partial-io schedule may still hold WouldBlocks.
        let mut recorder = spec.take_inner(layer).into_inner();
        std::io::Write::write_all(&mut recorder, b"next").unwrap();
        let mut expected = record.data.clone();
        expected.extend_from_slice(b"next");
        assert_eq!(
            handle.data(),
            expected,
            "the inner writer is not reusable after finish"
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{}: {failure}", spec.name());
    }
}

/// Rules 11 and 12: shutdown resumes after the inner shutdown answers `NotReady`, with
/// `poll_flush` called between retries; the inner shutdown completes once and is never
/// called again; the tail is written once.
pub fn shutdown_resumes_after_inner_not_ready<S: LayerSpec>(spec: &S) {
    let data = payload(PayloadKind::Text, 5, 20_000);
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    assert!(write_all(&mut layer, &data).is_empty());
    handle.shutdown_not_ready(3);
    let mut not_ready = 0;
    loop {
        let (answer, woken) = poll_once(|| layer.shutdown());
        match answer {
            Ok(Async::Ready(())) => break,
            Ok(Async::NotReady) => {
                assert!(woken, "NotReady without a wakeup");
                not_ready += 1;
                assert!(not_ready < 100, "shutdown never completed");
                let (flushed, _) = poll_once(|| layer.poll_flush());
                assert!(
                    flushed.is_ok(),
                    "poll_flush between shutdown retries failed"
                );
            }
            Err(error) => panic!("shutdown failed: {error}"),
        }
    }
    assert_eq!(not_ready, 3);
    let record = handle.record();
    assert_eq!(record.shutdown_calls, 4);
    assert_eq!(record.shutdown_completions, 1);
    check_decoded(spec, &record.data, &data);
    let (again, _) = poll_once(|| layer.shutdown());
    assert_eq!(again.unwrap(), Async::Ready(()));
    let (finished, _) = poll_once(|| layer.poll_finish());
    assert_eq!(finished.unwrap(), Async::Ready(()));
    assert_eq!(
        handle.record(),
        record,
        "a call after shutdown touched the inner writer"
    );
}

/// Rules 3 and 11: `WouldBlock` and short writes in the middle of the tail neither lose
/// nor repeat tail bytes.
pub fn shutdown_resumes_after_would_block_mid_tail<S: LayerSpec>(spec: &S) {
    for tail_schedule in [
        vec![PartialOp::Limited(1), PartialOp::Err(ErrorKind::WouldBlock)],
        vec![PartialOp::Err(ErrorKind::WouldBlock), PartialOp::Limited(2)],
        vec![
            PartialOp::Limited(3),
            PartialOp::Err(ErrorKind::Interrupted),
        ],
    ] {
        let data = payload(PayloadKind::Text, 6, 5_000);
        let (inner, calm) = test_writer(Vec::new());
        let mut layer = spec.build(inner);
        assert!(write_all(&mut layer, &data).is_empty());
        assert!(shutdown(&mut layer).is_empty());

        let (inner, hostile) = test_writer(Vec::new());
        let mut layer = spec.build(inner);
        assert!(write_all(&mut layer, &data).is_empty());
        hostile.push_ops(tail_schedule.iter().cycle().take(400).cloned());
        let driven = drive_poll(|| layer.shutdown());
        assert!(
            driven.result.is_ok(),
            "shutdown failed: {:?}",
            driven.result
        );
        if spec.wire_is_deterministic() {
            assert_eq!(
                calm.data(),
                hostile.data(),
                "{}: tail differs under WouldBlock",
                spec.name()
            );
        }
        check_decoded(spec, &hostile.data(), &data);
        assert_eq!(hostile.record().shutdown_completions, 1);
    }
}

/// Rule 13: after finish or shutdown, `write` fails with an error naming the layer and
/// touches nothing.
pub fn write_after_finish_is_a_clear_error<S: LayerSpec>(spec: &S) {
    for use_shutdown in [false, true] {
        let (inner, handle) = test_writer(Vec::new());
        let mut layer = spec.build(inner);
        assert!(write_all(&mut layer, b"payload").is_empty());
        if use_shutdown {
            assert!(shutdown(&mut layer).is_empty());
        } else {
            assert!(finish(&mut layer).is_empty());
        }
        let before = handle.record();
        let (answer, _) = poll_once(|| layer.poll_write(b"late"));
        let error = answer.expect_err("a write after finish succeeded");
        let message = error.to_string();
        assert!(
            message.contains(spec.name()),
            "error does not name the layer: {message}"
        );
        assert!(
            message.contains("finished"),
            "error does not say finished: {message}"
        );
        let mut late = io::Cursor::new(Bytes::from_static(b"late"));
        let (answer, _) = poll_once(|| layer.write_buf(&mut late));
        assert!(answer.is_err(), "a write_buf after finish succeeded");
        assert_eq!(
            handle.record(),
            before,
            "a write after finish touched the inner writer"
        );
        check_decoded(spec, &before.data, b"payload");
    }
}

/// Rule 14: an empty stream is a valid stream.
pub fn empty_stream_is_valid<S: LayerSpec>(spec: &S) {
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    assert!(shutdown(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), b"");
    assert_eq!(handle.record().shutdown_completions, 1);
}

/// Rule 15: a hard error of the inner writer is returned as it is, and retrying after it
/// continues without loss or duplication.
pub fn hard_error_is_returned_and_retry_continues<S: LayerSpec>(spec: &S) {
    for at in [0, 1, 3, 10] {
        let data = payload(PayloadKind::Random, 7, 40_000);
        let (inner, handle) = test_writer(Vec::new());
        let mut layer = spec.build(inner);
        // Short inner writes make sure the scripted call is reached.
        handle.push_ops(vec![PartialOp::Limited(1000); 1000]);
        handle.fail_write(at, ErrorKind::ConnectionReset);
        let mut errors = write_all(&mut layer, &data);
        errors.extend(flush(&mut layer));
        errors.extend(shutdown(&mut layer));
        assert_eq!(
            errors.len(),
            1,
            "expected the one scripted error, got {errors:?}"
        );
        assert_eq!(errors[0].kind(), ErrorKind::ConnectionReset);
        check_decoded(spec, &handle.data(), &data);
    }
}

/// Rule 17: dropping a layer does no I/O.
pub fn drop_does_no_io<S: LayerSpec>(spec: &S) {
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    assert!(write_all(&mut layer, b"unflushed").is_empty());
    let before = handle.record();
    drop(layer);
    assert_eq!(handle.record(), before, "drop touched the inner writer");
}

/// Rule 2: over a calm inner writer, no operation ever answers `NotReady`.
pub fn calm_inner_never_sees_not_ready<S: LayerSpec>(spec: &S) {
    let data = payload(PayloadKind::Text, 8, 100_000);
    let (inner, handle) = test_writer(Vec::new());
    let mut layer = spec.build(inner);
    let mut pos = 0;
    while pos < data.len() {
        let driven = drive_poll(|| layer.poll_write(&data[pos..(pos + 777).min(data.len())]));
        assert_eq!(driven.not_ready, 0, "NotReady over a calm inner writer");
        pos += driven.result.unwrap();
    }
    assert_eq!(drive_poll(|| layer.poll_flush()).not_ready, 0);
    assert_eq!(drive_poll(|| layer.shutdown()).not_ready, 0);
    check_decoded(spec, &handle.data(), &data);
}

/// Generates one `#[test]` per contract rule for a [`LayerSpec`] value.
///
/// ```ignore
/// writestack_test::contract_tests!(MySpec { .. });
/// ```
#[macro_export]
macro_rules! contract_tests {
    ($spec:expr) => {
        $crate::contract_tests!(@tests $spec;
            round_trip_survives_hostile_schedules,
            wire_does_not_depend_on_the_schedule,
            flushed_prefix_decodes_before_the_end,
            flush_with_nothing_new_emits_nothing,
            interrupted_is_retried_inside_the_layer,
            inner_write_zero_becomes_write_zero,
            empty_write_returns_zero_and_changes_nothing,
            buffer_stays_bounded_while_inner_blocks,
            finish_writes_the_tail_once_and_keeps_the_inner_writer_open,
            shutdown_resumes_after_inner_not_ready,
            shutdown_resumes_after_would_block_mid_tail,
            write_after_finish_is_a_clear_error,
            empty_stream_is_valid,
            hard_error_is_returned_and_retry_continues,
            drop_does_no_io,
            calm_inner_never_sees_not_ready,
        );
    };
    (@tests $spec:expr; $($rule:ident,)*) => {
        $(
            #[test]
            fn $rule() {
                $crate::contract::$rule(&$spec);
            }
        )*
    };
}
