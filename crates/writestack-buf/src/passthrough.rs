//! The encoder behind `BufWriter`: bytes unchanged.

use std::io;

use writestack_core::{Encode, OutBuf};

/// Copies bytes into the buffer unchanged. Under the [`Verbatim`](writestack_core::Verbatim)
/// routing the adapter copies short writes itself and sends writes at least as large as
/// the buffer straight to the inner writer, so this is only reached for the rest.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Passthrough;

impl Encode for Passthrough {
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
}
