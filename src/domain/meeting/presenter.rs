//! Who is in a spotlight (SPEC §8). The agenda names a member or says `"choose"`; when a
//! spotlight starts with its presenter still open (`"choose"`, or the named member absent),
//! its first slot waits, clock stopped, until the facilitator chooses among those present.
//! The choice is meeting state (saved, undoable), and the plan's slots are shown with it.

use std::time::Duration;

use super::{Meeting, Refusal, SlotStatus};
use crate::domain::agenda::Speaker;

impl Meeting {
    /// The member in the spotlight of `slot`'s segment: the one chosen in the room, else the
    /// agenda's. `None` outside a spotlight, before a choice, or when nobody was chosen.
    #[must_use]
    pub fn presenter(&self, slot: usize) -> Option<usize> {
        self.plan.slots.get(slot)?.spotlight?.member()
    }

    /// Whether the presenter of `slot`'s spotlight is still to be chosen in the room.
    #[must_use]
    pub fn presenter_open(&self, slot: usize) -> bool {
        self.plan
            .slots
            .get(slot)
            .is_some_and(|slot| slot.spotlight == Some(Speaker::Choose))
    }

    /// Whether the meeting waits for the facilitator to choose a presenter.
    #[must_use]
    pub fn choosing(&self) -> bool {
        self.progress().choosing
    }

    /// Whether the presenter of `segment` is settled: chosen in the room, or the agenda's
    /// presenter found present when the spotlight started.
    pub(super) fn presenter_chosen(&self, segment: usize) -> bool {
        self.choice(segment).is_some()
    }

    /// The choice made for `segment`, if one was (its member `None` is "nobody").
    fn choice(&self, segment: usize) -> Option<&(usize, Option<usize>)> {
        self.progress()
            .presenters
            .iter()
            .find(|(s, _)| *s == segment)
    }

    /// Fixes the presenter when the first slot of a spotlight starts: the agenda's, if they
    /// are here. True when the facilitator must choose (`"choose"`, or the agenda's presenter
    /// is absent); the presenter does not change later in the segment.
    pub(super) fn settle_presenter(&mut self, slot: usize) -> bool {
        let Some(speaker) = self.plan.slots[slot].spotlight else {
            return false;
        };
        let segment = self.plan.slots[slot].segment;
        if self.choice(segment).is_some() {
            return false;
        }
        match speaker.member().filter(|&member| self.is_present(member)) {
            Some(member) => {
                self.timing
                    .progress
                    .presenters
                    .push((segment, Some(member)));
                false
            }
            None => true,
        }
    }

    /// The facilitator's choice: the spotlight's clock starts, and the presenter's own turns
    /// in its `skip_speaker` phases are set aside.
    pub(super) fn choose_presenter(
        &mut self,
        member: Option<usize>,
        now: Duration,
    ) -> Result<(), Refusal> {
        let current = self.progress().current.ok_or(Refusal::Finished)?;
        if !self.progress().choosing {
            return Err(Refusal::NotChoosing);
        }
        if member.is_some_and(|m| !self.is_present(m)) {
            return Err(Refusal::NoSuchMember);
        }
        let segment = self.plan.slots[current].segment;
        let progress = &mut self.timing.progress;
        progress.presenters.push((segment, member));
        progress.choosing = false;
        progress.running_since = Some(now);
        if let Some(member) = member {
            for (index, slot) in self.plan.slots.iter().enumerate() {
                let own =
                    slot.segment == segment && slot.skip_speaker && slot.member() == Some(member);
                if own && progress.slots[index].status == SlotStatus::Pending {
                    progress.slots[index].status = SlotStatus::Missed;
                }
            }
        }
        // A spotlight that opens with its shares may have been waiting on the presenter's own.
        self.sync_plan();
        if self.presenter_skips(current) {
            let slot = &mut self.timing.progress.slots[current];
            slot.status = SlotStatus::Missed;
            slot.allotted = None;
            self.begin_after(Some(current), now);
        }
        Ok(())
    }

    /// Whether `slot` is the presenter's own turn in a `skip_speaker` phase: it never takes
    /// place, even if the presenter steps out and back in.
    pub(super) fn presenter_skips(&self, slot: usize) -> bool {
        let Some(plan_slot) = self.plan.slots.get(slot) else {
            return false;
        };
        plan_slot.skip_speaker
            && plan_slot.member().is_some()
            && self.presenter(slot) == plan_slot.member()
    }
}
