//! The layers on tokio 1 against today's tokio 1 peers, each on its own runtime's writer
//! trait (`tokio::io::AsyncWrite`), over the same no-op tokio 1 sink:
//!
//! * `gzip_<backend>`: `GzipWriter` against async-compression's
//!   `tokio::write::GzipEncoder` at levels 1 and 6, on 48 MiB of real text (this
//!   workspace's Rust sources, then the cargo registry's: more than the 32 MiB L3 of the
//!   bench machine) in 16 KiB writes, then `poll_shutdown` (every trailer written).
//!   Goal: at least 1.0x.
//! * `buf`: `BufWriter` against `tokio::io::BufWriter`, both 8 KiB, on the first 256 KiB
//!   of the same text in writes of 16 B and 64 B (the size goes through `black_box`: a
//!   service's write sizes are only known at run time), then `poll_flush`. Goal: at
//!   least 1.5x. The input stays in L2 here on purpose: streamed from memory, 64 B writes
//!   run at the memory's speed on both sides (about 8 GB/s on the bench machine) and the
//!   ratio says more about DRAM than about the per-write cost it is meant to compare.
//!
//! Both sides are driven the same way: `poll_write` on a `Context` with a no-op waker,
//! outside any runtime. The sink is always ready, so nothing ever returns `Pending`, and
//! what is measured is each writer's own per-call cost; an `.await` per write inside a
//! runtime would add the same future and poll overhead to both sides and only dilute the
//! ratio. Throughput for `buf` is in writes (criterion's "elem/s").
//!
//! Same backend: flate2 is one crate in the graph, built once with the union of its
//! features, and async-compression (through compression-codecs) uses that flate2. With
//! the facade's default `zlib-rs` on, flate2 picks zlib-rs over miniz_oxide for both; with
//! `--no-default-features --features tokio,flate,buf` both get miniz_oxide. The group name
//! carries the backend. (The CRC-32 differs: ours is crc32fast's, async-compression's is
//! `flate2::Crc`, zlib-rs's own under the zlib-rs backend.)
//!
//! After criterion's own report, a summary prints each pair's medians and ratio (peer
//! median / ours: above 1.0 is ours faster), read from criterion's `estimates.json`.
//! Criterion measures one side, then the other, so load that comes and goes (another
//! build on the machine) can swing a ratio either way; `AB_ROUNDS=N` then also
//! times the pairs in alternation, one iteration each, N rounds, and prints the median
//! of the per-round ratios.
//!
//! ```text
//! cargo bench --bench tokio1 --features tokio -- --warm-up-time 1 --measurement-time 5
//! AB_ROUNDS=21 cargo bench --bench tokio1 --features tokio -- --warm-up-time 1
//! ```

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use async_compression::tokio::write::GzipEncoder;
use async_compression::Level;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use tokio1::io::AsyncWrite;
use writestack::flate::{Compression, GzipWriter};
use writestack_test::corpus::rust_sources;
use writestack_test::reference::gunzip_exact;
use writestack_test::sink::NoopSink;

#[path = "tokio1/summary.rs"]
mod summary;

use summary::Pair;

/// Bytes of gzip input per iteration: more than the L3 cache (32 MiB here).
const TOTAL: usize = 48 * 1024 * 1024;
/// Bytes of `BufWriter` input per iteration: what stays in L2 (see the module docs).
const BUF_TOTAL: usize = 256 * 1024;
/// Gzip write size.
const PIECE: usize = 16 * 1024;
/// Both buffers.
const CAPACITY: usize = 8 * 1024;

const BACKEND: &str = if cfg!(feature = "zlib-rs") {
    "zlib-rs"
} else {
    "miniz_oxide"
};

/// A context whose waker does nothing: over an always-ready sink nothing waits.
fn context() -> Context<'static> {
    Context::from_waker(futures03::task::noop_waker_ref())
}

/// All of `bytes` through `poll_write`, as a tokio 1 user's `write_all` does.
#[inline]
fn write_all<W: AsyncWrite + Unpin>(writer: &mut W, cx: &mut Context<'_>, bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        match Pin::new(&mut *writer).poll_write(cx, rest) {
            Poll::Ready(Ok(n)) if n > 0 => rest = &rest[n..],
            other => panic!("a sink that never blocks or fails: {other:?}"),
        }
    }
}

/// Runs one of the `poll_flush` / `poll_shutdown` calls to its end.
fn ready(poll: Poll<io::Result<()>>) {
    match poll {
        Poll::Ready(Ok(())) => {}
        other => panic!("a sink that never blocks or fails: {other:?}"),
    }
}

/// Compresses `data` in `PIECE` writes through `writer`, shuts it down, gives it back.
fn compress<W: AsyncWrite + Unpin>(mut writer: W, data: &[u8]) -> W {
    let mut cx = context();
    for piece in data.chunks(PIECE) {
        write_all(&mut writer, &mut cx, piece);
    }
    ready(Pin::new(&mut writer).poll_shutdown(&mut cx));
    writer
}

fn ours<W: AsyncWrite + Unpin>(sink: W, data: &[u8], level: u32) -> W {
    compress(GzipWriter::new(sink, Compression::new(level)), data).into_inner()
}

