//! Rotation, the next presenter and the tally over sequences of meetings, members joining and
//! leaving the agenda between them. Each meeting is "held" from its own plan, so a test runs
//! the same loop a forum does: history → picks → plan → record → history.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use super::record::{Kind, MemberRecord, Record, RecordError, Resets, SegmentRecord, VERSION};
use super::{Why, next_presenter, picks, rotation, since, tally};
use crate::domain::agenda::{Agenda, Order, Phase, PhaseKind, Segment, SegmentKind, Speaker};
use crate::domain::plan::{Plan, SlotKind};

const MIN: Duration = Duration::from_secs(60);

fn agenda(members: &[&str]) -> Agenda {
    let mut agenda = Agenda::new("Forum", members);
    agenda.segments = vec![
        Segment {
            name: "Updates".into(),
            kind: SegmentKind::Round {
                each: 5 * MIN,
                order: Order::Rotate,
            },
            prompt: None,
            warn: None,
        },
        Segment {
            name: "Presentation".into(),
            kind: SegmentKind::Spotlight {
                speaker: Speaker::Next,
                phases: vec![Phase {
                    name: "Shares".into(),
                    kind: PhaseKind::Round {
                        each: 2 * MIN,
                        skip_speaker: true,
                    },
                    prompt: None,
                    warn: None,
                }],
            },
            prompt: None,
            warn: None,
        },
    ];
    agenda
}

fn day(n: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 1, 19, 0, 0)
        .unwrap()
        + chrono::TimeDelta::days(i64::from(n) * 30)
}

/// The meeting `agenda` gives after `past`, with `absent` away, held on `day(n)`: every present
/// member's turn happens in plan order.
fn hold(agenda: &Agenda, past: &[Record], absent: &[&str], n: u32) -> Record {
    let present: Vec<bool> = agenda
        .members
        .iter()
        .map(|m| !absent.contains(&m.as_str()))
        .collect();
    let (picks, _) = picks(agenda, past, &present);
    let plan = Plan::build_with(agenda, 0, &picks);
    let segments = plan
        .segments
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let slots: Vec<_> = plan.slots.iter().filter(|s| s.segment == index).collect();
            let turns = slots
                .iter()
                .filter_map(|s| match s.kind {
                    SlotKind::Turn { member } if present[member] => {
                        Some(plan.members[member].clone())
                    }
                    _ => None,
                })
                .collect();
            let presenter = slots
                .first()
                .and_then(|s| s.spotlight)
                .and_then(Speaker::member)
                .map(|m| plan.members[m].clone());
            SegmentRecord {
                name: name.clone(),
                kind: if presenter.is_some() {
                    Kind::Spotlight
                } else {
                    Kind::Round
                },
                planned_seconds: 0,
                actual_seconds: 0,
                turns,
                presenter,
            }
        })
        .collect();
    Record {
        version: VERSION,
        start: day(n),
        planned_end: day(n),
        actual_end: day(n),
        finished: true,
        members: agenda
            .members
            .iter()
            .zip(&present)
            .map(|(name, &present)| MemberRecord {
                name: name.clone(),
                present,
                spoken_seconds: 300,
                allotted_seconds: 300,
                turns: u32::from(present),
                passed: 0,
            })
            .collect(),
        segments,
        resets: Resets::default(),
        wrap_ups: 0,
    }
}

fn first_speaker(record: &Record) -> &str {
    &record.segments[0].turns[0]
}

fn presenter(record: &Record) -> &str {
    record.segments[1].presenter.as_deref().unwrap()
}

#[test]
fn without_history_a_rotating_round_keeps_agenda_order() {
    let agenda = agenda(&["Ana", "Ben", "Chidi"]);
    let first = hold(&agenda, &[], &[], 0);
    assert_eq!(first.segments[0].turns, ["Ana", "Ben", "Chidi"]);
    assert_eq!(rotation(&[], "Updates", &agenda.members), None);
}

