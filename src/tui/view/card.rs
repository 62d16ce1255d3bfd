//! The room's cards: the opening card before the start (title, purpose, agreements) and the
//! calm closing card at the end (title, thanks, the actual end) — never anyone's balance.

use std::ops::Range;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::big::{self, Size};
use super::more;
use super::one_line;
use super::theme::Theme;
use crate::room::RoomView;
use crate::text;

/// Prose wider than this is hard to follow from across a room.
const MEASURE: u16 = 72;

/// Before the start: what the group is here for and how it works.
pub fn opening(
    room: &RoomView,
    purpose: Option<&str>,
    agreements: &[String],
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = Theme { color: room.color };
    let mut lines = vec![Line::from(room.title).style(theme.strong()), Line::from("")];
    if let Some(purpose) = purpose {
        lines.push(Line::from(purpose).style(theme.prompt()));
        lines.push(Line::from(""));
    }
    let first = lines.len();
    for agreement in agreements {
        lines.push(Line::from(format!("• {agreement}")));
    }
    let list = first..lines.len();
    lines.push(Line::from(""));
    lines.push(Line::from("The meeting will start in a moment.").style(theme.dim()));
    centred(&lines, &list, area, buf);
}

/// At the end: thanks, and when the meeting ended against when it was planned to.
pub fn closing(
    room: &RoomView,
    planned_end: Duration,
    ended: Duration,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = Theme { color: room.color };
    let thanks = "Thank you";
    let width = area.width.saturating_sub(2);
    let columns = usize::from(width);
    // Five rows as plain text, and the controller's hint line under them: a long title takes
    // a second row only when the screen has it to spare.
    let title_rows = if area.height >= 8 { 2 } else { 1 };
    let title = text::fit(room.title, columns, title_rows);
    let title_rows = u16::try_from(title.len()).unwrap_or(1);
    let size = big::fit(
        9,
        1,
        width,
        area.height.saturating_sub(5 + title_rows) / 2,
        false,
    );
    let (_, rows) = size.extent(9, 1);
    let ended_line = text::join_within(
        &[
            &format!("Ended {}", room.origin.hhmm(ended)),
            &format!("planned {}", room.origin.hhmm(planned_end)),
        ],
        &[1],
        columns,
    );
    let used = title_rows + rows + 4;
    let mut y = area.y + area.height.saturating_sub(used) / 2;
    let mut row = |h: u16| {
        let rect = Rect::new(area.x + 1, y, width, h).intersection(area);
        y = y.saturating_add(h);
        rect
    };
    let title = title
        .into_iter()
        .map(|line| Line::from(line).style(theme.strong()));
    one_line::render_centred(title, row(title_rows), buf);
    row(1);
    if size == Size::Plain {
        let line = Line::from(thanks).style(theme.strong());
        one_line::render_centred([line], row(1), buf);
    } else {
        big::render(&[thanks], size, theme.border(), row(rows), buf);
    }
    row(1);
    let line = Line::from(ended_line).style(theme.dim());
    one_line::render_centred([line], row(1), buf);
}

/// A short message in the middle of the room's screen: waiting, or the controller gone.
pub fn note(title: &str, lines: &[&str], color: bool, area: Rect, buf: &mut Buffer) {
    let theme = Theme { color };
    let mut text = vec![Line::from(title).style(theme.strong()), Line::from("")];
    text.extend(
        lines
            .iter()
            .map(|line| Line::from(*line).style(theme.dim())),
    );
    centred(&text, &(0..0), area, buf);
}

/// `lines` wrapped at a readable measure and centred, but those in `list` centred as one
/// block, so its bullets line up; when the screen is too short for them, the last row shown
/// ends in an ellipsis (SPEC §5: nothing is cut silently).
fn centred(lines: &[Line<'_>], list: &Range<usize>, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(1, MEASURE);
    let rows = more::fit_lines_of(lines, usize::from(width), usize::from(area.height));
    let block = rows
        .iter()
        .filter(|(at, _)| list.contains(at))
        .map(|(_, row)| row.width())
        .max()
        .unwrap_or(0);
    // Every row of the block as wide as its widest: centred alike, they start alike.
    let rows: Vec<Line> = rows
        .into_iter()
        .map(|(at, row)| {
            if !list.contains(&at) {
                return row;
            }
            let style = row.style;
            let words: String = row.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::from(text::pad(&words, block)).style(style)
        })
        .collect();
    let height = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let x = area.x + (area.width - width.min(area.width)) / 2;
    let top = area.y + (area.height - height) / 2;
    one_line::render_centred(rows, Rect::new(x, top, width, height), buf);
}
