//! `DeflateWriter`: raw deflate (RFC 1951), no header, no checksum.

use std::fmt;
use std::io;

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
                Deflater::new("DeflateWriter", level, false, crate::MAX_WINDOW_BITS),
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

    /// Begins a new deflate stream on the same inner writer after a completed
    /// [`poll_finish`](writestack_core::Finish::poll_finish), reusing the compressor and
    /// the buffer instead of allocating and initialising new ones (about 300 KiB at the
    /// default window). `total_in` and `total_out` count the new deflate stream from 0.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed, before `poll_finish` has completed
    /// or after `shutdown` (the inner writer is closed: use [`reset`](DeflateWriter::reset)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::DeflateDecoder;
    /// use writestack_core::Finish;
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let mut writer = DeflateWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"first").unwrap();
    /// assert!(writer.restart().is_err()); // the first deflate stream is not finished yet
    /// writer.poll_finish().unwrap();
    /// let first_len = writer.get_ref().len();
    /// writer.restart().unwrap();
    /// writer.write_all(b"second").unwrap();
    /// writer.poll_finish().unwrap();
    ///
    /// let wire = writer.into_inner();
    /// let mut text = String::new();
    /// DeflateDecoder::new(&wire[first_len..]).read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "second");
    /// ```
    pub fn restart(&mut self) -> io::Result<()> {
        self.inner.restart_with(Deflater::reset)
    }

    /// Begins a new deflate stream on `inner` after a completed `poll_finish` or `shutdown`, and
    /// returns the old inner writer; the compressor and the buffer are reused, as in
    /// [`restart`](DeflateWriter::restart).
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput` before the deflate stream is finished; nothing changes, and
    /// `inner` is dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::DeflateDecoder;
    /// use writestack_core::Finish;
    /// use writestack_flate::{Compression, DeflateWriter};
    ///
    /// let mut writer = DeflateWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"to the first peer").unwrap();
    /// writer.poll_finish().unwrap();
    /// let first = writer.reset(Vec::new()).unwrap();
    /// writer.write_all(b"to the second peer").unwrap();
    /// writer.poll_finish().unwrap();
    ///
    /// for (wire, expected) in [(first, "to the first peer"), (writer.into_inner(), "to the second peer")] {
    ///     let mut text = String::new();
    ///     DeflateDecoder::new(&wire[..]).read_to_string(&mut text).unwrap();
    ///     assert_eq!(text, expected);
    /// }
    /// ```
    pub fn reset(&mut self, inner: W) -> io::Result<W> {
        self.inner.reset_with(inner, Deflater::reset)
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
