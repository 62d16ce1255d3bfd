//! Behaviour of the meeting state machine, with time passed in: no test sleeps.

use std::time::Duration;

use super::{Countdown, Input, Meeting, Refusal, SlotStatus};
use crate::domain::agenda::{Agenda, Drift, Order, Segment, SegmentKind};
use crate::domain::plan::Plan;

const fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

const fn sec(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn block(name: &str, length: Duration) -> Segment {
    Segment {
        name: name.into(),
        kind: SegmentKind::Block { length },
        prompt: None,
        warn: None,
    }
}

fn round(name: &str, each: Duration) -> Segment {
    Segment {
        name: name.into(),
        kind: SegmentKind::Round {
            each,
            order: Order::Agenda,
        },
        prompt: None,
        warn: None,
    }
}

/// SPEC §4's worked example: 60 minutes, five members, Opening 5m, one round of 10m, Closing 5m.
fn worked_example() -> Meeting {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi", "Dana", "Eli"]);
    agenda.segments = vec![
        block("Opening", min(5)),
        round("Updates", min(10)),
        block("Closing", min(5)),
    ];
    let plan = Plan::build(&agenda, 0);
    Meeting::start(plan, vec![true; 5], Duration::ZERO, None, true)
}

fn current(meeting: &Meeting) -> usize {
    meeting.progress().current.expect("meeting is running")
}

#[test]
fn end_defaults_to_the_planned_total() {
    let meeting = worked_example();
    assert_eq!(meeting.end(), min(60));
    assert_eq!(meeting.allotment(1, Duration::ZERO), min(10));
}

#[test]
fn worked_example_of_the_spec() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(8)).unwrap();
    assert_eq!(current(&meeting), 1);
    assert_eq!(meeting.status(min(8)).unwrap().allotted, sec(9 * 60 + 24));
    for upcoming in 2..=5 {
        assert_eq!(meeting.allotment(upcoming, min(8)), sec(9 * 60 + 24));
    }
    meeting.apply(Input::Next, min(20)).unwrap();
    assert_eq!(meeting.status(min(20)).unwrap().allotted, sec(8 * 60 + 45));
    assert_eq!(meeting.allotment(5, min(20)), sec(8 * 60 + 45));
}

#[test]
fn on_schedule_every_turn_gets_its_planned_length() {
    let mut meeting = worked_example();
    let mut now = min(5);
    meeting.apply(Input::Next, now).unwrap();
    for _ in 0..5 {
        let status = meeting.status(now).unwrap();
        assert_eq!(status.allotted, min(10));
        assert!((status.factor - 1.0).abs() < 1e-9);
        assert_eq!(status.behind_millis, 0);
        now += min(10);
        meeting.apply(Input::Next, now).unwrap();
    }
    assert_eq!(
        meeting.status(now).unwrap().allotted,
        min(5),
        "closing keeps its length"
    );
}

#[test]
fn a_pause_is_shared_by_the_remaining_turns() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::TogglePause, min(6)).unwrap();
    let paused = meeting.status(min(11)).unwrap();
    assert!(paused.paused);
    assert_eq!(paused.elapsed, min(1), "a paused speaker is not charged");
    // Five minutes of pause come out of the four turns still to come.
    assert_eq!(meeting.allotment(2, min(11)), sec(10 * 60 - 75));
    meeting.apply(Input::TogglePause, min(11)).unwrap();
    assert_eq!(meeting.status(min(12)).unwrap().elapsed, min(2));
}

#[test]
fn the_current_allotment_never_moves_while_others_change() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    let frozen = meeting.status(min(5)).unwrap().allotted;
    meeting
        .apply(
            Input::SetPresent {
                member: 3,
                present: false,
            },
            min(6),
        )
        .unwrap();
    assert_eq!(meeting.status(min(30)).unwrap().allotted, frozen);
}

#[test]
fn an_absent_members_turn_is_removed_and_its_time_shared() {
    let mut meeting = worked_example();
    meeting
        .apply(
            Input::SetPresent {
                member: 1,
                present: false,
            },
            min(1),
        )
        .unwrap();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert_eq!(meeting.status(min(5)).unwrap().allotted, sec(50 * 60 / 4));
    meeting.apply(Input::Next, min(10)).unwrap();
    assert_eq!(current(&meeting), 3, "Ben's turn is passed over");
}

