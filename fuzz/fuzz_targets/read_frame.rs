//! `FrameReader` on arbitrary bytes: any configuration (prefix width 1-8 in either order
//! or LEB128, a small maximum, message or chunked mode, end marker on or off, any input
//! buffer) and any input, read through std `Read` and through the futures 0.1 `Stream`
//! over an inner reader that answers in short pieces and `WouldBlock`.
//!
//! Panics on: a panic inside the reader, a hang (more polls than the input can explain),
//! a frame longer than the maximum, a frame buffer beyond the maximum plus its spare, the
//! two interfaces disagreeing, and, for fixed-width prefixes without end marker, any
//! disagreement with tokio 0.1's `length_delimited` decoder (which we did not write).
#![no_main]

use std::io::{self, Read};
use std::sync::Arc;

use arbitrary::Arbitrary;
use bytes::BytesMut;
use futures::executor::{self, Notify, NotifyHandle};
use futures::Async;
use libfuzzer_sys::fuzz_target;
use tokio::codec::{length_delimited, Decoder};
use writestack_frame::{Builder, FrameReader};

#[derive(Arbitrary, Debug)]
struct Input {
    width: u8,
    varint: bool,
    little: bool,
    max: u16,
    chunked: bool,
    end_marker: Option<bool>,
    capacity: u16,
    /// Sizes of the inner reader's answers; 0 stands for `WouldBlock`.
    schedule: Vec<u8>,
    data: Vec<u8>,
}

/// Spare bytes a `Stream` may hold beyond one frame (the frame crate's `SPARE`).
const SPARE: usize = 8 * 1024;

/// An inner reader over `data` that answers from `schedule` (`WouldBlock` for 0), then
/// reads freely.
struct Pieces<'a> {
    data: &'a [u8],
    schedule: &'a [u8],
    turn: usize,
    would_block: bool,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let answer = self
            .schedule
            .get(self.turn)
            .map_or(usize::MAX, |&n| usize::from(n));
        self.turn += 1;
        if answer == 0 && self.would_block {
            // Woken at once, as a socket would be later: the task polls again. Only the
            // `Stream` path (inside a task) asks for `WouldBlock`.
            futures::task::current().notify();
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let n = answer.max(1).min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

impl tokio_io::AsyncRead for Pieces<'_> {}

struct Noop;

impl Notify for Noop {
    fn notify(&self, _: usize) {}
}

fn builder(input: &Input) -> Builder {
    let mut builder = Builder::new();
    if input.varint {
        builder.varint();
    } else {
        builder.length_field_length(usize::from(input.width % 8) + 1);
        if input.little {
            builder.little_endian();
        }
    }
    builder
        .max_frame_length(usize::from(input.max % 4096) + 1)
        .buffer_capacity(usize::from(input.capacity % 2048) + 1);
    if input.chunked {
        builder.chunked();
    }
    if let Some(on) = input.end_marker {
        builder.end_marker(on);
    }
    builder
}

fn polls_allowed(input: &Input) -> usize {
    (input.data.len() + input.schedule.len() + 10) * 4 + 1000
}

fn as_read(input: &Input, builder: &Builder) -> Result<Vec<u8>, io::ErrorKind> {
    let inner = Pieces {
        data: &input.data,
        schedule: &input.schedule,
        turn: 0,
        would_block: false,
    };
    let mut reader = builder.new_read(inner).expect("checked configuration");
    let mut out = Vec::new();
    let mut buf = [0u8; 97];
    for _ in 0..polls_allowed(input) {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(error) => return Err(error.kind()),
        }
    }
    panic!("Read: no end after {} reads", polls_allowed(input));
}

fn as_stream(input: &Input, builder: &Builder) -> Result<Vec<Vec<u8>>, io::ErrorKind> {
    let inner = Pieces {
        data: &input.data,
        schedule: &input.schedule,
        turn: 0,
        would_block: true,
    };
    let reader: FrameReader<Pieces<'_>> = builder.new_read(inner).expect("checked configuration");
    let max = reader.max_frame_length();
    let mut task = executor::spawn(reader);
    let notify = NotifyHandle::from(Arc::new(Noop));
    let mut frames = Vec::new();
    for _ in 0..polls_allowed(input) {
        let answer = task.poll_stream_notify(&notify, 0);
        assert!(
            task.get_ref().frame_buffer_len() <= max + SPARE,
            "frame buffer over the bound"
        );
        match answer {
            Ok(Async::Ready(Some(frame))) => {
                assert!(
                    frame.len() <= max,
                    "a frame of {} over the maximum {max}",
                    frame.len()
                );
                frames.push(frame.to_vec());
            }
            Ok(Async::Ready(None)) => return Ok(frames),
            Ok(Async::NotReady) => {}
            Err(error) => return Err(error.kind()),
        }
    }
    panic!("Stream: no end after {} polls", polls_allowed(input));
}

/// tokio's decoder on the same configuration (fixed width, no end marker only).
fn tokio_frames(input: &Input) -> Option<Result<Vec<Vec<u8>>, ()>> {
    if input.varint || input.end_marker.unwrap_or(input.chunked) {
        return None;
    }
    let width = usize::from(input.width % 8) + 1;
    let mut codec = length_delimited::Builder::new();
    codec
        .length_field_length(width)
        .max_frame_length(usize::from(input.max % 4096) + 1);
    if input.little {
        codec.little_endian();
    }
    let mut codec = codec.new_codec();
    let mut src = BytesMut::from(&input.data[..]);
    let mut frames = Vec::new();
    loop {
        match codec.decode(&mut src) {
            Ok(Some(frame)) => frames.push(frame.to_vec()),
            // The codec takes a prefix before its payload has arrived, so an empty `src`
            // is not the proof of a whole stream: the frames must account for every byte.
            Ok(None)
                if frames.iter().map(|f| width + f.len()).sum::<usize>() == input.data.len() =>
            {
                return Some(Ok(frames))
            }
            Ok(None) | Err(_) => return Some(Err(())),
        }
    }
}

fuzz_target!(|input: Input| {
    let builder = builder(&input);
    // A configuration the writer refuses is refused for the reader too: nothing to read.
    if builder.new_read(&b""[..]).is_err() {
        return;
    }
    let read = as_read(&input, &builder);
    let stream = as_stream(&input, &builder);
    match (&read, &stream) {
        (Ok(payload), Ok(frames)) => {
            assert_eq!(payload, &frames.concat(), "Read and Stream disagree")
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "Read and Stream fail differently"),
        _ => panic!("Read {read:?} and Stream {stream:?} disagree"),
    }
    for kind in read.as_ref().err().into_iter() {
        assert!(
            matches!(
                kind,
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
            ),
            "unexpected error kind {kind:?}"
        );
    }
    if let Some(reference) = tokio_frames(&input) {
        match (reference, stream) {
            (Ok(expected), Ok(frames)) => assert_eq!(frames, expected, "tokio's codec disagrees"),
            (Err(()), Err(_)) => {}
            (reference, ours) => panic!("tokio's codec {reference:?}, ours {ours:?}: {input:?}"),
        }
    }
});
