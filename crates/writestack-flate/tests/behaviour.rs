//! What is specific to the compressing writers: sync flushes, members, header fields,
//! levels, counters, the checksum, and the backend selection.

use std::io::{ErrorKind, Read, Write};

use flate2::read::{GzDecoder, MultiGzDecoder};
use futures::{Async, Future};
use partial_io::PartialOp;
use tokio_io::AsyncWrite;
use writestack_core::{Finish, FinishExt};
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::contract::{finish, flush, shutdown, write_all};
use writestack_test::reference;
use writestack_test::reference::Format;
use writestack_test::{drive_poll, payload, poll_once, test_writer, PayloadKind, Recorder};

const SYNC_MARKER: [u8; 4] = [0, 0, 0xff, 0xff];

fn markers(wire: &[u8]) -> usize {
    wire.windows(4).filter(|w| *w == SYNC_MARKER).count()
}

/// Runs `check` on a fresh writer of each format over a `Vec<u8>`.
macro_rules! for_each_format {
    (|$writer:ident, $format:ident| $body:block) => {{
        {
            let $format = Format::Deflate;
            let mut $writer = DeflateWriter::new(Vec::new(), Compression::default());
            $body
        }
        {
            let $format = Format::Zlib;
            let mut $writer = ZlibWriter::new(Vec::new(), Compression::default());
            $body
        }
        {
            let $format = Format::Gzip;
            let mut $writer = GzipWriter::new(Vec::new(), Compression::default());
            $body
        }
    }};
}

#[test]
fn each_flush_request_emits_exactly_one_sync_block_and_a_repeat_emits_nothing() {
    for_each_format!(|writer, format| {
        writer.write_all(b"the first message, ").unwrap();
        writer.flush().unwrap();
        let first = writer.get_ref().clone();
        assert!(
            first.ends_with(&SYNC_MARKER),
            "{format:?}: no sync block at the end"
        );
        assert_eq!(markers(&first), 1, "{format:?}");
        writer.flush().unwrap();
        writer.flush().unwrap();
        assert_eq!(
            writer.get_ref(),
            &first,
            "{format:?}: a flush with nothing new wrote"
        );
        writer.write_all(b"and the second one").unwrap();
        writer.flush().unwrap();
        assert!(writer.get_ref().ends_with(&SYNC_MARKER), "{format:?}");
        assert_eq!(markers(writer.get_ref()), 2, "{format:?}");
        let decoded = reference::decode_prefix(format, writer.get_ref()).unwrap();
        assert_eq!(
            decoded, b"the first message, and the second one",
            "{format:?}"
        );
    });
}

#[test]
fn flushing_a_fresh_writer_emits_the_gzip_header_once_and_nothing_for_deflate_or_zlib() {
    let mut gzip = GzipWriter::new(Vec::new(), Compression::default());
    gzip.flush().unwrap();
    assert_eq!(gzip.get_ref().as_slice(), gzip.header());
    gzip.flush().unwrap();
    assert_eq!(gzip.get_ref().len(), 10, "a second flush wrote more");

    let mut deflate = DeflateWriter::new(Vec::new(), Compression::default());
    deflate.flush().unwrap();
    assert!(deflate.get_ref().is_empty());
    let mut zlib = ZlibWriter::new(Vec::new(), Compression::default());
    zlib.flush().unwrap();
    assert!(zlib.get_ref().is_empty());
}

#[test]
fn a_flush_retried_after_would_block_continues_the_same_sync_block() {
    let data = payload(PayloadKind::Text, 21, 50_000);
    let calm = {
        let mut writer = GzipWriter::new(Vec::new(), Compression::default());
        writer.write_all(&data).unwrap();
        writer.flush().unwrap();
        writer.into_inner()
    };
    let (inner, handle) = test_writer(Vec::new());
    let mut writer = GzipWriter::new(inner, Compression::default());
    assert!(write_all(&mut writer, &data).is_empty());
    handle.push_ops(
        [PartialOp::Limited(3), PartialOp::Err(ErrorKind::WouldBlock)]
            .iter()
            .cycle()
            .take(200)
            .cloned(),
    );
    let driven = drive_poll(|| writer.poll_flush());
    assert!(driven.result.is_ok());
    assert!(driven.not_ready > 5, "the schedule did interrupt the flush");
    assert_eq!(
        handle.data(),
        calm,
        "the retried flush did not continue the same block"
    );
}

