//! The layer contract of writestack, and the machinery every layer shares.
//!
//! writestack layers are async writers (`tokio_io::AsyncWrite`, tokio-io 0.1) that stack:
//!
//! ```text
//!  application bytes
//!        │
//!  FrameWriter    length-prefixed frames, end marker as its tail
//!        │
//!  Crc32Writer    pass-through, CRC32 trailer as its tail
//!        │
//!  GzipWriter     deflate + gzip header, trailer as its tail
//!        │
//!  BufWriter      coalesces small writes
//!        │
//!  TcpStream
//! ```
//!
//! This crate holds what they share:
//! * [`Finish`] / [`FinishExt`]: end one layer (write its tail, flush the inner writer)
//!   without shutting down the transport, then take the inner writer back;
//! * [`Encode`]: the synchronous, runtime-free half of a transforming layer;
//! * [`EncodeWriter`]: the one adapter that drives any `Encode` over any inner writer and
//!   implements the contract below, so each layer is only its codec;
//! * [`Endian`], [`OutBuf`], [`Prefix`]: small types the layers use.
//!
//! # The contract
//!
//! Every layer in the workspace keeps these promises, and each one is tested under inner
//! writers that take a few bytes at a time, return `WouldBlock`, `Interrupted`, `Ok(0)`
//! or hard errors.
//!
//! **Writing.**
//! 1. `Ok(n)` from `write` / `poll_write` means the first `n` bytes are the layer's: they
//!    will reach the inner writer (transformed) once a flush, finish or shutdown
//!    completes. `NotReady`, `WouldBlock` or an error means none of this call's bytes
//!    were taken, and nothing changed that a retry would see twice (a checksum layer only
//!    hashes what was taken).
//! 2. A layer returns `NotReady` / `WouldBlock` only when its inner writer did so during
//!    the same call, so the task is always registered for a wakeup.
//! 3. Bytes half-written to the inner writer are never resent and never dropped; a retry
//!    offers the inner writer the same pending bytes.
//! 4. An inner `Ok(0)` for a non-empty write becomes `ErrorKind::WriteZero`; an inner
//!    `Interrupted` is retried inside the layer.
//! 5. An empty write returns `Ok(0)` and changes nothing.
//! 6. A layer's buffer never grows past its capacity, plus one tail, one frame header and
//!    (message framing only) the one frame accepted whole; when full it drains first.
//! 7. `write_buf` merges small slices into the buffer and hands large ones to the inner
//!    writer's `write_buf` (vectored) where the layer does not transform the bytes.
//!
//! **Flushing.**
//! 8. When `poll_flush` returns `Ready`, everything accepted so far has reached the inner
//!    writer in a form the peer can decode now, and the inner writer has been flushed.
//! 9. A flush with nothing new emits nothing; a flush retried after `NotReady` continues
//!    the same flush.
//!
//! **Finishing and shutting down.**
//! 10. [`Finish::poll_finish`] writes the tail, drains it and flushes the inner writer,
//!     without shutting it down; `into_inner()` then loses nothing.
//! 11. `shutdown` finishes the tail, then calls the inner writer's `shutdown` once and
//!     until it completes, never again after. It is resumable, and an inner
//!     `WouldBlock` becomes `NotReady`, never `Err(WouldBlock)`.
//! 12. Once finish or shutdown has returned `Ready`, calling it again returns `Ready` and
//!     writes nothing; `poll_flush` between shutdown retries is allowed.
//! 13. After finish or shutdown has started, `write` fails with an error naming the layer.
//! 14. An empty stream is still a valid stream (an empty gzip member, the CRC of nothing,
//!     an end frame).
//!
//! **Errors.**
//! 15. An inner writer's error is returned as it is, and the layer stays consistent: once
//!     the inner writer recovers, a retry continues without loss or duplication. (One
//!     exception is forced by rule 1: when a whole frame has been accepted and the inner
//!     writer fails on the rest of it, the write still returns `Ok`; the rest stays in
//!     the buffer and the next drain meets the error again.)
//! 16. Bad input and impossible configurations get `ErrorKind::InvalidInput`, before any
//!     byte is taken or when the layer is built. Nothing panics.
//! 17. `Drop` does no I/O: dropping a layer that holds unflushed bytes loses them.
//!
//! # Examples
//!
//! Any layer finishes without a runtime on a blocking writer:
//!
//! ```
//! use std::io::Write;
//! use futures::Future;
//! use writestack_buf::BufWriter;
//! use writestack_core::FinishExt;
//!
//! let mut writer = BufWriter::new(Vec::new());
//! writer.write_all(b"hello, ").unwrap();
//! writer.write_all(b"world").unwrap();
//! let file = writer.finish().wait().unwrap().into_inner();
//! assert_eq!(file, b"hello, world");
//! ```
#![doc(html_root_url = "https://docs.rs/writestack-core/0.1.0")]
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

mod encode;
mod end;
mod endian;
mod finish;
mod layer;
mod out_buf;
mod pending;
mod routing;
mod runtime;
mod send;
mod state;
#[cfg(all(feature = "tcp", any(unix, windows)))]
pub mod tcp;
mod writer;

pub use encode::Encode;
pub use end::{EndFuture, KeepOpen, Stack, StackExt};
pub use endian::Endian;
pub use finish::{Finish, FinishExt, FinishFuture};
pub use layer::Layer;
pub use out_buf::{OutBuf, MAX_CAPACITY};
pub use pending::PendingBytes;
pub use routing::{Buffered, Prefix, Route, Routing, Verbatim, WriteKind};
pub use writer::{EncodeWriter, DEFAULT_CAPACITY};

#[doc(hidden)]
pub mod __private {
    pub use bytes::Buf;
    pub use futures::Poll;
    pub use tokio_io::AsyncWrite;
}
