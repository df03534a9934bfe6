//! The full stack, `frame -> crc32 -> gzip -> buffer -> tokio::net::TcpStream`, over real
//! loopback sockets on tokio 1, each test on a current-thread runtime (writer and reader
//! take turns on one thread, so a missed wakeup hangs and times out) and on a
//! multi-thread runtime (tasks move between two workers):
//!
//! * a slow reader behind small socket buffers gets every byte of several MiB while every
//!   layer holds no more than its buffer (checked after every poll);
//! * a peer that goes away turns into an error, not a panic or a hang;
//! * the peer reads to EOF and finds it right after the last tail byte;
//! * one connection carries several gzip members, each ended with `finish().await` and
//!   taken apart with `into_inner()`, each decoded and answered before the next is sent.
//!
//! The tokio-io 0.1 counterpart is `stack_tcp.rs`.
#![cfg(all(
    feature = "tokio",
    feature = "buf",
    feature = "flate",
    feature = "crc",
    feature = "frame"
))]

mod common;

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use tokio1::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio1::net::{TcpListener, TcpSocket, TcpStream};
use writestack::buf::BufWriter;
use writestack::contract::DEFAULT_CAPACITY;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::tokio::FinishExt;
use writestack::Endian;
use writestack::KeepOpen;
use writestack_test::reference;
use writestack_test::{payload, PayloadKind};

use common::{async_decode, read_one_member, runtime, timed, Counting, Flavor, Format};

type Transport = Counting<TcpStream>;
type Stack = FrameWriter<Crc32Writer<GzipWriter<BufWriter<Transport>>>>;

/// `SO_SNDBUF` of the writer's socket: small, so the socket pushes back often.
const SEND_BUFFER: u32 = 16 * 1024;
/// `SO_RCVBUF` of the reader's socket: small, but not below loopback's 64 KiB segments
/// (a window smaller than one segment stalls on delayed ACKs: a kernel test, not ours).
const RECV_BUFFER: u32 = 64 * 1024;
const BUF_CAPACITY: usize = 32 * 1024;
const PIECE: usize = 16 * 1024;
/// What deflate may hold inside itself (window, pending block) on top of the layers'
/// own buffers; far below the megabytes written, so unbounded buffering shows.
const DEFLATE_SLACK: u64 = 256 * 1024;
/// What the two kernels may hold between the writer's socket and the reader's reads
/// (both buffers, which Linux doubles, and what is in flight), generously.
const KERNEL_SLACK: u64 = 1024 * 1024;

/// Runs `scenario` on each runtime flavour as a test of its own.
macro_rules! on_both_runtimes {
    ($($scenario:ident),* $(,)?) => {
        mod current_thread {
            $(
                #[test]
                fn $scenario() {
                    super::$scenario(super::Flavor::CurrentThread);
                }
            )*
        }

        mod multi_thread {
            $(
                #[test]
                fn $scenario() {
                    super::$scenario(super::Flavor::MultiThread);
                }
            )*
        }
    };
}

on_both_runtimes!(
    slow_reader_gets_every_byte_of_several_mib_while_buffers_stay_bounded,
    peer_closing_early_is_an_error_not_a_panic_or_hang,
    peer_sees_eof_right_after_the_last_tail_byte,
    keep_alive_carries_several_gzip_members_ended_by_finish_and_into_inner,
    keep_alive_carries_several_stacks_each_ended_in_one_call_over_keep_open,
);

/// A listener on 127.0.0.1 (a free port) whose connections get a small receive buffer
/// (called on the runtime).
fn listen() -> (TcpListener, SocketAddr) {
    let socket = TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(RECV_BUFFER).expect("SO_RCVBUF");
    socket
        .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .expect("bind");
    let listener = socket.listen(1).expect("listen");
    let addr = listener.local_addr().expect("local addr");
    (listener, addr)
}

/// A socket with a small send buffer and no Nagle delay, connected to `addr`.
async fn connect(addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket.set_send_buffer_size(SEND_BUFFER).expect("SO_SNDBUF");
    let stream = socket.connect(addr).await.expect("connect");
    stream.set_nodelay(true).expect("TCP_NODELAY");
    stream
}

/// The full stack over `transport`: chunked frames, a CRC trailer, gzip, a buffer.
fn stack(transport: Transport) -> Stack {
    stack_over(transport)
}

