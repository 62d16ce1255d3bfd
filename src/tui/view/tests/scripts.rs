//! Names in every script a forum may meet in (SPEC §5), at a laptop's 80×24 and a TV's
//! 200×60: drawn big where that can be done correctly, else in plain bold; and, over random
//! names and sizes, never a panic, never a cell outside the screen, never half a cluster.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::{app_with, min, render};
use crate::domain::agenda::{Agenda, Order, Segment, SegmentKind};
use crate::tui::app::App;

/// One member per script, and the hard cases.
const NAMES: [(&str, &str); 14] = [
    ("latin", "Łukasz"),
    ("vietnamese", "Nguyễn"),
    ("greek", "Σοφία"),
    ("cyrillic", "Ахмед Иванов"),
    ("hebrew", "דוד לוי"),
    ("arabic", "محمد"),
    ("chinese", "王芳"),
    ("japanese", "さくら"),
    ("korean", "김민준"),
    ("thai", "สมชาย"),
    (
        "long",
        "Maximiliana Alexandra Josephine Konstantina von Habsburg-Lot",
    ),
    ("combining", "Zoe\u{308} Dvor\u{30c}a\u{301}k"),
    ("emoji", "Ana 👩‍💻"),
    ("mixed", "Ana محمد"),
];

fn agenda() -> Agenda {
    let names: Vec<&str> = NAMES.iter().map(|(_, name)| *name).collect();
    let mut agenda = Agenda::new("Forum", &names);
    agenda.segments = vec![Segment {
        name: "Check-in".into(),
        kind: SegmentKind::Round {
            each: min(5),
            order: Order::Agenda,
        },
        prompt: None,
        warn: None,
    }];
    agenda
}

fn press(app: &mut App, code: KeyCode, now: Duration) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE), now);
}

/// The meeting at the start of member `index`'s turn (each turn ended on time).
fn turn_of(index: usize) -> (App, Duration) {
    let mut app = app_with(agenda(), 1, true);
    press(&mut app, KeyCode::Enter, Duration::ZERO);
    let mut now = Duration::ZERO;
    for _ in 0..index {
        now += min(5);
        press(&mut app, KeyCode::Char('n'), now);
    }
    (app, now + Duration::from_secs(61))
}

#[test]
fn every_script_at_80x24_and_200x60() {
    for (index, (script, _)) in NAMES.iter().enumerate() {
        let (app, now) = turn_of(index);
        for (w, h) in [(80, 24), (200, 60)] {
            let name = format!("script_{script}_{w}x{h}");
            assert_snapshot!(name, render(&app, now, w, h).backend());
        }
    }
}

/// Rows the name's glyphs take on the live screen: rows with a block element in the name's
/// bold uncoloured style (the digits have their own colour, the segment line is dim).
fn big_name_rows(buffer: &Buffer) -> usize {
    let area = buffer.area;
    (0..area.height)
        .filter(|&y| {
            (0..area.width).any(|x| {
                let cell = &buffer[(x, y)];
                cell.modifier.contains(Modifier::BOLD)
                    && cell.fg == Color::Reset
                    && cell
                        .symbol()
                        .chars()
                        .any(|c| ('\u{2580}'..='\u{259f}').contains(&c))
            })
        })
        .count()
}

#[test]
fn each_script_is_big_at_80x24() {
    for (index, (script, _)) in NAMES.iter().enumerate() {
        if matches!(*script, "long" | "emoji") {
            continue;
        }
        let (app, now) = turn_of(index);
        let terminal = render(&app, now, 80, 24);
        let rows = big_name_rows(terminal.backend().buffer());
        assert!(rows >= 4, "{script}: {rows} rows");
    }
}

/// A question two rows long at 80 columns (110 characters).
const LONG_PROMPT: &str = "What has been alive for you this month, at work and at home, \
                           and what would you like this group to hear first?";

