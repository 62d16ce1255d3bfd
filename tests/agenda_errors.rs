//! One fixture per agenda rule (`tests/invalid_agendas/`), each checked for its message, its
//! `file:line:col`, the caret line and the help, through `forumtimer::agenda::load`. File-level
//! cases (directory, missing, too large, bad UTF-8) are built in a temporary directory.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use forumtimer::agenda::{self, AgendaError};

/// Where a fixture must fail: expected 1-based line and column, a phrase of the message, a
/// phrase of the help.
type Case = (
    &'static str,
    Option<(usize, usize)>,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    ("unknown_key_with_suggestion", Some((5, 1)), "unknown key `lenght`", "did you mean `length`?"),
    ("unknown_top_level_key", Some((3, 1)), "unknown key `memebers`", "did you mean `members`?"),
    ("unknown_prompt_key", Some((8, 1)), "unknown key `advise`", "did you mean `advice`?"),
    ("wrong_type_title", Some((1, 9)), "expected a string, found integer", "double quotes"),
    ("wrong_type_members", Some((1, 11)), "expected a list", "[\"Ana\", \"Ben\"]"),
    ("bool_as_string", Some((1, 8)), "expected a boolean", "`true` or `false`"),
    ("resources_as_list", Some((2, 13)), "`resources` is a table, not a list", "lines = [\"Crisis line: 000\"]"),
    ("phase_as_list", Some((6, 11)), "a phase is a table, not a list", "{ name = \"Background\", length = \"10m\" }"),
    ("segment_as_single_table", Some((3, 1)), "expected a list", "`[[segment]]`"),
    ("zero_duration", Some((5, 10)), "`length` is zero", "longer than zero"),
    ("negative_duration", Some((5, 8)), "`each` is negative", "longer than zero"),
    ("bare_number", Some((5, 10)), "bare number", "`length = \"5m\"`"),
    ("bare_number_warn", Some((2, 8)), "`warn` is a bare number", "`warn = \"1m\"` (60 seconds"),
    ("not_a_duration", Some((5, 10)), "is not a duration: \"five minutes\"", "\"1h 30m\""),
    ("end_and_duration", Some((2, 7)), "both `duration` and `end`", "keep one"),
    ("bad_end_time", Some((1, 7)), "`end` is not a time of day", "\"21:00\""),
    ("length_and_each", Some((6, 8)), "has both `length` and `each`", "keep exactly one"),
    ("neither_length_each_nor_phases", Some((4, 8)), "needs `length` or `each` or `phases`", "keep exactly one"),
    ("phase_with_length_and_each", Some((8, 44)), "phase `Shares` has both `length` and `each`", "keep one"),
    ("skip_speaker_on_a_block_phase", Some((6, 65)), "`skip_speaker` applies only", "remove `skip_speaker`"),
    ("bad_order_value", Some((6, 9)), "unknown order \"random\"", "\"shuffle\""),
    ("order_on_a_block", Some((6, 9)), "`order` applies only to rounds", "`each`"),
    ("empty_member_name", Some((1, 19)), "the 2nd name in `members` is empty", "write a name"),
    ("duplicate_member", Some((1, 26)), "`ana` appears twice", "unique, ignoring case"),
    ("invisible_member_name", Some((1, 19)), "the 2nd name in `members` is empty", "only invisible characters"),
    ("invisible_duplicate_member", Some((1, 19)), "`Ana` appears twice", "invisible characters"),
    ("lone_combining_mark", Some((1, 19)), "starts with the combining mark U+0301", "the letter it belongs to"),
    ("no_members", Some((1, 11)), "no members", "add at least one member"),
    ("speaker_not_a_member", Some((5, 11)), "speaker `Dana` is not among the agenda's `members`", "members: Ana, Ben, Chidi"),
    ("spotlight_without_speaker", Some((5, 10)), "has no `speaker`", "speaker = \"NAME\""),
    ("fixed_blocks_do_not_fit", Some((1, 12)), "fixed blocks take 3h 10m but the meeting lasts 3h: 10m too much", "shorten"),
    ("empty", None, "the agenda is empty", "forumtimer new"),
    ("no_segments", None, "no segments", "[[segment]]"),
    ("missing_segment_name", Some((3, 1)), "missing key `name`", "name = \"Opening\""),
    ("empty_segment_name", Some((4, 8)), "segment `name` is empty", "write some text"),
    ("control_char_escape_in_string", Some((1, 9)), "U+001B (escape)", "remove it"),
    ("tab_in_string", Some((4, 8)), "U+0009 (tab)", "remove it"),
    ("bidi_override", Some((2, 23)), "bidi control character U+202E", "remove it"),
    ("raw_control_char_in_comment", Some((2, 28)), "U+001B (escape)", "remove it"),
    ("deep_nesting", Some((2, 37)), "nested too deeply", "only a few levels"),
    ("deep_inline_tables", Some((2, 197)), "nested too deeply", "only a few levels"),
    ("invalid_toml_syntax", Some((2, 15)), "invalid TOML", "check the syntax"),
    ("too_many_members", Some((1, 1302)), "lists 101 names; an agenda can have at most 100 members", "split the group"),
    ("too_many_segments", Some((403, 1)), "has 101 segments; at most 100", "split this agenda"),
    ("duplicate_key", Some((2, 1)), "duplicate key `title`", "only once"),
    ("single_then_double_segment", Some((4, 1)), "`[segment]` has single brackets", "did you mean `[[segment]]`?"),
];

