//! `FrameWriter` against its anchors, over the same no-op `AsyncWrite` sink, so the layer
//! is measured and not a sink.
//!
//! * `message_64B`: 1024 messages of 64 bytes, then one flush, through `FrameWriter`
//!   (as `poll_write` and as a `Sink`) and through tokio 0.1's
//!   `FramedWrite<_, LengthDelimitedCodec>` (the same wire bytes). Goal: at least 1.5x
//!   tokio's throughput.
//! * `chunked_1KiB_writes`: 1 MiB in 1 KiB writes, then one flush, through `FrameWriter`
//!   in chunked mode with 64 KiB frames, and through `std::io::BufWriter` with a 64 KiB
//!   buffer (a pure copy, no framing at all). Goal: at least 0.9x `BufWriter`.
//! * `chunked_1KiB_writes_rotating_source`: the same, but each iteration reads the 1 MiB
//!   from the next of 16 source offsets (0, 4, ..., 60 bytes into one allocation). Both
//!   contenders are mostly `memcpy`, whose speed on this kind of machine depends on the
//!   source and destination addresses agreeing modulo 64; the frame payload sits 4 bytes
//!   (the prefix) after the start of its buffer, `BufWriter`'s at the start. With one
//!   fixed source, the allocator's placement of the two buffers decides which of them
//!   copies aligned; rotating the source gives both every relative alignment equally.

// The medians summary of the tokio 1 benches: each pair's ratio from this run.
#[path = "tokio1/summary.rs"]
#[allow(dead_code)] // its alternating timer is not used here
mod summary;

use std::hint::black_box;
use std::io::{self, Write};

use bytes::Bytes;
use criterion::{criterion_group, Criterion, Throughput};
use futures::{Async, AsyncSink, Sink};
use tokio::codec::{FramedWrite, LengthDelimitedCodec};
use tokio_io::AsyncWrite;
use writestack_frame::FrameWriter;
use writestack_test::corpus::noise;
use writestack_test::sink::{write_all_ready, NoopSink};

const MESSAGES: usize = 1024;
const MESSAGE: usize = 64;
const STREAM: usize = 1024 * 1024;
const WRITE: usize = 1024;
const FRAME: usize = 64 * 1024;

fn send_all<S: Sink<SinkItem = Bytes, SinkError = io::Error>>(sink: &mut S, item: &Bytes) {
    for _ in 0..MESSAGES {
        match sink.start_send(item.clone()) {
            Ok(AsyncSink::Ready) => {}
            _ => panic!("the no-op sink never blocks or fails"),
        }
    }
    match sink.poll_complete() {
        Ok(Async::Ready(())) => {}
        _ => panic!("the no-op sink never blocks or fails"),
    }
}

fn message_64b(c: &mut Criterion) {
    let payload = noise(MESSAGE, 7);
    // A static Bytes: cloning it is free, for both contenders.
    let item = Bytes::from_static(Box::leak(payload.clone().into_boxed_slice()));
    let mut group = c.benchmark_group("frame/message_64B");
    group.throughput(Throughput::Bytes((MESSAGES * MESSAGE) as u64));

    let mut tokio_framed = FramedWrite::new(NoopSink, LengthDelimitedCodec::new());
    group.bench_function("tokio_FramedWrite_LengthDelimitedCodec", |b| {
        b.iter(|| send_all(&mut tokio_framed, black_box(&item)));
    });

    let mut sink = FrameWriter::new(NoopSink);
    group.bench_function("FrameWriter_sink", |b| {
        b.iter(|| send_all(&mut sink, black_box(&item)));
    });

    let mut writer = FrameWriter::new(NoopSink);
    group.bench_function("FrameWriter_poll_write", |b| {
        b.iter(|| {
            for _ in 0..MESSAGES {
                match writer.poll_write(black_box(&payload)) {
                    Ok(Async::Ready(n)) if n == MESSAGE => {}
                    _ => panic!("the no-op sink never blocks or fails"),
                }
            }
            match writer.poll_flush() {
                Ok(Async::Ready(())) => {}
                _ => panic!("the no-op sink never blocks or fails"),
            }
        });
    });
    group.finish();
}

