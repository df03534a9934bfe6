//! `GzipBuilder`: the gzip header fields and the level, checked once when the writer is
//! built.

use std::io;

use flate2::Compression;
use writestack_core::{EncodeWriter, DEFAULT_CAPACITY, MAX_CAPACITY};

use crate::gzip_encoder::{GzipEncoder, HeaderBytes, FIXED_HEADER_LEN};
use crate::{level, GzipWriter, MAX_WINDOW_BITS, MIN_CAPACITY};

/// FLG bit: a zero-terminated original file name follows the fixed header.
const FNAME: u8 = 0x08;
/// FLG bit: a zero-terminated comment follows the file name.
const FCOMMENT: u8 = 0x10;

/// The `OS` byte for "unknown", what flate2's `GzBuilder` writes by default.
pub const OS_UNKNOWN: u8 = 255;

/// Configures a [`GzipWriter`]: the header fields a reader shows (`gzip -l -N`, browsers'
/// download names), the level and the buffer. [`new_write`](GzipBuilder::new_write)
/// checks the configuration and builds the writer.
///
/// Defaults: level 6, no file name, no comment, `MTIME` 0 (no time stamp, so the same
/// input always gives the same bytes), `OS` 255 (unknown), an 8 KiB buffer.
///
/// ```text
///  +---+---+---+---+---+---+---+---+---+---+
///  |1f |8b |08 |FLG|  MTIME (LE)   |XFL|OS |
///  +---+---+---+---+---+---+---+---+---+---+
///  [file name ... 00]   if a file name is set (FLG bit 3)
///  [comment   ... 00]   if a comment is set   (FLG bit 4)
/// ```
///
/// `XFL` is 2 at level 9 and 4 at levels 0 and 1, as gzip and flate2 write it.
///
/// # Examples
///
/// ```
/// use std::io::{Read, Write};
/// use flate2::read::GzDecoder;
/// use futures::Future;
/// use writestack_core::FinishExt;
/// use writestack_flate::{Compression, GzipWriter};
///
/// let mut writer = GzipWriter::builder()
///     .filename("notes.txt")
///     .comment("from writestack")
///     .mtime(1_700_000_000)
///     .operating_system(3) // Unix
///     .level(Compression::best())
///     .new_write(Vec::new())
///     .unwrap();
/// writer.write_all(b"hello").unwrap();
/// let wire = writer.finish().wait().unwrap().into_inner();
///
/// let mut decoder = GzDecoder::new(&wire[..]);
/// let mut text = String::new();
/// decoder.read_to_string(&mut text).unwrap();
/// let header = decoder.header().unwrap();
/// assert_eq!(header.filename(), Some(&b"notes.txt"[..]));
/// assert_eq!(header.comment(), Some(&b"from writestack"[..]));
/// assert_eq!(header.mtime(), 1_700_000_000);
/// assert_eq!(header.operating_system(), 3);
/// assert_eq!(text, "hello");
/// ```
///
/// # Why `&mut self`
///
/// The setters take and return `&mut self`, as `FrameWriter`'s `Builder` and tokio-util's
/// `length_delimited::Builder` do: a service configures one builder and builds a writer
/// per connection from it (`new_write` takes `&self`), and a chain on a temporary
/// (`GzipWriter::builder().level(..).new_write(socket)`) still reads as one expression.
///
/// ```
/// use writestack_flate::{Compression, GzipWriter};
///
/// let mut builder = GzipWriter::builder();
/// builder.level(Compression::fast()).filename("log.txt");
/// let first = builder.new_write(Vec::<u8>::new()).unwrap();
/// let second = builder.new_write(Vec::<u8>::new()).unwrap();
/// assert_eq!(first.level(), second.level());
/// ```
#[derive(Clone, Debug)]
pub struct GzipBuilder {
    level: Compression,
    filename: Option<Vec<u8>>,
    comment: Option<Vec<u8>>,
    mtime: u32,
    operating_system: u8,
    capacity: usize,
    window_bits: u8,
}

impl Default for GzipBuilder {
    fn default() -> GzipBuilder {
        GzipBuilder::new()
    }
}

