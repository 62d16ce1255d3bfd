use std::time::Duration;

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Closing, Loaded, Outcome, after, keeps_history};
use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind};
use crate::private_file::{full_disk, write_and_sync};
use crate::tui::Ended;
use crate::tui::app::{App, Settings};

fn loaded(history: Option<&str>, from_cli: bool) -> Loaded {
    Loaded {
        agenda: Agenda::new("Forum", &["Ana"]),
        bytes: Vec::new(),
        label: "forum.toml".into(),
        history: history.map(Into::into),
        history_from_cli: from_cli,
    }
}

#[test]
fn a_rehearsal_keeps_history_only_in_a_folder_given_on_the_command_line() {
    assert!(keeps_history(1, &loaded(Some("h"), false)));
    assert!(!keeps_history(60, &loaded(Some("h"), false)));
    assert!(keeps_history(60, &loaded(Some("h"), true)));
    assert!(!keeps_history(1, &loaded(None, false)));
}

/// A meeting quit a minute in, on its closing card, ended by `signal` if given.
fn quit_early(signal: Option<i32>) -> Ended {
    let ended = held(&['q', 'y'], signal);
    assert!(
        ended
            .app
            .meeting()
            .is_some_and(|m| m.finished_at().is_some())
    );
    ended
}

/// A meeting started, then `keys` pressed a minute in; ended by `signal` if given.
fn held(keys: &[char], signal: Option<i32>) -> Ended {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![Segment {
        name: "Updates".into(),
        kind: SegmentKind::Round {
            each: Duration::from_secs(5 * 60),
            order: Order::Agenda,
        },
        prompt: None,
        warn: None,
    }];
    let mut app = App::sample(agenda);
    let minute = Duration::from_secs(60);
    app.handle_key(
        &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        Duration::ZERO,
    );
    for key in keys {
        app.handle_key(
            &KeyEvent::new(KeyCode::Char(*key), KeyModifiers::NONE),
            minute,
        );
    }
    Ended {
        app,
        now: minute,
        signal,
    }
}

/// What `after` says, prints and returns, writing through `writer`.
fn closing(
    report: Option<&Path>,
    ended: &Ended,
    save_error: Option<&str>,
    writer: crate::private_file::Writer,
) -> (String, String, Outcome) {
    let (mut said, mut out) = (Vec::new(), Vec::new());
    let mut closing = Closing {
        said: &mut said,
        out: &mut out,
        writer,
    };
    let outcome = after(
        report,
        &loaded(None, false),
        ended,
        save_error,
        &mut closing,
    );
    let text = |bytes| String::from_utf8(bytes).unwrap();
    (text(said), text(out), outcome)
}

