//! Words in big glyphs, in any script: a name on one line, or a prompt wrapped over a few.
//! What cannot be drawn big correctly, or does not fit, is written at normal size, bold and
//! centred, cut with an ellipsis if it must be.

use std::rc::Rc;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::cache;
use super::lines::{self, area};
use super::raster::{self, QUARTERS, Raster, Scale};
use crate::text;
use crate::tui::view::one_line;

/// How a text is lettered: big at a scale, on one line or broken between words onto lines
/// (kept, so that sizing and drawing it every frame does not break it again; shared, so that
/// a layout is cheap to copy), or as ordinary text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lettering {
    Big(Scale),
    Lines(Rc<Wrapped>),
    Plain,
}

/// The largest lettering of `line` that fits `columns`×`rows` (rows of a blank glyph margin
/// above and below left out): on two or three lines when that draws it bigger.
#[must_use]
pub fn fit(line: &str, columns: u16, rows: u16) -> Lettering {
    let (one, narrow) = cache::with_art(line, |art| {
        art.map_or((None, false), |art| {
            let one = raster::fit(art.width(), art.height(), columns, rows);
            // Breaking it only helps when the width, not the height, holds it back.
            let tall = raster::fit(art.width(), art.height(), u16::MAX, rows);
            (one, one != tall)
        })
    });
    let broken = if narrow {
        lines::fit(line, columns, rows)
    } else {
        None
    };
    match (one, broken) {
        (one, Some(wrapped)) if one.is_none_or(|one| area(wrapped.scale) > area(one)) => {
            Lettering::Lines(Rc::new(wrapped))
        }
        (Some(one), _) => Lettering::Big(one),
        (None, _) => Lettering::Plain,
    }
}

/// The largest lettering of `line` on one line in `columns`×`rows` whose pixels are no bigger
/// than `most`'s: a segment line beside the name it must not outgrow.
#[must_use]
pub fn fit_within(line: &str, columns: u16, rows: u16, most: Scale) -> Lettering {
    cache::with_art(line, |art| {
        art.and_then(|art| {
            let cap = |pixels: u16, quarters: u16| {
                let cells = (u32::from(pixels) * u32::from(quarters)).div_ceil(2);
                u16::try_from(cells).unwrap_or(u16::MAX)
            };
            let columns = columns.min(cap(art.width(), most.across));
            let rows = rows.min(cap(art.height(), most.down));
            raster::fit(art.width(), art.height(), columns, rows)
        })
        .map_or(Lettering::Plain, Lettering::Big)
    })
}

/// The scale `lettering` draws at (`None`: plain).
#[must_use]
pub fn scale(lettering: &Lettering) -> Option<Scale> {
    match lettering {
        Lettering::Big(scale) => Some(*scale),
        Lettering::Lines(wrapped) => Some(wrapped.scale),
        Lettering::Plain => None,
    }
}

/// Rows `line` takes at its smallest big size (0 when it cannot be drawn big).
#[must_use]
pub fn least_rows(line: &str) -> u16 {
    cache::with_art(line, |art| art.map_or(0, |art| art.height().div_ceil(2)))
}

/// Rows `line` takes in `lettering`.
#[must_use]
pub fn rows(line: &str, lettering: &Lettering) -> u16 {
    match lettering {
        Lettering::Plain => 1,
        Lettering::Big(scale) => cache::with_art(line, |art| {
            art.map_or(1, |art| scale.cells(art.width(), art.height()).1)
        }),
        Lettering::Lines(wrapped) => wrapped.rows(),
    }
}

/// Rows one line of `line` takes in `lettering`: all of them unless broken onto lines.
#[must_use]
pub fn line_rows(line: &str, lettering: &Lettering) -> u16 {
    match lettering {
        Lettering::Lines(wrapped) => wrapped.line_rows(),
        Lettering::Big(_) | Lettering::Plain => rows(line, lettering),
    }
}

/// Draws `line` in `lettering`, centred in `area`, never outside it.
pub fn draw(line: &str, lettering: &Lettering, style: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let drawn = match lettering {
        Lettering::Plain => false,
        Lettering::Big(scale) => {
            let rows = cache::with_art(line, |art| art.map(|art| (art.top, art.bottom)));
            rows.is_some_and(|(top, bottom)| {
                let mut drawn = false;
                cache::with_raster(line, top, bottom, *scale, |raster| {
                    drawn = put(raster, style, area, buf);
                });
                drawn
            })
        }
        Lettering::Lines(wrapped) => {
            // Checked before drawing, so that no line is drawn big under a plain name.
            let fits = wrapped.columns() <= area.width && wrapped.rows() <= area.height;
            fits && draw_wrapped(wrapped, style, area, buf)
        }
    };
    if !drawn {
        plain(line, style, area, buf);
    }
}

