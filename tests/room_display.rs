//! End to end, two processes (SPEC §12): `forumtimer run` in one pseudo-terminal with keys
//! pressed, `forumtimer show` in another, and the display's screen read back — what the room
//! sees, and what it never sees.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use support::pty::{PATIENCE, Session};

/// A display at 100×30 following the meetings run with state (and socket) in `dir`.
fn display(dir: &std::path::Path) -> Session {
    Session::start(&["show"], 100, 30, dir)
}

fn controller(dir: &std::path::Path, args: &[&str]) -> Session {
    let mut all = vec!["run", "--members", "Ana,Ben,Chidi"];
    all.extend_from_slice(args);
    Session::start(&all, 80, 24, dir)
}

/// Reads the display until `done` holds, pumping the controller too so that it never blocks
/// on a full terminal.
fn wait_both(display: &mut Session, controller: &mut Session, text: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        controller.pump(Duration::from_millis(5));
        let screen = display.screen();
        if screen.contains(text) {
            return screen;
        }
        assert!(
            Instant::now() < deadline,
            "the display never showed {text:?}; it shows:\n{screen}\n--- the controller shows:\n{}",
            controller.screen()
        );
        display.pump(Duration::from_millis(20));
    }
}

/// Lets both settle for a moment, for checks that something did *not* appear.
fn settle(display: &mut Session, controller: &mut Session) -> String {
    let until = Instant::now() + Duration::from_millis(400);
    while Instant::now() < until {
        controller.pump(Duration::from_millis(10));
        display.pump(Duration::from_millis(10));
    }
    display.screen()
}

#[test]
fn the_room_follows_the_meeting_and_never_sees_the_facilitators_tools() {
    let dir = tempfile::tempdir().unwrap();
    let mut room = display(dir.path());
    room.wait_for("Waiting for the meeting to start");
    let mut desk = controller(dir.path(), &[]);
    desk.wait_for("enter start");
    // The opening card: purpose and agreements, no presence list, no keys.
    wait_both(&mut room, &mut desk, "Share experience, not advice.");
    let card = settle(&mut room, &mut desk);
    assert!(
        !card.contains("Ana") && !card.contains("enter start"),
        "{card}"
    );

    desk.press("\r");
    wait_both(&mut room, &mut desk, "everyone together");
    desk.press("n");
    wait_both(&mut room, &mut desk, "Up next  Ben");
    desk.press("n");
    wait_both(&mut room, &mut desk, "Up next  Chidi");
    desk.press(" ");
    wait_both(&mut room, &mut desk, "PAUSED");
    desk.press(" ");
    desk.press("w");
    wait_both(&mut room, &mut desk, "please begin to wrap up");

    // The facilitator's layers stay on the facilitator's screen.
    for (key, shows) in [
        ("?", "this help"),
        ("a", "present"),
        ("q", "End the meeting?"),
    ] {
        desk.press(key);
        desk.wait_for(shows);
        let seen = settle(&mut room, &mut desk);
        assert!(!seen.contains(shows), "{shows:?} reached the room:\n{seen}");
        assert!(seen.contains("Up next"), "{seen}");
        desk.press("\x1b");
        desk.wait_for("r reset the room");
    }
    desk.press("r");
    wait_both(&mut room, &mut desk, "personal experience");
    let reset = settle(&mut room, &mut desk);
    assert!(
        !reset.contains("esc") && !reset.contains("1 advice"),
        "{reset}"
    );
    desk.press("\r");
    wait_both(&mut room, &mut desk, "Up next");

    desk.press("q");
    desk.wait_for("End the meeting?");
    desk.press("y");
    wait_both(&mut room, &mut desk, "Ended");
    // A frame may arrive in more than one read: check the whole of it.
    let closing = settle(&mut room, &mut desk);
    for private in ["Balance", "Spoken", "Ana", "over", "under"] {
        assert!(
            !closing.contains(private),
            "{private:?} on the room's closing card:\n{closing}"
        );
    }
    desk.wait_for("d each member's time");
    desk.press("d");
    desk.wait_for("Balance");
    let seen = settle(&mut room, &mut desk);
    assert!(!seen.contains("Balance"), "{seen}");
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    // The meeting is over: the room keeps its closing card.
    let after = settle(&mut room, &mut desk);
    assert!(after.contains("Ended"), "{after}");

    room.press("q");
    assert_eq!(room.wait_exit(), 0);
    assert!(room.screen_is_restored() && room.terminal_is_cooked());
}

