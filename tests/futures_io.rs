//! The layers as `futures_io::AsyncWrite` writers: read back by async-compression's
//! futures-io decoders, the system `gzip` and tokio's length-delimited codec, ended with
//! `writestack::futures_io::FinishExt::finish` (the inner writer stays open) or
//! `poll_close` (the tail once, then the inner writer closed once); and the full stack
//! over a tokio 1 socket through tokio-util's compat layer (`compat_write()`), where
//! `poll_close` becomes the socket's FIN.
#![cfg(all(
    feature = "tokio",
    feature = "futures-io",
    feature = "buf",
    feature = "flate",
    feature = "crc",
    feature = "frame"
))]

mod common;

use std::io;
use std::net::SocketAddr;

use futures03::executor::block_on;
use futures03::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio1::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio1::net::{TcpListener, TcpStream};
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack::frame::FrameWriter;
use writestack::futures_io::FinishExt;
use writestack::Endian;
use writestack_test::reference;
use writestack_test::{payload, PayloadKind};

use common::{read_one_member, runtime, timed, Counting, Flavor, Format};

/// Decodes one complete stream with async-compression's futures-io decoder and requires
/// it to end exactly at the end of `wire`.
async fn futures_decode(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    use async_compression::futures::bufread::{DeflateDecoder, GzipDecoder, ZlibDecoder};

    let describe = |error: io::Error| format!("{:?}: {error}", error.kind());
    let mut out = Vec::new();
    let rest: &[u8] = match format {
        Format::Deflate => {
            let mut decoder = DeflateDecoder::new(wire);
            decoder.read_to_end(&mut out).await.map_err(describe)?;
            decoder.into_inner()
        }
        Format::Zlib => {
            let mut decoder = ZlibDecoder::new(wire);
            decoder.read_to_end(&mut out).await.map_err(describe)?;
            decoder.into_inner()
        }
        Format::Gzip => {
            let mut decoder = GzipDecoder::new(wire);
            decoder.read_to_end(&mut out).await.map_err(describe)?;
            decoder.into_inner()
        }
    };
    if !rest.is_empty() {
        return Err(format!("{} bytes after the end of the stream", rest.len()));
    }
    Ok(out)
}

/// Writes `data` in chunks cycling through odd sizes, flushing every fourth.
async fn write_odd<W: futures03::io::AsyncWrite + Unpin>(writer: &mut W, data: &[u8]) {
    let (mut pos, mut size, mut count) = (0, 1, 0);
    while pos < data.len() {
        let end = (pos + size).min(data.len());
        writer.write_all(&data[pos..end]).await.expect("write_all");
        count += 1;
        if count % 4 == 0 {
            writer.flush().await.expect("flush");
        }
        pos = end;
        size = if size > 20_000 { 1 } else { size * 5 + 3 };
    }
}

#[test]
fn async_compression_futures_decoders_read_every_format_written_on_futures_io() {
    let text = payload(PayloadKind::Text, 51, 80_000);
    let random = payload(PayloadKind::Random, 52, 50_000);
    block_on(async {
        for level in [0, 1, 6, 9] {
            for data in [&text, &random] {
                let level = Compression::new(level);
                let mut deflate = DeflateWriter::new(Vec::new(), level);
                write_odd(&mut deflate, data).await;
                deflate.finish().await.unwrap();
                let mut zlib = ZlibWriter::new(Vec::new(), level);
                write_odd(&mut zlib, data).await;
                zlib.finish().await.unwrap();
                let mut gzip = GzipWriter::new(Vec::new(), level);
                write_odd(&mut gzip, data).await;
                gzip.close().await.unwrap();
                for (format, wire) in [
                    (Format::Deflate, deflate.into_inner()),
                    (Format::Zlib, zlib.into_inner()),
                    (Format::Gzip, gzip.into_inner()),
                ] {
                    let decoded = futures_decode(format, &wire)
                        .await
                        .unwrap_or_else(|why| panic!("{format:?} {level:?}: {why}"));
                    assert!(decoded == *data, "{format:?} {level:?}: other bytes");
                }
            }
        }
        // Empty streams.
        let mut gzip = GzipWriter::new(Vec::new(), Compression::default());
        gzip.finish().await.unwrap();
        assert_eq!(
            futures_decode(Format::Gzip, gzip.get_ref()).await,
            Ok(Vec::new())
        );
    });
}

