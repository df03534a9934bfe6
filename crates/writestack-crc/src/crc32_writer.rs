//! `Crc32Writer`: the pass-through CRC32 layer.

use std::fmt;

use writestack_core::{EncodeWriter, Endian};

use crate::encoder::Crc32Encoder;

/// Passes every byte straight to the inner writer and keeps the CRC32 (IEEE, the one of
/// zlib, gzip and PNG) of what passed; optionally appends that CRC as a 4-byte trailer
/// when the stream ends.
///
/// * [`new`](Crc32Writer::new) observes only: the wire is exactly the payload, and
///   [`crc`](Crc32Writer::crc) tells what it hashed to.
/// * [`with_trailer`](Crc32Writer::with_trailer) writes the CRC of the whole payload,
///   in the given byte order, as its tail: on `poll_finish` (then flushes the inner
///   writer) or `shutdown` (then shuts the inner writer down), exactly once.
///
/// Nothing is copied: `write` and `write_buf` go to the inner writer as they are
/// (`write_buf` stays vectored), and the CRC is updated with the `n` bytes the inner
/// writer took, so a short write, `WouldBlock` or error never hashes bytes that were not
/// accepted. The layer's own state is the hasher and the at most 4 trailer bytes.
///
/// # Contract
///
/// The adapter in `writestack-core` implements every rule of the layer contract; this
/// type relies on it for rules 1 to 5 (ownership of `buf[..n]` only, no invented
/// `NotReady`, `Ok(0)` and `Interrupted` handling, empty writes), 8 to 13 (flush, the
/// resumable trailer, finish versus shutdown, writes after the end) and 15 to 17. Rule 6
/// holds trivially: the layer never buffers payload, so while the inner writer blocks it
/// accepts nothing. Rule 14: an empty stream with a trailer is the CRC of nothing,
/// four zero bytes.
///
/// `Drop` does no I/O: a trailer not yet written when the writer is dropped (or taken
/// apart with [`into_inner`](Crc32Writer::into_inner)) is lost. Finish or shut it down
/// first.
///
/// # Errors
///
/// `write` returns `WouldBlock` (`poll_write`: `NotReady`) only when the inner writer
/// did, with nothing of the call taken or hashed; errors of the inner writer are returned
/// as they are; after finish or shutdown has started, `write` returns an error naming
/// `Crc32Writer`.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_core::{Endian, Finish};
/// use writestack_crc::Crc32Writer;
///
/// let mut writer = Crc32Writer::with_trailer(Vec::new(), Endian::Big);
/// writer.write_all(b"123456789").unwrap();
/// assert_eq!(writer.get_ref(), b"123456789"); // passed through at once
/// writer.poll_finish().unwrap();
/// assert_eq!(writer.get_ref()[9..], [0xCB, 0xF4, 0x39, 0x26]);
/// ```
pub struct Crc32Writer<W> {
    inner: EncodeWriter<W, Crc32Encoder>,
}

impl<W> Crc32Writer<W> {
    /// A writer that hashes what passes through and adds nothing to the stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_core::Finish;
    /// use writestack_crc::Crc32Writer;
    ///
    /// let mut writer = Crc32Writer::new(Vec::new());
    /// writer.write_all(b"123456789").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.crc(), 0xCBF4_3926);
    /// assert_eq!(writer.into_inner(), b"123456789"); // no trailer
    /// ```
    pub fn new(inner: W) -> Crc32Writer<W> {
        Crc32Writer::build(Crc32Encoder::new(None), inner)
    }

    /// A writer that hashes what passes through and ends the stream with the 4-byte CRC32
    /// in `endian` byte order (`Endian::Little` is the order gzip uses).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_core::{Endian, Finish};
    /// use writestack_crc::Crc32Writer;
    ///
    /// let mut writer = Crc32Writer::with_trailer(Vec::new(), Endian::Little);
    /// writer.write_all(b"123456789").unwrap();
    /// writer.poll_finish().unwrap();
    /// assert_eq!(writer.get_ref()[9..], 0xCBF4_3926u32.to_le_bytes());
    /// ```
    pub fn with_trailer(inner: W, endian: Endian) -> Crc32Writer<W> {
        Crc32Writer::build(Crc32Encoder::new(Some(endian)), inner)
    }

    fn build(encoder: Crc32Encoder, inner: W) -> Crc32Writer<W> {
        Crc32Writer {
            inner: EncodeWriter::with_capacity(encoder.capacity(), encoder, inner),
        }
    }

    /// The CRC32 of every byte accepted so far; at the end of the stream, the value the
    /// trailer carries. The CRC of nothing is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_crc::Crc32Writer;
    ///
    /// let mut writer = Crc32Writer::new(Vec::new());
    /// assert_eq!(writer.crc(), 0);
    /// writer.write_all(b"a").unwrap();
    /// assert_eq!(writer.crc(), 0xE8B7_BE43);
    /// ```
    pub fn crc(&self) -> u32 {
        self.inner.encoder().crc()
    }
}

writestack_core::impl_layer!(
    Crc32Writer,
    "let mut writer = writestack_crc::Crc32Writer::new(Vec::<u8>::new());"
);

impl<W: fmt::Debug> fmt::Debug for Crc32Writer<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let encoder = self.inner.encoder();
        f.debug_struct("Crc32Writer")
            .field("inner", self.inner.get_ref())
            .field("crc", &format_args!("{:#010x}", encoder.crc()))
            .field("trailer", &encoder.trailer())
            .field("trailer_pushed", &encoder.trailer_pushed())
            .field("total_in", &self.inner.total_in())
            .field("total_out", &self.inner.total_out())
            .finish()
    }
}
