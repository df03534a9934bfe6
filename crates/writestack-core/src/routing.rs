//! Which writes skip the encoder: I/O policy, kept apart from the codec.

use std::io;

use crate::OutBuf;

/// Opt-in policy that lets some writes skip an [`Encode`](crate::Encode)r's buffer.
///
/// An [`EncodeWriter`](crate::EncodeWriter) built without one uses [`Buffered`]: every
/// write goes through the encoder. A layer that does not transform its payload routes
/// large writes (a buffer), every write (a checksum) or whole units (a frame behind its
/// length prefix) straight to the inner writer, without a copy. The routing value is
/// handed the encoder on every call, so state lives in one place.
///
/// # Examples
///
/// A layer that counts the bytes it lets through, without buffering any:
///
/// ```
/// use std::io::{self, Write};
/// use writestack_core::{Encode, EncodeWriter, OutBuf, Route, Routing, WriteKind};
///
/// #[derive(Debug, Default)]
/// struct Count { seen: u64 }
///
/// impl Encode for Count {
///     // Never reached: every write is routed `Direct`.
///     fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
///         let n = out.push(input);
///         self.seen += n as u64;
///         Ok(n)
///     }
///     fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
///     fn finish(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
/// }
///
/// #[derive(Debug)]
/// struct AllDirect;
///
/// impl Routing<Count> for AllDirect {
///     fn route(&mut self, _: &mut Count, _: usize, _: WriteKind, _: &mut OutBuf)
///         -> io::Result<Route> { Ok(Route::Direct) }
///     fn passed(&mut self, count: &mut Count, payload: &[u8]) {
///         count.seen += payload.len() as u64;
///     }
/// }
///
/// let mut writer = EncodeWriter::with_routing(0, Count::default(), AllDirect, Vec::new());
/// writer.write_all(b"abc").unwrap();
/// assert_eq!(writer.get_ref(), b"abc"); // nothing waits in a buffer
/// assert_eq!(writer.encoder().seen, 3);
/// ```
pub trait Routing<E> {
    /// `true` when the encoder copies its input unchanged, never stages, and this
    /// routing answers [`Route::Encode`] for every write shorter than the capacity (a
    /// plain buffering layer). The adapter then copies such writes itself, on a short
    /// path that skips the calls into the encoder and the router, and derives `total_in`
    /// from what was sent and what is buffered.
    const VERBATIM: bool = false;

    /// Where a write of `len` bytes goes, given the buffer's state. `kind` says whether
    /// the caller wants the write taken as one item ([`WriteKind::Item`], a `Sink` item)
    /// or as stream bytes. The router may put bytes into `out` first (a frame encoder
    /// ends an open chunk before an item).
    ///
    /// # Errors
    ///
    /// Input the layer refuses, before any byte is taken.
    fn route(
        &mut self,
        encoder: &mut E,
        len: usize,
        kind: WriteKind,
        out: &mut OutBuf,
    ) -> io::Result<Route>;

    /// Called, in order, with the payload bytes that reached the inner writer without
    /// passing through the encoder ([`Route::Direct`], [`Route::Framed`]), so the
    /// encoder can account for them (hash them).
    #[inline]
    fn passed(&mut self, encoder: &mut E, payload: &[u8]) {
        let _ = (encoder, payload);
    }

    /// Called once after a [`Route::Framed`] write has been accepted whole.
    #[inline]
    fn unit_accepted(&mut self, encoder: &mut E) {
        let _ = encoder;
    }

    /// `true` when [`short_unit`](Routing::short_unit) can take writes: the adapter then
    /// asks it first, for writes shorter than the capacity while the stream is open.
    const SHORT_UNITS: bool = false;

