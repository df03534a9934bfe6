//! The parts of the `tcp_stack` example that every runtime shares: what to build
//! ([`Spec`]), which runtime sends ([`Runtime`]), what a run gives back ([`Sent`]), the
//! table rows read from a finished stack ([`Rows`]) and the progress line.
//!
//! The senders themselves live one per runtime: `tokio01` (tokio 0.1, the default) and
//! `tokio1` (tokio 1, through tokio 1's writer trait or, via tokio-util's compat layer,
//! through futures-io's). `report` prints the table and checks the wire.

pub(crate) mod receive;
pub(crate) mod report;
pub(crate) mod tokio01;
#[cfg(any(feature = "tokio", feature = "futures-io"))]
pub(crate) mod tokio1;

use std::io::{self, IsTerminal};
use std::time::Duration;

use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::Layer;

use crate::support::size;

/// How much the application hands the top layer per write.
pub(crate) const WRITE_CHUNK: usize = 64 * 1024;
/// Below this, progress reports are noise.
const PROGRESS_MIN: usize = 16 * 1024 * 1024;
/// The frame layer's buffer never grows past this, so a huge `--frame-size` only raises
/// the limit the receiver enforces.
const MAX_FRAME_BUFFER: usize = 8 * 1024 * 1024;

/// The stack to build: `frame -> crc32 -> [gzip ->] buffer -> transport`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    /// Largest frame payload; the receiver's codec gets the same maximum.
    pub(crate) frame_size: usize,
    /// The gzip level, or `None` to leave the gzip layer out.
    pub(crate) gzip: Option<Compression>,
}

/// Which runtime (and writer trait) the sender runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Runtime {
    /// tokio 0.1 and `tokio_io::AsyncWrite`, over `HalfClose(TcpStream)`.
    Tokio01,
    /// tokio 1 and `tokio::io::AsyncWrite`, over tokio 1's `TcpStream`.
    Tokio1,
    /// tokio 1, with the layers as `futures_io::AsyncWrite` writers over
    /// `TcpStream::compat_write()` (tokio-util).
    FuturesIo,
}

impl Runtime {
    /// The names `--runtime` takes.
    pub(crate) fn parse(name: &str) -> Option<Runtime> {
        match name {
            "tokio01" | "tokio-0.1" => Some(Runtime::Tokio01),
            "tokio" | "tokio1" => Some(Runtime::Tokio1),
            "futures-io" => Some(Runtime::FuturesIo),
            _ => None,
        }
    }

    /// The `--runtime` value, as the header line shows it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Runtime::Tokio01 => "tokio01",
            Runtime::Tokio1 => "tokio",
            Runtime::FuturesIo => "futures-io",
        }
    }

    /// What sends, in a few words.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Runtime::Tokio01 => "tokio 0.1, tokio_io::AsyncWrite over HalfClose(TcpStream)",
            Runtime::Tokio1 => "tokio 1, tokio::io::AsyncWrite over tokio 1's TcpStream",
            Runtime::FuturesIo => {
                "tokio 1, futures_io::AsyncWrite over TcpStream::compat_write() (tokio-util)"
            }
        }
    }

    /// The facade feature this runtime needs and this build lacks, if any.
    pub(crate) fn missing_feature(self) -> Option<&'static str> {
        match self {
            Runtime::Tokio01 => None,
            Runtime::Tokio1 => (!cfg!(feature = "tokio")).then_some("tokio"),
            Runtime::FuturesIo => (!cfg!(feature = "futures-io")).then_some("futures-io"),
        }
    }
}

/// What a run gives back: the table rows, what the receiver read, the payload (for the
/// byte-for-byte check) and the two timings.
#[derive(Debug)]
pub(crate) struct Sent {
    pub(crate) rows: Vec<Row>,
    pub(crate) wire: Vec<u8>,
    /// The payload as writestack's readers decoded it from the socket.
    pub(crate) decoded: Result<Vec<u8>, String>,
    pub(crate) payload: Vec<u8>,
    /// Connect to the end of shutdown.
    pub(crate) send_time: Duration,
    /// Accept to EOF.
    pub(crate) receive_time: Duration,
}

/// Builds the top layer over `inner`.
pub(crate) fn frame_layer<W>(inner: W, frame_size: usize) -> io::Result<FrameWriter<W>> {
    FrameWriter::builder()
        .chunked()
        .max_frame_length(frame_size)
        // Chunks are cut at the buffer size, prefix included: size it so frames really
        // are `frame_size` long.
        .buffer_capacity(frame_size.min(MAX_FRAME_BUFFER) + 4)
        .end_marker(true)
        .new_write(inner)
}

/// One row of the table.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) layer: &'static str,
    pub(crate) bytes_in: u64,
    pub(crate) bytes_out: u64,
    pub(crate) frames: Option<u64>,
}

/// The row of any layer, read through the `Layer` trait every layer implements.
fn row<L: Layer>(layer: &L) -> Row {
    Row {
        layer: layer.name(),
        bytes_in: layer.total_in(),
        bytes_out: layer.total_out(),
        frames: None,
    }
}

/// The rows of a finished stack, top layer first, whatever the transport below it.
pub(crate) trait Rows {
    fn rows(&self) -> Vec<Row>;
}

type Framed<W> = FrameWriter<Crc32Writer<W>>;

impl<T> Rows for Framed<GzipWriter<BufWriter<T>>> {
    fn rows(&self) -> Vec<Row> {
        let crc = self.get_ref();
        let gzip = crc.get_ref();
        vec![top_row(self), row(crc), row(gzip), row(gzip.get_ref())]
    }
}

impl<T> Rows for Framed<BufWriter<T>> {
    fn rows(&self) -> Vec<Row> {
        let crc = self.get_ref();
        vec![top_row(self), row(crc), row(crc.get_ref())]
    }
}

fn top_row<W>(frame: &FrameWriter<W>) -> Row {
    Row {
        frames: Some(frame.frames_written()),
        ..row(frame)
    }
}

/// The "sent X of Y" line on a terminal, for payloads large enough to take a while.
#[derive(Debug)]
pub(crate) struct Progress {
    total: usize,
    sent: usize,
    next_report: usize,
    enabled: bool,
}

impl Progress {
    pub(crate) fn new(total: usize) -> Progress {
        Progress {
            total,
            sent: 0,
            next_report: 0,
            enabled: io::stderr().is_terminal() && total >= PROGRESS_MIN,
        }
    }

    /// `n` more bytes were taken.
    pub(crate) fn advance(&mut self, n: usize) {
        self.sent += n;
        if self.enabled && self.sent >= self.next_report {
            self.next_report += 4 * 1024 * 1024;
            eprint!(
                "\r  sent {} of {}   ",
                size(self.sent as u64),
                size(self.total as u64)
            );
        }
    }

    /// Ends the progress line.
    pub(crate) fn done(&self) {
        if self.enabled {
            eprintln!();
        }
    }
}
