//! Wire bytes we did not write, read by `FrameReader`: tokio 0.1's `length_delimited`
//! encoder and tokio-util 0.7's `LengthDelimitedCodec` encoder (every prefix width 1 to
//! 8, both byte orders, empty frames included), and LEB128 prefixes written by the
//! `leb128` crate.
#![cfg(feature = "tokio")]

mod reader_common;

use bytes1::BytesMut as BytesMut1;
use proptest::collection::vec;
use proptest::prelude::*;
use writestack_core::Endian;
use writestack_frame::LengthField;
use writestack_test::reference::tokio_codec;
use writestack_test::{payload, read_to_end_retrying, PayloadKind};

use reader_common::{frames_01, frames_tokio1, Conf};

fn messages(lens: &[usize]) -> Vec<Vec<u8>> {
    lens.iter()
        .enumerate()
        .map(|(at, &len)| payload(PayloadKind::Random, 100 + at as u64, len))
        .collect()
}

/// Lengths that fit a `width`-byte prefix, with empty frames among them.
fn lens_for(width: usize) -> Vec<usize> {
    let fits = |len: &usize| width >= 3 || *len < (1 << (8 * width));
    [0, 1, 64, 0, 255, 256, 1000, 65_535, 65_536, 100_000, 0, 3]
        .into_iter()
        .filter(fits)
        .collect()
}

fn tokio01_wire(width: usize, endian: Endian, max: usize, frames: &[Vec<u8>]) -> Vec<u8> {
    use tokio::codec::Encoder;
    let mut codec = tokio_codec(width, endian, max);
    let mut wire = bytes::BytesMut::new();
    for frame in frames {
        codec
            .encode(bytes::Bytes::from(frame.clone()), &mut wire)
            .unwrap();
    }
    wire.to_vec()
}

fn tokio_util_wire(width: usize, endian: Endian, max: usize, frames: &[Vec<u8>]) -> Vec<u8> {
    use tokio_util::codec::{Encoder, LengthDelimitedCodec};
    let mut builder = LengthDelimitedCodec::builder();
    builder.length_field_length(width).max_frame_length(max);
    match endian {
        Endian::Big => builder.big_endian(),
        Endian::Little => builder.little_endian(),
    };
    let mut codec = builder.new_codec();
    let mut wire = BytesMut1::new();
    for frame in frames {
        codec
            .encode(bytes1::Bytes::from(frame.clone()), &mut wire)
            .unwrap();
    }
    wire.to_vec()
}

fn check_all_ways(conf: &Conf, wire: &[u8], sent: &[Vec<u8>], what: &str) {
    assert_eq!(
        frames_01(conf.reader(wire)).unwrap(),
        sent,
        "{what}: futures 0.1 Stream"
    );
    assert_eq!(
        frames_tokio1(conf.reader(wire)).unwrap(),
        sent,
        "{what}: tokio 1 Stream"
    );
    let mut reader = conf.reader(wire);
    assert_eq!(
        read_to_end_retrying(&mut reader, 777).unwrap(),
        sent.concat(),
        "{what}: Read"
    );
    assert_eq!(reader.frames_read(), sent.len() as u64, "{what}");
}

#[test]
fn tokio01_length_delimited_frames_read_back_for_every_width_and_order() {
    for width in 1..=8 {
        for endian in [Endian::Big, Endian::Little] {
            let conf = Conf::message(LengthField::Fixed { width, endian });
            let sent = messages(&lens_for(width));
            let wire = tokio01_wire(width, endian, conf.max, &sent);
            check_all_ways(
                &conf,
                &wire,
                &sent,
                &format!("tokio 0.1, {width} bytes {endian:?}"),
            );
        }
    }
}

#[test]
fn tokio_util_length_delimited_frames_read_back_for_every_width_and_order() {
    for width in 1..=8 {
        for endian in [Endian::Big, Endian::Little] {
            let conf = Conf::message(LengthField::Fixed { width, endian });
            let sent = messages(&lens_for(width));
            let wire = tokio_util_wire(width, endian, conf.max, &sent);
            check_all_ways(
                &conf,
                &wire,
                &sent,
                &format!("tokio-util, {width} bytes {endian:?}"),
            );
        }
    }
}

#[test]
fn tokio_util_empty_frame_is_the_end_marker_when_configured_and_the_rest_stays() {
    let conf = Conf {
        end_marker: true,
        ..Conf::message(LengthField::Fixed {
            width: 4,
            endian: Endian::Big,
        })
    };
    let sent = messages(&[10, 20]);
    let mut with_marker = sent.clone();
    with_marker.push(Vec::new());
    with_marker.push(b"after".to_vec());
    let wire = tokio_util_wire(4, Endian::Big, conf.max, &with_marker);
    assert_eq!(frames_tokio1(conf.reader(&wire[..])).unwrap(), sent);
    let mut reader = conf.reader(&wire[..]);
    assert_eq!(read_to_end_retrying(&mut reader, 5).unwrap(), sent.concat());
    let (_, rest) = reader.into_parts();
    assert_eq!(&rest[..], b"\0\0\0\x05after");
}

fn leb128_wire(frames: &[Vec<u8>]) -> Vec<u8> {
    let mut wire = Vec::new();
    for frame in frames {
        leb128::write::unsigned(&mut wire, frame.len() as u64).unwrap();
        wire.extend_from_slice(frame);
    }
    wire
}

#[test]
fn leb128_crate_prefixes_read_back_on_both_sides_of_every_width_change() {
    let conf = Conf::message(LengthField::Varint);
    let lens = [0, 1, 127, 128, 129, 16_383, 16_384, 16_385, 0, 300_000];
    let sent = messages(&lens);
    let wire = leb128_wire(&sent);
    check_all_ways(&conf, &wire, &sent, "leb128");
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn random_tokio_util_and_leb128_streams_read_back(
        width in 1usize..=8,
        little in any::<bool>(),
        lens in vec(0usize..400, 0..30),
    ) {
        let endian = if little { Endian::Little } else { Endian::Big };
        let lens: Vec<usize> = lens.into_iter().filter(|&len| width > 1 || len < 256).collect();
        let sent = messages(&lens);
        let conf = Conf::message(LengthField::Fixed { width, endian });
        let wire = tokio_util_wire(width, endian, conf.max, &sent);
        prop_assert_eq!(frames_tokio1(conf.reader(&wire[..])).unwrap(), sent.clone());
        let varint = Conf::message(LengthField::Varint);
        let wire = leb128_wire(&sent);
        prop_assert_eq!(frames_01(varint.reader(&wire[..])).unwrap(), sent);
    }
}
