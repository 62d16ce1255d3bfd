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

/// What the bands are for: a second of a running turn at 120×40 draws and compares again
/// only the rows whose content changed (the digit that ticked, the gauge and its reading),
/// and sends nothing outside them. A band keyed by something that changes every frame
/// (`now` itself, say) is compared every frame, and fails here even though the encoder
/// would still send only the changed cells.
#[test]
fn a_second_of_a_running_turn_touches_only_the_rows_that_changed() {
    let (width, height) = (120, 40);
    let area = Rect::new(0, 0, width, height);
    let app = in_anas_turn(false);
    let room = Room::new(app.room_state());
    let room = room.view(false);
    let mut screen = Screen::new(Vec::new());
    let mut terminal = vt100::Parser::new(height.try_into().unwrap(), width.try_into().unwrap(), 0);
    let mut frame = |now: Duration| {
        screen
            .draw_bands((width, height), |area, bands| {
                view::draw_bands(&app, &room, now, area, bands);
            })
            .unwrap();
        let mut whole = Buffer::empty(area);
        view::draw(&app, &room, now, area, &mut whole);
        (std::mem::take(screen.output()), whole)
    };
    // Mid-minute, so nothing that changes by the minute (the clock, up next) changes here.
    let (first, before) = frame(min(6) + Duration::from_secs(20));
    let (second, after) = frame(min(6) + Duration::from_secs(21));
    let changed: Vec<u16> = (0..height)
        .filter(|&y| (0..width).any(|x| before[(x, y)] != after[(x, y)]))
        .collect();
    // The gauge's reading ("0:20 of …" to "0:21 of …") and some rows of the digits.
    let gauge = (0..height).find(|&y| {
        let row = (0..width)
            .map(|x| after[(x, y)].symbol())
            .collect::<String>();
        row.contains(" of ")
    });
    assert!(gauge.is_some_and(|y| changed.contains(&y)), "{changed:?}");
    assert!(changed.len() > 1 && changed.len() < 20, "{changed:?}");

    // The work: only rows that changed were compared, and the blank rows right under them
    // (a glyph's band is its whole box, the font's blank bottom rows with it).
    let blank =
        |y: u16| (0..width).all(|x| [&before, &after].iter().all(|b| b[(x, y)].symbol() == " "));
    let mut drawn = changed.clone();
    for &y in &changed {
        drawn.extend((y + 1..height).take_while(|&below| blank(below)));
    }
    let compared = screen.compared_rows();
    assert!(
        compared.iter().all(|y| drawn.contains(y)),
        "compared {compared:?}, changed {changed:?}"
    );

    // The bytes: every other row is filled with a mark after the first frame (the cursor and
    // pen put back as they were), and after the second it still shows the mark whole.
    terminal.process(&first);
    let (cursor, pen) = (
        terminal.screen().cursor_state_formatted(),
        terminal.screen().attributes_formatted(),
    );
    let mut marked = Vec::new();
    for y in (0..height).filter(|y| !changed.contains(y)) {
        marked.extend(format!("\x1b[{};1H\x1b[0m", y + 1).bytes());
        marked.extend("¤".repeat(usize::from(width)).bytes());
    }
    terminal.process(&marked);
    terminal.process(cursor.as_bytes());
    terminal.process(pen.as_bytes());
    terminal.process(&second);
    for y in (0..height).filter(|y| !changed.contains(y)) {
        let row: String = (0..width)
            .filter_map(|x| {
                terminal
                    .screen()
                    .cell(y, x)
                    .map(|cell| cell.contents().to_owned())
            })
            .collect();
        assert_eq!(
            row,
            "¤".repeat(usize::from(width)),
            "row {y} was written to"
        );
    }
}
