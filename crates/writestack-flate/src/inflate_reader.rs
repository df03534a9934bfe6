//! The one generator behind `DeflateReader` and `ZlibReader`: the same reader over the
//! same codec, with or without the zlib wrapper.

/// Defines an inflating reader type over [`Inflater`](crate::inflater::Inflater): its
/// constructors and (through `writestack_core::impl_reader!`) the surface every reader
/// shares. `$writer` names the matching writer for the examples.
macro_rules! inflate_reader {
    (
        $(#[$doc:meta])*
        $name:ident, zlib_header: $zlib:expr, writer: $writer:ident
    ) => {
        pin_project_lite::pin_project! {
            $(#[$doc])*
            pub struct $name<R> {
                #[pin]
                inner: writestack_core::DecodeReader<R, $crate::inflater::Inflater>,
            }
        }

        impl<R> $name<R> {
            #[doc = concat!(
                "A reader of one stream from `inner`, with a [`READ_CAPACITY`](crate::READ_CAPACITY) (32 KiB) input buffer.\n\n",
                "# Examples\n\n```\n", inflate_reader!(@setup $name, $writer), "\n",
                "let mut decoded = Vec::new();\n",
                "std::io::Read::read_to_end(&mut reader, &mut decoded)?;\n",
                "assert_eq!(decoded, payload);\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn new(inner: R) -> $name<R> {
                $name::with_capacity(crate::READ_CAPACITY, inner)
            }

            #[doc = concat!(
                "A reader whose input buffer holds `capacity` bytes (at least 1).\n\n",
                "# Examples\n\n```\nuse writestack_flate::", stringify!($name), ";\n\n",
                "let reader = ", stringify!($name), "::with_capacity(64, &b\"\"[..]);\n",
                "assert_eq!(reader.capacity(), 64);\n```"
            )]
            pub fn with_capacity(capacity: usize, inner: R) -> $name<R> {
                $name::from_parts_with_capacity(capacity, (inner, bytes::Bytes::new()))
            }

            #[doc = concat!(
                "A reader that decodes `leftover` before reading `inner`: what ",
                "`into_parts` of the previous stream's reader gave back on the same ",
                "connection ([rule R6](writestack_core#readers)).\n\n",
                "# Examples\n\n```\nuse std::io::Read;\n",
                inflate_reader!(@setup $name, $writer), "\n",
                "let mut wire_and_more = wire.clone();\n",
                "wire_and_more.extend_from_slice(&wire);\n",
                "let mut first = writestack_flate::", stringify!($name),
                "::new(&wire_and_more[..]);\n",
                "let mut decoded = Vec::new();\n",
                "first.read_to_end(&mut decoded)?;\n",
                "let mut second = writestack_flate::", stringify!($name),
                "::from_parts(first.into_parts());\n",
                "decoded.clear();\n",
                "second.read_to_end(&mut decoded)?;\n",
                "assert_eq!(decoded, payload);\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn from_parts(parts: (R, bytes::Bytes)) -> $name<R> {
                $name::from_parts_with_capacity(crate::READ_CAPACITY, parts)
            }

            fn from_parts_with_capacity(capacity: usize, parts: (R, bytes::Bytes)) -> $name<R> {
                let inflater = $crate::inflater::Inflater::new($zlib);
                $name {
                    inner: writestack_core::DecodeReader::from_parts(capacity, inflater, parts)
                        .named(stringify!($name)),
                }
            }
        }

        writestack_core::impl_reader!($name, inflate_reader!(@setup $name, $writer));
    };
    (@setup $name:ident, $writer:ident) => {
        concat!(
            "# use futures::Future;\n",
            "# use writestack_core::FinishExt;\n",
            "use writestack_flate::{Compression, ", stringify!($name), ", ",
            stringify!($writer), "};\n\n",
            "let payload = b\"a payload, a payload, a payload\".to_vec();\n",
            "let mut writer = ", stringify!($writer),
            "::new(Vec::new(), Compression::default());\n",
            "std::io::Write::write_all(&mut writer, &payload)?;\n",
            "let wire = writer.finish().wait()?.into_inner();\n",
            "let mut reader = ", stringify!($name), "::new(&wire[..]);"
        )
    };
}

pub(crate) use inflate_reader;
