//! "Up next" names who presents a spotlight's phases, on the facilitator's screen and the
//! room's alike (SPEC §5: the presenter is named during every phase), and says so whole or
//! cut with an ellipsis.

use std::time::Duration;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{agenda, app_with, key, min, press, render, segment};
use crate::domain::agenda::{Agenda, Phase, PhaseKind, SegmentKind, Speaker};
use crate::room::Room;
use crate::text::ELLIPSIS;
use crate::tui::app::App;
use crate::tui::view::draw_room;
use crate::tui::view::tests::text;

fn phase(name: &str, kind: PhaseKind) -> Phase {
    Phase {
        name: name.into(),
        kind,
        prompt: None,
        warn: None,
    }
}

/// The hour's agenda with Ben's presentation after the updates, as in the classic forum:
/// Background and Clarifying questions for him, shares from the others, his Takeaways.
pub(super) fn with_presentation(speaker: Speaker) -> Agenda {
    let mut agenda = agenda();
    let phases = vec![
        phase("Background", PhaseKind::Block { length: min(15) }),
        phase("Clarifying questions", PhaseKind::Block { length: min(10) }),
        phase(
            "Experience shares",
            PhaseKind::Round {
                each: min(3),
                skip_speaker: true,
            },
        ),
        phase("Takeaways", PhaseKind::Block { length: min(5) }),
    ];
    agenda.segments.insert(
        2,
        segment(
            "Presentation",
            SegmentKind::Spotlight { speaker, phases },
            None,
        ),
    );
    agenda
}

/// Eli's turn, the last of the updates: the presentation comes next.
pub(super) fn in_elis_turn(agenda: Agenda) -> App {
    let mut app = app_with(agenda, 1, false);
    press(&mut app, KeyCode::Enter, Duration::ZERO);
    for _ in 0..5 {
        key(&mut app, 'n', min(5));
    }
    app
}

/// The "Up next" row of the controller's screen and of the room's, `width`×`height`.
fn up_next(app: &App, width: u16, height: u16) -> [String; 2] {
    let now = min(6);
    let controller = text(render(app, now, width, height).backend().buffer());
    let room = Room::new(app.room_state());
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw_room(&room.view(false), false, now, area, &mut buf);
    let room = text(&buf);
    [controller, room].map(|screen| {
        screen
            .lines()
            .find(|line| line.contains("Up next"))
            .unwrap_or_else(|| panic!("no Up next at {width}×{height}:\n{screen}"))
            .trim()
            .to_string()
    })
}

#[test]
fn up_next_names_who_presents_the_spotlight_on_both_screens() {
    let app = in_elis_turn(with_presentation(Speaker::Member(1)));
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        for shown in up_next(&app, width, height) {
            assert!(
                shown.starts_with("Up next  Ben: Background 15:00 · Clarifying questions 10:00 ·"),
                "{width}×{height}: {shown}"
            );
        }
    }
}

#[test]
fn a_presenter_still_to_be_chosen_is_said_so_in_up_next() {
    let app = in_elis_turn(with_presentation(Speaker::Choose));
    for shown in up_next(&app, 100, 30) {
        assert!(
            shown.contains("to be chosen: Background 15:00 · Clarifying questions 10:00"),
            "{shown}"
        );
    }
}

#[test]
fn the_presenter_is_named_again_after_the_shares() {
    let mut app = in_elis_turn(with_presentation(Speaker::Member(1)));
    // Background, Clarifying questions, then the shares of Ana and Chidi: Dana's is next.
    for _ in 0..4 {
        key(&mut app, 'n', min(6));
    }
    for shown in up_next(&app, 120, 40) {
        assert!(
            shown.contains("· Eli ") && shown.contains("· Ben: Takeaways 5:00 ·"),
            "{shown}"
        );
    }
}

#[test]
fn a_narrow_up_next_keeps_the_presenter_and_marks_what_it_leaves_out() {
    let app = in_elis_turn(with_presentation(Speaker::Member(1)));
    for (width, height) in [(24, 12), (30, 12), (40, 12), (60, 20)] {
        for shown in up_next(&app, width, height) {
            let listed = shown.trim_start_matches("Up next").trim();
            assert!(listed.starts_with("Ben:"), "{width}×{height}: {shown}");
            assert!(shown.contains(ELLIPSIS), "{width}×{height}: {shown}");
            // A length is whole or left out: "1…" would read as another figure.
            let figures = shown.split_whitespace().filter(|word| {
                word.starts_with(|c: char| c.is_ascii_digit())
                    && !word.chars().all(|c| c.is_ascii_digit() || c == ':')
            });
            assert_eq!(figures.count(), 0, "{width}×{height}: {shown}");
        }
    }
}
