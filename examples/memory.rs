//! Heap per open stack, and compressed size, for each gzip window.
//!
//! Opens 200 stacks `frame -> crc32 -> gzip(6) -> buffer -> sink`, each after one
//! 1 KiB message written and flushed (what an open, quiet connection holds), and counts
//! the heap they hold with a counting global allocator. Then compresses 8 MiB of real
//! text with each window and prints the size against the default window's.
//!
//! ```text
//! cargo run --release --example memory
//! ```
//!
//! Windows below 15 need zlib-rs (the facade's default backend); on miniz_oxide only the
//! default row is printed.

use std::alloc::System;
use std::io::Write;
use std::path::Path;

use cap::Cap;
use writestack::flate::{Compression, GzipWriter, MAX_WINDOW_BITS, MIN_WINDOW_BITS};
use writestack::prelude::*;
use writestack::Finish;
use writestack_test::corpus::Corpus;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const STACKS: usize = 200;
const TEXT: usize = 8 * 1024 * 1024;

/// Real text: every `.rs` file of this workspace, then the cargo registry's, repeated
/// up to `TEXT` bytes.
fn text() -> Vec<u8> {
    Corpus::new(Path::new(env!("CARGO_MANIFEST_DIR")), &[""])
        .with_registry()
        .read(TEXT, 1)
}

fn gzip(window_bits: u8) -> writestack::flate::GzipBuilder {
    let mut builder = GzipWriter::builder();
    builder.level(Compression::new(6)).window_bits(window_bits);
    builder
}

/// Heap bytes one open stack holds, averaged over `STACKS` stacks.
fn heap_per_stack(window_bits: u8, message: Option<&[u8]>) -> usize {
    let before = ALLOCATOR.allocated();
    let mut stacks = Vec::with_capacity(STACKS);
    let vec_heap = ALLOCATOR.allocated() - before;
    for _ in 0..STACKS {
        let sink = std::io::sink().buffered();
        let gzip = gzip(window_bits).new_write(sink).expect("a valid window");
        let mut stack = gzip.crc32().framed();
        if let Some(message) = message {
            stack.write_all(message).unwrap();
            stack.flush().unwrap();
        }
        stacks.push(stack);
    }
    let held = ALLOCATOR.allocated() - before - vec_heap;
    drop(stacks);
    held / STACKS
}

fn compressed_size(window_bits: u8, text: &[u8]) -> usize {
    let mut writer = gzip(window_bits).new_write(Vec::new()).unwrap();
    writer.write_all(text).unwrap();
    writer.poll_finish().unwrap();
    writer.into_inner().len()
}

fn main() {
    let text = text();
    let message = &text[..1024];
    let windows: Vec<u8> = (MIN_WINDOW_BITS..=MAX_WINDOW_BITS)
        .rev()
        .filter(|&bits| gzip(bits).new_write(Vec::<u8>::new()).is_ok())
        .collect();
    let base_heap = heap_per_stack(MAX_WINDOW_BITS, Some(message));
    let base_size = compressed_size(MAX_WINDOW_BITS, &text);
    println!(
        "idle stack (never written): {} bytes of heap",
        heap_per_stack(MAX_WINDOW_BITS, None)
    );
    println!(
        "{:>11} | {:>22} | {:>26}",
        "window bits", "heap per open stack", "8 MiB of text, gzip(6)"
    );
    for bits in windows {
        let heap = heap_per_stack(bits, Some(message));
        let size = compressed_size(bits, &text);
        println!(
            "{bits:>11} | {:>9.1} KiB ({:>5.1}%) | {size:>10} bytes ({:+6.2}%)",
            heap as f64 / 1024.0,
            100.0 * heap as f64 / base_heap as f64,
            100.0 * (size as f64 / base_size as f64 - 1.0),
        );
    }
}
