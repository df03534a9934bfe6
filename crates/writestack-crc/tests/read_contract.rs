//! The reader contract suite (rules R1-R7) on `Crc32Reader`, observing and checking a
//! trailer in either byte order. Streams come from `Crc32Writer` (checked against
//! crc32fast and Python's zlib by its own tests).

use std::io::Write;

use bytes::Bytes;
use writestack_core::{Endian, Finish};
use writestack_crc::{Crc32Reader, Crc32Writer};
use writestack_test::{ReaderSpec, TestReader};

/// What the reader is built to do.
#[derive(Clone, Copy, Debug)]
enum Mode {
    Observe,
    Trailer(Endian),
}

struct Crc32Spec {
    mode: Mode,
}

impl ReaderSpec for Crc32Spec {
    type Reader = Crc32Reader<TestReader>;

    fn name(&self) -> &'static str {
        "Crc32Reader"
    }

    fn build(&self, inner: TestReader) -> Self::Reader {
        match self.mode {
            Mode::Observe => Crc32Reader::new(inner),
            Mode::Trailer(endian) => Crc32Reader::with_trailer(inner, endian),
        }
    }

    fn into_parts(reader: Self::Reader) -> (TestReader, Bytes) {
        reader.into_parts()
    }

    fn stream(&self, payload: &[u8]) -> Vec<u8> {
        let mut writer = match self.mode {
            Mode::Observe => Crc32Writer::new(Vec::new()),
            Mode::Trailer(endian) => Crc32Writer::with_trailer(Vec::new(), endian),
        };
        writer.write_all(payload).expect("write to a Vec");
        writer.poll_finish().expect("finish to a Vec");
        writer.into_inner()
    }

    /// Both modes end at the inner reader's end: a trailer is only known to be the last
    /// 4 bytes once nothing follows them.
    fn ends_itself(&self) -> bool {
        false
    }

    fn corrupt(&self, stream: &[u8]) -> Option<Vec<u8>> {
        match self.mode {
            // An observer checks nothing: no input is corrupt to it.
            Mode::Observe => None,
            Mode::Trailer(_) => {
                let mut corrupt = stream.to_vec();
                *corrupt.last_mut()? ^= 0x01;
                Some(corrupt)
            }
        }
    }
}

mod observe {
    writestack_test::read_contract_tests!(super::Crc32Spec {
        mode: super::Mode::Observe
    });
}

mod trailer_big_endian {
    writestack_test::read_contract_tests!(super::Crc32Spec {
        mode: super::Mode::Trailer(writestack_core::Endian::Big)
    });
}

mod trailer_little_endian {
    writestack_test::read_contract_tests!(super::Crc32Spec {
        mode: super::Mode::Trailer(writestack_core::Endian::Little)
    });
}
