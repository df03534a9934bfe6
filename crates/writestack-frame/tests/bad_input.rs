//! Bad input gets an exact error kind and leaves the stream intact (CONTRACT rules 5, 13
//! and 16): oversize frames, impossible builders, writes after finish, empty writes.

use std::io::{self, ErrorKind, Write};

use bytes::{Buf, Bytes};
use futures::{Async, AsyncSink};
use writestack_core::{Endian, Finish};
use writestack_frame::{Builder, FrameWriter, LengthField};
use writestack_test::reference::tokio_frames;
use writestack_test::{poll_once, Recorder};

fn frames_be4(wire: &[u8], max: usize) -> Vec<Vec<u8>> {
    tokio_frames(4, Endian::Big, max, wire).expect("the stream decodes")
}

fn small_max_writer() -> (FrameWriter<Recorder>, writestack_test::RecordHandle) {
    let (recorder, handle) = Recorder::new();
    let writer = FrameWriter::builder()
        .max_frame_length(100)
        .new_write(recorder)
        .unwrap();
    (writer, handle)
}

#[test]
fn an_oversize_write_is_invalid_input_takes_nothing_and_the_writer_stays_usable() {
    let (mut writer, handle) = small_max_writer();
    writer.write_all(b"before").unwrap();
    let error = writer.write(&[1u8; 101]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("101"), "{error}");
    assert_eq!(writer.total_in(), 6);
    assert_eq!(writer.frames_written(), 1);
    assert_eq!(
        writer.buffered(),
        b"\0\0\0\x06before",
        "the buffered frame is untouched"
    );
    writer.write_all(&[2u8; 100]).unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    assert_eq!(
        frames_be4(&handle.data(), 100),
        [b"before".to_vec(), vec![2u8; 100]]
    );
}

#[test]
fn an_oversize_poll_write_larger_than_the_buffer_touches_no_inner_writer() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::builder()
        .max_frame_length(10_000)
        .buffer_capacity(64)
        .new_write(recorder)
        .unwrap();
    let (answer, _) = poll_once(|| tokio_io::AsyncWrite::poll_write(&mut writer, &[0u8; 10_001]));
    assert_eq!(answer.unwrap_err().kind(), ErrorKind::InvalidInput);
    assert_eq!(
        handle.record(),
        Default::default(),
        "the inner writer was touched"
    );
    assert_eq!((writer.total_in(), writer.total_out()), (0, 0));
}

#[test]
fn an_oversize_write_buf_of_small_slices_is_refused_whole_and_not_advanced() {
    let (mut writer, handle) = small_max_writer();
    let mut buf = io::Cursor::new(Bytes::from(vec![1u8; 60]))
        .chain(io::Cursor::new(Bytes::from(vec![2u8; 41])));
    let (answer, _) = poll_once(|| tokio_io::AsyncWrite::write_buf(&mut writer, &mut buf));
    assert_eq!(answer.unwrap_err().kind(), ErrorKind::InvalidInput);
    assert_eq!(buf.remaining(), 101, "the Buf was advanced");
    assert_eq!(writer.frames_written(), 0);
    assert!(writer.buffered().is_empty());
    let mut fits = io::Cursor::new(Bytes::from(vec![1u8; 60]))
        .chain(io::Cursor::new(Bytes::from(vec![2u8; 40])));
    let (answer, _) = poll_once(|| tokio_io::AsyncWrite::write_buf(&mut writer, &mut fits));
    assert_eq!(answer.unwrap(), Async::Ready(100));
    writer.flush().unwrap();
    let expected = [vec![1u8; 60], vec![2u8; 40]].concat();
    assert_eq!(frames_be4(&handle.data(), 100), [expected]);
}

#[test]
fn an_oversize_sink_item_is_invalid_input_in_chunked_mode_too() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .max_frame_length(100)
        .new_write(io::Cursor::new(Vec::new()))
        .unwrap();
    writer.write_all(b"open chunk").unwrap();
    let (answer, _) = poll_once(|| {
        futures::Sink::start_send(&mut writer, Bytes::from(vec![0u8; 101])).map(Async::Ready)
    });
    assert_eq!(answer.unwrap_err().kind(), ErrorKind::InvalidInput);
    assert_eq!(
        writer.frames_written(),
        0,
        "the open chunk was not cut for a refused item"
    );
    assert!(writer.poll_finish().unwrap().is_ready());
    let frames = frames_be4(writer.get_ref().get_ref(), 100);
    assert_eq!(frames, [b"open chunk".to_vec(), Vec::new()]);
}

