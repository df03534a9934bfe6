//! A decompression bomb costs time, never memory (rule R4): a ~1 MiB gzip member of
//! zeros that inflates to many MiB is read through while the heap, counted by a global
//! allocator, stays within a few hundred KiB of where it started.
//!
//! The member is built from our `DeflateWriter`'s sync-flushed blocks: after a first
//! MiB of zeros, the block that encodes the next MiB only refers back to zeros, so it can
//! be repeated to make a stream of any length without compressing all of it; the CRC-32
//! of the whole comes from crc32fast (`combine`), not from the reader.

use std::alloc::System;
use std::io::{Read, Write};
use std::time::Instant;

use cap::Cap;
use futures::Future;
use writestack_core::FinishExt;
use writestack_flate::{Compression, DeflateWriter, GzipReader};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const MIB: usize = 1 << 20;
/// Inflated size in MiB by default: 512 MiB from ~520 KiB of gzip took 4.7 s
/// (miniz_oxide) to 8 s (zlib-rs, machine shared) in the unoptimised test profile.
/// `WRITESTACK_BOMB_MIB` sets another size: CI runs 1024 (1 GiB) in release.
const OUTPUT_MIB: usize = 512;

fn output_mib() -> usize {
    std::env::var("WRITESTACK_BOMB_MIB")
        .ok()
        .and_then(|mib| mib.parse().ok())
        .unwrap_or(OUTPUT_MIB)
}

/// A raw deflate stream of `mib` MiB of zeros as (first block, repeatable block, final
/// block): first + repeat * (mib - 1) + final.
fn zero_blocks() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let zeros = vec![0u8; MIB];
    let mut writer = DeflateWriter::new(Vec::new(), Compression::best());
    writer.write_all(&zeros).expect("write");
    writer.flush().expect("flush");
    let first_len = writer.get_ref().len();
    writer.write_all(&zeros).expect("write");
    writer.flush().expect("flush");
    let second_len = writer.get_ref().len();
    let wire = writer.finish().wait().expect("finish").into_inner();
    (
        wire[..first_len].to_vec(),
        wire[first_len..second_len].to_vec(),
        wire[second_len..].to_vec(),
    )
}

/// The member: gzip header, the blocks, CRC-32 and ISIZE of `mib` MiB of zeros.
fn zero_bomb(mib: usize) -> Vec<u8> {
    let (first, repeat, last) = zero_blocks();
    let mut wire = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    wire.extend_from_slice(&first);
    for _ in 1..mib {
        wire.extend_from_slice(&repeat);
    }
    wire.extend_from_slice(&last);
    let mut one_mib = crc32fast::Hasher::new();
    one_mib.update(&vec![0u8; MIB]);
    let mut crc = crc32fast::Hasher::new();
    for _ in 0..mib {
        crc.combine(&one_mib);
    }
    wire.extend_from_slice(&crc.finalize().to_le_bytes());
    let isize = u64::try_from(mib * MIB).expect("fits") & u64::from(u32::MAX);
    wire.extend_from_slice(&u32::try_from(isize).expect("masked").to_le_bytes());
    wire
}

#[test]
fn a_zero_bomb_is_read_through_in_bounded_memory() {
    let mib = output_mib();
    let wire = zero_bomb(mib);
    println!("bomb: {} bytes of gzip -> {mib} MiB", wire.len());
    let mut output = vec![0u8; 64 * 1024];
    let baseline = ALLOCATOR.allocated();
    // Any allocation that would take the heap 8 MiB above the baseline fails (and the
    // test aborts): a transient peak inside a read cannot slip between the samples.
    ALLOCATOR
        .set_limit(baseline + 8 * MIB)
        .expect("limit above current use");
    let started = Instant::now();
    let mut reader = GzipReader::new(&wire[..]);
    let (mut total, mut peak) = (0usize, baseline);
    loop {
        let n = reader
            .read(&mut output)
            .expect("the bomb is a valid member");
        if n == 0 {
            break;
        }
        assert!(output[..n].iter().all(|&byte| byte == 0));
        total += n;
        peak = peak.max(ALLOCATOR.allocated());
    }
    let elapsed = started.elapsed();
    ALLOCATOR.set_limit(usize::MAX).expect("lift the limit");
    let above = peak - baseline;
    println!("inflated {total} bytes in {elapsed:?}; peak heap {above} bytes above the baseline");
    assert_eq!(total, mib * MIB);
    assert!(above < MIB, "the reader held {above} bytes");
}
