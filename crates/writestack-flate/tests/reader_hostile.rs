//! Hostile inner readers (1-byte reads, `WouldBlock`, `Interrupted`) and keep-alive
//! connections (a stream, then other bytes, rule R6).

mod reader_kit;

use std::io::{ErrorKind, Read};

use bytes::Bytes;
use partial_io::{PartialOp, PartialRead};
use proptest::prelude::*;
use reader_kit::{compress, drain, Fmt, FORMATS};
use writestack_flate::{DeflateReader, GzipReader, ZlibReader};
use writestack_test::{hostile_schedule, payload, payload_kind, PayloadKind};

/// Reads to the end, retrying `WouldBlock`; counts the `WouldBlock`s and fails on an
/// `Interrupted`, which the reader must retry itself.
fn read_retrying<R: Read>(mut reader: R, read_size: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut buf = vec![0; read_size];
    let mut would_block = 0;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (out, would_block),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(error) if error.kind() == ErrorKind::WouldBlock => would_block += 1,
            Err(error) => panic!("unexpected error (Interrupted must not surface): {error:?}"),
        }
    }
}

fn one_byte_reads() -> Vec<PartialOp> {
    vec![PartialOp::Limited(1); 1 << 20]
}

#[test]
fn one_byte_inner_reads_give_the_same_payload() {
    let data = payload(PayloadKind::Text, 31, 20_000);
    for fmt in FORMATS {
        let wire = compress(fmt, 6, &[&data]);
        let inner = PartialRead::new(&wire[..], one_byte_reads());
        let (decoded, _) = match fmt {
            Fmt::Deflate => read_retrying(DeflateReader::new(inner), 4096),
            Fmt::Zlib => read_retrying(ZlibReader::new(inner), 4096),
            Fmt::Gzip => read_retrying(GzipReader::new(inner), 4096),
        };
        assert_eq!(decoded, data, "{fmt:?}");
    }
}

#[test]
fn would_block_surfaces_and_a_retry_loses_nothing() {
    let data = payload(PayloadKind::Text, 32, 5_000);
    let wire = compress(Fmt::Gzip, 6, &[&data]);
    let ops = [PartialOp::Limited(3), PartialOp::Err(ErrorKind::WouldBlock)]
        .into_iter()
        .cycle()
        .take(4000);
    let (decoded, would_block) =
        read_retrying(GzipReader::new(PartialRead::new(&wire[..], ops)), 64);
    assert!(would_block > 0, "the WouldBlocks reached the caller");
    assert_eq!(decoded, data);
}

#[test]
fn interrupted_is_retried_inside() {
    let data = payload(PayloadKind::Text, 33, 5_000);
    let wire = compress(Fmt::Zlib, 6, &[&data]);
    let ops = [
        PartialOp::Err(ErrorKind::Interrupted),
        PartialOp::Limited(5),
    ]
    .into_iter()
    .cycle()
    .take(10_000);
    let (decoded, would_block) =
        read_retrying(ZlibReader::new(PartialRead::new(&wire[..], ops)), 100);
    assert_eq!(would_block, 0);
    assert_eq!(decoded, data);
}

#[test]
fn keep_alive_two_gzip_members_then_other_bytes() {
    let (a, b) = (
        payload(PayloadKind::Text, 34, 3_000),
        payload(PayloadKind::Random, 35, 3_000),
    );
    let mut wire = compress(Fmt::Gzip, 6, &[&a]);
    wire.extend(compress(Fmt::Gzip, 1, &[&b]));
    wire.extend_from_slice(b"NEXT");
    for read_size in [1, 100, 10_000] {
        let inner = PartialRead::new(&wire[..], vec![PartialOp::Limited(777); 1000]);
        let mut first = GzipReader::new(inner);
        assert_eq!(drain(&mut first, read_size).expect("member 1"), a);
        let mut second = GzipReader::from_parts(first.into_parts());
        assert_eq!(drain(&mut second, read_size).expect("member 2"), b);
        let (mut inner, leftover) = second.into_parts();
        let mut rest = leftover.to_vec();
        inner.read_to_end(&mut rest).expect("the rest");
        assert_eq!(rest, b"NEXT", "reads of {read_size}");
    }
}

#[test]
fn keep_alive_zlib_and_deflate_streams_leave_what_follows() {
    let data = payload(PayloadKind::Text, 36, 4_000);
    for fmt in [Fmt::Zlib, Fmt::Deflate] {
        let mut wire = compress(fmt, 6, &[&data]);
        wire.extend_from_slice(b"NEXT and more");
        let (mut inner, leftover) = match fmt {
            Fmt::Zlib => {
                let mut reader = ZlibReader::new(&wire[..]);
                assert_eq!(drain(&mut reader, 512).expect("zlib"), data);
                assert!(reader.is_ended());
                reader.into_parts()
            }
            _ => {
                let mut reader = DeflateReader::new(&wire[..]);
                assert_eq!(drain(&mut reader, 512).expect("deflate"), data);
                reader.into_parts()
            }
        };
        let mut rest = leftover.to_vec();
        inner.read_to_end(&mut rest).expect("the rest");
        assert_eq!(rest, b"NEXT and more", "{fmt:?}");
        // And the same stream again from parts.
        let mut again = wire.clone();
        again.extend_from_slice(&wire);
        let parts = (&again[wire.len()..], Bytes::new());
        let decoded = match fmt {
            Fmt::Zlib => drain(ZlibReader::from_parts(parts), 64),
            _ => drain(DeflateReader::from_parts(parts), 64),
        };
        assert_eq!(decoded.expect("second stream"), data);
    }
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn hostile_inner_readers_give_the_identical_payload(
        kind in payload_kind(),
        seed in any::<u64>(),
        len in 0usize..20_000,
        schedule in hostile_schedule(),
        read_size in 1usize..5_000,
        multi in any::<bool>(),
    ) {
        let data = payload(kind, seed, len);
        for fmt in FORMATS {
            let mut wire = compress(fmt, 6, &[&data]);
            if fmt == Fmt::Gzip && multi {
                wire.extend(compress(fmt, 1, &[&data]));
            }
            let inner = PartialRead::new(&wire[..], schedule.clone());
            let (decoded, _) = match fmt {
                Fmt::Deflate => read_retrying(DeflateReader::with_capacity(97, inner), read_size),
                Fmt::Zlib => read_retrying(ZlibReader::new(inner), read_size),
                Fmt::Gzip if multi => read_retrying(GzipReader::multi_with_capacity(33, inner), read_size),
                Fmt::Gzip => read_retrying(GzipReader::new(inner), read_size),
            };
            let expected = if fmt == Fmt::Gzip && multi { [&data[..], &data[..]].concat() } else { data.clone() };
            prop_assert_eq!(decoded, expected, "{:?}", fmt);
        }
    }
}