#[test]
fn chunked_mode_cuts_a_long_write_instead_of_refusing_it() {
    let mut writer = FrameWriter::builder()
        .chunked()
        .max_frame_length(100)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(&[3u8; 250]).unwrap();
    assert!(writer.poll_finish().unwrap().is_ready());
    let lens: Vec<usize> = frames_be4(writer.get_ref(), 100)
        .iter()
        .map(Vec::len)
        .collect();
    assert_eq!(lens, [100, 100, 50, 0]);
}

fn refusal(builder: &Builder) -> io::Error {
    match builder.new_write(Vec::<u8>::new()) {
        Ok(writer) => panic!("accepted: {writer:?}"),
        Err(error) => error,
    }
}

#[test]
fn length_fields_of_0_and_9_bytes_are_refused_as_invalid_input() {
    for width in [0, 9, 100] {
        let error = refusal(FrameWriter::builder().length_field_length(width));
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.to_string().contains("1 to 8"), "{error}");
    }
}

#[test]
fn a_maximum_the_length_field_cannot_carry_is_refused_and_the_largest_it_can_is_accepted() {
    for width in 1..=7usize {
        let largest = (1usize << (8 * width)) - 1;
        let mut builder = FrameWriter::builder();
        builder
            .length_field_length(width)
            .max_frame_length(largest + 1);
        let error = refusal(&builder);
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "width {width}");
        assert!(error.to_string().contains("cannot carry"), "{error}");
        builder.max_frame_length(largest).buffer_capacity(64);
        assert!(builder.new_write(Vec::<u8>::new()).is_ok(), "width {width}");
    }
    let eight = FrameWriter::builder()
        .length_field_length(8)
        .max_frame_length(usize::MAX)
        .new_write(Vec::<u8>::new());
    assert!(eight.is_ok());
    // The example of rule 16 of the contract (`writestack_core` docs, "The contract").
    let error = refusal(
        FrameWriter::builder()
            .length_field_length(2)
            .max_frame_length(1 << 20),
    );
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
}

#[test]
fn the_default_one_byte_maximum_is_not_silently_clamped() {
    // 1 byte cannot carry the default 8 MiB: refused, not clamped to 255.
    let error = refusal(FrameWriter::builder().length_field_length(1));
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
}

#[test]
fn a_maximum_of_zero_is_refused() {
    let error = refusal(FrameWriter::builder().max_frame_length(0));
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = refusal(
        FrameWriter::builder()
            .chunked()
            .varint()
            .max_frame_length(0),
    );
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
}

#[test]
fn varint_with_a_chosen_byte_order_is_refused() {
    let error = refusal(FrameWriter::builder().little_endian().varint());
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("byte order"), "{error}");
}

#[test]
fn a_buffer_no_larger_than_the_prefix_is_refused() {
    for (builder, capacity) in [
        (FrameWriter::builder(), 4),
        (FrameWriter::builder().chunked().clone(), 4),
        (
            FrameWriter::builder()
                .varint()
                .max_frame_length(127)
                .clone(),
            1,
        ),
        (
            FrameWriter::builder()
                .varint()
                .max_frame_length(128)
                .clone(),
            2,
        ),
    ] {
        let error = refusal(builder.clone().buffer_capacity(capacity));
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "capacity {capacity}");
        let accepted = builder
            .clone()
            .buffer_capacity(capacity + 1)
            .new_write(Vec::<u8>::new());
        assert!(accepted.is_ok(), "capacity {}", capacity + 1);
    }
}

