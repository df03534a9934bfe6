//! The contract suite: every numbered rule of
//! [the contract](writestack_core#the-contract) that applies to a layer, as functions a
//! layer crate runs on itself through [`contract_tests!`](crate::contract_tests).
//!
//! Each check is written once, generic over the [`Runtime`] it drives the layer on
//! (see [`runtime`](crate::runtime)): tokio-io 0.1 ([`TokioIo01`]), tokio 1
//! ([`Tokio1`]) and futures-io 0.3 ([`FuturesIo03`]), each with a strict driver and the
//! same hostile [`TestWriter`] under the same schedules.

use std::io::{self, ErrorKind};
use std::task::Poll;

use partial_io::PartialOp;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestRunner};
use tokio_io::AsyncWrite;
use writestack_core::{Finish, Layer};

use crate::recorder::{test_writer, vectored_test_writer, RecordHandle, TestWriter};
pub use crate::runtime::{
    Cx, Drive, DriveFinish, DriveLayer, FuturesIo03, Gathered, Runtime, Tokio1, TokioIo01,
};
use crate::strategy::{
    config, failing_schedule, gather_ops, hostile_schedule, payload, payload_kind,
    vectored_schedule, Op, PayloadKind,
};

/// What the suite needs to know about a layer.
pub trait LayerSpec {
    /// The layer type, over the kit's [`TestWriter`]; its counters and inner writer are
    /// read through [`Layer`]. On tokio 1 and futures-io the suite drives the same type
    /// through those runtimes' writer traits and `Finish` (see [`contract_tests!`]).
    ///
    /// [`contract_tests!`]: crate::contract_tests
    type Layer: AsyncWrite + Finish + Layer<Inner = TestWriter>;

    /// The name the layer must use in its error messages (`"GzipWriter"`), written by
    /// the test, not read from the layer.
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

    /// Most payload bytes of random data the layer may accept while its inner writer
    /// takes nothing (its capacity, plus what its codec keeps internally).
    fn max_accepted_while_blocked(&self) -> usize;

    /// The buffer capacity the layer is built with (0 for a layer without a payload
    /// buffer). The bounded-buffer check offers many writes of every size below it.
    fn capacity(&self) -> usize;

    /// Splits a complete stream (tail included) into the units the layer keeps apart,
    /// with a decoder this workspace did not write: for message framing, one frame per
    /// accepted write, the end marker checked and removed. The suite then compares them,
    /// one by one, with the writes the layer accepted. `None` (the default): the layer has
    /// no such units.
    fn decode_units(&self, wire: &[u8]) -> Option<Result<Vec<Vec<u8>>, String>> {
        let _ = wire;
        None
    }

    /// Whether the wire bytes depend only on the calls made, not on how the inner writer
    /// took them. Layers that cut frames when their buffer fills answer `false`; the
    /// suite then compares decoded payloads instead of wire bytes.
    fn wire_is_deterministic(&self) -> bool {
        true
    }
}

