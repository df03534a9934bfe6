//! The sans-IO half of a layer: a synchronous encoder that knows nothing of sockets.

use std::io;

use crate::OutBuf;

/// A synchronous, runtime-free encoder: the part of a layer that transforms bytes.
///
/// An `Encode` never performs I/O. It reads input, writes into the [`OutBuf`] the adapter
/// ([`EncodeWriter`](crate::EncodeWriter)) owns, and reports progress. The adapter does
/// everything else: draining the buffer into the inner writer, `WouldBlock`, retries,
/// flush / finish / shutdown ordering. That split is what lets one state machine, tested
/// once, give every layer the same guarantees.
///
/// Rules an implementation follows:
/// * `encode` returns how many input bytes it took (all of them or a prefix). Returning
///   `Ok(0)` means "no room": the adapter drains ready bytes and calls again. When it can
///   take nothing and has released nothing, it must leave room to be made (the adapter
///   reports an error rather than loop).
/// * `flush` and `finish` return `Ok(true)` once their output is completely in the
///   buffer and `Ok(false)` when they need more room; the adapter calls them again after
///   draining. They must not repeat output across calls: a `flush` with nothing new to
///   emit returns `Ok(true)` at once and writes nothing.
/// * An `Err` from `encode` means no input was taken (for example a frame over the
///   maximum length).
///
/// # Examples
///
/// An encoder that upper-cases ASCII and ends the stream with `"\n"`:
///
/// ```
/// use std::io::{self, Write};
/// use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};
///
/// #[derive(Debug, Default)]
/// struct Shout { newline_written: bool }
///
/// impl Encode for Shout {
///     fn name(&self) -> &'static str { "Shout" }
///     fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
///         let spare = out.spare_mut();
///         let n = input.len().min(spare.len());
///         for (dst, src) in spare.iter_mut().zip(&input[..n]) {
///             *dst = src.to_ascii_uppercase();
///         }
///         out.commit(n);
///         Ok(n)
///     }
///     fn flush(&mut self, _out: &mut OutBuf) -> io::Result<bool> { Ok(true) }
///     fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
///         if !self.newline_written {
///             if out.push(b"\n") == 0 { return Ok(false); }
///             self.newline_written = true;
///         }
///         Ok(true)
///     }
/// }
///
/// let mut writer = EncodeWriter::with_capacity(4, Shout::default(), Vec::new());
/// writer.write_all(b"hello").unwrap();
/// writer.poll_finish().unwrap();
/// assert_eq!(writer.get_ref(), b"HELLO\n");
/// ```
pub trait Encode {
    /// `true` when [`encode`](Encode::encode) copies its input unchanged and
    /// [`route`](Encode::route) answers [`Route::Encode`] for any write shorter than the
    /// capacity that fits the buffer's spare space (a plain buffering layer), and the
    /// encoder never stages bytes nor routes a write as [`Route::Framed`]. The adapter then
    /// copies such writes itself, on a short path that skips the calls into the encoder,
    /// and derives `total_in` from what was sent and what is buffered.
    const VERBATIM: bool = false;

    /// The public name of the layer, used in error messages ("GzipWriter: ...").
    fn name(&self) -> &'static str;

    /// Transforms a prefix of `input` into `out`; returns how many input bytes were taken.
    ///
    /// # Errors
    ///
    /// Input the encoder refuses (nothing is taken), or an internal failure of the codec.
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize>;

    /// Like [`encode`](Encode::encode) for several slices that form one logical write
    /// (`write_buf`). The default encodes them one after another and stops at the first
    /// one not taken whole. Encoders whose unit is one write (message framing) override
    /// it to take all or nothing.
    ///
    /// # Errors
    ///
    /// As [`encode`](Encode::encode).
    fn encode_chunks(&mut self, chunks: &[&[u8]], out: &mut OutBuf) -> io::Result<usize> {
        let mut taken = 0;
        for chunk in chunks {
            let n = match self.encode(chunk, out) {
                Ok(n) => n,
                Err(error) if taken == 0 => return Err(error),
                Err(_) => break,
            };
            taken += n;
            if n < chunk.len() {
                break;
            }
        }
        Ok(taken)
    }

    /// Puts everything taken so far into `out` in a form the peer can decode now.
    /// Returns `Ok(true)` when done.
    ///
    /// # Errors
    ///
    /// An internal failure of the codec.
    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool>;

    /// Puts the end of the stream (the tail) into `out`. Returns `Ok(true)` when done;
    /// afterwards `encode` is never called again.
    ///
    /// # Errors
    ///
    /// An internal failure of the codec.
    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool>;

    /// How the adapter should take a write of `len` bytes, given the buffer's state.
    ///
    /// The default, [`Route::Encode`], sends everything through
    /// [`encode`](Encode::encode). Layers that do not transform the payload can let large
    /// writes skip the buffer.
    ///
    /// # Errors
    ///
    /// Input the encoder refuses before any byte is taken.
    #[inline]
    fn route(&mut self, len: usize, out: &OutBuf) -> io::Result<Route> {
        let _ = (len, out);
        Ok(Route::Encode)
    }

    /// Called with the payload bytes that went to the inner writer on a
    /// [`Route::Direct`] or [`Route::Framed`] write, in order, so the encoder can account
    /// for them (hash them, count a frame).
    #[inline]
    fn bypassed(&mut self, payload: &[u8]) {
        let _ = payload;
    }

    /// Whether one `write` / `write_buf` is one unit for this encoder (message framing).
    /// A `write_buf` whose slices the adapter cannot gather all at once is then still
    /// taken whole: once the buffer has drained, the unit is copied into it.
    #[inline]
    fn takes_whole_writes(&self) -> bool {
        false
    }

    /// Called once after a [`Route::Framed`] write has been accepted whole.
    #[inline]
    fn framed_accepted(&mut self) {}
}

/// Where a write goes, as decided by [`Encode::route`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Into the encoder and the buffer.
    Encode,
    /// Straight to the inner writer once the buffer is drained (vectored with
    /// `write_buf`); the inner writer decides how many bytes it takes.
    Direct,
    /// Straight to the inner writer once the buffer is drained, as one unit behind the
    /// given prefix: the write is accepted whole as soon as the inner writer takes any of
    /// it, and the untaken rest is kept in the buffer (CONTRACT rule 6).
    Framed(Prefix),
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
    pub fn new(bytes: &[u8]) -> Option<Prefix> {
        if bytes.len() > Prefix::MAX_LEN {
            return None;
        }
        let mut prefix = Prefix {
            bytes: [0; Prefix::MAX_LEN],
            len: bytes.len() as u8,
        };
        prefix.bytes[..bytes.len()].copy_from_slice(bytes);
        Some(prefix)
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
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}
