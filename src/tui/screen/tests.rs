//! Frames through `Screen`: the first paints, later ones send differences, a resize or an
//! invalidation paints again.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Screen;

fn write(text: &'static str) -> impl FnOnce(Rect, &mut Buffer) {
    move |area, buf| buf.set_string(area.x, area.y, text, Style::new())
}

fn sent(screen: &mut Screen<Vec<u8>>) -> String {
    String::from_utf8(std::mem::take(screen.output())).unwrap()
}

#[test]
fn the_first_frame_clears_then_later_frames_send_only_changes() {
    let mut screen = Screen::new(Vec::new());
    screen.draw((10, 2), write("12:34")).unwrap();
    assert!(sent(&mut screen).starts_with("\u{1b}[0m\u{1b}[2J"));
    screen.draw((10, 2), write("12:33")).unwrap();
    // The cursor is known from the last frame: one step back from after "12:34".
    assert_eq!(sent(&mut screen), "\u{1b}[D3");
    screen.draw((10, 2), write("12:33")).unwrap();
    assert_eq!(sent(&mut screen), "");
}

#[test]
fn a_resize_or_an_invalidation_repaints_everything() {
    let mut screen = Screen::new(Vec::new());
    screen.draw((10, 2), write("12:34")).unwrap();
    sent(&mut screen);
    screen.draw((12, 2), write("12:34")).unwrap();
    let resized = sent(&mut screen);
    assert!(resized.starts_with("\u{1b}[0m\u{1b}[2J") && resized.contains("12:34"));
    screen.invalidate();
    screen.draw((12, 2), write("12:34")).unwrap();
    let repainted = sent(&mut screen);
    assert!(repainted.starts_with("\u{1b}[0m\u{1b}[2J") && repainted.contains("12:34"));
    assert_eq!(screen.shown().area, Rect::new(0, 0, 12, 2));
}
