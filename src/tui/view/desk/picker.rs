//! A picker of names (`o` who speaks next; who presents): a filter line, the names it keeps
//! with the cursor's row highlighted, and the picker's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget, Widget};

use super::popup;
use crate::tui::app::{App, Pick, Picker};
use crate::tui::keymap::{PICKER, footer};
use crate::tui::view::theme::Theme;

/// Draws `picker` over the screen.
pub fn draw(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.settings.color,
    };
    let items = app.picker_items(picker);
    let waiting = "The clock waits for the choice.";
    let (title, note) = match picker.purpose {
        Pick::Next => (
            "Who speaks next",
            "Still to speak in this round:".to_string(),
        ),
        Pick::Presenter => (
            "Who presents",
            absent_presenter(app).map_or_else(
                || waiting.to_string(),
                |name| format!("{name} is absent. {waiting}"),
            ),
        ),
    };
    let note = note.as_str();
    let keys = footer(PICKER);
    let filter = format!("› {}", picker.filter);
    let names = items.iter().map(|(_, name)| name.as_str());
    let width = popup::widest(names.chain([note, keys.as_str(), filter.as_str()]));
    let rows = u16::try_from(items.len().max(1)).unwrap_or(u16::MAX);
    // The note, the filter, the names, a blank row and the keys.
    let inner = popup::open(title, width, rows.saturating_add(4), theme, area, buf);
    let mut lines = [note, filter.as_str()].into_iter();
    for y in inner.y..inner.bottom().min(inner.y + 2) {
        let Some(text) = lines.next() else { break };
        let text = crate::text::cut(text, usize::from(inner.width));
        let style = if y == inner.y {
            theme.dim()
        } else {
            theme.strong()
        };
        Line::from(Span::styled(text, style)).render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
    let list_area = Rect {
        y: inner.y.saturating_add(2).min(inner.bottom()),
        height: inner.height.saturating_sub(4),
        ..inner
    };
    let rows: Vec<ListItem> = if items.is_empty() {
        vec![ListItem::new(Line::from(Span::styled(
            "nobody matches",
            theme.dim(),
        )))]
    } else {
        items
            .iter()
            .map(|(_, name)| ListItem::new(Line::from(Span::styled(name.as_str(), theme.strong()))))
            .collect()
    };
    let selected = (!items.is_empty()).then_some(picker.cursor);
    let mut state = ListState::default().with_selected(selected);
    StatefulWidget::render(
        List::new(rows).highlight_style(theme.selected()),
        list_area,
        buf,
        &mut state,
    );
    popup::footer(&keys, inner, theme, buf);
}

/// The agenda's presenter of the spotlight waiting for one, when they are absent.
fn absent_presenter(app: &App) -> Option<&str> {
    let meeting = app.meeting()?;
    let member = meeting.presenter(meeting.progress().current?)?;
    (!meeting.is_present(member)).then(|| meeting.plan().members.get(member).map(String::as_str))?
}
