//! `Crc32Reader`, observe-only or with a trailer in either byte order, over arbitrary
//! bytes, an inner reader with arbitrary short reads and `WouldBlock`s, arbitrary small
//! caller buffers and an arbitrary `from_parts` leftover. The oracle is crc32fast over
//! the bytes: a trailer-mode read ends `Ok` iff the last 4 bytes are the CRC of the rest
//! in the configured order; every read makes progress or ends.
#![no_main]

use std::io::{self, ErrorKind, Read};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use writestack_core::Endian;
use writestack_crc::Crc32Reader;

#[derive(Debug, Arbitrary)]
struct Input {
    /// 0: observe only; odd: trailer big-endian; even: little-endian.
    mode: u8,
    /// Bytes already read from the connection, handed in through `from_parts`.
    leftover: u8,
    /// Caller buffer sizes (0 means 1), used in turn.
    reads: Vec<u8>,
    /// Overwrite the last 4 bytes with the right trailer (in the chosen order), so that
    /// valid streams are as common as corrupt ones.
    fix_trailer: bool,
    /// The inner reader's first answers: 0 is `WouldBlock`, n at most n bytes; then it
    /// reads freely (so the run ends).
    inner: Vec<u8>,
    data: Vec<u8>,
}

struct Hostile<'a> {
    data: &'a [u8],
    answers: &'a [u8],
    turn: usize,
    would_blocks: usize,
}

impl Read for Hostile<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let answer = self.answers.get(self.turn).copied();
        self.turn += 1;
        let limit = match answer {
            Some(0) => {
                self.would_blocks += 1;
                return Err(ErrorKind::WouldBlock.into());
            }
            Some(n) => usize::from(n),
            None => usize::MAX,
        };
        let n = buf.len().min(limit).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fuzz_target!(|input: Input| {
    let trailer = match input.mode {
        0 => None,
        m if m % 2 == 1 => Some(Endian::Big),
        _ => Some(Endian::Little),
    };
    let mut data = input.data.clone();
    if let (true, Some(endian), Some(end)) = (input.fix_trailer, trailer, data.len().checked_sub(4))
    {
        let crc = crc32fast::hash(&data[..end]);
        let wire = match endian {
            Endian::Big => crc.to_be_bytes(),
            Endian::Little => crc.to_le_bytes(),
        };
        data[end..].copy_from_slice(&wire);
    }
    let data = &data[..];
    let split = usize::from(input.leftover).min(data.len());
    let (first, rest) = data.split_at(split);
    let inner = Hostile {
        data: rest,
        answers: &input.inner,
        turn: 0,
        would_blocks: 0,
    };
    let parts = (inner, bytes::Bytes::from(first));
    let mut reader = match trailer {
        None => Crc32Reader::from_parts(parts),
        Some(endian) => Crc32Reader::with_trailer_from_parts(parts, endian),
    };
    let mut payload = Vec::new();
    let mut buf = [0u8; 256];
    let mut blocked = 0usize;
    let outcome = loop {
        let size = input
            .reads
            .get(payload.len() % input.reads.len().max(1))
            .copied();
        let size = usize::from(size.unwrap_or(255)).max(1);
        match reader.read(&mut buf[..size]) {
            Ok(0) => break Ok(()),
            Ok(n) => {
                assert!(n <= size);
                payload.extend_from_slice(&buf[..n]);
                assert!(payload.len() <= data.len(), "more payload than input");
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                blocked += 1;
                assert!(
                    blocked <= reader.get_ref().would_blocks,
                    "WouldBlock not from the inner reader"
                );
            }
            Err(error) => break Err(error),
        }
    };
    match trailer {
        None => {
            assert!(outcome.is_ok(), "observe-only failed: {outcome:?}");
            assert_eq!(payload, data);
            assert_eq!(reader.crc(), crc32fast::hash(data));
            assert!(reader.is_ended());
        }
        Some(endian) => {
            let valid = data.len().checked_sub(4).is_some_and(|end| {
                let crc = crc32fast::hash(&data[..end]);
                let wire = match endian {
                    Endian::Big => crc.to_be_bytes(),
                    Endian::Little => crc.to_le_bytes(),
                };
                data[end..] == wire
            });
            match outcome {
                Ok(()) => {
                    assert!(valid, "a stream whose trailer does not match read cleanly");
                    assert_eq!(payload, data[..data.len() - 4]);
                    assert!(reader.is_ended());
                    let (_, rest) = reader.into_parts();
                    assert!(rest.is_empty());
                }
                Err(error) => {
                    assert!(!valid, "a valid stream failed: {error}");
                    let kind = if data.len() < 4 {
                        ErrorKind::UnexpectedEof
                    } else {
                        ErrorKind::InvalidData
                    };
                    assert_eq!(error.kind(), kind, "{error}");
                    // Never more than the stream minus the 4 held bytes came out.
                    assert!(payload.len() + 4 <= data.len().max(4));
                    assert!(data.starts_with(&payload));
                }
            }
        }
    }
});
