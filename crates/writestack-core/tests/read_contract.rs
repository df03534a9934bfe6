//! The reader contract suite (rules R1-R7), run on the adapter itself with toy decoders
//! of the three shapes the layer readers have, each a named reader made by
//! `impl_reader!` so the generated `Read` / `AsyncRead` impls are the ones tested:
//!
//! * `ChunkedReader`: a stream that ends itself (an end marker), like a frame reader in
//!   chunked mode or a one-member gzip reader; what follows it is the next stream's;
//! * `ObserverReader`: bytes unchanged, ending at the inner reader's end, like a CRC
//!   observer;
//! * `SummedReader`: a held-back trailer (the last byte checks the rest) checked at the
//!   inner reader's end, like `Crc32Reader::with_trailer`.
//!
//! The streams are made by encoders written here from the formats below, not by the
//! decoders.

use std::io;

use bytes::Bytes;
use writestack_core::{Decode, DecodeReader, Decoded};
use writestack_test::{ReaderSpec, TestReader};

/// Longest chunk: a length byte above it is corrupt, as a frame length over the maximum.
const MAX_CHUNK: u8 = 240;

/// The chunked toy format:
///
/// ```text
/// +-----+-------------+-----+------ ... -+-----+
/// | len | len bytes   | len | ...        |  0  |   len: 1..=240; 0 ends the stream
/// +-----+-------------+-----+------ ... -+-----+
/// ```
#[derive(Debug, Default)]
pub struct Chunked {
    /// Bytes left in the current chunk (0: a length byte comes next).
    left: usize,
}

impl Decode for Chunked {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let (mut consumed, mut produced) = (0, 0);
        loop {
            if self.left == 0 {
                let Some(&len) = input.get(consumed) else {
                    break;
                };
                consumed += 1;
                match len {
                    0 => {
                        return Ok(Decoded {
                            consumed,
                            produced,
                            stream_end: true,
                            ..Decoded::default()
                        })
                    }
                    1..=MAX_CHUNK => self.left = usize::from(len),
                    _ => {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("chunk length {len} over the maximum {MAX_CHUNK}"),
                        ))
                    }
                }
            }
            let n = self
                .left
                .min(input.len() - consumed)
                .min(output.len() - produced);
            if n == 0 {
                break;
            }
            output[produced..produced + n].copy_from_slice(&input[consumed..consumed + n]);
            (consumed, produced, self.left) = (consumed + n, produced + n, self.left - n);
        }
        Ok(Decoded {
            consumed,
            produced,
            ..Decoded::default()
        })
    }
}

/// Chunks of varied sizes (1 to 240), then the end marker.
fn chunked_stream(payload: &[u8]) -> Vec<u8> {
    let mut stream = Vec::new();
    let mut rest = payload;
    for size in [1usize, 240, 17, 100, 3, 240, 64].iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, tail) = rest.split_at((*size).min(rest.len()));
        stream.push(u8::try_from(chunk.len()).expect("at most 240"));
        stream.extend_from_slice(chunk);
        rest = tail;
    }
    stream.push(0);
    stream
}

/// Bytes unchanged; the stream ends where the inner reader does.
#[derive(Debug, Default)]
pub struct Observer {
    seen: u64,
}

impl Decode for Observer {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let n = input.len().min(output.len());
        output[..n].copy_from_slice(&input[..n]);
        self.seen += n as u64;
        Ok(Decoded {
            consumed: n,
            produced: n,
            ..Decoded::default()
        })
    }

    fn input_ended(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The payload, then one byte: the wrapping sum of the payload's bytes XOR [`SUM_KEY`].
/// The decoder holds the last byte it has seen back until the inner reader ends.
#[derive(Debug, Default)]
pub struct Summed {
    held: Option<u8>,
    sum: u8,
}

const SUM_KEY: u8 = 0xa5;

impl Decode for Summed {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        if input.is_empty() || output.is_empty() {
            return Ok(Decoded::default());
        }
        let mut produced = 0;
        if let Some(held) = self.held.take() {
            // A byte after it arrived: the held one was payload.
            output[0] = held;
            self.sum = self.sum.wrapping_add(held);
            produced = 1;
        }
        let n = (input.len() - 1).min(output.len() - produced);
        for (dst, &src) in output[produced..produced + n].iter_mut().zip(&input[..n]) {
            *dst = src;
            self.sum = self.sum.wrapping_add(src);
        }
        produced += n;
        let mut consumed = n;
        if consumed == input.len() - 1 {
            self.held = Some(input[consumed]);
            consumed += 1;
        }
        Ok(Decoded {
            consumed,
            produced,
            ..Decoded::default()
        })
    }

    fn input_ended(&mut self) -> io::Result<()> {
        match self.held {
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no check byte",
            )),
            Some(check) if check == self.sum ^ SUM_KEY => Ok(()),
            Some(check) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "check byte {check:#04x}, expected {:#04x}",
                    self.sum ^ SUM_KEY
                ),
            )),
        }
    }
}

