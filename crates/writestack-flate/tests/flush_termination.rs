//! A sync flush always ends, whatever the buffer capacity and whatever the payload.
//!
//! Two defects lived here: with a buffer of a few bytes the codec filled it exactly on
//! every call and the flush never ended (empty sync blocks until memory ran out), and the
//! flush-done test looked at the last four payload bytes, so stored data ending in
//! `00 00 ff ff` could end a flush while input was still inside the codec (rule 8). Both
//! run on the default backend and, in CI, again with `--features zlib-rs`.

use std::io::{self, Write};

use writestack_core::Finish;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::reference::{decode, decode_prefix, Format};

/// Most bytes any writer below may send; a flush that loops is stopped here with an
/// error instead of filling memory.
const WIRE_LIMIT: usize = 1 << 20;

/// A `Vec` that refuses to grow past [`WIRE_LIMIT`], so a runaway flush fails the test.
#[derive(Debug, Default)]
struct Capped(Vec<u8>);

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.len() + buf.len() > WIRE_LIMIT {
            return Err(io::Error::other("runaway output"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The three writers behind one interface for these tests.
enum AnyWriter {
    Deflate(DeflateWriter<Capped>),
    Zlib(ZlibWriter<Capped>),
    Gzip(GzipWriter<Capped>),
}

impl AnyWriter {
    fn new(format: Format, capacity: usize, level: u32) -> AnyWriter {
        let level = Compression::new(level);
        match format {
            Format::Deflate => AnyWriter::Deflate(DeflateWriter::with_capacity(
                capacity,
                Capped::default(),
                level,
            )),
            Format::Zlib => AnyWriter::Zlib(ZlibWriter::with_capacity(
                capacity,
                Capped::default(),
                level,
            )),
            Format::Gzip => AnyWriter::Gzip(
                GzipWriter::builder()
                    .level(level)
                    .buffer_capacity(capacity.max(writestack_flate::MIN_CAPACITY))
                    .new_write(Capped::default())
                    .expect("a valid configuration"),
            ),
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            AnyWriter::Deflate(w) => w,
            AnyWriter::Zlib(w) => w,
            AnyWriter::Gzip(w) => w,
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        match self {
            AnyWriter::Deflate(w) => w.poll_finish().map(drop),
            AnyWriter::Zlib(w) => w.poll_finish().map(drop),
            AnyWriter::Gzip(w) => w.poll_finish().map(drop),
        }
    }

    fn wire(&self) -> &[u8] {
        match self {
            AnyWriter::Deflate(w) => &w.get_ref().0,
            AnyWriter::Zlib(w) => &w.get_ref().0,
            AnyWriter::Gzip(w) => &w.get_ref().0,
        }
    }
}

#[test]
fn one_byte_then_flush_ends_at_every_capacity_and_level() {
    for format in Format::ALL {
        for capacity in 1..=64 {
            for level in 0..=9 {
                let case = format!("{format:?}, capacity {capacity}, level {level}");
                let mut writer = AnyWriter::new(format, capacity, level);
                writer.writer().write_all(b"x").unwrap();
                writer
                    .writer()
                    .flush()
                    .unwrap_or_else(|error| panic!("{case}: flush failed: {error}"));
                let flushed = writer.wire().len();
                assert!(flushed < 64, "{case}: a 1-byte flush wrote {flushed} bytes");
                assert_eq!(
                    decode_prefix(format, writer.wire()).as_deref(),
                    Ok(&b"x"[..]),
                    "{case}: the flushed prefix does not decode to the byte written"
                );
                writer.finish().unwrap();
                assert_eq!(
                    decode(format, writer.wire()).as_deref(),
                    Ok(&b"x"[..]),
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn flushes_end_with_small_buffers_after_longer_writes() {
    let text: Vec<u8> = (0..3000u32)
        .map(|i| b"lorem ipsum dolor "[i as usize % 18] ^ (i % 7) as u8)
        .collect();
    for format in Format::ALL {
        for capacity in [1, 2, 3, 5, 6, 7, 8, 9, 13, 31] {
            for level in [0, 1, 6, 9] {
                let case = format!("{format:?}, capacity {capacity}, level {level}");
                let mut writer = AnyWriter::new(format, capacity, level);
                for piece in text.chunks(700) {
                    writer.writer().write_all(piece).unwrap();
                    writer
                        .writer()
                        .flush()
                        .unwrap_or_else(|error| panic!("{case}: flush failed: {error}"));
                }
                assert_eq!(
                    decode_prefix(format, writer.wire()).as_deref(),
                    Ok(&text[..]),
                    "{case}"
                );
                writer.finish().unwrap();
                assert_eq!(
                    decode(format, writer.wire()).as_deref(),
                    Ok(&text[..]),
                    "{case}"
                );
            }
        }
    }
}

/// Stored blocks (level 0) carry the payload verbatim, so a stored block closed on the way
/// (miniz_oxide closes one every 31 KiB) whose data ends in the sync marker's bytes looked
/// like a finished sync flush to a test that read the output, while the rest of the input
/// was still inside the codec.
#[test]
fn payload_ending_in_sync_marker_bytes_is_all_flushed() {
    const MARKER: [u8; 4] = [0, 0, 0xff, 0xff];
    for format in Format::ALL {
        for capacity in [64, 1000, 8192] {
            for phase in 0..4 {
                for len in (31_700..32_100).step_by(3) {
                    let payload: Vec<u8> = (0..len).map(|i| MARKER[(i + phase) % 4]).collect();
                    let case = format!("{format:?}, capacity {capacity}, {len} bytes");
                    let mut writer = AnyWriter::new(format, capacity, 0);
                    writer.writer().write_all(&payload).unwrap();
                    writer.writer().flush().unwrap();
                    let flushed = decode_prefix(format, writer.wire()).unwrap();
                    assert!(
                        flushed == payload,
                        "{case}: {} of {len} accepted bytes were flushed",
                        flushed.len()
                    );
                }
            }
        }
    }
}
