//! `DeflateWriter`, `ZlibWriter` and `GzipWriter` (through its builder): any level and
//! capacity, any header fields, under a hostile inner writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run, FlateSpec, LayerSpec, Script};

fuzz_target!(|input: (FlateSpec, Script)| {
    let (spec, script) = input;
    run(&[LayerSpec::Flate(spec)], &script);
});