#[test]
fn each_script_is_big_at_80x24_under_a_two_row_prompt() {
    // The prompt once took its two rows first and left the name one row short of its
    // smallest big size: drawn plain over seven blank rows.
    assert!(crate::text::rows(LONG_PROMPT, 78) == 2);
    let mut small = Vec::new();
    for (index, (script, _)) in NAMES.iter().enumerate() {
        if matches!(*script, "long" | "emoji") {
            continue;
        }
        let mut forum = agenda();
        forum.segments[0].prompt = Some(LONG_PROMPT.into());
        let mut app = app_with(forum, 1, true);
        press(&mut app, KeyCode::Enter, Duration::ZERO);
        let mut now = Duration::ZERO;
        for _ in 0..index {
            now += min(5);
            press(&mut app, KeyCode::Char('n'), now);
        }
        let terminal = render(&app, now + Duration::from_secs(61), 80, 24);
        let buffer = terminal.backend().buffer();
        let (rows, digits) = (big_name_rows(buffer), digit_rows(buffer));
        if rows < 4 || digits < 7 {
            small.push(format!("{script}: name {rows} rows, digits {digits}"));
        }
        // The prompt is still there, whole or its last row shown cut with an ellipsis.
        let screen = super::text(buffer);
        let lines: Vec<&str> = screen.lines().collect();
        let first = lines
            .iter()
            .position(|line| line.contains("What has been alive"));
        let first = first.unwrap_or_else(|| panic!("{script}: {screen}"));
        let cut = lines[first..=(first + 1).min(lines.len() - 1)]
            .iter()
            .any(|line| line.trim_end().ends_with('…'));
        assert!(screen.contains("hear first?") || cut, "{script}: {screen}");
    }
    assert!(small.is_empty(), "{small:#?}");
}

#[test]
fn names_grow_with_the_terminal() {
    for (index, (script, _)) in NAMES.iter().enumerate() {
        if matches!(*script, "long" | "emoji") {
            continue;
        }
        let (app, now) = turn_of(index);
        let small = big_name_rows(render(&app, now, 80, 24).backend().buffer());
        let large = big_name_rows(render(&app, now, 200, 60).backend().buffer());
        // Sizes come in whole multiples of a pixel, so "half as tall again" at the least.
        assert!(2 * large >= 3 * small, "{script}: {small} → {large}");
    }
}

#[test]
fn a_long_name_is_big_on_lines_on_a_tv() {
    // 480 pixels on one line: plain at 200×60, six rows beside 63-row digits at 400×120, once.
    let index = NAMES.iter().position(|(s, _)| *s == "long").unwrap();
    let (app, now) = turn_of(index);
    for (w, h, least) in [(200, 60, 12), (400, 120, 24)] {
        let terminal = render(&app, now, w, h);
        let buffer = terminal.backend().buffer();
        let rows = big_name_rows(buffer);
        assert!(
            rows >= least,
            "{w}×{h}: {rows} rows\n{}",
            super::text(buffer)
        );
        // Broken between words: no word is left in plain letters.
        let screen = super::text(buffer);
        assert!(!screen.contains("Habsburg"), "{screen}");
    }
}

#[test]
fn what_cannot_be_big_is_plain_and_whole() {
    for script in ["long", "emoji"] {
        let index = NAMES.iter().position(|(s, _)| *s == script).unwrap();
        let (app, now) = turn_of(index);
        let terminal = render(&app, now, 80, 24);
        let screen = super::text(terminal.backend().buffer());
        assert!(screen.contains(NAMES[index].1), "{script}: {screen}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_name_at_any_size_stays_on_screen_and_whole(
        // Any characters, or letters and marks of the scripts drawn big, joiners among them.
        name in prop_oneof![
            "\\PC{1,24}",
            "[a-zA-Z\u{c0}-\u{24f}\u{300}-\u{36f}\u{370}-\u{3ff}\u{400}-\u{4ff}\u{591}-\u{5f4}\u{600}-\u{6ff}\u{e00}-\u{e7f}\u{3040}-\u{30ff}\u{4e00}-\u{4eff}\u{ac00}-\u{acff} \u{200c}\u{200d}]{1,24}",
        ],
        w in 0u16..260,
        h in 0u16..80,
    ) {
        let mut forum = Agenda::new("Forum", &[name.as_str(), "Ben"]);
        forum.segments = agenda().segments;
        let mut app = app_with(forum, 1, true);
        press(&mut app, KeyCode::Enter, Duration::ZERO);
        for projector in [false, true] {
            if projector {
                press(&mut app, KeyCode::Char('f'), min(1));
            }
            // The buffer is exactly the screen: a cell outside it would panic in ratatui.
            let mut buffer = Buffer::empty(Rect::new(0, 0, w, h));
            crate::tui::view::render(&app, min(1), buffer.area, &mut buffer);
            // A cluster is never split: no character runs past the right edge, no cell holds
            // a mark apart from its letter or a piece of one of the name's clusters.
            prop_assert_eq!(outside(&buffer), None, "{:?}", name);
            prop_assert_eq!(split_cluster(&buffer, &name), None, "{:?}", name);
        }
    }
}

/// The first cell whose text is part of a grapheme cluster rather than whole: one that joins
/// the cell before it into one cluster (a mark drawn apart from its letter), or one not among
/// the clusters of `name` nor of the screen's own words and symbols (a cluster cut short).
fn split_cluster(buffer: &Buffer, name: &str) -> Option<(u16, u16, String)> {
    use unicode_segmentation::UnicodeSegmentation;
    let clusters: Vec<&str> = name.graphemes(true).collect();
    // The screen's own characters: ASCII, and the marks, arrows and blocks it draws with.
    let own = |c: char| {
        c.is_ascii()
            || matches!(c, '·' | '×' | '\u{2010}'..='\u{2027}' | '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{259f}')
    };
    let area = buffer.area;
    for y in 0..area.height {
        let mut before = "";
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            let blank = symbol.trim().is_empty();
            if !blank && !before.is_empty() {
                let joined = format!("{before}{symbol}");
                if joined.graphemes(true).count() < 2 {
                    return Some((x, y, joined));
                }
            }
            let whole = symbol
                .graphemes(true)
                .all(|g| g.chars().all(own) || clusters.contains(&g));
            if !whole {
                return Some((x, y, symbol.to_string()));
            }
            // A wide character's second cell is empty: the next cell follows the character.
            if !symbol.is_empty() {
                before = if blank { "" } else { symbol };
            }
        }
    }
    None
}

