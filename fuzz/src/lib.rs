//! Fuzzing the writestack layers against their contract (the `writestack_core` docs,
//! "The contract").
//!
//! Each fuzz target picks a configuration and calls [`run`] (or [`run_stack`]); the
//! input also chooses a [`Script`]: the bytes written, the operations (`poll_write`,
//! `write_buf` with chained, `Take`n or listed slices, `poll_flush`, `poll_finish`,
//! `shutdown`, in any order), and the answers of the [`Hostile`] inner writer (short
//! takes, `NotReady`, `Interrupted`, `Ok(0)`, hard errors).
//!
//! Every operation is driven in a futures 0.1 task ([`drive`]), and the oracle panics on
//! any breach: invented `NotReady`, lost wakeups, hangs, escaped `WouldBlock` or
//! `Interrupted`, bytes taken that were not reported, writes accepted after finish or
//! shutdown, a flush that does not make everything decodable, a tail not written exactly
//! once, an inner shutdown not reached exactly once, accounting (`total_in` /
//! `total_out`) that disagrees with what the inner writer took. The wire is decoded by
//! code this project did not write ([`wire`]), and a finished wire also by writestack's
//! own readers, which must agree with it byte for byte.

mod data;
mod drive;
mod ending;
mod frame_spec;
mod frames;
mod hostile;
mod judge;
mod layer;
mod oracle;
mod ours;
mod script;
mod spec;
pub mod wire;

pub use data::{Pattern, Shape};
pub use drive::{drive, MAX_CALLS_PER_OP, MAX_POLLS};
pub use frame_spec::{FrameSpec, MaxLen, Mode, PrefixSpec};
pub use hostile::{Answer, Hostile, Probe};
pub use layer::{Below, Layer};
pub use oracle::{run, run_stack, MAX_LAYERS};
pub use script::{End, Len, Op, Script, MAX_OPS, MAX_SLICES};
pub use spec::{Capacity, CrcSpec, FlateSpec, Format, LayerSpec, Order, MAX_CAPACITY};
