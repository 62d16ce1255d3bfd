//! The meeting summary: planned vs actual time per member and per segment, room resets by
//! kind, and the end against the planned end (SPEC §8).
//!
//! Pure arithmetic over a `Meeting` at an instant; the screen (`summary_view`) and the
//! `--report` writer (`report`) both read this one struct, so they cannot disagree.

use std::cmp::Ordering;
use std::time::Duration;

use super::meeting::{Meeting, SlotStatus};
use super::plan::SlotKind;

/// One member's timing over the whole meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSummary {
    /// The name on screen: a guest's as typed in the room.
    pub name: String,
    /// A guest's number (0 for "Guest 1"), whose name never leaves the screen.
    pub guest: Option<usize>,
    /// Whether the member was marked present when the summary was taken.
    pub present: bool,
    /// Time spoken over all of the member's turns, including a turn cut short by a pass.
    pub spoken: Duration,
    /// Frozen allotments of the turns that started. A passed turn counts only the time used
    /// before the pass: the rest went to the others, so it is not held against the member.
    pub allotted: Duration,
    /// Turns that started, passed ones included.
    pub turns: u32,
    /// Turns the member passed (`s`).
    pub passed: u32,
}

impl MemberSummary {
    /// The name a report gives: the agenda's, or "Guest 1" for a guest.
    #[must_use]
    pub fn reported_name(&self) -> std::borrow::Cow<'_, str> {
        match self.guest {
            Some(number) => super::meeting::guest_label(number).into(),
            None => self.name.as_str().into(),
        }
    }

    /// Spoken minus allotted, in whole milliseconds: positive when over.
    #[must_use]
    pub fn balance_millis(&self) -> i64 {
        millis(self.spoken) - millis(self.allotted)
    }
}

/// One segment's planned and actual length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSummary {
    pub name: String,
    /// The segment's slots in this meeting's plan (`Meeting::planned`): the blocks, and the
    /// turns that took place or were still due at their start-time allotment, which shares
    /// the time from the start to the planned end. In whole seconds, as `plan --members`
    /// prints them for the same members and end; the segments add up to the meeting.
    pub planned: Duration,
    /// Time actually spent in the segment's slots.
    pub actual: Duration,
    pub shape: Shape,
    /// The members whose turns started (passed ones included), in the order of the plan: who
    /// spoke first and last, for the history (SPEC §13).
    pub turns: Vec<usize>,
    /// The member in the spotlight, if this is a spotlight and any of its slots started.
    pub presenter: Option<usize>,
}

/// What a segment was, as the history needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// A fixed block.
    #[default]
    Block,
    /// A round of member turns.
    Round,
    /// A spotlight on one member.
    Spotlight,
}

/// Everything the summary screen and the report show. Times are on the meeting clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Members in agenda order.
    pub members: Vec<MemberSummary>,
    /// Segments in agenda order.
    pub segments: Vec<SegmentSummary>,
    /// Room resets by `Drift::index`.
    pub resets: [u32; 6],
    /// Wrap-up cues given (`w`): a count only.
    pub wrap_ups: u32,
    pub start: Duration,
    pub planned_end: Duration,
    /// When the meeting finished, or the instant of the summary if it has not.
    pub actual_end: Duration,
    /// False when the summary was taken of a meeting still in progress.
    pub finished: bool,
    /// The meeting was ended by a confirmed quit before its last slot was done.
    pub ended_early: bool,
}

