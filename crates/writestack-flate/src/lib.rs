//! Deflate, zlib and gzip writers for tokio-io 0.1 that keep the writestack layer
//! contract: they write their own tail resumably, flush with exactly one sync block, and
//! forward `shutdown` once the tail is out; and the readers that undo them (see
//! [Readers](#readers)).
//!
//! | writer            | format   | header                   | tail                  |
//! |-------------------|----------|--------------------------|-----------------------|
//! | [`DeflateWriter`] | RFC 1951 | none                     | final block           |
//! | [`ZlibWriter`]    | RFC 1950 | 2 bytes (from flate2)    | Adler-32 (big endian) |
//! | [`GzipWriter`]    | RFC 1952 | 10+ bytes, [`GzipBuilder`] | CRC-32 + ISIZE (LE) |
//!
//! ```text
//!   write(..)           poll_flush()                  poll_finish() / shutdown()
//!      │                    │                               │
//!  ┌───▼────────────────────▼───────────────────────────────▼──────┐
//!  │ flate2::Compress  ──► adapter buffer (8 KiB) ──► inner writer │
//!  │   FlushCompress::None   ::Sync, once per flush   ::Finish     │
//!  └───────────────────────────────────────────────────────────────┘
//! ```
//!
//! Each writer is a sans-IO encoder over flate2's `Compress`, compressing straight into
//! the buffer of the `writestack-core` adapter, which does all the I/O. Unlike
//! `flate2::write::GzEncoder`, a writer here never does I/O in `Drop`, turns an inner
//! `WouldBlock` into `NotReady` without losing track of half-written output, ends its
//! stream without shutting the inner writer down ([`Finish`](writestack_core::Finish)),
//! and forwards `shutdown` after the trailer.
//!
//! # Contract
//!
//! The writers keep every rule of [the contract](writestack_core#the-contract) through the
//! shared adapter, and add what is theirs:
//! * rule 1: the gzip CRC-32 covers exactly the bytes a `write` returned as taken;
//! * rules 8 and 9: one sync flush per flush request, continued (not restarted) when
//!   retried, and nothing at all when nothing was written since the last one;
//! * rules 10 and 11: the tail is the final block and the format's trailer; after
//!   `poll_finish`, a new writer on the same inner writer starts a new stream (the next
//!   gzip member);
//! * rule 14: an empty stream is an empty final block inside the format's header and
//!   trailer, if it has them (each writer's docs give the bytes);
//! * rule 16: a level above 9 is refused by [`GzipBuilder`] (`InvalidInput`) and treated
//!   as 9 by the `new` constructors, never a panic.
//!
//! # Backends
//!
//! The codec is flate2's, and flate2's cargo features pick its backend; this crate
//! forwards two of them:
//!
//! * `rust_backend` (default): miniz_oxide, flate2's own default. An application that
//!   depends on this crate alone keeps control of its flate2 backend: enabling any other
//!   flate2 backend anywhere in the build overrides this one.
//! * `zlib-rs`: the zlib-rs port of zlib-ng, also pure Rust, and about twice as fast at
//!   level 6. flate2 prefers it when both are enabled, so it works with the default
//!   feature still on. It also turns on flate2's `runtime_detection`, without which
//!   zlib-rs cannot detect AVX2 at run time. The `writestack` facade enables it by
//!   default.
//!
//! Measured on 4 MiB of Rust sources (`benches/flate.rs` in the workspace; one x86-64
//! machine with AVX2, release build, `GzipWriter` in 16 KiB writes):
//!
//! | backend     | memory per writer | level 1: size, speed    | level 6: size, speed    |
//! |-------------|-------------------|-------------------------|-------------------------|
//! | miniz_oxide | 301 KiB           | 28.9% of input, 254 MiB/s | 19.62%, 47 MiB/s      |
//! | zlib-rs     | 320 KiB           | 30.4% of input, 472 MiB/s | 19.71%, 106 MiB/s     |
//!
//! So zlib-rs is about 1.9x faster at level 1 and 2.2x at level 6; its level 1 output
//! is about 5% larger than miniz_oxide's (a faster match finder), at level 6 the two
//! are within 0.5%. Memory is the peak resident memory of 1,000 open `GzipWriter`s at
//! level 6, each having written 4 KiB, divided by 1,000 (`cargo run --release -p
//! writestack-flate --example open_writers`, with and without `--features zlib-rs`);
//! it includes the writer's 8 KiB buffer. Almost all of it is the codec's own state
//! (window, hash chains, pending output), allocated once per writer.
//!
//! # Examples
//!
//! ```
//! use std::io::{Read, Write};
//! use flate2::read::GzDecoder;
//! use futures::Future;
//! use writestack_core::FinishExt;
//! use writestack_flate::{Compression, GzipWriter};
//!
//! let mut writer = GzipWriter::new(Vec::new(), Compression::default());
//! writer.write_all(b"a body that compresses, a body that compresses").unwrap();
//! let body = writer.finish().wait().unwrap().into_inner();
//!
//! let mut text = String::new();
//! GzDecoder::new(&body[..]).read_to_string(&mut text).unwrap();
//! assert_eq!(text, "a body that compresses, a body that compresses");
//! ```
//!
//! # Readers
//!
//! | reader            | format   | checks                                             |
//! |-------------------|----------|----------------------------------------------------|
//! | [`DeflateReader`] | RFC 1951 | the block structure (raw deflate has no checksum)  |
//! | [`ZlibReader`]    | RFC 1950 | header, Adler-32 (both by the backend)             |
//! | [`GzipReader`]    | RFC 1952 | magic, method, reserved flags, FHCRC, CRC-32, ISIZE |
//!
//! Each reader is a sans-IO decoder over flate2's `Decompress` (the same backend as the
//! writers), driven by the `writestack-core` reading adapter, which does all the I/O; it
//! implements `std::io::Read`, tokio-io 0.1 `AsyncRead`, and (features `tokio`,
//! `futures-io`) the tokio 1 and futures-io `AsyncRead`. The gzip member layout is drawn in
//! [`GzipWriter`]'s docs; the header parser reads it a byte at a time if it must, holding at
//! most [`MAX_HEADER_FIELD`] bytes per field. The payload is inflated straight into the
//! caller's buffer, so a small input that inflates to gigabytes costs time, never memory.
//!
//! A reader stops at its stream's end (a gzip member's trailer; [`GzipReader::multi`]
//! reads on through every member) and gives back the inner reader and the bytes it read
//! past the end with `into_parts`, so a keep-alive connection can carry the next stream
//! (`from_parts` starts a reader on them). Every reader keeps the reader rules
//! [R1-R7](writestack_core#readers); in particular a cut stream is `UnexpectedEof`, and
//! corrupt input `InvalidData` with a message naming the layer and what was wrong.
//!
//! ```
//! use std::io::{Read, Write};
//! use futures::Future;
//! use writestack_core::FinishExt;
//! use writestack_flate::{Compression, GzipReader, GzipWriter};
//!
//! let mut writer = GzipWriter::builder().filename("body.txt").new_write(Vec::new())?;
//! writer.write_all(b"a body that compresses, a body that compresses")?;
//! let wire = writer.finish().wait()?.into_inner();
//!
//! let mut reader = GzipReader::new(&wire[..]);
//! let mut text = String::new();
//! reader.read_to_string(&mut text)?;
//! assert_eq!(text, "a body that compresses, a body that compresses");
//! assert_eq!(reader.header().and_then(|h| h.filename()), Some(&b"body.txt"[..]));
//!
//! // A corrupt member is refused, naming what was wrong.
//! let mut corrupt = wire.clone();
//! let crc_at = corrupt.len() - 8;
//! corrupt[crc_at] ^= 1;
//! let error = GzipReader::new(&corrupt[..]).read_to_end(&mut Vec::new()).unwrap_err();
//! assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
//! assert!(error.to_string().contains("CRC32 mismatch"));
//! # Ok::<(), std::io::Error>(())
//! ```
#![doc(html_root_url = "https://docs.rs/writestack-flate/0.1.0")]
// Library code reports failure as an `io::Error` and never prints; tests may unwrap and
// panic (see `[workspace.lints.clippy]` in the workspace Cargo.toml for why this is here).
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::missing_panics_doc,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

