//! Input a `FrameReader` must refuse without a panic, a hang or an allocation by an
//! unchecked length (rule R3): lengths over the maximum, overlong or unterminated LEB128
//! prefixes, streams cut anywhere, bytes flipped anywhere; and rule R6, the bytes after
//! an end marker handed on to the next reader.

mod reader_common;

use std::io::{self, Read};

use futures::Stream;
use writestack_core::Endian;
use writestack_frame::{Builder, FrameReader, LengthField};
use writestack_test::{payload, read_to_end_retrying, PayloadKind};

#[cfg(feature = "tokio")]
use reader_common::frames_tokio1;
use reader_common::{frames_01, write_wire, Conf};

fn kind_of<T: std::fmt::Debug>(result: io::Result<T>) -> io::ErrorKind {
    result.unwrap_err().kind()
}

#[test]
fn a_length_over_the_maximum_is_invalid_data_naming_the_reader_on_every_interface() {
    // 0xFFFF_FFFF in a 4-byte prefix; u64::MAX in an 8-byte one; one over a small max.
    let cases: [(Conf, Vec<u8>); 3] = [
        (
            Conf::message(LengthField::Fixed {
                width: 4,
                endian: Endian::Big,
            }),
            vec![0xFF; 4],
        ),
        (
            Conf::message(LengthField::Fixed {
                width: 8,
                endian: Endian::Little,
            }),
            vec![0xFF; 8],
        ),
        (
            Conf {
                max: 100,
                ..Conf::message(LengthField::Fixed {
                    width: 2,
                    endian: Endian::Big,
                })
            },
            vec![0, 101],
        ),
    ];
    for (conf, wire) in cases {
        let mut reader = conf.reader(&wire[..]);
        let error = read_to_end_retrying(&mut reader, 64).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().starts_with("FrameReader"), "{error}");
        assert!(error.to_string().contains("maximum"), "{error}");
        // Sticky: the next read fails the same way.
        assert_eq!(
            kind_of(read_to_end_retrying(&mut reader, 64)),
            io::ErrorKind::InvalidData
        );
        assert_eq!(reader.frame_buffer_len(), 0);
        assert_eq!(
            kind_of(frames_01(conf.reader(&wire[..]))),
            io::ErrorKind::InvalidData
        );
        #[cfg(feature = "tokio")]
        assert_eq!(
            kind_of(frames_tokio1(conf.reader(&wire[..]))),
            io::ErrorKind::InvalidData
        );
    }
}

#[test]
fn a_varint_over_the_maximum_is_refused_before_its_last_byte() {
    // 0xFF 0xFF 0x01 is 2^21 - 1; with a maximum of 1000 the second byte (16 383 so far,
    // more to come) already tells, so the cut after it is InvalidData, not UnexpectedEof.
    let conf = Conf {
        max: 1000,
        ..Conf::message(LengthField::Varint)
    };
    let mut reader = conf.reader(&[0xFFu8, 0xFF][..]);
    assert_eq!(
        kind_of(read_to_end_retrying(&mut reader, 8)),
        io::ErrorKind::InvalidData
    );
}

#[test]
fn overlong_varints_are_invalid_data_and_an_unterminated_one_is_unexpected_eof() {
    let conf = Conf {
        max: usize::MAX >> 1,
        ..Conf::message(LengthField::Varint)
    };
    let eleven = [0x80u8; 11];
    assert_eq!(
        kind_of(read_to_end_retrying(&mut conf.reader(&eleven[..]), 8)),
        io::ErrorKind::InvalidData
    );
    let over_64_bits = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F];
    let mut reader = conf.reader(&over_64_bits[..]);
    assert_eq!(
        kind_of(read_to_end_retrying(&mut reader, 8)),
        io::ErrorKind::InvalidData
    );
    let unterminated = [0x05, b'h', b'e', b'l', b'l', b'o', 0x81, 0x80];
    let mut reader = conf.reader(&unterminated[..]);
    let error = read_to_end_retrying(&mut reader, 8).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    assert!(error.to_string().contains("length prefix"), "{error}");
}

#[test]
fn a_stream_with_an_end_marker_cut_at_any_position_is_unexpected_eof() {
    for field in [
        LengthField::Varint,
        LengthField::Fixed {
            width: 4,
            endian: Endian::Big,
        },
    ] {
        let conf = Conf {
            chunked: true,
            end_marker: true,
            capacity: 40,
            ..Conf::message(field)
        };
        let writes: Vec<Vec<u8>> = vec![payload(PayloadKind::Text, 3, 150)];
        let wire = write_wire(&conf, &writes, false);
        for cut in 0..wire.len() {
            let mut reader = conf.reader(&wire[..cut]);
            let error = read_to_end_retrying(&mut reader, 16).unwrap_err();
            assert_eq!(
                error.kind(),
                io::ErrorKind::UnexpectedEof,
                "cut at {cut}: {error}"
            );
            assert_eq!(
                kind_of(frames_01(conf.reader(&wire[..cut]))),
                io::ErrorKind::UnexpectedEof
            );
        }
        let mut whole = conf.reader(&wire[..]);
        assert_eq!(
            read_to_end_retrying(&mut whole, 16).unwrap(),
            writes.concat()
        );
    }
}

