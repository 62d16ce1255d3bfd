//! Nothing is cut silently (SPEC §5): from 20×6 up, every word on the screen is whole, or the
//! word it was cut from ends in an ellipsis. A word is whole when the same screen shows it at
//! 400×120 (where nothing needs cutting) or the agenda has it.

use std::collections::HashSet;
use std::time::Duration;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{agenda, app_with, key, min, press, render};
use crate::domain::agenda::Agenda;
use crate::room::Room;
use crate::text::ELLIPSIS;
use crate::tui::app::App;
use crate::tui::view::draw_room;
use crate::tui::view::tests::text;

/// From the smallest screen the live view works on to a laptop's terminal.
const SIZES: [(u16, u16); 6] = [(20, 6), (30, 8), (40, 12), (60, 20), (80, 24), (120, 30)];

pub(super) const LONG_TITLE: &str = "A very long agenda title for our monthly forum meeting \
                                     that will surely not fit on a small screen at all";

/// The test agenda under a title longer than any screen is wide.
pub(super) fn long_agenda() -> Agenda {
    let mut agenda = agenda();
    agenda.title = LONG_TITLE.into();
    agenda
}

/// Drawn in block elements or box drawing: big text, the progress bar, borders.
fn drawn(word: &str) -> bool {
    word.chars().any(|c| ('\u{2500}'..='\u{259f}').contains(&c))
}

/// A figure: a count ("9 more"), a range ("1–4/11"), or a countdown drawn big at 400×120 and
/// so not among its words ("9:00", "+1:05:00").
fn figure(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || ":+–/".contains(c))
}

/// The words a screen of `app` may show whole.
fn vocabulary(app: &App, big: &Buffer, extra: &[&str]) -> HashSet<String> {
    let agenda = &app.agenda;
    let texts = [agenda.title.as_str()]
        .into_iter()
        .chain(agenda.purpose.as_deref())
        .chain(agenda.agreements.iter().map(String::as_str))
        .chain(agenda.members.iter().map(String::as_str))
        .chain(agenda.segments.iter().map(|s| s.name.as_str()))
        .chain(agenda.segments.iter().filter_map(|s| s.prompt.as_deref()))
        .chain(extra.iter().copied());
    let shown = text(big);
    texts
        .chain([shown.as_str()])
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect()
}

/// The rows of `small` with a word neither whole nor marked as cut, and where they are.
fn cut_rows(small: &Buffer, words: &HashSet<String>) -> Vec<(u16, String)> {
    let whole = |word: &str| {
        if drawn(word) || figure(word) || words.contains(word) {
            return true;
        }
        word.strip_suffix(ELLIPSIS)
            .is_some_and(|kept| kept.is_empty() || words.iter().any(|w| w.starts_with(kept)))
    };
    text(small)
        .lines()
        .zip(0..)
        .filter(|(row, _)| !row.split_whitespace().all(whole))
        .map(|(row, y)| (y, row.to_owned()))
        .collect()
}

/// The controller's screen and the room's at each of `SIZES`: every row whose words are cut
/// silently, with where it was seen; `only` picks the rows looked at, by row and height.
pub(super) fn silent_cuts(
    app: &App,
    now: Duration,
    extra: &[&str],
    only: impl Fn(u16, u16) -> bool,
) -> Vec<String> {
    let desk_big = render(app, now, 400, 120).backend().buffer().clone();
    let room_big = room_buffer(app, now, 400, 120);
    let desk_words = vocabulary(app, &desk_big, extra);
    let room_words = vocabulary(app, &room_big, extra);
    let mut found = Vec::new();
    for (w, h) in SIZES {
        let desk = render(app, now, w, h).backend().buffer().clone();
        let rows = cut_rows(&desk, &desk_words).into_iter();
        for (_, row) in rows.filter(|&(y, _)| only(y, h)) {
            found.push(format!("run {w}x{h}: {row:?}"));
        }
        let rows = cut_rows(&room_buffer(app, now, w, h), &room_words).into_iter();
        for (_, row) in rows.filter(|&(y, _)| only(y, h)) {
            found.push(format!("show {w}x{h}: {row:?}"));
        }
    }
    found
}

/// The room's screen as `forumtimer show` draws it from what `app` publishes.
pub(super) fn room_buffer(app: &App, now: Duration, width: u16, height: u16) -> Buffer {
    let room = Room::new(app.room_state());
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    draw_room(&room.view(false), app.projector, now, buf.area, &mut buf);
    buf
}

fn assert_no_silent_cuts(app: &App, now: Duration, extra: &[&str]) {
    assert_none_cut_in(app, now, extra, |_, _| true);
}

fn assert_none_cut_in(app: &App, now: Duration, extra: &[&str], only: impl Fn(u16, u16) -> bool) {
    let found = silent_cuts(app, now, extra, only);
    assert!(found.is_empty(), "cut silently:\n{}", found.join("\n"));
}