fn stack_over<T>(transport: T) -> FrameWriter<Crc32Writer<GzipWriter<BufWriter<T>>>> {
    let buffered = BufWriter::with_capacity(BUF_CAPACITY, transport);
    let gzip = GzipWriter::new(buffered, Compression::fast());
    let crc = Crc32Writer::with_trailer(gzip, Endian::Big);
    FrameWriter::builder()
        .chunked()
        .new_write(crc)
        .expect("chunked framing")
}

/// Ends every layer top down with `finish().await` (tails written, the socket flushed,
/// not shut down) and takes the transport back.
async fn finish_each_layer(mut frame: Stack) -> io::Result<Transport> {
    frame.finish().await?;
    let mut crc = frame.into_inner();
    crc.finish().await?;
    let mut gzip = crc.into_inner();
    gzip.finish().await?;
    let mut buffered = gzip.into_inner();
    buffered.finish().await?;
    Ok(buffered.into_inner())
}

fn transport(stack: &Stack) -> &Transport {
    stack.get_ref().get_ref().get_ref().get_ref()
}

/// Every layer holds no more than its buffer: what it accepted minus what the layer
/// below took; and, for incompressible data (compressed bytes track input bytes), the
/// whole stack no more than the sum of them.
fn assert_bounded(stack: &Stack, incompressible: bool) {
    let crc = stack.get_ref();
    let gzip = crc.get_ref();
    let buffered = gzip.get_ref();
    let transport = buffered.get_ref();
    assert!(stack.buffered().len() <= stack.capacity(), "frame buffer");
    let crc_holds = crc.total_in().saturating_sub(crc.total_out());
    assert!(
        crc_holds <= DEFAULT_CAPACITY as u64,
        "crc holds {crc_holds} bytes"
    );
    let gzip_holds = gzip.total_out() - buffered.total_in();
    assert!(
        gzip_holds <= gzip.capacity() as u64,
        "gzip holds {gzip_holds} compressed bytes"
    );
    assert!(buffered.buffer().len() <= buffered.capacity(), "buf buffer");
    assert_eq!(
        buffered.total_in() - transport.bytes,
        buffered.buffer().len() as u64,
        "bytes the BufWriter holds"
    );
    if !incompressible {
        return;
    }
    let held = stack.total_in().saturating_sub(transport.bytes);
    let buffers = (stack.capacity() + DEFAULT_CAPACITY + gzip.capacity() + BUF_CAPACITY) as u64;
    assert!(
        held <= buffers + DEFLATE_SLACK,
        "the stack holds {held} bytes the socket has not taken (buffers: {buffers})"
    );
}

/// How much of a stack's memory use `write_pieces` checks.
enum Bounds {
    /// Each layer's buffer (any data).
    Layers,
    /// Each layer's, the whole stack's against the socket, and the application's lead
    /// over what the reader has read (the counter): for incompressible data.
    Reader(Arc<AtomicU64>),
}

