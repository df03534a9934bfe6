//! The reader contract suite (rules R1-R7) on `FrameReader` as a byte reader: chunked
//! mode ending at its end marker, and message mode ending at the inner reader's end,
//! with fixed and LEB128 prefixes. Streams come from `FrameWriter` configured the same
//! way (checked against tokio's codec and the `leb128` crate by its own tests). The
//! message-mode `Stream`s are checked in `reader_hostile.rs`.

use std::io::Write;

use bytes::Bytes;
use writestack_core::Finish;
use writestack_frame::{Builder, FrameReader};
use writestack_test::{ReaderSpec, TestReader};

/// A configuration, applied to the writer and the reader alike.
#[derive(Clone, Copy, Debug)]
struct FrameSpec {
    chunked: bool,
    varint: bool,
    capacity: usize,
}

impl FrameSpec {
    fn builder(&self) -> Builder {
        let mut builder = Builder::new();
        if self.chunked {
            builder.chunked();
        }
        if self.varint {
            builder.varint();
        }
        builder.buffer_capacity(self.capacity);
        builder
    }
}

/// Message-mode writes: the payload in pieces of this many bytes, one frame each.
const MESSAGE: usize = 100;

impl ReaderSpec for FrameSpec {
    type Reader = FrameReader<TestReader>;

    fn name(&self) -> &'static str {
        "FrameReader"
    }

    fn build(&self, inner: TestReader) -> Self::Reader {
        self.builder()
            .new_read(inner)
            .expect("a valid configuration")
    }

    fn into_parts(reader: Self::Reader) -> (TestReader, Bytes) {
        reader.into_parts()
    }

    fn stream(&self, payload: &[u8]) -> Vec<u8> {
        let mut writer = self
            .builder()
            .new_write(Vec::new())
            .expect("a valid configuration");
        for piece in payload.chunks(MESSAGE) {
            writer.write_all(piece).expect("write to a Vec");
        }
        writer.poll_finish().expect("finish to a Vec");
        writer.into_inner()
    }

    /// Chunked mode ends at its end marker; message mode (no end marker) at the inner
    /// reader's end between frames.
    fn ends_itself(&self) -> bool {
        self.chunked
    }

    /// The first prefix made to announce more than the 8 MiB maximum (alone, when the
    /// stream is empty: message mode writes nothing for no messages).
    fn corrupt(&self, stream: &[u8]) -> Option<Vec<u8>> {
        let (oversize, replaced): (&[u8], usize) = if self.varint {
            // 2^28 - 1 in four LEB128 bytes, in place of a 1-byte prefix.
            (&[0xff, 0xff, 0xff, 0x7f], 1)
        } else {
            (&[0xff; 4], 4)
        };
        let mut corrupt = oversize.to_vec();
        corrupt.extend_from_slice(stream.get(replaced..).unwrap_or_default());
        Some(corrupt)
    }
}

mod chunked {
    writestack_test::read_contract_tests!(super::FrameSpec {
        chunked: true,
        varint: false,
        capacity: 8192
    });
}

mod chunked_small_frames {
    writestack_test::read_contract_tests!(super::FrameSpec {
        chunked: true,
        varint: false,
        capacity: 16
    });
}

mod chunked_varint {
    writestack_test::read_contract_tests!(super::FrameSpec {
        chunked: true,
        varint: true,
        capacity: 64
    });
}

mod messages {
    writestack_test::read_contract_tests!(super::FrameSpec {
        chunked: false,
        varint: false,
        capacity: 8192
    });
}

mod messages_varint {
    writestack_test::read_contract_tests!(super::FrameSpec {
        chunked: false,
        varint: true,
        capacity: 8192
    });
}
