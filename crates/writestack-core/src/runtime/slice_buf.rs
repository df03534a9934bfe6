//! The tokio-io 0.1 view of borrowed slices (`bytes` 0.4 `Buf`), both ways.

use bytes::Buf;
use iovec::IoVec;

use super::MAX_SLICES;

/// A `bytes::Buf` over borrowed slices, so the adapter knows exactly which bytes the inner
/// writer took after `write_buf` (the caller's `Buf` is only advanced afterwards).
pub(crate) struct SliceBuf<'a, 'c> {
    slices: &'c [&'a [u8]],
    index: usize,
    offset: usize,
    remaining: usize,
}

impl<'a, 'c> SliceBuf<'a, 'c> {
    pub(crate) fn new(slices: &'c [&'a [u8]]) -> Self {
        let mut buf = SliceBuf {
            slices,
            index: 0,
            offset: 0,
            remaining: slices.iter().map(|c| c.len()).sum(),
        };
        buf.skip_empty();
        buf
    }

    fn skip_empty(&mut self) {
        while self.index < self.slices.len() && self.offset == self.slices[self.index].len() {
            self.index += 1;
            self.offset = 0;
        }
    }
}

impl Buf for SliceBuf<'_, '_> {
    fn remaining(&self) -> usize {
        self.remaining
    }

    fn bytes(&self) -> &[u8] {
        match self.slices.get(self.index) {
            Some(slice) => &slice[self.offset..],
            None => &[],
        }
    }

    fn advance(&mut self, cnt: usize) {
        let mut cnt = cnt.min(self.remaining);
        self.remaining -= cnt;
        while cnt > 0 {
            let left = self.slices[self.index].len() - self.offset;
            if cnt < left {
                self.offset += cnt;
                cnt = 0;
            } else {
                cnt -= left;
                self.index += 1;
                self.offset = 0;
            }
        }
        self.skip_empty();
    }

    fn bytes_vec<'b>(&'b self, dst: &mut [&'b IoVec]) -> usize {
        let mut filled = 0;
        let mut offset = self.offset;
        for slice in self.slices.iter().skip(self.index) {
            if filled == dst.len() {
                break;
            }
            if let Some(iovec) = IoVec::from_bytes(&slice[offset..]) {
                dst[filled] = iovec;
                filled += 1;
            }
            offset = 0;
        }
        filled
    }
}

/// Collects the caller's `Buf` as slices without advancing it; returns how many.
pub(crate) fn gather<'a, B: Buf>(buf: &'a B, slices: &mut [&'a [u8]; MAX_SLICES]) -> usize {
    static FILLER: [u8; 1] = [0];
    let filler: &'static IoVec = match IoVec::from_bytes(&FILLER) {
        Some(iovec) => iovec,
        None => {
            slices[0] = buf.bytes();
            return 1;
        }
    };
    let mut iovecs = [filler; MAX_SLICES];
    let count = buf.bytes_vec(&mut iovecs);
    if count == 0 {
        slices[0] = buf.bytes();
        return 1;
    }
    for (slot, iovec) in slices.iter_mut().zip(&iovecs[..count]) {
        *slot = &iovec[..];
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_buf_advances_across_slice_boundaries_and_skips_empty_slices() {
        let slices: [&[u8]; 4] = [b"ab", b"", b"cde", b"f"];
        let mut buf = SliceBuf::new(&slices);
        assert_eq!(buf.remaining(), 6);
        buf.advance(3);
        assert_eq!(buf.bytes(), b"de");
        let filler = IoVec::from_bytes(b"x").unwrap();
        let mut dst = [filler; 4];
        assert_eq!(buf.bytes_vec(&mut dst), 2);
        assert_eq!(&dst[0][..], b"de");
        assert_eq!(&dst[1][..], b"f");
        buf.advance(10);
        assert_eq!(buf.remaining(), 0);
        assert!(buf.bytes().is_empty());
    }
}
