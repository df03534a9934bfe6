//! The one generator behind `DeflateWriter` and `ZlibWriter`: the same layer over the same
//! codec, with or without the zlib wrapper.

/// Defines a flate writer type over [`Deflater`](crate::deflater::Deflater): its
/// constructors, `level`, `restart`, `reset` and (through `writestack_core::impl_layer!`)
/// the surface every layer shares. `$decoder` names flate2's matching `read` decoder for
/// the examples, `$stream` the kind of stream in the docs.
macro_rules! flate_stream_writer {
    (
        $(#[$doc:meta])*
        $name:ident, zlib_header: $zlib:expr, decoder: $decoder:ident, stream: $stream:literal
    ) => {
        pin_project_lite::pin_project! {
            $(#[$doc])*
            pub struct $name<W> {
                #[pin]
                inner: writestack_core::EncodeWriter<W, $crate::deflater::Deflater>,
            }
        }

        impl<W> $name<W> {
            #[doc = concat!(
                "A ", $stream, " writer at `level`, with an 8 KiB buffer. Levels above 9 ",
                "are treated as 9 (miniz_oxide's level 10 does not exist in zlib-rs).\n\n",
                "# Examples\n\n```\nuse writestack_flate::{Compression, ", stringify!($name),
                "};\n\nlet writer = ", stringify!($name),
                "::new(Vec::<u8>::new(), Compression::new(10));\n",
                "assert_eq!(writer.level(), Compression::new(9));\n```"
            )]
            pub fn new(inner: W, level: flate2::Compression) -> $name<W> {
                $name::with_capacity(writestack_core::DEFAULT_CAPACITY, inner, level)
            }

            #[doc = concat!(
                "A ", $stream, " writer whose buffer holds at most `capacity` bytes ",
                "(CONTRACT rule 6), raised to [`MIN_CAPACITY`](crate::MIN_CAPACITY) and ",
                "lowered to [`MAX_CAPACITY`](writestack_core::MAX_CAPACITY) when outside ",
                "them. Levels above 9 are treated as 9.\n\n",
                "# Examples\n\n```\nuse writestack_flate::{Compression, ", stringify!($name),
                "};\n\nlet writer = ", stringify!($name),
                "::with_capacity(1024, Vec::<u8>::new(), Compression::fast());\n",
                "assert_eq!(writer.capacity(), 1024);\n```"
            )]
            pub fn with_capacity(capacity: usize, inner: W, level: flate2::Compression) -> $name<W> {
                let deflater = $crate::deflater::Deflater::new(
                    $crate::level::clamp(level),
                    $zlib,
                    $crate::MAX_WINDOW_BITS,
                );
                let capacity = capacity.max($crate::MIN_CAPACITY);
                $name {
                    inner: writestack_core::EncodeWriter::with_capacity(capacity, deflater, inner)
                        .named(stringify!($name)),
                }
            }

            #[doc = concat!(
                "A ", $stream, " writer at `level` with a window of `2^window_bits` bytes ",
                "(9..=15; the default is 15): a smaller window holds less memory per open ",
                "writer and compresses less well (see the README's memory table). The peer ",
                "needs no setting: a decoder reads any window up to 15. Levels above 9 are ",
                "treated as 9.\n\n# Errors\n\n`ErrorKind::InvalidInput` for window bits ",
                "outside 9..=15, or below 15 without the `zlib-rs` feature (miniz_oxide has ",
                "only 15): checked here, never a panic in flate2.\n\n# Examples\n\n```\n",
                "use std::io::{Read, Write};\nuse flate2::read::", stringify!($decoder), ";\n",
                "use writestack_core::Finish;\n",
                "use writestack_flate::{Compression, ", stringify!($name), "};\n\n",
                "let built = ", stringify!($name),
                "::with_window_bits(Vec::new(), Compression::default(), 10);\n",
                "if cfg!(feature = \"zlib-rs\") {\n",
                "    let mut writer = built?;\n",
                "    assert_eq!(writer.window_bits(), 10);\n",
                "    writer.write_all(b\"a small window\")?;\n",
                "    writer.poll_finish()?;\n",
                "    let mut text = String::new();\n",
                "    ", stringify!($decoder), "::new(&writer.get_ref()[..]).read_to_string(&mut text)?;\n",
                "    assert_eq!(text, \"a small window\");\n",
                "} else {\n",
                "    assert_eq!(built.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);\n",
                "}\n",
                "let refused = ", stringify!($name),
                "::with_window_bits(Vec::<u8>::new(), Compression::default(), 16);\n",
                "assert_eq!(refused.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn with_window_bits(
                inner: W,
                level: flate2::Compression,
                window_bits: u8,
            ) -> std::io::Result<$name<W>> {
                $crate::window::check(stringify!($name), window_bits)?;
                let deflater = $crate::deflater::Deflater::new(
                    $crate::level::clamp(level),
                    $zlib,
                    window_bits,
                );
                Ok($name {
                    inner: writestack_core::EncodeWriter::with_capacity(
                        writestack_core::DEFAULT_CAPACITY,
                        deflater,
                        inner,
                    )
                    .named(stringify!($name)),
                })
            }

            /// The window size in use, as `2^window_bits` bytes.
            pub fn window_bits(&self) -> u8 {
                self.inner.encoder().window_bits()
            }

            /// The compression level in use.
            pub fn level(&self) -> flate2::Compression {
                self.inner.encoder().level()
            }

            #[doc = concat!(
                "Begins a new ", $stream, " stream on the same inner writer after a ",
                "completed [`poll_finish`](writestack_core::Finish::poll_finish), reusing ",
                "the compressor and the buffer instead of allocating and initialising new ",
                "ones (about 300 KiB at the default window). `total_in` and `total_out` ",
                "count the new stream from 0.\n\n# Errors\n\n",
                "`ErrorKind::InvalidInput`, with nothing changed, before `poll_finish` has ",
                "completed or after `shutdown` (the inner writer is closed: use ",
                "[`reset`](", stringify!($name), "::reset)).\n\n# Examples\n\n```\n",
                "use std::io::{Read, Write};\nuse flate2::read::", stringify!($decoder), ";\n",
                "use writestack_core::Finish;\n",
                "use writestack_flate::{Compression, ", stringify!($name), "};\n\n",
                "let mut writer = ", stringify!($name), "::new(Vec::new(), Compression::default());\n",
                "writer.write_all(b\"first\").unwrap();\n",
                "assert!(writer.restart().is_err()); // the first stream is not finished yet\n",
                "writer.poll_finish().unwrap();\n",
                "let first_len = writer.get_ref().len();\n",
                "writer.restart().unwrap();\n",
                "writer.write_all(b\"second\").unwrap();\n",
                "writer.poll_finish().unwrap();\n\n",
                "let wire = writer.into_inner();\n",
                "let mut text = String::new();\n",
                stringify!($decoder), "::new(&wire[first_len..]).read_to_string(&mut text).unwrap();\n",
                "assert_eq!(text, \"second\");\n```"
            )]
            pub fn restart(&mut self) -> std::io::Result<()> {
                self.inner.restart_with($crate::deflater::Deflater::reset)
            }

            #[doc = concat!(
                "Begins a new ", $stream, " stream on `inner` after a completed ",
                "`poll_finish` or `shutdown`, and returns the old inner writer; the ",
                "compressor and the buffer are reused, as in [`restart`](",
                stringify!($name), "::restart).\n\n# Errors\n\n",
                "`ErrorKind::InvalidInput` before the stream is finished; nothing changes, ",
                "and `inner` is dropped.\n\n# Examples\n\n```\n",
                "# use std::io::Write;\n# use writestack_core::Finish;\n",
                "# let mut writer = writestack_flate::", stringify!($name),
                "::new(Vec::new(), writestack_flate::Compression::default());\n",
                "writer.write_all(b\"to the first peer\").unwrap();\n",
                "assert!(writer.reset(Vec::new()).is_err()); // not finished yet\n",
                "writer.poll_finish().unwrap();\n",
                "let first: Vec<u8> = writer.reset(Vec::new()).unwrap();\n",
                "assert!(!first.is_empty());\n",
                "assert!(writer.get_ref().is_empty()); // the next stream goes to the new one\n```"
            )]
            pub fn reset(&mut self, inner: W) -> std::io::Result<W> {
                self.inner.reset_with(inner, $crate::deflater::Deflater::reset)
            }
        }

        writestack_core::impl_layer!(
            $name,
            concat!(
                "let mut writer = writestack_flate::", stringify!($name),
                "::new(Vec::<u8>::new(), writestack_flate::Compression::default());"
            ),
            capacity
        );
    };
}

pub(crate) use flate_stream_writer;
