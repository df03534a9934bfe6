//! LEB128 prefixes, decoded by the `leb128` crate (which this workspace did not write):
//! message frames one to one, chunked streams whose prefix width is only known at the
//! cut, lengths on both sides of every width change.

mod common;

use std::io::Write;

use futures::Async;
use tokio_io::AsyncWrite;

use proptest::collection::vec;
use proptest::prelude::*;
use writestack_core::Finish;
use writestack_frame::{FrameWriter, LengthField};
use writestack_test::contract::{apply, shutdown, write_all};
use writestack_test::{failing_schedule, ops, payload, test_writer, Op, PayloadKind};

use common::{leb128_frames, FrameSpec};
use writestack_test::reference::join_frames;

/// Lengths that straddle the 1/2-byte (128) and 2/3-byte (16 384) prefix boundaries.
fn message_len() -> impl Strategy<Value = usize> {
    prop_oneof![1usize..300, 16_370usize..16_400]
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn message_frames_decode_one_to_one(
        lens in vec((message_len(), any::<u64>()), 0..12),
        capacity in 5usize..20_000,
        schedule in failing_schedule(),
    ) {
        let spec = FrameSpec {
            chunked: false,
            field: LengthField::Varint,
            max: 1 << 21,
            capacity,
            end_marker: true,
        };
        let sent: Vec<Vec<u8>> = lens
            .iter()
            .map(|&(len, seed)| payload(PayloadKind::Random, seed, len))
            .collect();
        let (inner, handle) = test_writer(schedule);
        let mut writer = spec.writer(inner);
        for message in &sent {
            write_all(&mut writer, message);
        }
        shutdown(&mut writer);
        let mut frames = leb128_frames(spec.max, &handle.data())
            .map_err(TestCaseError::fail)?;
        prop_assert_eq!(frames.pop(), Some(Vec::new()), "no end marker");
        prop_assert_eq!(frames, sent);
    }

    #[test]
    fn chunked_streams_decode_and_respect_the_maximum(
        ops in ops(),
        seed in any::<u64>(),
        max in prop_oneof![1usize..300, 16_000usize..17_000],
        capacity in 4usize..20_000,
        schedule in failing_schedule(),
    ) {
        let spec = FrameSpec {
            chunked: true,
            field: LengthField::Varint,
            max,
            capacity,
            end_marker: true,
        };
        let total: usize = ops.iter().map(Op::len).sum();
        let data = payload(PayloadKind::Text, seed, total);
        let (inner, handle) = test_writer(schedule);
        let mut writer = spec.writer(inner);
        apply(&mut writer, &ops, &data);
        shutdown(&mut writer);
        // leb128_frames also checks every prefix is the shortest form and <= max.
        let frames = leb128_frames(max, &handle.data()).map_err(TestCaseError::fail)?;
        let longest = frames.iter().map(Vec::len).max().unwrap_or(0);
        prop_assert!(longest < capacity, "a {}-byte frame in a {}-byte buffer", longest, capacity);
        let joined = join_frames(&frames, true);
        prop_assert_eq!(joined.as_ref(), Ok(&data));
    }
}

#[test]
fn message_prefixes_grow_exactly_at_128_and_16384() {
    let mut writer = FrameWriter::builder()
        .varint()
        .new_write(Vec::new())
        .unwrap();
    let lens = [1usize, 127, 128, 16_383, 16_384];
    for &len in &lens {
        writer.write_all(&vec![0xAB; len]).unwrap();
    }
    writer.flush().unwrap();
    let wire = writer.get_ref();
    let mut cursor = std::io::Cursor::new(&wire[..]);
    for (&len, width) in lens.iter().zip([1u64, 1, 2, 2, 3]) {
        let start = cursor.position();
        assert_eq!(leb128::read::unsigned(&mut cursor).unwrap(), len as u64);
        assert_eq!(cursor.position() - start, width, "prefix of {len}");
        cursor.set_position(cursor.position() + len as u64);
    }
    assert_eq!(cursor.position(), wire.len() as u64);
}

#[test]
fn a_chunk_cut_by_flush_gets_the_short_prefix_its_length_needs() {
    // The buffer could hold a chunk needing a 2-byte prefix; this one needs 1.
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .buffer_capacity(1000)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"five!").unwrap();
    writer.flush().unwrap();
    assert_eq!(writer.get_ref(), b"\x05five!");
    writer.write_all(&[9u8; 200]).unwrap();
    writer.flush().unwrap();
    let mut expected = b"\x05five!\xC8\x01".to_vec();
    expected.extend_from_slice(&[9u8; 200]);
    assert_eq!(writer.get_ref(), &expected);
}

#[test]
fn a_chunk_cut_by_a_full_buffer_leaves_room_for_its_own_prefix() {
    // 150-byte buffer, 2-byte prefixes: a full chunk carries 148 payload bytes.
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .max_frame_length(200)
        .buffer_capacity(150)
        .new_write(Vec::new())
        .unwrap();
    let data = payload(PayloadKind::Random, 11, 400);
    writer.write_all(&data).unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    let frames = leb128_frames(200, writer.get_ref()).unwrap();
    let lens: Vec<usize> = frames.iter().map(Vec::len).collect();
    assert_eq!(lens, [148, 148, 104, 0]);
    assert_eq!(frames.concat(), data);
}

