//! The history folder (SPEC §13) through the library and the binary: what is written reads
//! back, damaged or foreign files are skipped and said, never fatal, and `forumtimer history`
//! and `plan` read it.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, TimeZone};
use forumtimer::domain::history::record::{
    Kind, MemberRecord, Record, Resets, SegmentRecord, VERSION,
};
use forumtimer::history;
use predicates::prelude::*;
use proptest::prelude::*;

fn forumtimer() -> Command {
    let mut command = Command::cargo_bin("forumtimer").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn at(days: i64, offset_hours: i32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(offset_hours * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 5, 19, 0, 0)
        .unwrap()
        + chrono::TimeDelta::days(days)
}

/// A meeting of Ana, Ben and Chidi on day `days`: `first` starts the round, `presenter`
/// presents.
fn meeting(days: i64, first: usize, presenter: &str) -> Record {
    let names = ["Ana", "Ben", "Chidi"];
    let turns = (0..3).map(|i| names[(first + i) % 3].to_string()).collect();
    Record {
        version: VERSION,
        start: at(days, 1),
        planned_end: at(days, 1) + chrono::TimeDelta::hours(2),
        actual_end: at(days, 1) + chrono::TimeDelta::minutes(124),
        finished: true,
        members: names
            .iter()
            .map(|name| MemberRecord {
                name: (*name).to_string(),
                present: true,
                spoken_seconds: 600,
                allotted_seconds: 540,
                turns: 2,
                passed: 0,
            })
            .collect(),
        segments: vec![
            SegmentRecord {
                name: "Updates".into(),
                kind: Kind::Round,
                planned_seconds: 900,
                actual_seconds: 960,
                turns,
                presenter: None,
            },
            SegmentRecord {
                name: "Presentation".into(),
                kind: Kind::Spotlight,
                planned_seconds: 1800,
                actual_seconds: 1800,
                turns: Vec::new(),
                presenter: Some(presenter.to_string()),
            },
        ],
        resets: Resets {
            advice: 2,
            ..Resets::default()
        },
        wrap_ups: 0,
    }
}

const AGENDA: &str = r#"
title = "Forum"
members = ["Ana", "Ben", "Chidi"]
history = "history"

[[segment]]
name = "Updates"
each = "5m"
order = "rotate"

[[segment]]
name = "Presentation"
speaker = "next"
phases = [{ name = "Background", length = "10m" }]
"#;

fn member(name: &str, spoken: u64) -> impl Strategy<Value = MemberRecord> {
    let name = name.to_string();
    (any::<bool>(), 0..spoken, 0..spoken, 0u32..5, 0u32..5).prop_map(
        move |(present, spoken_seconds, allotted_seconds, turns, passed)| MemberRecord {
            name: name.clone(),
            present,
            spoken_seconds,
            allotted_seconds,
            turns,
            passed,
        },
    )
}

fn record() -> impl Strategy<Value = Record> {
    let names = ["Ana", "Ben", "Chidi", "Dana | Lee", "Éva"];
    (
        0i64..3650,
        -12i32..=14,
        any::<bool>(),
        proptest::collection::vec(0usize..5, 0..6),
        proptest::option::of(0usize..5),
        any::<[u8; 6]>(),
        names.map(|n| member(n, 100_000)),
    )
        .prop_map(
            move |(days, offset, finished, turns, presenter, resets, members)| {
                let resets = resets.map(u32::from);
                Record {
                    version: VERSION,
                    start: at(days, offset),
                    planned_end: at(days, offset) + chrono::TimeDelta::hours(3),
                    actual_end: at(days, offset) + chrono::TimeDelta::seconds(days * 7),
                    finished,
                    members: members.to_vec(),
                    segments: vec![SegmentRecord {
                        name: "Updates".into(),
                        kind: if presenter.is_some() {
                            Kind::Spotlight
                        } else {
                            Kind::Round
                        },
                        planned_seconds: 900,
                        actual_seconds: 901,
                        turns: turns.iter().map(|&i| names[i].to_string()).collect(),
                        presenter: presenter.map(|i| names[i].to_string()),
                    }],
                    resets: Resets::from_counts(resets),
                    wrap_ups: 0,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any sequence of meetings written to a folder reads back whole, oldest first.
    #[test]
    fn the_folder_gives_back_every_meeting_kept(
        records in proptest::collection::vec(record(), 0..8)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("history");
        for (n, record) in records.iter().enumerate() {
            history::write(&folder, record, &format!("{n:06x}")).unwrap();
        }
        let read = history::read(&folder).unwrap();
        prop_assert!(read.skipped.is_empty());
        let mut expected = records.clone();
        expected.sort_by_key(|r| r.start);
        let got: Vec<DateTime<FixedOffset>> = read.records().iter().map(|r| r.start).collect();
        prop_assert_eq!(got, expected.iter().map(|r| r.start).collect::<Vec<_>>());
        for record in &records {
            prop_assert!(read.records().contains(record));
        }
        prop_assert_eq!(read.entries.len(), records.len());
    }
}

#[test]
fn the_same_meeting_written_again_replaces_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut quit = meeting(0, 0, "Ana");
    quit.finished = false;
    history::write(dir.path(), &quit, "abcdef").unwrap();
    // Resumed the next minute and ended: one entry, the finished one.
    let mut ended = meeting(0, 0, "Ana");
    ended.start += chrono::TimeDelta::minutes(1);
    history::write(dir.path(), &ended, "abcdef").unwrap();
    history::write(dir.path(), &meeting(30, 1, "Ben"), "123456").unwrap();
    let read = history::read(dir.path()).unwrap();
    assert_eq!(read.records(), [ended, meeting(30, 1, "Ben")]);
    let names: Vec<&str> = read.entries.iter().map(|e| e.file.as_str()).collect();
    assert!(names[0].ends_with("_abcdef.json"), "{names:?}");
}

#[test]
fn damaged_foreign_and_linked_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    history::write(dir.path(), &meeting(0, 0, "Ana"), "aaaaaa").unwrap();
    fs::write(dir.path().join("torn.json"), "{\"version\": 1, \"start\": ").unwrap();
    let future = meeting(1, 0, "Ana")
        .to_json()
        .replace("\"version\": 1", "\"version\": 2");
    fs::write(dir.path().join("future.json"), future).unwrap();
    let escape = meeting(2, 0, "Ana")
        .to_json()
        .replace("\"Ben\"", "\"B\\u001b[2Jen\"");
    fs::write(dir.path().join("escape.json"), escape).unwrap();
    fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
    fs::write(dir.path().join(".forumtimer-x.tmp"), "mid-write").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("real.json");
    fs::write(&target, meeting(3, 0, "Ana").to_json()).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.json")).unwrap();
    fs::create_dir(dir.path().join("folder.json")).unwrap();

    let read = history::read(dir.path()).unwrap();
    assert_eq!(read.records(), [meeting(0, 0, "Ana")]);
    let skipped: Vec<(&str, &str)> = read
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    let reason = |file: &str| skipped.iter().find(|s| s.0 == file).unwrap().1;
    assert!(reason("torn.json").starts_with("not a forumtimer report"));
    assert_eq!(
        reason("future.json"),
        "format version 2, this forumtimer reads version 1"
    );
    assert_eq!(reason("escape.json"), "a name holds control characters");
    assert_eq!(reason("link.json"), "a link, not a file");
    assert_eq!(reason("folder.json"), "not a regular file");

    // The command says the same and still succeeds.
    forumtimer()
        .arg("history")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("1 meeting(s)"))
        .stdout(predicate::str::contains("Skipped"))
        .stdout(predicate::str::contains(
            "torn.json: not a forumtimer report",
        ))
        .stdout(predicate::str::contains("\u{1b}").not());
}

#[test]
fn history_shows_each_member_and_each_meeting() {
    let dir = tempfile::tempdir().unwrap();
    history::write(dir.path(), &meeting(0, 0, "Ana"), "aaaaaa").unwrap();
    history::write(dir.path(), &meeting(28, 1, "Ben"), "bbbbbb").unwrap();
    let output = forumtimer()
        .arg("history")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("2 meeting(s), 2026-01-05 to 2026-02-02"),
        "{text}"
    );
    let ana = text
        .lines()
        .find(|l| l.trim_start().starts_with("Ana"))
        .unwrap();
    // Two meetings, 20:00 spoken of 18:00 allotted, first once, last once (Ana in 2nd).
    for part in ["20:00 / 18:00", "+2:00", "1 (last 2026-01-05)"] {
        assert!(ana.contains(part), "{ana:?} lacks {part:?}");
    }
    assert!(ana.contains('█') && ana.contains('▓'), "{ana}");
    assert!(
        text.contains(
            "2026-01-05 19:00  ended 21:04, 4 min after the planned 21:00 · first: Updates Ana \
             · presented: Ana · resets: advice 2"
        ),
        "{text}"
    );

    let output = forumtimer()
        .args(["history", "--format", "json", "--since", "2026-01-20"])
        .arg(dir.path())
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(value["members"][1]["name"], "Ben");
    assert_eq!(value["members"][1]["first_in_rounds"], 1);
    assert_eq!(value["members"][1]["presentations"], 1);
    assert_eq!(value["members"][1]["last_presented"], "2026-02-02");
    assert_eq!(value["members"][0]["spoken_seconds"], 600);
}

