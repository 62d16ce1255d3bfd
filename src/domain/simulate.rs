//! `forumtimer simulate`: seeded meetings played through the live meeting's own rule, with
//! documented speaker models, measured against SPEC §4's targets.
//!
//! Pure and deterministic: the clock is a number the player advances, the randomness a seeded
//! generator, so the same agenda, model and seed always give the same figures.

use std::time::Duration;

use super::meeting::{Input, Meeting};
use super::plan::{Plan, SlotKind};

mod figures;
pub use figures::{Figures, Spread};

/// How the simulated members speak. Each model is a habit the rule never sees directly: it only
/// sees the timing that results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// The group overruns on average: spoken = allotted × a log-normal factor of mean 1.15
    /// (spread 0.25).
    Overrun,
    /// Everyone stops only after `0:00`: spoken = allotted + a habit of 5–30 s per member,
    /// ± 5 s per turn.
    PastZero,
    /// Unbiased: spoken = allotted × a log-normal factor of mean 1 (spread 0.3).
    Noise,
    /// One turn in twelve passes; the others unbiased (spread 0.25).
    Passes,
    /// The meeting starts 0–10 min late against its fixed end; speakers overrun a little
    /// (mean 1.05, spread 0.25).
    LateStart,
    /// Not tuned on: the group finishes early (mean 0.8, spread 0.3).
    Early,
    /// Not tuned on: one member (a different one each meeting) takes twice the allotment,
    /// the others unbiased (spread 0.2).
    OneTalker,
    /// Not tuned on: everything at once: late start up to 10 min, 10 % passes, 5–30 s past
    /// zero and an overrun of 10 % (spread 0.3).
    Everything,
}

impl Model {
    /// The models SPEC §4's targets are about, then the ones the rule was not tuned on.
    pub const ALL: [Model; 8] = [
        Model::Overrun,
        Model::PastZero,
        Model::Noise,
        Model::Passes,
        Model::LateStart,
        Model::Early,
        Model::OneTalker,
        Model::Everything,
    ];

    /// The name printed and accepted on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Model::Overrun => "overrun",
            Model::PastZero => "past-zero",
            Model::Noise => "noise",
            Model::Passes => "passes",
            Model::LateStart => "late-start",
            Model::Early => "early",
            Model::OneTalker => "one-talker",
            Model::Everything => "everything",
        }
    }

    /// Whether the rule's constants were tuned on this model.
    #[must_use]
    pub fn tuned_on(self) -> bool {
        !matches!(self, Model::Early | Model::OneTalker | Model::Everything)
    }

    fn late_start(self, rng: &mut fastrand::Rng) -> Duration {
        match self {
            Model::LateStart | Model::Everything => Duration::from_secs(rng.u64(0..=600)),
            _ => Duration::ZERO,
        }
    }

    fn pass_rate(self) -> f64 {
        match self {
            Model::Passes => 1.0 / 12.0,
            Model::Everything => 0.1,
            _ => 0.0,
        }
    }
}

/// One meeting's members: their per-meeting habits.
struct Room {
    model: Model,
    habits: Vec<f64>,
    talker: usize,
}

impl Room {
    fn new(model: Model, members: usize, rng: &mut fastrand::Rng) -> Room {
        let habits = (0..members).map(|_| 5.0 + 25.0 * rng.f64()).collect();
        Room {
            model,
            habits,
            talker: rng.usize(0..members.max(1)),
        }
    }

    /// Seconds spoken by `member` on a countdown of `allotted` seconds; `None` for a pass.
    fn speak(&self, member: usize, allotted: f64, rng: &mut fastrand::Rng) -> Option<f64> {
        if rng.f64() < self.model.pass_rate() {
            return None;
        }
        let habit = self.habits.get(member).copied().unwrap_or(15.0);
        let spoken = match self.model {
            Model::Overrun => allotted * log_normal(rng, 1.15, 0.25),
            Model::PastZero => allotted + habit + 10.0 * rng.f64() - 5.0,
            Model::Noise => allotted * log_normal(rng, 1.0, 0.3),
            Model::Passes => allotted * log_normal(rng, 1.0, 0.25),
            Model::LateStart => allotted * log_normal(rng, 1.05, 0.25),
            Model::Early => allotted * log_normal(rng, 0.8, 0.3),
            Model::OneTalker if member == self.talker => allotted * 2.0,
            Model::OneTalker => allotted * log_normal(rng, 1.0, 0.2),
            Model::Everything => allotted * log_normal(rng, 1.1, 0.3) + habit,
        };
        Some(spoken.max(0.0))
    }
}