#[test]
fn a_chunk_cut_at_the_maximum_uses_the_prefix_of_the_maximum() {
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .max_frame_length(128)
        .buffer_capacity(4096)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(&[1u8; 300]).unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    let frames = leb128_frames(128, writer.get_ref()).unwrap();
    let lens: Vec<usize> = frames.iter().map(Vec::len).collect();
    assert_eq!(lens, [128, 128, 44, 0]);
    assert_eq!(&writer.get_ref()[..2], &[0x80, 0x01], "128 in LEB128");
}

#[test]
fn chunks_cut_short_behind_unsent_frames_close_the_gap_of_their_reserved_prefix() {
    // The inner writer blocks, so every chunk is staged behind the frames before it: a
    // chunk reserves a 2-byte prefix (the buffer could hold a 128+ byte chunk) and a
    // flush cuts it at 5 or 3 bytes (a 1-byte prefix) or at 200 (the 2 bytes it
    // reserved).
    let (recorder, handle) = writestack_test::Recorder::new();
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .buffer_capacity(1000)
        .new_write(recorder)
        .unwrap();
    handle.set_blocked(true);
    for chunk in [&b"five!"[..], &[9u8; 200][..], &b"abc"[..]] {
        let (answer, _) = writestack_test::poll_once(|| writer.poll_write(chunk));
        assert_eq!(answer.unwrap(), Async::Ready(chunk.len()));
        let (answer, woken) = writestack_test::poll_once(|| writer.poll_flush());
        assert_eq!(answer.unwrap(), Async::NotReady);
        assert!(woken);
    }
    assert_eq!(writer.frames_written(), 3);
    handle.set_blocked(false);
    assert!(writer.poll_finish().unwrap().is_ready());
    let mut expected = b"\x05five!\xC8\x01".to_vec();
    expected.extend_from_slice(&[9u8; 200]);
    expected.extend_from_slice(b"\x03abc\x00");
    assert_eq!(handle.data(), expected);
}

/// Decodes `wire` with the `leb128` crate; returns (prefix width, payload length) pairs.
fn prefixes(wire: &[u8]) -> Vec<(u64, u64)> {
    let mut cursor = std::io::Cursor::new(wire);
    let mut found = Vec::new();
    while cursor.position() < wire.len() as u64 {
        let start = cursor.position();
        let len = leb128::read::unsigned(&mut cursor).unwrap();
        found.push((cursor.position() - start, len));
        cursor.set_position(cursor.position() + len);
    }
    assert_eq!(cursor.position(), wire.len() as u64, "a frame cut short");
    found
}

#[test]
fn a_long_chunk_after_short_ones_gets_the_wide_prefix_it_needs() {
    // Short chunks first, then chunks of 200 (2-byte prefix) and 20 000 (3-byte) bytes,
    // then short again: every prefix is the shortest form of its own length.
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .buffer_capacity(40_000)
        .new_write(Vec::new())
        .unwrap();
    let lens = [5usize, 1, 200, 3, 20_000, 127, 128, 16_384, 2];
    let mut sent = Vec::new();
    for (i, &len) in lens.iter().enumerate() {
        let chunk = payload(PayloadKind::Random, i as u64, len);
        writer.write_all(&chunk).unwrap();
        writer.flush().unwrap();
        sent.push(chunk);
    }
    assert!(writer.poll_finish().unwrap().is_ready());
    let expected: Vec<(u64, u64)> = lens
        .iter()
        .map(|&len| (leb128::write::unsigned_len(len as u64) as u64, len as u64))
        .chain([(1, 0)])
        .collect();
    assert_eq!(prefixes(writer.get_ref()), expected);
    let frames = leb128_frames(1 << 23, writer.get_ref()).unwrap();
    assert_eq!(join_frames(&frames, true).unwrap(), sent.concat());
}

#[test]
fn a_chunk_outgrowing_a_short_prefix_is_still_cut_only_when_the_buffer_fills() {
    // After a 1-byte chunk, 300 bytes through a 130-byte buffer: the frames are the ones
    // a buffer of 130 makes (128 payload bytes behind a 2-byte prefix), not 127-byte
    // frames cut where a 1-byte prefix runs out.
    let mut writer = FrameWriter::builder()
        .varint()
        .chunked()
        .max_frame_length(1000)
        .buffer_capacity(130)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"x").unwrap();
    writer.flush().unwrap();
    let data = payload(PayloadKind::Random, 3, 300);
    writer.write_all(&data).unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    assert_eq!(
        prefixes(writer.get_ref()),
        [(1, 1), (2, 128), (2, 128), (1, 44), (1, 0)]
    );
    let frames = leb128_frames(1000, writer.get_ref()).unwrap();
    assert_eq!(
        join_frames(&frames, true).unwrap(),
        [&b"x"[..], &data].concat()
    );
}
