//! The moderator's moves (SPEC §6, §8): pass for now, who speaks next, guests and a presenter
//! chosen in the room, each with time passed in.

use std::time::Duration;

use super::{block, current, min, round, worked_example};
use crate::domain::agenda::{Agenda, Phase, PhaseKind, Segment, SegmentKind, Speaker};
use crate::domain::meeting::{Input, Meeting, Refusal, SlotStatus};
use crate::domain::plan::Plan;
use crate::domain::summary::Summary;

const ANA: usize = 0;
const BEN: usize = 1;
const DANA: usize = 3;
const GUEST: usize = 5;

/// Who holds the current slot and the slots still to come, in order (blocks as `None`).
fn speakers(meeting: &Meeting, now: Duration) -> Vec<Option<usize>> {
    meeting
        .schedule(now)
        .map(|s| meeting.plan().slots[s.slot].member())
        .collect()
}

/// The worked example at 5:00, Ana's turn just started.
fn anas_turn() -> Meeting {
    let mut meeting = worked_example();
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting
}

fn slot_of(meeting: &Meeting, member: usize) -> usize {
    (0..meeting.plan().slots.len())
        .find(|&s| meeting.plan().slots[s].member() == Some(member))
        .unwrap()
}

#[test]
fn pass_for_now_sends_the_turn_to_the_end_of_the_round_with_its_time_kept() {
    let mut meeting = anas_turn();
    meeting.apply(Input::PassForNow, min(8)).unwrap();
    assert_eq!(
        speakers(&meeting, min(8)),
        vec![Some(BEN), Some(2), Some(DANA), Some(4), Some(ANA), None],
        "up next shows the new order at once"
    );
    let ana = slot_of(&meeting, ANA);
    assert_eq!(
        meeting.elapsed(ana, min(8)),
        min(3),
        "the time spoken is kept"
    );
    // Five turns of 10 planned share 60 − 8 − 5 = 47 minutes: Ana's is still among them.
    assert_eq!(
        meeting.status(min(8)).unwrap().allotted,
        Duration::from_secs(564)
    );
    let mut now = min(8);
    for _ in 0..4 {
        now += min(9);
        meeting.apply(Input::Next, now).unwrap();
    }
    // Back at the end: a fresh share of the 60 − 44 − 5 = 11 minutes left, less the 3 already
    // spoken. (The rule has learned from four turns and keeps a small margin before the end,
    // SPEC §4, so the share is a little under the 11 minutes.)
    let status = meeting.status(now).unwrap();
    assert_eq!(status.slot, ana);
    assert!(
        status.allotted > min(10) && status.allotted <= min(11),
        "{:?}",
        status.allotted
    );
    assert_eq!(status.remaining, status.allotted.saturating_sub(min(3)));
}

#[test]
fn a_second_pass_for_now_in_the_round_is_a_pass() {
    let mut meeting = anas_turn();
    meeting.apply(Input::PassForNow, min(6)).unwrap();
    let mut now = min(6);
    for _ in 0..4 {
        now += min(10);
        meeting.apply(Input::Next, now).unwrap();
    }
    let ana = current(&meeting);
    now += min(1);
    meeting.apply(Input::PassForNow, now).unwrap();
    assert_eq!(meeting.progress().slots[ana].status, SlotStatus::Passed);
    assert_eq!(speakers(&meeting, now), vec![None], "the closing");
    let summary = Summary::of(&meeting, now);
    assert_eq!(summary.members[ANA].spoken, min(2));
    assert_eq!(summary.members[ANA].passed, 1);
}

#[test]
fn pass_for_now_is_undone_and_refused_where_it_means_nothing() {
    let mut meeting = anas_turn();
    let before = meeting.progress().clone();
    meeting.apply(Input::PassForNow, min(8)).unwrap();
    meeting.apply(Input::Undo, min(8)).unwrap();
    assert_eq!(meeting.progress(), &before);
    assert_eq!(
        worked_example().apply(Input::PassForNow, min(1)),
        Err(Refusal::NotInRound),
        "the opening is nobody's turn"
    );
    for step in 1..5 {
        meeting.apply(Input::Next, min(5 + step * 10)).unwrap();
    }
    assert_eq!(
        meeting.apply(Input::PassForNow, min(46)),
        Err(Refusal::LastInRound),
        "Eli, last of the round, has nobody to go after"
    );
}

