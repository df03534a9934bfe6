//! Once `poll_finish` or `shutdown` has been called, the stream is ending: no write is
//! taken any more (rule 13), and finishing still flushes the inner writer (rule 10),
//! whatever an interrupted flush or shutdown left behind.

use std::collections::VecDeque;
use std::io::{self, Write};

use futures::{Async, Poll};
use tokio_io::AsyncWrite;
use writestack_core::{Encode, EncodeWriter, Finish, OutBuf};

/// Copies input; a flush after new input emits the 4-byte marker `SYNC`, resumably, so a
/// flush needs room the way a deflate sync flush does; the tail is `END`.
#[derive(Debug, Default)]
struct Marked {
    dirty: bool,
    marker_sent: usize,
    tail_sent: usize,
}

fn push_rest(out: &mut OutBuf, bytes: &[u8], sent: &mut usize) -> bool {
    *sent += out.push(&bytes[*sent..]);
    *sent == bytes.len()
}

impl Encode for Marked {
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        let n = out.push(input);
        self.dirty |= n > 0;
        Ok(n)
    }

    fn flush(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        if !self.dirty {
            return Ok(true);
        }
        if !push_rest(out, b"SYNC", &mut self.marker_sent) {
            return Ok(false);
        }
        self.dirty = false;
        self.marker_sent = 0;
        Ok(true)
    }

    fn finish(&mut self, out: &mut OutBuf) -> io::Result<bool> {
        Ok(push_rest(out, b"END", &mut self.tail_sent))
    }
}

/// An inner writer that answers `WouldBlock` while `blocked`, and counts its calls.
#[derive(Debug, Default)]
struct Gate {
    data: Vec<u8>,
    blocked: bool,
    flushes: usize,
    shutdown_answers: VecDeque<bool>,
    shutdowns_done: usize,
}

impl Write for Gate {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.blocked {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        self.data.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.blocked {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        self.flushes += 1;
        Ok(())
    }
}

impl AsyncWrite for Gate {
    /// Answers `NotReady` while the script says so, then completes.
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        if self.shutdown_answers.pop_front() == Some(false) {
            return Ok(Async::NotReady);
        }
        self.shutdowns_done += 1;
        Ok(Async::Ready(()))
    }
}

/// A writer whose flush stopped in the middle of the encoder's marker, then whose
/// shutdown stopped at the same place.
fn interrupted_flush_then_shutdown() -> EncodeWriter<Gate, Marked> {
    let mut writer =
        EncodeWriter::with_capacity(4, Marked::default(), Gate::default()).named("Marked");
    assert_eq!(writer.poll_write(b"ab").unwrap(), Async::Ready(2));
    writer.get_mut().blocked = true;
    assert_eq!(writer.poll_flush().unwrap(), Async::NotReady);
    assert_eq!(writer.shutdown().unwrap(), Async::NotReady);
    writer.get_mut().blocked = false;
    writer
}

#[test]
fn write_after_an_interrupted_shutdown_is_refused_even_mid_flush() {
    let mut writer = interrupted_flush_then_shutdown();
    let error = writer.poll_write(b"late").unwrap_err();
    assert!(error.to_string().contains("Marked"), "{error}");
    assert!(writer.is_finishing());
    assert_eq!(writer.shutdown().unwrap(), Async::Ready(()));
    assert_eq!(writer.get_ref().data, b"abSYNCEND");
}

#[test]
fn write_after_the_interrupted_flush_completes_is_still_refused() {
    let mut writer = interrupted_flush_then_shutdown();
    assert_eq!(writer.poll_flush().unwrap(), Async::Ready(()));
    assert!(writer.poll_write(b"late").is_err());
    assert!(
        writer.write(b"late").is_err(),
        "the blocking path took a write"
    );
    assert_eq!(writer.shutdown().unwrap(), Async::Ready(()));
    assert_eq!(writer.get_ref().data, b"abSYNCEND");
}

#[test]
fn write_after_an_interrupted_finish_is_refused() {
    let mut writer = EncodeWriter::with_capacity(4, Marked::default(), Gate::default());
    writer.write_all(b"ab").unwrap();
    writer.get_mut().blocked = true;
    assert_eq!(writer.poll_flush().unwrap(), Async::NotReady);
    assert_eq!(writer.poll_finish().unwrap(), Async::NotReady);
    writer.get_mut().blocked = false;
    assert!(writer.write(b"late").is_err());
    assert_eq!(writer.poll_finish().unwrap(), Async::Ready(()));
    assert_eq!(writer.get_ref().data, b"abSYNCEND");
}

#[test]
fn finish_during_a_shutdown_in_progress_flushes_the_inner_writer() {
    let mut writer = EncodeWriter::with_capacity(16, Marked::default(), Gate::default());
    writer.write_all(b"ab").unwrap();
    writer.get_mut().shutdown_answers.push_back(false);
    assert_eq!(writer.shutdown().unwrap(), Async::NotReady);
    assert_eq!(writer.get_ref().data, b"abEND");
    let flushes = writer.get_ref().flushes;
    assert_eq!(writer.poll_finish().unwrap(), Async::Ready(()));
    assert_eq!(
        writer.get_ref().flushes,
        flushes + 1,
        "poll_finish returned Ready without flushing the inner writer"
    );
    assert_eq!(writer.shutdown().unwrap(), Async::Ready(()));
    assert_eq!(writer.get_ref().shutdowns_done, 1);
    assert_eq!(writer.get_ref().data, b"abEND");
}
