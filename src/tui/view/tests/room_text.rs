//! The words the room reads besides the name: the segment line and the reset prompt grow where
//! there is room, and what is cut for lack of room says so with an ellipsis (SPEC §5).

use std::time::Duration;

use crossterm::event::KeyCode;

use super::{agenda, app_with, in_anas_turn, key, min, render};
use crate::tui::view::tests::text;

fn has_blocks(row: &str) -> bool {
    row.chars().any(|c| ('\u{2580}'..='\u{259f}').contains(&c))
}

#[test]
fn the_segment_line_is_big_on_a_tv_and_plain_on_a_laptop() {
    let app = in_anas_turn(false);
    let now = min(8);
    let small = text(render(&app, now, 80, 24).backend().buffer());
    assert!(small.lines().any(|l| l.trim() == "Updates"), "{small}");
    // A 60-row TV too: it once kept 32-row digits and left the segment line plain.
    for (w, h) in [(200, 60), (400, 120)] {
        let tall = text(render(&app, now, w, h).backend().buffer());
        assert!(!tall.lines().any(|l| l.trim() == "Updates"), "{tall}");
        assert_eq!(bands(&tall), 3, "{w}×{h}: {tall}");
    }
}

/// Bands of block elements with blank rows between: name, segment line and digits (the
/// progress bar, drawn in `█` on `░`, left out).
fn bands(screen: &str) -> usize {
    screen
        .lines()
        .map(|l| has_blocks(l) && !l.contains('░'))
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1] && !w[0])
        .count()
}

#[test]
fn the_reset_prompt_is_big_where_there_is_room() {
    let mut app = in_anas_turn(false);
    key(&mut app, 'r', min(6));
    let screen = text(render(&app, min(6), 160, 48).backend().buffer());
    // Drawn in block elements, so not as plain words.
    assert!(!screen.contains("what someone should do"), "{screen}");
    assert!(screen.contains("Advice-giving"), "{screen}");
    let small = text(render(&app, min(6), 80, 24).backend().buffer());
    assert!(small.contains("what someone should do"), "{small}");
}

#[test]
fn a_title_and_a_prompt_too_long_for_the_screen_end_in_an_ellipsis() {
    let mut forum = agenda();
    forum.title = "The monthly forum of the northern chapter, second Tuesday".into();
    forum.segments[1].prompt = Some(
        "What has been alive for you this month, at work, at home, in your body, \
         and what would you like this group to hear before the round goes on?"
            .into(),
    );
    let mut app = app_with(forum, 1, false);
    super::press(&mut app, KeyCode::Enter, Duration::ZERO);
    super::press(&mut app, KeyCode::Enter, min(5));
    let screen = text(render(&app, min(8), 60, 24).backend().buffer());
    let first = screen.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(" The monthly forum of the") && first.contains('…'),
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.trim_end().ends_with('…') && l.contains("group")),
        "{screen}"
    );
}