/// The kit's proptest configuration, with shrinking bounded in time: a failing case of a
/// slow layer (a tiny buffer, a flush that runs away) is still reported in minutes.
fn suite_config() -> Config {
    Config {
        max_shrink_time: 60_000,
        ..config()
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
    // The suite only offers input and configurations the layer must take; retrying a
    // refusal would only spin.
    if error.kind() == ErrorKind::InvalidInput {
        panic!("the layer refused what the suite offered: {error}");
    }
    *errors += 1;
    assert!(*errors < MAX_ERRORS, "the layer never recovered: {error}");
}

/// What a sequence of writes did: the errors seen and, in order, the length of every
/// successful write (each `Ok(n)`), so that message boundaries can be checked.
#[derive(Debug, Default)]
struct Log {
    errors: Vec<io::Error>,
    accepted: Vec<usize>,
}

fn write_all_logged<R: Runtime, L: Drive<R>>(layer: &mut L, data: &[u8], log: &mut Log) {
    let mut errors = 0;
    let mut pos = 0;
    while pos < data.len() {
        match R::drive(|cx| layer.rt_write(cx, &data[pos..])).result {
            Ok(0) => panic!("poll_write returned Ok(0) for a non-empty write"),
            Ok(n) => {
                assert!(
                    n <= data.len() - pos,
                    "poll_write claimed more than offered"
                );
                pos += n;
                log.accepted.push(n);
            }
            Err(error) => {
                check_error(&error, &mut errors);
                log.errors.push(error);
            }
        }
    }
}

/// Writes all of `data` with `poll_write`, retrying after errors. Returns the errors seen.
pub fn write_all<L: AsyncWrite>(layer: &mut L, data: &[u8]) -> Vec<io::Error> {
    write_all_on::<TokioIo01, L>(layer, data)
}

/// [`write_all`] on runtime `R`.
pub fn write_all_on<R: Runtime, L: Drive<R>>(layer: &mut L, data: &[u8]) -> Vec<io::Error> {
    let mut log = Log::default();
    write_all_logged::<R, L>(layer, data, &mut log);
    log.errors
}

fn write_buf_logged<R: Runtime, L: Drive<R>>(
    layer: &mut L,
    data: &[u8],
    sizes: &[usize],
    take: bool,
    log: &mut Log,
) {
    let mut errors = 0;
    let (mut buf, slices) = Gathered::new(data, sizes, take);
    let shape = if take {
        "hidden: a Take<Chain> whose bytes_vec shows one slice, or std slices with empty \
         ones among them"
    } else {
        "a Chain, or std slices"
    };
    while buf.has_remaining() {
        let before = buf.remaining();
        match R::drive(|cx| layer.rt_write_gathered(cx, &mut buf)).result {
            Ok(0) => panic!("write_buf returned Ok(0) with bytes remaining"),
            Ok(n) => {
                assert_eq!(before - buf.remaining(), n, "write_buf advanced wrongly");
                log.accepted.push(n);
            }
            Err(error) => {
                assert_eq!(before, buf.remaining(), "an erroring write_buf advanced");
                if error.kind() == ErrorKind::InvalidInput {
                    panic!(
                        "write_buf refused {before} of {} bytes in {slices} slices ({shape}): \
                         {error}",
                        data.len()
                    );
                }
                check_error(&error, &mut errors);
                log.errors.push(error);
            }
        }
    }
}

/// Writes all of `data` with `write_buf`, as slices of the given sizes, retrying after
/// errors. Returns the errors seen.
pub fn write_buf_all<L: AsyncWrite>(layer: &mut L, data: &[u8], sizes: &[usize]) -> Vec<io::Error> {
    write_buf_all_on::<TokioIo01, L>(layer, data, sizes)
}

/// [`write_buf_all`] on runtime `R`: on tokio 1 and futures-io, `poll_write_vectored`
/// of the slices left.
pub fn write_buf_all_on<R: Runtime, L: Drive<R>>(
    layer: &mut L,
    data: &[u8],
    sizes: &[usize],
) -> Vec<io::Error> {
    let mut log = Log::default();
    write_buf_logged::<R, L>(layer, data, sizes, false, &mut log);
    log.errors
}

/// Like [`write_buf_all`], with the slices behind a bytes 0.4 `Take<Chain<..>>`: a `Buf`
/// whose `bytes_vec` reports one slice while it holds them all.
pub fn write_take_all<L: AsyncWrite>(
    layer: &mut L,
    data: &[u8],
    sizes: &[usize],
) -> Vec<io::Error> {
    let mut log = Log::default();
    write_buf_logged::<TokioIo01, L>(layer, data, sizes, true, &mut log);
    log.errors
}

/// Flushes, retrying after errors. Returns the errors seen.
pub fn flush<L: AsyncWrite>(layer: &mut L) -> Vec<io::Error> {
    flush_on::<TokioIo01, L>(layer)
}

/// [`flush`] on runtime `R`.
pub fn flush_on<R: Runtime, L: Drive<R>>(layer: &mut L) -> Vec<io::Error> {
    retry_op::<R>(|cx| layer.rt_flush(cx))
}

/// Finishes, retrying after errors. Returns the errors seen.
pub fn finish<L: Finish>(layer: &mut L) -> Vec<io::Error> {
    finish_on::<TokioIo01, L>(layer)
}

/// [`finish`] on runtime `R`.
pub fn finish_on<R: Runtime, L: DriveFinish<R>>(layer: &mut L) -> Vec<io::Error> {
    retry_op::<R>(|cx| layer.rt_finish(cx))
}

/// Shuts down, retrying after errors. Returns the errors seen.
pub fn shutdown<L: AsyncWrite>(layer: &mut L) -> Vec<io::Error> {
    shutdown_on::<TokioIo01, L>(layer)
}

/// [`shutdown`] on runtime `R`: `poll_shutdown` on tokio 1, `poll_close` on futures-io.
pub fn shutdown_on<R: Runtime, L: Drive<R>>(layer: &mut L) -> Vec<io::Error> {
    retry_op::<R>(|cx| layer.rt_close(cx))
}

fn retry_op<R: Runtime>(
    mut op: impl FnMut(&mut Cx<'_, '_>) -> Poll<io::Result<()>>,
) -> Vec<io::Error> {
    let mut seen = Vec::new();
    let mut errors = 0;
    loop {
        match R::drive(&mut op).result {
            Ok(()) => return seen,
            Err(error) => {
                check_error(&error, &mut errors);
                seen.push(error);
            }
        }
    }
}

fn apply_logged<R: Runtime, L: Drive<R>>(layer: &mut L, ops: &[Op], data: &[u8]) -> Log {
    let mut log = Log::default();
    let mut pos = 0;
    for op in ops {
        let end = pos + op.len();
        let data = &data[pos..end];
        match op {
            Op::Write(_) => write_all_logged::<R, L>(layer, data, &mut log),
            Op::WriteBuf(sizes) => write_buf_logged::<R, L>(layer, data, sizes, false, &mut log),
            Op::WriteTake(sizes) => write_buf_logged::<R, L>(layer, data, sizes, true, &mut log),
            Op::Flush => log.errors.extend(flush_on::<R, L>(layer)),
        }
        pos = end;
    }
    log
}

/// Applies `ops` to `layer`, taking payload bytes from `data` in order.
pub fn apply<L: AsyncWrite>(layer: &mut L, ops: &[Op], data: &[u8]) -> Vec<io::Error> {
    apply_on::<TokioIo01, L>(layer, ops, data)
}

/// [`apply`] on runtime `R`: on tokio 1 and futures-io the vectored steps are
/// `poll_write_vectored` (see [`Gathered`]).
pub fn apply_on<R: Runtime, L: Drive<R>>(layer: &mut L, ops: &[Op], data: &[u8]) -> Vec<io::Error> {
    apply_logged::<R, L>(layer, ops, data).errors
}

fn total_len(ops: &[Op]) -> usize {
    ops.iter().map(Op::len).sum()
}

/// Runs `check` on generated cases: operations, the payload they write, and a hostile
/// inner writer (plain or vectored) for them. `hard_errors` lets its schedules fail as
/// well as block, take short and get interrupted. A failure names the layer.
fn for_each_case<R: Runtime, S: LayerSpec>(
    spec: &S,
    hard_errors: bool,
    check: impl Fn(&[Op], &[u8], (TestWriter, RecordHandle)),
) {
    let schedule = if hard_errors {
        failing_schedule().boxed()
    } else {
        hostile_schedule().boxed()
    };
    let strategy = (
        gather_ops(),
        payload_kind(),
        0u64..u64::MAX,
        schedule,
        vectored_schedule(hard_errors),
    );
    let result =
        TestRunner::new(suite_config()).run(&strategy, |(ops, kind, seed, schedule, vectored)| {
            let data = payload(kind, seed, total_len(&ops));
            check(&ops, &data, inner_writer(schedule, vectored, data.len()));
            Ok(())
        });
    if let Err(failure) = result {
        panic!("{} on {}: {failure}", spec.name(), R::NAME);
    }
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

/// For layers with units ([`LayerSpec::decode_units`]): the complete stream holds one
/// unit per accepted write, in order, each exactly the bytes that write accepted.
fn check_units<S: LayerSpec>(spec: &S, wire: &[u8], data: &[u8], accepted: &[usize]) {
    let units = match spec.decode_units(wire) {
        None => return,
        Some(Ok(units)) => units,
        Some(Err(why)) => panic!(
            "{}: the stream does not split into units: {why}",
            spec.name()
        ),
    };
    let mut pos = 0;
    for (index, &len) in accepted.iter().enumerate() {
        let expected = &data[pos..pos + len];
        pos += len;
        match units.get(index) {
            Some(unit) if unit[..] == *expected => {}
            Some(unit) => panic!(
                "{}: unit {index} of {} holds {} bytes where write {index} accepted {len} \
                 (unit lengths around it: {:?}, accepted: {:?})",
                spec.name(),
                units.len(),
                unit.len(),
                &units[index.saturating_sub(2)..(index + 3).min(units.len())]
                    .iter()
                    .map(Vec::len)
                    .collect::<Vec<_>>(),
                &accepted[index.saturating_sub(2)..(index + 3).min(accepted.len())],
            ),
            None => panic!(
                "{}: {} units for {} accepted writes",
                spec.name(),
                units.len(),
                accepted.len()
            ),
        }
    }
    assert_eq!(
        units.len(),
        accepted.len(),
        "{}: more units than accepted writes",
        spec.name()
    );
}

/// Wire bytes a layer may write for `payload_len` payload bytes before the suite calls it
/// runaway (a flush or finish that never ends): far more than any codec and capacity
/// needs, little enough to fail in seconds rather than fill memory.
fn wire_limit(payload_len: usize) -> usize {
    16 * payload_len + (1 << 20)
}

/// A plain test writer, or a vectored one answering `write_buf` from `vectored`, that
/// fails the test past [`wire_limit`] of `payload_len`.
fn inner_writer(
    schedule: Vec<PartialOp>,
    vectored: Option<Vec<PartialOp>>,
    payload_len: usize,
) -> (TestWriter, RecordHandle) {
    let (inner, handle) = match vectored {
        Some(vectored) => vectored_test_writer(schedule, vectored),
        None => test_writer(schedule),
    };
    handle.limit_data(wire_limit(payload_len));
    (inner, handle)
}

/// A calm plain test writer for a payload of `payload_len` bytes.
fn calm_writer(payload_len: usize) -> (TestWriter, RecordHandle) {
    inner_writer(Vec::new(), None, payload_len)
}

/// Runs ops then shutdown over the given inner writer; returns the layer, its record
/// handle and the log of the writes.
fn run<R: Runtime, S: LayerSpec>(
    spec: &S,
    (inner, handle): (TestWriter, RecordHandle),
    ops: &[Op],
    data: &[u8],
) -> (S::Layer, RecordHandle, Log)
where
    S::Layer: DriveLayer<R>,
{
    let mut layer = spec.build(inner);
    let mut log = apply_logged::<R, S::Layer>(&mut layer, ops, data);
    log.errors.extend(shutdown_on::<R, S::Layer>(&mut layer));
    (layer, handle, log)
}

/// Rules 1, 2, 3, 7, 11, 15: any mix of writes, vectored writes (up to 70 slices, past
/// the 64 a layer gathers at once, and `Buf`s that show fewer slices than they hold) and
/// flushes, under inner writers that take a few bytes (across slices, for a vectored one),
/// block, get interrupted or fail, decodes to the input, one unit per accepted write for a
/// layer with units; the tail is there once and the inner shutdown completes exactly once.
pub fn round_trip_survives_hostile_schedules<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    for_each_case::<R, S>(spec, true, |ops, data, hostile| {
        let (layer, handle, log) = run::<R, S>(spec, hostile, ops, data);
        let record = handle.record();
        assert_eq!(
            record.shutdown_completions, 1,
            "inner shutdown not completed once"
        );
        assert_eq!(
            record.after_shutdown, 0,
            "the inner writer was used after shutdown"
        );
        check_decoded(spec, &record.data, data);
        check_units(spec, &record.data, data, &log.accepted);
        assert_eq!(layer.total_in(), data.len() as u64, "total_in");
        assert_eq!(layer.total_out(), record.data.len() as u64, "total_out");
    });
}

/// Rules 3, 9, 11: the wire does not depend on how the inner writer took it (plain or
/// vectored, whole or in pieces): no byte is resent, no retried flush adds a sync block,
/// no retried shutdown adds a tail.
pub fn wire_does_not_depend_on_the_schedule<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    for_each_case::<R, S>(spec, false, |ops, data, hostile| {
        let (_, calm, _) = run::<R, S>(spec, calm_writer(data.len()), ops, data);
        let (_, hostile, log) = run::<R, S>(spec, hostile, ops, data);
        assert!(
            log.errors.is_empty(),
            "errors under a schedule without hard errors: {:?}",
            log.errors
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
            check_decoded(spec, &hostile.data(), data);
        }
        check_units(spec, &hostile.data(), data, &log.accepted);
    });
}