#[test]
fn who_speaks_next_moves_one_turn_and_keeps_the_others_in_order() {
    let mut meeting = anas_turn();
    let dana = slot_of(&meeting, DANA);
    let still: Vec<_> = meeting
        .still_to_speak()
        .iter()
        .map(|&s| meeting.plan().slots[s].member())
        .collect();
    assert_eq!(still, vec![Some(BEN), Some(2), Some(DANA), Some(4)]);
    meeting
        .apply(Input::SpeakNext { slot: dana }, min(7))
        .unwrap();
    assert_eq!(
        speakers(&meeting, min(7)),
        vec![Some(ANA), Some(DANA), Some(BEN), Some(2), Some(4), None]
    );
    assert_eq!(
        meeting.status(min(7)).unwrap().allotted,
        min(10),
        "Ana's allotment does not move"
    );
    meeting.apply(Input::Undo, min(7)).unwrap();
    assert_eq!(
        speakers(&meeting, min(7)),
        vec![Some(ANA), Some(BEN), Some(2), Some(DANA), Some(4), None]
    );
    let ana = slot_of(&meeting, ANA);
    assert_eq!(
        meeting.apply(Input::SpeakNext { slot: ana }, min(7)),
        Err(Refusal::NotInRound),
        "the current turn is not still to speak"
    );
}

#[test]
fn a_guest_speaks_at_the_end_of_the_round_and_shares_time_equally() {
    let mut meeting = anas_turn();
    meeting.apply(Input::AddGuest, min(5)).unwrap();
    assert_eq!(meeting.plan().members[GUEST], "Guest 1");
    assert_eq!(
        speakers(&meeting, min(5)),
        vec![
            Some(ANA),
            Some(BEN),
            Some(2),
            Some(DANA),
            Some(4),
            Some(GUEST),
            None
        ]
    );
    // Ana's 10 is frozen; the five still to come share 60 − 5 − 10 − 5 = 40 minutes.
    let lengths: Vec<_> = meeting
        .schedule(min(5))
        .skip(1)
        .take(5)
        .map(|s| s.length)
        .collect();
    assert_eq!(lengths, vec![min(8); 5]);
    let mut now = min(15);
    meeting.apply(Input::Next, now).unwrap();
    while meeting.finished_at().is_none() {
        now += min(8);
        meeting.apply(Input::Next, now).unwrap();
    }
    let summary = Summary::of(&meeting, now);
    assert_eq!(summary.members[GUEST].name, "Guest 1");
    assert_eq!(summary.members[GUEST].spoken, min(8));
    assert_eq!(summary.members[GUEST].turns, 1);
}

#[test]
fn a_guest_has_turns_in_every_round_not_yet_started() {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![
        round("Updates", min(5)),
        block("Break", min(5)),
        round("Closing round", min(2)),
    ];
    let mut meeting = Meeting::start(Plan::build(&agenda, 0), vec![true; 2], min(0), None, true);
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting.apply(Input::AddGuest, min(6)).unwrap();
    assert_eq!(
        speakers(&meeting, min(6)),
        vec![Some(BEN), Some(2), None, Some(ANA), Some(BEN), Some(2)]
    );
}

#[test]
fn a_guests_name_is_never_saved_and_comes_back_as_guest_1() {
    let mut meeting = anas_turn();
    meeting.apply(Input::AddGuest, min(6)).unwrap();
    meeting.name_guest(GUEST, "Zoë".into());
    assert_eq!(meeting.plan().members[GUEST], "Zoë");
    assert!(meeting.guest_is_named(GUEST));
    let saved = serde_json::to_string(meeting.timing()).unwrap();
    assert!(!saved.contains("Zo"), "{saved}");
    let base = Plan::build(&worked_agenda(), 0);
    let mut resumed = Meeting::restore(base, meeting.timing().clone()).unwrap();
    assert_eq!(resumed.plan().members[GUEST], "Guest 1");
    assert!(!resumed.guest_is_named(GUEST));
    assert_eq!(speakers(&resumed, min(6)), speakers(&meeting, min(6)));
    resumed.name_guest(GUEST, "Zoë".into());
    assert_eq!(resumed.plan().members[GUEST], "Zoë");
}

