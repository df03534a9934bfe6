//! Inputs for benchmarks and examples: real text read from disk, and fast deterministic
//! noise.
//!
//! Real text matters for compression (its ratio and speed on random bytes or one repeated
//! line say little about logs or source code); noise is for layers that do not look at
//! the bytes (CRC, framing), where it only has to be the same on every run.

use std::path::{Path, PathBuf};

/// The folders of the workspace the benches read by default: everything that is ours,
/// not the build output.
pub const WORKSPACE_DIRS: [&str; 4] = ["src", "crates", "benches", "examples"];

/// Rust sources as a text corpus: the `.rs` files under some folders of a root, in path
/// order, then (when asked) those of the crates in the cargo registry.
///
/// The order is fixed (sorted, depth first) so that the same machine gives the same
/// input on every run; `target` folders are left out, since build scripts' output would
/// make the input depend on what was built before.
#[derive(Clone, Copy, Debug)]
pub struct Corpus<'a> {
    root: &'a Path,
    dirs: &'a [&'a str],
    registry: bool,
}

impl<'a> Corpus<'a> {
    /// The `.rs` files under `root/dir` for each of `dirs`, in that order (`""` is the
    /// root itself). `root` is the caller's `env!("CARGO_MANIFEST_DIR")`: this crate's
    /// own would point at the test kit.
    pub fn new(root: &'a Path, dirs: &'a [&'a str]) -> Corpus<'a> {
        Corpus {
            root,
            dirs,
            registry: false,
        }
    }

    /// Also reads the crates in the cargo registry (`$CARGO_HOME/registry/src`), after
    /// the root's folders: megabytes of real text on any machine that has built this.
    pub fn with_registry(self) -> Corpus<'a> {
        Corpus {
            registry: true,
            ..self
        }
    }

    /// `total` bytes of text. At least `require` of them (at most `total`) must be
    /// distinct, found on disk; the rest repeats what was found from its start.
    ///
    /// # Panics
    ///
    /// When fewer than `require.min(total)` bytes (or none at all) are found.
    pub fn read(&self, total: usize, require: usize) -> Vec<u8> {
        let mut text = Vec::with_capacity(total + 1024 * 1024);
        for dir in self.dirs {
            collect_sources(&self.root.join(dir), total, &mut text);
        }
        if self.registry {
            if let Some(registry) = registry_sources() {
                collect_sources(&registry, total, &mut text);
            }
        }
        let found = text.len();
        assert!(
            found >= require.min(total).max(1),
            "found only {found} bytes of Rust sources under {} for the input",
            self.root.display()
        );
        while text.len() < total {
            let more = (total - text.len()).min(found);
            text.extend_from_within(..more);
        }
        text.truncate(total);
        text
    }
}

/// `total` bytes of this workspace's sources ([`WORKSPACE_DIRS`]) then the registry's,
/// `require` of them distinct: the input of the `buf`, `flate` and `reuse` benches.
pub fn rust_sources(root: &Path, total: usize, require: usize) -> Vec<u8> {
    Corpus::new(root, &WORKSPACE_DIRS)
        .with_registry()
        .read(total, require)
}

fn registry_sources() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))?;
    Some(home.join("registry").join("src"))
}

/// Appends the `.rs` files under `dir` to `out` until it holds `total` bytes. Unreadable
/// entries are skipped: the input only has to be real text.
fn collect_sources(dir: &Path, total: usize, out: &mut Vec<u8>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if out.len() >= total {
            return;
        }
        if path.file_name().is_some_and(|name| name == "target") {
            continue;
        }
        if path.is_dir() {
            collect_sources(&path, total, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            if let Ok(bytes) = std::fs::read(&path) {
                out.extend_from_slice(&bytes);
            }
        }
    }
}

/// `len` bytes from xorshift64 (13, 7, 17) seeded with `seed | 1`: not all zeros and not
/// compressible, the same on every machine, and cheap enough to make megabytes of.
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    // A zero state would stay zero forever.
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // The low byte.
            (state & 0xFF) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_repeats_what_it_found_up_to_the_total() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut once = Vec::new();
        collect_sources(&root.join("src"), usize::MAX, &mut once);
        let found = once.len();
        let text = Corpus::new(root, &["src"]).read(2 * found + 5, found);
        assert_eq!(text.len(), 2 * found + 5);
        assert_eq!(text[..found], once[..]);
        assert_eq!(text[..found], text[found..2 * found]);
        assert_eq!(text[..5], text[2 * found..]);
    }

    #[test]
    fn noise_is_deterministic_per_seed() {
        assert_eq!(noise(64, 7), noise(64, 7));
        assert_ne!(noise(64, 7), noise(64, 8));
        // Seeds that differ only in the low bit give the same stream: the bit is forced.
        assert_eq!(noise(16, 6), noise(16, 7));
    }
}
