//! `Crc32Writer` against its anchor, raw `crc32fast::Hasher::update`, on the same chunks.
//!
//! The writer runs over a no-op `AsyncWrite` sink through `poll_write`, so what is measured
//! is the layer (adapter dispatch plus hashing), not a sink. Goal: at least 0.95x the
//! anchor's throughput at 64 KiB and at 1 KiB writes.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures::Async;
use tokio_io::AsyncWrite;
use writestack_core::{Endian, Finish};
use writestack_crc::Crc32Writer;
use writestack_test::corpus::noise;
use writestack_test::sink::{write_all_ready, NoopSink};

/// Bytes hashed per iteration, whatever the write size.
const TOTAL: usize = 1024 * 1024;

fn write_chunks<W: AsyncWrite>(writer: &mut W, data: &[u8], size: usize) {
    for chunk in data.chunks(size) {
        write_all_ready(writer, chunk);
    }
}

fn crc(c: &mut Criterion) {
    // Not all zeros (crc32fast has no fast path for zeros, but be honest).
    let data = noise(TOTAL, 0x2545_F491_4F6C_DD1D);
    let mut group = c.benchmark_group("crc32");
    group.throughput(Throughput::Bytes(TOTAL as u64));
    for (label, size) in [("64KiB", 64 * 1024), ("1KiB", 1024)] {
        group.bench_with_input(
            BenchmarkId::new("anchor_hasher", label),
            &size,
            |b, &size| {
                b.iter(|| {
                    let mut hasher = crc32fast::Hasher::new();
                    for chunk in black_box(&data[..]).chunks(size) {
                        hasher.update(chunk);
                    }
                    black_box(hasher.finalize())
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("Crc32Writer", label), &size, |b, &size| {
            b.iter(|| {
                let mut writer = Crc32Writer::new(NoopSink);
                write_chunks(&mut writer, black_box(&data[..]), size);
                black_box(writer.crc())
            });
        });
        group.bench_with_input(
            BenchmarkId::new("Crc32Writer_trailer_finish", label),
            &size,
            |b, &size| {
                b.iter(|| {
                    let mut writer = Crc32Writer::with_trailer(NoopSink, Endian::Big);
                    write_chunks(&mut writer, black_box(&data[..]), size);
                    assert!(matches!(writer.poll_finish(), Ok(Async::Ready(()))));
                    black_box(writer.total_out())
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, crc);
criterion_main!(benches);
