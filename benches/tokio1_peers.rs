//! The framing layer and the whole stack on tokio 1 against today's tokio 1 peers
//! (issue 11; the gzip and buffer pairs are in `tokio1.rs`):
//!
//! * `frame_64B`: 1024 messages of 64 B (the size goes through `black_box`), then one
//!   `poll_flush`, into a no-op tokio 1 sink, through `FrameWriter` and through
//!   tokio-util's `FramedWrite<_, LengthDelimitedCodec>`, both with their defaults (4-byte
//!   big-endian prefixes, 8 KiB buffers: the same wire bytes). Both are driven as a futures
//!   0.3 `Sink` of bytes 1 `Bytes` the same way: `poll_ready`, `start_send`, ... then
//!   `poll_flush`, on a `Context` with a no-op waker, outside any runtime; the items are
//!   slices of one shared `Bytes` (a reference-count increment each, for both). Ours is
//!   also measured through `poll_write` (one message per call), which the peer does not
//!   offer. Goal: at least 1.5x. The Sink pair is measured again with
//!   `Bytes::from_static` items, whose clones count no references: the shared items'
//!   two atomic updates per message are a large part of both sides' time.
//! * `tcp_stack`: 32 MiB of real text as 4 KiB messages over loopback TCP on a tokio 1
//!   multi-thread runtime (2 workers), a reader task draining to EOF; wall time per run
//!   (connect, every message with `SinkExt::feed`, `SinkExt::close`, the reader's EOF).
//!   Ours is `frame -> gzip(6) -> buffer -> TcpStream` (and again with `crc32` between
//!   frame and gzip), the peer `FramedWrite<GzipEncoder<BufWriter<TcpStream>>,
//!   LengthDelimitedCodec>` with async-compression at level 6 and tokio's `BufWriter`.
//!   Goal: at least 1.0x.
//!
//! After criterion's report a summary prints each pair's medians and ratio (peer / ours:
//! above 1.0 is ours faster); `AB_ROUNDS=N` also times the pairs in alternation
//! (see `tokio1/summary.rs`), which holds better when other work shares the machine.
//!
//! ```text
//! cargo bench --bench tokio1_peers --features tokio -- --warm-up-time 1 --measurement-time 5
//! AB_ROUNDS=9 cargo bench --bench tokio1_peers --features tokio -- --warm-up-time 1
//! ```

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use async_compression::tokio::write::GzipEncoder;
use async_compression::Level;
use bytes1::Bytes;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use futures03::{Sink, SinkExt};
use tokio1::io::{AsyncReadExt, AsyncWrite};
use tokio1::net::{TcpListener, TcpStream};
use tokio1::runtime::Runtime;
use tokio_util::codec::{FramedWrite, LengthDelimitedCodec};
use writestack::flate::Compression;
use writestack::frame::FrameWriter;
use writestack::prelude::*;
use writestack_test::corpus::{noise, rust_sources};
use writestack_test::reference::gunzip_exact;
use writestack_test::sink::NoopSink;

#[path = "tokio1/summary.rs"]
mod summary;

use summary::Pair;

/// Messages per `frame_64B` iteration.
const MESSAGES: usize = 1024;
/// Their size.
const MESSAGE: usize = 64;
/// Bytes of text per `tcp_stack` run.
const TCP_TOTAL: usize = 32 * 1024 * 1024;
/// Their message size.
const TCP_MESSAGE: usize = 4 * 1024;
/// The gzip level of both stacks.
const LEVEL: u32 = 6;

/// Counts the calls it takes (plain and vectored), and the bytes.
#[derive(Clone, Copy, Debug, Default)]
struct CountingSink {
    writes: usize,
    vectored: usize,
    bytes: usize,
}

impl AsyncWrite for CountingSink {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.writes += 1;
        self.bytes += buf.len();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let n = bufs.iter().map(|buf| buf.len()).sum();
        self.vectored += 1;
        self.bytes += n;
        Poll::Ready(Ok(n))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// A context whose waker does nothing: over an always-ready sink nothing waits.
fn context() -> Context<'static> {
    Context::from_waker(futures03::task::noop_waker_ref())
}

