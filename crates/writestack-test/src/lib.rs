//! The shared test kit of writestack (not published).
//!
//! * [`drive`] / [`drive_poll`]: a strict task driver that fails a test when a poll
//!   answers `NotReady` without requesting a wakeup, or never completes;
//! * [`Recorder`] / [`RecordHandle`]: an inner writer that records data, flushes,
//!   shutdown calls and completions, and can be scripted (`NotReady` shutdowns, one-shot
//!   hard errors, `Ok(0)` answers, blocking);
//! * [`TestWriter`]: a `Recorder` under a partial-io 0.3 schedule;
//! * strategies ([`ops`], [`hostile_schedule`], [`failing_schedule`], [`payload`]);
//! * the contract suite ([`contract`], [`contract_tests!`]) every layer runs on itself.
//!
//! Property tests run [`CASES_ENV`] cases each (24 by default); raise it for long runs:
//! `WRITESTACK_PROPTEST_CASES=1000 cargo test --workspace --all-features`.

pub mod contract;
mod driver;
mod recorder;
mod strategy;

pub use contract::LayerSpec;
pub use driver::{drive, drive_poll, poll_once, CountingNotify, Driven, MAX_POLLS};
pub use recorder::{test_writer, Record, RecordHandle, Recorder, TestWriter};
pub use strategy::{
    config, failing_schedule, hostile_schedule, ops, payload, payload_kind, Op, PayloadKind,
    CASES_ENV,
};
