//! Crc32Writer-specific behaviour: what reaches the inner writer and when, what is
//! hashed, and how the trailer is written.

use std::io::{ErrorKind, Write};

use bytes::{Buf, Bytes};
use futures::{Async, Future};
use partial_io::PartialOp;
use tokio_io::AsyncWrite;
use writestack_core::{Endian, Finish, FinishExt};
use writestack_crc::Crc32Writer;
use writestack_test::{drive_poll, poll_once, test_writer, Recorder};

/// The CRC-32/ISO-HDLC check value of "123456789", from the CRC catalogue.
const CHECK: u32 = 0xCBF4_3926;

#[test]
fn write_buf_passes_several_slices_to_the_inner_writer_in_one_vectored_call() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Big);
    // Small slices: a buffering layer would merge them; this one must not hold them.
    let mut buf = std::io::Cursor::new(Bytes::from_static(b"123"))
        .chain(std::io::Cursor::new(Bytes::from_static(b"45")))
        .chain(std::io::Cursor::new(Bytes::from_static(b"6789")));
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(9));
    assert!(!buf.has_remaining());
    let record = handle.record();
    assert_eq!(record.writes, 1, "one call reached the inner writer");
    assert_eq!(
        record.vectored_writes, 1,
        "and it carried several slices at once"
    );
    assert_eq!(record.data, b"123456789");
    assert_eq!(writer.total_out(), 9, "no byte stayed behind in the layer");
    assert_eq!(writer.crc(), CHECK);
}

#[test]
fn every_write_reaches_the_inner_writer_before_the_call_returns() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Little);
    for (i, byte) in b"abc".iter().enumerate() {
        writer.write_all(&[*byte]).unwrap();
        assert_eq!(handle.record().writes, i + 1);
        assert_eq!(handle.data(), b"abc"[..=i]);
    }
    assert_eq!(handle.record().flushes, 0, "passing through needs no flush");
}

#[test]
fn a_short_inner_write_hashes_only_the_bytes_taken() {
    let (inner, handle) = test_writer(vec![PartialOp::Limited(3)]);
    let mut writer = Crc32Writer::new(inner);
    let taken = drive_poll(|| writer.poll_write(b"abcdefgh"))
        .result
        .unwrap();
    assert_eq!(taken, 3);
    assert_eq!(handle.data(), b"abc");
    assert_eq!(writer.crc(), crc32fast::hash(b"abc"));
    assert_eq!(writer.total_in(), 3);
}

#[test]
fn would_block_takes_and_hashes_nothing_and_requests_a_wakeup() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Big);
    writer.write_all(b"1234").unwrap();
    handle.set_blocked(true);
    let (answer, woken) = poll_once(|| writer.poll_write(b"56789"));
    assert_eq!(answer.unwrap(), Async::NotReady);
    assert!(woken);
    assert_eq!(writer.crc(), crc32fast::hash(b"1234"));
    handle.set_blocked(false);
    let (answer, _) = poll_once(|| writer.poll_write(b"56789"));
    assert_eq!(answer.unwrap(), Async::Ready(5));
    assert_eq!(writer.crc(), CHECK, "the retried bytes were hashed once");
}

#[test]
fn a_hard_inner_error_is_returned_and_nothing_is_hashed() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::new(recorder);
    handle.fail_write(0, ErrorKind::ConnectionReset);
    let error = writer.write(b"lost?").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ConnectionReset);
    assert_eq!(writer.crc(), 0);
    assert_eq!(writer.total_in(), 0);
    writer.write_all(b"123456789").unwrap();
    assert_eq!(writer.crc(), CHECK);
}

#[test]
fn crc_is_the_running_value_of_the_prefix_at_any_time() {
    let data = b"The quick brown fox jumps over the lazy dog";
    let mut writer = Crc32Writer::new(Vec::new());
    for end in 1..=data.len() {
        writer.write_all(&data[end - 1..end]).unwrap();
        assert_eq!(
            writer.crc(),
            crc32fast::hash(&data[..end]),
            "after {end} bytes"
        );
    }
    // Published value for this sentence (zlib, gzip, PNG share this CRC).
    assert_eq!(writer.crc(), 0x414F_A339);
}

