//! Decoders this workspace did not write, for checking what the layers put on the wire:
//! flate2's read decoders, tokio 0.1's `length_delimited` codec, crc32fast, and the
//! system `gzip` and Python 3's `zlib` run as child processes.
//!
//! A layer checked only by a decoder of our own could share that decoder's misreading of
//! a format; these are the formats' other implementations.
//!
//! Every decoder returns `Err` with a readable reason for a wire it refuses, so a test can
//! assert that a bad stream is refused as well as that a good one decodes. The external
//! tools are required: one that cannot be started fails the test, naming the tool.

mod crc;
mod flate;
mod frames;
mod tool;

pub use crc::{crc_trailer, strip_crc, CrcTrailer};
pub use flate::{decode, decode_gzip_members, decode_prefix, gunzip_exact, Format};
pub use frames::{
    join_frames, payload_frames, tokio_codec, tokio_default_frames, tokio_frames, unframe_chunked,
    unframe_messages, TOKIO_MAX_FRAME,
};
pub use tool::{gzip_dc, python_zlib, run_tool, ToolOutput};

/// Undoes the facade's usual stack, `FrameWriter` (chunked, tokio's default prefixes)
/// over `Crc32Writer` (big-endian trailer) over `GzipWriter`: one gzip member with
/// nothing after it, a matching CRC, then payload frames and one end marker, last.
///
/// # Errors
///
/// The first refusal, from [`gunzip_exact`], [`strip_crc`] or [`unframe_chunked`].
pub fn decode_stack(wire: &[u8]) -> Result<Vec<u8>, String> {
    unframe_chunked(&strip_crc(&gunzip_exact(wire)?)?)
}
