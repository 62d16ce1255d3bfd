//! Files holding meeting data are owner-only whatever the umask (SPEC §8, §9, §13).
//!
//! The umask is process-wide, so this binary holds a single test: no other test can run
//! while it is set to 000.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use chrono::{Local, TimeZone};
use forumtimer::domain::agenda::{Agenda, Segment, SegmentKind};
use forumtimer::domain::meeting::Meeting;
use forumtimer::domain::plan::Plan;
use forumtimer::domain::summary::Summary;
use forumtimer::resume::{SavedMeeting, StateStore, agenda_hash};
use forumtimer::{history, report};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn state_report_and_history_files_are_owner_only_even_under_umask_000() {
    // SAFETY: umask has no preconditions; this is the only test in this binary.
    let previous = unsafe { libc::umask(0) };
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![Segment {
        name: "Opening".into(),
        kind: SegmentKind::Block {
            length: Duration::from_secs(300),
        },
        prompt: None,
        warn: None,
    }];
    let meeting = Meeting::start(
        Plan::build(&agenda, 0),
        vec![true; 2],
        Duration::ZERO,
        None,
        true,
    );
    let now = Duration::from_secs(60);
    let wall = Local.with_ymd_and_hms(2025, 3, 4, 19, 0, 0).unwrap();
    let root = tempfile::tempdir().unwrap();

    let store = StateStore::at(root.path().join("state").join("forumtimer"));
    let hash = agenda_hash(b"agenda", &agenda.members);
    store
        .save(&SavedMeeting::new(
            "<built-in>",
            hash,
            0,
            1,
            meeting.timing(),
            now,
            wall,
        ))
        .unwrap();
    let report_path = root.path().join("forum.md");
    report::write(&report_path, &Summary::of(&meeting, now), wall.into()).unwrap();

    let history_dir = root.path().join("forum").join("history");
    let record = report::json::record(&Summary::of(&meeting, now), wall.into());
    let kept = history::write(&history_dir, &record, "abc123").unwrap();

    // SAFETY: as above; restore before asserting so a failure leaves the process as it was.
    unsafe { libc::umask(previous) };
    assert_eq!(mode(&history_dir), 0o700);
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(&store.path()), 0o600);
    assert_eq!(mode(&report_path), 0o600);
}
