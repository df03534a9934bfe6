//! Compression levels: what every backend accepts.

use std::io;

use flate2::Compression;

/// The highest level every flate2 backend accepts. miniz_oxide also knows a level 10, but
/// zlib-rs refuses it with a panic inside `Compress::new`, so a level chosen on one
/// backend must not become a crash on the other.
pub(crate) const MAX_LEVEL: u32 = 9;

/// `level`, or level 9 when it is higher: what the infallible constructors use.
pub(crate) fn clamp(level: Compression) -> Compression {
    if level.level() > MAX_LEVEL {
        Compression::new(MAX_LEVEL)
    } else {
        level
    }
}

/// `level`, or `InvalidInput` naming `layer` when it is higher than 9: what builders use.
pub(crate) fn check(layer: &str, level: Compression) -> io::Result<Compression> {
    if level.level() > MAX_LEVEL {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{layer}: compression level {} is out of range (0 to {MAX_LEVEL})",
                level.level()
            ),
        ));
    }
    Ok(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_above_nine_are_clamped_and_refused() {
        assert_eq!(clamp(Compression::new(10)).level(), 9);
        assert_eq!(clamp(Compression::new(u32::MAX)).level(), 9);
        assert_eq!(clamp(Compression::new(3)).level(), 3);
        let error = check("GzipWriter", Compression::new(10)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("GzipWriter"), "{error}");
        assert_eq!(check("x", Compression::new(9)).unwrap().level(), 9);
    }
}
