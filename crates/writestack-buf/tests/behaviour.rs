//! BufWriter-specific behaviour: when it copies, when it does not, what reaches the
//! inner writer and when.

use std::io::Write;

use bytes::{Buf, Bytes};
use futures::Async;
use writestack_buf::BufWriter;
use writestack_core::Finish;
use writestack_test::{drive_poll, poll_once, Recorder};

#[test]
fn small_writes_stay_buffered_and_one_that_does_not_fit_drains_the_buffer_first() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::with_capacity(16, recorder);
    for _ in 0..3 {
        writer.write_all(b"abcde").unwrap();
    }
    assert_eq!(handle.record().writes, 0, "15 bytes fit a 16-byte buffer");
    writer.write_all(b"fg").unwrap();
    let record = handle.record();
    assert_eq!(record.writes, 1);
    assert_eq!(
        record.data, b"abcdeabcdeabcde",
        "the buffered bytes went out first"
    );
    assert_eq!(writer.buffer(), b"fg", "the new write was copied whole");
}

#[test]
fn a_write_as_large_as_the_capacity_skips_the_buffer_after_draining_it() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::with_capacity(8, recorder);
    writer.write_all(b"xy").unwrap();
    let large = [7u8; 8];
    assert_eq!(writer.write(&large).unwrap(), 8);
    let record = handle.record();
    assert_eq!(
        record.writes, 2,
        "the buffer drained, then the large write went alone"
    );
    assert_eq!(&record.data[..2], b"xy");
    assert_eq!(&record.data[2..], &large);
    assert!(writer.buffer().is_empty(), "the large write was not copied");
}

#[test]
fn write_buf_merges_small_slices_into_the_buffer() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::with_capacity(64, recorder);
    let mut buf = std::io::Cursor::new(Bytes::from_static(b"ab"))
        .chain(std::io::Cursor::new(Bytes::from_static(b"cd")))
        .chain(std::io::Cursor::new(Bytes::from_static(b"ef")));
    let (answer, _) = poll_once(|| tokio_io::AsyncWrite::write_buf(&mut writer, &mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(6));
    assert!(!buf.has_remaining());
    assert_eq!(handle.record().writes, 0);
    assert_eq!(writer.buffer(), b"abcdef");
}

#[test]
fn write_buf_hands_large_slices_to_the_inner_write_buf_in_one_vectored_call() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::with_capacity(16, recorder);
    let first = vec![1u8; 20];
    let second = vec![2u8; 30];
    let mut buf = std::io::Cursor::new(Bytes::from(first.clone()))
        .chain(std::io::Cursor::new(Bytes::from(second.clone())));
    let (answer, _) = poll_once(|| tokio_io::AsyncWrite::write_buf(&mut writer, &mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(50));
    let record = handle.record();
    assert_eq!(record.vectored_writes, 1, "both slices went in one writev");
    assert_eq!(record.data, [first, second].concat());
    assert!(writer.buffer().is_empty());
}

#[test]
fn finish_drains_and_flushes_without_shutting_down() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::new(recorder);
    writer.write_all(b"body").unwrap();
    let driven = drive_poll(|| writer.poll_finish());
    assert!(driven.result.is_ok());
    let record = handle.record();
    assert_eq!(record.data, b"body");
    assert_eq!(record.flushes, 1);
    assert_eq!(record.shutdown_calls, 0);
}

#[test]
fn capacity_zero_sends_every_write_straight_through() {
    let (recorder, handle) = Recorder::new();
    let mut writer = BufWriter::with_capacity(0, recorder);
    writer.write_all(b"a").unwrap();
    writer.write_all(b"bc").unwrap();
    assert_eq!(handle.record().writes, 2);
    assert_eq!(handle.data(), b"abc");
}

#[test]
fn debug_shows_the_buffer_state_not_its_bytes() {
    let mut writer = BufWriter::with_capacity(32, Vec::new());
    writer.write_all(b"secret").unwrap();
    let text = format!("{writer:?}");
    assert!(text.contains("buffered: 6"), "{text}");
    assert!(text.contains("capacity: 32"), "{text}");
}
