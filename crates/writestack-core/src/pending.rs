//! Header and trailer bytes that go out whole, across as many calls as the buffer needs.

use crate::OutBuf;

/// Bytes an encoder must emit exactly once (a header, a trailer, an end frame), pushed
/// into the [`OutBuf`] as room allows and resumed where the last call stopped.
///
/// An encoder's `flush` or `finish` may be called many times before its output fits: the
/// adapter drains the buffer between calls. Keeping the cursor here, instead of in each
/// encoder, is what makes every header and tail go out once, whole, in order.
///
/// # Examples
///
/// ```
/// use writestack_core::{OutBuf, PendingBytes};
///
/// let mut trailer = PendingBytes::new(*b"END!");
/// let mut out = OutBuf::with_capacity(3);
/// out.push(b"x");
/// assert!(!trailer.push_into(&mut out)); // room for 2 of 4 bytes
/// assert_eq!(out.ready(), b"xEN");
/// let mut fresh = OutBuf::with_capacity(3);
/// assert!(trailer.push_into(&mut fresh)); // the other 2, never the first 2 again
/// assert_eq!(fresh.ready(), b"D!");
/// assert!(trailer.push_into(&mut fresh) && fresh.ready() == b"D!");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingBytes<B> {
    bytes: B,
    sent: usize,
}

impl<B: AsRef<[u8]>> PendingBytes<B> {
    /// All of `bytes`, none pushed yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::PendingBytes;
    ///
    /// let header = PendingBytes::new(vec![0x1f, 0x8b]);
    /// assert_eq!(header.remaining(), &[0x1f, 0x8b]);
    /// ```
    pub fn new(bytes: B) -> PendingBytes<B> {
        PendingBytes { bytes, sent: 0 }
    }

    /// Pushes as much of the rest as `out` has room for; `true` once every byte is in
    /// some buffer (then further calls push nothing and return `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::{OutBuf, PendingBytes};
    ///
    /// let mut marker = PendingBytes::new([0u8; 2]);
    /// let mut out = OutBuf::with_capacity(8);
    /// assert!(marker.push_into(&mut out));
    /// assert_eq!(out.len(), 2);
    /// ```
    #[inline]
    pub fn push_into(&mut self, out: &mut OutBuf) -> bool {
        let bytes = self.bytes.as_ref();
        if self.sent < bytes.len() {
            self.sent += out.push(&bytes[self.sent..]);
        }
        self.sent == bytes.len()
    }

    /// The bytes not pushed yet.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::{OutBuf, PendingBytes};
    ///
    /// let mut pending = PendingBytes::new(*b"abc");
    /// pending.push_into(&mut OutBuf::with_capacity(1));
    /// assert_eq!(pending.remaining(), b"bc");
    /// ```
    pub fn remaining(&self) -> &[u8] {
        &self.bytes.as_ref()[self.sent..]
    }

    /// Starts over: the same bytes are to be pushed again, from the first (a new gzip
    /// member repeats its header).
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::{OutBuf, PendingBytes};
    ///
    /// let mut header = PendingBytes::new(*b"hd");
    /// assert!(header.push_into(&mut OutBuf::with_capacity(4)));
    /// header.rewind();
    /// assert_eq!(header.remaining(), b"hd");
    /// ```
    pub fn rewind(&mut self) {
        self.sent = 0;
    }

    /// All the bytes, pushed or not.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::PendingBytes;
    ///
    /// assert_eq!(PendingBytes::new(*b"hd").bytes(), b"hd");
    /// ```
    pub fn bytes(&self) -> &B {
        &self.bytes
    }
}