/// Rule 8: after `poll_flush` returns `Ready`, everything accepted decodes from what the
/// inner writer holds, before the stream ends, and the inner writer was flushed.
pub fn flushed_prefix_decodes_before_the_end<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    for_each_case::<R, S>(spec, false, |ops, data, hostile| {
        let (inner, handle) = hostile;
        let mut layer = spec.build(inner);
        apply_on::<R, S::Layer>(&mut layer, ops, data);
        let flushes_before = handle.record().flushes;
        assert!(flush_on::<R, S::Layer>(&mut layer).is_empty());
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
    });
}

/// Rule 9: a flush with nothing new accepted emits nothing and calls no inner write, on a
/// fresh layer and after a completed flush, also while the inner writer's flush answers
/// `NotReady` (and `Interrupted`) and its writes would block: the retried flush continues
/// the same empty flush instead of starting another.
pub fn flush_with_nothing_new_emits_nothing<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let data = payload(PayloadKind::Text, 1, 10_000);
    let (inner, handle) = calm_writer(data.len());
    let mut layer = spec.build(inner);
    assert!(flush_on::<R, S::Layer>(&mut layer).is_empty());
    blocked_flushes_emit_nothing::<R, S>(spec, &mut layer, &handle, "a fresh layer");
    assert!(write_all_on::<R, S::Layer>(&mut layer, &data).is_empty());
    assert!(flush_on::<R, S::Layer>(&mut layer).is_empty());
    blocked_flushes_emit_nothing::<R, S>(spec, &mut layer, &handle, "a flushed layer");
    assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), &data);
}

