//! `FrameWriter` as a futures 0.3 `Sink` of `Bytes` on tokio 1 (and `FrameSink` on
//! futures-io): one frame per item whatever the inner writer does, items held across
//! `Pending` and errors, bad items refused at `start_send`.
#![cfg(all(feature = "tokio", feature = "futures-io"))]

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes1::Bytes;
use futures03::executor::block_on;
use futures03::future::poll_fn;
use futures03::{Sink, SinkExt};
use writestack_frame::futures_io::FrameSink;
use writestack_frame::FrameWriter;

/// A writer that answers, in turn, `Pending` (after waking the task), a 3-byte take and
/// one hard error, then takes 3 bytes at a time; it works on both runtimes.
#[derive(Debug, Default)]
struct Stingy {
    data: Vec<u8>,
    calls: usize,
    fail_once: bool,
}

impl Stingy {
    fn poll(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.calls += 1;
        if self.fail_once {
            self.fail_once = false;
            return Poll::Ready(Err(io::ErrorKind::ConnectionReset.into()));
        }
        if self.calls % 2 == 1 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let n = buf.len().min(3);
        self.data.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }
}

impl tokio1::io::AsyncWrite for Stingy {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().poll(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl futures_io::AsyncWrite for Stingy {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().poll(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// The frames of a 4-byte big-endian message stream, parsed here.
fn frames(mut wire: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while wire.len() >= 4 {
        let len = u32::from_be_bytes([wire[0], wire[1], wire[2], wire[3]]) as usize;
        out.push(wire[4..4 + len].to_vec());
        wire = &wire[4 + len..];
    }
    assert!(wire.is_empty(), "{} bytes after the last frame", wire.len());
    out
}

fn items() -> Vec<Bytes> {
    (0..40u8)
        .map(|i| Bytes::from(vec![i; 1 + usize::from(i) * 37]))
        .collect()
}

fn small_buffer() -> FrameWriter<Stingy> {
    FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(Stingy::default())
        .unwrap()
}

#[test]
fn every_item_is_one_frame_through_pending_and_short_takes_on_tokio_1() {
    let mut writer = small_buffer();
    block_on(async {
        for item in items() {
            writer.send(item).await.unwrap();
        }
        SinkExt::<Bytes>::close(&mut writer).await.unwrap();
    });
    let expected: Vec<Vec<u8>> = items().iter().map(|item| item.to_vec()).collect();
    assert_eq!(frames(&writer.get_ref().data), expected);
}

#[test]
fn every_item_is_one_frame_through_pending_and_short_takes_on_futures_io() {
    let mut sink = FrameSink::new(small_buffer());
    block_on(async {
        for item in items() {
            sink.send(item).await.unwrap();
        }
        SinkExt::<Bytes>::close(&mut sink).await.unwrap();
    });
    let expected: Vec<Vec<u8>> = items().iter().map(|item| item.to_vec()).collect();
    assert_eq!(frames(&sink.get_ref().get_ref().data), expected);
}

#[test]
fn an_item_met_by_an_inner_error_is_kept_and_sent_once_on_retry() {
    let mut writer = small_buffer();
    let big = Bytes::from(vec![7u8; 500]);
    block_on(async {
        writer.feed(big.clone()).await.unwrap();
        writer.get_mut().fail_once = true;
        // The held item meets the error on its way out; nothing of it is lost.
        let error = SinkExt::<Bytes>::flush(&mut writer).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
        SinkExt::<Bytes>::flush(&mut writer).await.unwrap();
    });
    assert_eq!(frames(&writer.get_ref().data), [big.to_vec()]);
}

#[test]
fn empty_and_oversize_items_are_refused_at_start_send_and_nothing_is_held() {
    let mut writer = FrameWriter::builder()
        .max_frame_length(8)
        .new_write(Vec::new())
        .unwrap();
    let mut pinned = Pin::new(&mut writer);
    for item in [Bytes::new(), Bytes::from_static(b"123456789")] {
        let error = pinned.as_mut().start_send(item).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{error}");
    }
    pinned
        .as_mut()
        .start_send(Bytes::from_static(b"ok"))
        .unwrap();
    let error = pinned
        .as_mut()
        .start_send(Bytes::from_static(b"no"))
        .unwrap_err();
    assert!(error.to_string().contains("poll_ready"), "{error}");
    block_on(SinkExt::<Bytes>::flush(&mut writer)).unwrap();
    assert_eq!(writer.get_ref(), b"\0\0\0\x02ok");
}

/// A chunked writer over a `Vec`, its buffer allocated by a first chunk that is already
/// out, so that the next item could take the short path.
fn chunked_after_a_first_chunk() -> FrameWriter<Vec<u8>> {
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(Vec::new())
        .unwrap();
    block_on(async {
        tokio1::io::AsyncWriteExt::write_all(&mut writer, b"first").await?;
        tokio1::io::AsyncWriteExt::flush(&mut writer).await
    })
    .unwrap();
    writer
}

/// The frames of a chunked stream, end marker included (an empty frame).
fn expected(parts: &[&[u8]]) -> Vec<Vec<u8>> {
    parts.iter().map(|part| part.to_vec()).collect()
}

#[test]
fn in_chunked_mode_an_item_cuts_the_open_chunk_first_on_tokio_1() {
    let mut writer = chunked_after_a_first_chunk();
    block_on(async {
        // No flush: the chunk of "stream " is still open when the item comes.
        tokio1::io::AsyncWriteExt::write_all(&mut writer, b"stream ").await?;
        writer.send(Bytes::from_static(b"item")).await?;
        tokio1::io::AsyncWriteExt::write_all(&mut writer, b"more").await?;
        SinkExt::<Bytes>::close(&mut writer).await
    })
    .unwrap();
    assert_eq!(
        frames(writer.get_ref()),
        expected(&[b"first", b"stream ", b"item", b"more", b""])
    );
}

#[test]
fn in_chunked_mode_an_item_cuts_the_open_chunk_first_on_futures_io() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(futures03::io::Cursor::new(Vec::new()))
        .unwrap();
    block_on(async {
        futures03::AsyncWriteExt::write_all(&mut writer, b"first").await?;
        futures03::AsyncWriteExt::flush(&mut writer).await?;
        futures03::AsyncWriteExt::write_all(&mut writer, b"stream ").await?;
        let mut sink = FrameSink::new(writer);
        sink.send(Bytes::from_static(b"item")).await?;
        let mut writer = sink.into_inner();
        futures03::AsyncWriteExt::write_all(&mut writer, b"more").await?;
        futures03::AsyncWriteExt::close(&mut writer).await?;
        assert_eq!(
            frames(writer.get_ref().get_ref()),
            expected(&[b"first", b"stream ", b"item", b"more", b""])
        );
        Ok::<(), io::Error>(())
    })
    .unwrap();
}

#[test]
fn a_small_item_is_copied_into_the_buffer_by_start_send_without_io() {
    let mut writer = FrameWriter::new(Stingy::default());
    let mut pinned = Pin::new(&mut writer);
    // The first item is held: the buffer is allocated by the write that sends it.
    pinned
        .as_mut()
        .start_send(Bytes::from_static(b"one"))
        .unwrap();
    block_on(poll_fn(|cx| pinned.as_mut().poll_ready(cx))).unwrap();
    let calls = pinned.get_ref().calls;
    // From then on a small item goes straight behind its prefix, the inner writer untouched.
    pinned
        .as_mut()
        .start_send(Bytes::from_static(b"two"))
        .unwrap();
    assert_eq!(pinned.get_ref().calls, calls, "start_send did I/O");
    assert_eq!(pinned.buffered(), b"\0\0\0\x03one\0\0\0\x03two");
    block_on(SinkExt::<Bytes>::flush(&mut writer)).unwrap();
    assert_eq!(
        frames(&writer.get_ref().data),
        [b"one".to_vec(), b"two".to_vec()]
    );
}
