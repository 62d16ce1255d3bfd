//! Reading a meeting at an instant: the allotment rule applied, the countdown, the forecast,
//! and when the screen next needs to change.

use std::time::Duration;

use super::history::History;
use super::{Meeting, SlotStatus};
use crate::domain::plan::{SlotKind, is_active};
use crate::domain::rule::{Habit, Learned, Share, Situation};

/// How the current slot's countdown stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    Running,
    /// Remaining time is at or below the slot's warning threshold.
    Warning,
    /// Time is up; `over` is how far past zero it is.
    Time {
        over: Duration,
    },
}

/// A reading of the meeting at one instant, for the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub slot: usize,
    pub allotted: Duration,
    pub elapsed: Duration,
    /// Time left on the countdown (zero once time is up).
    pub remaining: Duration,
    pub countdown: Countdown,
    pub paused: bool,
    /// How long the clock has been stopped, while paused.
    pub paused_for: Option<Duration>,
    pub resetting: bool,
    /// How far the meeting will run past its planned end even if every remaining turn
    /// gets zero; `None` while it still fits.
    pub over_meeting: Option<Duration>,
    /// The scaled plan's member time left minus the time really left for it: positive when
    /// behind, negative when ahead (see `standing.rs`).
    pub behind_millis: i64,
    /// The factor applied to the coming turns (1 on schedule).
    pub factor: f64,
    /// Member time the rule holds back for the overruns it expects.
    pub reserve: Duration,
    /// How far past the planned end the meeting is expected to end, when the turns to come
    /// cannot all get their floor by then (the header's "ends 21:04 · 4 min over").
    pub forecast_over: Option<Duration>,
}

/// One slot of the forecast: when it is expected to start and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheduled {
    pub slot: usize,
    pub start: Duration,
    pub length: Duration,
}

impl Meeting {
    /// Time the current slot has run, up to `now`.
    #[must_use]
    pub fn elapsed(&self, slot: usize, now: Duration) -> Duration {
        let progress = self.progress();
        let banked = progress
            .slots
            .get(slot)
            .map_or(Duration::ZERO, |s| s.banked);
        match (progress.current, progress.running_since) {
            (Some(current), Some(since)) if current == slot => banked + now.saturating_sub(since),
            _ => banked,
        }
    }

    /// The current slot's allotment minus its elapsed time, at zero once time is up.
    pub(super) fn current_left(&self, now: Duration) -> Duration {
        self.progress().current.map_or(Duration::ZERO, |current| {
            let allotted = self.progress().slots[current].allotted.unwrap_or_default();
            allotted.saturating_sub(self.elapsed(current, now))
        })
    }

