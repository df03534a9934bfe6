//! Several gzip bodies, one after another, on one kept-alive TCP connection.
//!
//! For each body the sender builds a stack on the connection, `keep_open()` at its bottom
//! (`gzip -> buffer -> KeepOpen(TcpStream)`), writes the body, and *ends* the stack in one
//! call (`StackExt::end`, here through `End::poll_end`): the gzip trailer is written,
//! the buffer drained, the socket flushed and handed back, open, for the next body. Only
//! after the last body does the sender shut the connection down (`HalfClose` sends FIN).
//!
//! The receiver reads to EOF and splits the stream into gzip members with flate2's
//! `bufread::GzDecoder` (one member at a time, so each body is checked on its own), then
//! confirms flate2's `MultiGzDecoder` sees the same concatenation. An empty body is
//! included on purpose: it is still a complete gzip member.
//!
//! ```text
//! cargo run --release --example keep_alive
//! ```
//!
//! Exit status: 0 when every body arrived intact, 1 otherwise.

mod support;

use std::io::{self, Read};
use std::process::ExitCode;
use std::time::Instant;

use futures::future::{self, Loop};
use futures::sync::oneshot;
use futures::{try_ready, Async, Future, Stream};
use tokio::net::{TcpListener, TcpStream};
use writestack::flate::Compression;
use writestack::prelude::*;
use writestack::tcp::HalfClose;

/// The bodies: (what, bytes). Different sizes and kinds, an empty one among them.
fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    let json: Vec<u8> = (0..2000)
        .flat_map(|i| {
            format!(
                "{{\"id\":{i},\"name\":\"item-{i}\",\"price\":{}.{:02}}},",
                i * 7 % 500,
                i % 100
            )
            .into_bytes()
        })
        .collect();
    vec![
        (
            "short greeting",
            b"hello over a kept-alive connection\n".to_vec(),
        ),
        ("log text, 1 MiB", support::log_text(1 << 20, 1)),
        ("empty body", Vec::new()),
        ("json-ish records", json),
        ("log text, 8 MiB", support::log_text(8 << 20, 2)),
    ]
}

fn run() -> io::Result<bool> {
    let bodies = bodies();
    let mut rt = tokio::runtime::Runtime::new()?;
    let listener = TcpListener::bind(&([127, 0, 0, 1], 0).into())?;
    let addr = listener.local_addr()?;
    println!(
        "listening on {addr}; sending {} gzip bodies on one connection",
        bodies.len()
    );

    let receiver = listener
        .incoming()
        .into_future()
        .map_err(|(e, _)| e)
        .and_then(|(socket, _)| socket.ok_or_else(|| io::Error::other("listener closed")))
        .and_then(|socket| tokio_io::io::read_to_end(socket, Vec::new()).map(|(_, wire)| wire));
    let received = oneshot::spawn(receiver, &rt.executor());

    let started = Instant::now();
    let payloads: Vec<Vec<u8>> = bodies.iter().map(|(_, b)| b.clone()).collect();
    // State: the connection, the bodies still to send, the gzip sizes so far.
    let sender = TcpStream::connect(&addr)
        .and_then(move |socket| {
            future::loop_fn(
                (socket, payloads.into_iter(), Vec::new()),
                |(socket, mut rest, sizes)| {
                    let body = match rest.next() {
                        Some(body) => body,
                        None => return future::Either::A(future::ok(Loop::Break((socket, sizes)))),
                    };
                    let started = Instant::now();
                    let stack = socket.keep_open().buffered().gzip(Compression::default());
                    future::Either::B(tokio_io::io::write_all(stack, body).and_then(
                        move |(stack, _)| {
                            // End the whole stack; the socket comes back open.
                            let mut ending = Some((stack, rest, sizes));
                            future::poll_fn(move || {
                                if let Some((stack, _, _)) = ending.as_mut() {
                                    try_ready!(stack.poll_end());
                                }
                                let (gzip, rest, mut sizes) = ending
                                    .take()
                                    .ok_or_else(|| io::Error::other("polled after it ended"))?;
                                sizes.push((gzip.total_in(), gzip.total_out(), started.elapsed()));
                                Ok(Async::Ready(Loop::Continue((
                                    gzip.into_transport(),
                                    rest,
                                    sizes,
                                ))))
                            })
                        },
                    ))
                },
            )
        })
        .and_then(|(socket, sizes)| tokio_io::io::shutdown(HalfClose::new(socket)).map(|_| sizes));
    let sizes = rt.block_on(sender)?;
    let sent: u64 = sizes.iter().map(|(_, gz, _)| gz).sum();
    let send_time = started.elapsed();
    let wire = rt.block_on(received)?;
    drop(rt.shutdown_now());

    println!();
    println!(
        "{:<3} {:<18} {:>10} {:>10} {:>7} {:>9}",
        "#", "body", "plain", "gzip", "ratio", "time"
    );
    for (i, ((what, _), (plain, gz, t))) in bodies.iter().zip(&sizes).enumerate() {
        let ratio = if *plain == 0 {
            0.0
        } else {
            *gz as f64 / *plain as f64
        };
        println!(
            "{i:<3} {what:<18} {plain:>10} {gz:>10} {ratio:>7.3} {:>7.1}ms",
            t.as_secs_f64() * 1e3
        );
    }
    println!(
        "connection: {} bytes sent, {} received, {:.3} s in all",
        sent,
        wire.len(),
        send_time.as_secs_f64()
    );
    println!();

    let mut ok = wire.len() as u64 == sent;
    println!("verification:");
    println!(
        "  [{}] bytes received == bytes the gzip members took up",
        if ok { "ok" } else { "FAIL" }
    );
    // One member at a time: `into_inner` gives back exactly what follows the member.
    let mut rest = &wire[..];
    for (i, (what, body)) in bodies.iter().enumerate() {
        let mut decoder = flate2::bufread::GzDecoder::new(rest);
        let mut plain = Vec::new();
        let passed = match decoder.read_to_end(&mut plain) {
            Ok(_) => plain == *body,
            Err(e) => {
                println!("  member {i}: {e}");
                false
            }
        };
        rest = decoder.into_inner();
        println!(
            "  [{}] member {i} ({what}) == body {i} ({} bytes)",
            if passed { "ok" } else { "FAIL" },
            body.len()
        );
        ok &= passed;
    }
    let tail_ok = rest.is_empty();
    println!(
        "  [{}] nothing after the last member ({} bytes)",
        if tail_ok { "ok" } else { "FAIL" },
        rest.len()
    );
    let mut all = Vec::new();
    let multi_ok = flate2::read::MultiGzDecoder::new(&wire[..])
        .read_to_end(&mut all)
        .is_ok()
        && all
            == bodies
                .iter()
                .flat_map(|(_, b)| b.iter().copied())
                .collect::<Vec<u8>>();
    println!(
        "  [{}] MultiGzDecoder yields all bodies concatenated ({} bytes)",
        if multi_ok { "ok" } else { "FAIL" },
        all.len()
    );
    Ok(ok && tail_ok && multi_ok)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("keep_alive: verification FAILED");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("keep_alive: error: {e}");
            ExitCode::from(1)
        }
    }
}
