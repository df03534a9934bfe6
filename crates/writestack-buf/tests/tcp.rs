//! BufWriter over a real loopback socket with small kernel buffers.

use std::net::SocketAddr;

use futures::{stream, Future, Stream};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use writestack_buf::BufWriter;
use writestack_core::tcp::HalfClose;
use writestack_test::{payload, PayloadKind};

const TOTAL: usize = 64 * 1024 * 1024;

#[test]
fn moves_64_mib_through_a_small_socket_and_the_reader_sees_eof_after_the_last_byte() {
    let data = payload(PayloadKind::Random, 42, TOTAL);
    // Chunk sizes cycle from tiny (buffered) to larger than the capacity (direct).
    let mut chunks = Vec::new();
    let mut pos = 0;
    let mut size = 1;
    while pos < data.len() {
        let end = (pos + size).min(data.len());
        chunks.push(data[pos..end].to_vec());
        pos = end;
        size = if size > 40_000 { 1 } else { size * 3 + 7 };
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
            tokio::io::read_to_end(socket, Vec::new()).map(|(_, received)| received)
        });
    let reader = futures::sync::oneshot::spawn(reader, &runtime.executor());

    let writer = TcpStream::connect(&addr).and_then(move |socket| {
        // A small send buffer so the writer meets WouldBlock often. The receive side keeps
        // its default: a tiny receive window on loopback stalls on delayed ACKs (a few
        // hundred KB/s), which tests the kernel, not us.
        socket.set_send_buffer_size(16 * 1024).unwrap();
        socket.set_nodelay(true).unwrap();
        let writer = BufWriter::with_capacity(8 * 1024, HalfClose::new(socket));
        stream::iter_ok(chunks)
            .fold(writer, |writer, chunk| {
                tokio_io::io::write_all(writer, chunk).map(|(writer, _)| writer)
            })
            .and_then(|writer| {
                let total_in = writer.total_in();
                tokio_io::io::shutdown(writer).map(move |writer| (writer, total_in))
            })
    });
    let (writer, total_in) = runtime.block_on(writer).unwrap();
    assert_eq!(total_in, TOTAL as u64);
    assert_eq!(writer.total_out(), TOTAL as u64);

    let received = runtime.block_on(reader).unwrap();
    assert_eq!(received.len(), TOTAL, "reader saw EOF at the wrong place");
    assert!(received == data, "bytes differ");
    runtime.shutdown_now().wait().unwrap();
}
