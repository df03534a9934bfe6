//! The reader contract suite: the reader rules [R1-R7](writestack_core#readers) as
//! checks every reader runs on itself through
//! [`read_contract_tests!`](crate::read_contract_tests), the mirror of the writers'
//! [`contract`](crate::contract).
//!
//! Each check is written once, generic over the [`Runtime`] it drives the reader on
//! (tokio-io 0.1 under the strict [`drive`](crate::drive), tokio 1 and futures-io 0.3
//! under [`drive_std`](crate::drive_std)), over the same hostile [`TestReader`]: short
//! reads, "not ready" with a wake-up, `Interrupted`, one-shot hard errors, its EOF
//! wherever the test cuts the stream. A reader crate describes one configuration of its
//! reader in a [`ReaderSpec`] and generates the tests:
//!
//! ```
//! use writestack_test::{ReaderSpec, TestReader};
//!
//! /// `DecodeReader` stands in for a layer's reader (`GzipReader<R>`, `Crc32Reader<R>`).
//! # #[derive(Debug)] struct Identity;
//! # impl writestack_core::Decode for Identity {
//! #     fn decode(&mut self, i: &[u8], o: &mut [u8]) -> std::io::Result<writestack_core::Decoded> {
//! #         let n = i.len().min(o.len()); o[..n].copy_from_slice(&i[..n]);
//! #         Ok(writestack_core::Decoded { consumed: n, produced: n, ..Default::default() })
//! #     }
//! #     fn input_ended(&mut self) -> std::io::Result<()> { Ok(()) }
//! # }
//! struct IdentitySpec;
//!
//! impl ReaderSpec for IdentitySpec {
//!     type Reader = writestack_core::DecodeReader<TestReader, Identity>;
//!     fn name(&self) -> &'static str { "Identity" }
//!     fn build(&self, inner: TestReader) -> Self::Reader {
//!         writestack_core::DecodeReader::new(Identity, inner).named("Identity")
//!     }
//!     fn into_parts(reader: Self::Reader) -> (TestReader, bytes::Bytes) {
//!         reader.into_parts()
//!     }
//!     fn stream(&self, payload: &[u8]) -> Vec<u8> { payload.to_vec() } // a writer's output
//!     fn ends_itself(&self) -> bool { false } // it ends at the inner reader's end
//! }
//!
//! // In tests/read_contract.rs, one module per configuration:
//! // mod identity { writestack_test::read_contract_tests!(super::IdentitySpec); }
//! writestack_test::read_contract::decodes_exactly_under_hostile_schedules::<
//!     writestack_test::contract::TokioIo01, _>(&IdentitySpec);
//! ```
//!
//! A self-ending format (a one-member gzip stream, chunked frames) keeps the default
//! [`ends_itself`](ReaderSpec::ends_itself); a format with corrupt inputs says how to
//! make one with [`corrupt`](ReaderSpec::corrupt). The invoking crate declares the
//! features `tokio` and `futures-io`, under which the checks also run on those runtimes.
//!
//! Every check is a function of this module, named for the behaviour it proves (the
//! test name [`read_contract_tests!`](crate::read_contract_tests) gives it). Readers
//! that hand out whole messages (a frame reader's `Stream` of frames) are not
//! `AsyncRead`s and are checked by their crate; their byte (chunked) mode runs this
//! suite. Bounded memory (rule R4) is not checked here: it needs a counting allocator.

use std::io::{self, ErrorKind};

use bytes::Bytes;
use partial_io::PartialOp;

pub use crate::read_checks::*;
pub use crate::read_error_checks::*;
pub use crate::read_runtime::{read_on, read_to_end_on, DriveRead, ReadLog};
pub use crate::runtime::{Cx, FuturesIo03, Runtime, Tokio1, TokioIo01};
use crate::test_reader::{ReadHandle, TestReader};

/// What the reader suite needs to know about one configuration of a reader.
pub trait ReaderSpec {
    /// The reader over the kit's [`TestReader`]. The suite drives it through
    /// [`DriveRead`] on each runtime (see [`read_contract_tests!`]).
    ///
    /// [`read_contract_tests!`]: crate::read_contract_tests
    type Reader;

    /// The name the reader must put in its error messages (`"GzipReader"`), written by
    /// the test, not read from the reader.
    fn name(&self) -> &'static str;

