//! The generator that gives every named reader the surface all readers share, each
//! method delegating to the reader's `DecodeReader`: the mirror of `impl_layer!`.

/// Gives a named reader, declared with `pin_project_lite::pin_project!` as a struct
/// with one field `#[pin] inner: DecodeReader<R, D>`, the surface every reader shares:
/// `get_ref`, `get_mut`, `into_inner`, `into_parts`, `is_ended`, `total_in`,
/// `total_out`, `capacity`, `Debug`, `std::io::Read`, `tokio_io::AsyncRead`, and the
/// tokio 1 / futures-io `AsyncRead` under the layer crate's features of those names.
///
/// `$setup` is a doc-test snippet that binds `reader`, a reader of this type over a
/// `&[u8]` holding one complete stream whose payload is `payload`; the generated
/// examples use it. For the writestack layer crates only.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_reader {
    ($reader:ident, $setup:expr) => {
        impl<R> $reader<R> {
            /// The inner reader.
            pub fn get_ref(&self) -> &R {
                self.inner.get_ref()
            }

            /// The inner reader, mutably. Reading from it directly loses the stream's
            /// place: those bytes never reach this reader.
            pub fn get_mut(&mut self) -> &mut R {
                self.inner.get_mut()
            }

            /// Gives back the inner reader; bytes read from it and not yet used are
            /// dropped ([`into_parts`](Self::into_parts) keeps them). No I/O
            /// ([rule R7](writestack_core#readers)).
            pub fn into_inner(self) -> R {
                self.inner.into_inner()
            }

            #[doc = concat!(
                "Gives back the inner reader and the bytes read from it that this stream ",
                "did not use ([rule R6](writestack_core#readers)): after the end, the first ",
                "bytes of whatever follows on the connection.\n\n# Examples\n\n```\n",
                "use std::io::Read;\n",
                $setup,
                "\nlet mut decoded = Vec::new();\n",
                "reader.read_to_end(&mut decoded)?;\n",
                "assert_eq!(decoded, payload);\n",
                "assert!(reader.is_ended());\n",
                "let (_inner, rest) = reader.into_parts();\n",
                "assert!(rest.is_empty());\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn into_parts(self) -> (R, $crate::__private::Bytes) {
                self.inner.into_parts()
            }

            /// Whether the stream has ended cleanly: reads return 0 and
            /// [`into_parts`](Self::into_parts) gives what follows.
            pub fn is_ended(&self) -> bool {
                self.inner.is_ended()
            }

            #[doc = concat!(
                "Input bytes taken from the inner reader and decoded so far.\n\n",
                "# Examples\n\n```\n", "use std::io::Read;\n", $setup,
                "\nassert_eq!(reader.total_in(), 0);\n",
                "let mut decoded = Vec::new();\n",
                "reader.read_to_end(&mut decoded)?;\n",
                "assert!(reader.total_in() > 0);\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn total_in(&self) -> u64 {
                self.inner.total_in()
            }

            #[doc = concat!(
                "Payload bytes produced so far.\n\n",
                "# Examples\n\n```\n", "use std::io::Read;\n", $setup,
                "\nlet mut decoded = Vec::new();\n",
                "reader.read_to_end(&mut decoded)?;\n",
                "assert_eq!(reader.total_out(), payload.len() as u64);\n",
                "# Ok::<(), std::io::Error>(())\n```"
            )]
            pub fn total_out(&self) -> u64 {
                self.inner.total_out()
            }

            /// The capacity of the input buffer.
            pub fn capacity(&self) -> usize {
                self.inner.capacity()
            }
        }

        impl<R: ::std::fmt::Debug> ::std::fmt::Debug for $reader<R> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                // The adapter prints itself under the reader's name.
                ::std::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl<R: ::std::io::Read> ::std::io::Read for $reader<R> {
            #[inline]
            fn read(&mut self, buf: &mut [u8]) -> ::std::io::Result<usize> {
                ::std::io::Read::read(&mut self.inner, buf)
            }
        }

        impl<R: $crate::__private::AsyncRead> $crate::__private::AsyncRead for $reader<R> {}

        #[cfg(feature = "tokio")]
        impl<R: $crate::__private::tokio1::io::AsyncRead> $crate::__private::tokio1::io::AsyncRead
            for $reader<R>
        {
            #[inline]
            fn poll_read(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
                buf: &mut $crate::__private::tokio1::io::ReadBuf<'_>,
            ) -> ::std::task::Poll<::std::io::Result<()>> {
                $crate::__private::tokio1::io::AsyncRead::poll_read(self.project().inner, cx, buf)
            }
        }

        #[cfg(feature = "futures-io")]
        impl<R: $crate::__private::futures_io::AsyncRead> $crate::__private::futures_io::AsyncRead
            for $reader<R>
        {
            #[inline]
            fn poll_read(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
                buf: &mut [u8],
            ) -> ::std::task::Poll<::std::io::Result<usize>> {
                $crate::__private::futures_io::AsyncRead::poll_read(self.project().inner, cx, buf)
            }
        }
    };
}
