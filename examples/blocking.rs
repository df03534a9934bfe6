//! The same layers without a runtime: plain `std::io::Write` over a file.
//!
//! writestack layers are `std::io::Write` whenever the writer below is, so the stack
//! `frame -> crc32 -> gzip -> buffer -> File` works in ordinary blocking code. Each layer
//! is finished explicitly from the top: `FinishExt::finish()` returns a future that, over
//! a blocking writer, never waits, so `futures::Future::wait` runs it in place; it writes
//! the layer's tail (end frame, CRC trailer, gzip trailer), flushes the layer below, and
//! yields the layer so `into_inner()` can take the next one down.
//!
//! The file (in `std::env::temp_dir()`) is then read back and checked with decoders
//! writestack did not write: flate2's `GzDecoder`, tokio's `LengthDelimitedCodec` for the
//! frames, crc32fast for the trailer. The file is removed afterwards.
//!
//! ```text
//! cargo run --release --example blocking
//! ```
//!
//! Exit status: 0 when the file decodes to the payload, 1 otherwise.

mod support;

use std::fs::File;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use futures::Future;
use writestack::buf::BufWriter;
use writestack::crc::Crc32Writer;
use writestack::flate::{Compression, GzipWriter};
use writestack::frame::FrameWriter;
use writestack::{Endian, FinishExt};
use writestack_test::reference::gunzip_exact;

const FRAME_SIZE: usize = 32 * 1024;

fn run() -> io::Result<bool> {
    let payload = support::log_text(16 << 20, 7);
    let path = std::env::temp_dir().join(format!("writestack-blocking-{}.bin", std::process::id()));
    println!(
        "payload: {} of generated log text",
        support::size(payload.len() as u64)
    );
    println!("file:    {}", path.display());

    let started = Instant::now();
    let file = File::create(&path)?;
    let buffer = BufWriter::with_capacity(64 * 1024, file);
    let gzip = GzipWriter::new(buffer, Compression::default());
    let crc = Crc32Writer::with_trailer(gzip, Endian::Big);
    let mut frame = FrameWriter::builder()
        .chunked()
        .max_frame_length(FRAME_SIZE)
        .buffer_capacity(FRAME_SIZE + 4)
        .new_write(crc)?;
    for line in payload.chunks(4096) {
        frame.write_all(line)?;
    }
    println!(
        "wrote {} bytes in {} writes",
        payload.len(),
        payload.len().div_ceil(4096)
    );

    // Finish from the top down; each `wait` returns at once because a file never blocks.
    let frame = frame.finish().wait()?;
    println!(
        "  frame:  finished, {} frames (end marker included), {} -> {} bytes",
        frame.frames_written(),
        frame.total_in(),
        frame.total_out()
    );
    let crc = frame.into_inner().finish().wait()?;
    println!(
        "  crc32:  finished, trailer {:08x}, {} -> {} bytes",
        crc.crc(),
        crc.total_in(),
        crc.total_out()
    );
    let gzip = crc.into_inner().finish().wait()?;
    println!(
        "  gzip:   finished, {} -> {} bytes",
        gzip.total_in(),
        gzip.total_out()
    );
    let buffer = gzip.into_inner().finish().wait()?;
    println!(
        "  buffer: finished, {} bytes to the file",
        buffer.total_out()
    );
    let file = buffer.into_inner();
    file.sync_all()?;
    drop(file);
    let write_time = started.elapsed();

    let started = Instant::now();
    let wire = std::fs::read(&path)?;
    std::fs::remove_file(&path)?;
    println!(
        "read back {} bytes; write {:.3} s ({}), decode follows",
        wire.len(),
        write_time.as_secs_f64(),
        support::rate(payload.len() as u64, write_time.as_secs_f64())
    );

    let checked =
        gunzip_exact(&wire).and_then(|framed| support::decode_frames(&framed, FRAME_SIZE));
    let decoded = match checked {
        Ok(decoded) => decoded,
        Err(e) => {
            println!("  [FAIL] {e}");
            return Ok(false);
        }
    };
    println!("decoded in {:.3} s", started.elapsed().as_secs_f64());
    let crc_ok = decoded.trailer == decoded.computed;
    let data_ok = decoded.payload == payload;
    println!("  [ok] flate2 GzDecoder: one complete gzip member");
    println!(
        "  [ok] LengthDelimitedCodec: {} data frames, then the end marker",
        decoded.data_frames
    );
    println!(
        "  [{}] CRC32 trailer {:08x} == crc32fast {:08x}",
        if crc_ok { "ok" } else { "FAIL" },
        decoded.trailer,
        decoded.computed
    );
    println!(
        "  [{}] payload intact ({} bytes)",
        if data_ok { "ok" } else { "FAIL" },
        decoded.payload.len()
    );
    Ok(crc_ok && data_ok)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("blocking: verification FAILED");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("blocking: error: {e}");
            ExitCode::from(1)
        }
    }
}
