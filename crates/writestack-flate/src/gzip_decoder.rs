//! `GzipDecoder`: one gzip member or many (RFC 1952) as a sans-IO [`Decode`]: the header
//! parser, the inflater with a CRC-32 over its output, and the trailer check.

use std::io;

use writestack_core::{Decode, Decoded};

use crate::gzip_header::GzipHeader;
use crate::gzip_header_parser::HeaderParser;
use crate::inflater::Inflater;

const TRAILER_LEN: usize = 8;

/// Where the decoder is in the current member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Body,
    /// The trailer; the count of its bytes received.
    Trailer(usize),
}

/// Decodes gzip members. With `multi`, a member's end is a message end and the next
/// member follows; the stream may then end (the inner reader's end) between members.
#[derive(Debug)]
pub(crate) struct GzipDecoder {
    multi: bool,
    part: Part,
    parser: HeaderParser,
    header: Option<GzipHeader>,
    inflater: Inflater,
    crc: crc32fast::Hasher,
    /// Payload bytes of this member, mod 2^32 as ISIZE counts them.
    size: u32,
    trailer: [u8; TRAILER_LEN],
    members: u64,
}

impl GzipDecoder {
    pub(crate) fn new(multi: bool) -> GzipDecoder {
        GzipDecoder {
            multi,
            part: Part::Header,
            parser: HeaderParser::new(),
            header: None,
            inflater: Inflater::new(false),
            crc: crc32fast::Hasher::new(),
            size: 0,
            trailer: [0; TRAILER_LEN],
            members: 0,
        }
    }

    /// The header of the member being read, or of the last one once it ended.
    pub(crate) fn header(&self) -> Option<&GzipHeader> {
        self.header.as_ref()
    }

    /// Members whose trailer was checked.
    pub(crate) fn members(&self) -> u64 {
        self.members
    }

    pub(crate) fn is_multi(&self) -> bool {
        self.multi
    }

    fn body(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let step = self.inflater.inflate(input, output)?;
        let produced = &output[..step.produced];
        self.crc.update(produced);
        // ISIZE is the length mod 2^32: keep the low 32 bits of the count.
        let low = u64::try_from(produced.len()).unwrap_or(u64::MAX) & u64::from(u32::MAX);
        self.size = self
            .size
            .wrapping_add(u32::try_from(low).unwrap_or(u32::MAX));
        if step.ended {
            self.part = Part::Trailer(0);
        }
        Ok(Decoded {
            consumed: step.consumed,
            produced: step.produced,
            ..Decoded::default()
        })
    }

    /// Takes trailer bytes; checks the trailer once all 8 are in.
    fn trailer(&mut self, received: usize, input: &[u8]) -> io::Result<Decoded> {
        let n = input.len().min(TRAILER_LEN - received);
        self.trailer[received..received + n].copy_from_slice(&input[..n]);
        if received + n < TRAILER_LEN {
            self.part = Part::Trailer(received + n);
            return Ok(Decoded {
                consumed: n,
                ..Decoded::default()
            });
        }
        self.check_trailer()?;
        self.members += 1;
        self.part = Part::Header;
        self.inflater.reset();
        Ok(Decoded {
            consumed: n,
            message_end: true,
            stream_end: !self.multi,
            ..Decoded::default()
        })
    }

    fn check_trailer(&mut self) -> io::Result<()> {
        let [c0, c1, c2, c3, s0, s1, s2, s3] = self.trailer;
        let sent_crc = u32::from_le_bytes([c0, c1, c2, c3]);
        let sent_size = u32::from_le_bytes([s0, s1, s2, s3]);
        let crc = std::mem::take(&mut self.crc).finalize();
        let size = std::mem::take(&mut self.size);
        if sent_crc != crc {
            return Err(invalid(format!(
                "gzip CRC32 mismatch: the trailer says {sent_crc:#010x}, the payload gives \
                 {crc:#010x}"
            )));
        }
        if sent_size != size {
            return Err(invalid(format!(
                "gzip ISIZE mismatch: the trailer says {sent_size} bytes (mod 2^32), the \
                 payload has {size}"
            )));
        }
        Ok(())
    }
}

impl Decode for GzipDecoder {
    fn decode(&mut self, input: &[u8], output: &mut [u8]) -> io::Result<Decoded> {
        let mut consumed = 0;
        // Header and trailer steps produce nothing: keep going within this call until
        // payload comes out, a member ends, or the input runs out.
        loop {
            let rest = &input[consumed..];
            let step = match self.part {
                Part::Header => {
                    if rest.is_empty() {
                        break;
                    }
                    let (taken, header) = self.parser.feed(rest)?;
                    if let Some(header) = header {
                        self.header = Some(header);
                        self.part = Part::Body;
                    }
                    Decoded {
                        consumed: taken,
                        ..Decoded::default()
                    }
                }
                Part::Body => self.body(rest, output)?,
                Part::Trailer(received) => {
                    if rest.is_empty() {
                        break;
                    }
                    self.trailer(received, rest)?
                }
            };
            consumed += step.consumed;
            if step.produced > 0 || step.message_end || step.stream_end || step.consumed == 0 {
                return Ok(Decoded { consumed, ..step });
            }
        }
        Ok(Decoded {
            consumed,
            ..Decoded::default()
        })
    }

    fn input_ended(&mut self) -> io::Result<()> {
        if self.multi && self.members > 0 && self.part == Part::Header && self.parser.is_untouched()
        {
            return Ok(());
        }
        let what = match self.part {
            Part::Header => "in the gzip header",
            Part::Body => "in the deflate data",
            Part::Trailer(_) => "in the gzip trailer",
        };
        Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("the inner reader ended {what}, before the end of the gzip member"),
        ))
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}
