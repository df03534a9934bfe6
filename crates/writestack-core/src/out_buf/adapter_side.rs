//! What only the adapter does with the buffer: short-path appends, whole units, the
//! overflow of a frame accepted whole, and forgetting bytes the inner writer took.

use super::OutBuf;
use crate::Prefix;

impl OutBuf {
    /// Copies all of `bytes`, ready to send, when they fit the spare space whole; returns
    /// whether it did. It does not look at staged bytes: it is meant for encoders that
    /// never stage.
    #[inline]
    pub(crate) fn try_push_whole(&mut self, bytes: &[u8]) -> bool {
        if self.end + bytes.len() > self.capacity {
            return false;
        }
        self.allocate();
        self.staged = 0;
        // Within the capacity and allocated to it: the append cannot fail.
        self.append_if_room(bytes)
    }

    /// Copies `prefix` then the `len` bytes of `payload`, ready to send, when all of them
    /// fit the spare space; else changes nothing. Returns whether it did. The hot path of
    /// small frames: no array of parts is built per call.
    #[inline]
    pub(crate) fn try_push_unit(&mut self, prefix: &Prefix, payload: &[&[u8]], len: usize) -> bool {
        let head = prefix.as_slice().len();
        let total = head + len;
        let spare = self.spare_mut();
        if spare.len() < total {
            return false;
        }
        // The prefix's whole array when the spare room has it: a fixed-size copy, no call;
        // the payload then overwrites the padding, and what lies past `total` is not
        // committed.
        match spare.get_mut(..Prefix::MAX_LEN) {
            Some(window) => window.copy_from_slice(prefix.padded()),
            None => spare[..head].copy_from_slice(prefix.as_slice()),
        }
        let mut at = head;
        for part in payload {
            spare[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        self.commit(total);
        true
    }

    /// The next `len` bytes of spare room, when the storage is allocated, nothing is
    /// staged and they fit the capacity (never the room an oversized unit left behind).
    #[inline]
    pub(crate) fn unit_room(&mut self, len: usize) -> Option<&mut [u8]> {
        let end = self.end.checked_add(len)?;
        if self.staged != 0 || end > self.capacity {
            return None;
        }
        self.storage.get_mut(self.end..end)
    }

    /// Commits the first `n` bytes of what [`unit_room`](OutBuf::unit_room) lent.
    #[inline]
    pub(crate) fn commit_room(&mut self, n: usize) {
        debug_assert!(self.staged == 0 && self.end + n <= self.capacity.min(self.storage.len()));
        self.end += n;
    }

    /// The adapter's short-write path for encoders that copy bytes unchanged and never
    /// stage: appends all of `bytes` when they fit the storage allocated so far, else
    /// changes nothing. One bounds check, because a verbatim encoder's storage is either
    /// unallocated or exactly the capacity (it never overflows).
    #[inline]
    pub(crate) fn append_if_room(&mut self, bytes: &[u8]) -> bool {
        debug_assert_eq!(self.staged, 0, "append_if_room after a stage");
        let end = self.end.wrapping_add(bytes.len());
        match self.storage.get_mut(self.end..end) {
            Some(spare) => {
                spare.copy_from_slice(bytes);
                self.end = end;
                true
            }
            None => false,
        }
    }

    /// Appends all of `bytes`, ready to send, growing the storage past the capacity if it
    /// must. The adapter uses this only for the rest of a frame it has accepted whole.
    pub(crate) fn push_overflow(&mut self, bytes: &[u8]) {
        let needed = self.end + bytes.len();
        if needed > self.storage.len() {
            self.storage.resize(needed, 0);
        }
        self.storage[self.end..needed].copy_from_slice(bytes);
        self.end = needed;
        self.staged = 0;
    }

    /// Forgets the first `n` ready bytes, which the inner writer has taken.
    ///
    /// `n` is clamped to the ready length. When nothing ready is left, staged bytes move to
    /// the front so the whole capacity is spare again.
    #[inline]
    pub(crate) fn consume(&mut self, n: usize) {
        let ready_end = self.end - self.staged;
        self.start += n.min(ready_end - self.start);
        if self.start == ready_end {
            self.compact();
        }
    }

    fn compact(&mut self) {
        if self.start == self.end {
            self.start = 0;
            self.staged = 0;
            self.end = 0;
            if self.storage.len() > self.capacity {
                // Give back what one oversized frame needed; the next one allocates again.
                self.storage.truncate(self.capacity);
                self.storage.shrink_to_fit();
            }
        } else if self.start > 0 {
            self.storage.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OutBuf;

    #[test]
    fn staged_bytes_survive_compaction_behind_ready_bytes() {
        let mut out = OutBuf::with_capacity(8);
        out.push(b"abc");
        out.spare_mut()[..2].copy_from_slice(b"xy");
        out.stage(2);
        out.consume(3);
        assert_eq!(out.staged_mut(), b"xy");
        assert_eq!(out.spare_mut().len(), 6);
    }

    #[test]
    fn storage_is_allocated_on_the_first_write_only() {
        let mut out = OutBuf::with_capacity(4096);
        assert_eq!(out.storage.capacity(), 0);
        assert!(out.ready().is_empty() && out.staged_mut().is_empty());
        assert!(!out.append_if_room(b"abc"), "nothing to append into yet");
        assert!(out.try_push_whole(b"abc"));
        assert_eq!(out.storage.len(), 4096);
        assert!(out.append_if_room(b"de"));
        assert_eq!(out.ready(), b"abcde");
    }

    #[test]
    fn unit_room_is_lent_only_when_allocated_unstaged_and_within_the_capacity() {
        let mut out = OutBuf::with_capacity(32);
        assert!(out.unit_room(4).is_none(), "nothing allocated yet");
        out.push(b"abcd");
        assert_eq!(out.unit_room(28).map(|room| room.len()), Some(28));
        assert!(out.unit_room(29).is_none(), "past the capacity");
        out.unit_room(3).unwrap().copy_from_slice(b"xyz");
        out.commit_room(3);
        assert_eq!(out.ready(), b"abcdxyz");
        out.spare_mut()[0] = b'!';
        out.stage(1);
        assert!(
            out.unit_room(1).is_none(),
            "a unit would overtake the staged byte"
        );
    }

    #[test]
    fn stage_and_commit_never_pass_the_capacity() {
        let mut out = OutBuf::with_capacity(4);
        out.commit(100);
        assert_eq!(out.len(), 4);
        assert!(out.spare_mut().is_empty());
    }

    #[test]
    fn stage_and_commit_clamp_counts_near_usize_max() {
        let mut out = OutBuf::with_capacity(4);
        out.push(b"ab");
        out.stage(usize::MAX);
        assert_eq!(out.len(), 4);
        out.commit(usize::MAX);
        assert_eq!(out.ready().len(), 4);
    }
}
