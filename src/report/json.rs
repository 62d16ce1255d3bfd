//! The JSON report: the shape documented in `report.rs`, built from borrowed summary parts.

use std::borrow::Cow;

use chrono::SecondsFormat;

use crate::wall::Origin;
use serde::Serialize;
use serde::ser::Serializer;

use crate::domain::agenda::Drift;
use crate::domain::summary::{Summary, rounded_secs};

#[derive(Serialize)]
struct Report<'a> {
    start: String,
    planned_end: String,
    actual_end: String,
    finished: bool,
    members: Vec<Member<'a>>,
    segments: Vec<Segment<'a>>,
    resets: Resets,
}

#[derive(Serialize)]
struct Member<'a> {
    name: Cow<'a, str>,
    present: bool,
    spoken_seconds: u64,
    allotted_seconds: u64,
    turns: u32,
    passed: u32,
}

#[derive(Serialize)]
struct Segment<'a> {
    name: &'a str,
    planned_seconds: u64,
    actual_seconds: u64,
}

/// All six kinds in key order, so the object's shape never depends on what happened.
struct Resets([u32; 6]);

impl Serialize for Resets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(Drift::ALL.iter().map(|d| (d.key(), self.0[d.index()])))
    }
}

pub fn render(summary: &Summary, origin: Origin) -> String {
    let time = |at| origin.at(at).to_rfc3339_opts(SecondsFormat::Secs, false);
    let report = Report {
        start: time(summary.start),
        planned_end: time(summary.planned_end),
        actual_end: time(summary.actual_end),
        finished: summary.finished && !summary.ended_early,
        members: summary
            .members
            .iter()
            .map(|m| Member {
                name: m.reported_name(),
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
            .map(|s| Segment {
                name: &s.name,
                planned_seconds: rounded_secs(s.planned),
                actual_seconds: rounded_secs(s.actual),
            })
            .collect(),
        resets: Resets(summary.resets),
    };
    // Plain data of strings and numbers: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
