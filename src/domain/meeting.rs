//! The meeting state machine: `apply(input, now)` changes it, `status(now)` reads it.
//!
//! Time is always an argument (a `Duration` on the meeting clock, which the shell keeps);
//! nothing here reads a clock. A slot stores what it banked before its last pause and when it
//! last resumed, so a late call never turns into a slow clock.

use std::time::Duration;

use super::agenda::Drift;
use super::plan::{Plan, SlotKind};
use super::rule::Learned;

/// Undo keeps this many steps; a three-hour meeting rarely needs a tenth of it.
const UNDO_DEPTH: usize = 500;

mod guests;
mod history;
mod order;
mod planned;
mod presenter;
mod reading;
mod standing;
mod state;
pub use guests::{MAX_GUESTS, guest_label};
pub use reading::{Countdown, Scheduled, Status};
use state::within_reason;
pub use state::{Extra, Progress, SlotProgress, SlotStatus, Timing};
#[cfg(test)]
mod tests;

/// What `+` and `-` give or take.
pub const NUDGE: Duration = Duration::from_secs(60);

/// What the facilitator can do to a running meeting (SPEC §6, §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    TogglePause,
    /// End this slot and go to the next one.
    Next,
    /// The member passes; their time goes to the others.
    Skip,
    /// Back to the previous slot, keeping its elapsed time.
    Back,
    Undo,
    /// Give the current slot one more minute.
    MoreTime,
    /// Take one minute from the current slot.
    LessTime,
    /// Marks a member absent or present; a member who arrives after their place in the
    /// round under way has passed gets a turn at the end of that round.
    SetPresent {
        member: usize,
        present: bool,
    },
    /// Moves the pending turn `slot` to place `to` of the round under way (0 = the round's
    /// first place; past its end = its end), never before the current turn.
    MoveTurn {
        slot: usize,
        to: usize,
    },
    /// Who speaks next (`o`): the pending turn `slot` of the round under way comes right
    /// after the current one; the others keep their order.
    SpeakNext {
        slot: usize,
    },
    /// Pass for now (`p`): the current turn goes to the end of its round, keeping the time
    /// spoken; when it comes back it gets a fresh share. A second `p` in that turn is `Skip`.
    PassForNow,
    /// A guest joins, present: a turn at the end of the round under way and in every round
    /// not yet started. The guest is the member past the last one; `Meeting::name_guest`
    /// gives them a name for the screen.
    AddGuest,
    /// The presenter of the spotlight whose start is waiting for one; `None` goes on with
    /// nobody in the spotlight.
    ChoosePresenter {
        member: Option<usize>,
    },
    /// The reset-the-room overlay opens; the speaker's clock pauses if the agenda says so.
    OpenReset,
    /// The open reset names another drift (keys `1`–`6`).
    ChooseDrift(Drift),
    /// The overlay closes after a reset of this kind.
    CloseReset(Drift),
    /// End the meeting now (a confirmed quit).
    Finish,
    /// The wrap-up cue for the current speaker, on or off (`w`); it goes off by itself when
    /// the turn ends.
    WrapUp,
}

/// Why an input changed nothing; the screen may say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NothingToUndo,
    AtFirstSlot,
    Finished,
    /// The reset-the-room overlay is open and takes no other input.
    Resetting,
    NoSuchMember,
    /// The turn to move is not a pending turn of the round under way.
    NotInRound,
    /// Pass for now, but nobody else in the round is still to speak.
    LastInRound,
    /// The clock waits for the presenter to be chosen.
    Choosing,
    /// A presenter was chosen, but none is being waited for.
    NotChoosing,
    TooManyGuests,
}

/// A meeting in progress (or finished): the plan plus its timing.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The agenda's plan, without guests.
    base: Plan,
    /// `base` with the guests and their turns (`Progress::extra`): what everything reads.
    plan: Plan,
    timing: Timing,
    undo: Vec<Progress>,
    /// Guests' names by guest number, in memory only: never saved, never reported.
    guest_names: Vec<String>,
    /// What the rule learned, given rather than read from the meeting's past: a meeting
    /// rebuilt from the room's projection has no past to read it from.
    learned: Option<Learned>,
}

