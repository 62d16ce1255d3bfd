//! What the allotment rule reads from a meeting's own timing: the start-time allotments, the
//! habit learned from finished turns, and each begun round's first allotment. All of it is
//! derived from the saved slots, so the state file needs nothing new.

use std::time::Duration;

use super::{Meeting, SlotStatus};
use crate::domain::plan::{Slot, SlotKind, is_active};
use crate::domain::rule::{Coming, Habit};

/// The meeting's timing, as the rule uses it.
pub(super) struct History {
    /// Member time at the start (`E − start − all fixed blocks`) and the planned length of all
    /// turns that take place: a turn's start-time allotment is `each × numerator / weight`.
    numerator: Duration,
    weight: Duration,
    pub(super) habit: Habit,
}

impl History {
    pub(super) fn read(meeting: &Meeting) -> History {
        let progress = meeting.progress();
        let (mut fixed, mut weight, mut turns) = (Duration::ZERO, Duration::ZERO, 0u32);
        let mut samples = Vec::new();
        for (slot, state) in meeting.plan.slots.iter().zip(&progress.slots) {
            // Turns that took place or will: a missed turn (its member was absent) is neither.
            let taken = match state.status {
                SlotStatus::Pending => is_active(slot, &progress.present),
                SlotStatus::Missed => false,
                SlotStatus::Current | SlotStatus::Done | SlotStatus::Passed => true,
            };
            match slot.kind {
                SlotKind::Block => fixed += slot.planned,
                SlotKind::Turn { .. } if taken => {
                    weight += slot.planned;
                    turns += 1;
                }
                SlotKind::Turn { .. } => {}
            }
            if let (SlotKind::Turn { .. }, SlotStatus::Done, Some(allotted)) =
                (slot.kind, state.status, state.allotted)
                && !allotted.is_zero()
            {
                samples.push((allotted, state.banked));
            }
        }
        let numerator = meeting
            .saved
            .end
            .saturating_sub(meeting.saved.start)
            .saturating_sub(fixed);
        let unit = numerator.checked_div(turns).unwrap_or_default();
        History {
            numerator,
            weight,
            habit: Habit::learn(&samples, unit),
        }
    }

    /// A turn's allotment at the meeting's start: the first formula then.
    fn base(&self, each: Duration) -> Duration {
        if self.weight.is_zero() {
            return Duration::ZERO;
        }
        let millis = each.as_millis() * self.numerator.as_millis() / self.weight.as_millis();
        Duration::from_millis(u64::try_from(millis).unwrap_or(u64::MAX))
    }

    /// The turns still to come, in order, with their start-time allotment and the first
    /// allotment of their round when it has begun.
    pub(super) fn coming(&self, meeting: &Meeting) -> Vec<Coming> {
        let progress = meeting.progress();
        let slots = &meeting.plan.slots;
        // Each round's first allotment, raised by what its passes gave back, shared by the
        // round's turns still to come: a pass's time goes to the others of its round.
        let mut anchors: Vec<Option<Duration>> = vec![None; slots.len()];
        let coming_weight: Duration = meeting
            .pending()
            .filter(|&i| slots[i].kind != SlotKind::Block)
            .map(|i| slots[i].planned)
            .sum();
        let mut start = 0;
        while start < slots.len() {
            let mut end = start + 1;
            while end < slots.len() && same_round(&slots[end - 1], &slots[end]) {
                end += 1;
            }
            if slots[start].kind != SlotKind::Block {
                let round = start..end;
                let first = round.clone().find_map(|i| {
                    let state = &progress.slots[i];
                    state
                        .allotted
                        .filter(|_| state.status != SlotStatus::Pending)
                });
                let given_back: Duration = round
                    .clone()
                    .filter(|&i| progress.slots[i].status == SlotStatus::Passed)
                    .map(|i| {
                        let state = &progress.slots[i];
                        state
                            .allotted
                            .unwrap_or_default()
                            .saturating_sub(state.banked)
                    })
                    .sum();
                for i in round {
                    let share = if coming_weight.is_zero() {
                        Duration::ZERO
                    } else {
                        let millis = given_back.as_millis() * slots[i].planned.as_millis()
                            / coming_weight.as_millis();
                        Duration::from_millis(u64::try_from(millis).unwrap_or(u64::MAX))
                    };
                    anchors[i] = first.map(|first| first + share);
                }
            }
            start = end;
        }
        let mut coming = meeting
            .pending()
            .filter(|&i| slots[i].kind != SlotKind::Block)
            .map(|i| Coming {
                slot: i,
                each: slots[i].planned,
                base: self.base(slots[i].planned),
                anchor: anchors[i],
                last_round: false,
            })
            .collect::<Vec<_>>();
        // The turns of the round the meeting ends with: the end takes part of their variation.
        if let Some(last) = coming.last().map(|turn| turn.slot) {
            let (mut first, mut end) = (last, last);
            while first > 0 && same_round(&slots[first - 1], &slots[first]) {
                first -= 1;
            }
            while end + 1 < slots.len() && same_round(&slots[end], &slots[end + 1]) {
                end += 1;
            }
            for turn in &mut coming {
                turn.last_round = (first..=end).contains(&turn.slot);
            }
        }
        coming
    }
}

/// Whether two neighbouring slots are turns of one round.
fn same_round(before: &Slot, slot: &Slot) -> bool {
    before.kind != SlotKind::Block
        && slot.kind != SlotKind::Block
        && before.segment == slot.segment
        && before.phase == slot.phase
}
