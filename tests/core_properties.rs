//! SPEC §11 invariants of the allotment rule, checked on random agendas and random
//! sequences of every facilitator action, presence change and clock advance (a system sleep
//! or a stall reaches the core as just a larger advance).

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use forumtimer::domain::agenda::{
    Agenda, Drift, Order, Phase, PhaseKind, Segment, SegmentKind, Speaker,
};
use forumtimer::domain::meeting::{Input, Meeting, SlotStatus};
use forumtimer::domain::plan::{Plan, SlotKind, is_active};
use proptest::prelude::*;

fn agenda_strategy() -> impl Strategy<Value = Agenda> {
    let segment = prop_oneof![
        (1u64..600).prop_map(|s| SegmentKind::Block {
            length: Duration::from_secs(s * 5)
        }),
        (1u64..120, 0..3u8).prop_map(|(s, o)| SegmentKind::Round {
            each: Duration::from_secs(s * 5),
            order: [Order::Agenda, Order::Reverse, Order::Shuffle][usize::from(o)],
        }),
        // A spotlight: a block, then shares (maybe without the presenter); the presenter is
        // named (maybe someone absent later) or chosen in the room.
        (
            1u64..600,
            1u64..120,
            any::<bool>(),
            prop::option::of(0usize..12)
        )
            .prop_map(
                |(block, each, skip_speaker, named)| SegmentKind::Spotlight {
                    speaker: named.map_or(Speaker::Choose, Speaker::Member),
                    phases: vec![
                        Phase {
                            name: "Background".into(),
                            kind: PhaseKind::Block {
                                length: Duration::from_secs(block * 5),
                            },
                            prompt: None,
                            warn: None,
                        },
                        Phase {
                            name: "Shares".into(),
                            kind: PhaseKind::Round {
                                each: Duration::from_secs(each * 5),
                                skip_speaker,
                            },
                            prompt: None,
                            warn: None,
                        },
                    ],
                }
            ),
    ];
    (1usize..12, prop::collection::vec(segment, 1..6)).prop_map(|(members, kinds)| {
        let names: Vec<String> = (0..members).map(|i| format!("M{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut agenda = Agenda::new("Forum", &refs);
        agenda.segments = kinds
            .into_iter()
            .map(|kind| match kind {
                // A named presenter must be a member.
                SegmentKind::Spotlight {
                    speaker: Speaker::Member(m),
                    phases,
                } => SegmentKind::Spotlight {
                    speaker: Speaker::Member(m % members),
                    phases,
                },
                other => other,
            })
            .enumerate()
            .map(|(i, kind)| Segment {
                name: format!("S{i}"),
                kind,
                prompt: None,
                warn: None,
            })
            .collect();
        agenda
    })
}

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Act(Input),
    /// Who speaks next: the n-th (modulo) of the round's turns still to speak.
    SpeakNext(usize),
}

fn step_strategy(members: usize) -> impl Strategy<Value = Step> {
    let drift = (0..6usize).prop_map(|i| Drift::ALL[i]);
    prop_oneof![
        4 => (0u64..900_000).prop_map(Step::Advance),
        3 => Just(Step::Act(Input::Next)),
        1 => Just(Step::Act(Input::Skip)),
        1 => Just(Step::Act(Input::Back)),
        1 => Just(Step::Act(Input::Undo)),
        1 => Just(Step::Act(Input::TogglePause)),
        1 => Just(Step::Act(Input::MoreTime)),
        1 => Just(Step::Act(Input::LessTime)),
        1 => Just(Step::Act(Input::OpenReset)),
        1 => drift.prop_map(|d| Step::Act(Input::CloseReset(d))),
        1 => (0..members + 3, any::<bool>())
            .prop_map(|(member, present)| Step::Act(Input::SetPresent { member, present })),
        2 => Just(Step::Act(Input::PassForNow)),
        1 => (0..8usize).prop_map(Step::SpeakNext),
        1 => Just(Step::Act(Input::AddGuest)),
        2 => prop::option::of(0..members + 3)
            .prop_map(|member| Step::Act(Input::ChoosePresenter { member })),
    ]
}

fn scenario() -> impl Strategy<Value = (Agenda, Option<u64>, Vec<Step>)> {
    agenda_strategy().prop_flat_map(|agenda| {
        let members = agenda.members.len();
        (
            Just(agenda),
            prop::option::of(0u64..20_000),
            prop::collection::vec(step_strategy(members), 0..60),
        )
    })
}

/// Slots not yet started that will take place and are turns (`turns`) or blocks (`!turns`),
/// worked out here from the raw progress, independently of the rule under test.
fn pending(meeting: &Meeting, turns: bool) -> impl Iterator<Item = usize> + '_ {
    let progress = meeting.progress();
    let slots = &meeting.plan().slots;
    let aside = set_aside(meeting);
    (0..slots.len()).filter(move |&i| {
        progress.slots[i].status == SlotStatus::Pending
            && is_active(&slots[i], &progress.present)
            && !aside.contains(&i)
            && matches!(slots[i].kind, SlotKind::Turn { .. }) == turns
    })
}

