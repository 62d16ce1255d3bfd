//! Saving and resuming: round trips, every refusal, privacy of the file. Temp dirs only.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use chrono::{DateTime, Local, TimeDelta, TimeZone};
use proptest::prelude::*;

use super::{ResumeError, SavedMeeting, StateError, StateStore, agenda_hash, downtime};
use crate::domain::agenda::{Agenda, Drift, Order, Segment, SegmentKind};
use crate::domain::meeting::{Input, Meeting};
use crate::domain::plan::Plan;

const PROMPT: &str = "Remember the lake house";

fn plan() -> Plan {
    let mut agenda = Agenda::new("Forum", &["Zelda", "Ben", "Chidi"]);
    agenda.segments = vec![
        Segment {
            name: "Opening".into(),
            kind: SegmentKind::Block {
                length: Duration::from_secs(300),
            },
            prompt: Some(PROMPT.into()),
            warn: None,
        },
        Segment {
            name: "Updates".into(),
            kind: SegmentKind::Round {
                each: Duration::from_secs(600),
                order: Order::Shuffle,
            },
            prompt: None,
            warn: None,
        },
    ];
    Plan::build(&agenda, 42)
}

fn wall() -> DateTime<Local> {
    Local.with_ymd_and_hms(2025, 3, 4, 19, 30, 0).unwrap()
}

fn saved(meeting: &Meeting, now: Duration) -> SavedMeeting {
    let hash = agenda_hash(b"title = \"Forum\"", &["Zelda".into(), "Ben".into()]);
    SavedMeeting::new("forum.toml", hash, 42, 1, meeting.timing(), now, wall())
}

fn running() -> (Meeting, Duration) {
    let mut meeting = Meeting::start(plan(), vec![true; 3], Duration::ZERO, None, true);
    meeting
        .apply(Input::Next, Duration::from_secs(400))
        .unwrap();
    (meeting, Duration::from_secs(500))
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        Just(Input::TogglePause),
        Just(Input::Next),
        Just(Input::Skip),
        Just(Input::Back),
        Just(Input::Undo),
        Just(Input::MoreTime),
        Just(Input::LessTime),
        Just(Input::OpenReset),
        (0..6usize).prop_map(|i| Input::CloseReset(Drift::ALL[i])),
        (0..3usize, any::<bool>())
            .prop_map(|(member, present)| Input::SetPresent { member, present }),
    ]
}

proptest! {
    #[test]
    fn any_meeting_round_trips_through_the_state_file(
        steps in prop::collection::vec((input(), 0..300_000u64), 0..40),
    ) {
        let mut meeting = Meeting::start(plan(), vec![true; 3], Duration::ZERO, None, true);
        let mut now = Duration::ZERO;
        for (input, millis) in steps {
            now += Duration::from_millis(millis);
            let _ = meeting.apply(input, now);
        }
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::at(dir.path().join("forumtimer"));
        let state = saved(&meeting, now);
        store.save(&state).unwrap();
        let loaded = store.load().unwrap();
        prop_assert_eq!(&loaded, &state);
        let restored = loaded.restore(plan()).unwrap();
        prop_assert_eq!(restored.timing(), meeting.timing());
    }
}

#[test]
fn the_file_holds_no_names_and_no_prompts() {
    let (meeting, now) = running();
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    store.save(&saved(&meeting, now)).unwrap();
    let text = fs::read_to_string(store.path()).unwrap();
    assert!(
        text.contains("\"agenda_hash\""),
        "the file is the one we wrote"
    );
    for secret in ["Zelda", "zelda", PROMPT, "lake"] {
        assert!(!text.contains(secret), "{secret:?} leaked into {text}");
    }
}

#[test]
fn a_missing_file_says_where_it_looked_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().join("forumtimer"));
    let error = store.load().unwrap_err();
    assert!(matches!(error, ResumeError::Missing { .. }));
    let message = error.to_string();
    assert!(
        message.starts_with("no saved meeting to resume in "),
        "{message}"
    );
    assert!(
        message.ends_with("start one with `forumtimer run`"),
        "{message}"
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    for damage in [
        "{\"version\": 1, \"agenda\": ",
        "{\"version\": 1}",
        "[]",
        "",
    ] {
        fs::write(store.path(), damage).unwrap();
        let error = store.load().unwrap_err();
        let ResumeError::Corrupt {
            moved_to: Some(moved),
            ..
        } = &error
        else {
            panic!("{damage:?} gave {error:?}");
        };
        assert_eq!(fs::read_to_string(moved).unwrap(), damage);
        assert!(error.to_string().contains("moved aside to"), "{error}");
        assert!(!store.exists());
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        4,
        "none overwrote another"
    );
}

