//! What the layers write on tokio 1, read back by decoders this workspace did not write:
//! async-compression's tokio `bufread` decoders (deflate, zlib, gzip, multi-member gzip),
//! tokio-util's `FramedRead` with `LengthDelimitedCodec` (every prefix width, both byte
//! orders, message and chunked frames), the `leb128` crate (varint prefixes), and the
//! system `gzip` and Python 3's `zlib` through the test kit (a missing tool fails the
//! test, it is never skipped).
//!
//! Every stream here is written through `tokio::io::AsyncWrite` and ended with
//! `writestack::tokio::FinishExt::finish` or `poll_shutdown`, on a tokio 1 runtime.
#![cfg(all(
    feature = "tokio",
    feature = "buf",
    feature = "flate",
    feature = "crc",
    feature = "frame"
))]

mod common;

use std::io::{self, IoSlice};
use std::time::Duration;

use futures03::StreamExt;
use tokio1::io::{AsyncWrite, AsyncWriteExt};
use tokio_util::codec::{FramedRead, LengthDelimitedCodec};
use writestack::flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack::frame::FrameWriter;
use writestack::prelude::WriteStackExt;
use writestack::tokio::{Finish, FinishExt};
use writestack::Endian;
use writestack_test::reference;
use writestack_test::{payload, PayloadKind};

use common::{async_decode, async_gzip_members, block_on, leb128_frames, Counting, Format};

// ---------------------------------------------------------------------------------------
// Deflate, zlib, gzip.

/// A writer of one of the three formats over a `Vec<u8>`, so tests can loop formats.
trait Encoder: AsyncWrite + Finish + Unpin + Send {
    fn wire(&self) -> &[u8];
    fn into_wire(self: Box<Self>) -> Vec<u8>;
}

macro_rules! encoder {
    ($layer:ident) => {
        impl Encoder for $layer<Vec<u8>> {
            fn wire(&self) -> &[u8] {
                self.get_ref()
            }
            fn into_wire(self: Box<Self>) -> Vec<u8> {
                (*self).into_inner()
            }
        }
    };
}
encoder!(DeflateWriter);
encoder!(ZlibWriter);
encoder!(GzipWriter);

fn open(format: Format, level: u32) -> Box<dyn Encoder> {
    let level = Compression::new(level);
    match format {
        Format::Deflate => Box::new(DeflateWriter::new(Vec::new(), level)),
        Format::Zlib => Box::new(ZlibWriter::new(Vec::new(), level)),
        Format::Gzip => Box::new(GzipWriter::new(Vec::new(), level)),
    }
}

/// Ends the stream with `finish().await` (the `Vec` is not shut down) and takes the wire.
async fn finish(mut encoder: Box<dyn Encoder>) -> Vec<u8> {
    encoder.finish().await.expect("finish over a Vec");
    encoder.into_wire()
}

/// How the application hands the bytes to the top layer.
#[derive(Clone, Copy, Debug)]
enum Pattern {
    /// One `write_all` of everything.
    Whole,
    /// `write_all` of sizes cycling 1, 8, 43, ... up to about 27 KB.
    OddChunks,
    /// 7-byte writes.
    Tiny,
    /// `write_vectored` of 100 slices of odd sizes at a time (more than a layer gathers).
    Vectored,
    /// 10 KB writes, each followed by `flush().await`.
    FlushEach,
}

const PATTERNS: [Pattern; 5] = [
    Pattern::Whole,
    Pattern::OddChunks,
    Pattern::Tiny,
    Pattern::Vectored,
    Pattern::FlushEach,
];

/// Writes `slices` whole with `write_vectored`, however much each call takes.
async fn write_all_vectored<W: AsyncWrite + Unpin + ?Sized>(writer: &mut W, slices: &[&[u8]]) {
    let mut slices: Vec<&[u8]> = slices.iter().copied().filter(|s| !s.is_empty()).collect();
    let mut first = 0;
    while first < slices.len() {
        let io: Vec<IoSlice<'_>> = slices[first..].iter().map(|s| IoSlice::new(s)).collect();
        let mut n = writer.write_vectored(&io).await.expect("write_vectored");
        assert!(n > 0, "write_vectored took nothing");
        while n > 0 {
            let len = slices[first].len();
            if n >= len {
                n -= len;
                first += 1;
            } else {
                slices[first] = &slices[first][n..];
                n = 0;
            }
        }
    }
}