fn ready(poll: Poll<io::Result<()>>) {
    match poll {
        Poll::Ready(Ok(())) => {}
        other => panic!("a sink that never blocks or fails: {other:?}"),
    }
}

/// `MESSAGES` items through a `Sink`, `poll_ready` before each `start_send`, then
/// `poll_flush`: what `SinkExt::feed` per item and one `flush` do, without the futures.
#[inline]
fn send_all<S: Sink<Bytes, Error = io::Error> + Unpin>(sink: &mut S, item: &Bytes) {
    let mut cx = context();
    for _ in 0..MESSAGES {
        ready(Pin::new(&mut *sink).poll_ready(&mut cx));
        Pin::new(&mut *sink)
            .start_send(item.clone())
            .expect("a message the codec takes");
    }
    ready(Pin::new(&mut *sink).poll_flush(&mut cx));
}

/// `MESSAGES` messages through `poll_write`, one per call, then `poll_flush`.
#[inline]
fn write_all<W: AsyncWrite + Unpin>(writer: &mut W, payload: &[u8]) {
    let mut cx = context();
    for _ in 0..MESSAGES {
        match Pin::new(&mut *writer).poll_write(&mut cx, payload) {
            Poll::Ready(Ok(n)) if n == payload.len() => {}
            other => panic!("a sink that never blocks or fails: {other:?}"),
        }
    }
    ready(Pin::new(&mut *writer).poll_flush(&mut cx));
}

/// The 64 B payload, as a slice of a shared `Bytes` of a size known at run time.
fn item() -> Bytes {
    Bytes::from(noise(4096, 7)).slice(..black_box(MESSAGE))
}

/// The same payload in a `Bytes` over static memory (`Bytes::from_static`), whose
/// clones and drops do not count references.
fn static_item() -> Bytes {
    let text: &'static [u8] = Box::leak(noise(4096, 7).into_boxed_slice());
    Bytes::from_static(text).slice(..black_box(MESSAGE))
}

fn peer_framed<W: tokio1::io::AsyncWrite>(inner: W) -> FramedWrite<W, LengthDelimitedCodec> {
    FramedWrite::new(inner, LengthDelimitedCodec::new())
}

fn frame(c: &mut Criterion) {
    let item = item();
    // The same wire bytes.
    let mut ours_wire = FrameWriter::new(Vec::new());
    let mut peer_wire = peer_framed(Vec::new());
    send_all(&mut ours_wire, &item);
    send_all(&mut peer_wire, &item);
    assert!(
        ours_wire.get_ref() == peer_wire.get_ref(),
        "different wire bytes"
    );
    // How often each reaches its inner writer for one iteration.
    let mut ours_calls = FrameWriter::new(CountingSink::default());
    let mut peer_calls = peer_framed(CountingSink::default());
    send_all(&mut ours_calls, &item);
    send_all(&mut peer_calls, &item);
    let mut ours_writes = FrameWriter::new(CountingSink::default());
    write_all(&mut ours_writes, &item);
    println!(
        "inner writes per {MESSAGES} messages: FrameWriter Sink {:?}, FrameWriter poll_write \
         {:?}, FramedWrite {:?}",
        ours_calls.get_ref(),
        ours_writes.get_ref(),
        peer_calls.get_ref()
    );

    let mut group = c.benchmark_group("frame_64B");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    let mut peer = peer_framed(NoopSink);
    group.bench_function("tokio_util_FramedWrite_sink", |b| {
        b.iter(|| send_all(&mut peer, black_box(&item)));
    });
    let mut ours = FrameWriter::new(NoopSink);
    group.bench_function("writestack_FrameWriter_sink", |b| {
        b.iter(|| send_all(&mut ours, black_box(&item)));
    });
    let mut ours = FrameWriter::new(NoopSink);
    let payload = &item[..];
    group.bench_function("writestack_FrameWriter_poll_write", |b| {
        b.iter(|| write_all(&mut ours, black_box(payload)));
    });
    // The Sink pair again with items whose clone touches no reference count.
    let fixed = static_item();
    let mut peer = peer_framed(NoopSink);
    group.bench_function("tokio_util_FramedWrite_sink_static_items", |b| {
        b.iter(|| send_all(&mut peer, black_box(&fixed)));
    });
    let mut ours = FrameWriter::new(NoopSink);
    group.bench_function("writestack_FrameWriter_sink_static_items", |b| {
        b.iter(|| send_all(&mut ours, black_box(&fixed)));
    });
    group.finish();
}

