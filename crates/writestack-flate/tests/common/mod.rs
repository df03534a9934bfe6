//! Decoders this workspace did not write (flate2's read decoders, the system `gzip`,
//! Python 3's `zlib`), shared by the test files.
//!
//! The external tools are required: when one cannot be started, the test using it fails
//! with a message saying which tool is missing. Nothing is skipped.

#![allow(dead_code, unreachable_pub)]

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use flate2::bufread::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};

/// The three formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Deflate,
    Zlib,
    Gzip,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Deflate, Format::Zlib, Format::Gzip];

    /// Python's `wbits` for this format.
    pub fn wbits(self) -> i32 {
        match self {
            Format::Deflate => -15,
            Format::Zlib => 15,
            Format::Gzip => 31,
        }
    }
}

fn describe(error: &io::Error) -> String {
    format!("{:?}: {error}", error.kind())
}

/// Decodes one complete stream with flate2's bufread decoders and checks that the
/// decoder reached the end of the stream exactly at the end of `wire` (no truncation,
/// nothing after it). The gzip and zlib decoders check the trailer themselves.
pub fn decode(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let rest = match format {
        Format::Deflate => {
            let mut decoder = DeflateDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            decoder.into_inner()
        }
        Format::Zlib => {
            let mut decoder = ZlibDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            decoder.into_inner()
        }
        Format::Gzip => {
            let mut decoder = GzDecoder::new(wire);
            decoder.read_to_end(&mut out).map_err(|e| describe(&e))?;
            if decoder.header().is_none() {
                return Err("no gzip header".into());
            }
            decoder.into_inner()
        }
    };
    if !rest.is_empty() {
        return Err(format!("{} bytes after the end of the stream", rest.len()));
    }
    Ok(out)
}

/// Decodes any number of concatenated gzip members with flate2's `MultiGzDecoder`.
pub fn decode_gzip_members(wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    MultiGzDecoder::new(wire)
        .read_to_end(&mut out)
        .map_err(|e| describe(&e))?;
    Ok(out)
}

/// Decodes a stream that was sync-flushed but not finished: reads a flate2 decoder until
/// it reports the (expected) unexpected end, and returns what it produced before that.
/// Any other error means the prefix is corrupt.
pub fn decode_prefix(format: Format, wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut decoder: Box<dyn Read + '_> = match format {
        Format::Deflate => Box::new(DeflateDecoder::new(wire)),
        Format::Zlib => Box::new(ZlibDecoder::new(wire)),
        Format::Gzip => Box::new(GzDecoder::new(wire)),
    };
    let mut out = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(out),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(describe(&error)),
        }
    }
}

/// Runs `program args` with `input` on stdin; returns (success, stdout, stderr). Fails the
/// test, naming the tool, when it cannot be started.
fn run_tool(program: &str, args: &[&str], input: &[u8]) -> (bool, Vec<u8>, String) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "`{program}` could not be started ({error}): this interop test needs \
                 {program} on PATH (CI installs it); it does not skip"
            )
        });
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // Feed from another thread so a large input cannot deadlock against stdout.
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("`{program}` did not run to completion: {error}"));
    // A tool that exits early (on corrupt input) closes its stdin: not our failure.
    let _ = feeder.join().expect("the stdin feeder panicked");
    (
        output.status.success(),
        output.stdout,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `gzip -dc` of `wire` (any number of members): the decoded bytes, or gzip's complaint.
pub fn gzip_dc(wire: &[u8]) -> Result<Vec<u8>, String> {
    let (ok, stdout, stderr) = run_tool("gzip", &["-dc"], wire);
    if ok {
        Ok(stdout)
    } else {
        Err(format!("gzip -dc failed: {stderr}"))
    }
}

/// Python's `zlib.decompressobj(wbits)` over `wire`. With `complete`, the stream must end
/// exactly at the end of `wire` (`eof` set, no unused data); without, it must not have
/// ended (a flushed prefix) and everything decodable so far is returned.
pub fn python_zlib(wbits: i32, wire: &[u8], complete: bool) -> Result<Vec<u8>, String> {
    const SCRIPT: &str = "import sys, zlib\n\
        wbits, complete = int(sys.argv[1]), sys.argv[2] == '1'\n\
        d = zlib.decompressobj(wbits)\n\
        out = d.decompress(sys.stdin.buffer.read())\n\
        if complete:\n\
        \x20   out += d.flush()\n\
        \x20   assert d.eof, 'stream did not end'\n\
        \x20   assert not d.unused_data, 'bytes after the end'\n\
        else:\n\
        \x20   assert not d.eof, 'a flushed prefix ended the stream'\n\
        sys.stdout.buffer.write(out)\n";
    let wbits = wbits.to_string();
    let complete = if complete { "1" } else { "0" };
    let (ok, stdout, stderr) = run_tool("python3", &["-c", SCRIPT, &wbits, complete], wire);
    if ok {
        Ok(stdout)
    } else {
        Err(format!("python3 zlib (wbits {wbits}) failed: {stderr}"))
    }
}
