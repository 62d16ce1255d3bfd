//! The room projection: everything the room may see of a meeting, and nothing else.
//!
//! `RoomState` is what the controller publishes (owned, serde: the wire form, see [`wire`]);
//! `Room` is that state with the meeting rebuilt from it; `RoomView` is what the room's views
//! draw from. The controller builds its own live screen from the same projection, so the room
//! display and the controller's room layer cannot disagree — and a display cannot show what
//! the room should not see (balances, presence, warnings, pickers), because it never gets it.
//!
//! Only what lies ahead of the meeting is projected: the current slot and the slots still to
//! come. Time already spoken is not, so no one's balance can be worked out from it. That is
//! all `Meeting::status` and `Meeting::schedule` read, so the display's countdown, "up next"
//! and meeting line come from the same code and flip on the same second as the controller's.

pub mod wire;

use std::time::Duration;

use chrono::{Local, TimeZone};
use serde::{Deserialize, Serialize};

use crate::domain::agenda::{Drift, Speaker};
use crate::domain::meeting::{Meeting, Progress, SlotProgress, SlotStatus, Timing};
use crate::domain::plan::{Picks, Plan, Slot, SlotKind};
use crate::domain::rule::{Coming, Habit, Learned};
use crate::wall::Origin;

/// The published room state: names and timing only. Times are nanoseconds on the meeting
/// clock (see `wire::Anchor` for how a display reads that clock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomState {
    pub title: String,
    /// The wall clock at meeting-clock zero, in Unix milliseconds: for the clock times shown.
    pub origin_ms: i64,
    /// Clock speed: above 1 in a rehearsal, which the room is told.
    pub speed: u32,
    pub stage: Stage,
}

/// Where the meeting stands, as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Before the start: the opening card.
    Opening {
        purpose: Option<String>,
        agreements: Vec<String>,
    },
    /// A slot is running (or paused).
    Live(Live),
    /// The meeting has ended: the closing card.
    Closed { planned_end_ns: u64, ended_ns: u64 },
}

/// A running meeting from the current slot on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Live {
    /// The names the slots below refer to (members of those slots and spotlights only).
    pub names: Vec<String>,
    pub segments: Vec<String>,
    /// The current slot first, then every slot still to come, in the order they will run.
    pub slots: Vec<RoomSlot>,
    /// When the meeting started, and the plan's totals with the members present (fixed
    /// blocks; member turns): what "on time" / "N min behind" is measured against (the plan
    /// scaled to this meeting's end). Planned lengths only, never time spoken.
    #[serde(default)]
    pub start_ns: u64,
    #[serde(default)]
    pub planned_fixed_ns: u64,
    #[serde(default)]
    pub planned_members_ns: u64,
    /// The current turn's member was marked absent during it (their turn then no longer
    /// counts in the plan the standing is measured against).
    #[serde(default)]
    pub current_absent: bool,
    /// The planned end; it never moves once the meeting has started.
    pub end_ns: u64,
    /// The current slot's allotment, the time it ran before its last pause, and when it last
    /// resumed (absent while paused).
    pub allotted_ns: u64,
    pub banked_ns: u64,
    pub running_since_ns: Option<u64>,
    /// When the clock last stopped, while paused: the room sees how long it has waited.
    #[serde(default)]
    pub paused_since_ns: Option<u64>,
    /// The reset-the-room prompt, while it is open.
    pub reset: Option<ResetPrompt>,
    /// The wrap-up cue for the current speaker.
    pub wrap_up: bool,
    /// The clock waits while the room chooses a presenter.
    #[serde(default)]
    pub choosing: bool,
    /// What the allotment rule learned from the meeting so far, so that the room shares the
    /// time to come exactly as the controller does. No one's spoken time is in it.
    #[serde(default)]
    pub rule: Option<RoomRule>,
}

/// The allotment rule's learned state (`domain::rule::Learned`) in wire form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomRule {
    /// The group's habit as IEEE-754 bits (alpha, beta, unit): exact through JSON.
    pub habit: [u64; 3],
    pub coming: Vec<RoomComing>,
}

/// A turn to come as the rule sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomComing {
    /// Index into `Live::slots`.
    pub slot: usize,
    pub each_ns: u64,
    /// Its allotment at the meeting's start.
    pub base_ns: u64,
    /// Its round's first allotment, once the round has begun.
    pub anchor_ns: Option<u64>,
    /// It belongs to the round the meeting ends with.
    pub last_round: bool,
}

