//! `FrameReader` as a futures 0.1 `Stream` of frames (bytes 0.4 `Bytes`).

use std::io;

use bytes::Bytes;
use futures::{try_ready, Async, Poll, Stream};
use tokio_io::AsyncRead;

use crate::assembly::Step;
use crate::reader::FrameReader;

/// One item per frame, the `Stream` counterpart of tokio's
/// `FramedRead<R, LengthDelimitedCodec>`; the stream ends (`Ready(None)`) at the inner
/// reader's end between frames, or at the end marker when there is one.
///
/// Each item is one frame's payload, copied once from the input buffer into a frame
/// buffer: a frame of up to 256 bytes is then copied into an allocation of its own (the
/// frame buffer is reused), a longer one is split off without another copy. An empty
/// message is an empty item. In chunked mode the items are the chunks as they were cut
/// on the wire, whose boundaries carry no meaning: read chunked payload as bytes. `NotReady` only when the inner reader said so
/// (rule [R2](writestack_core#readers)); a frame arriving in pieces is kept between polls.
/// Byte reads and the `Stream` share one place in the stream: payload taken by a `read`
/// in the middle of a frame is not in that frame's item.
///
/// # Errors
///
/// As for reads ([`FrameReader`]): `InvalidData` for a length over the maximum (before
/// anything is allocated for it) or a bad LEB128 prefix, `UnexpectedEof` for a stream cut
/// inside a frame or before its end marker; every later poll fails the same way.
///
/// # Examples
///
/// ```
/// use futures::{Future, Stream};
/// use writestack_frame::FrameReader;
///
/// let reader = FrameReader::new(&b"\0\0\0\x04ping\0\0\0\x00\0\0\0\x04pong"[..]);
/// let frames = reader.collect().wait()?;
/// assert_eq!(frames, [&b"ping"[..], b"", b"pong"]);
/// # Ok::<(), std::io::Error>(())
/// ```
impl<R: AsyncRead> Stream for FrameReader<R> {
    type Item = Bytes;
    type Error = io::Error;

    fn poll(&mut self) -> Poll<Option<Bytes>, io::Error> {
        loop {
            let remaining = self.inner.decoder().payload_remaining();
            let spare = self.frame.spare(remaining);
            let decoded = try_ready!(self.inner.poll_decode(spare));
            match self.frame.step(decoded) {
                Step::Frame(frame) => return Ok(Async::Ready(Some(frame))),
                Step::End => return Ok(Async::Ready(None)),
                Step::Partial => {}
            }
        }
    }
}
