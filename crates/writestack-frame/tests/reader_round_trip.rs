//! Our `FrameWriter` -> our `FrameReader`, configured from one builder: every prefix
//! width in both orders and LEB128, message and chunked mode, end marker on and off,
//! empty streams; read back as bytes (std `Read`) and as frames (futures 0.1 and tokio 1
//! `Stream`s). The expected values are what was written.

mod reader_common;

use proptest::collection::vec;
use proptest::prelude::*;
use writestack_frame::{FrameReader, LengthField};
use writestack_test::{payload, read_to_end_retrying, PayloadKind};

#[cfg(feature = "tokio")]
use reader_common::frames_tokio1;
use reader_common::{every_field, frames_01, write_wire, Conf};

fn messages(lens: &[usize]) -> Vec<Vec<u8>> {
    lens.iter()
        .enumerate()
        .map(|(at, &len)| payload(PayloadKind::Random, at as u64, len))
        .collect()
}

#[test]
fn message_frames_come_back_one_to_one_for_every_prefix_with_and_without_end_marker() {
    let sent = messages(&[1, 5, 200, 255, 3000, 70_000, 1]);
    for field in every_field() {
        for end_marker in [false, true] {
            let conf = Conf {
                end_marker,
                ..Conf::message(field)
            };
            let sent: Vec<Vec<u8>> = sent
                .iter()
                .filter(|m| m.len() <= conf.max)
                .cloned()
                .collect();
            let wire = write_wire(&conf, &sent, false);
            let what = format!("{field:?}, end marker {end_marker}");
            assert_eq!(frames_01(conf.reader(&wire[..])).unwrap(), sent, "{what}");
            #[cfg(feature = "tokio")]
            assert_eq!(
                frames_tokio1(conf.reader(&wire[..])).unwrap(),
                sent,
                "{what}"
            );
            let mut reader = conf.reader(&wire[..]);
            assert_eq!(
                read_to_end_retrying(&mut reader, 1000).unwrap(),
                sent.concat(),
                "{what}"
            );
            assert!(reader.is_ended());
            assert_eq!(
                reader.frames_read(),
                sent.len() as u64 + u64::from(end_marker)
            );
            assert_eq!(reader.total_in(), wire.len() as u64, "{what}");
        }
    }
}

#[test]
fn chunked_streams_come_back_whole_for_every_prefix_and_write_size() {
    for field in every_field() {
        for (write, flush_each) in [
            (1, true),
            (7, false),
            (100, true),
            (5000, false),
            (20_000, true),
        ] {
            let conf = Conf {
                chunked: true,
                end_marker: true,
                capacity: 300,
                ..Conf::message(field)
            };
            let writes: Vec<Vec<u8>> = payload(PayloadKind::Text, 9, 30_000)
                .chunks(write)
                .map(<[u8]>::to_vec)
                .collect();
            let wire = write_wire(&conf, &writes, flush_each);
            for read_size in [1, 13, 4096] {
                let mut reader = conf.reader(&wire[..]);
                let got = read_to_end_retrying(&mut reader, read_size).unwrap();
                assert_eq!(got, writes.concat(), "{field:?} writes of {write}");
                assert!(reader.is_ended());
            }
        }
    }
}

#[test]
fn empty_streams_end_at_once_with_and_without_end_marker() {
    for field in every_field() {
        for chunked in [false, true] {
            for end_marker in [false, true] {
                let conf = Conf {
                    chunked,
                    end_marker,
                    ..Conf::message(field)
                };
                let wire = write_wire(&conf, &[], false);
                assert_eq!(wire.is_empty(), !end_marker);
                let mut reader = conf.reader(&wire[..]);
                assert!(read_to_end_retrying(&mut reader, 16).unwrap().is_empty());
                assert!(reader.is_ended());
                assert!(frames_01(conf.reader(&wire[..])).unwrap().is_empty());
                #[cfg(feature = "tokio")]
                assert!(frames_tokio1(conf.reader(&wire[..])).unwrap().is_empty());
            }
        }
    }
}

#[test]
fn the_defaults_read_what_the_default_writer_writes() {
    let sent = messages(&[64; 100]);
    let mut writer = writestack_frame::FrameWriter::new(Vec::new());
    for message in &sent {
        std::io::Write::write_all(&mut writer, message).unwrap();
    }
    std::io::Write::flush(&mut writer).unwrap();
    let wire = writer.into_inner();
    assert_eq!(frames_01(FrameReader::new(&wire[..])).unwrap(), sent);
    #[cfg(feature = "tokio")]
    assert_eq!(frames_tokio1(FrameReader::new(&wire[..])).unwrap(), sent);
}

fn field() -> impl Strategy<Value = LengthField> {
    (0..every_field().len()).prop_map(|at| every_field()[at])
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn random_messages_round_trip_as_frames_and_bytes(
        field in field(),
        lens in vec(prop_oneof![1usize..100, 100usize..3000], 0..20),
        end_marker in any::<bool>(),
        capacity in 11usize..2000,
    ) {
        let conf = Conf { end_marker, capacity, ..Conf::message(field) };
        let sent: Vec<Vec<u8>> = messages(&lens).into_iter().filter(|m| m.len() <= conf.max).collect();
        let wire = write_wire(&conf, &sent, false);
        prop_assert_eq!(frames_01(conf.reader(&wire[..])).unwrap(), sent.clone());
        #[cfg(feature = "tokio")]
        prop_assert_eq!(frames_tokio1(conf.reader(&wire[..])).unwrap(), sent.clone());
        let mut reader = conf.reader(&wire[..]);
        prop_assert_eq!(read_to_end_retrying(&mut reader, 97).unwrap(), sent.concat());
    }

    #[test]
    fn random_chunked_streams_round_trip(
        field in field(),
        writes in vec(1usize..2000, 0..20),
        flush_each in any::<bool>(),
        capacity in 11usize..3000,
        read_size in 1usize..5000,
    ) {
        let conf = Conf { chunked: true, end_marker: true, capacity, ..Conf::message(field) };
        let sent = messages(&writes);
        let wire = write_wire(&conf, &sent, flush_each);
        let mut reader = conf.reader(&wire[..]);
        prop_assert_eq!(read_to_end_retrying(&mut reader, read_size).unwrap(), sent.concat());
        prop_assert!(reader.is_ended());
    }
}
