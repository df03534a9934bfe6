//! Streams we did not write, read by our readers: the system `gzip` (plain, `-N` with a
//! file name, two outputs concatenated), Python 3's `zlib` (wbits 15, -15, 31), flate2's
//! encoders, and a gzip header with FEXTRA, FCOMMENT and FHCRC built by hand per RFC 1952.

mod reader_kit;

use std::io::{ErrorKind, Read, Write};
use std::path::Path;

use reader_kit::{decode, drain, Fmt};
use writestack_flate::{GzipReader, ZlibReader};
use writestack_test::corpus::Corpus;
use writestack_test::reference::run_tool;
use writestack_test::{payload, PayloadKind};

fn text(len: usize) -> Vec<u8> {
    Corpus::new(Path::new(env!("CARGO_MANIFEST_DIR")), &["src"]).read(len, len.min(16 * 1024))
}

fn tool(program: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    let output = run_tool(program, args, input);
    assert!(output.success, "{program} failed: {}", output.stderr);
    output.stdout
}

/// Python 3's `zlib.compressobj(level, DEFLATED, wbits)` over stdin.
fn python_compress(wbits: i32, input: &[u8]) -> Vec<u8> {
    const SCRIPT: &str = "import sys, zlib\n\
        c = zlib.compressobj(6, zlib.DEFLATED, int(sys.argv[1]))\n\
        sys.stdout.buffer.write(c.compress(sys.stdin.buffer.read()) + c.flush())\n";
    tool("python3", &["-c", SCRIPT, &wbits.to_string()], input)
}

#[test]
fn system_gzip_output_decodes_at_every_level() {
    let data = text(50_000);
    for level in ["-1", "-6", "-9"] {
        let wire = tool("gzip", &["-c", "-n", level], &data);
        for read_size in [1, 1000, 1 << 16] {
            assert!(decode(Fmt::Gzip, &wire, read_size).expect("gzip's output") == data);
        }
    }
}

