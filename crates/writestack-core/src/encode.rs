//! The sans-IO half of a layer: a synchronous encoder that knows nothing of sockets.

use std::io;

use crate::OutBuf;

/// A synchronous, runtime-free encoder: the part of a layer that transforms bytes.
///
/// An `Encode` never performs I/O. It reads input, writes into the [`OutBuf`] the adapter
/// ([`EncodeWriter`](crate::EncodeWriter)) owns, and reports progress. The adapter does
/// everything else: draining the buffer into the inner writer, `WouldBlock`, retries,
/// flush / finish / shutdown ordering, the layer's name in errors, and (through an
/// optional [`Routing`](crate::Routing)) which writes skip the encoder. That split is what
/// lets one state machine, tested once, give every layer the same guarantees.
///
/// Rules an implementation follows:
/// * `encode` returns how many input bytes it took (all of them or a prefix). Returning
///   `Ok(0)` means "no room": the adapter drains ready bytes and calls again. When it can
///   take nothing and has released nothing, it must leave room to be made (the adapter
///   reports an error rather than loop).
/// * `flush` and `finish` return `Ok(true)` once their output is completely in the
///   buffer and `Ok(false)` when they need more room; the adapter calls them again after
///   draining. They must not repeat output across calls (a
///   [`PendingBytes`](crate::PendingBytes) resumes a header or trailer where the buffer
///   cut it): a `flush` with nothing new to emit returns `Ok(true)` at once and writes
///   nothing.
/// * An `Err` from `encode` means no input was taken. The adapter puts the layer's name
///   in front of the message.
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
    /// Transforms a prefix of `input` into `out`; returns how many input bytes were taken.
    ///
    /// # Errors
    ///
    /// Input the encoder refuses (nothing is taken), or an internal failure of the codec.
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize>;

    /// Like [`encode`](Encode::encode) for several slices that form one logical write
    /// (a vectored `write_buf`). The default encodes them one after another and stops at
    /// the first one not taken whole; an error after some bytes were taken ends the call
    /// with what was taken (the next call meets the error again).
    ///
    /// # Errors
    ///
    /// As [`encode`](Encode::encode), when nothing was taken.
    fn encode_slices(&mut self, slices: &[&[u8]], out: &mut OutBuf) -> io::Result<usize> {
        let mut taken = 0;
        for slice in slices {
            let n = match self.encode(slice, out) {
                Ok(n) => n,
                Err(error) if taken == 0 => return Err(error),
                Err(_) => break,
            };
            taken += n;
            if n < slice.len() {
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
    /// afterwards `encode` is never called again (until a restart resets the encoder).
    ///
    /// # Errors
    ///
    /// An internal failure of the codec.
    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool>;
}
