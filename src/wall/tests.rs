//! Times of day against a zone with daylight saving: a Berlin-like zone with its 2026 changes
//! (clocks forward 29 March 02:00 → 03:00, back 25 October 03:00 → 02:00), so the tests do
//! not depend on the machine's zone.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::{EndError, Origin, dated, stamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Berlin;

fn utc(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

impl TimeZone for Berlin {
    type Offset = FixedOffset;

    fn from_offset(_: &FixedOffset) -> Self {
        Berlin
    }

    fn offset_from_local_date(&self, _: &NaiveDate) -> LocalResult<FixedOffset> {
        LocalResult::None
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
        let fits: Vec<FixedOffset> = [2, 1]
            .into_iter()
            .map(|h| FixedOffset::east_opt(h * 3600).unwrap())
            .filter(|off| self.offset_from_utc_datetime(&(*local - *off)) == *off)
            .collect();
        match fits.as_slice() {
            [] => LocalResult::None,
            [one] => LocalResult::Single(*one),
            [first, second, ..] => LocalResult::Ambiguous(*first, *second),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).unwrap())
    }

    fn offset_from_utc_datetime(&self, at: &NaiveDateTime) -> FixedOffset {
        let summer = *at >= utc(3, 29, 1) && *at < utc(10, 25, 1);
        FixedOffset::east_opt(if summer { 7200 } else { 3600 }).unwrap()
    }
}

fn local(month: u32, day: u32, h: u32, m: u32, s: u32) -> DateTime<Berlin> {
    Berlin
        .with_ymd_and_hms(2026, month, day, h, m, s)
        .earliest()
        .unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

const HOUR: Duration = Duration::from_secs(3600);

#[test]
fn the_night_the_clocks_go_back_lasts_an_hour_longer() {
    let origin = Origin::new(local(10, 24, 23, 0, 0));
    let length = origin.until(Duration::ZERO, t(4, 0)).unwrap();
    assert_eq!(length, 6 * HOUR);
    assert_eq!(origin.hhmm(length), "04:00");
}

#[test]
fn the_night_the_clocks_go_forward_lasts_an_hour_less() {
    let origin = Origin::new(local(3, 28, 23, 0, 0));
    let length = origin.until(Duration::ZERO, t(4, 0)).unwrap();
    assert_eq!(length, 4 * HOUR);
    assert_eq!(origin.hhmm_ss(length), "04:00");
}

#[test]
fn an_end_the_clocks_skip_is_the_moment_they_jump() {
    let origin = Origin::new(local(3, 28, 23, 0, 0));
    let length = origin.until(Duration::ZERO, t(2, 30)).unwrap();
    assert_eq!(origin.hhmm(length), "03:00");
    assert_eq!(length, 3 * HOUR);
}

#[test]
fn an_end_is_reached_to_the_second_from_a_start_between_seconds() {
    let zero = local(11, 23, 22, 17, 41) + chrono::TimeDelta::milliseconds(734);
    let origin = Origin::new(zero);
    let length = origin.until(Duration::ZERO, t(23, 0)).unwrap();
    assert_eq!(origin.at(length), local(11, 23, 23, 0, 0));
    assert_eq!(origin.hhmm(length), "23:00");
    assert_eq!(origin.hhmm_ss(length), "23:00");
}

#[test]
fn seconds_are_rounded_up_not_dropped() {
    let origin = Origin::new(local(11, 23, 10, 12, 59) + chrono::TimeDelta::milliseconds(400));
    assert_eq!(origin.hhmm_ss(Duration::ZERO), "10:13");
    assert_eq!(origin.hhmm_ss(Duration::from_millis(1_700)), "10:13:02");
}

#[test]
fn an_end_after_midnight_is_tomorrow_and_one_just_passed_is_refused() {
    let origin = Origin::new(local(11, 23, 22, 0, 0));
    assert_eq!(
        origin.until(Duration::ZERO, t(0, 30)),
        Ok(Duration::from_secs(150 * 60))
    );
    let late = origin
        .until(Duration::from_secs(300), t(22, 0))
        .unwrap_err();
    assert_eq!(
        late,
        EndError::Passed {
            end: "22:00".into(),
            now: "22:05".into()
        }
    );
    assert!(
        !late.to_string().contains("--"),
        "not worded in flags: {late}"
    );
    assert!(matches!(
        origin.until(Duration::ZERO, t(22, 0)),
        Err(EndError::Empty { .. })
    ));
}

#[test]
fn the_clock_maps_back_from_local_time() {
    let origin = Origin::new(local(10, 24, 23, 0, 0));
    let at = local(10, 25, 4, 0, 0);
    assert_eq!(origin.clock_at(&at), 6 * HOUR);
    assert_eq!(origin.clock_at(&local(10, 24, 22, 0, 0)), Duration::ZERO);
    let resumed = Origin::reading(at, 6 * HOUR);
    assert_eq!(resumed, origin);
}

#[test]
fn a_rehearsal_starts_when_it_really_did_then_adds_meeting_time() {
    let origin = Origin::new(local(3, 14, 19, 0, 0));
    // Ten real seconds on the opening screen at ×60: ten minutes on the meeting clock.
    let start = Duration::from_secs(600);
    let rehearsal = origin.rehearsal(start, 60);
    assert_eq!(rehearsal.at(start), local(3, 14, 19, 0, 10));
    assert_eq!(rehearsal.at(start + 2 * HOUR), local(3, 14, 21, 0, 10));
    assert_eq!(origin.rehearsal(start, 1), origin);
}

#[test]
fn a_start_time_is_taken_to_the_second() {
    let today = local(11, 23, 10, 12, 37) + chrono::TimeDelta::milliseconds(250);
    let origin = Origin::at_time(&today, t(10, 13));
    assert_eq!(*origin.zero(), local(11, 23, 10, 13, 0));
}

#[test]
fn a_stamp_names_the_day_only_when_it_is_not_today() {
    let at = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 5, 59)
        .unwrap();
    assert_eq!(stamp(at, at.date()), "09:05");
    let next = at.date().succ_opt().unwrap();
    assert_eq!(stamp(at, next), "Mon 23 Nov 09:05");
    assert_eq!(dated(at), "2026-11-23 09:05");
}

/// Source files under `dir`, recursively.
fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn a_time_of_day_is_spelled_only_in_wall() {
    // One home for local time (issue 12): a second spelling of "HH:MM" is where the next
    // rounding or time-zone slip would come from.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let pattern = ["%H", ":%M"].concat();
    let spelled: Vec<String> = files
        .iter()
        .filter(|path| !path.starts_with(src.join("wall")) && *path != &src.join("wall.rs"))
        .filter(|path| std::fs::read_to_string(path).unwrap().contains(&pattern))
        .map(|path| path.display().to_string())
        .collect();
    assert!(spelled.is_empty(), "{spelled:?}");
}
