//! What `contract.rs` reaches as `common::…`: the reference decoders, which live in the
//! test kit (`writestack_test::reference`) since the other crates' tests use them too.
//! The other test files import them from the kit directly.

#![allow(unused_imports, unreachable_pub)]

pub use writestack_test::reference::{
    decode, decode_gzip_members, decode_prefix, gzip_dc, python_zlib, Format,
};
