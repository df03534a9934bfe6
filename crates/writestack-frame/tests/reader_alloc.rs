//! Rule R3/R4 measured: a prefix announcing 4 GiB (or `u64::MAX`) allocates nothing near
//! that size, on every interface; a frame announced as large as the maximum costs memory
//! only as its bytes arrive. A counting global allocator (this file only) records the
//! largest single allocation.
#![cfg(feature = "tokio")]

use std::alloc::System;
use std::io::{self, Read};
use std::pin::Pin;

use cap::Cap;
use futures::Stream;
use writestack_frame::FrameReader;

/// Counts heap bytes (the `cap` crate: a global allocator needs `unsafe`, which this
/// workspace forbids in its own code).
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The peak of heap bytes in use over the whole process so far: this file has one test,
/// so the peak is this test's (and the harness's, a few KiB).
fn peak() -> usize {
    ALLOCATOR.max_allocated()
}

fn every_interface(builder: &writestack_frame::Builder, wire: &[u8]) -> Vec<io::ErrorKind> {
    let mut kinds = Vec::new();
    let mut reader = builder.new_read(wire).unwrap();
    kinds.push(reader.read_to_end(&mut Vec::new()).unwrap_err().kind());
    let mut reader = builder.new_read(wire).unwrap();
    kinds.push(reader.poll().unwrap_err().kind());
    let mut reader = builder.new_read(wire).unwrap();
    let mut cx = std::task::Context::from_waker(futures03::task::noop_waker_ref());
    match futures03::Stream::poll_next(Pin::new(&mut reader), &mut cx) {
        std::task::Poll::Ready(Some(Err(error))) => kinds.push(error.kind()),
        other => panic!("expected an error, got {other:?}"),
    }
    kinds
}

#[test]
fn huge_announced_lengths_cost_no_memory_before_their_bytes_arrive() {
    a_4_gib_prefix_allowed_by_the_maximum_allocates_by_what_arrived();
    a_u32_max_or_u64_max_prefix_over_the_maximum_is_refused();
    a_frame_announced_at_the_maximum_grows_only_with_the_bytes_that_arrive();
    let peak = peak();
    assert!(peak < 2 * 1024 * 1024, "peak heap {peak} bytes");
}

fn a_4_gib_prefix_allowed_by_the_maximum_allocates_by_what_arrived() {
    let mut builder = FrameReader::builder();
    builder.max_frame_length(u32::MAX as usize);
    let wire = [0xFF, 0xFF, 0xFF, 0xFF, b'x'];
    // Allowed by the maximum, so the frame starts; the one byte that came is all it gets.
    let kinds = every_interface(&builder, &wire);
    assert_eq!(kinds, [io::ErrorKind::UnexpectedEof; 3]);
    let peak = peak();
    assert!(peak < 1024 * 1024, "peak heap {peak} bytes");
}

fn a_u32_max_or_u64_max_prefix_over_the_maximum_is_refused() {
    let mut four = FrameReader::builder();
    four.length_field_length(4);
    let mut eight = FrameReader::builder();
    eight.length_field_length(8);
    assert_eq!(
        every_interface(&four, &[0xFF; 4]),
        [io::ErrorKind::InvalidData; 3]
    );
    assert_eq!(
        every_interface(&eight, &[0xFF; 8]),
        [io::ErrorKind::InvalidData; 3]
    );
    let peak = peak();
    assert!(peak < 1024 * 1024, "peak heap {peak} bytes");
}

fn a_frame_announced_at_the_maximum_grows_only_with_the_bytes_that_arrive() {
    // 8 MiB announced (the default maximum), 100 KiB sent, then the inner reader ends.
    let mut wire = (8u32 * 1024 * 1024).to_be_bytes().to_vec();
    wire.extend_from_slice(&[7u8; 100 * 1024]);
    let before = ALLOCATOR.allocated();
    let mut reader = FrameReader::new(&wire[..]);
    assert_eq!(
        reader.poll().unwrap_err().kind(),
        io::ErrorKind::UnexpectedEof
    );
    let held = ALLOCATOR.allocated() - before;
    // Each growth is at most what arrived (or the 8 KiB spare): at most twice what
    // arrived plus the spare, never the 8 MiB announced.
    let frame = reader.frame_buffer_len();
    assert!(
        (100 * 1024..=2 * 100 * 1024 + 8 * 1024).contains(&frame),
        "{frame} bytes"
    );
    assert!(held < 512 * 1024, "held {held} bytes");
}
