//! `GzipWriter`: one gzip member (RFC 1952) per writer.

use std::io;

use flate2::Compression;
use writestack_core::EncodeWriter;

use crate::gzip_encoder::GzipEncoder;
use crate::GzipBuilder;

pin_project_lite::pin_project! {
    /// Compresses everything written into one gzip member (RFC 1952):
    ///
    /// ```text
    ///  +---+---+---+---+---+---+---+---+---+---+
    ///  |1f |8b |08 |FLG|  MTIME (LE)   |XFL|OS |  header: 10 bytes, then the optional
    ///  +---+---+---+---+---+---+---+---+---+---+  file name and comment (GzipBuilder)
    ///  +=========================================+
    ///  |  deflate blocks (one sync flush per     |
    ///  |  poll_flush, the final block at finish) |
    ///  +=========================================+
    ///  +---+---+---+---+---+---+---+---+
    ///  |  CRC-32 (LE)  |  ISIZE (LE)   |  trailer: checksum and length mod 2^32
    ///  +---+---+---+---+---+---+---+---+
    /// ```
    ///
    /// * The header goes out with the first write, flush or finish; the trailer is the tail.
    ///   Both are written resumably, whatever the inner writer takes at a time.
    /// * `poll_flush` performs exactly one sync flush of everything written since the last
    ///   one, so the peer can decode all of it now (CONTRACT rule 8); a flush with nothing
    ///   new emits nothing (rule 9); the first flush of a fresh writer emits the header.
    /// * `poll_finish` writes the final block and the trailer and flushes the inner writer
    ///   without shutting it down. [`into_inner`](GzipWriter::into_inner) then gives the
    ///   inner writer back, and a new `GzipWriter` on it starts the next member: a
    ///   multi-member file (`gzip -dc` and flate2's `MultiGzDecoder` read them whole), or the
    ///   next body on a keep-alive connection.
    /// * `shutdown` finishes the member, then forwards `shutdown` to the inner writer, once.
    /// * An empty stream is a whole member: header, empty final block, trailer (20 bytes
    ///   with the default header; 23 at level 0).
    ///
    /// Every rule of [the contract](writestack_core#the-contract) holds; in particular `Drop`
    /// does no I/O (rule 17): finish or shut the writer down first.
    ///
    /// # Examples
    ///
    /// Two members on one inner writer, read back as one text:
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::MultiGzDecoder;
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let mut first = GzipWriter::new(Vec::new(), Compression::default());
    /// first.write_all(b"one, ").unwrap();
    /// let file = first.finish().wait().unwrap().into_inner();
    ///
    /// let mut second = GzipWriter::new(file, Compression::default());
    /// second.write_all(b"two").unwrap();
    /// let file = second.finish().wait().unwrap().into_inner();
    ///
    /// let mut text = String::new();
    /// MultiGzDecoder::new(&file[..]).read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "one, two");
    /// ```
    pub struct GzipWriter<W> {
        #[pin]
        inner: EncodeWriter<W, GzipEncoder>,
    }
}

impl GzipWriter<()> {
    /// A [`GzipBuilder`] with the defaults; defined on `GzipWriter<()>` so that
    /// `GzipWriter::builder()` needs no type annotation. The same as
    /// [`GzipBuilder::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().filename("x").new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(writer.header()[3], 0x08); // FLG.FNAME
    /// ```
    pub fn builder() -> GzipBuilder {
        GzipBuilder::new()
    }
}

impl<W> GzipWriter<W> {
    /// A gzip writer at `level` with the default header (no name, no comment, `MTIME` 0,
    /// `OS` 255) and an 8 KiB buffer. Levels above 9 are treated as 9; use the
    /// [builder](GzipWriter::builder) to have them refused.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let writer = GzipWriter::new(Vec::<u8>::new(), Compression::fast());
    /// assert_eq!(writer.header(), &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);
    /// ```
    pub fn new(inner: W, level: Compression) -> GzipWriter<W> {
        let level = crate::level::clamp(level);
        GzipBuilder::new().writer(level, inner)
    }

