//! The job on tokio 1 (`--runtime tokio`, feature `tokio`; `--runtime futures-io`,
//! feature `futures-io`).
//!
//! One multi-thread tokio 1 runtime runs the receiver as a task and the sender on the
//! calling thread, as the tokio 0.1 job does. The sender's transport is tokio 1's
//! `TcpStream`, whose `poll_shutdown` sends FIN itself, so no `HalfClose` is needed:
//! * `tokio`: the layers are `tokio::io::AsyncWrite` writers over the stream, written
//!   with `write_all` and ended with `shutdown` (`AsyncWriteExt`);
//! * `futures-io`: the layers are `futures_io::AsyncWrite` writers over
//!   `stream.compat_write()` (tokio-util), written with `write_all` and ended with
//!   `close` (futures' `AsyncWriteExt`); compat's `poll_close` is the stream's
//!   `poll_shutdown`.
//!
//! The receiver reads through the same runtime's reader traits: our readers as
//! `tokio::io::AsyncRead` over the stream, or as `futures_io::AsyncRead` over
//! `stream.compat()`.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio1::net::{TcpListener, TcpStream};

use writestack::prelude::*;

use super::receive::{frame_reader, nothing_more, Received, Recorded, Tee};
use super::{frame_layer, Progress, Row, Rows, Sent, Spec, WRITE_CHUNK};

/// The job with tokio 1's writer trait.
#[cfg(feature = "tokio")]
pub(crate) fn run_tokio(addr: SocketAddr, spec: Spec, payload: Vec<u8>) -> io::Result<Sent> {
    run(addr, spec, ReadTraits::Tokio, move |socket| async move {
        match spec.gzip {
            Some(level) => {
                let stack = frame_layer(socket.buffered().gzip(level).crc32(), spec.frame_size)?;
                send_tokio(stack, payload).await
            }
            None => {
                send_tokio(
                    frame_layer(socket.buffered().crc32(), spec.frame_size)?,
                    payload,
                )
                .await
            }
        }
    })
}

/// The job with futures-io's writer trait, over tokio-util's compat layer.
#[cfg(feature = "futures-io")]
pub(crate) fn run_futures_io(addr: SocketAddr, spec: Spec, payload: Vec<u8>) -> io::Result<Sent> {
    use tokio_util::compat::TokioAsyncWriteCompatExt;

    run(
        addr,
        spec,
        ReadTraits::FuturesIo,
        move |socket| async move {
            let socket = socket.compat_write();
            match spec.gzip {
                Some(level) => {
                    let stack =
                        frame_layer(socket.buffered().gzip(level).crc32(), spec.frame_size)?;
                    send_futures_io(stack, payload).await
                }
                None => {
                    send_futures_io(
                        frame_layer(socket.buffered().crc32(), spec.frame_size)?,
                        payload,
                    )
                    .await
                }
            }
        },
    )
}

/// Listens on `addr`, spawns the receiver (reading through `traits`), connects, and
/// hands the stream to `sender`, which builds the stack, sends `payload` and shuts the
/// stack down.
fn run<F, S>(addr: SocketAddr, spec: Spec, traits: ReadTraits, sender: S) -> io::Result<Sent>
where
    S: FnOnce(TcpStream) -> F,
    F: Future<Output = io::Result<(Vec<Row>, Vec<u8>)>>,
{
    let rt = tokio1::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()?;
    let listener = rt
        .block_on(TcpListener::bind(addr))
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
    let addr = listener.local_addr()?;
    println!("listening on {addr}");

    // The receiver runs as its own task so reading overlaps sending.
    let received = rt.spawn(receive(listener, spec, traits));

    let started = Instant::now();
    let (rows, payload) = rt.block_on(async {
        let socket = TcpStream::connect(addr).await?;
        sender(socket).await
    })?;
    let send_time = started.elapsed();
    let (Received { wire, decoded }, receive_time) =
        rt.block_on(received).map_err(io::Error::other)??;
    // Nothing else is running; don't wait for idle worker threads.
    rt.shutdown_background();
    Ok(Sent {
        rows,
        wire,
        decoded,
        payload,
        send_time,
        receive_time,
    })
}

/// Which reader traits the receiver reads our readers through: the runtime's own.
#[derive(Clone, Copy, Debug)]
enum ReadTraits {
    #[cfg(feature = "tokio")]
    Tokio,
    #[cfg(feature = "futures-io")]
    FuturesIo,
}

