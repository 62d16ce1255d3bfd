//! The order in which slots take place. It starts as the plan's order; a pending turn can move
//! to another place within the round under way. That one move serves a late arrival (SPEC §6:
//! a member who arrives after their place in the round has passed speaks at the end of that
//! round), and is what pass-for-now and who-speaks-next are built on.

use std::ops::Range;
use std::time::Duration;

use super::{Meeting, Refusal, SlotStatus};
use crate::domain::plan::is_active;

impl Meeting {
    /// Slot indices in the order they take place.
    #[must_use]
    pub fn order(&self) -> &[usize] {
        &self.timing.progress.order
    }

    /// Where `slot` stands in the order.
    pub(super) fn position(&self, slot: usize) -> Option<usize> {
        self.order().iter().position(|&s| s == slot)
    }

    /// The positions in the order of the round holding the slot at `position`: the run of
    /// turns of one segment and phase around it. `None` for a block.
    #[must_use]
    pub fn round_at(&self, position: usize) -> Option<Range<usize>> {
        let order = self.order();
        let slot = self.plan.slots.get(*order.get(position)?)?;
        slot.member()?;
        let same = |p: usize| self.plan.slots[order[p]].same_round(slot);
        let start = (0..position).rev().take_while(|&p| same(p)).last();
        let end = (position + 1..order.len()).take_while(|&p| same(p)).last();
        Some(start.unwrap_or(position)..end.unwrap_or(position) + 1)
    }

    /// The round under way: the positions of the current slot's round.
    fn current_round(&self) -> Option<(usize, Range<usize>)> {
        let here = self.position(self.progress().current?)?;
        Some((here, self.round_at(here)?))
    }

    /// Moves the pending turn `slot` to place `to` of the round under way (0 is the round's
    /// first place, anything past its end is its end), but never before or onto the current
    /// turn: a move changes what happens next, not what already did.
    pub(super) fn move_turn(&mut self, slot: usize, to: usize) -> Result<(), Refusal> {
        let (here, round) = self.current_round().ok_or(Refusal::NotInRound)?;
        let from = self
            .position(slot)
            .filter(|p| round.contains(p))
            .ok_or(Refusal::NotInRound)?;
        if self.progress().slots[slot].status != SlotStatus::Pending {
            return Err(Refusal::NotInRound);
        }
        let order = &mut self.timing.progress.order;
        order.remove(from);
        let here = if from < here { here - 1 } else { here };
        // The round is one shorter now; its last place is `round.end - 1`.
        let target = round
            .start
            .saturating_add(to)
            .clamp(here + 1, round.end - 1);
        order.insert(target, slot);
        Ok(())
    }

    /// Pass for now (`p`): the current turn goes to the end of its round with the time spoken
    /// so far, and the next turn starts. Back at the end, it is allotted a fresh share of the
    /// time then left (the rule's, like any turn starting), and its countdown starts from that
    /// share less what was already spoken: the rule counted the whole turn as still to come,
    /// so the time spoken before is not given twice. A second `p` in that turn is a pass.
    pub(super) fn pass_for_now(&mut self, current: usize, now: Duration) -> Result<(), Refusal> {
        if self.progress().slots[current].deferred {
            self.hand_over(current, SlotStatus::Passed, now);
            return Ok(());
        }
        let (here, round) = self.current_round().ok_or(Refusal::NotInRound)?;
        let progress = self.progress();
        let others = progress.order[here + 1..round.end].iter().any(|&slot| {
            progress.slots[slot].status == SlotStatus::Pending
                && is_active(&self.plan.slots[slot], &progress.present)
        });
        if !others {
            return Err(Refusal::LastInRound);
        }
        self.pause(now);
        let progress = &mut self.timing.progress;
        let slot = &mut progress.slots[current];
        slot.status = SlotStatus::Pending;
        slot.allotted = None;
        slot.deferred = true;
        progress.order.remove(here);
        progress.order.insert(round.end - 1, current);
        self.begin_from(here.checked_sub(1), now);
        Ok(())
    }

