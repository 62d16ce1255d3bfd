//! The moderator's pickers as the facilitator sees them: who speaks next, a guest's name, the
//! presence picker with a guest, who presents.

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::{agenda, app_with, in_anas_turn, key, min, press, row, screen, segment};
use crate::domain::agenda::{Phase, PhaseKind, SegmentKind, Speaker};

fn typed(app: &mut crate::tui::app::App, text: &str) {
    for c in text.chars() {
        key(app, c, min(6));
    }
}

#[test]
fn who_speaks_next_lists_the_round_and_filters_as_you_type() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'o', min(6));
    assert_snapshot!("who_speaks_next", screen(&app, min(6)).backend());
    typed(&mut app, "d");
    assert_snapshot!("who_speaks_next_filtered", screen(&app, min(6)).backend());
}

#[test]
fn the_chosen_speaker_and_a_pass_for_now_show_in_up_next_at_once() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'o', min(6));
    typed(&mut app, "da");
    press(&mut app, KeyCode::Enter, min(6));
    let up_next = row(&screen(&app, min(6)), 22);
    assert!(
        up_next.contains("Dana 10:00 · Ben 10:00 · Chidi 10:00"),
        "{up_next}"
    );
    key(&mut app, 'p', min(7));
    let up_next = row(&screen(&app, min(7)), 22);
    assert!(
        up_next.contains("Ben ") && up_next.contains("Ana "),
        "{up_next}"
    );
    assert!(
        up_next.find("Ben").unwrap() < up_next.find("Ana").unwrap(),
        "Ana goes last: {up_next}"
    );
}

#[test]
fn a_guest_is_named_in_the_presence_picker() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'a', min(6));
    key(&mut app, '+', min(6));
    typed(&mut app, "ana");
    press(&mut app, KeyCode::Enter, min(6));
    assert_snapshot!("guest_name_refused", screen(&app, min(6)).backend());
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace, min(6));
    }
    typed(&mut app, "Zoë");
    press(&mut app, KeyCode::Enter, min(6));
    assert_snapshot!("presence_with_a_guest", screen(&app, min(6)).backend());
}

/// The hour's agenda with a presentation after the opening: Background 10m, then shares.
fn with_presentation(speaker: Speaker) -> crate::domain::agenda::Agenda {
    let mut agenda = agenda();
    let shares = Phase {
        name: "Shares".into(),
        kind: PhaseKind::Round {
            each: min(3),
            skip_speaker: true,
        },
        prompt: None,
        warn: None,
    };
    agenda.segments.insert(
        1,
        segment(
            "Presentation",
            SegmentKind::Spotlight {
                speaker,
                phases: vec![
                    Phase {
                        name: "Background".into(),
                        kind: PhaseKind::Block { length: min(10) },
                        prompt: None,
                        warn: None,
                    },
                    shares,
                ],
            },
            None,
        ),
    );
    agenda
}

#[test]
fn a_presenter_to_be_chosen_is_asked_for_when_the_spotlight_starts() {
    let mut app = app_with(with_presentation(Speaker::Choose), 1, true);
    press(&mut app, KeyCode::Enter, min(0));
    press(&mut app, KeyCode::Enter, min(5));
    assert_snapshot!("who_presents", screen(&app, min(6)).backend());
    typed(&mut app, "ch");
    press(&mut app, KeyCode::Enter, min(6));
    let context = (0..24)
        .map(|y| row(&screen(&app, min(6)), y))
        .find(|line| line.contains("Presentation"))
        .unwrap_or_default();
    assert!(context.contains("Presentation · Chidi"), "{context}");
}

#[test]
fn an_absent_presenter_is_named_and_the_room_waits_for_another() {
    let mut app = app_with(with_presentation(Speaker::Member(1)), 1, true);
    press(&mut app, KeyCode::Down, min(0));
    key(&mut app, ' ', min(0));
    press(&mut app, KeyCode::Enter, min(0));
    press(&mut app, KeyCode::Enter, min(5));
    assert_snapshot!("who_presents_instead", screen(&app, min(6)).backend());
}