#[test]
fn adding_a_guest_is_undone_with_their_turns() {
    let mut meeting = anas_turn();
    let before = speakers(&meeting, min(6));
    meeting.apply(Input::AddGuest, min(6)).unwrap();
    meeting.apply(Input::Undo, min(6)).unwrap();
    assert_eq!(meeting.plan().members.len(), 5);
    assert_eq!(meeting.plan().slots.len(), meeting.progress().slots.len());
    assert_eq!(speakers(&meeting, min(6)), before);
}

#[test]
fn a_saved_state_whose_guests_do_not_fit_is_not_restored() {
    let mut meeting = anas_turn();
    meeting.apply(Input::AddGuest, min(6)).unwrap();
    let base = Plan::build(&worked_agenda(), 0);
    let mut saved = meeting.timing().clone();
    saved.progress.extra[0].like = 0;
    assert!(
        Meeting::restore(base.clone(), saved).is_none(),
        "a copy of a block"
    );
    let mut saved = meeting.timing().clone();
    saved.progress.present.pop();
    assert!(Meeting::restore(base, saved).is_none(), "a turn for nobody");
}

fn worked_agenda() -> Agenda {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi", "Dana", "Eli"]);
    agenda.segments = vec![
        block("Opening", min(5)),
        round("Updates", min(10)),
        block("Closing", min(5)),
    ];
    agenda
}

/// Opening 5m, then a spotlight: Background 10m and Shares of 3m each, without the presenter.
fn spotlight(speaker: Speaker) -> Plan {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    let phase = |name: &str, kind| Phase {
        name: name.into(),
        kind,
        prompt: None,
        warn: None,
    };
    agenda.segments = vec![
        block("Opening", min(5)),
        Segment {
            name: "Presentation".into(),
            kind: SegmentKind::Spotlight {
                speaker,
                phases: vec![
                    phase("Background", PhaseKind::Block { length: min(10) }),
                    phase(
                        "Shares",
                        PhaseKind::Round {
                            each: min(3),
                            skip_speaker: true,
                        },
                    ),
                ],
            },
            prompt: None,
            warn: None,
        },
    ];
    Plan::build(&agenda, 0)
}

#[test]
fn a_presenter_to_be_chosen_holds_the_clock_until_chosen() {
    let mut meeting = Meeting::start(
        spotlight(Speaker::Choose),
        vec![true; 3],
        min(0),
        None,
        true,
    );
    assert!(meeting.presenter_open(1));
    meeting.apply(Input::Next, min(5)).unwrap();
    assert!(meeting.choosing());
    let background = current(&meeting);
    assert_eq!(
        meeting.elapsed(background, min(7)),
        min(0),
        "the clock waits"
    );
    assert!(meeting.status(min(7)).unwrap().paused);
    assert_eq!(
        meeting.apply(Input::TogglePause, min(7)),
        Err(Refusal::Choosing)
    );
    meeting
        .apply(Input::ChoosePresenter { member: Some(BEN) }, min(7))
        .unwrap();
    assert!(!meeting.choosing());
    assert_eq!(meeting.presenter(background), Some(BEN));
    assert_eq!(meeting.elapsed(background, min(8)), min(1));
    assert_eq!(
        speakers(&meeting, min(8)),
        vec![None, Some(ANA), Some(2)],
        "Ben does not share on his own presentation"
    );
    meeting.apply(Input::Undo, min(8)).unwrap();
    assert!(meeting.choosing(), "the choice is undone");
    assert_eq!(
        meeting.apply(Input::ChoosePresenter { member: Some(7) }, min(8)),
        Err(Refusal::NoSuchMember)
    );
}

/// Each turn of the schedule at `now`: its member (`None` for a block) and length.
fn turns_at(meeting: &Meeting, now: Duration) -> Vec<(Option<usize>, Duration)> {
    meeting
        .schedule(now)
        .map(|s| (meeting.plan().slots[s.slot].member(), s.length))
        .collect()
}

