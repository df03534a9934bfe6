//! The one generator that gives every named layer the surface all layers share: the
//! accessors, `Debug`, [`Layer`](crate::Layer), the I/O traits of every runtime,
//! `Finish`, `Stack` and `End`, each delegating to the layer's `EncodeWriter`.

/// Gives a named layer, a struct with one field `inner: EncodeWriter<W, E, R>`, the
/// surface every layer shares: `get_ref`, `get_mut`, `into_inner`, `total_in`,
/// `total_out` (and `capacity` when asked), `Debug`, [`Layer`], `std::io::Write`,
/// `tokio_io::AsyncWrite`, [`Finish`](crate::Finish), [`Stack`](crate::Stack) and
/// [`End`](crate::End), each
/// delegating to the adapter.
///
/// `$setup` is a doc-test snippet that binds `writer`, a layer of this type over a
/// `Vec<u8>`; the generated examples use it. For the writestack layer crates only.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_layer {
    ($layer:ident, $setup:expr, capacity) => {
        impl<W> $layer<W> {
            /// The capacity of the layer's buffer
            /// ([rule 6](writestack_core#the-contract)).
            pub fn capacity(&self) -> usize {
                self.inner.capacity()
            }
        }
        $crate::impl_layer!($layer, $setup);
    };
    ($layer:ident, $setup:expr) => {
        impl<W> $layer<W> {
            /// The inner writer.
            pub fn get_ref(&self) -> &W {
                self.inner.get_ref()
            }

            /// The inner writer, mutably. Writing to it directly corrupts the stream:
            /// those bytes would overtake the ones this layer still buffers, or land
            /// inside its output.
            pub fn get_mut(&mut self) -> &mut W {
                self.inner.get_mut()
            }

            #[doc = concat!(
                "Gives back the inner writer.\n\n",
                "Drop and `into_inner` do no I/O ([rule 17](writestack_core#the-contract)): ",
                "bytes still buffered and a tail not yet written are lost. After ",
                "`poll_finish` (or `FinishExt::finish`) has returned `Ready`, nothing is ",
                "lost and the inner writer can carry another stream.\n\n# Examples\n\n```\n",
                $setup,
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

        impl<W: ::std::fmt::Debug> ::std::fmt::Debug for $layer<W> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                // The adapter prints itself under the layer's name.
                ::std::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl<W> $crate::Layer for $layer<W> {
            type Inner = W;

            fn name(&self) -> &'static str {
                $crate::Layer::name(&self.inner)
            }

            fn get_ref(&self) -> &W {
                self.inner.get_ref()
            }

            fn get_mut(&mut self) -> &mut W {
                self.inner.get_mut()
            }

            fn into_inner(self) -> W {
                self.inner.into_inner()
            }

            fn total_in(&self) -> u64 {
                self.inner.total_in()
            }

            fn total_out(&self) -> u64 {
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

        $crate::__impl_layer_std_task!(
            $layer, "tokio", tokio1::io::AsyncWrite, tokio, poll_shutdown, is_write_vectored
        );
        $crate::__impl_layer_std_task!(
            $layer, "futures-io", futures_io::AsyncWrite, futures_io, poll_close
        );

        impl<W: $crate::Stack> $crate::Stack for $layer<W> {
            type Transport = W::Transport;

            fn into_transport(self) -> W::Transport {
                $crate::Stack::into_transport(self.inner)
            }
        }

        impl<W: $crate::End> $crate::End for $layer<W> {
            fn poll_end(&mut self) -> $crate::__private::Poll<(), ::std::io::Error> {
                self.inner.poll_end()
            }
        }
    };
}

/// The std-task runtimes' part of [`impl_layer!`]: the writer trait and `Finish` of one
/// runtime, compiled when the layer crate has the runtime's feature. The layer struct is
/// declared with `pin_project_lite::pin_project!` and `#[pin] inner`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_layer_std_task {
    (
        $layer:ident, $feature:literal, $($writer:ident)::+, $module:ident, $close:ident
        $(, $vectored:ident)?
    ) => {
        #[cfg(feature = $feature)]
        impl<W: $crate::__private::$($writer)::+> $crate::__private::$($writer)::+ for $layer<W> {
            #[inline]
            fn poll_write(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
                buf: &[u8],
            ) -> ::std::task::Poll<::std::io::Result<usize>> {
                self.project().inner.poll_write(cx, buf)
            }

            fn poll_write_vectored(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
                bufs: &[::std::io::IoSlice<'_>],
            ) -> ::std::task::Poll<::std::io::Result<usize>> {
                self.project().inner.poll_write_vectored(cx, bufs)
            }

            $(
                fn $vectored(&self) -> bool {
                    true
                }
            )?

            fn poll_flush(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<::std::io::Result<()>> {
                self.project().inner.poll_flush(cx)
            }

            fn $close(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<::std::io::Result<()>> {
                self.project().inner.$close(cx)
            }
        }

        #[cfg(feature = $feature)]
        impl<W: $crate::__private::$($writer)::+> $crate::$module::Finish for $layer<W> {
            fn poll_finish(
                self: ::std::pin::Pin<&mut Self>,
                cx: &mut ::std::task::Context<'_>,
            ) -> ::std::task::Poll<::std::io::Result<()>> {
                $crate::$module::Finish::poll_finish(self.project().inner, cx)
            }
        }
    };
}
