//! The tables themselves: lookups, and labels that name the keys their rows take. That every
//! context takes exactly the keys its table binds is tested by pressing them
//! (`tui/app/tests/keys.rs`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tables::*;
use super::{Action, Binding, Brief, Key, action_in, binding};

const TABLES: &[(&str, &[Binding])] = &[
    ("opening", OPENING),
    ("meeting", MEETING),
    ("closing", CLOSING),
    ("summary", SUMMARY),
    ("help", HELP),
    ("agreements", AGREEMENTS),
    ("resources", RESOURCES),
    ("confirm quit", CONFIRM_QUIT),
    ("confirm afresh", CONFIRM_AFRESH),
    ("reset", RESET),
    ("presence", PRESENCE),
    ("picker", PICKER),
    ("guest name", GUEST_NAME),
    ("display", DISPLAY),
];

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// How a label writes `key`.
fn written(key: Key) -> String {
    match key {
        Key::Char(' ') => "space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("ctrl-{c}"),
        Key::Text => "type".into(),
        Key::Code(code) => match code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        },
    }
}

#[test]
fn every_key_of_the_spec_is_bound_in_the_meeting() {
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
        (press(KeyCode::Char('a')), Action::Presence),
        (press(KeyCode::Char('r')), Action::Reset),
        (press(KeyCode::Char('g')), Action::Agreements),
        (press(KeyCode::Char('h')), Action::Resources),
        (press(KeyCode::Char('f')), Action::Projector),
        (press(KeyCode::Char('?')), Action::Help),
        (press(KeyCode::Char('q')), Action::Quit),
    ];
    for (event, action) in cases {
        assert_eq!(action_in(MEETING, &event), Some(action), "{event:?}");
    }
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(action_in(MEETING, &ctrl('c')), Some(Action::Quit));
    assert_eq!(action_in(GLOBAL, &ctrl('z')), Some(Action::Suspend));
    assert_eq!(
        action_in(CLOSING, &press(KeyCode::Char('d'))),
        Some(Action::Balances)
    );
}

#[test]
fn caps_lock_does_not_change_a_key() {
    let shifted = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
    assert_eq!(action_in(MEETING, &shifted), Some(Action::Next));
}

#[test]
fn typing_takes_every_character_no_other_row_takes() {
    let typed = |c| action_in(PICKER, &press(KeyCode::Char(c)));
    assert_eq!(typed('q'), Some(Action::Type));
    assert_eq!(typed(' '), Some(Action::Type));
    assert_eq!(action_in(PICKER, &press(KeyCode::Esc)), Some(Action::Close));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_in(PICKER, &ctrl_c), None, "ctrl is not text");
}

#[test]
fn no_key_is_bound_twice_in_a_context() {
    for (name, table) in TABLES {
        let keys: Vec<Key> = table
            .iter()
            .chain(GLOBAL)
            .flat_map(|b| b.keys.iter().chain(b.also))
            .copied()
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(key),
                "{name}: {key:?} is bound twice"
            );
        }
    }
}

#[test]
fn every_label_names_the_keys_of_its_rows() {
    for (name, table) in TABLES.iter().chain([&("global", GLOBAL)]) {
        let mut naming = "";
        for binding in *table {
            if !binding.label.is_empty() {
                naming = binding.label;
                assert!(
                    !binding.help.is_empty() || *name == "reset",
                    "{name}: {binding:?}"
                );
            }
            assert!(
                !naming.is_empty(),
                "{name}: {binding:?} has no label above it"
            );
            for key in binding.keys {
                let written = written(*key);
                assert!(
                    naming.contains(&written),
                    "{name}: the label {naming:?} does not name {written}"
                );
            }
        }
    }
}

/// Keys side by side read as a sequence ("n → enter" as n, then →, then enter): a row's
/// several keys are alternatives, written with " / " between them as "y / enter" is.
#[test]
fn a_rows_keys_are_written_as_alternatives() {
    for (name, table) in TABLES.iter().chain([&("global", GLOBAL)]) {
        for binding in table
            .iter()
            .filter(|b| b.keys.len() > 1 && !b.label.is_empty())
        {
            let alternatives: Vec<String> = binding.keys.iter().map(|k| written(*k)).collect();
            assert_eq!(binding.label, alternatives.join(" / "), "{name}");
        }
    }
}

#[test]
fn every_short_footer_names_rows_of_its_context() {
    let footers: &[(&[Binding], &[Brief])] = &[
        (OPENING, OPENING_HINT),
        (OPENING, OPENING_HINT_SHORT),
        (MEETING, LIVE_HINT),
        (MEETING, PAUSED_HINT),
        (MEETING, CHOOSING_HINT),
        (CLOSING, CLOSING_HINT),
        (SUMMARY, SUMMARY_HINT),
    ];
    for (table, briefs) in footers {
        for brief in *briefs {
            let row = table.iter().find(|b| b.action == brief.action);
            assert!(row.is_some_and(|b| !b.label.is_empty()), "{brief:?}");
        }
    }
}

#[test]
fn every_page_has_a_help_and_every_drift_a_key() {
    for page in [OPENING, MEETING, CLOSING, SUMMARY] {
        assert!(binding(page, Action::Help).is_some());
    }
    for (index, drift) in crate::domain::agenda::Drift::ALL.iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(index).unwrap());
        let event = press(KeyCode::Char(digit));
        assert_eq!(action_in(RESET, &event), Some(Action::Drift(*drift)));
    }
}

#[test]
fn footers_read_as_before() {
    assert_eq!(
        super::footer(PRESENCE),
        "↑↓ move · space toggles · + guest · e name guest · esc closes"
    );
    assert_eq!(
        super::footer(PICKER),
        "↑↓ move · type to filter · enter chooses · esc closes"
    );
    assert_eq!(
        super::footer(CONFIRM_QUIT),
        "y / q to end · n / esc to keep going"
    );
    assert_eq!(
        super::footer(CONFIRM_AFRESH),
        "y / enter start afresh · n / esc back"
    );
    assert_eq!(super::footer(HELP), "esc / ? closes");
    assert_eq!(
        super::brief(OPENING, OPENING_HINT),
        "↑↓ move · space present/absent · enter start · q quit"
    );
    assert_eq!(
        super::brief(MEETING, LIVE_HINT),
        "space pause · n next · u undo · r reset the room · ? keys"
    );
}

#[test]
fn a_narrow_footer_leaves_out_whole_hints_and_keeps_the_help_key_longest() {
    let live = super::Hints::new(MEETING, LIVE_HINT);
    assert_eq!(live.within(40), "space pause · n next · u undo · ? keys");
    assert_eq!(live.within(30), "space pause · n next · ? keys");
    assert_eq!(live.within(20), "space pause · ? keys");
    assert_eq!(live.within(12), "space pause");
    let choosing = super::Hints::new(MEETING, CHOOSING_HINT).after("waiting");
    assert_eq!(choosing.within(30), "o choose · a who is here");
}

#[test]
fn esc_closes_every_overlay() {
    // SPEC §6: esc closes any overlay, whatever else its table binds.
    let overlays = [
        ("help", HELP),
        ("agreements", AGREEMENTS),
        ("resources", RESOURCES),
        ("confirm quit", CONFIRM_QUIT),
        ("confirm afresh", CONFIRM_AFRESH),
        ("reset", RESET),
        ("presence", PRESENCE),
        ("picker", PICKER),
        ("guest name", GUEST_NAME),
    ];
    for (name, table) in overlays {
        assert_eq!(
            action_in(table, &press(KeyCode::Esc)),
            Some(Action::Close),
            "{name}"
        );
    }
}
