//! `BufWriter` against `std::io::BufWriter`, both at 8 KiB, on 32 MiB of real text (more
//! than the caches hold) written in pieces of 16 B, 64 B and 1 KiB into a no-op sink.
//!
//! The write size goes through `black_box`, so neither writer is compiled for a size
//! known in advance: a service's write sizes are only known at run time. Our writer is
//! called through `poll_write`, as a tokio-io user calls it, from this bench crate (a
//! dependent crate of `writestack-buf`, no LTO). Throughput is in writes, so criterion's
//! "elem/s" is writes per second; its inverse is the time per write.
//!
//! `cargo bench --bench buf`. Goal: at least 1.00x std at every size.

// The medians summary of the tokio 1 benches: each pair's ratio from this run.
#[path = "tokio1/summary.rs"]
#[allow(dead_code)] // its alternating timer is not used here
mod summary;

use std::hint::black_box;
use std::io::{self, Write};
use std::path::Path;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use futures::Async;
use tokio_io::AsyncWrite;
use writestack_test::corpus::rust_sources;
use writestack_test::sink::NoopSink;

const TOTAL: usize = 32 * 1024 * 1024;
const CAPACITY: usize = 8 * 1024;

fn writes(c: &mut Criterion) {
    let text = rust_sources(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        TOTAL,
        4 * 1024 * 1024,
    );
    let mut group = c.benchmark_group("buf");
    group.sample_size(20);
    for size in [16usize, 64, 1024] {
        let size = black_box(size);
        group.throughput(Throughput::Elements(TOTAL.div_ceil(size) as u64));
        group.bench_with_input(
            BenchmarkId::new("std_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = io::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| {
                    for piece in text.chunks(size) {
                        writer.write_all(piece).unwrap();
                    }
                    writer.flush().unwrap();
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("writestack_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = writestack::buf::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| {
                    for piece in text.chunks(size) {
                        match writer.poll_write(piece) {
                            Ok(Async::Ready(n)) if n == piece.len() => {}
                            Ok(Async::Ready(n)) => writer.write_all(&piece[n..]).unwrap(),
                            other => panic!("the no-op sink never blocks or fails: {other:?}"),
                        }
                    }
                    writer.flush().unwrap();
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, writes);
fn main() {
    // Anchor / ours for every pair of `pairs`; no alternating timer here.
    summary::run(benches, pairs);
}

/// Each size's pair, timed per write.
fn pairs() -> Vec<summary::Pair> {
    [16usize, 64, 1024]
        .into_iter()
        .map(|size| summary::Pair {
            group: "buf".to_owned(),
            peer: format!("std_BufWriter/{size}"),
            ours: format!("writestack_BufWriter/{size}"),
            writes: Some(TOTAL.div_ceil(size)),
        })
        .collect()
}
