//! An unfinished saved meeting, as the opening screen shows it (SPEC §9): a notice at the top
//! saying which agenda, when it stopped and how far it got, and the question `enter` asks
//! before a fresh start replaces it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::{CONFIRM_AFRESH, footer};
use crate::tui::view::more::{self, fit_lines};
use crate::tui::view::one_line;
use crate::tui::view::theme::Theme;

const HOW: &str = "q, then `forumtimer run --resume` continues it.";
const QUESTION: &str = "Start a new meeting instead?";
const KEPT: &str = "The unfinished one is kept aside as meeting.json.previous.";

/// The notice on the opening screen's top rows, over whatever the centred layout put there;
/// it stays in view above the question.
pub fn notice(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(text) = &app.unfinished else {
        return;
    };
    let theme = Theme {
        color: app.settings.color,
    };
    let lines = [
        Line::from(text.as_str()).style(theme.warning()),
        Line::from(HOW).style(theme.warning()),
    ];
    // Wrapped by words and display width, cut with an ellipsis on a screen too short for it.
    let rows = fit_lines(&lines, usize::from(area.width), usize::from(area.height));
    let height = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    ratatui::widgets::Clear.render(Rect { height, ..area }, buf);
    one_line::render_centred(rows, area, buf);
}

/// Asks before a fresh start replaces the unfinished meeting; the keys are handled by `App`.
pub fn confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let choices = footer(CONFIRM_AFRESH);
    let width = popup::widest([QUESTION, KEPT, choices.as_str()]);
    let inner = popup::open("Unfinished meeting", width, 4, theme, area, buf);
    let lines = vec![
        Line::from(QUESTION).style(theme.strong()).centered(),
        Line::from(KEPT).centered(),
        Line::from(""),
        Line::from(choices).centered(),
    ];
    // Too small for the question and its keys, the last row shown says so.
    more::wrapped(lines, inner, buf);
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::domain::agenda::Agenda;
    use crate::tui::app::{App, Overlay};

    fn app() -> App {
        let mut app = App::sample(Agenda::new("Forum", &["Ana", "Ben"]));
        app.unfinished =
            Some("An unfinished meeting is saved: forum.toml, stopped at 19:42.".into());
        app
    }

    fn text(app: &App) -> String {
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        crate::tui::view::render(app, Duration::ZERO, area, &mut buf);
        buf.content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect()
    }

    fn press(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE), Duration::ZERO);
    }

    #[test]
    fn the_opening_screen_says_an_unfinished_meeting_is_saved() {
        let screen = text(&app());
        assert!(screen.contains("forum.toml, stopped at 19:42"), "{screen}");
        assert!(screen.contains("--resume` continues it"), "{screen}");
    }

    #[test]
    fn enter_asks_before_starting_afresh_and_esc_keeps_the_opening_screen() {
        let mut app = app();
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay, Some(Overlay::ConfirmAfresh));
        assert!(app.meeting().is_none());
        let screen = text(&app);
        assert!(screen.contains("meeting.json.previous"), "{screen}");
        assert!(screen.contains("n / esc back"), "{screen}");
        assert!(screen.contains("stopped at 19:42"), "{screen}");
        press(&mut app, KeyCode::Esc);
        assert!(app.overlay.is_none() && app.meeting().is_none());
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('y'));
        assert!(app.meeting().is_some());
    }
}