async fn write_with<W: AsyncWrite + Unpin + ?Sized>(writer: &mut W, pattern: Pattern, data: &[u8]) {
    match pattern {
        Pattern::Whole => writer.write_all(data).await.expect("write_all"),
        Pattern::OddChunks => {
            let (mut pos, mut size) = (0, 1);
            while pos < data.len() {
                let end = (pos + size).min(data.len());
                writer.write_all(&data[pos..end]).await.expect("write_all");
                pos = end;
                size = if size > 20_000 { 1 } else { size * 5 + 3 };
            }
        }
        Pattern::Tiny => {
            for piece in data.chunks(7) {
                writer.write_all(piece).await.expect("write_all");
            }
        }
        Pattern::Vectored => {
            let mut slices = Vec::new();
            let (mut pos, mut size) = (0, 1);
            while pos < data.len() {
                let end = (pos + size).min(data.len());
                slices.push(&data[pos..end]);
                pos = end;
                size = (size * 7 + 5) % 3001;
            }
            for group in slices.chunks(100) {
                write_all_vectored(writer, group).await;
            }
        }
        Pattern::FlushEach => {
            for piece in data.chunks(10_000) {
                writer.write_all(piece).await.expect("write_all");
                writer.flush().await.expect("flush");
            }
        }
    }
}

#[test]
fn async_compression_decodes_every_format_level_and_write_pattern() {
    let text = payload(PayloadKind::Text, 21, 60_000);
    block_on(async {
        for format in Format::ALL {
            for level in [0, 1, 6, 9] {
                for pattern in PATTERNS {
                    let mut encoder = open(format, level);
                    write_with(&mut encoder, pattern, &text).await;
                    let wire = finish(encoder).await;
                    let decoded = async_decode(format, &wire)
                        .await
                        .unwrap_or_else(|why| panic!("{format:?} {level} {pattern:?}: {why}"));
                    assert!(
                        decoded == text,
                        "{format:?} level {level} {pattern:?}: decoded {} of {} bytes, or others",
                        decoded.len(),
                        text.len()
                    );
                }
            }
        }
    });
}

#[test]
fn async_compression_decodes_random_bytes_in_every_format() {
    let random = payload(PayloadKind::Random, 22, 300_000);
    block_on(async {
        for format in Format::ALL {
            for level in [0, 6] {
                let mut encoder = open(format, level);
                write_with(&mut encoder, Pattern::OddChunks, &random).await;
                let wire = finish(encoder).await;
                let decoded = async_decode(format, &wire)
                    .await
                    .unwrap_or_else(|why| panic!("{format:?} level {level}: {why}"));
                assert!(decoded == random, "{format:?} level {level}: other bytes");
            }
        }
    });
}

/// Reads a stream that was flushed but not ended with async-compression, as a peer
/// would while the connection stays open: the prefix goes into a pipe whose write end
/// stays open, and the decoder must produce `expected` bytes from it, then wait for more
/// (neither end the stream nor fail).
async fn async_decode_prefix(
    format: Format,
    wire: &[u8],
    expected: usize,
) -> Result<Vec<u8>, String> {
    use async_compression::tokio::bufread::{DeflateDecoder, GzipDecoder, ZlibDecoder};
    use futures03::FutureExt;
    use tokio1::io::{AsyncRead, AsyncReadExt, BufReader};

    let (mut open_end, read_end) = tokio1::io::duplex(wire.len() + 1);
    open_end.write_all(wire).await.map_err(|e| e.to_string())?;
    let read_end = BufReader::new(read_end);
    let mut decoder: std::pin::Pin<Box<dyn AsyncRead + Send>> = match format {
        Format::Deflate => Box::pin(DeflateDecoder::new(read_end)),
        Format::Zlib => Box::pin(ZlibDecoder::new(read_end)),
        Format::Gzip => Box::pin(GzipDecoder::new(read_end)),
    };
    let mut out = vec![0u8; expected];
    let read = tokio1::time::timeout(Duration::from_secs(5), decoder.read_exact(&mut out)).await;
    match read {
        Err(_) => {
            return Err("the decoder waits for more input: the flush left bytes behind".into())
        }
        Ok(Err(error)) => return Err(format!("{:?}: {error}", error.kind())),
        Ok(Ok(_)) => {}
    }
    let mut more = [0u8; 1];
    let answer = match decoder.read(&mut more).now_or_never() {
        None => Ok(out),
        Some(Ok(0)) => Err("the flushed prefix ended the stream".into()),
        Some(Ok(_)) => Err("the flushed prefix decodes to more bytes than were written".into()),
        Some(Err(error)) => Err(format!("after the prefix: {:?}: {error}", error.kind())),
    };
    // Only now: the decoder never saw an end of input.
    drop(open_end);
    answer
}

