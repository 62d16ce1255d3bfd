//! The mark of a text cut short for lack of rows: an ellipsis after the last word shown, so
//! nothing is left out silently (SPEC §5). For styled lines wrapped here (`fit_lines`), and for
//! text a `Paragraph` wrapped, where the cut is only known once it is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use crate::text::ELLIPSIS;

/// Draws `lines` wrapped in `area` and, when they need more rows than it has, ends the last
/// row with an ellipsis.
pub fn wrapped(lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    let cut = crate::text::line_rows(&lines, area.width) > area.height;
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
    if cut && area.height > 0 {
        let last = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        mark(last, buf);
    }
}

/// `lines` as rows of at most `columns` columns, each in its line's style, at most `rows`
/// of them (`text::fit_all`: the last ends in an ellipsis when some are left out).
pub fn fit_lines(lines: &[Line<'_>], columns: usize, rows: usize) -> Vec<Line<'static>> {
    fit_lines_of(lines, columns, rows)
        .into_iter()
        .map(|(_, row)| row)
        .collect()
}

/// `fit_lines`, each row with the index of the line it comes from.
pub fn fit_lines_of(
    lines: &[Line<'_>],
    columns: usize,
    rows: usize,
) -> Vec<(usize, Line<'static>)> {
    let words: Vec<String> = lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    crate::text::fit_all(words.iter().map(String::as_str), columns, rows)
        .into_iter()
        .map(|(at, row)| {
            let style = lines.get(at).map(|l| l.style).unwrap_or_default();
            (at, Line::from(row).style(style))
        })
        .collect()
}

/// Puts an ellipsis after the last character in `row` (its first row), or over that
/// character when the row is full; a wide character is replaced whole.
pub fn mark(row: Rect, buf: &mut Buffer) {
    let row = row.intersection(buf.area);
    if row.is_empty() {
        return;
    }
    let last = (row.x..row.right())
        .rev()
        .find(|&x| !buf[(x, row.y)].symbol().trim().is_empty());
    let at = match last {
        None => row.x,
        Some(x) => {
            let width = u16::try_from(buf[(x, row.y)].symbol().width().max(1)).unwrap_or(1);
            if x.saturating_add(width) < row.right() {
                x + width
            } else {
                x
            }
        }
    };
    let style = buf[(at.min(row.right() - 1), row.y)].style();
    buf[(at, row.y)].set_symbol(ELLIPSIS).set_style(style);
}

#[cfg(test)]
mod tests {
    use ratatui::style::Style;

    use super::*;

    fn row(text: &str, width: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        buf.set_string(0, 0, text, Style::new());
        mark(buf.area, &mut buf);
        (0..width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn the_ellipsis_follows_the_last_word_or_replaces_the_last_character() {
        assert_eq!(row("one two", 10), "one two…  ");
        assert_eq!(row("one two", 7), "one tw…");
        // A wide character is replaced whole, never halved (its second cell stays blank).
        assert_eq!(row("王芳王", 6), "王 芳 … ");
    }
}
