//! Shared by the reader tests: compress with our writers (the producers whose output the
//! readers must undo) and read back with our readers at a chosen read size.
#![allow(dead_code)]

use std::io::{self, Read, Write};

use futures::Future;
use writestack_core::FinishExt;
use writestack_flate::{
    Compression, DeflateReader, DeflateWriter, GzipReader, GzipWriter, ZlibReader, ZlibWriter,
};

/// The three formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fmt {
    Deflate,
    Zlib,
    Gzip,
}

pub(crate) const FORMATS: [Fmt; 3] = [Fmt::Deflate, Fmt::Zlib, Fmt::Gzip];

/// `parts` written by our writer of `fmt` at `level`, with a flush after each part but
/// the last, then finished.
pub(crate) fn compress(fmt: Fmt, level: u32, parts: &[&[u8]]) -> Vec<u8> {
    fn run<W: Write + FinishExt>(mut writer: W, parts: &[&[u8]]) -> W {
        for (index, part) in parts.iter().enumerate() {
            writer.write_all(part).expect("write to a Vec");
            if index + 1 < parts.len() {
                writer.flush().expect("flush to a Vec");
            }
        }
        writer.finish().wait().expect("finish to a Vec")
    }
    let level = Compression::new(level);
    match fmt {
        Fmt::Deflate => run(DeflateWriter::new(Vec::new(), level), parts).into_inner(),
        Fmt::Zlib => run(ZlibWriter::new(Vec::new(), level), parts).into_inner(),
        Fmt::Gzip => run(GzipWriter::new(Vec::new(), level), parts).into_inner(),
    }
}

/// Reads `reader` to its end in reads of at most `read_size` bytes.
pub(crate) fn drain<R: Read>(mut reader: R, read_size: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0; read_size];
    loop {
        match reader.read(&mut buf)? {
            0 => return Ok(out),
            n => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Our reader of `fmt` (gzip: one member) over `wire`, read in `read_size` reads.
pub(crate) fn decode(fmt: Fmt, wire: &[u8], read_size: usize) -> io::Result<Vec<u8>> {
    match fmt {
        Fmt::Deflate => drain(DeflateReader::new(wire), read_size),
        Fmt::Zlib => drain(ZlibReader::new(wire), read_size),
        Fmt::Gzip => drain(GzipReader::new(wire), read_size),
    }
}
