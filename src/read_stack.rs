//! Fluent unstacking, the mirror of [`WriteStackExt`](crate::prelude::WriteStackExt):
//! `socket.gunzip().verify_crc32().deframed()`.

/// Wraps any reader in a writestack reader. Each method puts a new reader **on top of**
/// `self`, undoing the layer the sender put **below** the one after it: the receiving
/// side of `frame -> crc32 -> gzip -> socket` is `socket.gunzip().verify_crc32().deframed()`.
///
/// Implemented for every type: a reader implements the reader traits its inner reader
/// has (`std::io::Read`, tokio-io 0.1 `AsyncRead`, and with the `tokio` / `futures-io`
/// features the tokio 1 / futures-io `AsyncRead`). Every reader keeps the reader rules
/// [R1-R7](writestack_core#readers).
///
/// # Examples
///
/// ```
/// use std::io::{Read, Write};
/// use futures::Future;
/// use writestack::flate::Compression;
/// use writestack::prelude::*;
///
/// let mut stack = Vec::<u8>::new().keep_open().gzip(Compression::fast()).crc32().framed();
/// stack.write_all(b"first")?;
/// stack.write_all(b"second")?;
/// let wire = stack.end().wait()?;
///
/// let mut payload = String::new();
/// (&wire[..]).gunzip().verify_crc32().deframed().read_to_string(&mut payload)?;
/// assert_eq!(payload, "firstsecond"); // as bytes; `FrameReader` is also a stream of frames
/// # Ok::<(), std::io::Error>(())
/// ```
pub trait ReadStackExt: Sized {
    /// A [`GzipReader`](writestack_flate::GzipReader) of one gzip member (RFC 1952): CRC32
    /// and ISIZE checked; what follows the member stays for `into_parts`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use writestack::flate::{Compression, GzipWriter};
    /// use writestack::prelude::*;
    ///
    /// let mut writer = GzipWriter::new(Vec::new(), Compression::fast());
    /// writer.write_all(b"zipped")?;
    /// writer.poll_finish()?;
    /// let wire = writer.into_inner();
    ///
    /// let mut text = String::new();
    /// (&wire[..]).gunzip().read_to_string(&mut text)?;
    /// assert_eq!(text, "zipped");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "flate")]
    fn gunzip(self) -> writestack_flate::GzipReader<Self> {
        writestack_flate::GzipReader::new(self)
    }

    /// A [`ZlibReader`](writestack_flate::ZlibReader) of one zlib stream (RFC 1950),
    /// Adler-32 checked.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use writestack::flate::{Compression, ZlibWriter};
    /// use writestack::prelude::*;
    ///
    /// let mut writer = ZlibWriter::new(Vec::new(), Compression::fast());
    /// writer.write_all(b"zlib")?;
    /// writer.poll_finish()?;
    /// let wire = writer.into_inner();
    ///
    /// let mut text = String::new();
    /// (&wire[..]).inflate_zlib().read_to_string(&mut text)?;
    /// assert_eq!(text, "zlib");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "flate")]
    fn inflate_zlib(self) -> writestack_flate::ZlibReader<Self> {
        writestack_flate::ZlibReader::new(self)
    }

    /// A [`DeflateReader`](writestack_flate::DeflateReader) of one raw deflate stream
    /// (RFC 1951).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use writestack::flate::{Compression, DeflateWriter};
    /// use writestack::prelude::*;
    ///
    /// let mut writer = DeflateWriter::new(Vec::new(), Compression::fast());
    /// writer.write_all(b"raw")?;
    /// writer.poll_finish()?;
    /// let wire = writer.into_inner();
    ///
    /// let mut text = String::new();
    /// (&wire[..]).inflate().read_to_string(&mut text)?;
    /// assert_eq!(text, "raw");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "flate")]
    fn inflate(self) -> writestack_flate::DeflateReader<Self> {
        writestack_flate::DeflateReader::new(self)
    }

    /// A [`Crc32Reader`](writestack_crc::Crc32Reader) that treats the last 4 bytes of the
    /// stream as the big-endian CRC32 of the rest (what `WriteStackExt::crc32` writes)
    /// and checks it at the end: `InvalidData` on a mismatch.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack::prelude::*;
    ///
    /// let mut wire = b"123456789".to_vec();
    /// wire.extend_from_slice(&0xCBF4_3926_u32.to_be_bytes());
    /// let mut payload = Vec::new();
    /// (&wire[..]).verify_crc32().read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    ///
    /// wire[0] ^= 1;
    /// let error = (&wire[..]).verify_crc32().read_to_end(&mut Vec::new()).unwrap_err();
    /// assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "crc")]
    fn verify_crc32(self) -> writestack_crc::Crc32Reader<Self> {
        writestack_crc::Crc32Reader::with_trailer(self, writestack_core::Endian::Big)
    }

    /// A [`FrameReader`](writestack_frame::FrameReader) of message-mode frames with 4-byte
    /// big-endian lengths and an 8 MiB maximum (what `WriteStackExt::framed` writes);
    /// `Builder::new_read` reads any other configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack::prelude::*;
    ///
    /// let wire = [0, 0, 0, 2, b'h', b'i', 0, 0, 0, 1, b'!'];
    /// let mut payload = Vec::new();
    /// (&wire[..]).deframed().read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"hi!");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "frame")]
    fn deframed(self) -> writestack_frame::FrameReader<Self> {
        writestack_frame::FrameReader::new(self)
    }
}

impl<R> ReadStackExt for R {}
