//! Grammar-aware fuzzing of agenda loading on the stable toolchain (issue 6, item 4).
//!
//! Arbitrary bytes mostly die in the TOML parser; this test writes *agenda-shaped* TOML instead:
//! the real keys and near misses, headers in and out of place, values of every TOML type
//! (durations valid and broken, strings carrying escaped control and bidi characters, huge
//! numbers, nested arrays and tables, nesting far past the limit), so random input also reaches
//! validation. Checked on every case: `parse` never panics; a refusal of non-blank text points at
//! a line and column (unless a required part is missing from the whole file); and no message
//! carries a raw control character to the terminal.
//!
//! 2 000 cases per property by default; `PROPTEST_CASES=200000 cargo test --test
//! agenda_grammar --release` for a long run.

use forumtimer::agenda;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `PROPTEST_CASES` when set, 2 000 otherwise. (`Config::with_cases` alone would silently
/// override the variable, which proptest reads only into `Config::default`.)
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    Config {
        cases,
        ..Config::default()
    }
}

const TOP_KEYS: &[&str] = &[
    "title",
    "purpose",
    "duration",
    "end",
    "members",
    "agreements",
    "warn",
    "reset_pauses",
    "bell",
];
const SEGMENT_KEYS: &[&str] = &[
    "name", "length", "each", "speaker", "order", "prompt", "warn",
];
const PHASE_KEYS: &[&str] = &["name", "length", "each", "skip_speaker", "prompt", "warn"];
const PROMPT_KEYS: &[&str] = &[
    "advice",
    "debate",
    "crosstalk",
    "overprocessing",
    "silence",
    "emotion",
];
/// Typos, case, plural/singular and quoting mistakes a person makes, and keys no file has.
const NEAR_MISSES: &[&str] = &[
    "lenght",
    "Title",
    "titel",
    "memebrs",
    "member",
    "segments",
    "phase",
    "skip-speaker",
    "durration",
    "\"name\"",
    "'each'",
    "\"\"",
    "\"a\\u001bb\"",
    "\"\\u202e\"",
    "name.first",
    "segment.name",
    "x",
    "é",
];
const HEADERS: &[&str] = &[
    "[[segment]]",
    "[prompts]",
    "[resources]",
    "[segment]",
    "[[prompts]]",
    "[[segment.phases]]",
    "[segment.phases]",
    "[members]",
    "[[resources.lines]]",
    "[title]",
    "[a.b.c]",
];

/// A duration, a time of day, or something that looks like one.
fn duration_like() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"5m\"",
        "\"90s\"",
        "\"1h 30m\"",
        "\"1h30m\"",
        "\"0s\"",
        "\"0m\"",
        "\"-5m\"",
        "\"5 m\"",
        "\"5\"",
        "\"5x\"",
        "\"\"",
        "\"99999999999h\"",
        "\"18446744073709551615s\"",
        "\"21:00\"",
        "\"25:61\"",
        "\"7:5\"",
        "\"00:00\"",
        "\"23:59\"",
        "5",
        "0",
        "-1",
        "1.5",
        "9223372036854775807",
        "1979-05-27T07:32:00Z",
        "07:32:00",
    ])
    .prop_map(str::to_string)
}

/// The inside of a basic string: ordinary text, escapes of forbidden characters, raw unicode.
fn string_body() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Ana",
        "Ben",
        "ben",
        " ",
        "  padded ",
        "é",
        "名",
        "\\u001b[31m",
        "\\u0007",
        "\\t",
        "\\n",
        "\\r",
        "\\u007f",
        "\\u0085",
        "\\u009b",
        "\\u202e",
        "\\u2066",
        "\\\\",
        "\\\"",
        "\\x",
        "\\u12",
        "\\U0010ffff",
        "\\ud800",
        "\u{202e}",
        "\u{85}",
        "\u{1b}",
        "\t",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => string_body().prop_map(|s| format!("\"{s}\"")),
        1 => string_body().prop_map(|s| format!("'{s}'")),
        1 => string_body().prop_map(|s| format!("\"\"\"\n{s}\n\"\"\"")),
        1 => string_body().prop_map(|s| format!("'''{s}'''")),
        1 => string_body().prop_map(|s| format!("\"{s}")),
    ]
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => string_value(),
        3 => duration_like(),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec!["true", "false", "nan", "inf", "-inf", "1e309", "0x1F", "1_000"])
            .prop_map(str::to_string),
    ]
}

/// Any TOML value, arrays and inline tables nested a few levels, keys from every key set.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6)
                .prop_map(|items| format!("[{}]", items.join(", "))),
            prop::collection::vec((any_key(), inner), 0..5).prop_map(|pairs| {
                let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", body.join(", "))
            }),
        ]
    })
}

