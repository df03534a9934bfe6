//! Encoder reuse: 1,000 messages of 1 KiB of real text, each its own gzip member at
//! level 6, into a sink that counts bytes. The anchor builds a new `GzipWriter` per
//! message (a new compressor each time, about 300 KiB allocated and initialised); ours
//! keeps one writer and calls `restart()` after each finished member. Both produce the
//! same bytes (`crates/writestack-flate/tests/reuse.rs` checks it).
//!
//! `cargo bench --bench reuse`. Goal: at least 1.5x.

// The medians summary of the tokio 1 benches: each pair's ratio from this run.
#[path = "tokio1/summary.rs"]
#[allow(dead_code)] // its alternating timer is not used here
mod summary;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use criterion::{criterion_group, Criterion, Throughput};
use futures::Async;
use writestack::flate::{Compression, GzipWriter};
use writestack::Finish;
use writestack_test::corpus::rust_sources;
use writestack_test::sink::CountingSink;

const MESSAGES: usize = 1_000;
const MESSAGE: usize = 1024;

fn write_member(writer: &mut GzipWriter<CountingSink>, message: &[u8]) {
    writer.write_all(message).unwrap();
    match writer.poll_finish() {
        Ok(Async::Ready(())) => {}
        other => panic!("the counting sink never blocks or fails: {other:?}"),
    }
}

fn messages(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = rust_sources(root, MESSAGES * MESSAGE, MESSAGES * MESSAGE);
    let level = Compression::new(6);
    let mut group = c.benchmark_group("reuse/1000_gzip_members_of_1KiB");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("new_GzipWriter_per_message", |b| {
        b.iter(|| {
            let mut total = 0;
            for message in text.chunks(MESSAGE) {
                let mut writer = GzipWriter::new(CountingSink::default(), level);
                write_member(&mut writer, message);
                total += writer.get_ref().0;
            }
            black_box(total)
        });
    });
    group.bench_function("one_GzipWriter_restarted", |b| {
        let mut writer = GzipWriter::new(CountingSink::default(), level);
        write_member(&mut writer, b"warm-up member");
        b.iter(|| {
            for message in text.chunks(MESSAGE) {
                writer.restart().unwrap();
                write_member(&mut writer, message);
            }
            black_box(writer.get_ref().0)
        });
    });
    group.finish();
}

criterion_group!(benches, messages);
fn main() {
    // Anchor / ours for every pair of `pairs`; no alternating timer here.
    summary::run(benches, pairs);
}

fn pairs() -> Vec<summary::Pair> {
    vec![summary::Pair {
        // criterion files a group "a/b" under "a_b".
        group: "reuse_1000_gzip_members_of_1KiB".to_owned(),
        peer: "new_GzipWriter_per_message".to_owned(),
        ours: "one_GzipWriter_restarted".to_owned(),
        writes: None,
    }]
}
