//! The bytes written, and the `bytes::Buf` shapes `write_buf` is given.

use std::io::Cursor;

use arbitrary::Arbitrary;
use bytes::Buf;
use iovec::IoVec;

/// How the written bytes look. Generated rather than taken from the input, so a short
/// input can still write kilobytes; compressible and incompressible data take different
/// paths through a deflate codec.
#[derive(Arbitrary, Clone, Debug)]
pub enum Pattern {
    /// These bytes, over and over (zeros when empty).
    Literal(Vec<u8>),
    /// Words from a small vocabulary, seeded: compresses well.
    Text(u32),
    /// Pseudo-random bytes, seeded: does not compress.
    Noise(u32),
    /// Like `Text`, but with `00 00 FF FF`, the bytes that end a deflate sync flush, at
    /// the end of every write and every `4 + period % 61` bytes of the stream, so a flush
    /// that stops at the first such bytes it sees (after a stored block that happens to
    /// end in them) is caught.
    SyncTail(u8),
}

/// Produces the bytes of each write, continuing the pattern from one write to the next.
#[derive(Debug)]
pub struct Source {
    pattern: Pattern,
    state: u64,
    at: usize,
    produced: usize,
}

/// The empty stored block that ends a deflate sync flush.
const SYNC_MARKER: [u8; 4] = [0, 0, 0xff, 0xff];

const WORDS: [&[u8]; 8] = [
    b"the ", b"layer ", b"writes ", b"its ", b"tail ", b"once", b", ", b"\n",
];

impl Source {
    /// A source of `pattern`.
    pub fn new(pattern: Pattern) -> Source {
        let seed = match &pattern {
            Pattern::Literal(_) => 0,
            Pattern::Text(seed) | Pattern::Noise(seed) => *seed,
            Pattern::SyncTail(period) => u32::from(*period),
        };
        Source {
            pattern,
            // xorshift must not start at 0.
            state: u64::from(seed) | 1 << 40,
            at: 0,
            produced: 0,
        }
    }

    fn random(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    /// Bytes produced so far.
    pub fn produced(&self) -> usize {
        self.produced
    }

    /// The next `n` bytes.
    pub fn next(&mut self, n: usize) -> Vec<u8> {
        self.produced += n;
        let mut out = Vec::with_capacity(n);
        match &self.pattern {
            Pattern::Literal(bytes) if bytes.is_empty() => out.resize(n, 0),
            Pattern::Literal(bytes) => {
                let bytes = bytes.clone();
                out.extend((0..n).map(|i| bytes[(self.at + i) % bytes.len()]));
                self.at += n;
            }
            Pattern::Noise(_) => out.extend((0..n).map(|_| self.random() as u8)),
            Pattern::Text(_) | Pattern::SyncTail(_) => {
                while out.len() < n {
                    let word = WORDS[self.random() as usize % WORDS.len()];
                    out.extend_from_slice(word);
                }
                out.truncate(n);
            }
        }
        if let Pattern::SyncTail(period) = self.pattern {
            let period = 4 + usize::from(period) % 61;
            for (offset, byte) in out.iter_mut().enumerate() {
                let phase = (self.at + offset) % period;
                if phase + SYNC_MARKER.len() >= period {
                    *byte = SYNC_MARKER[phase + SYNC_MARKER.len() - period];
                }
            }
            let keep = n.saturating_sub(SYNC_MARKER.len());
            out.truncate(keep);
            out.extend_from_slice(&SYNC_MARKER[SYNC_MARKER.len() - (n - keep)..]);
            self.at += n;
        }
        out
    }
}

/// The kind of `Buf` a `write_buf` is given.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum Shape {
    /// `Cursor`s joined with `Buf::chain`: `bytes_vec` reports every slice.
    Chain,
    /// The chain under `Buf::take(limit)`: `Take` does not forward `bytes_vec`, so it
    /// reports one slice however many it holds.
    Take(u16),
    /// A list of slices whose `bytes_vec` reports at most this many (0: as many as asked).
    List(u8),
}

/// Slices as one `Buf` of the given shape.
pub fn make_buf<'a>(shape: Shape, parts: &'a [Vec<u8>]) -> Box<dyn Buf + 'a> {
    match shape {
        Shape::Chain => chain(parts),
        Shape::Take(limit) => Box::new(chain(parts).take(usize::from(limit))),
        Shape::List(limit) => Box::new(SliceList::new(parts, usize::from(limit))),
    }
}

/// The bytes a `Buf` of `shape` over `parts` holds, and how many non-empty slices.
pub fn contents(shape: Shape, parts: &[Vec<u8>]) -> (Vec<u8>, usize) {
    let mut bytes = parts.concat();
    if let Shape::Take(limit) = shape {
        bytes.truncate(usize::from(limit));
    }
    let mut left = bytes.len();
    let mut slices = 0;
    for part in parts.iter().filter(|part| !part.is_empty()) {
        if left == 0 {
            break;
        }
        slices += 1;
        left = left.saturating_sub(part.len());
    }
    (bytes, slices)
}

fn chain<'a>(parts: &'a [Vec<u8>]) -> Box<dyn Buf + 'a> {
    let mut buf: Box<dyn Buf + 'a> = Box::new(Cursor::new(&[][..]));
    for part in parts {
        buf = Box::new(buf.chain(Cursor::new(&part[..])));
    }
    buf
}

/// Slices in a list, as a `Buf` whose `bytes_vec` reports at most `limit` of them.
struct SliceList<'a> {
    parts: &'a [Vec<u8>],
    index: usize,
    offset: usize,
    remaining: usize,
    limit: usize,
}

impl<'a> SliceList<'a> {
    fn new(parts: &'a [Vec<u8>], limit: usize) -> SliceList<'a> {
        let mut list = SliceList {
            parts,
            index: 0,
            offset: 0,
            remaining: parts.iter().map(|part| part.len()).sum(),
            limit: if limit == 0 { usize::MAX } else { limit },
        };
        list.skip_empty();
        list
    }

    fn skip_empty(&mut self) {
        while self.index < self.parts.len() && self.offset == self.parts[self.index].len() {
            self.index += 1;
            self.offset = 0;
        }
    }
}

impl Buf for SliceList<'_> {
    fn remaining(&self) -> usize {
        self.remaining
    }

    fn bytes(&self) -> &[u8] {
        match self.parts.get(self.index) {
            Some(part) => &part[self.offset..],
            None => &[],
        }
    }

    fn advance(&mut self, cnt: usize) {
        assert!(cnt <= self.remaining, "advance past the end of a Buf");
        self.remaining -= cnt;
        let mut cnt = cnt;
        while cnt > 0 {
            let left = self.parts[self.index].len() - self.offset;
            let step = cnt.min(left);
            self.offset += step;
            cnt -= step;
            self.skip_empty();
        }
        self.skip_empty();
    }

    fn bytes_vec<'b>(&'b self, dst: &mut [&'b IoVec]) -> usize {
        let mut filled = 0;
        let mut offset = self.offset;
        for part in &self.parts[self.index.min(self.parts.len())..] {
            if filled == dst.len() || filled == self.limit {
                break;
            }
            if let Some(iovec) = IoVec::from_bytes(&part[offset..]) {
                dst[filled] = iovec;
                filled += 1;
            }
            offset = 0;
        }
        filled
    }
}
