//! A stack of 1 to 5 layers of any kinds over a hostile inner writer, decoded layer by
//! layer from the wire up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use writestack_fuzz::{run_stack, LayerSpec, Script};

fuzz_target!(|input: (Vec<LayerSpec>, Script)| {
    let (layers, script) = input;
    run_stack(&layers, &script);
});
