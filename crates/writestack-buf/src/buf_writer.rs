//! `BufWriter`: the buffering layer.

use std::fmt;

use writestack_core::{EncodeWriter, DEFAULT_CAPACITY};

use crate::passthrough::Passthrough;

/// Buffers small writes and hands them to the inner writer in capacity-sized pieces.
///
/// * Writes smaller than the capacity are copied into the buffer; when it is full it is
///   drained into the inner writer first.
/// * A write at least as large as the capacity goes straight to the inner writer once
///   the buffer is drained, without a copy.
/// * `write_buf` merges small slices into the buffer and passes large ones to the inner
///   writer's `write_buf` (`writev` on a `TcpStream`).
/// * `poll_flush` drains the buffer and flushes the inner writer; `poll_finish` does the
///   same (a `BufWriter` has no tail); `shutdown` drains, then shuts the inner writer
///   down, exactly once.
///
/// `Drop` does no I/O: bytes still buffered when a `BufWriter` is dropped (or taken apart
/// with [`into_inner`](BufWriter::into_inner)) are lost. Finish, flush or shut it down
/// first.
///
/// # Errors
///
/// `write` returns `WouldBlock` (`poll_write`: `NotReady`) only when the inner writer
/// did, with nothing of the call taken; errors of the inner writer are returned as they
/// are; after finish or shutdown has started, `write` returns an error naming
/// `BufWriter`.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_buf::BufWriter;
///
/// let mut writer = BufWriter::with_capacity(8, Vec::new());
/// writer.write_all(b"tiny").unwrap();
/// assert_eq!(writer.buffer(), b"tiny");
/// writer.flush().unwrap();
/// assert_eq!(writer.get_ref(), b"tiny");
/// assert!(writer.buffer().is_empty());
/// ```
pub struct BufWriter<W> {
    inner: EncodeWriter<W, Passthrough>,
}

impl<W> BufWriter<W> {
    /// A `BufWriter` with an 8 KiB buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_buf::BufWriter;
    ///
    /// let writer = BufWriter::new(Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), 8 * 1024);
    /// ```
    pub fn new(inner: W) -> BufWriter<W> {
        BufWriter::with_capacity(DEFAULT_CAPACITY, inner)
    }

    /// A `BufWriter` whose buffer holds at most `capacity` bytes. A capacity of 0 makes
    /// every write go straight to the inner writer.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_buf::BufWriter;
    ///
    /// let writer = BufWriter::with_capacity(64 * 1024, Vec::<u8>::new());
    /// assert_eq!(writer.capacity(), 64 * 1024);
    /// ```
    pub fn with_capacity(capacity: usize, inner: W) -> BufWriter<W> {
        BufWriter {
            inner: EncodeWriter::with_capacity(capacity, Passthrough, inner),
        }
    }

    /// The bytes buffered and not yet handed to the inner writer.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_buf::BufWriter;
    ///
    /// let mut writer = BufWriter::new(Vec::new());
    /// writer.write_all(b"abc").unwrap();
    /// assert_eq!(writer.buffer(), b"abc");
    /// ```
    pub fn buffer(&self) -> &[u8] {
        self.inner.buffer()
    }

    /// The buffer's capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_buf::BufWriter;
    ///
    /// assert_eq!(BufWriter::with_capacity(16, Vec::<u8>::new()).capacity(), 16);
    /// ```
    pub fn capacity(&self) -> usize {
        self.inner.capacity()
    }
}

writestack_core::impl_layer!(
    BufWriter,
    "let mut writer = writestack_buf::BufWriter::new(Vec::<u8>::new());"
);

impl<W: fmt::Debug> fmt::Debug for BufWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BufWriter")
            .field("inner", self.inner.get_ref())
            .field("buffered", &self.inner.buffer().len())
            .field("capacity", &self.inner.capacity())
            .field("total_in", &self.inner.total_in())
            .field("total_out", &self.inner.total_out())
            .finish()
    }
}
