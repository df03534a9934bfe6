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
//! * [`Stack`] / [`StackExt`] / [`KeepOpen`]: end a whole stack in one call, keeping the
//!   transport open (or, over `tcp::HalfClose` (feature `tcp`), closing it), and get the
//!   transport back;
//! * [`Layer`]: what every layer has (its inner writer, its byte counts), for generic code;
//! * [`Encode`]: the synchronous, runtime-free codec of a layer (4 methods), writing into
//!   an [`OutBuf`] and resuming headers and tails with [`PendingBytes`];
//! * [`Routing`]: the opt-in policy that lets some writes skip the codec ([`Verbatim`],
//!   [`Route::Direct`], [`Route::Framed`]); [`Buffered`] by default;
//! * [`EncodeWriter`]: the one state machine that drives any `Encode` over any inner
//!   writer and implements the contract below, with one small shim per runtime, so each
//!   layer is only its codec and its policy;
//! * [`Decode`] / [`DecodeReader`]: the mirror for readers, a synchronous decoder and the
//!   one adapter that drives it over an inner reader on every runtime ([readers](#readers));
//!   a decoder whose payload is its input unchanged but for a held-back tail may opt in
//!   to pass-through ([`Decode::pass_through_begin`]): the inner reader then reads
//!   straight into the caller's buffer, the reading side of [`Route::Direct`];
//! * [`Endian`], [`Prefix`]: small types the layers use.
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
//! **The same rules on tokio 1 and futures-io 0.3** (features `tokio`, `futures-io`).
//! `Pending` stands for `NotReady`: a layer returns `Poll::Pending` only when its inner
//! writer returned `Pending` during the same call, which registered the waker (an inner
//! `Ready(Err(WouldBlock))` is passed on as an error, never turned into a `Pending` nobody
//! would wake). `poll_shutdown` (tokio) and `poll_close` (futures-io) follow rule 11 with
//! the inner writer's own `poll_shutdown` / `poll_close`; `poll_write_vectored` follows
//! rule 7; [`tokio::Finish`](crate::tokio) and [`futures_io::Finish`](crate::futures_io)
//! follow rule 10. Every rule is tested on every runtime by the same suite, with a strict
//! waker that fails a `Pending` that came without a wake-up registered.
//!
//! # Readers
//!
//! Every reader (`GzipReader`, `Crc32Reader`, `FrameReader`, ...) undoes its layer through
//! a [`Decode`] driven by the one [`DecodeReader`], and keeps these promises on every
//! runtime, under inner readers that hand out one byte at a time, return `WouldBlock` /
//! `Pending`, `Interrupted`, an early end, or hard errors.
//!
//! * **R1.** `Ok(n > 0)` is `n` bytes of decoded payload. `Ok(0)` comes only for an empty
//!   destination, or at the clean end of the stream: trailer checked, end marker seen.
//! * **R2.** `NotReady` / `Pending` (or `WouldBlock` from `std::io::Read`) only when the
//!   inner reader said so during the same call.
//! * **R3.** The inner reader's end before the stream's end is `ErrorKind::UnexpectedEof`.
//!   Corrupt input (bad magic or header, bad deflate data, CRC32 or ISIZE mismatch, a
//!   length over the maximum, an overlong or unterminated varint) is
//!   `ErrorKind::InvalidData` with a message naming the layer and what was wrong; every
//!   later read fails the same way. No input makes a reader panic, hang or allocate by a
//!   length it has not checked.
//! * **R4.** Bounded memory whatever the input: a reader holds its input buffer, its
//!   decoder's state and, in message mode, one frame up to the maximum length. A small
//!   input that inflates to gigabytes costs time, never memory.
//! * **R5.** `Interrupted` is retried inside; an inner error is returned as it is, and a
//!   retry after the inner reader recovers continues without loss or duplication.
//! * **R6.** After its stream ends, a reader hands back through `into_parts()` the inner
//!   reader and every byte it read past the end, so the connection can carry the next
//!   stream ([`DecodeReader::from_parts`] starts one there).
//! * **R7.** `Drop` does no I/O. Accessors as for writers.
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