#[test]
fn a_name_retyped_with_a_combining_accent_is_the_same_member() {
    // The agenda's `José` typed again as `e` plus a combining accent (SPEC §3: NFC, then case).
    let before = agenda(&["Jos\u{e9}", "Ben", "Chidi"]);
    let first = hold(&before, &[], &[], 0);
    let after = agenda(&["JOSE\u{301}", "Ben", "Chidi"]);
    let second = hold(&after, std::slice::from_ref(&first), &[], 1);
    assert_eq!(presenter(&first), "Jos\u{e9}");
    // José has presented: not "never presented", so not first in line again.
    assert_eq!(presenter(&second), "Ben");
    assert_eq!(first_speaker(&second), "Ben");
}

#[test]
fn each_meeting_starts_the_round_one_seat_later_and_wraps() {
    let agenda = agenda(&["Ana", "Ben", "Chidi"]);
    let mut past = Vec::new();
    for n in 0..5 {
        let record = hold(&agenda, &past, &[], n);
        past.push(record);
    }
    let firsts: Vec<&str> = past.iter().map(first_speaker).collect();
    assert_eq!(firsts, ["Ana", "Ben", "Chidi", "Ana", "Ben"]);
    assert_eq!(past[1].segments[0].turns, ["Ben", "Chidi", "Ana"]);
}

#[test]
fn an_absent_member_is_passed_over_and_the_seat_still_moves_on() {
    let agenda = agenda(&["Ana", "Ben", "Chidi", "Dana"]);
    let first = hold(&agenda, &[], &[], 0);
    // Ben would start, but is away: Chidi starts and Ben has no turn.
    let second = hold(&agenda, std::slice::from_ref(&first), &["Ben"], 1);
    assert_eq!(second.segments[0].turns, ["Chidi", "Dana", "Ana"]);
    // Next time one seat after Chidi, whoever is back.
    let third = hold(&agenda, &[first, second], &[], 2);
    assert_eq!(first_speaker(&third), "Dana");
}

#[test]
fn rotation_survives_members_joining_and_leaving_the_agenda() {
    let before = agenda(&["Ana", "Ben", "Chidi", "Dana"]);
    let first = hold(&before, &[], &[], 0);
    let second = hold(&before, std::slice::from_ref(&first), &[], 1);
    assert_eq!(first_speaker(&second), "Ben");
    // Ben leaves the forum: the seat after him goes to the next one still on the agenda.
    let without_ben = agenda(&["Ana", "Chidi", "Dana"]);
    let third = hold(&without_ben, &[first.clone(), second.clone()], &[], 2);
    assert_eq!(first_speaker(&third), "Chidi");
    // Eli joins after Chidi: one seat after Chidi is now Eli.
    let with_eli = agenda(&["Ana", "Chidi", "Eli", "Dana"]);
    let fourth = hold(&with_eli, &[first, second, third], &[], 3);
    assert_eq!(first_speaker(&fourth), "Eli");
}

#[test]
fn a_previous_first_speaker_gone_with_everyone_after_them_falls_back_to_the_first_seat() {
    let old = agenda(&["Ana", "Ben"]);
    let first = hold(&old, &[], &[], 0);
    let new = agenda(&["Zoe", "Yusuf"]);
    let rotation = rotation(&[first], "Updates", &new.members).unwrap();
    assert_eq!(rotation.seat, 0);
    assert_eq!(rotation.previous, "Ana");
}

#[test]
fn rounds_are_matched_by_name_and_the_newest_meeting_with_the_round_counts() {
    let agenda = agenda(&["Ana", "Ben", "Chidi"]);
    let first = hold(&agenda, &[], &[], 0);
    let mut other = hold(&agenda, std::slice::from_ref(&first), &[], 1);
    other.segments[0].name = "Check-in".into();
    // The newest meeting had no "Updates": the one before decides.
    let rotation = rotation(&[first, other], "updates", &agenda.members).unwrap();
    assert_eq!(rotation.previous, "Ana");
    assert_eq!(rotation.seat, 1);
}

