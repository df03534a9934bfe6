//! The whole stack over a real TCP connection, checked by decoders writestack did not write.
//!
//! ```text
//!   payload ─► FrameWriter ─► Crc32Writer ─► GzipWriter ─► BufWriter ─► HalfClose(TcpStream)
//!              chunked frames  CRC32 trailer  gzip member   coalescing    FIN on shutdown
//!              + end marker    (big endian)
//! ```
//!
//! A runtime runs a listener on 127.0.0.1 and a sender. The sender pushes the payload (by
//! default 64 MiB of generated, deterministic log text) through the stack and ends it from
//! the top: each layer writes its tail and forwards the shutdown, so the peer sees EOF
//! right after the gzip trailer. The receiver reads to EOF, then decodes with flate2's
//! `GzDecoder`, strips the frames with tokio's `LengthDelimitedCodec` (stopping at the
//! zero-length end marker), and checks that the 4-byte trailer after the end marker is
//! the CRC32 (crc32fast) of all the framed bytes before it. A table shows each layer's
//! counters, then the verdict; the exit status is non-zero when anything does not match.
//!
//! The runtime (`--runtime`) decides which writer trait the layers implement:
//! * `tokio01` (default): tokio 0.1, `tokio_io::AsyncWrite` over `HalfClose(TcpStream)`,
//!   ended by `tokio_io::io::shutdown`;
//! * `tokio` (feature `tokio`): tokio 1, `tokio::io::AsyncWrite` over tokio 1's
//!   `TcpStream`, ended by `AsyncWriteExt::shutdown`;
//! * `futures-io` (feature `futures-io`): tokio 1, `futures_io::AsyncWrite` over
//!   `TcpStream::compat_write()` (tokio-util), ended by `AsyncWriteExt::close`.
//!
//! The senders live in `support/tcp_stack/`, one file per runtime, with the table and
//! the checks they share.
//!
//! ```text
//! cargo run --release --example tcp_stack
//! cargo run --release --example tcp_stack -- --level 1 --frame-size 16384
//! cargo run --release --example tcp_stack -- --no-compress --input /usr/share/dict/words
//! cargo run --release --example tcp_stack --features tokio -- --runtime tokio
//! cargo run --release --example tcp_stack --features futures-io -- --runtime futures-io
//! cargo run --release --example tcp_stack -- --help
//! ```
//!
//! Exit status: 0 when every byte arrived intact, 1 on an I/O error or a failed check,
//! 2 on bad arguments.

#[path = "support/tcp_stack/mod.rs"]
mod job;
mod support;

use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::process::ExitCode;

use writestack::flate::Compression;

use job::{Runtime, Spec};

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
  --runtime NAME    what sends: tokio01 (default, tokio 0.1), tokio (tokio 1,
                    needs --features tokio) or futures-io (futures-io writers on
                    tokio 1 through tokio-util's compat, needs --features futures-io)
  -h, --help        show this help";

/// The generated payload: large enough for the throughput figures to mean something.
const DEFAULT_LEN: usize = 64 * 1024 * 1024;

#[derive(Debug)]
struct Options {
    input: Option<String>,
    level: u32,
    frame_size: usize,
    compress: bool,
    addr: SocketAddr,
    runtime: Runtime,
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
        runtime: Runtime::Tokio01,
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
            "--runtime" => {
                let v = value("--runtime")?;
                opts.runtime = Runtime::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!(
                        "--runtime must be tokio01, tokio or futures-io, got {v:?}"
                    ))
                })?;
                if let Some(feature) = opts.runtime.missing_feature() {
                    return Err(Failure::Usage(format!(
                        "--runtime {v} needs the `{feature}` feature; run\n  \
                         cargo run --release --example tcp_stack --features {feature} -- \
                         --runtime {v}"
                    )));
                }
            }
            other => return Err(Failure::Usage(format!("unknown argument {other:?}"))),
        }
    }
    Ok(Some(opts))
}

fn run(opts: &Options) -> Result<bool, Failure> {
    let spec = Spec {
        frame_size: opts.frame_size,
        gzip: opts.compress.then(|| Compression::new(opts.level)),
    };
    // Refuse a bad frame size before any socket exists.
    job::frame_layer(Vec::<u8>::new(), spec.frame_size)
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
    let gzip = match spec.gzip {
        Some(level) => format!(" -> gzip(level {})", level.level()),
        None => String::new(),
    };
    println!(
        "stack:   frame(chunked, max {}) -> crc32(be){gzip} -> buffer -> tcp",
        spec.frame_size
    );
    println!(
        "runtime: {} ({})",
        opts.runtime.name(),
        opts.runtime.describe()
    );

    let sent = match opts.runtime {
        Runtime::Tokio01 => job::tokio01::run(opts.addr, spec, payload)?,
        #[cfg(feature = "tokio")]
        Runtime::Tokio1 => job::tokio1::run_tokio(opts.addr, spec, payload)?,
        #[cfg(feature = "futures-io")]
        Runtime::FuturesIo => job::tokio1::run_futures_io(opts.addr, spec, payload)?,
        // parse_args refused these already.
        #[allow(unreachable_patterns)]
        runtime => {
            let feature = runtime.missing_feature().unwrap_or("?");
            return Err(Failure::Usage(format!(
                "built without the `{feature}` feature"
            )));
        }
    };
    job::report::print_table(&sent);
    Ok(job::report::verify(&spec, sent))
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
