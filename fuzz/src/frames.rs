//! Decoding a framing layer's output: fixed-width prefixes with tokio 0.1's
//! `LengthDelimitedCodec`, LEB128 prefixes with the `leb128` crate.

use bytes::BytesMut;
use tokio::codec::length_delimited::Builder;
use tokio::codec::Decoder;
use writestack_core::Endian;

use crate::wire::FrameWire;

/// Frames (payloads with their prefix widths) of a finished or flushed framing layer.
pub(crate) fn decode_frames(wire: &FrameWire, bytes: &[u8], complete: bool) -> Vec<Vec<u8>> {
    let mut frames = if wire.varint {
        varint_frames(wire, bytes)
    } else {
        fixed_frames(wire, bytes)
    };
    if complete && wire.end_marker {
        let last = frames.pop();
        assert!(
            matches!(&last, Some((_, payload)) if payload.is_empty()),
            "FrameWriter: a finished stream does not end with its end marker"
        );
    }
    for (index, (width, payload)) in frames.iter().enumerate() {
        assert!(
            !payload.is_empty(),
            "FrameWriter: empty frame {index} of {} (empty writes and flushes make no frame; \
             the end marker comes once, last)",
            frames.len()
        );
        assert!(
            payload.len() <= wire.max,
            "FrameWriter: a frame over the maximum"
        );
        if wire.chunked {
            assert!(
                width + payload.len() <= wire.capacity,
                "FrameWriter: a chunk of {} + {} bytes is larger than the capacity {}",
                width,
                payload.len(),
                wire.capacity
            );
        }
    }
    frames.into_iter().map(|(_, payload)| payload).collect()
}

fn fixed_frames(wire: &FrameWire, bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut builder = Builder::new();
    builder.length_field_length(wire.width);
    builder.max_frame_length(wire.max);
    match wire.endian {
        Endian::Big => builder.big_endian(),
        Endian::Little => builder.little_endian(),
    };
    let mut codec = builder.new_codec();
    let mut src = BytesMut::from(bytes);
    let mut frames = Vec::new();
    loop {
        match codec.decode(&mut src) {
            Ok(Some(frame)) => frames.push((wire.width, frame.to_vec())),
            Ok(None) => break,
            Err(error) => panic!("FrameWriter: tokio's LengthDelimitedCodec refuses: {error}"),
        }
    }
    assert!(
        src.is_empty(),
        "FrameWriter: {} bytes of a partial frame after a flush or finish",
        src.len()
    );
    frames
}

fn varint_frames(wire: &FrameWire, bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut rest = bytes;
    let mut frames = Vec::new();
    while !rest.is_empty() {
        let before = rest.len();
        let len = leb128::read::unsigned(&mut rest)
            .unwrap_or_else(|error| panic!("FrameWriter: bad LEB128 prefix: {error:?}"));
        let width = before - rest.len();
        let shortest = leb128::write::unsigned(&mut Vec::new(), len).unwrap_or(10);
        assert_eq!(
            width, shortest,
            "FrameWriter: a LEB128 prefix not in its shortest form"
        );
        assert!(
            len <= wire.max as u64,
            "FrameWriter: a frame over the maximum"
        );
        let len = len as usize;
        assert!(
            rest.len() >= len,
            "FrameWriter: a partial frame after a flush or finish"
        );
        frames.push((width, rest[..len].to_vec()));
        rest = &rest[len..];
    }
    frames
}
