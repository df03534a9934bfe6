//! A `TcpStream` whose `shutdown` really half-closes the connection.

use std::fmt;
use std::io::{self, Write};
use std::net::Shutdown;

use bytes::Buf;
use futures::{Async, Poll};
use tokio_io::AsyncWrite;
use tokio_tcp::TcpStream;

/// A tokio 0.1 `TcpStream` whose `AsyncWrite::shutdown` sends FIN.
///
/// tokio 0.1's own `TcpStream::shutdown` (the `AsyncWrite` method) does nothing: the peer
/// sees end-of-stream only when the socket is dropped. A writestack stack forwards
/// `shutdown` down to the transport so the peer learns, right after the last tail byte,
/// that the stream is complete; put `HalfClose` at the bottom of the stack to make that
/// last step real. Reading the reply is still possible through
/// [`get_ref`](HalfClose::get_ref).
///
/// `write`, `write_buf` (vectored `writev`) and `flush` are the socket's own.
///
/// # Errors
///
/// `shutdown` returns the error of `shutdown(2)`; writes return the socket's errors.
///
/// # Examples
///
/// ```
/// use futures::Future;
/// use tokio_tcp::{TcpListener, TcpStream};
/// use writestack_core::tcp::HalfClose;
///
/// let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
/// let addr = listener.local_addr().unwrap();
/// let stream = TcpStream::connect(&addr).wait().unwrap();
/// let transport = HalfClose::new(stream);
/// let transport = tokio_io::io::write_all(transport, b"bye").wait().unwrap().0;
/// let _transport = tokio_io::io::shutdown(transport).wait().unwrap();
///
/// let (mut peer, _) = listener.accept().unwrap();
/// let mut received = Vec::new();
/// std::io::Read::read_to_end(&mut peer, &mut received).unwrap(); // EOF arrives
/// assert_eq!(received, b"bye");
/// # let _ = TcpListener::bind(&addr);
/// ```
pub struct HalfClose {
    stream: TcpStream,
    closed: bool,
}

impl HalfClose {
    /// Wraps a connected stream.
    pub fn new(stream: TcpStream) -> HalfClose {
        HalfClose {
            stream,
            closed: false,
        }
    }

    /// The stream.
    pub fn get_ref(&self) -> &TcpStream {
        &self.stream
    }

    /// The stream, mutably.
    pub fn get_mut(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    /// Gives the stream back.
    pub fn into_inner(self) -> TcpStream {
        self.stream
    }
}

impl fmt::Debug for HalfClose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HalfClose")
            .field("stream", &self.stream)
            .field("closed", &self.closed)
            .finish()
    }
}

impl Write for HalfClose {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

impl AsyncWrite for HalfClose {
    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        self.stream.write_buf(buf)
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        if !self.closed {
            match self.stream.shutdown(Shutdown::Write) {
                Ok(()) => {}
                // The peer already closed: there is nobody left to tell.
                Err(error) if error.kind() == io::ErrorKind::NotConnected => {}
                Err(error) => return Err(error),
            }
            self.closed = true;
        }
        Ok(Async::Ready(()))
    }
}