#[test]
fn a_sync_flush_that_closes_a_block_on_the_way_still_delivers_everything() {
    // miniz_oxide closes a block after about 31 KiB of input, and can return from a
    // sync flush early, with output room left, when that happens during the flush.
    // These lengths hit that at levels 0 and 1 (flate2's own write encoders lose the
    // tail of the flushed prefix there).
    let cases = (31_700..32_100)
        .step_by(13)
        .map(|len| (0, len))
        .chain((58_296..58_700).step_by(89).map(|len| (1, len)));
    for (level, len) in cases {
        let data = payload(PayloadKind::Random, len as u64, len);
        let mut writer = DeflateWriter::new(Vec::new(), Compression::new(level));
        writer.write_all(&data).unwrap();
        writer.flush().unwrap();
        let decoded = reference::decode_prefix(Format::Deflate, writer.get_ref()).unwrap();
        assert!(
            decoded == data,
            "level {level}, {len} bytes: the flushed prefix decodes to {} bytes",
            decoded.len()
        );
    }
}

#[test]
fn finish_flushes_without_shutting_down_and_shutdown_forwards_once() {
    let (inner, handle) = test_writer(Vec::new());
    let mut writer = GzipWriter::new(inner, Compression::default());
    assert!(write_all(&mut writer, b"body").is_empty());
    assert!(finish(&mut writer).is_empty());
    let record = handle.record();
    assert_eq!(record.shutdown_calls, 0);
    assert_eq!(record.flushes, 1);
    assert_eq!(
        reference::decode(Format::Gzip, &record.data).unwrap(),
        b"body"
    );
    assert!(shutdown(&mut writer).is_empty());
    assert!(shutdown(&mut writer).is_empty());
    let after = handle.record();
    assert_eq!(
        after.data, record.data,
        "shutdown after finish wrote a second trailer"
    );
    assert_eq!((after.shutdown_calls, after.shutdown_completions), (1, 1));
}

#[test]
fn a_new_writer_on_a_finished_inner_writer_starts_the_next_member() {
    let (recorder, handle) = Recorder::new();
    let mut first = GzipWriter::new(recorder, Compression::default());
    first.write_all(b"HTTP body one; ").unwrap();
    let recorder = first.finish().wait().unwrap().into_inner();
    let first_len = handle.data().len();
    let mut second = GzipWriter::new(recorder, Compression::best());
    second.write_all(b"HTTP body two").unwrap();
    let driven = drive_poll(|| second.shutdown());
    assert!(driven.result.is_ok());

    let wire = handle.data();
    let mut text = String::new();
    MultiGzDecoder::new(&wire[..])
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "HTTP body one; HTTP body two");
    let mut first_only = String::new();
    GzDecoder::new(&wire[..first_len])
        .read_to_string(&mut first_only)
        .unwrap();
    assert_eq!(first_only, "HTTP body one; ");
    assert_eq!(handle.record().shutdown_completions, 1);
}

#[test]
fn levels_above_nine_are_refused_by_the_builder_and_treated_as_nine_by_new() {
    for level in [10, 11, u32::MAX] {
        let error = GzipWriter::builder()
            .level(Compression::new(level))
            .new_write(Vec::<u8>::new())
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.to_string().contains(&level.to_string()), "{error}");
        assert!(error.to_string().contains("GzipWriter"), "{error}");
    }
    let text = payload(PayloadKind::Text, 22, 20_000);
    let wire = |level: u32| {
        let mut writer = ZlibWriter::new(Vec::new(), Compression::new(level));
        assert_eq!(writer.level().level(), level.min(9));
        writer.write_all(&text).unwrap();
        writer.finish().wait().unwrap().into_inner()
    };
    assert_eq!(wire(10), wire(9));
    assert_eq!(
        reference::decode(Format::Zlib, &wire(u32::MAX)).unwrap(),
        text
    );
    let gzip = GzipWriter::new(Vec::<u8>::new(), Compression::new(10));
    assert_eq!(gzip.level().level(), 9);
    let deflate = DeflateWriter::new(Vec::<u8>::new(), Compression::new(10));
    assert_eq!(deflate.level().level(), 9);
}

