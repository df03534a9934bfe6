//! `Builder`: every framing option, checked once when the writer is built.

use std::io;

use writestack_core::{EncodeWriter, Endian, DEFAULT_CAPACITY, MAX_CAPACITY};

use crate::encoder::{Config, FrameEncoder};
use crate::length::{varint_len, LengthField};
use crate::FrameWriter;

/// The default maximum payload length of one frame: 8 MiB, as tokio's
/// `LengthDelimitedCodec`.
pub const DEFAULT_MAX_FRAME_LENGTH: usize = 8 * 1024 * 1024;

/// Configures a [`FrameWriter`]; [`new_write`](Builder::new_write) checks the
/// configuration and builds it.
///
/// Defaults: message mode, a 4-byte big-endian prefix, an 8 MiB maximum, no end marker in
/// message mode (an end marker in chunked mode), an 8 KiB buffer: what tokio's
/// `LengthDelimitedCodec` reads with its defaults.
///
/// Setters can be called in any order. `length_field_length` and `varint` choose the kind
/// of prefix, and the last call wins, as between `big_endian` and `little_endian`.
/// Combinations that cannot work are refused by `new_write`, never clamped.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_frame::FrameWriter;
///
/// let mut writer = FrameWriter::builder()
///     .length_field_length(2)
///     .little_endian()
///     .max_frame_length(1000)
///     .new_write(Vec::new())
///     .unwrap();
/// writer.write_all(b"hi").unwrap();
/// writer.flush().unwrap();
/// assert_eq!(writer.get_ref(), &[2, 0, b'h', b'i']);
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    width: usize,
    varint: bool,
    endian: Endian,
    endian_chosen: bool,
    max: usize,
    chunked: bool,
    end_marker: Option<bool>,
    capacity: usize,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}

