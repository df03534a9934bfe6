//! `GzipReader` against its anchor, `flate2::read::GzDecoder`, decoding the same gzip
//! member of 8 MiB of real text (this workspace's Rust sources, then the cargo
//! registry's, in path order; compressed once by flate2 at level 6) into a reused 64 KiB
//! buffer. Both use the same flate2 and so the same backend (zlib-rs with the facade's
//! default features). Goal: at least 0.97x the anchor's throughput.
//!
//! After criterion's report, the medians and the ratio anchor / ours (above 1.00x: ours
//! is faster) are printed, then the same pair timed in alternation (`AB_ROUNDS`,
//! default 20 rounds), whose median ratio holds better on a shared, noisy machine.
//!
//! ```text
//! cargo bench --bench read_flate                                        # zlib-rs
//! cargo bench --bench read_flate --no-default-features --features flate # miniz_oxide
//! ```

#[path = "tokio1/summary.rs"]
mod summary;

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;

use criterion::{criterion_group, Criterion, Throughput};
use summary::Pair;
use writestack_flate::GzipReader;
use writestack_test::corpus::rust_sources;

/// Bytes of payload per iteration.
const TOTAL: usize = 8 * 1024 * 1024;
/// The caller's read buffer, reused across reads and iterations.
const READ: usize = 64 * 1024;

const BACKEND: &str = if cfg!(feature = "zlib-rs") {
    "zlib-rs"
} else {
    "miniz_oxide"
};

fn wire() -> (Vec<u8>, Vec<u8>) {
    let data = rust_sources(Path::new(env!("CARGO_MANIFEST_DIR")), TOTAL, TOTAL);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(&data).unwrap();
    (data, encoder.finish().unwrap())
}

/// Reads `reader` to its end into `buf`, returning the byte count.
fn drain(mut reader: impl Read, buf: &mut [u8]) -> usize {
    let mut total = 0;
    loop {
        match reader.read(buf).unwrap() {
            0 => return total,
            n => total += n,
        }
    }
}

fn ours(wire: &[u8], buf: &mut [u8]) -> usize {
    drain(GzipReader::new(wire), buf)
}

fn anchor(wire: &[u8], buf: &mut [u8]) -> usize {
    drain(flate2::read::GzDecoder::new(wire), buf)
}

fn read_flate(c: &mut Criterion) {
    let (data, wire) = wire();
    let mut buf = vec![0; READ];
    assert_eq!(ours(&wire, &mut buf), data.len());
    assert_eq!(anchor(&wire, &mut buf), data.len());
    println!(
        "{BACKEND}: {} bytes of gzip -> {} bytes",
        wire.len(),
        data.len()
    );

    let mut group = c.benchmark_group(format!("gunzip_{BACKEND}"));
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.sample_size(20);
    group.bench_function("anchor_GzDecoder", |b| {
        b.iter(|| anchor(black_box(&wire), &mut buf));
    });
    group.bench_function("GzipReader", |b| {
        b.iter(|| ours(black_box(&wire), &mut buf));
    });
    group.finish();
}

criterion_group!(benches, read_flate);

fn main() {
    let pairs = || {
        vec![Pair {
            group: format!("gunzip_{BACKEND}"),
            peer: "anchor_GzDecoder".to_string(),
            ours: "GzipReader".to_string(),
            writes: None,
        }]
    };
    // This bench always alternates: 20 rounds unless `AB_ROUNDS` says otherwise.
    let rounds = summary::run(benches, pairs).unwrap_or(20);
    let (_, wire) = wire();
    let mut buf = vec![0; READ];
    println!("\ninterleaved, {rounds} rounds: medians, and the median of per-round anchor / ours:");
    let mut peer_buf = vec![0; READ];
    summary::interleaved(
        &format!("gunzip_{BACKEND}"),
        None,
        rounds,
        &mut || {
            black_box(anchor(black_box(&wire), &mut peer_buf));
        },
        &mut || {
            black_box(ours(black_box(&wire), &mut buf));
        },
    );
}
