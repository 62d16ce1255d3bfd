//! Typing a guest's name (`+` in the presence picker). The name stays on this screen: the
//! state file and the reports call the guest "Guest 1".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{GUEST_NAME, footer};
use crate::tui::view::theme::Theme;

const NEW: &str = "A guest joins";
const NAMING: &str = "Name the guest";
const PRIVATE: &str = "Shown here only; reports say \"Guest 1\".";

/// Draws the prompt: `text` typed so far, and why the last try was refused.
pub fn draw(app: &App, new: bool, text: &str, error: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let keys = footer(GUEST_NAME);
    let typed = format!("Name: {text}▏");
    let width = popup::widest([PRIVATE, keys.as_str()]).max(popup::widest([typed.as_str()]));
    let title = if new { NEW } else { NAMING };
    let inner = popup::open(title, width, 5, theme, area, buf);
    let lines = vec![
        Line::from(Span::styled(typed, theme.strong())),
        match error {
            Some(error) => Line::from(Span::styled(error, theme.warning())),
            None => Line::from(Span::styled(PRIVATE, theme.dim())),
        },
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
    popup::footer(&keys, inner, theme, buf);
}