/// Accepts one connection and reads it through our readers to the end of every layer,
/// then to EOF, keeping the raw bytes for the cross-checks (see `receive.rs`). A
/// reader's error is reported, not returned, so the cross-checks still run.
async fn receive(
    listener: TcpListener,
    spec: Spec,
    traits: ReadTraits,
) -> io::Result<(Received, Duration)> {
    let (socket, _) = listener.accept().await?;
    let started = Instant::now();
    let recorded = Recorded::default();
    let decoded = match traits {
        #[cfg(feature = "tokio")]
        ReadTraits::Tokio => decode_tokio(Tee::new(socket, recorded.clone()), spec).await,
        #[cfg(feature = "futures-io")]
        ReadTraits::FuturesIo => {
            use tokio_util::compat::TokioAsyncReadCompatExt;
            decode_futures_io(Tee::new(socket.compat(), recorded.clone()), spec).await
        }
    };
    let received = Received {
        wire: recorded.take(),
        decoded: decoded.map_err(|e| e.to_string()),
    };
    Ok((received, started.elapsed()))
}

/// Writes, for one family of reader traits, `$decode` (the payload, once every layer
/// ended and the socket reached EOF) and `$unstack` (the frames' payload to the end
/// marker, then the CRC layer to its checked trailer; gives back the reader below it).
macro_rules! decoder {
    ($decode:ident, $unstack:ident, $read:path, $ext:path) => {
        async fn $decode<R: $read + Unpin>(tee: Tee<R>, spec: Spec) -> io::Result<Vec<u8>> {
            use $ext as _;
            let (payload, mut tee) = match spec.gzip {
                Some(_) => {
                    let (payload, mut gzip) = $unstack(tee.gunzip(), spec.frame_size).await?;
                    let mut extra = Vec::new();
                    gzip.read_to_end(&mut extra).await?;
                    let (tee, leftover) = gzip.into_parts();
                    nothing_more("GzipReader", &extra, &leftover)?;
                    (payload, tee)
                }
                None => $unstack(tee, spec.frame_size).await?,
            };
            let mut extra = Vec::new();
            tee.read_to_end(&mut extra).await?;
            nothing_more("TcpStream", &extra, &bytes::Bytes::new())?;
            Ok(payload)
        }

        async fn $unstack<L: $read + Unpin>(
            below: L,
            frame_size: usize,
        ) -> io::Result<(Vec<u8>, L)> {
            use $ext as _;
            let mut frames = frame_reader(below.verify_crc32(), frame_size)?;
            let mut payload = Vec::new();
            frames.read_to_end(&mut payload).await?;
            let (mut crc, leftover) = frames.into_parts();
            nothing_more("FrameReader", &[], &leftover)?;
            let mut extra = Vec::new();
            crc.read_to_end(&mut extra).await?;
            let (below, leftover) = crc.into_parts();
            nothing_more("Crc32Reader", &extra, &leftover)?;
            Ok((payload, below))
        }
    };
}

#[cfg(feature = "tokio")]
decoder!(
    decode_tokio,
    unstack_tokio,
    tokio1::io::AsyncRead,
    tokio1::io::AsyncReadExt
);
#[cfg(feature = "futures-io")]
decoder!(
    decode_futures_io,
    unstack_futures_io,
    futures03::io::AsyncRead,
    futures03::io::AsyncReadExt
);

/// Sends through a tokio 1 `stack`, then shuts it down from the top.
#[cfg(feature = "tokio")]
async fn send_tokio<S>(mut stack: S, payload: Vec<u8>) -> io::Result<(Vec<Row>, Vec<u8>)>
where
    S: tokio1::io::AsyncWrite + Unpin + Rows,
{
    use tokio1::io::AsyncWriteExt;

    let mut progress = Progress::new(payload.len());
    for chunk in payload.chunks(WRITE_CHUNK) {
        stack.write_all(chunk).await?;
        progress.advance(chunk.len());
    }
    progress.done();
    stack.shutdown().await?;
    Ok((stack.rows(), payload))
}

/// Sends through a futures-io `stack`, then closes it from the top.
#[cfg(feature = "futures-io")]
async fn send_futures_io<S>(mut stack: S, payload: Vec<u8>) -> io::Result<(Vec<Row>, Vec<u8>)>
where
    S: futures03::io::AsyncWrite + Unpin + Rows,
{
    use futures03::io::AsyncWriteExt;

    let mut progress = Progress::new(payload.len());
    for chunk in payload.chunks(WRITE_CHUNK) {
        stack.write_all(chunk).await?;
        progress.advance(chunk.len());
    }
    progress.done();
    stack.close().await?;
    Ok((stack.rows(), payload))
}