impl Summary {
    /// Summarises `meeting` as it stands at `now` (finished or not).
    #[must_use]
    pub fn of(meeting: &Meeting, now: Duration) -> Summary {
        let plan = meeting.plan();
        let progress = meeting.progress();
        let mut members: Vec<MemberSummary> = plan
            .members
            .iter()
            .enumerate()
            .map(|(index, name)| MemberSummary {
                name: name.clone(),
                guest: meeting.guest_number(index),
                present: meeting.is_present(index),
                spoken: Duration::ZERO,
                allotted: Duration::ZERO,
                turns: 0,
                passed: 0,
            })
            .collect();
        let mut segments: Vec<SegmentSummary> = plan
            .segments
            .iter()
            .map(|name| SegmentSummary {
                name: name.clone(),
                planned: Duration::ZERO,
                actual: Duration::ZERO,
                shape: Shape::Block,
                turns: Vec::new(),
                presenter: None,
            })
            .collect();
        // In the order the turns took place, so a round's turns list (and, across meetings,
        // who spoke first and last) follows moves, late arrivals and guests.
        for &index in meeting.order() {
            let (Some(slot), Some(timing)) = (plan.slots.get(index), progress.slots.get(index))
            else {
                continue;
            };
            let elapsed = meeting.elapsed(index, now);
            let started = matches!(
                timing.status,
                SlotStatus::Current | SlotStatus::Done | SlotStatus::Passed
            );
            if let Some(segment) = segments.get_mut(slot.segment) {
                segment.actual += elapsed;
                match (slot.spotlight, slot.kind) {
                    (Some(_), _) => {
                        segment.shape = Shape::Spotlight;
                        if started {
                            // The member the agenda named, the history picked or the room chose.
                            segment.presenter = meeting.presenter(index).or(segment.presenter);
                        }
                    }
                    (None, SlotKind::Turn { .. }) => segment.shape = Shape::Round,
                    (None, SlotKind::Block) => {}
                }
                if let (true, SlotKind::Turn { member }) = (started, slot.kind) {
                    segment.turns.push(member);
                }
            }
            let SlotKind::Turn { member } = slot.kind else {
                continue;
            };
            let Some(member) = members.get_mut(member) else {
                continue;
            };
            member.spoken += elapsed;
            match timing.status {
                // Passed for now and not back yet (the meeting ended first, or the member
                // left): the time spoken counts as its own allotment, as before a pass.
                SlotStatus::Pending | SlotStatus::Missed if timing.deferred => {
                    member.turns += 1;
                    member.allotted += elapsed;
                }
                SlotStatus::Pending | SlotStatus::Missed => {}
                SlotStatus::Passed => {
                    member.turns += 1;
                    member.passed += 1;
                    member.allotted += elapsed.min(timing.allotted.unwrap_or_default());
                }
                SlotStatus::Current | SlotStatus::Done => {
                    member.turns += 1;
                    member.allotted += timing.allotted.unwrap_or_default();
                }
            }
        }
        // The plan as `plan --members` prints it for those who took part and this end.
        for printed in meeting.planned() {
            let segment = plan.slots.get(printed.slot).map(|slot| slot.segment);
            if let Some(segment) = segment.and_then(|segment| segments.get_mut(segment)) {
                segment.planned += Duration::from_secs(printed.seconds);
            }
        }
        let finished_at = meeting.finished_at();
        Summary {
            members,
            segments,
            resets: meeting.resets(),
            wrap_ups: meeting.wrap_ups(),
            start: meeting.started_at(),
            planned_end: meeting.end(),
            actual_end: finished_at.unwrap_or(now),
            finished: finished_at.is_some(),
            ended_early: progress.ended_early,
        }
    }

    /// How the actual end compares with the planned end, and by how much.
    #[must_use]
    pub fn end_difference(&self) -> (Ordering, Duration) {
        match self.actual_end.cmp(&self.planned_end) {
            Ordering::Greater => (
                Ordering::Greater,
                self.actual_end.saturating_sub(self.planned_end),
            ),
            Ordering::Less => (
                Ordering::Less,
                self.planned_end.saturating_sub(self.actual_end),
            ),
            Ordering::Equal => (Ordering::Equal, Duration::ZERO),
        }
    }

