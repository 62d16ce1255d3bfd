//! Time of day, in one place: the meeting clock (a `Duration` since the meeting's zero) mapped
//! to the room's local time and back, how a time of day is written, and when an `end = "HH:MM"`
//! falls (SPEC §4's last paragraph).
//!
//! Local time is calendar arithmetic, not a clock: `--end 04:00` on the night the clocks change
//! is 04:00 as the room's clocks show it, and the meeting lasts the real time until then. The
//! meeting clock is real time, so it maps to local time through an instant, never by adding
//! hours to a time of day.

use std::time::Duration;

use chrono::{
    DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, TimeDelta, TimeZone,
    Timelike,
};

/// An `end` that has passed this recently is taken as "already over", not as tomorrow.
const PASSED_GRACE: TimeDelta = TimeDelta::hours(6);

/// Why a meeting cannot end at the time of day asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndError {
    #[error(
        "the end time {end} has already passed (it is {now}); choose a later end or a duration"
    )]
    Passed { end: String, now: String },
    #[error("the end time {end} is now; choose a later end or a duration")]
    Empty { end: String },
}

/// The wall-clock instant of meeting-clock zero, in a time zone (the room's: `Local`), to the
/// millisecond: the precision the room state publishes it at (`RoomState::origin_ms`), so a
/// display maps the meeting clock to the very times the controller does. With the
/// controller's sub-millisecond part kept, an end at 20:00 reached the room's header as
/// 19:59:59.9996, "ends 19:59".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<Tz: TimeZone = Local>
where
    Tz::Offset: Copy,
{
    zero: DateTime<Tz>,
}

impl From<DateTime<Local>> for Origin {
    fn from(zero: DateTime<Local>) -> Self {
        Origin::new(zero)
    }
}

