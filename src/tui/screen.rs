//! The frames on the terminal: the buffer it shows, the one being drawn, and the lean bytes
//! between them. Generic over the writer so tests can read exactly what would be sent.
//!
//! Each frame goes out in one `write`, inside the synchronized-update mode (DEC private mode
//! 2026): a terminal that knows it shows the frame only once it is complete, so no one sees
//! half of one second and half of the next; others ignore the two sequences.

mod bands;
mod encode;

use std::io::{self, Write};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub use self::bands::Bands;
use self::bands::Memo;
use self::encode::Encoder;
/// For tests that check a frame against a terminal emulator.
#[cfg(test)]
pub(in crate::tui) use self::encode::tests::assert_shows;

/// Begins a synchronized update: the terminal holds the screen until the end sequence.
pub const BEGIN_UPDATE: &[u8] = b"\x1b[?2026h";
/// Ends a synchronized update: the terminal shows the frame.
pub const END_UPDATE: &[u8] = b"\x1b[?2026l";

/// Double-buffered drawing to a terminal of a given size.
#[derive(Debug)]
pub struct Screen<W: Write> {
    out: W,
    shown: Buffer,
    next: Buffer,
    encoder: Encoder,
    bytes: Vec<u8>,
    repaint: bool,
    memo: Memo,
}

impl<W: Write> Screen<W> {
    /// A screen whose first frame clears the terminal and paints every cell, for an output in
    /// raw mode.
    pub fn new(out: W) -> Self {
        Screen {
            out,
            shown: Buffer::empty(Rect::ZERO),
            next: Buffer::empty(Rect::ZERO),
            encoder: Encoder::new(true),
            bytes: Vec::with_capacity(4096),
            repaint: true,
            memo: Memo::default(),
        }
    }

    /// For an output that still translates line feeds (a terminal other than the one in raw
    /// mode): rows are then reached by absolute moves only.
    #[must_use]
    pub fn without_line_feeds(mut self) -> Self {
        self.encoder = Encoder::new(false);
        self
    }

    /// The next frame repaints everything: after the terminal was handed to someone else.
    pub fn invalidate(&mut self) {
        self.repaint = true;
        self.encoder.forget();
    }

    /// Draws a frame of `width`×`height` with `render`, every cell of it, and sends what
    /// changed in one write, wrapped in a synchronized update: one band over the whole
    /// screen, drawn every frame, so there is one path from drawing to bytes.
    ///
    /// # Errors
    /// When the terminal cannot be written to.
    pub fn draw(
        &mut self,
        size: (u16, u16),
        render: impl FnOnce(Rect, &mut Buffer),
    ) -> io::Result<()> {
        self.draw_bands(size, |area, bands| bands.always(area, render))
    }

    /// Draws a frame of `width`×`height` in bands (see `Bands`): a band drawn from the same
    /// inputs as in the last frame is neither drawn nor compared again; what the terminal ends
    /// up showing is the same as if every band were drawn. Sends what changed in one write,
    /// wrapped in a synchronized update.
    ///
    /// # Errors
    /// When the terminal cannot be written to.
    pub fn draw_bands(
        &mut self,
        (width, height): (u16, u16),
        render: impl FnOnce(Rect, &mut Bands),
    ) -> io::Result<()> {
        let area = Rect::new(0, 0, width, height);
        self.bytes.extend_from_slice(BEGIN_UPDATE);
        if self.repaint || area != self.shown.area {
            self.clear(area);
            self.memo.cleared();
        }
        self.memo.begin(area);
        render(area, &mut Bands::kept(&mut self.next, &mut self.memo));
        self.memo.settle(&mut self.next);
        let marks = self.memo.marks();
        self.encoder
            .frame(&self.shown, &self.next, marks, &mut self.bytes);
        // The buffer drawn into stays a copy of what is shown, for the bands kept next time.
        let (marks, spans) = marks;
        let width = usize::from(width);
        for (row, span) in spans.iter().enumerate() {
            let cells = row * width + span.start..row * width + span.end;
            let pairs = self.shown.content[cells.clone()].iter_mut();
            let pairs = pairs
                .zip(&self.next.content[cells.clone()])
                .zip(&marks[cells]);
            for ((shown, next), &mark) in pairs {
                if bands::compared(mark) {
                    shown.clone_from(next);
                }
            }
        }
        self.memo.end();
        self.send()
    }

    /// A new size or a repaint: both buffers blank, the terminal cleared.
    fn clear(&mut self, area: Rect) {
        self.shown = Buffer::empty(area);
        self.next = Buffer::empty(area);
        self.encoder.clear(&mut self.bytes);
        self.repaint = false;
    }

    /// Sends the frame's bytes in one write, if it changed anything.
    fn send(&mut self) -> io::Result<()> {
        if self.bytes.len() == BEGIN_UPDATE.len() {
            self.bytes.clear();
            return Ok(());
        }
        self.bytes.extend_from_slice(END_UPDATE);
        // One `write_all` on an unbuffered writer: one write for the whole frame (a line
        // buffered `Stdout` would split it at its last line feed).
        let written = self
            .out
            .write_all(&self.bytes)
            .and_then(|()| self.out.flush());
        self.bytes.clear();
        if written.is_err() {
            // Part of the frame may be on the screen: start again from a clean one.
            self.invalidate();
        }
        written
    }

    /// What the terminal shows after the last frame.
    #[must_use]
    pub fn shown(&self) -> &Buffer {
        &self.shown
    }

    /// The rows the last frame compared with what was shown: those of the bands drawn again
    /// or gone. For tests that check a frame did no more work than it had to.
    #[cfg(test)]
    pub(in crate::tui) fn compared_rows(&self) -> Vec<u16> {
        let rows = self.memo.rows.iter().zip(self.shown.area.y..);
        rows.filter(|(span, _)| span.start < span.end)
            .map(|(_, y)| y)
            .collect()
    }

    /// The writer, for tests that read what was sent.
    pub fn output(&mut self) -> &mut W {
        &mut self.out
    }
}

#[cfg(test)]
mod tests;