#[test]
fn a_late_display_follows_at_once_and_waits_out_a_crash_until_the_meeting_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = controller(dir.path(), &[]);
    desk.wait_for("enter start");
    desk.press("\r");
    desk.press("n");
    desk.wait_for("Up next  Ben");

    // Connects late: the meeting is already running.
    let mut room = display(dir.path());
    wait_both(&mut room, &mut desk, "Up next  Ben");
    room.press("f");
    let projector = settle(&mut room, &mut desk);
    assert!(
        !projector.contains("Up next"),
        "projector view: {projector}"
    );
    room.press("f");
    wait_both(&mut room, &mut desk, "Up next  Ben");

    // The controller is killed: the display says so, calmly.
    let saved = dir.path().join("forumtimer/meeting.json");
    let deadline = Instant::now() + PATIENCE;
    while !saved.exists() {
        assert!(Instant::now() < deadline, "the meeting was never saved");
        desk.pump(Duration::from_millis(20));
    }
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(desk.pid()).unwrap(), libc::SIGKILL);
    }
    desk.wait_exit();
    room.wait_for("stopped unexpectedly");

    // Resumed: the display finds it by itself.
    let mut resumed = controller(dir.path(), &["--resume"]);
    wait_both(&mut room, &mut resumed, "Up next  Ben");
    resumed.press("n");
    wait_both(&mut room, &mut resumed, "Up next  Chidi");

    // Quit on purpose, without ending the meeting (ctrl-c, then the summary's q is not
    // reached: a SIGTERM): the display says the timer was closed.
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(resumed.pid()).unwrap(), libc::SIGTERM);
    }
    resumed.wait_exit();
    room.wait_for("The facilitator closed the timer.");
    room.press("q");
    assert_eq!(room.wait_exit(), 0);
}

#[test]
fn a_stuck_display_does_not_slow_the_controller() {
    let dir = tempfile::tempdir().unwrap();
    // Thirty members with long names make every published state several kilobytes.
    let members: Vec<String> = (1..=30)
        .map(|i| format!("Member number {i} with a long name"))
        .collect();
    let members = members.join(",");
    let mut desk = Session::start(&["run", "--members", &members], 80, 24, dir.path());
    desk.wait_for("enter start");
    let socket = dir.path().join("forumtimer/room.sock");
    // A reader that never reads: its buffer fills as the controller publishes.
    let stuck = UnixStream::connect(&socket).unwrap();
    let mut room = display(dir.path());
    desk.press("\r");
    wait_both(&mut room, &mut desk, "everyone together");
    let started = Instant::now();
    // Each key changes the room state; hundreds of them fill any socket buffer.
    for round in 0..60 {
        desk.press("+");
        desk.press("-");
        if round % 25 == 0 {
            desk.pump(Duration::from_millis(1));
        }
    }
    desk.press("n");
    // Followed by the working display while the stuck one still holds its unread bytes.
    wait_both(&mut room, &mut desk, "Up next  Member number 2");
    assert!(
        started.elapsed() < PATIENCE,
        "the controller took {:?}",
        started.elapsed()
    );
    // The controller let go of the stuck reader: after what it had buffered, the end.
    let mut stuck = stuck;
    stuck.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut drained = Vec::new();
    std::io::Read::read_to_end(&mut stuck, &mut drained).unwrap();
    assert!(
        drained.len() > 64 * 1024,
        "only {} bytes were ever sent",
        drained.len()
    );
}

#[test]
fn a_runtime_folder_that_is_not_private_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    // Someone planted a link where the room's folder goes.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("forumtimer")).unwrap();
    let mut room = display(dir.path());
    assert_eq!(room.wait_exit(), 1);
    assert!(
        room.screen().contains("is not a folder of yours"),
        "{}",
        room.screen()
    );
}
