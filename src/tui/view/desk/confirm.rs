//! The quit confirmation: ending the meeting is one of the few things that needs a second key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{CONFIRM_QUIT, footer};
use crate::tui::view::theme::Theme;

const QUESTION: &str = "End the meeting?";

/// Asks before ending the meeting; the keys are handled by `App`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let choices = footer(CONFIRM_QUIT);
    let width = popup::widest([QUESTION, choices.as_str()]);
    let inner = popup::open("Quit", width, 3, theme, area, buf);
    let lines = vec![
        Line::from(QUESTION).style(theme.strong()).centered(),
        Line::from(""),
        Line::from(choices).centered(),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}
