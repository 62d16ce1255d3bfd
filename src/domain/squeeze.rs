//! Whether a meeting is squeezed before it starts (SPEC §10): turns allotted under half their
//! planned `each` or under 30 s, or fixed blocks that leave members no time at all. `check`,
//! `plan` and the opening screen say so; `plan` refuses a meeting whose turns would all be zero.

use std::time::Duration;

use super::plan::{Plan, SlotKind};
use super::summary::{clock, human};

/// A turn shorter than this is too short to say anything.
pub const SHORTEST_TURN: Duration = Duration::from_secs(30);

/// How a meeting of a given length is squeezed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Squeeze {
    /// Fixed blocks take the whole meeting: every member turn would be `0:00`.
    NoMemberTime {
        /// How much longer the meeting would need to be to hold its plan.
        short: Duration,
        fixed: Duration,
    },
    /// The turns fit, but the shortest is under half its planned length or under 30 s.
    Squeezed {
        /// The slot of the most squeezed turn, its planned `each` and its allotment.
        slot: usize,
        planned: Duration,
        allotted: Duration,
        short: Duration,
    },
}

/// How `plan` with these members present fits in `length`; `None` when it fits well enough.
#[must_use]
pub fn squeeze(plan: &Plan, present: &[bool], length: Duration) -> Option<Squeeze> {
    let fixed = plan.fixed_total();
    let turns: Vec<usize> = plan
        .taking_place(present)
        .filter(|&i| plan.slots[i].kind != SlotKind::Block)
        .collect();
    let weight: Duration = turns.iter().map(|&i| plan.slots[i].planned).sum();
    let short = plan.planned_total(present).saturating_sub(length);
    if weight.is_zero() {
        return None;
    }
    let members = length.saturating_sub(fixed);
    if members.is_zero() {
        return Some(Squeeze::NoMemberTime { short, fixed });
    }
    let allot = |each: Duration| {
        let millis = each.as_millis() * members.as_millis() / weight.as_millis();
        Duration::from_millis(u64::try_from(millis).unwrap_or(u64::MAX))
    };
    turns
        .iter()
        .map(|&i| (i, plan.slots[i].planned, allot(plan.slots[i].planned)))
        .filter(|&(_, planned, allotted)| allotted < planned / 2 || allotted < SHORTEST_TURN)
        .min_by_key(|&(_, _, allotted)| allotted)
        .map(|(slot, planned, allotted)| Squeeze::Squeezed {
            slot,
            planned,
            allotted,
            short,
        })
}

impl Squeeze {
    /// The whole message, for `check` and `plan`.
    #[must_use]
    pub fn describe(&self, plan: &Plan, length: Duration) -> String {
        match *self {
            Squeeze::NoMemberTime { short, fixed } => format!(
                "the fixed blocks take {} of the meeting's {}: every member turn would be 0:00; \
                 the plan needs {} more (give a later end or a longer duration, or shorten a block)",
                human(fixed),
                human(length),
                human(short)
            ),
            Squeeze::Squeezed {
                slot,
                planned,
                allotted,
                short,
            } => {
                let segment = plan
                    .slots
                    .get(slot)
                    .and_then(|s| plan.segments.get(s.segment))
                    .map_or("", String::as_str);
                format!(
                    "squeezed: `{segment}` turns get {} of their planned {}; the meeting is {} \
                     shorter than its plan",
                    clock(allotted),
                    clock(planned),
                    human(short)
                )
            }
        }
    }

    /// A few words for the opening screen.
    #[must_use]
    pub fn brief(&self) -> String {
        match *self {
            Squeeze::NoMemberTime { short, .. } => {
                format!("no time for turns: {} short", human(short))
            }
            Squeeze::Squeezed {
                planned, allotted, ..
            } => format!("squeezed: turns {} of {}", clock(allotted), clock(planned)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind};

    fn plan() -> Plan {
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
        let segment = |name: &str, kind| Segment {
            name: name.into(),
            kind,
            prompt: None,
            warn: None,
        };
        agenda.segments = vec![
            segment(
                "Opening",
                SegmentKind::Block {
                    length: Duration::from_secs(600),
                },
            ),
            segment(
                "Updates",
                SegmentKind::Round {
                    each: Duration::from_secs(600),
                    order: Order::Agenda,
                },
            ),
        ];
        Plan::build(&agenda, 0)
    }

    #[test]
    fn a_meeting_as_planned_is_not_squeezed() {
        assert_eq!(
            squeeze(&plan(), &[true, true], Duration::from_secs(1800)),
            None
        );
        assert_eq!(
            squeeze(&plan(), &[true, true], Duration::from_secs(1200)),
            None
        );
    }

    #[test]
    fn turns_under_half_their_plan_are_squeezed() {
        let squeezed = squeeze(&plan(), &[true, true], Duration::from_secs(1100));
        assert_eq!(
            squeezed,
            Some(Squeeze::Squeezed {
                slot: 1,
                planned: Duration::from_secs(600),
                allotted: Duration::from_secs(250),
                short: Duration::from_secs(700),
            })
        );
    }

    #[test]
    fn a_presenters_own_share_is_not_counted_against_the_others() {
        use crate::domain::agenda::{Phase, PhaseKind, Speaker};
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi", "Dana"]);
        let phase = |name: &str, kind| Phase {
            name: name.into(),
            kind,
            prompt: None,
            warn: None,
        };
        agenda.segments = vec![Segment {
            name: "Spotlight".into(),
            kind: SegmentKind::Spotlight {
                speaker: Speaker::Choose,
                phases: vec![
                    phase(
                        "Story",
                        PhaseKind::Block {
                            length: Duration::from_secs(600),
                        },
                    ),
                    phase(
                        "Shares",
                        PhaseKind::Round {
                            each: Duration::from_secs(300),
                            skip_speaker: true,
                        },
                    ),
                ],
            },
            prompt: None,
            warn: None,
        }];
        let plan = Plan::build(&agenda, 0);
        // 456 s for members: three shares of 152 s, over half their 300 s; four would be 114 s.
        assert_eq!(squeeze(&plan, &[true; 4], Duration::from_secs(1056)), None);
    }

    #[test]
    fn fixed_blocks_that_take_the_meeting_leave_no_member_time() {
        let squeezed = squeeze(&plan(), &[true, true], Duration::from_secs(600));
        assert_eq!(
            squeezed,
            Some(Squeeze::NoMemberTime {
                short: Duration::from_secs(1200),
                fixed: Duration::from_secs(600),
            })
        );
    }
}
