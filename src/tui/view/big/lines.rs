//! A long name broken onto two or three big lines, on word boundaries, when that draws it
//! bigger than one line can: a 60-letter name is too wide for one big line at 200 columns.
//!
//! Lines are broken in logical order and each is shaped alone (`shape`: its own bidi order and
//! Arabic joining), which is how a right-to-left paragraph is laid out line by line; words are
//! never broken, so no joined letters are parted.

use super::cache;
use super::lettering::Wrapped;
use super::raster::{self, Scale};
use crate::text;

/// Most lines a name is broken onto.
const MOST: u16 = 3;

/// The best of `name` on two or three lines in `columns`×`rows`, its lines kept so that
/// sizing and drawing need not break it again. `None` when no break is possible or none fits.
#[must_use]
pub fn fit(name: &str, columns: u16, rows: u16) -> Option<Wrapped> {
    let mut best: Option<Wrapped> = None;
    for count in 2..=MOST {
        let Some(per_line) = balanced(name, count) else {
            break;
        };
        let lines = text::wrap(name, usize::from(per_line));
        let Some((width, top, bottom)) = extent(&lines) else {
            continue;
        };
        let shown = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let Some(scale) = raster::fit(width, bottom - top, columns, rows / shown) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| area(scale) > area(b.scale)) {
            best = Some(Wrapped {
                scale,
                lines,
                width,
                top,
                bottom,
            });
        }
    }
    best
}

/// Pixels a font pixel covers, in quarters of a cell: how big a scale draws.
#[must_use]
pub fn area(scale: Scale) -> u32 {
    u32::from(scale.across) * u32::from(scale.down)
}

/// The narrowest line width in columns that puts `name` on at most `lines` lines without
/// breaking a word; `None` when it is one word, or already fits on fewer lines that way.
fn balanced(name: &str, lines: u16) -> Option<u16> {
    let widest_word = name.split_whitespace().map(text::width).max().unwrap_or(0);
    let total = text::width(name);
    let mut per_line = total.div_ceil(usize::from(lines)).max(widest_word).max(1);
    while per_line < total {
        let count = text::wrap(name, per_line).len();
        if count < usize::from(lines) {
            // Fewer lines at this width: the smaller count covers it.
            return None;
        }
        if count == usize::from(lines) {
            return u16::try_from(per_line).ok();
        }
        per_line += 1;
    }
    None
}

/// The widest line's pixels and the pixel rows any line uses, when every line can be drawn.
pub fn extent(lines: &[String]) -> Option<(u16, u16, u16)> {
    let mut all = (0u16, 16u16, 0u16);
    for line in lines {
        let (width, top, bottom) =
            cache::with_art(line, |art| art.map(|a| (a.width(), a.top, a.bottom)))?;
        all = (all.0.max(width), all.1.min(top), all.2.max(bottom));
    }
    (all.2 > all.1).then_some(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(name: &str, per_line: u16) -> Vec<String> {
        text::wrap(name, usize::from(per_line))
    }

    const LONG: &str = "Maximiliana Alexandra Josephine Konstantina von Habsburg-Lot";

    #[test]
    fn a_long_name_breaks_between_words_into_even_lines() {
        let two = balanced(LONG, 2).expect("two lines");
        assert_eq!(
            split(LONG, two),
            [
                "Maximiliana Alexandra Josephine",
                "Konstantina von Habsburg-Lot"
            ]
        );
        let three = balanced(LONG, 3).expect("three lines");
        assert_eq!(split(LONG, three).len(), 3);
        assert_eq!(balanced("Ana", 2), None);
        assert_eq!(
            balanced("Ana Bo", 3),
            None,
            "two words make two lines at most"
        );
    }

    #[test]
    fn two_lines_draw_a_long_name_where_one_cannot() {
        // 480 pixels on one line: wider than 198 columns at any big size.
        let wrapped = fit(LONG, 198, 40).expect("big on lines");
        let (scale, line_rows) = (wrapped.scale, wrapped.line_rows());
        let lines = u16::try_from(wrapped.lines.len()).expect("a few lines");
        assert!(lines >= 2 && lines * line_rows <= 40);
        assert!(scale.down >= 1);
    }

    #[test]
    fn each_line_of_a_right_to_left_name_is_shaped_alone() {
        let name = "محمد بن عبد الله";
        let per_line = balanced(name, 2).expect("two lines");
        let lines = split(name, per_line);
        assert_eq!(lines, ["محمد بن", "عبد الله"]);
        assert!(extent(&lines).is_some());
    }
}
