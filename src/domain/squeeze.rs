//! Whether a meeting is squeezed before it starts (SPEC §10): turns allotted under half their
//! planned `each` or under 30 s, or members left (next to) no time at all; or, with no member
//! turn to take it, time that no slot uses. `check`, `plan` and the opening screen say so;
//! `plan` refuses a meeting whose turns would print `0:00`.

use std::time::Duration;

use super::plan::Plan;
use super::summary::{clock, human, rounded_secs};

/// A turn shorter than this is too short to say anything.
pub const SHORTEST_TURN: Duration = Duration::from_secs(30);

/// How a meeting of a given length is squeezed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Squeeze {
    /// Members have (next to) no time: some member turn would be allotted under half a
    /// second, which every list of lengths prints as `0:00` (SPEC §4: nobody is allotted
    /// `0:00` while there is time for members, so a plan that would is refused).
    NoMemberTime {
        fixed: Duration,
        /// What the fixed blocks leave for the turns, and how many turns share it.
        members: Duration,
        turns: usize,
        /// How many of those turns would print `0:00`.
        zero: usize,
        /// How much longer the meeting must be for no turn to be squeezed.
        needed: Duration,
        /// How much shorter it is than its plan.
        short: Duration,
    },
    /// The turns fit, but some round's turns get under half their planned length or under
    /// 30 s.
    Squeezed {
        /// Every squeezed round, in agenda order.
        rounds: Vec<Round>,
        short: Duration,
    },
    /// No member turn takes place, so nothing takes the time the fixed blocks leave: the
    /// meeting ends early instead of on time (SPEC §4 shares it among turns, and there are none).
    Unused {
        /// The time in no slot.
        unused: Duration,
        /// When the last slot ends, from the start.
        ends: Duration,
    },
}

/// A round whose turns are squeezed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Its first turn's slot: it names the round.
    pub slot: usize,
    /// Its planned `each`, and its smallest allotment.
    pub planned: Duration,
    pub allotted: Duration,
}

/// How `plan` with these members present fits in `length`; `None` when it fits well enough.
#[must_use]
pub fn squeeze(plan: &Plan, present: &[bool], length: Duration) -> Option<Squeeze> {
    let fixed = plan.fixed_total();
    let turns: Vec<usize> = plan.turns_taking_place(present).collect();
    let weight: Duration = turns.iter().map(|&i| plan.slots[i].planned).sum();
    let short = plan.planned_total(present).saturating_sub(length);
    if weight.is_zero() {
        let ends = plan.planned_total(present);
        let unused = length.saturating_sub(ends);
        // Not a fraction of a second of a deadline read from the clock: nobody would miss it.
        return (unused.as_secs() > 0).then_some(Squeeze::Unused { unused, ends });
    }
    let members = length.saturating_sub(fixed);
    // The first formula, to the millisecond, as the rule allots at an on-time start.
    let allot = |each: Duration| {
        Duration::from_millis(mul_div(
            each.as_millis(),
            members.as_millis(),
            weight.as_millis(),
        ))
    };
    let zero = turns
        .iter()
        .filter(|&&i| rounded_secs(allot(plan.slots[i].planned)) == 0)
        .count();
    if zero > 0 {
        let enough = fixed + members_needed(plan, &turns, weight);
        return Some(Squeeze::NoMemberTime {
            fixed,
            members,
            turns: turns.len(),
            zero,
            needed: whole_seconds_up(enough.saturating_sub(length)),
            short,
        });
    }
    let mut rounds: Vec<Round> = Vec::new();
    for &i in &turns {
        let planned = plan.slots[i].planned;
        let allotted = allot(planned);
        if allotted >= least(planned) {
            continue;
        }
        let same_round = |round: &&mut Round| plan.slots[round.slot].same_round(&plan.slots[i]);
        match rounds.iter_mut().find(same_round) {
            Some(round) => round.allotted = round.allotted.min(allotted),
            None => rounds.push(Round {
                slot: i,
                planned,
                allotted,
            }),
        }
    }
    (!rounds.is_empty()).then_some(Squeeze::Squeezed { rounds, short })
}

/// The least a turn planned at `each` may get without being squeezed.
fn least(each: Duration) -> Duration {
    (each / 2).max(SHORTEST_TURN)
}

/// The member time at which no turn is squeezed: the turn that needs the largest share of
/// the weight to reach its least sets it.
fn members_needed(plan: &Plan, turns: &[usize], weight: Duration) -> Duration {
    let needed = turns
        .iter()
        .map(|&i| {
            let each = plan.slots[i].planned.as_millis().max(1);
            (least(plan.slots[i].planned).as_millis() * weight.as_millis()).div_ceil(each)
        })
        .max()
        .unwrap_or(0);
    Duration::from_millis(u64::try_from(needed).unwrap_or(u64::MAX))
}

fn mul_div(a: u128, b: u128, c: u128) -> u64 {
    u64::try_from(a * b / c.max(1)).unwrap_or(u64::MAX)
}

/// Rounded up: "must be 45m 29s longer" is then enough, never a fraction short.
fn whole_seconds_up(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0))
}