#[test]
fn async_compression_decodes_each_flushed_prefix_before_the_stream_ends() {
    let text = payload(PayloadKind::Text, 23, 90_000);
    block_on(async {
        for format in Format::ALL {
            let mut encoder = open(format, 6);
            let mut written = 0;
            for piece in text.chunks(30_000) {
                encoder.write_all(piece).await.unwrap();
                written += piece.len();
                encoder.flush().await.unwrap();
                let decoded = async_decode_prefix(format, encoder.wire(), written)
                    .await
                    .unwrap_or_else(|why| panic!("{format:?} after {written} bytes: {why}"));
                assert!(
                    decoded == text[..written],
                    "{format:?}: the prefix flushed after {written} bytes decodes to {} bytes",
                    decoded.len()
                );
            }
            let wire = finish(encoder).await;
            assert!(async_decode(format, &wire).await.unwrap() == text);
        }
    });
}

#[test]
fn async_compression_decodes_an_empty_stream_in_every_format() {
    block_on(async {
        for format in Format::ALL {
            // Ended by finish...
            let wire = finish(open(format, 6)).await;
            assert!(!wire.is_empty(), "{format:?}: no tail for an empty stream");
            let decoded = async_decode(format, &wire).await;
            assert_eq!(decoded, Ok(Vec::new()), "{format:?} (finish)");
            // ...and by shutdown, with a flush of nothing first.
            let mut encoder = open(format, 6);
            encoder.flush().await.unwrap();
            encoder.shutdown().await.unwrap();
            let shut = encoder.into_wire();
            assert_eq!(shut, wire, "{format:?}: shutdown and finish differ");
        }
    });
}

#[test]
fn finish_leaves_the_transport_open_and_shutdown_closes_it_once_after_one_tail() {
    let text = payload(PayloadKind::Text, 24, 20_000);
    block_on(async {
        // finish: the tail, no close.
        let mut finished = GzipWriter::new(Counting::new(Vec::new()), Compression::fast());
        finished.write_all(&text).await.unwrap();
        finished.finish().await.unwrap();
        finished.finish().await.unwrap();
        let transport = finished.into_inner();
        assert_eq!(transport.closes, 0, "finish closed the transport");
        assert!(async_decode(Format::Gzip, &transport.inner).await.unwrap() == text);

        // shutdown, twice: the same tail once, and one close.
        let mut shut = GzipWriter::new(Counting::new(Vec::new()), Compression::fast());
        shut.write_all(&text).await.unwrap();
        shut.shutdown().await.unwrap();
        let after_first = shut.get_ref().inner.len();
        shut.shutdown().await.unwrap();
        let transport = shut.into_inner();
        assert_eq!(
            transport.inner.len(),
            after_first,
            "a second shutdown wrote"
        );
        assert_eq!(
            transport.closes, 1,
            "the transport was closed {} times",
            transport.closes
        );
        assert_eq!(transport.inner, finished_wire(&text).await);
    });
}

async fn finished_wire(text: &[u8]) -> Vec<u8> {
    let mut writer = GzipWriter::new(Vec::new(), Compression::fast());
    writer.write_all(text).await.unwrap();
    writer.finish().await.unwrap();
    writer.into_inner()
}

