//! Words the screens share: who has the floor, which segment this is, the turn's state.

use crate::domain::meeting::{Countdown, Meeting, Status};
use crate::domain::plan::{Plan, Slot, SlotKind};

use super::theme::Mood;

/// Who has the floor in `slot`: the member, or the block's own name (a spotlight phase such
/// as "Background", else the segment, e.g. "Opening").
#[must_use]
pub fn holder<'a>(plan: &'a Plan, slot: &'a Slot) -> &'a str {
    match slot.kind {
        SlotKind::Turn { member } => plan.members.get(member).map_or("", String::as_str),
        SlotKind::Block => slot
            .phase
            .as_deref()
            .unwrap_or_else(|| segment_name(plan, slot)),
    }
}

/// The name of the slot's segment.
#[must_use]
pub fn segment_name<'a>(plan: &'a Plan, slot: &Slot) -> &'a str {
    plan.segments.get(slot.segment).map_or("", String::as_str)
}

/// Who presents in the spotlight of slot `index`, in words: the member, or that the room is
/// still to choose (SPEC §8); `None` when nobody does.
#[must_use]
pub fn presenter(meeting: &Meeting, index: usize) -> Option<&str> {
    let plan = meeting.plan();
    let waiting = meeting.choosing() && meeting.progress().current == Some(index);
    match meeting.presenter(index) {
        // The agenda's presenter is absent: someone else is about to be chosen.
        Some(_) if waiting => Some(TO_BE_CHOSEN),
        Some(member) => plan.members.get(member).map(String::as_str),
        None if meeting.presenter_open(index) || waiting => Some(TO_BE_CHOSEN),
        None => None,
    }
}

/// What stands for a presenter picked in the room, until they are.
pub const TO_BE_CHOSEN: &str = "to be chosen";

/// The line under the name: segment and phase, with the presenter named in every phase of a
/// spotlight (SPEC §5: "Presentation · Ben"); for a plain block, that it is for everyone.
#[must_use]
pub fn context(plan: &Plan, slot: &Slot, presenter: Option<&str>) -> String {
    let segment = segment_name(plan, slot);
    let presenter = presenter.unwrap_or("everyone");
    match (&slot.phase, slot.kind) {
        (Some(phase), SlotKind::Turn { .. }) => format!("{segment} · {presenter} · {phase}"),
        (Some(_), SlotKind::Block) => format!("{segment} · {presenter}"),
        (None, SlotKind::Turn { .. }) => segment.to_string(),
        (None, SlotKind::Block) => "everyone together".to_string(),
    }
}

/// The turn's state; a pause outranks the countdown.
#[must_use]
pub fn mood(status: &Status) -> Mood {
    match status.countdown {
        _ if status.paused => Mood::Paused,
        Countdown::Running => Mood::Running,
        Countdown::Warning => Mood::Warning,
        Countdown::Time { .. } => Mood::Time,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{context, holder};
    use crate::domain::agenda::{Agenda, Phase, PhaseKind, Segment, SegmentKind, Speaker};
    use crate::domain::plan::Plan;

    #[test]
    fn the_presenter_is_named_in_every_phase_of_a_spotlight() {
        let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
        let phase = |name: &str, kind| Phase {
            name: name.into(),
            kind,
            prompt: None,
            warn: None,
        };
        let minutes = |m: u64| Duration::from_secs(m * 60);
        agenda.segments = vec![Segment {
            name: "Presentation".into(),
            kind: SegmentKind::Spotlight {
                speaker: Speaker::Member(1),
                phases: vec![
                    phase(
                        "Background",
                        PhaseKind::Block {
                            length: minutes(10),
                        },
                    ),
                    phase(
                        "Experience shares",
                        PhaseKind::Round {
                            each: minutes(3),
                            skip_speaker: true,
                        },
                    ),
                ],
            },
            prompt: None,
            warn: None,
        }];
        let plan = Plan::build(&agenda, 0);
        let lines: Vec<(String, String)> = plan
            .slots
            .iter()
            .map(|slot| {
                let presenter = plan.presenter(slot);
                (
                    holder(&plan, slot).to_string(),
                    context(&plan, slot, presenter),
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("Background".into(), "Presentation · Ben".into()),
                (
                    "Ana".into(),
                    "Presentation · Ben · Experience shares".into()
                ),
                (
                    "Chidi".into(),
                    "Presentation · Ben · Experience shares".into()
                ),
            ]
        );
    }
}