#[test]
fn a_message_stream_cut_inside_a_frame_is_unexpected_eof_and_between_frames_ends() {
    let conf = Conf::message(LengthField::Fixed {
        width: 2,
        endian: Endian::Big,
    });
    let wire = b"\0\x03abc\0\x02de";
    for cut in 0..=wire.len() {
        let between = [0, 5, wire.len()].contains(&cut);
        let result = frames_01(conf.reader(&wire[..cut]));
        match result {
            Ok(frames) => assert!(between, "cut at {cut} gave {frames:?}"),
            Err(error) => {
                assert!(!between, "cut at {cut}: {error}");
                assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
            }
        }
    }
}

#[test]
fn every_byte_corrupted_never_panics_or_overruns_the_maximum() {
    for field in [
        LengthField::Varint,
        LengthField::Fixed {
            width: 2,
            endian: Endian::Little,
        },
    ] {
        for chunked in [false, true] {
            let conf = Conf {
                chunked,
                end_marker: chunked,
                max: 300,
                capacity: 50,
                ..Conf::message(field)
            };
            let sent = vec![
                payload(PayloadKind::Random, 1, 200),
                payload(PayloadKind::Random, 2, 90),
            ];
            let wire = write_wire(&conf, &sent, false);
            for at in 0..wire.len() {
                for flip in [0x01u8, 0x80, 0xFF] {
                    let mut bad = wire.clone();
                    bad[at] ^= flip;
                    let mut reader = conf.reader(&bad[..]);
                    let _ = read_to_end_retrying(&mut reader, 33);
                    let mut reader = conf.reader(&bad[..]);
                    loop {
                        match reader.poll() {
                            Ok(futures::Async::Ready(Some(frame))) => {
                                assert!(frame.len() <= conf.max);
                            }
                            Ok(futures::Async::Ready(None)) | Err(_) => break,
                            Ok(futures::Async::NotReady) => panic!("NotReady from a slice"),
                        }
                        assert!(reader.frame_buffer_len() <= conf.max + 8192);
                    }
                }
            }
        }
    }
}

#[test]
fn after_the_end_marker_the_rest_goes_to_the_next_reader() {
    // R6: two framed streams (end marker on), then "NEXT", on one inner reader.
    let mut builder = Builder::new();
    builder.chunked();
    let chunked = Conf {
        chunked: true,
        end_marker: true,
        ..Conf::message(LengthField::Fixed {
            width: 4,
            endian: Endian::Big,
        })
    };
    let first = write_wire(&chunked, &[b"first".to_vec()], false);
    let second = write_wire(&chunked, &[b"second stream".to_vec()], false);
    let mut wire = [first, second].concat();
    wire.extend_from_slice(b"NEXT");
    for read_size in [1, 3, 100] {
        let mut one = builder.new_read(io::Cursor::new(wire.clone())).unwrap();
        assert_eq!(read_to_end_retrying(&mut one, read_size).unwrap(), b"first");
        let mut two = builder.new_read_from_parts(one.into_parts()).unwrap();
        assert_eq!(
            read_to_end_retrying(&mut two, read_size).unwrap(),
            b"second stream"
        );
        assert!(two.is_ended());
        let (mut inner, leftover) = two.into_parts();
        let mut rest = leftover.to_vec();
        inner.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"NEXT", "reads of {read_size}");
    }
    // The same through the `Stream`s, with the defaults' message mode and a marker.
    let mut marker = Builder::new();
    marker.end_marker(true);
    let wire = b"\0\0\0\x01a\0\0\0\0\0\0\0\x01b\0\0\0\0NEXT";
    assert_eq!(
        frames_01(marker.new_read(&wire[..]).unwrap()).unwrap(),
        [b"a".to_vec()]
    );
    let mut one = marker.new_read(&wire[..]).unwrap();
    assert!(matches!(
        one.poll().unwrap(),
        futures::Async::Ready(Some(_))
    ));
    assert!(matches!(one.poll().unwrap(), futures::Async::Ready(None)));
    // A default reader built from the parts and given them back untouched loses nothing.
    let untouched = FrameReader::from_parts(one.into_parts());
    let mut two = marker.new_read_from_parts(untouched.into_parts()).unwrap();
    assert_eq!(
        two.poll().unwrap(),
        futures::Async::Ready(Some(bytes::Bytes::from_static(b"b")))
    );
    assert_eq!(two.poll().unwrap(), futures::Async::Ready(None));
    let (_, leftover) = two.into_parts();
    assert_eq!(&leftover[..], b"NEXT");
}