impl Meeting {
    /// Starts the meeting at `now`. The end is fixed here: `end` if given, otherwise `now` plus
    /// the planned length of the slots that take place with these members present.
    #[must_use]
    pub fn start(
        plan: Plan,
        present: Vec<bool>,
        now: Duration,
        end: Option<Duration>,
        reset_pauses: bool,
    ) -> Meeting {
        let mut present = present;
        present.resize(plan.members.len(), true);
        let end = end
            .unwrap_or_else(|| now + plan.planned_total(&present))
            .max(now);
        let slots = plan.slots.iter().map(|_| SlotProgress::default()).collect();
        let progress = Progress {
            present,
            order: (0..plan.slots.len()).collect(),
            slots,
            current: None,
            running_since: None,
            paused_since: None,
            finished_at: None,
            ended_early: false,
            extra: Vec::new(),
            presenters: Vec::new(),
            choosing: false,
        };
        let timing = Timing {
            start: now,
            end,
            progress,
            resets: [0; 6],
            resetting: None,
            drift: None,
            reset_pauses,
            picks: plan.picks.clone(),
            wrap_up: None,
            wrap_ups: 0,
        };
        let mut meeting = Meeting {
            base: plan.clone(),
            plan,
            timing,
            undo: Vec::new(),
            guest_names: Vec::new(),
            learned: None,
        };
        meeting.begin_after(None, now);
        meeting
    }

