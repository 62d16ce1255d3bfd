//! What each key does on each screen, driven without a terminal and with time passed in.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Flow, Overlay, Page, Pick, Settings};
use crate::domain::agenda::{
    Agenda, Deadline, Drift, Order, PhaseKind, Segment, SegmentKind, Speaker,
};
use crate::domain::meeting::{Countdown, Meeting};

mod keys;

const fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn app_with(deadline: Option<Deadline>, bell: bool) -> App {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    agenda.segments = vec![Segment {
        name: "Updates".into(),
        kind: SegmentKind::Round {
            each: min(5),
            order: Order::Agenda,
        },
        prompt: None,
        warn: None,
    }];
    let settings = Settings {
        color: true,
        bell,
        deadline,
        ..Settings::default()
    };
    App::sample_with(agenda, settings)
}

fn app() -> App {
    app_with(None, false)
}

fn key(app: &mut App, code: KeyCode, now: Duration) -> Flow {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE), now)
}

fn chars(app: &mut App, keys: &str, now: Duration) {
    for c in keys.chars() {
        key(app, KeyCode::Char(c), now);
    }
}

fn current_member(app: &App, now: Duration) -> Option<usize> {
    let meeting = app.meeting()?;
    let status = meeting.status(now)?;
    meeting.plan().slots[status.slot].member()
}

#[test]
fn the_opening_sets_presence_and_enter_starts() {
    let mut app = app();
    key(&mut app, KeyCode::Down, Duration::ZERO);
    key(&mut app, KeyCode::Char(' '), Duration::ZERO);
    assert!(matches!(&app.page, Page::Opening { present, .. } if present == &[true, false, true]));
    key(&mut app, KeyCode::Enter, min(2));
    let meeting = app.meeting().expect("started");
    assert_eq!(meeting.started_at(), min(2));
    assert_eq!(meeting.end(), min(12), "Ben is absent: two turns of 5 min");
    assert!(app.changed);
}

#[test]
fn an_end_time_is_fixed_when_the_meeting_starts() {
    let end = chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap();
    let mut app = app_with(Some(Deadline::End(end)), false);
    key(&mut app, KeyCode::Enter, min(15));
    assert_eq!(app.meeting().unwrap().end(), min(60));
}

#[test]
fn an_end_time_is_reached_to_the_second_from_a_start_between_seconds() {
    let end = chrono::NaiveTime::from_hms_opt(23, 0, 0).unwrap();
    let mut app = app_with(Some(Deadline::End(end)), false);
    // The process started at 19:00:00; enter is pressed at 22:17:41.734.
    let now = Duration::from_millis(((3 * 60 + 17) * 60 + 41) * 1000 + 734);
    key(&mut app, KeyCode::Enter, now);
    let meeting = app.meeting().unwrap();
    assert_eq!(app.times(now).hhmm(meeting.end()), "23:00");
    assert_eq!(meeting.end(), min(4 * 60));
}

#[test]
fn a_rehearsal_keeps_real_time_until_it_starts_then_adds_meeting_time() {
    let end = chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap();
    let mut app = app_with(Some(Deadline::End(end)), false);
    app.settings.speed = 60;
    // The opening screen stays up for 30 real seconds: half an hour of the meeting clock,
    // but the planned end is still the real 20:00, less the half minute that passed.
    let now = min(30);
    assert_eq!(app.times(now).hhmm(now), "19:00");
    assert_eq!(
        app.length_from(now, &[true; 3]),
        Ok(Duration::from_secs(59 * 60 + 30))
    );
    key(&mut app, KeyCode::Enter, now);
    let meeting = app.meeting().unwrap();
    let later = now + min(20);
    // From the start on, the times of day are its real start plus meeting time.
    assert_eq!(app.times(later).at(now), app.wall_zero.at(min(1) / 2));
    assert_eq!(app.times(later).hhmm(later), "19:20");
    assert_eq!(app.times(later).hhmm(meeting.end()), "20:00");
    // The room is given the same times.
    let room = crate::room::Room::new(app.room_state());
    assert_eq!(room.view(false).origin.zero(), app.times(later).zero());
}

#[test]
fn an_end_that_has_passed_keeps_the_opening_and_says_why() {
    let end = chrono::NaiveTime::from_hms_opt(19, 10, 0).unwrap();
    let mut app = app_with(Some(Deadline::End(end)), false);
    key(&mut app, KeyCode::Enter, min(15));
    assert!(app.meeting().is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("already passed"));
}

