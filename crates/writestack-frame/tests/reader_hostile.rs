//! Hostile inner readers: partial-io 0.3 short reads, `WouldBlock` and `Interrupted`
//! under std `Read` and under the strict futures 0.1 driver, a scheduled tokio 1 /
//! futures-io reader under the strict std driver, and hard errors then recovery
//! (rules R2 and R5). Expected values are what our writer was given.
#![cfg(all(feature = "tokio", feature = "futures-io"))]

mod reader_common;

use std::io::{self, Cursor};
use std::pin::Pin;
use std::task::Poll;

use futures::{Async, Stream};
use partial_io::{PartialAsyncRead, PartialOp, PartialRead};
use proptest::collection::vec;
use proptest::prelude::*;
use writestack_core::Endian;
use writestack_frame::futures_io::FrameStream;
use writestack_frame::LengthField;
use writestack_test::{
    drive_poll, drive_std, hostile_schedule, payload, read_to_end_retrying, PayloadKind,
};

use reader_common::{frames_01, frames_tokio1, write_wire, Conf, HostileReader};

fn messages(lens: &[usize]) -> Vec<Vec<u8>> {
    lens.iter()
        .enumerate()
        .map(|(at, &len)| payload(PayloadKind::Random, 7 + at as u64, len))
        .collect()
}

fn one_byte_reads() -> Vec<PartialOp> {
    vec![PartialOp::Limited(1); 100_000]
}

fn conf(varint: bool, end_marker: bool) -> Conf {
    let field = if varint {
        LengthField::Varint
    } else {
        LengthField::Fixed {
            width: 3,
            endian: Endian::Little,
        }
    };
    Conf {
        end_marker,
        capacity: 64,
        ..Conf::message(field)
    }
}

#[test]
fn one_byte_reads_give_the_same_frames_on_every_runtime() {
    let sent = messages(&[1, 300, 2, 5000, 17]);
    for varint in [false, true] {
        let conf = conf(varint, true);
        let wire = write_wire(&conf, &sent, false);
        let mut reader = conf.reader(PartialRead::new(
            Cursor::new(wire.clone()),
            one_byte_reads(),
        ));
        assert_eq!(
            read_to_end_retrying(&mut reader, 100).unwrap(),
            sent.concat()
        );
        let inner = PartialAsyncRead::new(Cursor::new(wire.clone()), one_byte_reads());
        assert_eq!(frames_01(conf.reader(inner)).unwrap(), sent);
        let inner = HostileReader::new(wire, one_byte_reads());
        assert_eq!(frames_tokio1(conf.reader(inner)).unwrap(), sent);
    }
}

#[test]
fn a_hard_inner_error_is_returned_as_it_is_and_the_stream_continues_after_it() {
    let sent = messages(&[10, 20, 30]);
    let conf = conf(false, false);
    let wire = write_wire(&conf, &sent, false);
    let schedule = vec![
        PartialOp::Limited(9), // the first prefix and part of its payload
        PartialOp::Err(io::ErrorKind::ConnectionReset),
    ];
    let mut reader = conf.reader(HostileReader::new(wire.clone(), schedule.clone()));
    let mut frames = Vec::new();
    let mut errors = Vec::new();
    let driven = drive_std(|cx| loop {
        match futures03::Stream::poll_next(Pin::new(&mut reader), cx) {
            Poll::Ready(Some(Ok(frame))) => frames.push(frame.to_vec()),
            Poll::Ready(Some(Err(error))) => errors.push(error.kind()),
            Poll::Ready(None) => return Poll::Ready(Ok(())),
            Poll::Pending => return Poll::Pending,
        }
    });
    driven.result.unwrap();
    assert_eq!(errors, [io::ErrorKind::ConnectionReset]);
    assert_eq!(frames, sent);

    // The same on futures 0.1 with a std `Read` error.
    let inner = PartialAsyncRead::new(Cursor::new(wire), schedule);
    let mut reader = conf.reader(inner);
    let mut frames = Vec::new();
    let mut errors = Vec::new();
    let driven = drive_poll(|| loop {
        match reader.poll() {
            Ok(Async::Ready(Some(frame))) => frames.push(frame.to_vec()),
            Ok(Async::Ready(None)) => return Ok(Async::Ready(())),
            Ok(Async::NotReady) => return Ok(Async::NotReady),
            Err(error) => errors.push(error.kind()),
        }
    });
    driven.result.unwrap();
    assert_eq!(errors, [io::ErrorKind::ConnectionReset]);
    assert_eq!(frames, sent);
}

