//! `FrameReader` in message mode against tokio's `FramedRead` + `LengthDelimitedCodec`
//! (issue 12: goal at least 1.5x), 64 B frames, both with their defaults (4-byte
//! big-endian prefixes, 8 KiB input buffers):
//!
//! * `read_frame_64B_tokio1`: 4 MiB of frames in memory, read from the same `&[u8]` (a
//!   tokio 1 `AsyncRead` that is always ready) by `FrameReader` as a futures 0.3 `Stream`
//!   of bytes 1 `Bytes` and by tokio-util 0.7's `FramedRead` (a `Stream` of `BytesMut`),
//!   both polled with `poll_next` on a no-op waker outside any runtime until `None`; each
//!   frame goes through `black_box` and is dropped.
//! * `read_frame_64B_tokio01`: the same through ours as a futures 0.1 `Stream` of bytes
//!   0.4 `Bytes` and tokio 0.1's `codec::FramedRead`, polled inside one futures 0.1 task.
//!
//! A summary after criterion's report prints each pair's medians and ratio (peer / ours:
//! above 1.0 is ours faster); `AB_ROUNDS=N` also times them in alternation.
//!
//! ```text
//! cargo bench --bench read_frame --features tokio -- --warm-up-time 1 --measurement-time 5
//! ```

use std::hint::black_box;
use std::pin::Pin;
use std::task::{Context, Poll};

use criterion::{criterion_group, Criterion, Throughput};
use tokio_util::codec::{FramedRead, LengthDelimitedCodec};
use writestack::frame::{FrameReader, FrameWriter};
use writestack_test::corpus::noise;

#[path = "tokio1/summary.rs"]
mod summary;

use summary::Pair;

/// Bytes of frames per iteration (about; whole frames).
const TOTAL: usize = 4 * 1024 * 1024;
/// The payload of each frame.
const MESSAGE: usize = 64;

/// `TOTAL` bytes of 64 B frames, written by our writer (the same bytes tokio's codec
/// writes: checked against it in the frame crate's tests) and checked here against
/// tokio-util's reader.
fn wire() -> (Vec<u8>, usize) {
    let payload = noise(MESSAGE * 16, 3);
    let frames = TOTAL / (MESSAGE + 4);
    let mut writer = FrameWriter::new(Vec::new());
    for at in 0..frames {
        let start = (at % 16) * MESSAGE;
        std::io::Write::write_all(&mut writer, &payload[start..start + MESSAGE]).unwrap();
    }
    std::io::Write::flush(&mut writer).unwrap();
    (writer.into_inner(), frames)
}

fn context() -> Context<'static> {
    Context::from_waker(futures03::task::noop_waker_ref())
}

/// Polls a futures 0.3 stream of frames to its end; returns the frames seen.
#[inline]
fn drain<S, B>(mut stream: S) -> usize
where
    S: futures03::Stream<Item = std::io::Result<B>> + Unpin,
    B: AsRef<[u8]>,
{
    let mut cx = context();
    let mut frames = 0;
    loop {
        match Pin::new(&mut stream).poll_next(&mut cx) {
            Poll::Ready(Some(Ok(frame))) => {
                black_box(frame.as_ref());
                frames += 1;
            }
            Poll::Ready(None) => return frames,
            other => panic!(
                "an in-memory reader never blocks or fails: {:?}",
                other.map(|_| ())
            ),
        }
    }
}

fn ours_tokio1(wire: &[u8]) -> usize {
    drain(FrameReader::new(wire))
}

fn peer_tokio1(wire: &[u8]) -> usize {
    drain(FramedRead::new(wire, LengthDelimitedCodec::new()))
}

/// Polls a futures 0.1 stream of frames to its end inside one task.
fn drain01<S, B>(stream: S) -> usize
where
    S: futures::Stream<Item = B, Error = std::io::Error>,
    B: AsRef<[u8]>,
{
    let mut frames = 0;
    let mut task = futures::executor::spawn(stream);
    let notify = futures::executor::NotifyHandle::from(std::sync::Arc::new(Noop));
    loop {
        match task.poll_stream_notify(&notify, 0) {
            Ok(futures::Async::Ready(Some(frame))) => {
                black_box(frame.as_ref());
                frames += 1;
            }
            Ok(futures::Async::Ready(None)) => return frames,
            _ => panic!("an in-memory reader never blocks or fails"),
        }
    }
}

struct Noop;

impl futures::executor::Notify for Noop {
    fn notify(&self, _: usize) {}
}

fn ours_tokio01(wire: &[u8]) -> usize {
    drain01(FrameReader::new(wire))
}

fn peer_tokio01(wire: &[u8]) -> usize {
    use tokio::codec::{FramedRead, LengthDelimitedCodec};
    drain01(FramedRead::new(wire, LengthDelimitedCodec::new()))
}

fn read_frame(c: &mut Criterion) {
    let (wire, frames) = wire();
    assert_eq!(peer_tokio1(&wire), frames);
    assert_eq!(ours_tokio1(&wire), frames);
    assert_eq!(peer_tokio01(&wire), frames);
    assert_eq!(ours_tokio01(&wire), frames);

    let mut group = c.benchmark_group("read_frame_64B_tokio1");
    group.throughput(Throughput::Elements(frames as u64));
    group.bench_function("tokio_util_FramedRead", |b| {
        b.iter(|| peer_tokio1(black_box(&wire)));
    });
    group.bench_function("writestack_FrameReader_stream", |b| {
        b.iter(|| ours_tokio1(black_box(&wire)));
    });
    group.finish();

    let mut group = c.benchmark_group("read_frame_64B_tokio01");
    group.throughput(Throughput::Elements(frames as u64));
    group.bench_function("tokio01_FramedRead", |b| {
        b.iter(|| peer_tokio01(black_box(&wire)));
    });
    group.bench_function("writestack_FrameReader_stream", |b| {
        b.iter(|| ours_tokio01(black_box(&wire)));
    });
    group.finish();
}

criterion_group!(benches, read_frame);

fn main() {
    if let Some(rounds) = summary::run(benches, || pairs(wire().1)) {
        let (wire, frames) = wire();
        summary::interleaved(
            "read frame 64 B, tokio 1",
            Some(frames),
            rounds,
            &mut || {
                black_box(peer_tokio1(&wire));
            },
            &mut || {
                black_box(ours_tokio1(&wire));
            },
        );
        summary::interleaved(
            "read frame 64 B, tokio 0.1",
            Some(frames),
            rounds,
            &mut || {
                black_box(peer_tokio01(&wire));
            },
            &mut || {
                black_box(ours_tokio01(&wire));
            },
        );
    }
}

fn pairs(frames: usize) -> Vec<Pair> {
    vec![
        Pair {
            group: "read_frame_64B_tokio1".to_string(),
            peer: "tokio_util_FramedRead".to_string(),
            ours: "writestack_FrameReader_stream".to_string(),
            writes: Some(frames),
        },
        Pair {
            group: "read_frame_64B_tokio01".to_string(),
            peer: "tokio01_FramedRead".to_string(),
            ours: "writestack_FrameReader_stream".to_string(),
            writes: Some(frames),
        },
    ]
}