#[test]
fn gzip_members_ended_with_futures_io_finish_decode_together_and_one_by_one() {
    let bodies = [
        payload(PayloadKind::Text, 53, 30_000),
        Vec::new(),
        payload(PayloadKind::Random, 54, 10_000),
    ];
    block_on(async {
        let mut file = Vec::new();
        let mut ends = Vec::new();
        for body in &bodies {
            let mut writer = GzipWriter::new(file, Compression::fast());
            write_odd(&mut writer, body).await;
            writer.finish().await.unwrap();
            file = writer.into_inner();
            ends.push(file.len());
        }
        let expected = bodies.concat();

        let mut all = async_compression::futures::bufread::GzipDecoder::new(&file[..]);
        all.multiple_members(true);
        let mut decoded = Vec::new();
        all.read_to_end(&mut decoded).await.unwrap();
        assert!(
            decoded == expected,
            "multiple_members: {} bytes",
            decoded.len()
        );

        let mut start = 0;
        for (body, &end) in bodies.iter().zip(&ends) {
            let member = futures_decode(Format::Gzip, &file[start..end]).await;
            assert_eq!(member.as_ref(), Ok(body), "the member ending at {end}");
            start = end;
        }
        assert!(reference::gzip_dc(&file).unwrap() == expected, "gzip -dc");
    });
}

#[test]
fn futures_io_close_writes_the_tail_once_and_closes_the_inner_writer_once() {
    let text = payload(PayloadKind::Text, 55, 20_000);
    block_on(async {
        let mut finished = GzipWriter::new(Counting::new(Vec::new()), Compression::fast());
        futures03::io::AsyncWriteExt::write_all(&mut finished, &text)
            .await
            .unwrap();
        finished.finish().await.unwrap();
        assert_eq!(
            finished.get_ref().closes,
            0,
            "finish closed the inner writer"
        );

        let mut closed = GzipWriter::new(Counting::new(Vec::new()), Compression::fast());
        futures03::io::AsyncWriteExt::write_all(&mut closed, &text)
            .await
            .unwrap();
        closed.close().await.unwrap();
        closed.close().await.unwrap();
        let closed = closed.into_inner();
        assert_eq!(closed.closes, 1, "closes");
        assert_eq!(
            closed.inner,
            finished.into_inner().inner,
            "close and finish differ"
        );
        assert!(reference::gunzip_exact(&closed.inner).unwrap() == text);
        assert!(reference::python_zlib(31, &closed.inner, true).unwrap() == text);
    });
}

#[test]
fn frames_written_on_futures_io_decode_with_the_length_delimited_codec() {
    let sent: Vec<Vec<u8>> = (0..40usize)
        .map(|i| payload(PayloadKind::Random, i as u64, 1 + (i * 331) % 250))
        .collect();
    block_on(async {
        for width in 1..=8 {
            for endian in [Endian::Big, Endian::Little] {
                let mut builder = FrameWriter::builder();
                builder.length_field_length(width).max_frame_length(255);
                match endian {
                    Endian::Big => builder.big_endian(),
                    Endian::Little => builder.little_endian(),
                };
                let mut writer = builder.end_marker(true).new_write(Vec::new()).unwrap();
                for message in &sent {
                    // One frame per call (the writer is both runtimes' writer: name the trait).
                    futures03::io::AsyncWriteExt::write_all(&mut writer, message)
                        .await
                        .unwrap();
                }
                writer.close().await.unwrap();
                let frames = reference::tokio_frames(width, endian, 255, writer.get_ref())
                    .unwrap_or_else(|why| panic!("{width} bytes {endian:?}: {why}"));
                let frames = reference::payload_frames(frames, true)
                    .unwrap_or_else(|why| panic!("{width} bytes {endian:?}: {why}"));
                assert!(frames == sent, "{width} bytes {endian:?}: other frames");
            }
        }
    });
}

