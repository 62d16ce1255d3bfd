//! The room's layer: what `forumtimer show` draws from the published state. The facilitator's
//! layers never reach it, the reset prompt does (without its keys), and so does the cue.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{in_anas_turn, key, min};
use crate::room::Room;
use crate::tui::app::App;
use crate::tui::view::draw_room;
use crate::tui::view::tests::text;

/// The room's screen as `show` would draw it from what `app` publishes.
fn room_screen(app: &App, projector: bool, now: Duration) -> Buffer {
    let room = Room::new(app.room_state());
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    draw_room(&room.view(true), projector, now, area, &mut buf);
    buf
}

#[test]
fn the_room_never_sees_help_pickers_confirmations_notices_or_warnings() {
    let quiet = in_anas_turn(true);
    let expected = room_screen(&quiet, false, min(6));
    for keys in ["?", "a", "q", "g", "h", ""] {
        let mut app = in_anas_turn(true);
        for c in keys.chars() {
            key(&mut app, c, min(6));
        }
        app.notify("Nothing to undo", min(6));
        app.warning = Some("The state directory cannot be written".into());
        assert!(app.overlay.is_some() || keys.is_empty(), "{keys}");
        assert_eq!(room_screen(&app, false, min(6)), expected, "after {keys:?}");
    }
}

#[test]
fn the_room_sees_the_reset_prompt_without_the_facilitators_keys() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'r', min(6));
    key(&mut app, '3', min(6));
    let shown = text(&room_screen(&app, false, min(6)));
    assert!(shown.contains("One voice at a time"), "{shown}");
    assert!(shown.contains("paused"), "{shown}");
    for desk in ["esc", "1 advice", "2 debate"] {
        assert!(
            !shown.contains(desk),
            "{desk:?} on the room's screen:\n{shown}"
        );
    }
}

#[test]
fn the_wrap_up_cue_reaches_the_live_and_projector_views_until_the_turn_ends() {
    let mut app = in_anas_turn(true);
    let quiet = room_screen(&app, true, min(12));
    key(&mut app, 'w', min(12));
    let shown = text(&room_screen(&app, false, min(12)));
    assert!(shown.contains("please begin to wrap up"), "{shown}");
    // In big letters under the projector's state line (see `wrap_up`).
    let projector = room_screen(&app, true, min(12));
    assert_ne!(text(&projector), text(&quiet));
    let big = super::wrap_up::big_rows_below_the_state;
    assert!(
        big(&text(&projector)) > big(&text(&quiet)),
        "{}",
        text(&projector)
    );
    key(&mut app, 'n', min(15));
    let shown = text(&room_screen(&app, false, min(15)));
    assert!(!shown.contains("wrap up"), "{shown}");
}

#[test]
fn the_room_sees_the_opening_card_then_a_closing_card_without_balances() {
    let mut app = super::app_with(super::agenda(), 1, true);
    let opening = text(&room_screen(&app, false, Duration::ZERO));
    assert!(opening.contains("Monthly forum"), "{opening}");
    assert!(
        opening.contains("Share experience, not advice."),
        "{opening}"
    );
    assert!(
        !opening.contains("Ana"),
        "no presence list for the room:\n{opening}"
    );
    super::press(&mut app, crossterm::event::KeyCode::Enter, Duration::ZERO);
    key(&mut app, 'q', min(3));
    key(&mut app, 'y', min(3));
    key(&mut app, 'd', min(3));
    let closing = text(&room_screen(&app, false, min(3)));
    assert!(closing.contains("Ended 19:03 · planned 20:00"), "{closing}");
    for private in ["Ana", "Balance", "over", "under"] {
        assert!(
            !closing.contains(private),
            "{private:?} on the closing card:\n{closing}"
        );
    }
}

/// The room's screen as text, for snapshots.
fn shown(buf: &Buffer) -> String {
    let width = usize::from(buf.area.width);
    let cells: Vec<&str> = buf
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    cells
        .chunks(width)
        .map(|row| row.concat().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn snapshot_room_opening_card() {
    let app = super::app_with(super::agenda(), 1, true);
    insta::assert_snapshot!(shown(&room_screen(&app, false, Duration::ZERO)));
}

#[test]
fn snapshot_room_reset_prompt() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'r', min(6));
    insta::assert_snapshot!(shown(&room_screen(&app, false, min(6))));
}

#[test]
fn snapshot_room_closing_card() {
    let mut app = in_anas_turn(true);
    key(&mut app, 'q', min(6));
    key(&mut app, 'y', min(6));
    insta::assert_snapshot!(shown(&room_screen(&app, false, min(6))));
}

#[test]
fn snapshot_room_waiting_for_a_meeting() {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    crate::tui::view::draw_note(
        "Waiting for the meeting to start",
        &["This window shows the room's view of `forumtimer run` once it starts."],
        true,
        area,
        &mut buf,
    );
    insta::assert_snapshot!(shown(&buf));
}

#[test]
fn an_end_on_the_hour_is_shown_on_the_hour_whatever_the_origin_s_fraction_of_a_second() {
    use chrono::TimeZone;
    use crossterm::event::KeyCode;

    use super::{agenda, press, row};
    use crate::tui::app::Settings;
    // A real start is never on a whole millisecond: meeting-clock zero at 19:00:00.0004,
    // and the meeting is to end at 20:00.
    let zero = chrono::Local
        .with_ymd_and_hms(2026, 11, 23, 19, 0, 0)
        .single()
        .expect("a plain local time")
        + chrono::TimeDelta::nanoseconds(400_123);
    let settings = Settings {
        color: false,
        deadline: Some(crate::domain::agenda::Deadline::End(
            chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
        )),
        ..Settings::default()
    };
    let mut app = App::new(agenda(), settings, zero);
    let now = Duration::from_nanos(2_345_678_901);
    press(&mut app, KeyCode::Enter, now);
    let header = row(&super::screen(&app, now), 0);
    assert!(header.contains("ends 20:00"), "controller: {header}");
    let room = text(&room_screen(&app, false, now));
    let first = room.lines().next().unwrap_or_default().to_string();
    assert!(first.contains("ends 20:00"), "room: {first}");
}