#[test]
fn a_mark_apart_from_its_letter_is_a_split_cluster() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
    buffer[(0, 0)].set_symbol("e");
    buffer[(1, 0)].set_symbol("\u{301}");
    assert!(split_cluster(&buffer, "e\u{301}").is_some());
    buffer[(0, 0)].set_symbol("e\u{301}");
    buffer[(1, 0)].set_symbol("x");
    assert_eq!(split_cluster(&buffer, "e\u{301}x"), None);
    // Cut short: the letter without its second mark.
    buffer[(0, 0)].set_symbol("e\u{302}");
    assert!(split_cluster(&buffer, "e\u{302}\u{303}x").is_some());
}

/// The first cell whose character runs past the right edge: a cluster cut in two.
fn outside(buffer: &Buffer) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let width = unicode_width::UnicodeWidthStr::width(buffer[(x, y)].symbol());
            let width = u16::try_from(width).unwrap_or(u16::MAX);
            if x.saturating_add(width) > area.width {
                return Some((x, y));
            }
            x += width.max(1);
        }
    }
    None
}

#[test]
fn a_tiny_window_keeps_a_two_column_cluster_whole() {
    // Found by the property above: wrapped by `Paragraph` in a 2-column window, the cluster
    // `𝈀ி` (two columns) landed in the last column, and in a taller window past the buffer.
    let mut forum = Agenda::new("Forum", &["A\u{1d200}\u{bbf}", "Ben"]);
    forum.segments = agenda().segments;
    let mut app = app_with(forum, 1, true);
    press(&mut app, KeyCode::Enter, Duration::ZERO);
    for h in [9, 35] {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 2, h));
        crate::tui::view::render(&app, min(1), buffer.area, &mut buffer);
        assert_eq!(outside(&buffer), None, "2×{h}");
    }
}

/// Rows with coloured block elements: the digits.
fn digit_rows(buffer: &Buffer) -> usize {
    let area = buffer.area;
    (0..area.height)
        .filter(|&y| {
            (0..area.width).any(|x| {
                let cell = &buffer[(x, y)];
                cell.fg != Color::Reset && cell.symbol().contains('█')
            })
        })
        .count()
}

#[test]
fn digits_shrink_only_when_the_name_grows_by_it() {
    // At 120×40 "Ana" is 5 rows at three fifths of 16-row digits, 10 at their full height:
    // the digits keep their 16 rows (they once fell to 8 for a name that stayed 5).
    let app = super::in_anas_turn(true);
    let terminal = render(&app, min(8), 120, 40);
    let buffer = terminal.backend().buffer();
    // (The glyphs' blank bottom pixel row leaves one of the 16 rows without blocks.)
    assert!(digit_rows(buffer) > 8, "{}", digit_rows(buffer));
    assert_eq!(big_name_rows(buffer), 10);
}
