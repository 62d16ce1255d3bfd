//! The command line as a user meets it: the built binary, its output and its exit codes.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn forumtimer() -> Command {
    let mut command = Command::cargo_bin("forumtimer").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

#[test]
fn plan_prints_every_slot_with_its_clock_time() {
    forumtimer()
        .args(["plan", "--start", "19:00", "--members", "Ana,Ben"])
        .assert()
        .success()
        .stdout(predicate::str::contains("19:00"))
        .stdout(predicate::str::contains("Ana"))
        .stdout(predicate::str::contains("end"));
}

#[test]
fn plan_json_is_the_object_of_the_spec() {
    let output = forumtimer()
        .args([
            "plan",
            "--start",
            "19:00",
            "--duration",
            "3h",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["start"], "19:00");
    assert_eq!(plan["end"], "22:00");
    assert_eq!(plan["total_seconds"], 10_800);
    let slots = plan["slots"].as_array().unwrap();
    let first = &slots[0];
    assert_eq!(first["kind"], "block");
    assert_eq!(first["member"], Value::Null);
    assert_eq!(first["start"], "19:00");
    let turn = slots.iter().find(|s| s["kind"] == "turn").unwrap();
    assert!(turn["member"].is_string());
    assert!(turn["phase"].is_null());
    let total: u64 = slots.iter().map(|s| s["seconds"].as_u64().unwrap()).sum();
    assert_eq!(total, 10_800, "slots fill the meeting to the second");
}

#[test]
fn plan_shares_a_shorter_meeting_equally() {
    let output = forumtimer()
        .args([
            "plan", "--start", "18:00", "--end", "19:00", "--format", "json",
        ])
        .args(["--members", "Ana,Ben,Chidi"])
        .output()
        .unwrap();
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    let updates: Vec<u64> = plan["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["segment"] == "Updates")
        .map(|s| s["seconds"].as_u64().unwrap())
        .collect();
    assert_eq!(updates.len(), 3);
    // Equal to the second where the round's printed span divides by three; here it does not,
    // and the lengths must still meet the printed starts, so they are one second apart at most.
    let (low, high) = (updates.iter().min(), updates.iter().max());
    assert!(high.unwrap() - low.unwrap() <= 1, "{updates:?}");
}

#[test]
fn plan_of_every_shipped_agenda_ends_at_its_end() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/agendas")).unwrap() {
        let path = entry.unwrap().path();
        let output = forumtimer()
            .args(["plan", "--start", "18:00", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", path.display());
        let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
        let slots = plan["slots"].as_array().unwrap();
        let total: u64 = slots.iter().map(|s| s["seconds"].as_u64().unwrap()).sum();
        // Each length is the difference of two printed starts: they add up to the second.
        assert_eq!(
            total,
            plan["total_seconds"].as_u64().unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_presenter_chosen_in_the_room_is_not_planned_a_share_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("spotlight.toml");
    std::fs::write(
        &agenda,
        r#"title = "Spot"
duration = "60m"
members = ["Ana", "Ben", "Chidi", "Dana"]
[[segment]]
name = "Spotlight"
speaker = "choose"
phases = [
  { name = "Story", length = "10m" },
  { name = "Shares", each = "5m", skip_speaker = true },
]
[[segment]]
name = "Closing"
each = "3m"
"#,
    )
    .unwrap();
    let output = forumtimer()
        .args(["plan", "--start", "18:00", "--format", "json"])
        .arg(&agenda)
        .output()
        .unwrap();
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    let shares: Vec<u64> = plan["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["phase"] == "Shares")
        .map(|s| s["seconds"].as_u64().unwrap())
        .collect();
    // 50 minutes for members, 27 planned (three shares of 5, four closing turns of 3): 9:15.6
    // each, 27:47 for the three as printed (10:00 to 37:47), so one of them prints 9:15.
    assert_eq!(shares, vec![556, 555, 556], "three shares happen, not four");
    assert_eq!(plan["end"], "19:00");
    let text = forumtimer()
        .args(["plan", "--start", "18:00"])
        .arg(&agenda)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Spotlight · Shares has no turn for the presenter"),
        "{text}"
    );
}

#[test]
fn an_end_that_has_passed_is_refused_in_one_line() {
    forumtimer()
        .args(["plan", "--start", "21:05", "--end", "21:00"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already passed"));
}

#[test]
fn fixed_blocks_longer_than_the_meeting_say_by_how_much() {
    forumtimer()
        .args(["plan", "--start", "19:00", "--duration", "20m"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("too much"));
}

#[test]
fn a_bad_duration_flag_says_how_to_write_one() {
    forumtimer()
        .args(["plan", "--duration", "5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--duration"))
        // A meeting of five minutes is no meeting: a bare 5 is read as hours.
        .stderr(predicate::str::contains("for 5 hours write 5h"));
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    forumtimer()
        .args(["plan", "--frobnicate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
}

#[test]
fn end_and_duration_together_is_a_usage_error() {
    forumtimer()
        .args(["plan", "--end", "21:00", "--duration", "1h"])
        .assert()
        .code(2);
    // The usage shown is the command's own: the agenda stays optional, whatever was typed.
    for command in ["plan", "run", "simulate"] {
        forumtimer()
            .args([command, "agendas/classic-forum.toml"])
            .args(["--end", "21:00", "--duration", "1h"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot be used with"))
            .stderr(predicate::str::contains(format!(
                "Usage: forumtimer {command} [OPTIONS] [AGENDA]"
            )))
            .stderr(predicate::str::contains("<AGENDA>").not());
    }
}

#[test]
fn run_refuses_when_stdout_is_not_a_terminal() {
    forumtimer()
        .arg("run")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn show_refuses_when_stdout_is_not_a_terminal() {
    forumtimer()
        .arg("show")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`forumtimer show` needs a terminal",
        ));
}

#[test]
fn new_writes_a_template_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.toml");
    forumtimer()
        .args(["new", "--template", "support-circle", "--output"])
        .arg(&path)
        .assert()
        .success();
    forumtimer().arg("check").arg(&path).assert().success();
}

#[test]
fn new_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.toml");
    std::fs::write(&path, "keep me").unwrap();
    forumtimer()
        .args(["new", "--output"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    forumtimer()
        .args(["new", "--force", "--output"])
        .arg(&path)
        .assert()
        .success();
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn new_names_the_templates_when_one_is_unknown() {
    forumtimer()
        .args(["new", "--template", "nope"])
        .assert()
        // A bad flag value is a one-line failure (README: exit codes), like --duration 0m.
        .code(1)
        .stderr(predicate::str::contains("support-circle"));
}

#[test]
fn check_accepts_every_shipped_agenda() {
    let mut command = forumtimer();
    command.arg("check");
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/agendas")).unwrap() {
        command.arg(entry.unwrap().path());
    }
    command.assert().success();
}

#[test]
fn check_without_files_is_a_usage_error() {
    forumtimer().arg("check").assert().code(2);
}

#[test]
fn check_reports_every_bad_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "title = \"x\"\nmembers = [\"A\"]\n[[segment]]\nname = \"S\"\nlenght = \"3m\"\n",
    )
    .unwrap();
    forumtimer()
        .arg("check")
        .arg(&bad)
        .arg("agendas/support-circle.toml")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("support-circle.toml: ok"))
        .stderr(predicate::str::contains("bad.toml:5:1"))
        .stderr(predicate::str::contains("did you mean `length`?"));
}

#[test]
fn completions_are_printed_for_bash() {
    forumtimer()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("forumtimer"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} plan agendas/monthly-business-forum.toml | head -n 1",
            env!("CARGO_BIN_EXE_forumtimer")
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn help_and_version_that_cannot_be_written_fail_in_one_line() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("skipped: no /dev/full");
        return;
    };
    for args in [
        &["--help"][..],
        &["--version"],
        &["plan", "--help"],
        &["help"],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_forumtimer"))
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("forumtimer: "), "{stderr}");
        assert!(stderr.contains("No space left"), "{stderr}");
    }
}

#[test]
fn plan_from_now_ends_at_the_end_given_to_the_second() {
    // No --start: the plan starts now, between two seconds; the end must not lose one.
    let end = (chrono::Local::now() + chrono::TimeDelta::hours(2))
        .format("%H:%M")
        .to_string();
    let output = forumtimer()
        .args(["plan", "--end", &end, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["end"], end.as_str());
    assert_eq!(plan["total_seconds"].as_u64().unwrap() % 60, 0, "{plan}");
}

#[test]
fn plan_writes_a_long_slot_as_up_next_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    std::fs::write(
        &path,
        "title = \"Long\"\nmembers = [\"Ana\"]\n[[segment]]\nname = \"Retreat\"\nlength = \"75m\"\n",
    )
    .unwrap();
    forumtimer()
        .args(["plan", "--start", "09:00"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("1:15:00"))
        .stdout(predicate::str::contains("75:00").not());
}

#[test]
fn a_bad_flag_value_fails_in_one_line_whichever_flag() {
    for args in [
        ["run", "--speed", "0"],
        ["plan", "--format", "xml"],
        ["plan", "--duration", "0m"],
    ] {
        let output = forumtimer().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("forumtimer: "), "{stderr}");
    }
}

#[test]
fn a_flag_given_no_value_is_a_usage_error_whichever_command() {
    for (args, flag, usage) in [
        (
            &["plan", "--end"][..],
            "--end <HH:MM>",
            "Usage: forumtimer plan",
        ),
        (
            &["plan", "--members"],
            "--members <LIST>",
            "Usage: forumtimer plan",
        ),
        (
            &["run", "--report"],
            "--report <FILE>",
            "Usage: forumtimer run",
        ),
        (&["new", "-o"], "--output <FILE>", "Usage: forumtimer new"),
        (
            &["simulate", "--meetings"],
            "--meetings <N>",
            "Usage: forumtimer simulate",
        ),
        (
            &["history", "--since"],
            "--since <YYYY-MM-DD>",
            "Usage: forumtimer history",
        ),
    ] {
        let output = forumtimer().args(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("a value is required for '{flag}'")),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(usage), "{args:?}: {stderr}");
        assert!(!stderr.contains("invalid value"), "{args:?}: {stderr}");
    }
}

/// The members of the monthly forum's shuffled Updates round as `plan` prints it, with `extra`
/// flags.
fn updates_order(extra: &[&str]) -> Vec<String> {
    let output = forumtimer()
        .args([
            "plan",
            "agendas/monthly-business-forum.toml",
            "--start",
            "19:00",
        ])
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "{extra:?}: {output:?}");
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    plan["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["segment"] == "Updates")
        .map(|s| s["member"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn plan_seed_gives_the_shuffle_it_names() {
    let three = updates_order(&["--seed", "3"]);
    assert_eq!(three.len(), 8, "{three:?}");
    assert_eq!(three, updates_order(&["--seed", "3"]), "the same seed");
    assert_ne!(three, updates_order(&["--seed", "4"]), "another seed");
    assert_ne!(three, updates_order(&[]), "seed 3 is not today's seed");
    for command in ["plan", "run"] {
        forumtimer()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("--seed <S>"));
    }
}

#[test]
fn a_resumed_meeting_keeps_its_own_shuffle() {
    forumtimer()
        .args(["run", "--resume", "--seed", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn plan_says_who_presents_and_why_when_members_leave_out_the_presenter() {
    forumtimer()
        .args(["plan", "--start", "19:00", "--members", "Ana,Chidi,Dana"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ana presents"))
        .stdout(predicate::str::contains("Ben is not in --members"))
        .stdout(predicate::str::contains("Ana (presenter)"));
}

/// Standard error of a failed `forumtimer ARGS`, which must exit 1.
fn failure(args: &[&str]) -> String {
    let output = forumtimer().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn each_message_says_one_thing_once() {
    let members = failure(&["plan", "--members", " , "]);
    assert_eq!(members.matches("--members").count(), 1, "{members}");
    let missing = failure(&["plan", "no-such-agenda.toml"]);
    assert_eq!(missing.trim_end().lines().count(), 1, "{missing}");
    assert!(
        !missing.contains("error:"),
        "forumtimer: error: …: {missing}"
    );
    let bare = failure(&["plan", "--duration", "90"]);
    assert!(
        !bare.contains("quotes"),
        "no quotes on a command line: {bare}"
    );
    assert!(bare.contains("no unit"), "{bare}");
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.toml");
    std::fs::write(
        &one,
        "members = [\"Ana\"]\n[[segment]]\nname = \"Opening\"\nlength = \"5m\"\n",
    )
    .unwrap();
    forumtimer()
        .arg("check")
        .arg(&one)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 segment, 1 member,"));
    forumtimer()
        .args(["plan", "--start", "10:00"])
        .arg(&one)
        .assert()
        .success()
        .stdout(predicate::str::contains("· 1 member\n"));
    forumtimer()
        .args(["plan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("resume").not());
}

#[test]
fn plan_aligns_the_who_column_for_wide_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.toml");
    std::fs::write(
        &path,
        "title = \"Forum\"\nduration = \"30m\"\nmembers = [\"王芳\", \"Ana\"]\n\
         [[segment]]\nname = \"签到\"\neach = \"5m\"\n\
         [[segment]]\nname = \"Closing\"\nlength = \"5m\"\n",
    )
    .unwrap();
    let output = forumtimer()
        .args(["plan", "--start", "19:00"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The display column where each slot's "who" starts: the same on every row.
    let columns: Vec<usize> = stdout
        .lines()
        .filter(|l| l.contains("王芳") || l.contains("Ana") || l.contains("everyone"))
        .map(|l| {
            let at = l.rfind("  ").unwrap() + 2;
            forumtimer::text::width(&l[..at])
        })
        .collect();
    assert_eq!(columns.len(), 3, "{stdout}");
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{stdout}"
    );
}

/// An agenda whose presentation's presenter is chosen in the room.
const CHOOSE: &str = r#"
title = "Forum"
members = ["Ana", "Ben", "Chidi"]

[[segment]]
name = "Opening"
length = "5m"

[[segment]]
name = "Presentation"
speaker = "choose"
phases = [
  { name = "Background", length = "10m" },
  { name = "Experience shares", each = "3m", skip_speaker = true },
]
"#;

#[test]
fn plan_says_a_presenter_chosen_in_the_room_is_to_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("choose.toml");
    std::fs::write(&path, CHOOSE).unwrap();
    forumtimer().args(["check"]).arg(&path).assert().success();
    forumtimer()
        .args(["plan", "--start", "19:00"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("to be chosen (presenter)"));
    let output = forumtimer()
        .args(["plan", "--start", "19:00", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["slots"][1]["presenter"], Value::Null);
    assert_eq!(plan["slots"][1]["presenter_to_be_chosen"], true);
    assert!(plan["slots"][0].get("presenter_to_be_chosen").is_none());
}