    /// Pending slots that will take place, in the order they will.
    pub(super) fn pending(&self) -> impl Iterator<Item = usize> + '_ {
        let progress = self.progress();
        let aside = self.set_aside();
        progress.order.iter().copied().filter(move |&i| {
            progress.slots[i].status == SlotStatus::Pending
                && is_active(&self.plan.slots[i], &progress.present)
                && !aside.contains(&i)
        })
    }

    /// For each slot, whether it is still to come and will take place (`pending`): what the
    /// rule, the learned habit and the summary all count as due.
    #[must_use]
    pub fn due(&self) -> Vec<bool> {
        let mut due = vec![false; self.plan.slots.len()];
        for slot in self.pending() {
            due[slot] = true;
        }
        due
    }

    /// Pending turns that stand for the own turn of a presenter still to be chosen
    /// (`Plan::set_aside`).
    fn set_aside(&self) -> Vec<usize> {
        let progress = self.progress();
        let pending = progress
            .order
            .iter()
            .copied()
            .filter(|&i| progress.slots[i].status == SlotStatus::Pending);
        self.plan.set_aside(pending, &progress.present, |segment| {
            self.presenter_chosen(segment)
        })
    }

    /// Fixed-block time still to come (not counting the current slot).
    fn pending_fixed(&self) -> Duration {
        self.pending()
            .filter(|&i| self.plan.slots[i].kind == SlotKind::Block)
            .map(|i| self.plan.slots[i].planned)
            .sum()
    }

    /// The allotment rule of SPEC §4 at `now` (see `domain::rule`).
    #[must_use]
    pub fn share(&self, now: Duration) -> Share {
        self.totals(now).1
    }

    /// What the rule has learned from this meeting's past, for a room display to share the
    /// time to come as this meeting does.
    #[must_use]
    pub fn learned(&self) -> Learned {
        if let Some(learned) = &self.learned {
            return learned.clone();
        }
        let history = History::read(self);
        Learned {
            coming: history.coming(self),
            habit: history.habit,
        }
    }

    /// This meeting, sharing the time to come by `learned` instead of its own past (which a
    /// meeting rebuilt from the room's projection does not have).
    #[must_use]
    pub fn with_learned(mut self, learned: Learned) -> Meeting {
        self.learned = Some(learned);
        self
    }

    /// Fixed-block time still to come and the rule's share.
    fn totals(&self, now: Duration) -> (Duration, Share) {
        let fixed = self.pending_fixed();
        let read;
        let Learned { habit, coming } = match &self.learned {
            Some(learned) => learned,
            None => {
                read = self.learned();
                &read
            }
        };
        let for_members = self.timing.end.saturating_sub(now).saturating_sub(fixed);
        let current_left = self.current_left(now);
        let situation = Situation {
            for_members,
            current_left,
            deficit: (now + fixed + current_left).saturating_sub(self.timing.end),
            current_extra: self.current_extra(habit, now),
            habit: *habit,
        };
        (fixed, Share::new(&situation, coming))
    }

    /// What the current speaker is expected to take beyond their countdown, by this meeting's
    /// habit: nothing for a block, and nothing before the rule has learned anything.
    fn current_extra(&self, habit: &Habit, now: Duration) -> Duration {
        let Some(current) = self.progress().current else {
            return Duration::ZERO;
        };
        if self.plan.slots[current].kind == SlotKind::Block || habit.is_none() {
            return Duration::ZERO;
        }
        let allotted = self.progress().slots[current].allotted.unwrap_or_default();
        let elapsed = self.elapsed(current, now).as_secs_f64();
        let expected = habit.expect(allotted.as_secs_f64()).max(elapsed);
        let counted = allotted.as_secs_f64().max(elapsed);
        Duration::from_secs_f64((expected - counted).max(0.0))
    }

    /// What the facilitator would see of slot `slot` if it started now: its frozen allotment
    /// if it has one, otherwise its share (turns) or its length (blocks).
    #[must_use]
    pub fn allotment(&self, slot: usize, now: Duration) -> Duration {
        self.settled_allotment(slot)
            .unwrap_or_else(|| self.share(now).allotment(slot))
    }

    /// Every slot's `allotment`, from one share of the time (each `allotment` makes its own).
    #[must_use]
    pub fn allotments(&self, now: Duration) -> Vec<Duration> {
        let share = self.share(now);
        (0..self.plan.slots.len())
            .map(|slot| {
                self.settled_allotment(slot)
                    .unwrap_or_else(|| share.allotment(slot))
            })
            .collect()
    }

    /// An allotment the rule has no say in: one frozen when its slot began, or a block's.
    fn settled_allotment(&self, slot: usize) -> Option<Duration> {
        if let Some(allotted) = self.progress().slots.get(slot).and_then(|s| s.allotted) {
            return Some(allotted);
        }
        let planned = self.plan.slots[slot].planned;
        match self.plan.slots[slot].kind {
            SlotKind::Block => Some(planned),
            SlotKind::Turn { .. } => None,
        }
    }

    /// The current slot and every pending slot that takes place, with expected start times,
    /// lazily: the screen reads only the first few.
    pub fn schedule(&self, now: Duration) -> impl Iterator<Item = Scheduled> + '_ {
        let current = self.progress().current.map(|slot| {
            let elapsed = self.elapsed(slot, now);
            Scheduled {
                slot,
                start: now.saturating_sub(elapsed),
                length: self.current_left(now) + elapsed,
            }
        });
        let share = self.share(now);
        let first_start = now + self.current_left(now);
        let pending = self.pending().scan(first_start, move |at, i| {
            let slot = &self.plan.slots[i];
            let length = match slot.kind {
                SlotKind::Block => slot.planned,
                SlotKind::Turn { .. } => share.allotment(i),
            };
            let start = *at;
            *at += length;
            Some(Scheduled {
                slot: i,
                start,
                length,
            })
        });
        current.into_iter().chain(pending)
    }

    /// The current slot's countdown and the meeting's standing at `now`; `None` once over.
    #[must_use]
    pub fn status(&self, now: Duration) -> Option<Status> {
        let slot = self.progress().current?;
        let allotted = self.progress().slots[slot].allotted.unwrap_or_default();
        let elapsed = self.elapsed(slot, now);
        let remaining = allotted.saturating_sub(elapsed);
        let countdown = if elapsed >= allotted {
            Countdown::Time {
                over: elapsed.saturating_sub(allotted),
            }
        } else if remaining <= self.plan.slots[slot].warn_threshold(allotted) {
            Countdown::Warning
        } else {
            Countdown::Running
        };
        let (fixed, share) = self.totals(now);
        // With time left for members the meeting ends on time; without, it ends this late.
        let projected_end = now + fixed + remaining + share.pool();
        let over_meeting = projected_end
            .checked_sub(self.timing.end)
            .filter(|over| !over.is_zero());
        Some(Status {
            slot,
            allotted,
            elapsed,
            remaining,
            countdown,
            paused: self.paused(),
            paused_for: self.paused_for(now),
            resetting: self.timing.resetting.is_some(),
            over_meeting,
            behind_millis: self.behind_millis(now, share.weight(), fixed),
            factor: share.factor(),
            reserve: share.reserve(),
            forecast_over: Some(share.over()).filter(|over| !over.is_zero()),
        })
    }

    /// The next instant after `now` at which anything on screen changes: the countdown's next
    /// displayed second, a warning threshold, or (while paused) the next second of the pause,
    /// which the screen counts (and the coming allotments shrink as the room waits).
    #[must_use]
    pub fn next_change(&self, now: Duration) -> Option<Duration> {
        let status = self.status(now)?;
        let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let to_next_second = |ms: u64| match ms % 1000 {
            0 => 1000,
            rest => rest,
        };
        let wait = if status.paused {
            // "PAUSED 3:12" flips a whole second after the pause began.
            let paused = status.paused_for.map_or(millis(now), millis);
            1000 - paused % 1000
        } else {
            let elapsed = millis(status.elapsed);
            let allotted = millis(status.allotted);
            if elapsed < allotted {
                let left = allotted - elapsed;
                let threshold =
                    millis(self.plan.slots[status.slot].warn_threshold(status.allotted));
                let to_warning = left.checked_sub(threshold).filter(|&ms| ms > 0);
                to_next_second(left).min(to_warning.unwrap_or(u64::MAX))
            } else {
                1000 - (elapsed - allotted) % 1000
            }
        };
        Some(now + Duration::from_millis(wait))
    }
}
