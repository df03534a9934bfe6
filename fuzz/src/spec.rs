//! Layer configurations chosen by the fuzzer, and building them into a stack.
//!
//! Building also checks the builders: a configuration the contract says is valid must
//! be built, and one it says cannot work must be refused with `InvalidInput`.

use std::io;

use arbitrary::Arbitrary;
use writestack_buf::BufWriter;
use writestack_core::Endian;
use writestack_crc::Crc32Writer;
use writestack_flate::{Compression, DeflateWriter, GzipWriter, ZlibWriter};

use crate::frame_spec::{build_frame, FrameSpec, MaxLen, Mode, PrefixSpec};
use crate::layer::{Below, Layer};
use crate::wire::{GzipFields, Wire};

/// Largest capacity generated: the builders are known to misbehave near `usize::MAX`,
/// and nothing is learnt from buffers larger than any input.
pub const MAX_CAPACITY: usize = 1 << 20;

/// Capacities below this may be raised or refused by the compressing layers: a deflate
/// sync flush needs some room to be sure it has ended.
const SMALL_FLATE_CAPACITY: usize = 64;

/// A buffer capacity, from 1 byte up; small ones are the interesting ones.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum Capacity {
    /// 1 to 16 bytes.
    Tiny(u8),
    /// 1 to 65 535 bytes.
    Small(u16),
    /// The layer's default.
    Default,
    /// Up to [`MAX_CAPACITY`].
    Large(u32),
}

impl Capacity {
    /// The capacity in bytes, or `None` for the layer's default.
    pub fn bytes(self) -> Option<usize> {
        match self {
            Capacity::Tiny(n) => Some(1 + usize::from(n) % 16),
            Capacity::Small(n) => Some(usize::from(n).max(1)),
            Capacity::Default => None,
            Capacity::Large(n) => Some(1 + n as usize % MAX_CAPACITY),
        }
    }
}

/// A byte order for the fuzzer to choose.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Most significant byte first.
    Big,
    /// Least significant byte first.
    Little,
}

impl Order {
    /// As the layers spell it.
    pub fn endian(self) -> Endian {
        match self {
            Order::Big => Endian::Big,
            Order::Little => Endian::Little,
        }
    }
}

/// Which compressed format.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `DeflateWriter`.
    Deflate,
    /// `ZlibWriter`.
    Zlib,
    /// `GzipWriter`, through its builder.
    Gzip,
}

/// A compressing layer.
#[derive(Arbitrary, Clone, Debug)]
pub struct FlateSpec {
    /// The format.
    pub format: Format,
    /// The level, taken modulo 10.
    pub level: u8,
    /// The buffer capacity.
    pub capacity: Capacity,
    /// Gzip header fields (gzip only).
    pub header: GzipFields,
}

/// A CRC32 layer.
#[derive(Arbitrary, Clone, Copy, Debug)]
pub enum CrcSpec {
    /// `Crc32Writer::new`: no trailer.
    Observe,
    /// `Crc32Writer::with_trailer` in this byte order.
    Trailer(Order),
}

/// One layer of a stack.
#[derive(Arbitrary, Clone, Debug)]
pub enum LayerSpec {
    /// `BufWriter::with_capacity` (or `new`).
    Buf(Capacity),
    /// A compressing layer.
    Flate(FlateSpec),
    /// A CRC32 layer.
    Crc(CrcSpec),
    /// A framing layer.
    Frame(FrameSpec, Mode),
}

impl LayerSpec {
    /// This layer as it may sit under another one: a message-mode framing layer there
    /// gets each write of the layer above as one frame, so its maximum must be large
    /// enough for any of them (a smaller one is a refusal the fuzzer would only rediscover).
    pub fn for_inner_position(&self) -> LayerSpec {
        match self {
            LayerSpec::Frame(spec, Mode::Message) => {
                let prefix = match spec.prefix {
                    PrefixSpec::Fixed(width, order) if 1 + width % 8 < 4 => {
                        PrefixSpec::Fixed(3, order)
                    }
                    other => other,
                };
                let spec = FrameSpec {
                    prefix,
                    max: MaxLen::Default,
                    ..*spec
                };
                LayerSpec::Frame(spec, Mode::Message)
            }
            other => other.clone(),
        }
    }

