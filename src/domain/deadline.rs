//! Turning an agenda's `end = "HH:MM"` into a meeting length from a given start time.

use std::time::Duration;

use chrono::NaiveTime;

use super::agenda::Deadline;

/// An `end` that has passed this recently is taken as "already over", not as tomorrow.
const PASSED_GRACE_HOURS: i64 = 6;

/// Why a deadline cannot be met from this start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error(
        "the end time {end} has already passed (the meeting starts at {start}); give a later --end or a --duration"
    )]
    Passed { end: String, start: String },
    #[error("the end time {end} is the start time; give a later --end or a --duration")]
    Empty { end: String },
}

/// The length of a meeting starting at `start` with this deadline. An end earlier in the day
/// than the start is tomorrow (a meeting past midnight) unless it passed less than six hours
/// ago, which is far more likely a typo or a late start than an all-night meeting.
///
/// # Errors
/// When the end has just passed or equals the start.
pub fn meeting_length(start: NaiveTime, deadline: Deadline) -> Result<Duration, DeadlineError> {
    let end = match deadline {
        Deadline::Duration(length) => return Ok(length),
        Deadline::End(end) => end,
    };
    let hhmm = |t: NaiveTime| t.format("%H:%M").to_string();
    let day = 24 * 3600;
    let diff = (end - start).num_seconds().rem_euclid(day);
    if diff == 0 {
        return Err(DeadlineError::Empty { end: hhmm(end) });
    }
    if diff > day - PASSED_GRACE_HOURS * 3600 {
        return Err(DeadlineError::Passed {
            end: hhmm(end),
            start: hhmm(start),
        });
    }
    Ok(Duration::from_secs(u64::try_from(diff).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn an_end_later_today_is_the_time_until_it() {
        let length = meeting_length(t(19, 0), Deadline::End(t(21, 30))).unwrap();
        assert_eq!(length, Duration::from_secs(150 * 60));
    }

    #[test]
    fn an_end_after_midnight_is_tomorrow() {
        let length = meeting_length(t(22, 0), Deadline::End(t(0, 30))).unwrap();
        assert_eq!(length, Duration::from_secs(150 * 60));
    }

    #[test]
    fn an_end_that_just_passed_is_refused() {
        let error = meeting_length(t(21, 5), Deadline::End(t(21, 0))).unwrap_err();
        assert!(error.to_string().contains("already passed"), "{error}");
    }

    #[test]
    fn a_duration_is_taken_as_it_is() {
        let length = meeting_length(t(21, 5), Deadline::Duration(Duration::from_secs(60)));
        assert_eq!(length, Ok(Duration::from_secs(60)));
    }
}
