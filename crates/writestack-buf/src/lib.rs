//! An async `BufWriter` for tokio-io 0.1 that keeps the writestack layer contract.
//!
//! Unlike `std::io::BufWriter`, [`BufWriter`] never does I/O in `Drop` (std's flushes
//! there and throws the error away), turns an inner `WouldBlock` into `NotReady` instead
//! of losing track of half-written bytes, and forwards `shutdown` to the inner writer
//! once its buffer is drained.
//!
//! ```text
//!   write(16 B) write(16 B) ...           write(64 KiB)
//!        │          │                          │
//!   ┌────▼──────────▼────────────┐             │  (buffer drained first,
//!   │ buffer, 8 KiB by default   │             │   then no copy)
//!   └────────────┬───────────────┘             │
//!                ▼                             ▼
//!           inner writer  ◄────────────────────┘
//! ```
//!
//! # Contract
//!
//! [`BufWriter`] keeps every rule of [the contract](writestack_core#the-contract)
//! through the shared adapter. Its tail is empty: `poll_finish` drains the buffer and
//! flushes the inner writer, `shutdown` drains the buffer and shuts the inner writer down,
//! and an empty stream is no bytes at all.
//!
//! # Examples
//!
//! ```
//! use std::io::Write;
//! use futures::Future;
//! use writestack_buf::BufWriter;
//! use writestack_core::FinishExt;
//!
//! let mut writer = BufWriter::with_capacity(4, Vec::new());
//! writer.write_all(b"ab").unwrap();
//! assert!(writer.get_ref().is_empty()); // still buffered
//! let inner = writer.finish().wait().unwrap().into_inner();
//! assert_eq!(inner, b"ab");
//! ```
#![doc(html_root_url = "https://docs.rs/writestack-buf/0.1.0")]
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

mod buf_writer;
mod passthrough;

pub use buf_writer::BufWriter;