    /// The short path of a small unit (used only with [`SHORT_UNITS`](Routing::SHORT_UNITS)):
    /// when a write of `len` bytes (`len` > 0) of `kind` is one unit that needs nothing
    /// done first and that [`route`](Routing::route) would accept as
    /// [`Route::Framed`], writes its prefix at the start of `head` and returns the
    /// prefix's length, or `None` to leave the write to `route`. It changes nothing: the
    /// adapter may still find no room for the unit and take the general path. The
    /// adapter asks only while nothing is [staged](OutBuf::stage), so staged bytes that
    /// `route` would first end (an open chunk) need no test here.
    ///
    /// The adapter copies `head` into the buffer's spare room and the payload right
    /// behind the prefix (over the rest of `head`), then calls
    /// [`passed`](Routing::passed) and [`unit_accepted`](Routing::unit_accepted) as for
    /// any accepted unit. A whole array lets a fixed-width prefix be stored without a
    /// length check.
    ///
    /// # Examples
    ///
    /// A one-byte length prefix for units of up to 255 bytes:
    ///
    /// ```
    /// use std::io::{self, Write};
    /// use writestack_core::{Encode, EncodeWriter, OutBuf, Prefix, Route, Routing, WriteKind};
    ///
    /// /// Never reached: every write is a unit the routing frames.
    /// #[derive(Debug)]
    /// struct NoCodec;
    ///
    /// impl Encode for NoCodec {
    ///     fn encode(&mut self, _: &[u8], _: &mut OutBuf) -> io::Result<usize> { Ok(0) }
    ///     fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
    ///     fn finish(&mut self, _: &mut OutBuf) -> io::Result<bool> { Ok(true) }
    /// }
    ///
    /// #[derive(Debug)]
    /// struct ByteFrames;
    ///
    /// impl Routing<NoCodec> for ByteFrames {
    ///     const SHORT_UNITS: bool = true;
    ///
    ///     fn route(&mut self, _: &mut NoCodec, len: usize, _: WriteKind, _: &mut OutBuf)
    ///         -> io::Result<Route> {
    ///         let byte = u8::try_from(len)
    ///             .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "too long"))?;
    ///         Ok(Route::Framed(Prefix::new(&[byte]).expect("one byte")))
    ///     }
    ///
    ///     fn short_unit(&self, _: &NoCodec, len: usize, _: WriteKind,
    ///         head: &mut [u8; Prefix::MAX_LEN]) -> Option<usize> {
    ///         head[0] = u8::try_from(len).ok()?;
    ///         Some(1)
    ///     }
    /// }
    ///
    /// let mut writer = EncodeWriter::with_routing(64, NoCodec, ByteFrames, Vec::new());
    /// writer.write_all(b"hi").unwrap(); // allocates the buffer: the general path
    /// writer.write_all(b"yo").unwrap(); // the short path
    /// assert_eq!(writer.buffer(), b"\x02hi\x02yo"); // the same framing either way
    /// writer.flush().unwrap();
    /// assert_eq!(writer.get_ref(), b"\x02hi\x02yo");
    /// ```
    #[inline]
    fn short_unit(
        &self,
        encoder: &E,
        len: usize,
        kind: WriteKind,
        head: &mut [u8; Prefix::MAX_LEN],
    ) -> Option<usize> {
        let _ = (encoder, len, kind, head);
        None
    }
}

/// What a write stands for, as the caller sees it (passed to [`Routing::route`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteKind {
    /// Bytes of a stream (`write`, `write_buf`, `poll_write`).
    Stream,
    /// One item that must stay whole (`Sink::start_send`).
    Item,
}

/// Where a write goes, as decided by [`Routing::route`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Into the encoder and the buffer.
    Encode,
    /// Straight to the inner writer once the buffer is drained (vectored with
    /// `write_buf`); the inner writer decides how many bytes it takes.
    Direct,
    /// One unit behind the given prefix, taken whole or not at all: copied into the
    /// buffer when prefix and payload are shorter than its capacity, else sent past it
    /// once the buffer is drained, and accepted whole as soon as the inner writer takes
    /// any of it; the untaken rest stays in the buffer (CONTRACT rule 6).
    Framed(Prefix),
}

/// The routing of an [`EncodeWriter`](crate::EncodeWriter) built without one: every
/// write goes through the encoder.
///
/// # Examples
///
/// ```
/// use writestack_core::{Buffered, OutBuf, Route, Routing, WriteKind};
///
/// let mut out = OutBuf::with_capacity(8);
/// let route = Buffered.route(&mut (), 100, WriteKind::Stream, &mut out).unwrap();
/// assert_eq!(route, Route::Encode);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Buffered;