impl Builder {
    /// A builder with the defaults (the same as `FrameWriter::builder()`).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::Builder;
    ///
    /// let writer = Builder::new().new_write(Vec::<u8>::new()).unwrap();
    /// assert_eq!(writer.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new() -> Builder {
        Builder {
            width: 4,
            varint: false,
            endian: Endian::Big,
            endian_chosen: false,
            max: DEFAULT_MAX_FRAME_LENGTH,
            chunked: false,
            end_marker: None,
            capacity: DEFAULT_CAPACITY,
        }
    }

    /// A fixed-width prefix of `width` bytes. `new_write` refuses widths outside 1..=8
    /// and widths that cannot carry the maximum frame length.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let refused = FrameWriter::builder().length_field_length(9).new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    pub fn length_field_length(&mut self, width: usize) -> &mut Builder {
        self.width = width;
        self.varint = false;
        self
    }

    /// Fixed-width prefixes in big-endian (network) order, the default.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::builder().big_endian().new_write(Vec::new()).unwrap();
    /// writer.write_all(b"x").unwrap();
    /// writer.flush().unwrap();
    /// assert_eq!(writer.get_ref(), &[0, 0, 0, 1, b'x']);
    /// ```
    pub fn big_endian(&mut self) -> &mut Builder {
        self.endian = Endian::Big;
        self.endian_chosen = true;
        self
    }

    /// Fixed-width prefixes in little-endian order.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::builder().little_endian().new_write(Vec::new()).unwrap();
    /// writer.write_all(b"x").unwrap();
    /// writer.flush().unwrap();
    /// assert_eq!(writer.get_ref(), &[1, 0, 0, 0, b'x']);
    /// ```
    pub fn little_endian(&mut self) -> &mut Builder {
        self.endian = Endian::Little;
        self.endian_chosen = true;
        self
    }

    /// Unsigned LEB128 prefixes (1 to 10 bytes). A LEB128 prefix has no byte order:
    /// `new_write` refuses it together with `big_endian` or `little_endian`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_frame::FrameWriter;
    ///
    /// let mut writer = FrameWriter::builder().varint().new_write(Vec::new()).unwrap();
    /// writer.write_all(&[7u8; 200]).unwrap();
    /// writer.flush().unwrap();
    /// assert_eq!(&writer.get_ref()[..2], &[0xC8, 0x01]); // 200 = 0b1_1001000
    /// ```
    pub fn varint(&mut self) -> &mut Builder {
        self.varint = true;
        self
    }

    /// The longest payload one frame may carry (8 MiB by default). In message mode a
    /// longer write is refused with `InvalidInput`; in chunked mode frames are cut at this
    /// length. `new_write` refuses 0 and maxima the prefix width cannot carry.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::builder()
    ///     .max_frame_length(4096)
    ///     .new_write(Vec::<u8>::new())
    ///     .unwrap();
    /// assert_eq!(writer.max_frame_length(), 4096);
    /// ```
    pub fn max_frame_length(&mut self, max: usize) -> &mut Builder {
        self.max = max;
        self
    }

    /// Chunked mode: the bytes written form one stream, cut into frames of at most the
    /// maximum length (and at most the buffer capacity less the prefix) when the buffer
    /// fills and at every flush. Turns the end marker on unless
    /// [`end_marker`](Builder::end_marker) says otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::builder().chunked().new_write(Vec::<u8>::new()).unwrap();
    /// assert!(writer.is_chunked());
    /// assert!(writer.has_end_marker());
    /// ```
    pub fn chunked(&mut self) -> &mut Builder {
        self.chunked = true;
        self
    }

    /// Whether the stream ends with a zero-length frame, written by `poll_finish` or
    /// `shutdown`. Default: on in chunked mode, off in message mode.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::Future;
    /// use writestack_core::FinishExt;
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::builder().end_marker(true).new_write(Vec::new()).unwrap();
    /// let wire = writer.finish().wait().unwrap().into_inner();
    /// assert_eq!(wire, [0, 0, 0, 0]);
    /// ```
    pub fn end_marker(&mut self, end_marker: bool) -> &mut Builder {
        self.end_marker = Some(end_marker);
        self
    }

    /// The capacity of the writer's buffer (8 KiB by default). Message frames that do not
    /// fit it skip it; chunked frames are at most this long, prefix included. It must be
    /// larger than the longest prefix and at most
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY) (1 GiB).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let writer = FrameWriter::builder()
    ///     .buffer_capacity(64 * 1024)
    ///     .new_write(Vec::<u8>::new())
    ///     .unwrap();
    /// assert_eq!(writer.capacity(), 64 * 1024);
    /// ```
    pub fn buffer_capacity(&mut self, capacity: usize) -> &mut Builder {
        self.capacity = capacity;
        self
    }

    /// Builds a [`FrameWriter`] over `inner` with this configuration.
    ///
    /// # Errors
    ///
    /// `InvalidInput`, with nothing built, when the configuration cannot work: a prefix
    /// width outside 1..=8; a maximum frame length of 0 or one the width cannot carry
    /// (a 2-byte prefix carries at most 65 535); `varint` with a chosen byte order; a
    /// buffer no larger than the longest prefix, or larger than
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_frame::FrameWriter;
    ///
    /// let refused = FrameWriter::builder()
    ///     .length_field_length(2)
    ///     .max_frame_length(1 << 20)
    ///     .new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    ///
    /// let refused = FrameWriter::builder().buffer_capacity(usize::MAX).new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    pub fn new_write<W>(&self, inner: W) -> io::Result<FrameWriter<W>> {
        let config = self.config()?;
        let capacity = self.capacity;
        Ok(FrameWriter::from_inner(EncodeWriter::with_capacity(
            capacity,
            FrameEncoder::new(config),
            inner,
        )))
    }

    fn config(&self) -> io::Result<Config> {
        let field = if self.varint {
            if self.endian_chosen {
                return Err(refused(
                    "varint() has no byte order; drop big_endian() / little_endian()".to_string(),
                ));
            }
            LengthField::Varint
        } else {
            if !(1..=8).contains(&self.width) {
                return Err(refused(format!(
                    "a length field of {} bytes; it must be 1 to 8 bytes",
                    self.width
                )));
            }
            LengthField::Fixed {
                width: self.width,
                endian: self.endian,
            }
        };
        if self.max == 0 {
            return Err(refused(
                "a maximum frame length of 0 leaves no room for any payload".to_string(),
            ));
        }
        if let LengthField::Fixed { width, .. } = field {
            if !Endian::fits(self.max as u64, width) {
                return Err(refused(format!(
                    "a {}-byte length field cannot carry the maximum frame length {}",
                    width, self.max
                )));
            }
        }
        let longest_prefix = match field {
            LengthField::Fixed { width, .. } => width,
            LengthField::Varint => varint_len(self.max as u64),
        };
        if self.capacity > MAX_CAPACITY {
            return Err(refused(format!(
                "a buffer of {} bytes is larger than the largest capacity, {MAX_CAPACITY}",
                self.capacity
            )));
        }
        if self.capacity <= longest_prefix {
            return Err(refused(format!(
                "a buffer of {} bytes cannot hold a {}-byte length prefix and a payload byte",
                self.capacity, longest_prefix
            )));
        }
        Ok(Config {
            field,
            max: self.max,
            chunked: self.chunked,
            end_marker: self.end_marker.unwrap_or(self.chunked),
        })
    }
}

fn refused(why: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("FrameWriter: refused configuration: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_defaults_are_the_configuration_new_uses() {
        assert_eq!(Builder::new().config().unwrap(), Config::DEFAULT);
    }

    #[test]
    fn chunked_mode_turns_the_end_marker_on_unless_told_otherwise() {
        assert!(Builder::new().chunked().config().unwrap().end_marker);
        let off = Builder::new().chunked().end_marker(false).config().unwrap();
        assert!(!off.end_marker);
        assert!(!Builder::new().config().unwrap().end_marker);
    }
}