impl GzipBuilder {
    /// A builder with the defaults (the same as `GzipWriter::builder()`).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, GzipBuilder};
    ///
    /// let writer = GzipBuilder::new().new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(writer.level(), Compression::default());
    /// ```
    pub fn new() -> GzipBuilder {
        GzipBuilder {
            level: Compression::default(),
            filename: None,
            comment: None,
            mtime: 0,
            operating_system: OS_UNKNOWN,
            capacity: DEFAULT_CAPACITY,
            window_bits: MAX_WINDOW_BITS,
        }
    }

    /// The compression level, 0 (stored) to 9 (smallest); `new_write` refuses higher ones.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let writer = GzipWriter::builder().level(Compression::fast()).new_write(Vec::<u8>::new());
    /// assert_eq!(writer.unwrap().level(), Compression::fast());
    /// ```
    pub fn level(&mut self, level: Compression) -> &mut Self {
        self.level = level;
        self
    }

    /// The original file name (`FNAME`), as bytes (RFC 1952 says ISO 8859-1); it must not
    /// contain a NUL byte.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().filename("a.txt").new_write(Vec::<u8>::new()).unwrap();
    /// assert!(writer.header().ends_with(b"a.txt\0"));
    /// ```
    pub fn filename(&mut self, name: impl Into<Vec<u8>>) -> &mut Self {
        self.filename = Some(name.into());
        self
    }

    /// A comment (`FCOMMENT`), as bytes; it must not contain a NUL byte.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().comment("hi").new_write(Vec::<u8>::new()).unwrap();
    /// assert!(writer.header().ends_with(b"hi\0"));
    /// ```
    pub fn comment(&mut self, comment: impl Into<Vec<u8>>) -> &mut Self {
        self.comment = Some(comment.into());
        self
    }

    /// The modification time (`MTIME`), in seconds since the Unix epoch; 0 means none.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().mtime(0x0403_0201).new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(&writer.header()[4..8], &[1, 2, 3, 4]);
    /// ```
    pub fn mtime(&mut self, seconds: u32) -> &mut Self {
        self.mtime = seconds;
        self
    }

    /// The `OS` byte: 0 FAT, 3 Unix, 7 Macintosh, 11 NTFS, 255 unknown (the default).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().operating_system(3).new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(writer.header()[9], 3);
    /// ```
    pub fn operating_system(&mut self, os: u8) -> &mut Self {
        self.operating_system = os;
        self
    }