/// Three flushes with nothing new, each meeting an inner flush that answers `NotReady`,
/// `Interrupted` then `NotReady` before it succeeds, while inner writes would block.
fn blocked_flushes_emit_nothing<R: Runtime, S: LayerSpec>(
    spec: &S,
    layer: &mut S::Layer,
    handle: &RecordHandle,
    state: &str,
) where
    S::Layer: DriveLayer<R>,
{
    let before = handle.record();
    // A layer that writes during this flush meets these (and is caught below).
    handle.push_ops(vec![PartialOp::Err(ErrorKind::WouldBlock); 3]);
    for round in 1..=3 {
        handle.push_flush_ops(vec![
            PartialOp::Err(ErrorKind::WouldBlock),
            PartialOp::Err(ErrorKind::Interrupted),
            PartialOp::Err(ErrorKind::WouldBlock),
            PartialOp::Unlimited,
        ]);
        let driven = R::drive(|cx| layer.rt_flush(cx));
        if let Err(error) = driven.result {
            panic!("{}: flush {round} of {state} failed: {error}", spec.name());
        }
        assert!(
            driven.not_ready > 0,
            "{}: flush {round} of {state} returned without meeting the blocked inner flush",
            spec.name()
        );
        let record = handle.record();
        assert!(
            record.data == before.data,
            "{}: flush {round} of {state}, with nothing new, emitted {} bytes while the inner \
             flush blocked",
            spec.name(),
            record.data.len() - before.data.len().min(record.data.len())
        );
        assert_eq!(
            record.write_calls,
            before.write_calls,
            "{}: flush {round} of {state}, with nothing new, called the inner writer's write",
            spec.name()
        );
        assert!(
            record.flushes >= before.flushes + round,
            "{}: flush {round} of {state} did not flush the inner writer",
            spec.name()
        );
    }
}

/// Rule 4: an inner `Interrupted` is retried inside the layer and never reaches the
/// caller (the helpers fail the test if it does), on plain writes and on vectored ones.
pub fn interrupted_is_retried_inside_the_layer<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
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
    for vectored in [false, true] {
        let (inner, handle) = inner_writer(
            schedule.clone(),
            Some(schedule.clone()).filter(|_| vectored),
            data.len(),
        );
        let mut layer = spec.build(inner);
        let (plain, gathered) = data.split_at(data.len() / 2);
        assert!(write_all_on::<R, S::Layer>(&mut layer, plain).is_empty());
        assert!(
            write_buf_all_on::<R, S::Layer>(&mut layer, gathered, &[700, 9000, 3, 5000]).is_empty()
        );
        assert!(flush_on::<R, S::Layer>(&mut layer).is_empty());
        assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
        check_decoded(spec, &handle.data(), &data);
    }
}

/// Rule 4: an inner `Ok(0)` for a non-empty write becomes `WriteZero`, and the stream is
/// intact once the inner writer recovers; on plain writes and on vectored ones.
pub fn inner_write_zero_becomes_write_zero<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let data = payload(PayloadKind::Random, 3, 30_000);
    for (vectored, gathered) in [(false, false), (true, false), (true, true)] {
        let answers = Some(Vec::new()).filter(|_| vectored);
        let (inner, handle) = inner_writer(Vec::new(), answers, data.len());
        let mut layer = spec.build(inner);
        handle.zero_writes(1);
        let mut errors = if gathered {
            write_buf_all_on::<R, S::Layer>(&mut layer, &data, &[10_000, 3, 10_000])
        } else {
            write_all_on::<R, S::Layer>(&mut layer, &data)
        };
        errors.extend(shutdown_on::<R, S::Layer>(&mut layer));
        assert_eq!(
            errors.len(),
            1,
            "expected exactly one error, got {errors:?}"
        );
        assert_eq!(errors[0].kind(), ErrorKind::WriteZero);
        check_decoded(spec, &handle.data(), &data);
    }
}