#[test]
fn skipping_gives_the_turn_to_the_others() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Skip, min(5)).unwrap();
    assert_eq!(meeting.progress().slots[1].status, SlotStatus::Passed);
    // Ana's 10:00 goes to the four others, as far as their round's band lets them take it
    // (this round is the last: 22 % over its first allotment); the end takes the rest.
    assert_eq!(
        meeting.status(min(5)).unwrap().allotted,
        sec(600 * 122 / 100)
    );
}

#[test]
fn more_time_is_taken_equally_from_the_turns_to_come() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::MoreTime, min(5)).unwrap();
    assert_eq!(meeting.status(min(5)).unwrap().allotted, min(11));
    assert_eq!(meeting.allotment(2, min(5)), sec(10 * 60 - 15));
    meeting.apply(Input::LessTime, min(5)).unwrap();
    meeting.apply(Input::LessTime, min(5)).unwrap();
    assert_eq!(meeting.allotment(2, min(5)), sec(10 * 60 + 15));
}

#[test]
fn a_minute_given_to_the_first_turn_of_a_round_is_taken_from_the_others_not_given_to_them() {
    // Seen in a meeting: `+` on the first speaker of a round raised every later seat of that
    // round by half a minute, and `-` cut them, because the round's level was read from the
    // first turn's countdown after the facilitator changed it.
    let mut meeting = two_rounds();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert_eq!(meeting.allotment(2, min(5)), min(10));
    meeting.apply(Input::MoreTime, min(5)).unwrap();
    assert_eq!(meeting.status(min(5)).unwrap().allotted, min(11));
    let ben = meeting.allotment(2, min(5));
    assert!(
        ben < min(10),
        "Ben gets {ben:?}: the minute came from nowhere"
    );
    meeting.apply(Input::LessTime, min(5)).unwrap();
    meeting.apply(Input::LessTime, min(5)).unwrap();
    assert_eq!(meeting.status(min(5)).unwrap().allotted, min(9));
    let ben = meeting.allotment(2, min(5));
    assert!(
        ben > min(10),
        "Ben gets {ben:?}: the minute taken went nowhere"
    );
}

#[test]
fn back_from_a_turn_begun_by_mistake_starts_it_afresh_the_next_time() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Next, min(12)).unwrap();
    // Ben's turn ran half a minute before the facilitator noticed Ana was still speaking.
    meeting.apply(Input::Back, min(12) + sec(30)).unwrap();
    meeting.apply(Input::Next, min(14)).unwrap();
    let status = meeting.status(min(14)).unwrap();
    assert_eq!(current(&meeting), 2);
    assert_eq!(
        status.elapsed,
        Duration::ZERO,
        "Ben's countdown starts full"
    );
}

#[test]
fn back_returns_to_the_previous_slot_with_its_time_kept() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Next, min(12)).unwrap();
    meeting.apply(Input::Back, min(13)).unwrap();
    assert_eq!(current(&meeting), 1);
    let status = meeting.status(min(14)).unwrap();
    assert_eq!(status.elapsed, min(8));
    assert_eq!(status.allotted, min(10), "the frozen allotment is kept");
    assert_eq!(meeting.progress().slots[2].status, SlotStatus::Pending);
}

#[test]
fn back_at_the_first_slot_is_refused() {
    let mut meeting = worked_example();
    assert_eq!(
        meeting.apply(Input::Back, sec(1)),
        Err(Refusal::AtFirstSlot)
    );
}

#[test]
fn undo_is_repeatable_and_restores_positions() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Skip, min(6)).unwrap();
    meeting.apply(Input::MoreTime, min(6)).unwrap();
    meeting.apply(Input::Undo, min(7)).unwrap();
    assert_eq!(
        meeting.status(min(7)).unwrap().allotted,
        meeting.allotment(2, min(6))
    );
    meeting.apply(Input::Undo, min(7)).unwrap();
    assert_eq!(current(&meeting), 1);
    assert_eq!(
        meeting.status(min(7)).unwrap().elapsed,
        min(2),
        "Ana kept talking"
    );
    meeting.apply(Input::Undo, min(7)).unwrap();
    assert_eq!(current(&meeting), 0);
    assert_eq!(
        meeting.apply(Input::Undo, min(7)),
        Err(Refusal::NothingToUndo)
    );
}

