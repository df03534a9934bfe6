//! The whole stack over loopback TCP against the same pipeline built from blocking
//! writers.
//!
//! * `ours`: `FrameWriter` (chunked, 8 KiB frames) -> `Crc32Writer` (big-endian trailer)
//!   -> `GzipWriter` (level 6) -> `BufWriter` (64 KiB) -> `HalfClose(TcpStream)`, driven
//!   by a tokio 0.1 current-thread runtime.
//! * `blocking`: the same wire bytes from `std::io::BufWriter` (64 KiB),
//!   `flate2::write::GzEncoder` (level 6), a `crc32fast::Hasher` and hand-made 4-byte
//!   big-endian prefixes over a `std::net::TcpStream`.
//!
//! Input: the workspace's Rust sources concatenated (repeated to 4 MiB), written in
//! 16 KiB pieces. A reader thread drains the socket in both cases; each iteration
//! connects, writes everything, shuts down and waits for the reader's EOF. Goal: `ours`
//! at least 0.95x `blocking`.
//!
//! Before measuring, one run of each is decoded (flate2, tokio's length-delimited codec
//! rules, crc32fast) and must give back the input, and one run of `ours` over a counting
//! transport prints the socket write calls per MiB against `bytes_out / capacity + 1`.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener};
use std::path::Path;
use std::thread::{self, JoinHandle};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flate2::write::GzEncoder;
use futures::{future, Async, Poll};
use tokio::net::TcpStream;
use tokio::runtime::current_thread::Runtime;
use tokio_io::AsyncWrite;
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::tcp::HalfClose;
use writestack::Endian;
use writestack_test::corpus::Corpus;
use writestack_test::reference::decode_stack;
use writestack_test::tcp::{self, Counting, Tuning};

const INPUT: usize = 4 * 1024 * 1024;
const PIECE: usize = 16 * 1024;
const BUF_CAPACITY: usize = 64 * 1024;
/// `FrameWriter`'s default buffer: a chunk is at most this long, prefix included.
const FRAME: usize = 8 * 1024;
const PREFIX: usize = 4;
const LEVEL: u32 = 6;

/// The workspace's `.rs` files, concatenated and repeated up to `INPUT` bytes.
fn input() -> Vec<u8> {
    Corpus::new(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["src", "crates", "benches"],
    )
    .read(INPUT, 1)
}

/// Drains one accepted connection until EOF, keeping the bytes when asked.
fn drain(listener: &TcpListener, keep: bool) -> JoinHandle<Vec<u8>> {
    tcp::spawn_peer(listener, move |mut peer| {
        let mut kept = Vec::new();
        let mut piece = vec![0u8; 64 * 1024];
        loop {
            match peer.read(&mut piece) {
                Ok(0) => return kept,
                Ok(n) if keep => kept.extend_from_slice(&piece[..n]),
                Ok(_) => {}
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => panic!("reader: {error}"),
            }
        }
    })
}

type Ours<W> = FrameWriter<Crc32Writer<GzipWriter<BufWriter<W>>>>;

fn ours_over<W: AsyncWrite>(transport: W) -> Ours<W> {
    let buffered = BufWriter::with_capacity(BUF_CAPACITY, transport);
    let gzip = GzipWriter::new(buffered, Compression::new(LEVEL));
    let crc = Crc32Writer::with_trailer(gzip, Endian::Big);
    FrameWriter::builder()
        .chunked()
        .buffer_capacity(FRAME)
        .new_write(crc)
        .expect("chunked framing")
}

fn connect(runtime: &mut Runtime, addr: SocketAddr) -> HalfClose<TcpStream> {
    let nodelay = Tuning {
        nodelay: true,
        ..Tuning::default()
    };
    let stream = runtime
        .block_on(tcp::connect(&addr, nodelay))
        .expect("connect");
    HalfClose::new(stream)
}

/// Writes `input` in pieces and shuts the stack down; gives the stack back.
fn run_ours<W: AsyncWrite>(runtime: &mut Runtime, stack: Ours<W>, input: &[u8]) -> Ours<W> {
    let mut slot = Some(stack);
    let mut pos = 0;
    runtime
        .block_on(future::poll_fn(move || -> Poll<Ours<W>, io::Error> {
            let stack = slot.as_mut().expect("polled after completion");
            while pos < input.len() {
                let end = (pos + PIECE).min(input.len());
                pos += futures::try_ready!(stack.poll_write(&input[pos..end]));
            }
            futures::try_ready!(stack.shutdown());
            Ok(Async::Ready(slot.take().expect("polled after completion")))
        }))
        .expect("our stack")
}

