//! Drives one operation to completion inside a futures 0.1 task, the way an executor
//! would, checking every poll.

use std::cell::Cell;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::executor::{self, Notify, NotifyHandle};
use futures::{future, Async, Poll};

use crate::hostile::Probe;

/// Polls of one operation beyond which it is declared hung.
pub const MAX_POLLS: usize = 100_000;

/// Calls into inner writers (layers below the outermost one, and the hostile writer)
/// within one operation beyond which it is declared hung: a loop that keeps calling
/// writers that keep answering is a hang that never returns `NotReady`.
pub const MAX_CALLS_PER_OP: u64 = 1_000_000;

thread_local! {
    static CALLS: Cell<u64> = const { Cell::new(0) };
}

/// Counts one call into an inner writer; panics past [`MAX_CALLS_PER_OP`].
pub(crate) fn count_call() {
    let calls = CALLS.with(|calls| {
        calls.set(calls.get() + 1);
        calls.get()
    });
    assert!(
        calls <= MAX_CALLS_PER_OP,
        "hang: inner writers were called {MAX_CALLS_PER_OP} times in one operation"
    );
}

/// A `Notify` that counts the wakeups requested.
#[derive(Debug, Default)]
struct Wakeups(AtomicUsize);

impl Notify for Wakeups {
    fn notify(&self, _id: usize) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// What the inner writer answered during the last poll of an operation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Events {
    /// It answered `Ok(0)` to a non-empty write.
    pub zero: bool,
    /// It failed with a hard error.
    pub failed: bool,
}

/// Polls `poll` in a task until it is `Ready` or fails, and returns the result with what
/// the inner writer did during the last poll. With a `patience`, gives up (returns
/// `None`) after that many `NotReady` answers, as a caller that stops waiting does.
///
/// # Panics
///
/// When a poll returns `NotReady` although the hostile writer did not answer `NotReady`
/// during that poll, or without a wakeup requested (CONTRACT rule 2); when `WouldBlock`
/// or `Interrupted` escapes as an error (rules 4 and 11); after [`MAX_POLLS`] polls.
pub fn drive<T>(
    probe: &Probe,
    what: &str,
    patience: Option<usize>,
    mut poll: impl FnMut() -> Poll<T, io::Error>,
) -> (Option<io::Result<T>>, Events) {
    CALLS.with(|calls| calls.set(0));
    let wakeups = Arc::new(Wakeups::default());
    let handle = NotifyHandle::from(wakeups.clone());
    let mut task = executor::spawn(future::poll_fn(&mut poll));
    let mut not_ready = 0;
    for _ in 0..MAX_POLLS {
        let before = probe.counters();
        let woken = wakeups.0.load(Ordering::SeqCst);
        let answer = task.poll_future_notify(&handle, 0);
        let after = probe.counters();
        let events = Events {
            zero: after.zeros > before.zeros,
            failed: after.failures > before.failures,
        };
        match answer {
            Ok(Async::Ready(value)) => return (Some(Ok(value)), events),
            Ok(Async::NotReady) => {
                assert!(
                    after.not_ready > before.not_ready,
                    "{what}: NotReady although the inner writer did not answer NotReady \
                     during this call (rule 2: never invent NotReady)"
                );
                assert!(
                    wakeups.0.load(Ordering::SeqCst) > woken,
                    "{what}: NotReady without a wakeup requested (lost wakeup)"
                );
                not_ready += 1;
                if Some(not_ready) == patience {
                    return (None, events);
                }
            }
            Err(error) => {
                assert!(
                    !matches!(
                        error.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                    ),
                    "{what}: Err({:?}) escaped a poll method: {error}",
                    error.kind()
                );
                return (Some(Err(error)), events);
            }
        }
    }
    panic!("hang: {what} still NotReady after {MAX_POLLS} polls");
}