#[test]
fn the_builder_refuses_nul_bytes_in_header_fields_and_a_zero_buffer() {
    let builders = [
        GzipWriter::builder().filename(&b"a\0.txt"[..]).clone(),
        GzipWriter::builder().comment("x\0y").clone(),
        GzipWriter::builder().buffer_capacity(0).clone(),
    ];
    for builder in builders {
        let error = builder.new_write(Vec::<u8>::new()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
        assert!(error.to_string().starts_with("GzipWriter: "), "{error}");
    }
}

#[test]
fn header_fields_from_the_builder_are_read_back_by_flate2() {
    let mut writer = GzipWriter::builder()
        .filename("archive.tar")
        .comment("nightly")
        .mtime(1_234_567_890)
        .operating_system(11)
        .level(Compression::fast())
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"contents").unwrap();
    let wire = writer.finish().wait().unwrap().into_inner();
    let mut decoder = GzDecoder::new(&wire[..]);
    let mut text = String::new();
    decoder.read_to_string(&mut text).unwrap();
    assert_eq!(text, "contents");
    let header = decoder.header().expect("a parsed header");
    assert_eq!(header.filename(), Some(&b"archive.tar"[..]));
    assert_eq!(header.comment(), Some(&b"nightly"[..]));
    assert_eq!(header.mtime(), 1_234_567_890);
    assert_eq!(header.operating_system(), 11);
}

#[test]
fn the_default_header_is_the_one_flate2_gz_encoder_writes_at_each_level() {
    for level in 0..=9 {
        let level = Compression::new(level);
        let anchor = flate2::write::GzEncoder::new(Vec::new(), level)
            .finish()
            .unwrap();
        let writer = GzipWriter::new(Vec::<u8>::new(), level);
        assert_eq!(writer.header(), &anchor[..10], "level {}", level.level());
    }
}

#[test]
fn lower_levels_give_larger_output_and_level_zero_stores() {
    let text = payload(PayloadKind::Text, 23, 100_000);
    let size = |level: u32| {
        let mut writer = GzipWriter::new(Vec::new(), Compression::new(level));
        writer.write_all(&text).unwrap();
        writer.finish().wait().unwrap().into_inner().len()
    };
    let (stored, fast, best) = (size(0), size(1), size(9));
    assert!(
        stored > text.len(),
        "level 0 stored {stored} bytes for {}",
        text.len()
    );
    assert!(fast < stored / 2, "level 1: {fast}");
    assert!(best < fast, "level 9: {best}, level 1: {fast}");
}

#[test]
fn the_trailer_holds_the_crc32_and_length_of_exactly_what_was_accepted() {
    let data = payload(PayloadKind::Random, 24, 400_000);
    let (inner, handle) = test_writer(Vec::new());
    let mut writer = GzipWriter::new(inner, Compression::default());
    handle.set_blocked(true);
    let mut accepted = 0;
    loop {
        let (answer, woken) = poll_once(|| writer.poll_write(&data[accepted..]));
        match answer.unwrap() {
            Async::Ready(n) => accepted += n,
            Async::NotReady => {
                assert!(woken);
                break;
            }
        }
    }
    assert!(accepted < data.len(), "the writer stopped taking input");
    assert_eq!(writer.crc(), crc32fast::hash(&data[..accepted]));
    handle.set_blocked(false);
    assert!(finish(&mut writer).is_empty());
    let wire = handle.data();
    let trailer = &wire[wire.len() - 8..];
    assert_eq!(
        trailer[..4],
        crc32fast::hash(&data[..accepted]).to_le_bytes()
    );
    assert_eq!(trailer[4..], u32::try_from(accepted).unwrap().to_le_bytes());
    assert!(reference::decode(Format::Gzip, &wire).unwrap() == data[..accepted]);
}

