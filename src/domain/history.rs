//! Across meetings (SPEC §13), pure: what the meetings kept in a history folder say about each
//! member, where a `rotate` round starts, and who presents `next`. Takes parsed records, sorted
//! oldest first; reading the folder is `crate::history`'s job.

pub mod record;
#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::agenda::{Agenda, Order, SegmentKind, Speaker, same_name};
use super::plan::Picks;
use record::{Kind, Record};

fn position(members: &[String], name: &str) -> Option<usize> {
    members.iter().position(|m| same_name(m, name))
}

/// Where a `rotate` round starts this time, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The seat (index into the agenda's members) to start from; the first present member from
    /// there on, in agenda order, speaks first.
    pub seat: usize,
    /// Who started this round at the newest meeting that had it.
    pub previous: String,
}

/// The rotation of round `segment` over `members`: one seat after whoever started it at the
/// newest meeting in `records` that had it (by segment name). `None` when no meeting had it.
///
/// A previous first speaker who has left the agenda is replaced by the next member of that
/// meeting (in its own order) who is still on it; a member who joined since takes the seat
/// the agenda gives them.
#[must_use]
pub fn rotation(records: &[Record], segment: &str, members: &[String]) -> Option<Rotation> {
    let (record, previous) = records.iter().rev().find_map(|record| {
        record
            .segments
            .iter()
            .filter(|s| s.kind == Kind::Round && same_name(&s.name, segment))
            .find_map(|s| s.turns.first())
            .map(|first| (record, first))
    })?;
    let count = members.len();
    if count == 0 {
        return None;
    }
    let seat = match position(members, previous) {
        Some(index) => (index + 1) % count,
        None => {
            let old: Vec<String> = record.members.iter().map(|m| m.name.clone()).collect();
            let from = position(&old, previous).unwrap_or(0);
            (1..=old.len())
                .filter_map(|step| old.get((from + step) % old.len()))
                .find_map(|name| position(members, name))
                .unwrap_or(0)
        }
    };
    Some(Rotation {
        seat,
        previous: previous.clone(),
    })
}

/// The first present member from `seat` on, in agenda order (wrapping); `seat` when no one is.
#[must_use]
pub fn first_present(seat: usize, present: &[bool]) -> usize {
    let count = present.len();
    (0..count)
        .map(|step| (seat + step) % count)
        .find(|&member| present[member])
        .unwrap_or(seat)
}

/// When `name` last presented (was in a spotlight that took place), if ever.
#[must_use]
pub fn last_presented(records: &[Record], name: &str) -> Option<DateTime<FixedOffset>> {
    records
        .iter()
        .filter(|record| {
            record.segments.iter().any(|s| {
                s.kind == Kind::Spotlight
                    && s.presenter.as_deref().is_some_and(|p| same_name(p, name))
            })
        })
        .map(|record| record.start)
        .max()
}

/// The present member who presented least recently (never counts as longest ago; ties in
/// agenda order), with when they last did. The first member when no one is present.
#[must_use]
pub fn next_presenter(
    records: &[Record],
    members: &[String],
    present: &[bool],
) -> (usize, Option<DateTime<FixedOffset>>) {
    next_presenter_except(records, members, present, &[])
}

/// `next_presenter`, passing over the members in `taken` (already presenting at this
/// meeting) unless no one else is present.
fn next_presenter_except(
    records: &[Record],
    members: &[String],
    present: &[bool],
    taken: &[usize],
) -> (usize, Option<DateTime<FixedOffset>>) {
    let here = |index: usize| present.get(index).copied().unwrap_or(false);
    let free = (0..members.len()).any(|index| here(index) && !taken.contains(&index));
    members
        .iter()
        .enumerate()
        .filter(|(index, _)| here(*index) && !(free && taken.contains(index)))
        .map(|(index, name)| (index, last_presented(records, name)))
        // `None` sorts before any date; `min_by_key` keeps the first of equals.
        .min_by_key(|(_, last)| *last)
        .unwrap_or((0, None))
}

/// What the history decided for one segment, for `plan` and the opening screen to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A `rotate` round starts with `first`; `previous` started it last time (`None`: no
    /// meeting in the history had this round).
    Rotated {
        segment: String,
        first: usize,
        previous: Option<String>,
    },
    /// A `next` spotlight is on `member`, who last presented on `last` (`None`: never).
    Presents {
        segment: String,
        member: usize,
        last: Option<NaiveDate>,
    },
}

