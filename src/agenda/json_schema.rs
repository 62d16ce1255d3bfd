//! The JSON Schema of the agenda format (`forumtimer schema`, `schema/agenda.schema.json`),
//! generated from the serde structs of [`schema`](super::schema) so that the two cannot drift.
//!
//! The structs hold `Spanned<Value>` where the loader accepts a narrower value; the marker types
//! here say what it accepts: a duration string, a time of day, a line of text. Rules between
//! keys (exactly one of `length`/`each`/`phases`; `speaker` only with `phases`) are added by the
//! `*_rules` transforms. Draft-07, because it is the draft taplo (Even Better TOML, Helix)
//! validates best. What the schema cannot see — names unique ignoring case and invisible
//! characters, a name that starts with a combining mark, a speaker who is a member, fixed blocks
//! that fit the meeting, durations of at most a day — `forumtimer check` still reports.

use std::borrow::Cow;
use std::fmt::Write as _;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use super::members::MAX_MEMBERS;
use super::schema::{File, Phase, Segment};
use super::segments::{MAX_PHASES, ORDERS};
use super::validate::MAX_SEGMENTS;

/// A whole number with a unit, several of them allowed ("1h 30m", "1h30m", "90s"), and not all
/// zero. A subset of what the loader (humantime) reads: the forms people write for a meeting.
/// Built without look-ahead so that every JSON Schema regex engine runs it: leading zero parts,
/// then one non-zero part, then any parts.
pub const DURATION_PATTERN: &str = concat!(
    r"^\s*(?:0+\s*(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\s*)*",
    r"0*[1-9][0-9]*\s*(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)",
    r"(?:\s*[0-9]+\s*(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h))*\s*$"
);

/// A 24-hour time of day, `H:MM` or `HH:MM`.
pub const TIME_PATTERN: &str = r"^\s*(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s*$";

/// Text without control characters (C0, DEL, C1) or bidi embeddings, overrides and isolates:
/// the characters `text::is_forbidden` refuses.
const FORBIDDEN: &str = r"\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069";

/// What each `order` value does, in the order of `ORDERS`; the test below keeps the two lists
/// in step.
const ORDER_DOCS: [&str; 4] = [
    "The order of `members` (the default).",
    "A shuffled order, fixed per agenda and date (so `plan` shows it in advance).",
    "The order of `members`, last first.",
    "The order of `members`, starting one seat later than this round did at the previous meeting in the `history` folder.",
];

/// The agenda's JSON Schema.
#[must_use]
pub fn schema() -> Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<File>()
        .to_value();
    without_null(&mut schema);
    schema
}

/// Removes the `null` that schemars allows for every `Option`: TOML has no null, and a key
/// that is absent is what `Option::None` means.
fn without_null(schema: &mut Value) {
    let is_null = |v: &Value| v == "null" || v.is_null() || *v == json!({ "type": "null" });
    match schema {
        Value::Object(object) => {
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| !is_null(t));
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    object.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(values)) = object.get_mut("enum") {
                values.retain(|v| !is_null(v));
            }
            // `anyOf: [{"$ref": …}, {"type": "null"}]` becomes `allOf: [{"$ref": …}]`: in
            // draft-07 a `$ref` beside the field's description would hide the description.
            if let Some(Value::Array(choices)) = object.get_mut("anyOf") {
                choices.retain(|c| !is_null(c));
                if choices.len() == 1
                    && let Some(choices) = object.remove("anyOf")
                {
                    object.insert("allOf".into(), choices);
                }
            }
            object.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

/// The schema as `forumtimer schema` prints it and `schema/agenda.schema.json` holds it.
#[must_use]
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Declares a marker type whose schema is written inline wherever a field uses it.
macro_rules! inline_schema {
    ($(#[$doc:meta])* $name:ident, $title:literal, |$generator:ident| $body:expr) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                $title.into()
            }

            fn json_schema($generator: &mut SchemaGenerator) -> Schema {
                $body
            }
        }
    };
}

inline_schema!(
    /// A duration string.
    DurationText, "Duration", |_generator| json_schema!({
        "type": "string",
        "pattern": DURATION_PATTERN,
        "examples": ["90s", "5m", "1h 30m"],
    })
);

