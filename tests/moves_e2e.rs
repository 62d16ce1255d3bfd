//! End to end, the moderator's moves (SPEC §6, §8): pass for now, who speaks next and a guest,
//! typed into the real binary in a pseudo-terminal; the screen read back, then the report.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::pty::Session;

/// The "Up next" line of the screen.
fn up_next(screen: &str) -> &str {
    screen
        .lines()
        .find(|line| line.contains("Up next"))
        .unwrap_or_default()
}

/// Whether `names` appear on the "Up next" line in this order.
fn in_order(screen: &str, names: &[&str]) -> bool {
    let line = up_next(screen);
    let places: Option<Vec<usize>> = names.iter().map(|name| line.find(name)).collect();
    places.is_some_and(|places| places.windows(2).all(|pair| pair[0] < pair[1]))
}

#[test]
fn pass_for_now_who_speaks_next_and_a_guest_reach_the_screen_and_the_report() {
    let reports = tempfile::tempdir().unwrap();
    let report = reports.path().join("forum.json");
    let report_arg = report.to_str().unwrap();
    let (_state, mut session) =
        Session::meeting(&["run", "--members", "Ana,Ben,Chen", "--report", report_arg]);
    session.press("n");
    session.wait_until(
        |screen| in_order(screen, &["Ben", "Chen", "Background"]),
        "Ana speaking, Ben then Chen next",
    );
    // Ana is not ready: she goes to the end of the round, Ben speaks now.
    session.press("p");
    session.wait_until(
        |screen| in_order(screen, &["Chen", "Ana", "Background"]),
        "Ben speaking, then Chen, then Ana",
    );
    // Ana is ready after all: she speaks next.
    session.press("o");
    session.wait_for("Who speaks next");
    session.press("an\r");
    session.wait_until(
        |screen| !screen.contains("Who speaks next") && in_order(screen, &["Ana", "Chen"]),
        "Ana before Chen",
    );
    // A guest joins: named on screen, at the end of the round.
    session.press("a+");
    session.wait_for("A guest joins");
    session.press("Zoë\r");
    session.wait_until(
        |screen| screen.contains("Who is present") && screen.contains("[x] Zoë"),
        "Zoë present in the picker",
    );
    session.press("\x1b");
    session.wait_until(
        |screen| !screen.contains("Who is present") && in_order(screen, &["Ana", "Chen", "Zoë"]),
        "Zoë after Chen",
    );
    session.press("q");
    session.wait_for("End the meeting?");
    session.press("y");
    // The closing card first (issue 14): the balances are a key away.
    session.wait_for("Ended ");
    session.press("d");
    let summary = session.wait_for("Meeting summary");
    assert!(
        summary.contains("Zoë"),
        "the guest is in the summary: {summary}"
    );
    session.press("q");
    assert_eq!(session.wait_exit(), 0);

    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        !text.contains("Zo"),
        "the guest's name never leaves the screen: {text}"
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&str> = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Chen", "Guest 1"]);
    assert_eq!(
        json["members"][0]["turns"], 1,
        "Ana passed for now, not back yet"
    );
    assert_eq!(
        json["members"][0]["spoken_seconds"], json["members"][0]["allotted_seconds"],
        "what Ana said before passing for now is not held against her"
    );
    assert_eq!(json["members"][1]["turns"], 1, "Ben is speaking");
    assert_eq!(
        json["members"][3]["turns"], 0,
        "Zoë's turn is still to come"
    );
    assert_eq!(json["members"][3]["present"], true);
}

#[test]
fn a_presenter_chosen_in_the_room_holds_the_clock_until_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("choose.toml");
    std::fs::write(
        &agenda,
        r#"members = ["Ana", "Ben", "Chen"]
[[segment]]
name = "Presentation"
speaker = "choose"
phases = [
  { name = "Background", length = "10m" },
  { name = "Experience shares", each = "3m", skip_speaker = true },
]
"#,
    )
    .unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run", agenda.to_str().unwrap()], 80, 24, state.path());
    session.wait_for("enter start");
    session.press("\r");
    let waiting = session.wait_for("Who presents");
    assert!(
        waiting.contains("The clock waits for the choice"),
        "{waiting}"
    );
    assert!(waiting.contains("0:00 of 10:00"), "{waiting}");
    session.press("be\r");
    let screen = session.wait_until(
        |screen| screen.contains("Presentation · Ben") && screen.contains("running"),
        "Ben presenting, the clock running",
    );
    let next = up_next(&screen);
    assert!(
        next.contains("Ana") && next.contains("Chen") && !next.contains("Ben"),
        "Ben does not share on his own presentation: {next}"
    );
    session.press("qyq");
    assert_eq!(session.wait_exit(), 0);
}