    /// The pending turns of the round under way that will take place, in order: who can be
    /// chosen to speak next (`o`).
    #[must_use]
    pub fn still_to_speak(&self) -> Vec<usize> {
        let Some((here, round)) = self.current_round() else {
            return Vec::new();
        };
        let progress = self.progress();
        progress.order[here + 1..round.end]
            .iter()
            .copied()
            .filter(|&slot| {
                progress.slots[slot].status == SlotStatus::Pending
                    && is_active(&self.plan.slots[slot], &progress.present)
            })
            .collect()
    }

    /// Who speaks next (`o`): the pending turn `slot` of the round under way comes right after
    /// the current one; the others keep their order.
    pub(super) fn speak_next(&mut self, slot: usize) -> Result<(), Refusal> {
        let (here, round) = self.current_round().ok_or(Refusal::NotInRound)?;
        self.move_turn(slot, here + 1 - round.start)
    }

    /// A member marked present: if the round under way went past their turn while they were
    /// away, that turn comes back at the end of the round.
    pub(super) fn arrive(&mut self, member: usize) {
        let Some((_, round)) = self.current_round() else {
            return;
        };
        let missed = round.map(|p| self.order()[p]).find(|&slot| {
            self.plan.slots[slot].member() == Some(member)
                && self.progress().slots[slot].status == SlotStatus::Missed
                && !self.presenter_skips(slot)
        });
        if let Some(slot) = missed {
            self.timing.progress.slots[slot].status = SlotStatus::Pending;
            // Cannot fail: the slot is in the round under way and pending.
            let _ = self.move_turn(slot, usize::MAX);
        }
    }

    /// The next slot after position `from` (exclusive; `None` = from the start) that takes
    /// place. Pending slots passed over on the way belonged to absent members: they are marked
    /// missed, so nothing promises them any more.
    pub(super) fn take_next(&mut self, from: Option<usize>) -> Option<usize> {
        let start = from.map_or(0, |p| p + 1);
        let progress = &mut self.timing.progress;
        for &slot in progress.order.get(start..).unwrap_or_default() {
            if progress.slots[slot].status != SlotStatus::Pending {
                continue;
            }
            if is_active(&self.plan.slots[slot], &progress.present) {
                return Some(slot);
            }
            progress.slots[slot].status = SlotStatus::Missed;
        }
        None
    }

    /// The slot before the current one that took place, for `b`.
    pub(super) fn previous_taken(&self, current: usize) -> Option<usize> {
        let here = self.position(current)?;
        self.order()[..here].iter().rev().copied().find(|&slot| {
            matches!(
                self.progress().slots[slot].status,
                SlotStatus::Done | SlotStatus::Passed
            ) && is_active(&self.plan.slots[slot], &self.progress().present)
        })
    }
}

/// Makes a saved order usable: empty (a file from before turns could move) means the plan's
/// order; anything but a permutation of the slots is refused. Pending slots the meeting has
/// gone past are marked missed, as `take_next` would have.
pub(super) fn normalise(progress: &mut super::Progress) -> bool {
    let slots = progress.slots.len();
    if progress.order.is_empty() {
        progress.order = (0..slots).collect();
    }
    let mut seen = vec![false; slots];
    for &slot in &progress.order {
        match seen.get_mut(slot) {
            Some(flag) if !*flag => *flag = true,
            _ => return false,
        }
    }
    if progress.order.len() != slots {
        return false;
    }
    if let Some(current) = progress.current
        && let Some(here) = progress.order.iter().position(|&s| s == current)
    {
        for p in 0..here {
            let slot = progress.order[p];
            if progress.slots[slot].status == SlotStatus::Pending {
                progress.slots[slot].status = SlotStatus::Missed;
            }
        }
    }
    true
}
