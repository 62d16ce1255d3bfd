//! Names as people see them (SPEC §3, §5): which characters draw nothing, whether a name shows
//! anything, where it begins and ends, and when two names are the same person.
//!
//! Only Unicode facts live here; `crate::agenda` decides what to refuse and says so, and the
//! big-name renderer skips the same invisible characters, so every part agrees on what a name
//! looks like.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Code points that draw nothing: Unicode's `Default_Ignorable_Code_Point`
/// (`DerivedCoreProperties.txt`) and the format characters (`General_Category=Cf`) of
/// Unicode 16, as sorted inclusive ranges. Left out are the format characters that do draw,
/// the `Prepended_Concatenation_Mark`s (U+0600–U+0605, U+06DD, U+070F, U+0890–U+0891,
/// U+08E2, U+110BD, U+110CD: signs spanning the digits after them). No crate this project
/// builds with exposes either property, and the list changes rarely: Unicode reserves whole
/// blocks (U+2065, U+FFF0–U+FFF8, U+E0000–U+E0FFF) for future invisible characters.
pub const INVISIBLE: &[(char, char)] = &[
    ('\u{ad}', '\u{ad}'),       // soft hyphen
    ('\u{34f}', '\u{34f}'),     // combining grapheme joiner
    ('\u{61c}', '\u{61c}'),     // Arabic letter mark
    ('\u{115f}', '\u{1160}'),   // Hangul choseong and jungseong fillers
    ('\u{17b4}', '\u{17b5}'),   // Khmer inherent vowels
    ('\u{180b}', '\u{180f}'),   // Mongolian variation selectors, vowel separator
    ('\u{200b}', '\u{200f}'),   // zero width space, ZWNJ, ZWJ, LRM, RLM
    ('\u{202a}', '\u{202e}'),   // bidi embeddings and overrides
    ('\u{2060}', '\u{206f}'),   // word joiner, invisible operators, bidi isolates, …
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{fe00}', '\u{fe0f}'),   // variation selectors
    ('\u{feff}', '\u{feff}'),   // zero width no-break space (BOM)
    ('\u{ffa0}', '\u{ffa0}'),   // halfwidth Hangul filler
    ('\u{fff0}', '\u{fffb}'),   // reserved, interlinear annotation controls
    ('\u{13430}', '\u{1343f}'), // Egyptian hieroglyph format controls
    ('\u{1bca0}', '\u{1bca3}'), // shorthand format controls
    ('\u{1d173}', '\u{1d17a}'), // musical beam and phrase controls
    ('\u{e0000}', '\u{e0fff}'), // tags, variation selectors 17–256, reserved
];

/// Whether `c` draws nothing by itself (see [`INVISIBLE`]); white space is not counted here.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    INVISIBLE
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The bidi marks LRM, RLM and ALM: invisible, but they set which way the text next to them
/// reads (a leading LRM keeps `(בן) Ana` left to right), so a name keeps them where written.
/// Unlike embeddings, overrides and isolates they open no run that could reorder the rest.
#[must_use]
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Whether `text` shows nothing: only white space and invisible characters.
#[must_use]
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// `name` without what shows nothing at either end: white space and invisible characters,
/// cluster by cluster, so a variation selector or a tag sequence that changes the character
/// before it (the emoji form of `❤`, a flag) stays with it. Bidi marks stay (see
/// [`is_bidi_mark`]).
#[must_use]
pub fn trim(name: &str) -> &str {
    let empty = |cluster: &str| {
        cluster
            .chars()
            .all(|c| c.is_whitespace() || (is_invisible(c) && !is_bidi_mark(c)))
    };
    let mut clusters = name.grapheme_indices(true).filter(|(_, g)| !empty(g));
    let Some((start, first)) = clusters.next() else {
        return "";
    };
    let end = clusters
        .next_back()
        .map_or(start + first.len(), |(at, g)| at + g.len());
    &name[start..end]
}