impl<Tz: TimeZone> Origin<Tz>
where
    Tz::Offset: Copy,
{
    /// The origin of a meeting whose clock reads zero at `zero`.
    #[must_use]
    pub fn new(zero: DateTime<Tz>) -> Self {
        Origin {
            zero: zero.trunc_subsecs(3),
        }
    }

    /// The origin of a meeting whose clock reads `clock` at `now` (a resumed meeting).
    #[must_use]
    pub fn reading(now: DateTime<Tz>, clock: Duration) -> Self {
        let zero = TimeDelta::from_std(clock)
            .ok()
            .and_then(|delta| now.checked_sub_signed(delta))
            .unwrap_or(now);
        Origin::new(zero)
    }

    /// The origin of a rehearsal's times of day: `self` is the wall clock at meeting-clock
    /// zero for a clock that runs `speed` times the wall clock, and the meeting starts at
    /// meeting-clock `start`. It started when it really did (`self.at(start / speed)`), and
    /// from then on its times add meeting time, as the meeting it rehearses would: a two-hour
    /// agenda rehearsed in two minutes from 19:02 ends 21:02. The same origin for the screen,
    /// the report and the history, so they never disagree; at speed 1 it is `self`.
    #[must_use]
    pub fn rehearsal(&self, start: Duration, speed: u32) -> Self {
        Origin::reading(self.at(start / speed.max(1)), start)
    }

    /// An origin at `time` on the local day of `today`, to the second (a plan's `--start`).
    /// A time the clocks skip that night is taken as the moment they jump.
    #[must_use]
    pub fn at_time(today: &DateTime<Tz>, time: NaiveTime) -> Self {
        let zone = today.timezone();
        let naive = today.date_naive().and_time(time.trunc_subsecs(0));
        Origin::new(resolve(&zone, naive).unwrap_or(*today))
    }

    /// The instant of meeting-clock zero.
    #[must_use]
    pub fn zero(&self) -> &DateTime<Tz> {
        &self.zero
    }

    /// The local time at meeting-clock `clock`.
    #[must_use]
    pub fn at(&self, clock: Duration) -> DateTime<Tz> {
        TimeDelta::from_std(clock)
            .ok()
            .and_then(|delta| self.zero.checked_add_signed(delta))
            .unwrap_or(self.zero)
    }

    /// The meeting clock at local instant `when`; zero for an instant before the origin.
    #[must_use]
    pub fn clock_at(&self, when: &DateTime<Tz>) -> Duration {
        (*when)
            .signed_duration_since(self.zero)
            .to_std()
            .unwrap_or(Duration::ZERO)
    }

    /// `HH:MM` as a wall clock shows it at meeting-clock `clock`.
    #[must_use]
    pub fn hhmm(&self, clock: Duration) -> String {
        hhmm(self.at(clock).time())
    }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero (SPEC §10), rounded up to the
    /// second, so a time listed is never earlier than the instant (a slot starting 0.4 s
    /// before 10:13 is listed at 10:13, as an end exactly at 10:13 is).
    #[must_use]
    pub fn hhmm_ss(&self, clock: Duration) -> String {
        let at = self.at(clock);
        let time = if at.nanosecond() == 0 {
            at.time()
        } else {
            let up = at + TimeDelta::nanoseconds(1_000_000_000 - i64::from(at.nanosecond()));
            up.time()
        };
        if time.second() == 0 {
            hhmm(time)
        } else {
            time.format("%H:%M:%S").to_string()
        }
    }

    /// The meeting-clock length from `from` until the next `end` on the room's clocks. An
    /// end earlier in the day than `from` is tomorrow (a meeting past midnight) unless it
    /// passed less than six hours ago, which is far more likely a typo or a late start than
    /// an all-night meeting.
    ///
    /// # Errors
    /// When the end has just passed, or is now to the second.
    pub fn until(&self, from: Duration, end: NaiveTime) -> Result<Duration, EndError> {
        let start = self.at(from);
        let zone = start.timezone();
        let on = |day: chrono::NaiveDate| resolve(&zone, day.and_time(end));
        let today = start.date_naive();
        let Some(candidate) = on(today) else {
            return Err(EndError::Empty { end: hhmm(end) });
        };
        let ahead = candidate.signed_duration_since(start);
        if ahead.abs() < TimeDelta::seconds(1) {
            return Err(EndError::Empty { end: hhmm(end) });
        }
        let target = if ahead > TimeDelta::zero() {
            candidate
        } else if -ahead < PASSED_GRACE {
            return Err(EndError::Passed {
                end: hhmm(end),
                now: hhmm(start.time()),
            });
        } else {
            today
                .succ_opt()
                .and_then(on)
                .ok_or(EndError::Empty { end: hhmm(end) })?
        };
        Ok(target
            .signed_duration_since(start)
            .to_std()
            .unwrap_or(Duration::ZERO))
    }
}

/// `HH:MM`: the one spelling of a time of day on screen, in plans and in reports.
#[must_use]
pub fn hhmm(time: NaiveTime) -> String {
    // What `format("%H:%M")` writes, without parsing the format string: the live view asks
    // for it every second.
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "2026-11-29 19:00": a local date and time of day, as the history lists a meeting's start.
#[must_use]
pub fn dated(at: NaiveDateTime) -> String {
    format!("{} {}", at.date().format("%Y-%m-%d"), hhmm(at.time()))
}

/// When something happened, as the room reads it on `today`: `HH:MM` that day, else with the
/// day named ("Mon 23 Nov 19:00"), as the opening screen says when a saved meeting stopped.
#[must_use]
pub fn stamp(at: NaiveDateTime, today: NaiveDate) -> String {
    if at.date() == today {
        hhmm(at.time())
    } else {
        format!("{} {}", at.date().format("%a %-d %b"), hhmm(at.time()))
    }
}

/// The instant a local date and time names: the first of two when the clocks go back, and the
/// moment they jump when they skip it.
fn resolve<Tz: TimeZone>(zone: &Tz, naive: NaiveDateTime) -> Option<DateTime<Tz>> {
    (0..=180).find_map(|minutes| {
        let later = naive.checked_add_signed(TimeDelta::minutes(minutes))?;
        // Inside a gap, the first minute that exists is the one the clocks jump to.
        zone.from_local_datetime(&later).earliest()
    })
}

#[cfg(test)]
mod tests;
