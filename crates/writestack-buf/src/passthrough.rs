//! The encoder behind `BufWriter`: bytes unchanged, large writes bypass the buffer.

use std::io;

use writestack_core::{Encode, OutBuf, Route};

/// Copies bytes into the buffer unchanged. A write at least as large as the buffer
/// capacity is routed straight to the inner writer: copying it would only add a copy
/// and split it into capacity-sized pieces.
#[derive(Debug, Default)]
pub(crate) struct Passthrough;

impl Encode for Passthrough {
    const VERBATIM: bool = true;

    fn name(&self) -> &'static str {
        "BufWriter"
    }

    #[inline]
    fn encode(&mut self, input: &[u8], out: &mut OutBuf) -> io::Result<usize> {
        Ok(out.push(input))
    }

    fn flush(&mut self, _out: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }

    fn finish(&mut self, _out: &mut OutBuf) -> io::Result<bool> {
        Ok(true)
    }

    #[inline]
    fn route(&mut self, len: usize, out: &OutBuf) -> io::Result<Route> {
        Ok(if len >= out.capacity() {
            Route::Direct
        } else {
            Route::Encode
        })
    }
}
