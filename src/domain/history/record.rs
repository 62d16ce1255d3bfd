//! One meeting as the JSON report (`--report x.json`, SPEC §8) and the history folder keep it:
//! names and timing only, with a format version. The one owned shape both writing and reading
//! go through, so a history file is exactly a JSON report.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::agenda::Drift;

/// The report's format version; a file with another one is skipped, never misread.
pub const VERSION: u32 = 1;

/// A whole meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub version: u32,
    #[serde(with = "rfc3339")]
    pub start: DateTime<FixedOffset>,
    #[serde(with = "rfc3339")]
    pub planned_end: DateTime<FixedOffset>,
    #[serde(with = "rfc3339")]
    pub actual_end: DateTime<FixedOffset>,
    /// False when the meeting was stopped (a confirmed quit) before its last slot was done.
    pub finished: bool,
    pub members: Vec<MemberRecord>,
    pub segments: Vec<SegmentRecord>,
    pub resets: Resets,
    /// Wrap-up cues given (`w`): a count only. Absent from reports written before it.
    #[serde(default)]
    pub wrap_ups: u32,
}

/// One member's timing, in agenda order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub name: String,
    pub present: bool,
    pub spoken_seconds: u64,
    pub allotted_seconds: u64,
    pub turns: u32,
    pub passed: u32,
}

/// One segment, in agenda order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRecord {
    pub name: String,
    pub kind: Kind,
    pub planned_seconds: u64,
    pub actual_seconds: u64,
    /// Who had a turn, in the order of the turns (passed turns included).
    pub turns: Vec<String>,
    /// The member in the spotlight, when this was a spotlight that took place.
    pub presenter: Option<String>,
}

/// What a segment was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Block,
    Round,
    Spotlight,
}

/// Room resets by kind, all six always present (counts only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resets {
    pub advice: u32,
    pub debate: u32,
    pub crosstalk: u32,
    pub overprocessing: u32,
    pub silence: u32,
    pub emotion: u32,
}

impl Resets {
    /// From counts indexed by `Drift::index`.
    #[must_use]
    pub fn from_counts(counts: [u32; 6]) -> Resets {
        let [advice, debate, crosstalk, overprocessing, silence, emotion] = counts;
        Resets {
            advice,
            debate,
            crosstalk,
            overprocessing,
            silence,
            emotion,
        }
    }

    /// Counts indexed by `Drift::index`.
    #[must_use]
    pub fn counts(&self) -> [u32; 6] {
        [
            self.advice,
            self.debate,
            self.crosstalk,
            self.overprocessing,
            self.silence,
            self.emotion,
        ]
    }

    /// `(kind, count)` for the kinds that happened, in key order.
    pub fn nonzero(&self) -> impl Iterator<Item = (Drift, u32)> {
        let counts = self.counts();
        Drift::ALL
            .into_iter()
            .map(move |drift| (drift, counts[drift.index()]))
            .filter(|(_, count)| *count > 0)
    }
}

/// Why a file is not a record we can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("not a forumtimer report ({0})")]
    Damaged(String),
    #[error("format version {0}, this forumtimer reads version {VERSION}")]
    UnknownVersion(u64),
    #[error("no format version (a report from before the history existed?)")]
    NoVersion,
}

impl Record {
    /// Reads a record, refusing any version but `VERSION`.
    ///
    /// # Errors
    /// `Damaged` for text that is not a report, `UnknownVersion` / `NoVersion` otherwise.
    pub fn parse(text: &str) -> Result<Record, RecordError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RecordError::Damaged(e.to_string()))?;
        match value.get("version").map(serde_json::Value::as_u64) {
            None => return Err(RecordError::NoVersion),
            Some(Some(version)) if version == u64::from(VERSION) => {}
            Some(Some(version)) => return Err(RecordError::UnknownVersion(version)),
            Some(None) => return Err(RecordError::Damaged("`version` is not a number".into())),
        }
        serde_json::from_value(value).map_err(|e| RecordError::Damaged(e.to_string()))
    }

    /// The record as the report file holds it: pretty JSON and a final newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        // Plain data of strings and numbers: serialising it cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Instants as RFC 3339 with offset, to the second: what a person can read in the file.
mod rfc3339 {
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text).map_err(D::Error::custom)
    }
}