#[test]
fn countdown_phases_follow_the_warning_threshold() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert_eq!(
        meeting.status(min(5)).unwrap().countdown,
        Countdown::Running
    );
    // Default threshold: the smaller of 1 min and 20% of 10 min.
    let before = min(14).saturating_sub(Duration::from_millis(1));
    assert_eq!(
        meeting.status(before).unwrap().countdown,
        Countdown::Running
    );
    assert_eq!(
        meeting.status(min(14)).unwrap().countdown,
        Countdown::Warning
    );
    assert_eq!(
        meeting.status(min(15)).unwrap().countdown,
        Countdown::Time {
            over: Duration::ZERO
        }
    );
    assert_eq!(
        meeting.status(min(15) + sec(42)).unwrap().countdown,
        Countdown::Time { over: sec(42) }
    );
}

#[test]
fn overtime_never_advances_by_itself() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert_eq!(meeting.status(min(50)).unwrap().slot, 1);
}

#[test]
fn over_meeting_time_still_gives_every_turn_its_floor_and_keeps_the_closing() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    let status = meeting.status(min(57)).unwrap();
    assert_eq!(status.over_meeting, Some(min(2)));
    // Four turns of 5:00 (half of 10:00) still to come, and no time for them: 22 min over.
    assert_eq!(status.forecast_over, Some(min(22)));
    meeting.apply(Input::Next, min(57)).unwrap();
    assert_eq!(meeting.status(min(57)).unwrap().allotted, min(5));
    for _ in 0..4 {
        meeting.apply(Input::Next, min(57)).unwrap();
    }
    assert_eq!(meeting.status(min(57)).unwrap().allotted, min(5));
    assert_eq!(meeting.end(), min(60), "the planned end never moves");
}

/// Two rounds of five 10-minute turns between a 5-minute opening and closing: 110 minutes.
fn two_rounds() -> Meeting {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi", "Dana", "Eli"]);
    agenda.segments = vec![
        block("Opening", min(5)),
        round("Updates", min(10)),
        round("Closing round", min(10)),
        block("Closing", min(5)),
    ];
    Meeting::start(
        Plan::build(&agenda, 0),
        vec![true; 5],
        Duration::ZERO,
        None,
        true,
    )
}

/// Plays turns speaking these lengths from the current slot on; returns the clock.
fn speak(meeting: &mut Meeting, mut now: Duration, spoken: &[Duration]) -> Duration {
    for length in spoken {
        now += *length;
        meeting.apply(Input::Next, now).unwrap();
    }
    now
}

#[test]
fn a_group_that_overruns_is_learned_and_its_overrun_held_in_reserve() {
    let mut meeting = two_rounds();
    let mut now = speak(&mut meeting, Duration::ZERO, &[min(5)]);
    // Three speakers take 12 minutes on countdowns of about 10.
    now = speak(&mut meeting, now, &[min(12), min(12), min(12)]);
    let status = meeting.status(now).unwrap();
    let share = meeting.share(now);
    assert!(status.reserve > min(5), "reserve {:?}", status.reserve);
    assert_eq!(share.allotted() + share.reserve(), share.pool());
    // Without the habit the next turns would share the pool whole; with it they get less.
    let first_formula = share.pool().as_secs_f64() / share.weight().as_secs_f64() * 600.0;
    assert!(meeting.allotment(6, now).as_secs_f64() < first_formula);
}

#[test]
fn a_pass_goes_to_the_later_rounds_not_to_the_later_seats_of_its_own() {
    let mut meeting = two_rounds();
    let now = speak(&mut meeting, Duration::ZERO, &[min(5), min(10)]);
    meeting.apply(Input::Skip, now).unwrap();
    // Ana spoke her 10:00; Ben's 10:00 is left. Chidi, Dana and Eli stay within 5 % of Ana's
    // allotment (seats later in the round would otherwise speak more than the first, in
    // every meeting with a pass); the closing round takes the rest.
    let chidi = meeting.status(now).unwrap().allotted;
    assert!(chidi >= min(10) && chidi <= sec(630), "{chidi:?}");
    assert_eq!(meeting.allotment(5, now), chidi);
    assert!(meeting.allotment(6, now) > chidi);
    let share = meeting.share(now);
    assert_eq!(share.allotted() + share.reserve(), share.pool());
}

