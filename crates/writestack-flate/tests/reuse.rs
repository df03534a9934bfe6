//! `restart` and `reset`: a finished writer begins the next stream with the compressor
//! and buffer it already has, and the output is the one fresh writers would produce.

use std::io::{self, ErrorKind, Read, Write};

use partial_io::{PartialOp, PartialWrite};
use writestack_core::Finish;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::reference::{decode, Format};
use writestack_test::{payload, PayloadKind};

/// The three writers behind one face, so each test runs on every format.
trait Reusable<W>: Write + Finish {
    fn fresh(inner: W, level: Compression) -> Self;
    fn restart(&mut self) -> io::Result<()>;
    fn reset(&mut self, inner: W) -> io::Result<W>;
    fn get_ref(&self) -> &W;
    fn counts(&self) -> (u64, u64);
}

macro_rules! reusable {
    ($type:ident, $fresh:expr) => {
        impl<W: Write> Reusable<W> for $type<W> {
            fn fresh(inner: W, level: Compression) -> Self {
                $fresh(inner, level)
            }
            fn restart(&mut self) -> io::Result<()> {
                $type::restart(self)
            }
            fn reset(&mut self, inner: W) -> io::Result<W> {
                $type::reset(self, inner)
            }
            fn get_ref(&self) -> &W {
                $type::get_ref(self)
            }
            fn counts(&self) -> (u64, u64) {
                (self.total_in(), self.total_out())
            }
        }
    };
}

reusable!(DeflateWriter, DeflateWriter::new);
reusable!(ZlibWriter, ZlibWriter::new);
reusable!(GzipWriter, |inner, level| GzipWriter::builder()
    .level(level)
    .filename("message.txt")
    .mtime(1_700_000_000)
    .new_write(inner)
    .unwrap());

fn messages() -> Vec<Vec<u8>> {
    let text = payload(PayloadKind::Text, 7, 40_000);
    // Sizes from empty to several buffers, so some streams end mid-buffer.
    [0, 1, 1024, 300, 20_000, 5, 13_000]
        .iter()
        .scan(0, |at, &len| {
            let message = text[*at..*at + len].to_vec();
            *at += len;
            Some(message)
        })
        .collect()
}

fn fresh_stream<L: Reusable<Vec<u8>>>(level: Compression, message: &[u8], flush: bool) -> Vec<u8> {
    let mut writer = L::fresh(Vec::new(), level);
    writer.write_all(message).unwrap();
    if flush {
        writer.flush().unwrap();
    }
    writer.poll_finish().unwrap();
    writer.get_ref().clone()
}

fn restarted_streams_equal_fresh_ones<L: Reusable<Vec<u8>>>(format: Format) {
    for level in [0, 1, 6, 9].map(Compression::new) {
        let mut writer = L::fresh(Vec::new(), level);
        let mut expected = Vec::new();
        for (index, message) in messages().iter().enumerate() {
            if index > 0 {
                writer.restart().unwrap();
            }
            assert_eq!(writer.counts(), (0, 0), "{format:?}: counts start again");
            writer.write_all(message).unwrap();
            writer.flush().unwrap();
            writer.poll_finish().unwrap();
            let fresh = fresh_stream::<L>(level, message, true);
            let start = expected.len();
            expected.extend_from_slice(&fresh);
            // `assert!`, not `assert_eq!`: a mismatch would print megabytes of bytes.
            assert!(
                *writer.get_ref() == expected,
                "{format:?} level {}: stream {index} differs from a fresh writer's",
                level.level()
            );
            assert_eq!(
                decode(format, &writer.get_ref()[start..]).unwrap(),
                *message,
                "{format:?}: stream {index} decodes on its own"
            );
            assert_eq!(writer.counts(), (message.len() as u64, fresh.len() as u64));
        }
    }
}

#[test]
fn restarted_streams_are_byte_identical_to_fresh_writers_and_decode_one_by_one() {
    restarted_streams_equal_fresh_ones::<DeflateWriter<_>>(Format::Deflate);
    restarted_streams_equal_fresh_ones::<ZlibWriter<_>>(Format::Zlib);
    restarted_streams_equal_fresh_ones::<GzipWriter<_>>(Format::Gzip);
}