mod deflate;
mod deflate_reader;
mod deflater;
mod gzip;
mod gzip_builder;
mod gzip_decoder;
mod gzip_encoder;
mod gzip_header;
mod gzip_header_parser;
mod gzip_reader;
mod inflate_reader;
mod inflater;
mod level;
mod stream_writer;
mod window;
mod zlib;
mod zlib_reader;

/// The input buffer of the readers unless given another capacity: 32 KiB, as the
/// `BufReader` inside flate2's read decoders. Measured against `flate2::read::GzDecoder`
/// (8 MiB of text, zlib-rs): 0.95-0.98x with an 8 KiB buffer, 1.01-1.02x with 32 KiB,
/// as each call into the inflater costs the same whatever it is given.
///
/// # Examples
///
/// ```
/// use writestack_flate::{GzipReader, READ_CAPACITY};
///
/// assert_eq!(GzipReader::new(&b""[..]).capacity(), READ_CAPACITY);
/// ```
pub const READ_CAPACITY: usize = 32 * 1024;

pub use deflate::DeflateWriter;
pub use deflate_reader::DeflateReader;
pub use flate2::Compression;
pub use gzip::GzipWriter;
pub use gzip_builder::{GzipBuilder, OS_UNKNOWN};
pub use gzip_header::{GzipHeader, MAX_HEADER_FIELD};
pub use gzip_reader::GzipReader;
pub use zlib::ZlibWriter;
pub use zlib_reader::ZlibReader;

