//! `Builder`: every framing option, checked once when the writer is built.

use std::fmt;

use writestack_core::Endian;

use crate::config::Choices;
use crate::length::LengthField;

/// Configures a [`FrameWriter`](crate::FrameWriter);
/// [`new_write`](Builder::new_write) checks the configuration and builds it.
///
/// Defaults: message mode, a 4-byte big-endian prefix, an 8 MiB maximum, no end marker in
/// message mode (an end marker in chunked mode), an 8 KiB buffer: what tokio's
/// `LengthDelimitedCodec` reads with its defaults.
///
/// Setters can be called in any order. `length_field_length` and `varint` choose the kind
/// of prefix, and the last call wins, as between `big_endian` and `little_endian`.
/// Combinations that cannot work are refused by `new_write`, never clamped (rule 16 of
/// [the contract](writestack_core#the-contract)).
///
/// # One builder, many connections
///
/// The setters take `&mut self` and return `&mut Self`, and `new_write` takes `&self`, as
/// in tokio-util's `length_delimited::Builder`: a server configures one builder and builds
/// a writer for every connection it accepts, without a clone per connection (a by-value
/// builder is used up by `new_write`). A chain on a temporary
/// (`FrameWriter::builder().varint().new_write(io)`) still works, as one expression.
///
/// ```
/// use std::io::Write;
/// use writestack_frame::Builder;
///
/// let mut builder = Builder::new();
/// builder.varint().chunked().end_marker(false);
/// let mut first = builder.new_write(Vec::new()).unwrap();
/// let mut second = builder.new_write(Vec::new()).unwrap();
/// first.write_all(b"one").unwrap();
/// second.write_all(b"second").unwrap();
/// first.flush().unwrap();
/// second.flush().unwrap();
/// assert_eq!(first.get_ref(), b"\x03one");
/// assert_eq!(second.get_ref(), b"\x06second");
/// ```
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
#[derive(Clone)]
pub struct Builder {
    choices: Choices,
}

impl Builder {
    /// The options as chosen, for the constructors (`write_builder.rs`, `read_builder.rs`).
    pub(crate) fn choices(&self) -> &Choices {
        &self.choices
    }
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
            choices: Choices::DEFAULT,
        }
    }

    /// A fixed-width prefix of `width` bytes. `new_write` refuses widths outside 1..=8
    /// and widths that cannot carry the maximum frame length.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Endian;
    /// use writestack_frame::{FrameWriter, LengthField};
    ///
    /// let writer = FrameWriter::builder()
    ///     .length_field_length(3)
    ///     .new_write(Vec::<u8>::new())
    ///     .unwrap();
    /// assert_eq!(writer.length_field(), LengthField::Fixed { width: 3, endian: Endian::Big });
    ///
    /// let refused = FrameWriter::builder().length_field_length(9).new_write(Vec::<u8>::new());
    /// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    /// ```
    pub fn length_field_length(&mut self, width: usize) -> &mut Self {
        self.choices.width = width;
        self.choices.varint = false;
        self
    }

    /// Fixed-width prefixes in big-endian (network) order, the default.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn big_endian(&mut self) -> &mut Self {
        self.choices.endian = Endian::Big;
        self.choices.endian_chosen = true;
        self
    }

    /// Fixed-width prefixes in little-endian order.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn little_endian(&mut self) -> &mut Self {
        self.choices.endian = Endian::Little;
        self.choices.endian_chosen = true;
        self
    }

    /// Unsigned LEB128 prefixes (1 to 10 bytes). A LEB128 prefix has no byte order:
    /// `new_write` refuses it together with `big_endian` or `little_endian`.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn varint(&mut self) -> &mut Self {
        self.choices.varint = true;
        self
    }

    /// The whole prefix format at once: a fixed width in a byte order, or LEB128; what a
    /// writer's or reader's `length_field()` reports, so a peer can be configured from
    /// it. Replaces earlier `length_field_length`, `big_endian`, `little_endian` and
    /// `varint` calls (a LEB128 choice also forgets an earlier byte order).
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Write;
    /// use writestack_core::{Endian, Finish};
    /// use writestack_frame::{Builder, FrameWriter, LengthField};
    ///
    /// let field = LengthField::Fixed { width: 3, endian: Endian::Little };
    /// let mut writer = FrameWriter::builder().length_field(field).new_write(Vec::new())?;
    /// writer.write_all(b"hi")?;
    /// writer.poll_finish()?;
    /// assert_eq!(writer.get_ref(), &[2, 0, 0, b'h', b'i']);
    ///
    /// // The receiver takes the sender's format as it is.
    /// let reader = Builder::new().length_field(writer.length_field()).new_read(&b""[..])?;
    /// assert_eq!(reader.length_field(), field);
    /// let varint = Builder::new().big_endian().length_field(LengthField::Varint).new_read(&b""[..])?;
    /// assert_eq!(varint.length_field(), LengthField::Varint);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn length_field(&mut self, field: LengthField) -> &mut Self {
        match field {
            LengthField::Fixed { width, endian } => {
                self.choices.width = width;
                self.choices.varint = false;
                self.choices.endian = endian;
                self.choices.endian_chosen = true;
            }
            LengthField::Varint => {
                self.choices.varint = true;
                self.choices.endian_chosen = false;
            }
        }
        self
    }

    /// The longest payload one frame may carry (8 MiB by default). In message mode a
    /// longer write is refused with `InvalidInput`; in chunked mode frames are cut at this
    /// length. `new_write` refuses 0 and maxima the prefix width cannot carry.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn max_frame_length(&mut self, max: usize) -> &mut Self {
        self.choices.max = max;
        self
    }

    /// Chunked mode: the bytes written form one stream, cut into frames of at most the
    /// maximum length (and at most the buffer capacity less the prefix) when the buffer
    /// fills and at every flush. Turns the end marker on unless
    /// [`end_marker`](Builder::end_marker) says otherwise.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn chunked(&mut self) -> &mut Self {
        self.choices.chunked = true;
        self
    }

    /// Whether the stream ends with a zero-length frame, written by `poll_finish` or
    /// `shutdown`. Default: on in chunked mode, off in message mode.
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn end_marker(&mut self, end_marker: bool) -> &mut Self {
        self.choices.end_marker = Some(end_marker);
        self
    }

    /// The capacity of the writer's buffer (8 KiB by default). Message frames that do not
    /// fit it skip it; chunked frames are at most this long, prefix included. It must be
    /// larger than the longest prefix and at most
    /// [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY) (1 GiB).
    ///
    /// Takes and returns `&mut self`, so setters chain and one configured builder can
    /// build many writers (see [one builder, many
    /// connections](Builder#one-builder-many-connections)).
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
    pub fn buffer_capacity(&mut self, capacity: usize) -> &mut Self {
        self.choices.capacity = capacity;
        self
    }
}

/// Field by field, as the derive printed it while the builder held these fields itself:
/// `Debug` output is visible to users, and where the fields live is no reason to change it.
impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let choices = &self.choices;
        f.debug_struct("Builder")
            .field("width", &choices.width)
            .field("varint", &choices.varint)
            .field("endian", &choices.endian)
            .field("endian_chosen", &choices.endian_chosen)
            .field("max", &choices.max)
            .field("chunked", &choices.chunked)
            .field("end_marker", &choices.end_marker)
            .field("capacity", &choices.capacity)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_the_choices_as_the_derive_did() {
        assert_eq!(
            format!("{:?}", Builder::new().chunked()),
            "Builder { width: 4, varint: false, endian: Big, endian_chosen: false, \
             max: 8388608, chunked: true, end_marker: None, capacity: 8192 }"
        );
    }
}
