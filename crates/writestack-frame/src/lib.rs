//! Length-prefix framing for tokio-io 0.1 writers and readers: [`FrameWriter`] is an
//! async writer and a `futures::Sink<SinkItem = Bytes>` that puts a length prefix in front
//! of every frame; [`FrameReader`], its mirror, is an async reader of the payload and, in
//! message mode, a `futures::Stream<Item = Bytes>` of the frames (see
//! [Reading](#reading)).
//!
//! With the defaults ([`FrameWriter::new`]) its output is what tokio's
//! `LengthDelimitedCodec` reads with its defaults: a 4-byte big-endian length, frames of
//! at most 8 MiB.
//!
//! # Wire formats
//!
//! **Message mode** (the default): each write is one frame.
//!
//! ```text
//!   write(b"hello")            write(b"!")
//!  ┌──────────────┬───────────┬──────────────┬───┐
//!  │ 00 00 00 05  │ h e l l o │ 00 00 00 01  │ ! │
//!  └──────────────┴───────────┴──────────────┴───┘
//!   length, 4 bytes  payload    length          payload
//!   big-endian
//! ```
//!
//! **Fixed-width prefixes** of 1 to 8 bytes, in either byte order
//! ([`Builder::length_field_length`], [`Builder::little_endian`]); the width must carry
//! the maximum frame length:
//!
//! ```text
//!   length_field_length(2), little_endian(), a 300-byte frame
//!  ┌───────┬──────────────────┐
//!  │ 2C 01 │ 300 payload bytes │      300 = 0x012C, low byte first
//!  └───────┴──────────────────┘
//! ```
//!
//! **LEB128 prefixes** ([`Builder::varint`]): seven bits per byte, low group first, the
//! high bit set on every byte but the last; always the shortest form.
//!
//! ```text
//!   varint(), frames of 5 and 300 bytes
//!  ┌────┬─────────┬───────┬──────────────────┐
//!  │ 05 │ 5 bytes │ AC 02 │ 300 payload bytes │    300 = 0b10_0101100:
//!  └────┴─────────┴───────┴──────────────────┘      0x2C|0x80, then 0x02
//! ```
//!
//! **Chunked mode** ([`Builder::chunked`]): one byte stream, cut into frames of at most
//! the maximum length when the buffer fills and at every flush, and ended by a
//! zero-length frame, like the last chunk of HTTP/1.1 chunked encoding:
//!
//! ```text
//!   write(1000 B) write(3000 B) flush()  write(10 B)  shutdown()
//!  ┌─────────────┬─────────────────────┬─────────────┬──────────────┬─────────────┐
//!  │ 00 00 0F A0 │ 4000 payload bytes  │ 00 00 00 0A │ 10 bytes     │ 00 00 00 00 │
//!  └─────────────┴─────────────────────┴─────────────┴──────────────┴─────────────┘
//!   chunk cut by the flush               chunk cut by the shutdown      end marker
//! ```
//!
//! Frame boundaries in chunked mode carry no meaning (they depend on when the buffer
//! filled); a reader concatenates payloads until the end marker. Empty writes and empty
//! flushes never make frames, so the zero-length frame is unambiguous.
//!
//! # Contract
//!
//! [`FrameWriter`] keeps every rule of [the contract](writestack_core#the-contract)
//! through the shared adapter. What is its own: a frame is taken whole or not at all, and
//! one over the maximum is `InvalidInput` before any byte is taken; a configuration that
//! cannot work is refused by [`Builder::new_write`]; the end marker is the tail written by
//! `poll_finish` / `shutdown`, so an empty stream with one is the end marker alone.
//!
//! # Reading
//!
//! [`FrameReader`] is configured like the writer whose frames it reads: the same
//! [`Builder`] and the same checks ([`Builder::new_read`]), or [`FrameReader::new`] for
//! the defaults. The wire formats are [the writer's](#wire-formats); reading them:
//!
//! ```text
//!  message mode, end marker off            message mode, end marker on
//!  ┌──────┬─────┬──────┬──┬──────┬───┐       ┌──────┬─────┬──────┬──────────┐
//!  │ 0003 │ abc │ 0000 │  │ 0001 │ d │ EOF   │ 0003 │ abc │ 0000 │ next ... │
//!  └──────┴─────┴──────┴──┴──────┴───┘       └──────┴─────┴──────┴──────────┘
//!   item "abc"   item ""    item "d"  None    item "abc"   None:   left for the next
//!                (empty message)              the end marker       reader (into_parts)
//!
//!  chunked mode: payloads concatenated; read returns 0 at the zero-length frame
//!  ┌──────┬──────────┬──────┬───────┬──────┐
//!  │ 0006 │ stream   │ 0005 │ bytes │ 0000 │   read_to_end: b"stream bytes"
//!  └──────┴──────────┴──────┴───────┴──────┘
//! ```
//!
//! * Each length is checked against the maximum as soon as its prefix is complete (a
//!   LEB128 prefix as soon as the bytes seen already exceed it): `InvalidData`, before
//!   anything is allocated for the frame. So is a LEB128 prefix of more than 10 bytes or
//!   more than 64 bits. Padded LEB128 (`0x81 0x00` for 1) is accepted, as the `leb128`
//!   crate and protobuf read it.
//! * Without an end marker the stream ends at the inner reader's end between two frames;
//!   with one, at the zero-length frame, and the bytes after it are handed back by
//!   [`FrameReader::into_parts`] for the next stream (rule
//!   [R6](writestack_core#readers)). Anywhere else the inner reader's end is
//!   `UnexpectedEof`.
//! * As a `Stream` (message mode) each item is exactly one frame's payload; the reader
//!   holds at most one frame, growing as its bytes arrive (rule
//!   [R4](writestack_core#readers)). On tokio 1 it is a futures 0.3 `Stream` of bytes 1
//!   `Bytes`; on futures-io, [`FrameStream`](futures_io::FrameStream) is.
//!
//! The round trip, one builder for both sides:
//!
//! ```
//! use std::io::Write;
//! use futures::{Future, Stream};
//! use writestack_core::FinishExt;
//! use writestack_frame::Builder;
//!
//! let mut builder = Builder::new();
//! builder.varint().end_marker(true);
//! let mut writer = builder.new_write(Vec::new())?;
//! writer.write_all(b"first")?;
//! writer.write_all(b"second")?;
//! let wire = writer.finish().wait()?.into_inner();
//!
//! let frames = builder.new_read(&wire[..])?.collect().wait()?;
//! assert_eq!(frames, [&b"first"[..], b"second"]);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Examples
//!
//! ```
//! use std::io::Write;
//! use futures::Future;
//! use writestack_core::FinishExt;
//! use writestack_frame::FrameWriter;
//!
//! let mut writer = FrameWriter::builder().chunked().new_write(Vec::new()).unwrap();
//! writer.write_all(b"stream ").unwrap();
//! writer.write_all(b"bytes").unwrap();
//! let wire = writer.finish().wait().unwrap().into_inner();
//! assert_eq!(wire, b"\0\0\0\x0cstream bytes\0\0\0\0");
//! ```
#![doc(html_root_url = "https://docs.rs/writestack-frame/0.1.0")]
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

// The module graph is acyclic: in this order, each module imports only modules to its
// left (`grep -n "^use crate::" src/*.rs` shows the edges).
//   length <- config <- chunked <- encoder <- routing <- writer <- builder, sink
//   length <- prefix <- decoder <- assembly <- reader <- read_builder, stream, stream_task
//   (read_builder also uses builder, for the options chosen)
mod assembly;
mod builder;
mod chunked;
mod config;
mod decoder;
mod encoder;
mod length;
mod prefix;
mod read_builder;
mod reader;
mod routing;
mod sink;
#[cfg(any(feature = "tokio", feature = "futures-io"))]
mod sink_task;
mod stream;
#[cfg(any(feature = "tokio", feature = "futures-io"))]
mod stream_task;
mod write_builder;
mod writer;

/// `FrameSink` and `FrameStream`: the futures 0.3 `Sink` of a [`FrameWriter`] and the
/// `Stream` of a [`FrameReader`] over futures-io (feature `futures-io`).
#[cfg(feature = "futures-io")]
pub mod futures_io;

pub use builder::Builder;
pub use config::DEFAULT_MAX_FRAME_LENGTH;
pub use length::LengthField;
pub use reader::FrameReader;
pub use writer::FrameWriter;
