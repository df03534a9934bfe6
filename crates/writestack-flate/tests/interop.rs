//! Round trips decoded by code this workspace did not write: the system `gzip -dc` and
//! Python 3's `zlib` (wbits 31, 15 and -15), run as child processes, and flate2's
//! `MultiGzDecoder`. A missing tool fails the test with a message naming it.

use std::io::Write;

use futures::Future;
use writestack_core::FinishExt;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};
use writestack_test::reference;
use writestack_test::reference::Format;
use writestack_test::{payload, PayloadKind};

/// A writer of `format` over a `Vec<u8>`, as a trait object so tests can loop formats.
trait Stream: Write {
    fn flush_stream(&mut self);
    fn finish_stream(self: Box<Self>) -> Vec<u8>;
    fn wire(&self) -> &[u8];
}

macro_rules! stream {
    ($layer:ident) => {
        impl Stream for $layer<Vec<u8>> {
            fn flush_stream(&mut self) {
                Write::flush(self).expect("flush over a Vec");
            }
            fn finish_stream(self: Box<Self>) -> Vec<u8> {
                (*self)
                    .finish()
                    .wait()
                    .expect("finish over a Vec")
                    .into_inner()
            }
            fn wire(&self) -> &[u8] {
                self.get_ref()
            }
        }
    };
}
stream!(DeflateWriter);
stream!(ZlibWriter);
stream!(GzipWriter);

fn open(format: Format, level: u32) -> Box<dyn Stream> {
    let level = Compression::new(level);
    match format {
        Format::Deflate => Box::new(DeflateWriter::new(Vec::new(), level)),
        Format::Zlib => Box::new(ZlibWriter::new(Vec::new(), level)),
        Format::Gzip => Box::new(GzipWriter::new(Vec::new(), level)),
    }
}

/// Writes `data` in chunks that cycle through odd sizes, from 1 byte to 40 KB.
fn write_in_odd_chunks(stream: &mut dyn Stream, data: &[u8]) {
    let mut pos = 0;
    let mut size = 1;
    while pos < data.len() {
        let end = (pos + size).min(data.len());
        stream.write_all(&data[pos..end]).unwrap();
        pos = end;
        size = if size > 40_000 { 1 } else { size * 5 + 3 };
    }
}

#[test]
fn python_zlib_decodes_every_format_at_every_level() {
    let text = payload(PayloadKind::Text, 11, 150_000);
    for format in Format::ALL {
        for level in 0..=9 {
            let mut stream = open(format, level);
            write_in_odd_chunks(&mut *stream, &text);
            let wire = stream.finish_stream();
            let decoded = reference::python_zlib(format.wbits(), &wire, true)
                .unwrap_or_else(|why| panic!("{format:?} level {level}: {why}"));
            assert!(
                decoded == text,
                "{format:?} level {level}: python decoded other bytes"
            );
        }
    }
}

#[test]
fn python_zlib_decodes_random_bytes_in_every_format() {
    let random = payload(PayloadKind::Random, 12, 300_000);
    for format in Format::ALL {
        let mut stream = open(format, 6);
        write_in_odd_chunks(&mut *stream, &random);
        let wire = stream.finish_stream();
        let decoded = reference::python_zlib(format.wbits(), &wire, true)
            .unwrap_or_else(|why| panic!("{format:?}: {why}"));
        assert!(decoded == random, "{format:?}: python decoded other bytes");
    }
}

#[test]
fn python_zlib_decodes_each_flushed_prefix_before_the_stream_ends() {
    let text = payload(PayloadKind::Text, 13, 90_000);
    for format in Format::ALL {
        let mut stream = open(format, 6);
        let mut written = 0;
        for piece in text.chunks(30_000) {
            stream.write_all(piece).unwrap();
            written += piece.len();
            stream.flush_stream();
            let decoded = reference::python_zlib(format.wbits(), stream.wire(), false)
                .unwrap_or_else(|why| panic!("{format:?} after {written} bytes: {why}"));
            assert!(
                decoded == text[..written],
                "{format:?}: the prefix flushed after {written} bytes decodes to {} bytes",
                decoded.len()
            );
        }
        let wire = stream.finish_stream();
        assert_eq!(
            reference::python_zlib(format.wbits(), &wire, true).unwrap(),
            text
        );
    }
}

