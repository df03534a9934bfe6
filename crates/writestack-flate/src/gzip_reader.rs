//! `GzipReader`: one gzip member (RFC 1952), or every member with `multi`.

use bytes::Bytes;
use writestack_core::DecodeReader;

use crate::READ_CAPACITY;

use crate::gzip_decoder::GzipDecoder;
use crate::gzip_header::GzipHeader;

pin_project_lite::pin_project! {
    /// Decompresses gzip (RFC 1952) read from `R`: one member by default (the next body on
    /// a keep-alive connection follows it), every member as one payload with
    /// [`multi`](GzipReader::multi) (a `.gz` file made by concatenation). The member layout
    /// is drawn in [`GzipWriter`](crate::GzipWriter)'s docs.
    ///
    /// The reader checks everything the format lets it check: the magic, the method (8),
    /// the reserved flag bits, the header CRC16 when FHCRC is set, the deflate data, and
    /// the trailer's CRC-32 and ISIZE; each failure is `InvalidData` naming what was wrong.
    /// The header's file name and comment are limited to
    /// [`MAX_HEADER_FIELD`](crate::MAX_HEADER_FIELD) bytes each (the extra field is by
    /// its 16-bit length), so a header costs bounded memory; the payload goes straight
    /// into the caller's buffer, so a decompression bomb costs time, never memory (R4).
    /// Every rule of [the reader contract](writestack_core#readers) holds.
    ///
    /// # Examples
    ///
    /// A body and the next one on the same connection:
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, GzipReader, GzipWriter};
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"first body")?;
    /// let mut wire = writer.finish().wait()?.into_inner();
    /// wire.extend_from_slice(b"GET /next");
    ///
    /// let mut reader = GzipReader::new(&wire[..]);
    /// let mut body = String::new();
    /// reader.read_to_string(&mut body)?;
    /// assert_eq!(body, "first body");
    /// let (mut inner, leftover) = reader.into_parts();
    /// let mut rest = leftover.to_vec();
    /// inner.read_to_end(&mut rest)?;
    /// assert_eq!(rest, b"GET /next");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub struct GzipReader<R> {
        #[pin]
        inner: DecodeReader<R, GzipDecoder>,
    }
}

