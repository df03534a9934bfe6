//! GzipWriter over a real loopback socket with small kernel buffers, so the socket
//! answers `WouldBlock` in the middle of compressed output, sync flushes and the trailer.

mod common;

use std::io::{self, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::{stream, Async, Future, Poll, Stream};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio_io::AsyncWrite;
use writestack_flate::{Compression, GzipWriter};
use writestack_test::{payload, PayloadKind};

/// The socket, counting how often it answered `WouldBlock`.
struct Counting {
    socket: TcpStream,
    would_blocks: Arc<AtomicUsize>,
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.socket.write(buf);
        if matches!(&result, Err(error) if error.kind() == io::ErrorKind::WouldBlock) {
            self.would_blocks.fetch_add(1, Ordering::SeqCst);
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        self.socket.flush()
    }
}

impl AsyncWrite for Counting {
    fn shutdown(&mut self) -> Poll<(), io::Error> {
        // tokio 0.1's `AsyncWrite::shutdown` for `TcpStream` does nothing (the reader
        // would never see EOF while the stream lives); the inherent one sends the FIN.
        self.socket.shutdown(Shutdown::Write)?;
        Ok(Async::Ready(()))
    }
}

enum Step {
    Write(Vec<u8>),
    Flush,
}

type Boxed<T> = Box<dyn Future<Item = T, Error = io::Error> + Send>;

#[test]
fn a_member_sent_over_a_small_socket_with_flushes_decodes_with_gzip_dc() {
    let text = payload(PayloadKind::Text, 31, 3 * 1024 * 1024);
    let random = payload(PayloadKind::Random, 32, 256 * 1024);
    let data = [text, random].concat();
    // Writes from 1 byte to over 100 KB, a flush after every seventh.
    let mut steps = Vec::new();
    let mut pos = 0;
    let mut size = 1;
    while pos < data.len() {
        let end = (pos + size).min(data.len());
        steps.push(Step::Write(data[pos..end].to_vec()));
        if steps.len() % 7 == 0 {
            steps.push(Step::Flush);
        }
        pos = end;
        size = if size > 100_000 { 1 } else { size * 3 + 11 };
    }

    let mut runtime = Runtime::new().unwrap();
    let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let listener = TcpListener::bind(&addr).unwrap();
    let addr = listener.local_addr().unwrap();
    let reader = listener
        .incoming()
        .into_future()
        .map_err(|(error, _)| error)
        .and_then(|(socket, _)| {
            let socket = socket.expect("one connection");
            // Small buffers make the writer block often. (4 KiB would be slower still:
            // on loopback every window update then waits for a delayed ACK.)
            socket.set_recv_buffer_size(16 * 1024).unwrap();
            tokio::io::read_to_end(socket, Vec::new()).map(|(_, received)| received)
        });
    let reader = futures::sync::oneshot::spawn(reader, &runtime.executor());

    let would_blocks = Arc::new(AtomicUsize::new(0));
    let counter = would_blocks.clone();
    let writer = TcpStream::connect(&addr).and_then(move |socket| {
        socket.set_send_buffer_size(16 * 1024).unwrap();
        let socket = Counting {
            socket,
            would_blocks: counter,
        };
        let writer = GzipWriter::new(socket, Compression::fast());
        stream::iter_ok(steps)
            .fold(writer, |writer, step| -> Boxed<_> {
                match step {
                    Step::Write(bytes) => {
                        Box::new(tokio_io::io::write_all(writer, bytes).map(|(writer, _)| writer))
                    }
                    Step::Flush => Box::new(tokio_io::io::flush(writer)),
                }
            })
            .and_then(tokio_io::io::shutdown)
    });
    let writer = runtime.block_on(writer).unwrap();
    assert_eq!(writer.total_in(), data.len() as u64);
    assert!(
        would_blocks.load(Ordering::SeqCst) > 0,
        "the socket never blocked"
    );

    let received = runtime.block_on(reader).unwrap();
    assert_eq!(writer.total_out(), received.len() as u64);
    let decoded = common::gzip_dc(&received).unwrap();
    assert!(
        decoded == data,
        "gzip -dc: {} of {} bytes",
        decoded.len(),
        data.len()
    );
    runtime.shutdown_now().wait().unwrap();
}
