//! The layer contract suite, run on all three writers, at several levels and buffer
//! sizes. Streams are decoded with flate2's read decoders.

mod common;

use common::Format;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::{LayerSpec, TestWriter};

/// Most random input a writer takes while its inner writer takes nothing: its buffer,
/// plus what the codec holds inside (its window and pending-output area, fixed in size).
/// Measured with an 8 KiB buffer: zlib-rs takes 64 KiB of random bytes at every level,
/// miniz_oxide 31 KiB (60 KiB at level 1). The bound leaves room for both.
const CODEC_HOLDS: usize = 128 * 1024;

macro_rules! spec {
    ($spec:ident, $layer:ident, $format:expr, $name:literal, $build:expr) => {
        struct $spec {
            level: u32,
            capacity: usize,
        }

        impl LayerSpec for $spec {
            type Layer = $layer<TestWriter>;

            fn name(&self) -> &'static str {
                $name
            }

            fn build(&self, inner: TestWriter) -> Self::Layer {
                let build: fn(&Self, TestWriter) -> Self::Layer = $build;
                build(self, inner)
            }

            fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
                common::decode($format, wire)
            }

            fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
                common::decode_prefix($format, wire)
            }

            fn max_accepted_while_blocked(&self) -> usize {
                // The capacity the writer really has: a constructor may raise a small one.
                let built = self.build(writestack_test::test_writer(Vec::new()).0);
                built.capacity().max(self.capacity) + CODEC_HOLDS
            }

            fn capacity(&self) -> usize {
                self.capacity
            }
        }
    };
}

spec!(
    DeflateSpec,
    DeflateWriter,
    Format::Deflate,
    "DeflateWriter",
    |spec, inner| {
        DeflateWriter::with_capacity(spec.capacity, inner, Compression::new(spec.level))
    }
);
spec!(
    ZlibSpec,
    ZlibWriter,
    Format::Zlib,
    "ZlibWriter",
    |spec, inner| { ZlibWriter::with_capacity(spec.capacity, inner, Compression::new(spec.level)) }
);
spec!(
    GzipSpec,
    GzipWriter,
    Format::Gzip,
    "GzipWriter",
    |spec, inner| {
        GzipWriter::builder()
            .level(Compression::new(spec.level))
            // The builder refuses a capacity under the minimum; the other writers raise it.
            .buffer_capacity(spec.capacity.max(writestack_flate::MIN_CAPACITY))
            .filename("contract.txt")
            .new_write(inner)
            .expect("a valid gzip configuration")
    }
);

mod gzip_default {
    writestack_test::contract_tests!(super::GzipSpec {
        level: 6,
        capacity: 8 * 1024
    });
}

mod gzip_fast_tiny_buffer {
    // The smallest buffer (16 bytes): the header, every sync flush and the trailer are cut
    // at odd places.
    writestack_test::contract_tests!(super::GzipSpec {
        level: 1,
        capacity: 7
    });
}

mod deflate_default {
    writestack_test::contract_tests!(super::DeflateSpec {
        level: 6,
        capacity: 8 * 1024
    });
}

mod deflate_best_small_buffer {
    writestack_test::contract_tests!(super::DeflateSpec {
        level: 9,
        capacity: 100
    });
}

mod zlib_default {
    writestack_test::contract_tests!(super::ZlibSpec {
        level: 6,
        capacity: 8 * 1024
    });
}

mod zlib_fast_tiny_buffer {
    writestack_test::contract_tests!(super::ZlibSpec {
        level: 1,
        capacity: 7
    });
}

mod gzip_stored {
    // Level 0: stored blocks, whose sizes zlib-rs ties to the output room.
    writestack_test::contract_tests!(super::GzipSpec {
        level: 0,
        capacity: 8 * 1024
    });
}
mod deflate_stored_small_buffer {
    writestack_test::contract_tests!(super::DeflateSpec {
        level: 0,
        capacity: 100
    });
}
mod gzip_best_odd_buffer {
    writestack_test::contract_tests!(super::GzipSpec {
        level: 9,
        capacity: 333
    });
}

// Capacities under the few bytes a sync flush or the gzip header needs at once: the
// header, every sync block and the trailer are cut at every byte. (A constructor may
// raise a capacity under its documented minimum; the configurations stay.)

mod gzip_capacity_1 {
    writestack_test::contract_tests!(super::GzipSpec {
        level: 6,
        capacity: 1
    });
}

mod deflate_capacity_2 {
    writestack_test::contract_tests!(super::DeflateSpec {
        level: 1,
        capacity: 2
    });
}

mod zlib_capacity_5 {
    writestack_test::contract_tests!(super::ZlibSpec {
        level: 9,
        capacity: 5
    });
}

mod gzip_stored_capacity_8 {
    writestack_test::contract_tests!(super::GzipSpec {
        level: 0,
        capacity: 8
    });
}

mod deflate_capacity_13 {
    writestack_test::contract_tests!(super::DeflateSpec {
        level: 6,
        capacity: 13
    });
}
