//! `GzipHeader`: the fields of a gzip member's header (RFC 1952 section 2.3), as read.

/// The header of a gzip member, as [`GzipReader`](crate::GzipReader) read it.
///
/// The optional fields are kept as sent, without a character set: RFC 1952 says ISO
/// 8859-1, but many tools write UTF-8. Each is at most [`MAX_HEADER_FIELD`] bytes.
///
/// # Examples
///
/// ```
/// use std::io::{Read, Write};
/// use futures::Future;
/// use writestack_core::FinishExt;
/// use writestack_flate::{GzipReader, GzipWriter};
///
/// let mut writer = GzipWriter::builder().filename("notes.txt").mtime(7).new_write(Vec::new())?;
/// writer.write_all(b"text")?;
/// let wire = writer.finish().wait()?.into_inner();
///
/// let mut reader = GzipReader::new(&wire[..]);
/// assert!(reader.header().is_none()); // not read yet
/// let mut text = Vec::new();
/// reader.read_to_end(&mut text)?;
/// let header = reader.header().expect("the header was read");
/// assert_eq!(header.filename(), Some(&b"notes.txt"[..]));
/// assert_eq!(header.mtime(), 7);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GzipHeader {
    pub(crate) text: bool,
    pub(crate) mtime: u32,
    pub(crate) extra_flags: u8,
    pub(crate) operating_system: u8,
    pub(crate) extra: Option<Vec<u8>>,
    pub(crate) filename: Option<Vec<u8>>,
    pub(crate) comment: Option<Vec<u8>>,
    pub(crate) header_crc: Option<u16>,
}

/// The most bytes [`GzipReader`](crate::GzipReader) accepts in a header's file name or
/// comment (without the terminating zero): 64 KiB - 1, the most the FEXTRA field can hold
/// by its 16-bit length. A longer one is `InvalidData`, so a header costs bounded memory.
///
/// # Examples
///
/// ```
/// assert_eq!(writestack_flate::MAX_HEADER_FIELD, 65_535);
/// ```
pub const MAX_HEADER_FIELD: usize = 65_535;

impl GzipHeader {
    /// The original file name (FNAME), without its terminating zero.
    pub fn filename(&self) -> Option<&[u8]> {
        self.filename.as_deref()
    }

    /// The comment (FCOMMENT), without its terminating zero.
    pub fn comment(&self) -> Option<&[u8]> {
        self.comment.as_deref()
    }

    /// The extra field (FEXTRA): its subfields, as sent, without the 2-byte length.
    pub fn extra(&self) -> Option<&[u8]> {
        self.extra.as_deref()
    }

    /// The modification time (MTIME), seconds since the Unix epoch; 0 when not given.
    pub fn mtime(&self) -> u32 {
        self.mtime
    }

    /// The operating system byte (OS): 3 is Unix, 255
    /// ([`OS_UNKNOWN`](crate::OS_UNKNOWN)) unknown.
    pub fn operating_system(&self) -> u8 {
        self.operating_system
    }

    /// The extra flags byte (XFL): 2 for maximum compression, 4 for fastest.
    pub fn extra_flags(&self) -> u8 {
        self.extra_flags
    }

    /// Whether FTEXT was set: the sender thought the payload was text.
    pub fn is_text(&self) -> bool {
        self.text
    }

    /// The header's CRC-16 (FHCRC), if it had one; the reader checked it.
    pub fn header_crc(&self) -> Option<u16> {
        self.header_crc
    }
}