#[test]
fn the_closing_card_cuts_a_long_title_with_an_ellipsis() {
    let mut app = app_with(long_agenda(), 1, false);
    press(&mut app, KeyCode::Enter, Duration::ZERO);
    key(&mut app, 'q', min(3));
    key(&mut app, 'y', min(3));
    assert_no_silent_cuts(&app, min(3), &["Thank you"]);
    for (w, h) in SIZES {
        let shown = text(&room_buffer(&app, min(3), w, h));
        assert!(shown.contains("A very"), "{w}x{h}:\n{shown}");
    }
}

/// Ana's turn, with the opening ended at `opened` of its five minutes.
fn anas_turn(agenda: Agenda, speed: u32, opened: Duration) -> App {
    let mut app = app_with(agenda, speed, false);
    press(&mut app, KeyCode::Enter, Duration::ZERO);
    press(&mut app, KeyCode::Enter, opened);
    app
}

#[test]
fn the_meeting_line_leaves_out_whole_parts_never_half_a_word() {
    // Ahead, behind, and forecast to run over.
    for (opened, now) in [(min(1), min(2)), (min(9), min(10)), (min(5), min(50))] {
        let app = anas_turn(long_agenda(), 1, opened);
        assert_none_cut_in(&app, now, &[], |y, _| y == 0);
        let header = super::row(&render(&app, now, 20, 6), 0);
        let standing = ["ahead", "behind", "over"];
        assert!(
            standing.iter().any(|w| header.contains(w)),
            "where the meeting stands matters most: {header}"
        );
    }
}

/// The hints a footer may show: those of the whole footer, drawn at 400 columns.
fn hints(app: &App, now: Duration) -> Vec<String> {
    let whole = super::row(&render(app, now, 400, 120), 119);
    whole.trim().split(" · ").map(str::to_owned).collect()
}

#[test]
fn a_narrow_hint_line_leaves_out_whole_hints() {
    let live = anas_turn(agenda(), 1, min(5));
    let mut paused = anas_turn(agenda(), 1, min(5));
    key(&mut paused, ' ', min(6));
    let mut closed = anas_turn(agenda(), 1, min(5));
    key(&mut closed, 'q', min(6));
    key(&mut closed, 'y', min(6));
    let opening = app_with(agenda(), 1, false);
    for (name, app) in [
        ("live", &live),
        ("paused", &paused),
        ("closing", &closed),
        ("opening", &opening),
    ] {
        let whole = hints(app, min(6));
        assert!(whole.len() > 1, "{name}: {whole:?}");
        for width in 20..=80 {
            let height = if width < 40 { 8 } else { 12 };
            let shown = super::row(&render(app, min(6), width, height), height - 1);
            let parts: Vec<&str> = shown.trim().split(" · ").collect();
            assert!(
                parts.iter().all(|part| whole.iter().any(|w| w == part)),
                "{name} at {width} wide: {shown:?} of {whole:?}"
            );
        }
    }
}

#[test]
fn badges_on_the_state_line_are_whole_or_left_out() {
    let rehearsal = anas_turn(agenda(), 60, min(5));
    let mut crowded = anas_turn(agenda(), 60, min(5));
    key(&mut crowded, 'w', min(50));
    // The cue is drawn big at 400×120: its words are whole where it is written out.
    for (app, now) in [(&rehearsal, min(6)), (&crowded, min(56))] {
        assert_no_silent_cuts(app, now, &[crate::tui::view::cue::WORDS]);
    }
    // Shortened to its one telling word where the whole badge does not fit.
    let smallest = text(render(&rehearsal, min(6), 20, 6).backend().buffer());
    assert!(smallest.contains("running    ×60"), "{smallest}");
}

#[test]
fn help_that_does_not_fit_says_how_many_keys_are_left_out() {
    let mut app = anas_turn(agenda(), 1, min(5));
    key(&mut app, '?', min(6));
    let keys: Vec<_> = crate::tui::keymap::listed(app.page_keys()).collect();
    for (w, h) in SIZES.into_iter().chain([(100, 14), (100, 8)]) {
        let shown = text(render(&app, min(6), w, h).backend().buffer());
        let listed = keys
            .iter()
            .filter(|b| {
                let help = b.help.chars().next().unwrap_or(' ');
                shown.contains(&format!("{}  {help}", b.label))
            })
            .count();
        let more: usize = shown
            .split_once("… ")
            .and_then(|(_, rest)| rest.split_once(" more keys"))
            .and_then(|(n, _)| n.parse().ok())
            .unwrap_or(0);
        assert_eq!(listed + more, keys.len(), "{w}x{h}:\n{shown}");
    }
    assert_no_silent_cuts(&app, min(6), &["… more keys · enlarge the window"]);
}

