//! Corrupt and cut input: every error is `InvalidData` (naming what was wrong) or
//! `UnexpectedEof`, a flip the format cannot see still gives the right payload, and no
//! byte sequence panics or ends cleanly when it should not.

mod reader_kit;

use std::io::{self, ErrorKind, Read};

use reader_kit::{compress, decode, drain, Fmt};
use writestack_flate::{GzipReader, ZlibReader, MAX_HEADER_FIELD};
use writestack_test::{payload, PayloadKind};

fn gzip_error(wire: &[u8]) -> io::Error {
    decode(Fmt::Gzip, wire, 4096).expect_err("must be refused")
}

fn assert_invalid(error: &io::Error, needle: &str) {
    assert_eq!(error.kind(), ErrorKind::InvalidData, "{error}");
    let message = error.to_string();
    assert!(
        message.contains(needle),
        "{message:?} should name {needle:?}"
    );
    assert!(
        message.contains("Reader"),
        "{message:?} should name the layer"
    );
}

#[test]
fn every_single_bit_flip_is_refused_or_harmless() {
    let data = payload(PayloadKind::Text, 21, 300);
    for fmt in [Fmt::Gzip, Fmt::Zlib] {
        let wire = compress(fmt, 6, &[&data]);
        for bit in 0..wire.len() * 8 {
            let mut bad = wire.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            match decode(fmt, &bad, 64) {
                Ok(decoded) => {
                    assert_eq!(decoded, data, "{fmt:?}: a flip of bit {bit} went unseen");
                }
                Err(error) => assert!(
                    matches!(
                        error.kind(),
                        ErrorKind::InvalidData | ErrorKind::UnexpectedEof
                    ),
                    "{fmt:?} bit {bit}: {error:?}"
                ),
            }
        }
    }
}

#[test]
fn flips_in_gzip_fields_nothing_checks_give_the_payload() {
    let data = payload(PayloadKind::Text, 22, 300);
    let wire = compress(Fmt::Gzip, 6, &[&data]);
    // FTEXT (byte 3, bit 0), MTIME (4..8), XFL (8), OS (9).
    let unchecked = [(3, 0x01), (4, 0xff), (7, 0x80), (8, 0x06), (9, 0xff)];
    for (at, mask) in unchecked {
        let mut changed = wire.clone();
        changed[at] ^= mask;
        assert_eq!(
            decode(Fmt::Gzip, &changed, 64).expect("unchecked field"),
            data
        );
    }
}

#[test]
fn each_byte_inverted_in_turn_never_panics() {
    let data = payload(PayloadKind::Random, 23, 200);
    for fmt in [Fmt::Gzip, Fmt::Zlib, Fmt::Deflate] {
        let wire = compress(fmt, 1, &[&data]);
        for at in 0..wire.len() {
            let mut bad = wire.clone();
            bad[at] ^= 0xff;
            if let Err(error) = decode(fmt, &bad, 7) {
                assert!(
                    matches!(
                        error.kind(),
                        ErrorKind::InvalidData | ErrorKind::UnexpectedEof
                    ),
                    "{fmt:?} byte {at}: {error:?}"
                );
            }
        }
    }
}

#[test]
fn a_stream_cut_anywhere_is_never_a_clean_end() {
    let data = payload(PayloadKind::Text, 24, 2_000);
    for fmt in [Fmt::Gzip, Fmt::Zlib, Fmt::Deflate] {
        let wire = compress(fmt, 6, &[&data[..1000], &data[1000..]]);
        for cut in 0..wire.len() {
            let error = decode(fmt, &wire[..cut], 100).expect_err("a cut stream ended cleanly");
            assert!(
                matches!(
                    error.kind(),
                    ErrorKind::UnexpectedEof | ErrorKind::InvalidData
                ),
                "{fmt:?} cut at {cut}: {error:?}"
            );
        }
        // Raw deflate has no trailer, but a cut before the final block is still seen.
        let cut_mid = decode(fmt, &wire[..wire.len() / 2], 100).expect_err("cut");
        assert_eq!(cut_mid.kind(), ErrorKind::UnexpectedEof, "{fmt:?}");
    }
}

#[test]
fn a_gzip_cut_in_the_header_body_or_trailer_is_unexpected_eof() {
    let wire = compress(Fmt::Gzip, 6, &[b"some payload"]);
    for cut in [0, 1, 5, 10, 12, wire.len() - 8, wire.len() - 1] {
        let error = gzip_error(&wire[..cut]);
        assert_eq!(
            error.kind(),
            ErrorKind::UnexpectedEof,
            "cut at {cut}: {error}"
        );
    }
}

