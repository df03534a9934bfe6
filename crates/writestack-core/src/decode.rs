//! The sans-IO half of a reader: a synchronous decoder that knows nothing of sockets.

use std::io;

/// What one [`Decode::decode`] call did.
///
/// # Examples
///
/// ```
/// use writestack_core::Decoded;
///
/// let step = Decoded { consumed: 3, produced: 2, ..Decoded::default() };
/// assert!(step.made_progress());
/// assert!(!Decoded::default().made_progress());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decoded {
    /// Input bytes taken (the adapter drops them from its buffer).
    pub consumed: usize,
    /// Payload bytes written to the front of the output.
    pub produced: usize,
    /// A message (a frame, in message mode) ended with this call's output: the readers
    /// that hand out whole messages stop there. Byte readers ignore it.
    pub message_end: bool,
    /// The stream ended with this call: its trailer or end marker is checked. Input after
    /// it was not consumed; it is the next stream's (CONTRACT rule R6).
    pub stream_end: bool,
}

impl Decoded {
    /// Whether the call consumed, produced or ended anything.
    pub fn made_progress(&self) -> bool {
        self.consumed > 0 || self.produced > 0 || self.message_end || self.stream_end
    }
}

/// A synchronous, runtime-free decoder: the part of a reader that undoes a layer.
///
/// A `Decode` never performs I/O. The adapter ([`DecodeReader`](crate::DecodeReader))
/// owns the input buffer and the inner reader, offers the decoder the bytes it has, and
/// does everything else: `WouldBlock` / `Pending`, `Interrupted`, the inner reader's end,
/// the layer's name in errors, and the bytes left after the stream for the next one.
///
/// Rules an implementation follows:
/// * `decode` takes a prefix of `input` and writes a prefix of `output`. Given a
///   non-empty `output`, it either makes progress ([`Decoded::made_progress`]) or says it
///   needs more input by returning `Decoded::default()`; then it has taken every input
///   byte it could (a partly received header or trailer is kept in the decoder, never left
///   in `input`), so that the adapter's buffer never fills with bytes nobody takes.
/// * Memory is bounded whatever the input (CONTRACT rule R4): the decoder holds what it
///   must (a header field up to a documented limit, a trailer), never an amount a length
///   field announces before it is checked.
/// * After `stream_end`, `decode` is not called again.
/// * An `Err` ends the stream for good: the adapter puts the layer's name in front of the
///   message and answers every later read with the same kind of error.
///
/// # Examples
///
/// A decoder of a stream that ends at its first `'\n'`, which it drops:
///
/// ```
/// use std::io::Read;
/// use writestack_core::{Decode, DecodeReader, Decoded};
///
/// #[derive(Debug, Default)]
/// struct Line;
///
/// impl Decode for Line {
///     fn decode(&mut self, input: &[u8], output: &mut [u8]) -> std::io::Result<Decoded> {
///         let n = input.len().min(output.len());
///         match input[..n].iter().position(|&byte| byte == b'\n') {
///             Some(end) => {
///                 output[..end].copy_from_slice(&input[..end]);
///                 Ok(Decoded { consumed: end + 1, produced: end, stream_end: true, ..Decoded::default() })
///             }
///             None => {
///                 output[..n].copy_from_slice(&input[..n]);
///                 Ok(Decoded { consumed: n, produced: n, ..Decoded::default() })
///             }
///         }
///     }
/// }
///
/// let mut reader = DecodeReader::new(Line, &b"first line\nnext stream"[..]);
/// let mut line = String::new();
/// reader.read_to_string(&mut line)?;
/// assert_eq!(line, "first line");
/// let (_inner, rest) = reader.into_parts();
/// assert_eq!(&rest[..], b"next stream");
/// # Ok::<(), std::io::Error>(())
/// ```
pub trait Decode {
    /// Decodes a prefix of `input` into the front of `output` (see the trait's rules).
    ///
    /// # Errors
    ///
    /// Corrupt input: `ErrorKind::InvalidData`, with a message saying what was wrong.
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded>;

