//! `DeflateWriter`: raw deflate (RFC 1951), no header, no checksum.

use crate::stream_writer::flate_stream_writer;

flate_stream_writer! {
    /// Compresses everything written into a raw deflate stream (RFC 1951): no header and no
    /// checksum, as HTTP's `Content-Encoding: deflate` is often (mis)used, or inside
    /// WebSocket and zip containers.
    ///
    /// * `write` compresses into the layer's buffer (8 KiB by default); a full buffer is
    ///   drained into the inner writer first.
    /// * `poll_flush` performs exactly one sync flush of everything written since the last
    ///   one, so the peer can decode all of it now (CONTRACT rule 8); a flush with nothing
    ///   new emits nothing (rule 9).
    /// * `poll_finish` writes the final block and flushes the inner writer without shutting
    ///   it down; `shutdown` does the same, then forwards `shutdown` to the inner writer.
    /// * An empty stream is one empty final block: `03 00` (`01 00 00 ff ff` at level 0).
    ///
    /// Every rule of [the contract](writestack_core#the-contract) holds; in particular
    /// `Drop` does no I/O (rule 17): finish or shut the writer down first.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::DeflateDecoder;
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let mut writer = DeflateWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"hello hello hello").unwrap();
    /// let wire = writer.finish().wait().unwrap().into_inner();
    ///
    /// let mut text = String::new();
    /// DeflateDecoder::new(&wire[..]).read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "hello hello hello");
    /// ```
    DeflateWriter, zlib_header: false, decoder: DeflateDecoder, stream: "raw deflate"
}
