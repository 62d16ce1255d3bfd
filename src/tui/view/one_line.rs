//! One line of text, placed exactly as `Paragraph` places it, without `Paragraph`'s reflow:
//! on the live screen, redrawn every second, the reflow machinery was a fifth of each frame.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Draws `line` in the top row of `area` with its alignment. A line wider than the area is
/// left to `Paragraph`, so it is cut exactly as before.
pub fn render(line: Line, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let Ok(width) = u16::try_from(line.width()) else {
        return Paragraph::new(line).render(area, buf);
    };
    if width > area.width {
        return Paragraph::new(line).render(area, buf);
    }
    // `Paragraph`'s own offsets (its `get_line_offset`), so centring rounds the same way.
    let offset = match line.alignment.unwrap_or(Alignment::Left) {
        Alignment::Center => (area.width / 2).saturating_sub(width / 2),
        Alignment::Right => area.width - width,
        Alignment::Left => 0,
    };
    buf.set_line(area.x + offset, area.y, &line, area.width - offset);
}

/// Draws `lines` centred, one a row from the top of `area`, as many as it has rows.
pub fn render_centred<'a>(lines: impl IntoIterator<Item = Line<'a>>, area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.into_iter().zip(area.y..area.bottom()) {
        render(
            line.centered(),
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;

    use super::*;

    /// Words as the views write them, wide characters included.
    const WORDS: [&str; 6] = ["Ben", " · ", "9:24", "Up next", "界", "Zoë"];

    proptest! {
        #[test]
        fn any_line_lands_where_paragraph_puts_it(
            words in proptest::collection::vec((0..WORDS.len(), any::<bool>()), 0..8),
            alignment in 0..3usize,
            (x, width, height) in (0u16..5, 0u16..40, 0u16..3),
        ) {
            let spans: Vec<Span> = words
                .iter()
                .map(|&(word, coloured)| {
                    let style = if coloured { Style::new().fg(Color::Green) } else { Style::new() };
                    Span::styled(WORDS[word], style)
                })
                .collect();
            let line = Line::from(spans).alignment(
                [Alignment::Left, Alignment::Center, Alignment::Right][alignment],
            );
            let area = Rect::new(x, 1, width, height);
            let whole = Rect::new(0, 0, 48, 5);
            let mut ours = Buffer::empty(whole);
            let mut theirs = Buffer::empty(whole);
            render(line.clone(), area, &mut ours);
            Paragraph::new(line).render(area, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}
