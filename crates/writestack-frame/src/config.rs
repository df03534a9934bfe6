//! What a writer is configured with, and every check a configuration must pass.
//!
//! The builder only records choices; they become a [`Config`] here, in one place, so
//! that a writer never sees a configuration that cannot work (a prefix too narrow for the
//! maximum, a buffer that cannot hold one prefix and one payload byte).

use std::io;

use writestack_core::{Endian, DEFAULT_CAPACITY, MAX_CAPACITY};

use crate::length::{varint_len, LengthField};

/// The default maximum payload length of one frame: 8 MiB, as tokio's
/// `LengthDelimitedCodec`.
pub const DEFAULT_MAX_FRAME_LENGTH: usize = 8 * 1024 * 1024;

/// The options as chosen, unchecked: a plain record a `Builder` fills in any order.
///
/// The prefix width and the byte order are kept apart from `varint`, so that the last
/// call between `varint` and `length_field_length` wins without losing the other choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Choices {
    pub(crate) width: usize,
    pub(crate) varint: bool,
    pub(crate) endian: Endian,
    /// A byte order was asked for, which a LEB128 prefix cannot honour.
    pub(crate) endian_chosen: bool,
    pub(crate) max: usize,
    pub(crate) chunked: bool,
    /// `None`: the mode's default (on in chunked mode, off in message mode).
    pub(crate) end_marker: Option<bool>,
    pub(crate) capacity: usize,
}

impl Choices {
    /// tokio `LengthDelimitedCodec`'s defaults, in message mode, with an 8 KiB buffer.
    pub(crate) const DEFAULT: Choices = Choices {
        width: 4,
        varint: false,
        endian: Endian::Big,
        endian_chosen: false,
        max: DEFAULT_MAX_FRAME_LENGTH,
        chunked: false,
        end_marker: None,
        capacity: DEFAULT_CAPACITY,
    };

    /// The configuration these choices make, or `InvalidInput` naming `layer` (the writer
    /// or the reader being built) and the first choice that cannot work. Refused, never
    /// clamped: a clamped width or maximum would put frames on the wire that the peer was
    /// not configured for, or make a reader refuse frames its writer was allowed to send.
    pub(crate) fn check(&self, layer: &str) -> io::Result<Config> {
        self.check_choices().map_err(|why| refused(layer, &why))
    }

    fn check_choices(&self) -> Result<Config, String> {
        let field = self.field()?;
        if self.max == 0 {
            return Err("a maximum frame length of 0 leaves no room for any payload".into());
        }
        if let LengthField::Fixed { width, .. } = field {
            if !Endian::fits(self.max as u64, width) {
                return Err(format!(
                    "a {}-byte length field cannot carry the maximum frame length {}",
                    width, self.max
                ));
            }
        }
        let longest_prefix = match field {
            LengthField::Fixed { width, .. } => width,
            LengthField::Varint => varint_len(self.max as u64),
        };
        if self.capacity > MAX_CAPACITY {
            return Err(format!(
                "a buffer of {} bytes is larger than the largest capacity, {MAX_CAPACITY}",
                self.capacity
            ));
        }
        // Chunked mode opens a chunk only when a prefix and a payload byte fit, and a
        // message frame is copied or sent behind its prefix: both need this much.
        if self.capacity <= longest_prefix {
            return Err(format!(
                "a buffer of {} bytes cannot hold a {}-byte length prefix and a payload byte",
                self.capacity, longest_prefix
            ));
        }
        Ok(Config {
            field,
            max: self.max,
            chunked: self.chunked,
            end_marker: self.end_marker.unwrap_or(self.chunked),
            capacity: self.capacity,
        })
    }

    fn field(&self) -> Result<LengthField, String> {
        if self.varint {
            if self.endian_chosen {
                return Err(
                    "varint() has no byte order; drop big_endian() / little_endian()".into(),
                );
            }
            return Ok(LengthField::Varint);
        }
        if !(1..=8).contains(&self.width) {
            return Err(format!(
                "a length field of {} bytes; it must be 1 to 8 bytes",
                self.width
            ));
        }
        Ok(LengthField::Fixed {
            width: self.width,
            endian: self.endian,
        })
    }
}

/// A checked configuration: only [`Choices::check`] and [`Config::DEFAULT`] make one, so
/// the encoder can rely on it (the prefix carries the maximum, the buffer holds the
/// longest prefix and a payload byte) without checking again on every write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Config {
    field: LengthField,
    max: usize,
    chunked: bool,
    end_marker: bool,
    capacity: usize,
}

impl Config {
    /// What `FrameWriter::new` uses: the checked form of [`Choices::DEFAULT`].
    pub(crate) const DEFAULT: Config = Config {
        field: LengthField::Fixed {
            width: 4,
            endian: Endian::Big,
        },
        max: DEFAULT_MAX_FRAME_LENGTH,
        chunked: false,
        end_marker: false,
        capacity: DEFAULT_CAPACITY,
    };

    /// The length prefix.
    #[inline]
    pub(crate) fn field(&self) -> LengthField {
        self.field
    }

    /// The longest payload of one frame.
    #[inline]
    pub(crate) fn max(&self) -> usize {
        self.max
    }

    /// Chunked mode (the writes form one stream) rather than message mode.
    #[inline]
    pub(crate) fn chunked(&self) -> bool {
        self.chunked
    }

    /// Whether the stream ends with a zero-length frame.
    #[inline]
    pub(crate) fn end_marker(&self) -> bool {
        self.end_marker
    }

    /// The capacity of the writer's buffer.
    #[inline]
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }
}

fn refused(layer: &str, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{layer}: refused configuration: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_choices_are_the_configuration_new_uses() {
        assert_eq!(
            Choices::DEFAULT.check("FrameWriter").unwrap(),
            Config::DEFAULT
        );
    }

    #[test]
    fn chunked_mode_turns_the_end_marker_on_unless_told_otherwise() {
        let chunked = Choices {
            chunked: true,
            ..Choices::DEFAULT
        };
        assert!(chunked.check("FrameWriter").unwrap().end_marker());
        let off = Choices {
            end_marker: Some(false),
            ..chunked
        };
        assert!(!off.check("FrameWriter").unwrap().end_marker());
        assert!(!Choices::DEFAULT.check("FrameWriter").unwrap().end_marker());
    }

    #[test]
    fn the_last_prefix_choice_wins_but_a_byte_order_still_conflicts_with_varint() {
        let varint = Choices {
            varint: true,
            ..Choices::DEFAULT
        };
        assert_eq!(
            varint.check("FrameWriter").unwrap().field(),
            LengthField::Varint
        );
        let ordered = Choices {
            endian_chosen: true,
            ..varint
        };
        assert_eq!(
            ordered.check("FrameWriter").unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
    }
}
