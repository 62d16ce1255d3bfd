//! Drawing the whole screen from the app state: pure, no I/O.

use std::time::Duration;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::App;

/// Draws `app` as it stands at `now`.
pub fn draw(app: &App, now: Duration, frame: &mut Frame) {
    let mut lines = vec![Line::from(app.agenda.title.clone())];
    if let Some(meeting) = app.meeting() {
        if let Some(status) = meeting.status(now) {
            let slot = &meeting.plan().slots[status.slot];
            let who = slot
                .member()
                .map_or("Everyone", |m| meeting.plan().members[m].as_str());
            let secs = status.remaining.as_millis().div_ceil(1000);
            lines.push(Line::from(format!(
                "{who} {}:{:02} {}",
                secs / 60,
                secs % 60,
                if status.paused { "PAUSED" } else { "" }
            )));
        } else {
            lines.push(Line::from("Meeting summary"));
        }
    } else {
        lines.push(Line::from("press enter to start"));
    }
    if let Some(overlay) = app.overlay {
        lines.push(Line::from(if overlay == super::app::Overlay::ConfirmQuit {
            "End the meeting?".to_string()
        } else {
            format!("{overlay:?}")
        }));
    }
    if let Some(notice) = &app.notice {
        lines.push(Line::from(notice.text.clone()));
    }
    frame.render_widget(Paragraph::new(lines), frame.area());
}
