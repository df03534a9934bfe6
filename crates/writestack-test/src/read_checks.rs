//! The reader contract suite's checks of decoding and of the stream's end (see
//! [`read_contract`](crate::read_contract)), one generic function per behaviour of the
//! rules [R1-R7](writestack_core#readers), each run on a [`Runtime`] for a
//! [`ReaderSpec`]; the checks of errors are in `read_error_checks.rs`.

use std::io::ErrorKind;

use partial_io::PartialOp;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::read_contract::{
    assert_payload, assert_prefix, assert_stream_error, build, ReaderSpec, MAX_ERRORS,
};
use crate::read_runtime::{read_on, read_to_end_on, DriveRead};
use crate::runtime::Runtime;
use crate::strategy::{config, payload, payload_kind, PayloadKind};
use crate::test_reader::{read_schedule, read_sizes, ReadHandle, SCRIPTED_READ_ERROR};

/// The kit's case count, with shrinking bounded in time.
fn suite_config() -> Config {
    Config {
        max_shrink_time: 60_000,
        ..config()
    }
}

/// A payload of about `len` bytes, as long as the format carries.
pub(crate) fn sized<S: ReaderSpec>(spec: &S, kind: PayloadKind, seed: u64, len: usize) -> Vec<u8> {
    payload(kind, seed, len.min(spec.max_payload()))
}

/// R1, R2, R3, R5: any payload, read into destinations of any size (empty ones
/// included) from an inner reader that serves a few bytes, is not ready (with a
/// wake-up), is interrupted or fails now and then, comes out exactly: every `Ok(n)` is
/// payload, `Ok(0)` comes only at the end (and stays), every "not ready" follows one of
/// the inner reader's during the same call, and every error is the inner reader's,
/// unchanged.
pub fn decodes_exactly_under_hostile_schedules<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let strategy = (
        payload_kind(),
        any::<u64>(),
        0usize..3000,
        read_schedule(true),
        read_sizes(),
    );
    let result =
        TestRunner::new(suite_config()).run(&strategy, |(kind, seed, len, schedule, sizes)| {
            let payload = sized(spec, kind, seed, len);
            let (mut reader, handle) = build(spec, &spec.stream(&payload), schedule);
            let decoded = read_checking_r2::<R, S>(spec, &mut reader, &handle, &sizes);
            assert_payload(spec, &decoded, &payload, "under a hostile schedule");
            let mut buf = [0; 64];
            let again = read_on::<R, _>(&mut reader, &mut buf).result;
            assert!(
                matches!(again, Ok(0)),
                "{}: a read after the end answered {again:?}",
                spec.name()
            );
            Ok(())
        });
    if let Err(failure) = result {
        panic!("{} on {}: {failure}", spec.name(), R::NAME);
    }
}

/// Reads to the end, checking each read for rule R2 and each error for R5.
fn read_checking_r2<R: Runtime, S: ReaderSpec>(
    spec: &S,
    reader: &mut S::Reader,
    handle: &ReadHandle,
    sizes: &[usize],
) -> Vec<u8>
where
    S::Reader: DriveRead<R>,
{
    let mut sizes = sizes.to_vec();
    if sizes.iter().all(|&size| size == 0) {
        // Empty destinations alone would never reach the end.
        sizes.push(64);
    }
    let mut decoded = Vec::new();
    let mut buf = vec![0; sizes.iter().copied().max().unwrap_or(1)];
    let mut errors = 0;
    for turn in 0.. {
        let size = sizes[turn % sizes.len()];
        let before = handle.record();
        let driven = read_on::<R, _>(reader, &mut buf[..size]);
        let inner_not_ready = handle.record().not_ready - before.not_ready;
        assert!(
            driven.not_ready <= inner_not_ready,
            "{}: {} not-ready answers where the inner reader gave {inner_not_ready} (R2)",
            spec.name(),
            driven.not_ready
        );
        match driven.result {
            Ok(n) if size == 0 => assert_eq!(n, 0, "{}: Ok({n}) into nothing", spec.name()),
            Ok(0) => break,
            Ok(n) => decoded.extend_from_slice(&buf[..n]),
            Err(error) => {
                assert!(
                    error.kind() == ErrorKind::ConnectionReset
                        && error.to_string() == SCRIPTED_READ_ERROR,
                    "{}: an error the inner reader did not return as it is: {:?}: {error} \
                     ({} bytes decoded)",
                    spec.name(),
                    error.kind(),
                    decoded.len()
                );
                errors += 1;
                assert!(errors <= MAX_ERRORS, "{}: never recovered", spec.name());
            }
        }
    }
    decoded
}