#[test]
fn an_early_finish_is_spread_not_piled_on_the_last_turn() {
    let mut meeting = two_rounds();
    let mut now = speak(&mut meeting, Duration::ZERO, &[min(5)]);
    now = speak(&mut meeting, now, &[min(10); 5]);
    // The closing round: three speakers say a sentence each.
    now = speak(&mut meeting, now, &[sec(20), sec(20), sec(20)]);
    let (fourth, fifth) = (
        meeting.status(now).unwrap().allotted,
        meeting.allotment(10, now),
    );
    assert_eq!(fourth, fifth, "the two last speakers are treated alike");
    assert!(
        fifth <= sec(600 * 145 / 100),
        "capped at 1.45× the start-time allotment"
    );
    assert!(
        fifth <= sec(600 * 122 / 100),
        "within the last round's band: {fifth:?}"
    );
}

#[test]
fn a_turn_never_falls_below_its_floor_while_the_meeting_has_time() {
    let mut meeting = two_rounds();
    // The opening runs 40 minutes over: 65 minutes of member time for 100 planned.
    meeting.apply(Input::Next, min(45)).unwrap();
    let mut now = min(45);
    now = speak(&mut meeting, now, &[min(15), min(15), min(15)]);
    for slot in 4..=10 {
        assert!(meeting.allotment(slot, now) >= min(5), "slot {slot}");
    }
    assert!(meeting.status(now).unwrap().forecast_over.is_some());
}

#[test]
fn behind_is_the_planned_member_time_missing() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(8)).unwrap();
    let status = meeting.status(min(8)).unwrap();
    // Ana's 9:24 is frozen; the four others have 37:36 for 40:00 planned.
    assert_eq!(status.behind_millis, (2 * 60 + 24) * 1000);
}

#[test]
fn next_change_lands_on_the_displayed_second() {
    let mut agenda = Agenda::new("Forum", &["Ana"]);
    agenda.segments = vec![round("Updates", min(10))];
    let start = Duration::from_millis(300);
    let meeting = Meeting::start(Plan::build(&agenda, 0), vec![true], start, None, true);
    // 10:00 allotted, 1.25 s gone: 9:58.75 left, shown as 9:59 until 9:58.000.
    let now = start + Duration::from_millis(1_250);
    assert_eq!(meeting.next_change(now), Some(start + sec(2)));
    // At zero the display flips to TIME, then the overtime counts up on whole seconds.
    assert_eq!(
        meeting.next_change((start + min(10)).saturating_sub(Duration::from_millis(1))),
        Some(start + min(10))
    );
    let over = start + min(10) + Duration::from_millis(400);
    assert_eq!(meeting.next_change(over), Some(start + min(10) + sec(1)));
}

#[test]
fn next_change_stops_at_the_warning_threshold() {
    let mut agenda = Agenda::new("Forum", &["Ana"]);
    let mut updates = round("Updates", Duration::from_millis(10_500));
    updates.warn = Some(Duration::from_millis(2_200));
    agenda.segments = vec![updates];
    let meeting = Meeting::start(
        Plan::build(&agenda, 0),
        vec![true],
        Duration::ZERO,
        None,
        true,
    );
    // 10.5 s turn: the display changes at 0.5 s, the warning starts at 8.3 s.
    assert_eq!(
        meeting.next_change(sec(8)),
        Some(Duration::from_millis(8_300))
    );
}

#[test]
fn the_last_next_finishes_the_meeting() {
    let mut meeting = worked_example();
    for i in 0..7 {
        meeting.apply(Input::Next, min(i)).unwrap();
    }
    assert_eq!(meeting.finished_at(), Some(min(6)));
    assert!(meeting.status(min(6)).is_none());
    assert_eq!(meeting.apply(Input::Next, min(7)), Err(Refusal::Finished));
    meeting.apply(Input::Undo, min(7)).unwrap();
    assert_eq!(meeting.finished_at(), None);
}

#[test]
fn the_reset_overlay_pauses_the_speaker_and_counts_by_kind() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::OpenReset, min(6)).unwrap();
    assert!(meeting.status(min(7)).unwrap().resetting);
    assert_eq!(meeting.apply(Input::Next, min(7)), Err(Refusal::Resetting));
    meeting
        .apply(Input::CloseReset(Drift::Crosstalk), min(8))
        .unwrap();
    let status = meeting.status(min(8)).unwrap();
    assert_eq!(
        status.elapsed,
        min(1),
        "the speaker is not charged for the reset"
    );
    assert!(!status.paused);
    assert_eq!(meeting.resets(), [0, 0, 1, 0, 0, 0]);
    assert_eq!(
        meeting.allotment(2, min(8)),
        sec(10 * 60 - 30),
        "shared by the rest"
    );
}