#[test]
fn counters_report_bytes_accepted_and_bytes_the_inner_writer_took() {
    let data = payload(PayloadKind::Text, 25, 60_000);
    let (inner, handle) = test_writer(vec![PartialOp::Limited(100); 50]);
    let mut writer = ZlibWriter::new(inner, Compression::default());
    assert!(write_all(&mut writer, &data).is_empty());
    assert_eq!(writer.total_in(), data.len() as u64);
    assert_eq!(writer.total_out(), handle.data().len() as u64);
    assert!(flush(&mut writer).is_empty());
    assert_eq!(writer.total_out(), handle.data().len() as u64);
    assert!(finish(&mut writer).is_empty());
    assert_eq!(writer.total_out(), handle.data().len() as u64);
    assert_eq!(writer.total_in(), data.len() as u64);
}

#[test]
fn debug_shows_the_state_not_the_bytes() {
    let mut writer = GzipWriter::new(Vec::new(), Compression::new(3));
    writer.write_all(b"secret").unwrap();
    let text = format!("{writer:?}");
    assert!(text.starts_with("GzipWriter"), "{text}");
    assert!(text.contains("level: 3"), "{text}");
    assert!(text.contains("total_in: 6"), "{text}");
    let text = format!(
        "{:?}",
        DeflateWriter::new(Vec::<u8>::new(), Compression::fast())
    );
    assert!(
        text.starts_with("DeflateWriter") && text.contains("level: 1"),
        "{text}"
    );
    let text = format!(
        "{:?}",
        ZlibWriter::new(Vec::<u8>::new(), Compression::best())
    );
    assert!(
        text.starts_with("ZlibWriter") && text.contains("level: 9"),
        "{text}"
    );
}

#[test]
fn an_empty_stream_is_valid_in_every_format() {
    for_each_format!(|writer, format| {
        assert_eq!(writer.poll_finish().unwrap(), Async::Ready(()));
        assert_eq!(
            reference::decode(format, writer.get_ref()).unwrap(),
            b"",
            "{format:?}"
        );
        assert_eq!(writer.total_out(), writer.get_ref().len() as u64);
    });
}

/// With the `zlib-rs` feature flate2 must really use zlib-rs: `new_with_window_bits`
/// exists only with a zlib-class backend (this crate offers no C one), and it takes
/// effect (a 512-byte window is announced in the zlib header as CINFO 1).
#[cfg(feature = "zlib-rs")]
#[test]
fn the_zlib_rs_feature_selects_a_zlib_class_backend() {
    let mut compress = flate2::Compress::new_with_window_bits(Compression::default(), true, 9);
    let mut out = Vec::with_capacity(64);
    compress
        .compress_vec(b"abc", &mut out, flate2::FlushCompress::Finish)
        .unwrap();
    assert_eq!(out[0], 0x18, "CMF for deflate with a 512-byte window");
}

#[test]
fn a_gzip_buffer_capacity_outside_the_limits_is_invalid_input_not_a_panic() {
    let limits = writestack_flate::MIN_CAPACITY..=writestack_core::MAX_CAPACITY;
    for capacity in [
        0,
        1,
        15,
        usize::MAX,
        usize::MAX / 2,
        writestack_core::MAX_CAPACITY + 1,
    ] {
        assert!(!limits.contains(&capacity));
        let error = GzipWriter::builder()
            .buffer_capacity(capacity)
            .new_write(Vec::<u8>::new())
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{capacity}");
        assert!(error.to_string().contains("GzipWriter"), "{error}");
    }
    for capacity in [*limits.start(), 4096] {
        let writer = GzipWriter::builder()
            .buffer_capacity(capacity)
            .new_write(Vec::<u8>::new());
        assert_eq!(writer.unwrap().capacity(), capacity);
    }
}

#[test]
fn infallible_constructors_keep_capacities_within_the_limits() {
    let level = Compression::fast();
    let min = writestack_flate::MIN_CAPACITY;
    let max = writestack_core::MAX_CAPACITY;
    assert_eq!(
        DeflateWriter::with_capacity(0, Vec::<u8>::new(), level).capacity(),
        min
    );
    assert_eq!(
        ZlibWriter::with_capacity(1, Vec::<u8>::new(), level).capacity(),
        min
    );
    assert_eq!(
        DeflateWriter::with_capacity(usize::MAX, Vec::<u8>::new(), level).capacity(),
        max
    );
}
