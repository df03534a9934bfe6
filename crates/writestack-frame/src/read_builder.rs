//! The reading side of [`Builder`]: a [`FrameReader`] configured exactly like the writer
//! whose frames it reads, with the same checks.

use std::io;

use bytes::Bytes;

use crate::builder::Builder;
use crate::reader::FrameReader;

impl FrameReader<()> {
    /// A [`Builder`] with the defaults, the same as [`FrameWriter::builder`](crate::FrameWriter::builder): configure a
    /// reader exactly like its writer, then build it with
    /// [`new_read`](Builder::new_read).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::FrameReader;
    ///
    /// let wire = &b"\x02\x00hi"[..];
    /// let mut reader = FrameReader::builder()
    ///     .length_field_length(2)
    ///     .little_endian()
    ///     .max_frame_length(1000)
    ///     .new_read(wire)?;
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"hi");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn builder() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// Builds a [`FrameReader`] over `inner` with this configuration: the reader of what
    /// a writer from [`new_write`](Builder::new_write) with the same builder writes. The
    /// buffer capacity is the reader's input buffer.
    ///
    /// # Errors
    ///
    /// `InvalidInput`, with nothing built, for every configuration `new_write` refuses
    /// (the same checks, so a reader is never configured for frames no writer sends).
    ///
    /// # Examples
    ///
    /// The writer to reader round trip, both from one builder:
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_frame::Builder;
    ///
    /// let mut builder = Builder::new();
    /// builder.length_field_length(2).little_endian().max_frame_length(1000).chunked();
    /// let mut writer = builder.new_write(Vec::new())?;
    /// writer.write_all(b"a byte stream, cut into frames")?;
    /// let wire = writer.finish().wait()?.into_inner();
    ///
    /// let mut reader = builder.new_read(&wire[..])?;
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?; // ends at the end marker
    /// assert_eq!(payload, b"a byte stream, cut into frames");
    /// assert!(reader.is_ended());
    ///
    /// let refused = Builder::new().length_field_length(9).new_read(&wire[..]);
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new_read<R>(&self, inner: R) -> io::Result<FrameReader<R>> {
        self.new_read_from_parts((inner, Bytes::new()))
    }

    /// [`new_read`](Builder::new_read) continuing after an earlier reader on the same
    /// connection: `parts` is what that reader's
    /// [`into_parts`](FrameReader::into_parts) gave, the inner reader and the bytes it
    /// had read past its stream's end (rule [R6](writestack_core#readers)).
    ///
    /// # Errors
    ///
    /// As [`new_read`](Builder::new_read).
    ///
    /// # Examples
    ///
    /// Two streams with end markers, then other bytes, on one connection:
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::Builder;
    ///
    /// let wire = &b"\0\0\0\x03one\0\0\0\0\0\0\0\x03two\0\0\0\0NEXT"[..];
    /// let mut builder = Builder::new();
    /// builder.chunked();
    /// let mut first = builder.new_read(wire)?;
    /// let mut payload = Vec::new();
    /// first.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"one");
    ///
    /// let mut second = builder.new_read_from_parts(first.into_parts())?;
    /// payload.clear();
    /// second.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"two");
    ///
    /// let (mut inner, leftover) = second.into_parts();
    /// let mut rest = leftover.to_vec();
    /// inner.read_to_end(&mut rest)?;
    /// assert_eq!(rest, b"NEXT");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new_read_from_parts<R>(&self, parts: (R, Bytes)) -> io::Result<FrameReader<R>> {
        Ok(FrameReader::from_config(
            self.choices().check("FrameReader")?,
            parts,
        ))
    }
}
