//! Who is in the spotlight (SPEC §8): the agenda's presenter, or — when they are absent as the
//! segment starts — a present member chosen then. The choice is part of the meeting's state,
//! so undo and resume keep it; the plan's slots are shown with it.

use super::{Meeting, Refusal, SlotStatus};

impl Meeting {
    /// The current slot's spotlight has a presenter who is absent and nobody was chosen
    /// instead: the screen should offer a picker rather than a spotlight on nobody.
    #[must_use]
    pub fn presenter_missing(&self) -> bool {
        let Some(current) = self.progress().current else {
            return false;
        };
        let slot = &self.plan.slots[current];
        let chosen = self
            .progress()
            .presenters
            .iter()
            .any(|&(segment, _)| segment == slot.segment);
        slot.spotlight
            .is_some_and(|presenter| !chosen && !self.is_present(presenter))
    }

    /// Puts `member` in the spotlight of the segment of slot `current`.
    pub(super) fn choose_presenter(
        &mut self,
        current: usize,
        member: usize,
    ) -> Result<(), Refusal> {
        let segment = self.plan.slots[current].segment;
        if self.plan.slots[current].spotlight.is_none() || !self.is_present(member) {
            return Err(Refusal::NoSuchMember);
        }
        let progress = &mut self.saved.progress;
        progress.presenters.retain(|&(s, _)| s != segment);
        progress.presenters.push((segment, member));
        // The new presenter's own turns in phases that leave the presenter out go.
        for (index, slot) in self.plan.slots.iter().enumerate() {
            if slot.segment == segment
                && slot.skip_speaker
                && slot.member() == Some(member)
                && progress.slots[index].status == SlotStatus::Pending
            {
                progress.slots[index].status = SlotStatus::Missed;
            }
        }
        self.show_presenters();
        Ok(())
    }

    /// Names in the plan's slots the presenters as they now stand.
    pub(super) fn show_presenters(&mut self) {
        let chosen = &self.saved.progress.presenters;
        for (slot, agenda) in self.plan.slots.iter_mut().zip(&self.agenda_spotlights) {
            slot.spotlight = chosen
                .iter()
                .find(|&&(segment, _)| segment == slot.segment)
                .map(|&(_, member)| member)
                .or(*agenda);
        }
    }
}