#[test]
fn a_future_version_is_refused_and_kept() {
    let (meeting, now) = running();
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    let mut value = serde_json::to_value(saved(&meeting, now)).unwrap();
    value["version"] = 2.into();
    fs::write(store.path(), value.to_string()).unwrap();
    let error = store.load().unwrap_err();
    assert!(matches!(
        error,
        ResumeError::FutureVersion {
            found: 2,
            moved_to: Some(_)
        }
    ));
    assert!(error.to_string().contains("newer forumtimer"), "{error}");
    assert!(!store.exists());
}

#[test]
fn a_changed_agenda_or_member_list_is_detected() {
    let members = vec!["Ana".to_string(), "Ben".to_string()];
    let hash = agenda_hash(b"agenda", &members);
    assert_eq!(hash.len(), 64);
    assert!(
        hash.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_ne!(hash, agenda_hash(b"agenda!", &members));
    assert_ne!(hash, agenda_hash(b"agenda", &members[..1]));
    assert_ne!(
        agenda_hash(b"", &["ab".into()]),
        agenda_hash(b"", &["a".into(), "b".into()])
    );
    let (meeting, now) = running();
    let state = SavedMeeting::new(
        "forum.toml",
        hash.clone(),
        1,
        1,
        meeting.timing(),
        now,
        wall(),
    );
    assert!(state.check_matches("forum.toml", &hash).is_ok());
    let changed = state.check_matches("forum.toml", &agenda_hash(b"x", &members));
    assert!(matches!(changed, Err(ResumeError::AgendaChanged { .. })));
    let other = state.check_matches("other.toml", &hash).unwrap_err();
    assert!(
        other
            .to_string()
            .contains("`forumtimer run forum.toml --resume`"),
        "{other}"
    );
}

#[test]
fn a_plan_that_does_not_fit_is_refused() {
    let (meeting, now) = running();
    let state = saved(&meeting, now);
    let refused = state.restore(Plan::build(&Agenda::new("Forum", &["Ana"]), 0));
    assert!(matches!(refused, Err(ResumeError::DoesNotFit)));
}

#[test]
fn downtime_counts_forward_time_and_ignores_a_clock_set_back() {
    let (meeting, now) = running();
    let mut state = saved(&meeting, now);
    let later = wall() + TimeDelta::minutes(7);
    assert_eq!(downtime(&state, later, None), Duration::from_secs(420));
    assert_eq!(
        downtime(&state, wall() - TimeDelta::minutes(7), None),
        Duration::ZERO
    );
    assert_eq!(
        state.clock_on_resume(later, None),
        now + Duration::from_secs(420)
    );
    state.speed = 10;
    assert_eq!(
        state.clock_on_resume(later, None),
        now + Duration::from_secs(4200)
    );
}

#[test]
fn saving_tightens_an_existing_directory_to_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().join("forumtimer");
    fs::create_dir(&state_dir).unwrap();
    fs::set_permissions(&state_dir, fs::Permissions::from_mode(0o755)).unwrap();
    let (meeting, now) = running();
    StateStore::at(state_dir.clone())
        .save(&saved(&meeting, now))
        .unwrap();
    let mode = fs::metadata(&state_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn an_unwritable_location_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("state");
    fs::write(&blocker, "a file where the directory should be").unwrap();
    let (meeting, now) = running();
    let store = StateStore::at(blocker.join("forumtimer"));
    let error = store.save(&saved(&meeting, now)).unwrap_err();
    assert!(matches!(error, StateError::Write { .. }));
    // The screen cuts a line at its width: what a crash would cost is said first.
    let text = error.to_string();
    let head: String = text.chars().take(40).collect();
    assert!(head.contains("no resume after a crash"), "{text}");
    assert!(!text.contains("os error"), "{text}");
}

#[test]
fn a_second_live_meeting_is_refused_by_the_lock_and_the_lock_goes_with_its_holder() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().join("forumtimer"));
    let Ok(super::Lock::Held(first)) = store.lock() else {
        panic!("the first lock is taken");
    };
    let error = store.lock().unwrap_err();
    assert!(matches!(error, ResumeError::Busy { pid: Some(pid) } if pid == std::process::id()));
    assert!(
        error
            .to_string()
            .contains("another forumtimer meeting is running"),
        "{error}"
    );
    drop(first);
    assert!(matches!(store.lock(), Ok(super::Lock::Held(_))));
}

