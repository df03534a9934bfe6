//! Opens 1,000 `GzipWriter`s at level 6, writes 4 KiB of text to each, and prints the
//! peak resident memory (VmHWM from /proc/self/status, Linux only).
//!
//! ```text
//! cargo run --release -p writestack-flate --example open_writers
//! cargo run --release -p writestack-flate --example open_writers --features zlib-rs
//! ```

use std::io::{self, Write};

use writestack_flate::{Compression, GzipWriter};

const WRITERS: usize = 1_000;

/// Discards everything, so only the writers' own memory is measured.
#[derive(Debug)]
struct Sink;

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A field of /proc/self/status, in KiB.
fn status_kib(field: &str) -> io::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| io::Error::other(format!("no {field} in status")))
}

fn main() -> io::Result<()> {
    let backend = if cfg!(feature = "zlib-rs") {
        "zlib-rs"
    } else {
        "miniz_oxide (flate2 default)"
    };
    // 4 KiB of real text: this crate's own source.
    let source = include_str!("../src/deflater.rs").as_bytes();
    let text: Vec<u8> = source.iter().copied().cycle().take(4096).collect();

    let before = status_kib("VmRSS")?;
    let mut writers = Vec::with_capacity(WRITERS);
    for _ in 0..WRITERS {
        let mut writer = GzipWriter::new(Sink, Compression::default());
        writer.write_all(&text)?;
        writers.push(writer);
    }
    let peak = status_kib("VmHWM")?;
    let now = status_kib("VmRSS")?;
    let accepted: u64 = writers.iter().map(GzipWriter::total_in).sum();

    println!("backend: {backend}");
    println!("{WRITERS} open GzipWriters at level 6, {accepted} bytes accepted in all");
    println!("VmRSS before: {before} KiB");
    println!("VmRSS with the writers open: {now} KiB");
    println!("peak (VmHWM): {peak} KiB");
    println!(
        "per writer: {:.1} KiB (peak minus the RSS before, / {WRITERS})",
        (peak - before) as f64 / WRITERS as f64
    );
    Ok(())
}