#[test]
fn async_compression_reads_gzip_members_made_with_finish_and_into_inner() {
    let first = payload(PayloadKind::Text, 25, 40_000);
    let third = payload(PayloadKind::Random, 26, 20_000);
    block_on(async {
        let mut writer = GzipWriter::new(Vec::new(), Compression::fast());
        writer.write_all(&first).await.unwrap();
        writer.finish().await.unwrap();
        let file = writer.into_inner();
        // An empty member between the two.
        let mut writer = GzipWriter::new(file, Compression::best());
        writer.finish().await.unwrap();
        let file = writer.into_inner();
        let mut writer = GzipWriter::builder()
            .filename("third.bin")
            .new_write(file)
            .unwrap();
        write_with(&mut writer, Pattern::FlushEach, &third).await;
        writer.finish().await.unwrap();
        let file = writer.into_inner();

        let members = async_gzip_members(&file).await.expect("three members");
        let data: Vec<&[u8]> = members.iter().map(|(data, _)| &data[..]).collect();
        assert_eq!(data.len(), 3, "members");
        assert!(data[0] == first && data[1].is_empty() && data[2] == third);

        let expected = [first.clone(), third.clone()].concat();
        let mut all = async_compression::tokio::bufread::GzipDecoder::new(&file[..]);
        all.multiple_members(true);
        let mut decoded = Vec::new();
        tokio1::io::AsyncReadExt::read_to_end(&mut all, &mut decoded)
            .await
            .unwrap();
        assert!(
            decoded == expected,
            "multiple_members: {} bytes",
            decoded.len()
        );
        assert!(all.into_inner().is_empty());

        // Without multiple_members async-compression stops after the first member.
        let mut one = async_compression::tokio::bufread::GzipDecoder::new(&file[..]);
        let mut decoded = Vec::new();
        tokio1::io::AsyncReadExt::read_to_end(&mut one, &mut decoded)
            .await
            .unwrap();
        assert!(decoded == first);
        assert_eq!(one.into_inner().len(), file.len() - members[0].1);

        assert!(reference::gzip_dc(&file).unwrap() == expected, "gzip -dc");
        assert!(
            reference::decode_gzip_members(&file).unwrap() == expected,
            "flate2"
        );
    });
}

#[test]
fn python_zlib_decodes_every_format_written_on_tokio_1_at_four_levels() {
    let text = payload(PayloadKind::Text, 27, 100_000);
    block_on(async {
        for format in Format::ALL {
            for (level, pattern) in [
                (0, Pattern::Whole),
                (1, Pattern::Tiny),
                (6, Pattern::Vectored),
                (9, Pattern::OddChunks),
            ] {
                let mut encoder = open(format, level);
                write_with(&mut encoder, pattern, &text).await;
                let wire = finish(encoder).await;
                let decoded = reference::python_zlib(format.wbits(), &wire, true)
                    .unwrap_or_else(|why| panic!("{format:?} level {level}: {why}"));
                assert!(decoded == text, "{format:?} level {level}: other bytes");
            }
        }
    });
}

#[test]
fn python_zlib_decodes_empty_streams_and_flushed_prefixes_written_on_tokio_1() {
    let text = payload(PayloadKind::Text, 28, 60_000);
    block_on(async {
        for format in Format::ALL {
            let empty = finish(open(format, 6)).await;
            let decoded = reference::python_zlib(format.wbits(), &empty, true)
                .unwrap_or_else(|why| panic!("{format:?} empty: {why}"));
            assert_eq!(decoded, b"", "{format:?} empty");
            // A flushed prefix: python must decode all of it and see the stream open.
            let mut encoder = open(format, 6);
            write_with(&mut encoder, Pattern::FlushEach, &text).await;
            let prefix = reference::python_zlib(format.wbits(), encoder.wire(), false)
                .unwrap_or_else(|why| panic!("{format:?} flushed prefix: {why}"));
            assert!(prefix == text, "{format:?}: flushed prefix");
        }
    });
}

#[test]
fn gzip_dc_decodes_members_written_on_tokio_1() {
    let text = payload(PayloadKind::Text, 28, 300_000);
    block_on(async {
        for (level, pattern) in [
            (1, Pattern::Tiny),
            (6, Pattern::Vectored),
            (9, Pattern::OddChunks),
        ] {
            let mut encoder = open(Format::Gzip, level);
            write_with(&mut encoder, pattern, &text).await;
            let wire = finish(encoder).await;
            let decoded = reference::gzip_dc(&wire)
                .unwrap_or_else(|why| panic!("level {level} {pattern:?}: {why}"));
            assert!(
                decoded == text,
                "level {level} {pattern:?}: gzip -dc decoded other bytes"
            );
            // gzip notices a member cut before its trailer: the check above means something.
            assert!(reference::gzip_dc(&wire[..wire.len() - 4]).is_err());
        }
        let empty = finish(open(Format::Gzip, 6)).await;
        assert_eq!(reference::gzip_dc(&empty).unwrap(), b"");
    });
}

