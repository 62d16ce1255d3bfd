//! The resources overlay (`h`): support beyond the forum. The agenda's lines, or a short
//! default that applies anywhere.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text_box;
use crate::tui::app::App;
use crate::tui::view::theme::Theme;

/// Said when the agenda lists no resources: general, true everywhere, and never alarming.
const DEFAULT: [&str; 3] = [
    "If someone may be at risk, contact local emergency services or a crisis line.",
    "Support beyond the forum: a doctor, a counsellor, or an assistance programme.",
    "Anyone may step out at any time; the facilitator can help find support.",
];

/// Draws the support box: the agenda's `[resources]`, or the default lines.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let mut lines: Vec<Line> = Vec::with_capacity(DEFAULT.len() + 2);
    lines.push(Line::from("Support is available beyond this group.").style(theme.strong()));
    lines.push(Line::from(""));
    let bullet = |text| Line::from(vec![Span::raw("• "), Span::raw(text)]);
    if app.agenda.resources.is_empty() {
        lines.extend(DEFAULT.iter().map(|text| bullet(*text)));
    } else {
        lines.extend(
            app.agenda
                .resources
                .iter()
                .map(|text| bullet(text.as_str())),
        );
    }
    text_box::draw(
        "Support resources",
        lines,
        crate::tui::keymap::RESOURCES,
        theme,
        area,
        buf,
    );
}
