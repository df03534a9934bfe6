//! `Crc32Reader` against its anchor: the same bytes moved once from a `&[u8]` into a
//! reused 64 KiB buffer (as `Read for &[u8]` does) and hashed by `crc32fast::Hasher`.
//!
//! Both sides move each byte once and hash it once, so the ratio is the cost of the
//! reader (adapter dispatch, the trailer hold-back). Goal (issue 12): at least 0.95x the
//! anchor's throughput. After criterion's report, the medians and anchor / ours are
//! printed (anchor / ours; above 1.00x: ours is faster), by `tokio1/summary.rs`;
//! `AB_ROUNDS=N` also times each pair in alternation, N rounds.
//!
//! ```text
//! AB_ROUNDS=41 cargo bench --bench read_crc -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::io::Read;
use std::path::Path;

// The medians summary and A/B timer of the tokio 1 benches, reused.
#[path = "tokio1/summary.rs"]
mod summary;

use criterion::{criterion_group, Criterion, Throughput};
use writestack_core::Endian;
use writestack_crc::Crc32Reader;
use writestack_test::corpus::rust_sources;

use summary::Pair;

/// Bytes per iteration: 32 MiB of text, past the 4 MiB L2 of the machines we measure on.
const TOTAL: usize = 32 * 1024 * 1024;
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

/// The anchor: `Read for &[u8]` moves the bytes into `buf`, crc32fast hashes them.
fn anchor(data: &[u8], buf: &mut [u8]) -> u32 {
    let mut source = black_box(data);
    let mut hasher = crc32fast::Hasher::new();
    loop {
        let n = source.read(buf).unwrap_or(0);
        if n == 0 {
            return hasher.finalize();
        }
        hasher.update(&buf[..n]);
    }
}

fn observe(data: &[u8], buf: &mut [u8]) -> u32 {
    let mut reader = Crc32Reader::new(black_box(data));
    assert_eq!(drain(&mut reader, buf), TOTAL);
    reader.crc()
}

fn trailer(wire: &[u8], buf: &mut [u8]) -> bool {
    let mut reader = Crc32Reader::with_trailer(black_box(wire), Endian::Big);
    assert_eq!(drain(&mut reader, buf), TOTAL);
    reader.is_ended()
}

/// The text and the same with its big-endian CRC32 trailer.
fn inputs() -> (Vec<u8>, Vec<u8>) {
    let data = text();
    let mut wire = data.clone();
    wire.extend_from_slice(&crc32fast::hash(&data).to_be_bytes());
    (data, wire)
}

fn read_crc(c: &mut Criterion) {
    let (data, wire) = inputs();
    let mut buf = vec![0u8; BUF];
    let mut group = c.benchmark_group(GROUP);
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.bench_function("anchor_copy_hash", |b| {
        b.iter(|| black_box(anchor(&data, &mut buf)));
    });
    group.bench_function("Crc32Reader_new", |b| {
        b.iter(|| black_box(observe(&data, &mut buf)));
    });
    group.bench_function("Crc32Reader_with_trailer", |b| {
        b.iter(|| black_box(trailer(&wire, &mut buf)));
    });
    group.finish();
}

/// `AB_ROUNDS=N`: each pair timed in alternation, N rounds, for a ratio that
/// holds better when other work shares the machine.
fn interleaved(rounds: usize) {
    let (data, wire) = inputs();
    let mut buf = vec![0u8; BUF];
    let mut anchor_buf = vec![0u8; BUF];
    println!(
        "\ninterleaved, {rounds} rounds: medians, and the median of the per-round anchor / ours:"
    );
    summary::interleaved(
        "Crc32Reader_new",
        None,
        rounds,
        &mut || {
            black_box(anchor(&data, &mut anchor_buf));
        },
        &mut || {
            black_box(observe(&data, &mut buf));
        },
    );
    summary::interleaved(
        "with_trailer",
        None,
        rounds,
        &mut || {
            black_box(anchor(&data, &mut anchor_buf));
        },
        &mut || {
            black_box(trailer(&wire, &mut buf));
        },
    );
}

criterion_group!(benches, read_crc);

fn main() {
    if let Some(rounds) = summary::run(benches, pairs) {
        interleaved(rounds);
    }
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