    pub(crate) fn from_adapter(inner: EncodeWriter<W, GzipEncoder>) -> GzipWriter<W> {
        GzipWriter { inner }
    }

    /// The compression level in use.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let writer = GzipWriter::new(Vec::<u8>::new(), Compression::new(12));
    /// assert_eq!(writer.level(), Compression::best());
    /// ```
    pub fn level(&self) -> Compression {
        self.inner.encoder().level()
    }

    /// The member's header bytes (written with the first write, flush or finish).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let writer = GzipWriter::new(Vec::<u8>::new(), Compression::best());
    /// assert_eq!(&writer.header()[..3], &[0x1f, 0x8b, 8]);
    /// assert_eq!(writer.header()[8], 2); // XFL: best compression
    /// ```
    pub fn header(&self) -> &[u8] {
        self.inner.encoder().header()
    }

    /// The CRC-32 of everything accepted so far: what the trailer will hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"123456789").unwrap();
    /// assert_eq!(writer.crc(), 0xcbf4_3926); // the CRC-32 check value
    /// ```
    pub fn crc(&self) -> u32 {
        self.inner.encoder().crc()
    }

    /// Begins a new gzip member on the same inner writer after a completed
    /// [`poll_finish`](writestack_core::Finish::poll_finish), reusing the compressor and
    /// the buffer instead of allocating and initialising new ones (about 300 KiB at the
    /// default window). `total_in` and `total_out` count the new gzip member from 0.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput`, with nothing changed, before `poll_finish` has completed
    /// or after `shutdown` (the inner writer is closed: use [`reset`](GzipWriter::reset)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::GzDecoder;
    /// use writestack_core::Finish;
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"first").unwrap();
    /// assert!(writer.restart().is_err()); // the first gzip member is not finished yet
    /// writer.poll_finish().unwrap();
    /// let first_len = writer.get_ref().len();
    /// writer.restart().unwrap();
    /// writer.write_all(b"second").unwrap();
    /// writer.poll_finish().unwrap();
    ///
    /// let wire = writer.into_inner();
    /// let mut text = String::new();
    /// GzDecoder::new(&wire[first_len..]).read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "second");
    /// ```
    pub fn restart(&mut self) -> io::Result<()> {
        self.inner.restart_with(GzipEncoder::reset)
    }

    /// Begins a new gzip member on `inner` after a completed `poll_finish` or `shutdown`, and
    /// returns the old inner writer; the compressor and the buffer are reused, as in
    /// [`restart`](GzipWriter::restart).
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput` before the gzip member is finished; nothing changes, and
    /// `inner` is dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use flate2::read::GzDecoder;
    /// use writestack_core::Finish;
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    /// writer.write_all(b"to the first peer").unwrap();
    /// writer.poll_finish().unwrap();
    /// let first = writer.reset(Vec::new()).unwrap();
    /// writer.write_all(b"to the second peer").unwrap();
    /// writer.poll_finish().unwrap();
    ///
    /// for (wire, expected) in [(first, "to the first peer"), (writer.into_inner(), "to the second peer")] {
    ///     let mut text = String::new();
    ///     GzDecoder::new(&wire[..]).read_to_string(&mut text).unwrap();
    ///     assert_eq!(text, expected);
    /// }
    /// ```
    pub fn reset(&mut self, inner: W) -> io::Result<W> {
        self.inner.reset_with(inner, GzipEncoder::reset)
    }

    /// The deflate window in use, `2^window_bits` bytes
    /// ([`GzipBuilder::window_bits`](crate::GzipBuilder::window_bits)).
    pub fn window_bits(&self) -> u8 {
        self.inner.encoder().window_bits()
    }
}

writestack_core::impl_layer!(
    GzipWriter,
    "let mut writer = writestack_flate::GzipWriter::new(\
     Vec::<u8>::new(), writestack_flate::Compression::default());",
    capacity
);
