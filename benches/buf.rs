//! BufWriter against std::io::BufWriter with the same capacity, into a no-op sink.
//!
//! `cargo bench --bench buf`

use std::hint::black_box;
use std::io::{self, Write};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures::{Async, Poll};
use tokio_io::AsyncWrite;

/// Takes every byte and does nothing, so the layer is what is measured.
struct NoopSink;

impl Write for NoopSink {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(black_box(buf).len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AsyncWrite for NoopSink {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        Ok(Async::Ready(()))
    }
}

const TOTAL: usize = 1024 * 1024;
const CAPACITY: usize = 8 * 1024;

fn writes(c: &mut Criterion) {
    let data = vec![b'x'; TOTAL];
    let mut group = c.benchmark_group("buf");
    group.throughput(Throughput::Bytes(TOTAL as u64));
    for size in [16usize, 64, 1024] {
        group.bench_with_input(
            BenchmarkId::new("std_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = io::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| {
                    for chunk in data.chunks(size) {
                        writer.write_all(chunk).unwrap();
                    }
                    writer.flush().unwrap();
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("writestack_BufWriter", size),
            &size,
            |b, &size| {
                let mut writer = writestack::buf::BufWriter::with_capacity(CAPACITY, NoopSink);
                b.iter(|| {
                    for chunk in data.chunks(size) {
                        match writer.poll_write(chunk) {
                            Ok(Async::Ready(n)) if n == chunk.len() => {}
                            Ok(Async::Ready(n)) => writer.write_all(&chunk[n..]).unwrap(),
                            other => panic!("unexpected {other:?}"),
                        }
                    }
                    writer.flush().unwrap();
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, writes);
criterion_main!(benches);
