//! The room display's protocol (SPEC §12), on random states and random meetings: every message
//! survives the wire unchanged, and a meeting rebuilt from its room projection reads exactly as
//! the controller's own — countdown, state, standing, "up next" and the next wake-up — so the
//! display's seconds flip on the controller's boundaries.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use forumtimer::domain::agenda::{Agenda, Drift, Order, Segment, SegmentKind};
use forumtimer::domain::meeting::{Input, Meeting, Status};
use forumtimer::domain::plan::Plan;
use forumtimer::room::wire::{Anchor, DecodeError, Message, decode, encode};
use forumtimer::room::{Live, ResetPrompt, RoomComing, RoomRule, RoomSlot, RoomState, Stage};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any script, quotes, backslashes and newlines: the line framing must hold.
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "\\PC{0,12}",
        Just("line\nbreak \"quoted\" \\ back".to_string()),
        Just("Zoë · Ζωή · Зоя · זואי · ゾーイ".to_string()),
    ]
}

fn slot() -> impl Strategy<Value = RoomSlot> {
    (
        0usize..4,
        prop::option::of(text()),
        prop::option::of(0usize..4),
        prop::option::of(0usize..4),
        any::<u64>(),
        prop::option::of(any::<u64>()),
        prop::option::of(text()),
    )
        .prop_map(
            |(segment, phase, member, spotlight, planned_ns, warn_ns, prompt)| RoomSlot {
                segment,
                phase,
                member,
                spotlight,
                planned_ns,
                warn_ns,
                prompt,
                to_be_chosen: false,
            },
        )
}

fn rule() -> impl Strategy<Value = RoomRule> {
    (
        any::<[u64; 3]>(),
        prop::collection::vec(
            (
                0usize..8,
                any::<u64>(),
                any::<u64>(),
                prop::option::of(any::<u64>()),
                any::<bool>(),
            )
                .prop_map(|(slot, each_ns, base_ns, anchor_ns, last_round)| {
                    RoomComing {
                        slot,
                        each_ns,
                        base_ns,
                        anchor_ns,
                        last_round,
                    }
                }),
            0..6,
        ),
    )
        .prop_map(|(habit, coming)| RoomRule { habit, coming })
}

fn live() -> impl Strategy<Value = Live> {
    (
        prop::collection::vec(text(), 0..5),
        prop::collection::vec(text(), 0..5),
        prop::collection::vec(slot(), 0..6),
        (any::<u64>(), any::<u64>(), any::<u64>()),
        (any::<u64>(), any::<u64>(), any::<u64>()),
        (
            prop::option::of(any::<u64>()),
            prop::option::of(any::<u64>()),
        ),
        prop::option::of((0usize..6, prop::option::of(text()))),
        any::<bool>(),
        prop::option::of(rule()),
    )
        .prop_map(
            |(
                names,
                segments,
                slots,
                (end, allotted, banked),
                (start, fixed, members),
                (since, paused),
                reset,
                wrap_up,
                rule,
            )| {
                Live {
                    names,
                    segments,
                    slots,
                    start_ns: start,
                    planned_fixed_ns: fixed,
                    planned_members_ns: members,
                    current_absent: false,
                    end_ns: end,
                    allotted_ns: allotted,
                    banked_ns: banked,
                    running_since_ns: since,
                    paused_since_ns: paused,
                    reset: reset.map(|(drift, prompt)| ResetPrompt {
                        drift: Drift::ALL[drift],
                        prompt,
                    }),
                    wrap_up,
                    choosing: false,
                    rule,
                }
            },
        )
}

fn room_state() -> impl Strategy<Value = RoomState> {
    let stage = prop_oneof![
        (
            prop::option::of(text()),
            prop::collection::vec(text(), 0..4)
        )
            .prop_map(|(purpose, agreements)| Stage::Opening {
                purpose,
                agreements
            }),
        live().prop_map(Stage::Live),
        (any::<u64>(), any::<u64>()).prop_map(|(planned_end_ns, ended_ns)| Stage::Closed {
            planned_end_ns,
            ended_ns
        }),
    ];
    (text(), any::<i64>(), 1u32..3600, stage).prop_map(|(title, origin_ms, speed, stage)| {
        RoomState {
            title,
            origin_ms,
            speed,
            stage,
        }
    })
}

