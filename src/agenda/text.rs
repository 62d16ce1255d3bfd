//! Which characters an agenda may not contain, and how to show text that has them.
//!
//! Agenda text ends up on a shared screen and in error messages on the author's terminal, so a
//! control character or a bidi override could rewrite what people see. Agendas are refused when
//! they contain one; everything this module renders escapes them instead of echoing them.

use std::fmt::Write as _;

/// Whether `c` may never appear in agenda text: C0 controls (TAB and line breaks included — they
/// would break the single-line layout of names), DEL, C1 controls, and bidi overrides/isolates.
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can reorder
/// the text around them on screen ("Trojan source"). The bidi marks LRM, RLM and ALM (U+200E,
/// U+200F, U+061C) are not among them: a mark only sets the direction where it stands, as a
/// strong letter would, and right-to-left names may need one.
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may not appear raw anywhere in the file, comments included. TAB and line breaks
/// are ordinary TOML whitespace there; inside strings the decoded-value check catches them.
#[must_use]
pub fn is_forbidden_in_source(c: char) -> bool {
    is_forbidden(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// The first forbidden character of `text` and its byte offset.
#[must_use]
pub fn find_forbidden(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

/// A readable name for a forbidden character, e.g. "the control character U+001B (escape)".
#[must_use]
pub fn describe(c: char) -> String {
    let name = match c {
        '\t' => " (tab)",
        '\n' => " (line feed)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\0' => " (null)",
        _ => "",
    };
    let kind = if is_bidi_control(c) {
        "the bidi control character"
    } else {
        "the control character"
    };
    format!("{kind} U+{:04X}{name}", u32::from(c))
}

/// `text` with every forbidden character written as a Rust-style escape (`\u{1b}`), so that
/// showing it can never change the terminal's state or reorder the line.
#[must_use]
pub fn escape(text: &str) -> String {
    escape_with_span(text, 0..0, false).0
}

/// Like [`escape`], also moving the byte range `span` of `text` onto the escaped string;
/// `keep_tabs` leaves TAB as it is (for source lines, where it is indentation).
#[must_use]
pub fn escape_with_span(
    text: &str,
    span: std::ops::Range<usize>,
    keep_tabs: bool,
) -> (String, std::ops::Range<usize>) {
    let mut out = String::with_capacity(text.len());
    let (mut start, mut end) = (None, None);
    for (offset, c) in text.char_indices() {
        if offset >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if offset >= span.end && end.is_none() {
            end = Some(out.len());
        }
        if is_forbidden(c) && !(keep_tabs && c == '\t') {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// `text` with forbidden characters and whole terminal escape sequences removed, for display
/// of names that did not come through validation (validated agenda text never needs it).
#[must_use]
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' || c == '\u{9b}' {
            skip_escape_sequence(c, &mut chars);
        } else if !is_forbidden(c) {
            out.push(c);
        }
    }
    out
}

/// Drops the rest of an ESC (or CSI) sequence: CSI parameters up to the final byte, OSC/DCS
/// strings up to BEL or ST, or the single character after a plain ESC.
fn skip_escape_sequence(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let introducer = if first == '\u{9b}' {
        '['
    } else {
        match chars.next() {
            Some(c) => c,
            None => return,
        }
    };
    match introducer {
        '[' => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        ']' | 'P' | '_' | '^' | 'X' => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_escape_del_c1_and_bidi_are_forbidden_but_ordinary_text_is_not() {
        for c in [
            '\t', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in [
            'a', 'é', 'ß', '中', ' ', '\u{200d}', '😀', '\u{200e}', '\u{200f}', '\u{61c}',
        ] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn source_allows_tab_and_line_breaks_only() {
        assert!(!is_forbidden_in_source('\t'));
        assert!(!is_forbidden_in_source('\r'));
        assert!(is_forbidden_in_source('\u{0}'));
        assert!(is_forbidden_in_source('\u{202d}'));
    }

    #[test]
    fn escape_writes_controls_as_rust_escapes() {
        assert_eq!(escape("a\u{1b}[31mb\u{202e}"), "a\\u{1b}[31mb\\u{202e}");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn escape_moves_the_span_past_inserted_escapes() {
        let (text, span) = escape_with_span("\u{1b}ab", 1..3, false);
        assert_eq!(text, "\\u{1b}ab");
        assert_eq!(&text[span], "ab");
        let (text, span) = escape_with_span("ab", 2..2, false);
        assert_eq!(span, text.len()..text.len());
    }

    #[test]
    fn sanitize_removes_whole_escape_sequences() {
        assert_eq!(sanitize("A\u{1b}[1;31mna\u{1b}[0m"), "Ana");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]0;t\u{1b}\\y"), "xy");
        assert_eq!(sanitize("B\u{202e}en\t"), "Ben");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn describe_names_the_code_point() {
        assert_eq!(describe('\u{1b}'), "the control character U+001B (escape)");
        assert_eq!(describe('\u{202e}'), "the bidi control character U+202E");
    }
}