#[test]
fn the_full_stack_ended_by_shutdown_on_tokio_1_decodes_with_other_decoders() {
    let text = payload(PayloadKind::Text, 29, 200_000);
    block_on(async {
        let bottom = Counting::new(Vec::new())
            .buffered()
            .gzip(Compression::default())
            .crc32();
        let mut stack = FrameWriter::builder()
            .chunked()
            .new_write(bottom)
            .expect("chunked framing");
        write_with(&mut stack, Pattern::OddChunks, &text).await;
        stack.shutdown().await.unwrap();
        let transport = stack.into_inner().into_inner().into_inner().into_inner();
        assert_eq!(transport.closes, 1);
        let wire = transport.inner;

        // The kit's flate2 + crc32fast + tokio 0.1 codec chain.
        assert!(reference::decode_stack(&wire).expect("decode_stack") == text);
        // gzip -dc and Python's zlib, then the CRC and frames.
        let inner = reference::gzip_dc(&wire).expect("gzip -dc");
        assert_eq!(reference::python_zlib(31, &wire, true).unwrap(), inner);
        let framed = reference::strip_crc(&inner).expect("crc trailer");
        assert!(reference::unframe_chunked(&framed).unwrap() == text);
        // async-compression, then tokio-util's FramedRead over the frames.
        let inner = async_decode(Format::Gzip, &wire).await.expect("async gzip");
        let framed = reference::strip_crc(&inner).expect("crc trailer");
        let frames = framed_read(4, Endian::Big, 8 << 20, &framed).await.unwrap();
        assert!(reference::join_frames(&frames, true).unwrap() == text);
    });
}

// ---------------------------------------------------------------------------------------
// Length-prefixed frames.

/// tokio-util's `FramedRead` with a `LengthDelimitedCodec` configured like the writer;
/// a partial frame at the end of `wire` is an error (the codec's own check at EOF).
async fn framed_read(
    width: usize,
    endian: Endian,
    max: usize,
    wire: &[u8],
) -> Result<Vec<Vec<u8>>, String> {
    let mut builder = LengthDelimitedCodec::builder();
    builder.length_field_length(width).max_frame_length(max);
    match endian {
        Endian::Big => builder.big_endian(),
        Endian::Little => builder.little_endian(),
    };
    let mut reader = builder.new_read(wire);
    let mut frames = Vec::new();
    while let Some(frame) = reader.next().await {
        frames.push(frame.map_err(|e| e.to_string())?.to_vec());
    }
    Ok(frames)
}

/// The largest frame a `width`-byte prefix carries, capped at 100 000 bytes (the writer
/// and the codec are configured alike, so the exact maximum is tested at every width).
fn max_for(width: usize) -> usize {
    if width >= 3 {
        100_000
    } else {
        (1 << (8 * width)) - 1
    }
}

fn every_width_and_order() -> Vec<(usize, Endian)> {
    (1..=8)
        .flat_map(|width| [(width, Endian::Big), (width, Endian::Little)])
        .collect()
}

fn frame_writer(width: usize, endian: Endian, max: usize) -> writestack::frame::Builder {
    let mut builder = FrameWriter::builder();
    builder.length_field_length(width).max_frame_length(max);
    match endian {
        Endian::Big => builder.big_endian(),
        Endian::Little => builder.little_endian(),
    };
    builder.buffer_capacity(4096);
    builder
}