fn unfinished_streams_refuse_and_change_nothing<L: Reusable<Vec<u8>>>(format: Format) {
    let level = Compression::default();
    let mut writer = L::fresh(Vec::new(), level);
    let error = writer.restart().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{format:?}: {error}");
    writer.write_all(b"first half, ").unwrap();
    writer.flush().unwrap();
    assert_eq!(
        writer.restart().unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    let error = writer.reset(vec![1, 2, 3]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{format:?}: {error}");
    writer.write_all(b"second half").unwrap();
    writer.poll_finish().unwrap();

    let mut untouched = L::fresh(Vec::new(), level);
    untouched.write_all(b"first half, ").unwrap();
    untouched.flush().unwrap();
    untouched.write_all(b"second half").unwrap();
    untouched.poll_finish().unwrap();
    assert_eq!(writer.get_ref(), untouched.get_ref(), "{format:?}");
}

#[test]
fn restart_and_reset_before_the_finish_completed_refuse_and_change_nothing() {
    unfinished_streams_refuse_and_change_nothing::<DeflateWriter<_>>(Format::Deflate);
    unfinished_streams_refuse_and_change_nothing::<ZlibWriter<_>>(Format::Zlib);
    unfinished_streams_refuse_and_change_nothing::<GzipWriter<_>>(Format::Gzip);
}

fn reset_moves_to_another_inner_writer<L: Reusable<Vec<u8>>>(format: Format) {
    let mut writer = L::fresh(Vec::new(), Compression::fast());
    writer.write_all(b"for the first peer").unwrap();
    writer.poll_finish().unwrap();
    let first = writer.reset(Vec::new()).unwrap();
    writer.write_all(b"for the second peer").unwrap();
    writer.poll_finish().unwrap();
    assert_eq!(decode(format, &first).unwrap(), b"for the first peer");
    assert_eq!(
        decode(format, writer.get_ref()).unwrap(),
        b"for the second peer"
    );
    assert_eq!(
        *writer.get_ref(),
        fresh_stream::<L>(Compression::fast(), b"for the second peer", false)
    );
}

#[test]
fn reset_hands_back_the_finished_inner_writer_and_starts_on_the_new_one() {
    reset_moves_to_another_inner_writer::<DeflateWriter<_>>(Format::Deflate);
    reset_moves_to_another_inner_writer::<ZlibWriter<_>>(Format::Zlib);
    reset_moves_to_another_inner_writer::<GzipWriter<_>>(Format::Gzip);
}

#[test]
fn after_shutdown_restart_refuses_and_reset_starts_on_a_new_inner_writer() {
    use futures::Async;
    use std::io::Cursor;
    use tokio_io::AsyncWrite;

    let mut writer = GzipWriter::new(Cursor::new(Vec::new()), Compression::default());
    writer.write_all(b"closed").unwrap();
    assert_eq!(AsyncWrite::shutdown(&mut writer).unwrap(), Async::Ready(()));
    let error = writer.restart().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("shut down"), "{error}");
    let closed = writer.reset(Cursor::new(Vec::new())).unwrap();
    assert_eq!(decode(Format::Gzip, closed.get_ref()).unwrap(), b"closed");
    writer.write_all(b"open").unwrap();
    writer.poll_finish().unwrap();
    assert_eq!(
        decode(Format::Gzip, writer.get_ref().get_ref()).unwrap(),
        b"open"
    );
}

/// A finish interrupted by `WouldBlock` is not complete: restart refuses until a retried
/// finish completes, and nothing of the tail is lost or repeated.
#[test]
fn restart_waits_for_a_finish_interrupted_by_would_block() {
    let schedule = (0..200).map(|i| {
        if i % 3 == 0 {
            PartialOp::Err(ErrorKind::WouldBlock)
        } else {
            PartialOp::Limited(7)
        }
    });
    let inner = PartialWrite::new(Vec::new(), schedule);
    let mut writer = GzipWriter::builder()
        .buffer_capacity(64)
        .new_write(inner)
        .unwrap();
    let message = payload(PayloadKind::Text, 1, 3000);
    let mut written = 0;
    let mut finish_calls = 0;
    while written < message.len() {
        match writer.write(&message[written..]) {
            Ok(n) => written += n,
            Err(error) => assert_eq!(error.kind(), ErrorKind::WouldBlock),
        }
    }
    loop {
        finish_calls += 1;
        match writer.poll_finish() {
            Ok(futures::Async::Ready(())) => break,
            Ok(futures::Async::NotReady) => {
                let error = writer.restart().unwrap_err();
                assert_eq!(error.kind(), ErrorKind::InvalidInput);
            }
            Err(error) => panic!("finish failed: {error}"),
        }
    }
    assert!(finish_calls > 1, "the schedule never blocked the finish");
    writer.restart().unwrap();
    assert_eq!((writer.total_in(), writer.total_out()), (0, 0));
    let wire = writer.get_ref().get_ref().clone();
    assert_eq!(decode(Format::Gzip, &wire).unwrap(), message);
}

#[test]
fn window_bits_outside_what_the_backend_supports_are_invalid_input() {
    for bits in [0, 8, 16, 255] {
        let error = GzipWriter::builder()
            .window_bits(bits)
            .new_write(Vec::<u8>::new())
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bits}: {error}");
    }
    for bits in 9..15 {
        let built = GzipWriter::builder()
            .window_bits(bits)
            .new_write(Vec::<u8>::new());
        if cfg!(feature = "zlib-rs") {
            assert_eq!(built.unwrap().window_bits(), bits);
        } else {
            let error = built.unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput);
            assert!(error.to_string().contains("zlib-rs"), "{error}");
        }
    }
}