#[test]
fn a_presenter_to_be_chosen_is_not_planned_a_share_of_their_own() {
    // Three members, one of whom will present: two shares take place, not three.
    let plan = spotlight(Speaker::Choose);
    assert_eq!(plan.planned_total(&[true; 3]), min(21));
    let mut meeting = Meeting::start(plan, vec![true; 3], min(0), Some(min(27)), true);
    let before = turns_at(&meeting, min(0));
    assert_eq!(
        before,
        vec![
            (None, min(5)),
            (None, min(10)),
            (Some(ANA), min(6)),
            (Some(BEN), min(6))
        ],
        "the 12 minutes left for members go to the two shares that will happen"
    );
    let last = meeting.schedule(min(0)).last().unwrap();
    assert_eq!(
        last.start + last.length,
        min(27),
        "the forecast ends at the end"
    );
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting
        .apply(Input::ChoosePresenter { member: Some(ANA) }, min(5))
        .unwrap();
    assert_eq!(
        turns_at(&meeting, min(5))[1..],
        [(Some(BEN), min(6)), (Some(2), min(6))],
        "once Ana is chosen, Ben and Chidi share, as long as forecast"
    );
}

#[test]
fn a_named_presenter_absent_at_the_start_is_replaced_by_a_choice() {
    let plan = spotlight(Speaker::Member(BEN));
    let mut meeting = Meeting::start(plan, vec![true; 3], min(0), None, true);
    meeting
        .apply(
            Input::SetPresent {
                member: BEN,
                present: false,
            },
            min(1),
        )
        .unwrap();
    meeting.apply(Input::Next, min(5)).unwrap();
    assert!(meeting.choosing());
    meeting
        .apply(Input::ChoosePresenter { member: Some(ANA) }, min(6))
        .unwrap();
    assert_eq!(meeting.presenter(current(&meeting)), Some(ANA));
    assert_eq!(speakers(&meeting, min(6)), vec![None, Some(2)]);
}

#[test]
fn a_named_presenter_who_is_present_starts_at_once() {
    let plan = spotlight(Speaker::Member(BEN));
    let mut meeting = Meeting::start(plan, vec![true; 3], min(0), None, true);
    meeting.apply(Input::Next, min(5)).unwrap();
    assert!(!meeting.choosing());
    assert_eq!(
        meeting.apply(Input::ChoosePresenter { member: Some(ANA) }, min(6)),
        Err(Refusal::NotChoosing)
    );
}

#[test]
fn a_presenter_who_steps_out_mid_spotlight_is_not_replaced() {
    let plan = spotlight(Speaker::Member(BEN));
    let mut meeting = Meeting::start(plan, vec![true; 3], min(0), None, true);
    meeting.apply(Input::Next, min(5)).unwrap();
    meeting
        .apply(
            Input::SetPresent {
                member: BEN,
                present: false,
            },
            min(6),
        )
        .unwrap();
    meeting.apply(Input::Next, min(15)).unwrap();
    assert!(
        !meeting.choosing(),
        "the presenter is fixed when the spotlight starts"
    );
    assert_eq!(meeting.presenter(current(&meeting)), Some(BEN));
}

#[test]
fn a_presenter_chosen_on_their_own_share_turn_hands_it_on() {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![Segment {
        name: "Presentation".into(),
        kind: SegmentKind::Spotlight {
            speaker: Speaker::Choose,
            phases: vec![Phase {
                name: "Shares".into(),
                kind: PhaseKind::Round {
                    each: min(3),
                    skip_speaker: true,
                },
                prompt: None,
                warn: None,
            }],
        },
        prompt: None,
        warn: None,
    }];
    let mut meeting = Meeting::start(Plan::build(&agenda, 0), vec![true; 2], min(0), None, true);
    assert!(meeting.choosing());
    meeting
        .apply(Input::ChoosePresenter { member: Some(ANA) }, min(1))
        .unwrap();
    assert_eq!(speakers(&meeting, min(1)), vec![Some(BEN)]);
    assert!(meeting.progress().running_since.is_some());
}