fn round_trip(message: &Message) -> Message {
    let line = encode(message);
    assert!(line.ends_with('\n'));
    assert_eq!(
        line.matches('\n').count(),
        1,
        "one message, one line: {line:?}"
    );
    decode(line.trim_end_matches('\n')).unwrap()
}

fn agenda(members: usize, kinds: Vec<SegmentKind>) -> Agenda {
    let names: Vec<String> = (0..members).map(|i| format!("M{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut agenda = Agenda::new("Forum", &refs);
    agenda.segments = kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Segment {
            name: format!("S{i}"),
            kind,
            prompt: Some(format!("prompt {i}")),
            warn: (i % 2 == 0).then(|| Duration::from_secs(30)),
        })
        .collect();
    agenda
}

fn agenda_strategy() -> impl Strategy<Value = Agenda> {
    let segment = prop_oneof![
        (1u64..600).prop_map(|s| SegmentKind::Block {
            length: Duration::from_secs(s * 5)
        }),
        (1u64..120, 0..3u8).prop_map(|(s, o)| SegmentKind::Round {
            each: Duration::from_secs(s * 5),
            order: [Order::Agenda, Order::Reverse, Order::Shuffle][usize::from(o)],
        }),
    ];
    (1usize..8, prop::collection::vec(segment, 1..5))
        .prop_map(|(members, kinds)| agenda(members, kinds))
}

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    Act(Input),
}

fn step_strategy(members: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u64..900_000).prop_map(Step::Advance),
        3 => Just(Step::Act(Input::Next)),
        1 => Just(Step::Act(Input::Skip)),
        1 => Just(Step::Act(Input::Back)),
        1 => Just(Step::Act(Input::Undo)),
        1 => Just(Step::Act(Input::TogglePause)),
        1 => Just(Step::Act(Input::MoreTime)),
        1 => Just(Step::Act(Input::LessTime)),
        1 => Just(Step::Act(Input::WrapUp)),
        1 => Just(Step::Act(Input::OpenReset)),
        1 => Just(Step::Act(Input::CloseReset(Drift::Debate))),
        1 => Just(Step::Act(Input::ChooseDrift(Drift::Emotion))),
        1 => (0..members, any::<bool>())
            .prop_map(|(member, present)| Step::Act(Input::SetPresent { member, present })),
        // Turns moved within their round (late arrivals, later pass-for-now): the room's
        // order is the meeting's.
        1 => (0..members * 4, 0..members * 4)
            .prop_map(|(slot, to)| Step::Act(Input::MoveTurn { slot, to })),
        1 => (0..members * 4).prop_map(|slot| Step::Act(Input::SpeakNext { slot })),
        1 => Just(Step::Act(Input::PassForNow)),
        1 => Just(Step::Act(Input::AddGuest)),
    ]
}

fn scenario() -> impl Strategy<Value = (Agenda, Option<u64>, Vec<Step>, Vec<u64>)> {
    agenda_strategy().prop_flat_map(|agenda| {
        let members = agenda.members.len();
        (
            Just(agenda),
            prop::option::of(0u64..20_000),
            prop::collection::vec(step_strategy(members), 0..40),
            prop::collection::vec(0u64..4_000_000, 1..4),
        )
    })
}

/// A status without the slot's index, which the projection renumbers.
fn reading(status: Option<Status>) -> Option<Status> {
    status.map(|status| Status { slot: 0, ..status })
}

/// What the room reads at one instant: the countdown and standing, the schedule (who, when,
/// how long), when the screen next changes, the cue and the open reset's drift.
type Reading = (
    Option<Status>,
    Vec<(String, Duration, Duration)>,
    Option<Duration>,
    bool,
    Option<Drift>,
);

