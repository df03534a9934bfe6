//! The operation interpreter: runs a script against a stack and keeps the model of what
//! was accepted. The judgements live in `judge.rs`.

use std::io;

use bytes::Buf;
use futures::Poll;
use tokio_io::AsyncWrite;

use crate::data::{contents, make_buf, Shape, Source};
use crate::drive::{drive, Events};
use crate::hostile::{Hostile, Probe};
use crate::layer::{Below, Layer};
use crate::script::{Op, Script, MAX_OPS, MAX_SLICES};
use crate::spec::{build_stack, LayerSpec};
use crate::wire::Wire;

/// Layers of a stack, at most.
pub const MAX_LAYERS: usize = 5;

/// Bytes past which `Op::Repeat` stops writing: enough for a deflate codec to close
/// blocks on its own, few enough to keep runs fast.
pub const MAX_REPEATED_BYTES: usize = 256 * 1024;

/// Runs `script` against the stack `specs` (outermost first) over a hostile writer.
pub fn run(specs: &[LayerSpec], script: &Script) {
    let (hostile, probe) = Hostile::new(&script.answers, script.calm);
    let Some((top, wires)) = build_stack(specs, Below::Hostile(hostile)) else {
        return;
    };
    let mut harness = Harness::new(top, wires, probe, Source::new(script.pattern.clone()));
    // WRITESTACK_FUZZ_TRACE=1 prints each operation and the stack after it, to read a
    // crash (`cargo fuzz run TARGET ARTIFACT`).
    let trace = std::env::var_os("WRITESTACK_FUZZ_TRACE").is_some();
    for op in script.ops.iter().take(MAX_OPS) {
        harness.step(op);
        if trace {
            eprintln!(
                "{op:?} -> wire {} bytes, {:?}",
                harness.probe.len(),
                harness.top
            );
        }
        harness.check_accounts();
    }
    harness.patience = None;
    harness.end(script.end);
}

/// Runs `script` against a stack of 1 to [`MAX_LAYERS`] of `layers` (extra ones are
/// dropped), each below the first one adjusted by [`LayerSpec::for_inner_position`].
pub fn run_stack(layers: &[LayerSpec], script: &Script) {
    let specs: Vec<LayerSpec> = layers
        .iter()
        .take(MAX_LAYERS)
        .enumerate()
        .map(|(index, spec)| match index {
            0 => spec.clone(),
            _ => spec.for_inner_position(),
        })
        .collect();
    if !specs.is_empty() {
        run(&specs, script);
    }
}

/// The stack under test, the hostile writer's probe, and the model.
#[derive(Debug)]
pub(crate) struct Harness {
    pub(crate) top: Layer,
    /// How each layer's output looks, outermost first.
    pub(crate) wires: Vec<Wire>,
    pub(crate) probe: Probe,
    pub(crate) source: Source,
    /// The maximum frame length when the outermost layer frames messages.
    pub(crate) message: Option<usize>,
    /// Whether a message-mode framing layer is in the stack: it may report an inner error
    /// on the call after the one that accepted a frame (CONTRACT rule 15's exception).
    pub(crate) defers: bool,
    /// Every byte accepted, in order.
    pub(crate) accepted: Vec<u8>,
    /// Every write accepted, in order (message mode).
    pub(crate) frames: Vec<Vec<u8>>,
    /// `poll_finish` or `shutdown` has been called: no write may be accepted any more.
    pub(crate) closing: bool,
    pub(crate) finish_done: bool,
    pub(crate) shutdown_started: bool,
    pub(crate) shutdown_done: bool,
    /// A flush completed while a finish or shutdown was under way (and may have completed
    /// the outermost layer's finish itself).
    pub(crate) flushed_while_closing: bool,
    /// Nothing was accepted since the last completed flush, finish or shutdown.
    pub(crate) quiet: bool,
    /// The next operation gives up after this many `NotReady` answers.
    patience: Option<usize>,
}

impl Harness {
    fn new(top: Layer, wires: Vec<Wire>, probe: Probe, source: Source) -> Harness {
        let message = match wires.first() {
            Some(Wire::Frames(frames)) if !frames.chunked => Some(frames.max),
            _ => None,
        };
        let defers = wires
            .iter()
            .any(|wire| matches!(wire, Wire::Frames(frames) if !frames.chunked));
        Harness {
            top,
            wires,
            probe,
            source,
            message,
            defers,
            accepted: Vec::new(),
            frames: Vec::new(),
            closing: false,
            finish_done: false,
            shutdown_started: false,
            shutdown_done: false,
            flushed_while_closing: false,
            quiet: false,
            patience: None,
        }
    }

