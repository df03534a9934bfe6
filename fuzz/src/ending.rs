//! Flushing, finishing and shutting down the outermost layer, and ending a run.

use tokio_io::AsyncWrite;
use writestack_core::Finish;

use crate::oracle::{Harness, MAX_LAYERS};
use crate::script::End;

impl Harness {
    /// `poll_flush`, driven until not `NotReady` (or abandoned).
    pub(crate) fn flush(&mut self) {
        let (before, len_before) = (self.probe.counters(), self.probe.len());
        let (result, events) = self.drive("poll_flush", |top| top.poll_flush());
        match result {
            None => return,
            Some(Err(error)) => return self.judge_error("poll_flush", &error, events, None),
            Some(Ok(())) => {}
        }
        self.check_swallowed("poll_flush", events, false);
        if !self.shutdown_done {
            assert!(
                self.probe.counters().flushes > before.flushes,
                "poll_flush returned Ready without flushing the inner writer (rule 8)"
            );
        }
        if self.quiet {
            assert_eq!(
                self.probe.len(),
                len_before,
                "a flush with nothing new accepted sent bytes (rule 9)"
            );
        }
        if self.closing && !self.finish_done && !self.shutdown_done {
            // A flush while a finish is pending may end an interrupted flush, or push
            // part or all of the tail: the layer's business. The finish or shutdown that
            // follows is checked in full, and until then a flush may still send the tail.
            self.flushed_while_closing = true;
            self.quiet = false;
        } else {
            self.quiet = !self.shutdown_started || self.shutdown_done;
            self.check_wire("after poll_flush returned Ready");
        }
    }

    /// `poll_finish`, driven until not `NotReady` (or abandoned); whether it completed.
    pub(crate) fn finish(&mut self) -> bool {
        self.closing = true;
        let fresh = !self.finish_done && !self.shutdown_done;
        if fresh {
            self.quiet = false;
        }
        let (before, out_before) = (self.probe.counters(), self.top.total_out());
        let (result, events) = self.drive("poll_finish", |top| top.poll_finish());
        match result {
            None => return false,
            Some(Err(error)) => {
                self.judge_error("poll_finish", &error, events, None);
                return false;
            }
            Some(Ok(())) => {}
        }
        self.check_swallowed("poll_finish", events, false);
        let after = self.probe.counters();
        assert_eq!(
            after.shutdown_calls, before.shutdown_calls,
            "poll_finish called the inner writer's shutdown (rule 10)"
        );
        if fresh {
            if !self.flushed_while_closing {
                assert!(
                    after.flushes > before.flushes,
                    "poll_finish returned Ready without flushing the inner writer (rule 10)"
                );
            }
            self.finish_done = true;
            self.check_wire("after poll_finish returned Ready");
        } else {
            // The layer itself writes nothing more; below it, a layer whose shutdown is
            // under way may still send its own tail when flushed.
            assert_eq!(
                self.top.total_out(),
                out_before,
                "poll_finish wrote again after the stream had ended (rule 12)"
            );
        }
        // Layers below whose shutdown is under way may still have a tail to send.
        self.quiet = !self.shutdown_started || self.shutdown_done;
        true
    }

    /// `shutdown`, driven until not `NotReady` (or abandoned); whether it completed.
    pub(crate) fn shutdown(&mut self) -> bool {
        self.closing = true;
        self.shutdown_started = true;
        let fresh = !self.shutdown_done;
        if fresh {
            self.quiet = false;
        }
        let len_before = self.probe.len();
        let (result, events) = self.drive("shutdown", |top| top.shutdown());
        match result {
            None => return false,
            Some(Err(error)) => {
                self.judge_error("shutdown", &error, events, None);
                return false;
            }
            Some(Ok(())) => {}
        }
        self.check_swallowed("shutdown", events, false);
        if fresh {
            let done = self.probe.counters().shutdowns;
            assert_eq!(
                done, 1,
                "shutdown returned Ready but the inner shutdown completed {done} times (rule 11)"
            );
            self.shutdown_done = true;
            self.check_wire("after shutdown returned Ready");
        } else {
            assert_eq!(
                self.probe.len(),
                len_before,
                "shutdown wrote again after it had completed (rule 12)"
            );
        }
        self.quiet = true;
        true
    }

    /// Ends the stream on an inner writer that recovers, then checks everything.
    pub(crate) fn end(&mut self, end: End) {
        match end {
            End::Finish => self.complete("poll_finish", Harness::finish),
            End::Shutdown => self.complete("shutdown", Harness::shutdown),
            End::FinishThenShutdown => {
                self.complete("poll_finish", Harness::finish);
                self.complete("shutdown", Harness::shutdown);
            }
        }
        // Once ended, a write is refused (rule 13).
        let payload = self.source.next(5);
        self.write(&payload);
        self.check_accounts();
        self.check_wire("at the end");
    }

    /// Retries `op` until it completes. Every failed attempt used up at least one of the
    /// inner writer's scripted failures, or reported an error deferred by a framing layer.
    fn complete(&mut self, what: &str, op: fn(&mut Harness) -> bool) {
        let attempts = self.probe.scripted() + 2 * MAX_LAYERS;
        for _ in 0..attempts {
            if op(self) {
                return;
            }
        }
        panic!("{what} still fails after the inner writer recovered ({attempts} attempts)");
    }
}
