//! Keys → actions, in one table. The same table dispatches keys and renders the help overlay,
//! so the help can never list a key that does nothing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for, before the context (opening, overlay, summary) decides what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    Next,
    Skip,
    PassForNow,
    SpeakNext,
    Back,
    Undo,
    MoreTime,
    LessTime,
    WrapUp,
    Presence,
    Reset,
    Agreements,
    Resources,
    Projector,
    Balances,
    Help,
    Quit,
    Close,
    Suspend,
}

/// A key as the table knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

/// One row of the table: the keys, how the help shows them, what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

/// Every key of SPEC §6, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Char(' ')],
        label: "space",
        action: Action::TogglePause,
        help: "pause / resume",
    },
    Binding {
        keys: &[
            Key::Char('n'),
            Key::Code(KeyCode::Right),
            Key::Code(KeyCode::Enter),
        ],
        label: "n → enter",
        action: Action::Next,
        help: "end this turn, go to the next",
    },
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        action: Action::Skip,
        help: "skip: this member passes",
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        action: Action::PassForNow,
        help: "pass for now: go last",
    },
    Binding {
        keys: &[Key::Char('o')],
        label: "o",
        action: Action::SpeakNext,
        help: "who speaks next (picker)",
    },
    Binding {
        keys: &[Key::Char('b'), Key::Code(KeyCode::Left)],
        label: "b ←",
        action: Action::Back,
        help: "back to the previous slot",
    },
    Binding {
        keys: &[Key::Char('u')],
        label: "u",
        action: Action::Undo,
        help: "undo the last action",
    },
    Binding {
        keys: &[Key::Char('+'), Key::Char('=')],
        label: "+",
        action: Action::MoreTime,
        help: "one more minute for this turn",
    },
    Binding {
        keys: &[Key::Char('-'), Key::Char('_')],
        label: "-",
        action: Action::LessTime,
        help: "one minute less for this turn",
    },
    Binding {
        keys: &[Key::Char('w')],
        label: "w",
        action: Action::WrapUp,
        help: "wrap-up cue for the speaker",
    },
    Binding {
        keys: &[Key::Char('a')],
        label: "a",
        action: Action::Presence,
        help: "who is present; + a guest",
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        action: Action::Reset,
        help: "reset the room",
    },
    Binding {
        keys: &[Key::Char('g')],
        label: "g",
        action: Action::Agreements,
        help: "purpose and agreements",
    },
    Binding {
        keys: &[Key::Char('h')],
        label: "h",
        action: Action::Resources,
        help: "support resources",
    },
    Binding {
        keys: &[Key::Char('f')],
        label: "f",
        action: Action::Projector,
        help: "projector view on / off",
    },
    Binding {
        keys: &[Key::Char('d')],
        label: "d",
        action: Action::Balances,
        help: "summary: each member's time",
    },
    Binding {
        keys: &[Key::Char('?')],
        label: "?",
        action: Action::Help,
        help: "this help",
    },
    Binding {
        keys: &[Key::Char('q'), Key::Ctrl('c')],
        label: "q ctrl-c",
        action: Action::Quit,
        help: "quit (asks first)",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "esc",
        action: Action::Close,
        help: "close any overlay",
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        label: "ctrl-z",
        action: Action::Suspend,
        help: "suspend (fg to come back)",
    },
];

/// A key of a picker or a typed name, for its footer: these overlays read typed text, so
/// their keys are few and fixed.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub label: &'static str,
    pub help: &'static str,
}

/// The presence picker (`a`).
pub const PRESENCE_KEYS: &[Hint] = &[
    Hint {
        label: "↑↓",
        help: "move",
    },
    Hint {
        label: "space",
        help: "toggles",
    },
    Hint {
        label: "+",
        help: "guest",
    },
    Hint {
        label: "e",
        help: "name guest",
    },
    Hint {
        label: "esc",
        help: "closes",
    },
];

/// A picker of names (`o`, the presenter): typing filters the list.
pub const PICKER_KEYS: &[Hint] = &[
    Hint {
        label: "↑↓",
        help: "move",
    },
    Hint {
        label: "type",
        help: "to filter",
    },
    Hint {
        label: "enter",
        help: "chooses",
    },
    Hint {
        label: "esc",
        help: "closes",
    },
];

/// Typing a guest's name.
pub const NAME_KEYS: &[Hint] = &[
    Hint {
        label: "enter",
        help: "done",
    },
    Hint {
        label: "esc",
        help: "cancels",
    },
];

/// A footer line from hints: "↑↓ move · space toggles · esc closes".
#[must_use]
pub fn footer(hints: &[Hint]) -> String {
    hints
        .iter()
        .map(|hint| format!("{} {}", hint.label, hint.help))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Reads a key event as the table's `Key`; shifted letters count as themselves so that caps
/// lock never turns the timer deaf.
#[must_use]
pub fn key_of(event: &KeyEvent) -> Key {
    match event.code {
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
            Key::Ctrl(c.to_ascii_lowercase())
        }
        KeyCode::Char(c) => Key::Char(c.to_ascii_lowercase()),
        code => Key::Code(code),
    }
}

/// The action bound to a key, if any.
#[must_use]
pub fn action_for(event: &KeyEvent) -> Option<Action> {
    let key = key_of(event);
    BINDINGS
        .iter()
        .find(|binding| binding.keys.contains(&key))
        .map(|binding| binding.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn every_key_of_the_spec_is_bound() {
        let cases = [
            (press(KeyCode::Char(' ')), Action::TogglePause),
            (press(KeyCode::Char('n')), Action::Next),
            (press(KeyCode::Right), Action::Next),
            (press(KeyCode::Enter), Action::Next),
            (press(KeyCode::Char('s')), Action::Skip),
            (press(KeyCode::Char('p')), Action::PassForNow),
            (press(KeyCode::Char('o')), Action::SpeakNext),
            (press(KeyCode::Char('b')), Action::Back),
            (press(KeyCode::Left), Action::Back),
            (press(KeyCode::Char('u')), Action::Undo),
            (press(KeyCode::Char('+')), Action::MoreTime),
            (press(KeyCode::Char('-')), Action::LessTime),
            (press(KeyCode::Char('w')), Action::WrapUp),
            (press(KeyCode::Char('d')), Action::Balances),
            (press(KeyCode::Char('a')), Action::Presence),
            (press(KeyCode::Char('r')), Action::Reset),
            (press(KeyCode::Char('g')), Action::Agreements),
            (press(KeyCode::Char('h')), Action::Resources),
            (press(KeyCode::Char('f')), Action::Projector),
            (press(KeyCode::Char('?')), Action::Help),
            (press(KeyCode::Char('q')), Action::Quit),
            (press(KeyCode::Esc), Action::Close),
        ];
        for (event, action) in cases {
            assert_eq!(action_for(&event), Some(action), "{event:?}");
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn caps_lock_does_not_change_a_key() {
        let shifted = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&shifted), Some(Action::Next));
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(key), "{key:?} is bound twice");
        }
    }
}