#[test]
fn the_next_presenter_is_who_presented_least_recently_never_counting_as_longest_ago() {
    let agenda = agenda(&["Ana", "Ben", "Chidi"]);
    let mut past = Vec::new();
    for n in 0..4 {
        let record = hold(&agenda, &past, &[], n);
        past.push(record);
    }
    let presenters: Vec<&str> = past.iter().map(presenter).collect();
    assert_eq!(presenters, ["Ana", "Ben", "Chidi", "Ana"]);
}

#[test]
fn a_new_member_presents_before_those_who_have_and_absent_ones_wait() {
    let agenda3 = agenda(&["Ana", "Ben", "Chidi"]);
    let first = hold(&agenda3, &[], &[], 0);
    let second = hold(&agenda3, std::slice::from_ref(&first), &["Ben"], 1);
    assert_eq!(
        presenter(&second),
        "Chidi",
        "Ben is away, Chidi has never presented"
    );
    let with_dana = agenda(&["Ana", "Ben", "Chidi", "Dana"]);
    let past = [first, second];
    let (member, last) = next_presenter(&past, &with_dana.members, &[true; 4]);
    assert_eq!(
        (with_dana.members[member].as_str(), last),
        ("Ben", None),
        "ties among those who never presented go in agenda order"
    );
    let (member, last) = next_presenter(&past, &with_dana.members, &[true, false, true, true]);
    assert_eq!((with_dana.members[member].as_str(), last), ("Dana", None));
    let (member, last) = next_presenter(&past, &with_dana.members, &[true, false, true, false]);
    assert_eq!(
        (with_dana.members[member].as_str(), last),
        ("Ana", Some(day(0)))
    );
}

#[test]
fn two_next_spotlights_in_one_meeting_are_two_members() {
    let mut agenda = agenda(&["Ana", "Ben"]);
    agenda.segments.push(agenda.segments[1].clone());
    let (picks, why) = picks(&agenda, &[], &[true, true]);
    assert_eq!(picks.seats, [Some(0), Some(0), Some(1)]);
    assert!(matches!(why[2], Why::Presents { member: 1, .. }));
    // Only one member here: they present twice rather than nobody.
    let (picks, _) = super::picks(&agenda, &[], &[false, true]);
    assert_eq!(picks.seats[1..], [Some(1), Some(1)]);
}

#[test]
fn the_reasons_name_who_started_and_when_the_presenter_last_presented() {
    let agenda = agenda(&["Ana", "Ben", "Chidi", "Dana"]);
    let first = hold(&agenda, &[], &[], 0);
    let (_, why) = picks(&agenda, &[first], &[true, false, true, true]);
    assert_eq!(
        why,
        [
            Why::Rotated {
                segment: "Updates".into(),
                first: 2,
                previous: Some("Ana".into()),
            },
            Why::Presents {
                segment: "Presentation".into(),
                member: 2,
                last: None,
            },
        ]
    );
}

#[test]
fn the_tally_counts_meetings_time_first_last_and_presentations() {
    let agenda3 = agenda(&["Ana", "Ben", "Chidi"]);
    let first = hold(&agenda3, &[], &[], 0);
    let second = hold(&agenda3, std::slice::from_ref(&first), &["Chidi"], 1);
    let tallies = tally(&[first, second]);
    let ana = &tallies[0];
    assert_eq!(
        (ana.name.as_str(), ana.meetings, ana.first, ana.last),
        ("Ana", 2, 1, 1)
    );
    assert_eq!((ana.presentations, ana.last_presented), (1, Some(day(0))));
    let chidi = &tallies[2];
    assert_eq!((chidi.meetings, chidi.spoken_seconds), (1, 600));
    // Chidi was last in the first meeting's round; Ana in the second (Ben, Ana).
    assert_eq!((chidi.first, chidi.last), (0, 1));
}

#[test]
fn the_tally_lists_the_newest_agenda_first_then_former_members() {
    let old = hold(&agenda(&["Ana", "Ben"]), &[], &[], 0);
    let new = hold(&agenda(&["Chidi", "ana"]), &[], &[], 1);
    let names: Vec<String> = tally(&[old, new]).into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["Chidi", "ana", "Ben"]);
}

