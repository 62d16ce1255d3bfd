//! The live screens drawn in bands (what `run` and `show` send) against the same screens
//! drawn whole, frame after frame of a running meeting with keys pressed in between: the
//! emulated terminal must show exactly the whole frame, so a band kept that should have been
//! drawn again (an input missing from its key) fails here.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crossterm::event::KeyCode;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{in_anas_turn, min, press};
use crate::room::Room;
use crate::tui::screen::{Screen, assert_shows};
use crate::tui::view;

/// Keys that change what the live screens show: pause, next, wrap-up, more and less time,
/// undo, projector view, and the overlays (help, quit, presence, reset) and their way out.
const KEYS: [KeyCode; 12] = [
    KeyCode::Char(' '),
    KeyCode::Char('n'),
    KeyCode::Char('w'),
    KeyCode::Char('+'),
    KeyCode::Char('-'),
    KeyCode::Char('u'),
    KeyCode::Char('f'),
    KeyCode::Char('?'),
    KeyCode::Char('q'),
    KeyCode::Char('a'),
    KeyCode::Char('r'),
    KeyCode::Esc,
];

/// One banded frame on `screen`, checked against `whole` through `parser`.
fn check(
    screen: &mut Screen<Vec<u8>>,
    parser: &mut vt100::Parser,
    whole: &Buffer,
) -> Result<(), TestCaseError> {
    parser.process(&std::mem::take(screen.output()));
    assert_shows(parser, whole)?;
    prop_assert_eq!(screen.shown(), whole);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn banded_live_screens_show_what_whole_ones_show(
        (width, height) in prop_oneof![Just((120u16, 40u16)), Just((80, 24)), (20u16..60, 6u16..20)],
        color in any::<bool>(),
        steps in proptest::collection::vec((0u64..2500, proptest::option::of(0..KEYS.len())), 1..40),
    ) {
        let mut app = in_anas_turn(color);
        app.settings.color = color;
        let mut now = min(5);
        let area = Rect::new(0, 0, width, height);
        let rows = height.try_into().unwrap();
        let columns = width.try_into().unwrap();
        let (mut controller, mut display) = (Screen::new(Vec::new()), Screen::new(Vec::new()));
        let mut controller_terminal = vt100::Parser::new(rows, columns, 0);
        let mut display_terminal = vt100::Parser::new(rows, columns, 0);
        for (millis, key) in steps {
            now += Duration::from_millis(millis);
            if let Some(key) = key {
                press(&mut app, KEYS[key], now);
            }
            let room = Room::new(app.room_state());
            let room = room.view(color);

            let mut whole = Buffer::empty(area);
            view::draw(&app, &room, now, area, &mut whole);
            controller
                .draw_bands((width, height), |area, bands| {
                    view::draw_bands(&app, &room, now, area, bands);
                })
                .unwrap();
            check(&mut controller, &mut controller_terminal, &whole)?;

            let mut whole = Buffer::empty(area);
            view::draw_room(&room, app.projector, now, area, &mut whole);
            display
                .draw_bands((width, height), |area, bands| {
                    view::draw_room_bands(&room, app.projector, now, area, bands);
                })
                .unwrap();
            check(&mut display, &mut display_terminal, &whole)?;
        }
    }
}
