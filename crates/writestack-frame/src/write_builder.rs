//! The writing side of [`Builder`]: a [`FrameWriter`] built from the checked
//! configuration (the reading side is `read_builder.rs`).

use std::io;

use crate::builder::Builder;
use crate::writer::FrameWriter;

// Here rather than in writer.rs: the builder builds writers, so a writer that named the
// builder would make the two modules depend on each other.
impl FrameWriter<()> {
    /// A [`Builder`] with the defaults; defined on `FrameWriter<()>` so that
    /// `FrameWriter::builder()` needs no type annotation. The same as [`Builder::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::builder().varint().new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(writer.length_field(), writestack_frame::LengthField::Varint);
    /// ```
    pub fn builder() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// Builds a [`FrameWriter`] over `inner` with this configuration.
    ///
    /// # Errors
    ///
    /// `InvalidInput`, with nothing built, when the configuration cannot work: a prefix
    /// width outside 1..=8; a maximum frame length of 0 or one the width cannot carry
    /// (a 2-byte prefix carries at most 65 535); `varint` with a chosen byte order; a
    /// buffer no larger than the longest prefix, or larger than
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let refused = FrameWriter::builder()
    ///     .length_field_length(2)
    ///     .max_frame_length(1 << 20)
    ///     .new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    ///
    /// let refused = FrameWriter::builder()
    ///     .buffer_capacity(usize::MAX)
    ///     .new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    pub fn new_write<W>(&self, inner: W) -> io::Result<FrameWriter<W>> {
        Ok(FrameWriter::from_config(
            self.choices().check("FrameWriter")?,
            inner,
        ))
    }
}
