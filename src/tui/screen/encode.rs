//! The bytes that turn what the terminal shows into the next frame: only the cells that
//! changed, the shortest moves between them (line feeds and steps along a row, or rewriting a
//! short gap), one SGR sequence per change of look, none for blanks that look the same, and
//! the pen and cursor carried from frame to frame. Pure: buffers in, bytes out.
//!
//! ratatui's `Terminal` compares every cell with its wide-character bookkeeping and restarts
//! the style and hides the cursor on every frame; for a countdown that changes one digit a
//! second that was half of each frame's CPU and most of its bytes.

use std::io::Write;
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell, CellWidth};

use self::look::Look;
use super::bands::compared;

/// What the terminal is known to hold besides its cells: `None` where unknown.
#[derive(Debug)]
pub struct Encoder {
    pen: Option<Look>,
    cursor: Option<(u16, u16)>,
    /// Whether a line feed only moves down: true in raw mode, where the terminal does no
    /// output processing; with it on, a line feed also returns to the first column.
    line_feeds: bool,
}

/// A forward move costs `ESC [ n C`; rewriting a gap this short with its own cells is cheaper.
const LONGEST_REWRITTEN_GAP: u16 = 4;
/// Beyond a few rows down an absolute move is as short as the line feeds.
const MOST_LINE_FEEDS: u16 = 4;

/// A move within the row, after any line feeds.
#[derive(Debug, Clone, Copy)]
enum Along {
    Stay,
    /// Carriage return, to column 0.
    Return,
    Back(u16),
    Forward(u16),
    /// Print the row's own cells in `from..to` again: same look, one byte each.
    Rewrite(usize, usize),
}

impl Along {
    /// Bytes it takes.
    fn cost(self) -> usize {
        match self {
            Along::Stay => 0,
            Along::Return => 1,
            Along::Back(n) | Along::Forward(n) => move_len(n),
            Along::Rewrite(from, to) => to - from,
        }
    }
}

/// `ESC [ n C` or `D`, with `n` left out when it is 1.
fn write_move(out: &mut Vec<u8>, n: u16, direction: u8) {
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        let _ = write!(out, "{n}");
    }
    out.push(direction);
}

fn move_len(n: u16) -> usize {
    3 + if n == 1 { 0 } else { decimal_len(n) }
}

/// Bytes of the absolute move to (`x`, `y`).
fn absolute_len(x: u16, y: u16) -> usize {
    let row = 3 + decimal_len(y.saturating_add(1));
    if x == 0 {
        row
    } else {
        row + 1 + decimal_len(x.saturating_add(1))
    }
}

fn decimal_len(n: u16) -> usize {
    n.checked_ilog10().map_or(1, |digits| digits as usize + 1)
}

impl Encoder {
    /// An encoder that knows nothing of the terminal yet; `line_feeds` as the field says.
    #[must_use]
    pub fn new(line_feeds: bool) -> Encoder {
        Encoder {
            pen: None,
            cursor: None,
            line_feeds,
        }
    }

    /// Forgets the pen and cursor, for when something else may have written to the terminal.
    pub fn forget(&mut self) {
        self.pen = None;
        self.cursor = None;
    }

