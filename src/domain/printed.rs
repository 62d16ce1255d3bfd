//! A schedule in whole seconds, as `plan` prints it.
//!
//! The rule shares time to the millisecond; people read whole seconds. Rounding each length on
//! its own lets the printed lengths drift from the printed starts: ten turns of 1:08.6 printed
//! as 1:09 each add 4 s to a round that the next start does not (a support circle's plan added
//! up to 10 s more than the meeting). Here the boundaries between slots are rounded, and a
//! slot's length is the difference of its two boundaries.

use std::time::Duration;

use super::meeting::Scheduled;
use super::summary::rounded_secs;

#[cfg(test)]
mod tests;

/// One slot of a schedule in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printed {
    /// Index into `Plan::slots`.
    pub slot: usize,
    /// Whole seconds from the schedule's start.
    pub start: u64,
    /// Whole seconds to the next slot's start (the end's, for the last slot).
    pub seconds: u64,
}

/// `schedule` (slots in order, each starting where the one before it ends) in whole seconds
/// from `from`, the last slot ending at `end`.
///
/// Each boundary is rounded to the nearest second (a half up) and each length is the
/// difference of two rounded boundaries, largest-remainder style: the lengths add up to the
/// rounded end, every slot starts where the one before it ends, and since both boundaries are
/// under half a second off, every length is under a second off the exact one.
///
/// Equal turns print equal whenever the boundaries allow it: when their round's rounded span is
/// a multiple of its turns, each boundary inside the round lies less than half a second off the
/// straight line between the round's rounded ends, so it rounds onto that line and the turns
/// come out equal. When the span does not divide, equal lengths and lengths that add up cannot
/// both hold, and adding up wins: a printed plan whose figures do not meet is wrong on its face,
/// while turns one second apart (each the exact length rounded down or up) are not.
#[must_use]
pub fn printed(
    from: Duration,
    schedule: impl IntoIterator<Item = Scheduled>,
    end: Duration,
) -> Vec<Printed> {
    let secs = |at: Duration| rounded_secs(at.saturating_sub(from));
    let mut printed: Vec<Printed> = Vec::new();
    for scheduled in schedule {
        let start = secs(scheduled.start);
        if let Some(before) = printed.last_mut() {
            before.seconds = start.saturating_sub(before.start);
        }
        printed.push(Printed {
            slot: scheduled.slot,
            start,
            seconds: 0,
        });
    }
    if let Some(last) = printed.last_mut() {
        last.seconds = secs(end).saturating_sub(last.start);
    }
    printed
}
