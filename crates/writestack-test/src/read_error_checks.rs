//! The reader contract suite's checks of errors (see
//! [`read_contract`](crate::read_contract)): the inner reader's (`Interrupted`, hard
//! errors, a `WouldBlock` without a wake-up; rule [R5](writestack_core#readers)) and the
//! stream's (corrupt input; R3).

use std::io::ErrorKind;

use partial_io::PartialOp;

use crate::read_checks::sized;
use crate::read_contract::{assert_payload, assert_stream_error, build, ReaderSpec};
use crate::read_runtime::{read_on, read_to_end_on, DriveRead};
use crate::runtime::Runtime;
use crate::strategy::PayloadKind;
use crate::test_reader::SCRIPTED_READ_ERROR;

/// R5: `Interrupted` from the inner reader never reaches the caller.
pub fn interrupted_is_retried_inside<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    let payload = sized(spec, PayloadKind::Text, 5, 2000);
    let schedule = (0..600)
        .flat_map(|i| {
            [
                PartialOp::Err(ErrorKind::Interrupted),
                PartialOp::Limited(1 + i % 9),
            ]
        })
        .collect();
    let (mut reader, handle) = build(spec, &spec.stream(&payload), schedule);
    let log = read_to_end_on::<R, _>(&mut reader, &[17, 1, 300], 1, |_| true);
    assert!(
        log.errors.is_empty(),
        "{}: an error reached the caller: {:?}",
        spec.name(),
        log.errors
    );
    assert!(handle.record().interrupted > 0, "no Interrupted was served");
    assert_payload(spec, &log.data, &payload, "through Interrupted");
}

/// Reads `spec`'s stream of a 2000-byte payload with the `at`-th inner read failing once
/// with `kind`: exactly that error comes back, unchanged, and then the whole payload.
fn one_inner_error<R: Runtime, S: ReaderSpec>(spec: &S, kind: ErrorKind)
where
    S::Reader: DriveRead<R>,
{
    let payload = sized(spec, PayloadKind::Random, 11, 2000);
    for at in [0, 1, 3, 10, 40] {
        let (mut reader, handle) = build(
            spec,
            &spec.stream(&payload),
            vec![PartialOp::Limited(7); 1000],
        );
        handle.fail_read(at, kind);
        let log = read_to_end_on::<R, _>(&mut reader, &[64], 10, |_| false);
        let what = format!("{kind:?} at inner read {at}");
        assert!(
            log.errors.len() == 1
                && log.errors[0].kind() == kind
                && log.errors[0].to_string() == SCRIPTED_READ_ERROR,
            "{}: {what}: expected that error, unchanged, once; got {:?}",
            spec.name(),
            log.errors
        );
        assert_eq!(
            handle.record().errors,
            1,
            "the scripted error was not reached"
        );
        assert_payload(spec, &log.data, &payload, &what);
    }
}

/// R5: an inner error is returned as it is (kind and message), and reading again after
/// the inner reader recovers gives the rest, nothing lost, nothing twice.
pub fn hard_error_is_returned_as_is_and_retry_continues<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    one_inner_error::<R, S>(spec, ErrorKind::ConnectionReset);
}

/// R2 on std tasks (tokio 1, futures-io): an inner `Ready(Err(WouldBlock))`, which
/// registered no wake-up, is returned as that error, never turned into a `Pending` no one
/// would wake (the strict driver fails the test on one); reading goes on after it.
///
/// # Panics
///
/// On tokio-io 0.1, where an inner `WouldBlock` is "not ready":
/// [`read_contract_tests!`](crate::read_contract_tests) runs it on std tasks only.
pub fn inner_ready_would_block_is_an_error_not_pending<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    assert!(R::STD_TASK, "{}: WouldBlock is NotReady there", R::NAME);
    one_inner_error::<R, S>(spec, ErrorKind::WouldBlock);
}

/// R3: a corrupt stream ([`ReaderSpec::corrupt`]) is `InvalidData` naming the reader,
/// over a calm and a one-byte inner reader, and every later read fails again.
pub fn corrupt_input_is_an_error_that_stays<R: Runtime, S: ReaderSpec>(spec: &S)
where
    S::Reader: DriveRead<R>,
{
    for (index, &len) in [0usize, 1, 100, 3000].iter().enumerate() {
        let payload = sized(spec, PayloadKind::Text, index as u64, len);
        let Some(bad) = spec.corrupt(&spec.stream(&payload)) else {
            continue;
        };
        for schedule in [Vec::new(), vec![PartialOp::Limited(1); bad.len()]] {
            let (mut reader, _) = build(spec, &bad, schedule);
            let log = read_to_end_on::<R, _>(&mut reader, &[64], 1, |_| true);
            let what = format!("a corrupt stream of {} bytes", bad.len());
            let Some(error) = log.errors.first() else {
                panic!("{}: {what} was read to a clean end", spec.name());
            };
            assert_eq!(
                error.kind(),
                ErrorKind::InvalidData,
                "{}: {what}: {error}",
                spec.name()
            );
            assert_stream_error(spec, error, &what);
            for _ in 0..3 {
                let again = read_on::<R, _>(&mut reader, &mut [0; 64]).result;
                assert!(
                    matches!(again, Err(ref e) if e.kind() == ErrorKind::InvalidData),
                    "{}: {what}: a read after the error answered {again:?}",
                    spec.name()
                );
            }
        }
    }
}
