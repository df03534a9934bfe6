//! `Crc32Reader` against its anchor: the same bytes moved once from a `&[u8]` into a
//! reused 64 KiB buffer (as `Read for &[u8]` does) and hashed by `crc32fast::Hasher`.
//!
//! Both sides move each byte once and hash it once, so the ratio is the cost of the
//! reader (adapter dispatch, the trailer hold-back). Goal (issue 12): at least 0.95x the
//! anchor's throughput. After criterion's report, the medians and anchor / ours are
//! printed (anchor / ours; above 1.00x: ours is faster), by `tokio1/summary.rs`.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

// The medians summary of the tokio 1 benches, reused (its A/B timer is not used here).
#[allow(dead_code)]
#[path = "tokio1/summary.rs"]
mod summary;

use criterion::{criterion_group, Criterion, Throughput};
use writestack_core::Endian;
use writestack_crc::Crc32Reader;
use writestack_test::corpus::rust_sources;

use summary::Pair;

/// Bytes per iteration: several MiB of text.
const TOTAL: usize = 4 * 1024 * 1024;
/// The caller's read buffer, reused across reads.
const BUF: usize = 64 * 1024;

const GROUP: &str = "read_crc32";
const PAIRS: [(&str, &str); 2] = [
    ("anchor_copy_hash", "Crc32Reader_new"),
    ("anchor_copy_hash", "Crc32Reader_with_trailer"),
];

fn text() -> Vec<u8> {
    rust_sources(Path::new(env!("CARGO_MANIFEST_DIR")), TOTAL, TOTAL / 4)
}

/// Reads `reader` to its end into `buf`, returning the bytes read.
fn drain<R: Read>(mut reader: R, buf: &mut [u8]) -> usize {
    let mut total = 0;
    loop {
        match reader.read(buf) {
            Ok(0) => return total,
            Ok(n) => {
                black_box(&buf[..n]);
                total += n;
            }
            Err(error) => panic!("read failed: {error}"),
        }
    }
}

fn read_crc(c: &mut Criterion) {
    let data = text();
    let crc = crc32fast::hash(&data);
    let mut wire = data.clone();
    wire.extend_from_slice(&crc.to_be_bytes());
    let mut buf = vec![0u8; BUF];
    let mut group = c.benchmark_group(GROUP);
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.bench_function("anchor_copy_hash", |b| {
        b.iter(|| {
            let mut source = black_box(&data[..]);
            let mut hasher = crc32fast::Hasher::new();
            loop {
                let n = source.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
            }
            black_box(hasher.finalize())
        });
    });
    group.bench_function("Crc32Reader_new", |b| {
        b.iter(|| {
            let mut reader = Crc32Reader::new(black_box(&data[..]));
            assert_eq!(drain(&mut reader, &mut buf), TOTAL);
            black_box(reader.crc())
        });
    });
    group.bench_function("Crc32Reader_with_trailer", |b| {
        b.iter(|| {
            let mut reader = Crc32Reader::with_trailer(black_box(&wire[..]), Endian::Big);
            assert_eq!(drain(&mut reader, &mut buf), TOTAL);
            black_box(reader.is_ended())
        });
    });
    group.finish();
}

criterion_group!(benches, read_crc);

fn main() {
    let started = SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    summary::print_medians(&pairs(), started);
}

fn pairs() -> Vec<Pair> {
    PAIRS
        .iter()
        .map(|&(anchor, ours)| Pair {
            group: GROUP.to_owned(),
            peer: anchor.to_owned(),
            ours: ours.to_owned(),
            writes: None,
        })
        .collect()
}
