//! Whole stacks in random orders (layers repeated), under random chunkings and hostile
//! inner schedules, decode back to the input with decoders we did not write, carry every
//! tail exactly once and reach the transport's shutdown exactly once.

mod stacks;

use proptest::collection::vec;
use proptest::prelude::*;
use stacks::{kind, run_stack, total_len, Kind};
use writestack_test::reference::{gunzip_exact, strip_crc, unframe_chunked, unframe_messages};
use writestack_test::{hostile_schedule, ops, payload, payload_kind, Op};

/// Undoes `kinds` (top first) from the bottom up, each with a decoder we did not write.
fn decode(kinds: &[Kind], wire: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = wire.to_vec();
    for kind in kinds.iter().rev() {
        bytes = match kind {
            Kind::Buf { .. } => bytes,
            Kind::Gzip { .. } => gunzip_exact(&bytes)?,
            Kind::Crc => strip_crc(&bytes)?,
            Kind::FrameMessage => unframe_messages(&bytes)?,
            Kind::FrameChunked { .. } => unframe_chunked(&bytes)?,
        };
    }
    Ok(bytes)
}

proptest! {
    #![proptest_config(writestack_test::config())]

    #[test]
    fn any_stack_order_round_trips_under_hostile_transports(
        kinds in vec(kind(), 1..6),
        ops in ops(),
        schedule in hostile_schedule(),
        kind in payload_kind(),
        seed in any::<u64>(),
    ) {
        let data = payload(kind, seed, total_len(&ops));
        let wire = run_stack(&kinds, schedule, &ops, &data);
        match decode(&kinds, &wire) {
            Ok(decoded) => prop_assert!(
                decoded == data,
                "{kinds:?}: decoded {} bytes, expected {} (first difference at {:?})",
                decoded.len(),
                data.len(),
                decoded.iter().zip(&data).position(|(a, b)| a != b)
            ),
            Err(why) => prop_assert!(false, "{kinds:?}: the wire does not decode: {why}"),
        }
    }

    #[test]
    fn stack_with_every_layer_decodes_the_same_under_any_schedule(
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        ops in ops(),
        first in hostile_schedule(),
        second in hostile_schedule(),
        seed in any::<u64>(),
    ) {
        let all = [
            Kind::Buf { capacity: 300 },
            Kind::Gzip { level: 6 },
            Kind::Crc,
            Kind::FrameChunked { capacity: 200 },
        ];
        let kinds: Vec<Kind> = order.iter().map(|&i| all[i]).collect();
        let data = payload(writestack_test::PayloadKind::Text, seed, total_len(&ops));
        let one = decode(&kinds, &run_stack(&kinds, first, &ops, &data));
        let two = decode(&kinds, &run_stack(&kinds, second, &ops, &data));
        prop_assert_eq!(one.as_ref(), Ok(&data), "{:?} under the first schedule", kinds);
        prop_assert_eq!(two.as_ref(), Ok(&data), "{:?} under the second schedule", kinds);
    }
}

#[test]
fn a_tail_appended_twice_is_caught_by_the_decoders() {
    // The decoders must reject what a layer finishing twice would produce, or the
    // properties above could not see it.
    let kinds = [Kind::Crc, Kind::Gzip { level: 6 }];
    let data = b"once only".to_vec();
    let ops = [Op::Write(data.len())];
    let mut wire = run_stack(&kinds, Vec::new(), &ops, &data);
    assert_eq!(decode(&kinds, &wire).unwrap(), data);
    let trailer = wire[wire.len() - 8..].to_vec();
    wire.extend_from_slice(&trailer);
    assert!(
        decode(&kinds, &wire).is_err(),
        "a doubled gzip trailer decoded"
    );

    let chunked = [Kind::FrameChunked { capacity: 64 }];
    let mut wire = run_stack(&chunked, Vec::new(), &ops, &data);
    assert_eq!(decode(&chunked, &wire).unwrap(), data);
    wire.extend_from_slice(&[0, 0, 0, 0]);
    assert!(
        decode(&chunked, &wire).is_err(),
        "a doubled end marker decoded"
    );
}
