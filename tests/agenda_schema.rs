//! The JSON Schema editors read (`forumtimer schema`, `schema/agenda.schema.json`) against the
//! loader: the committed copy is the generated one, every shipped agenda is valid under it, and
//! every fixture of `tests/invalid_agendas/` that breaks a rule the schema can express is
//! invalid under it too. Validated with the `jsonschema` crate, as an editor's taplo would.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use forumtimer::agenda::json_schema::{self, DURATION_PATTERN, TIME_PATTERN};
use forumtimer::agenda::{templates, values};
use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Fixtures the schema must refuse: the rule they break is one of keys, types, patterns,
/// list sizes or exclusive keys.
const REFUSED_BY_THE_SCHEMA: &[&str] = &[
    "bad_end_time",
    "bad_order_value",
    "bare_number",
    "bare_number_warn",
    "bidi_override",
    "bool_as_string",
    "control_char_escape_in_string",
    "empty",
    "empty_member_name",
    "invisible_member_name",
    "empty_segment_name",
    "end_and_duration",
    "phase_as_list",
    "resources_as_list",
    "length_and_each",
    "missing_segment_name",
    "negative_duration",
    "neither_length_each_nor_phases",
    "no_members",
    "no_segments",
    "not_a_duration",
    "order_on_a_block",
    "phase_with_length_and_each",
    "segment_as_single_table",
    "skip_speaker_on_a_block_phase",
    "spotlight_without_speaker",
    "tab_in_string",
    "too_many_members",
    "too_many_segments",
    "unknown_key_with_suggestion",
    "unknown_prompt_key",
    "unknown_top_level_key",
    "wrong_type_members",
    "wrong_type_title",
    "zero_duration",
];

/// Fixtures the schema accepts, and why only the loader can refuse them.
const BEYOND_THE_SCHEMA: &[(&str, &str)] = &[
    ("duplicate_member", "names are compared ignoring case"),
    (
        "invisible_duplicate_member",
        "names are compared ignoring invisible characters",
    ),
    (
        "lone_combining_mark",
        "a mark is a Unicode category that a portable pattern cannot name",
    ),
    (
        "fixed_blocks_do_not_fit",
        "arithmetic over the whole agenda",
    ),
    (
        "speaker_not_a_member",
        "a value checked against another key's list",
    ),
];

/// Fixtures that no TOML reader turns into a document (a duplicate key, broken syntax, nesting
/// beyond the parser's limit, a control character in a comment): there is nothing for a
/// schema to judge.
const NOT_TOML: &[&str] = &[
    "deep_inline_tables",
    "deep_nesting",
    "duplicate_key",
    "single_then_double_segment",
    "invalid_toml_syntax",
    "raw_control_char_in_comment",
];

fn validator() -> Validator {
    jsonschema::draft7::new(&json_schema::schema()).unwrap()
}

fn toml_to_json(text: &str) -> Result<Value, toml::de::Error> {
    toml::from_str(text)
}

fn errors(validator: &Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/agenda.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == json_schema::text(),
        "schema/agenda.schema.json is stale: run `cargo run -- schema > schema/agenda.schema.json`"
    );
}

#[test]
fn the_schema_is_valid_draft_07_with_docs_on_every_key() {
    let schema = json_schema::schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    validator();
    let mut tables = vec![("(top level)", &schema)];
    for (name, definition) in schema["definitions"].as_object().unwrap() {
        tables.push((name.as_str(), definition));
    }
    for (table, definition) in tables {
        for (key, property) in definition["properties"].as_object().unwrap() {
            let doc = property["description"].as_str().unwrap_or_default();
            assert!(doc.len() > 10, "{table}.{key} has no doc text");
        }
    }
}