#[test]
fn a_wrong_crc32_is_invalid_data_naming_the_crc() {
    let mut wire = compress(Fmt::Gzip, 6, &[b"checked payload"]);
    let at = wire.len() - 8;
    wire[at] ^= 0x01;
    assert_invalid(&gzip_error(&wire), "CRC32 mismatch");
}

#[test]
fn a_wrong_isize_is_invalid_data_naming_isize() {
    let mut wire = compress(Fmt::Gzip, 6, &[b"checked payload"]);
    let at = wire.len() - 4;
    wire[at] ^= 0x01;
    assert_invalid(&gzip_error(&wire), "ISIZE mismatch");
}

#[test]
fn a_wrong_adler32_is_invalid_data_naming_adler() {
    let mut wire = compress(Fmt::Zlib, 6, &[b"checked payload"]);
    let last = wire.len() - 1;
    wire[last] ^= 0x01;
    let error = decode(Fmt::Zlib, &wire, 4096).expect_err("wrong Adler-32");
    assert_invalid(&error, "Adler-32");
}

#[test]
fn a_bad_magic_method_or_reserved_flag_is_named() {
    let wire = compress(Fmt::Gzip, 6, &[b"x"]);
    let cases: [(usize, u8, &str); 4] = [
        (0, 0x1e, "bad gzip magic"),
        (1, 0x8c, "bad gzip magic"),
        (2, 7, "unknown gzip compression method"),
        (3, 0x20, "reserved gzip header flag"),
    ];
    for (at, value, needle) in cases {
        let mut bad = wire.clone();
        bad[at] = value;
        assert_invalid(&gzip_error(&bad), needle);
    }
}

#[test]
fn corrupt_deflate_data_is_named() {
    // A block of the reserved type 3 right after a valid header.
    let mut wire = compress(Fmt::Gzip, 6, &[b"x"]);
    wire[10] = 0x07;
    assert_invalid(&gzip_error(&wire), "corrupt deflate data");
}

#[test]
fn a_file_name_over_the_limit_is_refused_before_it_is_held() {
    let mut wire = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
    wire.extend(std::iter::repeat_n(b'n', MAX_HEADER_FIELD + 1));
    wire.push(0);
    assert_invalid(&gzip_error(&wire), "file name longer than");
    // At the limit it is accepted (and the member then decodes).
    let mut ok = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
    ok.extend(std::iter::repeat_n(b'n', MAX_HEADER_FIELD));
    ok.push(0);
    ok.extend(&compress(Fmt::Gzip, 6, &[b"x"])[10..]);
    let mut reader = GzipReader::new(&ok[..]);
    assert_eq!(drain(&mut reader, 10).expect("at the limit"), b"x");
    assert_eq!(
        reader.header().and_then(|h| h.filename()).map(<[u8]>::len),
        Some(MAX_HEADER_FIELD)
    );
}

#[test]
fn a_comment_that_never_ends_is_refused_not_buffered() {
    let mut wire = vec![0x1f, 0x8b, 8, 0x10, 0, 0, 0, 0, 0, 3];
    wire.extend(std::iter::repeat_n(b'c', 3 * MAX_HEADER_FIELD));
    assert_invalid(&gzip_error(&wire), "comment longer than");
}

#[test]
fn multi_refuses_garbage_after_a_member_and_a_cut_second_member() {
    let member = compress(Fmt::Gzip, 6, &[b"one"]);
    let mut garbage = member.clone();
    garbage.extend_from_slice(b"\0\0\0");
    let error = drain(GzipReader::multi(&garbage[..]), 64).expect_err("garbage");
    assert_invalid(&error, "bad gzip magic");

    let mut cut = member.clone();
    cut.extend_from_slice(&member[..15]);
    let error = drain(GzipReader::multi(&cut[..]), 64).expect_err("cut member");
    assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
    let error = drain(GzipReader::multi(&b""[..]), 64).expect_err("no member at all");
    assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
}

#[test]
fn an_error_is_sticky() {
    let mut wire = compress(Fmt::Zlib, 6, &[b"payload"]);
    wire[0] = 0;
    let mut reader = ZlibReader::new(&wire[..]);
    let mut buf = [0; 64];
    let first = reader.read(&mut buf).expect_err("bad header");
    let second = reader.read(&mut buf).expect_err("still failed");
    assert_eq!(first.kind(), ErrorKind::InvalidData);
    assert_eq!(second.kind(), first.kind());
}
