//! `FrameReader` as a futures 0.3 `Stream` of bytes 1 `Bytes`: on tokio 1 directly, on
//! futures-io through [`FrameStream`](crate::futures_io::FrameStream) (one type cannot
//! carry both impls: a reader could implement both traits).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes1::Bytes;
use writestack_core::{DecodeReader, Decoded};

use crate::assembly::Step;
use crate::decoder::FrameDecoder;
use crate::reader::FrameReader;

/// The runtime's decoding step (`DecodeReader::poll_decode_tokio` or `_futures_io`).
pub(crate) type PollDecode<R> = fn(
    Pin<&mut DecodeReader<R, FrameDecoder>>,
    &mut Context<'_>,
    &mut [u8],
) -> Poll<io::Result<Decoded>>;

impl<R> FrameReader<R> {
    /// The next frame, `None` at the stream's end; `Pending` only when the inner reader
    /// returned `Pending` (rule R2).
    pub(crate) fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        poll_decode: PollDecode<R>,
    ) -> Poll<Option<io::Result<Bytes>>> {
        let mut this = self.project();
        loop {
            let remaining = this.inner.decoder().payload_remaining();
            let spare = this.frame1.spare(remaining);
            let decoded = match poll_decode(this.inner.as_mut(), cx, spare) {
                Poll::Ready(Ok(decoded)) => decoded,
                Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                Poll::Pending => return Poll::Pending,
            };
            match this.frame1.step(decoded) {
                Step::Frame(frame) => return Poll::Ready(Some(Ok(frame))),
                Step::End => return Poll::Ready(None),
                Step::Partial => {}
            }
        }
    }
}

/// One item per frame, the `Stream` counterpart of tokio-util's
/// `FramedRead<R, LengthDelimitedCodec>`, with the behaviour of the futures 0.1 `Stream`
/// (see `FrameReader`'s `impl Stream`): each item one frame's payload, `None` at the
/// stream's end, `Pending` only when the inner reader returned `Pending`.
///
/// # Errors
///
/// As for reads: `InvalidData` for a length over the maximum or a bad LEB128 prefix,
/// `UnexpectedEof` for a cut stream; then every later poll fails the same way.
///
/// # Examples
///
/// ```
/// # use futures03 as futures;
/// # use tokio1 as tokio; // the doc build's name for tokio 1
/// use futures::TryStreamExt;
/// use writestack_frame::FrameReader;
///
/// // A `&[u8]` is a tokio 1 `AsyncRead`.
/// let reader = FrameReader::new(&b"\0\0\0\x04ping\0\0\0\x04pong"[..]);
/// let frames: Vec<bytes1::Bytes> = futures::executor::block_on(reader.try_collect())?;
/// assert_eq!(frames, [&b"ping"[..], b"pong"]);
/// # Ok::<(), std::io::Error>(())
/// ```
#[cfg(feature = "tokio")]
impl<R> futures_core::Stream for FrameReader<R>
where
    R: writestack_core::__private::tokio1::io::AsyncRead,
{
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<Bytes>>> {
        self.poll_frame(cx, DecodeReader::poll_decode_tokio)
    }
}
