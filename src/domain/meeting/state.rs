//! A meeting's timing state: what undo restores and what a resumed process reads back, with
//! the check that a state read from disk holds sane times. No names, no prompts.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::agenda::Drift;
use crate::domain::plan::Picks;

/// Where a slot stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SlotStatus {
    #[default]
    Pending,
    Current,
    Done,
    /// The member passed (`s`).
    Passed,
    /// The meeting went past it while its member was absent: it will not take place unless
    /// the member arrives while its round is still on (then it moves to the round's end).
    Missed,
}

/// The timing of one slot.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SlotProgress {
    pub status: SlotStatus,
    /// Frozen when the slot starts; only `+`/`-` change it afterwards.
    pub allotted: Option<Duration>,
    /// What the rule allotted when the slot started, before any `+`/`-`. A round's level is
    /// read from this: the facilitator's minute for its first speaker is taken from the turns
    /// to come, not copied to the rest of the round. Absent from older state files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruled: Option<Duration>,
    /// Time spoken before the slot's last pause or hand-over.
    pub banked: Duration,
    /// The member passed for now (`p`) and the turn went to the end of its round; a second
    /// `p` is a pass.
    #[serde(default)]
    pub deferred: bool,
}

/// A turn added for a guest: a copy of the plan's slot `like` (a turn of the same round) for
/// `member`, which is past the agenda's members. Only indices: a guest's name is never saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extra {
    pub like: usize,
    pub member: usize,
}

/// Everything undo restores: positions, presence and times. No names, no prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub present: Vec<bool>,
    pub slots: Vec<SlotProgress>,
    /// Slot indices in the order they take place: the plan's order until a turn is moved
    /// within its round (a late arrival, and later pass-for-now and who-speaks-next). Empty
    /// in a state file written before turns could move, which means the plan's order.
    #[serde(default)]
    pub order: Vec<usize>,
    /// The current slot; `None` once the meeting is over.
    pub current: Option<usize>,
    /// When the current slot last resumed; `None` while paused.
    pub running_since: Option<Duration>,
    /// When the clock last stopped, to say how long a pause has lasted.
    #[serde(default)]
    pub paused_since: Option<Duration>,
    pub finished_at: Option<Duration>,
    /// The meeting was ended by a confirmed quit before its last slot was done.
    #[serde(default)]
    pub ended_early: bool,
    /// Turns added for guests, in the order they were added: slot `plan.len() + i` is
    /// `extra[i]`. Guests are the members past the agenda's in `present`.
    #[serde(default)]
    pub extra: Vec<Extra>,
    /// Presenters chosen in the room: (segment, member), `None` for nobody.
    #[serde(default)]
    pub presenters: Vec<(usize, Option<usize>)>,
    /// The current slot waits, its clock stopped, for the presenter to be chosen.
    #[serde(default)]
    pub choosing: bool,
}

/// The meeting's live timing state — when it started and must end, each slot's progress, the
/// room's counts — everything of a meeting besides its plan: what is saved after each change
/// and what a resumed process restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub start: Duration,
    pub end: Duration,
    pub progress: Progress,
    /// Room resets by `Drift::index`: counts only, never who or when.
    pub resets: [u32; 6],
    /// `Some(true)` while the reset overlay is open and paused the clock itself.
    pub resetting: Option<bool>,
    /// The drift the open reset names (the room reads its prompt); `None` when closed.
    #[serde(default)]
    pub drift: Option<Drift>,
    pub reset_pauses: bool,
    /// What the history decided (SPEC §13), so a resumed meeting rebuilds the same plan
    /// whatever the history folder holds by then. Absent from older state files.
    #[serde(default)]
    pub picks: Picks,
    /// The slot whose speaker was given the wrap-up cue, while it shows.
    #[serde(default)]
    pub wrap_up: Option<usize>,
    /// Wrap-up cues given: a count only, never who.
    #[serde(default)]
    pub wrap_ups: u32,
}

/// No meeting-clock value in a saved state is this large; a larger one is a damaged file, and
/// refusing it keeps every later sum of durations far from overflow.
const SANE_CLOCK: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// Whether every time in a saved state is below `SANE_CLOCK`.
pub(super) fn within_reason(timing: &Timing) -> bool {
    let progress = &timing.progress;
    let times = [timing.start, timing.end]
        .into_iter()
        .chain(progress.running_since)
        .chain(progress.finished_at)
        .chain(
            progress
                .slots
                .iter()
                .flat_map(|slot| [Some(slot.banked), slot.allotted, slot.ruled])
                .flatten(),
        );
    times.into_iter().all(|time| time < SANE_CLOCK)
}
