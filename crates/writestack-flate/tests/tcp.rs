//! GzipWriter over a real loopback socket with small kernel buffers, so the socket
//! answers `WouldBlock` in the middle of compressed output, sync flushes and the trailer.

use std::io;

use futures::{stream, Future, Stream};
use tokio::runtime::Runtime;
use writestack_core::tcp::HalfClose;
use writestack_flate::{Compression, GzipWriter};
use writestack_test::reference::gzip_dc;
use writestack_test::tcp::{self, Counting, Tuning};
use writestack_test::{payload, PayloadKind};

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
    // Small buffers make the writer block often. (A 4 KiB receive buffer would be slower
    // still: on loopback every window update then waits for a delayed ACK.)
    let reader_tuning = Tuning {
        recv_buffer: Some(16 * 1024),
        ..Tuning::default()
    };
    let (addr, reader) = tcp::serve_one(&runtime, reader_tuning, tcp::read_to_eof);
    let writer_tuning = Tuning {
        send_buffer: Some(16 * 1024),
        ..Tuning::default()
    };
    let writer = tcp::connect(&addr, writer_tuning).and_then(move |socket| {
        // HalfClose: tokio 0.1's `AsyncWrite::shutdown` for `TcpStream` sends no FIN, so
        // the reader would never see EOF while the stream lives.
        let socket = Counting::new(HalfClose::new(socket));
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
    assert!(writer.get_ref().not_ready > 0, "the socket never blocked");

    let received = runtime.block_on(reader).unwrap();
    assert_eq!(writer.total_out(), received.len() as u64);
    let decoded = gzip_dc(&received).unwrap();
    assert!(
        decoded == data,
        "gzip -dc: {} of {} bytes",
        decoded.len(),
        data.len()
    );
    runtime.shutdown_now().wait().unwrap();
}
