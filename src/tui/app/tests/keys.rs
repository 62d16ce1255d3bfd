//! Every context takes exactly the keys its table binds, and draws them: each key is pressed in
//! each context (in a few states, since ↑ does nothing at the top of a list), and the screen
//! is read for the footer or the help. So a footer cannot name a key that does nothing, and a
//! handler cannot take a key no footer or help names.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{app, chars, in_round, key, min};
use crate::tui::app::{App, Flow, Overlay};
use crate::tui::keymap::{self, Action, Binding, GLOBAL, Key, action_in};
use crate::tui::view::drifts::wording;

/// Every key a test presses: the printable characters, ctrl with a letter, and the
/// keyboard's named keys.
fn every_key() -> Vec<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let named = [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
    ];
    (' '..='~')
        .chain(['é'])
        .map(|c| plain(KeyCode::Char(c)))
        .chain(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
        .chain(named.into_iter().map(plain))
        .collect()
}

/// Whether `event` does anything in `app`: a change of state, a notice, or leaving the loop.
fn handled(app: &App, event: &KeyEvent, now: Duration) -> bool {
    let mut pressed = app.clone();
    let flow = pressed.handle_key(event, now);
    flow != Flow::Continue || format!("{pressed:?}") != format!("{app:?}")
}

/// A key event for each key a row of `table` binds (any letter for `Key::Text`).
fn events_of(table: &[Binding]) -> Vec<(KeyEvent, Action)> {
    table
        .iter()
        .flat_map(|b| b.keys.iter().chain(b.also).map(move |key| (*key, b.action)))
        .map(|(key, action)| {
            let event = match key {
                Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
                Key::Text => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
            };
            (event, action)
        })
        .collect()
}