#[test]
fn every_shipped_agenda_and_template_is_valid() {
    let validator = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();
    assert!(texts.len() >= templates::names().len());
    for name in templates::names() {
        texts.push((
            (*name).to_string(),
            templates::get(name).unwrap().to_string(),
        ));
    }
    for (name, text) in texts {
        let document = toml_to_json(&text).unwrap();
        let errors = errors(&validator, &document);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn invalid_fixtures_of_schema_rules_are_invalid_under_the_schema() {
    let validator = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_agendas");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut classified: Vec<String> = REFUSED_BY_THE_SCHEMA
        .iter()
        .chain(BEYOND_THE_SCHEMA.iter().map(|(stem, _)| stem))
        .chain(NOT_TOML)
        .map(|stem| (*stem).to_string())
        .collect();
    classified.sort();
    assert_eq!(
        classified, on_disk,
        "classify every fixture of tests/invalid_agendas/ here"
    );
    let document = |stem: &str| {
        toml_to_json(&std::fs::read_to_string(dir.join(format!("{stem}.toml"))).unwrap())
    };
    for stem in REFUSED_BY_THE_SCHEMA {
        let document =
            document(stem).unwrap_or_else(|e| panic!("{stem} is not TOML: {}", e.message()));
        assert!(!validator.is_valid(&document), "{stem} passes the schema");
    }
    for (stem, why) in BEYOND_THE_SCHEMA {
        let document = document(stem).unwrap();
        let errors = errors(&validator, &document);
        assert!(errors.is_empty(), "{stem} ({why}): {errors:#?}");
    }
    for stem in NOT_TOML {
        assert!(document(stem).is_err(), "{stem} parses as TOML");
    }
}

#[test]
fn the_schema_names_what_makes_each_fixture_invalid() {
    // A sample of the errors an editor would show, pointing at the key to fix.
    let validator = validator();
    let cases = [
        (
            json!({"members": ["Ana"], "segment": [{"name": "S", "lenght": "3m"}]}),
            "/segment/0",
        ),
        (
            json!({"members": ["Ana"], "segment": [{"name": "S", "length": 5}]}),
            "/segment/0/length",
        ),
        (
            json!({"members": ["Ana"], "end": "9pm", "segment": [{"name": "S", "length": "5m"}]}),
            "/end",
        ),
        (
            json!({"members": ["Ana", ""], "segment": [{"name": "S", "each": "5m"}]}),
            "/members/1",
        ),
    ];
    for (document, place) in cases {
        let errors = errors(&validator, &document);
        assert!(
            errors.iter().any(|e| e.ends_with(&format!(" at {place}"))),
            "{document}: {errors:#?}"
        );
    }
}

#[test]
fn a_name_must_show_something_under_the_schema_too() {
    let validator = validator();
    let agenda = |members: &[&str], title: &str| json!({"title": title, "members": members, "segment": [{"name": "S", "each": "5m"}]});
    for blank in [
        "\u{2060}",
        " \u{200b} ",
        "\u{feff}\u{ad}",
        "\u{200f}",
        "\u{3164}",
    ] {
        assert!(
            !validator.is_valid(&agenda(&["Ana", blank], "T")),
            "member {blank:?}"
        );
        assert!(
            !validator.is_valid(&agenda(&["Ana"], blank)),
            "title {blank:?}"
        );
    }
    let names = [
        "A\u{200d}na",
        "\u{5e9}\u{5e8}\u{5d4}\u{200f}",
        "\u{645}\u{6cc}\u{200c}\u{62e}",
    ];
    let document = agenda(&names, "T");
    assert!(
        validator.is_valid(&document),
        "{:#?}",
        errors(&validator, &document)
    );
}

fn matches(pattern: &str, text: &str) -> bool {
    jsonschema::draft7::is_valid(&json!({ "pattern": pattern }), &json!(text))
}

#[test]
fn the_duration_pattern_takes_the_documented_forms_and_refuses_the_rest() {
    for good in [
        "90s", "5m", "1h 30m", "1h30m", " 2m ", "10 min", "2 hours", "1h 0m", "0h 5m",
    ] {
        assert!(matches(DURATION_PATTERN, good), "{good}");
        assert!(values::parse_duration(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "5",
        "0m",
        "0h 0m",
        "-5m",
        "five minutes",
        "5 m s",
        "500ms",
        "1.5h",
        "5x",
    ] {
        assert!(!matches(DURATION_PATTERN, bad), "{bad}");
    }
}

#[test]
fn the_time_pattern_is_exactly_the_loaders_time_of_day() {
    for hours in [
        "0", "9", "09", "12", "19", "23", "24", "29", "7a", "123", "",
    ] {
        for minutes in ["00", "05", "30", "59", "60", "5", "000", "x0"] {
            for text in [format!("{hours}:{minutes}"), format!(" {hours}:{minutes} ")] {
                assert_eq!(
                    matches(TIME_PATTERN, &text),
                    values::parse_time(&text).is_ok(),
                    "{text:?}"
                );
            }
        }
    }
}

proptest! {
    /// A duration the schema accepts is one the loader accepts, unless it is longer than the
    /// day the loader allows; one the loader accepts in these units, the schema accepts.
    #[test]
    fn the_duration_pattern_agrees_with_the_loader(
        parts in prop::collection::vec((0u32..200, prop::sample::select(
            vec!["s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute",
                 "minutes", "h", "hr", "hrs", "hour", "hours"]), " ?"), 1..4),
    ) {
        let text = parts
            .iter()
            .map(|(n, unit, gap)| format!("{n}{gap}{unit}"))
            .collect::<Vec<_>>()
            .join(" ");
        let text = text.as_str();
        let schema = matches(DURATION_PATTERN, text);
        let loader = values::parse_duration(text);
        let too_long = loader.as_ref().is_err_and(|e| e.contains("longer than a day"));
        prop_assert_eq!(schema, loader.is_ok() || too_long, "{:?}: {:?}", text, loader);
    }
}

#[test]
fn the_defaults_the_schema_states_are_the_loaders() {
    use forumtimer::domain::agenda::{Order, PhaseKind, SegmentKind};
    let schema = json_schema::schema();
    let top = &schema["properties"];
    let segment = &schema["definitions"]["Segment"]["properties"];
    let phase = &schema["definitions"]["Phase"]["properties"];
    let agenda = forumtimer::agenda::parse(
        "minimal",
        "members = [\"Ana\", \"Ben\"]\n\
         [[segment]]\nname = \"Updates\"\neach = \"5m\"\n\
         [[segment]]\nname = \"Spotlight\"\nspeaker = \"Ana\"\n\
         phases = [{ name = \"Shares\", each = \"3m\" }]\n",
        None,
    )
    .unwrap();
    assert_eq!(top["title"]["default"], json!(agenda.title));
    assert_eq!(top["reset_pauses"]["default"], json!(agenda.reset_pauses));
    assert_eq!(top["bell"]["default"], json!(agenda.bell));
    let SegmentKind::Round { order, .. } = &agenda.segments[0].kind else {
        panic!("a round");
    };
    assert_eq!(*order, Order::Agenda);
    assert_eq!(segment["order"]["default"], "agenda");
    let SegmentKind::Spotlight { phases, .. } = &agenda.segments[1].kind else {
        panic!("a spotlight");
    };
    let PhaseKind::Round { skip_speaker, .. } = phases[0].kind else {
        panic!("a round phase");
    };
    assert_eq!(phase["skip_speaker"]["default"], json!(skip_speaker));
}
