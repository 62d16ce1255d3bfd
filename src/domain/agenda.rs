//! The validated agenda: what an agenda file means once every rule of SPEC §3 holds.
//!
//! Built by `crate::agenda` from TOML (or by hand in tests); consumed by `plan`.
//! Nothing here knows about files, spans or diagnostics.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveTime;

pub use super::name::same_name;

/// When the meeting must end, as the agenda or the command line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// A fixed length from the moment the meeting starts.
    Duration(Duration),
    /// A local time of day; the meeting ends at its next occurrence after the start.
    End(NaiveTime),
}

/// The order of turns within a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// The order of `members` in the agenda.
    #[default]
    Agenda,
    /// A random order, fixed for the whole meeting by a seed.
    Shuffle,
    /// The agenda order backwards.
    Reverse,
    /// The agenda order, starting one seat later than this round did at the previous meeting
    /// of the history (SPEC §13).
    Rotate,
}

/// What a segment (or a spotlight phase) asks of the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentKind {
    /// A fixed block for the whole group.
    Block { length: Duration },
    /// One turn per present member, each planned at `each`.
    Round { each: Duration, order: Order },
    /// A spotlight on one member, in phases.
    Spotlight {
        speaker: Speaker,
        phases: Vec<Phase>,
    },
}

/// Who is in a spotlight: a member the agenda names, one chosen in the room, or the next in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// An index into `Agenda::members`.
    Member(usize),
    /// `speaker = "choose"`: picked among the members present when the segment starts.
    Choose,
    /// `speaker = "next"`: the present member who presented least recently, resolved from
    /// the history when the meeting starts (SPEC §13); `Plan::build_with` turns it into a
    /// `Member`, so nothing after the plan sees it.
    Next,
}

impl Speaker {
    /// The member the agenda names, if it names one.
    #[must_use]
    pub fn member(self) -> Option<usize> {
        match self {
            Speaker::Member(member) => Some(member),
            Speaker::Choose | Speaker::Next => None,
        }
    }
}

/// One phase of a spotlight segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub name: String,
    pub kind: PhaseKind,
    pub prompt: Option<String>,
    pub warn: Option<Duration>,
}

/// A phase is either a block or a round (turns in agenda order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    Block { length: Duration },
    Round { each: Duration, skip_speaker: bool },
}

/// One `[[segment]]` of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub name: String,
    pub kind: SegmentKind,
    pub prompt: Option<String>,
    /// Warning threshold for this segment's slots; falls back to `Agenda::warn`.
    pub warn: Option<Duration>,
}

/// The six ways a conversation drifts from sharing experience (SPEC §7), in key order `1`–`6`.
/// Serialized as its key (`advice`, …, `emotion`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Drift {
    Advice,
    Debate,
    Crosstalk,
    Overprocessing,
    Silence,
    Emotion,
}

impl Drift {
    /// All drifts in the order of their keys `1`–`6`.
    pub const ALL: [Drift; 6] = [
        Drift::Advice,
        Drift::Debate,
        Drift::Crosstalk,
        Drift::Overprocessing,
        Drift::Silence,
        Drift::Emotion,
    ];

    /// The key under `[prompts]` and in reports.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Drift::Advice => "advice",
            Drift::Debate => "debate",
            Drift::Crosstalk => "crosstalk",
            Drift::Overprocessing => "overprocessing",
            Drift::Silence => "silence",
            Drift::Emotion => "emotion",
        }
    }

    /// Position in `ALL` (0-based); the overlay key is this plus one.
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A whole validated agenda. Every string is already free of control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub title: String,
    pub purpose: Option<String>,
    pub deadline: Option<Deadline>,
    /// Each shows something, trimmed, unique by [`same_name`].
    pub members: Vec<String>,
    pub agreements: Vec<String>,
    /// Agenda-wide warning threshold for turns and blocks.
    pub warn: Option<Duration>,
    pub segments: Vec<Segment>,
    /// Overrides of the room-reset prompts, indexed by `Drift::index`.
    pub prompts: [Option<String>; 6],
    pub resources: Vec<String>,
    /// Whether the reset-the-room overlay pauses the speaker's clock (default true).
    pub reset_pauses: bool,
    /// Whether the terminal bell rings at warning and at zero (default false).
    pub bell: bool,
    /// What the facilitator should know about how the agenda was read, e.g. who presents
    /// and why when `--members` left out the agenda's presenter. Shown by `plan` and `run`.
    pub notes: Vec<String>,
    /// The history folder (SPEC §13), `~` already expanded; `None` keeps nothing.
    pub history: Option<PathBuf>,
}

impl Agenda {
    /// An agenda with a title and members and nothing else; a starting point for tests.
    #[must_use]
    pub fn new(title: impl Into<String>, members: &[&str]) -> Self {
        Agenda {
            title: title.into(),
            purpose: None,
            deadline: None,
            members: members.iter().map(|m| (*m).to_string()).collect(),
            agreements: Vec::new(),
            warn: None,
            segments: Vec::new(),
            prompts: Default::default(),
            resources: Vec::new(),
            reset_pauses: true,
            bell: false,
            notes: Vec::new(),
            history: None,
        }
    }
}
