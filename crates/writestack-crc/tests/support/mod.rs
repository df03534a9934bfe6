//! Helpers shared by the integration tests (each test file that needs them declares
//! `mod support;`).
#![allow(dead_code)]

use std::io::Write;

use futures::Future;
use writestack_core::{Endian, FinishExt};
use writestack_crc::Crc32Writer;
use writestack_test::reference::run_tool;

/// Asks Python for the CRC32 trailer of `data` in both byte orders: `(big, little)`.
pub(crate) fn python_trailers(data: &[u8]) -> ([u8; 4], [u8; 4]) {
    const SCRIPT: &str = "import sys, zlib\n\
        crc = zlib.crc32(sys.stdin.buffer.read()) & 0xffffffff\n\
        print(crc.to_bytes(4, 'big').hex(), crc.to_bytes(4, 'little').hex())";
    let output = run_tool("python3", &["-c", SCRIPT], data);
    output.fed.expect("could not send the payload to python3");
    assert!(output.success, "python3 failed: {}", output.stderr);
    let text = String::from_utf8(output.stdout).expect("python3 printed non-UTF-8");
    let words: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(words.len(), 2, "unexpected python3 output: {text:?}");
    (hex4(words[0]), hex4(words[1]))
}

fn hex4(text: &str) -> [u8; 4] {
    assert_eq!(text.len(), 8, "not 4 hex bytes: {text:?}");
    let mut bytes = [0u8; 4];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("hex from python3");
    }
    bytes
}

/// Writes `data` through a trailer-mode writer in `chunk`-sized writes and finishes it
/// without a runtime; returns the whole wire.
pub(crate) fn wire_of(data: &[u8], endian: Endian, chunk: usize) -> Vec<u8> {
    let mut writer = Crc32Writer::with_trailer(Vec::new(), endian);
    for piece in data.chunks(chunk.max(1)) {
        writer.write_all(piece).unwrap();
    }
    writer.finish().wait().unwrap().into_inner()
}
