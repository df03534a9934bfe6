//! The sans-IO framing decoder: prefixes checked against the maximum, payloads copied
//! out, frame ends and the end marker reported.
//!
//! ```text
//!  ┌────────┬──────────────┬────────┬─────────┬─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─┐
//!  │ prefix │ payload      │ prefix │ payload │ zero-length prefix    │ next stream ...
//!  └────────┴──────────────┴────────┴─────────┴─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─ ─┘
//!   checked   message_end    ...      message_end  stream_end (end marker on):
//!   <= max    at its last byte                     bytes after it stay unconsumed
//! ```

use std::fmt;
use std::io;

use writestack_core::{Decode, Decoded};

use crate::config::Config;
use crate::prefix::{Fed, PrefixParser};

/// Where the decoder is in the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Reading a prefix (possibly none of it yet).
    Prefix(PrefixParser),
    /// Inside a frame whose length was checked: `remaining` payload bytes to go, of `len`.
    Payload { remaining: usize, len: usize },
    /// The end marker was read.
    Ended,
}

/// Undoes `FrameEncoder`: the decoder a `FrameReader` drives.
pub(crate) struct FrameDecoder {
    config: Config,
    place: Place,
    /// Frames read to their end, the end marker included.
    frames: u64,
}

impl FrameDecoder {
    pub(crate) fn new(config: Config) -> FrameDecoder {
        FrameDecoder {
            config,
            place: Place::Prefix(PrefixParser::default()),
            frames: 0,
        }
    }

    /// The configuration the decoder was built with.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Frames read to their end so far, the end marker included.
    pub(crate) fn frames(&self) -> u64 {
        self.frames
    }

    /// Payload bytes of the current frame not yet decoded (0 between frames): a frame
    /// buffer grows by at most this much, a length that has been checked.
    #[inline]
    pub(crate) fn payload_remaining(&self) -> usize {
        match self.place {
            Place::Payload { remaining, .. } => remaining,
            Place::Prefix(_) | Place::Ended => 0,
        }
    }

    /// A complete prefix announcing `len` bytes: refused over the maximum, before the
    /// caller allocates anything for it.
    #[inline]
    fn start_frame(&mut self, len: u64) -> io::Result<Option<usize>> {
        let checked = usize::try_from(len)
            .ok()
            .filter(|&len| len <= self.config.max());
        let Some(len) = checked else {
            return Err(too_long(len, self.config.max()));
        };
        if len == 0 {
            self.frames += 1;
            self.place = if self.config.end_marker() {
                Place::Ended
            } else {
                Place::Prefix(PrefixParser::default())
            };
            return Ok(None);
        }
        self.place = Place::Payload {
            remaining: len,
            len,
        };
        Ok(Some(len))
    }
}

impl Decode for FrameDecoder {
    /// At most one frame per call: its prefix (if not read yet) and as much of its
    /// payload as `input` and `output` allow, with `message_end` at its last byte.
    #[inline]
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let mut consumed = 0;
        if let Place::Prefix(mut parser) = self.place {
            let field = self.config.field();
            let (used, fed) = parser.feed(field, input)?;
            consumed = used;
            match fed {
                Fed::More => {
                    // A LEB128 prefix already over the maximum is refused at once.
                    let bound = parser.lower_bound(field);
                    if bound > self.config.max() as u64 {
                        return Err(too_long(bound, self.config.max()));
                    }
                    self.place = Place::Prefix(parser);
                    return Ok(Decoded {
                        consumed,
                        ..Decoded::default()
                    });
                }
                Fed::Done(len) => {
                    if self.start_frame(len)?.is_none() {
                        let ended = self.place == Place::Ended;
                        return Ok(Decoded {
                            consumed,
                            message_end: !ended,
                            stream_end: ended,
                            ..Decoded::default()
                        });
                    }
                }
            }
        }
        let Place::Payload { remaining, len } = self.place else {
            // Not called after the end marker (the `Decode` rules); answer as if it were.
            return Ok(Decoded {
                consumed,
                stream_end: self.place == Place::Ended,
                ..Decoded::default()
            });
        };
        let n = remaining.min(input.len() - consumed).min(output.len());
        output[..n].copy_from_slice(&input[consumed..consumed + n]);
        let remaining = remaining - n;
        let message_end = remaining == 0;
        self.place = if message_end {
            self.frames += 1;
            Place::Prefix(PrefixParser::default())
        } else {
            Place::Payload { remaining, len }
        };
        Ok(Decoded {
            consumed: consumed + n,
            produced: n,
            message_end,
            stream_end: false,
        })
    }

    fn input_ended(&mut self) -> io::Result<()> {
        let why = match self.place {
            Place::Prefix(parser) if parser.is_empty() => {
                if !self.config.end_marker() {
                    return Ok(());
                }
                "the inner reader ended before the end marker (a zero-length frame)".to_owned()
            }
            Place::Prefix(parser) => format!(
                "the inner reader ended inside a length prefix ({} bytes of it read)",
                parser.seen()
            ),
            Place::Payload { remaining, len } => format!(
                "the inner reader ended inside a frame: {remaining} of its {len} payload bytes \
                 missing"
            ),
            Place::Ended => return Ok(()),
        };
        Err(io::Error::new(io::ErrorKind::UnexpectedEof, why))
    }
}

/// Out of line: the formatting is for the rare refusal only.
#[cold]
fn too_long(len: u64, max: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("a length prefix of {len} bytes is over the maximum frame length {max}"),
    )
}

/// The configuration and the place in the stream, not the bytes.
impl fmt::Debug for FrameDecoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = if self.config.chunked() {
            "chunked"
        } else {
            "message"
        };
        f.debug_struct("FrameDecoder")
            .field("mode", &mode)
            .field("length_field", &self.config.field())
            .field("max_frame_length", &self.config.max())
            .field("end_marker", &self.config.end_marker())
            .field("frames_read", &self.frames)
            .field("payload_remaining", &self.payload_remaining())
            .finish()
    }
}
