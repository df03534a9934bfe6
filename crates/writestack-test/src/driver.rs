//! Strict task drivers: they fail the test when a poll returns `NotReady` / `Pending`
//! without having requested a wakeup (CONTRACT rule 2), and when an operation never
//! completes. [`drive`] runs futures 0.1 tasks (tokio-io 0.1), [`drive_std`] std tasks
//! (tokio 1, futures-io 0.3).

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll as StdPoll, Wake, Waker};

use futures::executor::{self, Notify, NotifyHandle};
use futures::{future, Async, Future, Poll};

/// Polls beyond which an operation is declared hung.
pub const MAX_POLLS: usize = 100_000;

/// A `Notify` that only counts wakeups.
#[derive(Debug, Default)]
pub struct CountingNotify {
    wakeups: AtomicUsize,
}

impl CountingNotify {
    /// Wakeups requested so far.
    pub fn wakeups(&self) -> usize {
        self.wakeups.load(Ordering::SeqCst)
    }
}

impl Notify for CountingNotify {
    fn notify(&self, _id: usize) {
        self.wakeups.fetch_add(1, Ordering::SeqCst);
    }
}

/// What one strictly driven operation did.
#[derive(Debug)]
pub struct Driven<T> {
    /// The operation's result.
    pub result: Result<T, io::Error>,
    /// How many times it returned `NotReady` (each with a wakeup).
    pub not_ready: usize,
}

/// Runs `future` to completion in a task whose wakeups are counted.
///
/// # Panics
///
/// When a poll returns `NotReady` without a wakeup having been requested during that
/// poll (a lost wakeup), or after [`MAX_POLLS`] polls (a hang). This is a test helper:
/// panicking is how it fails the test.
///
/// # Examples
///
/// ```
/// use futures::future;
/// use writestack_test::drive;
///
/// let driven = drive(future::ok::<u32, std::io::Error>(7));
/// assert_eq!(driven.result.unwrap(), 7);
/// assert_eq!(driven.not_ready, 0);
/// ```
pub fn drive<F>(future: F) -> Driven<F::Item>
where
    F: Future<Error = io::Error>,
{
    let notify = Arc::new(CountingNotify::default());
    let handle = NotifyHandle::from(notify.clone());
    let mut task = executor::spawn(future);
    let mut not_ready = 0;
    for _ in 0..MAX_POLLS {
        let before = notify.wakeups();
        match task.poll_future_notify(&handle, 0) {
            Ok(Async::Ready(value)) => {
                return Driven {
                    result: Ok(value),
                    not_ready,
                }
            }
            Ok(Async::NotReady) => {
                assert!(
                    notify.wakeups() > before,
                    "NotReady returned without a wakeup being requested (lost wakeup)"
                );
                not_ready += 1;
            }
            Err(error) => {
                return Driven {
                    result: Err(error),
                    not_ready,
                }
            }
        }
    }
    panic!("operation still NotReady after {MAX_POLLS} polls (hang)");
}

/// Runs one poll-style operation (`|| layer.poll_write(buf)`) under [`drive`].
///
/// # Examples
///
/// ```
/// use futures::Async;
/// use writestack_test::drive_poll;
///
/// let mut calls = 0;
/// let driven = drive_poll(|| {
///     calls += 1;
///     Ok::<_, std::io::Error>(Async::Ready(calls))
/// });
/// assert_eq!(driven.result.unwrap(), 1);
/// ```
pub fn drive_poll<T, F>(poll: F) -> Driven<T>
where
    F: FnMut() -> Poll<T, io::Error>,
{
    drive(future::poll_fn(poll))
}