#[test]
fn framed_read_yields_each_message_for_every_width_and_byte_order() {
    block_on(async {
        for (width, endian) in every_width_and_order() {
            let max = max_for(width);
            // 1 byte, the maximum, more than the 4 KiB buffer (sent without a copy), and
            // odd sizes in between.
            let lens = [
                1,
                max.min(300),
                max.min(5000),
                max,
                17,
                max.min(70_000),
                2,
                max,
            ];
            let sent: Vec<Vec<u8>> = lens
                .iter()
                .enumerate()
                .map(|(i, &len)| payload(PayloadKind::Random, i as u64, len))
                .collect();
            let mut writer = frame_writer(width, endian, max)
                .new_write(Vec::new())
                .unwrap();
            for (i, message) in sent.iter().enumerate() {
                if i % 3 == 2 {
                    // A vectored write is one frame too.
                    let third = message.len() / 3;
                    let parts = [
                        &message[..third],
                        &message[third..2 * third],
                        &message[2 * third..],
                    ];
                    let io: Vec<IoSlice<'_>> = parts.iter().map(|p| IoSlice::new(p)).collect();
                    let n = writer.write_vectored(&io).await.unwrap();
                    assert_eq!(n, message.len(), "a message frame was taken in part");
                } else {
                    writer.write_all(message).await.unwrap();
                }
            }
            writer.finish().await.unwrap();
            assert_eq!(writer.frames_written(), sent.len() as u64);
            let wire = writer.into_inner();
            let frames = framed_read(width, endian, max, &wire)
                .await
                .unwrap_or_else(|why| panic!("{width} bytes {endian:?}: {why}"));
            assert!(frames == sent, "{width} bytes {endian:?}: other frames");
            if width > 1 {
                // The byte order is on the wire: read the other way, the frames differ.
                let other = match endian {
                    Endian::Big => Endian::Little,
                    Endian::Little => Endian::Big,
                };
                let misread = framed_read(width, other, 8 << 20, &wire).await;
                assert!(misread != Ok(sent.clone()), "{width} bytes: order ignored");
            }
        }
    });
}

#[test]
fn framed_read_joins_chunked_frames_up_to_the_end_marker_for_every_width_and_byte_order() {
    let text = payload(PayloadKind::Text, 31, 50_000);
    block_on(async {
        for (width, endian) in every_width_and_order() {
            // Small maxima cut frames at the maximum, 4 KiB buffers where they fill.
            let max = max_for(width).min(1000 * width);
            let mut writer = frame_writer(width, endian, max)
                .chunked()
                .new_write(Vec::new())
                .unwrap();
            write_with(&mut writer, Pattern::OddChunks, &text[..30_000]).await;
            write_with(&mut writer, Pattern::FlushEach, &text[30_000..]).await;
            writer.shutdown().await.unwrap();
            let frames_written = writer.frames_written();
            let wire = writer.into_inner();
            let frames = framed_read(width, endian, max, &wire)
                .await
                .unwrap_or_else(|why| panic!("{width} bytes {endian:?}: {why}"));
            assert_eq!(frames.len() as u64, frames_written);
            let longest = frames.iter().map(Vec::len).max().unwrap();
            assert!(longest <= max.min(4096 - width), "a {longest}-byte frame");
            let joined = reference::join_frames(&frames, true)
                .unwrap_or_else(|why| panic!("{width} bytes {endian:?}: {why}"));
            assert!(joined == text, "{width} bytes {endian:?}: other bytes");
        }
    });
}

#[test]
fn the_end_marker_is_written_only_when_configured_in_either_mode() {
    let text = payload(PayloadKind::Text, 32, 10_000);
    block_on(async {
        for chunked in [false, true] {
            for end_marker in [false, true] {
                let mut builder = FrameWriter::builder();
                if chunked {
                    builder.chunked();
                }
                builder.end_marker(end_marker);
                let mut writer = builder.new_write(Vec::new()).unwrap();
                for piece in text.chunks(3000) {
                    writer.write_all(piece).await.unwrap();
                }
                writer.finish().await.unwrap();
                let wire = writer.into_inner();
                let frames = framed_read(4, Endian::Big, 8 << 20, &wire).await.unwrap();
                let what = format!("chunked {chunked}, end marker {end_marker}");
                let joined = reference::join_frames(&frames, end_marker)
                    .unwrap_or_else(|why| panic!("{what}: {why}"));
                assert!(joined == text, "{what}: other bytes");
                if !chunked {
                    // One frame per write, plus the marker.
                    assert_eq!(frames.len(), 4 + usize::from(end_marker), "{what}");
                }
            }
        }
    });
}