fn fixture(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/invalid_agendas")
        .join(format!("{stem}.toml"))
}

/// Nothing a diagnostic prints may change the terminal: no control character but newlines.
fn assert_printable(text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "diagnostic echoes a control character:\n{text}");
}

fn load_err(path: &Path) -> AgendaError {
    match agenda::load(path, None) {
        Ok(_) => panic!("{} should be refused", path.display()),
        Err(error) => error,
    }
}

#[test]
fn every_fixture_fails_with_its_message_place_and_help() {
    for &(stem, location, message, help) in CASES {
        let path = fixture(stem);
        let error = load_err(&path);
        let shown = error.to_string();
        assert_eq!(error.location(), location, "{stem}:\n{shown}");
        assert!(
            error.message().contains(message),
            "{stem}: message\n{shown}"
        );
        assert!(shown.contains("= help: "), "{stem}: no help line\n{shown}");
        assert!(
            error.help().is_some_and(|h| h.contains(help)),
            "{stem}: help\n{shown}"
        );
        let place = match location {
            Some((line, column)) => format!("{}:{line}:{column}", path.display()),
            None => path.display().to_string(),
        };
        assert!(
            shown.contains(&format!("--> {place}")),
            "{stem}: origin\n{shown}"
        );
        assert!(
            error.summary().starts_with(&place),
            "{stem}: {}",
            error.summary()
        );
        assert!(
            !error.summary().contains('\n'),
            "{stem}: summary is one line"
        );
        if let Some((line, _)) = location {
            assert!(
                shown.contains(&format!("{line} | ")),
                "{stem}: source line\n{shown}"
            );
            assert!(shown.contains('^'), "{stem}: caret\n{shown}");
        }
        assert_printable(&shown);
        assert_printable(&error.summary());
    }
}

#[test]
fn every_fixture_file_is_in_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_agendas");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            CASES.iter().any(|case| case.0 == stem),
            "{stem} has no expectation"
        );
    }
}

#[test]
fn a_directory_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_err(dir.path());
    assert!(error.message().contains("is a directory"), "{error}");
    assert_eq!(error.location(), None);
}

#[test]
fn a_missing_file_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let error = load_err(&dir.path().join("nope.toml"));
    assert!(error.message().contains("no such file"), "{error}");
    assert!(
        error.help().is_some_and(|h| h.contains("forumtimer new")),
        "{error}"
    );
}

#[test]
fn a_file_over_one_mebibyte_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, "#".repeat(2 * 1024 * 1024)).unwrap();
    let error = load_err(&path);
    assert!(error.message().contains("too large: 2.0 MiB"), "{error}");
}

#[test]
fn a_file_of_exactly_one_mebibyte_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("padded.toml");
    let body = forumtimer::agenda::templates::get("quick-check-in").unwrap();
    let padding = "#".repeat(1024 * 1024 - body.len() - 1);
    std::fs::write(&path, format!("{body}{padding}\n")).unwrap();
    assert!(agenda::load(&path, None).is_ok());
}

#[test]
fn invalid_utf8_names_the_line_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"members = [\"Ana\"]\ntitle = \"Caf\xe9 \x1b\"\n").unwrap();
    let error = load_err(&path);
    assert!(
        error.message().contains("not valid UTF-8 (line 2)"),
        "{error}"
    );
    assert_eq!(error.location(), Some((2, 13)));
    assert_printable(&error.to_string());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fifo.toml");
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: `c_path` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let error = load_err(&path);
    assert!(error.message().contains("not a regular file"), "{error}");
}

#[test]
fn crlf_and_bom_keep_line_and_column_right() {
    let text =
        "\u{feff}members = [\"Ana\"]\r\n\r\n[[segment]]\r\nname = \"A\"\r\nlenght = \"3m\"\r\n";
    let error = agenda::parse("crlf.toml", text, None).unwrap_err();
    assert_eq!(error.location(), Some((5, 1)));
    assert!(
        error.to_string().contains("5 | lenght = \"3m\"\n"),
        "{error}"
    );
}

