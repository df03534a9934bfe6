//! A pass-through CRC32 writer for tokio-io 0.1 with an optional, resumable CRC trailer,
//! and its mirror, a reader that hashes and checks that trailer.
//!
//! [`Crc32Writer`] hands every write to the inner writer unchanged and without a copy,
//! and hashes exactly the bytes the inner writer took (CRC32 IEEE, computed by
//! `crc32fast`, the same value as zlib's `crc32`). Built with
//! [`Crc32Writer::with_trailer`], it ends the stream with that CRC:
//!
//! ```text
//!   write(a)   write(b)   write_buf([c, d])          finish / shutdown
//!      │          │            │                            │
//!      ▼          ▼            ▼  (vectored, no copy)       ▼
//!  ┌────────┬──────────┬──────────────────────────┬────┬────┬────┬────┐
//!  │   a    │    b     │          c  d            │ c0 │ c1 │ c2 │ c3 │
//!  └────────┴──────────┴──────────────────────────┴────┴────┴────┴────┘
//!   ◄───────────── payload, byte for byte ───────► ◄─ CRC32(a b c d) ─►
//!                                                   Endian::Big:    c0 = high byte
//!                                                   Endian::Little: c0 = low byte
//! ```
//!
//! [`Crc32Writer::new`] observes only: the wire is the payload alone and
//! [`Crc32Writer::crc`] gives the checksum, for a caller that carries it elsewhere (a
//! header, a gzip trailer).
//!
//! # Contract
//!
//! [`Crc32Writer`] keeps every rule of [the contract](writestack_core#the-contract)
//! through the shared adapter. Its tail is the 4-byte trailer, or nothing in observe-only
//! mode; an empty stream with a trailer is the CRC of nothing, four zero bytes.
//!
//! # Examples
//!
//! Finishing without a runtime, on a blocking inner writer:
//!
//! ```
//! use std::io::Write;
//! use futures::Future;
//! use writestack_core::{Endian, FinishExt};
//! use writestack_crc::Crc32Writer;
//!
//! let mut writer = Crc32Writer::with_trailer(Vec::new(), Endian::Big);
//! writer.write_all(b"hello, ").unwrap();
//! writer.write_all(b"world").unwrap();
//! let writer = writer.finish().wait().unwrap();
//! assert_eq!(writer.crc(), crc32fast::hash(b"hello, world"));
//! let wire = writer.into_inner();
//! assert_eq!(&wire[..12], b"hello, world");
//! assert_eq!(wire[12..], crc32fast::hash(b"hello, world").to_be_bytes());
//! ```
//!
//! # Reading
//!
//! [`Crc32Reader`] is the mirror: it hands out the inner stream's bytes unchanged and
//! hashes them. [`Crc32Reader::new`] observes only (the payload ends at the inner
//! reader's EOF; [`Crc32Reader::crc`] tells the checksum).
//! [`Crc32Reader::with_trailer`] reads what `Crc32Writer::with_trailer` wrote: the
//! stream's last 4 bytes are the CRC of everything before them. Nothing marks where the
//! payload stops, so the reader holds back the latest 4 bytes until the inner reader's
//! EOF says they were the trailer, and checks them there:
//!
//! ```text
//!                       inner reader's EOF ──────────────────────────┐
//!                                                                    ▼
//!  ┌─────────────────────────────────────────────┬────┬────┬────┬────┐
//!  │  payload: handed out as it arrives          │ c0 │ c1 │ c2 │ c3 │
//!  └─────────────────────────────────────────────┴────┴────┴────┴────┘
//!                          ◄─ held back ─► (the latest 4 bytes, until EOF)
//!   at EOF: c0..c3 (Endian::Big: c0 = high byte) == CRC32(payload)?
//!     yes: Ok(0), is_ended()   no: InvalidData   under 4 bytes in all: UnexpectedEof
//! ```
//!
//! The payload needs no transformation, so with a caller's buffer of more than 4 bytes
//! the inner reader reads straight into it (the held bytes first) and no byte is copied
//! through an intermediate buffer; smaller reads go through one. The end is the inner
//! reader's EOF, so [`Crc32Reader::into_parts`] has no leftover after it
//! ([rule R6](writestack_core#readers)); every reader rule R1-R7 holds.
//!
//! ```
//! use std::io::{Read, Write};
//! use futures::Future;
//! use writestack_core::{Endian, FinishExt};
//! use writestack_crc::{Crc32Reader, Crc32Writer};
//!
//! let mut writer = Crc32Writer::with_trailer(Vec::new(), Endian::Little);
//! writer.write_all(b"hello, world")?;
//! let wire = writer.finish().wait()?.into_inner();
//!
//! let mut reader = Crc32Reader::with_trailer(&wire[..], Endian::Little);
//! let mut payload = Vec::new();
//! reader.read_to_end(&mut payload)?;
//! assert_eq!(payload, b"hello, world");
//! assert!(reader.is_ended());
//! assert_eq!(reader.crc(), crc32fast::hash(b"hello, world"));
//!
//! let mut corrupt = wire.clone();
//! corrupt[0] ^= 1;
//! let error = Crc32Reader::with_trailer(&corrupt[..], Endian::Little)
//!     .read_to_end(&mut Vec::new())
//!     .unwrap_err();
//! assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
//! # Ok::<(), std::io::Error>(())
//! ```
#![doc(html_root_url = "https://docs.rs/writestack-crc/0.1.0")]
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

mod crc32_reader;
mod crc32_writer;
mod decoder;
mod encoder;

pub use crc32_reader::Crc32Reader;
pub use crc32_writer::Crc32Writer;
