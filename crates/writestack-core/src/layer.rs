//! What every layer has in common, as a trait for generic code.

use crate::EncodeWriter;

/// What every writestack layer has, whatever it encodes: the writer below it and the
/// bytes it took in and handed down.
///
/// Generic code (a metrics table, a test suite) can read any layer through it. Each
/// layer also has the same methods as inherent methods, so using one layer needs no
/// import.
///
/// # Examples
///
/// ```
/// use std::io::Write;
/// use writestack_buf::BufWriter;
/// use writestack_core::Layer;
///
/// fn report<L: Layer>(layer: &L) -> String {
///     format!("{}: {} in, {} out", layer.name(), layer.total_in(), layer.total_out())
/// }
///
/// let mut writer = BufWriter::new(Vec::new());
/// writer.write_all(b"abc").unwrap();
/// assert_eq!(report(&writer), "BufWriter: 3 in, 0 out");
/// ```
pub trait Layer {
    /// The writer below this layer.
    type Inner;

    /// The layer's name, as its errors give it (`"GzipWriter"`).
    fn name(&self) -> &'static str;

    /// The inner writer.
    fn get_ref(&self) -> &Self::Inner;

    /// The inner writer, mutably. Writing to it directly corrupts the stream.
    fn get_mut(&mut self) -> &mut Self::Inner;

    /// Gives back the inner writer; see [`Finish`](crate::Finish) for when nothing is
    /// lost.
    fn into_inner(self) -> Self::Inner;

    /// Bytes accepted by `write` / `write_buf` so far.
    fn total_in(&self) -> u64;

    /// Bytes handed to the inner writer so far (what it took, tail included).
    fn total_out(&self) -> u64;
}

impl<W, E: crate::Encode, R: crate::Routing<E>> Layer for EncodeWriter<W, E, R> {
    type Inner = W;

    fn name(&self) -> &'static str {
        EncodeWriter::name(self)
    }

    fn get_ref(&self) -> &W {
        EncodeWriter::get_ref(self)
    }

    fn get_mut(&mut self) -> &mut W {
        EncodeWriter::get_mut(self)
    }

    fn into_inner(self) -> W {
        EncodeWriter::into_inner(self)
    }

    fn total_in(&self) -> u64 {
        EncodeWriter::total_in(self)
    }

    fn total_out(&self) -> u64 {
        EncodeWriter::total_out(self)
    }
}
