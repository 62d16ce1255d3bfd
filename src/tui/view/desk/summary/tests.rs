//! The summary screen at every size, with and without colour, and snapshots of the layout.

use chrono::{DateTime, Local, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::SummaryView;
use crate::domain::summary::{MemberSummary, Summary, example};
use crate::tui::view::tests::text;

fn origin() -> DateTime<Local> {
    Local.with_ymd_and_hms(2025, 3, 4, 19, 0, 0).unwrap()
}

fn draw(summary: &Summary, color: bool, width: u16, height: u16) -> Buffer {
    draw_scrolled(summary, color, width, height, 0)
}

fn draw_scrolled(summary: &Summary, color: bool, width: u16, height: u16, scroll: u16) -> Buffer {
    let view = SummaryView {
        summary,
        origin: origin().into(),
        color,
        scroll,
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&view, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn crowd() -> Summary {
    let mut summary = example();
    summary.members = (0..30)
        .map(|i| MemberSummary {
            name: format!("Member with a rather long name {i}"),
            ..summary.members[i % 5].clone()
        })
        .collect();
    summary
}

#[test]
fn never_panics_at_any_size() {
    let empty = Summary {
        members: Vec::new(),
        segments: Vec::new(),
        ..example()
    };
    let large = [
        (400, 120),
        (200, 60),
        (120, 40),
        (1, 120),
        (400, 1),
        (80, 3),
    ];
    for summary in [example(), empty, crowd()] {
        let sizes = (0..=60).flat_map(|w| (0..=30).map(move |h| (w, h)));
        for (width, height) in sizes.chain(large) {
            for color in [true, false] {
                draw(&summary, color, width, height);
            }
        }
    }
}

#[test]
fn balance_is_said_in_words_as_well_as_colour() {
    let screen = text(&draw(&example(), true, 80, 24));
    assert!(screen.contains("+1:20 over"), "{screen}");
    assert!(screen.contains("−3:10 under"), "{screen}");
    assert!(screen.contains("on time"), "{screen}");
    assert!(screen.contains("absent"), "{screen}");
    assert!(
        screen.contains("Ended 21:04, 4 min after the planned 21:00"),
        "{screen}"
    );
    assert!(
        screen.contains("Room resets: advice 2 · crosstalk 1"),
        "{screen}"
    );
}

#[test]
fn no_room_resets_is_said_plainly() {
    let mut summary = example();
    summary.resets = [0; 6];
    assert!(text(&draw(&summary, true, 80, 24)).contains("No room resets"));
}

#[test]
fn without_colour_no_cell_has_a_colour() {
    let buffer = draw(&example(), false, 160, 48);
    assert!(text(&buffer).contains("+1:20 over"));
    for cell in &buffer.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

#[test]
fn with_colour_overtime_is_coloured() {
    let buffer = draw(&example(), true, 160, 48);
    assert!(buffer.content.iter().any(|cell| cell.fg == Color::Yellow));
}

#[test]
fn a_crowd_keeps_the_end_line_resets_and_footer_in_view() {
    let screen = text(&draw(&crowd(), false, 80, 24));
    assert!(screen.contains("Ended 21:04"), "{screen}");
    assert!(screen.contains("Room resets:"), "{screen}");
    assert!(screen.contains("q to exit"), "{screen}");
}

#[test]
fn snapshot_80x24() {
    insta::assert_snapshot!(text(&draw(&example(), false, 80, 24)));
}

#[test]
fn snapshot_40x12() {
    insta::assert_snapshot!(text(&draw(&example(), false, 40, 12)));
}

#[test]
fn snapshot_160x48() {
    insta::assert_snapshot!(text(&draw(&example(), false, 160, 48)));
}

#[test]
fn a_crowd_scrolls_to_every_member_and_the_segments() {
    let mut crowd = crowd();
    for (i, member) in crowd.members.iter_mut().enumerate() {
        member.name = format!("Member{}", i + 1);
    }
    let top = text(&draw(&crowd, false, 80, 24));
    assert!(!top.contains("Member30"), "{top}");
    assert!(top.contains("rows 1–"), "the footer says it scrolls: {top}");
    let bottom = text(&draw_scrolled(&crowd, false, 80, 24, 100));
    assert!(bottom.contains("Member30"), "{bottom}");
    assert!(bottom.contains("Segment"), "{bottom}");
    assert!(bottom.contains("Experience shares"), "{bottom}");
    assert!(
        bottom.contains("Ended 21:04"),
        "the end line stays: {bottom}"
    );
    assert!(bottom.contains("Room resets:"), "the resets stay: {bottom}");
}

#[test]
fn long_segment_names_use_the_width_there_is() {
    let mut summary = example();
    summary.segments[0].name = "Choose topics from the parking lot".into();
    let screen = text(&draw(&summary, false, 80, 24));
    assert!(
        screen.contains("Choose topics from the parking lot"),
        "{screen}"
    );
}

#[test]
fn a_name_cut_for_lack_of_room_ends_in_an_ellipsis() {
    let screen = text(&draw(&crowd(), false, 60, 24));
    assert!(screen.contains("Member with a rather long n…"), "{screen}");
}