/// The presenter's own turn, while a spotlight's presenter is still to be chosen (SPEC §8):
/// one pending turn of each `skip_speaker` phase will not take place; the last of the phase
/// in the meeting's order stands for it.
fn set_aside(meeting: &Meeting) -> Vec<usize> {
    let progress = meeting.progress();
    let slots = &meeting.plan().slots;
    let here = |m: usize| progress.present.get(m).copied().unwrap_or(false);
    let mut last: BTreeMap<(usize, Option<String>), usize> = BTreeMap::new();
    for &i in &progress.order {
        let slot = &slots[i];
        let chosen = progress
            .presenters
            .iter()
            .any(|&(segment, _)| segment == slot.segment);
        let open = slot
            .spotlight
            .is_some_and(|speaker| speaker.member().is_none_or(|m| !here(m)));
        if progress.slots[i].status == SlotStatus::Pending
            && is_active(slot, &progress.present)
            && slot.skip_speaker
            && open
            && !chosen
        {
            last.insert((slot.segment, slot.phase.clone()), i);
        }
    }
    last.into_values().collect()
}

/// The pending turns that will take place, with their current allotments: from one reading of
/// the rule, checked against `allotment` (what the screen asks) on the first few.
fn pending_turns(meeting: &Meeting, now: Duration) -> Vec<(usize, Duration)> {
    let share = meeting.share(now);
    let turns: Vec<(usize, Duration)> = pending(meeting, true)
        .map(|i| (i, share.allotment(i)))
        .collect();
    for &(slot, allotted) in turns.iter().take(2) {
        assert_eq!(
            meeting.allotment(slot, now),
            allotted,
            "allotment disagrees with share"
        );
    }
    turns
}

/// `R − F − current remaining`: the member time the rule must share out.
fn member_time(meeting: &Meeting, now: Duration) -> Duration {
    let fixed: Duration = pending(meeting, false)
        .map(|i| meeting.plan().slots[i].planned)
        .sum();
    let current = meeting.status(now).map_or(Duration::ZERO, |s| s.remaining);
    meeting
        .end()
        .saturating_sub(now)
        .saturating_sub(fixed)
        .saturating_sub(current)
}

/// Half a turn's start-time allotment (the first formula at the meeting's start), worked out
/// here from the raw progress: what no turn may fall under.
fn floor(meeting: &Meeting, slot: usize) -> Duration {
    let progress = meeting.progress();
    let slots = &meeting.plan().slots;
    let (mut fixed, mut weight) = (0u128, 0u128);
    let aside = set_aside(meeting);
    for (i, s) in slots.iter().enumerate() {
        match s.kind {
            SlotKind::Block => fixed += s.planned.as_millis(),
            SlotKind::Turn { .. } => {
                // Turns that took place or will: a missed one (member absent) is neither.
                let taken = match progress.slots[i].status {
                    SlotStatus::Pending => is_active(s, &progress.present) && !aside.contains(&i),
                    SlotStatus::Missed => false,
                    _ => true,
                };
                if taken {
                    weight += s.planned.as_millis();
                }
            }
        }
    }
    let length = (meeting.end().saturating_sub(meeting.started_at()))
        .as_millis()
        .saturating_sub(fixed);
    let base = slots[slot].planned.as_millis() * length / weight.max(1);
    Duration::from_millis(u64::try_from(base.div_ceil(2)).unwrap())
}

