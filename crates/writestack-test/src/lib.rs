//! The shared test kit of writestack (not published).
//!
//! * [`drive`] / [`drive_poll`]: a strict task driver that fails a test when a poll
//!   answers `NotReady` without requesting a wakeup, or never completes; [`drive_std`]:
//!   the same for std tasks (tokio 1, futures-io), with a waker that counts wake-ups;
//! * [`Recorder`] / [`RecordHandle`]: an inner writer that records data, flushes,
//!   shutdown calls and completions, and can be scripted (`NotReady` shutdowns, one-shot
//!   hard errors, `Ok(0)` answers, blocking);
//! * [`TestWriter`]: a `Recorder` under a partial-io 0.3 schedule, plain (`write_buf`
//!   writes the first slice) or vectored (`write_buf` gathers up to [`MAX_GATHER`] slices
//!   and answers from a schedule of its own), a writer on tokio-io 0.1, tokio 1 and
//!   futures-io 0.3 alike;
//! * strategies ([`ops`], [`gather_ops`], [`hostile_schedule`], [`failing_schedule`],
//!   [`vectored_schedule`], [`payload`]);
//! * the contract suite ([`contract`], [`contract_tests!`]) every layer runs on itself,
//!   on each [`runtime`];
//! * for readers: [`TestReader`] / [`ReadHandle`], a hostile inner reader on every
//!   runtime (short reads, "not ready" with a wake-up, `Interrupted`, one-shot errors,
//!   its end wherever the bytes end) with its strategies ([`read_schedule`],
//!   [`read_sizes`]); [`DriveRead`], one poll of a reader on each runtime; and the reader
//!   contract suite ([`read_contract`], [`ReaderSpec`], [`read_contract_tests!`]),
//!   rules R1-R7, that every reader runs on itself;
//! * what the tests, benches and examples share beyond that: [`reference`](mod@reference)
//!   decoders we did not write (flate2, tokio's `length_delimited`, crc32fast,
//!   `gzip -dc`, Python's `zlib`), [`tcp`] loopback connections, bench [`sink`]s and
//!   [`corpus`] inputs.
//!
//! Property tests run [`CASES_ENV`] cases each (24 by default); raise it for long runs:
//! `WRITESTACK_PROPTEST_CASES=1000 cargo test --workspace --all-features`.

pub mod contract;
pub mod corpus;
mod driver;
mod read_checks;
pub mod read_contract;
mod read_error_checks;
mod read_runtime;
mod recorder;
pub mod reference;
pub mod runtime;
pub mod sink;
mod strategy;
pub mod tcp;
mod test_reader;

pub use contract::LayerSpec;
pub use driver::{
    drive, drive_poll, drive_std, poll_once, poll_once_std, CountingNotify, CountingWaker, Driven,
    MAX_POLLS,
};
pub use read_contract::ReaderSpec;
pub use read_runtime::{read_on, read_to_end_on, DriveRead, ReadLog};
pub use recorder::{
    test_writer, vectored_test_writer, Record, RecordHandle, Recorder, TestWriter, MAX_GATHER,
    MAX_RECORDED,
};
pub use strategy::{
    config, failing_schedule, gather_ops, hostile_schedule, ops, payload, payload_kind,
    vectored_schedule, Op, PayloadKind, CASES_ENV,
};
pub use test_reader::{
    read_schedule, read_sizes, read_to_end_retrying, ReadHandle, ReadRecord, TestReader,
    SCRIPTED_READ_ERROR,
};
