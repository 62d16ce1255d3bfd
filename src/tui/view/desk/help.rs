//! The help overlay (`?`): every key of the page under it (the opening, the meeting or the
//! summary) and the keys of every page, drawn from the key tables so it cannot drift from what
//! the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::popup;
use crate::text;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding, HELP, footer};
use crate::tui::view::theme::Theme;

/// Draws the key list in one column, or two when the screen is short; when even they do not
/// hold every key, the last row says how many are left out (SPEC §5: never silently).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let bindings: Vec<&Binding> = keymap::listed(app.page_keys()).collect();
    let closes = footer(HELP);
    let label_w = popup::widest(bindings.iter().map(|b| b.label));
    let help_w = popup::widest(bindings.iter().map(|b| b.help));
    let row_w = (label_w + 2 + help_w).max(popup::widest([closes.as_str()]));
    let count = u16::try_from(bindings.len()).unwrap_or(u16::MAX);
    // Two columns when one does not fit the height but two fit the width.
    let columns = if count + 4 > area.height && (row_w * 2 + 3 + 4) <= area.width {
        2
    } else {
        1
    };
    let per_column = count.div_ceil(columns);
    let width = row_w * columns + 3 * (columns - 1);
    let inner = popup::open("Keys", width, per_column + 2, theme, area, buf);
    // The footer under a blank row, or right under the keys when rows are short.
    let footer = if inner.height >= per_column + 2 {
        2
    } else {
        inner.height.min(1)
    };
    let per = usize::from(inner.height - footer);
    let room = per * usize::from(columns);
    let shown = if bindings.len() > room {
        room.saturating_sub(1)
    } else {
        bindings.len()
    };

    let mut rows: Vec<Line> = bindings[..shown]
        .iter()
        .map(|b| {
            let help_room = usize::from(row_w.min(inner.width).saturating_sub(label_w + 2));
            Line::from(vec![
                Span::styled(
                    format!("{:>w$}", b.label, w = usize::from(label_w)),
                    theme.strong(),
                ),
                Span::raw("  "),
                Span::raw(text::cut(b.help, help_room)),
            ])
        })
        .collect();
    if shown < bindings.len() {
        let more = format!("{} {} more keys", text::ELLIPSIS, bindings.len() - shown);
        let more = text::join_within(
            &[&more, "enlarge the window"],
            &[1],
            usize::from(row_w.min(inner.width)),
        );
        rows.push(Line::from(more).style(theme.dim()));
    }
    for (column, chunk) in rows.chunks(per.max(1)).enumerate() {
        let offset = u16::try_from(column).unwrap_or(0) * (row_w + 3);
        let rect = Rect {
            x: inner.x.saturating_add(offset),
            width: inner.width.saturating_sub(offset).min(row_w),
            height: inner.height - footer,
            ..inner
        };
        Paragraph::new(chunk.to_vec()).render(rect.intersection(inner), buf);
    }
    if footer > 0 {
        let last = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let closes = text::cut(&closes, usize::from(last.width)).into_owned();
        Paragraph::new(Line::from(closes).centered())
            .style(theme.dim())
            .render(last, buf);
    }
}
