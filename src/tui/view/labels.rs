//! Words the screens share: who has the floor, which segment this is, the turn's state.

use crate::domain::meeting::{Phase, Status};
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

/// The line under the name: segment and phase; for a plain block, that it is for everyone.
#[must_use]
pub fn context(plan: &Plan, slot: &Slot) -> String {
    let segment = segment_name(plan, slot);
    match (&slot.phase, slot.kind) {
        (Some(phase), SlotKind::Turn { .. }) => format!("{segment} · {phase}"),
        (Some(_), SlotKind::Block) => format!("{segment} · everyone"),
        (None, SlotKind::Turn { .. }) => segment.to_string(),
        (None, SlotKind::Block) => "everyone together".to_string(),
    }
}

/// The turn's state; a pause outranks the countdown's phase.
#[must_use]
pub fn mood(status: &Status) -> Mood {
    match status.phase {
        _ if status.paused => Mood::Paused,
        Phase::Running => Mood::Running,
        Phase::Warning => Mood::Warning,
        Phase::Time { .. } => Mood::Time,
    }
}