/// Brackets or braces nested up to far past `agenda::MAX_DEPTH`, closed or not.
fn deep_nesting() -> impl Strategy<Value = String> {
    (1usize..4_000, any::<bool>(), any::<bool>()).prop_map(|(depth, arrays, closed)| {
        let (open, close) = if arrays { ("[", "]") } else { ("{ a = ", " }") };
        let mut text = open.repeat(depth);
        text.push('1');
        if closed {
            text.push_str(&close.repeat(depth));
        }
        text
    })
}

fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(TOP_KEYS),
        3 => prop::sample::select(SEGMENT_KEYS),
        2 => prop::sample::select(PHASE_KEYS),
        1 => prop::sample::select(PROMPT_KEYS),
        1 => Just("lines"),
        1 => Just("phases"),
        2 => prop::sample::select(NEAR_MISSES),
    ]
    .prop_map(str::to_string)
}

/// A spotlight's `phases`, often well formed so that checks past the schema run.
fn phases() -> impl Strategy<Value = String> {
    let phase = prop::collection::vec(
        (
            prop::sample::select(PHASE_KEYS),
            prop_oneof![duration_like(), scalar()],
        ),
        0..4,
    )
    .prop_map(|pairs| {
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("{{ name = \"P\", {} }}", body.join(", "))
    });
    prop::collection::vec(phase, 0..4)
        .prop_map(|phases| format!("phases = [{}]", phases.join(", ")))
}

/// One line of an agenda.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (any_key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        3 => (prop::sample::select(SEGMENT_KEYS), duration_like())
            .prop_map(|(k, v)| format!("{k} = {v}")),
        3 => prop::sample::select(HEADERS).prop_map(str::to_string),
        1 => phases(),
        1 => prop::collection::vec(string_value(), 0..5)
            .prop_map(|names| format!("members = [{}]", names.join(", "))),
        1 => (any_key(), deep_nesting()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => string_body().prop_map(|s| format!("# {s}")),
        1 => Just(String::new()),
        1 => prop::sample::select(vec!["=", "[", "]]", "{", "\"", "'''", "key =", ". = 1", "a.=1"])
            .prop_map(str::to_string),
    ]
}

/// A whole agenda: a valid-looking head so validation is reached, then random lines, with
/// the line ending, a BOM and the last newline varied.
fn agenda_text() -> impl Strategy<Value = String> {
    let head = prop_oneof![
        Just(String::new()),
        Just("members = [\"Ana\", \"Ben\"]\n".to_string()),
        Just(
            "title = \"T\"\nmembers = [\"Ana\", \"Ben\", \"Chen\"]\nduration = \"1h\"\n"
                .to_string()
        ),
    ];
    (
        head,
        prop::collection::vec(line(), 0..20),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(head, lines, crlf, bom, last_newline)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&head.replace('\n', eol));
            text.push_str(&lines.join(eol));
            if last_newline {
                text.push_str(eol);
            }
            text
        })
}

/// A character that must not reach a terminal raw: C0 but line feed, DEL, C1 (SPEC §3).
fn is_raw_control(c: char) -> bool {
    (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// Whether `text` has nothing but whitespace and comments (what `parse` calls empty).
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// A required part missing from the whole file ("the agenda has no segments") has no one place
/// to point at; every other refusal does.
fn is_about_the_whole_file(message: &str) -> bool {
    message.starts_with("the agenda has no ")
}

/// The properties every input must have.
fn check(text: &str) -> Result<(), TestCaseError> {
    let Err(error) = agenda::parse("fuzz.toml", text, None) else {
        return Ok(());
    };
    let shown = error.to_string();
    let summary = error.summary();
    prop_assert!(
        !shown.chars().any(is_raw_control),
        "raw control character in {shown:?}"
    );
    prop_assert!(
        !summary.chars().any(is_raw_control) && !summary.contains('\n'),
        "summary is not one clean line: {summary:?}"
    );
    if !is_blank(text) && !is_about_the_whole_file(error.message()) {
        prop_assert!(
            error.location().is_some(),
            "no position for {summary:?} in\n{text}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn agenda_shaped_text_never_panics_and_errors_have_a_position(text in agenda_text()) {
        check(&text)?;
    }

    #[test]
    fn a_valid_agenda_with_one_line_inserted_anywhere_is_handled(
        which in 0usize..5,
        at in any::<prop::sample::Index>(),
        inserted in line(),
    ) {
        let names = agenda::templates::names();
        let text = agenda::templates::get(names[which % names.len()]).unwrap_or_default();
        // Insert at a line start, where a person editing the file would.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let at = starts[at.index(starts.len())];
        check(&format!("{}{inserted}\n{}", &text[..at], &text[at..]))?;
    }
}