#[test]
fn a_ready_would_block_from_a_tokio1_reader_is_an_error_not_a_pending() {
    // Rule R2: `Pending` only when the inner reader said `Pending`; a `WouldBlock`
    // returned as an error registered no wakeup, so turning it into `Pending` would hang.
    struct ReadyWouldBlock;
    impl tokio1::io::AsyncRead for ReadyWouldBlock {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            _: &mut tokio1::io::ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            Poll::Ready(Err(io::ErrorKind::WouldBlock.into()))
        }
    }
    let (answer, woken) = writestack_test::poll_once_std(|cx| {
        futures03::Stream::poll_next(
            Pin::new(&mut conf(false, false).reader(ReadyWouldBlock)),
            cx,
        )
        .map(|item| item.map(|frame| frame.map(|_| ())).unwrap_or(Ok(())))
    });
    assert!(!woken);
    match answer {
        Poll::Ready(Err(error)) => assert_eq!(error.kind(), io::ErrorKind::WouldBlock),
        other => panic!("expected the WouldBlock error, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn hostile_schedules_change_nothing_on_any_runtime(
        lens in vec(0usize..700, 0..12),
        varint in any::<bool>(),
        end_marker in any::<bool>(),
        schedule in hostile_schedule(),
    ) {
        let conf = conf(varint, end_marker);
        // Our writer never writes an empty message: zero-length frames come from the
        // foreign encoders (reader_foreign.rs).
        let sent = messages(&lens.into_iter().filter(|&len| len > 0).collect::<Vec<_>>());
        let wire = write_wire(&conf, &sent, false);

        let mut reader = conf.reader(PartialRead::new(Cursor::new(wire.clone()), schedule.clone()));
        prop_assert_eq!(read_to_end_retrying(&mut reader, 50).unwrap(), sent.concat());

        let inner = PartialAsyncRead::new(Cursor::new(wire.clone()), schedule.clone());
        prop_assert_eq!(frames_01(conf.reader(inner)).unwrap(), sent.clone());

        let inner = HostileReader::new(wire.clone(), schedule.clone());
        prop_assert_eq!(frames_tokio1(conf.reader(inner)).unwrap(), sent.clone());

        let mut stream = FrameStream::new(conf.reader(HostileReader::new(wire, schedule)));
        let mut frames = Vec::new();
        let driven = drive_std(|cx| loop {
            match futures03::Stream::poll_next(Pin::new(&mut stream), cx) {
                Poll::Ready(Some(Ok(frame))) => frames.push(frame.to_vec()),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Err(error)),
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        });
        driven.result.unwrap();
        prop_assert_eq!(frames, sent);
    }
}

/// Reads the payload through tokio 1's or futures-io's `poll_read` (chosen by `poll`)
/// under the strict std driver, `buf_len` bytes at a time.
fn drain_std(
    mut poll: impl FnMut(&mut std::task::Context<'_>, &mut [u8]) -> Poll<io::Result<usize>>,
    buf_len: usize,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; buf_len];
    let driven = drive_std(|cx| loop {
        match poll(cx, &mut buf) {
            Poll::Ready(Ok(0)) => return Poll::Ready(Ok(())),
            Poll::Ready(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        }
    });
    driven.result.map(|()| out)
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn chunked_payload_reads_the_same_through_tokio1_and_futures_io_async_read(
        writes in vec(1usize..900, 0..10),
        schedule in hostile_schedule(),
        buf_len in 1usize..600,
    ) {
        let conf = Conf {
            chunked: true,
            end_marker: true,
            capacity: 100,
            ..Conf::message(LengthField::Varint)
        };
        let sent = messages(&writes);
        let wire = write_wire(&conf, &sent, true);

        let mut reader = conf.reader(HostileReader::new(wire.clone(), schedule.clone()));
        let tokio1 = drain_std(
            |cx, buf| {
                let mut read_buf = tokio1::io::ReadBuf::new(buf);
                match tokio1::io::AsyncRead::poll_read(Pin::new(&mut reader), cx, &mut read_buf) {
                    Poll::Ready(Ok(())) => Poll::Ready(Ok(read_buf.filled().len())),
                    Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
                    Poll::Pending => Poll::Pending,
                }
            },
            buf_len,
        );
        prop_assert_eq!(tokio1.unwrap(), sent.concat());
        prop_assert!(reader.is_ended());

        let mut reader = conf.reader(HostileReader::new(wire, schedule));
        let futures_io = drain_std(
            |cx, buf| futures_io::AsyncRead::poll_read(Pin::new(&mut reader), cx, buf),
            buf_len,
        );
        prop_assert_eq!(futures_io.unwrap(), sent.concat());
    }
}