#[test]
fn since_keeps_meetings_from_that_date_on() {
    let agenda = agenda(&["Ana"]);
    let records: Vec<Record> = (0..3).map(|n| hold(&agenda, &[], &[], n)).collect();
    let date = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
    assert_eq!(since(&records, date), records[1..]);
}

#[test]
fn a_record_reads_back_exactly_and_other_versions_are_refused() {
    let record = hold(&agenda(&["Ana", "Ben"]), &[], &[], 0);
    assert_eq!(Record::parse(&record.to_json()), Ok(record.clone()));
    let future = record.to_json().replace("\"version\": 1", "\"version\": 7");
    assert_eq!(Record::parse(&future), Err(RecordError::UnknownVersion(7)));
    let old = record.to_json().replace("\"version\": 1,", "");
    assert_eq!(Record::parse(&old), Err(RecordError::NoVersion));
    assert!(matches!(
        Record::parse("{ not json"),
        Err(RecordError::Damaged(_))
    ));
    let wrong = record
        .to_json()
        .replace("\"finished\": true", "\"finished\": 3");
    assert!(matches!(
        Record::parse(&wrong),
        Err(RecordError::Damaged(_))
    ));
}

proptest::proptest! {
    /// Whatever the pick (even one naming no member), a rotating round gives every member one
    /// turn, in agenda order from the picked seat, and `next` a member of the agenda.
    #[test]
    fn any_pick_keeps_one_turn_each_in_agenda_order(count in 1usize..8, seat in 0usize..10) {
        let names: Vec<String> = (0..count).map(|i| format!("M{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let agenda = agenda(&refs);
        let picks = crate::domain::plan::Picks {
            seats: vec![Some(seat), Some(seat)],
            id: 0,
        };
        let plan = Plan::build_with(&agenda, 0, &picks);
        let round: Vec<usize> = plan
            .slots
            .iter()
            .filter(|s| s.segment == 0)
            .filter_map(crate::domain::plan::Slot::member)
            .collect();
        let start = if seat < count { seat } else { 0 };
        let expected: Vec<usize> = (0..count).map(|i| (start + i) % count).collect();
        proptest::prop_assert_eq!(round, expected);
        // A lone member skipped in their own shares leaves the spotlight without slots.
        let spotlight = plan.slots.iter().find(|s| s.segment == 1).and_then(|s| s.spotlight);
        proptest::prop_assert_eq!(spotlight, (count > 1).then_some(Speaker::Member(start)));
    }
}

proptest::proptest! {
    /// Over any run of meetings with anyone away: each round starts with the first member here
    /// after last time's first speaker, and nobody here presents while someone here has gone
    /// longer without presenting.
    #[test]
    fn over_any_meetings_the_round_moves_on_and_presenting_goes_round(
        away in proptest::collection::vec(proptest::collection::vec(proptest::bool::ANY, 5), 1..12)
    ) {
        let names = ["Ana", "Ben", "Chidi", "Dana", "Eli"];
        let agenda = agenda(&names);
        let mut past: Vec<Record> = Vec::new();
        for (n, away) in away.iter().enumerate() {
            let absent: Vec<&str> =
                names.iter().zip(away).filter(|(_, a)| **a).map(|(m, _)| *m).collect();
            if absent.len() == names.len() {
                continue;
            }
            let record = hold(&agenda, &past, &absent, u32::try_from(n).unwrap());
            let here = |m: &str| !absent.contains(&m);
            let first = first_speaker(&record).to_string();
            proptest::prop_assert!(here(&first));
            if let Some(previous) = past.last() {
                let before = names.iter().position(|m| *m == first_speaker(previous)).unwrap();
                let expected = (1..=5).map(|s| names[(before + s) % 5]).find(|m| here(m)).unwrap();
                proptest::prop_assert_eq!(first.as_str(), expected);
            }
            let presenter = presenter(&record).to_string();
            proptest::prop_assert!(here(&presenter));
            let last = |m: &str| super::last_presented(&past, m);
            for other in names.iter().filter(|m| here(m)) {
                proptest::prop_assert!(last(&presenter) <= last(other));
            }
            past.push(record);
        }
    }
}
