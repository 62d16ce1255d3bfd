//! The allotment rule of SPEC §4: how the member time that is left is shared by the turns to
//! come. One implementation, used by the live meeting, `plan` and `simulate`.
//!
//! The first formula (time left for members shared in proportion to planned length) is the
//! starting point and stays exact until the meeting has something to learn from. Beyond it the
//! rule learns how this group runs against its countdowns (from timing only), holds the expected
//! overrun back as a reserve, keeps each turn between a floor and a cap of its start-time
//! allotment, and keeps the turns of a round that has begun close to the round's first
//! allotment, so that one speaker's variation is spread over later rounds instead of landing on
//! the last seats. The README's "How time is shared" explains the why for facilitators.

use std::time::Duration;

#[cfg(test)]
mod tests;

/// No turn is allotted less than this share (%) of its start-time allotment, ever.
pub const FLOOR_PERCENT: u128 = 50;
/// Nor more than this share of it, however much early finishes and passes leave.
pub const CAP_PERCENT: u128 = 145;
/// Once a round has begun, its turns stay within this many % of its first allotment: one
/// speaker's overrun or early finish goes to later rounds, not to the rest of the round.
pub const ROUND_BAND_PERCENT: u128 = 5;
/// In the round the meeting ends with there is no later round to take the variation: its turns
/// may move further, so that the end takes only part of it.
pub const LAST_ROUND_BAND_PERCENT: u128 = 22;
/// Once it has learned, the rule holds back this share of the coming turns' typical variation
/// (the root of the sum of their squared start-time allotments), so that the last round can
/// stay even without squeezing the last seats.
pub const MARGIN: f64 = 0.1;
/// The rule learns from this many finished turns on: early enough that a one-round agenda
/// still has turns left to take what it learns.
pub const LEARN_AFTER: usize = 2;
/// Weight of the "no overrun" prior, in turns: learning after only two turns needs a firm
/// prior, or one long turn reads as a habit (measured: 2 and 10 both do worse than 6).
const PRIOR_TURNS: f64 = 6.0;

/// How this meeting's speakers run against their countdowns, learned from finished turns:
/// expected spoken time of a turn allotted `a` is `a + alpha × a / unit + beta` (seconds).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Habit {
    alpha: f64,
    beta: f64,
    unit: f64,
}

impl Habit {
    /// Speakers who stop at `0:00`: what the first formula assumes.
    pub const NONE: Habit = Habit {
        alpha: 0.0,
        beta: 0.0,
        unit: 1.0,
    };

    /// Learns from `(allotted, spoken)` of finished turns (not passes). `unit` is a typical
    /// start-time allotment, so that the two terms are both in seconds: an overrun that grows
    /// with the turn (`alpha`) and one of some seconds whatever its length (`beta`). A ridge
    /// prior pulls both toward zero, so that a few turns move the estimate only part way.
    #[must_use]
    pub fn learn(samples: &[(Duration, Duration)], unit: Duration) -> Habit {
        let unit = unit.as_secs_f64();
        if samples.len() < LEARN_AFTER || unit <= 0.0 {
            return Habit::NONE;
        }
        let prior = PRIOR_TURNS;
        let (mut sxx, mut sx, mut n, mut sxo, mut so) = (prior, 0.0, prior, 0.0, 0.0);
        for (allotted, spoken) in samples {
            let a = allotted.as_secs_f64();
            let x = a / unit;
            let over = spoken.as_secs_f64() - a;
            sxx += x * x;
            sx += x;
            n += 1.0;
            sxo += x * over;
            so += over;
        }
        let det = sxx * n - sx * sx;
        if det.abs() < f64::EPSILON {
            return Habit::NONE;
        }
        Habit {
            alpha: (sxo * n - sx * so) / det,
            beta: (sxx * so - sx * sxo) / det,
            unit,
        }
    }

    /// The habit as exact bits: a room display must share the controller's rule to the last
    /// bit, and a float written as decimal text need not read back the same.
    #[must_use]
    pub fn to_bits(self) -> [u64; 3] {
        [
            self.alpha.to_bits(),
            self.beta.to_bits(),
            self.unit.to_bits(),
        ]
    }