/// The picks for `agenda` with these members `present`, and the reasons to show.
#[must_use]
pub fn picks(agenda: &Agenda, records: &[Record], present: &[bool]) -> (Picks, Vec<Why>) {
    let mut seats = vec![None; agenda.segments.len()];
    let mut why = Vec::new();
    let mut taken = Vec::new();
    for (index, segment) in agenda.segments.iter().enumerate() {
        match &segment.kind {
            SegmentKind::Round {
                order: Order::Rotate,
                ..
            } => {
                let rotation = rotation(records, &segment.name, &agenda.members);
                let seat = rotation.as_ref().map_or(0, |r| r.seat);
                seats[index] = Some(seat);
                why.push(Why::Rotated {
                    segment: segment.name.clone(),
                    first: first_present(seat, present),
                    previous: rotation.map(|r| r.previous),
                });
            }
            SegmentKind::Spotlight {
                speaker: Speaker::Next,
                ..
            } => {
                let (member, last) =
                    next_presenter_except(records, &agenda.members, present, &taken);
                taken.push(member);
                seats[index] = Some(member);
                why.push(Why::Presents {
                    segment: segment.name.clone(),
                    member,
                    last: last.map(|at| at.date_naive()),
                });
            }
            _ => {}
        }
    }
    (Picks { seats, id: 0 }, why)
}

/// One member over the meetings kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberTally {
    /// As written at the newest meeting they were in.
    pub name: String,
    /// Meetings they were present at (or spoke in).
    pub meetings: u32,
    pub spoken_seconds: u64,
    pub allotted_seconds: u64,
    /// Rounds they spoke first in, and last in.
    pub first: u32,
    pub last: u32,
    pub presentations: u32,
    pub last_presented: Option<DateTime<FixedOffset>>,
}

/// Every member who appears in `records`: the newest meeting's members in its order, then
/// those only older meetings had, newest first.
#[must_use]
pub fn tally(records: &[Record]) -> Vec<MemberTally> {
    let mut tallies: Vec<MemberTally> = Vec::new();
    for record in records.iter().rev() {
        for member in &record.members {
            if !tallies.iter().any(|t| same_name(&t.name, &member.name)) {
                tallies.push(MemberTally {
                    name: member.name.clone(),
                    meetings: 0,
                    spoken_seconds: 0,
                    allotted_seconds: 0,
                    first: 0,
                    last: 0,
                    presentations: 0,
                    last_presented: None,
                });
            }
        }
    }
    for record in records {
        for member in &record.members {
            let Some(tally) = tallies
                .iter_mut()
                .find(|t| same_name(&t.name, &member.name))
            else {
                continue;
            };
            if member.present || member.turns > 0 {
                tally.meetings += 1;
            }
            tally.spoken_seconds += member.spoken_seconds;
            tally.allotted_seconds += member.allotted_seconds;
        }
        for segment in &record.segments {
            let mut count = |name: Option<&String>, pick: fn(&mut MemberTally) -> &mut u32| {
                if let Some(tally) =
                    name.and_then(|n| tallies.iter_mut().find(|t| same_name(&t.name, n)))
                {
                    *pick(tally) += 1;
                }
            };
            match segment.kind {
                Kind::Round => {
                    count(segment.turns.first(), |t| &mut t.first);
                    count(segment.turns.last(), |t| &mut t.last);
                }
                Kind::Spotlight => {
                    count(segment.presenter.as_ref(), |t| &mut t.presentations);
                    if let Some(tally) = segment
                        .presenter
                        .as_ref()
                        .and_then(|n| tallies.iter_mut().find(|t| same_name(&t.name, n)))
                    {
                        tally.last_presented = tally.last_presented.max(Some(record.start));
                    }
                }
                Kind::Block => {}
            }
        }
    }
    tallies
}

/// The records of meetings that started on or after `date` (their own local date).
#[must_use]
pub fn since(records: &[Record], date: NaiveDate) -> Vec<Record> {
    records
        .iter()
        .filter(|record| record.start.date_naive() >= date)
        .cloned()
        .collect()
}
