//! Any layer over any stack: enums rather than trait objects, because
//! `AsyncWrite::write_buf` is generic (`where Self: Sized`) and a `Box<dyn AsyncWrite>`
//! would silently replace every vectored write with a plain one.

use std::io::{self, Write};

use bytes::Buf;
use futures::Poll;
use tokio_io::AsyncWrite;
use writestack_buf::BufWriter;
use writestack_core::Finish;
use writestack_crc::Crc32Writer;
use writestack_flate::{DeflateWriter, GzipWriter, ZlibWriter};
use writestack_frame::FrameWriter;

use crate::drive::count_call;
use crate::hostile::Hostile;

/// What a layer writes into: the hostile writer, or another layer.
#[derive(Debug)]
pub enum Below {
    /// The bottom of the stack.
    Hostile(Hostile),
    /// One more layer.
    Layer(Box<Layer>),
}

/// One layer of any kind over a [`Below`].
#[derive(Debug)]
pub enum Layer {
    /// `writestack_buf::BufWriter`.
    Buf(BufWriter<Below>),
    /// `writestack_flate::DeflateWriter`.
    Deflate(DeflateWriter<Below>),
    /// `writestack_flate::ZlibWriter`.
    Zlib(ZlibWriter<Below>),
    /// `writestack_flate::GzipWriter`.
    Gzip(GzipWriter<Below>),
    /// `writestack_crc::Crc32Writer`.
    Crc(Crc32Writer<Below>),
    /// `writestack_frame::FrameWriter`.
    Frame(FrameWriter<Below>),
}

/// Runs `$body` with `$w` bound to the layer inside whichever variant `$layer` is.
macro_rules! each {
    ($layer:expr, $w:ident => $body:expr) => {
        match $layer {
            Layer::Buf($w) => $body,
            Layer::Deflate($w) => $body,
            Layer::Zlib($w) => $body,
            Layer::Gzip($w) => $body,
            Layer::Crc($w) => $body,
            Layer::Frame($w) => $body,
        }
    };
}

impl Layer {
    /// The public name the layer uses in its error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Layer::Buf(_) => "BufWriter",
            Layer::Deflate(_) => "DeflateWriter",
            Layer::Zlib(_) => "ZlibWriter",
            Layer::Gzip(_) => "GzipWriter",
            Layer::Crc(_) => "Crc32Writer",
            Layer::Frame(_) => "FrameWriter",
        }
    }

    /// Bytes the layer accepted.
    pub fn total_in(&self) -> u64 {
        each!(self, w => w.total_in())
    }

    /// Bytes the layer's inner writer took.
    pub fn total_out(&self) -> u64 {
        each!(self, w => w.total_out())
    }

    /// The layer's actual buffer capacity (a layer may raise a tiny one), if it has one.
    pub fn capacity(&self) -> Option<usize> {
        match self {
            Layer::Buf(w) => Some(w.capacity()),
            Layer::Deflate(w) => Some(w.capacity()),
            Layer::Zlib(w) => Some(w.capacity()),
            Layer::Gzip(w) => Some(w.capacity()),
            Layer::Crc(_) => None,
            Layer::Frame(w) => Some(w.capacity()),
        }
    }

    /// The layer below, if it is not the hostile writer.
    pub fn below(&self) -> Option<&Layer> {
        match each!(self, w => w.get_ref()) {
            Below::Hostile(_) => None,
            Below::Layer(layer) => Some(layer),
        }
    }

    /// Checks what can be checked of the layer's own buffer (CONTRACT rule 6).
    pub fn check_buffer(&self) {
        if let Layer::Buf(w) = self {
            assert!(
                w.buffer().len() <= w.capacity(),
                "BufWriter holds {} bytes, more than its capacity {} (rule 6)",
                w.buffer().len(),
                w.capacity()
            );
        }
    }
}

impl Write for Layer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        each!(self, w => w.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        each!(self, w => w.flush())
    }
}

impl AsyncWrite for Layer {
    fn poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        each!(self, w => w.poll_write(buf))
    }

    fn poll_flush(&mut self) -> Poll<(), io::Error> {
        each!(self, w => w.poll_flush())
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        each!(self, w => w.write_buf(buf))
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        each!(self, w => w.shutdown())
    }
}

impl Finish for Layer {
    fn poll_finish(&mut self) -> Poll<(), io::Error> {
        each!(self, w => w.poll_finish())
    }
}

impl Write for Below {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        count_call();
        match self {
            Below::Hostile(w) => w.write(buf),
            Below::Layer(w) => w.write(buf),
        }
    }

    fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        count_call();
        match self {
            Below::Hostile(w) => w.write_vectored(bufs),
            Below::Layer(w) => w.write_vectored(bufs),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        count_call();
        match self {
            Below::Hostile(w) => w.flush(),
            Below::Layer(w) => w.flush(),
        }
    }
}

impl AsyncWrite for Below {
    fn poll_write(&mut self, buf: &[u8]) -> Poll<usize, io::Error> {
        count_call();
        match self {
            Below::Hostile(w) => w.poll_write(buf),
            Below::Layer(w) => w.poll_write(buf),
        }
    }

    fn poll_flush(&mut self) -> Poll<(), io::Error> {
        count_call();
        match self {
            Below::Hostile(w) => w.poll_flush(),
            Below::Layer(w) => w.poll_flush(),
        }
    }

    fn write_buf<B: Buf>(&mut self, buf: &mut B) -> Poll<usize, io::Error> {
        count_call();
        match self {
            Below::Hostile(w) => w.write_buf(buf),
            Below::Layer(w) => w.write_buf(buf),
        }
    }

    fn shutdown(&mut self) -> Poll<(), io::Error> {
        count_call();
        match self {
            Below::Hostile(w) => w.shutdown(),
            Below::Layer(w) => w.shutdown(),
        }
    }
}