/// Writes `data` in 16 KiB pieces, checking `bounds` after every poll, then shuts the
/// stack down.
async fn write_pieces(mut stack: Stack, data: Vec<u8>, bounds: Bounds) -> io::Result<Stack> {
    let mut pos = 0;
    poll_fn(|cx| {
        while pos < data.len() {
            let end = (pos + PIECE).min(data.len());
            let answer = Pin::new(&mut stack).poll_write(cx, &data[pos..end]);
            assert_bounded(&stack, matches!(bounds, Bounds::Reader(_)));
            if let Bounds::Reader(received) = &bounds {
                let ahead = stack
                    .total_in()
                    .saturating_sub(received.load(Ordering::SeqCst));
                let bound = (stack.capacity() + DEFAULT_CAPACITY + BUF_CAPACITY) as u64
                    + stack.get_ref().get_ref().capacity() as u64
                    + DEFLATE_SLACK
                    + KERNEL_SLACK;
                assert!(
                    ahead <= bound,
                    "the stack took {ahead} bytes more than the reader has read (bound {bound})"
                );
            }
            match answer {
                Poll::Ready(Ok(n)) => pos += n,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    })
    .await?;
    stack.shutdown().await?;
    Ok(stack)
}

fn slow_reader_gets_every_byte_of_several_mib_while_buffers_stay_bounded(flavor: Flavor) {
    let progress = Arc::new(AtomicU64::new(0));
    let reader_progress = Arc::clone(&progress);
    runtime(flavor).block_on(timed("the slow reader test", async move {
        let (listener, addr) = listen();
        let reader = tokio1::spawn(async move {
            let (mut peer, _) = listener.accept().await?;
            // Start late and read in small steps, pausing, so the socket pushes back.
            tokio1::time::sleep(Duration::from_millis(50)).await;
            let mut received = Vec::new();
            let mut piece = vec![0u8; 16 * 1024];
            loop {
                match peer.read(&mut piece).await? {
                    0 => return io::Result::Ok(received),
                    n => received.extend_from_slice(&piece[..n]),
                }
                reader_progress.store(received.len() as u64, Ordering::SeqCst);
                tokio1::time::sleep(Duration::from_millis(1)).await;
            }
        });
        let socket = Counting::new(connect(addr).await);
        // Incompressible, so compressed bytes track input bytes and pressure reaches
        // the application.
        let data = payload(PayloadKind::Random, 41, 4 * 1024 * 1024);
        // The writer is a task of its own (on the multi-thread runtime it moves).
        let writer = tokio1::spawn(write_pieces(
            stack(socket),
            data.clone(),
            Bounds::Reader(progress),
        ));
        let stack = writer
            .await
            .expect("writer task")
            .expect("the stack writes and shuts down");
        let received = reader.await.expect("reader task").expect("reader");

        let transport = transport(&stack);
        assert!(transport.pending > 0, "the socket never pushed back");
        assert_eq!(transport.bytes, received.len() as u64, "sent vs received");
        assert_eq!(transport.closes, 1, "closes");
        assert!(
            reference::decode_stack(&received).expect("decodes") == data,
            "decoded data differs"
        );
    }));
}

fn peer_closing_early_is_an_error_not_a_panic_or_hang(flavor: Flavor) {
    runtime(flavor).block_on(timed("the closed peer test", async move {
        let (listener, addr) = listen();
        let closer = tokio1::spawn(async move {
            let (mut peer, _) = listener.accept().await.expect("accept");
            let mut piece = [0u8; 1024];
            let _ = peer.read(&mut piece).await;
            // Dropped with unread data: the kernel answers with a reset.
        });
        let mut stack = stack(Counting::new(connect(addr).await));
        let data = payload(PayloadKind::Random, 42, 1024 * 1024);
        let writing = async {
            // 8 MiB at most: far beyond both socket buffers, so the error must surface.
            for _ in 0..8 {
                for piece in data.chunks(PIECE) {
                    stack.write_all(piece).await?;
                }
            }
            stack.shutdown().await
        };
        let error = writing
            .await
            .expect_err("writing to a closed peer succeeded");
        closer.await.expect("closer task");
        let broken = |error: &io::Error| {
            matches!(
                error.kind(),
                io::ErrorKind::BrokenPipe
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
            )
        };
        assert!(broken(&error), "unexpected error: {error:?}");
        // The stack stays usable as a value: more writes and shutdown answer errors too.
        let again = stack.write_all(&data[..PIECE]).await;
        assert!(again.is_err(), "a write after the error succeeded");
        let shut = stack
            .shutdown()
            .await
            .expect_err("shutdown after the error");
        assert!(broken(&shut), "unexpected shutdown error: {shut:?}");
        assert_eq!(transport(&stack).closes, 0, "the socket was shut down");
    }));
}

fn peer_sees_eof_right_after_the_last_tail_byte(flavor: Flavor) {
    runtime(flavor).block_on(timed("the EOF test", async move {
        let (listener, addr) = listen();
        let reader = tokio1::spawn(async move {
            let (mut peer, _) = listener.accept().await?;
            let mut received = Vec::new();
            // read_to_end returns only at EOF; a missing FIN ends in the timeout.
            peer.read_to_end(&mut received).await?;
            io::Result::Ok(received)
        });
        let data = payload(PayloadKind::Text, 43, 1024 * 1024);
        let stack = stack(Counting::new(connect(addr).await));
        let stack = write_pieces(stack, data.clone(), Bounds::Layers)
            .await
            .expect("the stack writes and shuts down");
        // The stack (and its socket) is still alive: the FIN came from poll_shutdown.
        let received = reader
            .await
            .expect("reader task")
            .expect("the peer reached EOF");
        let transport = transport(&stack);
        assert_eq!(transport.bytes, received.len() as u64, "sent vs received");
        assert_eq!(transport.closes, 1);
        // Both refuse bytes after the gzip trailer: EOF came right after it.
        assert!(
            reference::decode_stack(&received).expect("decode_stack") == data,
            "decoded data differs"
        );
        let inner = async_decode(Format::Gzip, &received)
            .await
            .expect("async-compression");
        let framed = reference::strip_crc(&inner).expect("crc");
        assert!(reference::unframe_chunked(&framed).expect("frames") == data);
        drop(stack);
    }));
}

/// How each stream of a keep-alive connection ends.
#[derive(Clone, Copy, Debug)]
enum Ending {
    /// `finish().await` on each layer, top down, then `into_inner()`.
    FinishEachLayer,
    /// `KeepOpen` at the bottom and `tokio::StackExt::end`: one call.
    OneCall,
}

fn keep_alive_carries_several_gzip_members_ended_by_finish_and_into_inner(flavor: Flavor) {
    keep_alive(flavor, Ending::FinishEachLayer);
}

fn keep_alive_carries_several_stacks_each_ended_in_one_call_over_keep_open(flavor: Flavor) {
    keep_alive(flavor, Ending::OneCall);
}

fn keep_alive(flavor: Flavor, ending: Ending) {
    let bodies = vec![
        payload(PayloadKind::Text, 44, 300 * 1024),
        Vec::new(),
        payload(PayloadKind::Random, 45, 1024 * 1024),
        payload(PayloadKind::Text, 46, 7),
    ];
    let expected = bodies.clone();
    runtime(flavor).block_on(timed("the keep-alive test", async move {
        let (listener, addr) = listen();
        let peer = tokio1::spawn(async move {
            let (mut peer, _) = listener.accept().await?;
            let (read_half, mut write_half) = peer.split();
            let mut reader = BufReader::new(read_half);
            let mut bodies = Vec::new();
            for i in 0..expected.len() {
                // One member, decoded up to its trailer while the connection stays
                // open: finish() must have pushed all of it out of every layer.
                let member = read_one_member(&mut reader).await?;
                let framed = reference::strip_crc(&member).map_err(io::Error::other)?;
                bodies.push(reference::unframe_chunked(&framed).map_err(io::Error::other)?);
                write_half
                    .write_all(&[u8::try_from(i).expect("fewer than 256 members")])
                    .await?;
            }
            // Then EOF, and nothing before it.
            let mut rest = Vec::new();
            reader.read_to_end(&mut rest).await?;
            io::Result::Ok((bodies, rest))
        });

        let mut transport = Counting::new(connect(addr).await);
        let mut boundaries = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            transport = match ending {
                Ending::FinishEachLayer => {
                    let mut stack = stack(transport);
                    for piece in body.chunks(PIECE) {
                        stack.write_all(piece).await.expect("write");
                    }
                    finish_each_layer(stack).await.expect("finish")
                }
                Ending::OneCall => {
                    let mut stack = stack_over(KeepOpen::new(transport));
                    for piece in body.chunks(PIECE) {
                        stack.write_all(piece).await.expect("write");
                    }
                    writestack::tokio::StackExt::end(stack).await.expect("end")
                }
            };
            assert_eq!(transport.closes, 0, "finish shut the socket down");
            boundaries.push(transport.bytes);
            // The answer comes only once the peer has the whole member.
            let mut answer = [0u8; 1];
            transport
                .inner
                .read_exact(&mut answer)
                .await
                .expect("answer");
            assert_eq!(usize::from(answer[0]), i);
        }
        transport.shutdown().await.expect("shutdown");
        let (received, rest) = peer.await.expect("peer task").expect("peer");
        assert!(received == bodies, "a body differs");
        assert!(
            rest.is_empty(),
            "{} bytes after the last member",
            rest.len()
        );
        assert!(
            boundaries.windows(2).all(|w| w[0] < w[1]),
            "a member added nothing: {boundaries:?}"
        );
    }));
}