#[test]
fn q_on_the_opening_leaves_at_once() {
    let mut app = app();
    assert_eq!(
        key(&mut app, KeyCode::Char('q'), Duration::ZERO),
        Flow::Exit
    );
}

#[test]
fn next_skip_back_and_undo_move_the_speaker() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    key(&mut app, KeyCode::Char('n'), min(1));
    assert_eq!(current_member(&app, min(1)), Some(1));
    key(&mut app, KeyCode::Left, min(2));
    assert_eq!(current_member(&app, min(2)), Some(0));
    chars(&mut app, "u", min(2));
    assert_eq!(current_member(&app, min(2)), Some(1));
    chars(&mut app, "s", min(2));
    assert_eq!(current_member(&app, min(2)), Some(2));
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "u", min(1));
    assert_eq!(app.notice.as_ref().unwrap().text, "Nothing to undo");
    assert!(!app.expire_notice(min(1)));
    assert!(app.expire_notice(min(2)), "a notice goes away by itself");
}

#[test]
fn quitting_asks_first_and_esc_keeps_going() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "q", min(1));
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    key(&mut app, KeyCode::Esc, min(1));
    assert_eq!(app.overlay, None);
    assert!(app.meeting().unwrap().finished_at().is_none());
    // `n` is the other way to keep going.
    chars(&mut app, "qn", min(1));
    assert_eq!(app.overlay, None);
    assert!(app.meeting().unwrap().finished_at().is_none());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.handle_key(&ctrl_c, min(1));
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    app.handle_key(&ctrl_c, min(1));
    assert_eq!(app.meeting().unwrap().finished_at(), Some(min(1)));
    assert!(
        app.resumable.is_some(),
        "a quit meeting can still be resumed"
    );
    assert_eq!(key(&mut app, KeyCode::Char('q'), min(1)), Flow::Exit);
}

#[test]
fn a_second_q_confirms_the_quit() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "qq", min(1));
    assert!(app.meeting().unwrap().finished_at().is_some());
}

#[test]
fn undo_on_the_summary_returns_to_the_meeting() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "qy", min(1));
    chars(&mut app, "u", min(1));
    assert!(app.meeting().unwrap().finished_at().is_none());
    assert!(app.resumable.is_none());
}

#[test]
fn the_reset_overlay_switches_drift_and_counts_on_close() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "r", min(1));
    assert_eq!(app.overlay, Some(Overlay::Reset));
    assert_eq!(app.meeting().unwrap().reset_drift(), Some(Drift::Advice));
    assert!(app.meeting().unwrap().status(min(2)).unwrap().paused);
    chars(&mut app, "n3", min(2));
    assert_eq!(app.overlay, Some(Overlay::Reset));
    assert_eq!(app.meeting().unwrap().reset_drift(), Some(Drift::Crosstalk));
    assert_eq!(
        current_member(&app, min(2)),
        Some(0),
        "keys under the overlay do nothing"
    );
    key(&mut app, KeyCode::Esc, min(3));
    assert_eq!(app.overlay, None);
    let meeting = app.meeting().unwrap();
    assert_eq!(meeting.resets(), [0, 0, 1, 0, 0, 0]);
    assert_eq!(meeting.status(min(3)).unwrap().elapsed, min(1));
}

#[test]
fn the_presence_picker_removes_a_members_turn() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, "a", min(1));
    key(&mut app, KeyCode::Down, min(1));
    key(&mut app, KeyCode::Down, min(1));
    key(&mut app, KeyCode::Char(' '), min(1));
    key(&mut app, KeyCode::Esc, min(1));
    assert!(!app.meeting().unwrap().is_present(2));
    chars(&mut app, "n", min(1));
    chars(&mut app, "n", min(2));
    assert!(
        app.meeting().unwrap().finished_at().is_some(),
        "Chidi's turn was removed"
    );
}

#[test]
fn overlays_open_and_close_with_their_key_or_esc() {
    let mut app = app();
    for (open, overlay) in [
        ('g', Overlay::Agreements),
        ('h', Overlay::Resources),
        ('?', Overlay::Help),
    ] {
        key(&mut app, KeyCode::Char(open), Duration::ZERO);
        assert_eq!(app.overlay, Some(overlay));
        key(&mut app, KeyCode::Char(open), Duration::ZERO);
        assert_eq!(app.overlay, None);
        key(&mut app, KeyCode::Char(open), Duration::ZERO);
        key(&mut app, KeyCode::Esc, Duration::ZERO);
        assert_eq!(app.overlay, None);
    }
}

