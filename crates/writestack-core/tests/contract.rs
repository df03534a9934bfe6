//! The layer contract suite, run on the adapter itself with toy encoders, one per way a
//! write can travel: through the encoder (`Buffered`), the short path of a plain buffer
//! (`Verbatim`), straight past the buffer (`Route::Direct`), and as whole units behind a
//! prefix (`Route::Framed`). The layer crates run the same suite on their real codecs;
//! this one proves the adapter in its own crate.
//!
//! The decoders here are written from each toy's wire format, not from the encoders.

use std::io;

use writestack_core::{
    Buffered, Encode, EncodeWriter, OutBuf, PendingBytes, Prefix, Route, Routing, Verbatim,
    WriteKind,
};
use writestack_test::{LayerSpec, TestWriter};

/// XORs every byte with [`KEY`]; the tail is the byte count, 8 bytes big-endian.
#[derive(Debug, Default)]
struct Masked {
    taken: u64,
    tail: Option<PendingBytes<[u8; 8]>>,
}

const KEY: u8 = 0x5a;

impl Encode for Masked {
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let spare = out.spare_mut();
        let n = input.len().min(spare.len());
        for (dst, src) in spare.iter_mut().zip(&input[..n]) {
            *dst = src ^ KEY;
        }
        out.commit(n);
        self.taken += n as u64;
        Ok(n)
    }

    fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        let taken = self.taken;
        let tail = self
            .tail
            .get_or_insert_with(|| PendingBytes::new(taken.to_be_bytes()));
        Ok(tail.push_into(out))
    }
}

/// Copies bytes unchanged, with no tail (what a plain buffer is).
#[derive(Debug, Default)]
struct Copy;

impl Encode for Copy {
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        Ok(out.push(input))
    }

    fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }

    fn finish(&mut self, _: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }
}

/// Counts what passed it (every write goes past the buffer); the tail is that count,
/// 8 bytes little-endian. Stands for a checksum layer.
#[derive(Debug, Default)]
struct Counted {
    passed: u64,
    tail: Option<PendingBytes<[u8; 8]>>,
}

impl Encode for Counted {
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let n = out.push(input);
        self.passed += n as u64;
        Ok(n)
    }

    fn flush(&mut self, _: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        let passed = self.passed;
        let tail = self
            .tail
            .get_or_insert_with(|| PendingBytes::new(passed.to_le_bytes()));
        Ok(tail.push_into(out))
    }
}

#[derive(Debug)]
struct AllDirect;

impl Routing<Counted> for AllDirect {
    fn route(
        &mut self,
        _: &mut Counted,
        _: usize,
        _: WriteKind,
        _: &mut OutBuf,
    ) -> io::Result<Route> {
        Ok(Route::Direct)
    }

    fn passed(&mut self, counted: &mut Counted, payload: &[u8]) {
        counted.passed += payload.len() as u64;
    }
}

/// Every write is one unit behind its 4-byte big-endian length (message framing).
#[derive(Debug)]
struct Units;

impl Routing<Copy> for Units {
    fn route(
        &mut self,
        _: &mut Copy,
        len: usize,
        _: WriteKind,
        _: &mut OutBuf,
    ) -> io::Result<Route> {
        let len = u32::try_from(len)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "unit too long"))?;
        Prefix::new(&len.to_be_bytes())
            .map(Route::Framed)
            .ok_or_else(|| io::Error::other("prefix"))
    }
}

fn split_units(wire: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut units = Vec::new();
    let mut rest = wire;
    while !rest.is_empty() {
        if rest.len() < 4 {
            return Err(format!("{} bytes left, no room for a prefix", rest.len()));
        }
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        if rest.len() < 4 + len {
            return Err(format!(
                "a unit of {len} bytes with {} left",
                rest.len() - 4
            ));
        }
        units.push(rest[4..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    Ok(units)
}

/// `Masked` through the encoder.
struct MaskedSpec {
    capacity: usize,
}

impl LayerSpec for MaskedSpec {
    type Layer = EncodeWriter<TestWriter, Masked, Buffered>;

    fn name(&self) -> &'static str {
        "Masked"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        EncodeWriter::with_capacity(self.capacity, Masked::default(), inner).named("Masked")
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        if wire.len() < 8 {
            return Err(format!("{} bytes cannot hold the 8-byte tail", wire.len()));
        }
        let (body, tail) = wire.split_at(wire.len() - 8);
        if tail != (body.len() as u64).to_be_bytes() {
            return Err(format!("tail {tail:?} is not the length {}", body.len()));
        }
        self.decode_flushed(body)
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.iter().map(|byte| byte ^ KEY).collect())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        self.capacity
    }

    fn capacity(&self) -> usize {
        self.capacity
    }
}

/// `Copy` on the short path of a plain buffer.
struct VerbatimSpec {
    capacity: usize,
}

impl LayerSpec for VerbatimSpec {
    type Layer = EncodeWriter<TestWriter, Copy, Verbatim>;

    fn name(&self) -> &'static str {
        "Verbatim"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        EncodeWriter::with_routing(self.capacity, Copy, Verbatim, inner).named("Verbatim")
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        self.capacity
    }

    fn capacity(&self) -> usize {
        self.capacity
    }
}

/// `Counted`: every write past the buffer, which only ever holds the tail.
struct DirectSpec;

impl LayerSpec for DirectSpec {
    type Layer = EncodeWriter<TestWriter, Counted, AllDirect>;

    fn name(&self) -> &'static str {
        "Direct"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        EncodeWriter::with_routing(8, Counted::default(), AllDirect, inner).named("Direct")
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        if wire.len() < 8 {
            return Err(format!("{} bytes cannot hold the 8-byte tail", wire.len()));
        }
        let (body, tail) = wire.split_at(wire.len() - 8);
        if tail != (body.len() as u64).to_le_bytes() {
            return Err(format!("tail {tail:?} is not the length {}", body.len()));
        }
        Ok(body.to_vec())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        0
    }

    fn capacity(&self) -> usize {
        0
    }
}

/// `Copy` with every write a unit behind its length.
struct UnitsSpec {
    capacity: usize,
}

impl LayerSpec for UnitsSpec {
    type Layer = EncodeWriter<TestWriter, Copy, Units>;

    fn name(&self) -> &'static str {
        "Units"
    }

    fn build(&self, inner: TestWriter) -> Self::Layer {
        EncodeWriter::with_routing(self.capacity, Copy, Units, inner).named("Units")
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(split_units(wire)?.concat())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        self.decode(wire)
    }

    fn max_accepted_while_blocked(&self) -> usize {
        self.capacity
    }

    fn capacity(&self) -> usize {
        self.capacity
    }

    fn decode_units(&self, wire: &[u8]) -> Option<Result<Vec<Vec<u8>>, String>> {
        Some(split_units(wire))
    }
}

mod masked {
    writestack_test::contract_tests!(super::MaskedSpec { capacity: 64 });
}

mod masked_tiny {
    writestack_test::contract_tests!(super::MaskedSpec { capacity: 3 });
}

mod verbatim {
    writestack_test::contract_tests!(super::VerbatimSpec { capacity: 64 });
}

mod verbatim_tiny {
    writestack_test::contract_tests!(super::VerbatimSpec { capacity: 7 });
}

mod direct {
    writestack_test::contract_tests!(super::DirectSpec);
}

mod units {
    writestack_test::contract_tests!(super::UnitsSpec { capacity: 64 });
}

mod units_tiny {
    writestack_test::contract_tests!(super::UnitsSpec { capacity: 8 });
}