impl RoomRule {
    /// `learned` with each turn's slot as its place in `order` (the room's slot list).
    fn of(learned: &Learned, order: &[usize]) -> RoomRule {
        RoomRule {
            habit: learned.habit.to_bits(),
            coming: learned
                .coming
                .iter()
                .filter_map(|turn| {
                    Some(RoomComing {
                        slot: order.iter().position(|&s| s == turn.slot)?,
                        each_ns: nanos(turn.each),
                        base_ns: nanos(turn.base),
                        anchor_ns: turn.anchor.map(nanos),
                        last_round: turn.last_round,
                    })
                })
                .collect(),
        }
    }

    fn learned(&self) -> Learned {
        Learned {
            habit: Habit::from_bits(self.habit),
            coming: self
                .coming
                .iter()
                .map(|turn| Coming {
                    slot: turn.slot,
                    each: duration(turn.each_ns),
                    base: duration(turn.base_ns),
                    anchor: turn.anchor_ns.map(duration),
                    last_round: turn.last_round,
                })
                .collect(),
        }
    }
}

/// One slot as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomSlot {
    /// Index into `Live::segments`.
    pub segment: usize,
    pub phase: Option<String>,
    /// Index into `Live::names` for a member's turn; absent for a block.
    pub member: Option<usize>,
    pub spotlight: Option<usize>,
    /// A spotlight whose presenter is still to be chosen in the room.
    #[serde(default)]
    pub to_be_chosen: bool,
    pub planned_ns: u64,
    pub warn_ns: Option<u64>,
    /// The agenda's prompt for the slot (sent for the current slot only).
    pub prompt: Option<String>,
}

/// The open reset-the-room prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPrompt {
    /// As its key: `advice`, `debate`, `crosstalk`, `overprocessing`, `silence`, `emotion`.
    pub drift: Drift,
    /// The agenda's own wording for it, when it has one (`[prompts]`).
    pub prompt: Option<String>,
}

/// A room state with the meeting rebuilt from it, ready to draw.
#[derive(Debug, Clone)]
pub struct Room {
    pub state: RoomState,
    meeting: Option<Meeting>,
    /// `state.origin_ms` as the room's local time, worked out once rather than every frame.
    origin: Origin,
}

/// What the room's views draw: borrowed from a `Room`, plus the drawing terminal's colour.
#[derive(Debug, Clone, Copy)]
pub struct RoomView<'a> {
    pub title: &'a str,
    /// Meeting-clock zero in the room's local time: clock times are `origin.hhmm(at)`.
    pub origin: Origin,
    pub speed: u32,
    pub color: bool,
    pub stage: StageView<'a>,
}

/// `Stage`, borrowed and resolved.
#[derive(Debug, Clone, Copy)]
pub enum StageView<'a> {
    Opening {
        purpose: Option<&'a str>,
        agreements: &'a [String],
    },
    Live {
        /// The meeting from its current slot on (slot 0 is the current one).
        meeting: &'a Meeting,
        reset: Option<ResetView<'a>>,
    },
    Closed {
        planned_end: Duration,
        ended: Duration,
    },
}

/// The open reset prompt, resolved.
#[derive(Debug, Clone, Copy)]
pub struct ResetView<'a> {
    pub drift: Drift,
    /// The agenda's wording, if it has its own.
    pub prompt: Option<&'a str>,
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

fn duration(ns: u64) -> Duration {
    Duration::from_nanos(ns)
}