/// What the room reads of `meeting` at `at`.
fn room_reading(meeting: &Meeting, at: Duration) -> Reading {
    let plan = meeting.plan();
    let schedule = meeting
        .schedule(at)
        .map(|s| {
            let slot = &plan.slots[s.slot];
            let who = slot.member().map_or_else(
                || plan.segments[slot.segment].clone(),
                |m| plan.members[m].clone(),
            );
            (who, s.start, s.length)
        })
        .collect();
    (
        reading(meeting.status(at)),
        schedule,
        meeting.next_change(at),
        meeting.wrapping_up(),
        meeting.reset_drift(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn every_message_survives_the_wire(room in room_state(), meeting_ns in any::<u64>(), machine_ns in any::<u64>()) {
        let message = Message::Room { anchor: Anchor { meeting_ns, machine_ns }, room: Box::new(room) };
        prop_assert_eq!(round_trip(&message), message);
        prop_assert_eq!(round_trip(&Message::Bye), Message::Bye);
    }

    #[test]
    fn the_room_reads_the_meeting_as_the_controller_does((agenda, end, steps, later) in scenario()) {
        let plan = Plan::build(&agenda, 7);
        let members = plan.members.len();
        let mut now = Duration::from_millis(1234);
        let end = end.map(|s| now + Duration::from_secs(s));
        let mut meeting = Meeting::start(plan, vec![true; members], now, end, true);
        for step in steps {
            match step {
                Step::Advance(ms) => now += Duration::from_micros(ms * 1000 + 1),
                Step::Act(input) => { let _ = meeting.apply(input, now); }
            }
            let Some(live) = Live::of(&meeting, &Default::default()) else {
                prop_assert!(meeting.status(now).is_none());
                continue;
            };
            let message = Message::Room {
                anchor: Anchor { meeting_ns: 0, machine_ns: 0 },
                room: Box::new(RoomState { title: "Forum".into(), origin_ms: 0, speed: 1, stage: Stage::Live(live) }),
            };
            let Message::Room { room, .. } = round_trip(&message) else {
                return Err(TestCaseError::fail("not a room message"));
            };
            let Stage::Live(live) = room.stage else {
                return Err(TestCaseError::fail("not live"));
            };
            let rebuilt = live.meeting().expect("a projection holds together");
            for offset in std::iter::once(0).chain(later.iter().copied()) {
                let at = now + Duration::from_millis(offset);
                prop_assert_eq!(room_reading(&rebuilt, at), room_reading(&meeting, at));
            }
        }
    }
}

#[test]
fn another_protocol_version_is_named_not_misread() {
    let line = encode(&Message::Bye).replace("\"v\":1", "\"v\":2");
    assert_eq!(decode(line.trim_end()), Err(DecodeError::Version(2)));
    assert_eq!(decode("not json"), Err(DecodeError::Malformed));
    assert_eq!(
        decode("{\"v\":1,\"type\":\"dance\"}"),
        Err(DecodeError::Malformed)
    );
}

#[test]
fn the_projection_names_no_absent_member_and_no_time_already_spoken() {
    let plan = Plan::build(
        &agenda(
            3,
            vec![SegmentKind::Round {
                each: Duration::from_secs(300),
                order: Order::Agenda,
            }],
        ),
        0,
    );
    let start = Duration::from_secs(60);
    let mut meeting = Meeting::start(plan, vec![true, true, false], start, None, true);
    // M0 speaks 7 minutes (over by 2), then M1 has the floor.
    meeting
        .apply(Input::Next, start + Duration::from_secs(420))
        .unwrap();
    let live = Live::of(&meeting, &Default::default()).unwrap();
    let json = encode(&Message::Room {
        anchor: Anchor::at(Duration::ZERO),
        room: Box::new(RoomState {
            title: "Forum".into(),
            origin_ms: 0,
            speed: 1,
            stage: Stage::Live(live.clone()),
        }),
    });
    assert_eq!(live.names, vec!["M1".to_string()]);
    assert!(
        !json.contains("M0"),
        "the speaker before is not in the room state: {json}"
    );
    assert!(
        !json.contains("M2"),
        "an absent member is not in the room state: {json}"
    );
    assert!(
        !json.contains(&Duration::from_secs(420).as_nanos().to_string()),
        "no time already spoken: {json}"
    );
}
