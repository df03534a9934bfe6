//! FrameWriter-specific behaviour, observed with `writestack_test::Recorder` directly:
//! when frames are copied and when they are not, where chunks are cut, the end marker,
//! the counters.

use std::io::{self, Write};

use bytes::{Buf, Bytes};
use futures::Async;
use partial_io::PartialOp;
use tokio_io::AsyncWrite;
use writestack_core::Finish;
use writestack_frame::{Builder, FrameWriter};
use writestack_test::reference::tokio_default_frames;
use writestack_test::{drive_poll, poll_once, Recorder};

fn frames(wire: &[u8]) -> Vec<Vec<u8>> {
    tokio_default_frames(wire).expect("the stream decodes")
}

fn lens(wire: &[u8]) -> Vec<usize> {
    frames(wire).iter().map(Vec::len).collect()
}

#[test]
fn a_large_message_goes_out_as_one_vectored_prefix_and_payload_write_without_a_copy() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    let message = vec![7u8; 100_000];
    let (answer, _) = poll_once(|| writer.poll_write(&message));
    assert_eq!(answer.unwrap(), Async::Ready(100_000));
    let record = handle.record();
    assert_eq!(record.writes, 1, "one call to the inner writer");
    assert_eq!(
        record.vectored_writes, 1,
        "prefix and payload in one write_buf"
    );
    assert_eq!(
        &record.data[..4],
        &[0x00, 0x01, 0x86, 0xA0],
        "100 000 big-endian"
    );
    assert!(record.data[4..] == message[..]);
    assert!(
        writer.buffered().is_empty(),
        "the payload was copied into the buffer"
    );
    assert_eq!(writer.frames_written(), 1);
}

#[test]
fn a_large_message_after_small_ones_drains_them_first_then_goes_out_unbuffered() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    writer.write_all(b"small").unwrap();
    assert_eq!(
        handle.record().writes,
        0,
        "a small frame waits in the buffer"
    );
    let large = vec![1u8; 64];
    let (answer, _) = poll_once(|| writer.poll_write(&large));
    assert_eq!(answer.unwrap(), Async::Ready(64));
    let record = handle.record();
    assert_eq!(record.writes, 2, "the buffer, then prefix and payload");
    assert_eq!(record.vectored_writes, 1);
    assert_eq!(frames(&record.data), [b"small".to_vec(), large]);
}

#[test]
fn a_large_message_the_inner_writer_takes_in_part_keeps_only_its_rest_buffered() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    let message: Vec<u8> = (0..200u8).collect();
    // The first call takes 10 bytes, the next one blocks.
    handle.push_ops(vec![
        PartialOp::Limited(10),
        PartialOp::Err(io::ErrorKind::WouldBlock),
    ]);
    let (answer, _) = poll_once(|| writer.poll_write(&message));
    assert_eq!(
        answer.unwrap(),
        Async::Ready(200),
        "accepted whole once a byte was taken"
    );
    assert_eq!(
        writer.buffered(),
        &message[6..],
        "prefix (4) + 6 payload bytes went out"
    );
    assert!(drive_poll(|| writer.poll_flush()).result.is_ok());
    assert_eq!(frames(&handle.data()), [message]);
}

#[test]
fn an_inner_error_after_a_large_message_was_accepted_is_returned_by_the_next_call() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    let message: Vec<u8> = (0..200u8).collect();
    // The first call takes 10 bytes (so the message is accepted), the next one fails.
    handle.push_ops(vec![
        PartialOp::Limited(10),
        PartialOp::Err(io::ErrorKind::ConnectionReset),
    ]);
    let (answer, _) = poll_once(|| writer.poll_write(&message));
    assert_eq!(answer.unwrap(), Async::Ready(200));
    let (answer, _) = poll_once(|| writer.poll_write(b"next"));
    assert_eq!(
        answer.unwrap_err().kind(),
        io::ErrorKind::ConnectionReset,
        "the error was swallowed"
    );
    assert_eq!(writer.total_in(), 200, "the failed call took nothing");
    // The inner writer has recovered: the rest of the message, then the retried write.
    let (answer, _) = poll_once(|| writer.poll_write(b"next"));
    assert_eq!(answer.unwrap(), Async::Ready(4));
    assert!(drive_poll(|| writer.poll_flush()).result.is_ok());
    assert_eq!(frames(&handle.data()), [message, b"next".to_vec()]);
}