#[test]
fn a_fresh_start_keeps_the_replaced_meeting_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    assert_eq!(store.set_aside().unwrap(), None);
    let (meeting, now) = running();
    store.save(&saved(&meeting, now)).unwrap();
    let previous = store.set_aside().unwrap().unwrap();
    assert_eq!(previous, store.previous_path());
    assert!(!store.exists());
    let kept: SavedMeeting = serde_json::from_slice(&fs::read(previous).unwrap()).unwrap();
    assert_eq!(kept, saved(&meeting, now));
}

#[test]
fn a_fifo_at_the_state_path_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    let path = std::ffi::CString::new(store.path().to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let error = store.load().unwrap_err();
    assert!(matches!(error, ResumeError::Refused { .. }), "{error}");
    assert!(error.to_string().contains("FIFO"), "{error}");
    let (meeting, now) = running();
    assert!(store.save(&saved(&meeting, now)).is_err());
}

#[test]
fn peeking_at_a_damaged_file_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    fs::write(store.path(), "{ not json").unwrap();
    assert!(store.peek().is_err());
    assert!(store.exists());
}

#[test]
fn the_unfinished_meeting_is_described_by_file_name_time_and_progress() {
    let (meeting, now) = running();
    let mut state = saved(&meeting, now);
    state.agenda = "/home/ana/forums/\u{1b}[2Jforum.toml".into();
    let text = super::describe_unfinished(Some(&state), wall());
    assert_eq!(
        text,
        "An unfinished meeting is saved: \\u{1b}[2Jforum.toml, stopped 19:30, 8 min in, slot 2 of 4."
    );
    assert!(super::describe_unfinished(None, wall()).contains("cannot be read"));
}

#[test]
fn an_unfinished_rehearsal_says_how_far_it_got_in_real_and_rehearsed_time() {
    let (meeting, now) = running();
    let mut state = saved(&meeting, now);
    state.speed = 60;
    // Stopped at 19:30 on the real clock, the one the opening screen shows (a rehearsal's
    // runs fast only once its meeting has started), 500 s of rehearsal in: 8 real seconds.
    let text = super::describe_unfinished(Some(&state), wall());
    assert_eq!(
        text,
        "An unfinished rehearsal is saved: forum.toml, stopped 19:30, 8 s in — 8 min of rehearsal, slot 2 of 4."
    );
}

#[test]
fn a_resumed_rehearsal_says_the_real_time_closed_and_the_meeting_time_counted() {
    let (meeting, now) = running();
    let mut state = saved(&meeting, now);
    state.speed = 60;
    let reopened = wall() + TimeDelta::seconds(7);
    let clock = state.clock_on_resume(reopened, None);
    assert_eq!(clock, now + Duration::from_secs(7 * 60));
    let mut app = crate::tui::app::App::sample(Agenda::new("Forum", &["Zelda"]));
    app.settings.speed = state.speed;
    app.closed_for(downtime(&state, reopened, None), clock);
    assert_eq!(
        app.notice.as_ref().unwrap().text,
        "Resumed: closed for 7 s — 7 min of rehearsal counted"
    );
}

#[test]
fn a_resumed_meeting_says_the_time_closed_as_counted() {
    let (meeting, now) = running();
    let state = saved(&meeting, now);
    let reopened = wall() + TimeDelta::seconds(7 * 60 + 10);
    let mut app = crate::tui::app::App::sample(Agenda::new("Forum", &["Zelda"]));
    app.closed_for(downtime(&state, reopened, None), now);
    assert_eq!(
        app.notice.as_ref().unwrap().text,
        "Resumed: closed for 7 min — counted"
    );
    app.closed_for(Duration::from_secs(7), now);
    assert_eq!(
        app.notice.unwrap().text,
        "Resumed: closed for 7 s — counted"
    );
}

#[test]
fn a_state_directory_that_is_a_symlink_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o755)).unwrap();
    let link = dir.path().join("forumtimer");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let store = StateStore::at(link);
    let (meeting, now) = running();
    let error = store.save(&saved(&meeting, now)).unwrap_err();
    assert!(error.to_string().contains("symbolic link"), "{error}");
    // Neither tightened nor written through.
    let mode = fs::metadata(&elsewhere).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o755);
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(matches!(
        store.lock(),
        Ok(super::Lock::Unavailable(StateError::Write { .. }))
    ));
}

