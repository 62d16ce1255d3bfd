//! The agreements overlay (`g`): the group's purpose and agreements, for reading aloud.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text_box;
use crate::tui::app::App;
use crate::tui::view::theme::Theme;

/// Draws the purpose and agreements box (a safe default line when the agenda has none).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let mut lines = Vec::with_capacity(app.agenda.agreements.len() + 3);
    if let Some(purpose) = &app.agenda.purpose {
        lines.push(Line::from(purpose.as_str()).style(theme.strong()));
        lines.push(Line::from(""));
    }
    for agreement in &app.agenda.agreements {
        lines.push(Line::from(vec![
            Span::raw("• "),
            Span::raw(agreement.as_str()),
        ]));
    }
    if app.agenda.agreements.is_empty() {
        lines.push(Line::from("• What is said here stays here."));
    }
    text_box::draw(
        "Purpose and agreements",
        lines,
        crate::tui::keymap::AGREEMENTS,
        theme,
        area,
        buf,
    );
}
