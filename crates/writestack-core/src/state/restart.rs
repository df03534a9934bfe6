//! A new stream after the last one ended, on the same memory.

use std::io;

use super::{Phase, State};
use crate::send::named;
use crate::{Encode, Routing};

impl<E: Encode, R: Routing<E>> State<E, R> {
    /// Back to a new stream once the last one is finished (`Finished`), or shut down too
    /// when the caller brings another inner writer.
    pub(crate) fn reopen(
        &mut self,
        what: &str,
        shut_down_allowed: bool,
        reset: impl FnOnce(&mut E),
    ) -> io::Result<()> {
        let why = match self.phase {
            Phase::Finished => None,
            Phase::Done if shut_down_allowed => None,
            Phase::Done => Some("the inner writer was shut down; reset to another one instead"),
            _ => Some("the stream is not finished (poll_finish has not completed)"),
        };
        if let Some(why) = why {
            let what = format!("{what} refused: {why}");
            return Err(named(self.name, io::ErrorKind::InvalidInput, &what));
        }
        // The tail is drained, so the buffer is empty and nothing is deferred.
        reset(&mut self.encoder);
        self.set_phase(Phase::Open);
        self.finish_requested = false;
        self.total_in = 0;
        self.total_out = 0;
        Ok(())
    }
}