    /// The habit `to_bits` wrote.
    #[must_use]
    /// Bits no learning could have produced (not finite, or no unit) read as no habit: they
    /// come over a socket, and a room display must not panic on them.
    pub fn from_bits([alpha, beta, unit]: [u64; 3]) -> Habit {
        let habit = Habit {
            alpha: f64::from_bits(alpha),
            beta: f64::from_bits(beta),
            unit: f64::from_bits(unit),
        };
        let finite = [habit.alpha, habit.beta, habit.unit]
            .iter()
            .all(|x| x.is_finite());
        if finite && habit.unit > 0.0 {
            habit
        } else {
            Habit::NONE
        }
    }

    /// Whether the habit changes anything (false until there is something to learn from).
    #[must_use]
    pub fn is_none(&self) -> bool {
        self.alpha == 0.0 && self.beta == 0.0
    }

    /// Expected spoken seconds of a turn allotted `a` seconds: never under a quarter of it,
    /// never over twice it plus a minute, whatever the estimate says.
    #[must_use]
    pub fn expect(&self, a: f64) -> f64 {
        let spoken = a + self.alpha * a / self.unit + self.beta;
        spoken.clamp(a * 0.25, a * 2.0 + 60.0)
    }
}

/// What the rule has learned from a meeting's past: enough to share the time to come exactly
/// as that meeting does, without the past itself (a room display gets this, never the time
/// each member spoke).
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub habit: Habit,
    /// The turns still to come, in the order they will run.
    pub coming: Vec<Coming>,
}

/// A turn still to come, as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coming {
    pub slot: usize,
    /// Planned `each`.
    pub each: Duration,
    /// Its allotment at the meeting's start (the first formula then).
    pub base: Duration,
    /// The first allotment of its round, once the round has begun.
    pub anchor: Option<Duration>,
    /// Whether it belongs to the round the meeting ends with.
    pub last_round: bool,
}

/// What the rule is given at an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Situation {
    /// `R − F`: time until the end less fixed blocks still to come (zero when over).
    pub for_members: Duration,
    /// The current speaker's countdown left (zero for a block or once time is up).
    pub current_left: Duration,
    /// What the current speaker is expected to take beyond their countdown.
    pub current_extra: Duration,
    /// How far the fixed blocks and the current countdown alone already run past the end.
    pub deficit: Duration,
    pub habit: Habit,
}

impl Situation {
    /// `R − F − current remaining`: the member time the turns to come share with the reserve.
    #[must_use]
    pub fn pool(&self) -> Duration {
        self.for_members.saturating_sub(self.current_left)
    }
}

/// The rule's answer at an instant: each coming turn's allotment, and what is held back.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pool: Duration,
    weight: Duration,
    /// `(slot, allotment)`, sorted by slot.
    allotments: Vec<(usize, Duration)>,
    over: Duration,
}

impl Share {
    /// Applies the rule to the turns to come (in the order they will speak).
    #[must_use]
    pub fn new(situation: &Situation, coming: &[Coming]) -> Share {
        let pool = situation.pool();
        let weight = coming.iter().map(|turn| turn.each).sum();
        let mut allotments = allot(situation, coming);
        // Looked up by slot; the meeting's order may differ from the slots' (a late arrival
        // speaks at the end of the round).
        allotments.sort_by_key(|(slot, _)| *slot);
        let habit = situation.habit;
        // Summed in whole nanoseconds: a float sum depends on the order of the turns, and a
        // room display that numbers them differently must forecast the same end to the nanosecond.
        let expected: Duration = allotments
            .iter()
            .map(|(_, a)| Duration::from_secs_f64(habit.expect(a.as_secs_f64())))
            .sum::<Duration>()
            + situation.current_extra
            + situation.deficit;
        let over = expected.saturating_sub(pool);
        Share {
            pool,
            weight,
            allotments,
            over,
        }
    }

    /// The allotment of the coming turn at `slot` (zero for a slot that is not coming).
    #[must_use]
    pub fn allotment(&self, slot: usize) -> Duration {
        self.allotments
            .binary_search_by_key(&slot, |(s, _)| *s)
            .map_or(Duration::ZERO, |i| self.allotments[i].1)
    }

    /// The member time being shared: `R − F − current remaining`.
    #[must_use]
    pub fn pool(&self) -> Duration {
        self.pool
    }

    /// The planned length of the turns sharing it.
    #[must_use]
    pub fn weight(&self) -> Duration {
        self.weight
    }

