//! The presence picker (`a`): who is in the room. Absent members' turns are removed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{PRESENCE, footer};
use crate::tui::view::theme::Theme;

/// Draws the picker over the live screen; `cursor` is the highlighted member.
pub fn draw(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let keys = footer(PRESENCE);
    let members = app
        .meeting()
        .map_or(&app.plan.members, |m| &m.plan().members);
    let present = |m: usize| app.meeting().is_none_or(|meeting| meeting.is_present(m));
    let name_w = popup::widest(members.iter().map(String::as_str));
    let width = (name_w + 14).max(popup::widest([keys.as_str()]));
    let count = u16::try_from(members.len()).unwrap_or(u16::MAX);
    let inner = popup::open(
        "Who is present",
        width,
        count.saturating_add(2),
        theme,
        area,
        buf,
    );
    let rows = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    member_list(members, present, cursor, theme, rows, buf);
    popup::footer(&keys, inner, theme, buf);
}

/// Members with `[x] present` / `[ ] absent`, the cursor's row highlighted and kept in view.
/// Shared with the opening screen.
pub fn member_list(
    members: &[String],
    present: impl Fn(usize) -> bool,
    cursor: usize,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    // A name too long for the row is cut with an ellipsis, so the word after it stays: the
    // list once clipped a long name and every row's "present" with it.
    let room = usize::from(area.width).saturating_sub("[x]   present".len());
    let name_w = usize::from(popup::widest(members.iter().map(String::as_str))).min(room);
    let items: Vec<ListItem> = members
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (mark, word) = if present(i) {
                ("[x]", "present")
            } else {
                ("[ ]", "absent")
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!("{mark} ")),
                Span::styled(
                    crate::text::pad(&crate::text::cut(name, name_w), name_w),
                    theme.strong(),
                ),
                Span::raw(format!("  {word}")),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(cursor));
    StatefulWidget::render(
        List::new(items).highlight_style(theme.selected()),
        area,
        buf,
        &mut state,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use super::*;

    #[test]
    fn a_long_name_is_cut_and_every_row_keeps_its_word() {
        let members = vec![
            "王芳".to_string(),
            "Maximiliana Alexandra Josephine Konstantina von Habsburg-Lot".to_string(),
        ];
        let area = Rect::new(0, 0, 36, 2);
        let mut buf = Buffer::empty(area);
        member_list(
            &members,
            |m| m == 0,
            0,
            Theme { color: false },
            area,
            &mut buf,
        );
        let row = |y: u16| -> String { (0..36).map(|x| buf[(x, y)].symbol()).collect() };
        assert!(row(0).trim_end().ends_with("present"), "{}", row(0));
        assert!(
            row(1).contains('…') && row(1).trim_end().ends_with("absent"),
            "{}",
            row(1)
        );
    }
}
