//! Property tests beyond the contract suite: random levels and formats, random
//! chunkings, and byte-for-byte agreement with flate2's own blocking encoders.

use std::io::Write;

use futures::Future;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use writestack_core::FinishExt;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::contract::{apply, shutdown};
use writestack_test::reference;
use writestack_test::reference::Format;
use writestack_test::{hostile_schedule, ops, payload, payload_kind, test_writer, Op};

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Deflate),
        Just(Format::Zlib),
        Just(Format::Gzip)
    ]
}

/// Sizes of consecutive writes.
fn chunking() -> impl Strategy<Value = Vec<usize>> {
    vec(
        prop_oneof![1usize..16, 16usize..2000, 2000usize..70_000],
        1..40,
    )
}

fn pieces<'a>(data: &'a [u8], sizes: &[usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut pos = 0;
    for size in sizes.iter().cycle() {
        if pos == data.len() {
            break;
        }
        let end = (pos + size).min(data.len());
        out.push(&data[pos..end]);
        pos = end;
    }
    out
}

/// Any format, any level 0-9, any mix of writes, vectored writes and flushes, under an
/// inner writer that takes a few bytes at a time, blocks and gets interrupted: flate2's
/// decoders read back exactly the input.
#[test]
fn any_level_and_format_round_trips_under_hostile_schedules() {
    let strategy = (
        format(),
        0u32..=9,
        ops(),
        payload_kind(),
        any::<u64>(),
        hostile_schedule(),
    );
    let mut runner = TestRunner::new(writestack_test::config());
    let result = runner.run(&strategy, |(format, level, ops, kind, seed, schedule)| {
        let total: usize = ops.iter().map(Op::len).sum();
        let data = payload(kind, seed, total);
        let (inner, handle) = test_writer(schedule);
        let level = Compression::new(level);
        let errors = match format {
            Format::Deflate => {
                let mut layer = DeflateWriter::with_capacity(512, inner, level);
                let mut errors = apply(&mut layer, &ops, &data);
                errors.extend(shutdown(&mut layer));
                errors
            }
            Format::Zlib => {
                let mut layer = ZlibWriter::with_capacity(512, inner, level);
                let mut errors = apply(&mut layer, &ops, &data);
                errors.extend(shutdown(&mut layer));
                errors
            }
            Format::Gzip => {
                let mut layer = GzipWriter::builder()
                    .level(level)
                    .buffer_capacity(512)
                    .new_write(inner)
                    .unwrap();
                let mut errors = apply(&mut layer, &ops, &data);
                errors.extend(shutdown(&mut layer));
                errors
            }
        };
        prop_assert!(
            errors.is_empty(),
            "errors without hard errors scheduled: {:?}",
            errors
        );
        let decoded = reference::decode(format, &handle.data()).map_err(TestCaseError::fail)?;
        prop_assert!(
            decoded == data,
            "{:?}: decoded {} of {} bytes",
            format,
            decoded.len(),
            data.len()
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Checks our output against flate2's encoder fed the same writes.
///
/// miniz_oxide compresses into its own buffer, so its bytes depend only on the input:
/// the two must be identical (same header defaults, same codec, nothing added). zlib-rs
/// compresses straight into the caller's output room, and its bytes shift slightly with
/// that room (8 KiB here, 32 KiB in flate2's writers): there the output must decode and
/// stay within 0.5% (plus a few bytes) of flate2's size.
fn same_output(
    format: Format,
    ours: &[u8],
    anchor: &[u8],
    data: &[u8],
) -> Result<(), TestCaseError> {
    if cfg!(feature = "zlib-rs") {
        let decoded = reference::decode(format, ours).map_err(TestCaseError::fail)?;
        prop_assert!(
            decoded == data,
            "{:?}: does not decode to the input",
            format
        );
        let allowed = anchor.len() / 200 + 16;
        prop_assert!(
            ours.len().abs_diff(anchor.len()) <= allowed,
            "{:?}: {} bytes, flate2 wrote {}",
            format,
            ours.len(),
            anchor.len()
        );
    } else {
        prop_assert!(
            ours == anchor,
            "{:?}: {} bytes, flate2 wrote {} other bytes",
            format,
            ours.len(),
            anchor.len()
        );
    }
    Ok(())
}

/// Without flushes, the gzip output matches flate2's `GzEncoder` for the same writes at
/// the same level (see `same_output`). Both get the same writes because zlib-rs also
/// compresses the end of a short write differently from the middle of a long one.
/// (Levels 1-9: at level 0, zlib-rs sizes stored blocks by the output room.)
#[test]
fn gzip_output_matches_flate2_gz_encoder_for_the_same_writes() {
    let strategy = (
        1u32..=9,
        payload_kind(),
        any::<u64>(),
        0usize..200_000,
        chunking(),
    );
    let mut runner = TestRunner::new(writestack_test::config());
    let result = runner.run(&strategy, |(level, kind, seed, len, sizes)| {
        let data = payload(kind, seed, len);
        let level = Compression::new(level);
        let mut ours = GzipWriter::new(Vec::new(), level);
        let mut anchor = flate2::write::GzEncoder::new(Vec::new(), level);
        for piece in pieces(&data, &sizes) {
            ours.write_all(piece).unwrap();
            anchor.write_all(piece).unwrap();
        }
        let ours = ours.finish().wait().unwrap().into_inner();
        same_output(Format::Gzip, &ours, &anchor.finish().unwrap(), &data)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// The same for raw deflate and zlib against flate2's `DeflateEncoder` / `ZlibEncoder`.
#[test]
fn deflate_and_zlib_output_match_flate2_encoders_for_the_same_writes() {
    let strategy = (
        1u32..=9,
        payload_kind(),
        any::<u64>(),
        0usize..100_000,
        chunking(),
    );
    let mut runner = TestRunner::new(writestack_test::config());
    let result = runner.run(&strategy, |(level, kind, seed, len, sizes)| {
        let data = payload(kind, seed, len);
        let level = Compression::new(level);
        let mut deflate = DeflateWriter::new(Vec::new(), level);
        let mut zlib = ZlibWriter::new(Vec::new(), level);
        let mut deflate_anchor = flate2::write::DeflateEncoder::new(Vec::new(), level);
        let mut zlib_anchor = flate2::write::ZlibEncoder::new(Vec::new(), level);
        for piece in pieces(&data, &sizes) {
            deflate.write_all(piece).unwrap();
            zlib.write_all(piece).unwrap();
            deflate_anchor.write_all(piece).unwrap();
            zlib_anchor.write_all(piece).unwrap();
        }
        let deflate = deflate.finish().wait().unwrap().into_inner();
        same_output(
            Format::Deflate,
            &deflate,
            &deflate_anchor.finish().unwrap(),
            &data,
        )?;
        let zlib = zlib.finish().wait().unwrap().into_inner();
        same_output(Format::Zlib, &zlib, &zlib_anchor.finish().unwrap(), &data)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Random data and text in random chunks, with a flush after every chunk: each flushed
/// prefix decodes to everything written so far (Python's zlib is the judge of the last
/// one, flate2 of the others), and the finished stream to all of it.
#[test]
fn every_flushed_prefix_decodes_for_random_chunkings() {
    // At most 40 flushes: each one decodes the whole prefix again.
    let strategy = (
        format(),
        0u32..=9,
        payload_kind(),
        any::<u64>(),
        vec(1usize..3000, 1..40),
    );
    let mut runner = TestRunner::new(writestack_test::config());
    let result = runner.run(&strategy, |(format, level, kind, seed, sizes)| {
        let data = payload(kind, seed, sizes.iter().sum());
        let level = Compression::new(level);
        let mut wire = Vec::new();
        let mut written = 0;
        macro_rules! drive {
            ($writer:expr) => {{
                let mut writer = $writer;
                for piece in pieces(&data, &sizes) {
                    writer.write_all(piece).unwrap();
                    writer.flush().unwrap();
                    written += piece.len();
                    let prefix = reference::decode_prefix(format, writer.get_ref())
                        .map_err(TestCaseError::fail)?;
                    prop_assert!(prefix == data[..written], "prefix after {} bytes", written);
                }
                let python = reference::python_zlib(format.wbits(), writer.get_ref(), false)
                    .map_err(TestCaseError::fail)?;
                prop_assert!(
                    python == data[..written],
                    "python: prefix after {} bytes",
                    written
                );
                wire.extend(writer.finish().wait().unwrap().into_inner());
            }};
        }
        match format {
            Format::Deflate => drive!(DeflateWriter::new(Vec::new(), level)),
            Format::Zlib => drive!(ZlibWriter::new(Vec::new(), level)),
            Format::Gzip => drive!(GzipWriter::new(Vec::new(), level)),
        }
        let decoded = reference::decode(format, &wire).map_err(TestCaseError::fail)?;
        prop_assert!(decoded == data);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