    /// The capacity of the writer's buffer (CONTRACT rule 6), from
    /// [`MIN_CAPACITY`](crate::MIN_CAPACITY) to
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY); `new_write` refuses others.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_flate::GzipWriter;
    ///
    /// let writer = GzipWriter::builder().buffer_capacity(32 * 1024).new_write(Vec::<u8>::new());
    /// assert_eq!(writer.unwrap().capacity(), 32 * 1024);
    /// ```
    pub fn buffer_capacity(&mut self, capacity: usize) -> &mut Self {
        self.capacity = capacity;
        self
    }

    /// The deflate window, `2^window_bits` bytes, from
    /// [`MIN_WINDOW_BITS`](crate::MIN_WINDOW_BITS) to
    /// [`MAX_WINDOW_BITS`](crate::MAX_WINDOW_BITS) (the default). A smaller window makes
    /// each writer hold less memory, and the output larger: the README's memory table
    /// measures both. Below 15 it needs the `zlib-rs` feature (miniz_oxide has one
    /// window size); `new_write` refuses what the backend cannot do. Any gzip reader
    /// decodes the result.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use flate2::read::GzDecoder;
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_flate::GzipWriter;
    ///
    /// let built = GzipWriter::builder().window_bits(12).new_write(Vec::new());
    /// if cfg!(feature = "zlib-rs") {
    ///     let mut writer = built.unwrap();
    ///     assert_eq!(writer.window_bits(), 12);
    ///     std::io::Write::write_all(&mut writer, b"small window, same format").unwrap();
    ///     let wire = writer.finish().wait().unwrap().into_inner();
    ///     let mut text = String::new();
    ///     GzDecoder::new(&wire[..]).read_to_string(&mut text).unwrap();
    ///     assert_eq!(text, "small window, same format");
    /// } else {
    ///     assert_eq!(built.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// }
    /// ```
    pub fn window_bits(&mut self, window_bits: u8) -> &mut Self {
        self.window_bits = window_bits;
        self
    }

    /// Checks the configuration and builds the writer over `inner`. Nothing is written
    /// yet: the header goes out with the first write, flush or finish.
    ///
    /// # Errors
    ///
    /// `ErrorKind::InvalidInput` for a level above 9, a file name or comment containing
    /// a NUL byte, a buffer capacity outside
    /// [`MIN_CAPACITY`](crate::MIN_CAPACITY)`..=`[`MAX_CAPACITY`](writestack_core::MAX_CAPACITY),
    /// or window bits outside 9..=15 (outside 15..=15 without the `zlib-rs` feature).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::ErrorKind;
    /// use writestack_flate::{Compression, GzipWriter};
    ///
    /// let error = GzipWriter::builder()
    ///     .level(Compression::new(10))
    ///     .new_write(Vec::<u8>::new())
    ///     .unwrap_err();
    /// assert_eq!(error.kind(), ErrorKind::InvalidInput);
    /// let error = GzipWriter::builder().filename("a\0b").new_write(Vec::<u8>::new()).unwrap_err();
    /// assert_eq!(error.kind(), ErrorKind::InvalidInput);
    /// let error = GzipWriter::builder().buffer_capacity(usize::MAX).new_write(Vec::<u8>::new());
    /// assert_eq!(error.unwrap_err().kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn new_write<W>(&self, inner: W) -> io::Result<GzipWriter<W>> {
        let level = level::check("GzipWriter", self.level)?;
        if !(MIN_CAPACITY..=MAX_CAPACITY).contains(&self.capacity) {
            return Err(invalid(&format!(
                "a buffer capacity of {} bytes is outside {MIN_CAPACITY}..={MAX_CAPACITY}",
                self.capacity
            )));
        }
        crate::window::check("GzipWriter", self.window_bits)?;
        for (field, what) in [(&self.filename, "file name"), (&self.comment, "comment")] {
            if field.as_ref().is_some_and(|bytes| bytes.contains(&0)) {
                return Err(invalid(&format!(
                    "the gzip {what} contains a NUL byte, which would end it early"
                )));
            }
        }
        Ok(self.writer(level, inner))
    }

    /// Builds the writer without checking: the caller has checked or clamped the level,
    /// and NUL bytes in the fields have been refused.
    pub(crate) fn writer<W>(&self, level: Compression, inner: W) -> GzipWriter<W> {
        let encoder = GzipEncoder::new(self.header(level), level, self.window_bits);
        let capacity = self.capacity.max(MIN_CAPACITY);
        GzipWriter::from_adapter(
            EncodeWriter::with_capacity(capacity, encoder, inner).named("GzipWriter"),
        )
    }

    /// The header bytes for `level`.
    fn header(&self, level: Compression) -> HeaderBytes {
        let mut flags = 0;
        if self.filename.is_some() {
            flags |= FNAME;
        }
        if self.comment.is_some() {
            flags |= FCOMMENT;
        }
        let optional: usize = [&self.filename, &self.comment]
            .into_iter()
            .flatten()
            .map(|field| field.len() + 1)
            .sum();
        let mut fixed = [0; FIXED_HEADER_LEN];
        fixed[..4].copy_from_slice(&[0x1f, 0x8b, 8, flags]);
        fixed[4..8].copy_from_slice(&self.mtime.to_le_bytes());
        fixed[8] = extra_flags(level);
        fixed[9] = self.operating_system;
        if optional == 0 {
            return HeaderBytes::Fixed(fixed);
        }
        let mut header = Vec::with_capacity(FIXED_HEADER_LEN + optional);
        header.extend_from_slice(&fixed);
        for field in [&self.filename, &self.comment].into_iter().flatten() {
            header.extend_from_slice(field);
            header.push(0);
        }
        HeaderBytes::WithFields(header.into_boxed_slice())
    }
}

/// `XFL`: 2 for the slowest, best compression, 4 for the fastest.
fn extra_flags(level: Compression) -> u8 {
    match level.level() {
        9 => 2,
        0 | 1 => 4,
        _ => 0,
    }
}

/// flate2 panics on window bits outside 9..=15, and miniz_oxide has only 15.
fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("GzipWriter: {why}"))
}
