//! `BufWriter` at any capacity under a hostile inner writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run, Capacity, LayerSpec, Script};

fuzz_target!(|input: (Capacity, Script)| {
    let (capacity, script) = input;
    run(&[LayerSpec::Buf(capacity)], &script);
});
