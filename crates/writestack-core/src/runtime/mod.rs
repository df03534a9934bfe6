//! The runtimes the adapter serves, each a thin shim over the one state machine.
//!
//! The state machine (`crate::state`) is written once against [`Inner`], a synchronous
//! view of the inner writer in which "not ready" is `ErrorKind::WouldBlock`. Each runtime
//! supplies an `Inner` over its writer trait and the trait impls of
//! [`EncodeWriter`](crate::EncodeWriter) that call into the state machine and turn
//! `WouldBlock` back into its own "not ready":
//! * `blocking.rs`: `std::io::Write` and [`Finish`](crate::Finish);
//! * `tokio01.rs`: `tokio_io::AsyncWrite` (tokio-io 0.1), vectored through `write_buf`;
//! * `stack.rs`: [`Stack`](crate::Stack), ending the layer below instead of shutting it
//!   down;
//! * `std_task.rs`: tokio 1 (`crate::tokio`) and futures-io 0.3 (`crate::futures_io`),
//!   both from one macro, as their writer traits differ only in names.

mod blocking;
mod slice_buf;
mod stack;
#[cfg(any(feature = "tokio", feature = "futures-io"))]
pub(crate) mod std_task;
mod tokio01;

use std::io;

pub(crate) use blocking::BlockingInner;

/// Most slices gathered from one vectored write.
pub(crate) const MAX_SLICES: usize = 64;

/// The inner writer as the state machine sees it.
pub(crate) trait Inner {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize>;
    fn write_slices(&mut self, slices: &[&[u8]]) -> io::Result<usize>;
    fn flush(&mut self) -> io::Result<()>;
    fn shutdown(&mut self) -> io::Result<()>;
}