inline_schema!(
    /// A time of day.
    TimeText, "TimeOfDay", |_generator| json_schema!({
        "type": "string",
        "pattern": TIME_PATTERN,
        "examples": ["21:00", "9:30"],
    })
);

inline_schema!(
    /// A line of text, possibly empty.
    Text, "Text", |_generator| json_schema!({
        "type": "string",
        "pattern": format!("^[^{FORBIDDEN}]*$"),
    })
);

/// The invisible characters of the Basic Multilingual Plane (`domain::name::INVISIBLE`) as
/// the inside of a character class: without the `u` flag, which draft-07 patterns do not
/// have, a class cannot name the planes above it (tags, musical format controls).
fn invisible_class() -> String {
    let mut class = String::new();
    for &(first, last) in crate::domain::name::INVISIBLE {
        let (first, last) = (u32::from(first), u32::from(last));
        if last > 0xffff {
            continue;
        }
        let _ = write!(class, "\\u{first:04X}");
        if last > first {
            let _ = write!(class, "-\\u{last:04X}");
        }
    }
    class
}

inline_schema!(
    /// A line of text with something visible, not only spaces and invisible characters: names
    /// and titles.
    Name, "Name", |_generator| json_schema!({
        "type": "string",
        "pattern": format!(r"^[^{FORBIDDEN}]*[^\s{FORBIDDEN}{}][^{FORBIDDEN}]*$", invisible_class()),
    })
);

inline_schema!(
    /// The `members` list.
    Members, "Members", |generator| json_schema!({
        "type": "array",
        "items": generator.subschema_for::<Name>(),
        "minItems": 1,
        "maxItems": MAX_MEMBERS,
        "uniqueItems": true,
        "examples": [["Ana", "Ben", "Chidi"]],
    })
);

inline_schema!(
    /// The `[[segment]]` list.
    Segments, "Segments", |generator| json_schema!({
        "type": "array",
        "items": generator.subschema_for::<Segment>(),
        "minItems": 1,
        "maxItems": MAX_SEGMENTS,
    })
);

inline_schema!(
    /// A spotlight's `phases`.
    Phases, "Phases", |generator| json_schema!({
        "type": "array",
        "items": generator.subschema_for::<Phase>(),
        "minItems": 1,
        "maxItems": MAX_PHASES,
    })
);

inline_schema!(
    /// A round's `order`.
    Order, "Order", |_generator| json_schema!({
        "type": "string",
        "enum": ORDERS,
        // taplo shows these beside each value it completes.
        "x-taplo": { "docs": { "enumValues": ORDER_DOCS } },
    })
);

/// The whole file: `duration` and `end` exclude each other.
pub(crate) fn file_rules(schema: &mut Schema) {
    schema.insert(
        "not".into(),
        json!({
            "description": "`duration` and `end` together: keep one.",
            "required": ["duration", "end"],
        }),
    );
}

/// A segment is exactly one of a block, a round or a spotlight; `speaker` and `phases` come
/// together; `order` belongs to rounds.
pub(crate) fn segment_rules(schema: &mut Schema) {
    schema.insert(
        "oneOf".into(),
        json!([
            { "title": "block", "required": ["length"] },
            { "title": "round", "required": ["each"] },
            { "title": "spotlight", "required": ["phases"] },
        ]),
    );
    schema.insert(
        "dependencies".into(),
        json!({
            "phases": ["speaker"],
            "speaker": ["phases"],
            "order": ["each"],
        }),
    );
}

/// A phase is exactly one of a block or a round; `skip_speaker` belongs to rounds.
pub(crate) fn phase_rules(schema: &mut Schema) {
    schema.insert(
        "oneOf".into(),
        json!([
            { "title": "block", "required": ["length"] },
            { "title": "round", "required": ["each"] },
        ]),
    );
    schema.insert("dependencies".into(), json!({ "skip_speaker": ["each"] }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_value_has_its_doc() {
        assert_eq!(ORDERS.len(), ORDER_DOCS.len());
    }
}
