//! Shared by the examples: a deterministic text generator, and a decoder for the
//! `frame -> crc32 -> gzip` wire format built from the test kit's reference decoders
//! (flate2, tokio's `LengthDelimitedCodec`, crc32fast: none of them ours).
//!
//! Each example uses only part of this module, hence the `dead_code` allowance.
#![allow(dead_code)]

use writestack::Endian;
use writestack_test::reference::{crc_trailer, join_frames, tokio_frames};

/// Words the generator draws from: ordinary log vocabulary, so compression ratios look
/// like those of real text rather than of noise or of one repeated line.
const WORDS: &[&str] = &[
    "request",
    "response",
    "client",
    "server",
    "accepted",
    "rejected",
    "timeout",
    "retry",
    "cache",
    "miss",
    "hit",
    "user",
    "session",
    "token",
    "expired",
    "refreshed",
    "upstream",
    "downstream",
    "latency",
    "bytes",
    "queue",
    "worker",
    "shard",
    "replica",
    "leader",
    "follower",
    "commit",
    "rollback",
    "checkpoint",
    "snapshot",
    "index",
    "query",
    "scan",
    "row",
    "column",
    "table",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "from",
    "after",
    "before",
    "while",
    "connection",
    "reset",
    "opened",
    "closed",
    "handshake",
    "certificate",
    "valid",
    "invalid",
    "payload",
    "header",
    "body",
    "chunk",
    "frame",
    "stream",
    "compressed",
    "checksum",
    "order",
    "invoice",
    "customer",
    "shipment",
];
const LEVELS: &[&str] = &["INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"];
const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT", "DELETE"];
const PATHS: &[&str] = &[
    "/api/v1/orders",
    "/api/v1/users",
    "/api/v2/search",
    "/static",
    "/health",
];
const STATUS: &[u16] = &[200, 200, 200, 200, 201, 204, 304, 400, 404, 500, 503];

/// xorshift64*: small, fast, and the same on every machine for a given seed.
#[derive(Debug)]
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn new(seed: u64) -> XorShift {
        // A zero state would stay zero forever.
        XorShift(seed | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX);
        // Below `n`, which was a usize.
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// `len` bytes of access-log-like lines, the same for the same `seed`: a timestamp, a
/// level, a worker, a request line, a status and a sentence of 4..16 words.
pub(crate) fn log_text(len: usize, seed: u64) -> Vec<u8> {
    use std::io::Write;

    let mut rng = XorShift::new(seed);
    let mut out = Vec::with_capacity(len + 256);
    let mut millis: u64 = 1_764_115_200_000; // 2025-11-26T00:00:00Z
    while out.len() < len {
        millis += rng.next() % 40;
        let (secs, ms) = (millis / 1000, millis % 1000);
        let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
        // Writing into a Vec cannot fail.
        let _ = write!(
            out,
            "2025-11-26T{h:02}:{m:02}:{s:02}.{ms:03}Z {} [worker-{}] {} {}/{} -> {} in {} ms:",
            rng.pick(LEVELS),
            rng.below(16),
            rng.pick(METHODS),
            rng.pick(PATHS),
            rng.below(100_000),
            rng.pick(STATUS),
            rng.below(250),
        );
        for _ in 0..4 + rng.below(12) {
            out.push(b' ');
            out.extend_from_slice(rng.pick(WORDS).as_bytes());
        }
        out.push(b'\n');
    }
    out.truncate(len);
    out
}

/// What [`decode_frames`] found.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The payload, reassembled from the frames.
    pub(crate) payload: Vec<u8>,
    /// Data frames, not counting the end marker.
    pub(crate) data_frames: u64,
    /// The CRC32 trailer as sent (big endian on the wire).
    pub(crate) trailer: u32,
    /// crc32fast's hash of everything before the trailer (frames and end marker).
    pub(crate) computed: u32,
}

/// Splits `framed ++ crc32_be(framed)` where `framed` is 4-byte big-endian
/// length-delimited frames ending in one zero-length end marker.
pub(crate) fn decode_frames(stream: &[u8], max_frame: usize) -> Result<Decoded, String> {
    let split = crc_trailer(stream)?;
    let frames = tokio_frames(4, Endian::Big, max_frame, split.body)?;
    let payload = join_frames(&frames, true)?;
    Ok(Decoded {
        payload,
        data_frames: frames.len() as u64 - 1,
        trailer: split.trailer,
        computed: split.computed,
    })
}

/// `n` bytes in human units.
pub(crate) fn size(n: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if n >= 1024 * 1024 {
        format!("{:.2} MiB", n as f64 / MIB)
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// MiB/s for `n` bytes over `secs` seconds.
pub(crate) fn rate(n: u64, secs: f64) -> String {
    if secs <= 0.0 {
        return "-".to_string();
    }
    format!("{:.1} MiB/s", n as f64 / (1024.0 * 1024.0) / secs)
}
