//! What the benches share: sinks that take every byte, and real text as input.
//!
//! Each bench uses part of this module, so unused items are expected per bench.
#![allow(dead_code)]

use std::hint::black_box;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use futures::{Async, Poll};
use tokio_io::AsyncWrite;

/// Takes every byte and does nothing with it, so the layer is what is measured.
#[derive(Debug)]
pub(crate) struct NoopSink;

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

/// Counts bytes instead of keeping them.
#[derive(Debug, Default)]
pub(crate) struct CountingSink(pub(crate) u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AsyncWrite for CountingSink {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        Ok(Async::Ready(()))
    }
}

/// Appends the `.rs` files under `dir` (sorted, depth first) to `out` until it holds
/// `total` bytes. Unreadable entries are skipped: the input only has to be real text.
fn collect_sources(dir: &Path, total: usize, out: &mut Vec<u8>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if out.len() >= total {
            return;
        }
        if path.file_name().is_some_and(|name| name == "target") {
            continue;
        }
        if path.is_dir() {
            collect_sources(&path, total, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            if let Ok(bytes) = std::fs::read(&path) {
                out.extend_from_slice(&bytes);
            }
        }
    }
}

/// `total` bytes of real text: this workspace's Rust sources, then those of the crates
/// in the cargo registry, in path order. `require` says how many of them must be
/// distinct (found on disk); the rest, if the disk holds less, repeats what was found.
pub(crate) fn rust_sources(total: usize, require: usize) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = Vec::with_capacity(total + 1024 * 1024);
    for dir in ["src", "crates", "benches", "examples"] {
        collect_sources(&root.join(dir), total, &mut text);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    if let Some(home) = home {
        collect_sources(&home.join("registry").join("src"), total, &mut text);
    }
    assert!(
        text.len() >= require.min(total),
        "found only {} bytes of Rust sources for the benchmark input",
        text.len()
    );
    let found = text.len();
    while text.len() < total {
        let more = (total - text.len()).min(found);
        text.extend_from_within(..more);
    }
    text.truncate(total);
    text
}