impl Squeeze {
    /// Whether `plan` refuses the meeting (SPEC §10), not only warns.
    #[must_use]
    pub fn is_error(&self) -> bool {
        matches!(self, Squeeze::NoMemberTime { .. })
    }

    /// When the meeting ends, from its start, if that is before its end.
    #[must_use]
    pub fn ends_early(&self) -> Option<Duration> {
        match self {
            Squeeze::Unused { ends, .. } => Some(*ends),
            _ => None,
        }
    }

    /// The whole message, on one line, for `check` and `plan`. `when` says a moment of the
    /// meeting, given from its start: as a time of day where the start is known.
    #[must_use]
    pub fn describe(
        &self,
        plan: &Plan,
        length: Duration,
        when: &dyn Fn(Duration) -> String,
    ) -> String {
        match self {
            Squeeze::NoMemberTime {
                fixed,
                members,
                turns,
                zero,
                needed,
                short,
            } => format!(
                "members have {}no time: the fixed blocks take {} of the meeting's {}, leaving \
                 {} for {turns} turns, {} of them 0:00; the meeting must be {} longer to give \
                 every turn at least 30 s and half its planned length (it is {} shorter than \
                 its plan)",
                if members.is_zero() { "" } else { "next to " },
                human(*fixed),
                human(length),
                human(*members),
                if zero == turns {
                    "all".to_string()
                } else {
                    zero.to_string()
                },
                human(*needed),
                human(*short)
            ),
            Squeeze::Squeezed { rounds, short } => {
                let rounds: Vec<String> = rounds
                    .iter()
                    .map(|round| {
                        format!(
                            "`{}` turns get {} of their planned {}",
                            plan.slot_name(round.slot),
                            clock(round.allotted),
                            clock(round.planned)
                        )
                    })
                    .collect();
                format!(
                    "squeezed: {}; the meeting is {} shorter than its plan",
                    rounds.join(", "),
                    human(*short)
                )
            }
            Squeeze::Unused { unused, ends } => format!(
                "{} of the meeting's {} is in no slot: with no member turn to take it, the \
                 meeting will end early, {}",
                human(*unused),
                human(length),
                when(*ends)
            ),
        }
    }