impl<R> GzipReader<R> {
    /// A reader of one gzip member from `inner`, with a [`READ_CAPACITY`](crate::READ_CAPACITY) (32 KiB) input buffer; what follows
    /// the member is left for [`into_parts`](GzipReader::into_parts).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_flate::GzipReader;
    ///
    /// // `printf hi | gzip -n`: an empty name, no time.
    /// let wire = [
    ///     0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xcb, 0xc8, 4, 0, 0xac, 0x2a, 0x93, 0xd8, 2, 0,
    ///     0, 0,
    /// ];
    /// let mut text = String::new();
    /// GzipReader::new(&wire[..]).read_to_string(&mut text)?;
    /// assert_eq!(text, "hi");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(inner: R) -> GzipReader<R> {
        GzipReader::with_capacity(READ_CAPACITY, inner)
    }

    /// A reader of one member whose input buffer holds `capacity` bytes (at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipReader;
    ///
    /// let reader = GzipReader::with_capacity(64, &b""[..]);
    /// assert_eq!(reader.capacity(), 64);
    /// ```
    pub fn with_capacity(capacity: usize, inner: R) -> GzipReader<R> {
        GzipReader::build(capacity, false, (inner, Bytes::new()))
    }

    /// A reader of every member from `inner`, as one payload: it ends at the inner
    /// reader's end between two members (a cut inside one is `UnexpectedEof`), and bytes
    /// that are not a gzip header where a member could start are `InvalidData`, as
    /// `gzip -d` does without `-q`. [`header`](GzipReader::header) gives the current
    /// member's header.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, GzipReader, GzipWriter};
    ///
    /// let mut file = Vec::new();
    /// for part in ["one, ", "two"] {
    ///     let mut writer = GzipWriter::new(file, Compression::default());
    ///     writer.write_all(part.as_bytes())?;
    ///     file = writer.finish().wait()?.into_inner();
    /// }
    /// let mut text = String::new();
    /// GzipReader::multi(&file[..]).read_to_string(&mut text)?;
    /// assert_eq!(text, "one, two");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn multi(inner: R) -> GzipReader<R> {
        GzipReader::multi_with_capacity(READ_CAPACITY, inner)
    }

    /// [`multi`](GzipReader::multi) with an input buffer of `capacity` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipReader;
    ///
    /// let reader = GzipReader::multi_with_capacity(64, &b""[..]);
    /// assert!(reader.is_multi());
    /// ```
    pub fn multi_with_capacity(capacity: usize, inner: R) -> GzipReader<R> {
        GzipReader::build(capacity, true, (inner, Bytes::new()))
    }

    /// A reader of one member that decodes `leftover` before reading `inner`: what
    /// [`into_parts`](GzipReader::into_parts) of the previous member's reader gave back
    /// on the same connection ([rule R6](writestack_core#readers)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, GzipReader, GzipWriter};
    ///
    /// let mut wire = Vec::new();
    /// for body in ["first", "second"] {
    ///     let mut writer = GzipWriter::new(wire, Compression::default());
    ///     writer.write_all(body.as_bytes())?;
    ///     wire = writer.finish().wait()?.into_inner();
    /// }
    /// let mut reader = GzipReader::new(&wire[..]);
    /// let mut body = String::new();
    /// reader.read_to_string(&mut body)?;
    /// assert_eq!(body, "first");
    /// let mut reader = GzipReader::from_parts(reader.into_parts());
    /// body.clear();
    /// reader.read_to_string(&mut body)?;
    /// assert_eq!(body, "second");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_parts(parts: (R, Bytes)) -> GzipReader<R> {
        GzipReader::build(READ_CAPACITY, false, parts)
    }

    fn build(capacity: usize, multi: bool, parts: (R, Bytes)) -> GzipReader<R> {
        GzipReader {
            inner: DecodeReader::from_parts(capacity, GzipDecoder::new(multi), parts)
                .named("GzipReader"),
        }
    }

    /// The header of the member being read (in [`multi`](GzipReader::multi) mode, the
    /// current or last member's); `None` until a whole header has been read.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{GzipReader, GzipWriter};
    ///
    /// let mut writer = GzipWriter::builder()
    ///     .filename("a.txt")
    ///     .comment("made here")
    ///     .operating_system(3)
    ///     .new_write(Vec::new())?;
    /// writer.write_all(b"body")?;
    /// let wire = writer.finish().wait()?.into_inner();
    ///
    /// let mut reader = GzipReader::new(&wire[..]);
    /// reader.read_to_end(&mut Vec::new())?;
    /// let header = reader.header().expect("read");
    /// assert_eq!(header.filename(), Some(&b"a.txt"[..]));
    /// assert_eq!(header.comment(), Some(&b"made here"[..]));
    /// assert_eq!(header.operating_system(), 3);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn header(&self) -> Option<&GzipHeader> {
        self.inner.decoder().header()
    }

    /// Whether this reader reads every member ([`multi`](GzipReader::multi)).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipReader;
    ///
    /// assert!(!GzipReader::new(&b""[..]).is_multi());
    /// ```
    pub fn is_multi(&self) -> bool {
        self.inner.decoder().is_multi()
    }

    /// The members read to their end, trailer checked.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, GzipReader, GzipWriter};
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"one member")?;
    /// let wire = writer.finish().wait()?.into_inner();
    /// let mut reader = GzipReader::multi(&wire[..]);
    /// assert_eq!(reader.members(), 0);
    /// reader.read_to_end(&mut Vec::new())?;
    /// assert_eq!(reader.members(), 1);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn members(&self) -> u64 {
        self.inner.decoder().members()
    }
}

writestack_core::impl_reader!(
    GzipReader,
    "# use futures::Future;\n# use writestack_core::FinishExt;\n\
     use writestack_flate::{Compression, GzipReader, GzipWriter};\n\n\
     let payload = b\"a payload, a payload, a payload\".to_vec();\n\
     let mut writer = GzipWriter::new(Vec::new(), Compression::default());\n\
     std::io::Write::write_all(&mut writer, &payload)?;\n\
     let wire = writer.finish().wait()?.into_inner();\n\
     let mut reader = GzipReader::new(&wire[..]);"
);
