//! `ZlibReader`: the zlib format (RFC 1950), deflate between a 2-byte header and an
//! Adler-32 trailer.

use crate::inflate_reader::inflate_reader;

inflate_reader! {
    /// Decompresses one zlib stream (RFC 1950) read from `R`, as written by
    /// [`ZlibWriter`](crate::ZlibWriter) (its docs draw the layout). The backend checks the
    /// header and the Adler-32 trailer: a wrong one is `InvalidData`.
    ///
    /// The stream ends after its Adler-32; the bytes after it are left for
    /// [`into_parts`](ZlibReader::into_parts). Every rule of
    /// [the reader contract](writestack_core#readers) holds: in particular a cut stream is
    /// `UnexpectedEof`, corrupt data `InvalidData`, and memory stays bounded whatever the
    /// stream inflates to (R4).
    ZlibReader, zlib_header: true, writer: ZlibWriter
}