#[test]
fn history_takes_an_agenda_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    fs::write(&agenda, AGENDA).unwrap();
    forumtimer()
        .arg("history")
        .arg(&agenda)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no history folder at"))
        .stderr(predicate::str::contains("history"));
    history::write(&dir.path().join("history"), &meeting(0, 0, "Ana"), "aaaaaa").unwrap();
    forumtimer()
        .arg("history")
        .arg(&agenda)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 meeting(s)"));
    forumtimer()
        .arg("history")
        .assert()
        .failure()
        .stderr(predicate::str::contains("name the history folder"));
    forumtimer()
        .args(["history", "--since", "March"])
        .arg(dir.path().join("history"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("write it like 2026-03-14"));
}

#[test]
fn plan_says_who_presents_and_where_the_round_starts_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    fs::write(&agenda, AGENDA).unwrap();
    let plan = |agenda: &Path| {
        let output = forumtimer()
            .args(["plan", "--start", "19:00"])
            .arg(agenda)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let first = plan(&agenda);
    assert!(
        first.contains("Updates start with Ana — no earlier meeting"),
        "{first}"
    );
    assert!(
        first.contains("Ana presents — has not presented"),
        "{first}"
    );
    let folder = dir.path().join("history");
    history::write(&folder, &meeting(0, 0, "Ana"), "aaaaaa").unwrap();
    history::write(&folder, &meeting(28, 1, "Ben"), "bbbbbb").unwrap();
    let third = plan(&agenda);
    assert!(
        third.contains("Updates start with Chidi — Ben started last time"),
        "{third}"
    );
    assert!(
        third.contains("Chidi presents — has not presented"),
        "{third}"
    );
    let rows: Vec<&str> = third.lines().filter(|l| l.contains("Updates  ")).collect();
    assert!(
        rows[0].ends_with("Chidi") && rows[1].ends_with("Ana"),
        "{rows:?}"
    );
    // With --members the absent are not considered, and the presenter says when they last did.
    let output = forumtimer()
        .args(["plan", "--start", "19:00", "--members", "Ana,Ben"])
        .arg(&agenda)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Ana presents — last presented 5 January"),
        "{text}"
    );
}

