//! The reader contract suite (rules R1-R7), run on all three readers, single and multi
//! member gzip, at a few input-buffer sizes. Streams come from our writers (their own
//! tests check them against flate2, `gzip` and Python's zlib).

mod reader_kit;

use bytes::Bytes;
use reader_kit::{compress, Fmt};
use writestack_flate::{DeflateReader, GzipReader, ZlibReader};
use writestack_test::{ReaderSpec, TestReader};

/// `stream` with its first byte's block-type bits set to 11, reserved in every deflate
/// block header (RFC 1951 3.2.3): corrupt at once, whatever the rest says.
fn reserved_block_type(stream: &[u8], at: usize) -> Option<Vec<u8>> {
    let mut corrupt = stream.to_vec();
    *corrupt.get_mut(at)? |= 0b110;
    Some(corrupt)
}

/// `stream` with its last byte changed: a wrong Adler-32 (zlib) or ISIZE (gzip).
fn wrong_check(stream: &[u8]) -> Option<Vec<u8>> {
    let mut corrupt = stream.to_vec();
    *corrupt.last_mut()? ^= 0x55;
    Some(corrupt)
}

macro_rules! spec {
    ($spec:ident, $reader:ident, $build:expr, $fmt:expr, ends: $ends:expr, corrupt: $corrupt:expr) => {
        struct $spec {
            capacity: usize,
        }

        impl ReaderSpec for $spec {
            type Reader = $reader<TestReader>;

            fn name(&self) -> &'static str {
                stringify!($reader)
            }

            fn build(&self, inner: TestReader) -> Self::Reader {
                let build: fn(usize, TestReader) -> Self::Reader = $build;
                build(self.capacity, inner)
            }

            fn into_parts(reader: Self::Reader) -> (TestReader, Bytes) {
                reader.into_parts()
            }

            fn stream(&self, payload: &[u8]) -> Vec<u8> {
                compress($fmt, 6, &[payload])
            }

            fn ends_itself(&self) -> bool {
                $ends
            }

            fn corrupt(&self, stream: &[u8]) -> Option<Vec<u8>> {
                let corrupt: fn(&[u8]) -> Option<Vec<u8>> = $corrupt;
                corrupt(stream)
            }
        }
    };
}

spec!(DeflateSpec, DeflateReader, DeflateReader::with_capacity, Fmt::Deflate,
    ends: true, corrupt: |stream| reserved_block_type(stream, 0));
spec!(ZlibSpec, ZlibReader, ZlibReader::with_capacity, Fmt::Zlib,
    ends: true, corrupt: wrong_check);
spec!(GzipSpec, GzipReader, GzipReader::with_capacity, Fmt::Gzip,
    ends: true, corrupt: wrong_check);
// Several members end only at the inner reader's end, between members.
spec!(MultiGzipSpec, GzipReader, GzipReader::multi_with_capacity, Fmt::Gzip,
    ends: false, corrupt: |stream| reserved_block_type(stream, 10));

mod deflate {
    writestack_test::read_contract_tests!(super::DeflateSpec { capacity: 8192 });
}

mod deflate_capacity_1 {
    writestack_test::read_contract_tests!(super::DeflateSpec { capacity: 1 });
}

mod zlib {
    writestack_test::read_contract_tests!(super::ZlibSpec { capacity: 8192 });
}

mod zlib_capacity_7 {
    writestack_test::read_contract_tests!(super::ZlibSpec { capacity: 7 });
}

mod gzip {
    writestack_test::read_contract_tests!(super::GzipSpec { capacity: 8192 });
}

mod gzip_capacity_1 {
    writestack_test::read_contract_tests!(super::GzipSpec { capacity: 1 });
}

mod gzip_multi {
    writestack_test::read_contract_tests!(super::MultiGzipSpec { capacity: 64 });
}
