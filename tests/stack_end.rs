//! Ending a whole stack in one call (`StackExt::end`): every layer's tail once, top down,
//! then the transport kept open and given back (`KeepOpen`) or shut down for writing
//! (`HalfClose`), under any schedule of the transport.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::thread;

use flate2::read::{GzDecoder, MultiGzDecoder};
use futures::Future;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::{End, Endian, KeepOpen, Stack, StackExt};
use writestack_test::{config, drive, failing_schedule, hostile_schedule, test_writer};

type Full<W> = FrameWriter<Crc32Writer<GzipWriter<BufWriter<W>>>>;

fn full<W>(transport: W) -> Full<W> {
    let buffered = BufWriter::with_capacity(64, transport);
    let gzip = GzipWriter::new(buffered, Compression::default());
    FrameWriter::new(Crc32Writer::with_trailer(gzip, Endian::Big))
}

/// Undoes `frame -> crc32 -> gzip` with decoders this workspace did not write (flate2,
/// crc32fast) and a length-prefix parser written here; returns the messages.
fn undo(wire: &[u8]) -> Vec<Vec<u8>> {
    let mut plain = Vec::new();
    GzDecoder::new(wire)
        .read_to_end(&mut plain)
        .expect("one gzip member");
    assert!(plain.len() >= 4, "no room for the CRC trailer");
    let (framed, trailer) = plain.split_at(plain.len() - 4);
    assert_eq!(
        trailer,
        crc32fast::hash(framed).to_be_bytes(),
        "CRC trailer"
    );
    let mut messages = Vec::new();
    let mut rest = framed;
    while !rest.is_empty() {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        messages.push(rest[4..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    messages
}

const MESSAGES: [&[u8]; 3] = [b"first message", b"", b"third, a little longer message"];

fn write_messages<W: Write>(stack: &mut Full<W>) {
    for message in MESSAGES.iter().filter(|m| !m.is_empty()) {
        stack.write_all(message).unwrap();
    }
}

#[test]
fn ending_a_keep_open_stack_writes_every_tail_and_returns_the_transport() {
    let mut stack = full(KeepOpen::new(Vec::new()));
    write_messages(&mut stack);
    let wire = stack.end().wait().unwrap();
    let expected: Vec<&[u8]> = MESSAGES.iter().copied().filter(|m| !m.is_empty()).collect();
    assert_eq!(undo(&wire), expected);
}

#[test]
fn the_returned_transport_carries_the_next_stack_as_the_next_member() {
    let mut first = full(KeepOpen::new(Vec::new()));
    first.write_all(b"one").unwrap();
    let transport = first.end().wait().unwrap();
    let first_len = transport.len();
    let mut second = full(KeepOpen::new(transport));
    second.write_all(b"two").unwrap();
    let wire = second.end().wait().unwrap();
    assert_eq!(undo(&wire[..first_len]), [b"one"]);
    assert_eq!(undo(&wire[first_len..]), [b"two"]);
    let mut both = Vec::new();
    MultiGzDecoder::new(&wire[..])
        .read_to_end(&mut both)
        .unwrap();
    assert_eq!(both.len(), 2 * (4 + 3 + 4));
}

#[test]
fn ending_again_writes_nothing_and_writes_after_the_end_are_refused() {
    let mut stack = full(KeepOpen::new(Vec::new()));
    write_messages(&mut stack);
    assert!(stack.poll_end().unwrap().is_ready());
    let len = stack
        .get_ref()
        .get_ref()
        .get_ref()
        .get_ref()
        .get_ref()
        .len();
    assert!(stack.poll_end().unwrap().is_ready());
    let error = stack.write(b"late").unwrap_err();
    assert!(error.to_string().starts_with("FrameWriter"), "{error}");
    let wire = stack.into_transport();
    assert_eq!(wire.len(), len, "a second end wrote more");
}

/// The bytes `shutdown` puts on a calm transport: what `end` must produce under any
/// schedule, without ever shutting the transport down.
fn reference_wire() -> Vec<u8> {
    let (transport, handle) = test_writer(Vec::new());
    let mut stack = full(transport);
    write_messages(&mut stack);
    let driven = drive(futures::future::poll_fn(|| {
        tokio_io::AsyncWrite::shutdown(&mut stack)
    }));
    driven.result.unwrap();
    assert_eq!(handle.record().shutdown_completions, 1);
    handle.data()
}

#[test]
fn end_is_resumable_under_hostile_schedules_and_never_shuts_the_transport_down() {
    let reference = reference_wire();
    let mut runner = TestRunner::new(config());
    runner
        .run(&hostile_schedule(), |schedule| {
            let (transport, handle) = test_writer(schedule);
            let mut stack = full(KeepOpen::new(transport));
            // Writes under the schedule too: retried until taken.
            for message in MESSAGES.iter().filter(|m| !m.is_empty()) {
                let mut rest: &[u8] = message;
                while !rest.is_empty() {
                    match stack.write(rest) {
                        Ok(n) => rest = &rest[n..],
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                        Err(e) => panic!("write: {e}"),
                    }
                }
            }
            let driven = drive(stack.end());
            driven.result.unwrap();
            let record = handle.record();
            prop_assert_eq!(&record.data, &reference);
            prop_assert_eq!(record.shutdown_calls, 0);
            prop_assert!(record.flushes >= 1);
            Ok(())
        })
        .unwrap();
}

#[test]
fn end_continues_after_transport_errors_without_loss_or_repeats() {
    let reference = reference_wire();
    let mut runner = TestRunner::new(config());
    runner
        .run(&failing_schedule(), |schedule| {
            let (transport, handle) = test_writer(schedule);
            let mut stack = full(KeepOpen::new(transport));
            for message in MESSAGES.iter().filter(|m| !m.is_empty()) {
                let mut rest: &[u8] = message;
                let mut tries = 0;
                while !rest.is_empty() {
                    tries += 1;
                    prop_assert!(tries < 10_000, "write never completed");
                    if let Ok(n) = stack.write(rest) {
                        rest = &rest[n..];
                    }
                }
            }
            let mut tries = 0;
            loop {
                tries += 1;
                prop_assert!(tries < 10_000, "end never completed");
                match writestack_test::drive_poll(|| stack.poll_end()).result {
                    Ok(()) => break,
                    Err(_) => continue,
                }
            }
            prop_assert_eq!(&handle.record().data, &reference);
            Ok(())
        })
        .unwrap();
}

#[cfg(unix)]
#[test]
fn ending_over_half_close_lets_the_peer_read_eof_after_the_last_tail() {
    use tokio::net::TcpStream;
    use writestack::tcp::HalfClose;

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let reader = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        // A missing FIN fails the test instead of hanging it.
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        let mut wire = Vec::new();
        // Returns only at EOF: the FIN sent by ending the stack.
        socket
            .read_to_end(&mut wire)
            .expect("EOF after the last tail");
        wire
    });
    let mut runtime = tokio::runtime::current_thread::Runtime::new().unwrap();
    let socket = runtime.block_on(TcpStream::connect(&addr)).unwrap();
    let mut stack = full(HalfClose::new(socket));
    let sent = runtime.block_on(futures::future::lazy(move || {
        write_messages(&mut stack);
        stack.end()
    }));
    let socket = sent.unwrap();
    let wire = reader.join().unwrap();
    drop(socket);
    let expected: Vec<&[u8]> = MESSAGES.iter().copied().filter(|m| !m.is_empty()).collect();
    assert_eq!(undo(&wire), expected);
}

#[cfg(feature = "tokio")]
#[test]
fn a_keep_open_stack_ends_in_one_call_on_tokio_1_and_gives_the_transport_back() {
    use tokio1::io::AsyncWriteExt;

    let runtime = tokio1::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let wire = runtime.block_on(async {
        let mut stack = full(KeepOpen::new(Vec::new()));
        for message in MESSAGES.iter().filter(|m| !m.is_empty()) {
            // Vec<u8> is a std writer too: name the runtime's method.
            AsyncWriteExt::write_all(&mut stack, message).await.unwrap();
        }
        writestack::tokio::StackExt::end(stack).await.unwrap()
    });
    let expected: Vec<&[u8]> = MESSAGES.iter().copied().filter(|m| !m.is_empty()).collect();
    assert_eq!(undo(&wire), expected);
}

#[cfg(feature = "futures-io")]
#[test]
fn a_keep_open_stack_ends_in_one_call_on_futures_io_and_gives_the_transport_back() {
    use futures03::io::{AsyncWriteExt, Cursor};

    let mut stack = full(KeepOpen::new(Cursor::new(Vec::new())));
    let transport = futures03::executor::block_on(async {
        for message in MESSAGES.iter().filter(|m| !m.is_empty()) {
            stack.write_all(message).await.unwrap();
        }
        writestack::futures_io::StackExt::end(stack).await.unwrap()
    });
    let expected: Vec<&[u8]> = MESSAGES.iter().copied().filter(|m| !m.is_empty()).collect();
    assert_eq!(undo(transport.get_ref()), expected);
}
