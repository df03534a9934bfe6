//! Streams decoded by tokio 0.1's `length_delimited` reader, for every prefix width and
//! byte order, over random messages, random splits of the stream into writes and hostile
//! inner writers.

mod common;

use std::io::Cursor;

use bytes::{Bytes, BytesMut};
use futures::{Future, Stream};
use proptest::collection::vec;
use proptest::prelude::*;
use tokio::codec::{length_delimited, FramedRead};
use writestack_core::Endian;
use writestack_frame::{FrameWriter, LengthField};
use writestack_test::contract::{apply, shutdown, write_all, write_buf_all};
use writestack_test::{failing_schedule, ops, payload, test_writer, Op, PayloadKind};

use common::FrameSpec;
use writestack_test::reference::{join_frames, tokio_frames};

/// The largest maximum a `width`-byte prefix carries, capped at tokio's default.
fn max_for(width: usize) -> usize {
    if width >= 4 {
        8 * 1024 * 1024
    } else {
        (1usize << (8 * width)) - 1
    }
}

fn every_fixed_field() -> Vec<LengthField> {
    let mut fields = Vec::new();
    for width in 1..=8 {
        for endian in [Endian::Big, Endian::Little] {
            fields.push(LengthField::Fixed { width, endian });
        }
    }
    fields
}

/// (length, seed, sent as a three-slice `write_buf`)
fn messages() -> impl Strategy<Value = Vec<(usize, u64, bool)>> {
    vec((1usize..1200, any::<u64>(), any::<bool>()), 0..16)
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn message_frames_decode_one_to_one_for_every_width_and_byte_order(
        messages in messages(),
        capacity in 16usize..3000,
        schedule in failing_schedule(),
    ) {
        for field in every_fixed_field() {
            let LengthField::Fixed { width, endian } = field else { unreachable!() };
            let spec = FrameSpec { chunked: false, field, max: max_for(width), capacity, end_marker: false };
            let sent: Vec<Vec<u8>> = messages
                .iter()
                .map(|&(len, seed, _)| payload(PayloadKind::Random, seed, len.min(spec.max)))
                .collect();
            let (inner, handle) = test_writer(schedule.clone());
            let mut writer = spec.writer(inner);
            for (message, &(_, _, vectored)) in sent.iter().zip(&messages) {
                if vectored {
                    let third = message.len() / 3;
                    write_buf_all(&mut writer, message, &[third, third]);
                } else {
                    write_all(&mut writer, message);
                }
            }
            shutdown(&mut writer);
            let frames = tokio_frames(width, endian, spec.max, &handle.data());
            prop_assert_eq!(frames.as_ref(), Ok(&sent), "{:?}", field);
            prop_assert_eq!(writer.frames_written(), sent.len() as u64);
        }
    }

    #[test]
    fn chunked_streams_decode_for_every_width_and_byte_order(
        ops in ops(),
        seed in any::<u64>(),
        capacity in 16usize..3000,
        max_seed in any::<usize>(),
        schedule in failing_schedule(),
    ) {
        let total: usize = ops.iter().map(Op::len).sum();
        let data = payload(PayloadKind::Text, seed, total);
        for field in every_fixed_field() {
            let LengthField::Fixed { width, endian } = field else { unreachable!() };
            let max = 1 + max_seed % max_for(width);
            let spec = FrameSpec { chunked: true, field, max, capacity, end_marker: true };
            let (inner, handle) = test_writer(schedule.clone());
            let mut writer = spec.writer(inner);
            apply(&mut writer, &ops, &data);
            shutdown(&mut writer);
            let frames = tokio_frames(width, endian, max, &handle.data())
                .map_err(|e| TestCaseError::fail(format!("{field:?}: {e}")))?;
            let longest = frames.iter().map(Vec::len).max().unwrap_or(0);
            prop_assert!(longest <= max.min(capacity - width), "a {}-byte frame", longest);
            let joined = join_frames(&frames, true);
            prop_assert_eq!(joined.as_ref(), Ok(&data), "{:?}", field);
            prop_assert_eq!(writer.frames_written(), frames.len() as u64);
        }
    }
}

#[test]
fn framed_read_over_the_wire_yields_the_messages_sent() {
    let sent: Vec<Vec<u8>> = (0..200)
        .map(|i| {
            let len = usize::try_from(1 + (i * 797) % 20_000).unwrap();
            payload(PayloadKind::Random, i, len)
        })
        .collect();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(4096)
        .new_write(Cursor::new(Vec::new()))
        .unwrap();
    for message in &sent {
        assert!(write_all(&mut writer, message).is_empty());
    }
    assert!(shutdown(&mut writer).is_empty());
    let wire = writer.into_inner().into_inner();
    // The reader side as a tokio user writes it, defaults and all.
    let reader = length_delimited::Builder::new().new_read(Cursor::new(wire));
    let received: Vec<Vec<u8>> = reader.map(|frame| frame.to_vec()).collect().wait().unwrap();
    assert_eq!(received.len(), sent.len());
    assert!(received == sent, "a frame differs");
}

#[test]
fn framed_read_with_the_default_codec_reads_sink_items() {
    use futures::Sink;

    let items: Vec<Bytes> = (0..50u64)
        .map(|i| {
            let len = usize::try_from(1 + i * 300).unwrap();
            Bytes::from(payload(PayloadKind::Text, i, len))
        })
        .collect();
    let writer = FrameWriter::new(Cursor::new(Vec::new()));
    let writer = writer
        .send_all(futures::stream::iter_ok::<_, std::io::Error>(items.clone()))
        .wait()
        .unwrap()
        .0;
    let wire = writer.into_inner().into_inner();
    let codec = length_delimited::LengthDelimitedCodec::new();
    let received: Vec<Bytes> = FramedRead::new(Cursor::new(wire), codec)
        .map(BytesMut::freeze)
        .collect()
        .wait()
        .unwrap();
    assert_eq!(received, items);
}
