//! The reader suite fails readers that break the rules: each test wraps the kit's
//! `TestReader` in a reader with one known bug and expects the check named for that
//! rule to fail it (and a correct wrapper to pass, so the failures are the bugs').

use std::io::{self, ErrorKind, Read};

use bytes::Bytes;
use writestack_test::contract::TokioIo01;
use writestack_test::read_contract::{
    corrupt_input_is_an_error_that_stays, decodes_exactly_under_hostile_schedules,
    hard_error_is_returned_as_is_and_retry_continues, interrupted_is_retried_inside,
};
use writestack_test::{ReaderSpec, TestReader};

/// The bugs a [`Buggy`] reader can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bug {
    None,
    /// After a `WouldBlock`, the next read hands out the last byte again.
    DuplicatesAfterWouldBlock,
    /// `Ok(0)` after 100 bytes, whatever is left.
    EndsEarly,
    /// Inner errors come back with a message of its own.
    RewrapsErrors,
    /// `Interrupted` is passed to the caller.
    PassesInterrupted,
    /// After the error for a bad magic byte, reading goes on with the bytes after it.
    ForgetsErrors,
}

/// The first byte of a stream; any other is a bad magic (`InvalidData`).
const MAGIC: u8 = b'M';

fn bad_magic() -> io::Error {
    io::Error::new(ErrorKind::InvalidData, "Buggy: bad magic")
}

/// A pass-through reader after a magic byte (its stream ends at the inner reader's end)
/// with one bug.
#[derive(Debug)]
struct Buggy {
    inner: TestReader,
    bug: Bug,
    last: Option<u8>,
    repeat: bool,
    served: usize,
    /// The inner reader ended: the end stays (the suite checks it does).
    ended: bool,
    magic: Option<bool>,
}

impl Buggy {
    fn read_inner(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Err(e)
                    if e.kind() == ErrorKind::Interrupted && self.bug != Bug::PassesInterrupted => {
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    self.repeat = self.bug == Bug::DuplicatesAfterWouldBlock;
                    return Err(e);
                }
                Err(e) if self.bug == Bug::RewrapsErrors => {
                    return Err(io::Error::new(e.kind(), format!("Buggy: {e}")))
                }
                other => return other,
            }
        }
    }
}

impl Read for Buggy {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.ended {
            return Ok(0);
        }
        match self.magic {
            Some(true) => {}
            Some(false) if self.bug != Bug::ForgetsErrors => return Err(bad_magic()),
            Some(false) => self.magic = Some(true),
            None => {
                let mut magic = [0; 1];
                if self.read_inner(&mut magic)? == 0 {
                    return Err(io::Error::new(ErrorKind::UnexpectedEof, "Buggy: no magic"));
                }
                self.magic = Some(magic[0] == MAGIC);
                if magic[0] != MAGIC {
                    return Err(bad_magic());
                }
            }
        }
        if self.bug == Bug::EndsEarly && self.served >= 100 {
            return Ok(0);
        }
        if self.repeat {
            self.repeat = false;
            if let Some(last) = self.last {
                buf[0] = last;
                return Ok(1);
            }
        }
        let n = self.read_inner(buf)?;
        self.ended = n == 0;
        self.last = buf[..n].last().copied().or(self.last);
        self.served += n;
        Ok(n)
    }
}

impl tokio_io::AsyncRead for Buggy {}

struct BuggySpec(Bug);

impl ReaderSpec for BuggySpec {
    type Reader = Buggy;

    fn name(&self) -> &'static str {
        "Buggy"
    }

    fn build(&self, inner: TestReader) -> Buggy {
        Buggy {
            inner,
            bug: self.0,
            last: None,
            repeat: false,
            served: 0,
            ended: false,
            magic: None,
        }
    }

    fn into_parts(reader: Buggy) -> (TestReader, Bytes) {
        (reader.inner, Bytes::new())
    }

    fn stream(&self, payload: &[u8]) -> Vec<u8> {
        [&[MAGIC][..], payload].concat()
    }

    fn corrupt(&self, stream: &[u8]) -> Option<Vec<u8>> {
        Some([&b"X"[..], &stream[1..]].concat())
    }

    fn ends_itself(&self) -> bool {
        false
    }
}

#[test]
fn a_reader_without_the_bugs_passes() {
    decodes_exactly_under_hostile_schedules::<TokioIo01, _>(&BuggySpec(Bug::None));
    hard_error_is_returned_as_is_and_retry_continues::<TokioIo01, _>(&BuggySpec(Bug::None));
    interrupted_is_retried_inside::<TokioIo01, _>(&BuggySpec(Bug::None));
    corrupt_input_is_an_error_that_stays::<TokioIo01, _>(&BuggySpec(Bug::None));
}

#[test]
#[should_panic(expected = "decoded")]
fn a_byte_repeated_after_would_block_fails_the_hostile_check() {
    decodes_exactly_under_hostile_schedules::<TokioIo01, _>(&BuggySpec(
        Bug::DuplicatesAfterWouldBlock,
    ));
}

#[test]
#[should_panic(expected = "decoded")]
fn an_early_end_fails_the_hostile_check() {
    decodes_exactly_under_hostile_schedules::<TokioIo01, _>(&BuggySpec(Bug::EndsEarly));
}

#[test]
#[should_panic(expected = "unchanged")]
fn a_rewrapped_inner_error_fails_the_hard_error_check() {
    hard_error_is_returned_as_is_and_retry_continues::<TokioIo01, _>(&BuggySpec(
        Bug::RewrapsErrors,
    ));
}

#[test]
#[should_panic(expected = "reached the caller")]
fn a_passed_interrupted_fails_the_interrupted_check() {
    interrupted_is_retried_inside::<TokioIo01, _>(&BuggySpec(Bug::PassesInterrupted));
}

#[test]
#[should_panic(expected = "a read after the error answered Ok")]
fn an_error_that_does_not_stay_fails_the_corrupt_input_check() {
    corrupt_input_is_an_error_that_stays::<TokioIo01, _>(&BuggySpec(Bug::ForgetsErrors));
}
