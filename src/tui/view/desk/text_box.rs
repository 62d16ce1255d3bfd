//! An overlay of a few paragraphs of prose (agreements, resources): a centred box, wrapped,
//! sized to its text and to the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::popup;
use crate::text;
use crate::tui::keymap::{Binding, footer};
use crate::tui::view::more;
use crate::tui::view::theme::Theme;

/// Prose is wrapped at this width so lines stay easy to follow.
const MEASURE: u16 = 64;

/// Draws `lines` (already styled) in a titled box, with the overlay's `keys` at the bottom.
pub fn draw(
    title: &str,
    lines: Vec<Line<'_>>,
    keys: &[Binding],
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let keys = footer(keys);
    let widest = lines
        .iter()
        .map(|l| u16::try_from(l.width()).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0);
    let width = widest.clamp(popup::widest([keys.as_str(), title]), MEASURE);
    let width = width.min(area.width.saturating_sub(4)).max(1);
    let rows = text::line_rows(&lines, width);
    let inner = popup::open(title, width, rows + 2, theme, area, buf);
    let body = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    more::wrapped(lines, body, buf);
    popup::footer(&keys, inner, theme, buf);
}
