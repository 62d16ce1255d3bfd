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
