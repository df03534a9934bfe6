//! Decoding one layer's output with decoders this project did not write: flate2's
//! decoders (which check the zlib Adler-32 and the gzip CRC-32 and ISIZE), crc32fast,
//! and for frames (`frames.rs`) tokio 0.1's `LengthDelimitedCodec` and the `leb128` crate.
//!
//! Two modes: `complete` (the layer finished: its tail must be there exactly once, with
//! nothing after it) and prefix (the layer was flushed: everything it has emitted must
//! decode now, with no partial unit left over).

use std::io::Read;

use arbitrary::Arbitrary;
use flate2::bufread::{DeflateDecoder, GzDecoder, ZlibDecoder};
use flate2::{Decompress, FlushDecompress, Status};
use writestack_core::Endian;

use crate::frames::decode_frames;

/// Gzip header fields.
#[derive(Arbitrary, Clone, Debug, Default, PartialEq, Eq)]
pub struct GzipFields {
    /// `FNAME`.
    pub filename: Option<Vec<u8>>,
    /// `FCOMMENT`.
    pub comment: Option<Vec<u8>>,
    /// `MTIME`.
    pub mtime: u32,
    /// `OS`.
    pub os: u8,
}

/// What a framing layer's output looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameWire {
    /// LEB128 prefixes (else fixed-width).
    pub varint: bool,
    /// Width of a fixed prefix.
    pub width: usize,
    /// Byte order of a fixed prefix.
    pub endian: Endian,
    /// Longest payload of a frame.
    pub max: usize,
    /// Chunked mode.
    pub chunked: bool,
    /// Whether the stream ends with a zero-length frame.
    pub end_marker: bool,
    /// The layer's buffer capacity (chunked frames fit it, prefix included).
    pub capacity: usize,
}

/// What one layer's output looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wire {
    /// The payload unchanged (BufWriter, observe-only Crc32Writer).
    Plain,
    /// The payload, then its CRC-32 in this byte order.
    Crc(Endian),
    /// Raw deflate.
    Deflate,
    /// Zlib.
    Zlib,
    /// One gzip member with these header fields.
    Gzip(GzipFields),
    /// Length-prefixed frames.
    Frames(FrameWire),
}

/// Decodes `bytes`, the output of a layer of this `wire`, into the units it carries:
/// frames for framing, else one unit. Panics (the fuzzer's failure) on anything the
/// contract forbids.
pub fn decode(wire: &Wire, bytes: &[u8], complete: bool) -> Vec<Vec<u8>> {
    let units = decode_reference(wire, bytes, complete);
    if complete {
        crate::ours::check_ours(wire, bytes, &units);
    }
    units
}

fn decode_reference(wire: &Wire, bytes: &[u8], complete: bool) -> Vec<Vec<u8>> {
    match wire {
        Wire::Plain => vec![bytes.to_vec()],
        Wire::Crc(endian) if complete => vec![crc_payload(*endian, bytes)],
        Wire::Crc(_) => vec![bytes.to_vec()],
        Wire::Deflate | Wire::Zlib | Wire::Gzip(_) if complete => vec![inflate_all(wire, bytes)],
        Wire::Deflate => vec![inflate_prefix(bytes, false)],
        Wire::Zlib => vec![inflate_prefix(bytes, true)],
        Wire::Gzip(fields) => {
            if bytes.is_empty() {
                return vec![Vec::new()];
            }
            let body = gzip_header(fields, bytes);
            vec![inflate_prefix(&bytes[body..], false)]
        }
        Wire::Frames(frames) => decode_frames(frames, bytes, complete),
    }
}

fn crc_payload(endian: Endian, bytes: &[u8]) -> Vec<u8> {
    assert!(
        bytes.len() >= 4,
        "Crc32Writer: a finished stream of {} bytes has no room for its trailer",
        bytes.len()
    );
    let (payload, trailer) = bytes.split_at(bytes.len() - 4);
    let crc = crc32fast::hash(payload);
    let want = match endian {
        Endian::Big => crc.to_be_bytes(),
        Endian::Little => crc.to_le_bytes(),
    };
    assert_eq!(
        trailer,
        want,
        "Crc32Writer: the trailer is not the {endian:?} CRC-32 of the {} payload bytes",
        payload.len()
    );
    payload.to_vec()
}