    /// Builds this layer over `below`; `None` when the configuration was (rightly)
    /// refused.
    pub fn build(&self, below: Below) -> Option<(Layer, Wire)> {
        match self {
            LayerSpec::Buf(capacity) => {
                let writer = match capacity.bytes() {
                    Some(n) => BufWriter::with_capacity(n, below),
                    None => BufWriter::new(below),
                };
                Some((Layer::Buf(writer), Wire::Plain))
            }
            LayerSpec::Flate(spec) => build_flate(spec, below),
            LayerSpec::Crc(CrcSpec::Observe) => {
                Some((Layer::Crc(Crc32Writer::new(below)), Wire::Plain))
            }
            LayerSpec::Crc(CrcSpec::Trailer(order)) => Some((
                Layer::Crc(Crc32Writer::with_trailer(below, order.endian())),
                Wire::Crc(order.endian()),
            )),
            LayerSpec::Frame(spec, mode) => build_frame(spec, *mode, below),
        }
    }
}

fn build_flate(spec: &FlateSpec, below: Below) -> Option<(Layer, Wire)> {
    let level = Compression::new(u32::from(spec.level % 10));
    let capacity = spec.capacity.bytes();
    match spec.format {
        Format::Deflate => {
            let writer = match capacity {
                Some(n) => DeflateWriter::with_capacity(n, below, level),
                None => DeflateWriter::new(below, level),
            };
            Some((Layer::Deflate(writer), Wire::Deflate))
        }
        Format::Zlib => {
            let writer = match capacity {
                Some(n) => ZlibWriter::with_capacity(n, below, level),
                None => ZlibWriter::new(below, level),
            };
            Some((Layer::Zlib(writer), Wire::Zlib))
        }
        Format::Gzip => {
            let fields = &spec.header;
            let mut builder = GzipWriter::builder();
            builder
                .level(level)
                .mtime(fields.mtime)
                .operating_system(fields.os);
            if let Some(name) = &fields.filename {
                builder.filename(name.clone());
            }
            if let Some(comment) = &fields.comment {
                builder.comment(comment.clone());
            }
            if let Some(n) = capacity {
                builder.buffer_capacity(n);
            }
            let has_nul = [&fields.filename, &fields.comment]
                .into_iter()
                .flatten()
                .any(|field| field.contains(&0));
            // A NUL would end a field early: refused. A capacity too small for a deflate
            // flush to end may be refused or raised, as the builder documents.
            let valid = match capacity {
                _ if has_nul => Some(false),
                Some(n) if n < SMALL_FLATE_CAPACITY => None,
                _ => Some(true),
            };
            let writer = expect_built("GzipWriter", builder.new_write(below), valid)?;
            Some((Layer::Gzip(writer), Wire::Gzip(fields.clone())))
        }
    }
}

/// The built writer, or `None` after checking that a refusal was due. `valid` is `None`
/// when either answer is allowed.
pub(crate) fn expect_built<T>(layer: &str, built: io::Result<T>, valid: Option<bool>) -> Option<T> {
    match built {
        Ok(writer) => {
            assert!(
                valid != Some(false),
                "{layer}: the builder accepted a configuration it must refuse"
            );
            Some(writer)
        }
        Err(error) => {
            assert!(
                valid != Some(true),
                "{layer}: the builder refused a valid configuration: {error}"
            );
            assert_eq!(
                error.kind(),
                io::ErrorKind::InvalidInput,
                "{layer}: a refused configuration must be InvalidInput: {error}"
            );
            None
        }
    }
}

/// Builds `specs` (outermost first) over `below`; the wires come outermost first too.
pub fn build_stack(specs: &[LayerSpec], below: Below) -> Option<(Layer, Vec<Wire>)> {
    let mut below = below;
    let mut wires = Vec::with_capacity(specs.len());
    let mut top = None;
    for (index, spec) in specs.iter().enumerate().rev() {
        let (layer, wire) = spec.build(below)?;
        wires.push(wire);
        if index == 0 {
            top = Some(layer);
            break;
        }
        below = Below::Layer(Box::new(layer));
    }
    wires.reverse();
    top.map(|top| (top, wires))
}
