//! The per-layer table, and the checks of the wire against the payload with decoders
//! writestack did not write: flate2, tokio's `LengthDelimitedCodec` and crc32fast.

use writestack_test::reference::gunzip_exact;

use super::{Sent, Spec};
use crate::support::{decode_frames, rate};

/// Each layer's counters and throughput (bytes in over the send time), then the
/// receiver's.
pub(crate) fn print_table(sent: &Sent) {
    let secs = sent.send_time.as_secs_f64();
    println!();
    println!(
        "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
        "layer", "bytes in", "bytes out", "ratio", "throughput", "frames"
    );
    for row in &sent.rows {
        let ratio = if row.bytes_in == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", row.bytes_out as f64 / row.bytes_in as f64)
        };
        let frames = row
            .frames
            .map_or_else(|| "-".to_string(), |f| f.to_string());
        println!(
            "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
            row.layer,
            row.bytes_in,
            row.bytes_out,
            ratio,
            rate(row.bytes_in, secs),
            frames
        );
    }
    let received = sent.wire.len() as u64;
    println!(
        "{:<12} {:>14} {:>14} {:>7} {:>13} {:>8}",
        "tcp rx",
        received,
        "-",
        "-",
        rate(received, sent.receive_time.as_secs_f64()),
        "-"
    );
    println!();
    println!(
        "send (connect to shutdown): {:.3} s, receive (accept to EOF): {:.3} s; throughput is bytes in / send time",
        secs,
        sent.receive_time.as_secs_f64()
    );
}

/// Checks the wire against the payload; prints each check and returns whether all
/// passed.
pub(crate) fn verify(spec: &Spec, sent: Sent) -> bool {
    let Sent {
        rows,
        wire,
        decoded,
        payload,
        ..
    } = sent;
    let mut ok = true;
    let mut check = |what: &str, passed: bool, detail: String| {
        println!(
            "  [{}] {what}{}",
            if passed { "ok" } else { "FAIL" },
            if detail.is_empty() {
                detail
            } else {
                format!(": {detail}")
            }
        );
        ok &= passed;
    };
    println!("verification:");
    let readers = if spec.gzip.is_some() {
        "writestack readers on the socket (GzipReader -> Crc32Reader -> FrameReader): every trailer checked, payload byte for byte"
    } else {
        "writestack readers on the socket (Crc32Reader -> FrameReader): every trailer checked, payload byte for byte"
    };
    match &decoded {
        Ok(decoded) => check(readers, *decoded == payload, difference(decoded, &payload)),
        Err(e) => check(readers, false, e.clone()),
    }
    let sent = rows.last().map_or(0, |r| r.bytes_out);
    check(
        "bytes received == bytes the buffer layer wrote",
        wire.len() as u64 == sent,
        format!("{} vs {sent}", wire.len()),
    );

    let framed = if spec.gzip.is_some() {
        match gunzip_exact(&wire) {
            Ok(plain) => {
                check(
                    "flate2 GzDecoder decoded one complete gzip member",
                    true,
                    format!("{} bytes", plain.len()),
                );
                plain
            }
            Err(e) => {
                check(
                    "flate2 GzDecoder decoded one complete gzip member",
                    false,
                    e,
                );
                return false;
            }
        }
    } else {
        wire
    };
    let crc_out = rows[1].bytes_out;
    check(
        "decoded length == crc32 layer output",
        framed.len() as u64 == crc_out,
        format!("{} vs {crc_out}", framed.len()),
    );

    match decode_frames(&framed, spec.frame_size) {
        Ok(decoded) => {
            let frames = decoded.data_frames + 1;
            let written = rows[0].frames.unwrap_or(0);
            check(
                "LengthDelimitedCodec read every frame, then the zero-length end marker",
                frames == written,
                format!(
                    "{} data frames + end marker, frame layer counted {written}",
                    decoded.data_frames
                ),
            );
            check(
                "CRC32 trailer (big endian) == crc32fast of frames + end marker",
                decoded.trailer == decoded.computed,
                format!("{:08x} vs {:08x}", decoded.trailer, decoded.computed),
            );
            let same = decoded.payload == payload;
            let detail = difference(&decoded.payload, &payload);
            check("payload arrived byte for byte", same, detail);
        }
        Err(e) => check(
            "LengthDelimitedCodec read every frame, then the end marker",
            false,
            e,
        ),
    }
    ok
}

/// "N bytes" when `got` is `want`, else where they part.
fn difference(got: &[u8], want: &[u8]) -> String {
    if got == want {
        return format!("{} bytes", want.len());
    }
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    format!(
        "{} vs {} bytes, first difference at {at}",
        got.len(),
        want.len()
    )
}
