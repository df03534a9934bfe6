//! `FrameReader`: the framing layer's reading half.

use bytes::Bytes;
use writestack_core::DecodeReader;

use crate::assembly::Assembly;
use crate::config::Config;
use crate::decoder::FrameDecoder;
use crate::length::LengthField;

pin_project_lite::pin_project! {
    /// Reads length-prefixed frames from an inner reader: the mirror of
    /// [`FrameWriter`](crate::FrameWriter), configured the same way
    /// ([`FrameReader::new`], [`Builder::new_read`](crate::Builder::new_read)).
    ///
    /// * As a byte reader (`std::io::Read`, `tokio_io::AsyncRead`, and tokio 1 /
    ///   futures-io `AsyncRead` under the features of those names) it gives the payloads
    ///   concatenated: in chunked mode the stream that was written, ending (`Ok(0)`) at
    ///   the end marker.
    /// * In message mode it is also a stream of frames, one item per frame: a futures 0.1
    ///   `Stream<Item = Bytes>` (bytes 0.4) over a tokio-io 0.1 reader, a futures 0.3
    ///   `Stream<Item = io::Result<bytes1::Bytes>>` over a tokio 1 reader (feature
    ///   `tokio`), and through [`FrameStream`](crate::futures_io::FrameStream) over a
    ///   futures-io reader (feature `futures-io`).
    ///
    /// A prefix announcing more than the maximum frame length is `InvalidData` before
    /// anything is allocated for the frame; so is a LEB128 prefix longer than 10 bytes or
    /// over 64 bits. Without an end marker the stream ends at the inner reader's end
    /// between two frames; with one, at the zero-length frame, and whatever follows it
    /// is the next stream's ([`into_parts`](FrameReader::into_parts)). The inner reader's
    /// end anywhere else is `UnexpectedEof`. Every [reader rule](writestack_core#readers)
    /// holds; a stream of frames holds at most one frame (up to the maximum) besides the
    /// input buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::FrameReader;
    ///
    /// let wire = &b"\0\0\0\x05hello\0\0\0\x01!"[..];
    /// let mut reader = FrameReader::new(wire);
    /// let mut payload = String::new();
    /// reader.read_to_string(&mut payload)?;
    /// assert_eq!(payload, "hello!");
    /// assert_eq!(reader.frames_read(), 2);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub struct FrameReader<R> {
        #[pin]
        pub(crate) inner: DecodeReader<R, FrameDecoder>,
        // The frame a futures 0.1 `Stream` is assembling.
        pub(crate) frame: Assembly<bytes::BytesMut>,
        // The frame a futures 0.3 `Stream` is assembling (tokio 1, futures-io).
        pub(crate) frame1: Assembly1,
    }
}

#[cfg(any(feature = "tokio", feature = "futures-io"))]
pub(crate) type Assembly1 = Assembly<bytes1::BytesMut>;
#[cfg(not(any(feature = "tokio", feature = "futures-io")))]
pub(crate) type Assembly1 = ();

