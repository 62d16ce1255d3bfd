//! Keys → actions, one table per context (the opening, the meeting, the summary and each
//! overlay). The same tables dispatch the keys and draw every footer and the help overlay, so
//! a context cannot show a key it ignores or take one it does not show (gitui's per-component
//! command lists; `app/tests/keys.rs` presses every key in every context to hold that).

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::agenda::Drift;
use crate::text;

mod tables;
#[cfg(test)]
mod tests;

pub use tables::{
    AGREEMENTS, CHOOSING_HINT, CLOSING, CLOSING_HINT, CONFIRM_AFRESH, CONFIRM_QUIT, DISPLAY,
    GLOBAL, GUEST_NAME, HELP, LIVE_HINT, MEETING, OPENING, OPENING_HINT, OPENING_HINT_SHORT,
    PAUSED_HINT, PICKER, PRESENCE, RESET, RESOURCES, SUMMARY, SUMMARY_HINT,
};

/// What a key asks for; the context's handler decides what it does there.
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
    Suspend,
    /// The cursor of a list, or a scrolled summary, one row up / down.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Marks the member under the cursor present or absent.
    Toggle,
    Start,
    /// Says yes to a question (end the meeting, start afresh).
    Confirm,
    /// Closes the overlay (or says no to its question).
    Close,
    AddGuest,
    NameGuest,
    /// Takes the highlighted row of a picker, or the typed name.
    Choose,
    /// Types into a filter or a name (`Key::Text`); backspace erases.
    Type,
    /// Names the drift of the open reset prompt.
    Drift(Drift),
}

/// A key as the tables know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any character typed without ctrl: the text of a filter or a name.
    Text,
}

/// One row of a table: the keys, how a footer or the help names them, what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys `label` names.
    pub keys: &'static [Key],
    /// Quiet alternatives that do the same without being named (`k`/`j` beside ↑/↓, `=`
    /// beside `+` for a keyboard without shift): listed here so that they are reviewed.
    pub also: &'static [Key],
    /// Empty when the row before names this one too (↓ in "↑↓ move").
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

impl Binding {
    /// A row whose keys `label` names.
    #[must_use]
    pub const fn new(
        keys: &'static [Key],
        label: &'static str,
        action: Action,
        help: &'static str,
    ) -> Binding {
        Binding {
            keys,
            also: &[],
            label,
            action,
            help,
        }
    }

    /// The same row with quiet alternatives.
    #[must_use]
    pub const fn also(self, also: &'static [Key]) -> Binding {
        Binding { also, ..self }
    }

    /// The key a short footer names: the first word of the label ("n" of "n / → / enter").
    #[must_use]
    pub fn first_key(&self) -> &'static str {
        self.label.split(' ').next().unwrap_or(self.label)
    }

    fn takes(&self, key: Key) -> bool {
        self.keys.contains(&key) || self.also.contains(&key)
    }
}

/// A key of a short footer that picks a few of its context's rows: the row's first key and
/// the words said here ("space pause", where the help says "pause / resume").
#[derive(Debug, Clone, Copy)]
pub struct Brief {
    pub action: Action,
    pub words: &'static str,
}

/// Reads a key event as the tables' `Key`; shifted letters count as themselves so that caps
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

/// The action `table` binds to a key, if any; a row of `Key::Text` takes any character typed
/// without ctrl that no other row takes.
#[must_use]
pub fn action_in(table: &[Binding], event: &KeyEvent) -> Option<Action> {
    let key = key_of(event);
    table
        .iter()
        .find(|binding| binding.takes(key))
        .or_else(|| {
            matches!(key, Key::Char(_))
                .then(|| table.iter().find(|binding| binding.takes(Key::Text)))
                .flatten()
        })
        .map(|binding| binding.action)
}

/// The row of `table` bound to `action`.
#[must_use]
pub fn binding(table: &'static [Binding], action: Action) -> Option<&'static Binding> {
    table.iter().find(|binding| binding.action == action)
}

/// A footer naming every row of `table`: "↑↓ move · space toggles · esc closes".
#[must_use]
pub fn footer(table: &[Binding]) -> String {
    table
        .iter()
        .filter(|binding| !binding.label.is_empty())
        .map(|binding| format!("{} {}", binding.label, binding.help))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The keys a screen lists (its help, the manual page): its table, then the keys taken
/// everywhere, without the unlabelled aliases that only share another row's key.
pub fn listed(table: &'static [Binding]) -> impl Iterator<Item = &'static Binding> {
    table
        .iter()
        .chain(GLOBAL)
        .filter(|binding| !binding.label.is_empty())
}

/// A short footer of a few rows of `table`: "space pause · n next · ? keys".
#[must_use]
pub fn brief(table: &'static [Binding], briefs: &[Brief]) -> String {
    Hints::new(table, briefs).parts.join(text::SEPARATOR)
}

/// A short footer as hints that a narrow row leaves out whole: from the last, but the key to
/// the help kept longest (it leads to all the others), and the first hint never.
#[derive(Debug, Clone)]
pub struct Hints {
    parts: Vec<String>,
    expendable: Vec<usize>,
    /// Every part joined, and its width: what a row wide enough shows, every second, without
    /// joining anything again.
    whole: String,
    whole_width: usize,
}

impl Hints {
    /// The hints of `briefs`, the keys of the rows of `table` they name.
    #[must_use]
    pub fn new(table: &'static [Binding], briefs: &[Brief]) -> Hints {
        let named: Vec<(Action, String)> = briefs
            .iter()
            .filter_map(|brief| {
                let binding = binding(table, brief.action)?;
                Some((
                    brief.action,
                    format!("{} {}", binding.first_key(), brief.words),
                ))
            })
            .collect();
        let (help, others): (Vec<usize>, Vec<usize>) = (1..named.len())
            .rev()
            .partition(|&at| named[at].0 == Action::Help);
        Hints::of(
            named.into_iter().map(|(_, part)| part).collect(),
            others.into_iter().chain(help).collect(),
        )
    }

    fn of(parts: Vec<String>, expendable: Vec<usize>) -> Hints {
        let whole = parts.join(text::SEPARATOR);
        let whole_width = text::width(&whole);
        Hints {
            parts,
            expendable,
            whole,
            whole_width,
        }
    }

    /// The same hints after `reason`, which a narrow row leaves out before any key.
    #[must_use]
    pub fn after(mut self, reason: &str) -> Hints {
        self.parts.insert(0, reason.to_owned());
        let keys = self.expendable.iter().map(|at| at + 1);
        let expendable = std::iter::once(0).chain(keys).collect();
        Hints::of(self.parts, expendable)
    }

    /// The hints that fit in `columns`, joined by " · ".
    #[must_use]
    pub fn within(&self, columns: usize) -> Cow<'_, str> {
        if self.whole_width <= columns {
            return Cow::Borrowed(&self.whole);
        }
        let parts: Vec<&str> = self.parts.iter().map(String::as_str).collect();
        Cow::Owned(text::join_within(&parts, &self.expendable, columns))
    }
}

impl Brief {
    #[must_use]
    pub const fn new(action: Action, words: &'static str) -> Brief {
        Brief { action, words }
    }
}
