//! From a name to the pixels of its glyphs in visual order, or to nothing when it cannot be
//! drawn big *correctly*.
//!
//! The glyphs are GNU Unifont's (the `unifont` crate: 8×16 or 16×16 pixels for every
//! character of the Basic Multilingual Plane). Before looking them up, the text is put in
//! Normalization Form C (a decomposed `ễ` becomes one precomposed glyph), Arabic letters take
//! their joined contextual forms (`ar-reshaper`, into the presentation forms Unifont draws),
//! and right-to-left runs are laid out in visual order (`unicode-bidi`), cluster by cluster so
//! a mark stays on its letter. A cluster of a base and non-spacing marks (Thai vowels and
//! tones, Hebrew points, a diacritic NFC has no precomposed form for) is drawn by laying the
//! marks' glyphs over the base's, which is how Unifont draws them: in place, in the same cell.
//!
//! Anything else (emoji and their sequences, zero-width joiners, scripts whose letters change
//! shape or order in ways this does not do, a character Unifont lacks) gives `None`, and the
//! caller writes the name as ordinary text instead.

use unicode_bidi::BidiInfo;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unifont::Glyph;

/// Names longer than this many pixels across are never drawn big: a 60-character name is
/// 480 pixels, far wider than any terminal at even the smallest big size.
const WIDEST: usize = 4096;

/// A line of glyphs: one 16-pixel column per `u16` (bit `y` is row `y` from the top), and the
/// rows any glyph uses, so blank rows above and below need not take terminal rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Art {
    pub columns: Vec<u16>,
    /// First row with a lit pixel.
    pub top: u16,
    /// One past the last row with a lit pixel.
    pub bottom: u16,
}

impl Art {
    /// Pixels across.
    #[must_use]
    pub fn width(&self) -> u16 {
        u16::try_from(self.columns.len()).unwrap_or(u16::MAX)
    }

    /// Pixels down, blank rows above and below left out.
    #[must_use]
    pub fn height(&self) -> u16 {
        self.bottom - self.top
    }
}

/// The glyphs of `text` in visual order, or `None` when it cannot be drawn big correctly (or
/// has nothing to draw).
#[must_use]
pub fn shape(text: &str) -> Option<Art> {
    let text: String = text.nfc().collect();
    if text.chars().any(refused) {
        return None;
    }
    let text = if text.chars().any(is_arabic) {
        ar_reshaper::reshape_line(text.as_str())
    } else {
        text
    };
    // A letter the reshaper left in its plain form would be drawn unjoined: wrong.
    if text.chars().any(unjoined_arabic) {
        return None;
    }
    let mut columns = Vec::with_capacity(text.len() * 8);
    for cluster in visual_clusters(&text)? {
        draw_cluster(cluster, &mut columns)?;
        if columns.len() > WIDEST {
            return None;
        }
    }
    let lit = columns.iter().fold(0u16, |all, column| all | column);
    if lit == 0 {
        return None;
    }
    Some(Art {
        columns,
        top: lit.trailing_zeros() as u16,
        bottom: 16 - lit.leading_zeros() as u16,
    })
}

