//! Deflate, zlib and gzip streams decoded with flate2's `bufread` decoders.

use std::io::{self, Read};

use flate2::bufread::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};

/// The three formats of `writestack-flate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Raw deflate (RFC 1951): no header, no checksum.
    Deflate,
    /// Zlib (RFC 1950): a 2-byte header and an Adler-32 trailer.
    Zlib,
    /// Gzip (RFC 1952): a header and a CRC-32 and length trailer.
    Gzip,
}

impl Format {
    /// Every format, for tests that check all three.
    pub const ALL: [Format; 3] = [Format::Deflate, Format::Zlib, Format::Gzip];

    /// Python's `wbits` for this format (`zlib.decompressobj(wbits)`).
    pub fn wbits(self) -> i32 {
        match self {
            Format::Deflate => -15,
            Format::Zlib => 15,
            Format::Gzip => 31,
        }
    }
}

fn describe(error: &io::Error) -> String {
    format!("{:?}: {error}", error.kind())
}

/// Decodes one complete stream and checks that it ends exactly at the end of `wire`: a
/// truncated stream is an error, and so is anything after it. The gzip and zlib decoders
/// check their trailers themselves.
///
/// # Errors
///
/// When flate2 refuses `wire` (corrupt, cut short, a trailer that does not match, no
/// gzip header), or bytes follow the end of the stream.
pub fn decode(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let rest = match format {
        Format::Deflate => {
            let mut decoder = DeflateDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            decoder.into_inner()
        }
        Format::Zlib => {
            let mut decoder = ZlibDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            decoder.into_inner()
        }
        Format::Gzip => {
            let mut decoder = GzDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            if decoder.header().is_none() {
                return Err("no gzip header".into());
            }
            decoder.into_inner()
        }
    };
    if !rest.is_empty() {
        return Err(format!("{} bytes after the end of the stream", rest.len()));
    }
    Ok(out)
}

/// One gzip member that is the whole of `wire`: its trailer is there, once, and nothing
/// follows it. A peer that saw EOF right after the trailer got exactly this.
///
/// # Errors
///
/// As [`decode`] with [`Format::Gzip`], the reason prefixed with `gzip:`.
pub fn gunzip_exact(wire: &[u8]) -> Result<Vec<u8>, String> {
    decode(Format::Gzip, wire).map_err(|why| format!("gzip: {why}"))
}

/// Decodes any number of concatenated gzip members with flate2's `MultiGzDecoder`.
///
/// # Errors
///
/// When flate2 refuses a member (corrupt, cut short, a trailer that does not match).
pub fn decode_gzip_members(wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    MultiGzDecoder::new(wire)
        .read_to_end(&mut out)
        .map_err(|e| describe(&e))?;
    Ok(out)
}

/// Decodes a stream that was sync-flushed but not finished: reads until the decoder
/// reports the (expected) unexpected end, and returns what it produced before that.
/// Any other error means the prefix is corrupt.
///
/// # Errors
///
/// When the decoder fails with anything but the unexpected end a flushed prefix has:
/// the prefix is corrupt.
pub fn decode_prefix(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut decoder: Box<dyn Read + '_> = match format {
        Format::Deflate => Box::new(DeflateDecoder::new(wire)),
        Format::Zlib => Box::new(ZlibDecoder::new(wire)),
        Format::Gzip => Box::new(GzDecoder::new(wire)),
    };
    let mut out = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(out),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(describe(&error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn member(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn one_member_decodes_and_anything_after_it_is_refused() {
        let wire = member(b"hello");
        assert_eq!(gunzip_exact(&wire).unwrap(), b"hello");
        assert!(gunzip_exact(&[&wire[..], b"x"].concat()).is_err());
        assert!(gunzip_exact(&wire[..wire.len() - 1]).is_err());
        let two = [member(b"a"), member(b"b")].concat();
        assert!(gunzip_exact(&two).is_err());
        assert_eq!(decode_gzip_members(&two).unwrap(), b"ab");
    }
}
