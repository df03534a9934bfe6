//! `Inflater`: flate2's `Decompress` as a sans-IO [`Decode`] for raw deflate (RFC 1951)
//! and zlib (RFC 1950), and the deflate body of a gzip member.

use std::fmt;
use std::io;

use flate2::{Decompress, FlushDecompress, Status};
use writestack_core::{Decode, Decoded};

/// The result of one [`Inflater::inflate`] call: bytes taken, bytes written, and whether
/// the deflate stream (and, for zlib, its Adler-32) ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Inflated {
    pub(crate) consumed: usize,
    pub(crate) produced: usize,
    pub(crate) ended: bool,
}

/// Decompresses deflate blocks straight into the caller's buffer: the only state kept is
/// the codec's own (its 32 KiB window), so memory does not grow with the output (R4).
pub(crate) struct Inflater {
    codec: Decompress,
    zlib_header: bool,
}

impl fmt::Debug for Inflater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inflater")
            .field("zlib_header", &self.zlib_header)
            .field("total_in", &self.codec.total_in())
            .field("total_out", &self.codec.total_out())
            .finish()
    }
}

impl Inflater {
    /// A raw deflate inflater (`zlib_header` false) or a zlib one, whose header and
    /// Adler-32 trailer the backend checks.
    pub(crate) fn new(zlib_header: bool) -> Inflater {
        Inflater {
            codec: Decompress::new(zlib_header),
            zlib_header,
        }
    }

    /// Ready for a new stream (the next gzip member), keeping the codec's allocations.
    pub(crate) fn reset(&mut self) {
        self.codec.reset(self.zlib_header);
    }

    /// One codec call. A corrupt stream (bad block, bad zlib header, wrong Adler-32) is
    /// `InvalidData`; "needs more input" is `Inflated::default()`.
    pub(crate) fn inflate(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Inflated> {
        let (in_before, out_before) = (self.codec.total_in(), self.codec.total_out());
        let status = self
            .codec
            .decompress(input, output, FlushDecompress::None)
            .map_err(|error| corrupt(self.zlib_header, &error))?;
        // The counters moved by at most the slices' lengths, which are usizes.
        let consumed = usize::try_from(self.codec.total_in() - in_before).unwrap_or(input.len());
        let produced = usize::try_from(self.codec.total_out() - out_before).unwrap_or(output.len());
        Ok(Inflated {
            consumed: consumed.min(input.len()),
            produced: produced.min(output.len()),
            ended: status == Status::StreamEnd,
        })
    }
}

/// The backend's complaint as `InvalidData`; zlib streams name the Adler-32 check, the
/// likeliest cause once the header was accepted.
#[cold]
fn corrupt(zlib_header: bool, error: &flate2::DecompressError) -> io::Error {
    let what = if zlib_header {
        "corrupt zlib stream (bad header, deflate data or Adler-32 checksum)"
    } else {
        "corrupt deflate data"
    };
    io::Error::new(io::ErrorKind::InvalidData, format!("{what}: {error}"))
}

impl Decode for Inflater {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let step = self.inflate(input, output)?;
        Ok(Decoded {
            consumed: step.consumed,
            produced: step.produced,
            message_end: step.ended,
            stream_end: step.ended,
        })
    }
}