/// The grapheme clusters of a one-line `text` from left to right as shown: right-to-left
/// runs reversed cluster by cluster. `None` for more than one paragraph.
fn visual_clusters(text: &str) -> Option<Vec<&str>> {
    let info = BidiInfo::new(text, None);
    if !info.has_rtl() {
        return Some(text.graphemes(true).collect());
    }
    let [paragraph] = info.paragraphs.as_slice() else {
        return None;
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    let mut clusters = Vec::new();
    for run in runs {
        let graphemes = text[run.clone()].graphemes(true);
        if levels[run.start].is_rtl() {
            clusters.extend(graphemes.rev());
        } else {
            clusters.extend(graphemes);
        }
    }
    Some(clusters)
}

/// Appends the columns of one cluster: its base glyph with any non-spacing marks laid over
/// it, and a spacing mark (Thai `ำ`) as a glyph of its own.
fn draw_cluster(cluster: &str, columns: &mut Vec<u16>) -> Option<()> {
    let mut base: Option<usize> = None;
    for c in cluster.chars() {
        if invisible(c) {
            continue;
        }
        let glyph = unifont::get_glyph(c)?;
        let mark = is_combining_mark(c) && !spacing(c);
        match (mark, base) {
            (false, _) => {
                base = Some(columns.len());
                push_glyph(glyph, columns);
            }
            // A mark with no letter under it would show as a mark floating alone.
            (true, None) => return None,
            (true, Some(at)) => {
                let cell = columns.get_mut(at..)?;
                // A mark of another width than its base (a halfwidth mark on a wide glyph)
                // would land off centre.
                if cell.len() != glyph.get_width() {
                    return None;
                }
                for (x, column) in cell.iter_mut().enumerate() {
                    *column |= glyph_column(glyph, x);
                }
            }
        }
    }
    Some(())
}

fn push_glyph(glyph: &Glyph, columns: &mut Vec<u16>) {
    columns.extend((0..glyph.get_width()).map(|x| glyph_column(glyph, x)));
}

/// Column `x` of `glyph` as 16 bits, bit `y` for row `y`.
fn glyph_column(glyph: &Glyph, x: usize) -> u16 {
    (0..16).fold(0, |column, y| {
        column | (u16::from(glyph.get_pixel(x, y)) << y)
    })
}

/// Characters that are never drawn: the ones that show nothing (`domain::name`, the same
/// list that names are validated and compared by), bidi and joining controls among them, whose
/// steering the steps above have done, once they are past the checks that need them.
fn invisible(c: char) -> bool {
    crate::domain::name::is_invisible(c)
}

/// Characters that make a name impossible to draw big correctly.
fn refused(c: char) -> bool {
    c.is_control()
        // Zero-width joiner and variation selectors: emoji sequences and styled forms.
        || c == '\u{200d}'
        || ('\u{fe00}'..='\u{fe0f}').contains(&c)
        || ('\u{e0100}'..='\u{e01ef}').contains(&c)
        // Outside the Basic Multilingual Plane (emoji, historic scripts): Unifont's crate
        // has none of it.
        || u32::from(c) > 0xffff
        // Scripts whose letters join, reorder or stack in ways that need a shaping engine.
        || needs_shaping(c)
}

/// Syriac, Thaana, N'Ko, the Indic scripts, Tibetan, Myanmar, Khmer, Mongolian and the like.
fn needs_shaping(c: char) -> bool {
    matches!(c,
        '\u{0700}'..='\u{07ff}'
        | '\u{0860}'..='\u{08ff}'
        | '\u{0900}'..='\u{0dff}'
        | '\u{0f00}'..='\u{109f}'
        | '\u{1700}'..='\u{18af}'
        | '\u{1900}'..='\u{1aff}'
        | '\u{1b00}'..='\u{1c4f}'
        | '\u{a800}'..='\u{abff}'
    )
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06ff}').contains(&c)
}

/// An Arabic letter not in a presentation form after reshaping.
fn unjoined_arabic(c: char) -> bool {
    ('\u{0620}'..='\u{064a}').contains(&c) || ('\u{066e}'..='\u{06d3}').contains(&c)
}

/// Marks that take a cell of their own (Thai and Lao `am`).
fn spacing(c: char) -> bool {
    matches!(c, '\u{0e33}' | '\u{0eb3}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Option<usize> {
        shape(text).map(|art| art.columns.len() / 8)
    }

    #[test]
    fn every_script_of_the_forum_has_glyphs() {
        for name in [
            "Łukasz",
            "Nguyễn",
            "Şükrü",
            "Dvořák",
            "Σοφία",
            "Ахмед Иванов",
            "דוד",
            "محمد",
            "王芳",
            "さくら",
            "김민준",
            "สมชาย",
        ] {
            assert!(shape(name).is_some(), "{name}");
        }
    }

    #[test]
    fn decomposed_marks_are_composed_first() {
        assert_eq!(shape("Nguye\u{302}\u{303}n"), shape("Nguyễn"));
        assert_eq!(cells("Nguye\u{302}\u{303}n"), Some(6));
    }

    #[test]
    fn thai_marks_sit_on_their_letter() {
        // ก + sara ii + mai ek: one cell, the marks over the letter.
        assert_eq!(cells("กี่"), Some(1));
    }

    #[test]
    fn wide_scripts_take_two_cells() {
        assert_eq!(cells("王芳"), Some(4));
    }

    #[test]
    fn arabic_is_joined_and_right_to_left() {
        let art = shape("محمد").expect("arabic");
        // Visual order: the final dal comes first, on the left.
        let dal = shape("\u{feaa}").expect("final dal");
        assert_eq!(art.columns[..8], dal.columns[..]);
    }

    #[test]
    fn invisible_characters_draw_nothing() {
        // The ones validation lets inside a name: a word joiner, a soft hyphen, a grapheme
        // joiner, an Arabic letter mark, a Hangul filler.
        assert_eq!(shape("A\u{2060}n\u{ad}a\u{34f}\u{3164}"), shape("Ana"));
        assert_eq!(shape("\u{61c}محمد"), shape("محمد"));
        assert_eq!(shape("\u{2060}\u{ad}"), None);
    }

    #[test]
    fn emoji_and_joiners_are_refused() {
        for name in [
            "Ana 👩‍💻",
            "👍",
            "Bo\u{200d}b",
            "Ana\u{fe0f}",
            "नमस्ते",
            "\u{301}Ana",
            "   ",
        ] {
            assert_eq!(shape(name), None, "{name:?}");
        }
    }
}
