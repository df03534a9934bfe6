//! The state machine's pass-through path (`Decode::pass_through_begin` / `_end`), on a
//! toy decoder whose payload is its input minus the last 2 bytes. Expected payloads are
//! slices of the input, never the reader's output.

use std::collections::VecDeque;
use std::io::{self, ErrorKind, Read};

use writestack_test::read_to_end_retrying;

use crate::{Decode, DecodeReader, Decoded};

const HOLD: usize = 2;

/// Payload: everything but the last `HOLD` bytes. Counts its pass-through reads.
#[derive(Debug, Default)]
struct DropLastTwo {
    held: Vec<u8>,
    passed: usize,
    /// Misbehave: claim one byte more payload than it was given.
    overclaim: bool,
}

impl Decode for DropLastTwo {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        // Take all input into `held` up to what can be released plus HOLD.
        let ready = (self.held.len() + input.len()).saturating_sub(HOLD);
        let produced = ready.min(output.len());
        let consumed = (produced + HOLD)
            .saturating_sub(self.held.len())
            .min(input.len());
        self.held.extend_from_slice(&input[..consumed]);
        output[..produced].copy_from_slice(&self.held[..produced]);
        self.held.drain(..produced);
        Ok(Decoded {
            consumed,
            produced,
            ..Decoded::default()
        })
    }

    fn input_ended(&mut self) -> io::Result<()> {
        if self.held.len() == HOLD {
            Ok(())
        } else {
            Err(io::Error::new(ErrorKind::UnexpectedEof, "short"))
        }
    }

    fn pass_through_begin(&self, output: &mut [u8]) -> Option<usize> {
        (output.len() > HOLD).then(|| {
            output[..self.held.len()].copy_from_slice(&self.held);
            self.held.len()
        })
    }

    fn pass_through_end(
        &mut self,
        output: &mut [u8],
        prefix: usize,
        read: usize,
    ) -> io::Result<usize> {
        self.passed += 1;
        let seen = &output[..prefix + read];
        let produced = seen.len().saturating_sub(HOLD);
        self.held = seen[produced..].to_vec();
        if self.overclaim {
            return Ok(prefix + read + 1);
        }
        Ok(produced)
    }
}

enum Op {
    Limit(usize),
    WouldBlock,
    Interrupted,
}

/// A `Read` over `data` that follows `ops` (then reads freely).
struct Scripted {
    data: Vec<u8>,
    pos: usize,
    ops: VecDeque<Op>,
}

impl Read for Scripted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limit = match self.ops.pop_front() {
            Some(Op::Limit(n)) => n,
            Some(Op::WouldBlock) => return Err(ErrorKind::WouldBlock.into()),
            Some(Op::Interrupted) => return Err(ErrorKind::Interrupted.into()),
            None => usize::MAX,
        };
        let n = buf.len().min(limit).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn scripted(data: &[u8], ops: Vec<Op>) -> Scripted {
    Scripted {
        data: data.to_vec(),
        pos: 0,
        ops: ops.into(),
    }
}

fn data() -> Vec<u8> {
    (0..200u8).map(|i| i.wrapping_mul(37)).collect()
}

#[test]
fn pass_through_hands_out_all_but_the_held_tail_for_every_buffer_size() {
    let data = data();
    for size in [1, 2, 3, 4, 5, 7, 64, 1000] {
        let ops = vec![
            Op::Limit(1),
            Op::WouldBlock,
            Op::Limit(3),
            Op::Interrupted,
            Op::Limit(1),
        ];
        let mut reader = DecodeReader::new(DropLastTwo::default(), scripted(&data, ops));
        let got = read_to_end_retrying(&mut reader, size).unwrap();
        assert_eq!(got, data[..data.len() - HOLD], "buffer of {size}");
        assert!(reader.is_ended());
        assert_eq!(reader.total_in(), data.len() as u64, "buffer of {size}");
        assert_eq!(reader.total_out(), got.len() as u64);
        let passes = reader.decoder().passed;
        if size > HOLD {
            assert!(
                passes > 0,
                "buffer of {size}: the pass-through path was not taken"
            );
            assert_eq!(
                reader.buffered_capacity(),
                0,
                "pass-through needs no input buffer"
            );
        } else {
            assert_eq!(passes, 0, "buffer of {size}: too small to pass through");
        }
    }
}

#[test]
fn a_read_that_only_refills_the_held_tail_reads_again_instead_of_returning_zero() {
    // One byte per inner read into a 3-byte buffer: the first read sees 1 byte, all held.
    let data = b"abcdef";
    let ops = (0..10).map(|_| Op::Limit(1)).collect();
    let mut reader = DecodeReader::new(DropLastTwo::default(), scripted(data, ops));
    let mut buf = [0u8; 3];
    let n = reader.read(&mut buf).unwrap();
    assert!(n > 0, "Ok(0) before the end");
    assert_eq!(buf[..n], data[..n]);
}

#[test]
fn would_block_during_a_pass_through_read_loses_no_held_byte() {
    let data = data();
    let ops = vec![
        Op::Limit(5),
        Op::WouldBlock,
        Op::WouldBlock,
        Op::Limit(9),
        Op::WouldBlock,
    ];
    let mut reader = DecodeReader::new(DropLastTwo::default(), scripted(&data, ops));
    let mut buf = [0u8; 16];
    assert_eq!(reader.read(&mut buf).unwrap(), 3);
    assert_eq!(buf[..3], data[..3]);
    // The caller's buffer is clobbered between calls: the held bytes must not live there.
    buf = [0xEE; 16];
    assert_eq!(
        reader.read(&mut buf).unwrap_err().kind(),
        ErrorKind::WouldBlock
    );
    buf = [0xDD; 16];
    assert_eq!(
        reader.read(&mut buf).unwrap_err().kind(),
        ErrorKind::WouldBlock
    );
    let rest = read_to_end_retrying(&mut reader, 16).unwrap();
    assert_eq!([&data[..3], &rest[..]].concat(), data[..data.len() - HOLD]);
}

#[test]
fn leftover_from_parts_goes_through_decode_before_pass_through() {
    let data = data();
    let (first, second) = data.split_at(50);
    let parts = (scripted(second, Vec::new()), bytes::Bytes::from(first));
    let mut reader = DecodeReader::from_parts(8, DropLastTwo::default(), parts);
    assert_eq!(
        read_to_end_retrying(&mut reader, 64).unwrap(),
        data[..data.len() - HOLD]
    );
    assert!(reader.decoder().passed > 0);
}

#[test]
fn a_stream_shorter_than_the_held_tail_is_unexpected_eof_on_pass_through() {
    let mut reader = DecodeReader::new(DropLastTwo::default(), &b"x"[..]).named("Toy");
    let error = read_to_end_retrying(&mut reader, 64).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
    assert!(error.to_string().starts_with("Toy"), "{error}");
    assert_eq!(reader.decoder().passed, 1);
}

#[test]
fn a_decoder_claiming_more_than_it_was_given_fails_stickily() {
    let decoder = DropLastTwo {
        overclaim: true,
        ..DropLastTwo::default()
    };
    let mut reader = DecodeReader::new(decoder, &b"abcdef"[..]);
    let mut buf = [0u8; 64];
    for _ in 0..2 {
        let error = reader.read(&mut buf).unwrap_err();
        assert!(
            error.to_string().contains("more bytes than it was given"),
            "{error}"
        );
    }
}