// ---------------------------------------------------------------------------------------
// Over a tokio 1 socket through tokio-util's compat layer.

type Transport = Counting<Compat<TcpStream>>;
type Stack = FrameWriter<Crc32Writer<GzipWriter<BufWriter<Transport>>>>;

fn stack(transport: Transport) -> Stack {
    let buffered = BufWriter::with_capacity(16 * 1024, transport);
    let gzip = GzipWriter::new(buffered, Compression::fast());
    let crc = Crc32Writer::with_trailer(gzip, Endian::Big);
    FrameWriter::builder()
        .chunked()
        .new_write(crc)
        .expect("chunked framing")
}

async fn listen() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local addr");
    (listener, addr)
}

/// Two members ended with futures-io `finish` (each answered by the peer before the
/// next), then a third ended with `close`, which is the socket's FIN: the peer decodes
/// all three and meets EOF right after the last trailer.
fn futures_io_stack_over_a_compat_tokio_socket(flavor: Flavor) {
    let bodies = vec![
        payload(PayloadKind::Text, 56, 200_000),
        payload(PayloadKind::Random, 57, 300_000),
        payload(PayloadKind::Text, 58, 100_000),
    ];
    let expected = bodies.clone();
    runtime(flavor).block_on(timed("the compat test", async move {
        let (listener, addr) = listen().await;
        let peer = tokio1::spawn(async move {
            let (mut peer, _) = listener.accept().await?;
            let (read_half, mut write_half) = peer.split();
            let mut reader = BufReader::new(read_half);
            let mut bodies = Vec::new();
            for i in 0..expected.len() {
                let member = read_one_member(&mut reader).await?;
                let framed = reference::strip_crc(&member).map_err(io::Error::other)?;
                bodies.push(reference::unframe_chunked(&framed).map_err(io::Error::other)?);
                if i + 1 < expected.len() {
                    write_half
                        .write_all(&[u8::try_from(i).expect("fewer than 256 members")])
                        .await?;
                }
            }
            let mut rest = Vec::new();
            reader.read_to_end(&mut rest).await?;
            io::Result::Ok((bodies, rest))
        });

        let socket = TcpStream::connect(addr).await.expect("connect");
        socket.set_nodelay(true).expect("TCP_NODELAY");
        let mut transport = Counting::new(socket.compat_write());
        let (last, kept) = bodies.split_last().expect("bodies");
        for (i, body) in kept.iter().enumerate() {
            let mut frame = stack(transport);
            write_odd(&mut frame, body).await;
            frame.finish().await.expect("frame finish");
            let mut crc = frame.into_inner();
            crc.finish().await.expect("crc finish");
            let mut gzip = crc.into_inner();
            gzip.finish().await.expect("gzip finish");
            let mut buffered = gzip.into_inner();
            buffered.finish().await.expect("buf finish");
            transport = buffered.into_inner();
            assert_eq!(transport.closes, 0, "finish closed the socket");
            let mut answer = [0u8; 1];
            transport
                .inner
                .get_mut()
                .read_exact(&mut answer)
                .await
                .expect("answer");
            assert_eq!(usize::from(answer[0]), i);
        }
        let mut frame = stack(transport);
        write_odd(&mut frame, last).await;
        frame.close().await.expect("close");
        let (received, rest) = peer.await.expect("peer task").expect("peer");
        assert_eq!(frame.get_ref().get_ref().get_ref().get_ref().closes, 1);
        assert!(received == bodies, "a body differs");
        assert!(
            rest.is_empty(),
            "{} bytes after the last member",
            rest.len()
        );
    }));
}

#[test]
fn futures_io_stack_over_a_compat_tokio_socket_on_a_current_thread_runtime() {
    futures_io_stack_over_a_compat_tokio_socket(Flavor::CurrentThread);
}

#[test]
fn futures_io_stack_over_a_compat_tokio_socket_on_a_multi_thread_runtime() {
    futures_io_stack_over_a_compat_tokio_socket(Flavor::MultiThread);
}
