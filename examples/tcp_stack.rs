//! The whole stack over a real TCP connection, checked by decoders writestack did not write.
//!
//! ```text
//!   payload ─► FrameWriter ─► Crc32Writer ─► GzipWriter ─► BufWriter ─► HalfClose(TcpStream)
//!              chunked frames  CRC32 trailer  gzip member   coalescing    FIN on shutdown
//!              + end marker    (big endian)
//! ```
//!
//! One tokio 0.1 runtime runs a listener on 127.0.0.1 and a sender. The sender pushes the
//! payload (by default 64 MiB of generated, deterministic log text) through the stack and
//! finishes it from the top with `tokio_io::io::shutdown`: each layer writes its tail and
//! forwards the shutdown, so the peer sees EOF right after the gzip trailer. The receiver
//! reads to EOF, then decodes with flate2's `GzDecoder`, strips the frames with tokio's
//! `LengthDelimitedCodec` (stopping at the zero-length end marker), and checks that the
//! 4-byte trailer after the end marker is the CRC32 (crc32fast) of all the framed bytes
//! before it. A table shows each layer's counters, then the verdict; the exit status is
//! non-zero when anything does not match.
//!
//! ```text
//! cargo run --release --example tcp_stack
//! cargo run --release --example tcp_stack -- --level 1 --frame-size 16384
//! cargo run --release --example tcp_stack -- --no-compress --input /usr/share/dict/words
//! cargo run --release --example tcp_stack -- --help
//! ```
//!
//! Exit status: 0 when every byte arrived intact, 1 on an I/O error or a failed check,
//! 2 on bad arguments.

mod support;

use std::io::{self, IsTerminal, Write as _};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use futures::sync::oneshot;
use futures::{try_ready, Async, Future, Poll, Stream};
use tokio::net::{TcpListener, TcpStream};
use tokio_io::AsyncWrite;
use writestack::flate::Compression;
use writestack::frame::FrameWriter;
use writestack::prelude::*;
use writestack::tcp::HalfClose;
use writestack_test::reference::gunzip_exact;

const USAGE: &str = "\
usage: tcp_stack [options]

Sends a payload through frame -> crc32 -> gzip -> buffer -> TCP on 127.0.0.1 and
verifies what arrives with flate2, tokio's LengthDelimitedCodec and crc32fast.

options:
  --input FILE      send FILE instead of 64 MiB of generated log text
  --level N         gzip level 0-9 (default 6)
  --frame-size N    largest frame payload in bytes (default 65536)
  --no-compress     leave out the gzip layer
  --addr ADDR       listen address (default 127.0.0.1:0, any free port)
  -h, --help        show this help";

/// The generated payload: large enough for the throughput figures to mean something.
const DEFAULT_LEN: usize = 64 * 1024 * 1024;
/// How much the application hands the top layer per write.
const WRITE_CHUNK: usize = 64 * 1024;
/// Below this, progress reports are noise.
const PROGRESS_MIN: usize = 16 * 1024 * 1024;

#[derive(Debug)]
struct Options {
    input: Option<String>,
    level: u32,
    frame_size: usize,
    compress: bool,
    addr: SocketAddr,
}

/// Why `main` stops early: bad arguments (exit 2) or a failure (exit 1).
#[derive(Debug)]
enum Failure {
    Usage(String),
    Failed(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Failed(e.to_string())
    }
}

fn parse_args() -> Result<Option<Options>, Failure> {
    let mut opts = Options {
        input: None,
        level: 6,
        frame_size: 64 * 1024,
        compress: true,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--no-compress" => opts.compress = false,
            "--input" => opts.input = Some(value("--input")?),
            "--level" => {
                let v = value("--level")?;
                opts.level = match v.parse::<u32>() {
                    Ok(n) if n <= 9 => n,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--level must be an integer from 0 to 9, got {v:?}"
                        )))
                    }
                };
            }
            "--frame-size" => {
                let v = value("--frame-size")?;
                opts.frame_size = match v.parse::<usize>() {
                    Ok(n) if n > 0 && u32::try_from(n).is_ok() => n,
                    _ => {
                        return Err(Failure::Usage(format!(
                            "--frame-size must be an integer from 1 to {}, got {v:?}",
                            u32::MAX
                        )))
                    }
                };
            }
            "--addr" => {
                let v = value("--addr")?;
                opts.addr = v.parse().map_err(|_| {
                    Failure::Usage(format!(
                        "--addr must be IP:PORT like 127.0.0.1:0, got {v:?}"
                    ))
                })?;
            }
            other => return Err(Failure::Usage(format!("unknown argument {other:?}"))),
        }
    }
    Ok(Some(opts))
}

/// The frame layer's buffer never grows past this, so a huge `--frame-size` only raises
/// the limit the receiver enforces.
const MAX_FRAME_BUFFER: usize = 8 * 1024 * 1024;