/// 2 000 random meetings by default (the rule now reads the meeting's history at every step,
/// so a case costs more than it did); `PROPTEST_CASES=200000` for a long run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn remaining_allotments_share_exactly_the_member_time((agenda, end, steps) in scenario()) {
        let plan = Plan::build(&agenda, 1);
        let members = plan.members.len();
        let mut now = Duration::ZERO;
        let end = end.map(Duration::from_secs);
        let mut meeting = Meeting::start(plan, vec![true; members], now, end, true);
        let planned_end = meeting.end();
        for step in steps {
            let before = meeting.status(now).map(|s| (s.slot, s.allotted));
            match step {
                Step::Advance(ms) => now += Duration::from_millis(ms),
                Step::SpeakNext(n) => {
                    let still = meeting.still_to_speak();
                    // Refused only while the room is reset or a presenter is being chosen.
                    if let Some(&slot) = still.get(n % still.len().max(1))
                        && meeting.apply(Input::SpeakNext { slot }, now).is_ok()
                    {
                        prop_assert_eq!(meeting.still_to_speak()[0], slot, "chosen, not next");
                        let mut others = still.clone();
                        others.retain(|&s| s != slot);
                        prop_assert_eq!(&meeting.still_to_speak()[1..], &others[..]);
                        let after = meeting.status(now).map(|s| (s.slot, s.allotted));
                        prop_assert_eq!(before, after, "a frozen allotment moved on who speaks next");
                    }
                }
                Step::Act(input) => {
                    let changed = meeting.apply(input, now).is_ok();
                    let keeps_slot = matches!(
                        input,
                        Input::TogglePause
                            | Input::SetPresent { .. }
                            | Input::OpenReset
                            | Input::CloseReset(_)
                            | Input::AddGuest
                            | Input::ChoosePresenter { .. }
                    );
                    if changed && keeps_slot {
                        let after = meeting.status(now).map(|s| (s.slot, s.allotted));
                        prop_assert_eq!(before, after, "a frozen allotment moved on {:?}", input);
                    }
                }
            }
            prop_assert_eq!(meeting.end(), planned_end, "the planned end moved");
            let progress = meeting.progress();
            prop_assert_eq!(progress.slots.len(), meeting.plan().slots.len());
            prop_assert_eq!(progress.present.len(), meeting.plan().members.len());
            let mut order = progress.order.clone();
            order.sort_unstable();
            prop_assert!(order.iter().copied().eq(0..progress.slots.len()), "order is not a permutation");
            if meeting.choosing() {
                prop_assert!(progress.running_since.is_none(), "the clock runs while choosing");
            }
            if let Some(current) = progress.current {
                let slot = &meeting.plan().slots[current];
                let presenter = meeting.presenter(current);
                prop_assert!(
                    !(slot.skip_speaker && presenter.is_some() && slot.member() == presenter),
                    "the presenter shares on their own presentation"
                );
            }
            let turns = pending_turns(&meeting, now);
            let pool = member_time(&meeting, now);
            let sum: Duration = turns.iter().map(|(_, a)| *a).sum();
            let floors: Vec<Duration> = turns.iter().map(|(i, _)| floor(&meeting, *i)).collect();
            let floor_sum: Duration = floors.iter().sum();
            if let Some(status) = meeting.status(now) {
                if floor_sum < pool {
                    prop_assert_eq!(sum + status.reserve, pool, "allotments and reserve are not the member time");
                } else {
                    for ((slot, allotted), floor) in turns.iter().zip(&floors) {
                        prop_assert_eq!(allotted, floor, "slot {} not at its floor when floors do not fit", slot);
                    }
                }
            }
            for ((slot, allotted), floor) in turns.iter().zip(&floors) {
                prop_assert!(allotted >= floor, "slot {} under its floor: {:?} < {:?}", slot, allotted, floor);
            }
            for pair in turns.windows(2) {
                let (a, b) = (pair[0].0, pair[1].0);
                let slots = &meeting.plan().slots;
                let same_round = b == a + 1 && slots[a].segment == slots[b].segment;
                if same_round && slots[a].planned == slots[b].planned {
                    prop_assert_eq!(pair[0].1, pair[1].1, "unequal shares within a round");
                }
            }
            if let Some(next) = meeting.next_change(now) {
                prop_assert!(next > now && next <= now + Duration::from_secs(1));
            }
        }
    }

    #[test]
    fn on_schedule_every_turn_gets_its_planned_length(agenda in agenda_strategy()) {
        let plan = Plan::build(&agenda, 3);
        let members = plan.members.len();
        let mut now = Duration::from_secs(100);
        let mut meeting = Meeting::start(plan, vec![true; members], now, None, true);
        // A presenter chosen in the room gives up their planned share turn (the plan could not
        // know whose it was): from then on the others share its time, as after an absence.
        let mut exact = true;
        while let Some(status) = meeting.status(now) {
            if meeting.choosing() {
                meeting.apply(Input::ChoosePresenter { member: Some(0) }, now).unwrap();
                exact &= !meeting.progress().slots.iter().any(|s| s.status == SlotStatus::Missed);
                continue;
            }
            if exact {
                prop_assert_eq!(status.allotted, meeting.plan().slots[status.slot].planned);
                prop_assert!((status.factor - 1.0).abs() < 1e-9);
            }
            now += status.allotted;
            meeting.apply(Input::Next, now).unwrap();
        }
        if exact {
            prop_assert_eq!(meeting.finished_at(), Some(meeting.end()));
        }
    }
}
