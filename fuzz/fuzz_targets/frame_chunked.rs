//! `FrameWriter` in chunked mode (one byte stream cut into frames), fixed or LEB128
//! prefixes, end marker on or off, under a hostile inner writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run, FrameSpec, LayerSpec, Mode, Script};

fuzz_target!(|input: (FrameSpec, Script)| {
    let (spec, script) = input;
    run(&[LayerSpec::Frame(spec, Mode::Chunked)], &script);
});