/// Polls once inside a task (tokio-io operations panic outside one) and reports the raw
/// answer, with whether a wakeup was requested during the poll.
///
/// # Examples
///
/// ```
/// use futures::Async;
/// use writestack_test::poll_once;
///
/// let (answer, woken) = poll_once(|| Ok::<_, std::io::Error>(Async::Ready(3)));
/// assert_eq!(answer.unwrap(), Async::Ready(3));
/// assert!(!woken);
/// ```
pub fn poll_once<T, F>(mut poll: F) -> (Poll<T, io::Error>, bool)
where
    F: FnMut() -> Poll<T, io::Error>,
{
    let notify = Arc::new(CountingNotify::default());
    let handle = NotifyHandle::from(notify.clone());
    let mut slot = None;
    let mut task = executor::spawn(future::lazy(|| {
        slot = Some(poll());
        Ok::<(), io::Error>(())
    }));
    // The lazy future always completes in one poll.
    let _ = task.poll_future_notify(&handle, 0);
    drop(task);
    let answer = slot.unwrap_or_else(|| Err(io::Error::other("not polled")));
    (answer, notify.wakeups() > 0)
}

/// A `std::task` waker that only counts wake-ups (the std-task counterpart of
/// [`CountingNotify`]).
#[derive(Debug, Default)]
pub struct CountingWaker {
    wakeups: AtomicUsize,
}

impl CountingWaker {
    /// Wake-ups requested so far.
    pub fn wakeups(&self) -> usize {
        self.wakeups.load(Ordering::SeqCst)
    }
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakeups.fetch_add(1, Ordering::SeqCst);
    }
}

/// Runs one std-task poll operation (`|cx| Pin::new(&mut layer).poll_write(cx, buf)`) to
/// completion with a waker that counts wake-ups: the strict driver of the tokio 1 and
/// futures-io runtimes, as [`drive`] is tokio-io 0.1's.
///
/// # Panics
///
/// When a poll returns `Pending` without the waker having been woken during that poll
/// (a lost wakeup: a real executor would never poll again), or after [`MAX_POLLS`] polls
/// (a hang).
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use writestack_test::drive_std;
///
/// let mut polls = 0;
/// let driven = drive_std(|cx| {
///     polls += 1;
///     if polls < 3 {
///         cx.waker().wake_by_ref(); // registered: the driver polls again
///         return Poll::Pending;
///     }
///     Poll::Ready(Ok::<_, std::io::Error>(polls))
/// });
/// assert_eq!(driven.result.unwrap(), 3);
/// assert_eq!(driven.not_ready, 2);
/// ```
///
/// ```should_panic
/// use std::task::Poll;
/// use writestack_test::drive_std;
///
/// // Pending with no wake-up requested: the test fails.
/// drive_std(|_| Poll::<std::io::Result<()>>::Pending);
/// ```
pub fn drive_std<T, F>(mut poll: F) -> Driven<T>
where
    F: FnMut(&mut Context<'_>) -> StdPoll<io::Result<T>>,
{
    let counter = Arc::new(CountingWaker::default());
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut not_ready = 0;
    for _ in 0..MAX_POLLS {
        let before = counter.wakeups();
        match poll(&mut cx) {
            StdPoll::Ready(result) => return Driven { result, not_ready },
            StdPoll::Pending => {
                assert!(
                    counter.wakeups() > before,
                    "Pending returned without a wakeup being requested (lost wakeup)"
                );
                not_ready += 1;
            }
        }
    }
    panic!("operation still Pending after {MAX_POLLS} polls (hang)");
}

/// Polls once with a counting waker and reports the raw answer, with whether a wake-up
/// was requested during the poll (the std-task counterpart of [`poll_once`]).
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use writestack_test::poll_once_std;
///
/// let (answer, woken) = poll_once_std(|cx| {
///     cx.waker().wake_by_ref();
///     Poll::<std::io::Result<()>>::Pending
/// });
/// assert!(answer.is_pending());
/// assert!(woken);
/// ```
pub fn poll_once_std<T, F>(poll: F) -> (StdPoll<io::Result<T>>, bool)
where
    F: FnOnce(&mut Context<'_>) -> StdPoll<io::Result<T>>,
{
    let counter = Arc::new(CountingWaker::default());
    let waker = Waker::from(counter.clone());
    let mut cx = Context::from_waker(&waker);
    let answer = poll(&mut cx);
    (answer, counter.wakeups() > 0)
}
