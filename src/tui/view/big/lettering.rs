//! Words in big glyphs, in any script: a name on one line, or a prompt wrapped over a few.
//! What cannot be drawn big correctly, or does not fit, is written at normal size, bold and
//! centred, cut with an ellipsis if it must be.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::cache;
use super::raster::{self, QUARTERS, Raster, Scale};
use crate::text;
use crate::tui::view::one_line;

/// How a text is lettered: big at a scale, or as ordinary text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lettering {
    Big(Scale),
    Plain,
}

/// The largest lettering of `line` that fits `columns`×`rows` (rows of a blank glyph margin
/// above and below left out).
#[must_use]
pub fn fit(line: &str, columns: u16, rows: u16) -> Lettering {
    cache::with_art(line, |art| {
        art.and_then(|art| raster::fit(art.width(), art.height(), columns, rows))
            .map_or(Lettering::Plain, Lettering::Big)
    })
}

/// Rows `line` takes at its smallest big size (0 when it cannot be drawn big).
#[must_use]
pub fn least_rows(line: &str) -> u16 {
    cache::with_art(line, |art| art.map_or(0, |art| art.height().div_ceil(2)))
}

/// Rows `line` takes in `lettering`.
#[must_use]
pub fn rows(line: &str, lettering: Lettering) -> u16 {
    match lettering {
        Lettering::Plain => 1,
        Lettering::Big(scale) => cache::with_art(line, |art| {
            art.map_or(1, |art| scale.cells(art.width(), art.height()).1)
        }),
    }
}

/// Lines `line` is drawn on in `lettering`.
#[must_use]
pub fn lines(_line: &str, _lettering: Lettering) -> u16 {
    1
}

/// Draws `line` in `lettering`, centred in `area`, never outside it.
pub fn draw(line: &str, lettering: Lettering, style: Style, area: Rect, buf: &mut Buffer) {
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
                cache::with_raster(line, top, bottom, scale, |raster| {
                    drawn = put(raster, style, area, buf);
                });
                drawn
            })
        }
    };
    if !drawn {
        plain(line, style, area, buf);
    }
}

/// A text wrapped over lines of big glyphs, all at one scale, each line showing the pixel
/// rows `top..bottom` that any of them uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub scale: Scale,
    pub lines: Vec<String>,
    pub top: u16,
    pub bottom: u16,
}

impl Wrapped {
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
            let mut used = Some((16u16, 0u16));
            for line in &lines {
                used = used.and_then(|(top, bottom)| {
                    cache::with_art(line, |art| {
                        let art = art?;
                        let fits = scale.cells(art.width(), 16).0 <= columns;
                        fits.then_some((top.min(art.top), bottom.max(art.bottom)))
                    })
                });
            }
            // Some line cannot be drawn big at all: no smaller size changes that.
            if lines
                .iter()
                .any(|line| cache::with_art(line, |art| art.is_none()))
            {
                return None;
            }
            let Some((top, bottom)) = used else {
                continue;
            };
            let wrapped = Wrapped {
                scale,
                lines,
                top,
                bottom,
            };
            if wrapped.rows() <= rows {
                return Some(wrapped);
            }
        }
    }
    None
}

/// Draws `wrapped` one line under the other, each centred in `area`.
pub fn draw_wrapped(wrapped: &Wrapped, style: Style, area: Rect, buf: &mut Buffer) {
    let line_rows = wrapped.line_rows();
    let mut y = area.y;
    for line in &wrapped.lines {
        let rect = Rect {
            y,
            height: line_rows.min(area.bottom().saturating_sub(y)),
            ..area
        };
        cache::with_raster(line, wrapped.top, wrapped.bottom, wrapped.scale, |raster| {
            put(raster, style, rect, buf);
        });
        y = y.saturating_add(line_rows);
    }
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