impl<R> FrameReader<R> {
    /// A message-mode reader with tokio `LengthDelimitedCodec`'s defaults, as
    /// [`FrameWriter::new`](crate::FrameWriter::new) writes: a 4-byte big-endian prefix,
    /// an 8 MiB maximum, no end marker, and an 8 KiB input buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameReader;
    ///
    /// let reader = FrameReader::new(&b""[..]);
    /// assert!(!reader.is_chunked());
    /// assert_eq!(reader.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new(inner: R) -> FrameReader<R> {
        FrameReader::from_config(Config::DEFAULT, (inner, Bytes::new()))
    }

    /// [`new`](FrameReader::new) continuing after an earlier reader on the same
    /// connection: `parts` is what that reader's [`into_parts`](FrameReader::into_parts)
    /// gave (rule [R6](writestack_core#readers)). For another configuration, see
    /// [`Builder::new_read_from_parts`](crate::Builder::new_read_from_parts).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::FrameReader;
    ///
    /// let parts = (&b"\0\0\0\x02lo"[..], bytes::Bytes::from(&b"\0\0\0\x03hel"[..]));
    /// let mut reader = FrameReader::from_parts(parts);
    /// let mut payload = String::new();
    /// reader.read_to_string(&mut payload)?;
    /// assert_eq!(payload, "hello");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_parts(parts: (R, Bytes)) -> FrameReader<R> {
        FrameReader::from_config(Config::DEFAULT, parts)
    }

    /// A reader over `parts` with a configuration that has passed its checks: the one
    /// way in for `new`, `from_parts` and the builder.
    pub(crate) fn from_config(config: Config, parts: (R, Bytes)) -> FrameReader<R> {
        FrameReader {
            inner: DecodeReader::from_parts(config.capacity(), FrameDecoder::new(config), parts)
                .named("FrameReader"),
            frame: Assembly::default(),
            frame1: Assembly1::default(),
        }
    }

    fn decoder(&self) -> &FrameDecoder {
        self.inner.decoder()
    }

    /// Frames read to their end so far, the end marker included (a frame handed out as
    /// a `Stream` item, or whose payload was read to its last byte).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::FrameReader;
    ///
    /// let mut reader = FrameReader::new(&b"\0\0\0\x02ab\0\0\0\x00\0\0\0\x01c"[..]);
    /// let mut payload = Vec::new();
    /// reader.read_to_end(&mut payload)?;
    /// assert_eq!(payload, b"abc");
    /// assert_eq!(reader.frames_read(), 3); // an empty message is a frame too
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn frames_read(&self) -> u64 {
        self.decoder().frames()
    }

    /// The longest payload one frame may announce.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_frame::FrameReader;
    ///
    /// let mut reader = FrameReader::builder().max_frame_length(4).new_read(&b"\0\0\0\x05hello"[..])?;
    /// assert_eq!(reader.max_frame_length(), 4);
    /// let error = reader.read(&mut [0; 8]).unwrap_err();
    /// assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn max_frame_length(&self) -> usize {
        self.decoder().config().max()
    }

    /// The length prefix expected.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::{FrameReader, LengthField};
    ///
    /// let reader = FrameReader::builder().varint().new_read(&b""[..])?;
    /// assert_eq!(reader.length_field(), LengthField::Varint);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn length_field(&self) -> LengthField {
        self.decoder().config().field()
    }

    /// Whether the reader is in chunked mode (configured as a chunked writer).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameReader;
    ///
    /// assert!(FrameReader::builder().chunked().new_read(&b""[..])?.is_chunked());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn is_chunked(&self) -> bool {
        self.decoder().config().chunked()
    }

    /// Whether the stream ends with a zero-length frame.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameReader;
    ///
    /// let reader = FrameReader::builder().chunked().new_read(&b""[..])?;
    /// assert!(reader.has_end_marker());
    /// assert!(!FrameReader::new(&b""[..]).has_end_marker());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn has_end_marker(&self) -> bool {
        self.decoder().config().end_marker()
    }

    /// Heap bytes held for frames being assembled by a `Stream` (0 for a byte reader):
    /// at most one frame and a few KiB of spare (rule [R4](writestack_core#readers)).
    ///
    /// # Examples
    ///
    /// A frame announced as 1 MiB of which 10 bytes came holds memory for what came (and
    /// the spare), not for what was announced:
    ///
    /// ```
    /// use futures::Stream;
    /// use writestack_frame::FrameReader;
    ///
    /// let mut wire = (1u32 << 20).to_be_bytes().to_vec();
    /// wire.extend_from_slice(&[0; 10]);
    /// let mut reader = FrameReader::new(&wire[..]);
    /// assert!(reader.poll().is_err()); // UnexpectedEof: the frame was cut
    /// assert!(reader.frame_buffer_len() <= 8 * 1024);
    /// ```
    pub fn frame_buffer_len(&self) -> usize {
        #[cfg(any(feature = "tokio", feature = "futures-io"))]
        let std_held = self.frame1.held();
        #[cfg(not(any(feature = "tokio", feature = "futures-io")))]
        let std_held = 0;
        self.frame.held() + std_held
    }
}

writestack_core::impl_reader!(
    FrameReader,
    "let payload = b\"hello\";\n\
     let mut reader = writestack_frame::FrameReader::new(&b\"\\0\\0\\0\\x05hello\"[..]);"
);
