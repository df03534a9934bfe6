//! The adapter's own output buffer: what encoders see of it here, what only the adapter
//! does with it (send, forget, overflow) in `adapter_side.rs`.

mod adapter_side;

use std::fmt;

/// The largest buffer capacity any layer uses: 1 GiB. Constructors that cannot fail lower
/// larger capacities to it; builders refuse them with `ErrorKind::InvalidInput`.
///
/// # Examples
///
/// ```
/// use writestack_core::{OutBuf, MAX_CAPACITY};
///
/// assert_eq!(OutBuf::with_capacity(usize::MAX).capacity(), MAX_CAPACITY);
/// ```
pub const MAX_CAPACITY: usize = 1 << 30;

/// The output buffer an [`Encode`](crate::Encode) writes into and the adapter drains.
///
/// ```text
///  0        start                      end - staged   end       capacity
///  |  sent   |       ready to send       |   staged    |   spare   |
/// ```
///
/// * *ready* bytes are final: the adapter hands them to the inner writer, in order, and
///   never changes them;
/// * *staged* bytes are still the encoder's (a chunk whose length prefix is not yet
///   known): the adapter does not send them until the encoder calls
///   [`release`](OutBuf::release);
/// * *spare* is where the encoder writes next ([`spare_mut`](OutBuf::spare_mut), then
///   [`commit`](OutBuf::commit) or [`stage`](OutBuf::stage)).
///
/// The storage is allocated (and zeroed) at the configured capacity on the first write
/// into it, so a writer that never writes holds no buffer. It grows past the capacity
/// only for the adapter: the rest of one frame that was accepted whole and only partly
/// taken by the inner writer (CONTRACT rule 6). Encoders see the buffer through its
/// public methods only: what they may read, where they write, staging; sending and
/// forgetting sent bytes is the adapter's.
///
/// # Examples
///
/// ```
/// use writestack_core::OutBuf;
///
/// let mut out = OutBuf::with_capacity(8);
/// assert_eq!(out.push(b"hello world"), 8);
/// assert_eq!(out.ready(), b"hello wo");
/// assert!(out.spare_mut().is_empty()); // full: the adapter drains it before the next call
/// ```
pub struct OutBuf {
    storage: Vec<u8>,
    capacity: usize,
    start: usize,
    /// How many of the bytes before `end` are staged; the others from `start` are ready.
    staged: usize,
    end: usize,
}

impl OutBuf {
    /// An empty buffer holding at most `capacity` bytes, lowered to [`MAX_CAPACITY`] when
    /// larger (so no capacity makes the allocation panic on its size).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let out = OutBuf::with_capacity(1024);
    /// assert_eq!(out.capacity(), 1024);
    /// assert!(out.is_empty());
    /// ```
    pub fn with_capacity(capacity: usize) -> OutBuf {
        let capacity = capacity.min(MAX_CAPACITY);
        OutBuf {
            storage: Vec::new(),
            capacity,
            start: 0,
            staged: 0,
            end: 0,
        }
    }

    /// The configured capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// assert_eq!(OutBuf::with_capacity(16).capacity(), 16);
    /// ```
    #[inline]
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Bytes held: ready plus staged.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(16);
    /// out.push(b"abc");
    /// assert_eq!(out.len(), 3);
    /// ```
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the buffer holds no byte at all.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// assert!(OutBuf::with_capacity(16).is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The bytes ready to be sent, oldest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(16);
    /// out.push(b"ab");
    /// assert_eq!(out.ready(), b"ab");
    /// ```
    #[inline]
    pub fn ready(&self) -> &[u8] {
        &self.storage[self.start..self.end - self.staged]
    }

    /// The staged bytes, which the encoder may still change before releasing them.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(16);
    /// out.spare_mut()[..2].copy_from_slice(b"xy");
    /// out.stage(2);
    /// assert_eq!(out.staged_mut(), b"xy");
    /// assert!(out.ready().is_empty());
    /// ```
    #[inline]
    pub fn staged_mut(&mut self) -> &mut [u8] {
        &mut self.storage[self.end - self.staged..self.end]
    }

    /// Where the encoder writes next: empty when the buffer is full.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(4);
    /// out.push(b"abc");
    /// assert_eq!(out.spare_mut().len(), 1);
    /// ```
    #[inline]
    pub fn spare_mut(&mut self) -> &mut [u8] {
        self.allocate();
        let limit = self.capacity.max(self.end);
        &mut self.storage[self.end..limit]
    }

    /// Marks the first `n` bytes of [`spare_mut`](OutBuf::spare_mut) as written and releases
    /// everything staged with them. `n` is clamped to the spare length.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(8);
    /// out.spare_mut()[..3].copy_from_slice(b"abc");
    /// out.commit(3);
    /// assert_eq!(out.ready(), b"abc");
    /// ```
    #[inline]
    pub fn commit(&mut self, n: usize) {
        self.stage(n);
        self.staged = 0;
    }

    /// Marks the first `n` bytes of [`spare_mut`](OutBuf::spare_mut) as written but keeps them
    /// staged (not sendable). `n` is clamped to the spare length.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(8);
    /// out.stage(3);
    /// assert_eq!(out.len(), 3);
    /// assert!(out.ready().is_empty());
    /// out.release();
    /// assert_eq!(out.ready().len(), 3);
    /// ```
    #[inline]
    pub fn stage(&mut self, n: usize) {
        self.allocate();
        let limit = self.capacity.max(self.end);
        let end = self.end.saturating_add(n).min(limit);
        self.staged += end - self.end;
        self.end = end;
    }

    /// Forgets the last `n` staged bytes (for example a length prefix reserved wider than
    /// it turned out to be). `n` is clamped to the staged length; ready bytes are never
    /// touched.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(8);
    /// out.push(b"ok");
    /// out.spare_mut()[..3].copy_from_slice(b"xyz");
    /// out.stage(3);
    /// out.unstage(2);
    /// assert_eq!(out.staged_mut(), b"x");
    /// out.unstage(10);
    /// assert_eq!(out.len(), 2);
    /// assert_eq!(out.ready(), b"ok");
    /// ```
    #[inline]
    pub fn unstage(&mut self, n: usize) {
        let n = n.min(self.staged);
        self.end -= n;
        self.staged -= n;
    }

    /// Makes every staged byte ready to send.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(8);
    /// out.stage(2);
    /// out.release();
    /// assert_eq!(out.ready(), &[0, 0]);
    /// ```
    #[inline]
    pub fn release(&mut self) {
        self.staged = 0;
    }

    /// Copies as much of `bytes` as fits into the spare space, ready to send, and returns
    /// how many bytes were copied.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::OutBuf;
    ///
    /// let mut out = OutBuf::with_capacity(4);
    /// assert_eq!(out.push(b"abcdef"), 4);
    /// assert_eq!(out.ready(), b"abcd");
    /// ```
    #[inline]
    pub fn push(&mut self, bytes: &[u8]) -> usize {
        let spare = self.spare_mut();
        let n = bytes.len().min(spare.len());
        spare[..n].copy_from_slice(&bytes[..n]);
        self.commit(n);
        n
    }

    /// Allocates the storage at the capacity on first use (rule 6 still holds: nothing is
    /// allocated past the capacity here).
    #[inline]
    pub(crate) fn allocate(&mut self) {
        if self.storage.len() < self.capacity {
            self.storage.resize(self.capacity, 0);
        }
    }
}

impl fmt::Debug for OutBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutBuf")
            .field("capacity", &self.capacity)
            .field("ready", &(self.end - self.staged - self.start))
            .field("staged", &self.staged)
            .finish()
    }
}
