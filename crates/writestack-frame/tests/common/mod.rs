//! The contract-suite spec for `FrameWriter`, and the `leb128` crate's decoder for
//! varint prefixes (only this crate's tests read them). tokio's `length_delimited`
//! decoder and the framing rules come from the test kit (`writestack_test::reference`).

#![allow(dead_code, unreachable_pub)]

use std::io::Cursor;

use writestack_frame::{FrameWriter, LengthField};
use writestack_test::reference::{join_frames, payload_frames, tokio_frames};
use writestack_test::{LayerSpec, TestWriter};

/// Splits `wire` into frame payloads with tokio's `LengthDelimitedCodec` (fixed widths)
/// or the `leb128` crate (varint), and checks nothing is left over.
pub fn frames(field: LengthField, max: usize, wire: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    match field {
        LengthField::Fixed { width, endian } => tokio_frames(width, endian, max, wire),
        LengthField::Varint => leb128_frames(max, wire),
    }
}

/// The `leb128` crate's decoder for the prefixes; also checks each prefix is the
/// shortest encoding and the length is at most `max`.
pub fn leb128_frames(max: usize, wire: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut cursor = Cursor::new(wire);
    let mut frames = Vec::new();
    while cursor.position() < wire.len() as u64 {
        let start = cursor.position();
        let len = leb128::read::unsigned(&mut cursor).map_err(|e| format!("{e:?}"))?;
        let prefix = to_usize(cursor.position() - start)?;
        if prefix != leb128::write::unsigned_len(len) {
            return Err(format!(
                "a {prefix}-byte prefix for {len}: not the shortest form"
            ));
        }
        if len > max as u64 {
            return Err(format!("a frame of {len} bytes over the maximum {max}"));
        }
        let at = to_usize(cursor.position())?;
        let end = at + to_usize(len)?;
        if end > wire.len() {
            return Err(format!("a frame of {len} bytes cut short at the end"));
        }
        frames.push(wire[at..end].to_vec());
        cursor.set_position(end as u64);
    }
    Ok(frames)
}

fn to_usize(n: u64) -> Result<usize, String> {
    usize::try_from(n).map_err(|_| format!("{n} does not fit a usize"))
}

/// A `FrameWriter` configuration for the contract suite.
pub struct FrameSpec {
    pub chunked: bool,
    pub field: LengthField,
    pub max: usize,
    pub capacity: usize,
    pub end_marker: bool,
}

impl FrameSpec {
    pub fn writer<W>(&self, inner: W) -> FrameWriter<W> {
        let mut builder = FrameWriter::builder();
        builder.length_field(self.field);
        if self.chunked {
            builder.chunked();
        }
        builder
            .max_frame_length(self.max)
            .buffer_capacity(self.capacity)
            .end_marker(self.end_marker)
            .new_write(inner)
            .expect("a valid test configuration")
    }
}

impl LayerSpec for FrameSpec {
    type Layer = FrameWriter<TestWriter>;

    fn name(&self) -> &'static str {
        "FrameWriter"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        self.writer(inner)
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        join_frames(&frames(self.field, self.max, wire)?, self.end_marker)
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        join_frames(&frames(self.field, self.max, wire)?, false)
    }

    fn max_accepted_while_blocked(&self) -> usize {
        self.capacity
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn decode_units(&self, wire: &[u8]) -> Option<Result<Vec<Vec<u8>>, String>> {
        // Message mode promises one frame per accepted write; chunked mode cuts frames
        // where its buffer fills.
        if self.chunked {
            return None;
        }
        Some(
            frames(self.field, self.max, wire)
                .and_then(|frames| payload_frames(frames, self.end_marker)),
        )
    }

    fn wire_is_deterministic(&self) -> bool {
        !self.chunked
    }
}
