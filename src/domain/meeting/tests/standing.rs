//! "N min ahead / behind" against the plan scaled to this meeting's end (SPEC §5).

use std::time::Duration;

use super::{block, min, round};
use crate::domain::agenda::Agenda;
use crate::domain::meeting::{Input, Meeting};
use crate::domain::plan::Plan;

/// Opening 10m, a round of 6m for eight, Closing 10m: 68 minutes planned.
fn forum(end: Duration) -> Meeting {
    let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
    let mut agenda = Agenda::new("Forum", &names);
    agenda.segments = vec![
        block("Opening", min(10)),
        round("Updates", min(6)),
        block("Closing", min(10)),
    ];
    Meeting::start(
        Plan::build(&agenda, 0),
        vec![true; 8],
        Duration::ZERO,
        Some(end),
        true,
    )
}

#[test]
fn a_meeting_that_starts_on_time_is_on_time_whatever_its_length() {
    for end in [min(30), min(68), min(210)] {
        let meeting = forum(end);
        let status = meeting.status(min(1)).unwrap();
        assert!(
            status.behind_millis.abs() < 1000,
            "{end:?}: {} ms",
            status.behind_millis
        );
    }
}

#[test]
fn a_late_opening_in_a_longer_meeting_is_behind_by_the_lateness() {
    let mut meeting = forum(min(210));
    meeting.apply(Input::Next, min(14)).unwrap();
    // Four minutes late into the round; the first turn took its share of that already.
    let status = meeting.status(min(14)).unwrap();
    let behind = status.behind_millis;
    assert!((3 * 60_000..=4 * 60_000).contains(&behind), "{behind} ms");
}

#[test]
fn behind_keeps_growing_past_the_end() {
    let mut meeting = forum(min(68));
    meeting.apply(Input::Next, min(10)).unwrap();
    let early = meeting.status(min(60)).unwrap().behind_millis;
    let late = meeting.status(min(68 + 210)).unwrap().behind_millis;
    assert!(late - early >= 210 * 60_000, "{early} then {late}");
    let over = meeting.status(min(68 + 210)).unwrap().over_meeting.unwrap();
    assert!(over >= min(210), "{over:?}");
}
