//! Flush, finish and shutdown: moving a stream towards its end, resumably.

use std::io;

use super::{Goal, Phase, State};
use crate::runtime::Inner;
use crate::send::{layer_error, retry};
use crate::{Encode, Routing};

impl<E: Encode, R: Routing<E>> State<E, R> {
    /// Everything accepted so far reaches the inner writer in a decodable form, and the
    /// inner writer is flushed (rules 8 and 9).
    pub(crate) fn flush<I: Inner>(&mut self, inner: &mut I) -> io::Result<()> {
        self.take_deferred()?;
        match self.phase {
            Phase::Open => self.set_phase(Phase::Flushing {
                encoder_done: false,
            }),
            Phase::Flushing { .. } => {}
            Phase::Finishing | Phase::Draining => return self.drive(inner, Goal::Flush),
            Phase::Finished | Phase::ShuttingDown => return retry(|| inner.flush()),
            Phase::Done => return Ok(()),
        }
        if self.phase
            == (Phase::Flushing {
                encoder_done: false,
            })
        {
            self.run_encoder_flush(inner)?;
            self.set_phase(Phase::Flushing { encoder_done: true });
        }
        self.drain(inner)?;
        retry(|| inner.flush())?;
        self.set_phase(self.after_flush());
        Ok(())
    }

    /// Moves the stream towards `goal`, resuming wherever an earlier call stopped.
    pub(crate) fn drive<I: Inner>(&mut self, inner: &mut I, goal: Goal) -> io::Result<()> {
        if goal != Goal::Flush {
            self.finish_requested = true;
            if self.phase == Phase::Open {
                self.set_phase(Phase::Finishing);
            }
        }
        self.take_deferred()?;
        loop {
            match self.phase {
                Phase::Open | Phase::Flushing { .. } => {
                    self.settle_flush(inner)?;
                    self.set_phase(Phase::Finishing);
                }
                Phase::Finishing => {
                    let done = self
                        .encoder
                        .finish(&mut self.out)
                        .map_err(|e| layer_error(self.name, &e))?;
                    if done {
                        self.set_phase(Phase::Draining);
                    } else {
                        self.send_ready(inner)?;
                    }
                }
                Phase::Draining => {
                    self.drain(inner)?;
                    if goal == Goal::Shutdown {
                        self.set_phase(Phase::ShuttingDown);
                    } else {
                        retry(|| inner.flush())?;
                        self.set_phase(Phase::Finished);
                    }
                }
                Phase::Finished => match goal {
                    Goal::Shutdown => self.set_phase(Phase::ShuttingDown),
                    Goal::Flush | Goal::Finish => return Ok(()),
                },
                Phase::ShuttingDown => match goal {
                    Goal::Shutdown => {
                        retry(|| inner.shutdown())?;
                        self.set_phase(Phase::Done);
                    }
                    // The tail is drained; finishing also means the inner writer is
                    // flushed (rule 10), whatever a shutdown has done so far.
                    Goal::Flush | Goal::Finish => return retry(|| inner.flush()),
                },
                Phase::Done => return Ok(()),
            }
        }
    }
}