    /// Total room resets of every kind.
    #[must_use]
    pub fn total_resets(&self) -> u32 {
        self.resets.iter().sum()
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Whole seconds, rounded to the nearest: a summary reads better than a truncated clock.
#[must_use]
pub fn rounded_secs(d: Duration) -> u64 {
    (d + Duration::from_millis(500)).as_secs()
}

/// `m:ss`, or `h:mm:ss` from one hour, rounded to the nearest second.
#[must_use]
pub fn clock(d: Duration) -> String {
    clock_secs(rounded_secs(d))
}

/// A duration the way people write it: "3h 10m", "45s", "1h 5m 30s".
#[must_use]
pub fn human(duration: Duration) -> String {
    let total = duration.as_secs();
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(format!("{hours}h"));
    }
    if minutes > 0 {
        parts.push(format!("{minutes}m"));
    }
    if seconds > 0 || parts.is_empty() {
        parts.push(format!("{seconds}s"));
    }
    parts.join(" ")
}

/// Whole seconds as `m:ss`, or `h:mm:ss` from one hour up: how every time span is shown.
#[must_use]
pub fn clock_secs(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A signed balance like `+1:20` or `-0:30` (with `minus` as the sign); `0:00` when even.
#[must_use]
pub fn signed_clock(balance_millis: i64, minus: &str) -> String {
    let magnitude = Duration::from_millis(balance_millis.unsigned_abs());
    let text = clock(magnitude);
    match (balance_millis.signum(), rounded_secs(magnitude)) {
        (_, 0) | (0, _) => text,
        (1, _) => format!("+{text}"),
        _ => format!("{minus}{text}"),
    }
}

/// A length in words for the end line: "4 min", "1 h 5 min", "less than a minute".
#[must_use]
pub fn minutes_in_words(d: Duration) -> String {
    let minutes = (d + Duration::from_secs(30)).as_secs() / 60;
    match (minutes / 60, minutes % 60) {
        (0, 0) => "less than a minute".to_string(),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A length in words to the second under a minute ("7 s"), else as `minutes_in_words`: what
/// a rehearsal's few real seconds need, which "less than a minute" would hide.
#[must_use]
pub fn length_in_words(d: Duration) -> String {
    match rounded_secs(d) {
        0 => "less than a second".to_string(),
        secs @ 1..60 => format!("{secs} s"),
        _ => minutes_in_words(d),
    }
}

/// The end line: "ended 21:04, 4 min after the planned 21:00". Times come formatted, so the
/// core stays free of wall clocks.
#[must_use]
pub fn end_sentence(summary: &Summary, actual: &str, planned: &str) -> String {
    let verb = if summary.finished { "ended" } else { "stopped" };
    let (order, by) = summary.end_difference();
    if minutes_in_words(by) == "less than a minute" {
        return format!("{verb} {actual}, on the planned end {planned}");
    }
    let side = if order == Ordering::Greater {
        "after"
    } else {
        "before"
    };
    format!(
        "{verb} {actual}, {} {side} the planned {planned}",
        minutes_in_words(by)
    )
}

/// A fixed summary of a two-hour forum that ran four minutes late, for the report and view
/// tests: one member over, one under, one passed, one absent; Dana presented.
#[cfg(test)]
#[must_use]
pub fn example() -> Summary {
    let min = |m: u64| Duration::from_secs(m * 60);
    let member = |name: &str, spoken: u64, allotted: u64, turns: u32, passed: u32| MemberSummary {
        name: name.to_string(),
        guest: None,
        present: turns > 0,
        spoken: Duration::from_secs(spoken),
        allotted: Duration::from_secs(allotted),
        turns,
        passed,
    };
    let segment = |name: &str, planned: u64, actual: u64, shape, turns: &[usize]| SegmentSummary {
        name: name.to_string(),
        planned: Duration::from_secs(planned),
        actual: Duration::from_secs(actual),
        shape,
        turns: turns.to_vec(),
        presenter: (shape == Shape::Spotlight).then_some(3),
    };
    Summary {
        members: vec![
            member("Ana", 1_100, 1_020, 2, 0),
            member("Ben", 830, 1_020, 2, 0),
            member("Chidi", 60, 60, 2, 1),
            member("Dana | Lee", 1_020, 1_020, 2, 0),
            member("Eli", 0, 0, 0, 0),
        ],
        segments: vec![
            segment("Opening", 300, 480, Shape::Block, &[]),
            segment("Updates", 2_400, 2_210, Shape::Round, &[0, 1, 2, 3]),
            segment(
                "Experience shares",
                2_400,
                2_400,
                Shape::Spotlight,
                &[0, 1, 2],
            ),
            segment("Closing round", 240, 360, Shape::Round, &[3, 0, 1, 2]),
        ],
        resets: [2, 0, 1, 0, 0, 0],
        wrap_ups: 0,
        start: Duration::ZERO,
        planned_end: min(120),
        actual_end: min(124),
        finished: true,
        ended_early: false,
    }
}

#[cfg(test)]
mod tests;
