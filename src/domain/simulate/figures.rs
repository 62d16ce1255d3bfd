//! The SPEC §4 figures of a set of simulated meetings, and whether they meet its targets.

use serde::Serialize;

use super::{Outcome, rounds};
use crate::domain::plan::Plan;

/// Median and tails of one figure over the meetings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub median: f64,
    pub p10: f64,
    pub p90: f64,
    /// The smallest and largest value seen.
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// The spread of `values` (sorted in place), by nearest rank.
    #[must_use]
    pub fn of(values: &mut [f64]) -> Spread {
        if values.is_empty() {
            return Spread {
                median: 0.0,
                p10: 0.0,
                p90: 0.0,
                min: 0.0,
                max: 0.0,
            };
        }
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            // Nearest rank: a few thousand values, so no interpolation needed.
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let index = ((values.len() - 1) as f64 * q).round() as usize;
            values[index.min(values.len() - 1)]
        };
        Spread {
            median: at(0.5),
            p10: at(0.1),
            p90: at(0.9),
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

/// What `simulate` prints for one speaker model (SPEC §4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub meetings: usize,
    /// Actual end minus planned end, in seconds.
    pub end_seconds: Spread,
    /// Within the closing (last) round: largest allotment over smallest, per meeting.
    pub closing_round_ratio: Spread,
    /// The same over every round, the meeting's worst round.
    pub any_round_ratio: Spread,
    /// The smallest allotment of any turn, in seconds, and as a share of its start-time one.
    pub smallest_turn_seconds: f64,
    pub smallest_turn_share: f64,
    /// The largest allotment as a share of its start-time one.
    pub largest_turn_share: f64,
    /// Turns allotted under half their start-time allotment, and turns allotted zero.
    pub turns_under_half: usize,
    pub turns_at_zero: usize,
    pub meetings_with_zero_turn: usize,
    /// Each seat's (member's) mean spoken time relative to its rounds' mean, minus one.
    pub seats: Vec<f64>,
    /// The largest of those deviations, in absolute value.
    pub worst_seat: f64,
}

/// SPEC §4's targets.
pub const LATE_P90: f64 = 60.0;
pub const EARLY_P10: f64 = -180.0;
pub const CLOSING_RATIO_P90: f64 = 1.6;
pub const SEAT_DEVIATION: f64 = 0.03;
pub const LARGEST_SHARE: f64 = 1.5;

impl Figures {
    /// Measures a set of meetings of `plan`.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn of(plan: &Plan, outcomes: &[Outcome]) -> Figures {
        let (_, round_count) = rounds(plan);
        let mut ends = Vec::with_capacity(outcomes.len());
        let mut closing = Vec::new();
        let mut any = Vec::new();
        let (mut smallest, mut smallest_share, mut largest_share) = (f64::MAX, f64::MAX, 0.0_f64);
        let (mut under_half, mut zero, mut zero_meetings) = (0, 0, 0);
        let members = plan.members.len();
        let mut seat_spoken = vec![0.0; members];
        let mut seat_fair = vec![0.0; members];
        for outcome in outcomes {
            ends.push(outcome.end_delta_ms as f64 / 1000.0);
            let mut low = vec![f64::MAX; round_count];
            let mut high = vec![0.0_f64; round_count];
            let mut spoken = vec![0.0; round_count];
            let mut speakers = vec![0.0; round_count];
            let mut zero_here = false;
            for turn in &outcome.turns {
                let allotted = turn.allotted.as_secs_f64();
                let base = turn.base.as_secs_f64();
                low[turn.round] = low[turn.round].min(allotted);
                high[turn.round] = high[turn.round].max(allotted);
                smallest = smallest.min(allotted);
                if base > 0.0 {
                    smallest_share = smallest_share.min(allotted / base);
                    largest_share = largest_share.max(allotted / base);
                    if allotted < base / 2.0 {
                        under_half += 1;
                    }
                }
                if turn.allotted.is_zero() {
                    zero += 1;
                    zero_here = true;
                }
                if !turn.passed {
                    spoken[turn.round] += turn.spoken.as_secs_f64();
                    speakers[turn.round] += 1.0;
                }
            }
            zero_meetings += usize::from(zero_here);
            let ratio = |r: usize| {
                if low[r] > 0.0 && low[r] < f64::MAX {
                    high[r] / low[r]
                } else {
                    f64::INFINITY
                }
            };
            let played: Vec<usize> = (0..round_count).filter(|&r| high[r] > 0.0).collect();
            if let Some(&last) = played.last() {
                closing.push(ratio(last));
                any.push(played.iter().map(|&r| ratio(r)).fold(0.0, f64::max));
            }
            for turn in outcome.turns.iter().filter(|t| !t.passed) {
                let mean = spoken[turn.round] / speakers[turn.round];
                if let (Some(s), Some(f)) = (
                    seat_spoken.get_mut(turn.member),
                    seat_fair.get_mut(turn.member),
                ) {
                    *s += turn.spoken.as_secs_f64();
                    *f += mean;
                }
            }
        }
        let seats: Vec<f64> = seat_spoken
            .iter()
            .zip(&seat_fair)
            .map(|(s, f)| if *f > 0.0 { s / f - 1.0 } else { 0.0 })
            .collect();
        let worst_seat = seats.iter().map(|d| d.abs()).fold(0.0, f64::max);
        Figures {
            meetings: outcomes.len(),
            end_seconds: Spread::of(&mut ends),
            closing_round_ratio: Spread::of(&mut closing),
            any_round_ratio: Spread::of(&mut any),
            smallest_turn_seconds: if smallest < f64::MAX { smallest } else { 0.0 },
            smallest_turn_share: if smallest_share < f64::MAX {
                smallest_share
            } else {
                0.0
            },
            largest_turn_share: largest_share,
            turns_under_half: under_half,
            turns_at_zero: zero,
            meetings_with_zero_turn: zero_meetings,
            seats,
            worst_seat,
        }
    }

    /// The SPEC §4 targets this set of meetings misses, in words (empty: all met).
    #[must_use]
    pub fn misses(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.end_seconds.p90 > LATE_P90 {
            out.push(format!("late end p90 {:.0} s > 60 s", self.end_seconds.p90));
        }
        if self.end_seconds.p10 < EARLY_P10 {
            out.push(format!(
                "early end p10 {:.0} s < -180 s",
                self.end_seconds.p10
            ));
        }
        if self.closing_round_ratio.p90 > CLOSING_RATIO_P90 {
            out.push(format!(
                "closing round max/min p90 {:.2} > 1.6",
                self.closing_round_ratio.p90
            ));
        }
        if self.meetings_with_zero_turn > 0 {
            out.push(format!(
                "{} meetings with a zero turn",
                self.meetings_with_zero_turn
            ));
        }
        if self.turns_under_half > 0 {
            out.push(format!("{} turns under half", self.turns_under_half));
        }
        if self.worst_seat > SEAT_DEVIATION {
            out.push(format!(
                "a seat {:+.1}% off the mean",
                self.worst_seat * 100.0
            ));
        }
        if self.largest_turn_share > LARGEST_SHARE {
            out.push(format!(
                "a turn at {:.2}× its start-time allotment",
                self.largest_turn_share
            ));
        }
        out
    }
}