/// R2: over an inner reader that is always ready, no read is ever "not ready".
pub fn calm_inner_never_sees_not_ready<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let payload = sized(spec, PayloadKind::Text, 8, 20_000);
    let (mut reader, _) = build(spec, &spec.stream(&payload), Vec::new());
    let log = read_to_end_on::<R, _>(&mut reader, &[777, 1, 4096], 0, |_| true);
    assert_eq!(
        log.not_ready,
        0,
        "{}: NotReady over a calm reader",
        spec.name()
    );
    assert_payload(spec, &log.data, &payload, "over a calm reader");
}

/// R1: an empty destination is answered `Ok(0)` without reading the inner reader,
/// before, during and after the stream, and the reading goes on unchanged.
pub fn empty_destination_returns_zero_and_changes_nothing<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let payload = sized(spec, PayloadKind::Random, 3, 1000);
    let (mut reader, handle) = build(spec, &spec.stream(&payload), Vec::new());
    let mut empty = [0u8; 0];
    let mut decoded = Vec::new();
    let mut buf = [0u8; 10];
    for round in 0.. {
        let before = handle.record();
        let answer = read_on::<R, _>(&mut reader, &mut empty).result;
        assert!(
            matches!(answer, Ok(0)),
            "{}: empty read: {answer:?}",
            spec.name()
        );
        assert_eq!(
            handle.record().served,
            before.served,
            "{}: an empty read read the inner reader (round {round})",
            spec.name()
        );
        match read_on::<R, _>(&mut reader, &mut buf).result {
            Ok(0) => break,
            Ok(n) => decoded.extend_from_slice(&buf[..n]),
            Err(error) => panic!("{}: {error}", spec.name()),
        }
    }
    assert_payload(spec, &decoded, &payload, "with empty reads between");
    let answer = read_on::<R, _>(&mut reader, &mut empty).result;
    assert!(
        matches!(answer, Ok(0)),
        "{}: empty read at the end: {answer:?}",
        spec.name()
    );
}

/// The positions a stream of `len` bytes is cut at: every one of a short stream, the
/// first and last 100 and a hundred between of a long one.
fn cuts(len: usize) -> Vec<usize> {
    if len <= 300 {
        return (0..len).collect();
    }
    let step = (len / 100).max(1);
    (0..100)
        .chain((100..len - 100).step_by(step))
        .chain(len - 100..len)
        .collect()
}

/// R3: the inner reader's end anywhere before the stream's end is an error naming the
/// reader (`UnexpectedEof`, or `InvalidData` where the cut leaves a wrong trailer) for a
/// reader whose stream ends itself, never a clean end; for one that ends at the inner
/// reader's end, a clean end gives a prefix of the payload. Whatever came before is a
/// prefix of the payload, and the error stays.
pub fn end_before_the_stream_end_is_unexpected_eof<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    for (index, &len) in [0usize, 1, 2, 5, 300, 3000].iter().enumerate() {
        let kind = [PayloadKind::Text, PayloadKind::Random][index % 2];
        let payload = sized(spec, kind, index as u64, len);
        let stream = spec.stream(&payload);
        for cut in cuts(stream.len()) {
            let schedule = match cut % 2 {
                0 => Vec::new(),
                _ => vec![PartialOp::Limited(7); 64],
            };
            let (mut reader, _) = build(spec, &stream[..cut], schedule);
            let log = read_to_end_on::<R, _>(&mut reader, &[13, 4096], 1, |_| true);
            let what = format!("the {}-byte stream cut at {cut}", stream.len());
            assert_prefix(spec, &log.data, &payload, &what);
            match log.errors.first() {
                Some(error) => {
                    assert_stream_error(spec, error, &what);
                    let again = read_on::<R, _>(&mut reader, &mut [0; 16]).result;
                    assert!(
                        matches!(again, Err(ref e) if e.kind() == error.kind()),
                        "{}: {what}: the error did not stay: {again:?}",
                        spec.name()
                    );
                }
                None => assert!(
                    !spec.ends_itself(),
                    "{}: {what} ended cleanly after {} bytes",
                    spec.name(),
                    log.data.len()
                ),
            }
        }
        let (mut reader, _) = build(spec, &stream, Vec::new());
        let log = read_to_end_on::<R, _>(&mut reader, &[13, 4096], 0, |_| true);
        assert_payload(spec, &log.data, &payload, "the whole stream");
    }
}

