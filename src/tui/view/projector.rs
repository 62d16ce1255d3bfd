//! The projector view (`f`): only the name, the digits and the state, as large as they go.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::big::{self, Size};
use super::format::countdown;
use super::labels::{holder, mood};
use super::live::state_line;
use super::theme::Theme;
use crate::domain::meeting::{Meeting, Status};
use crate::tui::app::App;

/// Draws the projector view; the name gets at most a quarter of the height.
pub fn draw(app: &App, meeting: &Meeting, status: &Status, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let plan = meeting.plan();
    let Some(slot) = plan.slots.get(status.slot) else {
        return;
    };
    let mood = mood(status);
    let width = area.width.saturating_sub(2);
    // State line and a blank row around the digits.
    let rows = area.height.saturating_sub(3);

    let name = holder(plan, slot);
    let name_glyphs = u16::try_from(name.chars().count()).unwrap_or(u16::MAX);
    let name_size = if big::drawable(name) {
        big::fit(name_glyphs, 1, width, rows / 4, true)
    } else {
        Size::Plain
    };
    let (_, name_rows) = name_size.extent(name_glyphs, 1);

    let text = countdown(status);
    let glyphs = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    // Sized for the allotment without room for a sign: as large as possible while the turn
    // runs; the digits shrink once, at overtime, which is itself worth noticing.
    let allotted = u16::try_from(super::format::length(status.allotted).len()).unwrap_or(0);
    let budget = glyphs.max(allotted);
    let digits = big::fit(budget, 1, width, rows.saturating_sub(name_rows), true);
    let (_, digit_rows) = digits.extent(glyphs, 1);

    let used = name_rows + 1 + digit_rows + 1 + 1;
    let mut y = area.y + area.height.saturating_sub(used) / 2;
    let mut row = |h: u16| {
        let rect = Rect::new(area.x + 1, y, width, h).intersection(area);
        y = y.saturating_add(h);
        rect
    };
    big::render(&[name], name_size, theme.strong(), row(name_rows), buf);
    row(1);
    big::render(&[&text], digits, theme.digits(mood), row(digit_rows), buf);
    row(1);
    state_line(app, status, mood, theme, row(1), buf);
}
