//! The bytes that turn what the terminal shows into the next frame: only the cells that
//! changed, forward moves within a row, one SGR sequence per change of look, and the pen and
//! cursor carried from frame to frame. Pure: buffers in, bytes out.
//!
//! ratatui's `Terminal` compares every cell with its wide-character bookkeeping and restarts
//! the style and hides the cursor on every frame; for a countdown that changes one digit a
//! second that was half of each frame's CPU and most of its bytes.

use std::io::Write;

use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::style::{Color, Modifier};

/// Colour and attributes of a cell: what an SGR sequence sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Look {
    const PLAIN: Look = Look {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Look {
        Look {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// What the terminal is known to hold besides its cells: `None` where unknown.
#[derive(Debug, Default)]
pub struct Encoder {
    pen: Option<Look>,
    cursor: Option<(u16, u16)>,
}

/// A forward move costs `ESC [ n C`; rewriting a gap this short with its own cells is cheaper.
const LONGEST_REWRITTEN_GAP: u16 = 4;

impl Encoder {
    /// Forgets the pen and cursor, for when something else may have written to the terminal.
    pub fn forget(&mut self) {
        *self = Encoder::default();
    }

    /// Clears the screen to the default colours; afterwards it shows `Buffer::empty`.
    pub fn clear(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\x1b[0m\x1b[2J");
        self.pen = Some(Look::PLAIN);
        self.cursor = None;
    }

    /// Writes what turns `shown` into `next`. Both must cover the same area.
    pub fn frame(&mut self, shown: &Buffer, next: &Buffer, out: &mut Vec<u8>) {
        let width = usize::from(next.area.width);
        if width == 0 || shown.area != next.area {
            return;
        }
        let rows = next.content.chunks(width).zip(shown.content.chunks(width));
        for ((next_row, shown_row), y) in rows.zip(next.area.y..) {
            if next_row == shown_row {
                continue;
            }
            if has_wide(next_row) || has_wide(shown_row) {
                self.whole_row(next.area.x, y, next_row, out);
            } else {
                self.changed_cells(next.area.x, y, next_row, shown_row, out);
            }
        }
    }

    /// A row of one-cell characters: each changed cell, reached by the cheapest move.
    fn changed_cells(
        &mut self,
        left: u16,
        y: u16,
        next: &[Cell],
        shown: &[Cell],
        out: &mut Vec<u8>,
    ) {
        for ((cell, before), x) in next.iter().zip(shown).zip(left..) {
            if cell != before {
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

    /// Moves to column `x` of row `y`; `row` is that row's next cells, starting at `left`.
    fn move_to(&mut self, x: u16, y: u16, left: u16, row: &[Cell], out: &mut Vec<u8>) {
        match self.cursor {
            Some((cx, cy)) if cy == y && cx == x => {}
            Some((cx, cy)) if cy == y && cx < x => {
                let gap = &row[usize::from(cx - left)..usize::from(x - left)];
                let rewritable = x - cx <= LONGEST_REWRITTEN_GAP
                    && gap
                        .iter()
                        .all(|cell| self.pen == Some(Look::of(cell)) && cell.symbol().len() == 1);
                if rewritable {
                    for cell in gap {
                        out.extend_from_slice(cell.symbol().as_bytes());
                    }
                } else {
                    let _ = write!(out, "\x1b[{}C", x - cx);
                }
                self.cursor = Some((x, y));
            }
            _ => self.cursor_to(x, y, out),
        }
    }

    fn cursor_to(&mut self, x: u16, y: u16, out: &mut Vec<u8>) {
        if self.cursor != Some((x, y)) {
            match x {
                0 => {
                    let _ = write!(out, "\x1b[{}H", u32::from(y) + 1);
                }
                _ => {
                    let _ = write!(out, "\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1);
                }
            }
            self.cursor = Some((x, y));
        }
    }

    /// Prints `cell`, `width` columns wide, at the cursor.
    fn put(&mut self, cell: &Cell, width: u16, left: u16, row_len: usize, out: &mut Vec<u8>) {
        self.look(Look::of(cell), out);
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

    /// Sets the pen to `look` with one SGR sequence, or none when it already is.
    fn look(&mut self, look: Look, out: &mut Vec<u8>) {
        let mut params: Vec<u8> = Vec::with_capacity(16);
        let from = match self.pen {
            Some(pen) if pen == look => return,
            // Attributes can be switched off one by one, but bold and dim share an "off", so
            // dropping any of them starts again from plain.
            Some(pen) if !pen.modifier.difference(look.modifier).is_empty() => {
                params.push(b'0');
                Look::PLAIN
            }
            Some(pen) => pen,
            None => {
                params.push(b'0');
                Look::PLAIN
            }
        };
        for (modifier, code) in MODIFIER_CODES {
            if look.modifier.contains(modifier) && !from.modifier.contains(modifier) {
                separate(&mut params);
                params.push(code);
            }
        }
        if look.fg != from.fg {
            separate(&mut params);
            color_params(look.fg, Layer::Foreground, &mut params);
        }
        if look.bg != from.bg {
            separate(&mut params);
            color_params(look.bg, Layer::Background, &mut params);
        }
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(&params);
        out.push(b'm');
        self.pen = Some(look);
    }
}

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, b'1'),
    (Modifier::DIM, b'2'),
    (Modifier::ITALIC, b'3'),
    (Modifier::UNDERLINED, b'4'),
    (Modifier::SLOW_BLINK, b'5'),
    (Modifier::RAPID_BLINK, b'6'),
    (Modifier::REVERSED, b'7'),
    (Modifier::HIDDEN, b'8'),
    (Modifier::CROSSED_OUT, b'9'),
];

fn separate(params: &mut Vec<u8>) {
    if !params.is_empty() {
        params.push(b';');
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

/// SGR parameters for a colour: the 16 ANSI colours by their short codes (the same palette
/// entries as `38;5;0`–`15`), the rest by index or as RGB.
fn color_params(color: Color, layer: Layer, params: &mut Vec<u8>) {
    let base: u8 = match layer {
        Layer::Foreground => 30,
        Layer::Background => 40,
    };
    let ansi = match color {
        Color::Reset => Some(base + 9),
        Color::Black => Some(base),
        Color::Red => Some(base + 1),
        Color::Green => Some(base + 2),
        Color::Yellow => Some(base + 3),
        Color::Blue => Some(base + 4),
        Color::Magenta => Some(base + 5),
        Color::Cyan => Some(base + 6),
        Color::Gray => Some(base + 7),
        Color::DarkGray => Some(base + 60),
        Color::LightRed => Some(base + 61),
        Color::LightGreen => Some(base + 62),
        Color::LightYellow => Some(base + 63),
        Color::LightBlue => Some(base + 64),
        Color::LightMagenta => Some(base + 65),
        Color::LightCyan => Some(base + 66),
        Color::White => Some(base + 67),
        Color::Indexed(_) | Color::Rgb(..) => None,
    };
    let _ = match (ansi, color) {
        (Some(code), _) => write!(params, "{code}"),
        (None, Color::Indexed(index)) => write!(params, "{};5;{index}", base + 8),
        (None, Color::Rgb(r, g, b)) => write!(params, "{};2;{r};{g};{b}", base + 8),
        (None, _) => Ok(()),
    };
}

/// Whether any cell in `row` is other than one column wide.
fn has_wide(row: &[Cell]) -> bool {
    row.iter()
        .any(|cell| !cell.symbol().is_ascii() && cell.cell_width() != 1)
}

#[cfg(test)]
mod tests;
