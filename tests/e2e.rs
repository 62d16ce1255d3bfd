//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

mod support;

use support::pty::Session;

#[test]
fn a_facilitator_starts_moves_on_pauses_and_quits() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    session.press("\r");
    session.wait_for("everyone together");
    session.press("n");
    // Amara has the floor (in big letters); the plain-text line names who follows.
    session.wait_for("Up next  Ben");
    session.press(" ");
    session.wait_for("PAUSED");
    session.press("q");
    session.wait_for("End the meeting?");
    session.press("y");
    session.wait_for("Meeting summary");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(session.screen_is_restored(), "{}", session.screen());
    assert!(session.terminal_is_cooked());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    session.press("\r");
    session.wait_for("everyone together");
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), libc::SIGTERM);
    }
    assert_eq!(session.wait_exit(), 143);
    assert!(session.screen_is_restored());
    assert!(session.terminal_is_cooked());
}

/// Moves the saved meeting's wall-clock stamp back, as if the program had been closed that long.
fn age_saved_meeting(state: &std::path::Path, minutes: i64) {
    let path = state.join("forumtimer").join("meeting.json");
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(saved["saved_at"].as_str().unwrap()).unwrap();
    let earlier = at - chrono::Duration::minutes(minutes);
    saved["saved_at"] = earlier.to_rfc3339().into();
    std::fs::write(&path, saved.to_string()).unwrap();
}

#[test]
fn a_killed_meeting_resumes_at_the_same_speaker_with_the_downtime_counted() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    session.press("\r");
    session.wait_for("everyone together");
    session.press("n");
    session.wait_for("Up next  Ben");
    session.press("n");
    session.wait_for("Up next  Chen");
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), libc::SIGKILL);
    }
    session.wait_exit();
    drop(session);
    age_saved_meeting(state.path(), 5);

    let mut resumed = Session::start(&["run", "--resume"], 80, 24, state.path());
    let screen = resumed.wait_for("closed for 5 min");
    assert!(
        screen.contains("Up next  Chen"),
        "Ben still has the floor: {screen}"
    );
    // Ben spoke a moment before the kill, then five minutes passed: about 5:00 of his turn.
    let charged = ["5:00 of", "5:01 of", "5:02 of", "5:03 of"];
    assert!(
        charged.iter().any(|elapsed| screen.contains(elapsed)),
        "the downtime is charged to the turn: {screen}"
    );
    assert!(
        !screen.contains("enter start"),
        "no fresh opening screen: {screen}"
    );
    resumed.press("qyq");
    assert_eq!(resumed.wait_exit(), 0);
}

#[test]
fn resume_without_a_saved_meeting_says_so_and_fails() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run", "--resume"], 80, 24, state.path());
    assert_eq!(session.wait_exit(), 1);
    assert!(
        session.screen().contains("no saved meeting"),
        "{}",
        session.screen()
    );
}
