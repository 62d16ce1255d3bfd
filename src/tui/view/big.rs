//! Big text at the largest size that fits: the countdown digits and headings here, names and
//! prompts in any script in `lettering` (glyphs from `shape`, scaled by `raster`, kept by
//! `cache`), and how the name and digits share the screen in `share`.
//!
//! tui-big-text draws 8×8 pixel glyphs at a fixed pixel size. Above its `Full` size we draw
//! its font's bitmaps scaled up by whole cells, which keeps the glyphs crisp on a 400×120 TV. Below
//! its smallest useful size we fall back to plain bold text, so nothing ever overflows.

mod cache;
pub mod lettering;
mod lines;
mod raster;
mod shape;
pub mod share;

pub use cache::Last;
pub use raster::Scale;

use font8x8::{BASIC_FONTS, LATIN_FONTS, UnicodeFonts};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::tui::screen::Bands;

/// How a text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// `Full` glyphs, each pixel `sx` cells wide and `sy` cells tall.
    Scaled { sx: u16, sy: u16 },
    /// One of tui-big-text's pixel sizes.
    Pixel(PixelSize),
    /// Ordinary text, one cell per character.
    Plain,
}

/// The pixel sizes we use below `Full`, largest first. Sextants, octants and the other
/// sub-cell sizes need "Symbols for Legacy Computing" glyphs that many terminal fonts lack;
/// plain bold digits read better than boxes of tofu.
const SMALLER: [PixelSize; 3] = [
    PixelSize::HalfHeight,
    PixelSize::HalfWidth,
    PixelSize::Quadrant,
];

impl Size {
    /// Cells taken by one glyph.
    #[must_use]
    pub fn glyph(self) -> (u16, u16) {
        match self {
            Size::Scaled { sx, sy } => (8 * sx, 8 * sy),
            Size::Pixel(PixelSize::HalfHeight) => (8, 4),
            Size::Pixel(PixelSize::HalfWidth) => (4, 8),
            Size::Pixel(PixelSize::Quadrant) => (4, 4),
            Size::Pixel(PixelSize::Sextant) => (4, 3),
            Size::Pixel(PixelSize::ThirdHeight) => (8, 3),
            Size::Pixel(PixelSize::QuarterHeight) => (8, 2),
            Size::Pixel(PixelSize::Octant) => (4, 2),
            Size::Pixel(PixelSize::Full) => (8, 8),
            Size::Plain => (1, 1),
        }
    }

    /// Cells taken by `lines` lines of at most `glyphs` glyphs.
    #[must_use]
    pub fn extent(self, glyphs: u16, lines: u16) -> (u16, u16) {
        let (w, h) = self.glyph();
        (w.saturating_mul(glyphs), h.saturating_mul(lines))
    }
}

/// The largest size at which `lines` lines of `glyphs` glyphs fit in `width`×`height`.
/// `scale` allows sizes above `Full`; `min_height` keeps tiny sizes out where they would not
/// read better than plain text.
#[must_use]
pub fn fit(glyphs: u16, lines: u16, width: u16, height: u16, scale: bool) -> Size {
    let glyphs = glyphs.max(1);
    let lines = lines.max(1);
    let sx = width / glyphs.saturating_mul(8);
    let sy = height / lines.saturating_mul(8);
    if sx >= 1 && sy >= 1 {
        if !scale {
            return Size::Scaled { sx: 1, sy: 1 };
        }
        // A Full pixel is about twice as tall as it is wide; widen it up to square, never
        // make it taller than wide.
        let sy = sy.min(sx);
        let sx = sx.min(sy.saturating_mul(2));
        return Size::Scaled { sx, sy };
    }
    SMALLER
        .into_iter()
        .map(Size::Pixel)
        .find(|size| {
            let (w, h) = size.extent(glyphs, lines);
            w <= width && h <= height
        })
        .unwrap_or(Size::Plain)
}

