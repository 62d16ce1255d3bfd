//! The encoder against a terminal emulator: whatever two frames, the emulated screen ends up
//! showing the second, in text, colour and attributes.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::Encoder;
use crate::tui::screen::bands::DRAWN;

const COLORS: [Color; 7] = [
    Color::Reset,
    Color::Green,
    Color::Yellow,
    Color::DarkGray,
    Color::White,
    Color::Indexed(200),
    Color::Rgb(10, 20, 30),
];

const MODIFIERS: [Modifier; 5] = [
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::UNDERLINED,
    Modifier::REVERSED,
];

/// Texts as the views write them: ASCII, block glyphs, accents and wide characters.
const WORDS: [&str; 8] = ["a", "Bo", "█", "██ █", "é", "界", "日本", "  "];

pub(in crate::tui) fn expected_color(color: Color) -> vt100::Color {
    match color {
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(index) => vt100::Color::Idx(index),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        Color::Reset => vt100::Color::Default,
    }
}

type Stroke = (u16, u16, usize, usize, usize, u8);

fn paint(area: Rect, strokes: &[Stroke]) -> Buffer {
    let mut buffer = Buffer::empty(area);
    for &(x, y, word, fg, bg, modifiers) in strokes {
        let modifier = MODIFIERS
            .iter()
            .enumerate()
            .filter(|(bit, _)| modifiers & (1 << bit) != 0)
            .fold(Modifier::empty(), |all, (_, m)| all | *m);
        let style = Style::new()
            .fg(COLORS[fg])
            .bg(COLORS[bg])
            .add_modifier(modifier);
        buffer.set_string(x % area.width, y % area.height, WORDS[word], style);
    }
    buffer
}

/// Checks every visible cell of `buffer` against the emulated screen.
pub(in crate::tui) fn assert_shows(
    parser: &vt100::Parser,
    buffer: &Buffer,
) -> Result<(), TestCaseError> {
    let screen = parser.screen();
    for y in 0..buffer.area.height {
        let mut covered = 0;
        for x in 0..buffer.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let cell = &buffer[(x, y)];
            let shown = screen.cell(y, x).unwrap();
            let text = match shown.contents() {
                "" => " ",
                text => text,
            };
            prop_assert_eq!(text, cell.symbol(), "text at {},{}", x, y);
            prop_assert_eq!(
                shown.bgcolor(),
                expected_color(cell.bg),
                "bg at {},{}",
                x,
                y
            );
            // A blank shows only its background, unless an attribute is drawn across it.
            let visible = [Modifier::UNDERLINED, Modifier::REVERSED];
            let plain_blank = cell.symbol() == " "
                && !visible.iter().any(|m| cell.modifier.contains(*m))
                && !shown.underline()
                && !shown.inverse();
            if plain_blank {
                continue;
            }
            prop_assert_eq!(
                shown.fgcolor(),
                expected_color(cell.fg),
                "fg at {},{}",
                x,
                y
            );
            let attributes = [
                shown.bold(),
                shown.dim(),
                shown.italic(),
                shown.underline(),
                shown.inverse(),
            ];
            // vt100 keeps one intensity, bold or dim, where terminals show both at once.
            let both = cell.modifier.contains(Modifier::BOLD | Modifier::DIM);
            for (has, modifier) in attributes.into_iter().zip(MODIFIERS) {
                if both && (modifier == Modifier::BOLD || modifier == Modifier::DIM) {
                    continue;
                }
                prop_assert_eq!(
                    has,
                    cell.modifier.contains(modifier),
                    "{:?} at {},{}",
                    modifier,
                    x,
                    y
                );
            }
            covered = cell.cell_width().saturating_sub(1);
        }
    }
    Ok(())
}

