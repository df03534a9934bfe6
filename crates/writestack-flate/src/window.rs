//! Window sizes: what the backend in this build accepts, checked before flate2 sees them
//! (`Compress::new_with_window_bits` panics outside 9..=15, and miniz_oxide has only 15).

use std::io;

use crate::{MAX_WINDOW_BITS, MIN_WINDOW_BITS};

/// `Ok` for window bits this build's backend supports, else `InvalidInput` naming `layer`
/// and why: outside 9..=15, or below 15 without the `zlib-rs` feature.
pub(crate) fn check(layer: &str, window_bits: u8) -> io::Result<()> {
    let smallest = if cfg!(feature = "zlib-rs") {
        MIN_WINDOW_BITS
    } else {
        MAX_WINDOW_BITS
    };
    if (smallest..=MAX_WINDOW_BITS).contains(&window_bits) {
        return Ok(());
    }
    let why = if (MIN_WINDOW_BITS..MAX_WINDOW_BITS).contains(&window_bits) {
        format!("window bits {window_bits} need the `zlib-rs` feature (miniz_oxide has only 15)")
    } else {
        format!("window bits {window_bits} are outside {MIN_WINDOW_BITS}..={MAX_WINDOW_BITS}")
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{layer}: {why}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_bits_outside_the_range_are_refused_with_the_layer_named() {
        for bits in [0, 8, 16, u8::MAX] {
            let error = check("ZlibWriter", bits).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
            assert!(
                error.to_string().starts_with("ZlibWriter: window bits"),
                "{error}"
            );
        }
        assert!(check("ZlibWriter", MAX_WINDOW_BITS).is_ok());
        assert_eq!(check("ZlibWriter", 12).is_ok(), cfg!(feature = "zlib-rs"));
    }
}
