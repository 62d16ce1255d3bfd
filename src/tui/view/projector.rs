//! The projector view (`f`): only the name, the digits and the state, as large as they go, and
//! the wrap-up cue in the rows they leave.

use ratatui::layout::Rect;

use super::big;
use super::big::lettering;
use super::big::share::share;
use super::cue::{self, Cue};
use super::format::countdown;
use super::labels::{holder, mood};
use super::live::state_words;
use super::one_line;
use super::theme::Theme;
use crate::domain::meeting::{Meeting, Status};
use crate::room::RoomView;
use crate::tui::screen::Bands;

/// Draws the projector view; the name and the digits share the height (`big::share`). In
/// bands, as the live view: a second draws again only the digit that changed.
pub fn draw(room: &RoomView, meeting: &Meeting, status: &Status, area: Rect, bands: &mut Bands) {
    let theme = Theme { color: room.color };
    let plan = meeting.plan();
    let Some(slot) = plan.slots.get(status.slot) else {
        return;
    };
    let mood = mood(status);
    let width = area.width.saturating_sub(2);
    // State line and a blank row around the digits.
    let rows = area.height.saturating_sub(3);

    let name = holder(plan, slot);
    let time = countdown(status);
    let glyphs = u16::try_from(time.chars().count()).unwrap_or(u16::MAX);
    // Sized for the allotment without room for a sign: as large as possible while the turn
    // runs; the digits shrink once, at overtime, which is itself worth noticing.
    let allotted = u16::try_from(super::format::length(status.allotted).len()).unwrap_or(0);
    let budget = glyphs.max(allotted);
    let (digits, name_letters) = share(name, budget, width, rows);
    let name_rows = lettering::rows(name, &name_letters);
    let (_, digit_rows) = digits.extent(glyphs, 1);

    let used = name_rows + 1 + digit_rows + 1 + 1;
    let (shown, cue_gap, cue_rows) = if meeting.wrapping_up() {
        let line_rows = lettering::line_rows(name, &name_letters);
        let scale = lettering::scale(&name_letters);
        cue::fit(scale, line_rows, width, area.height.saturating_sub(used))
    } else {
        (Cue::Line, 0, 0)
    };
    let used = used + cue_gap + cue_rows;
    let mut y = area.y + area.height.saturating_sub(used) / 2;
    let mut row = |h: u16| {
        let rect = Rect::new(area.x + 1, y, width, h).intersection(area);
        y = y.saturating_add(h);
        rect
    };
    let strong = theme.strong();
    bands.band(
        row(name_rows),
        ("name", name, &name_letters, strong),
        |area, buf| lettering::draw(name, &name_letters, strong, area, buf),
    );
    row(1);
    big::render_bands(&time, digits, theme.digits(mood), row(digit_rows), bands);
    row(1);
    let state = state_words(room, meeting, status, shown == Cue::Line, width, theme);
    bands.band(row(1), ("state", &state), |area, buf| {
        one_line::render(state.clone(), area, buf);
    });
    if shown != Cue::Line {
        bands.band(
            row(cue_gap + cue_rows),
            ("cue", &shown, cue_gap, theme.color),
            |area, buf| cue::draw(&shown, cue_gap, theme, area, buf),
        );
    }
}
