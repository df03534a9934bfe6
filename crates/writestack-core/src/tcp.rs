//! A socket whose `shutdown` really half-closes the connection.

use std::fmt;
use std::io::{self, Write};
use std::net::Shutdown;
#[cfg(unix)]
use std::os::unix::io::AsRawFd as AsSocket;
#[cfg(windows)]
use std::os::windows::io::AsRawSocket as AsSocket;

use bytes::Buf;
use futures::{try_ready, Async, Poll};
use socket2::SockRef;
use tokio_io::AsyncWrite;

/// A tokio 0.1 `TcpStream` (or any connected stream socket) whose `AsyncWrite::shutdown`
/// sends FIN.
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
/// use tokio_tcp::TcpStream;
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
/// ```
pub struct HalfClose<S> {
    stream: S,
    closed: bool,
}

impl<S> HalfClose<S> {
    /// Wraps a connected stream socket. `S` must really be a socket (a tokio
    /// `TcpStream` or `UnixStream`): its descriptor is passed to `shutdown(2)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::Future;
    /// use writestack_core::tcp::HalfClose;
    ///
    /// let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    /// let addr = listener.local_addr().unwrap();
    /// let stream = tokio_tcp::TcpStream::connect(&addr).wait().unwrap();
    /// let transport = HalfClose::new(stream);
    /// assert_eq!(transport.get_ref().peer_addr().unwrap(), addr);
    /// ```
    pub fn new(stream: S) -> HalfClose<S> {
        HalfClose {
            stream,
            closed: false,
        }
    }

    /// The stream (for reading the reply, or socket options).
    pub fn get_ref(&self) -> &S {
        &self.stream
    }

    /// The stream, mutably. Writing to it directly is fine: `HalfClose` holds no bytes.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.stream
    }

    /// Gives the stream back.
    pub fn into_inner(self) -> S {
        self.stream
    }
}

impl<S: fmt::Debug> fmt::Debug for HalfClose<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HalfClose")
            .field("stream", &self.stream)
            .field("closed", &self.closed)
            .finish()
    }
}

impl<S: Write> Write for HalfClose<S> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

impl<S: AsyncWrite + AsSocket> AsyncWrite for HalfClose<S> {
    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        self.stream.write_buf(buf)
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        if !self.closed {
            match SockRef::from(&self.stream).shutdown(Shutdown::Write) {
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

/// The closing bottom of a [`Stack`](crate::Stack): ending the stack (see
/// [`End`](crate::End)) flushes the socket and shuts it down for writing, so the peer
/// reads EOF after the last tail.
impl<S> crate::Stack for HalfClose<S> {
    type Transport = S;

    fn into_transport(self) -> S {
        self.stream
    }
}

/// Ending flushes the socket, then shuts it down for writing.
impl<S: AsyncWrite + AsSocket> crate::End for HalfClose<S> {
    fn poll_end(&mut self) -> Poll<(), io::Error> {
        if !self.closed {
            try_ready!(self.stream.poll_flush());
        }
        AsyncWrite::shutdown(self)
    }
}
