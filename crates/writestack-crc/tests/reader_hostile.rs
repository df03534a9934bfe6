//! `Crc32Reader` over hostile inner readers (partial-io's `PartialRead`: 1-byte reads,
//! `WouldBlock`, `Interrupted`), with caller buffers from 1 byte up, and on corrupt and
//! cut streams. Streams come from our `Crc32Writer`; expected CRCs from crc32fast.

use std::io::{ErrorKind, Read};

use partial_io::{PartialOp, PartialRead};
use writestack_core::Endian;
use writestack_crc::Crc32Reader;
use writestack_test::{payload, PayloadKind};

mod support;
use support::wire_of;
use writestack_test::read_to_end_retrying;

const ORDERS: [Endian; 2] = [Endian::Big, Endian::Little];
const READ_SIZES: [usize; 6] = [1, 2, 3, 4, 5, 64 * 1024];

/// 1-byte reads, `WouldBlock` and `Interrupted` between short reads, over and over.
fn hostile(wire: &[u8]) -> PartialRead<&[u8]> {
    let schedule = [
        PartialOp::Limited(1),
        PartialOp::Err(ErrorKind::WouldBlock),
        PartialOp::Limited(3),
        PartialOp::Err(ErrorKind::Interrupted),
        PartialOp::Limited(1),
        PartialOp::Limited(7),
        PartialOp::Err(ErrorKind::WouldBlock),
    ];
    let ops: Vec<PartialOp> = schedule
        .iter()
        .cycle()
        .take(4 * wire.len() + 64)
        .cloned()
        .collect();
    PartialRead::new(wire, ops)
}

#[test]
fn hostile_inner_reader_gives_the_same_payload_for_every_read_size() {
    let data = payload(PayloadKind::Text, 31, 3000);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 100);
        for size in READ_SIZES {
            let mut reader = Crc32Reader::with_trailer(hostile(&wire), endian);
            let got = read_to_end_retrying(&mut reader, size).unwrap();
            assert!(got == data, "{endian:?}, reads of {size}: payload differs");
            assert!(reader.is_ended(), "{endian:?}, reads of {size}");
        }
    }
    for size in READ_SIZES {
        let mut reader = Crc32Reader::new(hostile(&data));
        assert!(
            read_to_end_retrying(&mut reader, size).unwrap() == data,
            "observe, reads of {size}"
        );
        assert_eq!(reader.crc(), crc32fast::hash(&data));
    }
}

#[test]
fn would_block_is_returned_and_a_retry_loses_and_repeats_nothing() {
    let data = payload(PayloadKind::Random, 32, 500);
    let wire = wire_of(&data, Endian::Big, 500);
    let ops = vec![PartialOp::Err(ErrorKind::WouldBlock); 3];
    let mut reader = Crc32Reader::with_trailer(PartialRead::new(&wire[..], ops), Endian::Big);
    let mut buf = [0u8; 64];
    for _ in 0..3 {
        let error = reader.read(&mut buf).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::WouldBlock);
    }
    assert!(read_to_end_retrying(&mut reader, 64).unwrap() == data);
}

#[test]
fn reads_never_return_zero_before_the_end_with_tiny_buffers_over_one_byte_reads() {
    let data = payload(PayloadKind::Random, 33, 40);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 40);
        for size in 1..=9 {
            let ops = vec![PartialOp::Limited(1); wire.len() + 8];
            let inner = PartialRead::new(&wire[..], ops);
            let mut reader = Crc32Reader::with_trailer(inner, endian);
            let mut got = Vec::new();
            let mut buf = vec![0u8; size];
            loop {
                let n = reader.read(&mut buf).unwrap();
                if n == 0 {
                    assert!(reader.is_ended(), "Ok(0) before the end, buffer {size}");
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            assert_eq!(got, data, "{endian:?}, buffer {size}");
        }
    }
}

/// Reads the whole stream and returns the error it must end in.
fn read_error(wire: &[u8], endian: Endian, size: usize) -> std::io::Error {
    let mut reader = Crc32Reader::with_trailer(wire, endian);
    match read_to_end_retrying(&mut reader, size) {
        Ok(payload) => panic!("{} bytes read cleanly from a corrupt stream", payload.len()),
        Err(error) => {
            assert!(!reader.is_ended());
            // Sticky: the next read fails the same way.
            let again = reader.read(&mut [0u8; 8]).unwrap_err();
            assert_eq!(again.kind(), error.kind());
            error
        }
    }
}