#[test]
fn esc_then_a_key_arriving_as_alt_key_closes_the_overlay_and_acts() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    let first = current_member(&app, min(1));
    key(&mut app, KeyCode::Char('?'), min(1));
    app.handle_key(
        &KeyEvent::new(KeyCode::Char('n'), KeyModifiers::ALT),
        min(1),
    );
    assert_eq!(app.overlay, None, "the esc closed the help");
    assert_ne!(current_member(&app, min(1)), first, "the n moved on");
}

#[test]
fn f_toggles_the_projector_view() {
    let mut app = app();
    chars(&mut app, "f", Duration::ZERO);
    assert!(app.projector);
    chars(&mut app, "f", Duration::ZERO);
    assert!(!app.projector);
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend() {
    let mut app = app();
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(app.handle_key(&ctrl_z, Duration::ZERO), Flow::Suspend);
}

#[test]
fn the_bell_rings_once_at_warning_and_once_at_zero() {
    let mut app = app_with(None, true);
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    let rings: Vec<Duration> = (0..=360)
        .map(Duration::from_secs)
        .filter(|&now| app.bell_due(now))
        .collect();
    assert_eq!(rings, vec![min(4), min(5)]);
    let countdown = app.meeting().unwrap().status(min(5)).unwrap().countdown;
    assert_eq!(
        countdown,
        Countdown::Time {
            over: Duration::ZERO
        }
    );
}

#[test]
fn no_bell_unless_asked() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    assert!((0..=360).all(|s| !app.bell_due(Duration::from_secs(s))));
}

#[test]
fn arrows_and_pages_scroll_the_summary() {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('n'), min(1));
    }
    assert!(app.meeting().unwrap().finished_at().is_some());
    // The closing card has nothing to scroll: the keys wait for the summary.
    key(&mut app, KeyCode::PageDown, min(1));
    assert_eq!(app.summary_scroll, 0);
    key(&mut app, KeyCode::Char('d'), min(1));
    key(&mut app, KeyCode::PageDown, min(1));
    key(&mut app, KeyCode::Up, min(1));
    assert_eq!(app.summary_scroll, 9);
    key(&mut app, KeyCode::Home, min(1));
    assert_eq!(app.summary_scroll, 0);
    assert_eq!(key(&mut app, KeyCode::Char('q'), min(1)), Flow::Exit);
}

/// Ana's turn of the 3-member round at 1:00, after `keys` typed.
fn in_round(keys: &str) -> App {
    let mut app = app();
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    chars(&mut app, keys, min(1));
    app
}

#[test]
fn o_opens_who_speaks_next_and_enter_chooses_the_filtered_name() {
    let mut app = in_round("o");
    assert!(matches!(&app.overlay, Some(Overlay::Pick(p)) if p.purpose == Pick::Next));
    chars(&mut app, "chi", min(1));
    key(&mut app, KeyCode::Enter, min(1));
    assert_eq!(app.overlay, None);
    key(&mut app, KeyCode::Char('n'), min(2));
    assert_eq!(current_member(&app, min(2)), Some(2), "Chidi before Ben");
    key(&mut app, KeyCode::Char('u'), min(2));
    key(&mut app, KeyCode::Char('u'), min(2));
    key(&mut app, KeyCode::Char('n'), min(2));
    assert_eq!(current_member(&app, min(2)), Some(1), "undone: Ben again");
}

#[test]
fn esc_in_a_picker_clears_the_filter_then_closes() {
    let mut app = in_round("ox");
    let Some(Overlay::Pick(picker)) = &app.overlay else {
        panic!("picker open")
    };
    assert!(app.picker_items(picker).is_empty(), "nobody matches x");
    key(&mut app, KeyCode::Esc, min(1));
    assert!(matches!(&app.overlay, Some(Overlay::Pick(p)) if p.filter.is_empty()));
    key(&mut app, KeyCode::Esc, min(1));
    assert_eq!(app.overlay, None);
}

#[test]
fn p_passes_for_now_and_a_second_p_passes() {
    let mut app = in_round("p");
    assert_eq!(current_member(&app, min(1)), Some(1));
    chars(&mut app, "nn", min(2));
    assert_eq!(current_member(&app, min(2)), Some(0), "Ana last");
    chars(&mut app, "p", min(3));
    assert!(app.meeting().unwrap().finished_at().is_some());
    let summary = crate::domain::summary::Summary::of(app.meeting().unwrap(), min(3));
    assert_eq!(summary.members[0].passed, 1);
    assert_eq!(summary.members[0].spoken, min(1) + min(1));
}

