//! The oracle's judgements: errors, accounting, and the decoded wire against the model.

use std::io;

use crate::drive::Events;
use crate::hostile::{HARD_ERROR, HARD_MESSAGE};
use crate::oracle::Harness;
use crate::wire::decode;

/// What the inner writer did, for messages.
fn describe(events: Events) -> &'static str {
    match (events.zero, events.failed) {
        (true, true) => "Ok(0) and a hard error",
        (true, false) => "Ok(0)",
        (false, true) => "a hard error",
        (false, false) => "nothing unusual",
    }
}

impl Harness {
    /// An inner `Ok(0)` or hard error during the call must not end in `Ok`, except for a
    /// write that a message-mode framing layer had already accepted (rule 15's exception).
    pub(crate) fn check_swallowed(&self, what: &str, events: Events, write: bool) {
        if events.zero || events.failed {
            assert!(
                write && self.defers,
                "{what}: the inner writer answered {} during this call, but the layer \
                 returned Ok (rules 4 and 15)",
                describe(events)
            );
        }
    }

    /// An error must be explained: passed on from the inner writer as it is (rule 15),
    /// `WriteZero` for an inner `Ok(0)` (rule 4), a refused write after finish or
    /// shutdown naming the layer (rule 13), or `InvalidInput` for a frame the message
    /// mode cannot take (rule 16).
    pub(crate) fn judge_error(
        &self,
        what: &str,
        error: &io::Error,
        events: Events,
        write: Option<(&[u8], usize)>,
    ) {
        let kind = error.kind();
        if write.is_some() && self.closing {
            let message = error.to_string();
            assert!(
                message.contains(self.top.name()) && message.contains("finish"),
                "{what} after finish or shutdown: the error must name {} and say the stream \
                 is finished (rule 13), got {kind:?}: {message}",
                self.top.name()
            );
            return;
        }
        let hard = kind == HARD_ERROR && error.to_string() == HARD_MESSAGE;
        if hard || kind == io::ErrorKind::WriteZero {
            if !self.defers && (events.zero || events.failed) {
                assert!(
                    (events.zero && kind == io::ErrorKind::WriteZero) || (events.failed && hard),
                    "{what}: the inner writer answered {} during this call, but the layer \
                     returned {kind:?}: {error}",
                    describe(events)
                );
            }
            let counters = self.probe.counters();
            assert!(
                counters.zeros + counters.failures > 0,
                "{what}: {kind:?} although the inner writer never failed: {error}"
            );
            return;
        }
        assert!(
            !events.zero && !events.failed,
            "{what}: the inner writer answered {} during this call, but the layer returned \
             another error, {kind:?}: {error} (rules 4 and 15)",
            describe(events)
        );
        if let Some((offered, slices)) = write {
            if let (Some(max), io::ErrorKind::InvalidInput) = (self.message, kind) {
                let len = offered.len();
                assert!(
                    len > max || slices > 64,
                    "{what}: InvalidInput for a {len}-byte frame of {slices} non-empty slices \
                     (maximum {max}): {error}"
                );
                return;
            }
        }
        panic!("{what}: an error the inner writer did not cause: {kind:?}: {error}");
    }

    /// Bytes accepted, bytes handed down and bytes taken agree from the top of the stack
    /// to the bottom (`total_in` / `total_out`), and buffers stay bounded.
    pub(crate) fn check_accounts(&self) {
        let accepted = self.accepted.len() as u64;
        assert_eq!(
            self.top.total_in(),
            accepted,
            "{}: total_in() disagrees with the bytes its writes returned as taken",
            self.top.name()
        );
        let mut layer = &self.top;
        loop {
            layer.check_buffer();
            match layer.below() {
                Some(below) => {
                    assert_eq!(
                        layer.total_out(),
                        below.total_in(),
                        "{}: total_out() disagrees with the total_in() of the {} below it",
                        layer.name(),
                        below.name()
                    );
                    layer = below;
                }
                None => {
                    assert_eq!(
                        layer.total_out(),
                        self.probe.len() as u64,
                        "{}: total_out() disagrees with what the inner writer took",
                        layer.name()
                    );
                    return;
                }
            }
        }
    }

    /// Decodes the inner writer's bytes layer by layer, from the wire up to the outermost
    /// layer, and compares with everything accepted: a layer that finished must show its
    /// tail exactly once, a flushed one everything so far (rules 8, 10, 11, 14).
    pub(crate) fn check_wire(&self, when: &str) {
        if self.shutdown_started && !self.shutdown_done && self.wires.len() > 1 {
            // The layers below are part-way through their own shutdown: no clean cut.
            return;
        }
        let mut bytes = self.probe.data();
        let mut units = Vec::new();
        for (index, wire) in self.wires.iter().enumerate().rev() {
            let complete = self.shutdown_done || (index == 0 && self.finish_done);
            units = decode(wire, &bytes, complete);
            bytes = units.concat();
        }
        if self.message.is_some() {
            let (got, want) = (units.len(), self.frames.len());
            if let Some(index) = (0..got.min(want)).find(|&i| units[i] != self.frames[i]) {
                panic!(
                    "{when}: frame {index} decodes to {} bytes, but the write accepted there \
                     had {} bytes (or other bytes)",
                    units[index].len(),
                    self.frames[index].len()
                );
            }
            assert_eq!(got, want, "{when}: frames decoded vs writes accepted");
        } else {
            same_bytes(when, &bytes, &self.accepted);
        }
    }
}

/// Compares decoded bytes with accepted bytes, with a message that fits on a screen.
fn same_bytes(when: &str, got: &[u8], want: &[u8]) {
    if got == want {
        return;
    }
    let at = got.iter().zip(want).take_while(|(a, b)| a == b).count();
    panic!(
        "{when}: decoded {} bytes, but {} were accepted; first difference at byte {at}",
        got.len(),
        want.len()
    );
}