    fn step(&mut self, op: &Op) {
        match op {
            Op::Answers(answers) => {
                return self.probe.push_front(&answers[..answers.len().min(64)]);
            }
            Op::Impatient(n) => {
                self.patience = Some(1 + usize::from(n % 4));
                return;
            }
            Op::Write(len) => {
                let payload = self.source.next(len.bytes());
                self.write(&payload);
            }
            Op::Repeat(len, times) => {
                for _ in 0..=times % 64 {
                    if self.source.produced() > MAX_REPEATED_BYTES {
                        break;
                    }
                    let payload = self.source.next(len.bytes());
                    self.write(&payload);
                }
            }
            Op::WriteBuf(lens, shape) => self.write_buf(lens, *shape),
            Op::Flush => self.flush(),
            Op::Finish => {
                self.finish();
            }
            Op::Shutdown => {
                self.shutdown();
            }
        }
        self.patience = None;
    }

    /// Drives one operation on the outermost layer; `None` when it was abandoned.
    pub(crate) fn drive<T>(
        &mut self,
        what: &str,
        mut poll: impl FnMut(&mut Layer) -> Poll<T, io::Error>,
    ) -> (Option<io::Result<T>>, Events) {
        let top = &mut self.top;
        drive(&self.probe, what, self.patience, || poll(top))
    }

    pub(crate) fn write(&mut self, payload: &[u8]) {
        let (result, events) = self.drive("poll_write", |top| top.poll_write(payload));
        if let Some(result) = result {
            self.judge_write("poll_write", result, events, payload, 1);
        }
    }

    fn write_buf(&mut self, lens: &[u8], shape: Shape) {
        let lens = match lens.len() {
            0 => &[0][..],
            n => &lens[..n.min(MAX_SLICES)],
        };
        let parts: Vec<Vec<u8>> = lens
            .iter()
            .map(|&len| self.source.next(usize::from(len)))
            .collect();
        let (bytes, slices) = contents(shape, &parts);
        let mut buf = make_buf(shape, &parts);
        assert_eq!(
            buf.remaining(),
            bytes.len(),
            "the fuzzer's own Buf is wrong"
        );
        let (result, events) = self.drive("write_buf", |top| top.write_buf(&mut buf));
        let advanced = bytes.len() - buf.remaining();
        let Some(result) = result else {
            assert_eq!(
                advanced, 0,
                "write_buf: NotReady, but the Buf was advanced (rule 1)"
            );
            return;
        };
        match &result {
            Ok(n) => assert_eq!(
                advanced, *n,
                "write_buf returned Ok({n}) but advanced the Buf by {advanced}"
            ),
            Err(error) => assert_eq!(
                advanced, 0,
                "write_buf failed ({error}) but advanced the Buf by {advanced} (rule 1)"
            ),
        }
        self.judge_write("write_buf", result, events, &bytes, slices);
    }

    /// Records what a write accepted, after checking it against the contract.
    fn judge_write(
        &mut self,
        what: &str,
        result: io::Result<usize>,
        events: Events,
        offered: &[u8],
        slices: usize,
    ) {
        let n = match result {
            Ok(n) => n,
            Err(error) => return self.judge_error(what, &error, events, Some((offered, slices))),
        };
        let len = offered.len();
        assert!(n <= len, "{what}: Ok({n}) for a write of {len} bytes");
        if len == 0 {
            assert_eq!(n, 0, "{what}: Ok({n}) for an empty write (rule 5)");
            return;
        }
        assert!(n > 0, "{what}: Ok(0) for a write of {len} bytes");
        assert!(
            !self.closing,
            "{what}: {n} bytes accepted after poll_finish or shutdown had been called (rule 13)"
        );
        self.check_swallowed(what, events, true);
        if let Some(max) = self.message {
            assert_eq!(
                n, len,
                "{what}: message mode took {n} bytes of a {len}-byte frame"
            );
            assert!(
                n <= max,
                "{what}: a {n}-byte frame over the maximum {max} was accepted (rule 16)"
            );
            self.frames.push(offered.to_vec());
        }
        self.accepted.extend_from_slice(&offered[..n]);
        self.quiet = false;
    }
}