#[test]
fn reset_pauses_false_keeps_the_clock_running() {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![round("Updates", min(5))];
    let plan = Plan::build(&agenda, 0);
    let mut meeting = Meeting::start(plan, vec![true; 2], Duration::ZERO, None, false);
    meeting.apply(Input::OpenReset, min(1)).unwrap();
    meeting
        .apply(Input::CloseReset(Drift::Advice), min(2))
        .unwrap();
    assert_eq!(meeting.status(min(2)).unwrap().elapsed, min(2));
}

#[test]
fn schedule_lists_every_slot_back_to_back() {
    let meeting = worked_example();
    let schedule: Vec<_> = meeting.schedule(Duration::ZERO).collect();
    let starts: Vec<_> = schedule.iter().map(|s| s.start.as_secs() / 60).collect();
    assert_eq!(starts, vec![0, 5, 15, 25, 35, 45, 55]);
    let last = schedule.last().unwrap();
    assert_eq!(last.start + last.length, meeting.end());
}

#[test]
fn a_saved_state_with_absurd_times_is_not_restored() {
    let meeting = worked_example();
    let mut saved = meeting.timing().clone();
    assert!(Meeting::restore(meeting.plan().clone(), saved.clone()).is_some());
    saved.end = Duration::from_secs(u64::MAX / 2);
    assert!(Meeting::restore(meeting.plan().clone(), saved.clone()).is_none());
    saved.end = min(60);
    saved.progress.slots[0].banked = Duration::from_secs(u64::MAX / 2);
    assert!(Meeting::restore(meeting.plan().clone(), saved).is_none());
}

mod arrivals;
mod moves;
mod presenter;
mod standing;

#[test]
fn a_pause_says_how_long_it_has_lasted_and_flips_on_its_own_seconds() {
    let mut meeting = worked_example();
    meeting
        .apply(Input::TogglePause, Duration::from_millis(7_300))
        .unwrap();
    let now = Duration::from_millis(9_000);
    assert_eq!(
        meeting.status(now).unwrap().paused_for,
        Some(Duration::from_millis(1_700))
    );
    assert_eq!(meeting.next_change(now), Some(Duration::from_millis(9_300)));
    meeting.apply(Input::TogglePause, sec(10)).unwrap();
    assert_eq!(meeting.status(sec(11)).unwrap().paused_for, None);
}

#[test]
fn the_wrap_up_cue_lasts_until_the_turn_ends_or_w_again_and_is_counted() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert!(!meeting.wrapping_up());
    meeting.apply(Input::WrapUp, min(13)).unwrap();
    assert!(meeting.wrapping_up());
    // Said aloud in the room: undo does not take it back (there is nothing else to undo
    // since the hand-over, which undo would reverse).
    meeting.apply(Input::WrapUp, min(14)).unwrap();
    assert!(!meeting.wrapping_up());
    meeting.apply(Input::WrapUp, min(14)).unwrap();
    assert_eq!(meeting.wrap_ups(), 2);
    meeting.apply(Input::Next, min(15)).unwrap();
    assert!(
        !meeting.wrapping_up(),
        "the next speaker starts without the cue"
    );
    meeting.apply(Input::Back, min(16)).unwrap();
    assert!(
        !meeting.wrapping_up(),
        "nor does the cue come back with the turn"
    );
    meeting.apply(Input::Finish, min(17)).unwrap();
    assert_eq!(
        meeting.apply(Input::WrapUp, min(17)),
        Err(Refusal::Finished)
    );
    assert_eq!(meeting.wrap_ups(), 2);
}

#[test]
fn the_open_reset_names_its_drift_in_the_meeting_state() {
    let mut meeting = worked_example();
    assert_eq!(meeting.reset_drift(), None);
    meeting
        .apply(Input::ChooseDrift(Drift::Silence), min(1))
        .unwrap();
    assert_eq!(meeting.reset_drift(), None, "no reset is open");
    meeting.apply(Input::OpenReset, min(1)).unwrap();
    assert_eq!(meeting.reset_drift(), Some(Drift::Advice));
    meeting
        .apply(Input::ChooseDrift(Drift::Silence), min(1))
        .unwrap();
    assert_eq!(meeting.reset_drift(), Some(Drift::Silence));
    meeting
        .apply(Input::CloseReset(Drift::Silence), min(2))
        .unwrap();
    assert_eq!(meeting.reset_drift(), None);
    assert_eq!(meeting.resets()[Drift::Silence.index()], 1);
}