/// The first visible character of `name` when it is a combining mark, which then has no letter
/// to sit on (an accent floating before the name).
#[must_use]
pub fn lone_mark(name: &str) -> Option<char> {
    name.chars()
        .find(|&c| !c.is_whitespace() && !is_invisible(c))
        .filter(|&c| is_combining_mark(c))
}

/// Whether two member names are the same person (SPEC §3): equal once folded. The one rule for
/// the agenda's duplicates, `--members`, guests, spotlight speakers and the history's records.
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    folded(a) == folded(b)
}

/// A name as compared: invisible characters dropped (ZWJ and ZWNJ too: they may shape a name
/// but must not make two names of the same letters two people), runs of white space made one
/// space, Unicode NFC so that `José` with a precomposed `é` and with `e` plus a combining
/// accent are one name, then lower case (renormalised, since lowering can leave a decomposed
/// sequence).
fn folded(name: &str) -> String {
    let visible: String = name.chars().filter(|&c| !is_invisible(c)).collect();
    let spaced = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = spaced.nfc().collect::<String>().to_lowercase();
    lower.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_are_sorted_and_apart() {
        for pair in INVISIBLE.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn every_format_character_but_the_prepended_marks_is_invisible() {
        use unicode_general_category::{GeneralCategory, get_general_category};
        let prepended = [
            0x600..=0x605,
            0x6dd..=0x6dd,
            0x70f..=0x70f,
            0x890..=0x891,
            0x8e2..=0x8e2,
            0x110bd..=0x110bd,
            0x110cd..=0x110cd,
        ];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if get_general_category(c) == GeneralCategory::Format {
                let drawn = prepended.iter().any(|r| r.contains(&u32::from(c)));
                assert_eq!(is_invisible(c), !drawn, "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn letters_marks_spaces_and_symbols_are_not_invisible() {
        for c in [
            'a', 'é', 'ß', '中', 'ש', 'ب', '\u{301}', ' ', '\u{a0}', '😀', '\u{600}',
        ] {
            assert!(!is_invisible(c), "{c:?}");
        }
        for c in [
            '\u{200b}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{ad}',
            '\u{e007f}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn a_name_is_blank_when_nothing_in_it_shows() {
        assert!(is_blank(" \u{200b}\u{2060}\u{feff}\u{ad}\u{200f}\u{3000}"));
        assert!(is_blank(""));
        assert!(!is_blank("\u{200b}A"));
        assert!(!is_blank("\u{301}"));
    }

    #[test]
    fn trimming_keeps_what_changes_a_neighbour_and_the_bidi_marks() {
        assert_eq!(trim(" \u{feff}Ana\u{200b}\u{2060} "), "Ana");
        assert_eq!(trim("Ana \u{2764}\u{fe0f}\u{200b}"), "Ana \u{2764}\u{fe0f}");
        assert_eq!(trim("\u{200e}(בן) Ana "), "\u{200e}(בן) Ana");
        assert_eq!(trim("A\u{200b}na"), "A\u{200b}na");
        assert_eq!(trim(" \u{200b} "), "");
    }

    #[test]
    fn a_lone_mark_is_the_first_thing_that_shows() {
        assert_eq!(lone_mark("\u{200b}\u{301}Ana"), Some('\u{301}'));
        assert_eq!(lone_mark("\u{200d}\u{93e}"), Some('\u{93e}'));
        assert_eq!(lone_mark("Jose\u{301}"), None);
        assert_eq!(
            lone_mark("\u{fe0f}Ana"),
            None,
            "a variation selector is invisible"
        );
    }

    #[test]
    fn names_compare_by_what_shows() {
        assert!(same_name("Ana", "A\u{200b}na\u{2060}"));
        assert!(same_name("Ana Lopez", " ana\u{a0}\u{a0}LOPEZ\u{feff}"));
        assert!(same_name("Jos\u{e9}", "jose\u{200b}\u{301}"));
        assert!(same_name("می‌خواهم", "میخواهم"));
        assert!(!same_name("Ana", "Anna"));
        assert!(!same_name("Ana Lopez", "AnaLopez"));
    }
}