    /// The inner reader ended, and `decode` made no progress on what was left. `Ok(())`
    /// when the stream may end here (it then ends); the default says it may not.
    ///
    /// # Errors
    ///
    /// `ErrorKind::UnexpectedEof` when the stream was cut short (CONTRACT rule R3), or
    /// `InvalidData` when what was held back turns out wrong (a trailer's checksum).
    fn input_ended(&mut self) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the inner reader ended before the end of the stream",
        ))
    }

    /// Opt-in pass-through, for a decoder whose payload is its input unchanged but for a
    /// few bytes it holds back at the end (a checksum trailer): the adapter then reads
    /// the inner reader straight into the caller's buffer instead of copying every byte
    /// through its own. The default, `None`, keeps the copy path.
    ///
    /// Called when the adapter's buffer is empty (bytes buffered earlier, or a
    /// `from_parts` leftover, still go through [`decode`](Decode::decode) first, so
    /// `decode` must stay correct). A decoder that passes through copies the bytes it
    /// holds back, in stream order, to the front of `output` and returns how many; it
    /// must leave room behind them (the prefix is shorter than `output`), else return
    /// `None`. Its state does not change here: if the inner read then blocks, fails or
    /// ends, the held bytes are still its own. The adapter reads into
    /// `output[prefix..]` and calls [`pass_through_end`](Decode::pass_through_end).
    ///
    /// A decoder whose stream can end before the inner reader's end must not pass
    /// through: bytes after its end would land in the caller's buffer (rule R6).
    ///
    /// # Examples
    ///
    /// A decoder that counts the payload's newlines and holds nothing back:
    ///
    /// ```
    /// use std::io::Read;
    /// use writestack_core::{Decode, DecodeReader, Decoded};
    ///
    /// #[derive(Debug, Default)]
    /// struct Lines(usize);
    ///
    /// impl Decode for Lines {
    ///     // The copy path, for bytes already buffered (a `from_parts` leftover).
    ///     fn decode(&mut self, input: &[u8], output: &mut [u8]) -> std::io::Result<Decoded> {
    ///         let n = input.len().min(output.len());
    ///         output[..n].copy_from_slice(&input[..n]);
    ///         self.0 += input[..n].iter().filter(|&&b| b == b'\n').count();
    ///         Ok(Decoded { consumed: n, produced: n, ..Decoded::default() })
    ///     }
    ///     fn input_ended(&mut self) -> std::io::Result<()> {
    ///         Ok(())
    ///     }
    ///     fn pass_through_begin(&self, _output: &mut [u8]) -> Option<usize> {
    ///         Some(0) // nothing held: the whole buffer is for the inner reader
    ///     }
    ///     fn pass_through_end(&mut self, output: &mut [u8], _: usize, read: usize) -> std::io::Result<usize> {
    ///         self.0 += output[..read].iter().filter(|&&b| b == b'\n').count();
    ///         Ok(read)
    ///     }
    /// }
    ///
    /// let mut reader = DecodeReader::new(Lines::default(), &b"one\ntwo\n"[..]);
    /// let mut text = String::new();
    /// reader.read_to_string(&mut text)?;
    /// assert_eq!((text.as_str(), reader.decoder().0), ("one\ntwo\n", 2));
    /// assert_eq!(reader.buffered_capacity(), 0); // no byte went through its buffer
    /// # Ok::<(), std::io::Error>(())
    /// ```
    fn pass_through_begin(&self, output: &mut [u8]) -> Option<usize> {
        let _ = output;
        None
    }

    /// Completes a pass-through read: `output[..prefix]` is what
    /// [`pass_through_begin`](Decode::pass_through_begin) put there and
    /// `output[prefix..prefix + read]` the bytes just read (`read > 0`). The decoder takes
    /// all of them: it keeps what it holds back from their end and returns how many bytes
    /// at the front of `output` are payload (possibly 0, when everything so far is held;
    /// the adapter then reads again, never returning `Ok(0)` before the end).
    ///
    /// # Errors
    ///
    /// `InvalidData` for corrupt input; the default, reached only if a decoder returns
    /// `Some` from `pass_through_begin` without overriding this, is an error saying so.
    ///
    /// # Examples
    ///
    /// See [`pass_through_begin`](Decode::pass_through_begin).
    fn pass_through_end(
        &mut self,
        output: &mut [u8],
        prefix: usize,
        read: usize,
    ) -> io::Result<usize> {
        let _ = (output, prefix, read);
        Err(io::Error::other(
            "the decoder began a pass-through read it does not implement",
        ))
    }
}