    /// The sum of the coming turns' allotments.
    #[must_use]
    pub fn allotted(&self) -> Duration {
        self.allotments.iter().map(|(_, a)| *a).sum()
    }

    /// Member time held back for the overruns to come: `pool − allotted`, zero when the
    /// floors do not fit.
    #[must_use]
    pub fn reserve(&self) -> Duration {
        self.pool.saturating_sub(self.allotted())
    }

    /// How far past the end the meeting is expected to run, from this meeting's own habit:
    /// zero while the turns to come fit.
    #[must_use]
    pub fn over(&self) -> Duration {
        self.over
    }

    /// How the allotments compare with the plan: 1 on schedule, below 1 when behind.
    #[must_use]
    pub fn factor(&self) -> f64 {
        if self.weight.is_zero() {
            return 1.0;
        }
        self.pool.as_secs_f64() / self.weight.as_secs_f64()
    }
}

fn ms(d: Duration) -> u128 {
    d.as_millis()
}

fn from_ms(ms: u128) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(u64::MAX))
}

/// A share of a duration, in whole milliseconds: `percent` of it, rounded up or down.
fn percent_of(d: Duration, percent: u128, up: bool) -> Duration {
    let scaled = ms(d) * percent;
    from_ms(if up {
        scaled.div_ceil(100)
    } else {
        scaled / 100
    })
}

/// A turn's floor: half its start-time allotment, to the millisecond above.
fn floor_of(turn: &Coming) -> Duration {
    percent_of(turn.base, FLOOR_PERCENT, true)
}

/// The lowest and highest allotment a coming turn may get, in whole milliseconds.
fn bounds(turn: &Coming) -> (Duration, Duration) {
    let floor = floor_of(turn);
    let cap = percent_of(turn.base, CAP_PERCENT, false).max(floor);
    let Some(anchor) = turn.anchor else {
        return (floor, cap);
    };
    let band = if turn.last_round {
        LAST_ROUND_BAND_PERCENT
    } else {
        ROUND_BAND_PERCENT
    };
    // The band moves within floor and cap, never past them.
    let low = percent_of(anchor, 100 - band, true).clamp(floor, cap);
    let high = percent_of(anchor, 100 + band, false).clamp(floor, cap);
    (low, high)
}

