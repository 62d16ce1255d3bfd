//! The plan: an agenda unrolled into slots. How the time is shared among them is the
//! allotment rule's (`rule.rs`), which the live meeting, `plan` and `simulate` all reach
//! through `Meeting`, so the screen and the printed schedule can never disagree.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::agenda::{Agenda, Order, PhaseKind, SegmentKind, Speaker};
use super::summary::human;

#[cfg(test)]
mod tests;

/// What a slot is: a fixed block for the whole group, or one member's turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    Block,
    /// A turn of the member at this index of `Plan::members`.
    Turn {
        member: usize,
    },
}

/// One step of the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Index into `Plan::segments`.
    pub segment: usize,
    /// The spotlight phase's name, when the slot belongs to one.
    pub phase: Option<String>,
    pub kind: SlotKind,
    /// A block's fixed length, or a turn's planned `each`.
    pub planned: Duration,
    /// The agenda's warning threshold for this slot, if it sets one.
    pub warn: Option<Duration>,
    pub prompt: Option<String>,
    /// Who is in the spotlight, for every slot of a spotlight segment, as the agenda says;
    /// the meeting knows who was chosen (`Meeting::presenter`).
    pub spotlight: Option<Speaker>,
    /// A turn of a `skip_speaker` phase: it does not take place for the presenter. The
    /// agenda's named presenter has no such turn at all; a presenter chosen in the room has
    /// it set aside when chosen.
    pub skip_speaker: bool,
}

impl Slot {
    /// The round the slot belongs to: its segment and, in a spotlight, its phase.
    #[must_use]
    pub fn round(&self) -> (usize, Option<&str>) {
        (self.segment, self.phase.as_deref())
    }

    /// Whether this and `other` are turns of one round.
    #[must_use]
    pub fn same_round(&self, other: &Slot) -> bool {
        self.kind != SlotKind::Block
            && other.kind != SlotKind::Block
            && self.round() == other.round()
    }

    /// The member whose turn this is, if it is a turn.
    #[must_use]
    pub fn member(&self) -> Option<usize> {
        match self.kind {
            SlotKind::Block => None,
            SlotKind::Turn { member } => Some(member),
        }
    }

    /// The warning threshold for an allotment: the agenda's, or the smaller of 1 min and 20%.
    #[must_use]
    pub fn warn_threshold(&self, allotted: Duration) -> Duration {
        self.warn
            .unwrap_or_else(|| Duration::from_secs(60).min(allotted / 5))
    }
}

/// What the history decided for this meeting (SPEC §13), per segment index: the seat (member
/// index) a `rotate` round starts from, or the member a `speaker = "next"` spotlight is on.
/// Member indices only, so a saved meeting can keep them without keeping names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picks {
    pub seats: Vec<Option<usize>>,
    /// Names this meeting's entry in the history folder; drawn when it starts and kept
    /// through a resume, so a quit meeting resumed later replaces its own entry.
    #[serde(default)]
    pub id: u64,
}

impl Picks {
    /// The pick for segment `index`, if it names one of `members` members.
    #[must_use]
    pub fn seat(&self, index: usize, members: usize) -> Option<usize> {
        self.seats
            .get(index)
            .copied()
            .flatten()
            .filter(|&seat| seat < members)
    }
}

/// The agenda unrolled: every slot for every member, present or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub members: Vec<String>,
    pub segments: Vec<String>,
    pub slots: Vec<Slot>,
    /// The picks the plan was built with; a saved meeting keeps them to rebuild it.
    pub picks: Picks,
}

impl Plan {
    /// Unrolls `agenda` into slots. `seed` fixes the order of shuffled rounds so that a
    /// resumed meeting sees the same order.
    #[must_use]
    pub fn build(agenda: &Agenda, seed: u64) -> Plan {
        Plan::build_with(agenda, seed, &Picks::default())
    }

