//! Length-prefixed frames read back with tokio 0.1's `length_delimited` codec, and the
//! rules of the two framing modes (message frames, chunked frames with an end marker).

use bytes::BytesMut;
use tokio::codec::{length_delimited, Decoder, LengthDelimitedCodec};
use writestack_core::Endian;

/// The largest frame tokio's codec reads with its defaults (8 MiB).
pub const TOKIO_MAX_FRAME: usize = 8 * 1024 * 1024;

/// tokio 0.1's length-delimited codec configured like a writer with `width`-byte
/// prefixes in `endian` order and frames of up to `max` bytes: to read its frames, or to
/// write frames a reader must read.
pub fn tokio_codec(width: usize, endian: Endian, max: usize) -> LengthDelimitedCodec {
    let mut builder = length_delimited::Builder::new();
    builder.length_field_length(width).max_frame_length(max);
    match endian {
        Endian::Big => builder.big_endian(),
        Endian::Little => builder.little_endian(),
    };
    builder.new_codec()
}

/// Splits `wire` into frame payloads with tokio's codec configured like the writer
/// (`width`-byte prefixes in `endian` order, frames up to `max` bytes), and requires the
/// whole of `wire` to be frames: a partial frame at the end is an error.
///
/// # Errors
///
/// When tokio's codec refuses a frame (longer than `max`, say), or `wire` ends inside a
/// frame.
pub fn tokio_frames(
    width: usize,
    endian: Endian,
    max: usize,
    wire: &[u8],
) -> Result<Vec<Vec<u8>>, String> {
    let mut codec = tokio_codec(width, endian, max);
    let mut src = BytesMut::from(wire);
    let mut frames = Vec::new();
    let mut framed = 0;
    while let Some(frame) = codec.decode(&mut src).map_err(|e| e.to_string())? {
        framed += width + frame.len();
        frames.push(frame.to_vec());
    }
    // The codec takes a prefix off `src` before its payload has arrived, so an empty
    // `src` does not prove the wire ended on a frame: the frames must add up to it.
    if framed != wire.len() {
        return Err(format!(
            "{} bytes of an incomplete frame at the end",
            wire.len() - framed
        ));
    }
    Ok(frames)
}

/// [`tokio_frames`] with the codec's defaults (`LengthDelimitedCodec::new()`): 4-byte
/// big-endian prefixes, frames up to [`TOKIO_MAX_FRAME`]. `FrameWriter`'s defaults too.
///
/// # Errors
///
/// As [`tokio_frames`].
pub fn tokio_default_frames(wire: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    tokio_frames(4, Endian::Big, TOKIO_MAX_FRAME, wire)
}

/// Concatenates payloads. With `marker` (chunked mode's end marker), the last frame must
/// be the only empty one; without, no frame may be empty.
///
/// # Errors
///
/// With `marker`, when the last frame is not empty or one before it is; without, when
/// any frame is empty.
pub fn join_frames(frames: &[Vec<u8>], marker: bool) -> Result<Vec<u8>, String> {
    let body = if marker {
        match frames.split_last() {
            Some((last, body)) if last.is_empty() => body,
            _ => return Err("the stream does not end with a zero-length frame".into()),
        }
    } else {
        frames
    };
    if let Some(at) = body.iter().position(Vec::is_empty) {
        return Err(format!("an empty frame at index {at} before the end"));
    }
    Ok(body.concat())
}

/// The payload frames one by one, under the same rules as [`join_frames`]: with
/// `marker`, the last frame must be the only empty one and is removed.
///
/// # Errors
///
/// As [`join_frames`].
pub fn payload_frames(mut frames: Vec<Vec<u8>>, marker: bool) -> Result<Vec<Vec<u8>>, String> {
    if marker {
        match frames.pop() {
            Some(last) if last.is_empty() => {}
            _ => return Err("the stream does not end with a zero-length frame".into()),
        }
    }
    if let Some(at) = frames.iter().position(Vec::is_empty) {
        return Err(format!("an empty frame at index {at} before the end"));
    }
    Ok(frames)
}

/// Chunked frames with tokio's default prefixes: payload frames, then exactly one
/// zero-length end marker, last.
///
/// # Errors
///
/// When the frames do not decode ([`tokio_default_frames`]), or break the chunked rules
/// ([`join_frames`] with the marker; that reason prefixed with `chunked:`).
pub fn unframe_chunked(wire: &[u8]) -> Result<Vec<u8>, String> {
    join_frames(&tokio_default_frames(wire)?, true).map_err(|why| format!("chunked: {why}"))
}

/// Message frames with tokio's default prefixes: no end marker, no empty frame.
///
/// # Errors
///
/// When the frames do not decode ([`tokio_default_frames`]), or one is empty
/// ([`join_frames`] without the marker; that reason prefixed with `message:`).
pub fn unframe_messages(wire: &[u8]) -> Result<Vec<u8>, String> {
    join_frames(&tokio_default_frames(wire)?, false).map_err(|why| format!("message: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_frames_need_the_end_marker_last_and_only_there() {
        let wire = b"\0\0\0\x02ab\0\0\0\x01c\0\0\0\0";
        assert_eq!(unframe_chunked(wire).unwrap(), b"abc");
        assert!(unframe_messages(wire).is_err());
        assert!(unframe_chunked(&wire[..wire.len() - 4]).is_err());
        assert!(unframe_chunked(&wire[..wire.len() - 1]).is_err());
        let early = b"\0\0\0\0\0\0\0\x01c\0\0\0\0";
        assert!(unframe_chunked(early).is_err());
    }

    #[test]
    fn a_wire_cut_after_a_prefix_is_incomplete() {
        // tokio's codec keeps the prefix it read while the payload is missing.
        assert!(tokio_default_frames(b"\0\0\0\x05").is_err());
        assert!(tokio_default_frames(b"\0\0\0\x02ab\0\0\0\x05abc").is_err());
        assert_eq!(tokio_default_frames(b"\0\0\0\x02ab").unwrap(), [b"ab"]);
    }

    #[test]
    fn little_endian_two_byte_prefixes_follow_the_configuration() {
        let frames = tokio_frames(2, Endian::Little, 16, b"\x03\0xyz\x01\0w").unwrap();
        assert_eq!(payload_frames(frames, false).unwrap(), [&b"xyz"[..], b"w"]);
        assert!(tokio_frames(2, Endian::Little, 2, b"\x03\0xyz").is_err());
    }
}