#[test]
fn an_inner_error_after_a_large_message_is_returned_by_the_next_call_even_when_it_fits() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(256)
        .new_write(recorder)
        .unwrap();
    // A first message allocates the buffer.
    let (answer, _) = poll_once(|| writer.poll_write(b"hi"));
    assert_eq!(answer.unwrap(), Async::Ready(2));
    assert!(drive_poll(|| writer.poll_flush()).result.is_ok());
    let message: Vec<u8> = (0..=255u8).cycle().take(300).collect();
    // All but 10 bytes go out, then the inner writer fails: the 10 bytes left leave room
    // for a small message, which must still see the error first (not only a later flush).
    handle.push_ops(vec![
        PartialOp::Limited(294),
        PartialOp::Err(io::ErrorKind::ConnectionReset),
    ]);
    let (answer, _) = poll_once(|| writer.poll_write(&message));
    assert_eq!(answer.unwrap(), Async::Ready(300));
    assert_eq!(writer.buffered().len(), 10);
    let (answer, _) = poll_once(|| writer.poll_write(b"next"));
    assert_eq!(
        answer.unwrap_err().kind(),
        io::ErrorKind::ConnectionReset,
        "the error was swallowed"
    );
    assert_eq!(writer.buffered().len(), 10, "the failed call took nothing");
    let (answer, _) = poll_once(|| writer.poll_write(b"next"));
    assert_eq!(answer.unwrap(), Async::Ready(4));
    assert!(drive_poll(|| writer.poll_flush()).result.is_ok());
    assert_eq!(
        frames(&handle.data()),
        [b"hi".to_vec(), message, b"next".to_vec()]
    );
}

#[test]
fn a_message_the_blocked_inner_writer_takes_nothing_of_is_not_taken() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    handle.set_blocked(true);
    let (answer, woken) = poll_once(|| writer.poll_write(&[5u8; 500]));
    assert_eq!(answer.unwrap(), Async::NotReady);
    assert!(woken);
    assert_eq!((writer.total_in(), writer.frames_written()), (0, 0));
    assert!(writer.buffered().is_empty());
}

#[test]
fn small_messages_are_copied_whole_and_never_split_across_a_drain() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .buffer_capacity(20)
        .new_write(recorder)
        .unwrap();
    writer.write_all(b"0123456789").unwrap();
    assert_eq!(writer.buffered().len(), 14);
    // 14 + 14 > 20: the buffer drains first, then the whole frame is copied.
    writer.write_all(b"abcdefghij").unwrap();
    let record = handle.record();
    assert_eq!(record.writes, 1);
    assert_eq!(frames(&record.data), [b"0123456789".to_vec()]);
    assert_eq!(writer.buffered(), b"\0\0\0\x0aabcdefghij");
}

#[test]
fn a_write_buf_of_several_slices_is_one_message_frame() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    let mut buf = io::Cursor::new(Bytes::from_static(b"head "))
        .chain(io::Cursor::new(Bytes::from_static(b"body ")))
        .chain(io::Cursor::new(Bytes::from_static(b"tail")));
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(14));
    assert!(!buf.has_remaining());
    writer.flush().unwrap();
    assert_eq!(frames(&handle.data()), [b"head body tail".to_vec()]);
    assert_eq!(writer.frames_written(), 1);
}

#[test]
fn message_mode_writes_no_end_marker_unless_asked() {
    for (end_marker, expected) in [
        (false, vec![b"m".to_vec()]),
        (true, vec![b"m".to_vec(), vec![]]),
    ] {
        let mut writer = Builder::new()
            .end_marker(end_marker)
            .new_write(Vec::new())
            .unwrap();
        writer.write_all(b"m").unwrap();
        assert!(writer.poll_finish().unwrap().is_ready());
        assert!(writer.poll_finish().unwrap().is_ready());
        assert_eq!(frames(writer.get_ref()), expected);
        assert_eq!(writer.frames_written(), expected.len() as u64);
    }
}

