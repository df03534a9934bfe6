//! `ZlibWriter`: the zlib format (RFC 1950), deflate between a 2-byte header and an
//! Adler-32 trailer.

use crate::stream_writer::flate_stream_writer;

flate_stream_writer! {
    /// Compresses everything written into a zlib stream (RFC 1950):
    ///
    /// ```text
    ///  +-----+-----+==================+---+---+---+---+
    ///  | CMF | FLG | deflate blocks   |  Adler-32 (BE) |
    ///  +-----+-----+==================+---+---+---+---+
    /// ```
    ///
    /// flate2's codec writes the header with the first output and the Adler-32 trailer at
    /// the end; this layer drives it.
    ///
    /// * `poll_flush` performs exactly one sync flush of everything written since the last
    ///   one, so the peer can decode all of it now (CONTRACT rule 8); a flush with nothing
    ///   new emits nothing (rule 9), not even the header.
    /// * `poll_finish` writes the final block and the trailer and flushes the inner writer
    ///   without shutting it down; `shutdown` does the same, then forwards `shutdown`.
    /// * An empty stream is a valid zlib stream: header, empty final block, Adler-32 of
    ///   nothing (8 bytes; 11 at level 0).
    ///
    /// Every rule of [the contract](writestack_core#the-contract) holds; in particular
    /// `Drop` does no I/O (rule 17): finish or shut the writer down first.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::ZlibDecoder;
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, ZlibWriter};
    ///
    /// let mut writer = ZlibWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"zlib zlib zlib").unwrap();
    /// let wire = writer.finish().wait().unwrap().into_inner();
    /// assert_eq!(wire[0], 0x78); // deflate, 32 KiB window
    ///
    /// let mut text = String::new();
    /// ZlibDecoder::new(&wire[..]).read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "zlib zlib zlib");
    /// ```
    ZlibWriter, zlib_header: true, decoder: ZlibDecoder, stream: "zlib"
}
