//! Heap per open stack on tokio 1, ours against the peer stack.
//!
//! Opens 200 stacks of each kind over `tokio::io::sink()`, each after one 1 KiB message
//! sent and flushed through the `Sink` (`SinkExt::send`, in `futures::executor::block_on`):
//! what an open, quiet connection holds. Counts the heap they hold with a counting global
//! allocator and prints the average per stack:
//!
//! * ours: `frame -> gzip(6) -> buffer`, and the same with `crc32` between frame and gzip;
//! * the peer: tokio-util `FramedWrite<GzipEncoder<tokio::io::BufWriter<_>>,
//!   LengthDelimitedCodec>` (async-compression at level 6, every buffer at its default).
//!
//! Both compress with the same flate2 backend (zlib-rs with the facade's defaults).
//!
//! ```text
//! cargo run --release --example memory_tokio --features tokio
//! ```

use std::alloc::System;
use std::io;
use std::path::Path;

use async_compression::tokio::write::GzipEncoder;
use async_compression::Level;
use bytes1::Bytes;
use cap::Cap;
use futures03::executor::block_on;
use futures03::{Sink, SinkExt};
use tokio_util::codec::{FramedWrite, LengthDelimitedCodec};
use writestack::flate::Compression;
use writestack::prelude::*;
use writestack_test::corpus::Corpus;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const STACKS: usize = 200;
const LEVEL: u32 = 6;

/// 1 KiB of real text (the first `.rs` files of this workspace).
fn message() -> Bytes {
    Bytes::from(Corpus::new(Path::new(env!("CARGO_MANIFEST_DIR")), &[""]).read(1024, 1024))
}

/// Heap bytes one open stack holds, averaged over `STACKS` stacks made by `open`, each
/// sent `message` (when there is one) and flushed.
fn heap_per_stack<S, F>(open: F, message: Option<&Bytes>) -> usize
where
    S: Sink<Bytes, Error = io::Error> + Unpin,
    F: Fn() -> S,
{
    let before = ALLOCATOR.allocated();
    let mut stacks = Vec::with_capacity(STACKS);
    let vec_heap = ALLOCATOR.allocated() - before;
    for _ in 0..STACKS {
        let mut stack = open();
        if let Some(message) = message {
            block_on(stack.send(message.clone())).expect("tokio::io::sink takes everything");
        }
        stacks.push(stack);
    }
    let held = ALLOCATOR.allocated() - before - vec_heap;
    drop(stacks);
    held / STACKS
}

fn main() {
    let message = message();
    let level = Compression::new(LEVEL);
    let quality = Level::Precise(i32::try_from(LEVEL).expect("a level from 0 to 9"));
    let peer = || {
        let encoder =
            GzipEncoder::with_quality(tokio1::io::BufWriter::new(tokio1::io::sink()), quality);
        FramedWrite::new(encoder, LengthDelimitedCodec::new())
    };
    let ours = || tokio1::io::sink().buffered().gzip(level).framed();
    let ours_crc = || tokio1::io::sink().buffered().gzip(level).crc32().framed();

    println!(
        "{STACKS} stacks each, after one {} B message and a flush:",
        message.len()
    );
    let peer_heap = heap_per_stack(peer, Some(&message));
    let rows = [
        ("peer: FramedWrite<GzipEncoder<BufWriter<_>>>", peer_heap),
        (
            "ours: frame -> gzip(6) -> buffer",
            heap_per_stack(ours, Some(&message)),
        ),
        (
            "ours: frame -> crc32 -> gzip(6) -> buffer",
            heap_per_stack(ours_crc, Some(&message)),
        ),
    ];
    for (name, heap) in rows {
        println!(
            "{name:<46} {heap:>7} bytes = {:>6.1} KiB per stack ({:>5.1}% of the peer's)",
            heap as f64 / 1024.0,
            100.0 * heap as f64 / peer_heap as f64
        );
    }
    println!("never written:");
    for (name, heap) in [
        ("peer", heap_per_stack(peer, None)),
        ("ours", heap_per_stack(ours, None)),
        ("ours + crc32", heap_per_stack(ours_crc, None)),
    ] {
        println!("{name:<46} {heap:>9} bytes per stack");
    }
}