#[test]
fn a_state_directory_owned_by_someone_else_is_refused_not_tightened() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let theirs = if root {
        let theirs = dir.path().join("forumtimer");
        fs::create_dir(&theirs).unwrap();
        fs::set_permissions(&theirs, fs::Permissions::from_mode(0o755)).unwrap();
        // 65534 is `nobody`.
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
        theirs
    } else {
        // Any user but root finds a folder that is not theirs at the top of the tree.
        std::path::PathBuf::from("/")
    };
    let store = StateStore::at(theirs.clone());
    let (meeting, now) = running();
    let error = store.save(&saved(&meeting, now)).unwrap_err();
    assert!(error.to_string().contains("someone else"), "{error}");
    if root {
        let mode = fs::metadata(&theirs).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
        assert_eq!(fs::read_dir(&theirs).unwrap().count(), 0);
    }
}

#[test]
fn a_read_only_directory_makes_save_fail() {
    // Root ignores directory permissions, so only an unprivileged run can observe this;
    // `an_unwritable_location_is_an_error_not_a_panic` covers the path for everyone.
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().join("forumtimer"));
    let (meeting, now) = running();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let result = store.save(&saved(&meeting, now));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    assert!(matches!(result, Err(StateError::Write { .. })));
}

#[test]
fn a_state_saved_at_any_instant_loads_equal() {
    let (meeting, now) = running();
    let instant = wall() + TimeDelta::nanoseconds(123_456_789);
    let state = SavedMeeting::new(
        "forum.toml",
        "h".into(),
        1,
        1,
        meeting.timing(),
        now,
        instant,
    );
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    store.save(&state).unwrap();
    assert_eq!(store.load().unwrap(), state);
}

#[test]
fn remove_deletes_the_state_and_tolerates_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().to_path_buf());
    let (meeting, now) = running();
    store.save(&saved(&meeting, now)).unwrap();
    assert!(store.exists());
    store.remove().unwrap();
    assert!(!store.exists());
    store.remove().unwrap();
}

#[test]
fn a_refresh_replaces_the_saved_meeting_like_a_save() {
    let (meeting, now) = running();
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::at(dir.path().join("forumtimer"));
    store.save(&saved(&meeting, now)).unwrap();
    let later = saved(&meeting, now + Duration::from_secs(10));
    store.refresh(&later).unwrap();
    assert_eq!(store.load().unwrap(), later);
    let mode = fs::metadata(store.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let files = fs::read_dir(dir.path().join("forumtimer")).unwrap().count();
    assert_eq!(files, 1, "no temp file left behind");
}

#[test]
fn within_one_boot_the_boot_clock_measures_the_time_closed_whatever_the_wall_clock_did() {
    let (meeting, now) = running();
    let stamp = |id: &str, boot_ms| super::BootStamp {
        boot_id: id.into(),
        boot_ms,
    };
    let state = saved(&meeting, now).with_boot(Some(stamp("a", 1_000_000)));
    let five_minutes_later = stamp("a", 1_300_000);
    // The wall clock was stepped an hour forward while the program was closed.
    let stepped = wall() + TimeDelta::hours(1);
    assert_eq!(
        downtime(&state, stepped, Some(&five_minutes_later)),
        Duration::from_secs(300)
    );
    assert_eq!(
        state.clock_on_resume(stepped, Some(&five_minutes_later)),
        now + Duration::from_secs(300)
    );
    // After a reboot only the wall clock is left.
    let rebooted = stamp("b", 5_000);
    assert_eq!(
        downtime(&state, stepped, Some(&rebooted)),
        Duration::from_secs(3600)
    );
}

#[test]
fn a_file_without_a_boot_stamp_still_loads() {
    let (meeting, now) = running();
    let mut json = serde_json::to_value(saved(&meeting, now)).unwrap();
    assert!(json.get("boot").is_none());
    json["boot"] = serde_json::json!({"boot_id": "x", "boot_ms": 5});
    let state: SavedMeeting = serde_json::from_value(json).unwrap();
    assert_eq!(state.boot.unwrap().boot_ms, 5);
}

#[test]
fn a_lock_that_cannot_be_made_is_a_warning_not_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("state");
    fs::write(&blocker, "a file where the directory should be").unwrap();
    let store = StateStore::at(blocker.join("forumtimer"));
    assert!(matches!(
        store.lock(),
        Ok(super::Lock::Unavailable(StateError::Write { .. }))
    ));
}
