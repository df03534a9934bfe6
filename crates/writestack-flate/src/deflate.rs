//! `DeflateWriter`: raw deflate (RFC 1951), no header, no checksum.

use std::fmt;

use flate2::Compression;
use writestack_core::{EncodeWriter, DEFAULT_CAPACITY};

use crate::deflater::Deflater;
use crate::level;

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
/// The contract rules themselves are kept by the adapter in `writestack-core`; this type
/// supplies the codec.
///
/// `Drop` does no I/O: compressed bytes still buffered, and the final block, are lost
/// when a `DeflateWriter` is dropped or taken apart with
/// [`into_inner`](DeflateWriter::into_inner) before `poll_finish` or `shutdown` has
/// returned `Ready`.
///
/// # Errors
///
/// `write` returns `WouldBlock` (`poll_write`: `NotReady`) only when the inner writer
/// did, with nothing of the call taken; the inner writer's errors are returned as they
/// are; after finish or shutdown has started, `write` fails with an error naming
/// `DeflateWriter`.
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
pub struct DeflateWriter<W> {
    inner: EncodeWriter<W, Deflater>,
}

impl<W> DeflateWriter<W> {
    /// A raw deflate writer at `level`, with an 8 KiB buffer. Levels above 9 are treated
    /// as 9 (miniz_oxide's level 10 does not exist in zlib-rs).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let writer = DeflateWriter::new(Vec::<u8>::new(), Compression::fast());
    /// assert_eq!(writer.level(), Compression::fast());
    /// ```
    pub fn new(inner: W, level: Compression) -> DeflateWriter<W> {
        DeflateWriter::with_capacity(DEFAULT_CAPACITY, inner, level)
    }

    /// A raw deflate writer whose buffer holds at most `capacity` bytes (CONTRACT rule 6),
    /// raised to [`MIN_CAPACITY`](crate::MIN_CAPACITY) and lowered to
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY) when outside them. Levels above 9 are treated as 9.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let writer = DeflateWriter::with_capacity(64 * 1024, Vec::<u8>::new(), Compression::best());
    /// assert_eq!(writer.capacity(), 64 * 1024);
    /// ```
    pub fn with_capacity(capacity: usize, inner: W, level: Compression) -> DeflateWriter<W> {
        let level = level::clamp(level);
        DeflateWriter {
            inner: EncodeWriter::with_capacity(
                capacity.max(crate::MIN_CAPACITY),
                Deflater::new("DeflateWriter", level, false),
                inner,
            ),
        }
    }

    /// The compression level in use.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let writer = DeflateWriter::new(Vec::<u8>::new(), Compression::new(10));
    /// assert_eq!(writer.level(), Compression::new(9));
    /// ```
    pub fn level(&self) -> Compression {
        self.inner.encoder().level()
    }

    /// The buffer's capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let writer = DeflateWriter::new(Vec::<u8>::new(), Compression::default());
    /// assert_eq!(writer.capacity(), 8 * 1024);
    /// ```
    pub fn capacity(&self) -> usize {
        self.inner.capacity()
    }
}

writestack_core::impl_layer!(
    DeflateWriter,
    "let mut writer = writestack_flate::DeflateWriter::new(\
     Vec::<u8>::new(), writestack_flate::Compression::default());"
);

impl<W: fmt::Debug> fmt::Debug for DeflateWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeflateWriter")
            .field("inner", self.inner.get_ref())
            .field("level", &self.level().level())
            .field("buffered", &self.inner.buffer().len())
            .field("capacity", &self.inner.capacity())
            .field("total_in", &self.inner.total_in())
            .field("total_out", &self.inner.total_out())
            .finish()
    }
}