#[test]
fn finish_writes_the_trailer_once_then_flushes_without_shutting_down() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Big);
    writer.write_all(b"123456789").unwrap();
    assert!(drive_poll(|| writer.poll_finish()).result.is_ok());
    let record = handle.record();
    assert_eq!(record.data, b"123456789\xCB\xF4\x39\x26");
    assert_eq!(record.flushes, 1);
    assert_eq!(record.shutdown_calls, 0);
    assert!(drive_poll(|| writer.poll_finish()).result.is_ok());
    assert_eq!(handle.record(), record, "a second finish did nothing");
}

#[test]
fn shutdown_writes_the_trailer_then_shuts_the_inner_writer_down_once() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Little);
    writer.write_all(b"123456789").unwrap();
    assert!(drive_poll(|| writer.shutdown()).result.is_ok());
    assert!(drive_poll(|| writer.shutdown()).result.is_ok());
    let record = handle.record();
    assert_eq!(record.data, b"123456789\x26\x39\xF4\xCB");
    assert_eq!((record.shutdown_calls, record.shutdown_completions), (1, 1));
}

#[test]
fn the_trailer_resumes_at_any_byte_after_would_block() {
    for split in 1..4 {
        let (recorder, handle) = Recorder::new();
        let mut writer = Crc32Writer::with_trailer(recorder, Endian::Big);
        writer.write_all(b"123456789").unwrap();
        handle.push_ops([
            PartialOp::Limited(split),
            PartialOp::Err(ErrorKind::WouldBlock),
        ]);
        let (answer, woken) = poll_once(|| writer.shutdown());
        assert_eq!(answer.unwrap(), Async::NotReady);
        assert!(woken);
        let trailer = [0xCB, 0xF4, 0x39, 0x26];
        assert_eq!(handle.data()[9..], trailer[..split], "split {split}");
        let (answer, _) = poll_once(|| writer.shutdown());
        assert_eq!(answer.unwrap(), Async::Ready(()));
        assert_eq!(handle.data()[9..], trailer, "split {split}: rest sent once");
    }
}

#[test]
fn flush_adds_nothing_and_flushes_the_inner_writer() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::with_trailer(recorder, Endian::Big);
    writer.write_all(b"abc").unwrap();
    writer.flush().unwrap();
    writer.flush().unwrap();
    let record = handle.record();
    assert_eq!(record.data, b"abc", "no trailer before the end");
    assert_eq!(record.flushes, 2);
}

#[test]
fn after_finish_the_inner_writer_carries_a_second_checked_stream() {
    let mut first = Crc32Writer::with_trailer(Vec::new(), Endian::Big);
    first.write_all(b"one").unwrap();
    let wire = first.finish().wait().unwrap().into_inner();
    let mut second = Crc32Writer::with_trailer(wire, Endian::Big);
    second.write_all(b"two").unwrap();
    let wire = second.finish().wait().unwrap().into_inner();
    let mut expected = b"one".to_vec();
    expected.extend_from_slice(&crc32fast::hash(b"one").to_be_bytes());
    expected.extend_from_slice(b"two");
    expected.extend_from_slice(&crc32fast::hash(b"two").to_be_bytes());
    assert_eq!(wire, expected);
}

#[test]
fn an_empty_observe_only_stream_writes_nothing_and_has_crc_zero() {
    let (recorder, handle) = Recorder::new();
    let mut writer = Crc32Writer::new(recorder);
    assert!(drive_poll(|| writer.shutdown()).result.is_ok());
    assert!(handle.data().is_empty());
    assert_eq!(writer.crc(), 0);
    assert_eq!(handle.record().shutdown_completions, 1);
}

#[test]
fn debug_shows_the_crc_and_the_trailer_state() {
    let mut writer = Crc32Writer::with_trailer(Vec::new(), Endian::Big);
    writer.write_all(b"123456789").unwrap();
    let text = format!("{writer:?}");
    assert!(text.starts_with("Crc32Writer"), "{text}");
    assert!(text.contains("crc: 0xcbf43926"), "{text}");
    assert!(text.contains("trailer: Some(Big)"), "{text}");
    assert!(text.contains("pending_tail: None"), "{text}");
    writer.poll_finish().unwrap();
    let text = format!("{writer:?}");
    assert!(text.contains("sent: 4"), "{text}");
}
