//! Banded frames against whole ones: whatever the bands do from frame to frame (kept, drawn
//! again with a new key, moved, gone, a plain frame in between), the emulated terminal and
//! the writer's own idea of the screen end up exactly as a whole redraw of the same frame.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::Bands;
use crate::tui::screen::{Screen, assert_shows};

/// Texts as the views write them, wide characters included.
const WORDS: [&str; 6] = ["█", "12:34", "Ana", "界", "é ", "  "];
const COLORS: [Color; 4] = [
    Color::Reset,
    Color::Green,
    Color::Indexed(200),
    Color::Rgb(1, 2, 3),
];

/// A band: where, and the key its whole content follows from.
type Drawn = (Rect, u8);

/// What a band with `key` draws in `rect`: a function of the two only, as the contract asks.
fn fill(key: u8, rect: Rect, buf: &mut Buffer) {
    let key = usize::from(key);
    if key % 3 == 0 {
        buf.set_style(rect, Style::new().bg(COLORS[key % COLORS.len()]));
    }
    let style = Style::new().fg(COLORS[(key / 2) % COLORS.len()]);
    for y in rect.top()..rect.bottom() {
        let skip = u16::try_from(key % 3).unwrap().min(rect.width);
        let width = usize::from(rect.width - skip);
        buf.set_stringn(rect.x + skip, y, WORDS[key % WORDS.len()], width, style);
    }
}

/// Draws `bands` in order, each inside its own rectangle.
fn draw(bands: &[Drawn], out: &mut Bands) {
    for &(rect, key) in bands {
        // Some drawn every frame, as screens without keys are.
        if key >= 10 {
            out.always(rect, |area, buf| fill(key, area, buf));
        } else {
            out.band(rect, key, |area, buf| fill(key, area, buf));
        }
    }
}

/// The bands of a frame, without overlaps (a later one overlapping an earlier is dropped).
fn frame(width: u16, height: u16) -> impl Strategy<Value = Vec<Drawn>> {
    let band = (0..width, 0..height, 1..=width, 1..=height, 0u8..12)
        .prop_map(|(x, y, w, h, key)| (Rect::new(x, y, w, h), key));
    proptest::collection::vec(band, 0..6).prop_map(move |bands| {
        let area = Rect::new(0, 0, width, height);
        let mut kept: Vec<Drawn> = Vec::new();
        for (rect, key) in bands {
            let rect = rect.intersection(area);
            if !rect.is_empty() && kept.iter().all(|(other, _)| !other.intersects(rect)) {
                kept.push((rect, key));
            }
        }
        kept
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn banded_frames_show_exactly_what_whole_frames_show(
        (width, height, frames) in (1u16..24, 1u16..8).prop_flat_map(|(w, h)| {
            let frames = proptest::collection::vec((frame(w, h), 0u8..8), 1..10);
            (Just(w), Just(h), frames)
        }),
    ) {
        let mut screen = Screen::new(Vec::new());
        let mut parser = vt100::Parser::new(height.try_into().unwrap(), width.try_into().unwrap(), 0);
        for (bands, how) in &frames {
            let mut whole = Buffer::empty(Rect::new(0, 0, width, height));
            draw(bands, &mut Bands::plain(&mut whole));
            match how {
                // Now and then a plain frame, or the screen repainted, in between.
                0 => screen.draw((width, height), |_, buf| draw(bands, &mut Bands::plain(buf))),
                1 => {
                    screen.invalidate();
                    screen.draw_bands((width, height), |_, out| draw(bands, out))
                }
                _ => screen.draw_bands((width, height), |_, out| draw(bands, out)),
            }
            .unwrap();
            parser.process(&std::mem::take(screen.output()));
            assert_shows(&parser, &whole)?;
            prop_assert_eq!(screen.shown(), &whole);
        }
    }
}

/// The case the skip exists for, and the one it must never get wrong: a kept band stays as
/// it is, a band whose key changed is drawn again even where the rest of its row is kept, and
/// a band that moved away leaves blanks behind.
#[test]
fn a_kept_band_is_not_sent_a_changed_or_moved_one_is() {
    let mut screen = Screen::new(Vec::new());
    let mut parser = vt100::Parser::new(4.try_into().unwrap(), 20.try_into().unwrap(), 0);
    let left = Rect::new(0, 1, 8, 2);
    let right = Rect::new(10, 1, 8, 2);
    let mut show = |bands: &[Drawn]| {
        screen
            .draw_bands((20, 4), |_, out| draw(bands, out))
            .unwrap();
        let sent = std::mem::take(screen.output());
        parser.process(&sent);
        let mut whole = Buffer::empty(Rect::new(0, 0, 20, 4));
        draw(bands, &mut Bands::plain(&mut whole));
        assert_shows(&parser, &whole).unwrap();
        sent
    };
    show(&[(left, 2), (right, 1)]);
    assert!(show(&[(left, 2), (right, 1)]).is_empty(), "all kept");
    let changed = String::from_utf8(show(&[(left, 2), (right, 7)])).unwrap();
    assert!(
        changed.contains("12:34") && !changed.contains("Ana"),
        "{changed:?}"
    );
    // Moved one row down: the old top row is blanked, the new bottom one drawn.
    let moved = Rect { y: 2, ..right };
    show(&[(left, 2), (moved, 7)]);
    show(&[(left, 2)]);
}
