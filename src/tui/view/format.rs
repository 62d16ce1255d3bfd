//! Text for times: the countdown, clock times, and the meeting's standing. Pure functions, so
//! the rounding rules of SPEC §5 are tested here rather than through a terminal.

use std::time::Duration;

use crate::domain::meeting::{Countdown, Status};

pub use crate::domain::summary::clock_secs as clock;

/// A duration rounded up to the second, so `0:00` shows exactly when time is up.
#[must_use]
pub fn ceil_secs(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis().div_ceil(1000)).unwrap_or(u64::MAX)
}

/// The countdown as shown in big digits: remaining time rounded up, `0:00` during the first
/// second of overtime, then `+m:ss` counting up (floored, so `+0:01` means one full second).
#[must_use]
pub fn countdown(status: &Status) -> String {
    match status.countdown {
        Countdown::Time { over } if over.as_secs() > 0 => format!("+{}", clock(over.as_secs())),
        Countdown::Time { .. } => clock(0),
        Countdown::Running | Countdown::Warning => clock(ceil_secs(status.remaining)),
    }
}

/// A length shown in lists (up next, allotments), rounded to the nearest second, as `plan`
/// prints it.
pub use crate::domain::summary::clock as length;

/// How far past its planned end the meeting is forecast to end, when it will run over: the
/// rule's forecast (the turns to come at their floors) once it is a minute or more, and never
/// less than the overrun no turn can take back (the blocks and the current turn alone). The
/// one figure of the header's "ends 21:04 · 4 min over" and of `OVER MEETING TIME`, which
/// shows it once that overrun is certain.
#[must_use]
pub fn meeting_over(status: &Status) -> Option<Duration> {
    let forecast = status
        .forecast_over
        .filter(|over| *over >= Duration::from_secs(60));
    match (forecast, status.over_meeting) {
        (Some(forecast), Some(certain)) => Some(forecast.max(certain)),
        (forecast, certain) => forecast.or(certain),
    }
}

/// `meeting_over` in whole minutes rounded up, so the forecast end shown ("ends 21:04") is
/// never earlier than the truth; the header and the `OVER MEETING TIME` badge both say this
/// one figure, of the one forecast.
#[must_use]
pub fn over_minutes(over: Duration) -> u64 {
    over.as_secs().div_ceil(60).max(1)
}

/// "4 min over", "1 h 10 min over": `over_minutes` in words.
#[must_use]
pub fn over(over: Duration) -> String {
    match over_minutes(over) {
        m if m < 60 => format!("{m} min over"),
        m if m % 60 == 0 => format!("{} h over", m / 60),
        m => format!("{} h {} min over", m / 60, m % 60),
    }
}

/// "on time", "N min behind" or "N min ahead"; under a minute either way counts as on time.
#[must_use]
pub fn standing(behind_millis: i64) -> String {
    let minutes = behind_millis / 60_000;
    match minutes {
        0 => "on time".to_string(),
        m if m > 0 => format!("{m} min behind"),
        m => format!("{} min ahead", m.unsigned_abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_switches_to_hours_at_one_hour() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(59), "0:59");
        assert_eq!(clock(3599), "59:59");
        assert_eq!(clock(3600), "1:00:00");
        assert_eq!(clock(3661), "1:01:01");
    }

    #[test]
    fn remaining_time_is_rounded_up_to_the_second() {
        assert_eq!(ceil_secs(Duration::from_millis(1)), 1);
        assert_eq!(ceil_secs(Duration::from_millis(1000)), 1);
        assert_eq!(ceil_secs(Duration::from_millis(1001)), 2);
        assert_eq!(ceil_secs(Duration::ZERO), 0);
    }

    #[test]
    fn standing_needs_a_full_minute_to_say_behind_or_ahead() {
        assert_eq!(standing(0), "on time");
        assert_eq!(standing(59_999), "on time");
        assert_eq!(standing(-59_999), "on time");
        assert_eq!(standing(60_000), "1 min behind");
        assert_eq!(standing(-180_000), "3 min ahead");
    }

    #[test]
    fn over_rounds_up_to_the_minute_so_the_forecast_is_never_early() {
        assert_eq!(over(Duration::from_secs(1)), "1 min over");
        assert_eq!(over(Duration::from_secs(156)), "3 min over");
        assert_eq!(over(Duration::from_secs(180)), "3 min over");
        assert_eq!(
            over(Duration::from_secs(3 * 3600 + 30 * 60)),
            "3 h 30 min over"
        );
        assert_eq!(over(Duration::from_secs(7200)), "2 h over");
    }
}
