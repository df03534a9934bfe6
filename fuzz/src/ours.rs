//! The same finished wire read back through writestack's own readers, which must agree
//! with the decoders this project did not write (`wire.rs`) byte for byte: so every
//! writer fuzz run is also a writer -> reader round trip, and a reader bug cannot hide
//! behind a writer bug or the other way round.

use std::io::{self, Read};

use writestack_crc::Crc32Reader;
use writestack_flate::{DeflateReader, GzipReader, ZlibReader};
use writestack_frame::Builder;

use crate::wire::{FrameWire, Wire};

/// Reads `reader` to its end in reads of `size` bytes (an inner `&[u8]` never blocks).
fn read_all(mut reader: impl Read, size: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0; size.max(1)];
    loop {
        match reader.read(&mut buf)? {
            0 => return Ok(out),
            n => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// What our reader of `wire` reads from `bytes`, a finished layer's output.
fn read_ours(wire: &Wire, bytes: &[u8], size: usize) -> io::Result<Vec<u8>> {
    match wire {
        Wire::Plain => Ok(bytes.to_vec()),
        Wire::Crc(endian) => read_all(Crc32Reader::with_trailer(bytes, *endian), size),
        Wire::Deflate => read_all(DeflateReader::new(bytes), size),
        Wire::Zlib => read_all(ZlibReader::new(bytes), size),
        Wire::Gzip(fields) => {
            let mut reader = GzipReader::new(bytes);
            let payload = read_all(&mut reader, size)?;
            let header = reader.header().expect("a finished member has a header");
            assert_eq!(
                header.filename(),
                fields.filename.as_deref(),
                "GzipReader: FNAME"
            );
            assert_eq!(
                header.comment(),
                fields.comment.as_deref(),
                "GzipReader: FCOMMENT"
            );
            assert_eq!(header.mtime(), fields.mtime, "GzipReader: MTIME");
            assert_eq!(header.operating_system(), fields.os, "GzipReader: OS");
            let (_, rest) = reader.into_parts();
            assert!(
                rest.is_empty(),
                "GzipReader: {} bytes after the member",
                rest.len()
            );
            Ok(payload)
        }
        Wire::Frames(frames) => read_all(frame_reader(frames, bytes)?, size),
    }
}

fn frame_reader<'a>(wire: &FrameWire, bytes: &'a [u8]) -> io::Result<impl Read + 'a> {
    let mut builder = Builder::new();
    if wire.varint {
        builder.varint();
    } else {
        builder.length_field_length(wire.width);
        match wire.endian {
            writestack_core::Endian::Big => builder.big_endian(),
            writestack_core::Endian::Little => builder.little_endian(),
        };
    }
    if wire.chunked {
        builder.chunked();
    }
    builder
        .max_frame_length(wire.max)
        .end_marker(wire.end_marker);
    builder.new_read(bytes)
}

/// Asserts that our reader of `wire` reads from `bytes` exactly the `units` the reference
/// decoders found (concatenated: a byte reader does not keep frame boundaries).
pub(crate) fn check_ours(wire: &Wire, bytes: &[u8], units: &[Vec<u8>]) {
    // A read size from the data, so runs cover 1-byte reads and large ones.
    let size = 1 + bytes.len() % 61;
    match read_ours(wire, bytes, size) {
        Ok(payload) => assert!(
            payload == units.concat(),
            "our reader of {wire:?} read {} bytes, the reference decoders {}",
            payload.len(),
            units.iter().map(Vec::len).sum::<usize>()
        ),
        Err(error) => panic!("our reader of {wire:?} refused a finished wire: {error}"),
    }
}