/// Builds the top layer; the receiver's codec gets the same maximum.
fn frame_layer<W>(inner: W, frame_size: usize) -> io::Result<FrameWriter<W>> {
    FrameWriter::builder()
        .chunked()
        .max_frame_length(frame_size)
        // Chunks are cut at the buffer size, prefix included: size it so frames really
        // are `frame_size` long.
        .buffer_capacity(frame_size.min(MAX_FRAME_BUFFER) + 4)
        .end_marker(true)
        .new_write(inner)
}

/// Writes the payload into `stack` in `WRITE_CHUNK` pieces, then yields both back.
struct Pump<S> {
    stack: Option<S>,
    payload: Vec<u8>,
    pos: usize,
    progress: bool,
    next_report: usize,
}

impl<S: AsyncWrite> Future for Pump<S> {
    type Item = (S, Vec<u8>);
    type Error = io::Error;

    fn poll(&mut self) -> Poll<Self::Item, io::Error> {
        let stack = self.stack.as_mut().expect("Pump polled after completion");
        while self.pos < self.payload.len() {
            let end = self.payload.len().min(self.pos + WRITE_CHUNK);
            let n = try_ready!(stack.poll_write(&self.payload[self.pos..end]));
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            self.pos += n;
            if self.progress && self.pos >= self.next_report {
                self.next_report += 4 * 1024 * 1024;
                eprint!(
                    "\r  sent {} of {}   ",
                    support::size(self.pos as u64),
                    support::size(self.payload.len() as u64)
                );
            }
        }
        if self.progress {
            eprintln!();
        }
        let stack = self.stack.take().expect("checked above");
        Ok(Async::Ready((stack, std::mem::take(&mut self.payload))))
    }
}

/// Sends through `stack` and shuts it down from the top; yields the finished stack.
fn send<S>(stack: S, payload: Vec<u8>) -> impl Future<Item = (S, Vec<u8>), Error = io::Error>
where
    S: AsyncWrite,
{
    let progress = io::stderr().is_terminal() && payload.len() >= PROGRESS_MIN;
    Pump {
        stack: Some(stack),
        payload,
        pos: 0,
        progress,
        next_report: 0,
    }
    .and_then(|(stack, payload)| tokio_io::io::shutdown(stack).map(|stack| (stack, payload)))
}

/// One row of the table.
struct Row {
    layer: &'static str,
    bytes_in: u64,
    bytes_out: u64,
    frames: Option<u64>,
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

impl Row {
    fn with_frames(self, frames: u64) -> Row {
        Row {
            frames: Some(frames),
            ..self
        }
    }
}

fn run(opts: &Options) -> Result<bool, Failure> {
    // Refuse a bad frame size before any socket exists.
    frame_layer(Vec::<u8>::new(), opts.frame_size)
        .map_err(|e| Failure::Usage(format!("--frame-size: {e}")))?;

    let payload = match &opts.input {
        Some(path) => {
            std::fs::read(path).map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))?
        }
        None => support::log_text(DEFAULT_LEN, 0x5eed),
    };
    let source = opts
        .input
        .clone()
        .unwrap_or_else(|| format!("generated log text ({})", support::size(DEFAULT_LEN as u64)));
    println!("payload: {source}, {} bytes", payload.len());
    let layers = if opts.compress {
        format!(
            "frame(chunked, max {}) -> crc32(be) -> gzip(level {}) -> buffer -> tcp",
            opts.frame_size, opts.level
        )
    } else {
        format!(
            "frame(chunked, max {}) -> crc32(be) -> buffer -> tcp",
            opts.frame_size
        )
    };
    println!("stack:   {layers}");

    let mut rt = tokio::runtime::Runtime::new()?;
    let listener = TcpListener::bind(&opts.addr)
        .map_err(|e| Failure::Failed(format!("cannot listen on {}: {e}", opts.addr)))?;
    let addr = listener.local_addr()?;
    println!("listening on {addr}");

    // The receiver runs as its own task so reading overlaps sending.
    let receiver = listener
        .incoming()
        .into_future()
        .map_err(|(e, _)| e)
        .and_then(|(socket, _)| socket.ok_or_else(|| io::Error::other("listener closed")))
        .and_then(|socket| {
            let started = Instant::now();
            tokio_io::io::read_to_end(socket, Vec::new())
                .map(move |(_, wire)| (wire, started.elapsed()))
        });
    let received = oneshot::spawn(receiver, &rt.executor());

    let started = Instant::now();
    let level = Compression::new(opts.level);
    let frame_size = opts.frame_size;
    let connect = TcpStream::connect(&addr).map(HalfClose::new);
    let (rows, payload) = if opts.compress {
        let sent = connect
            .and_then(move |t| frame_layer(t.buffered().gzip(level).crc32(), frame_size))
            .and_then(|stack| send(stack, payload));
        let (stack, payload) = rt.block_on(sent)?;
        let crc = stack.get_ref();
        let gzip = crc.get_ref();
        let rows = vec![
            row(&stack).with_frames(stack.frames_written()),
            row(crc),
            row(gzip),
            row(gzip.get_ref()),
        ];
        (rows, payload)
    } else {
        let sent = connect
            .and_then(move |t| frame_layer(t.buffered().crc32(), frame_size))
            .and_then(|stack| send(stack, payload));
        let (stack, payload) = rt.block_on(sent)?;
        let crc = stack.get_ref();
        let rows = vec![
            row(&stack).with_frames(stack.frames_written()),
            row(crc),
            row(crc.get_ref()),
        ];
        (rows, payload)
    };
    let send_time = started.elapsed();
    let (wire, receive_time) = rt.block_on(received)?;
    // Nothing else is running; don't wait for idle worker threads.
    drop(rt.shutdown_now());

    print_table(&rows, wire.len() as u64, send_time, receive_time);
    Ok(verify(opts, &rows, wire, &payload))
}

