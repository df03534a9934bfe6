//! Writes taken as one unit behind a prefix ([`Route::Framed`](crate::Route::Framed)).

use std::io;

use super::State;
use crate::runtime::{Inner, MAX_SLICES};
use crate::send::{rest_of, send_slices};
use crate::{Encode, Prefix, Routing};

impl<E: Encode, R: Routing<E>> State<E, R> {
    /// Copies `prefix` + `slices` (`len` bytes) into the buffer when all of it fits the
    /// spare space; `false` (nothing changed) when it does not yet.
    #[inline]
    pub(super) fn push_unit(&mut self, prefix: Prefix, slices: &[&[u8]], len: usize) -> bool {
        if !self.out.try_push_unit(&prefix, slices, len) {
            return false;
        }
        self.accept_unit(slices, len);
        true
    }

    /// The bookkeeping of a unit of `len` payload bytes accepted whole.
    #[inline]
    pub(super) fn accept_unit(&mut self, payload: &[&[u8]], len: usize) {
        for part in payload {
            self.routing.passed(&mut self.encoder, part);
        }
        self.routing.unit_accepted(&mut self.encoder);
        self.total_in += len as u64;
    }

    /// Sends `prefix` + `payload` as one unit past the buffer. Nothing is taken until the
    /// inner writer takes a first byte; from then on the whole payload is ours, and what
    /// the inner writer does not take now stays in the buffer.
    pub(super) fn write_framed<I: Inner>(
        &mut self,
        inner: &mut I,
        prefix: Prefix,
        payload: &[&[u8]],
    ) -> io::Result<usize> {
        self.drain(inner)?;
        let mut unit: [&[u8]; MAX_SLICES + 1] = [&[]; MAX_SLICES + 1];
        unit[0] = prefix.as_slice();
        let parts = payload.len().min(MAX_SLICES);
        unit[1..=parts].copy_from_slice(&payload[..parts]);
        let unit = &unit[..=parts];
        let total: usize = unit.iter().map(|part| part.len()).sum();
        let mut taken = send_slices(inner, unit)?;
        self.total_out += taken as u64;
        // Accepted: keep going while the inner writer takes bytes, then keep the rest.
        let mut rest: [&[u8]; MAX_SLICES + 1] = [&[]; MAX_SLICES + 1];
        while taken < total {
            let count = rest_of(unit, taken, &mut rest);
            match send_slices(inner, &rest[..count]) {
                Ok(n) => {
                    taken += n;
                    self.total_out += n as u64;
                }
                // This write has already been accepted, so it must return Ok. WouldBlock
                // registered a wakeup and the next drain meets it again; any other error
                // is reported by the next call.
                Err(error) => {
                    if error.kind() != io::ErrorKind::WouldBlock {
                        self.deferred = Some(error);
                    }
                    break;
                }
            }
        }
        let count = rest_of(unit, taken, &mut rest);
        for part in &rest[..count] {
            self.out.push_overflow(part);
        }
        let payload_len = total - prefix.as_slice().len();
        self.accept_unit(&unit[1..], payload_len);
        Ok(payload_len)
    }

    /// Takes a unit whose slices the caller's buffer could not show all at once (more
    /// than [`MAX_SLICES`], or a `Buf` whose vectored view stops early). Its rest can
    /// only be read by consuming the caller's buffer, so it is read only once it is sure
    /// to be accepted: after the buffer has drained, `read` copies it out, and it is kept
    /// in the buffer behind its prefix.
    pub(crate) fn accept_gathered<I: Inner>(
        &mut self,
        inner: &mut I,
        prefix: Prefix,
        read: impl FnOnce() -> Vec<u8>,
    ) -> io::Result<usize> {
        self.drain(inner)?;
        let unit = read();
        self.out.push_overflow(prefix.as_slice());
        self.out.push_overflow(&unit);
        self.accept_unit(&[&unit], unit.len());
        Ok(unit.len())
    }
}
