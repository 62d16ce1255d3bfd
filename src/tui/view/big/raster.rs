//! Glyph pixels onto terminal cells, at a size chosen to fit.
//!
//! A cell is split into 2×2 quarters, each shown by a block element (`▀ ▄ █ ▌ ▐ ▘ ▗ …`). A
//! font pixel covers `across`×`down` quarters. With `across = 2 × down` a pixel is square on a
//! terminal (cells are about twice as tall as wide) and only the half blocks `▀ ▄ █` appear,
//! like the digits; the smallest size, one quarter per pixel, draws tall narrow letters with
//! the quadrant blocks and still fits a 12-letter name in 48 columns.

use super::shape::Art;

/// Quarters of a cell per font pixel, across and down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scale {
    pub across: u16,
    pub down: u16,
}

impl Scale {
    /// Cells taken by `width`×`height` pixels.
    #[must_use]
    pub fn cells(self, width: u16, height: u16) -> (u16, u16) {
        (
            u16::try_from((u32::from(width) * u32::from(self.across)).div_ceil(2))
                .unwrap_or(u16::MAX),
            u16::try_from((u32::from(height) * u32::from(self.down)).div_ceil(2))
                .unwrap_or(u16::MAX),
        )
    }
}

/// The largest scale at which `width`×`height` pixels fit in `columns`×`rows` cells: as tall
/// as possible, then as wide as possible up to square pixels (in whole cells where it can),
/// never wider than square nor more than twice as tall as wide. `None` when even one quarter per pixel is too big.
#[must_use]
pub fn fit(width: u16, height: u16, columns: u16, rows: u16) -> Option<Scale> {
    let width = u32::from(width.max(1));
    let height = u32::from(height.max(1));
    let across_max = u32::from(columns) * 2 / width;
    let down_max = (u32::from(rows) * 2 / height).min(across_max);
    if down_max == 0 {
        return None;
    }
    let down = down_max;
    let mut across = across_max.min(down * 2);
    // An even number of quarters keeps pixels on whole cells, drawn with half blocks only
    // (crisper, like the digits), unless that would make pixels taller than twice their width.
    if across % 2 == 1 && across > down {
        across -= 1;
    }
    Some(Scale {
        across: u16::try_from(across).unwrap_or(u16::MAX),
        down: u16::try_from(down).unwrap_or(u16::MAX),
    })
}

/// The cells of `art`'s rows `top..bottom` at `scale`, row by row: for each, which of its
/// quarters are lit (an index into `QUARTERS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u16,
    pub height: u16,
    pub cells: Vec<u8>,
}

/// Block elements by the quarters they fill: bit 0 top left, 1 top right, 2 bottom left,
/// 3 bottom right.
pub const QUARTERS: [char; 16] = [
    ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
];

/// Draws `art`'s rows `top..bottom` at `scale`.
#[must_use]
pub fn raster(art: &Art, top: u16, bottom: u16, scale: Scale) -> Raster {
    let (width, height) = scale.cells(art.width(), bottom.saturating_sub(top));
    let across = u32::from(scale.across.max(1));
    let down = u32::from(scale.down.max(1));
    let pixel = |qx: u32, qy: u32| -> bool {
        let x = (qx / across) as usize;
        let y = u32::from(top) + qy / down;
        y < u32::from(bottom)
            && art
                .columns
                .get(x)
                .is_some_and(|column| column >> y & 1 == 1)
    };
    let mut cells = Vec::with_capacity(usize::from(width) * usize::from(height));
    for row in 0..u32::from(height) {
        for column in 0..u32::from(width) {
            let (qx, qy) = (column * 2, row * 2);
            let quarters = u8::from(pixel(qx, qy))
                | u8::from(pixel(qx + 1, qy)) << 1
                | u8::from(pixel(qx, qy + 1)) << 2
                | u8::from(pixel(qx + 1, qy + 1)) << 3;
            cells.push(quarters);
        }
    }
    Raster {
        width,
        height,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_prefers_height_then_square_pixels() {
        // 24×10 pixels ("Ana") in 78×8 cells: 1 quarter down (5 rows), 2 across (square).
        assert_eq!(fit(24, 10, 78, 8), Some(Scale { across: 2, down: 1 }));
        // 96 pixels across in 78 columns: only a quarter per pixel.
        assert_eq!(fit(96, 12, 78, 8), Some(Scale { across: 1, down: 1 }));
        assert_eq!(fit(480, 12, 78, 8), None);
        assert_eq!(fit(24, 10, 198, 20), Some(Scale { across: 8, down: 4 }));
    }

    #[test]
    fn square_pixels_draw_with_half_blocks() {
        let art = Art {
            columns: vec![0b01, 0b10, 0b11],
            top: 0,
            bottom: 2,
        };
        let raster = raster(&art, 0, 2, Scale { across: 2, down: 1 });
        let chars = |r: &Raster| {
            r.cells
                .iter()
                .map(|&q| QUARTERS[usize::from(q)])
                .collect::<Vec<_>>()
        };
        assert_eq!(chars(&raster), ['▀', '▄', '█']);
        let quarter = super::raster(&art, 0, 2, Scale { across: 1, down: 1 });
        assert_eq!(chars(&quarter), ['▚', '▌']);
    }
}
