//! The shared surface of every named layer, generated once.

/// Implements the common surface of a named layer around an
/// [`EncodeWriter`](crate::EncodeWriter) held in a field called `inner`:
/// `std::io::Write`, `tokio_io::AsyncWrite`, [`Finish`](crate::Finish), and the
/// accessors every layer has (`get_ref`, `get_mut`, `into_inner`, `total_in`,
/// `total_out`).
///
/// `$setup` is a doc-test snippet that binds `writer`, a layer of this type over a
/// `Vec<u8>`; it is used in the generated examples.
///
/// This macro is for the writestack layer crates; it is public so that they can share it.
#[macro_export]
macro_rules! impl_layer {
    ($layer:ident, $setup:literal) => {
        impl<W> $layer<W> {
            #[doc = concat!(
                "The inner writer.\n\n# Examples\n\n```\n", $setup,
                "\nassert!(writer.get_ref().is_empty());\n```"
            )]
            pub fn get_ref(&self) -> &W {
                self.inner.get_ref()
            }

            #[doc = concat!(
                "The inner writer, mutably.\n\n",
                "Writing to it directly corrupts the stream: those bytes would overtake the ",
                "ones this layer still buffers, or land inside its output.\n\n",
                "# Examples\n\n```\n", $setup,
                "\nassert!(writer.get_mut().is_empty());\n```"
            )]
            pub fn get_mut(&mut self) -> &mut W {
                self.inner.get_mut()
            }

            #[doc = concat!(
                "Gives back the inner writer.\n\n",
                "Drop and `into_inner` do no I/O: bytes still buffered and a tail not yet ",
                "written are lost. After `poll_finish` (or `FinishExt::finish`) has returned ",
                "`Ready`, nothing is lost and the inner writer can carry another stream.\n\n",
                "# Examples\n\n```\n", $setup,
                "\nuse writestack_core::FinishExt;\nuse futures::Future;\n",
                "std::io::Write::write_all(&mut writer, b\"abc\").unwrap();\n",
                "let writer = writer.finish().wait().unwrap();\n",
                "let total_out = writer.total_out();\n",
                "let inner: Vec<u8> = writer.into_inner();\n",
                "assert_eq!(inner.len() as u64, total_out);\n```"
            )]
            pub fn into_inner(self) -> W {
                self.inner.into_inner()
            }

            #[doc = concat!(
                "Bytes accepted by `write` / `write_buf` so far.\n\n# Examples\n\n```\n",
                $setup,
                "\nstd::io::Write::write_all(&mut writer, b\"abc\").unwrap();\n",
                "assert_eq!(writer.total_in(), 3);\n```"
            )]
            pub fn total_in(&self) -> u64 {
                self.inner.total_in()
            }

            #[doc = concat!(
                "Bytes handed to the inner writer so far (what it took, tail included).\n\n",
                "# Examples\n\n```\n", $setup,
                "\nassert_eq!(writer.total_out(), 0);\n",
                "std::io::Write::write_all(&mut writer, b\"abc\").unwrap();\n",
                "writestack_core::Finish::poll_finish(&mut writer).unwrap();\n",
                "assert_eq!(writer.total_out(), writer.get_ref().len() as u64);\n```"
            )]
            pub fn total_out(&self) -> u64 {
                self.inner.total_out()
            }
        }

        impl<W: ::std::io::Write> ::std::io::Write for $layer<W> {
            #[inline]
            fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
                self.inner.write(buf)
            }

            fn flush(&mut self) -> ::std::io::Result<()> {
                self.inner.flush()
            }
        }

        impl<W: $crate::__private::AsyncWrite> $crate::__private::AsyncWrite for $layer<W> {
            #[inline]
            fn poll_write(
                &mut self,
                buf: &[u8],
            ) -> $crate::__private::Poll<usize, ::std::io::Error> {
                self.inner.poll_write(buf)
            }

            fn poll_flush(&mut self) -> $crate::__private::Poll<(), ::std::io::Error> {
                self.inner.poll_flush()
            }

            fn write_buf<B: $crate::__private::Buf>(
                &mut self,
                buf: &mut B,
            ) -> $crate::__private::Poll<usize, ::std::io::Error> {
                self.inner.write_buf(buf)
            }

            fn shutdown(&mut self) -> $crate::__private::Poll<(), ::std::io::Error> {
                self.inner.shutdown()
            }
        }

        impl<W: ::std::io::Write> $crate::Finish for $layer<W> {
            fn poll_finish(&mut self) -> $crate::__private::Poll<(), ::std::io::Error> {
                self.inner.poll_finish()
            }
        }
    };
}
