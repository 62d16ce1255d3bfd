//! The meeting's plan in whole seconds: what `plan` prints before a meeting and what the
//! summary's "Planned" adds up per segment after it, from one function so that the two agree
//! to the second for the same members and end.

use super::history::History;
use super::{Meeting, Scheduled};
use crate::domain::plan::SlotKind;
use crate::domain::printed::{Printed, printed};

impl Meeting {
    /// Every slot that took place or is still due, in the meeting's order from its start to
    /// its planned end: blocks at their length, turns at their start-time allotment — the
    /// rule's first formula for the time from the start to the end, shared by the turns that
    /// take place (so an absent member's time goes to the others, and a meeting shorter than
    /// its agenda plans its turns shorter). In whole seconds that add up (`printed`).
    ///
    /// At an on-time start this is `schedule` exactly, as the rule allots the first formula to
    /// the millisecond then; later it stays the plan, whatever the meeting's overruns did.
    #[must_use]
    pub fn planned(&self) -> Vec<Printed> {
        let history = History::read(self);
        let start = self.timing.start;
        let mut at = start;
        let mut exact = Vec::new();
        for &slot in self.order() {
            if !history.taken.get(slot).copied().unwrap_or(false) {
                continue;
            }
            let planned = self.plan.slots[slot].planned;
            let length = match self.plan.slots[slot].kind {
                SlotKind::Block => planned,
                SlotKind::Turn { .. } => history.base(planned),
            };
            exact.push(Scheduled {
                slot,
                start: at,
                length,
            });
            at += length;
        }
        // The turns fill the meeting to its end (their allotments, in whole milliseconds, may
        // stop just short of it); with no turn, the meeting ends when its last block does.
        // Blocks longer than the meeting overrun its end rather than shrink.
        let end = if history.has_turns() {
            self.timing.end.max(at)
        } else {
            at
        };
        printed(start, exact, end)
    }
}
