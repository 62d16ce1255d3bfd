//! A presenter absent as their spotlight starts (SPEC §8): another present member is chosen,
//! named everywhere, and leaves their own turn in the phases that skip the presenter.

use std::time::Duration;

use super::min;
use crate::domain::agenda::{Agenda, Phase, PhaseKind, Segment, SegmentKind, Speaker};
use crate::domain::meeting::{Input, Meeting};
use crate::domain::plan::Plan;

const ANA: usize = 0;
const BEN: usize = 1;

fn spotlight_on_ben(present: Vec<bool>) -> Meeting {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    let phase = |name: &str, kind| Phase {
        name: name.into(),
        kind,
        prompt: None,
        warn: None,
    };
    agenda.segments = vec![Segment {
        name: "Presentation".into(),
        kind: SegmentKind::Spotlight {
            speaker: Speaker::Member(BEN),
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
    }];
    Meeting::start(Plan::build(&agenda, 0), present, Duration::ZERO, None, true)
}

fn presenter(meeting: &Meeting) -> Option<&str> {
    let slot = &meeting.plan().slots[meeting.progress().current?];
    meeting.plan().presenter(slot)
}

fn upcoming_members(meeting: &Meeting) -> Vec<Option<usize>> {
    meeting
        .schedule(min(1))
        .skip(1)
        .map(|s| meeting.plan().slots[s.slot].member())
        .collect()
}

#[test]
fn an_absent_presenter_is_noticed_and_another_member_chosen() {
    let mut meeting = spotlight_on_ben(vec![true, false, true]);
    assert!(meeting.choosing());
    meeting
        .apply(Input::ChoosePresenter { member: Some(ANA) }, min(1))
        .unwrap();
    assert!(!meeting.choosing());
    assert_eq!(presenter(&meeting), Some("Ana"));
    assert_eq!(
        upcoming_members(&meeting),
        vec![Some(2)],
        "only Chidi shares"
    );
    let restored = Meeting::restore(meeting.plan().clone(), meeting.timing().clone()).unwrap();
    assert_eq!(presenter(&restored), Some("Ana"));
    meeting.apply(Input::Undo, min(1)).unwrap();
    assert_eq!(presenter(&meeting), Some("Ben"));
    assert_eq!(
        upcoming_members(&meeting),
        vec![Some(ANA)],
        "while the choice is open, one of Ana and Chidi presents: one share is forecast"
    );
}

#[test]
fn a_present_presenter_needs_no_choice() {
    let meeting = spotlight_on_ben(vec![true; 3]);
    assert!(!meeting.choosing());
}
