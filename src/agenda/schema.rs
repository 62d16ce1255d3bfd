//! The agenda file exactly as written: serde structs mirroring SPEC §3.
//!
//! Every table denies unknown keys so that a typo is an error, not a silently ignored line.
//! Fields that a later check must point at are `Spanned`; durations and times stay
//! `Spanned<Value>` so that a bare number gets a tailored message instead of serde's.
//!
//! The same structs generate the JSON Schema editors read (`forumtimer schema`): the doc
//! comments on the fields are the documentation an editor shows for each key, and the
//! `schemars(with = …)` types of [`json_schema`](super::json_schema) say what the loader
//! accepts where the Rust type (`Spanned<Value>`) is wider than the rule.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::json_schema::{
    DurationText, Members, Name, Order, Phases, Segments, Text, TimeText, file_rules, phase_rules,
    segment_rules,
};

/// The whole file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "forumtimer agenda",
    description = "A meeting agenda for forumtimer (SPEC §3): who is in the group, how long the meeting lasts, and its segments in order. Check a file with `forumtimer check FILE`.",
    transform = file_rules
)]
pub(crate) struct File {
    /// The meeting's title, shown on the opening screen. Default: "Forum".
    #[schemars(with = "Option<Name>", example = &"Monthly forum", extend("default" = super::DEFAULT_TITLE))]
    pub title: Option<Spanned<String>>,
    /// Why the group meets, shown on the opening screen under the title.
    #[schemars(with = "Option<Text>")]
    pub purpose: Option<Spanned<String>>,
    /// How long the meeting lasts, like "3h" or "2h 30m"; member turns share what the fixed blocks leave. Set at most one of `duration` and `end`; without either the meeting lasts as long as its plan. `--duration` and `--end` override it.
    #[schemars(with = "Option<DurationText>")]
    pub duration: Option<Spanned<Value>>,
    /// When the meeting ends, as a 24-hour local time like "21:00"; member turns share the time until then. Set at most one of `duration` and `end`.
    #[schemars(with = "Option<TimeText>")]
    pub end: Option<Spanned<Value>>,
    /// The members, in the order rounds go around; names are unique ignoring case and shown exactly as written. `--members "Ana,Ben"` replaces them for one meeting.
    #[schemars(with = "Option<Members>", required)]
    pub members: Option<Spanned<Vec<Spanned<String>>>>,
    /// The group's agreements, shown at the opening and on `g`.
    #[schemars(with = "Option<Vec<Text>>")]
    pub agreements: Option<Vec<Spanned<String>>>,
    /// How long before the end of a turn or block its clock turns to the warning colour, like "1m". A segment or phase can set its own.
    #[schemars(with = "Option<DurationText>")]
    pub warn: Option<Spanned<Value>>,
    /// Whether opening the reset-the-room overlay pauses the speaker's clock. Default: true.
    #[schemars(extend("default" = true))]
    pub reset_pauses: Option<bool>,
    /// Whether the terminal bell rings at the warning and at zero (as `--bell` does). Default: false.
    #[schemars(extend("default" = false))]
    pub bell: Option<bool>,
    /// The segments of the meeting, in order: each `[[segment]]` is a fixed block (`length`), a round of turns (`each`) or a spotlight on one member (`speaker` and `phases`).
    #[schemars(with = "Option<Segments>", required)]
    pub segment: Option<Spanned<Vec<Spanned<Segment>>>>,
    /// Your own wording for the prompts of the reset-the-room overlay (keys 1–6 on `r`).
    pub prompts: Option<Prompts>,
    /// Support beyond the forum, shown on `h`.
    pub resources: Option<Resources>,
    /// A folder that keeps each meeting's timing report (names and timing only), like "~/forum/history"; a relative folder sits beside the agenda. It lets `order = "rotate"` and `speaker = "next"` look back, and `forumtimer history` show fairness over time. Without it nothing is kept between meetings.
    #[schemars(with = "Option<Text>", example = &"~/forum/history")]
    pub history: Option<Spanned<String>>,
}

