//! The JSON report: a summary turned into the history's `Record` (the shape documented in
//! `report.rs`), so a report and a history file are one format.

use chrono::{DateTime, SecondsFormat};

use crate::domain::history::record::{Kind, MemberRecord, Record, Resets, SegmentRecord, VERSION};
use crate::domain::summary::{Shape, Summary, rounded_secs};
use crate::wall::Origin;

/// The record of `summary`; `origin` maps the meeting clock to local time.
#[must_use]
pub fn record(summary: &Summary, origin: Origin) -> Record {
    // To the second, as the file stores it, so a record read back equals the one written.
    let time = |at| {
        let at = origin.at(at).fixed_offset();
        let text = at.to_rfc3339_opts(SecondsFormat::Secs, false);
        DateTime::parse_from_rfc3339(&text).unwrap_or(at)
    };
    // A guest is "Guest 1" in every file: their name lives in memory only (SPEC §8).
    let name = |member: usize| {
        summary
            .members
            .get(member)
            .map_or_else(String::new, |m| m.reported_name().into_owned())
    };
    Record {
        version: VERSION,
        start: time(summary.start),
        planned_end: time(summary.planned_end),
        actual_end: time(summary.actual_end),
        finished: summary.finished && !summary.ended_early,
        members: summary
            .members
            .iter()
            .map(|m| MemberRecord {
                name: m.reported_name().into_owned(),
                present: m.present,
                spoken_seconds: rounded_secs(m.spoken),
                allotted_seconds: rounded_secs(m.allotted),
                turns: m.turns,
                passed: m.passed,
            })
            .collect(),
        segments: summary
            .segments
            .iter()
            .map(|s| SegmentRecord {
                name: s.name.clone(),
                kind: match s.shape {
                    Shape::Block => Kind::Block,
                    Shape::Round => Kind::Round,
                    Shape::Spotlight => Kind::Spotlight,
                },
                planned_seconds: rounded_secs(s.planned),
                actual_seconds: rounded_secs(s.actual),
                turns: s.turns.iter().map(|&m| name(m)).collect(),
                presenter: s.presenter.map(name),
            })
            .collect(),
        resets: Resets::from_counts(summary.resets),
        wrap_ups: summary.wrap_ups,
    }
}

#[must_use]
pub fn render(summary: &Summary, origin: Origin) -> String {
    record(summary, origin).to_json()
}
