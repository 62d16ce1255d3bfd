//! Two meetings rehearsed back to back with a history folder (SPEC §13), in a real terminal:
//! the second starts its round one seat later and puts in the spotlight the member who
//! presented least recently; then `history` shows both and `plan` the third.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use support::pty::Session;

const AGENDA: &str = r#"
title = "Monthly forum"
members = ["Ana", "Ben", "Chidi"]

[[segment]]
name = "Updates"
each = "5m"
order = "rotate"

[[segment]]
name = "Presentation"
speaker = "next"
phases = [
  { name = "Background", length = "10m" },
  { name = "Shares", each = "2m", skip_speaker = true },
]
"#;

/// Rehearses one meeting at high speed: checks the opening screen says `expected`, starts,
/// checks who speaks first, moves through every slot, and leaves the summary.
fn rehearse(agenda: &Path, history: &Path, state: &Path, expected: &[&str], first: &str) {
    let mut session = Session::start(
        &[
            "run",
            agenda.to_str().unwrap(),
            "--speed",
            "600",
            "--history",
            history.to_str().unwrap(),
        ],
        100,
        30,
        state,
    );
    let opening = session.wait_for("enter start");
    for line in expected {
        assert!(
            opening.contains(line),
            "the opening lacks {line:?}:\n{opening}"
        );
    }
    session.press("\r");
    session.wait_until(
        |screen| screen.contains(first) && screen.contains("Updates"),
        first,
    );
    for _ in 0..8 {
        session.press("n");
    }
    // The controller ends on its closing card (issue 14); `d` would show the balances.
    session.wait_for("Ended ");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
}

/// Records are ordered by their start, to the second: the next meeting starts a second later.
fn next_second() {
    let now = chrono::Local::now();
    let wait = 1_000 - i64::from(now.timestamp_subsec_millis()) + 50;
    std::thread::sleep(Duration::from_millis(u64::try_from(wait).unwrap()));
}

fn forumtimer(args: &[&str]) -> String {
    let output = Command::cargo_bin("forumtimer")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn two_rehearsed_meetings_rotate_the_round_and_the_presenter() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    fs::write(&agenda, AGENDA).unwrap();
    let history = dir.path().join("history");
    let state = dir.path().join("state");

    rehearse(
        &agenda,
        &history,
        &state,
        &[
            "Updates start with Ana — no earlier meeting in the history had this round",
            "Ana presents — has not presented in the history kept",
        ],
        "Ana",
    );
    next_second();
    rehearse(
        &agenda,
        &history,
        &state,
        &[
            "Updates start with Ben — Ana started last time",
            "Ben presents — has not presented in the history kept",
        ],
        "Ben",
    );

    let files: Vec<String> = fs::read_dir(&history)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");

    let dir_arg = history.to_str().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&forumtimer(&["history", dir_arg, "--format", "json"])).unwrap();
    assert_eq!(json["meetings"].as_array().unwrap().len(), 2);
    assert!(json["skipped"].as_array().unwrap().is_empty());
    let member = |name: &str| {
        json["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()
            .clone()
    };
    let (ana, ben, chidi) = (member("Ana"), member("Ben"), member("Chidi"));
    assert_eq!(ana["meetings"], 2);
    assert_eq!(
        (&ana["first_in_rounds"], &ben["first_in_rounds"]),
        (&1.into(), &1.into())
    );
    assert_eq!(
        (&ana["presentations"], &ben["presentations"]),
        (&1.into(), &1.into())
    );
    assert_eq!(chidi["presentations"], 0);
    // Ana, Ben, Chidi then Ben, Chidi, Ana: Chidi last once, Ana last once.
    assert_eq!(
        (&chidi["last_in_rounds"], &ana["last_in_rounds"]),
        (&1.into(), &1.into())
    );

    let text = forumtimer(&["history", dir_arg]);
    assert!(text.contains("2 meeting(s)"), "{text}");
    assert_eq!(text.matches(" ended ").count(), 2, "{text}");

    let plan = forumtimer(&[
        "plan",
        agenda.to_str().unwrap(),
        "--history",
        dir_arg,
        "--start",
        "19:00",
    ]);
    assert!(
        plan.contains("Updates start with Chidi — Ben started last time"),
        "{plan}"
    );
    assert!(
        plan.contains("Chidi presents — has not presented"),
        "{plan}"
    );
}

fn kept(history: &Path) -> Vec<serde_json::Value> {
    fs::read_dir(history)
        .unwrap()
        .map(|e| serde_json::from_slice(&fs::read(e.unwrap().path()).unwrap()).unwrap())
        .collect()
}

#[test]
fn a_quit_meeting_is_kept_as_stopped_and_replaced_when_resumed_and_ended() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    fs::write(&agenda, AGENDA).unwrap();
    let history = dir.path().join("history");
    let state = dir.path().join("state");
    let (agenda_arg, history_arg) = (agenda.to_str().unwrap(), history.to_str().unwrap());
    rehearse(&agenda, &history, &state, &["Ana presents"], "Ana");
    next_second();
    let mut args = vec![
        "run",
        agenda_arg,
        "--speed",
        "600",
        "--history",
        history_arg,
    ];
    let mut session = Session::start(&args, 100, 30, &state);
    session.wait_for("Updates start with Ben");
    session.press("\r");
    session.press("n");
    session.press("q");
    session.wait_for("End the meeting?");
    session.press("y");
    // The controller ends on its closing card (issue 14); `d` would show the balances.
    session.wait_for("Ended ");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    let quit: Vec<_> = kept(&history)
        .into_iter()
        .filter(|r| r["finished"] == false)
        .collect();
    assert_eq!(quit.len(), 1);
    let text = forumtimer(&["history", history_arg]);
    assert!(text.contains(" stopped "), "{text}");

    args.push("--resume");
    let mut session = Session::start(&args, 100, 30, &state);
    session.wait_for("Resumed");
    for _ in 0..8 {
        session.press("n");
    }
    // The controller ends on its closing card (issue 14); `d` would show the balances.
    session.wait_for("Ended ");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    let ended = kept(&history);
    assert_eq!(ended.len(), 2, "the resumed meeting replaced its own entry");
    assert!(ended.iter().all(|r| r["finished"] == true));
    // The resumed meeting kept the order it started with, though the history now held it.
    let turns: Vec<_> = ended
        .iter()
        .map(|r| r["segments"][0]["turns"].clone())
        .collect();
    assert!(
        turns.contains(&serde_json::json!(["Ben", "Chidi", "Ana"])),
        "{turns:?}"
    );
}
