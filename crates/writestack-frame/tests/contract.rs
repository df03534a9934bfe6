//! The layer contract suite, run on `FrameWriter` in both modes and with every kind of
//! prefix. Streams are decoded with tokio's `length_delimited` codec or the `leb128`
//! crate (see `common`).

mod common;

use common::FrameSpec;
use writestack_core::Endian;
use writestack_frame::LengthField;

const BE4: LengthField = LengthField::Fixed {
    width: 4,
    endian: Endian::Big,
};

/// Message mode with tokio's defaults: the ops' writes fit the buffer or are larger than
/// it (sent behind their prefix without a copy).
mod message_default {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: false,
        field: super::BE4,
        max: 8 * 1024 * 1024,
        capacity: 8 * 1024,
        end_marker: false,
    });
}

/// Message mode with a buffer smaller than most writes, a 3-byte little-endian prefix and
/// an end marker.
mod message_small_buffer_with_end_marker {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: false,
        field: writestack_frame::LengthField::Fixed {
            width: 3,
            endian: writestack_core::Endian::Little,
        },
        max: 1 << 20,
        capacity: 64,
        end_marker: true,
    });
}

/// Message mode with LEB128 prefixes of 1 to 4 bytes.
mod message_varint {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: false,
        field: writestack_frame::LengthField::Varint,
        max: 8 * 1024 * 1024,
        capacity: 300,
        end_marker: false,
    });
}

/// Chunked mode with the defaults: frames cut when the 8 KiB buffer fills and at flushes.
mod chunked_default {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: true,
        field: super::BE4,
        max: 8 * 1024 * 1024,
        capacity: 8 * 1024,
        end_marker: true,
    });
}

/// Chunked mode with frames cut at a maximum smaller than the buffer, 2-byte prefixes.
mod chunked_small_maximum {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: true,
        field: writestack_frame::LengthField::Fixed {
            width: 2,
            endian: writestack_core::Endian::Big,
        },
        max: 100,
        capacity: 512,
        end_marker: true,
    });
}

/// Chunked mode with LEB128 prefixes whose width (1 or 2 bytes) is only known at the cut.
mod chunked_varint {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: true,
        field: writestack_frame::LengthField::Varint,
        max: 200,
        capacity: 150,
        end_marker: true,
    });
}

/// Chunked mode without an end marker, 8-byte little-endian prefixes, a tiny buffer.
mod chunked_tiny_buffer_no_end_marker {
    writestack_test::contract_tests!(super::FrameSpec {
        chunked: true,
        field: writestack_frame::LengthField::Fixed {
            width: 8,
            endian: writestack_core::Endian::Little,
        },
        max: 8 * 1024 * 1024,
        capacity: 13,
        end_marker: false,
    });
}