/// R6: after the end, `into_parts` gives back every byte that follows the stream (what
/// the reader buffered, then what the inner reader still has), so a second stream on
/// the same connection reads in full; a reader that ends at the inner reader's end
/// leaves nothing.
pub fn bytes_after_the_end_come_back_through_into_parts<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let mut trailing = b"NEXT stream: ".to_vec();
    trailing.extend(payload(PayloadKind::Random, 99, 300));
    let cases: [(usize, Vec<PartialOp>, &[usize]); 5] = [
        (0, Vec::new(), &[4096]),
        (1, vec![PartialOp::Limited(1); 5000], &[1]),
        (300, vec![PartialOp::Limited(5); 1000], &[7, 64]),
        (3000, Vec::new(), &[4096]),
        (
            3000,
            (0..100)
                .flat_map(|_| {
                    [
                        PartialOp::Err(ErrorKind::WouldBlock),
                        PartialOp::Limited(50),
                    ]
                })
                .collect(),
            &[100],
        ),
    ];
    for (len, schedule, sizes) in cases {
        let first = sized(spec, PayloadKind::Text, 1, len);
        let second = sized(spec, PayloadKind::Random, 2, 500);
        let mut data = spec.stream(&first);
        if !spec.ends_itself() {
            let (mut reader, _) = build(spec, &data, schedule);
            let log = read_to_end_on::<R, _>(&mut reader, sizes, 0, |_| true);
            assert_payload(spec, &log.data, &first, "to the inner end");
            let (inner, rest) = S::into_parts(reader);
            assert!(
                rest.is_empty() && inner.remaining().is_empty(),
                "{}: left over",
                spec.name()
            );
            continue;
        }
        let next = spec.stream(&second);
        data.extend_from_slice(&next);
        data.extend_from_slice(&trailing);
        let (mut reader, _) = build(spec, &data, schedule);
        let log = read_to_end_on::<R, _>(&mut reader, sizes, 0, |_| true);
        assert_payload(spec, &log.data, &first, "the first stream");
        let again = read_on::<R, _>(&mut reader, &mut [0; 8]).result;
        assert!(
            matches!(again, Ok(0)),
            "{}: after the end: {again:?}",
            spec.name()
        );
        let (inner, rest) = S::into_parts(reader);
        let mut after = rest.to_vec();
        after.extend_from_slice(inner.remaining());
        assert!(
            after[..] == [&next[..], &trailing[..]].concat()[..],
            "{}: {} bytes came back after the end of a {len}-byte payload's stream, where \
             {} followed it",
            spec.name(),
            after.len(),
            next.len() + trailing.len()
        );
        let (mut reader, _) = build(spec, &after, Vec::new());
        let log = read_to_end_on::<R, _>(&mut reader, &[4096], 0, |_| true);
        assert_payload(spec, &log.data, &second, "the second stream");
        let (inner, rest) = S::into_parts(reader);
        assert_eq!([&rest[..], inner.remaining()].concat(), trailing);
    }
}

/// R7: dropping a reader, before or after reading, does no I/O.
pub fn drop_does_no_io<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let stream = spec.stream(&sized(spec, PayloadKind::Text, 4, 500));
    let (reader, handle) = build(spec, &stream, Vec::new());
    drop(reader);
    assert_eq!(handle.record().read_calls, 0, "{}: drop read", spec.name());
    let (mut reader, handle) = build(spec, &stream, Vec::new());
    let _ = read_on::<R, _>(&mut reader, &mut [0; 10]).result;
    let before = handle.record();
    drop(reader);
    assert_eq!(
        handle.record(),
        before,
        "{}: drop touched the inner reader",
        spec.name()
    );
}
