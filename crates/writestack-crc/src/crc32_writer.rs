//! `Crc32Writer`: the pass-through CRC32 layer.

use writestack_core::{EncodeWriter, Endian};

use crate::encoder::{Crc32Encoder, HashPassed};

pin_project_lite::pin_project! {
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
    /// Every rule of [the contract](writestack_core#the-contract) holds. Rule 6 holds
    /// trivially: the layer never buffers payload, so while the inner writer blocks it
    /// accepts nothing. Rule 14: an empty stream with a trailer is the CRC of nothing, four
    /// zero bytes.
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
        #[pin]
        inner: EncodeWriter<W, Crc32Encoder, HashPassed>,
    }
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
            inner: EncodeWriter::with_routing(encoder.capacity(), encoder, HashPassed, inner)
                .named("Crc32Writer"),
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
