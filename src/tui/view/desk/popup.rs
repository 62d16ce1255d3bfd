//! The frame every small overlay shares: `Clear` and a bordered box centred on the screen,
//! drawn last (ratatui's popup example). On a small screen the box takes the whole screen and
//! drops its border, so the essentials still show.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Widget};

use crate::tui::view::theme::Theme;

/// Clears a centred box of about `width`×`height` (content size) and returns its inside.
pub fn open(
    title: &str,
    width: u16,
    height: u16,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    // Two for the border, two for the side padding.
    let outer_w = width.saturating_add(4);
    let outer_h = height.saturating_add(2);
    if outer_w > area.width || outer_h > area.height {
        Clear.render(area, buf);
        let title = crate::text::cut(title, usize::from(area.width)).into_owned();
        let title = Line::from(title).style(theme.strong()).centered();
        let first = Rect {
            height: area.height.min(1),
            ..area
        };
        title.render(first, buf);
        return Rect {
            y: area.y.saturating_add(1).min(area.bottom()),
            height: area.height.saturating_sub(1),
            ..area
        };
    }
    let x = area.x + (area.width - outer_w) / 2;
    let y = area.y + (area.height - outer_h) / 2;
    let rect = Rect::new(x, y, outer_w, outer_h);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border())
        .title(
            Line::from(format!(" {title} "))
                .style(theme.strong())
                .centered(),
        )
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The width in cells of the longest of `lines`, for sizing a box.
pub fn widest<'a>(lines: impl IntoIterator<Item = &'a str>) -> u16 {
    lines
        .into_iter()
        .map(|l| u16::try_from(Span::raw(l).width()).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0)
}

/// The popup's last row: its keys (`keymap::footer`), dimmed, when the popup has room besides
/// its content. A narrow row leaves out whole keys from the middle: the first (what the popup
/// is for) and the last (how to close it) stay longest.
pub fn footer(text: &str, inner: Rect, theme: Theme, buf: &mut Buffer) {
    if inner.height > 2 {
        let last = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let keys: Vec<&str> = text.split(crate::text::SEPARATOR).collect();
        let count = keys.len();
        let expendable: Vec<usize> = (1..count.saturating_sub(1))
            .rev()
            .chain(count.checked_sub(1).filter(|&at| at > 0))
            .collect();
        let shown = crate::text::join_within(&keys, &expendable, usize::from(last.width));
        ratatui::widgets::Paragraph::new(Line::from(shown).centered())
            .style(theme.dim())
            .render(last, buf);
    }
}