#[test]
fn the_last_of_varint_and_length_field_length_wins() {
    let fixed = FrameWriter::builder()
        .varint()
        .length_field_length(2)
        .max_frame_length(100)
        .new_write(Vec::<u8>::new())
        .unwrap();
    assert_eq!(
        fixed.length_field(),
        LengthField::Fixed {
            width: 2,
            endian: Endian::Big
        }
    );
    let varint = FrameWriter::builder()
        .length_field_length(2)
        .varint()
        .new_write(Vec::<u8>::new())
        .unwrap();
    assert_eq!(varint.length_field(), LengthField::Varint);
}

#[test]
fn a_write_after_finish_names_the_layer_and_leaves_the_stream_intact() {
    for chunked in [false, true] {
        let (recorder, handle) = Recorder::new();
        let mut builder = FrameWriter::builder();
        if chunked {
            builder.chunked();
        }
        let mut writer = builder.new_write(recorder).unwrap();
        writer.write_all(b"last words").unwrap();
        assert!(writer.poll_finish().unwrap().is_ready());
        let before = handle.record();
        let error = writer.write(b"late").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Other);
        assert!(error.to_string().contains("FrameWriter"), "{error}");
        assert!(error.to_string().contains("finished"), "{error}");
        let (answer, _) = poll_once(|| {
            futures::Sink::start_send(&mut writer, Bytes::from_static(b"late")).map(Async::Ready)
        });
        assert_eq!(answer.unwrap_err().kind(), ErrorKind::Other);
        assert_eq!(
            handle.record(),
            before,
            "a late write reached the inner writer"
        );
        let mut expected = vec![b"last words".to_vec()];
        if chunked {
            expected.push(Vec::new());
        }
        assert_eq!(frames_be4(&before.data, 1 << 23), expected);
    }
}

#[test]
fn empty_writes_make_no_frame_in_either_mode() {
    for chunked in [false, true] {
        let (recorder, handle) = Recorder::new();
        let mut builder = FrameWriter::builder();
        if chunked {
            builder.chunked();
        }
        let mut writer = builder.new_write(recorder).unwrap();
        assert_eq!(writer.write(&[]).unwrap(), 0);
        writer.flush().unwrap();
        writer.write_all(b"x").unwrap();
        writer.flush().unwrap();
        let after_x = handle.data();
        assert_eq!(writer.write(&[]).unwrap(), 0);
        let mut empty = io::Cursor::new(Bytes::new());
        let (answer, _) = poll_once(|| tokio_io::AsyncWrite::write_buf(&mut writer, &mut empty));
        assert_eq!(answer.unwrap(), Async::Ready(0));
        writer.flush().unwrap();
        assert_eq!(handle.data(), after_x, "chunked: {chunked}");
        assert_eq!(writer.frames_written(), 1);
        assert_eq!(frames_be4(&after_x, 1 << 23), [b"x".to_vec()]);
    }
}

#[test]
fn an_empty_sink_item_is_invalid_input_and_sends_nothing() {
    let (recorder, handle) = Recorder::new();
    let mut writer = FrameWriter::new(recorder);
    let (answer, _) =
        poll_once(|| futures::Sink::start_send(&mut writer, Bytes::new()).map(Async::Ready));
    assert_eq!(answer.unwrap_err().kind(), ErrorKind::InvalidInput);
    let (answer, _) = poll_once(|| {
        futures::Sink::start_send(&mut writer, Bytes::from_static(b"ok")).map(Async::Ready)
    });
    assert!(matches!(answer.unwrap(), Async::Ready(AsyncSink::Ready)));
    let (answer, _) = poll_once(|| futures::Sink::poll_complete(&mut writer));
    assert_eq!(answer.unwrap(), Async::Ready(()));
    assert_eq!(frames_be4(&handle.data(), 100), [b"ok".to_vec()]);
}

#[test]
fn a_buffer_capacity_above_the_maximum_is_invalid_input_not_a_panic() {
    for capacity in [
        usize::MAX,
        usize::MAX / 2,
        writestack_core::MAX_CAPACITY + 1,
    ] {
        for builder in [Builder::new(), Builder::new().chunked().clone()] {
            let error = builder
                .clone()
                .buffer_capacity(capacity)
                .new_write(Vec::<u8>::new())
                .unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{capacity}");
            assert!(error.to_string().contains("FrameWriter"), "{error}");
        }
    }
}
