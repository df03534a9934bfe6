//! The trailer against decoders this workspace did not write: Python 3's `zlib.crc32`
//! (run as a child process) and crc32fast's one-shot `hash`, in both byte orders.
//!
//! python3 is required: if it cannot be run, these tests fail with a message saying so.
//! They never pass without having compared against Python.

use std::io::Write;

use futures::Future;
use writestack_core::{Endian, FinishExt};
use writestack_crc::Crc32Writer;
use writestack_test::{payload, PayloadKind};

mod support;
use support::{python_trailers, wire_of};

fn check_against_python_and_one_shot(data: &[u8], chunk: usize) {
    let (python_big, python_little) = python_trailers(data);
    let one_shot = crc32fast::hash(data);
    assert_eq!(
        python_big,
        one_shot.to_be_bytes(),
        "Python and crc32fast disagree"
    );
    for (endian, expected) in [(Endian::Big, python_big), (Endian::Little, python_little)] {
        let wire = wire_of(data, endian, chunk);
        assert_eq!(
            wire.len(),
            data.len() + 4,
            "{endian:?}: payload plus 4 trailer bytes"
        );
        assert!(
            wire[..data.len()] == *data,
            "{endian:?}: payload changed on the way"
        );
        assert_eq!(
            wire[data.len()..],
            expected,
            "{endian:?}: trailer differs from Python's zlib.crc32"
        );
    }
}

#[test]
fn empty_stream_trailer_is_the_crc_of_nothing_per_python() {
    let (big, little) = python_trailers(b"");
    assert_eq!(big, [0, 0, 0, 0], "zlib.crc32(b'') is 0");
    assert_eq!(little, [0, 0, 0, 0]);
    check_against_python_and_one_shot(b"", 1);
}

#[test]
fn check_string_trailer_matches_python_in_both_byte_orders() {
    check_against_python_and_one_shot(b"123456789", 4);
}

#[test]
fn one_byte_stream_trailer_matches_python() {
    check_against_python_and_one_shot(&[0xFF], 1);
}

#[test]
fn large_random_stream_in_odd_chunks_matches_python() {
    let data = payload(PayloadKind::Random, 11, 300_001);
    check_against_python_and_one_shot(&data, 4093);
}

#[test]
fn text_stream_in_one_write_matches_python() {
    let data = payload(PayloadKind::Text, 12, 70_000);
    check_against_python_and_one_shot(&data, data.len());
}

#[test]
fn observe_only_crc_matches_python_and_adds_nothing() {
    let data = payload(PayloadKind::Random, 13, 10_000);
    let (python_big, _) = python_trailers(&data);
    let mut writer = Crc32Writer::new(Vec::new());
    for piece in data.chunks(333) {
        writer.write_all(piece).unwrap();
    }
    let writer = writer.finish().wait().unwrap();
    assert_eq!(writer.crc().to_be_bytes(), python_big);
    assert!(
        writer.into_inner() == data,
        "observe-only mode changed the wire"
    );
}

#[test]
fn trailer_written_through_a_hostile_async_inner_writer_matches_python() {
    use partial_io::PartialOp;
    use std::io::ErrorKind;
    use writestack_test::contract::{shutdown, write_all, write_buf_all};

    let data = payload(PayloadKind::Text, 14, 50_000);
    let (python_big, python_little) = python_trailers(&data);
    for (endian, expected) in [(Endian::Big, python_big), (Endian::Little, python_little)] {
        // Short writes, WouldBlock and Interrupted, all the way through the trailer.
        let schedule = [
            PartialOp::Limited(7),
            PartialOp::Err(ErrorKind::WouldBlock),
            PartialOp::Limited(1),
            PartialOp::Err(ErrorKind::Interrupted),
            PartialOp::Limited(300),
        ];
        let (inner, handle) = writestack_test::test_writer(
            schedule
                .iter()
                .cycle()
                .take(5_000)
                .cloned()
                .collect::<Vec<_>>(),
        );
        let mut writer = Crc32Writer::with_trailer(inner, endian);
        let (first, second) = data.split_at(20_000);
        assert!(write_all(&mut writer, first).is_empty());
        assert!(write_buf_all(&mut writer, second, &[3, 5000, 1, 12_000]).is_empty());
        assert!(shutdown(&mut writer).is_empty());
        let wire = handle.data();
        assert!(
            wire[..data.len()] == *data,
            "{endian:?}: payload changed on the way"
        );
        assert_eq!(
            wire[data.len()..],
            expected,
            "{endian:?}: trailer differs from Python"
        );
    }
}