#[test]
fn a_short_opening_keeps_who_is_here_and_says_what_it_leaves_out() {
    let mut agenda = long_agenda();
    agenda.purpose = Some(
        "A confidential space to share experience and be witnessed, where each speaks \
         from their own life and the others listen fully."
            .into(),
    );
    let app = app_with(agenda, 1, false);
    for (w, h) in [(40, 12), (60, 14), (80, 14), (40, 16)] {
        let shown = text(render(&app, Duration::ZERO, w, h).backend().buffer());
        assert!(shown.contains("Who is here"), "{w}x{h}:\n{shown}");
        for name in &app.agenda.members {
            assert!(shown.contains(name.as_str()), "{w}x{h}: {name}\n{shown}");
        }
        assert!(shown.contains("A very long"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("Agreements"), "{w}x{h}:\n{shown}");
        assert!(
            shown.contains("more: g shows them all") || shown.contains("One voice at a time."),
            "{w}x{h}:\n{shown}"
        );
    }
    assert_no_silent_cuts(&app, Duration::ZERO, &["… more: g shows them all"]);
}

#[test]
fn the_rooms_opening_card_lines_its_agreements_up() {
    let app = app_with(agenda(), 1, false);
    for (w, h) in SIZES {
        let shown = text(&room_buffer(&app, Duration::ZERO, w, h));
        let bullets: Vec<usize> = shown
            .lines()
            .filter_map(|row| row.find('•').map(|at| row[..at].chars().count()))
            .collect();
        assert!(
            bullets.windows(2).all(|pair| pair[0] == pair[1]),
            "{w}x{h}: {bullets:?}\n{shown}"
        );
    }
    let shown = text(&room_buffer(&app, Duration::ZERO, 80, 24));
    assert_eq!(shown.matches('•').count(), 3, "{shown}");
}

#[test]
fn no_screen_cuts_a_word_silently() {
    let base = || anas_turn(long_agenda(), 1, min(5));
    let mut unfinished = app_with(long_agenda(), 1, false);
    unfinished.unfinished = Some(
        "An unfinished meeting is saved: long.toml, stopped 12:22, 27 h 55 min in, slot 1 of \
         7. q, then `forumtimer run --resume` continues it."
            .into(),
    );
    let mut afresh = unfinished.clone();
    press(&mut afresh, KeyCode::Enter, Duration::ZERO);
    let mut states = vec![
        ("live", base(), min(6)),
        ("opening", app_with(long_agenda(), 1, false), Duration::ZERO),
        ("unfinished", unfinished, Duration::ZERO),
        ("start afresh?", afresh, Duration::ZERO),
    ];
    let keys = [
        ("paused", " "),
        ("projector", "f"),
        ("reset", "r"),
        ("wrap-up", "w"),
        ("agreements", "g"),
        ("resources", "h"),
        ("presence", "a"),
        ("guest", "a+"),
        ("quit", "q"),
        ("closing", "qy"),
        ("summary", "qyd"),
        ("picker", "o"),
    ];
    for (name, keys) in keys {
        let mut app = base();
        for c in keys.chars() {
            key(&mut app, c, min(6));
        }
        states.push((name, app, min(7)));
    }
    // Words drawn big at 400×120, and the short forms that stand for cut ones.
    let mut extra = vec![
        "Thank you",
        "Let's reset the room",
        crate::tui::view::cue::WORDS,
        "esc: back",
        "… more: g shows them all",
        // The summary's scroll keys, shown only when it does not fit.
        "↑↓",
    ];
    for wording in &crate::tui::view::drifts::WORDING {
        extra.extend([wording.name, wording.prompt, wording.aloud]);
    }
    let found: Vec<String> = states
        .iter()
        .flat_map(|(name, app, now)| {
            silent_cuts(app, *now, &extra, |_, _| true)
                .into_iter()
                .map(move |found| format!("{name}: {found}"))
        })
        .collect();
    assert!(found.is_empty(), "cut silently:\n{}", found.join("\n"));
}

#[test]
fn up_next_too_narrow_for_its_first_name_cuts_it_rather_than_call_it_the_end() {
    let mut agenda = long_agenda();
    agenda.members = vec![
        "Maximiliana Alexandra Josephine".into(),
        "Bartholomew Fitzgerald-Smythe".into(),
        "Chidi".into(),
    ];
    agenda.segments[1].name = "Updates and reflections on the month that has passed".into();
    agenda.segments[1].prompt = Some(
        "What has been alive for you this month, and what would you like the group to hear \
         about it today?"
            .into(),
    );
    let mut app = anas_turn(agenda, 1, min(5));
    for now in [min(6), min(30)] {
        assert_no_silent_cuts(&app, now, &[]);
        let shown = text(render(&app, now, 40, 12).backend().buffer());
        assert!(!shown.contains("the end of the meeting"), "{shown}");
    }
    key(&mut app, 'f', min(6));
    assert_no_silent_cuts(&app, min(6), &[]);
}