/// A finished deflate / zlib / gzip stream, through flate2's read decoders.
fn inflate_all(wire: &Wire, bytes: &[u8]) -> Vec<u8> {
    let mut rest = bytes;
    let mut out = Vec::new();
    let result = match wire {
        Wire::Deflate => DeflateDecoder::new(&mut rest).read_to_end(&mut out),
        Wire::Zlib => ZlibDecoder::new(&mut rest).read_to_end(&mut out),
        Wire::Gzip(fields) => {
            let mut decoder = GzDecoder::new(&mut rest);
            let result = decoder.read_to_end(&mut out);
            if result.is_ok() {
                check_gzip_header(fields, decoder.header());
            }
            result
        }
        _ => unreachable!("inflate_all is only called for compressed wires"),
    };
    if let Err(error) = result {
        panic!(
            "{wire:?}: flate2 cannot decode the finished stream of {} bytes: {error}",
            bytes.len()
        );
    }
    assert!(
        rest.is_empty(),
        "{wire:?}: {} bytes follow the end of the finished stream (tail not exactly once)",
        rest.len()
    );
    out
}

fn check_gzip_header(fields: &GzipFields, header: Option<&flate2::GzHeader>) {
    let header = header.unwrap_or_else(|| panic!("GzipWriter: flate2 read no gzip header"));
    assert_eq!(header.filename(), fields.filename.as_deref(), "gzip FNAME");
    assert_eq!(header.comment(), fields.comment.as_deref(), "gzip FCOMMENT");
    assert_eq!(header.mtime(), fields.mtime, "gzip MTIME");
    assert_eq!(header.operating_system(), fields.os, "gzip OS");
    assert!(
        header.extra().is_none(),
        "gzip: an FEXTRA field nobody asked for"
    );
}

/// Checks the gzip header at the start of a flushed, unfinished member; returns where the
/// deflate data starts. (flate2's `GzDecoder` only reads whole members.)
fn gzip_header(fields: &GzipFields, bytes: &[u8]) -> usize {
    let mut want = vec![0x1f, 0x8b, 8, 0];
    want.extend_from_slice(&fields.mtime.to_le_bytes());
    assert!(
        bytes.len() >= 10,
        "GzipWriter: a flushed header of {} bytes",
        bytes.len()
    );
    assert_eq!(
        bytes[..3],
        want[..3],
        "GzipWriter: bad gzip magic or method"
    );
    assert_eq!(bytes[4..8], want[4..8], "gzip MTIME");
    assert_eq!(bytes[9], fields.os, "gzip OS");
    let flags = bytes[3];
    let mut at = 10;
    for (bit, field) in [(0x08, &fields.filename), (0x10, &fields.comment)] {
        assert_eq!(flags & bit != 0, field.is_some(), "gzip FLG {flags:#04x}");
        if let Some(field) = field {
            let end = at + field.len();
            assert!(bytes.len() > end, "GzipWriter: header field cut short");
            assert_eq!(&bytes[at..end], &field[..], "gzip header field");
            assert_eq!(bytes[end], 0, "gzip header field not NUL-terminated");
            at = end + 1;
        }
    }
    assert_eq!(flags & !0x18, 0, "gzip FLG {flags:#04x}: unexpected flags");
    at
}

/// Everything a flushed (unfinished) deflate or zlib stream carries so far, through
/// flate2's streaming `Decompress`: all of it must come out, with no byte left unread.
fn inflate_prefix(bytes: &[u8], zlib: bool) -> Vec<u8> {
    let mut decompress = Decompress::new(zlib);
    let mut out = Vec::new();
    let mut room = vec![0u8; 64 * 1024];
    let mut at = 0;
    loop {
        let (in_before, out_before) = (decompress.total_in(), decompress.total_out());
        let status = decompress
            .decompress(&bytes[at..], &mut room, FlushDecompress::Sync)
            .unwrap_or_else(|error| {
                panic!("flushed deflate data does not decode (at byte {at}): {error}")
            });
        let consumed = (decompress.total_in() - in_before) as usize;
        let produced = (decompress.total_out() - out_before) as usize;
        at += consumed;
        out.extend_from_slice(&room[..produced]);
        assert_ne!(
            status,
            Status::StreamEnd,
            "a flushed deflate stream ended before finish"
        );
        if consumed == 0 && produced == 0 {
            break;
        }
    }
    assert_eq!(
        at,
        bytes.len(),
        "flushed deflate data: bytes left undecoded"
    );
    out
}
