//! SPEC §5/§11: the screen draws at every size, in every state, without panicking. Random
//! agendas, random keys at random (increasing) instants, random terminal sizes.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::{Local, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use forumtimer::domain::agenda::{Agenda, Order, Phase, PhaseKind, Segment, SegmentKind, Speaker};
use forumtimer::room::Room;
use forumtimer::tui::app::{App, Settings};
use forumtimer::tui::screen::Screen;
use forumtimer::tui::view;
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};

const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Char(' '),
    KeyCode::Char('n'),
    KeyCode::Char('s'),
    KeyCode::Char('b'),
    KeyCode::Char('u'),
    KeyCode::Char('+'),
    KeyCode::Char('-'),
    KeyCode::Char('a'),
    KeyCode::Char('r'),
    KeyCode::Char('3'),
    KeyCode::Char('6'),
    KeyCode::Char('g'),
    KeyCode::Char('h'),
    KeyCode::Char('f'),
    KeyCode::Char('?'),
    KeyCode::Char('q'),
    KeyCode::Char('y'),
    KeyCode::Esc,
    KeyCode::Up,
    KeyCode::Down,
];

fn agenda(members: usize, each: u64, long_names: bool) -> Agenda {
    let names: Vec<String> = (0..members)
        .map(|i| {
            if long_names {
                format!("Member with a rather long name number {i}")
            } else {
                format!("M{i}")
            }
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut agenda = Agenda::new("A forum", &refs);
    agenda.agreements = vec!["What is said here stays here.".into()];
    let segment = |name: &str, kind| Segment {
        name: name.into(),
        kind,
        prompt: Some("A prompt that is long enough to need wrapping on a narrow screen.".into()),
        warn: None,
    };
    let each = Duration::from_secs(each);
    agenda.segments = vec![
        segment(
            "Opening",
            SegmentKind::Block {
                length: Duration::from_secs(120),
            },
        ),
        segment(
            "Round",
            SegmentKind::Round {
                each,
                order: Order::Agenda,
            },
        ),
        segment(
            "Spotlight",
            SegmentKind::Spotlight {
                speaker: Speaker::Member(0),
                phases: vec![Phase {
                    name: "Shares".into(),
                    kind: PhaseKind::Round {
                        each,
                        skip_speaker: true,
                    },
                    prompt: None,
                    warn: None,
                }],
            },
        ),
    ];
    agenda
}

/// One frame of `app` as `run` draws it: the room projected, then drawn in bands.
fn draw_as_run(screen: &mut Screen<Vec<u8>>, size: (u16, u16), app: &App, now: Duration) {
    let room = Room::new(app.room_state());
    let room = room.view(app.settings.color);
    screen
        .draw_bands(size, |area, bands| {
            view::draw_bands(app, &room, now, area, bands);
        })
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_state_draws_at_any_size(
        members in 1usize..12,
        each in 1u64..4000,
        long_names: bool,
        color: bool,
        speed in 1u32..5,
        steps in proptest::collection::vec((0usize..KEYS.len(), 0u64..900_000), 0..40),
        sizes in proptest::collection::vec((0u16..=120, 0u16..=40), 1..4),
    ) {
        let settings = Settings { speed, color, bell: false, deadline: None, seed: 7 };
        let origin = Local.with_ymd_and_hms(2026, 11, 23, 19, 0, 0).single().unwrap();
        let mut app = App::new(agenda(members, each, long_names), settings, origin);
        let mut now = Duration::ZERO;
        // One screen per size, kept across steps, so frames are sent as differences.
        let mut screens: Vec<Screen<Vec<u8>>> = sizes.iter().map(|_| Screen::new(Vec::new())).collect();
        let mut draw = |app: &App, now: Duration| {
            for (screen, &size) in screens.iter_mut().zip(&sizes) {
                draw_as_run(screen, size, app, now);
            }
        };
        for (key, advance) in steps {
            now += Duration::from_millis(advance);
            app.handle_key(&KeyEvent::new(KEYS[key], KeyModifiers::NONE), now);
            draw(&app, now);
        }
        draw(&app, now + Duration::from_secs(36_000));
        for (screen, &(width, height)) in screens.iter_mut().zip(&sizes) {
            let shown = screen.shown().clone();
            let emulated = emulate(screen.output(), width, height);
            prop_assert_eq!(emulated, texts(&shown));
        }
    }
}

/// The rows a terminal emulator shows after `bytes`.
fn emulate(bytes: &[u8], width: u16, height: u16) -> Vec<String> {
    if width == 0 || height == 0 {
        return Vec::new();
    }
    let mut parser = vt100::Parser::new(height.try_into().unwrap(), width.try_into().unwrap(), 0);
    parser.process(bytes);
    let screen = parser.screen();
    (0..height)
        .map(|row| {
            (0..width)
                .filter_map(|col| screen.cell(row, col))
                .filter(|cell| !cell.is_wide_continuation())
                .map(|cell| match cell.contents() {
                    "" => " ".to_owned(),
                    text => text.to_owned(),
                })
                .collect()
        })
        .collect()
}

/// The rows of `buffer` as text, each wide character once.
fn texts(buffer: &Buffer) -> Vec<String> {
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return Vec::new();
    }
    buffer
        .content
        .chunks(width)
        .map(|row| {
            let mut text = String::new();
            let mut covered = 0;
            for cell in row {
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                text.push_str(cell.symbol());
                covered = cell.cell_width().saturating_sub(1);
            }
            text
        })
        .collect()
}

#[test]
fn every_size_up_to_a_large_tv_draws() {
    let settings = Settings {
        speed: 1,
        color: true,
        bell: false,
        deadline: None,
        seed: 0,
    };
    let origin = Local
        .with_ymd_and_hms(2026, 11, 23, 19, 0, 0)
        .single()
        .unwrap();
    let mut app = App::new(agenda(5, 600, false), settings, origin);
    app.handle_key(
        &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        Duration::ZERO,
    );
    for (w, h) in [
        (400, 120),
        (0, 0),
        (1, 1),
        (20, 6),
        (19, 5),
        (400, 1),
        (1, 120),
    ] {
        let mut screen = Screen::new(Vec::new());
        draw_as_run(&mut screen, (w, h), &app, Duration::from_secs(5));
    }
}
