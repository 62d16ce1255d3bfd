//! How the name and the countdown share the rows between them: the digits as large as they
//! go while the name stays between a third and three fifths of their height (or at its smallest
//! big size), so from 80×24 to 400×120 both grow with the terminal and neither dwarfs the
//! other; what is left may make the segment line big (`live`).

use super::lettering::{self, Lettering};
use super::{Size, fit};

/// The digits' size (for `glyphs` glyphs) and the name's lettering in `columns`×`rows`. The
/// name is never taller than the digits; when it cannot be big at all, it takes one row.
#[must_use]
pub fn share(name: &str, glyphs: u16, columns: u16, rows: u16) -> (Size, Lettering) {
    let least = lettering::least_rows(name);
    // As tall as the digits at their smallest (a laptop has no rows to spare for anything
    // else); above that at most three fifths of them, which on a TV leaves room for a big
    // segment line; and never below the name's smallest big size.
    let room = |digit_rows: u16| {
        let most = if digit_rows <= 8 {
            digit_rows
        } else {
            digit_rows * 3 / 5
        };
        rows.saturating_sub(digit_rows)
            .min(most.max(least).min(digit_rows))
    };
    let largest = fit(glyphs, 1, columns, rows.saturating_sub(1), true);
    let mut digits = largest;
    loop {
        let (_, digit_rows) = digits.extent(glyphs, 1);
        let name_rows = room(digit_rows);
        let letters = lettering::fit(name, columns, name_rows);
        if letters != Lettering::Plain && lettering::rows(name, letters) * 3 >= digit_rows {
            return (digits, letters);
        }
        // Digits at one cell per pixel are as small as the room should see them.
        if !matches!(digits, Size::Scaled { .. }) || digit_rows <= 8 {
            break;
        }
        digits = fit(glyphs, 1, columns, digit_rows - 1, true);
    }
    let (_, digit_rows) = largest.extent(glyphs, 1);
    (largest, lettering::fit(name, columns, room(digit_rows)))
}
