//! One call to the inner writer, with the retry and `Ok(0)` rules every path shares.

use std::io;

use futures::{Async, Poll};

use crate::runtime::Inner;

/// One write to the inner writer: `Interrupted` retried, `Ok(0)` for bytes made an error
/// (CONTRACT rule 4).
pub(crate) fn send<I: Inner>(inner: &mut I, bytes: &[u8]) -> io::Result<usize> {
    taken(retry(|| inner.write(bytes))?, bytes.len())
}

/// As [`send`], as one vectored write (`write_buf` on tokio-io, so `writev` on a socket).
pub(crate) fn send_slices<I: Inner>(inner: &mut I, slices: &[&[u8]]) -> io::Result<usize> {
    let total: usize = slices.iter().map(|slice| slice.len()).sum();
    taken(retry(|| inner.write_slices(slices))?, total)
}

/// What the inner writer took of `offered` bytes: `Ok(0)` for a non-empty offer is
/// `WriteZero`, and a writer claiming more than offered is held to the offer.
fn taken(n: usize, offered: usize) -> io::Result<usize> {
    if n == 0 && offered > 0 {
        Err(io::Error::new(
            io::ErrorKind::WriteZero,
            "the inner writer accepted 0 bytes of a non-empty write",
        ))
    } else {
        Ok(n.min(offered))
    }
}

/// Runs `op` until it answers something other than `Interrupted`.
pub(crate) fn retry<T>(mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match op() {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// The slices of `slices` left once the first `skip` bytes are gone; returns how many
/// of them `dst` holds.
pub(crate) fn rest_of<'a>(slices: &[&'a [u8]], mut skip: usize, dst: &mut [&'a [u8]]) -> usize {
    let mut count = 0;
    for slice in slices {
        if skip >= slice.len() {
            skip -= slice.len();
            continue;
        }
        if count < dst.len() {
            dst[count] = &slice[skip..];
            count += 1;
        }
        skip = 0;
    }
    count
}

/// The futures 0.1 view of a result: `WouldBlock` is `NotReady` (the inner writer
/// registered the task, rule 2).
pub(crate) fn to_poll<T>(result: io::Result<T>) -> Poll<T, io::Error> {
    match result {
        Ok(value) => Ok(Async::Ready(value)),
        Err(error) if error.kind() == io::ErrorKind::WouldBlock => Ok(Async::NotReady),
        Err(error) => Err(error),
    }
}

/// An encoder's or router's error, named after the layer it happened in. Inner writers'
/// errors never go through here: they are returned as they are (rule 15).
#[cold]
pub(crate) fn layer_error(name: &str, error: &io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{name}: {error}"))
}

/// An error naming the layer.
#[cold]
pub(crate) fn named(name: &str, kind: io::ErrorKind, what: &str) -> io::Error {
    io::Error::new(kind, format!("{name}: {what}"))
}

#[cfg(test)]
mod tests {
    use super::rest_of;

    #[test]
    fn rest_of_skips_whole_and_partial_slices() {
        let slices: [&[u8]; 3] = [b"ab", b"cde", b"f"];
        let mut dst: [&[u8]; 3] = [&[]; 3];
        let count = rest_of(&slices, 3, &mut dst);
        assert_eq!(&dst[..count], &[&b"de"[..], &b"f"[..]]);
        assert_eq!(rest_of(&slices, 6, &mut dst), 0);
    }
}
