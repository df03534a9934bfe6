//! The full stack over real loopback sockets (tokio 0.1): backpressure from a slow reader
//! keeps memory bounded by the configured buffers, a peer that goes away turns into an
//! error (not a panic or a hang), and the peer sees EOF right after the last tail byte.

use std::io::{self, Read};
use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use futures::{future, Async, Future, Poll};
use tokio::net::TcpStream;
use tokio::runtime::current_thread::Runtime;
use tokio::util::FutureExt;
use tokio_io::AsyncWrite;
use writestack::buf::BufWriter;
use writestack::contract::DEFAULT_CAPACITY;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::tcp::HalfClose;
use writestack::Endian;
use writestack_test::reference::decode_stack;
use writestack_test::tcp::{self, Counting, Tuning};
use writestack_test::{payload, PayloadKind};

type Stack = FrameWriter<Crc32Writer<GzipWriter<BufWriter<Counting<HalfClose<TcpStream>>>>>>;

const SEND_BUFFER: usize = 16 * 1024;
const BUF_CAPACITY: usize = 32 * 1024;
const PIECE: usize = 16 * 1024;
/// What deflate may hold inside itself (window, pending block) on top of the layers'
/// own buffers; far below the megabytes written, so unbounded buffering shows.
const DEFLATE_SLACK: u64 = 256 * 1024;
/// No test here should come near this; hitting it means a hang.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The full stack over a connected socket with a small send buffer and no Nagle delay.
fn connect(runtime: &mut Runtime, addr: SocketAddr) -> Stack {
    let tuning = Tuning {
        send_buffer: Some(SEND_BUFFER),
        nodelay: true,
        ..Tuning::default()
    };
    let stream = runtime
        .block_on(tcp::connect(&addr, tuning))
        .expect("connect");
    let transport = Counting::new(HalfClose::new(stream));
    let buffered = BufWriter::with_capacity(BUF_CAPACITY, transport);
    let gzip = GzipWriter::new(buffered, Compression::fast());
    let crc = Crc32Writer::with_trailer(gzip, Endian::Big);
    FrameWriter::builder()
        .chunked()
        .new_write(crc)
        .expect("chunked framing")
}

/// Every layer holds no more than its buffer: what it accepted minus what the layer
/// below took.
fn assert_bounded(stack: &Stack) {
    let crc = stack.get_ref();
    let gzip = crc.get_ref();
    let buffered = gzip.get_ref();
    let transport = buffered.get_ref();
    assert!(stack.buffered().len() <= stack.capacity(), "frame buffer");
    assert!(
        crc.total_in() - crc.total_out().min(crc.total_in()) <= DEFAULT_CAPACITY as u64,
        "crc holds {} bytes",
        crc.total_in() - crc.total_out()
    );
    assert!(
        gzip.total_out() - buffered.total_in() <= gzip.capacity() as u64,
        "gzip holds {} compressed bytes",
        gzip.total_out() - buffered.total_in()
    );
    assert!(buffered.buffer().len() <= buffered.capacity(), "buf buffer");
    assert_eq!(
        buffered.total_in() - transport.bytes,
        buffered.buffer().len() as u64,
        "bytes the BufWriter holds"
    );
    let held = stack.total_in().saturating_sub(transport.bytes);
    let buffers = (stack.capacity() + DEFAULT_CAPACITY + gzip.capacity() + BUF_CAPACITY) as u64;
    assert!(
        held <= buffers + DEFLATE_SLACK,
        "the stack holds {held} bytes the socket has not taken (buffers: {buffers})"
    );
}

/// Writes `data` in 16 KiB pieces, checking the bounds after every poll, then shuts down.
fn write_pieces(stack: Stack, data: Vec<u8>) -> impl Future<Item = Stack, Error = io::Error> {
    let mut slot = Some(stack);
    let mut pos = 0;
    future::poll_fn(move || -> Poll<Stack, io::Error> {
        let stack = slot.as_mut().expect("polled after completion");
        while pos < data.len() {
            let end = (pos + PIECE).min(data.len());
            let answer = stack.poll_write(&data[pos..end]);
            assert_bounded(stack);
            match answer? {
                Async::Ready(n) => pos += n,
                Async::NotReady => return Ok(Async::NotReady),
            }
        }
        Ok(Async::Ready(slot.take().expect("polled after completion")))
    })
    .and_then(shutdown)
}

fn shutdown(stack: Stack) -> impl Future<Item = Stack, Error = io::Error> {
    let mut slot = Some(stack);
    future::poll_fn(move || {
        let stack = slot.as_mut().expect("polled after completion");
        futures::try_ready!(stack.shutdown());
        Ok(Async::Ready(slot.take().expect("polled after completion")))
    })
}

