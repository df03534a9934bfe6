//! Any payload at any level and flush points -> `GzipWriter` -> `GzipReader` (any input
//! buffer and read size) gives the payload back, and the reader ends exactly at the
//! member's end.
#![no_main]

use std::io::{Read, Write};

use arbitrary::Arbitrary;
use futures::Future;
use libfuzzer_sys::fuzz_target;
use writestack_core::FinishExt;
use writestack_flate::{Compression, GzipReader, GzipWriter};

#[derive(Debug, Arbitrary)]
struct Input {
    level: u8,
    flush_at: Vec<u16>,
    capacity: u8,
    read_size: u8,
    payload: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let level = Compression::new(u32::from(input.level % 10));
    let mut writer = GzipWriter::new(Vec::new(), level);
    let mut cuts: Vec<usize> = input
        .flush_at
        .iter()
        .map(|&at| usize::from(at).min(input.payload.len()))
        .collect();
    cuts.sort_unstable();
    let mut from = 0;
    for cut in cuts {
        writer
            .write_all(&input.payload[from..cut])
            .expect("write to a Vec");
        writer.flush().expect("flush to a Vec");
        from = cut;
    }
    writer
        .write_all(&input.payload[from..])
        .expect("write to a Vec");
    let mut wire = writer
        .finish()
        .wait()
        .expect("finish to a Vec")
        .into_inner();
    let member_len = wire.len();
    wire.extend_from_slice(b"after");

    let capacity = usize::from(input.capacity).max(1);
    let mut reader = GzipReader::with_capacity(capacity, &wire[..]);
    let mut buf = vec![0; usize::from(input.read_size).max(1)];
    let mut decoded = Vec::new();
    loop {
        match reader.read(&mut buf).expect("our own member decodes") {
            0 => break,
            n => decoded.extend_from_slice(&buf[..n]),
        }
    }
    assert_eq!(decoded, input.payload);
    assert_eq!(reader.total_in(), member_len as u64);
    let (inner, leftover) = reader.into_parts();
    assert_eq!([&leftover[..], inner].concat(), b"after");
});
