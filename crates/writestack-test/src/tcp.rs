//! Loopback TCP for tests that need a real socket: one listener on 127.0.0.1 (any free
//! port), one connection, a peer that reads what arrives, and a transport wrapper that
//! counts what the socket took and how often it pushed back.
//!
//! A real socket is the only inner writer whose `WouldBlock`s come from the kernel, not
//! from a schedule we wrote; small send buffers make them frequent. Receive buffers are
//! best left alone: a tiny receive window on loopback stalls on delayed ACKs (a few
//! hundred KB/s), which tests the kernel, not us.
//!
//! Two peers: [`serve_one`] reads as a task of a tokio runtime (the writer's future runs
//! on the same runtime), [`spawn_peer`] on a thread of its own with blocking reads (so
//! it can read slowly, or stop early, whatever the runtime does).

use std::io;
use std::net::{SocketAddr, TcpListener as StdTcpListener, TcpStream as StdTcpStream};
use std::thread::{self, JoinHandle};

use bytes::Buf;
use futures::sync::oneshot::{self, SpawnHandle};
use futures::{Async, Future, IntoFuture, Poll, Stream};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio_io::AsyncWrite;

/// Socket options for one end of a test connection; the default changes nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tuning {
    /// `SO_SNDBUF`: small, so the writer meets `WouldBlock` often.
    pub send_buffer: Option<usize>,
    /// `SO_RCVBUF`: small, so the reader's window pushes back (see the module doc).
    pub recv_buffer: Option<usize>,
    /// `TCP_NODELAY`: without it small segments wait for delayed ACKs and tests crawl.
    pub nodelay: bool,
}

impl Tuning {
    /// Sets the options on `socket`.
    ///
    /// # Errors
    ///
    /// The first option the operating system refuses: its setter's error.
    pub fn apply(&self, socket: &TcpStream) -> io::Result<()> {
        if let Some(size) = self.send_buffer {
            socket.set_send_buffer_size(size)?;
        }
        if let Some(size) = self.recv_buffer {
            socket.set_recv_buffer_size(size)?;
        }
        if self.nodelay {
            socket.set_nodelay(true)?;
        }
        Ok(())
    }
}

fn any_port() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// Listens on 127.0.0.1 (a free port) and runs `read` on the first connection, tuned
/// with `tuning`, as a task of `runtime`; returns the address to connect to and a handle
/// that resolves to what `read` gave.
///
/// # Panics
///
/// When no port can be bound.
pub fn serve_one<F, R>(
    runtime: &Runtime,
    tuning: Tuning,
    read: F,
) -> (SocketAddr, SpawnHandle<R::Item, io::Error>)
where
    F: FnOnce(TcpStream) -> R + Send + 'static,
    R: IntoFuture<Error = io::Error> + 'static,
    R::Future: Send + 'static,
    R::Item: Send + 'static,
{
    let listener = TcpListener::bind(&any_port()).expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    let reader = listener
        .incoming()
        .into_future()
        .map_err(|(error, _)| error)
        .and_then(move |(socket, _)| {
            let socket = socket.expect("one connection");
            tuning.apply(&socket).map(|()| socket)
        })
        .and_then(read);
    (addr, oneshot::spawn(reader, &runtime.executor()))
}

/// Reads `socket` to EOF: everything the writer sent, once its FIN arrived.
pub fn read_to_eof(socket: TcpStream) -> impl Future<Item = Vec<u8>, Error = io::Error> + Send {
    tokio_io::io::read_to_end(socket, Vec::new()).map(|(_, received)| received)
}

/// Connects to `addr` and tunes the socket.
pub fn connect(
    addr: &SocketAddr,
    tuning: Tuning,
) -> impl Future<Item = TcpStream, Error = io::Error> + Send {
    TcpStream::connect(addr).and_then(move |socket| tuning.apply(&socket).map(|()| socket))
}

/// A blocking listener on 127.0.0.1 (a free port) and its address, for [`spawn_peer`].
///
/// # Panics
///
/// When no port can be bound.
pub fn listen() -> (StdTcpListener, SocketAddr) {
    let listener = StdTcpListener::bind(any_port()).expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    (listener, addr)
}

/// Accepts one connection on `listener` (blocking until a client connects, so connect
/// first) and runs `peer` on it on a new thread.
///
/// # Panics
///
/// When `accept` fails.
pub fn spawn_peer<T, F>(listener: &StdTcpListener, peer: F) -> JoinHandle<T>
where
    F: FnOnce(StdTcpStream) -> T + Send + 'static,
    T: Send + 'static,
{
    let (socket, _) = listener.accept().expect("accept");
    thread::spawn(move || peer(socket))
}

/// A transport that counts what the writer below it took: bytes, the write calls that
/// took some, and the times it answered `WouldBlock` (backpressure reached the layer).
#[derive(Debug)]
pub struct Counting<W> {
    /// The transport.
    pub inner: W,
    /// Bytes the transport took.
    pub bytes: u64,
    /// Write calls that took at least one byte.
    pub writes: u64,
    /// `WouldBlock` / `NotReady` answers.
    pub not_ready: u64,
}

impl<W> Counting<W> {
    /// Wraps `inner` with every count at zero.
    pub fn new(inner: W) -> Counting<W> {
        Counting {
            inner,
            bytes: 0,
            writes: 0,
            not_ready: 0,
        }
    }

    fn count(&mut self, answer: &io::Result<usize>) {
        match answer {
            Ok(n) if *n > 0 => {
                self.bytes += *n as u64;
                self.writes += 1;
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => self.not_ready += 1,
            _ => {}
        }
    }
}

impl<W: io::Write> io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let answer = self.inner.write(buf);
        self.count(&answer);
        answer
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: AsyncWrite> AsyncWrite for Counting<W> {
    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        let answer = match self.inner.write_buf(buf) {
            Ok(Async::Ready(n)) => Ok(n),
            Ok(Async::NotReady) => Err(io::ErrorKind::WouldBlock.into()),
            Err(error) => Err(error),
        };
        self.count(&answer);
        match answer {
            Ok(n) => Ok(Async::Ready(n)),
            Err(ref error) if error.kind() == io::ErrorKind::WouldBlock => Ok(Async::NotReady),
            Err(error) => Err(error),
        }
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        self.inner.shutdown()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    #[test]
    fn a_served_connection_is_read_to_eof() {
        let mut runtime = Runtime::new().unwrap();
        let (addr, received) = serve_one(&runtime, Tuning::default(), read_to_eof);
        let tuning = Tuning {
            nodelay: true,
            ..Tuning::default()
        };
        let sent = connect(&addr, tuning)
            .and_then(|socket| tokio_io::io::write_all(socket, b"over loopback"))
            .and_then(|(socket, _)| socket.shutdown(std::net::Shutdown::Write));
        runtime.block_on(sent).unwrap();
        assert_eq!(runtime.block_on(received).unwrap(), b"over loopback");
        runtime.shutdown_now().wait().unwrap();
    }

    #[test]
    fn a_peer_thread_counts_what_a_counting_transport_sent() {
        let (listener, addr) = listen();
        let mut client = Counting::new(StdTcpStream::connect(addr).unwrap());
        let peer = spawn_peer(&listener, |mut socket| {
            let mut received = Vec::new();
            socket.read_to_end(&mut received).map(|_| received)
        });
        client.write_all(b"twelve bytes").unwrap();
        client.inner.shutdown(std::net::Shutdown::Write).unwrap();
        assert_eq!(peer.join().unwrap().unwrap(), b"twelve bytes");
        assert_eq!(client.bytes, 12);
        assert!(client.writes >= 1);
    }
}