fn chunked_1kib_writes(c: &mut Criterion) {
    let data = noise(STREAM, 11);
    let mut group = c.benchmark_group("frame/chunked_1KiB_writes");
    group.throughput(Throughput::Bytes(STREAM as u64));

    let mut std_buf = io::BufWriter::with_capacity(FRAME, NoopSink);
    group.bench_function("std_BufWriter_64KiB", |b| {
        b.iter(|| {
            for chunk in black_box(&data[..]).chunks(WRITE) {
                std_buf.write_all(chunk).unwrap();
            }
            std_buf.flush().unwrap();
        });
    });

    let mut chunked = FrameWriter::builder()
        .chunked()
        .max_frame_length(FRAME)
        .buffer_capacity(FRAME + 4)
        .new_write(NoopSink)
        .unwrap();
    group.bench_function("FrameWriter_chunked_64KiB_frames", |b| {
        b.iter(|| {
            for chunk in black_box(&data[..]).chunks(WRITE) {
                write_all_ready(&mut chunked, chunk);
            }
            match chunked.poll_flush() {
                Ok(Async::Ready(())) => {}
                _ => panic!("the no-op sink never blocks or fails"),
            }
        });
    });
    group.finish();

    let source = noise(STREAM + 64, 13);
    let mut group = c.benchmark_group("frame/chunked_1KiB_writes_rotating_source");
    group.throughput(Throughput::Bytes(STREAM as u64));
    let mut offset = 0;
    group.bench_function("std_BufWriter_64KiB", |b| {
        b.iter(|| {
            offset = (offset + 4) % 64;
            for chunk in black_box(&source[offset..offset + STREAM]).chunks(WRITE) {
                std_buf.write_all(chunk).unwrap();
            }
            std_buf.flush().unwrap();
        });
    });
    let mut offset = 0;
    group.bench_function("FrameWriter_chunked_64KiB_frames", |b| {
        b.iter(|| {
            offset = (offset + 4) % 64;
            for chunk in black_box(&source[offset..offset + STREAM]).chunks(WRITE) {
                write_all_ready(&mut chunked, chunk);
            }
            match chunked.poll_flush() {
                Ok(Async::Ready(())) => {}
                _ => panic!("the no-op sink never blocks or fails"),
            }
        });
    });
    group.finish();
}

criterion_group!(benches, message_64b, chunked_1kib_writes);
fn main() {
    // Anchor / ours for every pair of `pairs`; no alternating timer here.
    summary::run(benches, pairs);
}

fn pairs() -> Vec<summary::Pair> {
    // criterion files a group "a/b" under "a_b".
    let pair = |group: &str, peer: &str, ours: &str, writes: Option<usize>| summary::Pair {
        group: group.to_owned(),
        peer: peer.to_owned(),
        ours: ours.to_owned(),
        writes,
    };
    let peer = "tokio_FramedWrite_LengthDelimitedCodec";
    let std64 = "std_BufWriter_64KiB";
    let chunked = "FrameWriter_chunked_64KiB_frames";
    vec![
        pair(
            "frame_message_64B",
            peer,
            "FrameWriter_sink",
            Some(MESSAGES),
        ),
        pair(
            "frame_message_64B",
            peer,
            "FrameWriter_poll_write",
            Some(MESSAGES),
        ),
        pair(
            "frame_chunked_1KiB_writes",
            std64,
            chunked,
            Some(STREAM / WRITE),
        ),
        pair(
            "frame_chunked_1KiB_writes_rotating_source",
            std64,
            chunked,
            Some(STREAM / WRITE),
        ),
    ]
}