/// The smallest buffer a flate writer uses: 16 bytes. `with_capacity` raises smaller
/// capacities to it and [`GzipBuilder::new_write`] refuses them.
///
/// A sync flush must end with a codec call that leaves room in the buffer, and the codec
/// may still emit a 5-byte empty stored block once the flush is done; a buffer of a few
/// bytes would be filled by it on every call, and the flush would never end.
///
/// # Examples
///
/// ```
/// use writestack_flate::{Compression, DeflateWriter, MIN_CAPACITY};
///
/// let writer = DeflateWriter::with_capacity(1, Vec::<u8>::new(), Compression::fast());
/// assert_eq!(writer.capacity(), MIN_CAPACITY);
/// ```
pub const MIN_CAPACITY: usize = 16;

/// The largest deflate window, `2^15` = 32 KiB: the default, and the only one on
/// miniz_oxide.
///
/// # Examples
///
/// ```
/// use writestack_flate::{GzipWriter, MAX_WINDOW_BITS};
///
/// let writer = GzipWriter::builder().new_write(Vec::<u8>::new()).unwrap();
/// assert_eq!(writer.window_bits(), MAX_WINDOW_BITS);
/// ```
pub const MAX_WINDOW_BITS: u8 = 15;

/// The smallest deflate window a builder accepts, `2^9` = 512 bytes (zlib-rs only; zlib
/// itself turns 8 into 9 for raw deflate). A smaller window means less memory per writer
/// and, on most text, larger output: the README's memory table gives both.
///
/// # Examples
///
/// ```
/// use writestack_flate::{GzipWriter, MIN_WINDOW_BITS};
///
/// let refused = GzipWriter::builder()
///     .window_bits(MIN_WINDOW_BITS - 1)
///     .new_write(Vec::<u8>::new());
/// assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
/// ```
pub const MIN_WINDOW_BITS: u8 = 9;