    /// Rebuilds a meeting from a saved state; `None` when it does not fit the plan.
    #[must_use]
    pub fn restore(plan: Plan, mut timing: Timing) -> Option<Meeting> {
        if !guests::fit(&plan, &timing.progress) || !order::normalise(&mut timing.progress) {
            return None;
        }
        let progress = &timing.progress;
        let fits = progress.current.is_none_or(|c| c < progress.slots.len())
            && timing.end >= timing.start
            && within_reason(&timing);
        let mut meeting = Meeting {
            base: plan.clone(),
            plan,
            timing,
            undo: Vec::new(),
            guest_names: Vec::new(),
            learned: None,
        };
        meeting.sync_plan();
        fits.then_some(meeting)
    }

    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    #[must_use]
    pub fn timing(&self) -> &Timing {
        &self.timing
    }

    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.timing.progress
    }

    /// The planned end on the meeting clock; it never moves once the meeting has started.
    #[must_use]
    pub fn end(&self) -> Duration {
        self.timing.end
    }

    #[must_use]
    pub fn started_at(&self) -> Duration {
        self.timing.start
    }

    #[must_use]
    pub fn finished_at(&self) -> Option<Duration> {
        self.timing.progress.finished_at
    }

    #[must_use]
    pub fn is_present(&self, member: usize) -> bool {
        self.timing
            .progress
            .present
            .get(member)
            .copied()
            .unwrap_or(false)
    }

    /// Whether the current slot's clock is stopped (false once the meeting is over).
    #[must_use]
    pub fn paused(&self) -> bool {
        let progress = self.progress();
        progress.current.is_some() && progress.running_since.is_none()
    }

    /// How long the current slot's clock has been stopped, while it is.
    #[must_use]
    pub fn paused_for(&self, now: Duration) -> Option<Duration> {
        let progress = self.progress();
        if progress.current.is_none() || progress.running_since.is_some() {
            return None;
        }
        progress.paused_since.map(|since| now.saturating_sub(since))
    }

    /// The drift the open reset names: advice-giving until another is chosen; `None` while
    /// no reset is open.
    #[must_use]
    pub fn reset_drift(&self) -> Option<Drift> {
        self.timing
            .resetting
            .map(|_| self.timing.drift.unwrap_or(Drift::Advice))
    }

    #[must_use]
    pub fn resets(&self) -> [u32; 6] {
        self.timing.resets
    }

    /// How many times the wrap-up cue was given: a count only, like the resets.
    #[must_use]
    pub fn wrap_ups(&self) -> u32 {
        self.timing.wrap_ups
    }

    /// Whether the wrap-up cue is showing for the current turn.
    #[must_use]
    pub fn wrapping_up(&self) -> bool {
        self.timing.wrap_up.is_some() && self.timing.wrap_up == self.progress().current
    }

    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Applies one input at `now`. Every accepted input except the reset overlay can be undone.
    ///
    /// # Errors
    /// A `Refusal` when the input changes nothing.
    pub fn apply(&mut self, input: Input, now: Duration) -> Result<(), Refusal> {
        if self.timing.resetting.is_some() {
            return match input {
                Input::ChooseDrift(drift) => {
                    self.timing.drift = Some(drift);
                    Ok(())
                }
                Input::CloseReset(drift) => {
                    self.close_reset(drift, now);
                    Ok(())
                }
                _ => Err(Refusal::Resetting),
            };
        }
        let result = self.apply_open(input, now);
        // The cue belongs to one turn: whatever changed the turn takes it down.
        if self.timing.wrap_up != self.progress().current {
            self.timing.wrap_up = None;
        }
        result
    }

    /// `apply` while the reset overlay is closed.
    fn apply_open(&mut self, input: Input, now: Duration) -> Result<(), Refusal> {
        match input {
            Input::Undo => {
                let previous = self.undo.pop().ok_or(Refusal::NothingToUndo)?;
                self.timing.progress = previous;
                self.sync_plan();
                Ok(())
            }
            // Like a reset, a cue is said aloud in the room: undo cannot take it back, `w`
            // again takes it down.
            Input::WrapUp => {
                let current = self.progress().current.ok_or(Refusal::Finished)?;
                if self.timing.wrap_up.take().is_none() {
                    self.timing.wrap_up = Some(current);
                    self.timing.wrap_ups += 1;
                }
                Ok(())
            }
            Input::CloseReset(_) | Input::ChooseDrift(_) => Ok(()),
            Input::OpenReset => {
                if self.progress().current.is_none() {
                    return Err(Refusal::Finished);
                }
                let pauses = self.timing.reset_pauses && self.progress().running_since.is_some();
                if pauses {
                    self.pause(now);
                }
                self.timing.resetting = Some(pauses);
                self.timing.drift = Some(Drift::Advice);
                Ok(())
            }
            _ => {
                let before = self.timing.progress.clone();
                self.change(input, now)?;
                if self.undo.len() == UNDO_DEPTH {
                    self.undo.remove(0);
                }
                self.undo.push(before);
                Ok(())
            }
        }
    }

    fn change(&mut self, input: Input, now: Duration) -> Result<(), Refusal> {
        match input {
            Input::AddGuest => return self.add_guest(),
            Input::ChoosePresenter { member } => return self.choose_presenter(member, now),
            Input::SetPresent { .. } | Input::Finish => {}
            _ if self.progress().choosing => return Err(Refusal::Choosing),
            _ => {}
        }
        if let Input::SetPresent { member, present } = input {
            let slot = self
                .timing
                .progress
                .present
                .get_mut(member)
                .ok_or(Refusal::NoSuchMember)?;
            *slot = present;
            if present {
                self.arrive(member);
            }
            return Ok(());
        }
        let current = self.progress().current.ok_or(Refusal::Finished)?;
        match input {
            Input::TogglePause => {
                if self.progress().running_since.is_some() {
                    self.pause(now);
                } else {
                    self.timing.progress.running_since = Some(now);
                }
            }
            Input::Next => self.hand_over(current, SlotStatus::Done, now),
            Input::Skip => self.hand_over(current, SlotStatus::Passed, now),
            Input::MoveTurn { slot, to } => self.move_turn(slot, to)?,
            Input::SpeakNext { slot } => self.speak_next(slot)?,
            Input::PassForNow => self.pass_for_now(current, now)?,
            Input::Back => {
                let previous = self.previous_taken(current).ok_or(Refusal::AtFirstSlot)?;
                self.pause(now);
                let progress = &mut self.timing.progress;
                // The turn begun by mistake starts afresh when its time comes. What ran of it
                // is counted by no one: the previous slot keeps its own elapsed time (SPEC §6),
                // and the meeting's clock has the time all the same.
                progress.slots[current] = SlotProgress {
                    deferred: progress.slots[current].deferred,
                    ..SlotProgress::default()
                };
                progress.slots[previous].status = SlotStatus::Current;
                progress.current = Some(previous);
                progress.running_since = Some(now);
            }
            Input::MoreTime | Input::LessTime => {
                let slot = &mut self.timing.progress.slots[current];
                let allotted = slot.allotted.unwrap_or_default();
                slot.allotted = Some(if input == Input::MoreTime {
                    allotted + NUDGE
                } else {
                    allotted.saturating_sub(NUDGE)
                });
            }
            Input::Finish => {
                self.timing.progress.ended_early = true;
                self.finish(now);
            }
            Input::Undo
            | Input::OpenReset
            | Input::CloseReset(_)
            | Input::SetPresent { .. }
            | Input::AddGuest
            | Input::ChoosePresenter { .. }
            | Input::ChooseDrift(_)
            | Input::WrapUp => {}
        }
        Ok(())
    }

    fn close_reset(&mut self, drift: Drift, now: Duration) {
        self.timing.resets[drift.index()] += 1;
        self.timing.drift = None;
        if self.timing.resetting.take() == Some(true) && self.progress().current.is_some() {
            self.timing.progress.running_since = Some(now);
        }
    }

    /// Banks the running time of the current slot and stops its clock.
    fn pause(&mut self, now: Duration) {
        let progress = &mut self.timing.progress;
        if let (Some(current), Some(since)) = (progress.current, progress.running_since.take()) {
            progress.slots[current].banked += now.saturating_sub(since);
            progress.paused_since = Some(now);
        }
    }

    fn hand_over(&mut self, current: usize, status: SlotStatus, now: Duration) {
        self.pause(now);
        self.timing.progress.slots[current].status = status;
        self.begin_after(Some(current), now);
    }

    /// Starts the first slot after `after` that takes place, freezing its allotment; finishes
    /// the meeting when there is none.
    fn begin_after(&mut self, after: Option<usize>, now: Duration) {
        let from = after.and_then(|slot| self.position(slot));
        self.begin_from(from, now);
    }

    /// Starts the first slot after position `from` (exclusive; `None` = from the start) that
    /// takes place. A spotlight whose presenter is still to be chosen waits, its clock stopped.
    fn begin_from(&mut self, from: Option<usize>, now: Duration) {
        let Some(next) = self.take_next(from) else {
            self.timing.progress.current = None;
            self.finish(now);
            return;
        };
        self.timing.progress.current = None;
        let allotted = match self.plan.slots[next].kind {
            SlotKind::Block => self.plan.slots[next].planned,
            SlotKind::Turn { .. } => self.share(now).allotment(next),
        };
        let progress = &mut self.timing.progress;
        let slot = &mut progress.slots[next];
        slot.status = SlotStatus::Current;
        slot.allotted = Some(allotted);
        slot.ruled = Some(allotted);
        progress.current = Some(next);
        progress.running_since = Some(now);
        if self.settle_presenter(next) {
            self.pause(now);
            self.timing.progress.choosing = true;
        }
    }

    fn finish(&mut self, now: Duration) {
        self.pause(now);
        let progress = &mut self.timing.progress;
        if let Some(current) = progress.current.take() {
            progress.slots[current].status = SlotStatus::Done;
        }
        progress.finished_at = Some(now);
    }
}