/// A log-normal factor with this mean and spread (standard deviation of its logarithm).
fn log_normal(rng: &mut fastrand::Rng, mean: f64, spread: f64) -> f64 {
    let u1 = rng.f64().max(f64::MIN_POSITIVE);
    let u2 = rng.f64();
    let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    mean * (spread * normal - spread * spread / 2.0).exp()
}

/// One member turn as it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Played {
    pub slot: usize,
    pub member: usize,
    /// Index of its round among the plan's rounds.
    pub round: usize,
    /// Allotted when it started (frozen).
    pub allotted: Duration,
    /// Its allotment at the meeting's start.
    pub base: Duration,
    pub spoken: Duration,
    pub passed: bool,
}

/// One simulated meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Actual end minus planned end, in milliseconds (negative: early).
    pub end_delta_ms: i64,
    pub turns: Vec<Played>,
}

/// The round index of every slot (consecutive turns of one segment and phase), and the count.
#[must_use]
pub fn rounds(plan: &Plan) -> (Vec<Option<usize>>, usize) {
    let mut out = Vec::with_capacity(plan.slots.len());
    let mut count = 0;
    for (i, slot) in plan.slots.iter().enumerate() {
        if slot.kind == SlotKind::Block {
            out.push(None);
            continue;
        }
        let continues = i > 0 && plan.slots[i - 1].same_round(slot);
        if !continues {
            count += 1;
        }
        out.push(Some(count - 1));
    }
    (out, count)
}

/// Plays one meeting of `plan` ending at `end` (from the planned start at zero; `None`: the
/// planned total), with speakers of `model`.
#[must_use]
pub fn play(plan: &Plan, end: Option<Duration>, model: Model, rng: &mut fastrand::Rng) -> Outcome {
    let members = plan.members.len();
    let present = vec![true; members];
    let end = end.unwrap_or_else(|| plan.planned_total(&present));
    let room = Room::new(model, members, rng);
    let start = model.late_start(rng).min(end);
    let mut meeting = Meeting::start(plan.clone(), present, start, Some(end), true);
    let base = meeting.allotments(start);
    let (round_of, _) = rounds(plan);
    let mut now = start;
    let mut turns = Vec::new();
    // The current slot and its frozen allotment; not `status`, whose forecast takes a whole
    // share of the time to come (a third of the work of a 30-member meeting, measured).
    let current = |meeting: &Meeting| {
        let slot = meeting.progress().current?;
        Some((
            slot,
            meeting.progress().slots[slot].allotted.unwrap_or_default(),
        ))
    };
    while let Some((current_slot, allotted)) = current(&meeting) {
        let slot = &plan.slots[current_slot];
        let SlotKind::Turn { member } = slot.kind else {
            now += allotted;
            if meeting.apply(Input::Next, now).is_err() {
                break;
            }
            continue;
        };
        let spoken = room.speak(member, allotted.as_secs_f64(), rng);
        let taken = Duration::from_secs_f64(spoken.unwrap_or(0.0));
        now += taken;
        let input = if spoken.is_some() {
            Input::Next
        } else {
            Input::Skip
        };
        turns.push(Played {
            slot: current_slot,
            member,
            round: round_of[current_slot].unwrap_or(0),
            allotted,
            base: base[current_slot],
            spoken: taken,
            passed: spoken.is_none(),
        });
        if meeting.apply(input, now).is_err() {
            break;
        }
    }
    let finished = meeting.finished_at().unwrap_or(now);
    let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    Outcome {
        end_delta_ms: millis(finished) - millis(end),
        turns,
    }
}

/// Plays `meetings` seeded meetings with `model` and measures them.
#[must_use]
pub fn measure(
    plan: &Plan,
    end: Option<Duration>,
    model: Model,
    meetings: usize,
    seed: u64,
) -> Figures {
    let mut rng = fastrand::Rng::with_seed(seed);
    let outcomes: Vec<Outcome> = (0..meetings)
        .map(|_| play(plan, end, model, &mut rng))
        .collect();
    Figures::of(plan, &outcomes)
}
