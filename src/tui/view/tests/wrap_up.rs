//! The wrap-up cue (`w`, SPEC §6) as the room sees it: big where the name and the digits leave
//! rows for it, else a band of its own, else a word in the state line; calm, and never at the
//! cost of anything else on the screen.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::{in_anas_turn, key, min};
use crate::room::Room;
use crate::tui::app::App;
use crate::tui::view::draw_room;
use crate::tui::view::tests::text;

/// The room's screen, `width`×`height`, of Ana's turn at 7:00, with the cue on or off.
fn room(cue: bool, color: bool, projector: bool, width: u16, height: u16) -> Buffer {
    let mut app: App = in_anas_turn(color);
    if cue {
        key(&mut app, 'w', min(12));
    }
    let room = Room::new(app.room_state());
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw_room(&room.view(color), projector, min(12), area, &mut buf);
    buf
}

fn blocks(row: &str) -> bool {
    row.chars().any(|c| ('\u{2580}'..='\u{259f}').contains(&c)) && !row.contains('░')
}

/// The row of the state word.
fn state_row(screen: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains("running"))
        .unwrap_or_else(|| panic!("no state line:\n{screen}"))
}

/// Rows of big letters below the state line: the cue, where it is drawn big.
pub(super) fn big_rows_below_the_state(screen: &str) -> usize {
    screen
        .lines()
        .skip(state_row(screen) + 1)
        .filter(|l| blocks(l))
        .count()
}

#[test]
fn the_cue_is_big_where_the_room_has_rows_to_spare() {
    let sizes = [
        (200, 60, false),
        (400, 120, false),
        (80, 24, true),
        (200, 60, true),
    ];
    for (width, height, projector) in sizes {
        let shown = text(&room(true, false, projector, width, height));
        assert!(
            big_rows_below_the_state(&shown) >= 5,
            "{width}×{height}:\n{shown}"
        );
        // Said once: the state line no longer repeats it.
        assert!(!shown.contains("wrap up"), "{width}×{height}:\n{shown}");
    }
}

#[test]
fn without_rows_for_big_letters_the_cue_is_a_band_of_its_own() {
    for (width, height) in [(80, 24), (120, 40)] {
        let buf = room(true, false, false, width, height);
        a_band(&buf, width);
    }
}

fn a_band(buf: &Buffer, width: u16) {
    let shown = text(buf);
    let y = shown
        .lines()
        .position(|l| l.trim() == "please begin to wrap up")
        .unwrap_or_else(|| panic!("no band:\n{shown}"));
    assert!(y > state_row(&shown), "{shown}");
    // Reversed wider than its words, so it reads as a band across the room.
    let y = u16::try_from(y).unwrap_or(0);
    let reversed = (0..width)
        .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
        .count();
    assert!(
        reversed + 8 >= usize::from(width),
        "{reversed} cells reversed:\n{shown}"
    );
}

#[test]
fn the_cue_is_calm_not_the_alarm() {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let buf = room(true, true, false, width, height);
        let shown = text(&buf);
        let below = state_row(&shown) + 1;
        let colours: HashSet<Color> = (below..usize::from(height))
            .filter(|&y| {
                let row = shown.lines().nth(y).unwrap_or_default();
                row.contains("wrap up") || blocks(row)
            })
            .flat_map(|y| {
                let y = u16::try_from(y).unwrap_or(0);
                (0..width).map(move |x| (x, y))
            })
            .filter(|&at| buf[at].symbol() != " " || !buf[at].modifier.is_empty())
            .map(|at| buf[at].fg)
            .collect();
        assert_eq!(
            colours,
            HashSet::from([Color::Cyan]),
            "{width}×{height}:\n{shown}"
        );
    }
}

/// Plain words, not drawn in block elements.
fn words(screen: &str) -> HashSet<String> {
    screen
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| ('\u{2500}'..='\u{259f}').contains(&c)))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_cue_is_shown_at_every_size_and_takes_nothing_from_the_screen() {
    let sizes = [
        (20, 6),
        (30, 8),
        (40, 12),
        (60, 20),
        (80, 24),
        (100, 30),
        (120, 40),
        (200, 60),
        (400, 120),
    ];
    for (width, height) in sizes {
        for projector in [false, true] {
            let quiet = text(&room(false, false, projector, width, height));
            let cued = text(&room(true, false, projector, width, height));
            let at = format!("{width}×{height}, projector {projector}");
            let missing: Vec<String> = words(&quiet).difference(&words(&cued)).cloned().collect();
            assert!(missing.is_empty(), "{at}: {missing:?}\n{quiet}\n{cued}");
            assert!(
                cued.contains("wrap up") || big_rows_below_the_state(&cued) > 0,
                "{at}:\n{cued}"
            );
        }
    }
}

#[test]
fn snapshot_room_wrap_up_cue() {
    let shown = |projector, width, height| text(&room(true, false, projector, width, height));
    insta::assert_snapshot!("wrap_up_band_80x24", shown(false, 80, 24));
    insta::assert_snapshot!("wrap_up_projector_80x24", shown(true, 80, 24));
    insta::assert_snapshot!("wrap_up_big_200x60", shown(false, 200, 60));
}