impl Live {
    /// Projects a running meeting: the current slot and the slots to come, the open reset and
    /// the cue; `None` once it is over. `prompts` are the agenda's reset wordings by
    /// `Drift::index`.
    #[must_use]
    pub fn of(meeting: &Meeting, prompts: &[Option<String>; 6]) -> Option<Live> {
        let current = meeting.progress().current?;
        let plan = meeting.plan();
        let timing = meeting.progress().slots.get(current)?;
        let mut names = Vec::new();
        let mut name_of = |member: usize| -> Option<usize> {
            let name = plan.members.get(member)?;
            let at = names.iter().position(|n| n == name).unwrap_or_else(|| {
                names.push(name.clone());
                names.len() - 1
            });
            Some(at)
        };
        // The order is the schedule's: the one authority on who comes when.
        let order: Vec<usize> = meeting
            .schedule(meeting.started_at())
            .map(|s| s.slot)
            .collect();
        let mut slots = Vec::with_capacity(order.len());
        for (position, &index) in order.iter().enumerate() {
            let Some(slot) = plan.slots.get(index) else {
                continue;
            };
            slots.push(RoomSlot {
                segment: slot.segment,
                phase: slot.phase.clone(),
                member: slot.member().and_then(&mut name_of),
                spotlight: slot
                    .spotlight
                    .and_then(Speaker::member)
                    .and_then(&mut name_of),
                to_be_chosen: slot.spotlight == Some(Speaker::Choose),
                planned_ns: nanos(slot.planned),
                warn_ns: slot.warn.map(nanos),
                prompt: if position == 0 {
                    slot.prompt.clone()
                } else {
                    None
                },
            });
        }
        Some(Live {
            names,
            segments: plan.segments.clone(),
            slots,
            start_ns: nanos(meeting.started_at()),
            planned_fixed_ns: nanos(plan.fixed_total()),
            planned_members_ns: nanos(
                plan.planned_total(&meeting.progress().present)
                    .saturating_sub(plan.fixed_total()),
            ),
            current_absent: plan.slots[current]
                .member()
                .is_some_and(|member| !meeting.is_present(member)),
            end_ns: nanos(meeting.end()),
            allotted_ns: nanos(timing.allotted.unwrap_or_default()),
            banked_ns: nanos(timing.banked),
            running_since_ns: meeting.progress().running_since.map(nanos),
            paused_since_ns: meeting.progress().paused_since.map(nanos),
            reset: meeting.reset_drift().map(|drift| ResetPrompt {
                drift,
                prompt: prompts[drift.index()].clone(),
            }),
            wrap_up: meeting.wrapping_up(),
            choosing: meeting.choosing(),
            rule: Some(RoomRule::of(&meeting.learned(), &order)),
        })
    }

    /// The meeting this projection describes, rebuilt: its `status` and `schedule` read as
    /// the controller's do. `None` when the state does not hold together.
    #[must_use]
    pub fn meeting(&self) -> Option<Meeting> {
        let mut slots: Vec<Slot> = self
            .slots
            .iter()
            .map(|slot| Slot {
                segment: slot.segment,
                phase: slot.phase.clone(),
                kind: slot
                    .member
                    .map_or(SlotKind::Block, |member| SlotKind::Turn { member }),
                planned: duration(slot.planned_ns),
                warn: slot.warn_ns.map(duration),
                prompt: slot.prompt.clone(),
                spotlight: if slot.to_be_chosen {
                    Some(Speaker::Choose)
                } else {
                    slot.spotlight.map(Speaker::Member)
                },
                // The presenter is already the one the meeting shows; nothing here moves.
                skip_speaker: false,
            })
            .collect();
        let names = self.names.len();
        let fits = !slots.is_empty()
            && slots.iter().all(|slot| {
                slot.segment < self.segments.len()
                    && slot.member().is_none_or(|m| m < names)
                    && slot
                        .spotlight
                        .and_then(Speaker::member)
                        .is_none_or(|m| m < names)
            });
        if !fits {
            return None;
        }
        // What has taken place is not sent, only its planned totals: two slots already done
        // stand for it, so that the standing is measured against the same scaled plan.
        let coming = slots.len();
        let mut present = vec![true; names + 1];
        if self.current_absent
            && let Some(member) = slots.first().and_then(Slot::member)
        {
            present[member] = false;
        }
        let (blocks, turns) = slots
            .iter()
            .fold((0u64, 0u64), |(b, t), slot| match slot.kind {
                SlotKind::Block => (b.saturating_add(nanos(slot.planned)), t),
                SlotKind::Turn { member } if present[member] => {
                    (b, t.saturating_add(nanos(slot.planned)))
                }
                SlotKind::Turn { .. } => (b, t),
            });
        let past = |planned: u64, kind| Slot {
            segment: 0,
            phase: None,
            kind,
            planned: duration(planned),
            warn: None,
            prompt: None,
            spotlight: None,
            skip_speaker: false,
        };
        slots.push(past(
            self.planned_fixed_ns.saturating_sub(blocks),
            SlotKind::Block,
        ));
        slots.push(past(
            self.planned_members_ns.saturating_sub(turns),
            SlotKind::Turn { member: names },
        ));
        let mut members = self.names.clone();
        members.push(String::new());
        let progress = Progress {
            present,
            slots: (0..slots.len())
                .map(|i| SlotProgress {
                    status: match i {
                        0 => SlotStatus::Current,
                        i if i < coming => SlotStatus::Pending,
                        _ => SlotStatus::Done,
                    },
                    allotted: (i == 0).then(|| duration(self.allotted_ns)),
                    banked: if i == 0 {
                        duration(self.banked_ns)
                    } else {
                        Duration::ZERO
                    },
                    deferred: false,
                    // The room is handed the rule's reading of the rounds (`Learned`), not
                    // the slots it would be derived from.
                    ruled: None,
                })
                .collect(),
            // Empty: the plan's order, which is already the order the slots take place in.
            order: Vec::new(),
            current: Some(0),
            running_since: self.running_since_ns.map(duration),
            paused_since: self.paused_since_ns.map(duration),
            finished_at: None,
            ended_early: false,
            presenters: Vec::new(),
            extra: Vec::new(),
            choosing: self.choosing,
        };
        let timing = Timing {
            start: duration(self.start_ns),
            end: duration(self.end_ns),
            progress,
            resets: [0; 6],
            resetting: self.reset.as_ref().map(|_| false),
            drift: self.reset.as_ref().map(|reset| reset.drift),
            reset_pauses: false,
            wrap_up: self.wrap_up.then_some(0),
            wrap_ups: 0,
            picks: Picks::default(),
        };
        let plan = Plan {
            members,
            segments: self.segments.clone(),
            slots,
            picks: Picks::default(),
        };
        let meeting = Meeting::restore(plan, timing)?;
        let slots = meeting.plan().slots.len();
        match &self.rule {
            Some(rule) if rule.coming.iter().all(|turn| turn.slot < slots) => {
                Some(meeting.with_learned(rule.learned()))
            }
            Some(_) => None,
            None => Some(meeting),
        }
    }
}

