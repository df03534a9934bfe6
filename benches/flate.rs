//! `GzipWriter` against its anchor, `flate2::write::GzEncoder`, at levels 1 and 6, on
//! 4 MiB of real text (this workspace's Rust sources, then those of the crates in the
//! cargo registry, in path order), written in 16 KiB pieces.
//!
//! Both use the same flate2 and so the same backend. The writer runs over a no-op
//! `AsyncWrite` sink through `poll_write` and `shutdown`, so what is measured is the
//! layer (codec, CRC-32, adapter), not a sink. Goal: at least 0.97x the anchor's
//! throughput at both levels, output within 0.5% of its size.
//!
//! The backend is chosen by the root package's features; run once per backend:
//!
//! ```text
//! cargo bench --bench flate                                        # zlib-rs (default)
//! cargo bench --bench flate --no-default-features --features flate # miniz_oxide
//! ```
//!
//! The group names carry the backend, so the two runs do not overwrite each other.

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures::Async;
use tokio_io::AsyncWrite;
use writestack_flate::{Compression, GzipWriter};
use writestack_test::corpus::rust_sources;
use writestack_test::sink::{write_all_ready, CountingSink, NoopSink};

/// Bytes of input per iteration.
const TOTAL: usize = 4 * 1024 * 1024;
/// Size of each write.
const PIECE: usize = 16 * 1024;

const BACKEND: &str = if cfg!(feature = "zlib-rs") {
    "zlib-rs"
} else {
    "miniz_oxide"
};

fn ours<W: AsyncWrite + Write>(sink: W, data: &[u8], level: Compression) -> W {
    let mut writer = GzipWriter::new(sink, level);
    for piece in data.chunks(PIECE) {
        write_all_ready(&mut writer, piece);
    }
    match writer.shutdown() {
        Ok(Async::Ready(())) => writer.into_inner(),
        other => panic!("the no-op sink never blocks or fails: {other:?}"),
    }
}

fn anchor<W: Write>(sink: W, data: &[u8], level: Compression) -> W {
    let mut encoder = flate2::write::GzEncoder::new(sink, level);
    for piece in data.chunks(PIECE) {
        encoder.write_all(piece).unwrap();
    }
    encoder.finish().unwrap()
}

fn flate(c: &mut Criterion) {
    let data = rust_sources(Path::new(env!("CARGO_MANIFEST_DIR")), TOTAL, TOTAL);
    for level in [1, 6] {
        let level = Compression::new(level);
        let ours_size = ours(CountingSink::default(), &data, level).0;
        let anchor_size = anchor(CountingSink::default(), &data, level).0;
        println!(
            "{BACKEND} level {}: {} bytes in; GzipWriter {ours_size} bytes, GzEncoder \
             {anchor_size} bytes ({:+.3}%)",
            level.level(),
            data.len(),
            (ours_size as f64 / anchor_size as f64 - 1.0) * 100.0
        );
    }

    let mut group = c.benchmark_group(format!("gzip_{BACKEND}"));
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.sample_size(20);
    for level in [1, 6] {
        let compression = Compression::new(level);
        let label = format!("level{level}");
        group.bench_with_input(
            BenchmarkId::new("anchor_GzEncoder", &label),
            &compression,
            |b, &compression| b.iter(|| anchor(NoopSink, black_box(&data), compression)),
        );
        group.bench_with_input(
            BenchmarkId::new("GzipWriter", &label),
            &compression,
            |b, &compression| b.iter(|| ours(NoopSink, black_box(&data), compression)),
        );
    }
    group.finish();
}

criterion_group!(benches, flate);
criterion_main!(benches);