/// Draws `lines` at `size`, each line centred in `area`; clipped to `area` whatever the size.
pub fn render(lines: &[&str], size: Size, style: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    match size {
        Size::Plain => {
            let text: Vec<Line> = lines.iter().map(|l| Line::from(*l).centered()).collect();
            Paragraph::new(text).style(style).render(area, buf);
        }
        Size::Pixel(pixel) => {
            let (gw, gh) = size.glyph();
            for (row, line) in lines.iter().enumerate() {
                let y = u16::try_from(row).unwrap_or(u16::MAX).saturating_mul(gh);
                let glyphs = u16::try_from(line.chars().count()).unwrap_or(u16::MAX);
                let rect = centred(area, glyphs.saturating_mul(gw), gh, y);
                BigText::builder()
                    .pixel_size(pixel)
                    .style(style)
                    .lines(vec![Line::from(*line)])
                    .build()
                    .render(rect, buf);
            }
        }
        Size::Scaled { sx, sy } => {
            for (row, line) in lines.iter().enumerate() {
                let y = u16::try_from(row)
                    .unwrap_or(u16::MAX)
                    .saturating_mul(8 * sy);
                scaled(line, sx, sy, style, area, y, buf);
            }
        }
    }
}

/// Draws `line` as `render` does, one band per glyph at the scaled sizes (the countdown: a
/// second changes one glyph, the others are kept), one band for the whole at the others.
pub fn render_bands(line: &str, size: Size, style: Style, area: Rect, bands: &mut Bands) {
    let area = area.intersection(bands.area());
    if area.is_empty() {
        return;
    }
    let Size::Scaled { sx, sy } = size else {
        return bands.band(area, ("big", line, size, style), |area, buf| {
            render(&[line], size, style, area, buf);
        });
    };
    // Where `scaled` puts each glyph: the same rectangles, each drawn alone.
    let count = u16::try_from(line.chars().count()).unwrap_or(u16::MAX);
    let glyph_width = 8u16.saturating_mul(sx);
    let target = centred(
        area,
        count.saturating_mul(glyph_width),
        8u16.saturating_mul(sy),
        0,
    );
    let starts = (target.x..target.right()).step_by(usize::from(glyph_width.max(1)));
    for (c, left) in line.chars().zip(starts) {
        let right = left.saturating_add(glyph_width).min(target.right());
        let rect = Rect {
            x: left,
            width: right - left,
            ..target
        };
        bands.band(rect, ("glyph", c, sx, sy, style), |rect, buf| {
            let mut one = [0; 4];
            scaled(c.encode_utf8(&mut one), sx, sy, style, rect, 0, buf);
        });
    }
}

/// The part of `area` that is `width`×`height`, centred horizontally, `dy` rows down.
fn centred(area: Rect, width: u16, height: u16, dy: u16) -> Rect {
    let width = width.min(area.width);
    let x = area.x + (area.width - width) / 2;
    let y = area.y.saturating_add(dy.min(area.height));
    let height = height.min(area.bottom().saturating_sub(y));
    Rect::new(x, y, width, height)
}

/// Draws one line of `Full` glyphs with each pixel an `sx`×`sy` block, straight from the
/// font's bitmaps: what tui-big-text's `Full` size draws, scaled, without a scratch buffer to
/// render and copy every second.
fn scaled(line: &str, sx: u16, sy: u16, style: Style, area: Rect, dy: u16, buf: &mut Buffer) {
    let count = u16::try_from(line.chars().count()).unwrap_or(u16::MAX);
    let glyph_width = 8u16.saturating_mul(sx);
    let target = centred(
        area,
        count.saturating_mul(glyph_width),
        8u16.saturating_mul(sy),
        dy,
    );
    let mut blank = Cell::EMPTY;
    blank.set_style(style);
    let mut lit = blank.clone();
    lit.set_char('█');
    let starts = (target.x..target.right()).step_by(usize::from(glyph_width.max(1)));
    for (c, left) in line.chars().zip(starts) {
        let glyph = bitmap(c);
        let right = left.saturating_add(glyph_width).min(target.right());
        for y in target.top()..target.bottom() {
            let bits = glyph[usize::from((y - target.y) / sy)];
            for x in left..right {
                let pixel = if bits & (1 << ((x - left) / sx)) == 0 {
                    &blank
                } else {
                    &lit
                };
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.clone_from(pixel);
                }
            }
        }
    }
}

/// The 8×8 bitmap of `c` (bit `n` of row `r` is pixel `n` from the left), blank when the font
/// has none. Callers keep these texts to ASCII (digits, headings), which these tables cover.
fn bitmap(c: char) -> [u8; 8] {
    BASIC_FONTS
        .get(c)
        .or_else(|| LATIN_FONTS.get(c))
        .unwrap_or([0; 8])
}