fn timed<F: Future<Error = io::Error>>(
    future: F,
) -> impl Future<Item = F::Item, Error = io::Error> {
    future.timeout(TIMEOUT).map_err(|error| {
        if error.is_elapsed() {
            panic!("the stack hung for {TIMEOUT:?}");
        }
        error
            .into_inner()
            .unwrap_or_else(|| io::Error::other("timer error"))
    })
}

#[test]
fn slow_reader_gets_every_byte_while_buffers_stay_bounded() {
    let (listener, addr) = tcp::listen();
    let mut runtime = Runtime::new().expect("runtime");
    let stack = connect(&mut runtime, addr);
    let reader = tcp::spawn_peer(&listener, |mut peer| {
        peer.set_read_timeout(Some(TIMEOUT)).expect("read timeout");
        // Start late and read in small steps so the socket pushes back.
        thread::sleep(Duration::from_millis(50));
        let mut received = Vec::new();
        let mut piece = [0u8; 8 * 1024];
        loop {
            match peer.read(&mut piece).expect("read") {
                0 => return received,
                n => received.extend_from_slice(&piece[..n]),
            }
            thread::sleep(Duration::from_micros(500));
        }
    });

    // Incompressible, so compressed bytes track input bytes and pressure reaches the app.
    let data = payload(PayloadKind::Random, 11, 2 * 1024 * 1024);
    let stack = runtime
        .block_on(timed(write_pieces(stack, data.clone())))
        .expect("the stack writes and shuts down");
    let received = reader.join().expect("reader thread");

    let transport = stack.get_ref().get_ref().get_ref().get_ref();
    assert!(transport.not_ready > 0, "the socket never pushed back");
    assert_eq!(transport.bytes, received.len() as u64);
    assert!(
        decode_stack(&received).expect("decodes") == data,
        "decoded data differs"
    );
}

#[test]
fn peer_closing_early_is_an_error_not_a_panic_or_hang() {
    let (listener, addr) = tcp::listen();
    let mut runtime = Runtime::new().expect("runtime");
    let mut stack = connect(&mut runtime, addr);
    let closer = tcp::spawn_peer(&listener, |mut peer| {
        let mut piece = [0u8; 1024];
        let _ = peer.read(&mut piece);
        // Dropping with unread data makes the kernel answer with a reset.
    });

    let data = payload(PayloadKind::Random, 5, 1024 * 1024);
    let mut passes = 0;
    let writing = future::poll_fn(|| -> Poll<(), io::Error> {
        // 64 MiB at most: far beyond any socket buffer, so the error must surface.
        while passes < 64 {
            let mut pos = 0;
            while pos < data.len() {
                let end = (pos + PIECE).min(data.len());
                match stack.poll_write(&data[pos..end])? {
                    Async::Ready(n) => pos += n,
                    Async::NotReady => return Ok(Async::NotReady),
                }
            }
            passes += 1;
        }
        futures::try_ready!(stack.shutdown());
        Ok(Async::Ready(()))
    });
    let error = runtime
        .block_on(timed(writing))
        .expect_err("writing to a closed peer succeeded");
    closer.join().expect("closer thread");
    assert!(
        matches!(
            error.kind(),
            io::ErrorKind::BrokenPipe
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
        ),
        "unexpected error kind: {error:?}"
    );
}

#[test]
fn peer_sees_eof_right_after_the_last_tail_byte() {
    let (listener, addr) = tcp::listen();
    let mut runtime = Runtime::new().expect("runtime");
    let stack = connect(&mut runtime, addr);
    let reader = tcp::spawn_peer(&listener, |mut peer| {
        peer.set_read_timeout(Some(TIMEOUT)).expect("read timeout");
        let mut received = Vec::new();
        // read_to_end returns only at EOF; a missing FIN ends in the read timeout.
        peer.read_to_end(&mut received).map(|_| received)
    });

    let data = payload(PayloadKind::Text, 3, 100 * 1024);
    // The stack stays alive (not dropped) until the peer has seen EOF, so the FIN came
    // from shutdown and not from closing the socket.
    let stack = runtime
        .block_on(timed(write_pieces(stack, data.clone())))
        .expect("the stack writes and shuts down");
    let received = reader
        .join()
        .expect("reader thread")
        .expect("the peer reached EOF");
    let transport = stack.get_ref().get_ref().get_ref().get_ref();
    assert_eq!(
        transport.bytes,
        received.len() as u64,
        "bytes sent vs received"
    );
    // gunzip_exact refuses bytes after the gzip trailer: EOF came right after it.
    assert!(
        decode_stack(&received).expect("decodes") == data,
        "decoded data differs"
    );
    drop(stack);
}
