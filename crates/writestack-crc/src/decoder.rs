//! The decoder behind `Crc32Reader`: the payload is the input unchanged, so it only hashes
//! and, in trailer mode, holds back the last 4 bytes seen until the inner reader ends.

use std::fmt;
use std::io;

use crc32fast::Hasher;
use writestack_core::{Decode, Decoded, Endian};

use crate::encoder::TRAILER_LEN;

/// Hashes the payload and, with a trailer, keeps the last [`TRAILER_LEN`] bytes seen out of
/// the payload: the stream's end is known only at the inner reader's EOF, so any 4 bytes
/// might be the trailer until then.
pub(crate) struct Crc32Decoder {
    hasher: Hasher,
    /// `None`: observe only, nothing is held back and every end is clean.
    trailer: Option<Endian>,
    /// `held[..held_len]`: the bytes after the payload handed out so far, in stream order.
    held: [u8; TRAILER_LEN],
    held_len: usize,
}

impl Crc32Decoder {
    pub(crate) fn new(trailer: Option<Endian>) -> Crc32Decoder {
        Crc32Decoder {
            hasher: Hasher::new(),
            trailer,
            held: [0; TRAILER_LEN],
            held_len: 0,
        }
    }

    /// The CRC32 of the payload handed out so far (a copy of the hasher is finalized).
    pub(crate) fn crc(&self) -> u32 {
        self.hasher.clone().finalize()
    }

    /// How many bytes at the end of the stream are not payload.
    fn hold(&self) -> usize {
        if self.trailer.is_some() {
            TRAILER_LEN
        } else {
            0
        }
    }
}

impl fmt::Debug for Crc32Decoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crc32Decoder")
            .field("crc", &format_args!("{:#010x}", self.crc()))
            .field("trailer", &self.trailer)
            .field("held", &&self.held[..self.held_len])
            .finish()
    }
}

impl Decode for Crc32Decoder {
    /// The stream is `held ++ input`; everything but its last `hold()` bytes is payload,
    /// handed out from the front (held bytes first) as far as `output` allows.
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let available = self.held_len + input.len();
        let Some(ready) = available.checked_sub(self.hold()).filter(|&n| n > 0) else {
            // Nothing can be payload yet: keep every input byte (at most `hold()` in all).
            self.held[self.held_len..available].copy_from_slice(input);
            self.held_len = available;
            return Ok(Decoded {
                consumed: input.len(),
                ..Decoded::default()
            });
        };
        let produced = ready.min(output.len());
        let from_held = produced.min(self.held_len);
        let from_input = produced - from_held;
        output[..from_held].copy_from_slice(&self.held[..from_held]);
        output[from_held..produced].copy_from_slice(&input[..from_input]);
        self.held.copy_within(from_held..self.held_len, 0);
        self.held_len -= from_held;
        self.hasher.update(&output[..produced]);
        Ok(Decoded {
            consumed: from_input,
            produced,
            ..Decoded::default()
        })
    }

    /// Pass-through whenever the caller's buffer has room behind the held bytes: the
    /// payload needs no transformation, so reading it through the adapter's buffer would
    /// cost a copy of every byte. Buffers of at most `hold()` bytes (4 with a trailer,
    /// none in observe-only mode) use `decode`.
    fn pass_through_begin(&self, output: &mut [u8]) -> Option<usize> {
        if output.len() <= self.hold() {
            return None;
        }
        output[..self.held_len].copy_from_slice(&self.held[..self.held_len]);
        Some(self.held_len)
    }

    /// `output[..prefix + read]` is the stream from the first byte not handed out: all
    /// but its last `hold()` bytes are payload, and those become the held bytes.
    fn pass_through_end(
        &mut self,
        output: &mut [u8],
        prefix: usize,
        read: usize,
    ) -> io::Result<usize> {
        let seen = &output[..prefix + read];
        let produced = seen.len().saturating_sub(self.hold());
        let kept = &seen[produced..];
        self.held[..kept.len()].copy_from_slice(kept);
        self.held_len = kept.len();
        self.hasher.update(&seen[..produced]);
        Ok(produced)
    }

    fn input_ended(&mut self) -> io::Result<()> {
        let Some(endian) = self.trailer else {
            return Ok(());
        };
        if self.held_len < TRAILER_LEN {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "the stream ended after {} bytes, before its {TRAILER_LEN}-byte CRC32 trailer",
                    self.held_len
                ),
            ));
        }
        let said = match endian {
            Endian::Big => u32::from_be_bytes(self.held),
            Endian::Little => u32::from_le_bytes(self.held),
        };
        let hashed = self.crc();
        if said == hashed {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "CRC32 mismatch: trailer says {said:#010x}, payload hashes to {hashed:#010x}"
                ),
            ))
        }
    }
}