#[test]
fn chunked_writes_merge_into_one_frame_until_a_flush() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(recorder)
        .unwrap();
    for piece in [&b"one "[..], b"two ", b"three"] {
        writer.write_all(piece).unwrap();
    }
    assert_eq!(handle.record().writes, 0);
    assert!(
        writer.buffered().is_empty(),
        "an open chunk is not ready to send"
    );
    writer.flush().unwrap();
    writer.flush().unwrap();
    writer.write_all(b"four").unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    let wire = handle.data();
    assert_eq!(
        frames(&wire),
        [b"one two three".to_vec(), b"four".to_vec(), Vec::new()],
        "the second flush made no frame"
    );
    assert_eq!(writer.frames_written(), 3);
    assert_eq!(
        handle.record().shutdown_calls,
        0,
        "finish does not shut down"
    );
}

#[test]
fn chunked_frames_are_cut_at_the_maximum_length() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .max_frame_length(10)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(&[1u8; 7]).unwrap();
    writer.write_all(&[2u8; 18]).unwrap();
    writer.flush().unwrap();
    assert_eq!(lens(writer.get_ref()), [10, 10, 5]);
}

#[test]
fn chunked_frames_are_cut_when_the_buffer_fills() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .chunked()
        .buffer_capacity(20)
        .new_write(recorder)
        .unwrap();
    writer.write_all(&[9u8; 40]).unwrap();
    // 16 payload bytes fill a 20-byte buffer behind a 4-byte prefix.
    assert_eq!(lens(&handle.data()), [16, 16]);
    assert!(writer.poll_finish().unwrap().is_ready());
    assert_eq!(lens(&handle.data()), [16, 16, 8, 0]);
}

#[test]
fn chunked_mode_without_end_marker_ends_with_the_last_chunk() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .end_marker(false)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"body").unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    assert_eq!(writer.get_ref(), b"\0\0\0\x04body");
}

#[test]
fn an_empty_chunked_stream_is_just_the_end_marker_in_every_prefix_kind() {
    for (builder, marker) in [
        (
            FrameWriter::builder().chunked().clone(),
            &[0u8, 0, 0, 0][..],
        ),
        (
            FrameWriter::builder().chunked().varint().clone(),
            &[0u8][..],
        ),
        (
            FrameWriter::builder()
                .chunked()
                .length_field_length(2)
                .little_endian()
                .max_frame_length(9)
                .clone(),
            &[0u8, 0][..],
        ),
    ] {
        let mut writer = builder.new_write(Vec::new()).unwrap();
        assert!(writer.poll_finish().unwrap().is_ready());
        assert_eq!(writer.get_ref(), marker);
    }
}

#[test]
fn little_endian_prefixes_put_the_low_byte_first() {
    let mut writer = FrameWriter::builder()
        .little_endian()
        .length_field_length(3)
        .max_frame_length(1 << 20)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(&[0u8; 0x0102]).unwrap();
    writer.flush().unwrap();
    assert_eq!(&writer.get_ref()[..3], &[0x02, 0x01, 0x00]);
}

#[test]
fn shutdown_writes_the_end_marker_then_shuts_the_inner_writer_down_once() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(recorder)
        .unwrap();
    writer.write_all(b"bye").unwrap();
    assert!(drive_poll(|| writer.shutdown()).result.is_ok());
    assert!(drive_poll(|| writer.shutdown()).result.is_ok());
    let record = handle.record();
    assert_eq!(frames(&record.data), [b"bye".to_vec(), Vec::new()]);
    assert_eq!((record.shutdown_calls, record.shutdown_completions), (1, 1));
}

#[test]
fn builder_and_new_agree_on_the_defaults() {
    let a = FrameWriter::new(Vec::<u8>::new());
    let b = FrameWriter::builder().new_write(Vec::<u8>::new()).unwrap();
    let c = Builder::default().new_write(Vec::<u8>::new()).unwrap();
    for writer in [&b, &c] {
        assert_eq!(writer.length_field(), a.length_field());
        assert_eq!(writer.max_frame_length(), a.max_frame_length());
        assert_eq!(writer.capacity(), a.capacity());
        assert_eq!(writer.is_chunked(), a.is_chunked());
        assert_eq!(writer.has_end_marker(), a.has_end_marker());
    }
    assert_eq!(
        a.max_frame_length(),
        writestack_frame::DEFAULT_MAX_FRAME_LENGTH
    );
}

#[test]
fn debug_shows_the_configuration_and_counters_not_the_bytes() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"secret").unwrap();
    let text = format!("{writer:?}");
    assert!(text.contains("mode: \"chunked\""), "{text}");
    assert!(text.contains("pending_chunk: 6"), "{text}");
    assert!(text.contains("frames_written: 0"), "{text}");
    assert!(!text.contains("secret"), "{text}");
}

