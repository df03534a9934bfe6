//! The short paths: writes the buffer takes whole without any I/O, tried before the
//! general write path (and by the runtime shims before they wrap the inner writer).

use std::io;

use super::State;
use crate::runtime::Inner;
use crate::send::named;
use crate::{Encode, Prefix, Routing, WriteKind};

impl<E: Encode, R: Routing<E>> State<E, R> {
    /// A write the buffer takes whole without any I/O, on a short path: a plain
    /// buffer's copy, or a small unit behind its prefix ([`Routing::short_unit`]).
    /// `false` changes nothing. Runtime shims try it before they wrap the inner writer,
    /// so a write that stays in the buffer costs no more than this.
    ///
    /// Writes shorter than the capacity into a plain buffer are the hot path of a
    /// buffering layer: they are copied whole without calling into the encoder. The
    /// limit is 0 unless `phase` is `Open`, which it never is once finish has been
    /// requested (see `after_flush`), so this path needs no check of its own; `total_in`
    /// is derived for verbatim routings, so it counts nothing either. The routing would
    /// have said `Encode` for these writes, and an empty write copies nothing and is
    /// taken as 0 bytes (rule 5).
    #[inline]
    pub(crate) fn write_buffered(&mut self, input: &[u8]) -> bool {
        if R::VERBATIM {
            return input.len() < self.short_write_limit && self.out.append_if_room(input);
        }
        R::SHORT_UNITS && self.push_short_unit(input, WriteKind::Stream)
    }

    /// The short path of a small unit ([`Routing::short_unit`]): while the stream is
    /// open with no error deferred, and prefix room plus payload fit the buffer's spare
    /// capacity, the routing writes the prefix in place and the payload is copied behind
    /// it. `false`, with nothing changed, sends the write down the general path, which
    /// also answers the cases left out here (an empty write, an error to report).
    #[inline]
    pub(crate) fn push_short_unit(&mut self, input: &[u8], kind: WriteKind) -> bool {
        let len = input.len();
        // The limit is 0 unless the stream is `Open` (never so once finish is requested).
        if len >= self.short_write_limit || len == 0 || self.deferred.is_some() {
            return false;
        }
        let Some(room) = self.out.unit_room(Prefix::MAX_LEN + len) else {
            return false;
        };
        // The routing writes the prefix straight into the room; when it declines, what it
        // wrote is spare room still, never committed.
        let Some(head) = room
            .get_mut(..Prefix::MAX_LEN)
            .and_then(|head| <&mut [u8; Prefix::MAX_LEN]>::try_from(head).ok())
        else {
            return false;
        };
        let Some(width) = self.routing.short_unit(&self.encoder, len, kind, head) else {
            return false;
        };
        let Some(body) = room.get_mut(width..width + len) else {
            return false;
        };
        body.copy_from_slice(input);
        self.out.commit_room(width + len);
        self.accept_unit(&[input], len);
        true
    }

    /// A short write that does not fit: drain the buffer first, then copy it whole (as
    /// std's BufWriter does). A drain that meets WouldBlock or an error returns it with
    /// nothing taken. `deferred` is only ever set by framed writes, which a verbatim
    /// routing never makes.
    #[inline(never)]
    pub(super) fn write_verbatim_slow<I: Inner>(
        &mut self,
        inner: &mut I,
        input: &[u8],
    ) -> io::Result<usize> {
        if input.len() < self.short_write_limit {
            self.drain(inner)?;
            if !self.out.try_push_whole(input) {
                let what = "an empty buffer did not take a write shorter than its capacity";
                return Err(named(self.name, io::ErrorKind::Other, what));
            }
            return Ok(input.len());
        }
        self.write_one(inner, input, WriteKind::Stream)
    }
}
