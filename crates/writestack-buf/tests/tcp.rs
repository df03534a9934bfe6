//! BufWriter over a real loopback socket with small kernel buffers.

use futures::{stream, Future, Stream};
use tokio::runtime::Runtime;
use writestack_buf::BufWriter;
use writestack_core::tcp::HalfClose;
use writestack_test::tcp::{self, Tuning};
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
    let (addr, reader) = tcp::serve_one(&runtime, Tuning::default(), tcp::read_to_eof);
    // A small send buffer so the writer meets WouldBlock often; the receive side keeps
    // its default (see `writestack_test::tcp`).
    let tuning = Tuning {
        send_buffer: Some(16 * 1024),
        nodelay: true,
        ..Tuning::default()
    };
    let writer = tcp::connect(&addr, tuning).and_then(move |socket| {
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
