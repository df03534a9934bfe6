//! The flate readers on tokio 1 and futures-io: `read_to_end` through a `GzipReader`
//! over a tokio 1 duplex pipe (whose reads return `Pending` until the writer task sends
//! more), and over futures-io readers (a `Cursor`, and one that answers `Pending` before
//! every 1-byte read).
#![cfg(all(feature = "tokio", feature = "futures-io", feature = "flate"))]

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Future;
use futures03::io::{AsyncRead, AsyncReadExt as _, Cursor};
use tokio1::io::{AsyncReadExt, AsyncWriteExt};
use writestack::flate::{Compression, GzipReader, GzipWriter, ZlibReader, ZlibWriter};
use writestack_core::FinishExt;
use writestack_test::{payload, PayloadKind};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut writer = GzipWriter::new(Vec::new(), Compression::default());
    Write::write_all(&mut writer, data).expect("write");
    writer.finish().wait().expect("finish").into_inner()
}

#[test]
fn tokio1_read_to_end_through_a_gzip_reader_over_a_pending_pipe() {
    let data = payload(PayloadKind::Text, 41, 100_000);
    let wire = gzip(&data);
    let runtime = tokio1::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let decoded = runtime.block_on(async {
        let (mut sender, receiver) = tokio1::io::duplex(64);
        let send = tokio1::spawn(async move {
            for chunk in wire.chunks(100) {
                sender.write_all(chunk).await.expect("pipe");
            }
            sender.shutdown().await.expect("close the pipe");
        });
        let mut reader = GzipReader::new(receiver);
        let mut decoded = Vec::new();
        reader.read_to_end(&mut decoded).await.expect("the member");
        assert!(reader.is_ended());
        send.await.expect("sender task");
        decoded
    });
    assert!(decoded == data);
}

#[test]
fn futures_io_read_to_end_through_a_gzip_reader_over_a_cursor() {
    let data = payload(PayloadKind::Random, 42, 30_000);
    let mut wire = gzip(&data);
    wire.extend(gzip(b"second"));
    let mut reader = GzipReader::multi(Cursor::new(wire));
    let mut decoded = Vec::new();
    futures03::executor::block_on(reader.read_to_end(&mut decoded)).expect("both members");
    assert_eq!(decoded, [&data[..], b"second"].concat());
}

/// A futures-io reader that answers `Pending` (waking itself) before every 1-byte read.
struct Stutter {
    wire: Vec<u8>,
    at: usize,
    ready: bool,
}

impl AsyncRead for Stutter {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = false;
        let Some(&byte) = self.wire.get(self.at) else {
            return Poll::Ready(Ok(0));
        };
        match buf.first_mut() {
            Some(slot) => {
                *slot = byte;
                self.at += 1;
                Poll::Ready(Ok(1))
            }
            None => Poll::Ready(Ok(0)),
        }
    }
}

#[test]
fn futures_io_zlib_reader_over_a_reader_that_is_pending_before_every_byte() {
    let data = payload(PayloadKind::Text, 43, 5_000);
    let mut writer = ZlibWriter::new(Vec::new(), Compression::best());
    Write::write_all(&mut writer, &data).expect("write");
    let wire = writer.finish().wait().expect("finish").into_inner();
    let inner = Stutter {
        wire,
        at: 0,
        ready: false,
    };
    let mut reader = ZlibReader::new(inner);
    let mut decoded = Vec::new();
    futures03::executor::block_on(reader.read_to_end(&mut decoded)).expect("the stream");
    assert_eq!(decoded, data);
}
