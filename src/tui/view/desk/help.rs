//! The help overlay (`?`): every key of the page under it (the opening, the meeting or the
//! summary) and the keys of every page, drawn from the key tables so it cannot drift from what
//! the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{self, Binding, HELP, footer};
use crate::tui::view::theme::Theme;

/// Draws the key list in one column, or two when the screen is short.
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
    let footer = 2;
    // Two columns when one does not fit the height but two fit the width.
    let columns = if count + footer + 2 > area.height && (row_w * 2 + 3 + 4) <= area.width {
        2
    } else {
        1
    };
    let per_column = count.div_ceil(columns);
    let width = row_w * columns + 3 * (columns - 1);
    let inner = popup::open("Keys", width, per_column + footer, theme, area, buf);

    let rows: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!("{:>w$}", b.label, w = usize::from(label_w)),
                    theme.strong(),
                ),
                Span::raw("  "),
                Span::raw(b.help),
            ])
        })
        .collect();
    let per = usize::from(per_column);
    for (column, chunk) in rows.chunks(per.max(1)).enumerate() {
        let offset = u16::try_from(column).unwrap_or(0) * (row_w + 3);
        let rect = Rect {
            x: inner.x.saturating_add(offset),
            width: inner.width.saturating_sub(offset).min(row_w),
            height: inner.height.saturating_sub(footer).max(inner.height.min(1)),
            ..inner
        };
        Paragraph::new(chunk.to_vec()).render(rect.intersection(inner), buf);
    }
    if inner.height > footer {
        let last = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        Paragraph::new(Line::from(closes).centered())
            .style(theme.dim())
            .render(last, buf);
    }
}