#[test]
fn the_agenda_accepts_rotate_next_and_a_history_folder() {
    use forumtimer::agenda;
    use forumtimer::domain::agenda::{Order, SegmentKind, Speaker};
    let parsed = agenda::parse("forum.toml", AGENDA, None).unwrap();
    assert!(matches!(
        parsed.segments[0].kind,
        SegmentKind::Round {
            order: Order::Rotate,
            ..
        }
    ));
    assert!(matches!(
        parsed.segments[1].kind,
        SegmentKind::Spotlight {
            speaker: Speaker::Next,
            ..
        }
    ));
    assert_eq!(parsed.history.as_deref(), Some(Path::new("history")));
    let home = AGENDA.replace("\"history\"", "\"~/forum/history\"");
    let parsed = agenda::parse("forum.toml", &home, None).unwrap();
    assert_eq!(
        parsed.history.unwrap(),
        dirs::home_dir().unwrap().join("forum/history")
    );
    let without = AGENDA.replace("history = \"history\"", "");
    assert_eq!(
        agenda::parse("forum.toml", &without, None).unwrap().history,
        None
    );
}

#[test]
fn history_and_order_mistakes_say_what_to_write() {
    use forumtimer::agenda;
    let other_home = AGENDA.replace("\"history\"", "\"~ana/history\"");
    let error = agenda::parse("forum.toml", &other_home, None).unwrap_err();
    assert!(error.message().contains("`~/`"), "{}", error.message());
    assert_eq!(error.location().map(|(line, _)| line), Some(4));
    let empty = AGENDA.replace("\"history\"", "\" \"");
    assert!(agenda::parse("forum.toml", &empty, None).is_err());
    let typo = AGENDA.replace("\"rotate\"", "\"rotat\"");
    let error = agenda::parse("forum.toml", &typo, None).unwrap_err();
    assert_eq!(error.help(), Some("did you mean \"rotate\"?"));
    let historie = AGENDA.replace("history =", "histroy =");
    let error = agenda::parse("forum.toml", &historie, None).unwrap_err();
    assert!(
        error.help().unwrap_or_default().contains("history"),
        "{error}"
    );
}

#[test]
fn a_relative_history_folder_belongs_to_the_agendas_folder() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    fs::write(&agenda, AGENDA).unwrap();
    history::write(&dir.path().join("history"), &meeting(0, 0, "Ana"), "aaaaaa").unwrap();
    // Run from elsewhere: the agenda's own folder holds its history.
    forumtimer()
        .current_dir(std::env::temp_dir())
        .args(["plan", "--start", "19:00"])
        .arg(&agenda)
        .assert()
        .success()
        .stdout(predicate::str::contains("Ana started last time"));
}

/// Makes a FIFO at `path`: a path that exists and is not a folder, and blocks whoever opens it.
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo only reads the NUL-terminated name we own.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_history_that_cannot_be_read_is_a_warning_and_plan_goes_on_without() {
    for make in [
        (|path: &Path| fs::write(path, "not a folder").unwrap()) as fn(&Path),
        fifo,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let agenda = dir.path().join("forum.toml");
        fs::write(&agenda, AGENDA).unwrap();
        let history = dir.path().join("history");
        make(&history);
        let output = forumtimer()
            .args(["plan", "--start", "19:00"])
            .arg(&agenda)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            stderr,
            format!(
                "forumtimer: warning: the history path {} is not a folder — planning without history\n",
                history.display()
            )
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("no earlier meeting"), "{stdout}");
    }
}

#[test]
fn history_of_a_path_that_is_no_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fifo");
    fifo(&path);
    forumtimer()
        .arg("history")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(format!(
            "forumtimer: the history path {} is not a folder\n",
            path.display()
        ));
}