#[test]
fn a_report_that_meets_a_full_disk_is_printed_instead_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("forum.md");
    let (said, out, outcome) = closing(Some(&report), &quit_early(None), None, full_disk);
    assert!(matches!(outcome, Outcome::Failure));
    assert!(said.contains("could not write the report"), "{said}");
    assert!(said.contains("No space left on device"), "{said}");
    assert!(
        said.contains("the report follows on standard output"),
        "{said}"
    );
    assert!(!said.contains("written to"), "{said}");
    // The summary is not lost: it is all on standard output.
    assert!(out.starts_with("# Meeting summary"), "{out}");
    assert!(out.contains("Ana") && out.contains("Ben"), "{out}");
    // The last save worked, so resuming is offered — and only that.
    assert!(
        said.ends_with(
            "The meeting was ended early; `forumtimer run --resume` continues the meeting.\n"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_report_that_is_written_says_where_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("forum.md");
    let (said, out, outcome) = closing(Some(&report), &quit_early(None), None, write_and_sync);
    assert!(matches!(outcome, Outcome::Success));
    assert!(said.starts_with("Timing report written to "), "{said}");
    assert!(out.is_empty(), "{out}");
    assert!(report.is_file());
}

#[test]
fn a_meeting_that_could_not_be_saved_says_so_once_and_offers_no_resume() {
    let why = "No space left on device in ~/.local/state/forumtimer";
    let (said, out, outcome) = closing(None, &quit_early(None), Some(why), full_disk);
    assert!(matches!(outcome, Outcome::Success));
    assert_eq!(
        said,
        format!(
            "The meeting was ended early; the meeting could not be saved ({why}), so it cannot be resumed.\n"
        )
    );
    assert!(out.is_empty());
    // Mid-meeting…
    let (said, _, outcome) = closing(None, &held(&[], Some(15)), Some(why), full_disk);
    assert!(matches!(outcome, Outcome::Signal(15)));
    assert_eq!(
        said,
        format!(
            "forumtimer: stopped by signal 15; the meeting could not be saved ({why}), so it cannot be resumed\n"
        )
    );
    // …and on the closing card of a quit meeting.
    let (said, _, outcome) = closing(None, &quit_early(Some(15)), Some(why), full_disk);
    assert!(matches!(outcome, Outcome::Signal(15)));
    assert_eq!(
        said,
        format!(
            "forumtimer: stopped by signal 15 after the meeting ended\nThe meeting was ended early; the meeting could not be saved ({why}), so it cannot be resumed.\n"
        )
    );
}

#[test]
fn a_signal_on_the_closing_card_of_a_finished_meeting_offers_no_resume_and_keeps_the_report() {
    // Both turns done: the meeting ended as planned and its saved state was removed.
    let ended = held(&['n', 'n'], Some(libc::SIGHUP));
    assert!(ended.app.resumable.is_none());
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("forum.md");
    let (said, _, outcome) = closing(Some(&report), &ended, None, write_and_sync);
    assert!(matches!(outcome, Outcome::Signal(libc::SIGHUP)));
    assert!(!said.contains("resume"), "{said}");
    assert!(said.contains("Timing report written to"), "{said}");
    assert!(said.contains("stopped by signal 1"), "{said}");
    assert!(report.is_file());
}

/// The times of day a text says of a meeting: when it started, ended (or stopped) and was
/// planned to end, each the `HH:MM` after its word.
fn times_said(text: &str) -> [String; 3] {
    let after = |words: &[&str]| {
        words
            .iter()
            .find_map(|word| {
                let at = text.find(word)? + word.len();
                Some(text[at..].chars().take(5).collect::<String>())
            })
            .unwrap_or_else(|| panic!("none of {words:?} in {text}"))
    };
    [
        after(&["started "]),
        after(&["Ended ", "ended ", "Stopped ", "stopped "]),
        after(&["planned end ", "planned "]),
    ]
}

#[test]
fn a_rehearsals_report_says_the_times_its_summary_screen_shows() {
    use ratatui::{Terminal, backend::TestBackend};

    let mut agenda = Agenda::new("Forum", &["Ana", "Ben"]);
    agenda.segments = vec![Segment {
        name: "Updates".into(),
        kind: SegmentKind::Round {
            each: Duration::from_secs(30 * 60),
            order: Order::Agenda,
        },
        prompt: None,
        warn: None,
    }];
    let settings = Settings {
        speed: 3600,
        color: false,
        ..Settings::default()
    };
    // Sampled at 19:00; the opening screen stays up for 1.5 real seconds, which is an hour
    // and a half of the rehearsal's clock.
    let mut app = App::sample_with(agenda, settings);
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let start = Duration::from_secs(5400);
    app.handle_key(&key(KeyCode::Enter), start);
    let now = start + Duration::from_secs(40 * 60);
    app.handle_key(&key(KeyCode::Char('n')), now);
    app.handle_key(&key(KeyCode::Char('q')), now);
    app.handle_key(&key(KeyCode::Char('y')), now);
    let mut ended = Ended {
        app,
        now,
        signal: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("forum.md");
    closing(Some(&report), &ended, None, write_and_sync);
    let written = std::fs::read_to_string(&report).unwrap();

    ended.app.balances = true;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| crate::tui::view::render(&ended.app, now, frame.area(), frame.buffer_mut()))
        .unwrap();
    let shown: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();

    assert_eq!(times_said(&shown), times_said(&written), "{written}");
    // It started when it really did, then counted the meeting time it rehearsed.
    assert_eq!(
        times_said(&written),
        ["19:00", "19:40", "20:00"].map(String::from)
    );
}