fn summed_stream(payload: &[u8]) -> Vec<u8> {
    let sum = payload
        .iter()
        .fold(0u8, |sum, &byte| sum.wrapping_add(byte));
    [payload, &[sum ^ SUM_KEY]].concat()
}

/// The observer's stream is the payload itself.
fn observed_stream(payload: &[u8]) -> Vec<u8> {
    payload.to_vec()
}

/// Declares a named toy reader over `DecodeReader<R, $decoder>`.
macro_rules! toy_reader {
    ($reader:ident, $decoder:ident, $stream:literal) => {
        pin_project_lite::pin_project! {
            #[doc = concat!("The `", stringify!($decoder), "` toy's named reader.")]
            pub struct $reader<R> {
                #[pin]
                inner: DecodeReader<R, $decoder>,
            }
        }

        writestack_core::impl_reader!(
            $reader,
            concat!(
                "let payload = b\"\";\nlet mut reader = ",
                stringify!($reader),
                "::new(",
                $stream,
                ", 64);"
            )
        );

        impl<R> $reader<R> {
            /// A reader with an input buffer of `capacity` bytes.
            pub fn new(inner: R, capacity: usize) -> Self {
                let decoder = $decoder::default();
                let inner = DecodeReader::with_capacity(capacity, decoder, inner);
                $reader {
                    inner: inner.named(stringify!($reader)),
                }
            }
        }
    };
}

toy_reader!(ChunkedReader, Chunked, "&[0u8][..]");
toy_reader!(ObserverReader, Observer, "&b\"\"[..]");
toy_reader!(SummedReader, Summed, "&[0xa5u8][..]");

/// Declares a [`ReaderSpec`] for a toy reader.
macro_rules! toy_spec {
    ($spec:ident, $reader:ident, $stream:ident, ends_itself: $ends:expr, corrupt: $corrupt:expr) => {
        struct $spec {
            capacity: usize,
        }

        impl ReaderSpec for $spec {
            type Reader = $reader<TestReader>;

            fn name(&self) -> &'static str {
                stringify!($reader)
            }

            fn build(&self, inner: TestReader) -> Self::Reader {
                $reader::new(inner, self.capacity)
            }

            fn into_parts(reader: Self::Reader) -> (TestReader, Bytes) {
                reader.into_parts()
            }

            fn stream(&self, payload: &[u8]) -> Vec<u8> {
                $stream(payload)
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

toy_spec!(ChunkedSpec, ChunkedReader, chunked_stream, ends_itself: true,
    corrupt: |stream| Some([&[MAX_CHUNK + 1][..], stream].concat()));
toy_spec!(ObserverSpec, ObserverReader, observed_stream, ends_itself: false,
    corrupt: |_| None);
toy_spec!(SummedSpec, SummedReader, summed_stream, ends_itself: false,
corrupt: |stream| {
    let mut bad = stream.to_vec();
    *bad.last_mut()? ^= 0x10;
    Some(bad)
});

mod chunked {
    writestack_test::read_contract_tests!(super::ChunkedSpec { capacity: 64 });
}

mod chunked_capacity_1 {
    writestack_test::read_contract_tests!(super::ChunkedSpec { capacity: 1 });
}

mod observer {
    writestack_test::read_contract_tests!(super::ObserverSpec { capacity: 64 });
}

mod observer_tiny {
    writestack_test::read_contract_tests!(super::ObserverSpec { capacity: 3 });
}

mod summed {
    writestack_test::read_contract_tests!(super::SummedSpec { capacity: 64 });
}

mod summed_capacity_1 {
    writestack_test::read_contract_tests!(super::SummedSpec { capacity: 1 });
}
