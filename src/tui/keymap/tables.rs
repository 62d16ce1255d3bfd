//! The key tables, one per context, in the order the help and the footers list them.

use crossterm::event::KeyCode;

use super::Action::{
    self, AddGuest, Agreements, Back, Balances, Bottom, Choose, Close, Confirm, Down, Help,
    LessTime, MoreTime, NameGuest, Next, PageDown, PageUp, PassForNow, Presence, Projector, Quit,
    Reset, Resources, Skip, SpeakNext, Start, Suspend, Toggle, TogglePause, Top, Type, Undo, Up,
    WrapUp,
};
use super::Key::{self, Char, Code, Ctrl, Text};
use super::{Binding, Brief};
use crate::domain::agenda::Drift;

const UP: &[Key] = &[Code(KeyCode::Up)];
const DOWN: &[Key] = &[Code(KeyCode::Down)];
const ESC: &[Key] = &[Code(KeyCode::Esc)];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];

/// Keys that mean the same in every context of `run`.
pub const GLOBAL: &[Binding] = &[Binding::new(
    &[Ctrl('z')],
    "ctrl-z",
    Suspend,
    "suspend (fg to come back)",
)];

/// The opening screen: who is present, then start.
pub const OPENING: &[Binding] = &[
    Binding::new(UP, "↑↓", Up, "move").also(&[Char('k')]),
    Binding::new(DOWN, "", Down, "").also(&[Char('j')]),
    Binding::new(&[Char(' ')], "space", Toggle, "present / absent"),
    Binding::new(ENTER, "enter", Start, "start the meeting"),
    Binding::new(&[Char('g')], "g", Agreements, "purpose and agreements"),
    Binding::new(&[Char('h')], "h", Resources, "support resources"),
    Binding::new(&[Char('f')], "f", Projector, "projector view on / off"),
    Binding::new(&[Char('?')], "?", Help, "this help"),
    Binding::new(&[Char('q'), Ctrl('c')], "q / ctrl-c", Quit, "quit"),
];

/// The meeting under way: every key of SPEC §6.
pub const MEETING: &[Binding] = &[
    Binding::new(&[Char(' ')], "space", TogglePause, "pause / resume"),
    Binding::new(
        &[Char('n'), Code(KeyCode::Right), Code(KeyCode::Enter)],
        "n / → / enter",
        Next,
        "end this turn, go to the next",
    ),
    Binding::new(&[Char('s')], "s", Skip, "skip: this member passes"),
    Binding::new(&[Char('p')], "p", PassForNow, "pass for now: go last"),
    Binding::new(&[Char('o')], "o", SpeakNext, "who speaks next (picker)"),
    Binding::new(
        &[Char('b'), Code(KeyCode::Left)],
        "b / ←",
        Back,
        "back to the previous slot",
    ),
    Binding::new(&[Char('u')], "u", Undo, "undo the last action"),
    Binding::new(&[Char('+')], "+", MoreTime, "one more minute for this turn").also(&[Char('=')]),
    Binding::new(&[Char('-')], "-", LessTime, "one minute less for this turn").also(&[Char('_')]),
    Binding::new(&[Char('w')], "w", WrapUp, "wrap-up cue for the speaker"),
    Binding::new(&[Char('a')], "a", Presence, "who is present; + a guest"),
    Binding::new(&[Char('r')], "r", Reset, "reset the room"),
    Binding::new(&[Char('g')], "g", Agreements, "purpose and agreements"),
    Binding::new(&[Char('h')], "h", Resources, "support resources"),
    Binding::new(&[Char('f')], "f", Projector, "projector view on / off"),
    Binding::new(&[Char('?')], "?", Help, "this help"),
    Binding::new(
        &[Char('q'), Ctrl('c')],
        "q / ctrl-c",
        Quit,
        "quit (asks first)",
    ),
];

/// The closing card, once the meeting has ended: the balances are a key away.
pub const CLOSING: &[Binding] = &[
    Binding::new(&[Char('d')], "d", Balances, "each member's time, and back"),
    Binding::new(&[Char('u')], "u", Undo, "undo: back into the meeting"),
    Binding::new(&[Char('?')], "?", Help, "this help"),
    Binding::new(&[Char('q'), Code(KeyCode::Esc)], "q / esc", Quit, "close").also(&[Ctrl('c')]),
];

/// The summary with each member's time (`d` on the closing card): it also scrolls.
pub const SUMMARY: &[Binding] = &[
    Binding::new(UP, "↑↓", Up, "scroll").also(&[Char('k')]),
    Binding::new(DOWN, "", Down, "").also(&[Char('j')]),
    Binding::new(
        &[Code(KeyCode::PageUp)],
        "PgUp PgDn",
        PageUp,
        "scroll a page",
    ),
    Binding::new(&[Code(KeyCode::PageDown)], "", PageDown, ""),
    Binding::new(&[Code(KeyCode::Home)], "Home End", Top, "first / last rows"),
    Binding::new(&[Code(KeyCode::End)], "", Bottom, ""),
    Binding::new(&[Char('d')], "d", Balances, "back to the closing card"),
    Binding::new(&[Char('u')], "u", Undo, "undo: back into the meeting"),
    Binding::new(&[Char('?')], "?", Help, "this help"),
    Binding::new(&[Char('q'), Code(KeyCode::Esc)], "q / esc", Quit, "close").also(&[Ctrl('c')]),
];

/// The help overlay (`?`).
pub const HELP: &[Binding] =
    &[
        Binding::new(&[Code(KeyCode::Esc), Char('?')], "esc / ?", Close, "closes").also(&[
            Char('q'),
            Ctrl('c'),
            Code(KeyCode::Enter),
        ]),
    ];