const WITH_SPEAKER: &str = "members = [\"Ana\", \"Ben\"]\n[[segment]]\nname = \"P\"\n\
                            speaker = \"Ben\"\nphases = [{ name = \"B\", length = \"5m\" }]\n";

#[test]
fn members_from_the_command_line_replace_the_file_before_validation() {
    let given = agenda::parse_members("Ana, Ben , Chidi").unwrap();
    let agenda = agenda::parse("m.toml", WITH_SPEAKER, Some(&given)).unwrap();
    assert_eq!(agenda.members, ["Ana", "Ben", "Chidi"]);
}

#[test]
fn a_speaker_missing_from_members_on_the_command_line_says_so() {
    let given = agenda::parse_members("Ana,Chidi").unwrap();
    let error = agenda::parse("m.toml", WITH_SPEAKER, Some(&given)).unwrap_err();
    assert!(
        error
            .message()
            .contains("not among the members given with --members"),
        "{error}"
    );
    assert_eq!(error.location(), Some((4, 11)));
}

#[test]
fn member_lists_on_the_command_line_follow_the_name_rules() {
    for (list, phrase) in [
        ("", "lists no one"),
        ("Ana,,Ben", "the 2nd name in --members is empty"),
        ("Ana,Ben,", "the 3rd name in --members is empty"),
        ("Ana,ANA", "appears twice"),
        ("Ana,B\u{1b}[31men", "U+001B"),
    ] {
        let error = agenda::parse_members(list).unwrap_err();
        assert!(error.message().contains(phrase), "{list:?}: {error}");
        assert_eq!(error.origin(), "--members");
        assert_printable(&error.to_string());
    }
}

/// The tester's agenda (SPEC §3, §5): a name with an invisible character after it and a name
/// of nothing visible both passed `check`, and `plan` listed "Ana" twice and a blank speaker.
#[test]
fn the_binary_refuses_names_that_only_invisible_characters_tell_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forum.toml");
    std::fs::write(
        &path,
        "members = [\"Ana\", \"Ana\\u200b\", \"\\u2060\", \"Ben\"]\n\
         [[segment]]\nname = \"Updates\"\neach = \"3m\"\n",
    )
    .unwrap();
    let forumtimer = || assert_cmd::Command::cargo_bin("forumtimer").unwrap();
    let output = forumtimer().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    for part in [
        &format!("--> {}:1:19", path.display()),
        "1 | members = [\"Ana\", \"Ana\\u200b\"",
        "^",
        "`Ana` appears twice in `members` (as `Ana` too)",
        "= help: ",
    ] {
        assert!(stderr.contains(part), "no {part:?} in:\n{stderr}");
    }
    assert_printable(&stderr);
    for (list, phrase) in [
        ("Ana\u{200b},Ana", "`Ana` appears twice in --members"),
        ("Ana,\u{2060}", "the 2nd name in --members is empty"),
        ("Ana,\u{301}Ben", "starts with the combining mark U+0301"),
    ] {
        let output = forumtimer()
            .args(["plan", "--start", "19:00", "--members", list])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{list:?}: {stderr}");
        assert!(stderr.contains(phrase), "{list:?}: {stderr}");
        assert_printable(&stderr);
    }
}

#[test]
fn a_title_or_segment_name_of_invisible_characters_is_empty() {
    for (text, message) in [
        (
            "title = \"\\u200b\\ufeff\"\nmembers = [\"Ana\"]\n[[segment]]\nname = \"S\"\nlength = \"3m\"\n",
            "`title` is empty",
        ),
        (
            "members = [\"Ana\"]\n[[segment]]\nname = \" \\u2060 \"\nlength = \"3m\"\n",
            "segment `name` is empty",
        ),
    ] {
        let error = agenda::parse("t.toml", text, None).unwrap_err();
        assert!(error.message().contains(message), "{error}");
    }
}

#[test]
fn a_title_is_optional_and_defaults_to_forum() {
    let agenda = agenda::parse("t.toml", WITH_SPEAKER, None).unwrap();
    assert_eq!(agenda.title, agenda::DEFAULT_TITLE);
    assert!(agenda.reset_pauses);
    assert!(!agenda.bell);
}

#[test]
fn a_file_name_with_control_characters_is_escaped_in_messages() {
    let error = agenda::parse("evil\u{1b}]0;x\u{7}.toml", "", None).unwrap_err();
    assert_printable(&error.to_string());
    assert_printable(&error.summary());
}
