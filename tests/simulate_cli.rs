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
        .stderr(predicate::str::contains("1h 31m more"));
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
