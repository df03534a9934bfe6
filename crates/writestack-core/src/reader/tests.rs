//! Unit tests of the reader's state machine: the corners the contract suite
//! (`tests/read_contract.rs`) does not reach with a well-behaved decoder.

use std::io::{self, ErrorKind, Read};

use bytes::Bytes;

use crate::{Decode, DecodeReader, Decoded};

/// Copies bytes; the stream ends at the inner reader's end.
#[derive(Debug, Default)]
struct Copy;

impl Decode for Copy {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let n = input.len().min(output.len());
        output[..n].copy_from_slice(&input[..n]);
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

/// Breaks the trait's rule: takes nothing until it has 8 bytes at once.
#[derive(Debug)]
struct Hoarder;

impl Decode for Hoarder {
    fn decode(&mut self, input: &[u8], _: &mut [u8]) -> io::Result<Decoded> {
        Ok(Decoded {
            consumed: if input.len() >= 8 { 8 } else { 0 },
            ..Decoded::default()
        })
    }
}

/// A decoder that refuses the byte `b'!'` once, then would take anything.
#[derive(Debug, Default)]
struct RefusesBang {
    refused: bool,
}

impl Decode for RefusesBang {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        if !self.refused && input.first() == Some(&b'!') {
            self.refused = true;
            return Err(io::Error::new(ErrorKind::InvalidData, "a bang"));
        }
        Copy.decode(input, output)
    }

    fn input_ended(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Every input byte is a message: `b'.'` an empty one (message end, nothing produced),
/// any other byte a one-byte one; `b'$'` ends the stream.
#[derive(Debug, Default)]
struct Messages;

impl Decode for Messages {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let Some(&byte) = input.first() else {
            return Ok(Decoded::default());
        };
        let mut step = Decoded {
            consumed: 1,
            message_end: true,
            ..Decoded::default()
        };
        match byte {
            b'$' => step.stream_end = true,
            b'.' => {}
            _ => {
                output[0] = byte;
                step.produced = 1;
            }
        }
        Ok(step)
    }
}

/// A decoder that takes nothing from a full buffer gets an error naming the reader, not
/// an endless loop of empty reads.
#[test]
fn a_full_buffer_nobody_takes_is_an_error_not_a_hang() {
    let mut reader = DecodeReader::with_capacity(4, Hoarder, &b"0123456789"[..]).named("Toy");
    let mut buf = [0; 16];
    let error = reader.read(&mut buf).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Other);
    assert!(error.to_string().starts_with("Toy: "), "{error}");
    assert!(error.to_string().contains("full input buffer"), "{error}");
}

/// Leftover bytes longer than the capacity are all decoded, then the inner reader.
#[test]
fn from_parts_with_leftover_beyond_the_capacity_reads_it_all() {
    let leftover = Bytes::from(&b"a leftover longer than the capacity, "[..]);
    let mut reader = DecodeReader::from_parts(2, Copy, (&b"then the inner reader"[..], leftover));
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    assert_eq!(
        text,
        "a leftover longer than the capacity, then the inner reader"
    );
    assert!(reader.is_ended());
}

/// Once the decoder refused its input, every read fails the same way, named, even
/// though the decoder would now take the bytes.
#[test]
fn a_decoder_error_is_sticky_and_named() {
    let mut reader = DecodeReader::new(RefusesBang::default(), &b"!after"[..]).named("Toy");
    let mut buf = [0; 8];
    for _ in 0..3 {
        let error = reader.read(&mut buf).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidData);
        assert_eq!(error.to_string(), "Toy: a bang");
    }
    assert!(!reader.is_ended());
}

/// An empty message (message end, nothing produced) is stepped over by `Read`: `Ok(0)`
/// comes only at the stream's end, which `poll_decode` reports as such.
#[test]
fn empty_messages_never_read_as_the_end() {
    let mut reader = DecodeReader::with_capacity(1, Messages, &b"..a...b.$next"[..]);
    let mut buf = [0; 4];
    let mut read = Vec::new();
    loop {
        match reader.read(&mut buf).unwrap() {
            0 => break,
            n => read.extend_from_slice(&buf[..n]),
        }
    }
    assert_eq!(read, b"ab");
    assert!(reader.is_ended());

    let mut reader = DecodeReader::new(Messages, &b".$"[..]);
    let step = reader.poll_decode(&mut buf).unwrap();
    assert_eq!(
        step,
        futures::Async::Ready(Decoded {
            consumed: 1,
            message_end: true,
            ..Decoded::default()
        })
    );
    let (_, rest) = reader.into_parts();
    assert_eq!(&rest[..], b"$");
}

/// A buffer of one byte decodes a stream and keeps what follows its end.
#[test]
fn capacity_one_decodes_and_keeps_the_next_stream() {
    let mut reader = DecodeReader::with_capacity(1, Messages, &b"x.y$z"[..]);
    assert_eq!(reader.capacity(), 1);
    let mut out = Vec::new();
    reader.read_to_end(&mut out).unwrap();
    assert_eq!(out, b"xy");
    assert_eq!(reader.buffered_capacity(), 1);
    let (inner, rest) = reader.into_parts();
    assert_eq!([&rest[..], inner].concat(), b"z");

    let mut reader = DecodeReader::with_capacity(0, Copy, &b"zero means one"[..]);
    assert_eq!(reader.capacity(), 1);
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    assert_eq!(text, "zero means one");
}
