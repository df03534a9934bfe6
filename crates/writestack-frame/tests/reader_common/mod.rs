//! What the reader tests share: configurations, our writer producing wire bytes, and the
//! three ways of reading them back (std `Read`, the futures 0.1 `Stream`, the tokio 1
//! `Stream`), each under the kit's strict drivers.

#![allow(dead_code, unreachable_pub, unused_imports)]

use std::io::{self, Read, Write};

use futures::{Future, Stream};
use writestack_core::{Endian, FinishExt};
use writestack_frame::{Builder, FrameReader, LengthField};
use writestack_test::drive;

/// One framing configuration, given to both the writer and the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conf {
    pub field: LengthField,
    pub max: usize,
    pub chunked: bool,
    pub end_marker: bool,
    pub capacity: usize,
}

impl Conf {
    /// Message mode with `field` and the largest maximum it carries (at most 1 MiB).
    pub fn message(field: LengthField) -> Conf {
        let max = match field {
            LengthField::Fixed { width, .. } if width < 3 => (1usize << (8 * width)) - 1,
            _ => 1 << 20,
        };
        Conf {
            field,
            max,
            chunked: false,
            end_marker: false,
            capacity: 8192,
        }
    }

    pub fn builder(&self) -> Builder {
        let mut builder = Builder::new();
        builder.length_field(self.field);
        builder
            .max_frame_length(self.max)
            .end_marker(self.end_marker)
            .buffer_capacity(self.capacity);
        if self.chunked {
            builder.chunked();
        }
        builder
    }

    pub fn reader<R>(&self, inner: R) -> FrameReader<R> {
        self.builder().new_read(inner).unwrap()
    }
}

/// Every prefix: fixed widths 1 to 8 in both orders, and LEB128.
pub fn every_field() -> Vec<LengthField> {
    let mut fields = vec![LengthField::Varint];
    for width in 1..=8 {
        for endian in [Endian::Big, Endian::Little] {
            fields.push(LengthField::Fixed { width, endian });
        }
    }
    fields
}

/// Our `FrameWriter` with `conf`: in message mode each of `messages` is one write (one
/// frame); in chunked mode they are writes of the one stream, each followed by a flush
/// when `flush_each` (so frame boundaries vary). Finished (end marker, if any).
pub fn write_wire(conf: &Conf, messages: &[Vec<u8>], flush_each: bool) -> Vec<u8> {
    let mut writer = conf.builder().new_write(Vec::new()).unwrap();
    for message in messages {
        writer.write_all(message).unwrap();
        if flush_each {
            writer.flush().unwrap();
        }
    }
    writer.finish().wait().unwrap().into_inner()
}

/// The frames, through the futures 0.1 `Stream` under the strict driver.
pub fn frames_01<R: tokio_io::AsyncRead>(reader: FrameReader<R>) -> io::Result<Vec<Vec<u8>>> {
    drive(reader.map(|frame| frame.to_vec()).collect()).result
}

#[cfg(feature = "tokio")]
mod std_task;
#[cfg(feature = "tokio")]
pub use std_task::*;