fn peer<W: AsyncWrite + Unpin>(sink: W, data: &[u8], level: u32) -> W {
    let encoder = GzipEncoder::with_quality(
        sink,
        Level::Precise(i32::try_from(level).expect("a level from 0 to 9")),
    );
    compress(encoder, data).into_inner()
}

fn gzip(c: &mut Criterion) {
    let data = text(TOTAL);
    // Both must give back the input, and their sizes should be close.
    for level in [1, 6] {
        let ours_wire = ours(Vec::new(), &data, level);
        let peer_wire = peer(Vec::new(), &data, level);
        for (who, wire) in [("GzipWriter", &ours_wire), ("GzipEncoder", &peer_wire)] {
            let plain = gunzip_exact(wire).unwrap_or_else(|e| panic!("{who}: {e}"));
            assert!(plain == data, "{who} at level {level} lost bytes");
        }
        println!(
            "{BACKEND} level {level}: {} bytes in; GzipWriter {} bytes, async-compression \
             GzipEncoder {} bytes ({:+.3}%)",
            data.len(),
            ours_wire.len(),
            peer_wire.len(),
            (ours_wire.len() as f64 / peer_wire.len() as f64 - 1.0) * 100.0
        );
    }

    let mut group = c.benchmark_group(format!("gzip_{BACKEND}"));
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.sample_size(10);
    for level in [1u32, 6] {
        let label = format!("level{level}");
        group.bench_with_input(
            BenchmarkId::new("async_compression_GzipEncoder", &label),
            &level,
            |b, &level| b.iter(|| peer(NoopSink, black_box(&data), level)),
        );
        group.bench_with_input(
            BenchmarkId::new("writestack_GzipWriter", &label),
            &level,
            |b, &level| b.iter(|| ours(NoopSink, black_box(&data), level)),
        );
    }
    group.finish();
}

/// Writes `text` in `size` pieces, then flushes.
#[inline]
fn small_writes<W: AsyncWrite + Unpin>(writer: &mut W, text: &[u8], size: usize) {
    let mut cx = context();
    for piece in text.chunks(size) {
        write_all(writer, &mut cx, piece);
    }
    ready(Pin::new(&mut *writer).poll_flush(&mut cx));
}

fn buf(c: &mut Criterion) {
    let data = &text(BUF_TOTAL)[..];
    let mut group = c.benchmark_group("buf");
    group.sample_size(20);
    for size in [16usize, 64] {
        let size = black_box(size);
        group.throughput(Throughput::Elements(BUF_TOTAL.div_ceil(size) as u64));
        group.bench_with_input(
            BenchmarkId::new("tokio_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = tokio1::io::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| small_writes(&mut writer, data, size));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("writestack_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = writestack::buf::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| small_writes(&mut writer, data, size));
            },
        );
    }
    group.finish();
}

/// The first `len` bytes of the corpus, all distinct text.
fn text(len: usize) -> Vec<u8> {
    rust_sources(Path::new(env!("CARGO_MANIFEST_DIR")), len, len)
}

criterion_group!(benches, gzip, buf);

fn main() {
    if let Some(rounds) = summary::run(benches, pairs) {
        interleaved(rounds);
    }
}

/// The pairs criterion measured, by their ids.
fn pairs() -> Vec<Pair> {
    let mut pairs = Vec::new();
    for level in [1, 6] {
        pairs.push(Pair {
            group: format!("gzip_{BACKEND}"),
            peer: format!("async_compression_GzipEncoder/level{level}"),
            ours: format!("writestack_GzipWriter/level{level}"),
            writes: None,
        });
    }
    for size in [16, 64] {
        pairs.push(Pair {
            group: "buf".to_string(),
            peer: format!("tokio_BufWriter/{size}"),
            ours: format!("writestack_BufWriter/{size}"),
            writes: Some(BUF_TOTAL.div_ceil(size)),
        });
    }
    pairs
}

/// The same pairs again, peer and ours in alternation (`AB_ROUNDS` rounds of one
/// iteration each), for a ratio that holds when other work shares the machine.
fn interleaved(rounds: usize) {
    let data = text(TOTAL);
    println!(
        "\ninterleaved, {rounds} rounds: medians, and the median of the per-round peer / ours:"
    );
    for level in [1, 6] {
        summary::interleaved(
            &format!("gzip_{BACKEND} level{level}"),
            None,
            rounds,
            &mut || {
                black_box(peer(NoopSink, black_box(&data), level));
            },
            &mut || {
                black_box(ours(NoopSink, black_box(&data), level));
            },
        );
    }
    let data = &data[..BUF_TOTAL];
    for size in [16usize, 64] {
        let size = black_box(size);
        let mut peer = tokio1::io::BufWriter::with_capacity(CAPACITY, NoopSink);
        let mut ours = writestack::buf::BufWriter::with_capacity(CAPACITY, NoopSink);
        // An iteration is short: many more rounds cost little.
        summary::interleaved(
            &format!("buf {size} B"),
            Some(BUF_TOTAL.div_ceil(size)),
            rounds * 20,
            &mut || small_writes(&mut peer, data, size),
            &mut || small_writes(&mut ours, data, size),
        );
    }
}