/// Rule 5: an empty write returns `Ok(0)` and changes nothing.
pub fn empty_write_returns_zero_and_changes_nothing<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let (inner, handle) = calm_writer(10);
    let mut layer = spec.build(inner);
    let (answer, _) = R::poll_once(|cx| layer.rt_write(cx, &[]));
    assert_eq!(answer.map(Result::unwrap), Poll::Ready(0));
    assert!(write_all_on::<R, S::Layer>(&mut layer, b"some bytes").is_empty());
    let before = handle.record();
    let (answer, _) = R::poll_once(|cx| layer.rt_write(cx, &[]));
    assert_eq!(answer.map(Result::unwrap), Poll::Ready(0));
    let mut empty = Gathered::single(&[]);
    let (answer, _) = R::poll_once(|cx| layer.rt_write_gathered(cx, &mut empty));
    assert_eq!(answer.map(Result::unwrap), Poll::Ready(0));
    assert_eq!(
        handle.record(),
        before,
        "an empty write touched the inner writer"
    );
    assert_eq!(layer.total_in(), 10);
    assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), b"some bytes");
}

/// One call the bounded-buffer check makes while the inner writer is blocked.
#[derive(Clone, Copy, Debug)]
enum Offer {
    /// `poll_write` of the next `n` bytes (all the rest for `usize::MAX`).
    Write(usize),
    /// `write_buf` of the next `n` bytes, as three slices.
    WriteBuf(usize),
}

/// Sizes 1 to `span - 1`: every one up to 96, then about 160 spread over the rest; up,
/// then down again (a small write may still fit once larger ones were refused).
fn small_sizes(span: usize) -> Vec<usize> {
    let mut up: Vec<usize> = (1..span.min(97)).collect();
    if span > 97 {
        up.extend((97..span).step_by(((span - 97) / 160).max(1)));
    }
    let mut sizes = up.clone();
    sizes.extend(up.into_iter().rev());
    sizes
}

/// Offers `offers` to a fresh layer over a blocked inner writer, asserting after every
/// acceptance that at most `limit` bytes were taken and that every `NotReady` came with
/// a wakeup; with `until_not_ready`, stops at the first `NotReady`. Then unblocks the
/// inner writer, shuts down, and checks the stream holds exactly what was accepted.
fn offer_while_blocked<R: Runtime, S: LayerSpec>(
    spec: &S,
    what: &str,
    data: &[u8],
    offers: impl IntoIterator<Item = Offer>,
    until_not_ready: bool,
) where
    S::Layer: DriveLayer<R>,
{
    let limit = spec.max_accepted_while_blocked();
    let (inner, handle) = inner_writer(Vec::new(), Some(Vec::new()), data.len());
    let mut layer = spec.build(inner);
    handle.set_blocked(true);
    let mut accepted: usize = 0;
    let mut units = Vec::new();
    for offer in offers {
        let (answer, woken) = match offer {
            Offer::Write(n) => {
                let end = accepted.saturating_add(n).min(data.len());
                R::poll_once(|cx| layer.rt_write(cx, &data[accepted..end]))
            }
            Offer::WriteBuf(n) => {
                let end = (accepted + n).min(data.len());
                let third = (n / 3).max(1);
                let (mut buf, _) = Gathered::new(&data[accepted..end], &[third, third], false);
                R::poll_once(|cx| layer.rt_write_gathered(cx, &mut buf))
            }
        };
        match answer {
            Poll::Ready(Ok(n)) => {
                assert!(n > 0, "{}: Ok(0) for {offer:?}", spec.name());
                accepted += n;
                units.push(n);
                assert!(
                    accepted <= limit,
                    "{}: accepted {accepted} bytes ({what}, the last {n} from {offer:?}) while \
                     the inner writer was blocked (limit {limit})",
                    spec.name()
                );
            }
            Poll::Pending => {
                assert!(woken, "{}: NotReady without a wakeup", spec.name());
                if until_not_ready {
                    break;
                }
            }
            Poll::Ready(Err(error)) => panic!(
                "{}: unexpected error while blocked ({what}, {offer:?}): {error}",
                spec.name()
            ),
        }
    }
    assert_eq!(
        handle.record().data.len(),
        0,
        "{}: bytes reached a blocked inner writer",
        spec.name()
    );
    handle.set_blocked(false);
    assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), &data[..accepted]);
    check_units(spec, &handle.data(), data, &units);
}

/// Rules 2 and 6: while the inner writer takes nothing, the layer accepts a bounded
/// amount, then answers `NotReady` (with a wakeup); once unblocked nothing was lost.
/// Offered both one large write, again and again (which pass-through and framing layers
/// route straight to the blocked inner writer), and many `poll_write`s and `write_buf`s of
/// every size below the capacity (which every layer with a buffer copies into it).
pub fn buffer_stays_bounded_while_inner_blocks<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let span = spec.capacity().max(64);
    let data = payload(
        PayloadKind::Random,
        4,
        spec.max_accepted_while_blocked() + span + 256 * 1024,
    );
    offer_while_blocked::<R, S>(
        spec,
        "one large write offered again and again",
        &data,
        std::iter::repeat(Offer::Write(usize::MAX)),
        true,
    );
    let small = small_sizes(span)
        .into_iter()
        .enumerate()
        .map(|(index, size)| {
            if index % 2 == 0 {
                Offer::Write(size)
            } else {
                Offer::WriteBuf(size)
            }
        });
    offer_while_blocked::<R, S>(spec, "many writes below the capacity", &data, small, false);
}