    /// A fresh reader over `inner`.
    fn build(&self, inner: TestReader) -> Self::Reader;

    /// The reader's `into_parts()`: the inner reader and the bytes read past the end.
    fn into_parts(reader: Self::Reader) -> (TestReader, Bytes);

    /// One complete stream whose payload is `payload`, made by our writer or by a
    /// reference encoder, never by the reader under test.
    fn stream(&self, payload: &[u8]) -> Vec<u8>;

    /// Whether the stream says where it ends (a trailer, an end marker), so the reader
    /// stops there and leaves what follows (rule R6); `false` for readers that end at
    /// the inner reader's end (a CRC observer, a multi-member gzip reader).
    fn ends_itself(&self) -> bool {
        true
    }

    /// A corrupt version of `stream` (a wrong checksum, a bad magic, a length over the
    /// maximum) that the reader must refuse with `InvalidData`; `None` (the default) for
    /// a format where every byte string is valid.
    fn corrupt(&self, stream: &[u8]) -> Option<Vec<u8>> {
        let _ = stream;
        None
    }

    /// Longest payload the format carries (`usize::MAX`, the default, for no limit).
    fn max_payload(&self) -> usize {
        usize::MAX
    }
}

/// Errors a reader may return on a test reader with hard errors before the suite calls
/// it stuck.
pub(crate) const MAX_ERRORS: usize = 10_000;

/// A reader of `spec` over `data` under `schedule`, and the inner reader's handle.
pub(crate) fn build<S: ReaderSpec>(
    spec: &S,
    data: &[u8],
    schedule: Vec<PartialOp>,
) -> (S::Reader, ReadHandle) {
    let (inner, handle) = TestReader::new(data, schedule);
    (spec.build(inner), handle)
}

/// Whether `error` is one the reader made about its stream (R3): `UnexpectedEof` or
/// `InvalidData`, with the reader's name in the message.
pub(crate) fn assert_stream_error<S: ReaderSpec>(spec: &S, error: &io::Error, what: &str) {
    assert!(
        matches!(
            error.kind(),
            ErrorKind::UnexpectedEof | ErrorKind::InvalidData
        ),
        "{}: {what}: expected UnexpectedEof or InvalidData, got {:?}: {error}",
        spec.name(),
        error.kind()
    );
    assert!(
        error.to_string().contains(spec.name()),
        "{}: {what}: the error does not name the reader: {error}",
        spec.name()
    );
}

/// `decoded` is `payload` exactly, or a message saying where they part.
pub(crate) fn assert_payload<S: ReaderSpec>(spec: &S, decoded: &[u8], payload: &[u8], what: &str) {
    assert!(
        decoded == payload,
        "{}: {what}: decoded {} bytes, expected {} (first difference at {:?})",
        spec.name(),
        decoded.len(),
        payload.len(),
        decoded.iter().zip(payload).position(|(a, b)| a != b)
    );
}

/// `decoded` is a prefix of `payload`: what a reader gave before it stopped is never
/// more, nor other, than the payload.
pub(crate) fn assert_prefix<S: ReaderSpec>(spec: &S, decoded: &[u8], payload: &[u8], what: &str) {
    assert!(
        decoded.len() <= payload.len() && decoded == &payload[..decoded.len()],
        "{}: {what}: {} bytes decoded are not a prefix of the {}-byte payload (first \
         difference at {:?})",
        spec.name(),
        decoded.len(),
        payload.len(),
        decoded.iter().zip(payload).position(|(a, b)| a != b)
    );
}

/// Declares [`ReadRule`] and [`check_read`] from the list of checks.
macro_rules! read_rules {
    ($($rule:ident,)*) => {
        /// One check of the reader suite, by the name of its function (the test name
        /// [`read_contract_tests!`](crate::read_contract_tests) gives it).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ReadRule {
            $(
                #[doc = concat!("[`", stringify!($rule), "`]")]
                $rule,
            )*
        }

        impl ReadRule {
            /// Every check, in the order of the rules.
            pub const ALL: &'static [ReadRule] = &[$(ReadRule::$rule,)*];
        }

        /// Runs one check of the reader suite on runtime `R`.
        pub fn check_read<R: Runtime, S: ReaderSpec>(rule: ReadRule, spec: &S)
        where
            S::Reader: DriveRead<R>,
        {
            match rule {
                $(ReadRule::$rule => $rule::<R, S>(spec),)*
            }
        }
    };
}