    /// Clears the screen to the default colours; afterwards it shows `Buffer::empty`.
    pub fn clear(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\x1b[0m\x1b[2J");
        self.pen = Some(Look::PLAIN);
        self.cursor = None;
    }

    /// Writes what turns `shown` into `next`. Both must cover the same area. `marks` (one
    /// per cell, see `bands`, and each row's span of compared cells) say which cells can
    /// differ: only they are looked at, and a row without one is skipped whole.
    pub fn frame(
        &mut self,
        shown: &Buffer,
        next: &Buffer,
        (marks, spans): (&[u8], &[Range<usize>]),
        out: &mut Vec<u8>,
    ) {
        let width = usize::from(next.area.width);
        if width == 0
            || shown.area != next.area
            || marks.len() != next.content.len()
            || spans.len() != usize::from(next.area.height)
        {
            return;
        }
        let rows = next.content.chunks(width).zip(shown.content.chunks(width));
        for ((((next_row, shown_row), marks), span), y) in
            rows.zip(marks.chunks(width)).zip(spans).zip(next.area.y..)
        {
            if span.start < span.end {
                self.row(
                    next.area.x,
                    y,
                    next_row,
                    shown_row,
                    (marks, span.clone()),
                    out,
                );
            }
        }
    }

    /// Row `y`: nothing if no marked cell changed, every cell if a marked one holds a wide
    /// character, else the changed cells. Only the span of the row from its first marked
    /// cell to its last is looked at.
    fn row(
        &mut self,
        left: u16,
        y: u16,
        next: &[Cell],
        shown: &[Cell],
        (marks, span): (&[u8], Range<usize>),
        out: &mut Vec<u8>,
    ) {
        let marks_in = &marks[span.clone()];
        let (next_in, shown_in) = (&next[span.clone()], &shown[span.clone()]);
        if marked(next_in, marks_in)
            .zip(marked(shown_in, marks_in))
            .all(|(a, b)| same(a, b))
        {
            return;
        }
        // Only marked cells can have changed, and a band draws inside its rectangle: a wide
        // character elsewhere in the row is the same on both sides, and whole on one side of
        // the changed cells (see `along`).
        if marked(next_in, marks_in)
            .chain(marked(shown_in, marks_in))
            .any(|cell| !one_column(cell))
        {
            return self.whole_row(left, y, next, out);
        }
        self.changed_cells(left, y, next, shown, span, marks, out);
    }

    /// The marked cells of `span` in a row of one-cell characters: each changed one, reached
    /// by the cheapest move.
    #[allow(clippy::too_many_arguments)]
    fn changed_cells(
        &mut self,
        left: u16,
        y: u16,
        next: &[Cell],
        shown: &[Cell],
        span: Range<usize>,
        marks: &[u8],
        out: &mut Vec<u8>,
    ) {
        let start = u16::try_from(span.start).unwrap_or(u16::MAX);
        let cells = next[span.clone()].iter().zip(&shown[span.clone()]);
        for ((cell, before), x) in cells.zip(left.saturating_add(start)..) {
            if compared(marks[usize::from(x - left)]) && !same(cell, before) {
                self.move_to(x, y, left, next, out);
                self.put(cell, 1, left, next.len(), out);
            }
        }
    }

    /// A row with wide characters, printed in order so the terminal itself places each one.
    /// Rare (names in wide scripts), so simplicity wins over bytes.
    fn whole_row(&mut self, left: u16, y: u16, next: &[Cell], out: &mut Vec<u8>) {
        self.cursor_to(left, y, out);
        let mut covered = 0;
        for (index, cell) in next.iter().enumerate() {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let width = cell.cell_width();
            // A wide character in the last column would wrap onto the next row.
            if index + usize::from(width) > next.len() {
                let mut blank = cell.clone();
                blank.set_char(' ');
                self.put(&blank, 1, left, next.len(), out);
            } else {
                self.put(cell, width, left, next.len(), out);
            }
            covered = width.saturating_sub(1);
        }
    }

    /// Moves to column `x` of row `y` by the shorter of an absolute move and line feeds plus
    /// a move along the row; `row` is row `y`'s next cells, starting at column `left`.
    /// (A line feed never scrolls here: the target row is on the screen, below the cursor.)
    fn move_to(&mut self, x: u16, y: u16, left: u16, row: &[Cell], out: &mut Vec<u8>) {
        let Some((cx, cy)) = self.cursor else {
            return self.cursor_to(x, y, out);
        };
        if (cx, cy) == (x, y) {
            return;
        }
        let down = y.wrapping_sub(cy);
        if cy > y || down > MOST_LINE_FEEDS || (down > 0 && !self.line_feeds) {
            return self.cursor_to(x, y, out);
        }
        let along = self.along(cx, x, left, row);
        if usize::from(down) + along.cost() >= absolute_len(x, y) {
            return self.cursor_to(x, y, out);
        }
        out.extend(std::iter::repeat_n(b'\n', usize::from(down)));
        match along {
            Along::Stay => {}
            Along::Return => out.push(b'\r'),
            Along::Back(n) => write_move(out, n, b'D'),
            Along::Forward(n) => write_move(out, n, b'C'),
            Along::Rewrite(from, to) => {
                for cell in &row[from..to] {
                    out.extend_from_slice(cell.symbol().as_bytes());
                }
            }
        }
        self.cursor = Some((x, y));
    }

    /// The cheapest way from column `cx` to `x` within a row.
    fn along(&self, cx: u16, x: u16, left: u16, row: &[Cell]) -> Along {
        if x == cx {
            return Along::Stay;
        }
        if x == 0 {
            return Along::Return;
        }
        if x < cx {
            return Along::Back(cx - x);
        }
        let (from, to) = (usize::from(cx - left), usize::from(x - left));
        let rewritable = x - cx <= LONGEST_REWRITTEN_GAP
            && self.pen.is_some_and(|pen| {
                row[from..to]
                    .iter()
                    .all(|cell| cell.symbol().len() == 1 && pen.shows(cell))
            });
        if rewritable {
            Along::Rewrite(from, to)
        } else {
            Along::Forward(x - cx)
        }
    }

    fn cursor_to(&mut self, x: u16, y: u16, out: &mut Vec<u8>) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let _ = match x {
            0 => write!(out, "\x1b[{}H", u32::from(y) + 1),
            _ => write!(out, "\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1),
        };
        self.cursor = Some((x, y));
    }

    /// Prints `cell`, `width` columns wide, at the cursor.
    fn put(&mut self, cell: &Cell, width: u16, left: u16, row_len: usize, out: &mut Vec<u8>) {
        if !self.pen.is_some_and(|pen| pen.shows(cell)) {
            self.look(Look::of(cell), out);
        }
        match cell.symbol() {
            // A zero-width symbol would leave the cursor behind the columns we count.
            symbol if width == 0 || symbol.is_empty() => out.push(b' '),
            symbol => out.extend_from_slice(symbol.as_bytes()),
        }
        let width = width.max(1);
        self.cursor = self.cursor.and_then(|(x, y)| {
            let after = x.saturating_add(width);
            // At the right edge the terminal holds a pending wrap: where it is depends on it.
            (usize::from(after - left) < row_len).then_some((after, y))
        });
    }

    /// Sets the pen to `look`, with one SGR sequence when it differs.
    fn look(&mut self, look: Look, out: &mut Vec<u8>) {
        look.switch_from(self.pen, out);
        self.pen = Some(look);
    }
}

/// The cells of `row` whose mark says they are compared.
fn marked<'a>(row: &'a [Cell], marks: &'a [u8]) -> impl Iterator<Item = &'a Cell> {
    row.iter()
        .zip(marks)
        .filter(|(_, mark)| compared(**mark))
        .map(|(cell, _)| cell)
}

/// Whether `cell` takes one column. Printable ASCII and the box and block characters the
/// views draw with are known to, from their bytes; the rest asks Unicode's width tables, too
/// slow to ask for every block of the big digits.
fn one_column(cell: &Cell) -> bool {
    match cell.symbol().as_bytes() {
        [byte] => (b' '..=b'~').contains(byte),
        // U+2500 to U+25BF: box drawing, blocks, shades and the first geometric shapes.
        [0xe2, 0x94..=0x96, _] => true,
        _ => cell.cell_width() == 1,
    }
}

/// Whether two cells print the same: text, colours and attributes, which is all we write.
/// ratatui's `Cell::eq` also compares what we never write and was a third of a frame's work,
/// run for every cell of every frame. Always inlined: left to itself the compiler calls it
/// for each of the 4 800 cells, and the call was a tenth of the compare (callgrind).
#[allow(clippy::inline_always)]
#[inline(always)]
fn same(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg && a.bg == b.bg && a.modifier == b.modifier && same_text(a.symbol(), b.symbol())
}

/// Symbols are a few bytes: a loop kept inline beats a call to `memcmp`.
#[allow(clippy::inline_always)]
#[inline(always)]
fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

mod look;
#[cfg(test)]
pub(super) mod tests;
