//! What the allotment rule reads from a meeting's own timing: the start-time allotments, the
//! habit learned from finished turns, and each begun round's first allotment. All of it is
//! derived from the saved slots, so the state file needs nothing new.

use std::time::Duration;

use super::{Meeting, SlotStatus};
use crate::domain::plan::{Slot, SlotKind};
use crate::domain::rule::{Coming, Habit};

/// The meeting's timing, as the rule uses it.
pub(super) struct History {
    /// Member time at the start (`E − start − all fixed blocks`) and the planned length of all
    /// turns that take place: a turn's start-time allotment is `each × numerator / weight`.
    numerator: Duration,
    weight: Duration,
    pub(super) habit: Habit,
    /// Per slot, whether it counts in the meeting's plan: every block, and the turns that
    /// took place or will.
    pub(super) taken: Vec<bool>,
}

impl History {
    pub(super) fn read(meeting: &Meeting) -> History {
        let progress = meeting.progress();
        let (mut fixed, mut weight, mut turns) = (Duration::ZERO, Duration::ZERO, 0u32);
        let mut samples = Vec::new();
        let due = meeting.due();
        let mut taken_slots = vec![true; progress.slots.len()];
        for (index, (slot, state)) in meeting.plan.slots.iter().zip(&progress.slots).enumerate() {
            // Turns that took place or will: a missed turn (its member was absent) is neither,
            // nor the own turn of a presenter still to be chosen.
            let taken = match state.status {
                SlotStatus::Pending => due[index],
                SlotStatus::Missed => false,
                SlotStatus::Current | SlotStatus::Done | SlotStatus::Passed => true,
            };
            match slot.kind {
                SlotKind::Block => fixed += slot.planned,
                SlotKind::Turn { .. } if taken => {
                    weight += slot.planned;
                    turns += 1;
                }
                SlotKind::Turn { .. } => taken_slots[index] = false,
            }
            if let (SlotKind::Turn { .. }, SlotStatus::Done, Some(allotted)) =
                (slot.kind, state.status, state.allotted)
                && !allotted.is_zero()
            {
                samples.push((allotted, state.banked));
            }
        }
        let numerator = meeting
            .timing
            .end
            .saturating_sub(meeting.timing.start)
            .saturating_sub(fixed);
        let unit = numerator.checked_div(turns).unwrap_or_default();
        History {
            numerator,
            weight,
            habit: Habit::learn(&samples, unit),
            taken: taken_slots,
        }
    }

    /// A turn's allotment at the meeting's start: the first formula then.
    pub(super) fn base(&self, each: Duration) -> Duration {
        if self.weight.is_zero() {
            return Duration::ZERO;
        }
        let millis = each.as_millis() * self.numerator.as_millis() / self.weight.as_millis();
        Duration::from_millis(u64::try_from(millis).unwrap_or(u64::MAX))
    }

    /// Whether any turn took place or will: without one, nothing takes the member time.
    pub(super) fn has_turns(&self) -> bool {
        !self.weight.is_zero()
    }

    /// The turns still to come, in order, with their start-time allotment and the first
    /// allotment of their round when it has begun.
    pub(super) fn coming(&self, meeting: &Meeting) -> Vec<Coming> {
        let progress = meeting.progress();
        let slots = &meeting.plan.slots;
        // Each round's first allotment. A pass does not raise it: its time goes to the later
        // rounds like an early finish's, or the round's later seats would speak more than its
        // first ones in every meeting with a pass (measured: up to 10 % for the last seat).
        // A round is every turn of one segment and phase, wherever its slots sit (a guest's
        // turn is appended to the plan but belongs to the round under way). Its first
        // allotment is that of the first of its turns, in slot order, to have begun.
        // A few rounds at most: a list beats hashing, which was a tenth of `simulate`'s time.
        let mut firsts: Vec<((usize, Option<&str>), Duration)> = Vec::new();
        for (slot, state) in slots.iter().zip(&progress.slots) {
            if slot.kind == SlotKind::Block || state.status == SlotStatus::Pending {
                continue;
            }
            let round = slot.round();
            if let Some(first) = state.ruled.or(state.allotted)
                && !firsts.iter().any(|(seen, _)| *seen == round)
            {
                firsts.push((round, first));
            }
        }
        let first_of = |slot: &Slot| {
            let round = slot.round();
            firsts
                .iter()
                .find_map(|(seen, first)| (*seen == round).then_some(*first))
        };
        let mut coming = meeting
            .pending()
            .filter(|&i| slots[i].kind != SlotKind::Block)
            .map(|i| Coming {
                slot: i,
                each: slots[i].planned,
                base: self.base(slots[i].planned),
                anchor: first_of(&slots[i]),
                last_round: false,
            })
            .collect::<Vec<_>>();
        // The turns of the round the meeting ends with: the end takes part of their variation.
        if let Some(last) = coming.last().map(|turn| turn.slot) {
            for turn in &mut coming {
                turn.last_round = slots[last].same_round(&slots[turn.slot]);
            }
        }
        coming
    }
}