#[test]
fn pass_for_now_says_where_the_turn_went_and_a_second_p_that_it_is_a_pass() {
    let notice = |app: &App| app.notice.as_ref().map(|n| n.text.clone());
    let mut app = in_round("p");
    assert_eq!(
        notice(&app).as_deref(),
        Some("Ana speaks last in this round · u undoes")
    );
    chars(&mut app, "nn", min(2));
    chars(&mut app, "p", min(3));
    assert_eq!(notice(&app).as_deref(), Some("Ana passes · u undoes"));
}

#[test]
fn the_last_speaker_of_a_round_cannot_pass_for_now_and_is_told_so() {
    let app = in_round("nnp");
    assert_eq!(current_member(&app, min(1)), Some(2));
    let notice = app.notice.as_ref().map(|n| n.text.as_str());
    assert_eq!(notice, Some("Nobody else is left to speak in this round"));
}

#[test]
fn a_guest_added_in_the_presence_picker_speaks_at_the_end_of_the_round() {
    let mut app = in_round("a+");
    chars(&mut app, " Zoë ", min(1));
    key(&mut app, KeyCode::Enter, min(1));
    assert_eq!(app.overlay, Some(Overlay::Presence { cursor: 3 }));
    let meeting = app.meeting().unwrap();
    assert_eq!(meeting.plan().members[3], "Zoë");
    key(&mut app, KeyCode::Esc, min(1));
    chars(&mut app, "nn", min(2));
    key(&mut app, KeyCode::Char('n'), min(3));
    assert_eq!(current_member(&app, min(3)), Some(3));
}

#[test]
fn a_refused_guest_name_says_why_and_adds_nobody() {
    let mut app = in_round("a+");
    chars(&mut app, "BEN", min(1));
    key(&mut app, KeyCode::Enter, min(1));
    assert!(matches!(
        &app.overlay,
        Some(Overlay::GuestName { error: Some(e), .. }) if e == "Ben is already here: add an initial"
    ));
    key(&mut app, KeyCode::Esc, min(1));
    assert_eq!(app.overlay, Some(Overlay::Presence { cursor: 0 }));
    assert_eq!(app.meeting().unwrap().plan().members.len(), 3);
}

#[test]
fn a_guest_name_that_only_invisible_characters_tell_apart_is_refused() {
    for (typed, why) in [
        ("Ben\u{200b}", "Ben is already here: add an initial"),
        ("B\u{2060}en", "Ben is already here: add an initial"),
        ("\u{200b}\u{feff}", "Type a name first"),
        (
            "\u{301}Zo",
            "A name cannot start with the combining mark U+0301",
        ),
    ] {
        let mut app = in_round("a+");
        chars(&mut app, typed, min(1));
        key(&mut app, KeyCode::Enter, min(1));
        assert!(
            matches!(
                &app.overlay,
                Some(Overlay::GuestName { error: Some(e), .. }) if e == why
            ),
            "{typed:?}: {:?}",
            app.overlay
        );
        assert_eq!(app.meeting().unwrap().plan().members.len(), 3);
    }
}

#[test]
fn a_resumed_guest_can_be_named_again() {
    let mut app = in_round("a+");
    chars(&mut app, "Zoë", min(1));
    key(&mut app, KeyCode::Enter, min(1));
    let meeting = app.meeting().unwrap();
    let restored = Meeting::restore(app.plan.clone(), meeting.timing().clone()).unwrap();
    let mut app = self::app().resumed(restored);
    assert_eq!(app.meeting().unwrap().plan().members[3], "Guest 1");
    chars(&mut app, "a", min(2));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down, min(2));
    }
    chars(&mut app, "eZoë", min(2));
    key(&mut app, KeyCode::Enter, min(2));
    assert_eq!(app.meeting().unwrap().plan().members[3], "Zoë");
    assert_eq!(
        app.meeting().unwrap().plan().members.len(),
        4,
        "named, not added"
    );
}

/// A spotlight on Ben, its one phase a block, opening the meeting.
fn spotlight_on(speaker: Speaker) -> Agenda {
    let mut agenda = Agenda::new("Forum", &["Ana", "Ben", "Chidi"]);
    agenda.segments = vec![Segment {
        name: "Presentation".into(),
        kind: SegmentKind::Spotlight {
            speaker,
            phases: vec![crate::domain::agenda::Phase {
                name: "Background".into(),
                kind: PhaseKind::Block { length: min(10) },
                prompt: None,
                warn: None,
            }],
        },
        prompt: None,
        warn: None,
    }];
    agenda
}

