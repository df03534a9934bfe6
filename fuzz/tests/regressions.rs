//! Minimized inputs that made a fuzz target fail before the defect behind it was fixed
//! (issue 9). Each is decoded exactly as its target decodes it and run through the
//! oracle, so the normal test run (`cd fuzz && cargo test --release`) keeps them fixed.

use arbitrary::{Arbitrary, Unstructured};
use writestack_fuzz::{run, Capacity, FlateSpec, FrameSpec, LayerSpec, Mode, Script};

fn bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex input"))
        .collect()
}

/// Decodes an input the way `fuzz_target!` does for a target taking `T`.
fn decode<'a, T: Arbitrary<'a>>(input: &'a [u8]) -> T {
    T::arbitrary_take_rest(Unstructured::new(input)).expect("the input decodes")
}

fn flate(hex: &str) {
    let input = bytes(hex);
    let (spec, script): (FlateSpec, Script) = decode(&input);
    run(&[LayerSpec::Flate(spec)], &script);
}

/// A sync flush whose codec filled a small buffer exactly on every call never ended.
#[test]
fn a_flush_with_a_small_flate_buffer_terminates() {
    flate("93ff005b9313ffff0000000000000000000023ff01000007938b8b8b8bff2175002210005b1791e6e6e670");
}

/// At level 0 a flush was declared done when the output ended with `00 00 ff ff`,
/// which stored payload bytes can do, leaving data inside the codec.
#[test]
fn a_level_zero_flush_does_not_stop_at_payload_bytes_that_look_like_a_sync_marker() {
    flate("0000000000000000406400000000000000ff000000c000000000000000010000002000000080002009010000002000000080002009010000006000");
}

/// A write after a finish that had been requested while a flush was blocked was
/// accepted, and its bytes landed before the tail.
#[test]
fn a_write_after_finish_was_requested_is_refused() {
    flate("939393c44000bebebebebebebebebebebebebe65656d6d6d6d6dffffffffffffffffffffffffffffff6d6d6d0401000000313131018a013131148d8d8d8bae6d6d6d6d6d6d6d6d6d656d939393c4000400000000001f1f1f1f1fffffff");
}

/// `poll_finish` during a shutdown in progress returned without flushing the inner
/// writer.
#[test]
fn a_finish_during_shutdown_flushes_the_inner_writer() {
    let input = bytes("3c3c4501000000000000ffff45bfe0e032e0aa003c45bfe0e0aa");
    let (capacity, script): (Capacity, Script) = decode(&input);
    run(&[LayerSpec::Buf(capacity)], &script);
}

/// A message `write_buf` whose `Buf` reports fewer slices than it holds was refused as
/// "more than 64 slices".
#[test]
fn a_message_in_a_buf_that_hides_slices_is_one_frame() {
    let input =
        bytes("8989000000000001002a041f138688ff00012a400100c64d408d40462a5d29408dc6c6c64dc0744d");
    let (spec, script): (FrameSpec, Script) = decode(&input);
    run(&[LayerSpec::Frame(spec, Mode::Message)], &script);
}