#[test]
fn every_single_bit_flip_in_payload_or_trailer_is_invalid_data() {
    let data = payload(PayloadKind::Random, 34, 60);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 60);
        for bit in 0..wire.len() * 8 {
            let mut corrupt = wire.clone();
            corrupt[bit / 8] ^= 1 << (bit % 8);
            for size in [3, 4096] {
                let error = read_error(&corrupt, endian, size);
                assert_eq!(
                    error.kind(),
                    ErrorKind::InvalidData,
                    "bit {bit}, reads of {size}"
                );
                let text = error.to_string();
                assert!(
                    text.starts_with("Crc32Reader: CRC32 mismatch: trailer says 0x"),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn the_mismatch_message_names_both_values() {
    let wire = [&b"123456789"[..], &[0, 0, 0, 1]].concat();
    let error = read_error(&wire, Endian::Big, 100);
    assert_eq!(
        error.to_string(),
        "Crc32Reader: CRC32 mismatch: trailer says 0x00000001, payload hashes to 0xcbf43926"
    );
}

/// Whether `cut`'s last 4 bytes are the CRC of the rest: a cut that reads cleanly.
fn hashes_right(cut: &[u8], endian: Endian) -> bool {
    let Some(split) = cut.len().checked_sub(4) else {
        return false;
    };
    let crc = crc32fast::hash(&cut[..split]);
    let trailer = match endian {
        Endian::Big => crc.to_be_bytes(),
        Endian::Little => crc.to_le_bytes(),
    };
    cut[split..] == trailer
}

#[test]
fn a_stream_cut_anywhere_is_unexpected_eof_or_invalid_data() {
    let data = payload(PayloadKind::Text, 35, 300);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 300);
        for len in 0..wire.len() {
            let cut = &wire[..len];
            // The test data must not contain a cut that is itself a valid stream.
            assert!(
                !hashes_right(cut, endian),
                "cut at {len} happens to hash right"
            );
            for size in [1, 5, 4096] {
                let error = read_error(cut, endian, size);
                let expected = if len < 4 {
                    ErrorKind::UnexpectedEof
                } else {
                    ErrorKind::InvalidData
                };
                assert_eq!(
                    error.kind(),
                    expected,
                    "cut at {len}, reads of {size}: {error}"
                );
            }
        }
    }
}

#[test]
fn a_stream_shorter_than_the_trailer_says_so() {
    let error = read_error(b"abc", Endian::Little, 64);
    assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
    assert!(error.to_string().starts_with("Crc32Reader: "), "{error}");
    assert!(error.to_string().contains("3 bytes"), "{error}");
}

#[test]
fn an_inner_error_is_returned_as_it_is_and_a_retry_continues() {
    let data = payload(PayloadKind::Random, 36, 200);
    let wire = wire_of(&data, Endian::Big, 200);
    let ops = vec![
        PartialOp::Limited(50),
        PartialOp::Err(ErrorKind::ConnectionReset),
        PartialOp::Unlimited,
    ];
    let mut reader = Crc32Reader::with_trailer(PartialRead::new(&wire[..], ops), Endian::Big);
    let mut buf = [0u8; 64];
    // 50 bytes read, the last 4 held back in case they are the trailer.
    assert_eq!(reader.read(&mut buf).unwrap(), 46);
    let mut got = buf[..46].to_vec();
    let error = reader.read(&mut [0u8; 64]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ConnectionReset);
    got.extend(read_to_end_retrying(&mut reader, 64).unwrap());
    assert!(got == data);
}

#[test]
fn tokio_io_read_to_end_under_the_strict_driver_round_trips_with_not_ready() {
    use partial_io::PartialAsyncRead;
    use writestack_test::drive;

    let data = payload(PayloadKind::Text, 37, 2000);
    for endian in ORDERS {
        let wire = wire_of(&data, endian, 100);
        let schedule = [
            PartialOp::Err(ErrorKind::WouldBlock),
            PartialOp::Limited(1),
            PartialOp::Err(ErrorKind::Interrupted),
            PartialOp::Limited(13),
        ];
        let ops: Vec<PartialOp> = schedule
            .iter()
            .cycle()
            .take(4 * wire.len())
            .cloned()
            .collect();
        let reader = Crc32Reader::with_trailer(PartialAsyncRead::new(&wire[..], ops), endian);
        // The driver fails on a NotReady without a wakeup and on a hang.
        let driven = drive(tokio_io::io::read_to_end(reader, Vec::new()));
        let (reader, got) = driven.result.unwrap();
        assert!(got == data, "{endian:?}");
        assert!(reader.is_ended());
        assert!(
            driven.not_ready > 0,
            "the inner reader's WouldBlock never showed"
        );
    }
}
