//! `forumtimer simulate` and the squeeze warnings, as a user meets them: the built binary,
//! its output and its exit codes.

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

fn simulate_json(args: &[&str]) -> Value {
    let output = forumtimer()
        .args(["simulate", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn simulate_on_a_small_fixed_seed_gives_the_same_figures_every_time() {
    let args = [
        "agendas/quick-check-in.toml",
        "--meetings",
        "25",
        "--seed",
        "7",
    ];
    let first = simulate_json(&args);
    assert_eq!(first, simulate_json(&args), "same seed, same figures");
    assert_eq!(first["meetings"], 25);
    assert_eq!(first["members"], 5);
    assert_eq!(first["total_seconds"], 1800);
    let models: Vec<&str> = first["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["model"].as_str().unwrap())
        .collect();
    assert_eq!(
        models,
        [
            "overrun",
            "past-zero",
            "noise",
            "passes",
            "late-start",
            "early",
            "one-talker",
            "everything"
        ]
    );
    let other = simulate_json(&[
        "agendas/quick-check-in.toml",
        "--meetings",
        "25",
        "--seed",
        "8",
    ]);
    assert_ne!(first, other, "another seed, other meetings");
}

#[test]
fn simulate_reports_the_spec_figures_per_model() {
    let report = simulate_json(&[
        "agendas/support-circle.toml",
        "--meetings",
        "40",
        "--seed",
        "3",
        "--model",
        "past-zero",
    ]);
    let figures = &report["models"][0]["figures"];
    for key in ["median", "p10", "p90", "min", "max"] {
        assert!(figures["end_seconds"][key].is_number(), "{key}");
    }
    // Members who run some seconds past zero: the closing round is even and nobody gets 0:00,
    // the headline case (the old rule gave the last 2-5 speakers 0:00 in 94 %).
    assert_eq!(figures["turns_at_zero"], 0);
    assert_eq!(figures["turns_under_half"], 0);
    assert!(figures["closing_round_ratio"]["p90"].as_f64().unwrap() <= 1.6);
    assert!(figures["end_seconds"]["p90"].as_f64().unwrap() <= 60.0);
    assert_eq!(figures["seats"].as_array().unwrap().len(), 10);
    assert_eq!(report["models"][0]["misses"], Value::Array(vec![]));
}

#[test]
fn simulate_prints_a_table_with_every_model() {
    forumtimer()
        .args([
            "simulate",
            "agendas/virtual-peer-pod.toml",
            "--meetings",
            "10",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("end − planned end"))
        .stdout(predicate::str::contains("late-start"))
        .stdout(predicate::str::contains("one-talker*"));
}

#[test]
fn simulate_names_the_models_when_one_is_unknown() {
    forumtimer()
        .args(["simulate", "--model", "chatty"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("past-zero"));
}

#[test]
fn plan_of_a_meeting_with_no_time_for_members_is_an_error_saying_how_short() {
    // The default agenda's fixed blocks take 40 minutes: every turn would be 0:00.
    forumtimer()
        .args(["plan", "--start", "19:00", "--duration", "40m"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("0:00"))
        .stderr(predicate::str::contains("45m 30s longer"))
        .stderr(predicate::str::contains("1h 31m shorter than its plan"));
}

#[test]
fn plan_of_a_squeezed_meeting_warns_and_still_prints() {
    forumtimer()
        .args(["plan", "--start", "19:00", "--duration", "1h"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Closing round"))
        .stderr(predicate::str::contains("warning: squeezed"))
        .stderr(predicate::str::contains("1h 11m shorter"));
}

#[test]
fn check_warns_about_a_squeezed_agenda_and_still_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tight.toml");
    std::fs::write(
        &path,
        "duration = \"28m\"\nmembers = [\"Ana\", \"Ben\"]\n\n[[segment]]\nname = \"Opening\"\nlength = \"20m\"\n\n[[segment]]\nname = \"Round\"\neach = \"10m\"\n",
    )
    .unwrap();
    forumtimer()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: squeezed: `Round` turns get 4:00",
        ));
}

/// The stderr of `plan` of the default agenda from 19:00 for `duration`, and its exit code.
fn plan_of_the_default_agenda(duration: &str) -> (Option<i32>, String, String) {
    let output = forumtimer()
        .args(["plan", "agendas/classic-forum.toml", "--start", "19:00"])
        .args(["--duration", duration])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn plan_refuses_a_meeting_whose_turns_would_show_0_00_and_says_how_much_longer_it_must_be() {
    // 40 minutes of fixed blocks: 1 s or 10 s for 17 turns prints 0:00 (and 0:01) turns.
    for duration in ["40m1s", "40m10s"] {
        let (code, stdout, stderr) = plan_of_the_default_agenda(duration);
        assert_eq!(code, Some(1), "{duration}: {stdout}{stderr}");
        assert!(stdout.is_empty(), "{duration}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        // 91 min of turns need half of it, 45m 30s, beside the 40m of blocks: 1h 25m 30s.
        let longer = if duration == "40m1s" {
            "45m 29s longer"
        } else {
            "45m 20s longer"
        };
        assert!(stderr.contains(longer), "{duration}: {stderr}");
        assert!(stderr.contains("30 s"), "{duration}: {stderr}");
    }
}

#[test]
fn plan_names_every_round_whose_turns_are_squeezed() {
    // 20 minutes for 91 planned: every round is at 22 % of its plan.
    let (code, stdout, stderr) = plan_of_the_default_agenda("1h");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    for round in [
        "`Updates` turns get 1:45 of their planned 8:00",
        "`Presentation · Experience shares` turns get 1:06 of their planned 5:00",
        "`Closing round` turns get 0:40 of their planned 3:00",
    ] {
        assert!(stderr.contains(round), "{round}: {stderr}");
    }
}

#[test]
fn check_refuses_an_agenda_whose_own_duration_leaves_turns_0_00_as_plan_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tight.toml");
    std::fs::write(
        &path,
        "duration = \"20m1s\"\nmembers = [\"Ana\", \"Ben\", \"Chidi\"]\n\n[[segment]]\nname = \"Opening\"\nlength = \"20m\"\n\n[[segment]]\nname = \"Round\"\neach = \"10m\"\n",
    )
    .unwrap();
    // A third of a second each; three turns of 10m need 15m beside the 20m block.
    forumtimer()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("14m 59s longer"));
    forumtimer()
        .args(["plan", "--start", "19:00"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("14m 59s longer"));
}

/// An agenda file in a temporary folder (kept alive by the returned guard).
fn agenda_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

const ONE_BLOCK: &str = "duration = \"1h\"\nmembers = [\"Ana\", \"Ben\"]\n\n[[segment]]\nname = \"Open\"\nlength = \"20m\"\n";

/// A spotlight on the only member: nobody else is there to share.
const PRESENTER_ALONE: &str = "duration = \"1h\"\nmembers = [\"Ana\"]\n\n[[segment]]\nname = \"Spotlight\"\nspeaker = \"Ana\"\nphases = [\n  { name = \"Talk\", length = \"10m\" },\n  { name = \"Shares\", each = \"5m\", skip_speaker = true },\n]\n";

#[test]
fn check_warns_about_time_no_slot_uses() {
    let (_dir, path) = agenda_file(ONE_BLOCK);
    forumtimer()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: 40m of the meeting's 1h is in no slot",
        ))
        .stderr(predicate::str::contains(
            "will end early, 20m after it starts",
        ));
}

#[test]
fn plan_warns_about_time_no_slot_uses_and_ends_where_the_last_slot_does() {
    for (agenda, unused, end) in [
        (ONE_BLOCK, "40m", "19:20"),
        (PRESENTER_ALONE, "50m", "19:10"),
    ] {
        let (_dir, path) = agenda_file(agenda);
        let output = forumtimer()
            .args(["plan", "--start", "19:00"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let (stdout, stderr) = (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        );
        assert!(
            stderr.contains(&format!(
                "warning: {unused} of the meeting's 1h is in no slot: with no member turn to \
                 take it, the meeting will end early, at {end}"
            )),
            "{stderr}"
        );
        assert!(stdout.contains(&format!("19:00 → {end}")), "{stdout}");
        let last = stdout.lines().last().unwrap();
        assert_eq!(last.split_whitespace().collect::<Vec<_>>(), [end, "end"]);

        let output = forumtimer()
            .args(["plan", "--start", "19:00", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(plan["end"], end);
        let total: u64 = plan["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["seconds"].as_u64().unwrap())
            .sum();
        assert_eq!(plan["total_seconds"], total, "the slots fill the plan");
    }
}

#[test]
fn simulate_says_plainly_when_there_are_no_member_turns_to_simulate() {
    for agenda in [ONE_BLOCK, PRESENTER_ALONE] {
        let (_dir, path) = agenda_file(agenda);
        for format in ["text", "json"] {
            let output = forumtimer()
                .args(["simulate", "--meetings", "3", "--format", format])
                .arg(&path)
                .output()
                .unwrap();
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
            assert!(output.stdout.is_empty(), "{format}: no figures of nothing");
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
            assert!(stderr.contains("no member turns to simulate"), "{stderr}");
        }
    }
}

#[test]
fn simulate_counts_one_member_and_one_meeting_in_the_singular() {
    let (_dir, path) =
        agenda_file("members = [\"Ana\"]\n\n[[segment]]\nname = \"Check-in\"\neach = \"5m\"\n");
    forumtimer()
        .args(["simulate", "--meetings", "1"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Forum · 1 member · 5m · 1 meeting per model · seed",
        ));
}

#[test]
fn a_warning_threshold_not_shorter_than_its_turn_is_a_warning_in_check_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("early.toml");
    std::fs::write(
        &path,
        "members = [\"Ana\", \"Ben\"]\nwarn = \"2m\"\n\n[[segment]]\nname = \"Updates\"\neach = \"5m\"\nwarn = \"10m\"\n\n\
         [[segment]]\nname = \"Closing\"\neach = \"2m\"\n\n[[segment]]\nname = \"Talk\"\nlength = \"5m\"\n",
    )
    .unwrap();
    let updates = "`Updates`: its warning comes 10m before the end of each 5m turn, so every \
                   turn shows it from its start; give `warn` less than \"5m\"";
    let closing = "`Closing`: its warning comes 2m before the end of each 2m turn";
    let output = forumtimer().arg("check").arg(&path).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("warning: {updates}")), "{stderr}");
    assert!(stderr.contains(closing), "{stderr}");
    assert!(!stderr.contains("Talk"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    forumtimer()
        .args(["plan", "--start", "19:00"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "forumtimer: warning: {updates}"
        )));
}