/// A `Buf` of `count` slices of `slice` bytes each.
fn many_slices(count: usize, slice: &'static [u8]) -> Box<dyn Buf> {
    let mut buf: Box<dyn Buf> = Box::new(io::Cursor::new(Bytes::new()));
    for _ in 0..count {
        buf = Box::new(io::Cursor::new(Bytes::from_static(slice)).chain(buf));
    }
    buf
}

#[test]
fn a_write_buf_of_64_slices_is_one_message_frame() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    let mut buf = many_slices(64, b"ab");
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(128));
    assert_eq!(buf.remaining(), 0);
    writer.flush().unwrap();
    assert_eq!(frames(&handle.data()), [b"ab".repeat(64)]);
}

#[test]
fn a_message_write_buf_of_more_than_64_slices_is_still_one_frame() {
    // The adapter gathers at most 64 slices per write_buf; the rest of a message is copied
    // in once the buffer has drained, so the message is still one frame. Small (buffered)
    // and large (sent behind its prefix) messages alike.
    let big: &'static [u8] = Box::leak(vec![7u8; 200].into_boxed_slice());
    for slice in [&b"ab"[..], big] {
        let (recorder, handle) = Recorder::new();
        let mut writer = FrameWriter::new(recorder);
        writer.write_all(b"before").unwrap();
        let mut buf = many_slices(70, slice);
        let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
        assert_eq!(answer.unwrap(), Async::Ready(70 * slice.len()));
        assert_eq!(buf.remaining(), 0);
        assert_eq!(
            (writer.total_in(), writer.frames_written()),
            (6 + 70 * slice.len() as u64, 2)
        );
        writer.write_all(b"after").unwrap();
        writer.flush().unwrap();
        assert_eq!(
            frames(&handle.data()),
            [b"before".to_vec(), slice.repeat(70), b"after".to_vec()]
        );
    }
}

#[test]
fn a_message_write_buf_whose_bytes_vec_shows_one_slice_of_two_is_one_frame() {
    // bytes 0.4's `Take` shows only its first slice through `bytes_vec`.
    for (first, second) in [
        (&b"head"[..], &b"tail"[..]),
        (&[3u8; 5000][..], &[4u8; 9000][..]),
    ] {
        let (recorder, handle) = Recorder::new();
        let mut writer = FrameWriter::new(recorder);
        let chain = io::Cursor::new(first).chain(io::Cursor::new(second));
        let len = first.len() + second.len();
        let mut buf = chain.take(len - 1);
        let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
        assert_eq!(answer.unwrap(), Async::Ready(len - 1));
        assert_eq!(buf.remaining(), 0);
        writer.flush().unwrap();
        let whole = [first, second].concat();
        assert_eq!(frames(&handle.data()), [whole[..len - 1].to_vec()]);
    }
}

#[test]
fn a_message_write_buf_not_gathered_whole_takes_nothing_while_the_buffer_cannot_drain() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    writer.write_all(b"queued").unwrap();
    handle.set_blocked(true);
    let mut buf = many_slices(70, b"ab");
    let (answer, woken) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::NotReady);
    assert!(woken, "NotReady without a wakeup");
    assert_eq!(buf.remaining(), 140, "the Buf was advanced");
    handle.set_blocked(false);
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(140));
    writer.flush().unwrap();
    assert_eq!(
        frames(&handle.data()),
        [b"queued".to_vec(), b"ab".repeat(70)]
    );
}

#[test]
fn a_chunked_write_buf_of_more_than_64_slices_takes_the_first_64_into_the_stream() {
    // A byte stream has no unit to keep whole: the rest is the caller's next write.
    let (recorder, handle) = Recorder::new();
    let mut writer = Builder::new().chunked().new_write(recorder).unwrap();
    let mut buf = many_slices(70, b"ab");
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(128));
    assert_eq!(buf.remaining(), 12);
    let (answer, _) = poll_once(|| writer.write_buf(&mut buf));
    assert_eq!(answer.unwrap(), Async::Ready(12));
    assert!(writer.poll_finish().unwrap().is_ready());
    assert_eq!(frames(&handle.data()), [b"ab".repeat(70), Vec::new()]);
}
