//! The contract suite's drop check (rule 17) fails a layer that writes when dropped:
//! a `BufWriter` wrapped in a layer that flushes it from `Drop` fails
//! `drop_does_no_io`, and the same wrapper without the flush passes, so the failure is
//! the bug's.

use std::io::{self, Write};

use futures::Poll;
use tokio_io::AsyncWrite;
use writestack_buf::BufWriter;
use writestack_core::{Finish, Layer};
use writestack_test::contract::{drop_does_no_io, TokioIo01};
use writestack_test::{LayerSpec, TestWriter};

/// A `BufWriter` that, with `flush_on_drop`, flushes itself when dropped.
#[derive(Debug)]
struct DropFlushes {
    // `None` only once `into_inner` has taken it, so that `Drop` has nothing to flush.
    writer: Option<BufWriter<TestWriter>>,
    flush_on_drop: bool,
}

impl DropFlushes {
    fn writer(&self) -> &BufWriter<TestWriter> {
        self.writer.as_ref().expect("taken only by into_inner")
    }

    fn writer_mut(&mut self) -> &mut BufWriter<TestWriter> {
        self.writer.as_mut().expect("taken only by into_inner")
    }
}

impl Drop for DropFlushes {
    fn drop(&mut self) {
        if let (true, Some(writer)) = (self.flush_on_drop, self.writer.as_mut()) {
            let _ = writer.flush();
        }
    }
}

impl Write for DropFlushes {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer_mut().flush()
    }
}

impl AsyncWrite for DropFlushes {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.writer_mut().shutdown()
    }
}

impl Finish for DropFlushes {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        self.writer_mut().poll_finish()
    }
}

impl Layer for DropFlushes {
    type Inner = TestWriter;

    fn name(&self) -> &'static str {
        "BufWriter"
    }

    fn get_ref(&self) -> &TestWriter {
        self.writer().get_ref()
    }

    fn get_mut(&mut self) -> &mut TestWriter {
        self.writer_mut().get_mut()
    }

    fn into_inner(mut self) -> TestWriter {
        self.writer.take().expect("taken once").into_inner()
    }

    fn total_in(&self) -> u64 {
        self.writer().total_in()
    }

    fn total_out(&self) -> u64 {
        self.writer().total_out()
    }
}

struct Spec {
    flush_on_drop: bool,
}

impl LayerSpec for Spec {
    type Layer = DropFlushes;

    fn name(&self) -> &'static str {
        "BufWriter"
    }

    fn build(&self, inner: TestWriter) -> DropFlushes {
        DropFlushes {
            writer: Some(BufWriter::new(inner)),
            flush_on_drop: self.flush_on_drop,
        }
    }

    fn decode(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn decode_flushed(&self, wire: &[u8]) -> Result<Vec<u8>, String> {
        Ok(wire.to_vec())
    }

    fn max_accepted_while_blocked(&self) -> usize {
        8 * 1024
    }

    fn capacity(&self) -> usize {
        8 * 1024
    }
}

#[test]
fn a_layer_that_does_no_io_on_drop_passes_the_drop_check() {
    drop_does_no_io::<TokioIo01, _>(&Spec {
        flush_on_drop: false,
    });
}

#[test]
#[should_panic(expected = "drop touched the inner writer")]
fn a_layer_that_flushes_on_drop_fails_the_drop_check() {
    drop_does_no_io::<TokioIo01, _>(&Spec {
        flush_on_drop: true,
    });
}
