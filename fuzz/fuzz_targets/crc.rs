//! `Crc32Writer`, observe-only or with a trailer in either byte order, under a hostile
//! inner writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run, CrcSpec, LayerSpec, Script};

fuzz_target!(|input: (CrcSpec, Script)| {
    let (spec, script) = input;
    run(&[LayerSpec::Crc(spec)], &script);
});
