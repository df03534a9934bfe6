//! Arbitrary bytes into every flate reader (`GzipReader` single and multi member,
//! `ZlibReader`, `DeflateReader`) with a small input buffer and small reads: no panic,
//! no hang, every error `InvalidData` or `UnexpectedEof`. Output is counted, not kept,
//! and reading stops after 16 MiB, so a bomb in the corpus costs bounded time.
#![no_main]

use std::io::{ErrorKind, Read};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use writestack_flate::{DeflateReader, GzipReader, ZlibReader};

const MAX_OUTPUT: usize = 16 << 20;

#[derive(Debug, Arbitrary)]
struct Input {
    reader: u8,
    capacity: u8,
    read_size: u8,
    wire: Vec<u8>,
}

fn drain(mut reader: impl Read, read_size: usize) {
    let mut buf = vec![0; read_size];
    let mut total = 0;
    while total < MAX_OUTPUT {
        match reader.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                assert!(n <= buf.len());
                total += n;
            }
            Err(error) => {
                assert!(
                    matches!(
                        error.kind(),
                        ErrorKind::InvalidData | ErrorKind::UnexpectedEof
                    ),
                    "{error:?}"
                );
                // Errors are sticky.
                let again = reader
                    .read(&mut buf)
                    .expect_err("a failed reader stays failed");
                assert_eq!(again.kind(), error.kind());
                return;
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let capacity = usize::from(input.capacity).max(1);
    let read_size = usize::from(input.read_size).max(1);
    let wire = &input.wire[..];
    match input.reader % 4 {
        0 => drain(GzipReader::with_capacity(capacity, wire), read_size),
        1 => drain(GzipReader::multi_with_capacity(capacity, wire), read_size),
        2 => drain(ZlibReader::with_capacity(capacity, wire), read_size),
        _ => drain(DeflateReader::with_capacity(capacity, wire), read_size),
    }
});