    /// A few words for the opening screen; `when` as for `describe`.
    #[must_use]
    pub fn brief(&self, when: &dyn Fn(Duration) -> String) -> String {
        match self {
            Squeeze::NoMemberTime { needed, .. } => {
                format!("no time for turns: needs {} more", human(*needed))
            }
            Squeeze::Squeezed { rounds, .. } => {
                let Some(worst) = rounds.iter().min_by_key(|round| round.allotted) else {
                    return String::new();
                };
                let (allotted, planned) = (clock(worst.allotted), clock(worst.planned));
                if rounds.len() == 1 {
                    format!("squeezed: turns {allotted} of {planned}")
                } else {
                    let n = rounds.len();
                    format!("squeezed: {n} rounds, turns down to {allotted} of {planned}")
                }
            }
            Squeeze::Unused { unused, ends } => {
                format!("{} unused: ends early, {}", human(*unused), when(*ends))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind, Speaker};

    /// A spotlight of a 10-minute block (`talk`) and shares of 5 minutes, `speaker` presenting.
    fn spotlight(members: &[&str], speaker: Speaker, talk: &str) -> Plan {
        use crate::domain::agenda::{Phase, PhaseKind};
        let phase = |name: &str, kind| Phase {
            name: name.into(),
            kind,
            prompt: None,
            warn: None,
        };
        let mut agenda = Agenda::new("Forum", members);
        agenda.segments = vec![Segment {
            name: "Spotlight".into(),
            kind: SegmentKind::Spotlight {
                speaker,
                phases: vec![
                    phase(
                        talk,
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
        Plan::build(&agenda, 0)
    }

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

    /// How `check` says a moment of a meeting whose start it does not know.
    fn after(at: Duration) -> String {
        format!("{} after it starts", human(at))
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
                rounds: vec![Round {
                    slot: 1,
                    planned: Duration::from_secs(600),
                    allotted: Duration::from_secs(250),
                }],
                short: Duration::from_secs(700),
            })
        );
    }

    #[test]
    fn a_presenters_own_share_is_not_counted_against_the_others() {
        let plan = spotlight(&["Ana", "Ben", "Chidi", "Dana"], Speaker::Choose, "Story");
        // 456 s for members: three shares of 152 s, over half their 300 s; four would be 114 s.
        assert_eq!(squeeze(&plan, &[true; 4], Duration::from_secs(1056)), None);
    }

    #[test]
    fn fixed_blocks_that_take_the_meeting_leave_no_member_time() {
        let squeezed = squeeze(&plan(), &[true, true], Duration::from_secs(600));
        assert_eq!(
            squeezed,
            Some(Squeeze::NoMemberTime {
                fixed: Duration::from_secs(600),
                members: Duration::ZERO,
                turns: 2,
                zero: 2,
                // Two turns of 10m need half of it each beside the 10m opening: 20m in all.
                needed: Duration::from_secs(600),
                short: Duration::from_secs(1200),
            })
        );
    }

    #[test]
    fn turns_that_would_print_0_00_leave_members_next_to_no_time() {
        // 0.9 s for two turns: 0.45 s each, printed 0:00.
        let length = Duration::from_millis(600_900);
        let squeezed = squeeze(&plan(), &[true, true], length);
        assert_eq!(
            squeezed,
            Some(Squeeze::NoMemberTime {
                fixed: Duration::from_secs(600),
                members: Duration::from_millis(900),
                turns: 2,
                zero: 2,
                // 599.1 s, rounded up so that it is enough.
                needed: Duration::from_secs(600),
                short: Duration::from_millis(1_199_100),
            })
        );
        let message = squeezed.unwrap().describe(&plan(), length, &after);
        assert!(
            message.contains("must be 10m longer to give every turn at least 30 s"),
            "{message}"
        );
    }

    fn round(name: &str, each: u64) -> Segment {
        Segment {
            name: name.into(),
            kind: SegmentKind::Round {
                each: Duration::from_secs(each),
                order: Order::Agenda,
            },
            prompt: None,
            warn: None,
        }
    }

    /// `plan()` with a closing round of `each` seconds after its updates.
    fn plan_with_closing(each: u64) -> Plan {
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
        let mut segments = vec![
            Segment {
                name: "Opening".into(),
                kind: SegmentKind::Block {
                    length: Duration::from_secs(600),
                },
                prompt: None,
                warn: None,
            },
            round("Updates", 600),
        ];
        segments.push(round("Closing", each));
        agenda.segments = segments;
        Plan::build(&agenda, 0)
    }

    #[test]
    fn one_round_at_0_00_is_enough_to_leave_members_no_time() {
        // 1.5 s shared by 2 × 600 s and 2 × 60 s planned: updates 0:01, closing 0:00.
        let plan = plan_with_closing(60);
        let squeezed = squeeze(&plan, &[true, true], Duration::from_millis(601_500));
        let Some(Squeeze::NoMemberTime {
            turns,
            zero,
            needed,
            ..
        }) = squeezed
        else {
            panic!("{squeezed:?}");
        };
        assert_eq!((turns, zero), (4, 2));
        // Half of 1320 s planned for the turns, beside the 600 s opening: 1260 s − 601.5 s.
        assert_eq!(needed, Duration::from_secs(659));
    }

    #[test]
    fn every_squeezed_round_is_named() {
        // 360 s for the 1440 s planned: every turn gets a quarter of its plan.
        let plan = plan_with_closing(120);
        let length = Duration::from_secs(960);
        let squeezed = squeeze(&plan, &[true, true], length);
        assert_eq!(
            squeezed,
            Some(Squeeze::Squeezed {
                rounds: vec![
                    Round {
                        slot: 1,
                        planned: Duration::from_secs(600),
                        allotted: Duration::from_secs(150),
                    },
                    Round {
                        slot: 3,
                        planned: Duration::from_secs(120),
                        allotted: Duration::from_secs(30),
                    },
                ],
                short: Duration::from_secs(1080),
            })
        );
        let squeezed = squeezed.unwrap();
        let message = squeezed.describe(&plan, length, &after);
        assert!(
            message.contains(
                "`Updates` turns get 2:30 of their planned 10:00, `Closing` turns get 0:30 of \
                 their planned 2:00"
            ),
            "{message}"
        );
        assert_eq!(
            squeezed.brief(&after),
            "squeezed: 2 rounds, turns down to 0:30 of 2:00"
        );
    }

    #[test]
    fn with_nobody_present_the_time_the_blocks_leave_is_unused() {
        let length = Duration::from_secs(1800);
        let squeezed = squeeze(&plan(), &[false, false], length);
        assert_eq!(
            squeezed,
            Some(Squeeze::Unused {
                unused: Duration::from_secs(1200),
                ends: Duration::from_secs(600),
            })
        );
        let squeezed = squeezed.unwrap();
        assert_eq!(squeezed.ends_early(), Some(Duration::from_secs(600)));
        assert_eq!(
            squeezed.describe(&plan(), length, &after),
            "20m of the meeting's 30m is in no slot: with no member turn to take it, the \
             meeting will end early, 10m after it starts"
        );
        assert_eq!(
            squeezed.brief(&after),
            "20m unused: ends early, 10m after it starts"
        );
        // Blocks that fill the meeting leave nothing unused.
        assert_eq!(
            squeeze(&plan(), &[false, false], Duration::from_secs(600)),
            None
        );
    }

    #[test]
    fn a_spotlight_on_the_only_member_has_no_turn_to_take_the_rest() {
        let plan = spotlight(&["Ana"], Speaker::Member(0), "Talk");
        assert_eq!(
            squeeze(&plan, &[true], Duration::from_secs(3600)),
            Some(Squeeze::Unused {
                unused: Duration::from_secs(3000),
                ends: Duration::from_secs(600),
            })
        );
    }
}
