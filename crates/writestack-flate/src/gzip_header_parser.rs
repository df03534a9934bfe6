//! `HeaderParser`: reads a gzip member header (RFC 1952 section 2.3) incrementally, from
//! slices of any size down to one byte, holding at most [`MAX_HEADER_FIELD`] bytes per
//! field.
//!
//! ```text
//!  +---+---+---+---+---+---+---+---+---+---+
//!  |1f |8b |CM |FLG|  MTIME (LE)   |XFL|OS |   10 bytes, always
//!  +---+---+---+---+---+---+---+---+---+---+
//!  (if FLG.FEXTRA)   +---+---+=================+
//!                    | XLEN  | XLEN bytes      |
//!                    +---+---+=================+
//!  (if FLG.FNAME)    +==========================+---+
//!                    | file name                | 0 |
//!                    +==========================+---+
//!  (if FLG.FCOMMENT) +==========================+---+
//!                    | comment                  | 0 |
//!                    +==========================+---+
//!  (if FLG.FHCRC)    +---+---+
//!                    | CRC16 |  low 16 bits of the CRC-32 of every header byte before it
//!                    +---+---+
//! ```

use std::io;

use crate::gzip_header::{GzipHeader, MAX_HEADER_FIELD};

const FTEXT: u8 = 0x01;
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const RESERVED: u8 = 0xe0;
const FIXED_LEN: usize = 10;

/// Which part of the header the next byte belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The 10 fixed bytes; the count received so far.
    Fixed(usize),
    /// XLEN, low byte first; the count received.
    ExtraLen(usize),
    /// The extra field; the bytes still to come.
    Extra(usize),
    Name,
    Comment,
    /// The CRC16; the count received.
    Crc(usize),
}

/// An incremental gzip header parser: [`feed`](HeaderParser::feed) it bytes until it
/// returns the header.
#[derive(Debug)]
pub(crate) struct HeaderParser {
    part: Part,
    fixed: [u8; FIXED_LEN],
    flags: u8,
    pair: [u8; 2],
    field: Vec<u8>,
    header: GzipHeader,
    crc: crc32fast::Hasher,
}

impl HeaderParser {
    pub(crate) fn new() -> HeaderParser {
        HeaderParser {
            part: Part::Fixed(0),
            fixed: [0; FIXED_LEN],
            flags: 0,
            pair: [0; 2],
            field: Vec::new(),
            header: GzipHeader::default(),
            crc: crc32fast::Hasher::new(),
        }
    }

    /// Whether no byte of this header has been fed yet (the stream may end here, between
    /// members).
    pub(crate) fn is_untouched(&self) -> bool {
        self.part == Part::Fixed(0)
    }

    /// Takes bytes of `input` until the header is complete: returns how many it took and,
    /// once complete, the header (the parser is then ready for the next one).
    pub(crate) fn feed(&mut self, input: &[u8]) -> io::Result<(usize, Option<GzipHeader>)> {
        for (index, &byte) in input.iter().enumerate() {
            if self.take(byte)? {
                let header = std::mem::take(&mut self.header);
                *self = HeaderParser::new();
                return Ok((index + 1, Some(header)));
            }
        }
        Ok((input.len(), None))
    }

    /// One byte; true when it completed the header.
    fn take(&mut self, byte: u8) -> io::Result<bool> {
        if !matches!(self.part, Part::Crc(_)) {
            self.crc.update(&[byte]);
        }
        match self.part {
            Part::Fixed(n) => {
                self.fixed[n] = byte;
                check_fixed_byte(n, byte)?;
                if n + 1 < FIXED_LEN {
                    self.part = Part::Fixed(n + 1);
                    return Ok(false);
                }
                self.flags = self.fixed[3];
                let mtime = [self.fixed[4], self.fixed[5], self.fixed[6], self.fixed[7]];
                self.header.text = self.flags & FTEXT != 0;
                self.header.mtime = u32::from_le_bytes(mtime);
                self.header.extra_flags = self.fixed[8];
                self.header.operating_system = self.fixed[9];
                Ok(self.next_after(FEXTRA - 1))
            }
            Part::ExtraLen(n) => {
                self.pair[n] = byte;
                if n == 0 {
                    self.part = Part::ExtraLen(1);
                    return Ok(false);
                }
                let len = usize::from(u16::from_le_bytes(self.pair));
                self.part = Part::Extra(len);
                if len == 0 {
                    self.header.extra = Some(Vec::new());
                    return Ok(self.next_after(FEXTRA));
                }
                Ok(false)
            }
            Part::Extra(left) => {
                self.field.push(byte);
                if left > 1 {
                    self.part = Part::Extra(left - 1);
                    return Ok(false);
                }
                self.header.extra = Some(std::mem::take(&mut self.field));
                Ok(self.next_after(FEXTRA))
            }
            Part::Name | Part::Comment => self.take_text(byte),
            Part::Crc(n) => {
                self.pair[n] = byte;
                if n == 0 {
                    self.part = Part::Crc(1);
                    return Ok(false);
                }
                let sent = u16::from_le_bytes(self.pair);
                let crc = self.crc.clone().finalize().to_le_bytes();
                let computed = u16::from_le_bytes([crc[0], crc[1]]);
                if sent != computed {
                    return Err(invalid(format!(
                        "gzip header CRC16 mismatch: the header says {sent:#06x}, its bytes \
                         give {computed:#06x}"
                    )));
                }
                self.header.header_crc = Some(sent);
                Ok(true)
            }
        }
    }

    /// A byte of the file name or comment: the zero ends it.
    fn take_text(&mut self, byte: u8) -> io::Result<bool> {
        let (flag, what) = if self.part == Part::Name {
            (FNAME, "file name")
        } else {
            (FCOMMENT, "comment")
        };
        if byte != 0 {
            if self.field.len() >= MAX_HEADER_FIELD {
                return Err(invalid(format!(
                    "gzip header {what} longer than {MAX_HEADER_FIELD} bytes"
                )));
            }
            self.field.push(byte);
            return Ok(false);
        }
        let text = Some(std::mem::take(&mut self.field));
        if flag == FNAME {
            self.header.filename = text;
        } else {
            self.header.comment = text;
        }
        Ok(self.next_after(flag))
    }

    /// Moves to the next optional part after the one whose flag is `done` (wire order:
    /// FEXTRA, FNAME, FCOMMENT, whose flags rise, then FHCRC); true when none is left.
    fn next_after(&mut self, done: u8) -> bool {
        let wanted = |flag: u8| flag > done && self.flags & flag != 0;
        self.part = if wanted(FEXTRA) {
            Part::ExtraLen(0)
        } else if wanted(FNAME) {
            Part::Name
        } else if wanted(FCOMMENT) {
            Part::Comment
        } else if self.flags & FHCRC != 0 {
            Part::Crc(0)
        } else {
            return true;
        };
        false
    }
}

/// The fixed bytes that can be wrong on their own: the magic, the method, the flags.
fn check_fixed_byte(index: usize, byte: u8) -> io::Result<()> {
    match (index, byte) {
        (0, 0x1f) | (1, 0x8b) | (2, 8) => Ok(()),
        (0 | 1, _) => Err(invalid(format!(
            "bad gzip magic: byte {index} is {byte:#04x}, not {:#04x}",
            [0x1f, 0x8b][index]
        ))),
        (2, _) => Err(invalid(format!(
            "unknown gzip compression method {byte} (only 8, deflate, exists)"
        ))),
        (3, flags) if flags & RESERVED != 0 => Err(invalid(format!(
            "reserved gzip header flag bits set: {flags:#04x}"
        ))),
        _ => Ok(()),
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}