/// Rules 10 and 12: finish writes the tail once, flushes the inner writer without
/// shutting it down, is idempotent, and `into_inner` then loses nothing.
pub fn finish_writes_the_tail_once_and_keeps_the_inner_writer_open<R: Runtime, S: LayerSpec>(
    spec: &S,
) where
    S::Layer: DriveLayer<R>,
{
    for_each_case::<R, S>(spec, false, |ops, data, hostile| {
        let (inner, handle) = hostile;
        let mut layer = spec.build(inner);
        let log = apply_logged::<R, S::Layer>(&mut layer, ops, data);
        assert!(finish_on::<R, S::Layer>(&mut layer).is_empty());
        let record = handle.record();
        assert_eq!(
            record.shutdown_calls, 0,
            "finish shut the inner writer down"
        );
        assert!(record.flushes > 0, "finish did not flush the inner writer");
        check_decoded(spec, &record.data, data);
        check_units(spec, &record.data, data, &log.accepted);
        assert!(finish_on::<R, S::Layer>(&mut layer).is_empty());
        assert_eq!(
            handle.record().data,
            record.data,
            "a second finish wrote bytes"
        );
        // Straight to the recorder: the schedules may still hold WouldBlocks.
        let mut recorder = Layer::into_inner(layer).into_inner();
        std::io::Write::write_all(&mut recorder, b"next").unwrap();
        let mut expected = record.data.clone();
        expected.extend_from_slice(b"next");
        assert_eq!(
            handle.data(),
            expected,
            "the inner writer is not reusable after finish"
        );
    });
}

/// Rules 11 and 12: shutdown resumes after the inner shutdown answers `NotReady`, with
/// `poll_flush` called between retries; the inner shutdown completes once and is never
/// called again; the tail is written once.
pub fn shutdown_resumes_after_inner_not_ready<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let data = payload(PayloadKind::Text, 5, 20_000);
    let (inner, handle) = calm_writer(data.len());
    let mut layer = spec.build(inner);
    assert!(write_all_on::<R, S::Layer>(&mut layer, &data).is_empty());
    handle.shutdown_not_ready(3);
    let mut not_ready = 0;
    loop {
        let (answer, woken) = R::poll_once(|cx| layer.rt_close(cx));
        match answer {
            Poll::Ready(Ok(())) => break,
            Poll::Pending => {
                assert!(woken, "NotReady without a wakeup");
                not_ready += 1;
                assert!(not_ready < 100, "shutdown never completed");
                let (flushed, _) = R::poll_once(|cx| layer.rt_flush(cx));
                assert!(
                    !matches!(flushed, Poll::Ready(Err(_))),
                    "poll_flush between shutdown retries failed: {flushed:?}"
                );
            }
            Poll::Ready(Err(error)) => panic!("shutdown failed: {error}"),
        }
    }
    assert_eq!(not_ready, 3);
    let record = handle.record();
    assert_eq!(record.shutdown_calls, 4);
    assert_eq!(record.shutdown_completions, 1);
    check_decoded(spec, &record.data, &data);
    let (again, _) = R::poll_once(|cx| layer.rt_close(cx));
    assert_eq!(again.map(Result::unwrap), Poll::Ready(()));
    let (finished, _) = R::poll_once(|cx| layer.rt_finish(cx));
    assert_eq!(finished.map(Result::unwrap), Poll::Ready(()));
    assert_eq!(
        handle.record(),
        record,
        "a call after shutdown touched the inner writer"
    );
}

/// Rules 3 and 11: `WouldBlock` and short writes in the middle of the tail neither lose
/// nor repeat tail bytes.
pub fn shutdown_resumes_after_would_block_mid_tail<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    for tail_schedule in [
        vec![PartialOp::Limited(1), PartialOp::Err(ErrorKind::WouldBlock)],
        vec![PartialOp::Err(ErrorKind::WouldBlock), PartialOp::Limited(2)],
        vec![
            PartialOp::Limited(3),
            PartialOp::Err(ErrorKind::Interrupted),
        ],
    ] {
        let data = payload(PayloadKind::Text, 6, 5_000);
        let (inner, calm) = calm_writer(data.len());
        let mut layer = spec.build(inner);
        assert!(write_all_on::<R, S::Layer>(&mut layer, &data).is_empty());
        assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());

        let (inner, hostile) = calm_writer(data.len());
        let mut layer = spec.build(inner);
        assert!(write_all_on::<R, S::Layer>(&mut layer, &data).is_empty());
        hostile.push_ops(tail_schedule.iter().cycle().take(400).cloned());
        let driven = R::drive(|cx| layer.rt_close(cx));
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
pub fn write_after_finish_is_a_clear_error<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    for use_shutdown in [false, true] {
        let (inner, handle) = calm_writer(7);
        let mut layer = spec.build(inner);
        assert!(write_all_on::<R, S::Layer>(&mut layer, b"payload").is_empty());
        if use_shutdown {
            assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
        } else {
            assert!(finish_on::<R, S::Layer>(&mut layer).is_empty());
        }
        let before = handle.record();
        let (answer, _) = R::poll_once(|cx| layer.rt_write(cx, b"late"));
        let error = match answer {
            Poll::Ready(Err(error)) => error,
            other => panic!("a write after finish answered {other:?}"),
        };
        let message = error.to_string();
        assert!(
            message.contains(spec.name()),
            "error does not name the layer: {message}"
        );
        assert!(
            message.contains("finished"),
            "error does not say finished: {message}"
        );
        let mut late = Gathered::single(b"late");
        let (answer, _) = R::poll_once(|cx| layer.rt_write_gathered(cx, &mut late));
        assert!(
            matches!(answer, Poll::Ready(Err(_))),
            "a write_buf after finish answered {answer:?}"
        );
        assert_eq!(
            handle.record(),
            before,
            "a write after finish touched the inner writer"
        );
        check_decoded(spec, &before.data, b"payload");
    }
}

