//! Layered async writers for tokio-io 0.1 that finish their own tails.
//!
//! writestack stacks writers (`frame -> crc32 -> gzip -> buffer -> socket`) where every
//! layer writes its own tail (end frame, CRC trailer, gzip trailer) exactly once, then
//! forwards `shutdown` to the layer below, and no schedule of short writes,
//! `WouldBlock`, `Interrupted` or socket errors loses a byte, repeats one, hangs a task or
//! panics. The guarantees are the numbered rules of
//! [the contract](writestack_core#the-contract), and every layer keeps all of them.
//!
//! ```text
//!   app ──► FrameWriter ──► Crc32Writer ──► GzipWriter ──► BufWriter ──► HalfClose(TcpStream)
//!           end frame       CRC trailer     gzip trailer   (no tail)     FIN
//! ```
//!
//! Each layer has its reader, which undoes it on the receiving side with the same
//! discipline ([the reader rules](writestack_core#readers)):
//! `socket.gunzip().verify_crc32().deframed()` reads what
//! `socket.buffered().gzip(level).crc32().framed()` sent.
//!
//! This crate re-exports each layer crate behind a feature of the same name (all on by
//! default) and adds [`prelude::WriteStackExt`] and [`prelude::ReadStackExt`] for fluent
//! stacking:
//!
//! | module | crate | feature |
//! |---|---|---|
//! | [`buf`] | `writestack-buf` | `buf` |
//! | [`flate`] | `writestack-flate` | `flate` (+ `zlib-rs`, on by default) |
//! | [`crc`] | `writestack-crc` | `crc` |
//! | [`frame`] | `writestack-frame` | `frame` |
//! | [`tcp`] | `writestack-core`'s `tcp` | `tcp` |
//!
//! The `zlib-rs` feature (default) selects flate2's zlib-rs backend, about twice as fast
//! as the miniz_oxide default at level 6; `default-features = false` turns it off.
//!
//! # Examples
//!
//! A blocking stack over a `Vec<u8>` (no runtime needed), ended in one call:
//!
//! ```
//! use std::io::{Read, Write};
//! use futures::Future;
//! use writestack::flate::Compression;
//! use writestack::prelude::*;
//!
//! // `keep_open()` decides, once, what ending the stack does to the transport: it stays
//! // open (and comes back) for the next stream. `HalfClose` would shut it down instead.
//! let mut stack = Vec::<u8>::new().keep_open().buffered().gzip(Compression::fast()).crc32();
//! stack.write_all(b"hello, stack").unwrap();
//! // Every tail, top down (CRC trailer, gzip trailer, buffer), then the transport back.
//! let wire: Vec<u8> = stack.end().wait().unwrap();
//!
//! let mut plain = Vec::new();
//! flate2::read::GzDecoder::new(&wire[..]).read_to_end(&mut plain).unwrap();
//! assert_eq!(&plain[..12], b"hello, stack");
//! assert_eq!(plain[12..], crc32fast::hash(b"hello, stack").to_be_bytes());
//! ```
//!
//! On a tokio-io runtime the same `end()` future runs on the task; `shutdown` (for
//! example `tokio_io::io::shutdown`) ends a stack over a socket and closes it.
#![doc(html_root_url = "https://docs.rs/writestack/0.1.0")]
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

pub use writestack_core::{
    Encode, EncodeWriter, End, EndFuture, Endian, Finish, FinishExt, FinishFuture, KeepOpen, Layer,
    Stack, StackExt,
};

/// [The contract](writestack_core#the-contract) every layer keeps, and the adapter every
/// layer is built on (`writestack-core`).
pub use writestack_core as contract;

/// `BufWriter` (`writestack-buf`).
#[cfg(feature = "buf")]
pub use writestack_buf as buf;

/// `DeflateWriter`, `ZlibWriter`, `GzipWriter` and their readers (`writestack-flate`).
#[cfg(feature = "flate")]
pub use writestack_flate as flate;

/// `Crc32Writer` and `Crc32Reader` (`writestack-crc`).
#[cfg(feature = "crc")]
pub use writestack_crc as crc;

/// `FrameWriter`, `FrameReader` and their `Builder` (`writestack-frame`).
#[cfg(feature = "frame")]
pub use writestack_frame as frame;

/// `HalfClose`: a tokio 0.1 `TcpStream` (or other socket) whose `shutdown` sends FIN.
#[cfg(all(feature = "tcp", any(unix, windows)))]
pub use writestack_core::tcp;

/// The layers on tokio 1: `Finish` / `FinishExt` of that runtime (feature `tokio`).
#[cfg(feature = "tokio")]
pub use writestack_core::tokio;

/// The layers on futures-io 0.3: `Finish` / `FinishExt` of that runtime (feature
/// `futures-io`).
#[cfg(feature = "futures-io")]
pub use writestack_core::futures_io;

pub mod prelude;
mod read_stack;