fn print_table(rows: &[Row], received: u64, send_time: Duration, receive_time: Duration) {
    let secs = send_time.as_secs_f64();
    println!();
    println!(
        "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
        "layer", "bytes in", "bytes out", "ratio", "throughput", "frames"
    );
    for row in rows {
        let ratio = if row.bytes_in == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", row.bytes_out as f64 / row.bytes_in as f64)
        };
        let frames = row
            .frames
            .map_or_else(|| "-".to_string(), |f| f.to_string());
        println!(
            "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
            row.layer,
            row.bytes_in,
            row.bytes_out,
            ratio,
            support::rate(row.bytes_in, secs),
            frames
        );
    }
    println!(
        "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
        "tcp rx",
        received,
        "-",
        "-",
        support::rate(received, receive_time.as_secs_f64()),
        "-"
    );
    println!();
    println!(
        "send (connect to shutdown): {:.3} s, receive (accept to EOF): {:.3} s; throughput is bytes in / send time",
        secs,
        receive_time.as_secs_f64()
    );
}

/// Checks the wire against the payload with flate2, tokio's codec and crc32fast; prints
/// each check and returns whether all passed.
fn verify(opts: &Options, rows: &[Row], wire: Vec<u8>, payload: &[u8]) -> bool {
    let mut ok = true;
    let mut check = |what: &str, passed: bool, detail: String| {
        println!(
            "  [{}] {what}{}",
            if passed { "ok" } else { "FAIL" },
            if detail.is_empty() {
                detail
            } else {
                format!(": {detail}")
            }
        );
        ok &= passed;
    };
    println!("verification:");
    let sent = rows.last().map_or(0, |r| r.bytes_out);
    check(
        "bytes received == bytes the buffer layer wrote",
        wire.len() as u64 == sent,
        format!("{} vs {sent}", wire.len()),
    );

    let framed = if opts.compress {
        match gunzip_exact(&wire) {
            Ok(plain) => {
                check(
                    "flate2 GzDecoder decoded one complete gzip member",
                    true,
                    format!("{} bytes", plain.len()),
                );
                plain
            }
            Err(e) => {
                check(
                    "flate2 GzDecoder decoded one complete gzip member",
                    false,
                    e,
                );
                return false;
            }
        }
    } else {
        wire
    };
    let crc_out = rows[1].bytes_out;
    check(
        "decoded length == crc32 layer output",
        framed.len() as u64 == crc_out,
        format!("{} vs {crc_out}", framed.len()),
    );

    match support::decode_frames(&framed, opts.frame_size) {
        Ok(decoded) => {
            let frames = decoded.data_frames + 1;
            let written = rows[0].frames.unwrap_or(0);
            check(
                "LengthDelimitedCodec read every frame, then the zero-length end marker",
                frames == written,
                format!(
                    "{} data frames + end marker, frame layer counted {written}",
                    decoded.data_frames
                ),
            );
            check(
                "CRC32 trailer (big endian) == crc32fast of frames + end marker",
                decoded.trailer == decoded.computed,
                format!("{:08x} vs {:08x}", decoded.trailer, decoded.computed),
            );
            let same = decoded.payload == payload;
            let detail = if same {
                format!("{} bytes", payload.len())
            } else {
                let at = decoded
                    .payload
                    .iter()
                    .zip(payload)
                    .position(|(a, b)| a != b)
                    .unwrap_or(decoded.payload.len().min(payload.len()));
                format!(
                    "{} vs {} bytes, first difference at {at}",
                    decoded.payload.len(),
                    payload.len()
                )
            };
            check("payload arrived byte for byte", same, detail);
        }
        Err(e) => check(
            "LengthDelimitedCodec read every frame, then the end marker",
            false,
            e,
        ),
    }
    ok
}

fn main() -> ExitCode {
    let result = parse_args().and_then(|opts| match opts {
        None => {
            println!("{USAGE}");
            Ok(true)
        }
        Some(opts) => run(&opts),
    });
    match result {
        Ok(true) => {
            let _ = io::stdout().flush();
            ExitCode::SUCCESS
        }
        Ok(false) => {
            eprintln!("tcp_stack: verification FAILED");
            ExitCode::from(1)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("tcp_stack: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            eprintln!("tcp_stack: error: {msg}");
            ExitCode::from(1)
        }
    }
}
