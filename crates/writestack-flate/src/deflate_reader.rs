//! `DeflateReader`: raw deflate (RFC 1951), no header, no checksum.

use crate::inflate_reader::inflate_reader;

inflate_reader! {
    /// Decompresses one raw deflate stream (RFC 1951) read from `R`, as written by
    /// [`DeflateWriter`](crate::DeflateWriter): deflate blocks, the last one marked final,
    /// and nothing around them. Raw deflate has no checksum, so corruption shows only
    /// where it breaks the block structure.
    ///
    /// The stream ends at its final block; the bytes after it are left for
    /// [`into_parts`](DeflateReader::into_parts). Every rule of
    /// [the reader contract](writestack_core#readers) holds: in particular a cut stream is
    /// `UnexpectedEof`, corrupt data `InvalidData`, and memory stays bounded whatever the
    /// stream inflates to (R4): the output goes straight into the caller's buffer.
    DeflateReader, zlib_header: false, writer: DeflateWriter
}
