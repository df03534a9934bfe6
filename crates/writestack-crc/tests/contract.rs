//! The layer contract suite, run on `Crc32Writer` with a trailer in each byte order and
//! in observe-only mode.
//!
//! The trailer is checked against crc32fast's one-shot `hash` over the decoded payload
//! (a code path the layer does not use); `python_zlib.rs` checks it against Python's
//! `zlib.crc32` as well.

use writestack_core::Endian;
use writestack_crc::Crc32Writer;
use writestack_test::{LayerSpec, TestWriter};

struct CrcSpec {
    trailer: Option<Endian>,
}

fn trailer_bytes(crc: u32, endian: Endian) -> [u8; 4] {
    match endian {
        Endian::Big => crc.to_be_bytes(),
        Endian::Little => crc.to_le_bytes(),
    }
}

impl LayerSpec for CrcSpec {
    type Layer = Crc32Writer<TestWriter>;

    fn name(&self) -> &'static str {
        "Crc32Writer"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        match self.trailer {
            Some(endian) => Crc32Writer::with_trailer(inner, endian),
            None => Crc32Writer::new(inner),
        }
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        let endian = match self.trailer {
            Some(endian) => endian,
            None => return Ok(wire.to_vec()),
        };
        if wire.len() < 4 {
            return Err(format!("{} bytes cannot hold a 4-byte trailer", wire.len()));
        }
        let (payload, trailer) = wire.split_at(wire.len() - 4);
        let expected = trailer_bytes(crc32fast::hash(payload), endian);
        if trailer != expected {
            return Err(format!(
                "trailer {trailer:02x?} is not the CRC32 of the payload ({expected:02x?})"
            ));
        }
        Ok(payload.to_vec())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        // Before the end there is no trailer: the wire is the payload so far.
        Ok(wire.to_vec())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        // Pass-through: nothing is taken that the inner writer did not take.
        0
    }

    fn capacity(&self) -> usize {
        // No payload buffer (only room for the 4-byte trailer).
        0
    }
}

mod trailer_big_endian {
    writestack_test::contract_tests!(super::CrcSpec {
        trailer: Some(writestack_core::Endian::Big)
    });
}

mod trailer_little_endian {
    writestack_test::contract_tests!(super::CrcSpec {
        trailer: Some(writestack_core::Endian::Little)
    });
}

mod observe_only {
    writestack_test::contract_tests!(super::CrcSpec { trailer: None });
}
