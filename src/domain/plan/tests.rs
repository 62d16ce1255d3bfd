//! How an agenda unrolls into slots.

use std::time::Duration;

use super::Plan;
use crate::domain::agenda::{Agenda, Order, Phase, PhaseKind, Segment, SegmentKind, Speaker};

const fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn round(name: &str, each: Duration, order: Order) -> Segment {
    Segment {
        name: name.into(),
        kind: SegmentKind::Round { each, order },
        prompt: None,
        warn: None,
    }
}

#[test]
fn spotlight_phases_unroll_with_the_speaker_skipped() {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    agenda.segments = vec![Segment {
        name: "Presentation".into(),
        kind: SegmentKind::Spotlight {
            speaker: Speaker::Member(1),
            phases: vec![
                Phase {
                    name: "Background".into(),
                    kind: PhaseKind::Block { length: min(10) },
                    prompt: None,
                    warn: None,
                },
                Phase {
                    name: "Shares".into(),
                    kind: PhaseKind::Round {
                        each: min(3),
                        skip_speaker: true,
                    },
                    prompt: None,
                    warn: None,
                },
            ],
        },
        prompt: None,
        warn: None,
    }];
    let plan = Plan::build(&agenda, 0);
    let members: Vec<_> = plan.slots.iter().map(super::Slot::member).collect();
    assert_eq!(members, vec![None, Some(0), Some(2)]);
    assert_eq!(plan.slots[1].phase.as_deref(), Some("Shares"));
}

#[test]
fn shuffled_rounds_are_fixed_by_the_seed() {
    let mut agenda = Agenda::new("Forum", &["A", "B", "C", "D", "E", "F", "G", "H"]);
    agenda.segments = vec![round("Updates", min(5), Order::Shuffle)];
    assert_eq!(Plan::build(&agenda, 7), Plan::build(&agenda, 7));
    let mut members: Vec<_> = Plan::build(&agenda, 7)
        .slots
        .iter()
        .filter_map(super::Slot::member)
        .collect();
    members.sort_unstable();
    assert_eq!(members, (0..8).collect::<Vec<_>>());
}

#[test]
fn a_reversed_round_runs_backwards() {
    let mut agenda = Agenda::new("Forum", &["A", "B", "C"]);
    agenda.segments = vec![round("Updates", min(5), Order::Reverse)];
    let members: Vec<_> = Plan::build(&agenda, 0)
        .slots
        .iter()
        .filter_map(super::Slot::member)
        .collect();
    assert_eq!(members, vec![2, 1, 0]);
}

#[test]
fn the_warning_threshold_defaults_to_a_fifth_up_to_a_minute() {
    let mut agenda = Agenda::new("Forum", &["A"]);
    agenda.segments = vec![round("Updates", min(5), Order::Agenda)];
    let slot = &Plan::build(&agenda, 0).slots[0];
    assert_eq!(slot.warn_threshold(min(10)), min(1));
    assert_eq!(slot.warn_threshold(min(2)), Duration::from_secs(24));
}
