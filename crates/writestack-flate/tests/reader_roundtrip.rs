//! Our writers' output read back by our readers: every level, flushes in the middle,
//! empty streams, real text, random payloads, every read size and buffer capacity.

mod reader_kit;

use std::io::Read;
use std::path::Path;

use proptest::prelude::*;
use reader_kit::{compress, decode, drain, Fmt, FORMATS};
use writestack_flate::{DeflateReader, GzipReader, ZlibReader};
use writestack_test::corpus::Corpus;
use writestack_test::{payload, payload_kind, PayloadKind};

fn corpus_text(len: usize) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Corpus::new(root, &["src", "tests"]).read(len, len.min(32 * 1024))
}

#[test]
fn every_level_with_flushes_in_the_middle_round_trips_in_every_format() {
    let text = payload(PayloadKind::Text, 1, 20_000);
    let parts: Vec<&[u8]> = text.chunks(3_000).collect();
    for fmt in FORMATS {
        for level in [0, 1, 6, 9] {
            let wire = compress(fmt, level, &parts);
            let decoded = decode(fmt, &wire, 4096).expect("our own stream decodes");
            assert_eq!(decoded, text, "{fmt:?} level {level}");
        }
    }
}

#[test]
fn empty_streams_decode_to_nothing_and_end_cleanly() {
    for fmt in FORMATS {
        for level in [0, 6] {
            let wire = compress(fmt, level, &[]);
            assert!(
                !wire.is_empty(),
                "an empty {fmt:?} stream still has its framing"
            );
            assert_eq!(
                decode(fmt, &wire, 16).expect("empty stream"),
                b"",
                "{fmt:?}"
            );
        }
    }
}

#[test]
fn corpus_text_round_trips_at_every_read_size() {
    let text = corpus_text(96 * 1024);
    for fmt in FORMATS {
        let wire = compress(fmt, 6, &[&text]);
        for read_size in [1, 2, 7, 100, 4096, 8192, 65_537, 1 << 20] {
            let decoded = decode(fmt, &wire, read_size).expect("our own stream decodes");
            assert!(decoded == text, "{fmt:?}, reads of {read_size}");
        }
    }
}

#[test]
fn tiny_and_odd_input_buffers_decode_the_same() {
    let text = corpus_text(40 * 1024);
    for fmt in FORMATS {
        let wire = compress(fmt, 9, &[&text[..10_000], &text[10_000..]]);
        for capacity in [1, 2, 3, 9, 1000, 1 << 16] {
            let decoded = match fmt {
                Fmt::Deflate => drain(DeflateReader::with_capacity(capacity, &wire[..]), 333),
                Fmt::Zlib => drain(ZlibReader::with_capacity(capacity, &wire[..]), 333),
                Fmt::Gzip => drain(GzipReader::with_capacity(capacity, &wire[..]), 333),
            }
            .expect("decodes");
            assert!(decoded == text, "{fmt:?}, capacity {capacity}");
        }
    }
}

#[test]
fn the_reader_reports_its_totals_and_end() {
    let text = payload(PayloadKind::Text, 3, 5_000);
    let wire = compress(Fmt::Gzip, 6, &[&text]);
    let mut reader = GzipReader::new(&wire[..]);
    assert!(!reader.is_ended());
    let mut decoded = Vec::new();
    reader.read_to_end(&mut decoded).expect("decodes");
    assert!(reader.is_ended());
    assert_eq!(reader.total_out(), text.len() as u64);
    assert_eq!(reader.total_in(), wire.len() as u64);
    assert_eq!(reader.read(&mut [0; 8]).expect("ended"), 0);
}

#[test]
fn multi_reads_members_written_one_after_another_as_one_payload() {
    let (a, b) = (
        payload(PayloadKind::Text, 4, 3_000),
        payload(PayloadKind::Random, 5, 3_000),
    );
    let mut wire = compress(Fmt::Gzip, 1, &[&a]);
    wire.extend(compress(Fmt::Gzip, 9, &[&b[..1000], &b[1000..]]));
    wire.extend(compress(Fmt::Gzip, 6, &[]));
    for read_size in [1, 64, 10_000] {
        let mut reader = GzipReader::multi(&wire[..]);
        let decoded = drain(&mut reader, read_size).expect("every member decodes");
        assert_eq!(decoded, [&a[..], &b[..]].concat());
        assert_eq!(reader.members(), 3);
    }
}

#[test]
fn the_header_from_our_builder_is_read_back() {
    use futures::Future;
    use std::io::Write;
    use writestack_core::FinishExt;
    let mut writer = writestack_flate::GzipWriter::builder()
        .filename("report.csv")
        .comment("monthly")
        .mtime(1_700_000_000)
        .operating_system(11)
        .new_write(Vec::new())
        .expect("valid options");
    writer.write_all(b"a,b\n1,2\n").expect("write");
    let wire = writer.finish().wait().expect("finish").into_inner();
    let mut reader = GzipReader::new(&wire[..]);
    let mut decoded = Vec::new();
    reader.read_to_end(&mut decoded).expect("decodes");
    let header = reader.header().expect("header read");
    assert_eq!(header.filename(), Some(&b"report.csv"[..]));
    assert_eq!(header.comment(), Some(&b"monthly"[..]));
    assert_eq!(header.mtime(), 1_700_000_000);
    assert_eq!(header.operating_system(), 11);
    assert_eq!(header.extra(), None);
    assert_eq!(decoded, b"a,b\n1,2\n");
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn random_payloads_round_trip_at_random_read_sizes_and_capacities(
        kind in payload_kind(),
        seed in any::<u64>(),
        len in 0usize..40_000,
        level in 0u32..=9,
        cut in 0usize..40_000,
        read_size in 1usize..20_000,
        capacity in 1usize..20_000,
    ) {
        let data = payload(kind, seed, len);
        let cut = cut.min(len);
        for fmt in FORMATS {
            let wire = compress(fmt, level, &[&data[..cut], &data[cut..]]);
            let decoded = match fmt {
                Fmt::Deflate => drain(DeflateReader::with_capacity(capacity, &wire[..]), read_size),
                Fmt::Zlib => drain(ZlibReader::with_capacity(capacity, &wire[..]), read_size),
                Fmt::Gzip => drain(GzipReader::with_capacity(capacity, &wire[..]), read_size),
            };
            prop_assert_eq!(decoded.expect("our own stream decodes"), data.clone(), "{:?}", fmt);
        }
    }
}

#[test]
fn multi_gives_the_current_members_header() {
    use futures::Future;
    use std::io::Write;
    use writestack_core::FinishExt;
    let mut wire = Vec::new();
    for name in ["first.txt", "second.txt"] {
        let mut writer = writestack_flate::GzipWriter::builder()
            .filename(name)
            .new_write(wire)
            .expect("valid options");
        writer.write_all(name.as_bytes()).expect("write");
        wire = writer.finish().wait().expect("finish").into_inner();
    }
    let mut reader = GzipReader::multi(&wire[..]);
    assert!(reader.header().is_none());
    let mut first = [0u8; 9];
    reader
        .read_exact(&mut first)
        .expect("the first member's payload");
    assert_eq!(&first, b"first.txt");
    assert_eq!(
        reader.header().and_then(|h| h.filename()),
        Some(&b"first.txt"[..])
    );
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).expect("the second member");
    assert_eq!(rest, b"second.txt");
    assert_eq!(
        reader.header().and_then(|h| h.filename()),
        Some(&b"second.txt"[..])
    );
}
