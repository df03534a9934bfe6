//! `BufWriter`: the buffering layer.

use writestack_core::{EncodeWriter, Verbatim, DEFAULT_CAPACITY};

use crate::passthrough::Passthrough;

pin_project_lite::pin_project! {
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
    /// Every rule of [the contract](writestack_core#the-contract) holds; in particular `Drop`
    /// does no I/O (rule 17): finish, flush or shut it down first.
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
        #[pin]
        inner: EncodeWriter<W, Passthrough, Verbatim>,
    }
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
            inner: EncodeWriter::with_routing(capacity, Passthrough, Verbatim, inner)
                .named("BufWriter"),
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
}

writestack_core::impl_layer!(
    BufWriter,
    "let mut writer = writestack_buf::BufWriter::new(Vec::<u8>::new());",
    capacity
);
