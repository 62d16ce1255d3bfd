//! Guests (SPEC §8): someone who joins during the meeting has turns like a member for the rest
//! of it. A guest is a member past the agenda's last, with turns copied from the plan's rounds;
//! only those indices are saved. The name typed in the room lives here, in memory: the state
//! file and the reports say "Guest 1".

use super::{Extra, Meeting, Progress, Refusal, SlotProgress};
use crate::domain::agenda::Speaker;
use crate::domain::plan::{Plan, SlotKind};

/// More guests than any forum has; bounds the plan's growth.
pub const MAX_GUESTS: usize = 20;

/// How a guest is named where names are not kept: "Guest 1" for guest number 0.
#[must_use]
pub fn guest_label(number: usize) -> String {
    format!("Guest {}", number + 1)
}

impl Meeting {
    /// The guest number of `member`, if `member` is a guest.
    #[must_use]
    pub fn guest_number(&self, member: usize) -> Option<usize> {
        member
            .checked_sub(self.base.members.len())
            .filter(|_| member < self.plan.members.len())
    }

    /// Gives guest `member` a name for the screen (never saved). Checking the name is the
    /// caller's: the same rules as the agenda's names.
    pub fn name_guest(&mut self, member: usize, name: String) {
        let Some(number) = self.guest_number(member) else {
            return;
        };
        if self.guest_names.len() <= number {
            self.guest_names.resize(number + 1, String::new());
        }
        self.guest_names[number] = name;
        self.sync_plan();
    }

    /// Whether guest `member` has been given a name in this process.
    #[must_use]
    pub fn guest_is_named(&self, member: usize) -> bool {
        self.guest_number(member)
            .and_then(|number| self.guest_names.get(number))
            .is_some_and(|name| !name.is_empty())
    }

    /// A guest joins: present, with a turn at the end of the round under way (as a late
    /// arrival) and at the end of every round not yet started.
    pub(super) fn add_guest(&mut self) -> Result<(), Refusal> {
        let current = self.progress().current.ok_or(Refusal::Finished)?;
        let guests = self.progress().present.len() - self.base.members.len();
        if guests >= MAX_GUESTS {
            return Err(Refusal::TooManyGuests);
        }
        let here = self.position(current).ok_or(Refusal::Finished)?;
        // The rounds that get a turn, as (place after the round's last turn, a turn to copy).
        let mut rounds = Vec::new();
        let mut position = here;
        while position < self.order().len() {
            match self.round_at(position) {
                Some(round) => {
                    rounds.push((round.end, self.template(self.order()[round.end - 1])));
                    position = round.end;
                }
                None => position += 1,
            }
        }
        let member = self.progress().present.len();
        self.timing.progress.present.push(true);
        // From the last round back, so the places still to insert at do not move.
        for (place, like) in rounds.into_iter().rev() {
            let slot = self.timing.progress.slots.len();
            self.timing.progress.extra.push(Extra { like, member });
            self.timing.progress.slots.push(SlotProgress::default());
            self.timing.progress.order.insert(place, slot);
        }
        self.sync_plan();
        Ok(())
    }

    /// The agenda's slot that `slot` is, or copies when it is a guest's.
    fn template(&self, slot: usize) -> usize {
        slot.checked_sub(self.base.slots.len())
            .and_then(|extra| self.progress().extra.get(extra))
            .map_or(slot, |extra| extra.like)
    }

    /// Rebuilds the plan the meeting reads from the agenda's plan and the guests and
    /// presenters in the progress: after a guest joins, a presenter is chosen, an undo, or a
    /// restore.
    pub(super) fn sync_plan(&mut self) {
        let progress = &self.timing.progress;
        let mut plan = self.base.clone();
        for number in 0..progress.present.len().saturating_sub(plan.members.len()) {
            let name = self
                .guest_names
                .get(number)
                .filter(|name| !name.is_empty())
                .cloned()
                .unwrap_or_else(|| guest_label(number));
            plan.members.push(name);
        }
        for extra in &progress.extra {
            if let Some(like) = self.base.slots.get(extra.like) {
                let mut slot = like.clone();
                slot.kind = SlotKind::Turn {
                    member: extra.member,
                };
                plan.slots.push(slot);
            }
        }
        // A presenter chosen in the room is named in every slot of their spotlight; with
        // nobody chosen, the segment is no longer a spotlight.
        for slot in &mut plan.slots {
            let chosen = progress
                .presenters
                .iter()
                .find(|&&(segment, _)| segment == slot.segment);
            if let (Some(_), Some(&(_, member))) = (slot.spotlight, chosen) {
                slot.spotlight = member.map(Speaker::Member);
            }
        }
        self.plan = plan;
    }
}

/// Whether a saved progress fits the agenda's plan: its guests' turns copy turns of the plan
/// for guests it has, and it has a timing for every slot.
pub(super) fn fit(plan: &Plan, progress: &Progress) -> bool {
    let members = plan.members.len();
    let guests = progress.present.len().checked_sub(members);
    let extras_fit = progress.extra.iter().all(|extra| {
        plan.slots
            .get(extra.like)
            .is_some_and(|slot| slot.member().is_some())
            && (members..progress.present.len()).contains(&extra.member)
    });
    let presenters_fit = progress.presenters.iter().all(|&(segment, member)| {
        segment < plan.segments.len() && member.is_none_or(|m| m < progress.present.len())
    });
    guests.is_some_and(|guests| guests <= MAX_GUESTS)
        && extras_fit
        && presenters_fit
        && progress.slots.len() == plan.slots.len() + progress.extra.len()
}