/// Rule 14: an empty stream is a valid stream.
pub fn empty_stream_is_valid<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let (inner, handle) = calm_writer(0);
    let mut layer = spec.build(inner);
    assert!(shutdown_on::<R, S::Layer>(&mut layer).is_empty());
    check_decoded(spec, &handle.data(), b"");
    assert_eq!(handle.record().shutdown_completions, 1);
}

/// Rule 15: a hard error of the inner writer is returned as it is, and retrying after it
/// continues without loss or duplication; on plain writes and on vectored ones.
pub fn hard_error_is_returned_and_retry_continues<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let data = payload(PayloadKind::Random, 7, 40_000);
    for vectored in [false, true] {
        for at in [0, 1, 3, 10] {
            let answers = Some(Vec::new()).filter(|_| vectored);
            let (inner, handle) = inner_writer(Vec::new(), answers, data.len());
            let mut layer = spec.build(inner);
            // Short inner writes make sure the scripted call is reached.
            handle.push_ops(vec![PartialOp::Limited(1000); 1000]);
            handle.fail_write(at, ErrorKind::ConnectionReset);
            let mut errors = if vectored {
                write_buf_all_on::<R, S::Layer>(&mut layer, &data, &[3000, 1, 9000, 2500])
            } else {
                write_all_on::<R, S::Layer>(&mut layer, &data)
            };
            errors.extend(flush_on::<R, S::Layer>(&mut layer));
            errors.extend(shutdown_on::<R, S::Layer>(&mut layer));
            assert_eq!(
                errors.len(),
                1,
                "expected the one scripted error (failing call {at}, vectored: {vectored}), \
                 got {errors:?}"
            );
            assert_eq!(errors[0].kind(), ErrorKind::ConnectionReset);
            check_decoded(spec, &handle.data(), &data);
        }
    }
}

/// Rules 2 and 15 on std tasks (tokio 1, futures-io): an inner `Ready(Err(WouldBlock))`
/// (a writer that answers `WouldBlock` as an error and registers no wakeup) is returned
/// as that error, never turned into a `Pending` no one would wake (the strict driver
/// fails the test on one), and retrying continues without loss or duplication; on plain
/// writes and on vectored ones. (A write that had already accepted a whole unit answers
/// `Ok` instead, as for any error under rule 15; a `WouldBlock` is then not kept for
/// later as a hard error is.)
///
/// # Panics
///
/// On tokio-io 0.1, which has no such answer (an inner `WouldBlock` is its `NotReady`):
/// [`contract_tests!`](crate::contract_tests) runs this check on the std-task runtimes
/// only.
pub fn inner_ready_would_block_is_returned_as_an_error<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    assert!(
        R::STD_TASK,
        "{}: an inner WouldBlock is NotReady there, not an error",
        R::NAME
    );
    let data = payload(PayloadKind::Random, 9, 40_000);
    for vectored in [false, true] {
        for at in [0, 1, 3, 10] {
            let answers = Some(Vec::new()).filter(|_| vectored);
            let (inner, handle) = inner_writer(Vec::new(), answers, data.len());
            let mut layer = spec.build(inner);
            handle.push_ops(vec![PartialOp::Limited(1000); 1000]);
            handle.fail_write(at, ErrorKind::WouldBlock);
            let mut errors = Vec::new();
            if vectored {
                let (mut buf, _) = Gathered::new(&data, &[3000, 1, 9000, 2500], false);
                while buf.has_remaining() {
                    let before = buf.remaining();
                    match R::drive(|cx| layer.rt_write_gathered(cx, &mut buf)).result {
                        Ok(n) => assert!(n > 0, "Ok(0) with bytes remaining"),
                        Err(error) => {
                            assert_eq!(before, buf.remaining(), "an erroring write advanced");
                            errors.push(error);
                        }
                    }
                    assert!(errors.len() < 100, "the layer never recovered: {errors:?}");
                }
            } else {
                let mut pos = 0;
                while pos < data.len() {
                    match R::drive(|cx| layer.rt_write(cx, &data[pos..])).result {
                        Ok(n) => {
                            assert!(n > 0, "Ok(0) for a non-empty write");
                            pos += n;
                        }
                        Err(error) => errors.push(error),
                    }
                    assert!(errors.len() < 100, "the layer never recovered: {errors:?}");
                }
            }
            for close in [false, true] {
                loop {
                    let driven = if close {
                        R::drive(|cx| layer.rt_close(cx))
                    } else {
                        R::drive(|cx| layer.rt_flush(cx))
                    };
                    match driven.result {
                        Ok(()) => break,
                        Err(error) => errors.push(error),
                    }
                    assert!(errors.len() < 100, "the layer never recovered: {errors:?}");
                }
            }
            // At most the one: a layer that had already accepted a whole unit answers
            // `Ok` and retries the rest later (the exception of rule 15), where a
            // `WouldBlock` leaves nothing to report, unlike a hard error.
            assert!(
                errors.len() <= 1 && errors.iter().all(|e| e.kind() == ErrorKind::WouldBlock),
                "{}: expected at most the one scripted Ready(Err(WouldBlock)) (failing call \
                 {at}, vectored: {vectored}), got {errors:?}",
                spec.name()
            );
            check_decoded(spec, &handle.data(), &data);
        }
    }
}

/// Rule 17: dropping a layer does no I/O.
pub fn drop_does_no_io<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let (inner, handle) = calm_writer(9);
    let mut layer = spec.build(inner);
    assert!(write_all_on::<R, S::Layer>(&mut layer, b"unflushed").is_empty());
    let before = handle.record();
    drop(layer);
    assert_eq!(handle.record(), before, "drop touched the inner writer");
}