/// A text wrapped over lines of big glyphs, all at one scale, each line showing the pixel
/// rows `top..bottom` that any of them uses; `width` is the widest line's pixels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Wrapped {
    pub scale: Scale,
    pub lines: Vec<String>,
    pub width: u16,
    pub top: u16,
    pub bottom: u16,
}

impl Wrapped {
    /// Columns the widest line takes.
    #[must_use]
    pub fn columns(&self) -> u16 {
        self.scale.cells(self.width, 0).0
    }

    /// Rows one line takes.
    #[must_use]
    pub fn line_rows(&self) -> u16 {
        self.scale.cells(0, self.bottom - self.top).1
    }

    /// Rows all the lines take.
    #[must_use]
    pub fn rows(&self) -> u16 {
        let lines = u16::try_from(self.lines.len()).unwrap_or(u16::MAX);
        self.line_rows().saturating_mul(lines)
    }
}

/// `text` wrapped to fit `columns`×`rows` in big glyphs at the largest scale that fits;
/// `None` when none does.
#[must_use]
pub fn fit_wrapped(text: &str, columns: u16, rows: u16) -> Option<Wrapped> {
    // Lines are at least the 12 pixel rows of a Latin capital and descender.
    let most = u32::from(rows) * 2 / 12;
    for down in (1..=most).rev() {
        for across in (down..=down * 2).rev() {
            let scale = Scale {
                across: u16::try_from(across).ok()?,
                down: u16::try_from(down).ok()?,
            };
            // A halfwidth glyph is 8 pixels: 4 × `across` cells.
            let per_line = usize::from(columns) / (4 * across as usize);
            if per_line == 0 {
                continue;
            }
            let lines = text::wrap(text, per_line);
            // Some line cannot be drawn big at all: no smaller size changes that.
            let (width, top, bottom) = lines::extent(&lines)?;
            let wrapped = Wrapped {
                scale,
                lines,
                width,
                top,
                bottom,
            };
            if wrapped.columns() <= columns && wrapped.rows() <= rows {
                return Some(wrapped);
            }
        }
    }
    None
}

/// Draws `wrapped` one line under the other, each centred in `area`; `false` when some line
/// could not be drawn (too wide or not drawable big).
pub fn draw_wrapped(wrapped: &Wrapped, style: Style, area: Rect, buf: &mut Buffer) -> bool {
    let line_rows = wrapped.line_rows();
    let mut y = area.y;
    let mut all = true;
    for line in &wrapped.lines {
        let rect = Rect {
            y,
            height: line_rows.min(area.bottom().saturating_sub(y)),
            ..area
        };
        let mut drawn = false;
        cache::with_raster(line, wrapped.top, wrapped.bottom, wrapped.scale, |raster| {
            drawn = put(raster, style, rect, buf);
        });
        all &= drawn;
        y = y.saturating_add(line_rows);
    }
    all
}

/// Copies `raster` centred into `area`; `false` (nothing drawn) when it is wider or taller.
/// Blank cells are left as they are: the frame starts blank, and a bold blank looks the same.
fn put(raster: &Raster, style: Style, area: Rect, buf: &mut Buffer) -> bool {
    let area = area.intersection(buf.area);
    if raster.width > area.width || raster.height > area.height || raster.width == 0 {
        return false;
    }
    // The sixteen styled cells, made once per frame and copied: cheaper than setting a
    // character and a style on every cell.
    let pens: [Cell; 16] = std::array::from_fn(|q| {
        let mut cell = Cell::EMPTY;
        cell.set_char(QUARTERS[q]).set_style(style);
        cell
    });
    let x0 = area.x + (area.width - raster.width) / 2;
    let rows = raster.cells.chunks(usize::from(raster.width));
    for (y, row) in (area.y..).zip(rows) {
        for (x, &quarters) in (x0..).zip(row) {
            if quarters == 0 {
                continue;
            }
            if let (Some(cell), Some(pen)) = (buf.cell_mut((x, y)), pens.get(usize::from(quarters)))
            {
                cell.clone_from(pen);
            }
        }
    }
    true
}

/// `line` as ordinary text, centred, cut with an ellipsis if it is too wide.
fn plain(line: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let shown = text::cut(line, usize::from(area.width));
    let row = Rect { height: 1, ..area };
    one_line::render(Line::styled(shown, style).centered(), row, buf);
}