mod decode;
mod encode;
mod end;
mod endian;
mod finish;
mod generator;
mod layer;
mod out_buf;
mod pending;
mod reader;
mod reader_generator;
mod routing;
mod runtime;
mod send;
mod state;
#[cfg(all(feature = "tcp", any(unix, windows)))]
pub mod tcp;
mod writer;

pub use decode::{Decode, Decoded};
pub use encode::Encode;
pub use end::{End, EndFuture, KeepOpen, Stack, StackExt};
pub use endian::Endian;
pub use finish::{Finish, FinishExt, FinishFuture};
pub use layer::Layer;
pub use out_buf::{OutBuf, MAX_CAPACITY};
pub use pending::PendingBytes;
pub use reader::DecodeReader;
pub use routing::{Buffered, Prefix, Route, Routing, Verbatim, WriteKind};
pub use writer::{EncodeWriter, DEFAULT_CAPACITY};

/// The layers on tokio 1 (feature `tokio`): every layer implements
/// `tokio::io::AsyncWrite` over a tokio 1 writer (which need not be `Unpin`), with
/// `poll_shutdown` as the tokio-io 0.1 `shutdown` (rules 11 and 12), and this module's
/// [`Finish`](crate::tokio::Finish) as [`crate::Finish`].
///
/// # Examples
///
/// ```
/// # use tokio1 as tokio; // the doc build's name for tokio 1
/// # use writestack_core::{Encode, EncodeWriter, OutBuf};
/// # #[derive(Debug)] struct Identity;
/// # impl Encode for Identity {
/// #     fn encode(&mut self, i: &[u8], o: &mut OutBuf) -> std::io::Result<usize> { Ok(o.push(i)) }
/// #     fn flush(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
/// #     fn finish(&mut self, _: &mut OutBuf) -> std::io::Result<bool> { Ok(true) }
/// # }
/// # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # runtime.block_on(async {
/// use tokio::io::AsyncWriteExt;
/// use writestack_core::tokio::FinishExt;
///
/// // Vec<u8> is a tokio 1 AsyncWrite; any layer over it is one too.
/// let mut writer = EncodeWriter::with_capacity(4, Identity, Vec::new());
/// writer.write_all(b"hello").await?;
/// writer.finish().await?; // the tail, then a flush; the Vec is not shut down
/// assert_eq!(writer.get_ref(), b"hello");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[cfg(feature = "tokio")]
pub mod tokio {
    crate::runtime::std_task::std_task_runtime!(
        runtime: "tokio 1",
        writer: tokio1::io::AsyncWrite,
        close: poll_shutdown,
        item: poll_write_item_tokio,
        extra: {
            fn is_write_vectored(&self) -> bool {
                true
            }
        }
    );
}

/// The layers on futures-io 0.3 (feature `futures-io`): every layer implements
/// `futures_io::AsyncWrite` over a futures-io writer (which need not be `Unpin`), with
/// `poll_close` as the tokio-io 0.1 `shutdown` (rules 11 and 12), and this module's
/// [`Finish`](crate::futures_io::Finish) as [`crate::Finish`].
#[cfg(feature = "futures-io")]
pub mod futures_io {
    crate::runtime::std_task::std_task_runtime!(
        runtime: "futures-io 0.3",
        writer: futures_io::AsyncWrite,
        close: poll_close,
        item: poll_write_item_futures_io,
    );
}

#[doc(hidden)]
pub mod __private {
    pub use bytes::{Buf, Bytes};
    pub use futures::Poll;
    pub use tokio_io::{AsyncRead, AsyncWrite};

    #[cfg(feature = "futures-io")]
    pub use futures_io;
    #[cfg(feature = "tokio")]
    pub use tokio1;
}
