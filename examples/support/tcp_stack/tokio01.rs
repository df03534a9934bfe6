//! The job on tokio 0.1 (the default): the layers as `tokio_io::AsyncWrite` writers over
//! `HalfClose(TcpStream)`, ended by `tokio_io::io::shutdown` (the `HalfClose` at the
//! bottom sends FIN once every tail is out, since tokio 0.1's own `shutdown` does not).

use std::io;
use std::net::SocketAddr;
use std::time::Instant;

use futures::sync::oneshot;
use futures::{try_ready, Async, Future, Poll, Stream};
use tokio::net::{TcpListener, TcpStream};
use tokio_io::AsyncWrite;
use writestack::prelude::*;
use writestack::tcp::HalfClose;

use super::receive::{frame_reader, nothing_more, Received, Recorded, Tee};
use super::{frame_layer, Progress, Row, Rows, Sent, Spec, WRITE_CHUNK};

/// Listens on `addr`, sends `payload` through the stack `spec` describes to itself, and
/// reads it back to EOF.
pub(crate) fn run(addr: SocketAddr, spec: Spec, payload: Vec<u8>) -> io::Result<Sent> {
    let mut rt = tokio::runtime::Runtime::new()?;
    let listener = TcpListener::bind(&addr)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
    let addr = listener.local_addr()?;
    println!("listening on {addr}");

    // The receiver runs as its own task so reading overlaps sending.
    let receiver = listener
        .incoming()
        .into_future()
        .map_err(|(e, _)| e)
        .and_then(|(socket, _)| socket.ok_or_else(|| io::Error::other("listener closed")))
        .and_then(move |socket| {
            let started = Instant::now();
            receive(socket, spec).map(move |received| (received, started.elapsed()))
        });
    let received = oneshot::spawn(receiver, &rt.executor());

    let started = Instant::now();
    let connect = TcpStream::connect(&addr).map(HalfClose::new);
    let frame_size = spec.frame_size;
    let (rows, payload) = match spec.gzip {
        Some(level) => rt.block_on(
            connect
                .and_then(move |t| frame_layer(t.buffered().gzip(level).crc32(), frame_size))
                .and_then(|stack| send(stack, payload)),
        )?,
        None => rt.block_on(
            connect
                .and_then(move |t| frame_layer(t.buffered().crc32(), frame_size))
                .and_then(|stack| send(stack, payload)),
        )?,
    };
    let send_time = started.elapsed();
    let (Received { wire, decoded }, receive_time) = rt.block_on(received)?;
    // Nothing else is running; don't wait for idle worker threads.
    drop(rt.shutdown_now());
    Ok(Sent {
        rows,
        wire,
        decoded,
        payload,
        send_time,
        receive_time,
    })
}

type Receiving = Box<dyn Future<Item = Received, Error = io::Error> + Send>;

/// Reads the socket through our readers to the end of every layer, then to EOF, keeping
/// the raw bytes; a reader's error is reported, not returned, so the cross-checks still
/// run on what arrived.
fn receive(socket: TcpStream, spec: Spec) -> Receiving {
    let recorded = Recorded::default();
    let tee = Tee::new(socket, recorded.clone());
    let decoded: Box<dyn Future<Item = (Vec<u8>, Tee<TcpStream>), Error = io::Error> + Send> =
        match spec.gzip {
            Some(_) => Box::new(unstack(tee.gunzip(), spec.frame_size).and_then(
                |(payload, gzip)| {
                    tokio_io::io::read_to_end(gzip, Vec::new()).and_then(|(gzip, extra)| {
                        let (tee, leftover) = gzip.into_parts();
                        nothing_more("GzipReader", &extra, &leftover).map(|()| (payload, tee))
                    })
                },
            )),
            None => Box::new(unstack(tee, spec.frame_size)),
        };
    Box::new(
        decoded
            .and_then(|(payload, tee)| {
                tokio_io::io::read_to_end(tee, Vec::new()).and_then(|(_, extra)| {
                    nothing_more("TcpStream", &extra, &bytes::Bytes::new()).map(|()| payload)
                })
            })
            .then(move |decoded| {
                Ok(Received {
                    wire: recorded.take(),
                    decoded: decoded.map_err(|e| e.to_string()),
                })
            }),
    )
}

/// Reads the frames' payload to the end marker, then the CRC layer to its checked trailer;
/// yields the payload and the reader below the CRC layer.
fn unstack<L>(below: L, frame_size: usize) -> impl Future<Item = (Vec<u8>, L), Error = io::Error>
where
    L: tokio_io::AsyncRead,
{
    futures::future::result(frame_reader(below.verify_crc32(), frame_size))
        .and_then(|frames| tokio_io::io::read_to_end(frames, Vec::new()))
        .and_then(|(frames, payload)| {
            let (crc, leftover) = frames.into_parts();
            nothing_more("FrameReader", &[], &leftover)?;
            Ok((crc, payload))
        })
        .and_then(|(crc, payload)| {
            tokio_io::io::read_to_end(crc, Vec::new()).and_then(move |(crc, extra)| {
                let (below, leftover) = crc.into_parts();
                nothing_more("Crc32Reader", &extra, &leftover).map(|()| (payload, below))
            })
        })
}

/// Sends through `stack` and shuts it down from the top; yields its rows and the payload.
fn send<S>(stack: S, payload: Vec<u8>) -> impl Future<Item = (Vec<Row>, Vec<u8>), Error = io::Error>
where
    S: AsyncWrite + Rows,
{
    let progress = Progress::new(payload.len());
    Pump {
        stack: Some(stack),
        payload,
        pos: 0,
        progress,
    }
    .and_then(|(stack, payload)| tokio_io::io::shutdown(stack).map(|stack| (stack.rows(), payload)))
}

/// Writes the payload into `stack` in `WRITE_CHUNK` pieces, then yields both back.
struct Pump<S> {
    stack: Option<S>,
    payload: Vec<u8>,
    pos: usize,
    progress: Progress,
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
            self.progress.advance(n);
        }
        self.progress.done();
        let stack = self.stack.take().expect("checked above");
        Ok(Async::Ready((stack, std::mem::take(&mut self.payload))))
    }
}
