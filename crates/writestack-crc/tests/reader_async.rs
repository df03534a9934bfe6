//! `Crc32Reader` on tokio 1 and futures-io 0.3: round trips of `Crc32Writer` streams via
//! each runtime's `read_to_end`, also over an inner reader that returns `Pending` (with a
//! wake-up) before every 1-byte read.
#![cfg(all(feature = "tokio", feature = "futures-io"))]

use std::io::{self, ErrorKind};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures03::executor::block_on;
use writestack_core::Endian;
use writestack_crc::Crc32Reader;
use writestack_test::{payload, PayloadKind};

mod support;
use support::wire_of;

/// Returns `Pending` (waking the task at once) before each read, then 1 byte.
struct Reluctant<'a> {
    data: &'a [u8],
    ready: bool,
}

impl Reluctant<'_> {
    fn poll(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        if !self.ready {
            self.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = false;
        let n = buf.len().min(self.data.len()).min(1);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Poll::Ready(Ok(n))
    }
}

impl tokio1::io::AsyncRead for Reluctant<'_> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio1::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let n = match this.poll(cx, buf.initialize_unfilled()) {
            Poll::Ready(Ok(n)) => n,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        };
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl futures03::io::AsyncRead for Reluctant<'_> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().poll(cx, buf)
    }
}

fn reluctant(data: &[u8]) -> Reluctant<'_> {
    Reluctant { data, ready: false }
}

#[test]
fn tokio1_read_to_end_round_trips_in_both_byte_orders() {
    use tokio1::io::AsyncReadExt;
    let data = payload(PayloadKind::Text, 41, 20_000);
    for endian in [Endian::Big, Endian::Little] {
        let wire = wire_of(&data, endian, 999);
        let mut reader = Crc32Reader::with_trailer(&wire[..], endian);
        let mut got = Vec::new();
        block_on(reader.read_to_end(&mut got)).unwrap();
        assert!(got == data, "{endian:?}");
        assert!(reader.is_ended());

        let mut reader = Crc32Reader::with_trailer(reluctant(&wire), endian);
        let mut got = Vec::new();
        block_on(reader.read_to_end(&mut got)).unwrap();
        assert!(got == data, "{endian:?}, pending inner reader");
    }
    let mut reader = Crc32Reader::new(reluctant(&data));
    let mut got = Vec::new();
    block_on(reader.read_to_end(&mut got)).unwrap();
    assert!(got == data);
    assert_eq!(reader.crc(), crc32fast::hash(&data));
}

#[test]
fn futures_io_read_to_end_round_trips_in_both_byte_orders() {
    use futures03::io::AsyncReadExt;
    let data = payload(PayloadKind::Random, 42, 20_000);
    for endian in [Endian::Big, Endian::Little] {
        let wire = wire_of(&data, endian, 1234);
        let mut reader = Crc32Reader::with_trailer(&wire[..], endian);
        let mut got = Vec::new();
        block_on(reader.read_to_end(&mut got)).unwrap();
        assert!(got == data, "{endian:?}");

        let mut reader = Crc32Reader::with_trailer(reluctant(&wire), endian);
        let mut got = Vec::new();
        block_on(reader.read_to_end(&mut got)).unwrap();
        assert!(got == data, "{endian:?}, pending inner reader");
        assert!(reader.is_ended());
    }
}

#[test]
fn a_corrupt_trailer_is_invalid_data_on_both_runtimes() {
    let data = payload(PayloadKind::Text, 43, 1000);
    let mut wire = wire_of(&data, Endian::Little, 1000);
    let last = wire.len() - 1;
    wire[last] ^= 0x80;
    let error = block_on(tokio1::io::AsyncReadExt::read_to_end(
        &mut Crc32Reader::with_trailer(reluctant(&wire), Endian::Little),
        &mut Vec::new(),
    ))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    let error = block_on(futures03::io::AsyncReadExt::read_to_end(
        &mut Crc32Reader::with_trailer(&wire[..], Endian::Little),
        &mut Vec::new(),
    ))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidData);
}