/// Purpose and agreements (`g`).
pub const AGREEMENTS: &[Binding] = &[Binding::new(ESC, "esc", Close, "closes").also(&[
    Char('g'),
    Char('q'),
    Ctrl('c'),
    Code(KeyCode::Enter),
])];

/// Support resources (`h`).
pub const RESOURCES: &[Binding] = &[Binding::new(ESC, "esc", Close, "closes").also(&[
    Char('h'),
    Char('q'),
    Ctrl('c'),
    Code(KeyCode::Enter),
])];

/// "End the meeting?" (`q`).
pub const CONFIRM_QUIT: &[Binding] = &[
    Binding::new(&[Char('y'), Char('q')], "y / q", Confirm, "to end").also(&[Ctrl('c')]),
    Binding::new(
        &[Char('n'), Code(KeyCode::Esc)],
        "n / esc",
        Close,
        "to keep going",
    ),
];

/// "Start a new meeting instead?" of an unfinished one (`enter` on the opening).
pub const CONFIRM_AFRESH: &[Binding] = &[
    Binding::new(
        &[Char('y'), Code(KeyCode::Enter)],
        "y / enter",
        Confirm,
        "start afresh",
    ),
    Binding::new(&[Char('n'), Code(KeyCode::Esc)], "n / esc", Close, "back"),
];

/// Reset the room (`r`): the drifts on `1`–`6`, in `Drift::ALL` order (the view names them).
pub const RESET: &[Binding] = &[
    Binding::new(&[Char('1')], "1", Action::Drift(Drift::Advice), ""),
    Binding::new(&[Char('2')], "2", Action::Drift(Drift::Debate), ""),
    Binding::new(&[Char('3')], "3", Action::Drift(Drift::Crosstalk), ""),
    Binding::new(&[Char('4')], "4", Action::Drift(Drift::Overprocessing), ""),
    Binding::new(&[Char('5')], "5", Action::Drift(Drift::Silence), ""),
    Binding::new(&[Char('6')], "6", Action::Drift(Drift::Emotion), ""),
    Binding::new(
        &[Code(KeyCode::Esc), Code(KeyCode::Enter)],
        "esc / enter",
        Close,
        "back to the speaker",
    ),
];

/// Who is present (`a`).
pub const PRESENCE: &[Binding] = &[
    Binding::new(UP, "↑↓", Up, "move").also(&[Char('k')]),
    Binding::new(DOWN, "", Down, "").also(&[Char('j')]),
    Binding::new(&[Char(' ')], "space", Toggle, "toggles"),
    Binding::new(&[Char('+')], "+", AddGuest, "guest"),
    Binding::new(&[Char('e')], "e", NameGuest, "name guest"),
    Binding::new(ESC, "esc", Close, "closes").also(&[Code(KeyCode::Enter), Char('a')]),
];

/// A picker of names (`o`, the presenter): typing filters the list.
pub const PICKER: &[Binding] = &[
    Binding::new(UP, "↑↓", Up, "move"),
    Binding::new(DOWN, "", Down, ""),
    Binding::new(&[Text], "type", Type, "to filter").also(&[Code(KeyCode::Backspace)]),
    Binding::new(ENTER, "enter", Choose, "chooses"),
    Binding::new(ESC, "esc", Close, "closes"),
];

/// Typing a guest's name.
pub const GUEST_NAME: &[Binding] = &[
    Binding::new(&[Text], "type", Type, "the name").also(&[Code(KeyCode::Backspace)]),
    Binding::new(ENTER, "enter", Choose, "done"),
    Binding::new(ESC, "esc", Close, "cancels"),
];

/// `forumtimer show`: the room's display has no footer and no help (the room sees neither);
/// its two keys are documented with the command.
pub const DISPLAY: &[Binding] = &[
    Binding::new(&[Char('f')], "f", Projector, "projector view on / off"),
    Binding::new(&[Char('q')], "q", Quit, "close the display").also(&[Ctrl('c')]),
];

/// The opening screen's footer, and the one for a narrow window: the key that starts the
/// meeting first, so the narrowest keeps it (`Hints` leaves hints out from the last).
pub const OPENING_HINT: &[Brief] = &[
    Brief::new(Up, "move"),
    Brief::new(Toggle, "present/absent"),
    Brief::new(Start, "start"),
    Brief::new(Quit, "quit"),
];
pub const OPENING_HINT_SHORT: &[Brief] = &[
    Brief::new(Start, "start"),
    Brief::new(Toggle, "present/absent"),
];

/// The live screen's keys that matter most.
pub const LIVE_HINT: &[Brief] = &[
    Brief::new(TogglePause, "pause"),
    Brief::new(Next, "next"),
    Brief::new(Undo, "undo"),
    Brief::new(Reset, "reset the room"),
    Brief::new(Help, "keys"),
];
/// The same while paused: space resumes.
pub const PAUSED_HINT: &[Brief] = &[
    Brief::new(TogglePause, "resume"),
    Brief::new(Next, "next"),
    Brief::new(Undo, "undo"),
    Brief::new(Reset, "reset the room"),
    Brief::new(Help, "keys"),
];
/// While the clock waits for the room to choose a presenter.
pub const CHOOSING_HINT: &[Brief] = &[
    Brief::new(SpeakNext, "choose"),
    Brief::new(Presence, "who is here"),
];
/// The closing card on the controller: the balances are a key away, not on the shared screen.
pub const CLOSING_HINT: &[Brief] = &[
    Brief::new(Balances, "each member's time"),
    Brief::new(Quit, "close"),
    Brief::new(Help, "keys"),
];
/// The summary's footer (it adds how to scroll when the tables do not fit).
pub const SUMMARY_HINT: &[Brief] = &[Brief::new(Quit, "to exit"), Brief::new(Help, "keys")];