/// Which stack a `tcp_stack` run sends through.
#[derive(Clone, Copy, Debug)]
enum Stack {
    Peer,
    Ours,
    OursCrc,
}

impl Stack {
    fn id(self) -> &'static str {
        match self {
            Stack::Peer => "tokio_util_FramedWrite_GzipEncoder_BufWriter",
            Stack::Ours => "writestack_frame_gzip_buffer",
            Stack::OursCrc => "writestack_frame_crc32_gzip_buffer",
        }
    }
}

/// Every message through `sink` with `feed`, then `close`.
async fn send<S: Sink<Bytes, Error = io::Error> + Unpin>(mut sink: S, messages: &[Bytes]) {
    for message in messages {
        sink.feed(message.clone()).await.expect("loopback write");
    }
    sink.close().await.expect("loopback close");
}

/// One run: connect, send every message through `stack`, close, and wait for the
/// reader's EOF. Gives back what the reader got when `keep` is set, else its length.
async fn run(stack: Stack, messages: &[Bytes], keep: bool) -> Vec<u8> {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let reader = tokio1::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut buf = vec![0; 64 * 1024];
        let (mut kept, mut total) = (Vec::new(), 0usize);
        loop {
            let n = socket.read(&mut buf).await.expect("loopback read");
            if n == 0 {
                break;
            }
            total += n;
            if keep {
                kept.extend_from_slice(&buf[..n]);
            }
        }
        if keep {
            kept
        } else {
            total.to_be_bytes().to_vec()
        }
    });
    let socket = TcpStream::connect(address).await.expect("connect");
    socket.set_nodelay(true).expect("nodelay");
    let level = Compression::new(LEVEL);
    match stack {
        Stack::Peer => {
            let quality = Level::Precise(i32::try_from(LEVEL).expect("a level from 0 to 9"));
            let encoder = GzipEncoder::with_quality(tokio1::io::BufWriter::new(socket), quality);
            send(peer_framed(encoder), messages).await;
        }
        Stack::Ours => send(socket.buffered().gzip(level).framed(), messages).await,
        Stack::OursCrc => send(socket.buffered().gzip(level).crc32().framed(), messages).await,
    }
    reader.await.expect("the reader task")
}

/// 32 MiB of text as shared 4 KiB messages.
fn messages() -> Vec<Bytes> {
    let text = Bytes::from(rust_sources(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        TCP_TOTAL,
        TCP_TOTAL / 4,
    ));
    (0..TCP_TOTAL / TCP_MESSAGE)
        .map(|i| text.slice(i * TCP_MESSAGE..(i + 1) * TCP_MESSAGE))
        .collect()
}

fn runtime() -> Runtime {
    tokio1::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .expect("a tokio 1 runtime")
}

/// Checks once that every stack's wire is gzip of the length-prefixed messages.
fn check(runtime: &Runtime, messages: &[Bytes]) {
    let mut framed = Vec::with_capacity(TCP_TOTAL + 4 * messages.len());
    for message in messages {
        let len = u32::try_from(message.len()).expect("a 4 KiB message");
        framed.extend_from_slice(&len.to_be_bytes());
        framed.extend_from_slice(message);
    }
    for stack in [Stack::Peer, Stack::Ours, Stack::OursCrc] {
        let wire = runtime.block_on(run(stack, messages, true));
        let plain = gunzip_exact(&wire).unwrap_or_else(|e| panic!("{}: {e}", stack.id()));
        let body = match stack {
            // The CRC trailer (4 bytes, big-endian) follows the frames.
            Stack::OursCrc => {
                let (body, trailer) = plain.split_at(plain.len() - 4);
                assert_eq!(trailer, crc32fast::hash(body).to_be_bytes());
                body
            }
            _ => &plain[..],
        };
        assert!(body == framed, "{} lost or changed bytes", stack.id());
        println!("{}: {} bytes on the wire", stack.id(), wire.len());
    }
}

