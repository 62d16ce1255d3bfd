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
    // The name beside digits `digit_rows` tall: at most three fifths of them (on a TV that
    // leaves room for a big segment line), as tall as they are on a laptop (no rows to spare
    // there) or when three fifths would leave the name under a third of them.
    let beside = |digit_rows: u16| {
        let room = rows.saturating_sub(digit_rows);
        let most = if digit_rows <= 8 {
            digit_rows
        } else {
            digit_rows * 3 / 5
        };
        let preferred = lettering::fit(name, columns, room.min(most.max(least).min(digit_rows)));
        let preferred_rows = big_rows(name, &preferred);
        if preferred_rows * 3 < digit_rows {
            let fuller = lettering::fit(name, columns, room.min(digit_rows));
            let fuller_rows = big_rows(name, &fuller);
            if fuller_rows > preferred_rows {
                return (fuller, fuller_rows);
            }
        }
        (preferred, preferred_rows)
    };
    let largest = fit(glyphs, 1, columns, rows.saturating_sub(1), true);
    let (_, largest_rows) = largest.extent(glyphs, 1);
    let (first, first_rows) = beside(largest_rows);
    if first_rows * 3 >= largest_rows {
        return (largest, first);
    }
    // The name is under a third of the digits: smaller digits, if that lets it grow enough.
    let mut digits = largest;
    loop {
        let (_, digit_rows) = digits.extent(glyphs, 1);
        // Digits at one cell per pixel are as small as the room should see them.
        if !matches!(digits, Size::Scaled { .. }) || digit_rows <= 8 {
            break;
        }
        digits = fit(glyphs, 1, columns, digit_rows - 1, true);
        let (_, digit_rows) = digits.extent(glyphs, 1);
        let (letters, letter_rows) = beside(digit_rows);
        if letter_rows > first_rows && letter_rows * 3 >= digit_rows {
            return (digits, letters);
        }
    }
    (largest, first)
}

/// Rows of `name` in `letters` when big, 0 when plain.
fn big_rows(name: &str, letters: &Lettering) -> u16 {
    match letters {
        Lettering::Plain => 0,
        Lettering::Big(_) | Lettering::Lines(_) => lettering::rows(name, letters),
    }
}
