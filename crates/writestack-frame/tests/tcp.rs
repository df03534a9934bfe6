//! FrameWriter over a real loopback socket with a small send buffer (so the socket
//! answers `WouldBlock` often), read back by tokio's `FramedRead` + `LengthDelimitedCodec`.
//! The socket is wrapped in `HalfClose`, so `close` (shutdown) sends FIN: the reader's
//! stream ends while the writer still holds the socket.

use std::time::Duration;

use bytes::Bytes;
use futures::{stream, Async, Future, Sink, Stream};
use tokio::codec::length_delimited;
use tokio::prelude::FutureExt;
use tokio::runtime::Runtime;
use writestack_core::tcp::HalfClose;
use writestack_frame::FrameWriter;
use writestack_test::tcp::{self, Tuning};
use writestack_test::{payload, PayloadKind};

fn messages() -> Vec<Bytes> {
    (0..300u64)
        .map(|i| {
            let len = usize::try_from(1 + (i * 7919) % 20_000).unwrap();
            Bytes::from(payload(PayloadKind::Random, i, len))
        })
        .collect()
}

/// Sends `messages` as Sink items over loopback TCP; returns the frames the reader saw.
fn round_trip(messages: Vec<Bytes>, chunked: bool) -> Vec<Vec<u8>> {
    let mut runtime = Runtime::new().unwrap();
    let (addr, reader) = tcp::serve_one(&runtime, Tuning::default(), |socket| {
        length_delimited::Builder::new()
            .new_read(socket)
            .map(|frame| frame.to_vec())
            .collect()
    });

    let tuning = Tuning {
        send_buffer: Some(4096),
        nodelay: true,
        ..Tuning::default()
    };
    let writer = tcp::connect(&addr, tuning).and_then(move |socket| {
        let mut builder = FrameWriter::builder();
        if chunked {
            builder.chunked();
        }
        let writer = builder.new_write(HalfClose::new(socket)).unwrap();
        writer
            .send_all(stream::iter_ok::<_, std::io::Error>(messages))
            .and_then(|(writer, _)| {
                let mut writer = Some(writer);
                futures::future::poll_fn(move || {
                    futures::try_ready!(writer.as_mut().expect("polled once done").close());
                    Ok(Async::Ready(writer.take().expect("polled once done")))
                })
            })
    });
    // Not dropped until the reader is done: its end of stream comes from `close`.
    let writer = runtime.block_on(writer).unwrap();
    let received = runtime
        .block_on(reader.timeout(Duration::from_secs(60)))
        .expect("the reader saw end of stream after close");
    drop(writer);
    runtime.shutdown_now().wait().unwrap();
    received
}

#[test]
fn message_frames_cross_a_small_socket_whole_in_order_and_close_ends_the_stream() {
    let sent = messages();
    let received = round_trip(sent.clone(), false);
    assert_eq!(received.len(), sent.len());
    assert!(
        received.iter().zip(&sent).all(|(r, s)| r[..] == s[..]),
        "a frame differs"
    );
}

#[test]
fn chunked_mode_items_cross_a_small_socket_and_end_with_the_marker() {
    let sent = messages();
    let mut received = round_trip(sent.clone(), true);
    assert_eq!(received.pop(), Some(Vec::new()), "no end marker");
    assert_eq!(received.len(), sent.len(), "one frame per Sink item");
    assert!(
        received.iter().zip(&sent).all(|(r, s)| r[..] == s[..]),
        "a frame differs"
    );
}
