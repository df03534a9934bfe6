//! The encoder behind `Crc32Writer`: it never holds payload, it only hashes what passed.

use std::fmt;
use std::io;

use crc32fast::Hasher;
use writestack_core::{Encode, Endian, OutBuf, Route};

/// Length of the CRC32 trailer on the wire.
pub(crate) const TRAILER_LEN: usize = 4;

/// Hashes the payload the adapter sends past the buffer and, in trailer mode, puts the
/// 4-byte CRC into the buffer as the tail.
///
/// Every write is routed [`Route::Direct`]: the payload is not transformed, so copying it
/// into a buffer would only cost a copy. The adapter reports exactly the bytes the inner
/// writer took through [`Encode::bypassed`], which is what makes the CRC cover `buf[..n]`
/// of each accepted write and nothing else (CONTRACT rule 1).
pub(crate) struct Crc32Encoder {
    hasher: Hasher,
    /// `None`: observe only, the tail is empty.
    trailer: Option<Endian>,
    /// Trailer bytes already handed to the buffer, so `finish` resumes instead of
    /// repeating them when it is called again after the buffer drained.
    pushed: usize,
}

impl Crc32Encoder {
    pub(crate) fn new(trailer: Option<Endian>) -> Crc32Encoder {
        Crc32Encoder {
            hasher: Hasher::new(),
            trailer,
            pushed: 0,
        }
    }

    /// The CRC32 of everything hashed so far. The hasher is consumed by `finalize`, so a
    /// copy is finalized and the running state is kept.
    pub(crate) fn crc(&self) -> u32 {
        self.hasher.clone().finalize()
    }

    pub(crate) fn trailer(&self) -> Option<Endian> {
        self.trailer
    }

    /// Trailer bytes handed to the adapter's buffer so far (0 to 4).
    pub(crate) fn trailer_pushed(&self) -> usize {
        self.pushed
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
            .field("trailer_pushed", &self.pushed)
            .finish()
    }
}

impl Encode for Crc32Encoder {
    fn name(&self) -> &'static str {
        "Crc32Writer"
    }

    /// Not reached: `route` sends every write past the buffer. Kept correct anyway (copy
    /// what fits, hash exactly that) so the encoder stays valid under any adapter.
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
        let endian = match self.trailer {
            Some(endian) => endian,
            None => return Ok(true),
        };
        if self.pushed < TRAILER_LEN {
            let mut trailer = [0u8; TRAILER_LEN];
            endian.put_uint(u64::from(self.crc()), &mut trailer);
            self.pushed += out.push(&trailer[self.pushed..]);
        }
        Ok(self.pushed == TRAILER_LEN)
    }

    #[inline]
    fn route(&mut self, _len: usize, _out: &OutBuf) -> io::Result<Route> {
        Ok(Route::Direct)
    }

    #[inline]
    fn bypassed(&mut self, payload: &[u8]) {
        self.hasher.update(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_resumes_the_trailer_where_a_small_buffer_stopped_it() {
        let mut encoder = Crc32Encoder::new(Some(Endian::Big));
        encoder.bypassed(b"123456789");
        // Room for 3 bytes only: the first call must stop short and the second call must
        // continue with the 4th byte, not start over.
        let mut out = OutBuf::with_capacity(4);
        out.push(b"x");
        assert!(!encoder.finish(&mut out).unwrap());
        assert_eq!(encoder.trailer_pushed(), 3);
        let mut wire = out.ready().to_vec();
        out.consume(4);
        assert!(encoder.finish(&mut out).unwrap());
        wire.extend_from_slice(out.ready());
        // CRC-32/ISO-HDLC check value of "123456789", from the CRC catalogue.
        assert_eq!(wire, [b'x', 0xCB, 0xF4, 0x39, 0x26]);
        out.consume(1);
        assert!(encoder.finish(&mut out).unwrap());
        assert!(out.is_empty(), "a finished trailer is not pushed again");
    }

    #[test]
    fn observe_only_has_an_empty_tail_and_needs_no_buffer() {
        let mut encoder = Crc32Encoder::new(None);
        encoder.bypassed(b"abc");
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
