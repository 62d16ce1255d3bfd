//! The agenda file exactly as written: serde structs mirroring SPEC §3.
//!
//! Every table denies unknown keys so that a typo is an error, not a silently ignored line.
//! Fields that a later check must point at are `Spanned`; durations and times stay
//! `Spanned<Value>` so that a bare number gets a tailored message instead of serde's.

use serde::Deserialize;
use toml::{Spanned, Value};

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    pub title: Option<Spanned<String>>,
    pub purpose: Option<Spanned<String>>,
    pub duration: Option<Spanned<Value>>,
    pub end: Option<Spanned<Value>>,
    pub members: Option<Spanned<Vec<Spanned<String>>>>,
    pub agreements: Option<Vec<Spanned<String>>>,
    pub warn: Option<Spanned<Value>>,
    pub reset_pauses: Option<bool>,
    pub bell: Option<bool>,
    pub segment: Option<Spanned<Vec<Spanned<Segment>>>>,
    pub prompts: Option<Prompts>,
    pub resources: Option<Resources>,
}

/// One `[[segment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Segment {
    pub name: Spanned<String>,
    pub length: Option<Spanned<Value>>,
    pub each: Option<Spanned<Value>>,
    pub phases: Option<Spanned<Vec<Spanned<Phase>>>>,
    pub speaker: Option<Spanned<String>>,
    pub order: Option<Spanned<String>>,
    pub prompt: Option<Spanned<String>>,
    pub warn: Option<Spanned<Value>>,
}

/// One entry of a spotlight's `phases`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Phase {
    pub name: Spanned<String>,
    pub length: Option<Spanned<Value>>,
    pub each: Option<Spanned<Value>>,
    pub skip_speaker: Option<Spanned<bool>>,
    pub prompt: Option<Spanned<String>>,
    pub warn: Option<Spanned<Value>>,
}

/// `[prompts]`: one optional override per drift, keyed as `Drift::key`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Prompts {
    pub advice: Option<Spanned<String>>,
    pub debate: Option<Spanned<String>>,
    pub crosstalk: Option<Spanned<String>>,
    pub overprocessing: Option<Spanned<String>>,
    pub silence: Option<Spanned<String>>,
    pub emotion: Option<Spanned<String>>,
}

/// `[resources]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Resources {
    pub lines: Option<Vec<Spanned<String>>>,
}
