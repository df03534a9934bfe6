//! `FrameWriter` as a `futures::Sink<SinkItem = Bytes>`: one frame per item in either
//! mode, `NotReady` hands the item back untouched, `close` ends and shuts down.

mod common;

use std::io;

use bytes::Bytes;
use futures::{Async, AsyncSink, Poll, Sink};
use proptest::collection::vec;
use proptest::prelude::*;
use writestack_core::Endian;
use writestack_frame::FrameWriter;
use writestack_test::{
    drive_poll, hostile_schedule, payload, poll_once, test_writer, PayloadKind, Recorder,
};

use common::FrameSpec;
use writestack_test::reference::tokio_default_frames;

fn frames(wire: &[u8]) -> Vec<Vec<u8>> {
    tokio_default_frames(wire).expect("the stream decodes")
}

/// One `start_send` as a poll, for the strict driver: `NotReady` keeps the item.
fn send<S: Sink<SinkItem = Bytes, SinkError = io::Error>>(
    sink: &mut S,
    item: &Bytes,
) -> Poll<(), io::Error> {
    match sink.start_send(item.clone())? {
        AsyncSink::Ready => Ok(Async::Ready(())),
        AsyncSink::NotReady(back) => {
            assert_eq!(&back, item, "NotReady gave back a different item");
            Ok(Async::NotReady)
        }
    }
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn every_item_is_one_frame_in_either_mode_under_hostile_schedules(
        sizes in vec((1usize..5000, any::<u64>()), 0..12),
        chunked in any::<bool>(),
        capacity in 16usize..4000,
        schedule in hostile_schedule(),
    ) {
        let spec = FrameSpec {
            chunked,
            field: writestack_frame::LengthField::Fixed { width: 4, endian: Endian::Big },
            max: 1 << 23,
            capacity,
            end_marker: chunked,
        };
        let items: Vec<Bytes> = sizes
            .iter()
            .map(|&(len, seed)| Bytes::from(payload(PayloadKind::Random, seed, len)))
            .collect();
        let (inner, handle) = test_writer(schedule);
        let mut writer = spec.writer(inner);
        for item in &items {
            let driven = drive_poll(|| send(&mut writer, item));
            prop_assert!(driven.result.is_ok());
        }
        prop_assert!(drive_poll(|| writer.close()).result.is_ok());
        let mut expected: Vec<Vec<u8>> = items.iter().map(|item| item.to_vec()).collect();
        if chunked {
            expected.push(Vec::new());
        }
        prop_assert_eq!(frames(&handle.data()), expected);
        prop_assert_eq!(handle.record().shutdown_completions, 1);
    }
}

#[test]
fn in_chunked_mode_an_item_cuts_the_open_chunk_and_is_a_frame_of_its_own() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(recorder)
        .unwrap();
    std::io::Write::write_all(&mut writer, b"stream ").unwrap();
    assert!(
        drive_poll(|| send(&mut writer, &Bytes::from_static(b"item")))
            .result
            .is_ok()
    );
    std::io::Write::write_all(&mut writer, b"more").unwrap();
    assert!(drive_poll(|| writer.close()).result.is_ok());
    assert_eq!(
        frames(&handle.data()),
        [
            b"stream ".to_vec(),
            b"item".to_vec(),
            b"more".to_vec(),
            Vec::new()
        ]
    );
    assert_eq!(writer.frames_written(), 4);
}

#[test]
fn in_chunked_mode_a_large_item_follows_the_cut_chunk_unbuffered() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .chunked()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    std::io::Write::write_all(&mut writer, b"abc").unwrap();
    let item = Bytes::from(vec![4u8; 300]);
    let (answer, _) = poll_once(|| send(&mut writer, &item));
    assert_eq!(answer.unwrap(), Async::Ready(()));
    let record = handle.record();
    assert_eq!(record.writes, 2, "the cut chunk, then prefix and item");
    assert_eq!(record.vectored_writes, 1);
    assert_eq!(frames(&record.data), [b"abc".to_vec(), item.to_vec()]);
    assert!(writer.buffered().is_empty());
}

#[test]
fn not_ready_hands_the_item_back_with_nothing_taken() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    handle.set_blocked(true);
    // Fits the buffer: taken without touching the blocked inner writer.
    let small = Bytes::from_static(b"small");
    let (answer, _) = poll_once(|| writer.start_send(small.clone()).map(Async::Ready));
    assert!(matches!(answer.unwrap(), Async::Ready(AsyncSink::Ready)));
    let large = Bytes::from(vec![8u8; 100]);
    let (answer, woken) = poll_once(|| writer.start_send(large.clone()).map(Async::Ready));
    match answer.unwrap() {
        Async::Ready(AsyncSink::NotReady(back)) => assert_eq!(back, large),
        _ => panic!("a large item was taken while the inner writer blocked"),
    }
    assert!(woken, "NotReady without a wakeup");
    assert_eq!((writer.total_in(), writer.frames_written()), (5, 1));
    handle.set_blocked(false);
    assert!(drive_poll(|| send(&mut writer, &large)).result.is_ok());
    assert!(drive_poll(|| writer.poll_complete()).result.is_ok());
    assert_eq!(frames(&handle.data()), [small.to_vec(), large.to_vec()]);
}

#[test]
fn poll_complete_flushes_the_inner_writer_and_close_shuts_it_down_once() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    assert!(drive_poll(|| send(&mut writer, &Bytes::from_static(b"x")))
        .result
        .is_ok());
    assert!(handle.data().is_empty(), "a small item waits in the buffer");
    assert!(drive_poll(|| writer.poll_complete()).result.is_ok());
    let record = handle.record();
    assert_eq!(frames(&record.data), [b"x".to_vec()]);
    assert_eq!((record.flushes, record.shutdown_calls), (1, 0));
    assert!(drive_poll(|| writer.close()).result.is_ok());
    assert!(drive_poll(|| writer.close()).result.is_ok());
    let record = handle.record();
    assert_eq!((record.shutdown_calls, record.shutdown_completions), (1, 1));
    assert_eq!(
        frames(&record.data),
        [b"x".to_vec()],
        "message mode has no end marker"
    );
}

#[test]
fn an_earlier_frames_error_is_reported_by_poll_complete_and_the_next_item_is_kept() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(16)
        .new_write(recorder)
        .unwrap();
    // A large item is accepted as soon as the inner writer takes its first bytes; the
    // inner error on the rest of it cannot be returned for it any more.
    handle.push_ops([partial_io::PartialOp::Limited(3)]);
    handle.fail_write(1, io::ErrorKind::ConnectionReset);
    let first = Bytes::from(vec![1u8; 100]);
    assert!(drive_poll(|| send(&mut writer, &first)).result.is_ok());
    let second = Bytes::from_static(b"second");
    let answer = writer.start_send(second.clone());
    assert!(
        matches!(answer, Ok(AsyncSink::Ready)),
        "start_send reported an earlier frame's error and dropped its item: {answer:?}"
    );
    let error = drive_poll(|| writer.poll_complete()).result.unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
    assert!(drive_poll(|| writer.poll_complete()).result.is_ok());
    assert_eq!(frames(&handle.data()), [first.to_vec(), second.to_vec()]);
}