#[test]
fn python_zlib_decodes_an_empty_stream_in_every_format() {
    for format in Format::ALL {
        let wire = open(format, 6).finish_stream();
        let decoded = reference::python_zlib(format.wbits(), &wire, true)
            .unwrap_or_else(|why| panic!("{format:?}: {why}"));
        assert!(decoded.is_empty(), "{format:?}");
    }
}

#[test]
fn gzip_dc_decodes_a_member_written_in_odd_chunks() {
    let text = payload(PayloadKind::Text, 14, 500_000);
    for level in [1, 6, 9] {
        let mut stream = open(Format::Gzip, level);
        write_in_odd_chunks(&mut *stream, &text);
        let wire = stream.finish_stream();
        let decoded =
            reference::gzip_dc(&wire).unwrap_or_else(|why| panic!("level {level}: {why}"));
        assert!(
            decoded == text,
            "level {level}: gzip -dc decoded other bytes"
        );
    }
}

#[test]
fn gzip_dc_decodes_an_empty_member() {
    let wire = open(Format::Gzip, 6).finish_stream();
    assert_eq!(reference::gzip_dc(&wire).unwrap(), b"");
}

#[test]
fn gzip_dc_decodes_two_members_made_with_finish_and_into_inner() {
    let first = payload(PayloadKind::Text, 15, 40_000);
    let second = payload(PayloadKind::Random, 16, 20_000);
    let mut writer = GzipWriter::new(Vec::new(), Compression::fast());
    writer.write_all(&first).unwrap();
    let file = writer.finish().wait().unwrap().into_inner();
    let first_member_len = file.len();
    let mut writer = GzipWriter::builder()
        .filename("second.bin")
        .new_write(file)
        .unwrap();
    writer.write_all(&second).unwrap();
    let file = writer.finish().wait().unwrap().into_inner();
    assert!(
        file.len() > first_member_len,
        "the second member was appended"
    );

    let expected = [first.clone(), second.clone()].concat();
    let decoded = reference::gzip_dc(&file).unwrap();
    assert!(
        decoded == expected,
        "gzip -dc: {} of {} bytes",
        decoded.len(),
        expected.len()
    );
    let decoded = reference::decode_gzip_members(&file).unwrap();
    assert!(
        decoded == expected,
        "MultiGzDecoder: {} of {} bytes",
        decoded.len(),
        expected.len()
    );
    // Each member is whole on its own.
    assert_eq!(
        reference::gzip_dc(&file[..first_member_len]).unwrap(),
        first
    );
}

#[test]
fn gzip_dc_refuses_a_member_cut_before_its_trailer() {
    // The check the other tests rely on: gzip -dc does notice a missing trailer.
    let text = payload(PayloadKind::Text, 17, 10_000);
    let mut stream = open(Format::Gzip, 6);
    stream.write_all(&text).unwrap();
    let wire = stream.finish_stream();
    assert!(reference::gzip_dc(&wire[..wire.len() - 4]).is_err());
}

#[test]
fn gzip_lists_the_file_name_from_the_builder() {
    let mut writer = GzipWriter::builder()
        .filename("report-2024.csv")
        .comment("made by writestack")
        .mtime(1_600_000_000)
        .operating_system(3)
        .new_write(Vec::new())
        .unwrap();
    writer.write_all(b"a,b\n1,2\n").unwrap();
    let wire = writer.finish().wait().unwrap().into_inner();
    let path = std::env::temp_dir().join(format!("writestack-flate-{}.gz", std::process::id()));
    std::fs::write(&path, &wire).unwrap();
    let listed = std::process::Command::new("gzip")
        .args(["-l", "-N"])
        .arg(&path)
        .output()
        .unwrap_or_else(|error| {
            panic!("`gzip` could not be started ({error}): this test needs gzip on PATH")
        });
    std::fs::remove_file(&path).unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("report-2024.csv"),
        "gzip -l -N printed: {listed}"
    );
}
