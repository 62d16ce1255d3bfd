//! Late arrivals and the order of turns (SPEC §6 `a`, §11): a member who arrives after their
//! place in the round has passed speaks at the end of that round, and "up next" promises
//! exactly the turns that will happen.

use std::time::Duration;

use super::{current, min, round, worked_example};
use crate::domain::agenda::Agenda;
use crate::domain::meeting::{Input, Meeting, Refusal, SlotStatus};
use crate::domain::plan::Plan;

const ANA: usize = 0;
const BEN: usize = 1;

fn present(member: usize, present: bool) -> Input {
    Input::SetPresent { member, present }
}

/// The members of the turns still to come, in order (blocks as `None`).
fn upcoming(meeting: &Meeting, now: Duration) -> Vec<Option<usize>> {
    meeting
        .schedule(now)
        .skip(1)
        .map(|s| meeting.plan().slots[s.slot].member())
        .collect()
}

/// Ben absent at the start, the round under way past his place: Opening, Ana, now Chidi.
fn ben_late() -> Meeting {
    let mut meeting = worked_example();
    meeting.apply(present(BEN, false), Duration::ZERO).unwrap();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Next, min(15)).unwrap();
    assert_eq!(meeting.plan().slots[current(&meeting)].member(), Some(2));
    meeting
}

#[test]
fn a_member_who_arrives_after_their_place_speaks_at_the_end_of_the_round() {
    let mut meeting = ben_late();
    meeting.apply(present(BEN, true), min(16)).unwrap();
    assert_eq!(
        upcoming(&meeting, min(16)),
        vec![Some(3), Some(4), Some(BEN), None],
        "Dana, Eli, then Ben, then the closing"
    );
    let mut speakers = Vec::new();
    let mut now = min(16);
    while let Some(status) = meeting.status(now) {
        speakers.push(meeting.plan().slots[status.slot].member());
        now += min(1);
        meeting.apply(Input::Next, now).unwrap();
    }
    assert_eq!(speakers, vec![Some(2), Some(3), Some(4), Some(BEN), None]);
}

#[test]
fn a_late_arrival_shares_the_time_equally_with_the_rest_of_the_round() {
    let mut meeting = ben_late();
    meeting.apply(present(BEN, true), min(16)).unwrap();
    meeting.apply(Input::Next, min(25)).unwrap();
    let dana = meeting.status(min(25)).unwrap().allotted;
    for step in 0..2 {
        let now = min(25) + dana * (step + 1);
        meeting.apply(Input::Next, now).unwrap();
        let allotted = meeting.status(now).unwrap().allotted;
        let gap = allotted.abs_diff(dana);
        // Within the round's band (what the rule learns may move it a few seconds).
        assert!(
            gap < Duration::from_secs(15),
            "{allotted:?} vs Dana's {dana:?}"
        );
    }
}

#[test]
fn a_turn_missed_in_an_earlier_round_is_never_promised() {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    agenda.segments = vec![round("Updates", min(5)), round("Closing round", min(2))];
    let plan = Plan::build(&agenda, 0);
    let mut meeting = Meeting::start(plan, vec![true, false, true], Duration::ZERO, None, true);
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Next, min(10)).unwrap();
    // The closing round has begun with Ana; Ben arrives before his place in it.
    meeting.apply(present(BEN, true), min(11)).unwrap();
    assert_eq!(upcoming(&meeting, min(11)), vec![Some(BEN), Some(2)]);
    let status = meeting.status(min(11)).unwrap();
    assert!(
        status.allotted <= min(2),
        "no phantom update for Ben: {status:?}"
    );
}

#[test]
fn the_arrival_is_undone_with_its_turn() {
    let mut meeting = ben_late();
    meeting.apply(present(BEN, true), min(16)).unwrap();
    meeting.apply(Input::Undo, min(17)).unwrap();
    assert_eq!(upcoming(&meeting, min(17)), vec![Some(3), Some(4), None]);
}

#[test]
fn a_pending_turn_moves_within_the_round_under_way_and_back_on_undo() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    // Ana speaks; Eli (slot 5) is moved to speak next.
    meeting
        .apply(Input::MoveTurn { slot: 5, to: 0 }, min(6))
        .unwrap();
    assert_eq!(
        upcoming(&meeting, min(6)),
        vec![Some(4), Some(BEN), Some(2), Some(3), None]
    );
    assert_eq!(meeting.order(), &[0, 1, 5, 2, 3, 4, 6]);
    meeting.apply(Input::Undo, min(6)).unwrap();
    assert_eq!(meeting.order(), &[0, 1, 2, 3, 4, 5, 6]);
    // Never onto what already happened, never out of the round.
    let refused = meeting.apply(Input::MoveTurn { slot: 6, to: 0 }, min(6));
    assert_eq!(refused, Err(Refusal::NotInRound));
    let refused = meeting.apply(Input::MoveTurn { slot: 1, to: 3 }, min(6));
    assert_eq!(refused, Err(Refusal::NotInRound), "Ana's turn is under way");
}

#[test]
fn a_moved_order_survives_a_restore() {
    let mut meeting = ben_late();
    meeting.apply(present(BEN, true), min(16)).unwrap();
    let restored = Meeting::restore(meeting.plan().clone(), meeting.timing().clone()).unwrap();
    assert_eq!(restored.order(), meeting.order());
    let mut broken = meeting.timing().clone();
    broken.progress.order[0] = 1;
    assert!(Meeting::restore(meeting.plan().clone(), broken).is_none());
}

#[test]
fn a_state_saved_before_turns_could_move_reads_in_plan_order() {
    let meeting = ben_late();
    let mut old = meeting.timing().clone();
    old.progress.order.clear();
    // Files of that time left skipped turns pending.
    old.progress.slots[2].status = SlotStatus::Pending;
    let restored = Meeting::restore(meeting.plan().clone(), old).unwrap();
    assert_eq!(restored.order(), &[0, 1, 2, 3, 4, 5, 6]);
    assert_eq!(upcoming(&restored, min(16)), vec![Some(3), Some(4), None]);
}

#[test]
fn back_skips_a_turn_that_was_missed() {
    let mut meeting = ben_late();
    meeting.apply(Input::Back, min(16)).unwrap();
    assert_eq!(meeting.plan().slots[current(&meeting)].member(), Some(ANA));
}

#[test]
fn a_confirmed_quit_is_an_early_end() {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::Finish, min(6)).unwrap();
    assert!(meeting.progress().ended_early);
    let summary = crate::domain::summary::Summary::of(&meeting, min(6));
    assert!(summary.ended_early);
    let json = crate::report::render(
        &summary,
        chrono::Local::now().into(),
        crate::report::ReportFormat::Json,
    );
    assert!(
        json.contains("\"finished\": false"),
        "README: false after an early quit: {json}"
    );
}