fn tcp_stack(c: &mut Criterion) {
    let runtime = runtime();
    let messages = messages();
    check(&runtime, &messages);
    let mut group = c.benchmark_group("tcp_stack");
    group.throughput(Throughput::Bytes(TCP_TOTAL as u64));
    group.sample_size(10);
    for stack in [Stack::Peer, Stack::Ours, Stack::OursCrc] {
        group.bench_with_input(BenchmarkId::new(stack.id(), "4KiB"), &stack, |b, &stack| {
            b.iter(|| runtime.block_on(run(stack, black_box(&messages), false)));
        });
    }
    group.finish();
}

criterion_group!(benches, frame, tcp_stack);

fn main() {
    if let Some(rounds) = summary::run(benches, pairs) {
        interleaved(rounds);
    }
}

fn pairs() -> Vec<Pair> {
    let frame = |ours: &str| Pair {
        group: "frame_64B".to_string(),
        peer: "tokio_util_FramedWrite_sink".to_string(),
        ours: ours.to_string(),
        writes: Some(MESSAGES),
    };
    let tcp = |ours: Stack| Pair {
        group: "tcp_stack".to_string(),
        peer: format!("{}/4KiB", Stack::Peer.id()),
        ours: format!("{}/4KiB", ours.id()),
        writes: None,
    };
    vec![
        frame("writestack_FrameWriter_sink"),
        frame("writestack_FrameWriter_poll_write"),
        Pair {
            group: "frame_64B".to_string(),
            peer: "tokio_util_FramedWrite_sink_static_items".to_string(),
            ours: "writestack_FrameWriter_sink_static_items".to_string(),
            writes: Some(MESSAGES),
        },
        tcp(Stack::Ours),
        tcp(Stack::OursCrc),
    ]
}

/// The pairs again, peer and ours in alternation; an argument filters by label (as
/// criterion's does by id), so `tcp` or `frame` runs one half.
fn interleaved(rounds: usize) {
    let filter = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .unwrap_or_default();
    println!(
        "\ninterleaved, {rounds} rounds: medians, and the median of the per-round peer / ours:"
    );
    if "frame".contains(&filter) || filter.starts_with("frame") {
        let item = item();
        let payload = item.to_vec();
        let mut peer = peer_framed(NoopSink);
        let mut ours = FrameWriter::new(NoopSink);
        summary::interleaved(
            "frame 64 B, Sink",
            Some(MESSAGES),
            rounds * 200,
            &mut || send_all(&mut peer, black_box(&item)),
            &mut || send_all(&mut ours, black_box(&item)),
        );
        let fixed = static_item();
        summary::interleaved(
            "frame 64 B, Sink, static items",
            Some(MESSAGES),
            rounds * 200,
            &mut || send_all(&mut peer, black_box(&fixed)),
            &mut || send_all(&mut ours, black_box(&fixed)),
        );
        let mut peer = peer_framed(NoopSink);
        let mut ours = FrameWriter::new(NoopSink);
        summary::interleaved(
            "frame 64 B, poll_write",
            Some(MESSAGES),
            rounds * 200,
            &mut || send_all(&mut peer, black_box(&item)),
            &mut || write_all(&mut ours, black_box(&payload)),
        );
    }
    if "tcp_stack".contains(&filter) || filter.starts_with("tcp") {
        let runtime = runtime();
        let messages = messages();
        for ours in [Stack::Ours, Stack::OursCrc] {
            summary::interleaved(
                &format!("tcp {}", ours.id()),
                None,
                rounds,
                &mut || {
                    black_box(runtime.block_on(run(Stack::Peer, &messages, false)));
                },
                &mut || {
                    black_box(runtime.block_on(run(ours, &messages, false)));
                },
            );
        }
    }
}
