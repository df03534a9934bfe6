//! Fluent stacking: `socket.buffered().gzip(level).crc32().framed()` to send, and
//! `socket.gunzip().verify_crc32().deframed()` to receive.

pub use writestack_core::{End, Finish, FinishExt, KeepOpen, Layer, Stack, StackExt};

pub use crate::read_stack::ReadStackExt;

#[cfg(feature = "flate")]
use writestack_flate::Compression;

/// Wraps any writer in a writestack layer. Each method puts a new layer **on top of**
/// `self`: the last call is the layer the application writes into.
///
/// Implemented for every type: a layer implements the writer traits its inner writer
/// has. Over a `tokio_io::AsyncWrite` the layers are tokio-io 0.1 writers, over a plain
/// `std::io::Write` (a file, a `Vec<u8>`) blocking writers, and with the `tokio` or
/// `futures-io` feature, over a tokio 1 or futures-io writer (a `tokio::net::TcpStream`)
/// writers of that runtime.
///
/// Every layer keeps every rule of [the contract](writestack_core#the-contract); in
/// particular `Drop` does no I/O (rule 17): end the stack first ([`StackExt::end`],
/// `shutdown`, or [`Finish`] layer by layer).
///
/// # Examples
///
/// ```
/// use writestack::prelude::*;
///
/// let stack = Vec::<u8>::new().buffered().crc32().framed();
/// assert_eq!(stack.frames_written(), 0);
/// ```
pub trait WriteStackExt: Sized {
    /// Marks `self` as the bottom of a stack that keeps it open when the stack ends
    /// ([`KeepOpen`]): [`StackExt::end`] writes every layer's tail and gives `self`
    /// back, flushed, for the next stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use futures::Future;
    /// use writestack::prelude::*;
    ///
    /// let mut stack = Vec::<u8>::new().keep_open().framed();
    /// stack.write_all(b"one").unwrap();
    /// let transport = stack.end().wait().unwrap();
    /// assert_eq!(transport, b"\0\0\0\x03one");
    /// ```
    fn keep_open(self) -> KeepOpen<Self> {
        KeepOpen::new(self)
    }

    /// A [`BufWriter`](writestack_buf::BufWriter) with the default 8 KiB buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack::prelude::*;
    ///
    /// assert_eq!(Vec::<u8>::new().buffered().capacity(), 8 * 1024);
    /// ```
    #[cfg(feature = "buf")]
    fn buffered(self) -> writestack_buf::BufWriter<Self> {
        writestack_buf::BufWriter::new(self)
    }

    /// A [`BufWriter`](writestack_buf::BufWriter) holding at most `capacity` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack::prelude::*;
    ///
    /// assert_eq!(Vec::<u8>::new().buffered_with_capacity(64 * 1024).capacity(), 64 * 1024);
    /// ```
    #[cfg(feature = "buf")]
    fn buffered_with_capacity(self, capacity: usize) -> writestack_buf::BufWriter<Self> {
        writestack_buf::BufWriter::with_capacity(capacity, self)
    }

    /// A raw [`DeflateWriter`](writestack_flate::DeflateWriter) (RFC 1951).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack::flate::Compression;
    /// use writestack::prelude::*;
    ///
    /// assert_eq!(Vec::<u8>::new().deflate(Compression::best()).level(), Compression::best());
    /// ```
    #[cfg(feature = "flate")]
    fn deflate(self, level: Compression) -> writestack_flate::DeflateWriter<Self> {
        writestack_flate::DeflateWriter::new(self, level)
    }

    /// A [`ZlibWriter`](writestack_flate::ZlibWriter) (RFC 1950).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack::flate::Compression;
    /// use writestack::prelude::*;
    ///
    /// assert_eq!(Vec::<u8>::new().zlib(Compression::fast()).level(), Compression::fast());
    /// ```
    #[cfg(feature = "flate")]
    fn zlib(self, level: Compression) -> writestack_flate::ZlibWriter<Self> {
        writestack_flate::ZlibWriter::new(self, level)
    }

    /// A [`GzipWriter`](writestack_flate::GzipWriter) (RFC 1952) with a default header.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack::flate::Compression;
    /// use writestack::prelude::*;
    ///
    /// assert_eq!(Vec::<u8>::new().gzip(Compression::default()).level(), Compression::default());
    /// ```
    #[cfg(feature = "flate")]
    fn gzip(self, level: Compression) -> writestack_flate::GzipWriter<Self> {
        writestack_flate::GzipWriter::new(self, level)
    }

    /// A [`Crc32Writer`](writestack_crc::Crc32Writer) that appends the big-endian CRC32 of
    /// everything written as its tail. For a checksum without a trailer use
    /// `Crc32Writer::new`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack::prelude::*;
    ///
    /// let mut writer = Vec::<u8>::new().crc32();
    /// writer.write_all(b"123456789").unwrap();
    /// assert_eq!(writer.crc(), 0xCBF4_3926);
    /// ```
    #[cfg(feature = "crc")]
    fn crc32(self) -> writestack_crc::Crc32Writer<Self> {
        writestack_crc::Crc32Writer::with_trailer(self, writestack_core::Endian::Big)
    }

    /// A [`FrameWriter`](writestack_frame::FrameWriter) in message mode: one frame per
    /// write, 4-byte big-endian lengths, 8 MiB maximum (tokio's `LengthDelimitedCodec`
    /// defaults). Use `FrameWriter::builder()` for other formats.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack::prelude::*;
    ///
    /// let mut writer = Vec::<u8>::new().framed();
    /// writer.write_all(b"hi").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.get_ref(), &[0, 0, 0, 2, b'h', b'i']);
    /// ```
    #[cfg(feature = "frame")]
    fn framed(self) -> writestack_frame::FrameWriter<Self> {
        writestack_frame::FrameWriter::new(self)
    }
}

impl<W> WriteStackExt for W {}
