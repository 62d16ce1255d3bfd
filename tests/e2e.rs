//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::pty::Session;

#[test]
fn a_facilitator_starts_moves_on_pauses_and_quits() {
    let (_state, mut session) = Session::meeting(&["run"]);
    session.press("n");
    // Amara has the floor (in big letters); the plain-text line names who follows.
    session.wait_for("Up next  Ben");
    session.press(" ");
    session.wait_for("PAUSED");
    session.press("q");
    session.wait_for("End the meeting?");
    session.press("y");
    // The closing card first: the balances are a key away from a shared screen.
    session.wait_for("d each member's time");
    session.press("d");
    session.wait_for("Meeting summary");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(session.screen_is_restored(), "{}", session.screen());
    assert!(session.terminal_is_cooked());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let (_state, mut session) = Session::meeting(&["run"]);
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), libc::SIGTERM);
    }
    assert_eq!(session.wait_exit(), 143);
    assert!(session.screen_is_restored());
    assert!(session.terminal_is_cooked());
}

#[test]
fn run_with_a_seed_takes_the_shuffle_plan_printed_with_it() {
    let agenda = "agendas/monthly-business-forum.toml";
    let plan = std::process::Command::new(env!("CARGO_BIN_EXE_forumtimer"))
        .args(["plan", agenda, "--seed", "3", "--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(plan.status.success(), "{plan:?}");
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let updates: Vec<&str> = plan["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|slot| slot["segment"] == "Updates")
        .map(|slot| slot["member"].as_str().unwrap())
        .collect();
    let (_state, mut session) = Session::meeting(&["run", agenda, "--seed", "3"]);
    // The opening, then the round's first two turns: each names who follows.
    for next in &updates[1..3] {
        session.press("n");
        session.wait_for(&format!("Up next  {next}"));
    }
}

#[test]
fn run_warns_of_a_history_it_cannot_read_as_plan_does_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("forum.toml");
    std::fs::write(
        &agenda,
        "members = [\"Ana\", \"Ben\"]\nhistory = \"history\"\n[[segment]]\nname = \"Updates\"\neach = \"5m\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("history"), "not a folder").unwrap();
    let mut session = Session::start(&["run", agenda.to_str().unwrap()], 200, 24, dir.path());
    // The warning takes the key hint's row; the opening screen is there all the same.
    session.wait_for("history is not a folder — planning without history");
    assert!(
        session.screen().contains("Planned end"),
        "{}",
        session.screen()
    );
}

/// Moves the saved meeting's wall-clock stamp back, as if the program had been closed that long.
fn age_saved_meeting(state: &std::path::Path, minutes: i64) {
    let path = state.join("forumtimer").join("meeting.json");
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(saved["saved_at"].as_str().unwrap()).unwrap();
    let earlier = at - chrono::Duration::minutes(minutes);
    saved["saved_at"] = earlier.to_rfc3339().into();
    // Within one boot the boot clock, not the wall clock, measures the time closed.
    if let Some(boot_ms) = saved["boot"]["boot_ms"].as_u64() {
        let minutes = u64::try_from(minutes).unwrap();
        saved["boot"]["boot_ms"] = boot_ms.saturating_sub(minutes * 60_000).into();
    }
    std::fs::write(&path, saved.to_string()).unwrap();
}

#[test]
fn a_killed_meeting_resumes_at_the_same_speaker_with_the_downtime_counted() {
    let (state, mut session) = Session::meeting(&["run"]);
    session.press("n");
    session.wait_for("Up next  Ben");
    let saved = state.path().join("forumtimer/meeting.json");
    session.press("n");
    session.wait_for("Up next  Chen");
    // The state is written just after the screen: wait for it, as a crash would find it.
    let deadline = std::time::Instant::now() + support::pty::PATIENCE;
    let current_slot = || -> Option<u64> {
        let text = std::fs::read_to_string(&saved).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["meeting"]["progress"]["current"].as_u64()
    };
    // Slots: the opening (0), Amara (1), Ben (2).
    while current_slot() != Some(2) {
        assert!(
            std::time::Instant::now() < deadline,
            "the hand-over was never saved"
        );
        session.pump(std::time::Duration::from_millis(20));
    }
    // SAFETY: kill only sends a signal to the child we started.
    unsafe {
        libc::kill(i32::try_from(session.pid()).unwrap(), libc::SIGKILL);
    }
    session.wait_exit();
    drop(session);
    age_saved_meeting(state.path(), 5);

    let mut resumed = Session::start(&["run", "--resume"], 80, 24, state.path());
    // Ben still has the floor; he spoke a moment before the kill, then five minutes passed.
    let charged = ["5:00 of", "5:01 of", "5:02 of", "5:03 of"];
    let screen = resumed.wait_until(
        |screen| {
            screen.contains("closed for 5 min")
                && screen.contains("Up next  Chen")
                && charged.iter().any(|elapsed| screen.contains(elapsed))
        },
        "Ben's turn with the downtime charged",
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

#[test]
fn resetting_the_room_pauses_then_returns_to_the_running_turn() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    session.press("\rn");
    session.wait_for("Up next  Ben");
    session.press("r");
    // The heading is drawn in block elements at 80×24; the way back is in words.
    session.wait_for("back to the speaker");
    session.wait_for("Advice-giving");
    session.press("3");
    // Frames arrive in pieces: wait for each part rather than asserting on one read.
    session.wait_for("Cross-talk");
    session.wait_for("One voice at a time");
    session.wait_for("The speaker's clock is paused");
    session.press("\x1b");
    // Amara still has the floor, and her clock runs again.
    session.wait_until(
        |screen| {
            screen.contains("running")
                && screen.contains("Up next  Ben")
                && !screen.contains("back to the speaker")
        },
        "the running turn, overlay closed",
    );
}

/// Where `needle` first occurs in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[test]
fn ctrl_z_gives_the_terminal_back_then_redraws_it_whole() {
    let (_state, mut session) = Session::meeting(&["run"]);
    let before = session.raw.len();
    session.press("\x1a");
    // The test's pty has no job-control shell, so the kernel does not actually stop the
    // process; what is checked is that the terminal is handed back and then fully redrawn.
    let deadline = std::time::Instant::now() + support::pty::PATIENCE;
    let (left, entered) = loop {
        let left = find(&session.raw, b"\x1b[?1049l", before);
        let entered = left.and_then(|at| find(&session.raw, b"\x1b[?1049h", at));
        if let (Some(left), Some(entered)) = (left, entered) {
            break (left, entered);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "ctrl-z did not hand the terminal back"
        );
        session.pump(std::time::Duration::from_millis(50));
    };
    assert!(left < entered);
    session.wait_until(
        |screen| screen.contains("everyone together") && screen.contains("Up next"),
        "a full redraw",
    );
    assert!(!session.screen_is_restored(), "back in the full screen");
}

#[test]
fn sighup_and_sigint_restore_the_terminal_with_the_conventional_codes() {
    for (signal, code) in [(libc::SIGHUP, 129), (libc::SIGINT, 130)] {
        let (state, mut session) = Session::meeting(&["run"]);
        // SAFETY: kill only sends a signal to the child we started.
        unsafe {
            libc::kill(i32::try_from(session.pid()).unwrap(), signal);
        }
        assert_eq!(session.wait_exit(), code);
        assert!(session.screen_is_restored());
        assert!(session.terminal_is_cooked());
        assert!(
            state.path().join("forumtimer/meeting.json").exists(),
            "the meeting is saved for --resume"
        );
    }
}

#[test]
fn a_meeting_that_ends_removes_its_saved_state() {
    let (state, mut session) = Session::meeting(&["run", "--members", "Ana"]);
    let saved = state.path().join("forumtimer/meeting.json");
    let deadline = std::time::Instant::now() + support::pty::PATIENCE;
    while !saved.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the started meeting was never saved"
        );
        session.pump(std::time::Duration::from_millis(20));
    }
    for _ in 0..20 {
        session.press("n");
    }
    session.wait_for("d each member's time");
    session.press("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(!saved.exists(), "a finished meeting leaves nothing behind");
}

/// Whether the program wrote any foreground or background colour: an SGR sequence with a
/// colour parameter (30–38, 40–48, 90–97, 100–107; 39 and 49 only restore the default).
fn wrote_colour(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b[").skip(1).any(|sequence| {
        let Some(end) = sequence.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        sequence[end..].starts_with('m')
            && sequence[..end].split(';').any(|param| {
                matches!(
                    param.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
    })
}

#[test]
fn no_color_and_the_flag_keep_every_state_in_words_without_colour() {
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: [Case; 3] = [
        (&["run"], &[], true),
        (&["run"], &[("NO_COLOR", "1")], false),
        (&["run", "--no-color"], &[], false),
    ];
    for (args, env, coloured) in cases {
        let state = tempfile::tempdir().unwrap();
        let mut session = Session::start_with_env(args, 80, 24, state.path(), env);
        session.wait_for("enter start");
        session.press("\rn ");
        session.wait_for("PAUSED");
        assert_eq!(wrote_colour(&session.raw), coloured, "{args:?} {env:?}");
        session.press("qyq");
        assert_eq!(session.wait_exit(), 0);
    }
}

#[test]
fn a_resize_redraws_at_once_even_where_the_screen_sleeps_ten_seconds() {
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::start(&["run"], 80, 24, state.path());
    session.wait_for("enter start");
    // The opening screen wakes every 10 s on its own; a resize missed by the wait would show
    // late by a random part of that. Three rounds make a missed one very likely to show.
    for _ in 0..3 {
        let asked = std::time::Instant::now();
        session.resize(19, 5);
        session.wait_for("enlarge");
        session.resize(80, 24);
        session.wait_for("enter start");
        let took = asked.elapsed();
        assert!(
            took < std::time::Duration::from_secs(4),
            "two redraws took {took:?}"
        );
    }
}