fn stroke() -> impl Strategy<Value = Stroke> {
    (
        0u16..40,
        0u16..8,
        0..WORDS.len(),
        0..COLORS.len(),
        0..COLORS.len(),
        0u8..32,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_frame_after_any_frame_shows_exactly_the_second(
        width in 1u16..40,
        height in 1u16..8,
        frames in proptest::collection::vec(proptest::collection::vec(stroke(), 0..12), 1..4),
    ) {
        let area = Rect::new(0, 0, width, height);
        let mut parser = vt100::Parser::new(height.try_into().unwrap(), width.try_into().unwrap(), 0);
        let mut encoder = Encoder::new(true);
        let mut bytes = Vec::new();
        encoder.clear(&mut bytes);
        let mut shown = Buffer::empty(area);
        for strokes in &frames {
            let next = paint(area, strokes);
            frame(&mut encoder, &shown, &next, &mut bytes);
            parser.process(&bytes);
            bytes.clear();
            assert_shows(&parser, &next)?;
            shown = next;
        }
    }
}

/// What `encoder` sends to go from `before` to `after`, once a cleared screen shows `before`.
fn second_frame(mut encoder: Encoder, before: &Buffer, after: &Buffer) -> String {
    let mut bytes = Vec::new();
    encoder.clear(&mut bytes);
    frame(
        &mut encoder,
        &Buffer::empty(before.area),
        before,
        &mut bytes,
    );
    bytes.clear();
    frame(&mut encoder, before, after, &mut bytes);
    String::from_utf8(bytes).unwrap()
}

/// What `encoder` sends to go from `shown` to `next` when every cell may have changed: as
/// the writer marks a frame drawn whole, one band over the screen.
fn frame(encoder: &mut Encoder, shown: &Buffer, next: &Buffer, bytes: &mut Vec<u8>) {
    let width = usize::from(next.area.width);
    let marks = vec![DRAWN; next.content.len()];
    let spans = vec![0..width; usize::from(next.area.height)];
    encoder.frame(shown, next, (&marks, &spans), bytes);
}

#[test]
fn an_unchanged_frame_sends_nothing() {
    let area = Rect::new(0, 0, 20, 3);
    let frame = paint(area, &[(1, 1, 3, 1, 0, 1), (0, 2, 5, 2, 3, 4)]);
    let bytes = second_frame(Encoder::new(true), &frame, &frame.clone());
    assert!(bytes.is_empty(), "{bytes:?}");
}

#[test]
fn one_changed_cell_is_one_move_and_one_character() {
    let area = Rect::new(0, 0, 20, 3);
    let before = paint(area, &[(4, 1, 3, 1, 0, 1)]);
    let mut after = before.clone();
    after[(5, 1)].set_symbol(" ");
    // The pen is bold green and the cursor just after the glyphs: back three, no SGR.
    assert_eq!(
        second_frame(Encoder::new(true), &before, &after),
        "\u{1b}[3D "
    );
}

#[test]
fn short_gaps_are_rewritten_and_long_gaps_jumped() {
    let area = Rect::new(0, 0, 30, 1);
    let mut before = Buffer::empty(area);
    before.set_string(0, 0, "abcdefghijklmnopqrstuvwxyz", Style::new());
    let mut after = before.clone();
    for x in [0, 3, 20] {
        after[(x, 0)].set_symbol("-");
    }
    assert_eq!(
        second_frame(Encoder::new(true), &before, &after),
        "\r-bc-\u{1b}[16C-"
    );
}

#[test]
fn the_pen_changes_only_what_differs() {
    let area = Rect::new(0, 0, 10, 1);
    let mut next = Buffer::empty(area);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    next.set_string(0, 0, "a", bold.fg(Color::Green));
    next.set_string(1, 0, "b", bold.fg(Color::Yellow));
    next.set_string(2, 0, "c", Style::new().fg(Color::Yellow));
    assert_eq!(
        second_frame(Encoder::new(true), &Buffer::empty(area), &next),
        "\u{1b}[1H\u{1b}[1;32ma\u{1b}[33mb\u{1b}[0;33mc"
    );
}

/// "ab" on the first row; the next frame adds an "x" under the "b"'s right.
fn ab_then_x_below() -> (Buffer, Buffer) {
    let mut before = Buffer::empty(Rect::new(0, 0, 10, 5));
    before.set_string(0, 0, "ab", Style::new());
    let mut after = before.clone();
    after.set_string(2, 1, "x", Style::new());
    (before, after)
}

#[test]
fn a_few_rows_down_are_line_feeds() {
    let (before, mut after) = ab_then_x_below();
    after.set_string(0, 3, "y", Style::new());
    assert_eq!(
        second_frame(Encoder::new(true), &before, &after),
        "\nx\n\n\ry"
    );
}

#[test]
fn without_raw_output_rows_are_reached_by_absolute_moves() {
    let (before, after) = ab_then_x_below();
    assert_eq!(
        second_frame(Encoder::new(false), &before, &after),
        "\u{1b}[2;3Hx"
    );
}
