//! Frames through `Screen`: the first paints, later ones send differences, a resize or an
//! invalidation paints again.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Screen;

fn write(text: &'static str) -> impl FnOnce(Rect, &mut Buffer) {
    move |area, buf| buf.set_string(area.x, area.y, text, Style::new())
}

/// What one frame sent, without the synchronized-update markers around it.
fn sent(screen: &mut Screen<Vec<u8>>) -> String {
    let bytes = std::mem::take(screen.output());
    let inner = bytes
        .strip_prefix(super::BEGIN_UPDATE)
        .and_then(|b| b.strip_suffix(super::END_UPDATE))
        .unwrap_or(&bytes);
    String::from_utf8(inner.to_vec()).unwrap()
}

#[test]
fn the_first_frame_clears_then_later_frames_send_only_changes() {
    let mut screen = Screen::new(Vec::new());
    screen.draw((10, 2), write("12:34")).unwrap();
    assert!(sent(&mut screen).starts_with("\u{1b}[0m\u{1b}[2J"));
    screen.draw((10, 2), write("12:33")).unwrap();
    // The cursor is known from the last frame: one step back from after "12:34".
    assert_eq!(sent(&mut screen), "\u{1b}[D3");
    screen.draw((10, 2), write("12:33")).unwrap();
    assert_eq!(sent(&mut screen), "");
}

#[test]
fn a_resize_or_an_invalidation_repaints_everything() {
    let mut screen = Screen::new(Vec::new());
    screen.draw((10, 2), write("12:34")).unwrap();
    sent(&mut screen);
    screen.draw((12, 2), write("12:34")).unwrap();
    let resized = sent(&mut screen);
    assert!(resized.starts_with("\u{1b}[0m\u{1b}[2J") && resized.contains("12:34"));
    screen.invalidate();
    screen.draw((12, 2), write("12:34")).unwrap();
    let repainted = sent(&mut screen);
    assert!(repainted.starts_with("\u{1b}[0m\u{1b}[2J") && repainted.contains("12:34"));
    assert_eq!(screen.shown().area, Rect::new(0, 0, 12, 2));
}

/// Records each `write` call apart, as the terminal would receive them.
#[derive(Default)]
struct Writes(Vec<Vec<u8>>);

impl std::io::Write for Writes {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.push(bytes.to_vec());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_frame_is_one_write_inside_a_synchronized_update() {
    let mut screen = Screen::new(Writes::default());
    // Rows apart, so the encoder moves down with line feeds.
    let frame = |text: &'static str| {
        move |area: Rect, buf: &mut Buffer| {
            buf.set_string(0, 0, text, Style::new());
            buf.set_string(0, area.height - 1, text, Style::new());
        }
    };
    screen.draw((20, 6), frame("0:45")).unwrap();
    screen.draw((20, 6), frame("0:44")).unwrap();
    let writes = &screen.output().0;
    assert_eq!(writes.len(), 2, "one write per frame");
    for write in writes {
        assert!(write.starts_with(super::BEGIN_UPDATE), "{write:?}");
        assert!(write.ends_with(super::END_UPDATE), "{write:?}");
    }
    // A frame that changes nothing sends nothing, not even the markers.
    screen.draw((20, 6), frame("0:44")).unwrap();
    assert_eq!(screen.output().0.len(), 2);
}

#[test]
fn the_terminal_writer_is_not_line_buffered() {
    // `Stdout` is: through it, a frame with a line feed left in two writes (the bug seen as
    // half a frame). The type frames go through writes straight to the descriptor.
    let mut through_line_buffer = std::io::LineWriter::new(Writes::default());
    std::io::Write::write_all(
        &mut through_line_buffer,
        b"\x1b[?2026h0:45\n0:14\x1b[?2026l",
    )
    .unwrap();
    std::io::Write::flush(&mut through_line_buffer).unwrap();
    assert_eq!(through_line_buffer.get_ref().0.len(), 2);
    let type_name = std::any::type_name::<crate::tui::terminal::Tty>();
    assert_eq!(type_name, "std::fs::File");
}