impl<E> Routing<E> for Buffered {
    #[inline]
    fn route(&mut self, _: &mut E, _: usize, _: WriteKind, _: &mut OutBuf) -> io::Result<Route> {
        Ok(Route::Encode)
    }
}

/// The routing of a plain buffer over an encoder that copies bytes unchanged: writes
/// shorter than the capacity are copied (on the adapter's short path), longer ones go
/// straight to the inner writer once the buffer is drained, without a copy.
///
/// # Examples
///
/// ```
/// use writestack_core::{OutBuf, Route, Routing, Verbatim, WriteKind};
///
/// let mut out = OutBuf::with_capacity(8);
/// assert_eq!(Verbatim.route(&mut (), 7, WriteKind::Stream, &mut out).unwrap(), Route::Encode);
/// assert_eq!(Verbatim.route(&mut (), 8, WriteKind::Stream, &mut out).unwrap(), Route::Direct);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verbatim;

impl<E> Routing<E> for Verbatim {
    const VERBATIM: bool = true;

    #[inline]
    fn route(
        &mut self,
        _: &mut E,
        len: usize,
        _: WriteKind,
        out: &mut OutBuf,
    ) -> io::Result<Route> {
        Ok(if len >= out.capacity() {
            Route::Direct
        } else {
            Route::Encode
        })
    }
}

/// A short header (at most 16 bytes) written in front of a [`Route::Framed`] payload.
///
/// # Examples
///
/// ```
/// use writestack_core::Prefix;
///
/// let prefix = Prefix::new(&[0, 0, 0, 5]).unwrap();
/// assert_eq!(prefix.as_slice(), &[0, 0, 0, 5]);
/// assert!(Prefix::new(&[0; 17]).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    bytes: [u8; Prefix::MAX_LEN],
    len: u8,
}

impl Prefix {
    /// The longest prefix that can be carried.
    pub const MAX_LEN: usize = 16;

    /// A prefix holding `bytes`, or `None` when they are longer than [`Prefix::MAX_LEN`].
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Prefix;
    ///
    /// assert_eq!(Prefix::new(b"ab").unwrap().as_slice(), b"ab");
    /// ```
    #[inline]
    pub fn new(bytes: &[u8]) -> Option<Prefix> {
        if bytes.len() > Prefix::MAX_LEN {
            return None;
        }
        let mut prefix = Prefix {
            bytes: [0; Prefix::MAX_LEN],
            // At most MAX_LEN (16) after the check above: never `None` here.
            len: u8::try_from(bytes.len()).ok()?,
        };
        prefix.bytes[..bytes.len()].copy_from_slice(bytes);
        Some(prefix)
    }

    /// A prefix of the first `len` bytes of `bytes`, or `None` when `len` is over
    /// [`Prefix::MAX_LEN`]. Built in place: a router that writes the prefix straight
    /// into the array moves it in whole, without a copy per frame.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Prefix;
    ///
    /// let mut bytes = [0u8; Prefix::MAX_LEN];
    /// bytes[..2].copy_from_slice(&[0, 5]);
    /// assert_eq!(Prefix::from_array(bytes, 2).unwrap().as_slice(), &[0, 5]);
    /// assert!(Prefix::from_array(bytes, 17).is_none());
    /// ```
    #[inline]
    pub fn from_array(bytes: [u8; Prefix::MAX_LEN], len: usize) -> Option<Prefix> {
        let len = u8::try_from(len)
            .ok()
            .filter(|&len| usize::from(len) <= Prefix::MAX_LEN)?;
        Some(Prefix { bytes, len })
    }

    /// All [`Prefix::MAX_LEN`] bytes, the prefix first: copied whole (a fixed size
    /// copies without a call), the bytes past the prefix are overwritten or never sent.
    #[inline]
    pub(crate) fn padded(&self) -> &[u8; Prefix::MAX_LEN] {
        &self.bytes
    }

    /// The prefix bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use writestack_core::Prefix;
    ///
    /// assert!(Prefix::new(&[]).unwrap().as_slice().is_empty());
    /// ```
    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl AsRef<[u8]> for Prefix {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}
