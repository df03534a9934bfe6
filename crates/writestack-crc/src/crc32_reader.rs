//! `Crc32Reader`: the mirror of `Crc32Writer`.

use writestack_core::{DecodeReader, Endian, DEFAULT_CAPACITY};

use crate::decoder::Crc32Decoder;

pin_project_lite::pin_project! {
    /// Hands out the inner stream's bytes unchanged and keeps the CRC32 (IEEE, as zlib's
    /// `crc32`) of what it handed out; optionally checks a 4-byte CRC trailer at the end,
    /// as [`Crc32Writer::with_trailer`](crate::Crc32Writer::with_trailer) writes it.
    ///
    /// * [`new`](Crc32Reader::new) observes only: the payload is the whole inner stream,
    ///   it ends at the inner reader's EOF, and [`crc`](Crc32Reader::crc) tells what it
    ///   hashed to.
    /// * [`with_trailer`](Crc32Reader::with_trailer) takes the last 4 bytes of the stream
    ///   as the CRC of everything before them, in the given byte order. Until the inner
    ///   reader's EOF any 4 bytes may be the last, so it always holds back the latest 4,
    ///   never hands them out, and checks them at EOF: a mismatch is `InvalidData`, a
    ///   stream shorter than 4 bytes `UnexpectedEof`
    ///   ([rule R3](writestack_core#readers)).
    ///
    /// Because the end is the inner reader's EOF, there is never anything after the
    /// stream: [`into_parts`](Crc32Reader::into_parts) gives an empty leftover after the
    /// end ([rule R6](writestack_core#readers)). A trailer-mode stream therefore cannot be
    /// followed by another on the same connection unless an outer layer delimits it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_core::Endian;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let wire = [&b"123456789"[..], &[0xCB, 0xF4, 0x39, 0x26]].concat();
    /// let mut reader = Crc32Reader::with_trailer(&wire[..], Endian::Big);
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    /// assert!(reader.is_ended());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub struct Crc32Reader<R> {
        #[pin]
        inner: DecodeReader<R, Crc32Decoder>,
    }
}

impl<R> Crc32Reader<R> {
    /// A reader whose payload is the whole inner stream; it only hashes.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let mut reader = Crc32Reader::new(&b"123456789"[..]);
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    /// assert_eq!(reader.crc(), 0xCBF4_3926);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(inner: R) -> Crc32Reader<R> {
        Crc32Reader::from_parts((inner, bytes::Bytes::new()))
    }

    /// A reader of a payload followed by its 4-byte CRC32 in `endian` byte order
    /// (`Endian::Little` is gzip's order), checked at the inner reader's EOF.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{ErrorKind, Read};
    /// use writestack_core::Endian;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let wire = [&b"123456789"[..], &0xCBF4_3926u32.to_le_bytes()].concat();
    /// let mut payload = Vec::new();
    /// Crc32Reader::with_trailer(&wire[..], Endian::Little).read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    ///
    /// // The same bytes read as big-endian: the trailer does not match.
    /// let error = Crc32Reader::with_trailer(&wire[..], Endian::Big)
    ///     .read_to_end(&mut Vec::new())
    ///     .unwrap_err();
    /// assert_eq!(error.kind(), ErrorKind::InvalidData);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn with_trailer(inner: R, endian: Endian) -> Crc32Reader<R> {
        Crc32Reader::with_trailer_from_parts((inner, bytes::Bytes::new()), endian)
    }

    /// An observe-only reader that first hands out `leftover` and then reads `inner`:
    /// what a previous reader's [`into_parts`](Crc32Reader::into_parts) gave back
    /// ([rule R6](writestack_core#readers)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let parts = (&b"6789"[..], bytes::Bytes::from_static(b"12345"));
    /// let mut reader = Crc32Reader::from_parts(parts);
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    /// assert_eq!(reader.crc(), crc32fast::hash(b"123456789"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_parts(parts: (R, bytes::Bytes)) -> Crc32Reader<R> {
        Crc32Reader::build(Crc32Decoder::new(None), parts)
    }

    /// A trailer-mode reader that first reads `leftover` and then `inner` (see
    /// [`from_parts`](Crc32Reader::from_parts)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_core::Endian;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let wire = [&b"123456789"[..], &[0xCB, 0xF4, 0x39, 0x26]].concat();
    /// let (first, rest) = wire.split_at(3);
    /// let parts = (rest, bytes::Bytes::from(first));
    /// let mut reader = Crc32Reader::with_trailer_from_parts(parts, Endian::Big);
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"123456789");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn with_trailer_from_parts(parts: (R, bytes::Bytes), endian: Endian) -> Crc32Reader<R> {
        Crc32Reader::build(Crc32Decoder::new(Some(endian)), parts)
    }

    fn build(decoder: Crc32Decoder, parts: (R, bytes::Bytes)) -> Crc32Reader<R> {
        Crc32Reader {
            inner: DecodeReader::from_parts(DEFAULT_CAPACITY, decoder, parts).named("Crc32Reader"),
        }
    }

    /// The CRC32 of the payload handed out so far; the CRC of nothing is 0. In trailer
    /// mode the held-back bytes are not counted until the end shows they are payload
    /// (they never are: at the end they are the trailer).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_crc::Crc32Reader;
    ///
    /// let mut reader = Crc32Reader::new(&b"abc"[..]);
    /// assert_eq!(reader.crc(), 0);
    /// let mut first = [0u8; 1];
    /// reader.read_exact(&mut first)?;
    /// assert_eq!(reader.crc(), crc32fast::hash(b"a"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn crc(&self) -> u32 {
        self.inner.decoder().crc()
    }
}

writestack_core::impl_reader!(
    Crc32Reader,
    "let payload = b\"hello\";\nlet mut reader = writestack_crc::Crc32Reader::new(&payload[..]);"
);