#[test]
fn an_absent_presenter_opens_a_picker_and_enter_chooses() {
    let mut app = app();
    app.agenda = spotlight_on(Speaker::Member(1));
    app.plan = crate::domain::plan::Plan::build(&app.agenda, 0);
    key(&mut app, KeyCode::Down, Duration::ZERO);
    key(&mut app, KeyCode::Char(' '), Duration::ZERO);
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    let Some(Overlay::Pick(picker)) = &app.overlay else {
        panic!("the presenter picker is open")
    };
    let names: Vec<String> = app
        .picker_items(picker)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names, ["Ana", "Chidi"], "Ben is absent");
    key(&mut app, KeyCode::Down, min(1));
    key(&mut app, KeyCode::Enter, min(1));
    assert_eq!(app.overlay, None);
    let meeting = app.meeting().unwrap();
    let slot = &meeting.plan().slots[meeting.progress().current.unwrap()];
    assert_eq!(meeting.plan().presenter(slot), Some("Chidi"));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| crate::tui::view::render(&app, min(1), frame.area(), frame.buffer_mut()))
        .unwrap();
    let text = format!("{:?}", terminal.backend().buffer());
    assert!(text.contains("Presentation · Chidi"), "{text}");
}

#[test]
fn the_presenter_picker_opens_when_the_spotlight_starts_and_o_reopens_it() {
    let settings = app().settings;
    let mut app = App::new(spotlight_on(Speaker::Choose), settings, app().wall_zero);
    key(&mut app, KeyCode::Enter, Duration::ZERO);
    assert!(matches!(&app.overlay, Some(Overlay::Pick(p)) if p.purpose == Pick::Presenter));
    key(&mut app, KeyCode::Esc, min(1));
    assert_eq!(app.overlay, None);
    chars(&mut app, " ", min(1));
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some("The clock waits for the presenter: o chooses")
    );
    chars(&mut app, "oben", min(2));
    key(&mut app, KeyCode::Enter, min(2));
    let meeting = app.meeting().unwrap();
    assert_eq!(meeting.presenter(0), Some(1));
    assert_eq!(
        meeting.elapsed(0, min(3)),
        min(1),
        "the clock started at the choice"
    );
}

/// The same three members with a rotating round: one meeting's record, held by keys.
fn rotating_app(past: Vec<crate::domain::history::record::Record>) -> App {
    let mut app = app();
    if let SegmentKind::Round { order, .. } = &mut app.agenda.segments[0].kind {
        *order = Order::Rotate;
    }
    let agenda = app.agenda.clone();
    App::new(agenda, app.settings.clone(), app.wall_zero).with_past(past)
}

#[test]
fn the_opening_follows_presence_with_the_rotation_and_enter_starts_there() {
    use crate::domain::history::Why;
    let mut first = rotating_app(Vec::new());
    key(&mut first, KeyCode::Enter, min(0));
    assert_eq!(current_member(&first, min(0)), Some(0));
    chars(&mut first, "nnn", min(1));
    let meeting = first.meeting().unwrap();
    let summary = crate::domain::summary::Summary::of(meeting, min(2));
    let record = crate::report::json::record(&summary, first.times(min(2)));

    let mut second = rotating_app(vec![record]);
    let starts = |app: &App| match &app.why[..] {
        [
            Why::Rotated {
                first, previous, ..
            },
        ] => (*first, previous.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(starts(&second), (1, Some("Ana".to_string())));
    // Ben is away: Chidi starts, and the screen says so before anyone presses enter.
    key(&mut second, KeyCode::Down, min(0));
    key(&mut second, KeyCode::Char(' '), min(0));
    assert_eq!(starts(&second), (2, Some("Ana".to_string())));
    key(&mut second, KeyCode::Enter, min(0));
    assert_eq!(current_member(&second, min(0)), Some(2));
    let order: Vec<_> = second
        .meeting()
        .unwrap()
        .plan()
        .slots
        .iter()
        .map(crate::domain::plan::Slot::member)
        .collect();
    assert_eq!(order, [Some(1), Some(2), Some(0)]);
    assert_eq!(second.meeting().unwrap().timing().picks.seats, [Some(1)]);
}