impl Room {
    /// Rebuilds the meeting of `state`. A live state that does not hold together is shown as
    /// the opening card's calm waiting rather than drawn wrong.
    #[must_use]
    pub fn new(state: RoomState) -> Room {
        let meeting = match &state.stage {
            Stage::Live(live) => live.meeting(),
            _ => None,
        };
        let origin = Origin::new(
            Local
                .timestamp_millis_opt(state.origin_ms)
                .single()
                .unwrap_or_else(Local::now),
        );
        Room {
            state,
            meeting,
            origin,
        }
    }

    /// The view to draw, in colour or not (the drawing terminal's choice).
    #[must_use]
    pub fn view(&self, color: bool) -> RoomView<'_> {
        let state = &self.state;
        let stage = match (&state.stage, &self.meeting) {
            (Stage::Live(live), Some(meeting)) => StageView::Live {
                meeting,
                reset: live.reset.as_ref().map(|reset| ResetView {
                    drift: reset.drift,
                    prompt: reset.prompt.as_deref(),
                }),
            },
            (
                Stage::Closed {
                    planned_end_ns,
                    ended_ns,
                },
                _,
            ) => StageView::Closed {
                planned_end: duration(*planned_end_ns),
                ended: duration(*ended_ns),
            },
            (
                Stage::Opening {
                    purpose,
                    agreements,
                },
                _,
            ) => StageView::Opening {
                purpose: purpose.as_deref(),
                agreements,
            },
            (Stage::Live(_), None) => StageView::Opening {
                purpose: None,
                agreements: &[],
            },
        };
        RoomView {
            title: &state.title,
            origin: self.origin,
            speed: state.speed,
            color,
            stage,
        }
    }
}

impl RoomView<'_> {
    /// The running meeting, if one is live.
    #[must_use]
    pub fn meeting(&self) -> Option<&Meeting> {
        match self.stage {
            StageView::Live { meeting, .. } => Some(meeting),
            _ => None,
        }
    }

    /// The open reset prompt, if any.
    #[must_use]
    pub fn reset(&self) -> Option<ResetView<'_>> {
        match self.stage {
            StageView::Live { reset, .. } => reset,
            _ => None,
        }
    }
}
