//! How the name and the countdown share the rows between them: the digits as large as they
//! go while the name stays at least a third of their height, so from 80×24 to 400×120 both
//! grow with the terminal and neither dwarfs the other.

use super::lettering::{self, Lettering};
use super::{Size, fit};

/// The digits' size (for `glyphs` glyphs) and the name's lettering in `columns`×`rows`. The
/// name is never taller than the digits; when it cannot be big at all, it takes one row.
#[must_use]
pub fn share(name: &str, glyphs: u16, columns: u16, rows: u16) -> (Size, Lettering) {
    let largest = fit(glyphs, 1, columns, rows.saturating_sub(1), true);
    let mut digits = largest;
    loop {
        let (_, digit_rows) = digits.extent(glyphs, 1);
        let name_rows = rows.saturating_sub(digit_rows).min(digit_rows);
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
    let name_rows = rows.saturating_sub(digit_rows).min(digit_rows);
    (largest, lettering::fit(name, columns, name_rows))
}
