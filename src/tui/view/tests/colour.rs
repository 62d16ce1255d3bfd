//! Colour is invisible in text snapshots: check it cell by cell. Without colour no cell has a
//! foreground or background; with colour the warning word is yellow.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::{agenda, app_with, in_anas_turn, key, min, screen};
use crate::tui::app::App;

/// Every state and overlay, for the colour checks.
fn every_state(color: bool) -> Vec<(App, Duration)> {
    let mut states = vec![(app_with(agenda(), 3, color), Duration::ZERO)];
    for at in [min(8), min(14) + Duration::from_secs(30), min(15), min(58)] {
        states.push((in_anas_turn(color), at));
    }
    for c in [' ', 'f', '?', 'q', 'a', 'r', 'g', 'h'] {
        let mut app = in_anas_turn(color);
        key(&mut app, c, min(6));
        states.push((app, min(7)));
    }
    states
}

fn cells(terminal: &Terminal<TestBackend>) -> &Buffer {
    terminal.backend().buffer()
}

#[test]
fn without_colour_no_cell_has_a_colour() {
    for (app, now) in every_state(false) {
        let terminal = screen(&app, now);
        for cell in cells(&terminal).content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{:?}",
                app.overlay
            );
        }
    }
}

#[test]
fn warning_word_is_yellow_with_colour() {
    let app = in_anas_turn(true);
    let terminal = screen(&app, min(14) + Duration::from_secs(30));
    let buffer = cells(&terminal);
    let area = buffer.area;
    let found = (area.top()..area.bottom()).any(|y| {
        let row: String = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        row.find("WARNING").is_some_and(|at| {
            let x = u16::try_from(row[..at].chars().count()).unwrap_or(0);
            buffer[(x, y)].fg == Color::Yellow
        })
    });
    assert!(found, "no yellow WARNING on screen");
}
