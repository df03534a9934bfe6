//! Framing layer configurations, and what the builder must refuse.

use arbitrary::Arbitrary;
use writestack_core::Endian;
use writestack_frame::FrameWriter;

use crate::layer::{Below, Layer};
use crate::spec::{expect_built, Capacity, Order};
use crate::wire::{FrameWire, Wire};

/// The kind of length prefix.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum PrefixSpec {
    /// The builder's default (4 bytes, big endian).
    Default,
    /// `length_field_length(1 + width % 8)`, with a byte order chosen or not.
    Fixed(u8, Option<Order>),
    /// `varint()`; choosing a byte order as well must be refused.
    Varint(Option<Order>),
}

/// A maximum frame length.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum MaxLen {
    /// The default, 8 MiB.
    Default,
    /// 0 to 255 (0 must be refused).
    Tiny(u8),
    /// 0 to 65 535.
    Small(u16),
    /// Up to 16 MiB.
    Large(u32),
}

/// Message mode (each write one frame) or chunked mode (one byte stream).
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Each write is one frame.
    Message,
    /// `chunked()`.
    Chunked,
}

/// A framing layer.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub struct FrameSpec {
    /// The prefix.
    pub prefix: PrefixSpec,
    /// The maximum frame length.
    pub max: MaxLen,
    /// `end_marker(..)`, or the mode's default.
    pub end_marker: Option<bool>,
    /// The buffer capacity.
    pub capacity: Capacity,
}

pub(crate) fn build_frame(spec: &FrameSpec, mode: Mode, below: Below) -> Option<(Layer, Wire)> {
    let mut builder = FrameWriter::builder();
    let (varint, width, order) = match spec.prefix {
        PrefixSpec::Default => (false, 4, None),
        PrefixSpec::Fixed(width, order) => (false, 1 + usize::from(width % 8), order),
        PrefixSpec::Varint(order) => (true, 0, order),
    };
    if let PrefixSpec::Fixed(..) = spec.prefix {
        builder.length_field_length(width);
    }
    match order {
        Some(Order::Big) => {
            builder.big_endian();
        }
        Some(Order::Little) => {
            builder.little_endian();
        }
        None => {}
    }
    if varint {
        builder.varint();
    }
    let max = match spec.max {
        MaxLen::Default => 8 * 1024 * 1024,
        MaxLen::Tiny(n) => usize::from(n),
        MaxLen::Small(n) => usize::from(n),
        MaxLen::Large(n) => n as usize % (1 << 24),
    };
    if !matches!(spec.max, MaxLen::Default) {
        builder.max_frame_length(max);
    }
    if mode == Mode::Chunked {
        builder.chunked();
    }
    if let Some(marker) = spec.end_marker {
        builder.end_marker(marker);
    }
    let capacity = spec.capacity.bytes().unwrap_or(8 * 1024);
    if spec.capacity.bytes().is_some() {
        builder.buffer_capacity(capacity);
    }
    // CONTRACT rule 16 and the builder's docs: what must be refused.
    let longest_prefix = if varint {
        leb128::write::unsigned(&mut Vec::new(), max as u64).unwrap_or(10)
    } else {
        width
    };
    let valid = max > 0
        && (varint || Endian::fits(max as u64, width))
        && !(varint && order.is_some())
        && capacity > longest_prefix;
    let writer = expect_built("FrameWriter", builder.new_write(below), Some(valid))?;
    let wire = FrameWire {
        varint,
        width,
        endian: order.unwrap_or(Order::Big).endian(),
        max,
        chunked: mode == Mode::Chunked,
        end_marker: spec.end_marker.unwrap_or(mode == Mode::Chunked),
        capacity: writer.capacity(),
    };
    Some((Layer::Frame(writer), Wire::Frames(wire)))
}