/// The same wire as `ours`, from blocking writers: chunks of at most `FRAME` bytes
/// (prefix included) with a 4-byte big-endian length, a zero-length end frame, the
/// big-endian CRC32 of all of that, gzip, a 64 KiB buffer, FIN.
fn run_blocking(addr: SocketAddr, input: &[u8]) {
    let stream = std::net::TcpStream::connect(addr).expect("connect");
    stream.set_nodelay(true).expect("TCP_NODELAY");
    let buffered = io::BufWriter::with_capacity(BUF_CAPACITY, stream);
    let mut gzip = GzEncoder::new(buffered, flate2::Compression::new(LEVEL));
    let mut hasher = crc32fast::Hasher::new();
    let mut chunk = Vec::with_capacity(FRAME);
    chunk.extend_from_slice(&[0; PREFIX]);
    let mut emit = |chunk: &mut Vec<u8>, gzip: &mut GzEncoder<_>| -> io::Result<()> {
        let len = u32::try_from(chunk.len() - PREFIX).expect("a frame fits its 4-byte prefix");
        chunk[..PREFIX].copy_from_slice(&len.to_be_bytes());
        hasher.update(chunk);
        gzip.write_all(chunk)?;
        chunk.truncate(PREFIX);
        Ok(())
    };
    for piece in input.chunks(PIECE) {
        let mut rest = piece;
        while !rest.is_empty() {
            let take = (FRAME - chunk.len()).min(rest.len());
            chunk.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if chunk.len() == FRAME {
                emit(&mut chunk, &mut gzip).expect("write");
            }
        }
    }
    if chunk.len() > PREFIX {
        emit(&mut chunk, &mut gzip).expect("write");
    }
    // The end frame.
    emit(&mut chunk, &mut gzip).expect("write");
    let crc = hasher.finalize();
    gzip.write_all(&crc.to_be_bytes()).expect("write");
    let buffered = gzip.finish().expect("gzip finish");
    let stream = buffered.into_inner().expect("flush");
    stream.shutdown(Shutdown::Write).expect("FIN");
}

/// Undoes gzip, the CRC trailer and the chunked framing with code we did not write.
fn round_trips(wire: &[u8], input: &[u8]) -> bool {
    match decode_stack(wire) {
        Ok(plain) => plain == input,
        Err(why) => panic!("the wire does not decode: {why}"),
    }
}

fn check(runtime: &mut Runtime, listener: &TcpListener, addr: SocketAddr, input: &[u8]) {
    let transport = connect(runtime, addr);
    let reader = drain(listener, true);
    let stack = run_ours(runtime, ours_over(Counting::new(transport)), input);
    let ours = reader.join().expect("reader");
    assert!(round_trips(&ours, input), "ours does not round-trip");
    let counting = stack.get_ref().get_ref().get_ref().get_ref();
    let bound = counting.bytes / BUF_CAPACITY as u64 + 1;
    let mib = counting.bytes as f64 / (1024.0 * 1024.0);
    println!(
        "stack: {} bytes in -> {} bytes out; socket write calls: {} ({:.1} per MiB out), \
         bound bytes_out/capacity+1 = {} -> {}",
        input.len(),
        counting.bytes,
        counting.writes,
        counting.writes as f64 / mib,
        bound,
        if counting.writes <= bound {
            "met"
        } else {
            "NOT met"
        }
    );

    let reader = drain_after_connect(listener, true);
    run_blocking(addr, input);
    let blocking = reader.join().expect("reader");
    assert!(
        round_trips(&blocking, input),
        "blocking does not round-trip"
    );
    println!(
        "stack: wire ours {} bytes, blocking {} bytes, identical: {}",
        ours.len(),
        blocking.len(),
        ours == blocking
    );
}

fn stack(c: &mut Criterion) {
    let input = input();
    let (listener, addr) = tcp::listen();
    let mut runtime = Runtime::new().expect("runtime");
    check(&mut runtime, &listener, addr, &input);

    let mut group = c.benchmark_group("stack_tcp_4MiB");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(10);
    group.bench_function("blocking_std_flate2", |b| {
        b.iter(|| {
            let reader = drain_after_connect(&listener, false);
            run_blocking(addr, &input);
            reader.join().expect("reader");
        });
    });
    group.bench_function("ours", |b| {
        b.iter(|| {
            let transport = connect(&mut runtime, addr);
            let reader = drain(&listener, false);
            let stack = run_ours(&mut runtime, ours_over(transport), &input);
            reader.join().expect("reader");
            drop(stack);
        });
    });
    group.finish();
}

/// Accepts on a helper thread, so the blocking client can connect from this one.
fn drain_after_connect(listener: &TcpListener, keep: bool) -> JoinHandle<Vec<u8>> {
    let listener = listener.try_clone().expect("clone listener");
    thread::spawn(move || drain(&listener, keep).join().expect("drain"))
}

criterion_group!(benches, stack);
criterion_main!(benches);