/// The screen as text, rows joined by newlines.
fn screen(app: &App, now: Duration) -> String {
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    crate::tui::view::render(app, now, area, &mut buf);
    buf.content()
        .chunks(usize::from(area.width))
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A context: its name, its table, and states of it to press keys in.
struct Context {
    name: &'static str,
    table: &'static [Binding],
    states: Vec<App>,
    now: Duration,
}

fn press(app: &mut App, codes: &[KeyCode], now: Duration) {
    for code in codes {
        key(app, *code, now);
    }
}

fn finished() -> App {
    let mut app = in_round("");
    chars(&mut app, "qy", min(1));
    app
}

fn contexts() -> Vec<Context> {
    let at = |mut app: App, codes: &[KeyCode]| {
        press(&mut app, codes, min(1));
        app
    };
    let opening = app();
    let mut second_row = app();
    key(&mut second_row, KeyCode::Down, Duration::ZERO);
    let mut unfinished = app();
    unfinished.unfinished = Some("An unfinished meeting is saved.".into());
    key(&mut unfinished, KeyCode::Enter, Duration::ZERO);
    let summary = at(finished(), &[KeyCode::Char('d')]);
    // A guest joins, so that the cursor can rest on a guest's row (`e` names only a guest).
    let with_guest = {
        let mut app = in_round("a+");
        chars(&mut app, "Zo", min(1));
        key(&mut app, KeyCode::Enter, min(1));
        app
    };
    let on_guest = match with_guest.overlay {
        Some(Overlay::Presence { .. }) => with_guest.clone(),
        ref other => panic!("the guest was not added: {other:?}"),
    };
    vec![
        Context {
            name: "opening",
            table: keymap::OPENING,
            states: vec![opening.clone(), second_row],
            now: Duration::ZERO,
        },
        Context {
            name: "meeting",
            table: keymap::MEETING,
            states: vec![in_round(""), in_round(" "), in_round("n")],
            now: min(1),
        },
        Context {
            name: "closing card",
            table: keymap::CLOSING,
            states: vec![finished()],
            now: min(1),
        },
        Context {
            name: "summary",
            table: keymap::SUMMARY,
            states: vec![summary.clone(), at(summary, &[KeyCode::PageDown])],
            now: min(1),
        },
        Context {
            name: "help",
            table: keymap::HELP,
            states: vec![
                at(opening.clone(), &[KeyCode::Char('?')]),
                in_round("?"),
                at(finished(), &[KeyCode::Char('?')]),
            ],
            now: min(1),
        },
        Context {
            name: "agreements",
            table: keymap::AGREEMENTS,
            states: vec![in_round("g")],
            now: min(1),
        },
        Context {
            name: "resources",
            table: keymap::RESOURCES,
            states: vec![in_round("h")],
            now: min(1),
        },
        Context {
            name: "confirm quit",
            table: keymap::CONFIRM_QUIT,
            states: vec![in_round("q")],
            now: min(1),
        },
        Context {
            name: "confirm afresh",
            table: keymap::CONFIRM_AFRESH,
            states: vec![unfinished],
            now: Duration::ZERO,
        },
        Context {
            name: "reset",
            table: keymap::RESET,
            states: vec![in_round("r"), in_round("r2")],
            now: min(1),
        },
        Context {
            name: "presence",
            table: keymap::PRESENCE,
            states: vec![in_round("a"), on_guest],
            now: min(1),
        },
        Context {
            name: "picker",
            table: keymap::PICKER,
            states: vec![
                in_round("o"),
                at(in_round("o"), &[KeyCode::Down]),
                in_round("on"),
            ],
            now: min(1),
        },
        Context {
            name: "guest name",
            table: keymap::GUEST_NAME,
            states: vec![in_round("a+"), in_round("a+Zo")],
            now: min(1),
        },
    ]
}

#[test]
fn each_context_takes_exactly_the_keys_of_its_table() {
    let keys = every_key();
    for context in contexts() {
        for state in &context.states {
            let (keys, table) = (
                format!("{:?}", state.keys()),
                format!("{:?}", context.table),
            );
            assert_eq!(keys, table, "{} is another context", context.name);
        }
        let in_some_state = |event: &KeyEvent| {
            context
                .states
                .iter()
                .any(|app| handled(app, event, context.now))
        };
        for event in &keys {
            let bound = action_in(context.table, event).or_else(|| action_in(GLOBAL, event));
            if in_some_state(event) {
                assert!(
                    bound.is_some(),
                    "{}: {event:?} does something unlisted",
                    context.name
                );
            }
        }
        for (event, action) in events_of(context.table)
            .into_iter()
            .chain(events_of(GLOBAL))
        {
            assert!(
                in_some_state(&event),
                "{}: {event:?} ({action:?}) is listed but does nothing",
                context.name
            );
        }
    }
}

#[test]
fn each_context_shows_its_keys_in_its_footer_or_help() {
    for context in contexts() {
        let app = &context.states[0];
        let mut shown = screen(app, context.now);
        // A page's keys are all in its help (`?`); its footer picks the few that matter most.
        if app.overlay.is_none() {
            let mut help = app.clone();
            help.handle_key(
                &KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
                context.now,
            );
            assert_eq!(help.overlay, Some(Overlay::Help), "{}", context.name);
            shown = screen(&help, context.now);
        }
        let footer = keymap::footer(context.table);
        for binding in context
            .table
            .iter()
            .chain(if app.overlay.is_none() { GLOBAL } else { &[] })
        {
            if binding.label.is_empty() {
                continue;
            }
            let row = if app.overlay.is_none() {
                // The help sets the label right-aligned before the words.
                format!("{}  {}", binding.label, binding.help)
            } else if let Action::Drift(drift) = binding.action {
                // The prompt names each drift beside its key.
                format!("{} {}", binding.label, wording(drift).short)
            } else if context.name == "reset" {
                format!("{}: {}", binding.label, binding.help)
            } else {
                format!("{} {}", binding.label, binding.help)
            };
            assert!(
                shown.contains(&row),
                "{}: {row:?} is not on the screen (footer {footer:?}):\n{shown}",
                context.name
            );
        }
    }
}