/// Rule 2: over a calm inner writer, no operation ever answers `NotReady`.
pub fn calm_inner_never_sees_not_ready<R: Runtime, S: LayerSpec>(spec: &S)
where
    S::Layer: DriveLayer<R>,
{
    let data = payload(PayloadKind::Text, 8, 100_000);
    let (inner, handle) = calm_writer(data.len());
    let mut layer = spec.build(inner);
    let mut pos = 0;
    while pos < data.len() {
        let end = (pos + 777).min(data.len());
        let driven = R::drive(|cx| layer.rt_write(cx, &data[pos..end]));
        assert_eq!(driven.not_ready, 0, "NotReady over a calm inner writer");
        pos += driven.result.unwrap();
    }
    assert_eq!(R::drive(|cx| layer.rt_flush(cx)).not_ready, 0);
    assert_eq!(R::drive(|cx| layer.rt_close(cx)).not_ready, 0);
    check_decoded(spec, &handle.data(), &data);
}

/// The checks of the writer suite, in the order of the contract: those every runtime
/// runs, then those only std tasks run. The one list behind [`Rule`] and
/// [`contract_tests!`](crate::contract_tests), so that a check cannot be declared and
/// then run on no runtime, or run without being declared.
#[doc(hidden)]
#[macro_export]
macro_rules! __writestack_write_checks {
    (@dispatch rules [] [$($every:ident,)*] [$($std_task:ident,)*]) => {
        $crate::contract::rules!($($every,)* $($std_task,)*);
    };
    (@dispatch tests [$spec:expr] [$($every:ident,)*] [$($std_task:ident,)*]) => {
        $crate::contract_tests!(@tests $spec; [$($every,)*] [$($std_task,)*]);
    };
    ($mode:tt $($args:tt)*) => {
        $crate::__writestack_write_checks!(@dispatch $mode [$($args)*]
            [
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
            ]
            [
                inner_ready_would_block_is_returned_as_an_error,
            ]
        );
    };
}

/// Declares [`Rule`] and [`check`] from the list of checks.
macro_rules! rules {
    ($($rule:ident,)*) => {
        /// One check of the suite, by the name of its function (the test name
        /// [`contract_tests!`](crate::contract_tests) gives it).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Rule {
            $(
                #[doc = concat!("[`", stringify!($rule), "`]")]
                $rule,
            )*
        }

        impl Rule {
            /// Every check, in the order of the contract.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule,)*];
        }

        /// Runs one check of the suite on runtime `R`.
        pub fn check<R: Runtime, S: LayerSpec>(rule: Rule, spec: &S)
        where
            S::Layer: DriveLayer<R>,
        {
            match rule {
                $(Rule::$rule => $rule::<R, S>(spec),)*
            }
        }
    };
}
pub(crate) use rules;

crate::__writestack_write_checks!(rules);

/// Generates one `#[test]` per contract rule and runtime for a [`LayerSpec`] value, as
/// each layer crate's `tests/contract.rs` does:
///
/// ```text
/// writestack_test::contract_tests!(MySpec { .. });
/// ```
///
/// The tests named after the rules (`round_trip_survives_hostile_schedules`, ...) drive
/// the layer on tokio-io 0.1. With the invoking crate's feature `tokio`, the same checks
/// run on tokio 1 in a module `on_tokio1`, and with its feature `futures-io` on
/// futures-io 0.3 in a module `on_futures_io` (so a crate that invokes this declares
/// both features, as every layer crate does), plus the one check only std tasks need,
/// [`inner_ready_would_block_is_returned_as_an_error`]. Each runtime has its strict
/// driver and the same hostile [`TestWriter`] schedules.
#[macro_export]
macro_rules! contract_tests {
    ($spec:expr) => {
        $crate::__writestack_write_checks!(tests $spec);
    };
    (@tests $spec:expr; [$($rule:ident,)*] [$($std_task:ident,)*]) => {
        $(
            #[test]
            fn $rule() {
                $crate::contract::$rule::<$crate::contract::TokioIo01, _>(&$spec);
            }
        )*
        $crate::contract_tests!(@std_task $spec; $($rule,)* $($std_task,)*);
    };
    (@std_task $spec:expr; $($rule:ident,)*) => {
        /// The spec is written for this module (`super::Spec { .. }`): the runtimes'
        /// test modules below reach it through this function.
        #[cfg(feature = "tokio")]
        fn __writestack_contract_on_tokio1(rule: $crate::contract::Rule) {
            $crate::contract::check::<$crate::contract::Tokio1, _>(rule, &$spec);
        }

        /// The contract suite on tokio 1.
        #[cfg(feature = "tokio")]
        mod on_tokio1 {
            $(
                #[test]
                fn $rule() {
                    super::__writestack_contract_on_tokio1($crate::contract::Rule::$rule);
                }
            )*
        }

        /// The spec is written for this module (`super::Spec { .. }`): the runtimes'
        /// test modules below reach it through this function.
        #[cfg(feature = "futures-io")]
        fn __writestack_contract_on_futures_io(rule: $crate::contract::Rule) {
            $crate::contract::check::<$crate::contract::FuturesIo03, _>(rule, &$spec);
        }

        /// The contract suite on futures-io 0.3.
        #[cfg(feature = "futures-io")]
        mod on_futures_io {
            $(
                #[test]
                fn $rule() {
                    super::__writestack_contract_on_futures_io(
                        $crate::contract::Rule::$rule,
                    );
                }
            )*
        }
    };
}