pub(crate) use read_rules;

/// The checks of the reader suite: those every runtime runs, then those only std tasks
/// run. The one list behind [`ReadRule`] and
/// [`read_contract_tests!`](crate::read_contract_tests).
#[doc(hidden)]
#[macro_export]
macro_rules! __writestack_read_checks {
    (@dispatch rules [] [$($every:ident,)*] [$($std_task:ident,)*]) => {
        $crate::read_contract::read_rules!($($every,)* $($std_task,)*);
    };
    (@dispatch tests [$spec:expr] [$($every:ident,)*] [$($std_task:ident,)*]) => {
        $crate::read_contract_tests!(@tests $spec; [$($every,)*] [$($std_task,)*]);
    };
    ($mode:tt $($args:tt)*) => {
        $crate::__writestack_read_checks!(@dispatch $mode [$($args)*]
            [
                decodes_exactly_under_hostile_schedules,
                calm_inner_never_sees_not_ready,
                empty_destination_returns_zero_and_changes_nothing,
                end_before_the_stream_end_is_unexpected_eof,
                interrupted_is_retried_inside,
                hard_error_is_returned_as_is_and_retry_continues,
                corrupt_input_is_an_error_that_stays,
                bytes_after_the_end_come_back_through_into_parts,
                drop_does_no_io,
            ]
            [
                inner_ready_would_block_is_an_error_not_pending,
            ]
        );
    };
}

crate::__writestack_read_checks!(rules);

/// Generates one `#[test]` per reader check and runtime for a [`ReaderSpec`] value, as
/// each reader crate's `tests/read_contract.rs` does:
///
/// ```text
/// mod gzip { writestack_test::read_contract_tests!(super::GzipSpec { multi: false }); }
/// ```
///
/// The tests named after the checks drive the reader on tokio-io 0.1; with the invoking
/// crate's feature `tokio` the same run on tokio 1 in a module `on_tokio1`, and with its
/// feature `futures-io` on futures-io 0.3 in `on_futures_io`, plus the check only std
/// tasks need, [`inner_ready_would_block_is_an_error_not_pending`].
#[macro_export]
macro_rules! read_contract_tests {
    ($spec:expr) => {
        $crate::__writestack_read_checks!(tests $spec);
    };
    (@tests $spec:expr; [$($rule:ident,)*] [$($std_task:ident,)*]) => {
        $(
            #[test]
            fn $rule() {
                $crate::read_contract::$rule::<$crate::read_contract::TokioIo01, _>(&$spec);
            }
        )*
        $crate::read_contract_tests!(@std_task $spec; $($rule,)* $($std_task,)*);
    };
    (@std_task $spec:expr; $($rule:ident,)*) => {
        /// The spec is written for this module: the runtimes' modules reach it here.
        #[cfg(feature = "tokio")]
        fn __writestack_read_contract_on_tokio1(rule: $crate::read_contract::ReadRule) {
            $crate::read_contract::check_read::<$crate::read_contract::Tokio1, _>(rule, &$spec);
        }

        /// The reader suite on tokio 1.
        #[cfg(feature = "tokio")]
        mod on_tokio1 {
            $(
                #[test]
                fn $rule() {
                    super::__writestack_read_contract_on_tokio1(
                        $crate::read_contract::ReadRule::$rule,
                    );
                }
            )*
        }

        /// The spec is written for this module: the runtimes' modules reach it here.
        #[cfg(feature = "futures-io")]
        fn __writestack_read_contract_on_futures_io(rule: $crate::read_contract::ReadRule) {
            $crate::read_contract::check_read::<$crate::read_contract::FuturesIo03, _>(
                rule, &$spec,
            );
        }

        /// The reader suite on futures-io 0.3.
        #[cfg(feature = "futures-io")]
        mod on_futures_io {
            $(
                #[test]
                fn $rule() {
                    super::__writestack_read_contract_on_futures_io(
                        $crate::read_contract::ReadRule::$rule,
                    );
                }
            )*
        }
    };
}
