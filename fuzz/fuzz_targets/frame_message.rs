//! `FrameWriter` in message mode (every write one frame): fixed prefixes of 1 to 8
//! bytes in both byte orders, LEB128 prefixes, any maximum and capacity, under a hostile
//! inner writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run, FrameSpec, LayerSpec, Mode, Script};

fuzz_target!(|input: (FrameSpec, Script)| {
    let (spec, script) = input;
    run(&[LayerSpec::Frame(spec, Mode::Message)], &script);
});