    /// `build`, with the history's picks: where `rotate` rounds start, who `next` spotlights
    /// are on. Without a pick a rotating round keeps agenda order and `next` is the first
    /// member.
    #[must_use]
    pub fn build_with(agenda: &Agenda, seed: u64, picks: &Picks) -> Plan {
        let members = agenda.members.len();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut slots = Vec::new();
        for (index, segment) in agenda.segments.iter().enumerate() {
            let warn = segment.warn.or(agenda.warn);
            // `next` becomes the member the history picked: nothing after the plan sees it.
            let spotlight = match &segment.kind {
                SegmentKind::Spotlight {
                    speaker: Speaker::Next,
                    ..
                } => Some(Speaker::Member(picks.seat(index, members).unwrap_or(0))),
                SegmentKind::Spotlight { speaker, .. } => Some(*speaker),
                _ => None,
            };
            let slot = |phase: Option<&str>, kind, planned, warn, prompt: Option<&String>| Slot {
                segment: index,
                phase: phase.map(str::to_string),
                kind,
                planned,
                warn,
                prompt: prompt.cloned(),
                spotlight,
                skip_speaker: false,
            };
            match &segment.kind {
                SegmentKind::Block { length } => {
                    slots.push(slot(
                        None,
                        SlotKind::Block,
                        *length,
                        warn,
                        segment.prompt.as_ref(),
                    ));
                }
                SegmentKind::Round { each, order } => {
                    let mut order_of_turns: Vec<usize> = (0..agenda.members.len()).collect();
                    match order {
                        Order::Agenda => {}
                        Order::Reverse => order_of_turns.reverse(),
                        Order::Shuffle => rng.shuffle(&mut order_of_turns),
                        Order::Rotate => {
                            order_of_turns.rotate_left(picks.seat(index, members).unwrap_or(0));
                        }
                    }
                    for member in order_of_turns {
                        let kind = SlotKind::Turn { member };
                        slots.push(slot(None, kind, *each, warn, segment.prompt.as_ref()));
                    }
                }
                SegmentKind::Spotlight { phases, .. } => {
                    for phase in phases {
                        let warn = phase.warn.or(warn);
                        let prompt = phase.prompt.as_ref().or(segment.prompt.as_ref());
                        let name = Some(phase.name.as_str());
                        match phase.kind {
                            PhaseKind::Block { length } => {
                                slots.push(slot(name, SlotKind::Block, length, warn, prompt));
                            }
                            PhaseKind::Round { each, skip_speaker } => {
                                for member in 0..agenda.members.len() {
                                    if skip_speaker
                                        && spotlight.and_then(Speaker::member) == Some(member)
                                    {
                                        continue;
                                    }
                                    let kind = SlotKind::Turn { member };
                                    slots.push(Slot {
                                        skip_speaker,
                                        ..slot(name, kind, each, warn, prompt)
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        Plan {
            members: agenda.members.clone(),
            segments: agenda.segments.iter().map(|s| s.name.clone()).collect(),
            slots,
            picks: picks.clone(),
        }
    }

    /// The name of slot `index`'s segment, with its phase: "Presentation · Shares".
    #[must_use]
    pub fn slot_name(&self, index: usize) -> String {
        let Some(slot) = self.slots.get(index) else {
            return String::new();
        };
        let segment = self.segments.get(slot.segment).map_or("", String::as_str);
        match &slot.phase {
            Some(phase) => format!("{segment} · {phase}"),
            None => segment.to_string(),
        }
    }

    /// One line for each block, round or phase whose warning threshold is not shorter than
    /// its planned length: its clock would show the warning from its first second, so the
    /// warning would say nothing. For `check` and `plan`; the agenda is still valid.
    #[must_use]
    pub fn warnings_from_the_start(&self) -> Vec<String> {
        let mut early: Vec<usize> = (0..self.slots.len())
            .filter(|&index| {
                let slot = &self.slots[index];
                slot.warn.is_some_and(|warn| warn >= slot.planned)
            })
            .collect();
        // A round is one run of slots: said once.
        early.dedup_by(|a, b| self.slots[*a].round() == self.slots[*b].round());
        early
            .into_iter()
            .map(|index| {
                let slot = &self.slots[index];
                let warn = human(slot.warn.unwrap_or_default());
                let planned = human(slot.planned);
                let what = match slot.kind {
                    SlotKind::Block => format!("the {planned} block, so it shows"),
                    SlotKind::Turn { .. } => {
                        format!("each {planned} turn, so every turn shows it")
                    }
                };
                format!(
                    "`{}`: its warning comes {warn} before the end of {what} from its start; \
                     give `warn` less than \"{planned}\"",
                    self.slot_name(index)
                )
            })
            .collect()
    }

    /// The planned length of the whole meeting with these members present: without the
    /// turns a presenter still to be chosen will not take (`set_aside`).
    #[must_use]
    pub fn planned_total(&self, present: &[bool]) -> Duration {
        self.taking_place(present)
            .map(|i| self.slots[i].planned)
            .sum()
    }

    /// The slots that take place with these members present, before any presenter is chosen
    /// in the room: active, and not a presenter's own turn (`set_aside`).
    pub fn taking_place<'a>(&'a self, present: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
        let aside = self.set_aside(0..self.slots.len(), present, |_| false);
        (0..self.slots.len())
            .filter(move |i| is_active(&self.slots[*i], present) && !aside.contains(i))
    }

    /// The member turns that take place with these members present (`taking_place`).
    pub fn turns_taking_place<'a>(
        &'a self,
        present: &'a [bool],
    ) -> impl Iterator<Item = usize> + 'a {
        self.taking_place(present)
            .filter(|&i| self.slots[i].kind != SlotKind::Block)
    }

    /// Turns that will not take place although their member is here. In a `skip_speaker`
    /// phase of a spotlight whose presenter is still to be chosen (`"choose"`, or the named
    /// presenter absent and no choice made, as `chosen` says per segment), one turn is the
    /// presenter's own, whoever it turns out to be: the last active one of the phase in
    /// `order` stands for it, so that the forecast shares the time among the turns that will
    /// happen. Only a forecast: the choice is made before any turn of the spotlight starts.
    #[must_use]
    pub fn set_aside(
        &self,
        order: impl IntoIterator<Item = usize>,
        present: &[bool],
        chosen: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let here = |member: usize| present.get(member).copied().unwrap_or(false);
        let mut aside: Vec<usize> = Vec::new();
        for index in order {
            let Some(slot) = self.slots.get(index) else {
                continue;
            };
            let open = slot.skip_speaker
                && is_active(slot, present)
                && slot
                    .spotlight
                    .is_some_and(|speaker| speaker.member().is_none_or(|m| !here(m)))
                && !chosen(slot.segment);
            if !open {
                continue;
            }
            let same_phase = |&j: &usize| self.slots[j].round() == slot.round();
            match aside.iter().position(same_phase) {
                Some(at) => aside[at] = index,
                None => aside.push(index),
            }
        }
        aside
    }

    /// The member the agenda puts in the spotlight of `slot`'s segment, if it names one.
    #[must_use]
    pub fn presenter(&self, slot: &Slot) -> Option<&str> {
        slot.spotlight
            .and_then(Speaker::member)
            .and_then(|member| self.members.get(member))
            .map(String::as_str)
    }

    /// The planned length of the fixed blocks alone.
    #[must_use]
    pub fn fixed_total(&self) -> Duration {
        self.slots
            .iter()
            .filter(|slot| slot.kind == SlotKind::Block)
            .map(|slot| slot.planned)
            .sum()
    }
}

/// Whether a slot takes place: blocks always, turns only for present members.
#[must_use]
pub fn is_active(slot: &Slot, present: &[bool]) -> bool {
    match slot.kind {
        SlotKind::Block => true,
        SlotKind::Turn { member } => present.get(member).copied().unwrap_or(false),
    }
}
