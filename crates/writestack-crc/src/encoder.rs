//! The encoder behind `Crc32Writer`: it never holds payload, it only hashes what passed.

use std::fmt;
use std::io;

use crc32fast::Hasher;
use writestack_core::{Encode, Endian, OutBuf, PendingBytes, Route, Routing, WriteKind};

/// Length of the CRC32 trailer on the wire.
pub(crate) const TRAILER_LEN: usize = 4;

/// Hashes the payload the adapter sends past the buffer and, in trailer mode, puts the
/// 4-byte CRC into the buffer as the tail.
pub(crate) struct Crc32Encoder {
    hasher: Hasher,
    /// `None`: observe only, the tail is empty.
    trailer: Option<Endian>,
    /// The trailer, once the payload has ended (its value is known only then).
    pending_tail: Option<PendingBytes<[u8; TRAILER_LEN]>>,
}

impl Crc32Encoder {
    pub(crate) fn new(trailer: Option<Endian>) -> Crc32Encoder {
        Crc32Encoder {
            hasher: Hasher::new(),
            trailer,
            pending_tail: None,
        }
    }

    /// The CRC32 of everything hashed so far. The hasher is consumed by `finalize`, so a
    /// copy is finalized and the running state is kept.
    pub(crate) fn crc(&self) -> u32 {
        self.hasher.clone().finalize()
    }

    /// How much buffer the adapter needs: room for the trailer, or none at all.
    pub(crate) fn capacity(&self) -> usize {
        if self.trailer.is_some() {
            TRAILER_LEN
        } else {
            0
        }
    }
}

impl fmt::Debug for Crc32Encoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crc32Encoder")
            .field("crc", &format_args!("{:#010x}", self.crc()))
            .field("trailer", &self.trailer)
            .field("pending_tail", &self.pending_tail)
            .finish()
    }
}

impl Encode for Crc32Encoder {
    /// Not reached: [`HashPassed`] sends every write past the buffer. Kept correct anyway
    /// (copy what fits, hash exactly that) so the encoder stays valid under any routing.
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let n = out.push(input);
        self.hasher.update(&input[..n]);
        Ok(n)
    }

    fn flush(&mut self, _out: &mut OutBuf) -> io::Result<bool> {
        // Nothing is ever held back: the payload already went to the inner writer.
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        let Some(endian) = self.trailer else {
            return Ok(true);
        };
        let crc = self.crc();
        let tail = self.pending_tail.get_or_insert_with(|| {
            let mut trailer = [0u8; TRAILER_LEN];
            endian.put_uint(u64::from(crc), &mut trailer);
            PendingBytes::new(trailer)
        });
        Ok(tail.push_into(out))
    }
}

/// Every write goes straight to the inner writer: the payload is not transformed, so
/// copying it into a buffer would only cost a copy. The adapter reports exactly the bytes
/// the inner writer took, which is what makes the CRC cover `buf[..n]` of each accepted
/// write and nothing else (CONTRACT rule 1).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HashPassed;

impl Routing<Crc32Encoder> for HashPassed {
    #[inline]
    fn route(
        &mut self,
        _: &mut Crc32Encoder,
        _: usize,
        _: WriteKind,
        _: &mut OutBuf,
    ) -> io::Result<Route> {
        Ok(Route::Direct)
    }

    #[inline]
    fn passed(&mut self, encoder: &mut Crc32Encoder, payload: &[u8]) {
        encoder.hasher.update(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observe_only_has_an_empty_tail_and_needs_no_buffer() {
        let mut encoder = Crc32Encoder::new(None);
        HashPassed.passed(&mut encoder, b"abc");
        let mut out = OutBuf::with_capacity(encoder.capacity());
        assert!(encoder.finish(&mut out).unwrap());
        assert!(out.is_empty());
        assert_eq!(encoder.capacity(), 0);
    }

    #[test]
    fn encode_fallback_hashes_only_what_fit() {
        let mut encoder = Crc32Encoder::new(None);
        let mut out = OutBuf::with_capacity(2);
        assert_eq!(encoder.encode(b"abcd", &mut out).unwrap(), 2);
        assert_eq!(out.ready(), b"ab");
        assert_eq!(encoder.crc(), crc32fast::hash(b"ab"));
    }
}