/// One `[[segment]]`: exactly one of `length` (a block), `each` (a round) or `phases` (a spotlight, with `speaker`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = segment_rules, extend("x-taplo" = { "initKeys": ["name"] }))]
pub(crate) struct Segment {
    /// The segment's name, shown on the live screen.
    #[schemars(with = "Name", example = &"Updates")]
    pub name: Spanned<String>,
    /// A fixed block for the whole group, like "10m". Makes the segment a block.
    #[schemars(with = "Option<DurationText>")]
    pub length: Option<Spanned<Value>>,
    /// The planned time of each member's turn, like "5m": one turn per present member. Makes the segment a round; with `duration` or `end` the turns share the time left equally.
    #[schemars(with = "Option<DurationText>")]
    pub each: Option<Spanned<Value>>,
    /// The phases of a spotlight, in order, each with a `name` and one of `length` or `each`. Makes the segment a spotlight; needs `speaker`.
    #[schemars(with = "Option<Phases>")]
    pub phases: Option<Spanned<Vec<Spanned<Phase>>>>,
    /// The member in the spotlight: one of `members` (compared ignoring case), "choose" to pick one of the members present when the segment starts, or "next" for the present member who presented least recently according to the `history` folder. Only with `phases`.
    #[schemars(with = "Option<Name>", example = &"Ben")]
    pub speaker: Option<Spanned<String>>,
    /// In which order a round's turns go. Only with `each`.
    #[schemars(with = "Option<Order>", extend("default" = super::segments::ORDERS[0]))]
    pub order: Option<Spanned<String>>,
    /// A line shown during the segment, like a question for the round.
    #[schemars(with = "Option<Text>")]
    pub prompt: Option<Spanned<String>>,
    /// This segment's warning threshold, like "30s"; overrides the agenda's `warn`.
    #[schemars(with = "Option<DurationText>")]
    pub warn: Option<Spanned<Value>>,
}

/// One phase of a spotlight: exactly one of `length` (a block for the group) or `each` (a round of turns).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = phase_rules)]
pub(crate) struct Phase {
    /// The phase's name, shown on the live screen.
    #[schemars(with = "Name", example = &"Clarifying questions")]
    pub name: Spanned<String>,
    /// A fixed block for the whole group, like "10m".
    #[schemars(with = "Option<DurationText>")]
    pub length: Option<Spanned<Value>>,
    /// The planned time of each member's turn in this phase, like "3m".
    #[schemars(with = "Option<DurationText>")]
    pub each: Option<Spanned<Value>>,
    /// Whether the member in the spotlight sits this round out. Only with `each`. Default: false.
    #[schemars(with = "Option<bool>", extend("default" = false))]
    pub skip_speaker: Option<Spanned<bool>>,
    /// A line shown during the phase.
    #[schemars(with = "Option<Text>")]
    pub prompt: Option<Spanned<String>>,
    /// This phase's warning threshold, like "30s"; overrides the segment's and the agenda's.
    #[schemars(with = "Option<DurationText>")]
    pub warn: Option<Spanned<Value>>,
}

/// `[prompts]`: one optional override per drift, keyed as `Drift::key`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Prompts {
    /// Key 1 on `r`, advice-giving, fixing, "have you tried…": the default brings the room back to personal experience.
    #[schemars(with = "Option<Text>")]
    pub advice: Option<Spanned<String>>,
    /// Key 2 on `r`, debate or unstructured discussion: the default says one person shares and the group reflects.
    #[schemars(with = "Option<Text>")]
    pub debate: Option<Spanned<String>>,
    /// Key 3 on `r`, cross-talk and interruptions: the default asks for one voice at a time.
    #[schemars(with = "Option<Text>")]
    pub crosstalk: Option<Spanned<String>>,
    /// Key 4 on `r`, over-processing and long justification: the default asks to stay close to what happened and how it felt.
    #[schemars(with = "Option<Text>")]
    pub overprocessing: Option<Spanned<String>>,
    /// Key 5 on `r`, silence treated as a problem: the default says silence is welcome.
    #[schemars(with = "Option<Text>")]
    pub silence: Option<Spanned<String>>,
    /// Key 6 on `r`, emotion met with rushed solutions: the default asks to witness first.
    #[schemars(with = "Option<Text>")]
    pub emotion: Option<Spanned<String>>,
}

/// `[resources]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Resources {
    /// One line per resource, like "Local crisis line: 000-000".
    #[schemars(with = "Option<Vec<Text>>")]
    pub lines: Option<Vec<Spanned<String>>>,
}