#[test]
fn system_gzip_with_a_file_name_gives_the_name_and_time_in_the_header() {
    let dir = std::env::temp_dir().join(format!("writestack-reader-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("named-input.txt");
    let data = payload(PayloadKind::Text, 9, 4_000);
    std::fs::write(&path, &data).expect("write input");
    let path_text = path.to_str().expect("utf-8 temp path");
    let wire = tool("gzip", &["-c", "-N", path_text], b"");
    let mtime = std::fs::metadata(&path)
        .and_then(|meta| meta.modified())
        .expect("mtime")
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    std::fs::remove_dir_all(&dir).expect("clean up");

    let mut reader = GzipReader::new(&wire[..]);
    let decoded = drain(&mut reader, 512).expect("gzip -N output");
    assert_eq!(decoded, data);
    let header = reader.header().expect("header read");
    assert_eq!(header.filename(), Some(&b"named-input.txt"[..]));
    assert_eq!(u64::from(header.mtime()), mtime);
    assert_eq!(header.operating_system(), 3, "gzip on Unix says OS 3");
}

#[test]
fn two_system_gzip_outputs_concatenated_read_whole_with_multi_and_one_by_one_with_new() {
    let (a, b) = (text(30_000), payload(PayloadKind::Random, 2, 10_000));
    let mut wire = tool("gzip", &["-c", "-n"], &a);
    let second = tool("gzip", &["-c", "-n"], &b);
    wire.extend_from_slice(&second);
    let expected = [&a[..], &b[..]].concat();
    // gzip itself reads both: the expectation is not ours.
    assert!(tool("gzip", &["-dc"], &wire) == expected);
    for read_size in [1, 4096] {
        let decoded = drain(GzipReader::multi(&wire[..]), read_size).expect("both members");
        assert!(decoded == expected, "reads of {read_size}");
    }
    let mut first = GzipReader::new(&wire[..]);
    assert!(drain(&mut first, 4096).expect("member 1") == a);
    let (mut inner, leftover) = first.into_parts();
    let mut rest = leftover.to_vec();
    inner.read_to_end(&mut rest).expect("a slice");
    assert!(rest == second, "the second member is left over, whole");
}

#[test]
fn python_zlib_streams_decode_for_wbits_15_minus_15_and_31() {
    let data = text(40_000);
    for (wbits, fmt) in [(15, Fmt::Zlib), (-15, Fmt::Deflate), (31, Fmt::Gzip)] {
        let wire = python_compress(wbits, &data);
        for read_size in [3, 8192] {
            let decoded = decode(fmt, &wire, read_size).expect("python's stream");
            assert!(decoded == data, "wbits {wbits}, reads of {read_size}");
        }
    }
}

#[test]
fn flate2_encoders_output_decodes() {
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    let data = text(30_000);
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&data).expect("write");
    let mut zl = ZlibEncoder::new(Vec::new(), Compression::fast());
    zl.write_all(&data).expect("write");
    let mut de = DeflateEncoder::new(Vec::new(), Compression::default());
    de.write_all(&data).expect("write");
    for (fmt, wire) in [
        (Fmt::Gzip, gz.finish().expect("finish")),
        (Fmt::Zlib, zl.finish().expect("finish")),
        (Fmt::Deflate, de.finish().expect("finish")),
    ] {
        assert!(
            decode(fmt, &wire, 777).expect("flate2's stream") == data,
            "{fmt:?}"
        );
    }
}

/// A gzip member with every optional header field, built per RFC 1952 section 2.3: the
/// body from flate2's raw deflate encoder, the checksums from crc32fast.
fn hand_made_member(data: &[u8], extra: &[u8], name: &[u8], comment: &[u8]) -> Vec<u8> {
    // FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT
    let mut wire = vec![0x1f, 0x8b, 8, 0x1f, 0x78, 0x56, 0x34, 0x12, 2, 3];
    let xlen = u16::try_from(extra.len()).expect("extra fits XLEN");
    wire.extend_from_slice(&xlen.to_le_bytes());
    wire.extend_from_slice(extra);
    wire.extend_from_slice(name);
    wire.push(0);
    wire.extend_from_slice(comment);
    wire.push(0);
    let header_crc = crc32fast::hash(&wire).to_le_bytes();
    wire.extend_from_slice(&header_crc[..2]);
    let mut body = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    body.write_all(data).expect("write");
    wire.extend(body.finish().expect("finish"));
    wire.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    let isize = u32::try_from(data.len()).expect("small payload");
    wire.extend_from_slice(&isize.to_le_bytes());
    wire
}

#[test]
fn a_hand_made_header_with_extra_comment_and_header_crc_is_read_and_checked() {
    let data = payload(PayloadKind::Text, 11, 2_000);
    let extra = [b'A', b'P', 4, 0, 1, 2, 3, 4];
    let wire = hand_made_member(&data, &extra, b"name.txt", "comment \u{e9}".as_bytes());
    // gzip itself accepts it: the member is well formed by a reader we did not write.
    assert_eq!(tool("gzip", &["-dc"], &wire), data);
    for read_size in [1, 5000] {
        let mut reader = GzipReader::with_capacity(1, &wire[..]);
        assert_eq!(
            drain(&mut reader, read_size).expect("hand-made member"),
            data
        );
        let header = reader.header().expect("read");
        assert_eq!(header.extra(), Some(&extra[..]));
        assert_eq!(header.filename(), Some(&b"name.txt"[..]));
        assert_eq!(header.comment(), Some("comment \u{e9}".as_bytes()));
        assert_eq!(header.mtime(), 0x1234_5678);
        assert_eq!(header.extra_flags(), 2);
        assert!(header.is_text());
        assert!(header.header_crc().is_some());
    }

    // One bit of the file name changed: only FHCRC can see it.
    let mut bad = wire.clone();
    bad[10 + 2 + extra.len()] ^= 0x01;
    let error = drain(GzipReader::new(&bad[..]), 64).expect_err("header CRC must catch it");
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    assert!(error.to_string().contains("header CRC16"), "{error}");
}

#[test]
fn an_empty_extra_field_and_empty_name_are_read_as_empty() {
    let wire = hand_made_member(b"x", &[], b"", b"");
    let mut reader = GzipReader::new(&wire[..]);
    assert_eq!(drain(&mut reader, 8).expect("decodes"), b"x");
    let header = reader.header().expect("read");
    assert_eq!(header.extra(), Some(&[][..]));
    assert_eq!(header.filename(), Some(&[][..]));
}

#[test]
fn a_zlib_stream_with_a_small_window_from_python_decodes() {
    const SCRIPT: &str = "import sys, zlib\n\
        c = zlib.compressobj(9, zlib.DEFLATED, 9)\n\
        sys.stdout.buffer.write(c.compress(sys.stdin.buffer.read()) + c.flush())\n";
    let data = text(20_000);
    let wire = tool("python3", &["-c", SCRIPT], &data);
    let mut decoded = Vec::new();
    ZlibReader::new(&wire[..])
        .read_to_end(&mut decoded)
        .expect("window 2^9");
    assert!(decoded == data);
}
