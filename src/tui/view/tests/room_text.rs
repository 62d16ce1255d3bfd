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
    // At 80×24 the room's screen has rows to spare for a big heading (it had ten blank).
    let room = room_screen(&app, 80, 24);
    assert!(!room.contains("Let's reset the room"), "{room}");
    assert!(
        room.lines().filter(|l| has_blocks(l)).count() >= 8,
        "{room}"
    );
    assert!(room.contains("what someone should do"), "{room}");
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

/// The room's screen as `show` draws it from what `app` publishes.
fn room_screen(app: &crate::tui::app::App, width: u16, height: u16) -> String {
    let room = crate::room::Room::new(app.room_state());
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    crate::tui::view::draw_room(&room.view(true), false, Duration::ZERO, area, &mut buf);
    text(&buf)
}

#[test]
fn an_opening_card_too_long_for_the_screen_ends_in_an_ellipsis() {
    let mut forum = agenda();
    forum.agreements = (1..=12)
        .map(|n| format!("Agreement number {n}, kept by everyone in the room."))
        .collect();
    let app = app_with(forum, 1, false);
    let screen = room_screen(&app, 40, 12);
    assert!(screen.contains("Monthly forum"), "{screen}");
    let last = screen.lines().rfind(|l| !l.trim().is_empty());
    assert!(
        last.is_some_and(|l| l.trim_end().ends_with('…')),
        "{screen}"
    );
}

#[test]
fn an_opening_card_that_fits_shows_every_word() {
    // Wrapped by words, these take more rows than their width alone says: the card once
    // reserved too few and dropped the end without a mark.
    let mut forum = agenda();
    forum.purpose = None;
    forum.agreements = vec![
        "Listen fully, answer briefly, ask questions.".into(),
        "Speak from experience; leave advice outside.".into(),
        "Phones away; cameras on; start on time.".into(),
    ];
    let app = app_with(forum, 1, false);
    let screen = room_screen(&app, 34, 24);
    for end in ["questions.", "outside.", "time.", "moment."] {
        assert!(screen.contains(end), "{end}: {screen}");
    }
}

#[test]
fn a_long_unfinished_notice_on_a_small_screen_ends_in_an_ellipsis() {
    let mut app = crate::tui::app::App::sample(agenda());
    app.unfinished = Some(
        "An unfinished meeting is saved: the-monthly-forum-of-the-northern-chapter.toml, \
         stopped at 19:42 after the updates round."
            .into(),
    );
    let area = ratatui::layout::Rect::new(0, 0, 24, 6);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    crate::tui::view::render(&app, Duration::ZERO, area, &mut buf);
    let screen = text(&buf);
    assert!(screen.starts_with("An unfinished meeting"), "{screen}");
    assert!(screen.contains('…'), "{screen}");
}