#[test]
fn framed_read_decodes_frames_while_they_cross_a_small_duplex_pipe() {
    let sent: Vec<Vec<u8>> = (0..300usize)
        .map(|i| payload(PayloadKind::Random, i as u64, 1 + (i * 797) % 9_000))
        .collect();
    block_on(async {
        // 1 KiB of pipe: the writer meets Pending all the time and must be woken.
        let (near, far) = tokio1::io::duplex(1024);
        let writing = async {
            let mut writer = FrameWriter::new(Counting::new(near));
            for message in &sent {
                writer.write_all(message).await.unwrap();
            }
            writer.shutdown().await.unwrap();
            writer.into_inner()
        };
        let reading = async {
            let mut reader = FramedRead::new(far, LengthDelimitedCodec::new());
            let mut received = Vec::new();
            while let Some(frame) = reader.next().await {
                received.push(frame.expect("a frame").to_vec());
            }
            received
        };
        let (transport, received) =
            common::timed("the pipe", async { tokio1::join!(writing, reading) }).await;
        assert!(transport.pending > 0, "the pipe never pushed back");
        assert_eq!(transport.closes, 1);
        assert_eq!(received.len(), sent.len());
        assert!(received == sent, "a frame differs");
    });
}

#[test]
fn an_oversize_message_is_refused_and_the_frames_around_it_still_decode() {
    block_on(async {
        let mut writer = frame_writer(1, Endian::Big, 255)
            .new_write(Vec::new())
            .unwrap();
        writer.write_all(&[1; 255]).await.unwrap();
        let error = writer.write(&[2; 256]).await.expect_err("a 256-byte frame");
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        writer.write_all(b"after").await.unwrap();
        writer.shutdown().await.unwrap();
        let frames = framed_read(1, Endian::Big, 255, writer.get_ref())
            .await
            .unwrap();
        assert_eq!(frames, [vec![1; 255], b"after".to_vec()]);
    });
}

#[test]
fn leb128_reads_message_prefixes_written_on_tokio_1_at_every_width_change() {
    block_on(async {
        let lens = [1usize, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152];
        let mut writer = FrameWriter::builder()
            .varint()
            .new_write(Vec::new())
            .unwrap();
        let sent: Vec<Vec<u8>> = lens
            .iter()
            .map(|&len| payload(PayloadKind::Random, len as u64, len))
            .collect();
        for message in &sent {
            writer.write_all(message).await.unwrap();
        }
        writer.shutdown().await.unwrap();
        let frames = leb128_frames(writer.get_ref()).expect("leb128 frames");
        let widths: Vec<usize> = frames.iter().map(|(width, _)| *width).collect();
        assert_eq!(widths, [1, 1, 2, 2, 3, 3, 4]);
        assert!(
            frames.into_iter().map(|(_, f)| f).eq(sent),
            "other payloads"
        );
    });
}

#[test]
fn leb128_reads_chunked_varint_frames_cut_by_flushes_on_tokio_1() {
    let text = payload(PayloadKind::Text, 33, 60_000);
    block_on(async {
        let mut writer = FrameWriter::builder()
            .varint()
            .chunked()
            .buffer_capacity(20_000)
            .new_write(Vec::new())
            .unwrap();
        let cuts = [5usize, 1, 200, 3, 16_384, 127, 128, 16_383, 2];
        let mut pos = 0;
        for cut in cuts {
            writer.write_all(&text[pos..pos + cut]).await.unwrap();
            writer.flush().await.unwrap();
            pos += cut;
        }
        write_with(&mut writer, Pattern::OddChunks, &text[pos..]).await;
        writer.finish().await.unwrap();
        let frames = leb128_frames(writer.get_ref()).expect("leb128 frames");
        let lens: Vec<usize> = frames.iter().map(|(_, f)| f.len()).collect();
        assert_eq!(lens[..cuts.len()], cuts, "one frame per flush");
        for (width, frame) in &frames {
            assert_eq!(*width, leb128::write::unsigned_len(frame.len() as u64));
            assert!(frame.len() < 20_000, "a frame longer than the buffer");
        }
        let payloads: Vec<Vec<u8>> = frames.into_iter().map(|(_, f)| f).collect();
        assert!(reference::join_frames(&payloads, true).unwrap() == text);
    });
}