/// Every window the backend accepts gives a stream any gzip reader decodes, and a
/// restarted member keeps the window.
#[test]
fn every_accepted_window_decodes_and_survives_restart() {
    let text = payload(PayloadKind::Text, 3, 100_000);
    let smallest = if cfg!(feature = "zlib-rs") { 9 } else { 15 };
    for bits in smallest..=15 {
        let mut writer = GzipWriter::builder()
            .window_bits(bits)
            .new_write(Vec::new())
            .unwrap();
        writer.write_all(&text).unwrap();
        writer.poll_finish().unwrap();
        let first_len = writer.get_ref().len();
        writer.restart().unwrap();
        assert_eq!(writer.window_bits(), bits);
        writer.write_all(&text).unwrap();
        writer.poll_finish().unwrap();
        let wire = writer.get_ref();
        assert_eq!(decode(Format::Gzip, &wire[..first_len]).unwrap(), text);
        assert!(
            wire[..first_len] == wire[first_len..],
            "window {bits}: the restarted member differs from the first"
        );
    }
}

/// The zlib and raw deflate writers take the same windows as the gzip builder: each
/// stream decodes with flate2 and with our reader, a restart keeps the window, and a
/// zlib header announces it (CINFO = window bits - 8, RFC 1950).
#[test]
fn zlib_and_deflate_writers_take_every_window_the_backend_supports() {
    let text = payload(PayloadKind::Text, 5, 50_000);
    let smallest = if cfg!(feature = "zlib-rs") { 9 } else { 15 };
    for bits in smallest..=15 {
        let mut zlib =
            ZlibWriter::with_window_bits(Vec::new(), Compression::default(), bits).unwrap();
        zlib.write_all(&text).unwrap();
        zlib.poll_finish().unwrap();
        zlib.restart().unwrap();
        assert_eq!(zlib.window_bits(), bits);
        let wire = zlib.into_inner();
        assert_eq!(wire[0] >> 4, bits - 8, "window {bits}: CINFO");
        assert_eq!(decode(Format::Zlib, &wire).unwrap(), text);
        let mut ours = Vec::new();
        writestack_flate::ZlibReader::new(&wire[..])
            .read_to_end(&mut ours)
            .unwrap();
        assert_eq!(ours, text);

        let mut deflate =
            DeflateWriter::with_window_bits(Vec::new(), Compression::default(), bits).unwrap();
        deflate.write_all(&text).unwrap();
        deflate.poll_finish().unwrap();
        assert_eq!(decode(Format::Deflate, deflate.get_ref()).unwrap(), text);
    }
    for bits in [0, 8, 16, u8::MAX] {
        let error = ZlibWriter::with_window_bits(Vec::<u8>::new(), Compression::default(), bits)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.to_string().starts_with("ZlibWriter: "), "{error}");
        let error = DeflateWriter::with_window_bits(Vec::<u8>::new(), Compression::default(), bits)
            .unwrap_err();
        assert!(error.to_string().starts_with("DeflateWriter: "), "{error}");
    }
}
