//! `Crc32Reader` against what this workspace did not write in the reader: streams made by
//! our `Crc32Writer` (round trips), crc32fast's one-shot `hash` and Python's `zlib.crc32`.

use std::io::Read;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use writestack_core::Endian;
use writestack_crc::Crc32Reader;
use writestack_test::corpus::{Corpus, WORKSPACE_DIRS};
use writestack_test::{config, payload, payload_kind, PayloadKind};

mod support;
use support::{python_trailers, wire_of};
use writestack_test::read_to_end_retrying;

const ORDERS: [Endian; 2] = [Endian::Big, Endian::Little];

/// Real text: this workspace's sources.
fn corpus_text(len: usize) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Corpus::new(&root, &WORKSPACE_DIRS).read(len, len)
}

fn check_round_trip(data: &[u8], endian: Endian, read_size: usize) {
    let wire = wire_of(data, endian, 1000);
    let mut reader = Crc32Reader::with_trailer(&wire[..], endian);
    let got = read_to_end_retrying(&mut reader, read_size).unwrap();
    assert!(
        got == data,
        "{endian:?}, reads of {read_size}: payload differs"
    );
    assert!(reader.is_ended());
    assert_eq!(reader.crc(), crc32fast::hash(data));
    assert_eq!(reader.total_out(), data.len() as u64);
    assert_eq!(reader.total_in(), wire.len() as u64);
}

#[test]
fn writer_streams_round_trip_in_both_byte_orders() {
    let data = payload(PayloadKind::Random, 21, 20_000);
    for endian in ORDERS {
        for size in [1, 4, 5, 4096, 64 * 1024] {
            check_round_trip(&data, endian, size);
        }
    }
}

#[test]
fn the_empty_stream_is_four_zero_bytes_and_reads_as_nothing() {
    for endian in ORDERS {
        let wire = wire_of(b"", endian, 1);
        assert_eq!(wire, [0, 0, 0, 0]);
        for size in [1, 5, 100] {
            check_round_trip(b"", endian, size);
        }
    }
}

#[test]
fn corpus_text_round_trips_and_its_crc_matches_python() {
    let text = corpus_text(200_000);
    let (python_big, _) = python_trailers(&text);
    for endian in ORDERS {
        check_round_trip(&text, endian, 8192);
    }
    let mut reader = Crc32Reader::new(&text[..]);
    assert!(read_to_end_retrying(&mut reader, 3000).unwrap() == text);
    assert_eq!(reader.crc().to_be_bytes(), python_big);
}

#[test]
fn random_payloads_round_trip_whatever_the_read_size() {
    let strategy = (
        payload_kind(),
        any::<u64>(),
        0usize..3000,
        prop::sample::select(vec![1usize, 2, 3, 4, 5, 7, 64, 4096]),
        prop::sample::select(ORDERS.to_vec()),
    );
    let result = TestRunner::new(config()).run(&strategy, |(kind, seed, len, size, endian)| {
        let data = payload(kind, seed, len);
        check_round_trip(&data, endian, size);
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

#[test]
fn observe_only_crc_matches_crc32fast_and_python_and_changes_nothing() {
    let data = payload(PayloadKind::Random, 22, 50_001);
    let (python_big, python_little) = python_trailers(&data);
    assert_eq!(python_big, crc32fast::hash(&data).to_be_bytes());
    for size in [1, 3, 5, 777, 64 * 1024] {
        let mut reader = Crc32Reader::new(&data[..]);
        assert!(
            read_to_end_retrying(&mut reader, size).unwrap() == data,
            "reads of {size}"
        );
        assert_eq!(reader.crc().to_be_bytes(), python_big);
        assert_eq!(reader.crc().to_le_bytes(), python_little);
        assert!(reader.is_ended());
    }
}

#[test]
fn observe_only_reader_of_nothing_hashes_to_zero_and_ends() {
    let mut reader = Crc32Reader::new(&b""[..]);
    let mut buf = [0u8; 8];
    assert_eq!(reader.read(&mut buf).unwrap(), 0);
    assert!(reader.is_ended());
    assert_eq!(reader.crc(), 0);
    assert_eq!(reader.read(&mut buf).unwrap(), 0, "the end stays the end");
}

#[test]
fn observe_only_crc_grows_read_by_read_as_crc32fast_of_the_prefix() {
    let data = payload(PayloadKind::Text, 23, 1000);
    let mut reader = Crc32Reader::new(&data[..]);
    let mut seen = 0;
    let mut buf = [0u8; 97];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen += n;
        assert_eq!(reader.crc(), crc32fast::hash(&data[..seen]));
    }
    assert_eq!(seen, data.len());
}

#[test]
fn into_parts_after_the_end_gives_the_inner_reader_and_no_leftover() {
    // R6: the end is the inner reader's EOF, so nothing was read past it.
    let data = payload(PayloadKind::Text, 24, 5000);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 333);
        for size in [2, 6, 9000] {
            let mut reader = Crc32Reader::with_trailer(&wire[..], endian);
            assert!(read_to_end_retrying(&mut reader, size).unwrap() == data);
            assert!(reader.is_ended());
            let (inner, rest) = reader.into_parts();
            assert!(
                rest.is_empty(),
                "leftover after the end: {} bytes",
                rest.len()
            );
            assert!(inner.is_empty(), "the inner reader was read to its end");
        }
    }
    let mut reader = Crc32Reader::new(&data[..]);
    assert!(read_to_end_retrying(&mut reader, 100).unwrap() == data);
    let (inner, rest) = reader.into_parts();
    assert!(rest.is_empty() && inner.is_empty());
}

#[test]
fn from_parts_continues_after_a_previous_readers_leftover() {
    // Bytes already read from the connection (an outer layer's leftover) come first.
    let data = payload(PayloadKind::Random, 25, 3000);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 100);
        for split in [0, 1, 3, 4, 5, 2999, wire.len()] {
            let (first, second) = wire.split_at(split);
            let parts = (second, bytes::Bytes::from(first));
            let mut reader = Crc32Reader::with_trailer_from_parts(parts, endian);
            assert!(
                read_to_end_retrying(&mut reader, 64).unwrap() == data,
                "split at {split}"
            );
            assert!(reader.is_ended());
        }
    }
    let (first, second) = data.split_at(1000);
    let mut reader = Crc32Reader::from_parts((second, bytes::Bytes::from(first)));
    assert!(read_to_end_retrying(&mut reader, 4096).unwrap() == data);
    assert_eq!(reader.crc(), crc32fast::hash(&data));
}