/// Spreads the pool: every turn gets `each × k` within its bounds, with `k` chosen so that
/// the expected spoken time of the turns to come fills exactly what is left after the current
/// speaker's expected overrun (water-filling); then the pool is enforced down to the floors.
fn allot(situation: &Situation, coming: &[Coming]) -> Vec<(usize, Duration)> {
    let habit = situation.habit;
    let pool = situation.pool();
    let margin = if habit.is_none() {
        0.0
    } else {
        let squares: f64 = coming
            .iter()
            .map(|turn| turn.base.as_secs_f64().powi(2))
            .sum();
        MARGIN * squares.sqrt()
    };
    let target = (pool.as_secs_f64() - situation.current_extra.as_secs_f64() - margin).max(0.0);
    let bounds: Vec<(Duration, Duration)> = coming.iter().map(bounds).collect();
    let secs = |(low, high): (Duration, Duration)| (low.as_secs_f64(), high.as_secs_f64());
    let spoken_at = |k: f64| -> f64 {
        coming
            .iter()
            .zip(&bounds)
            .map(|(turn, &bound)| {
                let (low, high) = secs(bound);
                habit.expect((turn.each.as_secs_f64() * k).clamp(low, high))
            })
            .sum()
    };
    let k_high = coming
        .iter()
        .zip(&bounds)
        .map(|(turn, &(_, high))| high.as_secs_f64() / turn.each.as_secs_f64().max(1e-9))
        .fold(0.0, f64::max);
    // Most of the time no bound binds and the closed form is the answer; otherwise bisect.
    let weight: f64 = coming.iter().map(|turn| turn.each.as_secs_f64()).sum();
    #[allow(clippy::cast_precision_loss)]
    let count = coming.len() as f64;
    let slope = (1.0 + habit.alpha / habit.unit).max(0.25);
    let closed = (target - count * habit.beta) / (weight * slope).max(1e-9);
    let unbound = coming.iter().zip(&bounds).all(|(turn, &bound)| {
        let (low, high) = secs(bound);
        let want = turn.each.as_secs_f64() * closed;
        want > low + 1e-6 && want < high - 1e-6
    });
    let k = if unbound && (spoken_at(closed) - target).abs() < 1e-3 {
        closed
    } else {
        let (mut lo, mut hi) = (0.0_f64, k_high);
        // Only which bounds bind is taken from here; the free turns are computed exactly below.
        for _ in 0..32 {
            let mid = f64::midpoint(lo, hi);
            if spoken_at(mid) > target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        lo
    };
    // The turns whose bound binds take it; the free ones share the rest exactly, in integer
    // milliseconds, so that with nothing learned and no bound binding this is the first
    // formula to the millisecond.
    let mut fixed_spoken = 0.0;
    let mut free_each = Duration::ZERO;
    let mut free_count = 0.0;
    let mut pinned: Vec<Option<Duration>> = Vec::with_capacity(coming.len());
    for (turn, &bound) in coming.iter().zip(&bounds) {
        let want = turn.each.as_secs_f64() * k;
        let (low, high) = secs(bound);
        let pin = if want <= low + 1e-6 {
            Some(bound.0)
        } else if want >= high - 1e-6 {
            Some(bound.1)
        } else {
            None
        };
        if let Some(pin) = pin {
            fixed_spoken += habit.expect(pin.as_secs_f64());
            pinned.push(Some(pin));
        } else {
            free_each += turn.each;
            free_count += 1.0;
            pinned.push(None);
        }
    }
    let (num, den) = if habit.is_none() && pinned.iter().all(Option::is_none) {
        (ms(pool), ms(free_each))
    } else {
        let slope = 1.0 + habit.alpha / habit.unit;
        let left = target - fixed_spoken - free_count * habit.beta;
        let num = (left.max(0.0) * 1000.0).round();
        let den = (free_each.as_secs_f64() * slope.max(0.25) * 1000.0).round();
        (to_u128(num), to_u128(den))
    };
    let mut allotments: Vec<(usize, Duration)> = coming
        .iter()
        .zip(&pinned)
        .zip(&bounds)
        .map(|((turn, pin), &(low, high))| {
            let a = pin.unwrap_or_else(|| {
                if den == 0 {
                    return Duration::ZERO;
                }
                from_ms(ms(turn.each) * num / den).clamp(low, high)
            });
            (turn.slot, a)
        })
        .collect();
    enforce_pool(&mut allotments, coming, pool);
    allotments
}

fn to_u128(x: f64) -> u128 {
    if x.is_finite() && x > 0.0 {
        // Allotments are minutes to hours: far inside u64.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = x as u64;
        u128::from(whole)
    } else {
        0
    }
}

/// The allotments never add up to more than the pool while the floors fit in it. Turns give
/// back first down to their lower bound — a begun round's band, else the floor — every turn
/// the same share of what it has above it, so a round under way keeps its level while the
/// rounds to come give the rest (early finishes learned as a habit ask for more than the pool:
/// without this the third seat of a round got 10 % under its first). Only when those bounds do
/// not fit do all turns go down toward their floors alike; when even the floors do not fit,
/// every turn gets its floor and the forecast says how far over the meeting will run.
fn enforce_pool(allotments: &mut [(usize, Duration)], coming: &[Coming], pool: Duration) {
    let total: u128 = allotments.iter().map(|(_, a)| ms(*a)).sum();
    if total <= ms(pool) {
        return;
    }
    let lows: Vec<u128> = coming.iter().map(|turn| ms(bounds(turn).0)).collect();
    let floors: Vec<u128> = coming.iter().map(|turn| ms(floor_of(turn))).collect();
    for lows in [&lows, &floors] {
        let low_total: u128 = lows.iter().sum();
        if low_total > ms(pool) {
            continue;
        }
        let above: u128 = allotments
            .iter()
            .zip(lows)
            .map(|((_, a), low)| ms(*a).saturating_sub(*low))
            .sum();
        let room = ms(pool) - low_total;
        for ((_, a), low) in allotments.iter_mut().zip(lows) {
            let extra = ms(*a).saturating_sub(*low);
            *a = from_ms(low + extra * room / above.max(1));
        }
        return;
    }
    for ((_, a), floor) in allotments.iter_mut().zip(&floors) {
        *a = from_ms(*floor);
    }
}
